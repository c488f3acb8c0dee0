//! The data chapter 5's network learns: XOR's four cases. Chapter 7 times
//! its training on them.

use chapter_04::ndarray::{Array2, array};

// ANCHOR: data
/// The four XOR cases, each an input column `[a, b]` and a 1 × 1 target:
/// the output is 1 when exactly one input is 1.
#[must_use]
pub fn xor_samples() -> Vec<(Array2<f64>, Array2<f64>)> {
    vec![
        (array![[0.0], [0.0]], array![[0.0]]),
        (array![[0.0], [1.0]], array![[1.0]]),
        (array![[1.0], [0.0]], array![[1.0]]),
        (array![[1.0], [1.0]], array![[0.0]]),
    ]
}
// ANCHOR_END: data

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_are_the_four_rows_of_the_truth_table() {
        let samples = xor_samples();
        let mut inputs = Vec::new();
        for (x, y) in &samples {
            assert_eq!(x.dim(), (2, 1), "each input is a column of two");
            assert_eq!(y.dim(), (1, 1), "each target is a single number");
            let (a, b) = (x[[0, 0]], x[[1, 0]]);
            assert!([0.0, 1.0].contains(&a) && [0.0, 1.0].contains(&b));
            let xor = if a == b { 0.0 } else { 1.0 };
            assert_eq!(y[[0, 0]], xor, "target for ({a}, {b})");
            inputs.push((a.to_bits(), b.to_bits()));
        }
        inputs.sort_unstable();
        inputs.dedup();
        assert_eq!(inputs.len(), 4, "all four input pairs, each once");
    }
}

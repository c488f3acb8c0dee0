//! XOR's four cases and the 2-3-1 network that learns them. Chapter 7
//! times its training on them.

use chapter_04::ndarray::{Array2, array};
use chapter_04::{Activation, Dense, Network, seeded_rng};

use crate::TrainableNetwork;

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

// ANCHOR: network
/// The two dense layers of the XOR network, drawn from `seeded_rng(seed)`:
/// two inputs → three hidden neurons → one output.
#[must_use]
pub fn xor_layers(seed: u64) -> [Dense; 2] {
    let mut rng = seeded_rng(seed);
    [Dense::random(2, 3, &mut rng), Dense::random(3, 1, &mut rng)]
}

/// The 2-3-1 network: dense, tanh, dense, tanh.
#[must_use]
pub fn xor_network(seed: u64) -> TrainableNetwork {
    let [hidden, output] = xor_layers(seed);
    Network::new(vec![
        Box::new(hidden),
        Box::new(Activation::tanh()),
        Box::new(output),
        Box::new(Activation::tanh()),
    ])
}
// ANCHOR_END: network

#[cfg(test)]
mod tests {
    use super::*;
    use chapter_04::Layer;

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

    #[test]
    fn the_layers_are_2_3_1_drawn_from_the_seed() {
        let [hidden, output] = xor_layers(5);
        assert_eq!(hidden.weights().dim(), (3, 2));
        assert_eq!(output.weights().dim(), (1, 3));
        let mut rng = seeded_rng(5);
        assert_eq!(hidden, Dense::random(2, 3, &mut rng));
        assert_eq!(output, Dense::random(3, 1, &mut rng));
        assert_ne!(xor_layers(6), xor_layers(5));
    }

    #[test]
    fn the_network_is_tanh_of_each_layer() {
        let [hidden, output] = xor_layers(2);
        let network = xor_network(2);
        assert_eq!(network.layers().len(), 4);
        for (x, _) in xor_samples() {
            let by_hand = output
                .forward(&hidden.forward(&x).unwrap().mapv(f64::tanh))
                .unwrap()
                .mapv(f64::tanh);
            assert_eq!(network.predict(&x).unwrap(), by_hand);
        }
    }
}

//! Chapter 8's tests, in one test binary (one link per build, which keeps
//! `cargo test` and mutation testing quick): one module per function of the
//! exercise, in the order of the page's hints, then the fused loss and the
//! digits network.

mod backward;
mod cross_entropy_gradient;
mod cross_entropy_loss;
mod digits;
mod fused;
mod jacobian;
mod probabilities;
mod probabilities_properties;
mod smooth_labels;

/// Random logits, targets and predictions for the property tests.
pub mod strategies {
    use chapter_08::ndarray::Array2;
    use proptest::prelude::*;

    /// `(classes, samples)`: 2 to 6 classes (softmax of one class is
    /// always 1, which hides everything), 1 to 4 samples.
    pub fn shape() -> impl Strategy<Value = (usize, usize)> {
        (2..=6_usize, 1..=4_usize)
    }

    /// Logits from -6 to 6, so that probabilities range from near 0 to
    /// near 1.
    pub fn logits(rows: usize, columns: usize) -> impl Strategy<Value = Array2<f64>> {
        prop::collection::vec(-6.0..6.0_f64, rows * columns).prop_map(move |values| {
            Array2::from_shape_vec((rows, columns), values).expect("length matches")
        })
    }

    /// Columns that are probability distributions with every entry at
    /// least about `floor / rows`: positive weights divided by their sum.
    pub fn distributions(
        rows: usize,
        columns: usize,
        floor: f64,
    ) -> impl Strategy<Value = Array2<f64>> {
        prop::collection::vec(floor..1.0_f64, rows * columns).prop_map(move |values| {
            let mut array =
                Array2::from_shape_vec((rows, columns), values).expect("length matches");
            for mut column in array.columns_mut() {
                let sum = column.sum();
                column /= sum;
            }
            array
        })
    }

    /// One-hot columns: a random class for each sample.
    pub fn one_hot(rows: usize, columns: usize) -> impl Strategy<Value = Array2<f64>> {
        prop::collection::vec(0..rows, columns).prop_map(move |classes| {
            Array2::from_shape_fn((rows, columns), |(row, column)| {
                if classes[column] == row { 1.0 } else { 0.0 }
            })
        })
    }

    /// Logits and a target of the same shape: one-hot or any distribution.
    pub fn logits_and_target() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
        shape().prop_flat_map(|(rows, columns)| {
            (
                logits(rows, columns),
                prop_oneof![one_hot(rows, columns), distributions(rows, columns, 0.0)],
            )
        })
    }
}

//! The dense (fully connected) layer, forward: `Y = W X + B`.

use ndarray::{Array2, ArrayViewMut2};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::{Layer, ShapeError};

// ANCHOR: dense
/// A dense layer with `i` inputs and `j` outputs.
///
/// It holds one weight `w_ji` for every (output `j`, input `i`) pair and one
/// bias `b_j` for every output:
///
/// * `weights`: `W`, shape `(j, i)`, one row per output, one column per input;
/// * `biases`: `B`, shape `(j, 1)`, one row per output.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    weights: Array2<f64>,
    biases: Array2<f64>,
}
// ANCHOR_END: dense

impl Dense {
    // ANCHOR: new
    /// A dense layer with the given weights `W` (shape `(j, i)`) and biases
    /// `B` (shape `(j, 1)`).
    ///
    /// Fails if the layer would have no inputs or no outputs, or if `B` does
    /// not have one row per row of `W`.
    pub fn new(weights: Array2<f64>, biases: Array2<f64>) -> Result<Self, ShapeError> {
        let (outputs, inputs) = weights.dim();
        let context = "dense layer, new";
        if outputs == 0 || inputs == 0 {
            return Err(ShapeError::new(
                context,
                "weights W",
                "(j, i) with j ≥ 1 outputs and i ≥ 1 inputs: a layer with nothing to compute is a mistake",
                weights.dim(),
            ));
        }
        if biases.dim() != (outputs, 1) {
            return Err(ShapeError::new(
                context,
                "biases B",
                format!("({outputs}, 1): one bias per output, as W has {outputs} rows"),
                biases.dim(),
            ));
        }
        Ok(Self { weights, biases })
    }
    // ANCHOR_END: new

    // ANCHOR: random
    /// A dense layer with `inputs` inputs and `outputs` outputs whose weights
    /// and biases are drawn from the standard normal distribution (mean 0,
    /// variance 1), using `rng`.
    ///
    /// Chapter 6 shows why real networks scale these numbers down.
    ///
    /// # Panics
    /// If `inputs` or `outputs` is zero.
    pub fn random<R: Rng + ?Sized>(inputs: usize, outputs: usize, rng: &mut R) -> Self {
        assert!(
            inputs > 0 && outputs > 0,
            "a dense layer needs at least one input and one output, got {inputs} inputs and {outputs} outputs"
        );
        let weights = Array2::from_shape_fn((outputs, inputs), |_| StandardNormal.sample(rng));
        let biases = Array2::from_shape_fn((outputs, 1), |_| StandardNormal.sample(rng));
        Self { weights, biases }
    }
    // ANCHOR_END: random

    /// The number of inputs `i`.
    #[must_use]
    pub fn inputs(&self) -> usize {
        self.weights.ncols()
    }

    /// The number of outputs `j`.
    #[must_use]
    pub fn outputs(&self) -> usize {
        self.weights.nrows()
    }

    /// The weights `W`, shape `(j, i)`.
    #[must_use]
    pub fn weights(&self) -> &Array2<f64> {
        &self.weights
    }

    /// The biases `B`, shape `(j, 1)`.
    #[must_use]
    pub fn biases(&self) -> &Array2<f64> {
        &self.biases
    }

    /// Mutable views of `(W, B)`, for training (chapter 5).
    ///
    /// Views let a caller change the numbers but not the shapes, so a layer
    /// can never end up with weights and biases that do not fit each other.
    pub fn parameters_mut(&mut self) -> (ArrayViewMut2<'_, f64>, ArrayViewMut2<'_, f64>) {
        (self.weights.view_mut(), self.biases.view_mut())
    }

    /// Check that `input` has one row per input of this layer.
    ///
    /// Every later chapter that works with this layer's input uses it, so the
    /// message is the same everywhere.
    pub fn check_input(&self, input: &Array2<f64>, pass: &str) -> Result<(), ShapeError> {
        if input.nrows() == self.inputs() && input.ncols() > 0 {
            Ok(())
        } else {
            Err(ShapeError::new(
                format!("{}, {pass}", self.name()),
                "input X",
                format!(
                    "({}, n): one row per input of the layer, one column per sample (n ≥ 1)",
                    self.inputs()
                ),
                input.dim(),
            ))
        }
    }
}

// ANCHOR: forward
impl Layer for Dense {
    fn name(&self) -> String {
        format!(
            "dense layer ({} → {})",
            count(self.inputs(), "input"),
            count(self.outputs(), "output")
        )
    }

    /// `Y = W X + B`: `W` is `(j, i)`, `X` is `(i, n)`, so `W X` is `(j, n)`,
    /// and the bias column `B` is added to every column.
    fn forward(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError> {
        self.check_input(input, "forward")?;
        Ok(self.weights.dot(input) + &self.biases)
    }
}
// ANCHOR_END: forward

/// `1 input`, `3 inputs`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::array;

    mod new {
        use super::*;

        #[test]
        fn rejects_biases_that_do_not_match_the_rows_of_w() {
            let error = Dense::new(Array2::zeros((3, 2)), Array2::zeros((2, 1))).unwrap_err();
            assert_eq!(error.array, "biases B");
            assert_eq!(error.found, (2, 1));
            assert!(error.expected.starts_with("(3, 1)"), "{error}");
        }

        #[test]
        fn rejects_biases_given_as_a_row() {
            let error = Dense::new(Array2::zeros((3, 2)), Array2::zeros((1, 3))).unwrap_err();
            assert_eq!(error.found, (1, 3));
        }

        #[test]
        fn rejects_a_layer_without_inputs_or_outputs() {
            assert!(Dense::new(Array2::zeros((0, 2)), Array2::zeros((0, 1))).is_err());
            assert!(Dense::new(Array2::zeros((3, 0)), Array2::zeros((3, 1))).is_err());
        }

        #[test]
        fn keeps_the_given_parameters() {
            let w = array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]];
            let b = array![[0.1], [-0.2], [0.3]];
            let layer = Dense::new(w.clone(), b.clone()).unwrap();
            assert_eq!(layer.weights(), &w);
            assert_eq!(layer.biases(), &b);
            assert_eq!((layer.inputs(), layer.outputs()), (2, 3));
        }
    }

    mod random {
        use super::*;
        use crate::seeded_rng;

        #[test]
        fn has_the_requested_shapes() {
            let layer = Dense::random(4, 3, &mut seeded_rng(7));
            assert_eq!(layer.weights().dim(), (3, 4));
            assert_eq!(layer.biases().dim(), (3, 1));
        }

        #[test]
        fn is_reproducible_from_the_seed() {
            let a = Dense::random(5, 4, &mut seeded_rng(11));
            let b = Dense::random(5, 4, &mut seeded_rng(11));
            let c = Dense::random(5, 4, &mut seeded_rng(12));
            assert_eq!(a, b);
            assert_ne!(a, c);
        }

        #[test]
        fn draws_from_a_standard_normal() {
            let layer = Dense::random(100, 100, &mut seeded_rng(3));
            let n = layer.weights().len() as f64;
            let mean = layer.weights().sum() / n;
            let variance = layer.weights().mapv(|w| (w - mean).powi(2)).sum() / n;
            assert!(mean.abs() < 0.05, "mean {mean}");
            assert!((variance - 1.0).abs() < 0.05, "variance {variance}");
        }

        #[test]
        #[should_panic(expected = "at least one input and one output")]
        fn panics_on_zero_inputs() {
            let _ = Dense::random(0, 3, &mut seeded_rng(1));
        }
    }

    mod forward {
        use super::*;

        #[test]
        fn computes_w_x_plus_b_by_hand() {
            // y_1 = 0.5·2 + (-1.5)·(-3) + 0.1 = 5.6
            // y_2 = 2·2 + 0.25·(-3) - 0.2 = 3.05
            // y_3 = -0.75·2 + 3·(-3) + 0.3 = -10.2
            let layer = Dense::new(
                array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
                array![[0.1], [-0.2], [0.3]],
            )
            .unwrap();
            let y = layer.forward(&array![[2.0], [-3.0]]).unwrap();
            assert_abs_diff_eq!(y, array![[5.6], [3.05], [-10.2]], epsilon = 1e-12);
        }

        #[test]
        fn one_input_one_output_is_the_line_y_equals_m_x_plus_b() {
            let (m, b) = (1.75, -0.4);
            let layer = Dense::new(array![[m]], array![[b]]).unwrap();
            for x in [-2.0, 0.3, 5.0] {
                let y = layer.forward(&array![[x]]).unwrap();
                assert_abs_diff_eq!(y[[0, 0]], m * x + b, epsilon = 1e-12);
            }
        }

        #[test]
        fn rejects_an_input_with_the_wrong_number_of_rows() {
            let layer = Dense::random(2, 3, &mut crate::seeded_rng(1));
            let error = layer.forward(&Array2::zeros((3, 1))).unwrap_err();
            assert_eq!(
                error.to_string(),
                "dense layer (2 inputs → 3 outputs), forward: input X should have shape \
                 (2, n): one row per input of the layer, one column per sample (n ≥ 1), \
                 but has shape (3, 1)"
            );
        }

        #[test]
        fn rejects_an_input_given_as_a_row() {
            let layer = Dense::random(3, 2, &mut crate::seeded_rng(1));
            let error = layer.forward(&Array2::zeros((1, 3))).unwrap_err();
            assert_eq!(error.found, (1, 3));
        }

        #[test]
        fn rejects_an_input_with_no_samples() {
            let layer = Dense::random(3, 2, &mut crate::seeded_rng(1));
            assert!(layer.forward(&Array2::zeros((3, 0))).is_err());
        }
    }
}

//! The dense (fully connected) layer, forward: `Y = W X + B`.

use ndarray::{Array2, ArrayViewMut2};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::{Layer, ShapeError};

// ANCHOR: dense
/// A dense layer with `n_x` inputs and `n_y` outputs.
///
/// It holds one weight `w_ji` for every (output `j`, input `i`) pair and one
/// bias `b_j` for every output:
///
/// * `weights`: `W`, shape `(n_y, n_x)`, one row per output, one column per input;
/// * `biases`: `B`, shape `(n_y, 1)`, one row per output.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    weights: Array2<f64>,
    biases: Array2<f64>,
}
// ANCHOR_END: dense

impl Dense {
    // ANCHOR: new
    /// A dense layer with the given weights `W` (shape `(n_y, n_x)`) and biases
    /// `B` (shape `(n_y, 1)`).
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
                "(n_y, n_x) with n_y, n_x ≥ 1: a layer with nothing to compute is a mistake",
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

    /// The weights `W`, shape `(n_y, n_x)`.
    #[must_use]
    pub fn weights(&self) -> &Array2<f64> {
        &self.weights
    }

    /// The biases `B`, shape `(n_y, 1)`.
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
                    "({}, m): one row per input of the layer, one column per sample (m ≥ 1)",
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

    /// `Y = W X + B`: `W` is `(n_y, n_x)`, `X` is `(n_x, m)`, so `W X` is `(n_y, m)`,
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

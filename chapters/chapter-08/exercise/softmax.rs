//! YOUR EXERCISE for chapter 8: the softmax layer (forward, its Jacobian,
//! backward) and the cross-entropy (its error and gradient), and, as an
//! extension, label smoothing.
//!
//! Fill in the bodies marked `todo!()`, then check your work with
//!
//! ```text
//! cargo exercise 8            # what is done, and what to write or fix next
//! cargo exercise 8 --watch    # the same, again on every save
//! ```
//!
//! (or with plain cargo: `cargo test -p chapter-08 --features exercise`).
//!
//! The same tests that check the book's code check yours. Read the chapter
//! page first; its "Your turn" section has hints and the solution.

// The imports your solution will need; some are unused until you write it.
#![allow(unused_imports)]

use chapter_07::ndarray::{Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis};
use chapter_07::{
    Backward, Gradients, Layer, Loss, Parameters, ShapeError, check_output_gradient,
    check_same_shape,
};

use crate::distribution::{ProbabilityError, check_distributions, check_logits};

// ANCHOR: softmax
/// The softmax layer: each column `x` of logits (one sample) becomes a
/// column of probabilities, `y_i = e^{x_i} / Σ_j e^{x_j}`, every one
/// between 0 and 1, adding up to 1. No parameters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Softmax;
// ANCHOR_END: softmax

impl Softmax {
    // ANCHOR: naive
    /// Softmax exactly as the formula is written. It overflows: `e^x` is
    /// infinite for `x` above about 709.78, and the column becomes NaN.
    #[must_use]
    pub fn naive(logits: &Array2<f64>) -> Array2<f64> {
        let exponentials = logits.mapv(f64::exp);
        let sums = exponentials.sum_axis(Axis(0)).insert_axis(Axis(0));
        exponentials / &sums
    }
    // ANCHOR_END: naive

    // ANCHOR: softmax_probabilities
    /// Softmax, computed with each column's largest logit subtracted
    /// first: `e^{x_i - c} / Σ_j e^{x_j - c}` with `c = max_j x_j` is the
    /// same number (the `e^{-c}` cancels), but no exponent is above 0, so
    /// nothing overflows.
    pub fn probabilities(logits: &Array2<f64>) -> Result<Array2<f64>, ProbabilityError> {
        // 1. check_logits("softmax layer", logits)?; names a NaN or infinite logit.
        // 2. Copy the logits, then for each column (one sample; columns_mut()):
        //    find its largest logit c, replace each x by e^(x - c), and
        //    divide the column by its sum. (An iterator of f64 has no max(),
        //    NaN having no place in an order: fold from f64::NEG_INFINITY,
        //    keeping the larger with f64::max.)
        let _ = logits;
        todo!("Softmax::probabilities: turn each column of logits into probabilities")
    }
    // ANCHOR_END: softmax_probabilities

    // ANCHOR: softmax_jacobian
    /// The Jacobian of softmax at one sample whose probabilities are `y`:
    /// the `n_y × n_y` matrix `J = diag(y) - y yᵀ`, whose entry `(i, j)` is
    /// `∂y_i/∂x_j = y_i (δ_ij - y_j)`.
    #[must_use]
    pub fn jacobian(probabilities: &ArrayView1<'_, f64>) -> Array2<f64> {
        // The n_y × n_y matrix whose entry (i, j) is y_i (δ_ij - y_j):
        // y_i (1 - y_i) on the diagonal, -y_i y_j off it. Array2::from_diag
        // makes diag(y); insert_axis(Axis(1)) makes y a (n_y, 1) column.
        let _ = probabilities;
        todo!("Softmax::jacobian: build J = diag(y) - y yᵀ for one sample's y")
    }
    // ANCHOR_END: softmax_jacobian
}

// ANCHOR: softmax_layer
impl Layer for Softmax {
    fn name(&self) -> String {
        "softmax layer".to_string()
    }

    /// `Y = softmax(X)`, column by column.
    ///
    /// # Panics
    /// On a NaN or infinite logit, naming its sample and class (the trait
    /// can only return a shape error; [`Softmax::probabilities`] returns
    /// it instead).
    fn forward(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError> {
        Self::probabilities(input).map_err(ProbabilityError::shape_or_panic)
    }
}
// ANCHOR_END: softmax_layer

// ANCHOR: softmax_backward
impl Backward for Softmax {
    /// `dE/dX = J dE/dY` for each column, without building `J`:
    /// `(diag(y) - y yᵀ) g = y ⊙ g - y (yᵀ g) = y ⊙ (g - yᵀ g)`.
    fn backward(
        &self,
        input: &Array2<f64>,
        output_gradient: &Array2<f64>,
    ) -> Result<Gradients, ShapeError> {
        // 1. check_output_gradient(self, output_gradient, input.dim())?;
        // 2. Y = the probabilities of the input (map a ProbabilityError with
        //    .map_err(ProbabilityError::shape_or_panic)?).
        // 3. For each column, yᵀ g is one number: the sum of Y ⊙ G over the
        //    column (sum_axis(Axis(0)), then insert_axis(Axis(0)) for (1, m)).
        // 4. dE/dX = Y ⊙ (G - that row), shape (n_y, m); no parameter gradients.
        let _ = (input, output_gradient);
        todo!("Softmax::backward: compute dE/dX = J dE/dY for each column, without J")
    }
}
// ANCHOR_END: softmax_backward

impl Parameters for Softmax {
    fn parameters(&self) -> Vec<ArrayView2<'_, f64>> {
        vec![]
    }

    fn parameters_mut(&mut self) -> Vec<ArrayViewMut2<'_, f64>> {
        vec![]
    }
}

// ANCHOR: cross_entropy
/// The cross-entropy of predicted probabilities `Y` against desired
/// distributions `Y*`, both `(n_y, m)`:
/// `E = -(1/m) Σ_k Σ_i y*_ik ln y_ik`, with gradient
/// `dE/dY = -(1/m) Y* ⊘ Y` (`⊘`: divide entry by entry).
///
/// A term whose `y*` is 0 is 0, whatever `y` is, as the limit
/// `y* ln y → 0` says; so a class the target does not want may have a
/// probability of exactly 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CrossEntropy;

impl CrossEntropy {
    /// Check the shapes, that every column of `desired` is a distribution,
    /// that every prediction is a probability, and that no prediction is
    /// exactly 0 where the desired output is not.
    pub fn check(predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<(), ProbabilityError> {
        check_same_shape("cross-entropy", predicted, desired)?;
        check_distributions("cross-entropy", desired)?;
        if let Some(((row, column), &value)) = predicted
            .indexed_iter()
            .find(|(_, y)| !(0.0..=1.0).contains(*y))
        {
            return Err(ProbabilityError::Entry {
                context: "cross-entropy".to_string(),
                array: "prediction Y",
                row,
                column,
                value,
                expected: "a probability from 0 to 1 (a softmax layer at the end gives one)",
            });
        }
        match predicted
            .indexed_iter()
            .find(|&(index, &y)| y == 0.0 && desired[index] > 0.0)
        {
            None => Ok(()),
            Some(((row, column), _)) => Err(ProbabilityError::Zero {
                context: "cross-entropy".to_string(),
                row,
                column,
                desired: desired[[row, column]],
            }),
        }
    }
}
// ANCHOR_END: cross_entropy

impl Loss for CrossEntropy {
    fn name(&self) -> &'static str {
        "cross-entropy"
    }

    // ANCHOR: cross_entropy_loss
    fn loss(&self, predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<f64, ShapeError> {
        // 1. Self::check(predicted, desired).map_err(ProbabilityError::shape_or_panic)?;
        // 2. m, the number of samples (columns), as an f64.
        // 3. Add up y* ln y over the entries whose y* is above 0 (a term with
        //    y* = 0 is 0, even where y is 0), then divide by m and negate.
        let _ = (predicted, desired);
        todo!("CrossEntropy::loss: compute E = -(1/m) Σ y* ln y over all of Y")
    }
    // ANCHOR_END: cross_entropy_loss

    // ANCHOR: cross_entropy_gradient
    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        // 1. Check, as in `loss`.
        // 2. An array of the shape of Y: -y* / (m y) where y* is above 0,
        //    and 0 where y* is 0 (even where y is 0 too). One way:
        //    Array2::from_shape_fn(predicted.dim(), |index| ...), reading
        //    predicted[index] and desired[index].
        let _ = (predicted, desired);
        todo!("CrossEntropy::gradient: compute dE/dY = -(1/m) Y* ⊘ Y, shape of Y")
    }
    // ANCHOR_END: cross_entropy_gradient
}

// ANCHOR: smooth_labels
/// Label smoothing: move each target distribution a fraction `ε` of the
/// way towards the uniform one, `(1 - ε) Y* + ε / n_y`. A one-hot target
/// then asks for `1 - ε + ε/n_y` on the right class and `ε/n_y` on each
/// other, so the loss stops rewarding a network for pushing its
/// probabilities all the way to 0 and 1.
pub fn smooth_labels(desired: &Array2<f64>, epsilon: f64) -> Result<Array2<f64>, ProbabilityError> {
    // 1. If ε is not in 0..1 (at least 0, less than 1), return
    //    Err(ProbabilityError::Smoothing(epsilon)).
    // 2. check_distributions("label smoothing", desired)?;
    // 3. Every entry y* becomes (1 - ε) y* + ε / n_y (n_y: rows of Y*).
    let _ = (desired, epsilon);
    todo!("smooth_labels: move each target a fraction ε of the way to uniform")
}
// ANCHOR_END: smooth_labels

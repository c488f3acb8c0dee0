//! Probabilities out: the softmax layer, and the cross-entropy that
//! measures how much probability a prediction gives to the right answer.

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
        check_logits("softmax layer", logits)?;
        let mut probabilities = logits.clone();
        for mut column in probabilities.columns_mut() {
            let largest = column.fold(f64::NEG_INFINITY, |a, &x| a.max(x));
            column.mapv_inplace(|x| (x - largest).exp());
            let sum = column.sum();
            column /= sum;
        }
        Ok(probabilities)
    }
    // ANCHOR_END: softmax_probabilities

    // ANCHOR: softmax_jacobian
    /// The Jacobian of softmax at one sample whose probabilities are `y`:
    /// the `n_y × n_y` matrix `J = diag(y) - y yᵀ`, whose entry `(i, j)` is
    /// `∂y_i/∂x_j = y_i (δ_ij - y_j)`.
    #[must_use]
    pub fn jacobian(probabilities: &ArrayView1<'_, f64>) -> Array2<f64> {
        let y = probabilities.view().insert_axis(Axis(1));
        Array2::from_diag(&y.column(0)) - y.dot(&y.t())
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
        check_output_gradient(self, output_gradient, input.dim())?;
        let y = Self::probabilities(input).map_err(ProbabilityError::shape_or_panic)?;
        // yᵀ g for every column at once: shape (1, m).
        let weighted = (&y * output_gradient)
            .sum_axis(Axis(0))
            .insert_axis(Axis(0));
        Ok(Gradients {
            input: &y * &(output_gradient - &weighted),
            parameters: vec![],
        })
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
        Self::check(predicted, desired).map_err(ProbabilityError::shape_or_panic)?;
        let samples = predicted.ncols() as f64;
        let sum: f64 = predicted
            .iter()
            .zip(desired)
            .filter(|&(_, &y_star)| y_star > 0.0)
            .map(|(&y, &y_star)| y_star * y.ln())
            .sum();
        Ok(-sum / samples)
    }
    // ANCHOR_END: cross_entropy_loss

    // ANCHOR: cross_entropy_gradient
    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        Self::check(predicted, desired).map_err(ProbabilityError::shape_or_panic)?;
        let samples = predicted.ncols() as f64;
        Ok(Array2::from_shape_fn(predicted.dim(), |index| {
            let (y, y_star) = (predicted[index], desired[index]);
            if y_star > 0.0 {
                -y_star / (samples * y)
            } else {
                0.0
            }
        }))
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
    if !(0.0..1.0).contains(&epsilon) {
        return Err(ProbabilityError::Smoothing(epsilon));
    }
    check_distributions("label smoothing", desired)?;
    let classes = desired.nrows() as f64;
    Ok(desired.mapv(|y_star| (1.0 - epsilon) * y_star + epsilon / classes))
}
// ANCHOR_END: smooth_labels

//! Softmax and cross-entropy as one step, the way libraries do it: from
//! the logits straight to the error, whose gradient is just `(Y - Y*) / m`.

use chapter_07::ndarray::Array2;
use chapter_07::{Loss, ShapeError, check_same_shape};

use crate::distribution::{ProbabilityError, check_distributions, check_logits};
use crate::softmax::Softmax;

// ANCHOR: log_softmax
/// `ln softmax(X)`, column by column, without taking the logarithm of
/// anything that can round to 0: `ln y_i = (x_i - c) - ln Σ_j e^{x_j - c}`
/// with `c` the column's largest logit. The sum is at least 1 (the term of
/// the largest logit is `e^0`), so its logarithm is finite.
pub fn log_softmax(logits: &Array2<f64>) -> Result<Array2<f64>, ProbabilityError> {
    check_logits("log-softmax", logits)?;
    let mut log_probabilities = logits.clone();
    for mut column in log_probabilities.columns_mut() {
        let largest = column.fold(f64::NEG_INFINITY, |a, &x| a.max(x));
        let log_sum = column.fold(0.0, |sum, &x| sum + (x - largest).exp()).ln();
        column.mapv_inplace(|x| x - largest - log_sum);
    }
    Ok(log_probabilities)
}
// ANCHOR_END: log_softmax

// ANCHOR: softmax_cross_entropy
/// Softmax followed by cross-entropy, as one loss on the logits `X`, both
/// `X` and `Y*` of shape `(n_y, m)`:
/// `E = -(1/m) Σ_k Σ_i y*_ik ln softmax(x_k)_i`, with gradient
/// `dE/dX = (softmax(X) - Y*) / m`.
///
/// A network trained with it ends with its last dense layer: its output
/// is the logits, and [`Softmax`] turns them into probabilities when they
/// are wanted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SoftmaxCrossEntropy;

impl SoftmaxCrossEntropy {
    /// Check the shapes, that every logit is finite and that every column
    /// of `desired` is a distribution.
    pub fn check(logits: &Array2<f64>, desired: &Array2<f64>) -> Result<(), ProbabilityError> {
        check_same_shape("softmax cross-entropy", logits, desired)?;
        check_logits("softmax cross-entropy", logits)?;
        check_distributions("softmax cross-entropy", desired)
    }
}

impl Loss for SoftmaxCrossEntropy {
    fn name(&self) -> &'static str {
        "softmax cross-entropy"
    }

    fn loss(&self, logits: &Array2<f64>, desired: &Array2<f64>) -> Result<f64, ShapeError> {
        Self::check(logits, desired).map_err(ProbabilityError::shape_or_panic)?;
        let log_probabilities = log_softmax(logits).map_err(ProbabilityError::shape_or_panic)?;
        Ok(-(desired * &log_probabilities).sum() / logits.ncols() as f64)
    }

    fn gradient(
        &self,
        logits: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        Self::check(logits, desired).map_err(ProbabilityError::shape_or_panic)?;
        let probabilities =
            Softmax::probabilities(logits).map_err(ProbabilityError::shape_or_panic)?;
        Ok((probabilities - desired) / logits.ncols() as f64)
    }
}
// ANCHOR_END: softmax_cross_entropy

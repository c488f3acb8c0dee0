//! Measuring error: a loss turns a prediction and a desired answer into one number.

use std::fmt;

use chapter_03::ShapeError;
use chapter_03::ndarray::Array2;

// ANCHOR: loss
/// A way to measure how far a prediction `Y` is from the desired output `Y*`.
pub trait Loss {
    /// A short name for messages, e.g. `mean squared error`.
    fn name(&self) -> &'static str;

    /// The error `E`, one number: 0 when `Y = Y*`, larger when further apart.
    fn loss(&self, predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<f64, ShapeError>;

    /// `dE/dY`, the gradient of the error with respect to the prediction,
    /// with the shape of `Y`: where the backward pass starts.
    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError>;
}
// ANCHOR_END: loss

// ANCHOR: check_same_shape
/// Check that the desired output has the prediction's shape.
///
/// ndarray would *broadcast* a `(2, 1)` column against a `(1, 2)` row into
/// a `(2, 2)` array and return a wrong number with no error, so every loss
/// checks this first.
pub fn check_same_shape(
    loss: &str,
    predicted: &Array2<f64>,
    desired: &Array2<f64>,
) -> Result<(), ShapeError> {
    if predicted.dim() == desired.dim() {
        return Ok(());
    }
    let (rows, columns) = predicted.dim();
    Err(ShapeError::new(
        loss,
        "desired output Y*",
        format!(
            "({rows}, {columns}), the shape of the prediction Y: one row per output, one column per sample"
        ),
        desired.dim(),
    ))
}
// ANCHOR_END: check_same_shape

// ANCHOR: mse
/// The mean squared error: `E = (1/(n_y m)) Σ (y* - y)²` over the `n_y m` entries of `Y`
/// (`n_y` outputs, `m` samples),
/// with gradient `dE/dY = (2/(n_y m)) (Y - Y*)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeanSquaredError;

impl Loss for MeanSquaredError {
    fn name(&self) -> &'static str {
        "mean squared error"
    }

    // ANCHOR: mse_loss
    fn loss(&self, predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<f64, ShapeError> {
        check_same_shape(self.name(), predicted, desired)?;
        let entries = predicted.len() as f64;
        Ok((desired - predicted).mapv(|d| d * d).sum() / entries)
    }
    // ANCHOR_END: mse_loss

    // ANCHOR: mse_gradient
    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        check_same_shape(self.name(), predicted, desired)?;
        let entries = predicted.len() as f64;
        Ok((predicted - desired) * (2.0 / entries))
    }
    // ANCHOR_END: mse_gradient
}
// ANCHOR_END: mse

// ANCHOR: bce
/// The binary cross-entropy, for outputs that are probabilities of a yes/no
/// answer: `E = -(1/(n_y m)) Σ [y* ln y + (1 - y*) ln(1 - y)]` over the `n_y m`
/// entries, with gradient `dE/dY = (1/(n_y m)) (Y - Y*) ⊘ (Y ⊙ (1 - Y))`
/// (`⊘` and `⊙`: divide and multiply entry by entry).
///
/// Every prediction must be strictly between 0 and 1; the targets are
/// usually 0 or 1, and any number from 0 to 1 works. The [`Loss`] trait can
/// only report a wrong shape, so a prediction of 0, 1 or beyond gives an
/// infinite or NaN error (which chapter 5's `train` reports as diverged):
/// [`BinaryCrossEntropy::check_predictions`] says which entry it was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BinaryCrossEntropy;

impl BinaryCrossEntropy {
    // ANCHOR: bce_check_predictions
    /// Check that every prediction is a probability strictly between 0 and
    /// 1, where the logarithms of the loss are finite; the error names the
    /// first entry that is not.
    pub fn check_predictions(predicted: &Array2<f64>) -> Result<(), NotAProbability> {
        // Written so that NaN fails too: every comparison with NaN is false.
        match predicted
            .indexed_iter()
            .find(|(_, y)| !(**y > 0.0 && **y < 1.0))
        {
            None => Ok(()),
            Some(((row, column), &value)) => Err(NotAProbability { row, column, value }),
        }
    }
    // ANCHOR_END: bce_check_predictions
}

impl Loss for BinaryCrossEntropy {
    fn name(&self) -> &'static str {
        "binary cross-entropy"
    }

    // ANCHOR: bce_loss
    fn loss(&self, predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<f64, ShapeError> {
        check_same_shape(self.name(), predicted, desired)?;
        let entries = predicted.len() as f64;
        let sum: f64 = predicted
            .iter()
            .zip(desired)
            .map(|(&y, &y_star)| y_star * y.ln() + (1.0 - y_star) * (1.0 - y).ln())
            .sum();
        Ok(-sum / entries)
    }
    // ANCHOR_END: bce_loss

    // ANCHOR: bce_gradient
    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        check_same_shape(self.name(), predicted, desired)?;
        let entries = predicted.len() as f64;
        let slope = predicted.mapv(|y| y * (1.0 - y));
        Ok((predicted - desired) / slope / entries)
    }
    // ANCHOR_END: bce_gradient
}
// ANCHOR_END: bce

/// A prediction that is not strictly between 0 and 1, where the binary
/// cross-entropy needs a probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NotAProbability {
    /// The output (row) of the entry.
    pub row: usize,
    /// The sample (column) of the entry.
    pub column: usize,
    /// The prediction found there.
    pub value: f64,
}

impl fmt::Display for NotAProbability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "binary cross-entropy: entry ({}, {}) of the prediction Y (one row per output, \
             one column per sample) is {}, but it must be strictly between 0 and 1 \
             (a sigmoid as the last layer keeps it there)",
            self.row, self.column, self.value
        )
    }
}

impl std::error::Error for NotAProbability {}

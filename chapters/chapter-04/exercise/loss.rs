//! YOUR EXERCISE for chapter 4: the mean squared error and its gradient,
//! and, as an extension, the binary cross-entropy.
//!
//! Fill in the bodies marked `todo!()`, then check your work with
//!
//! ```text
//! cargo exercise 4            # what is done, and what to write or fix next
//! cargo exercise 4 --watch    # the same, again on every save
//! ```
//!
//! (or with plain cargo: `cargo test -p chapter-04 --features exercise`).
//!
//! The same tests that check the book's code check yours. Read the chapter
//! page first; its "Your turn" section has hints and the solution.

// The imports your solution will need; some are unused until you write it.
#![allow(unused_imports)]

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
    // 1. If Y* (desired) has the shape of Y (predicted), both (outputs,
    //    samples) as `.dim()` gives them, return Ok(()).
    // 2. Otherwise return ShapeError::new(loss, "desired output Y*",
    //    expected, desired.dim()), where `expected` is the prediction's shape
    //    and what it means: "(2, 1), the shape of the prediction Y: one row
    //    per output, one column per sample".
    let _ = (loss, predicted, desired);
    todo!("check_same_shape: return Ok(()) if Y* has the shape (n_y, m) of Y, else a ShapeError")
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
        // 1. check_same_shape(self.name(), predicted, desired)?;
        // 2. The number of entries of Y, n_y m (outputs × samples), as an f64.
        // 3. Square every entry of Y* - Y, add them up, divide by n_y m.
        let _ = (predicted, desired);
        todo!("MeanSquaredError::loss: compute E, the mean of (y* - y)² over all of Y")
    }
    // ANCHOR_END: mse_loss

    // ANCHOR: mse_gradient
    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        // 1. Check the shapes, as in `loss`.
        // 2. Return (2/(n_y m)) (Y - Y*): an array of shape (outputs, samples),
        //    prediction minus target, not the other way round.
        let _ = (predicted, desired);
        todo!("MeanSquaredError::gradient: compute dE/dY = (2/(n_y m)) (Y - Y*), shape of Y")
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
        // Go through the entries with their (row, column) index
        // (`indexed_iter`). The first one that is not strictly between 0 and
        // 1 (NaN is not!) gives Err(NotAProbability { row, column, value }).
        // If there is none, Ok(()).
        let _ = predicted;
        todo!("BinaryCrossEntropy::check_predictions: find an entry of Y not strictly in (0, 1)")
    }
    // ANCHOR_END: bce_check_predictions
}

impl Loss for BinaryCrossEntropy {
    fn name(&self) -> &'static str {
        "binary cross-entropy"
    }

    // ANCHOR: bce_loss
    fn loss(&self, predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<f64, ShapeError> {
        // 1. Check the shapes.
        // 2. For every pair of entries (y, y*): y* ln y + (1 - y*) ln(1 - y).
        //    Add them up, divide by n_y m (the entries of Y), and flip the sign.
        let _ = (predicted, desired);
        todo!("BinaryCrossEntropy::loss: compute E = -mean of y* ln y + (1 - y*) ln(1 - y)")
    }
    // ANCHOR_END: bce_loss

    // ANCHOR: bce_gradient
    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        // 1. Check the shapes.
        // 2. (Y - Y*), divided entry by entry by y (1 - y), divided by n_y m:
        //    an array of shape (outputs, samples).
        let _ = (predicted, desired);
        todo!("BinaryCrossEntropy::gradient: compute dE/dY = (Y - Y*) ⊘ (Y ⊙ (1 - Y)) / (n_y m)")
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

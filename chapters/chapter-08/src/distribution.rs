//! What softmax and cross-entropy need of their numbers, and the error that
//! says which sample and which entry broke it.
//!
//! A shape is not all that can be wrong any more. A logit that is NaN or
//! infinite has no softmax; a target column with a negative entry, or one
//! that does not add up to 1, is not a probability distribution; and a
//! probability of exactly 0 for a class the target wants has a logarithm
//! of minus infinity. Each is found here, column by column (a column is a
//! sample), before any of it turns into a NaN.

use std::fmt;

use chapter_07::ShapeError;
use chapter_07::ndarray::Array2;

// ANCHOR: tolerance
/// How far from 1 the entries of a target column may add up to: a column
/// of `n_y` probabilities computed in `f64` sums to 1 within a few times
/// `n_y · 1e-16`, far inside this.
pub const SUM_TOLERANCE: f64 = 1e-9;
// ANCHOR_END: tolerance

// ANCHOR: probability_error
/// What can be wrong with the numbers given to softmax or cross-entropy.
///
/// Every variant but `Shape` names the entry as (row, column): the row is
/// the class, the column the sample.
#[derive(Debug, Clone, PartialEq)]
pub enum ProbabilityError {
    /// An array had the wrong shape.
    Shape(ShapeError),
    /// An entry that must be a finite number, or a probability from 0 to 1,
    /// is not.
    Entry {
        /// Where it happened, e.g. `softmax layer, forward`.
        context: String,
        /// Which array, e.g. `logits X`.
        array: &'static str,
        /// The class (row) of the entry.
        row: usize,
        /// The sample (column) of the entry.
        column: usize,
        /// The number found there.
        value: f64,
        /// What it must be, e.g. `a finite number`.
        expected: &'static str,
    },
    /// A column of the desired output does not add up to 1.
    Sum {
        /// Where it happened.
        context: String,
        /// The sample (column).
        column: usize,
        /// What its entries add up to.
        sum: f64,
    },
    /// A predicted probability of exactly 0 where the desired output is
    /// not 0: its logarithm is minus infinity.
    Zero {
        /// Where it happened.
        context: String,
        /// The class (row) of the entry.
        row: usize,
        /// The sample (column) of the entry.
        column: usize,
        /// The desired probability `y*` of that entry.
        desired: f64,
    },
    /// A label-smoothing amount outside `0 ≤ ε < 1`.
    Smoothing(f64),
}
// ANCHOR_END: probability_error

impl fmt::Display for ProbabilityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Shape(error) => write!(f, "{error}"),
            Self::Entry {
                context,
                array,
                row,
                column,
                value,
                expected,
            } => write!(
                f,
                "{context}: {array} entry ({row}, {column}), class {row} of sample {column}, \
                 is {value}, but it must be {expected}"
            ),
            Self::Sum {
                context,
                column,
                sum,
            } => write!(
                f,
                "{context}: column {column} of the desired output Y* (sample {column}) adds up \
                 to {sum}, but a probability distribution adds up to 1 (within {SUM_TOLERANCE:e})"
            ),
            Self::Zero {
                context,
                row,
                column,
                desired,
            } => write!(
                f,
                "{context}: the prediction Y gives class {row} of sample {column} a probability \
                 of exactly 0, where the desired output gives it {desired}: ln 0 is minus \
                 infinity (a softmax output is exactly 0 only when its logit is more than about \
                 745 below the largest of its column; SoftmaxCrossEntropy, which starts from \
                 the logits, never takes ln 0)"
            ),
            Self::Smoothing(epsilon) => write!(
                f,
                "label smoothing: the amount ε must be at least 0 and less than 1, got {epsilon} \
                 (0 keeps the targets as they are; 0.1 is a common choice)"
            ),
        }
    }
}

impl std::error::Error for ProbabilityError {}

impl From<ShapeError> for ProbabilityError {
    fn from(error: ShapeError) -> Self {
        Self::Shape(error)
    }
}

impl ProbabilityError {
    // ANCHOR: shape_or_panic
    /// The shape error, for the methods of `Layer`, `Backward` and `Loss`,
    /// which can only return a [`ShapeError`].
    ///
    /// # Panics
    /// With this error's message if it is not about a shape: going on would
    /// turn the bad number into a NaN or an infinity that no message names.
    #[must_use]
    pub fn shape_or_panic(self) -> ShapeError {
        match self {
            Self::Shape(error) => error,
            other => panic!("{other}"),
        }
    }
    // ANCHOR_END: shape_or_panic
}

// ANCHOR: check_logits
/// Check that `logits` has at least one row (class) and one column
/// (sample), and that every entry is a finite number.
pub fn check_logits(context: &str, logits: &Array2<f64>) -> Result<(), ProbabilityError> {
    check_not_empty(context, "logits X", logits)?;
    match logits.indexed_iter().find(|(_, x)| !x.is_finite()) {
        None => Ok(()),
        Some(((row, column), &value)) => Err(ProbabilityError::Entry {
            context: context.to_string(),
            array: "logits X",
            row,
            column,
            value,
            expected: "a finite number (a NaN or an infinity comes from a NaN or infinite \
                       input, or from training that diverged)",
        }),
    }
}
// ANCHOR_END: check_logits

// ANCHOR: check_distributions
/// Check that every column of `desired` is a probability distribution:
/// every entry from 0 to 1, and the column adding up to 1 within
/// [`SUM_TOLERANCE`]. A one-hot column is one; so is a smoothed label.
pub fn check_distributions(context: &str, desired: &Array2<f64>) -> Result<(), ProbabilityError> {
    check_not_empty(context, "desired output Y*", desired)?;
    if let Some(((row, column), &value)) = desired
        .indexed_iter()
        .find(|(_, y)| !(0.0..=1.0).contains(*y))
    {
        return Err(ProbabilityError::Entry {
            context: context.to_string(),
            array: "desired output Y*",
            row,
            column,
            value,
            expected: "a probability from 0 to 1",
        });
    }
    for (column, values) in desired.columns().into_iter().enumerate() {
        let sum = values.sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            return Err(ProbabilityError::Sum {
                context: context.to_string(),
                column,
                sum,
            });
        }
    }
    Ok(())
}
// ANCHOR_END: check_distributions

/// Check that `array` has at least one row and one column.
fn check_not_empty(context: &str, name: &str, array: &Array2<f64>) -> Result<(), ProbabilityError> {
    if array.nrows() > 0 && array.ncols() > 0 {
        return Ok(());
    }
    Err(ShapeError::new(
        context,
        name,
        "(n_y, m) with n_y ≥ 1 and m ≥ 1: one row per class, one column per sample",
        array.dim(),
    )
    .into())
}

//! Measuring error: a loss turns a prediction and a desired answer into one number.

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
/// The mean squared error: `E = (1/n) Σ (y*ᵢ - yᵢ)²` over the `n` entries,
/// with gradient `dE/dY = (2/n) (Y - Y*)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeanSquaredError;

impl Loss for MeanSquaredError {
    fn name(&self) -> &'static str {
        "mean squared error"
    }

    fn loss(&self, predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<f64, ShapeError> {
        check_same_shape(self.name(), predicted, desired)?;
        let n = predicted.len() as f64;
        Ok((desired - predicted).mapv(|d| d * d).sum() / n)
    }

    fn gradient(
        &self,
        predicted: &Array2<f64>,
        desired: &Array2<f64>,
    ) -> Result<Array2<f64>, ShapeError> {
        check_same_shape(self.name(), predicted, desired)?;
        let n = predicted.len() as f64;
        Ok((predicted - desired) * (2.0 / n))
    }
}
// ANCHOR_END: mse

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use chapter_03::ndarray::array;

    #[test]
    fn mse_worked_out_by_hand() {
        // differences 0.5, -1.5, 2.0: squares 0.25 + 2.25 + 4 = 6.5, mean 6.5 / 3
        let y = array![[1.5], [-0.5], [3.0]];
        let y_star = array![[1.0], [1.0], [1.0]];
        assert_abs_diff_eq!(
            MeanSquaredError.loss(&y, &y_star).unwrap(),
            6.5 / 3.0,
            epsilon = 1e-15
        );
        assert_abs_diff_eq!(
            MeanSquaredError.gradient(&y, &y_star).unwrap(),
            array![[1.0 / 3.0], [-1.0], [4.0 / 3.0]],
            epsilon = 1e-15
        );
    }

    #[test]
    fn is_zero_only_for_the_desired_output() {
        let y = array![[0.3], [-0.8]];
        assert_eq!(MeanSquaredError.loss(&y, &y).unwrap(), 0.0);
        assert!(MeanSquaredError.loss(&y, &array![[0.3], [-0.7]]).unwrap() > 0.0);
    }

    #[test]
    fn a_row_against_a_column_is_an_error_not_a_broadcast() {
        let error = MeanSquaredError
            .loss(&array![[0.3], [-0.8]], &array![[0.3, -0.8]])
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "mean squared error: desired output Y* should have shape (2, 1), the shape of the \
             prediction Y: one row per output, one column per sample, but has shape (1, 2)"
        );
        assert!(
            MeanSquaredError
                .gradient(&array![[0.3], [-0.8]], &array![[0.3, -0.8]])
                .is_err()
        );
    }
}

//! The mean squared error's gradient against finite differences, and the
//! factor between the mean and the `1/2` conventions.

use chapter_04::testing::matrix;
use chapter_04::{Loss, MeanSquaredError, compare_gradients, numerical_gradient};
use proptest::prelude::*;

fn pair() -> impl Strategy<
    Value = (
        chapter_04::ndarray::Array2<f64>,
        chapter_04::ndarray::Array2<f64>,
    ),
> {
    (1..=6_usize, 1..=3_usize)
        .prop_flat_map(|(rows, columns)| (matrix(rows, columns), matrix(rows, columns)))
}

proptest! {
    /// dE/dY = (2/n)(Y - Y*)
    #[test]
    fn mse_gradient_matches_finite_differences((y, y_star) in pair()) {
        let computed = MeanSquaredError.gradient(&y, &y_star).unwrap();
        let numerical = numerical_gradient(&y, 1e-6, |y| MeanSquaredError.loss(y, &y_star).unwrap());
        compare_gradients("dE/dY", &computed, &numerical, 1e-6).map_err(TestCaseError::fail)?;
    }

    /// E = (1/n) Σ (y*ᵢ - yᵢ)², entry by entry.
    #[test]
    fn mse_is_the_mean_of_the_squared_differences((y, y_star) in pair()) {
        let by_hand: f64 = y.iter().zip(&y_star).map(|(a, b)| (b - a) * (b - a)).sum::<f64>() / y.len() as f64;
        prop_assert!((MeanSquaredError.loss(&y, &y_star).unwrap() - by_hand).abs() < 1e-12);
    }

    /// The `E = ½ Σ (y* - y)²` convention has gradient `Y - Y*`: the same
    /// direction, scaled by n/2. The learning rate absorbs the difference.
    #[test]
    fn the_half_sum_convention_differs_by_a_constant_factor((y, y_star) in pair()) {
        let n = y.len() as f64;
        let half_sum_gradient = numerical_gradient(&y, 1e-6, |y| 0.5 * (&y_star - y).mapv(|d| d * d).sum());
        let mse_gradient = MeanSquaredError.gradient(&y, &y_star).unwrap();
        compare_gradients("n/2 · dE_mean/dY", &(mse_gradient * (n / 2.0)), &half_sum_gradient, 1e-6)
            .map_err(TestCaseError::fail)?;
    }
}

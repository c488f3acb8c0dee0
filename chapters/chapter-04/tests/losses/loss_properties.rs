//! The mean squared error's gradient against finite differences, and the
//! factor between the mean and the `1/2` conventions. (The extension's
//! binary cross-entropy is checked in `tests/losses/binary_cross_entropy_properties.rs`.)

use chapter_04::ndarray::Array2;
use chapter_04::testing::{OrPanic, matrix, proptest_config};
use chapter_04::{Loss, MeanSquaredError, compare_gradients, numerical_gradient};
use proptest::prelude::*;

fn pair() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
    (1..=6_usize, 1..=3_usize)
        .prop_flat_map(|(rows, columns)| (matrix(rows, columns), matrix(rows, columns)))
}

proptest! {
    #![proptest_config(proptest_config())]

    /// dE/dY = (2/n)(Y - Y*)
    #[test]
    fn mse_gradient_matches_finite_differences((y, y_star) in pair()) {
        let computed = MeanSquaredError.gradient(&y, &y_star).or_panic();
        let numerical = numerical_gradient(&y, 1e-6, |y| MeanSquaredError.loss(y, &y_star).or_panic());
        compare_gradients("dE/dY (one row per output, one column per sample)", &computed, &numerical, 1e-6)
            .map_err(TestCaseError::fail)?;
    }

    /// E = (1/n) Σ (y*ᵢ - yᵢ)², entry by entry.
    #[test]
    fn mse_is_the_mean_of_the_squared_differences((y, y_star) in pair()) {
        let by_hand: f64 = y.iter().zip(&y_star).map(|(a, b)| (b - a) * (b - a)).sum::<f64>() / y.len() as f64;
        let computed = MeanSquaredError.loss(&y, &y_star).or_panic();
        prop_assert!(
            (computed - by_hand).abs() < 1e-12,
            "E is {computed:.6}, but the mean of the squared differences is {by_hand:.6}"
        );
    }

    /// The `E = ½ Σ (y* - y)²` convention has gradient `Y - Y*`: the same
    /// direction, scaled by n/2. The learning rate absorbs the difference.
    #[test]
    fn the_half_sum_convention_differs_by_a_constant_factor((y, y_star) in pair()) {
        let n = y.len() as f64;
        let half_sum_gradient = numerical_gradient(&y, 1e-6, |y| 0.5 * (&y_star - y).mapv(|d| d * d).sum());
        let mse_gradient = MeanSquaredError.gradient(&y, &y_star).or_panic();
        compare_gradients("n/2 · dE_mean/dY", &(mse_gradient * (n / 2.0)), &half_sum_gradient, 1e-6)
            .map_err(TestCaseError::fail)?;
    }
}

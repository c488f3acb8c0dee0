//! The losses' gradients against finite differences, and the factor
//! between the mean and the `1/2` conventions.

use chapter_04::ndarray::Array2;
use chapter_04::testing::matrix;
use chapter_04::{
    BinaryCrossEntropy, Loss, MeanSquaredError, compare_gradients, numerical_gradient,
};
use proptest::prelude::*;

fn pair() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
    (1..=6_usize, 1..=3_usize)
        .prop_flat_map(|(rows, columns)| (matrix(rows, columns), matrix(rows, columns)))
}

/// Predictions in (0.05, 0.95), where the logarithms stay tame, and targets
/// that are 0, 1 or anything in between, of 1 to 6 outputs and 1 to 3 samples.
fn probabilities() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
    let entries = |rows: usize, columns: usize, values: BoxedStrategy<f64>| {
        prop::collection::vec(values, rows * columns).prop_map(move |values| {
            Array2::from_shape_vec((rows, columns), values).expect("length matches")
        })
    };
    (1..=6_usize, 1..=3_usize).prop_flat_map(move |(rows, columns)| {
        (
            entries(rows, columns, (0.05..0.95_f64).boxed()),
            entries(
                rows,
                columns,
                prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0_f64].boxed(),
            ),
        )
    })
}

proptest! {
    /// dE/dY = (2/n)(Y - Y*)
    #[test]
    fn mse_gradient_matches_finite_differences((y, y_star) in pair()) {
        let computed = MeanSquaredError.gradient(&y, &y_star).unwrap();
        let numerical = numerical_gradient(&y, 1e-6, |y| MeanSquaredError.loss(y, &y_star).unwrap());
        compare_gradients("dE/dY (one row per output, one column per sample)", &computed, &numerical, 1e-6)
            .map_err(TestCaseError::fail)?;
    }

    /// E = (1/n) Σ (y*ᵢ - yᵢ)², entry by entry.
    #[test]
    fn mse_is_the_mean_of_the_squared_differences((y, y_star) in pair()) {
        let by_hand: f64 = y.iter().zip(&y_star).map(|(a, b)| (b - a) * (b - a)).sum::<f64>() / y.len() as f64;
        let computed = MeanSquaredError.loss(&y, &y_star).unwrap();
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
        let mse_gradient = MeanSquaredError.gradient(&y, &y_star).unwrap();
        compare_gradients("n/2 · dE_mean/dY", &(mse_gradient * (n / 2.0)), &half_sum_gradient, 1e-6)
            .map_err(TestCaseError::fail)?;
    }

    /// dE/dY = (1/n)(Y - Y*) ⊘ (Y ⊙ (1 - Y)) for the binary cross-entropy.
    #[test]
    fn bce_gradient_matches_finite_differences((y, y_star) in probabilities()) {
        let computed = BinaryCrossEntropy.gradient(&y, &y_star).unwrap();
        let numerical = numerical_gradient(&y, 1e-6, |y| BinaryCrossEntropy.loss(y, &y_star).unwrap());
        compare_gradients("dE/dY (one row per output, one column per sample)", &computed, &numerical, 1e-6)
            .map_err(TestCaseError::fail)?;
    }

    /// E = -(1/n) Σ [y*ᵢ ln yᵢ + (1 - y*ᵢ) ln(1 - yᵢ)], entry by entry.
    #[test]
    fn bce_is_the_mean_of_the_cross_entropies((y, y_star) in probabilities()) {
        let by_hand = -y
            .iter()
            .zip(&y_star)
            .map(|(&p, &t)| if t == 1.0 { p.ln() } else if t == 0.0 { (1.0 - p).ln() } else { t * p.ln() + (1.0 - t) * (1.0 - p).ln() })
            .sum::<f64>()
            / y.len() as f64;
        let computed = BinaryCrossEntropy.loss(&y, &y_star).unwrap();
        prop_assert!(
            (computed - by_hand).abs() < 1e-12,
            "E is {computed:.6}, but the mean of the cross-entropies is {by_hand:.6}"
        );
    }
}

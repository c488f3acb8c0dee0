//! The extension of the exercise, the binary cross-entropy: its gradient
//! against finite differences, and the error against its definition, entry
//! by entry, over random predictions and targets.
//!
//! They live in a file of their own so that the exercise's core (the shape
//! check and the mean squared error) can pass on its own: `cargo test -p
//! chapter-04 --features exercise` leaves them out, `--features extension`
//! runs them too, and without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use chapter_04::ndarray::Array2;
use chapter_04::testing::{OrPanic, proptest_config};
use chapter_04::{BinaryCrossEntropy, Loss, compare_gradients, numerical_gradient};
use proptest::prelude::*;

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
    #![proptest_config(proptest_config())]

    /// dE/dY = (1/n)(Y - Y*) ⊘ (Y ⊙ (1 - Y)) for the binary cross-entropy.
    #[test]
    fn bce_gradient_matches_finite_differences((y, y_star) in probabilities()) {
        let computed = BinaryCrossEntropy.gradient(&y, &y_star).or_panic();
        let numerical = numerical_gradient(&y, 1e-6, |y| BinaryCrossEntropy.loss(y, &y_star).or_panic());
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
        let computed = BinaryCrossEntropy.loss(&y, &y_star).or_panic();
        prop_assert!(
            (computed - by_hand).abs() < 1e-12,
            "E is {computed:.6}, but the mean of the cross-entropies is {by_hand:.6}"
        );
    }
}

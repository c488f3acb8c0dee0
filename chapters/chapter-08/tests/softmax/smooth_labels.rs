//! The extension, `smooth_labels`: targets moved a fraction ε of the way
//! to the uniform distribution.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use chapter_08::ndarray::array;
use chapter_08::testing::{OrPanic, assert_entries, proptest_config};
use chapter_08::{CrossEntropy, Loss, ProbabilityError, check_distributions, smooth_labels};
use proptest::prelude::*;

use crate::strategies::{distributions, one_hot, shape};

#[test]
fn a_one_hot_column_keeps_most_of_its_probability_on_its_class() {
    let y_star = array![[0.0, 1.0], [1.0, 0.0], [0.0, 0.0], [0.0, 0.0]];
    // ε = 0.2 over 4 classes: 0.8 · 1 + 0.05 on the class, 0.05 elsewhere.
    let expected = array![[0.05, 0.85], [0.85, 0.05], [0.05, 0.05], [0.05, 0.05]];
    assert_entries(
        "the smoothed Y* (ε = 0.2)",
        &smooth_labels(&y_star, 0.2).or_panic(),
        &expected,
        1e-15,
    );
}

#[test]
fn an_amount_of_0_changes_nothing() {
    let y_star = array![[0.3], [0.7]];
    assert_entries(
        "Y* smoothed by ε = 0",
        &smooth_labels(&y_star, 0.0).or_panic(),
        &y_star,
        0.0,
    );
}

#[test]
fn an_amount_outside_0_to_1_is_refused() {
    for epsilon in [-0.1, 1.0, 1.5, f64::NAN] {
        let Err(error) = smooth_labels(&array![[1.0], [0.0]], epsilon) else {
            panic!("smooth_labels with ε = {epsilon} should be an error, not a smoothed Y*");
        };
        assert!(
            matches!(error, ProbabilityError::Smoothing(e) if e.to_bits() == epsilon.to_bits()),
            "ε = {epsilon}: {error}"
        );
        assert!(
            error.to_string().contains("at least 0 and less than 1"),
            "{error}"
        );
    }
    let Err(error) = smooth_labels(&array![[1.0], [1.0]], 0.1) else {
        panic!(
            "smooth_labels of a Y* column that adds up to 2 should be an error, not a smoothed Y*"
        );
    };
    assert!(
        error
            .to_string()
            .starts_with("label smoothing: column 0 of the desired output Y*"),
        "{error}"
    );
}

#[test]
fn a_smoothed_target_never_lets_the_loss_reach_0() {
    // With one-hot targets, E → 0 as y → the target; smoothed, even the
    // target's own class at 0.999 costs more than the smoothed target does.
    let y_star = smooth_labels(&array![[1.0], [0.0], [0.0]], 0.1).or_panic();
    let confident = array![[0.998], [0.001], [0.001]];
    let at_target = CrossEntropy.loss(&y_star, &y_star).or_panic();
    let too_sure = CrossEntropy.loss(&confident, &y_star).or_panic();
    assert!(
        too_sure > at_target,
        "E at 99.8 % is {too_sure}, not above {at_target}, its value at the smoothed target"
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Smoothing a distribution gives a distribution, each entry moved a
    /// fraction ε of the way to `1/n_y`.
    #[test]
    fn smoothing_gives_a_distribution_a_fraction_of_the_way_to_uniform(
        (y_star, epsilon) in shape().prop_flat_map(|(r, c)| (prop_oneof![one_hot(r, c), distributions(r, c, 0.0)], 0.01..0.99_f64))
    ) {
        let smoothed = smooth_labels(&y_star, epsilon).or_panic();
        check_distributions("the smoothed Y*", &smoothed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let uniform = 1.0 / y_star.nrows() as f64;
        for ((index, &after), &before) in smoothed.indexed_iter().zip(&y_star) {
            let moved = (after - before) / (uniform - before);
            prop_assert!(
                (uniform - before).abs() < 1e-9 || (moved - epsilon).abs() < 1e-9,
                "entry {index:?} went from {before} to {after}: {moved} of the way to {uniform}, not ε = {epsilon}"
            );
        }
    }
}

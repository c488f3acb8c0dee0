//! `CrossEntropy`'s gradient `dE/dY = -(1/m) Y* ⊘ Y`, and the result the
//! chapter builds to: after a softmax, `dE/dX = (Y - Y*) / m`.

use chapter_08::ndarray::array;
use chapter_08::testing::{OrPanic, assert_entries, compare_entries, proptest_config};
use chapter_08::{
    Backward, CrossEntropy, Loss, Softmax, SoftmaxCrossEntropy, compare_gradients,
    numerical_gradient,
};
use proptest::prelude::*;

use crate::strategies::{distributions, logits_and_target, shape};

#[test]
fn by_hand_for_two_samples() {
    let y = array![[0.7, 0.1], [0.2, 0.3], [0.1, 0.6]];
    let y_star = array![[1.0, 0.0], [0.0, 0.5], [0.0, 0.5]];
    let expected = array![
        [-1.0 / (2.0 * 0.7), 0.0],
        [0.0, -0.5 / (2.0 * 0.3)],
        [0.0, -0.5 / (2.0 * 0.6)]
    ];
    assert_entries(
        "dE/dY (one row per class, one column per sample)",
        &CrossEntropy.gradient(&y, &y_star).or_panic(),
        &expected,
        1e-12,
    );
}

#[test]
fn a_class_the_target_gives_0_has_gradient_0_even_at_probability_0() {
    let y = array![[0.0], [1.0]];
    let y_star = array![[0.0], [1.0]];
    assert_entries(
        "dE/dY for y = (0, 1) and y* = (0, 1)",
        &CrossEntropy.gradient(&y, &y_star).or_panic(),
        &array![[0.0], [-1.0]],
        1e-15,
    );
}

#[test]
#[should_panic(
    expected = "cross-entropy: the prediction Y gives class 1 of sample 0 a probability of exactly 0"
)]
fn the_gradient_refuses_ln_0_too() {
    let _ = CrossEntropy.gradient(&array![[1.0], [0.0]], &array![[0.5], [0.5]]);
}

#[test]
fn softmax_then_cross_entropy_by_hand() {
    // One sample, logits (1, 2, 0.5), the right class 1: dE/dX = y - y*.
    let x = array![[1.0], [2.0], [0.5]];
    let y_star = array![[0.0], [1.0], [0.0]];
    let y = Softmax::probabilities(&x).or_panic();
    let through_both = Softmax
        .backward(&x, &CrossEntropy.gradient(&y, &y_star).or_panic())
        .or_panic()
        .input;
    assert_entries(
        "dE/dX through softmax's backward pass",
        &through_both,
        &(&y - &y_star),
        1e-12,
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn cross_entropy_gradient_matches_finite_differences(
        (y, y_star) in shape().prop_flat_map(|(r, c)| (distributions(r, c, 0.05), distributions(r, c, 0.0)))
    ) {
        let computed = CrossEntropy.gradient(&y, &y_star).or_panic();
        let numerical = numerical_gradient(&y, 1e-7, |y| CrossEntropy.loss(y, &y_star).or_panic());
        compare_gradients("dE/dY (one row per class, one column per sample)", &computed, &numerical, 1e-5)
            .map_err(TestCaseError::fail)?;
    }

    /// Chapter 2's chain rule through the two backward passes gives the
    /// fused gradient `(Y - Y*) / m`, and the two losses are one number.
    #[test]
    fn softmax_then_cross_entropy_is_the_fused_loss_with_gradient_y_minus_y_star_over_m(
        (x, y_star) in logits_and_target()
    ) {
        let y = Softmax::probabilities(&x).or_panic();
        let through_both = Softmax.backward(&x, &CrossEntropy.gradient(&y, &y_star).or_panic()).or_panic().input;
        let fused = SoftmaxCrossEntropy.gradient(&x, &y_star).or_panic();
        compare_entries("dE/dX through both backward passes, against the fused (Y - Y*)/m", &through_both, &fused, 1e-12)
            .map_err(TestCaseError::fail)?;
        let by_formula = (&y - &y_star) / x.ncols() as f64;
        compare_entries("the fused dE/dX, against (Y - Y*)/m", &fused, &by_formula, 1e-15)
            .map_err(TestCaseError::fail)?;
        let (composed, one_step) = (CrossEntropy.loss(&y, &y_star).or_panic(), SoftmaxCrossEntropy.loss(&x, &y_star).or_panic());
        prop_assert!((composed - one_step).abs() < 1e-12, "E is {composed:.9} through softmax then cross-entropy, {one_step:.9} fused");
    }
}

//! `CrossEntropy`'s error `E = -(1/m) Σ Σ y* ln y`: by hand, its relation to
//! chapter 4's binary cross-entropy, and what it refuses.

use chapter_08::ndarray::array;
use chapter_08::testing::{OrPanic, assert_number, proptest_config};
use chapter_08::{BinaryCrossEntropy, CrossEntropy, Loss, ProbabilityError, Softmax};
use proptest::prelude::*;

use crate::strategies::{distributions, shape};

#[test]
fn with_one_hot_targets_it_is_minus_the_mean_log_of_the_right_class() {
    let y = array![[0.7, 0.1], [0.2, 0.3], [0.1, 0.6]];
    let y_star = array![[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]];
    let by_hand = -(0.7_f64.ln() + 0.6_f64.ln()) / 2.0;
    assert_number(
        "E of 2 samples with one-hot targets (3 classes)",
        CrossEntropy.loss(&y, &y_star).or_panic(),
        by_hand,
        1e-12,
    );
}

#[test]
fn with_a_target_distribution_every_class_counts() {
    let y = array![[0.5], [0.3], [0.2]];
    let y_star = array![[0.6], [0.3], [0.1]];
    let by_hand = -(0.6 * 0.5_f64.ln() + 0.3 * 0.3_f64.ln() + 0.1 * 0.2_f64.ln());
    assert_number(
        "E of 1 sample with the target (0.6, 0.3, 0.1)",
        CrossEntropy.loss(&y, &y_star).or_panic(),
        by_hand,
        1e-12,
    );
}

#[test]
fn it_is_least_when_the_prediction_is_the_target() {
    let y_star = array![[0.6], [0.3], [0.1]];
    let at_target = CrossEntropy.loss(&y_star, &y_star).or_panic();
    for y in [
        array![[0.5], [0.3], [0.2]],
        array![[0.7], [0.2], [0.1]],
        array![[0.6], [0.1], [0.3]],
    ] {
        let elsewhere = CrossEntropy.loss(&y, &y_star).or_panic();
        assert!(
            elsewhere > at_target,
            "E at {y} is {elsewhere}, not above its value at the target, {at_target}"
        );
    }
}

#[test]
fn a_class_the_target_gives_0_may_have_probability_0() {
    // 0 · ln 0 counts as 0, its limit; it must not turn E into NaN.
    let y = array![[0.0, 0.4], [1.0, 0.6]];
    let y_star = array![[0.0, 0.0], [1.0, 1.0]];
    let by_hand = -(1.0_f64.ln() + 0.6_f64.ln()) / 2.0;
    assert_number(
        "E of 2 samples where class 0 of sample 0 has y = 0 and y* = 0",
        CrossEntropy.loss(&y, &y_star).or_panic(),
        by_hand,
        1e-12,
    );
}

#[test]
fn with_two_classes_it_is_chapter_4s_binary_cross_entropy() {
    // Two logits x₀, x₁ give y₀ = σ(x₀ - x₁); the target (t, 1 - t) of two
    // classes is the target t of one yes/no output.
    let x = array![[0.8, -1.3, 0.25], [-0.4, 0.6, 1.1]];
    let t = array![[1.0, 0.0, 0.3]];
    let y = Softmax::probabilities(&x).or_panic();
    let two_classes = CrossEntropy
        .loss(&y, &array![[1.0, 0.0, 0.3], [0.0, 1.0, 0.7]])
        .or_panic();
    let one_output = BinaryCrossEntropy
        .loss(
            &y.row(0)
                .to_owned()
                .insert_axis(chapter_08::ndarray::Axis(0)),
            &t,
        )
        .or_panic();
    assert_number(
        "E of two classes, against binary cross-entropy of one output",
        two_classes,
        one_output,
        1e-12,
    );
}

#[test]
fn a_probability_of_0_for_the_wanted_class_is_an_error_not_infinity() {
    let y = array![[0.5, 0.0], [0.5, 1.0]];
    let y_star = array![[1.0, 1.0], [0.0, 0.0]];
    let error = CrossEntropy::check(&y, &y_star).unwrap_err();
    assert_eq!(
        error,
        ProbabilityError::Zero {
            context: "cross-entropy".to_string(),
            row: 0,
            column: 1,
            desired: 1.0
        },
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("class 0 of sample 1") && message.contains("ln 0"),
        "{message}"
    );
    let Err(panic) = std::panic::catch_unwind(|| CrossEntropy.loss(&y, &y_star)) else {
        panic!(
            "CrossEntropy::loss should stop with the check's message where Y gives the wanted \
             class a probability of 0, not return (E would be infinite)"
        );
    };
    let said = panic.downcast_ref::<String>().expect("a message");
    assert_eq!(
        said, &message,
        "the loss should stop with the check's message"
    );
}

#[test]
fn a_target_with_a_negative_entry_names_the_sample() {
    let y = array![[0.5, 0.2], [0.5, 0.8]];
    let y_star = array![[1.0, 1.2], [0.0, -0.2]];
    let message = CrossEntropy::check(&y, &y_star).unwrap_err().to_string();
    assert!(
        message.starts_with("cross-entropy: desired output Y* entry (0, 1), class 0 of sample 1, is 1.2, but it must be a probability from 0 to 1"),
        "{message}"
    );
}

#[test]
fn a_target_column_that_does_not_add_up_to_1_names_the_sample() {
    let y = array![[0.5, 0.2, 0.3], [0.5, 0.8, 0.7]];
    // Sample 2 has the 0/1 targets of a tanh network's -1/1 swapped for 0/0.
    let y_star = array![[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];
    let error = CrossEntropy::check(&y, &y_star).unwrap_err();
    assert_eq!(
        error,
        ProbabilityError::Sum {
            context: "cross-entropy".to_string(),
            column: 2,
            sum: 0.0
        },
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("column 2 of the desired output Y* (sample 2) adds up to 0"),
        "{error}"
    );
    // Rounding inside the tolerance is fine.
    let third = 1.0 / 3.0;
    let rounded = array![[third], [third], [third]];
    assert!(
        CrossEntropy::check(&rounded, &rounded).is_ok(),
        "three thirds add up to 1 within the tolerance"
    );
}

#[test]
fn a_prediction_outside_0_to_1_is_named() {
    for bad in [1.5, -0.25, f64::NAN] {
        let y = array![[0.5, 0.2], [0.5, bad]];
        let y_star = array![[1.0, 0.0], [0.0, 1.0]];
        let message = CrossEntropy::check(&y, &y_star).unwrap_err().to_string();
        assert!(
            message
                .starts_with("cross-entropy: prediction Y entry (1, 1), class 1 of sample 1, is"),
            "{message}"
        );
    }
}

#[test]
fn a_target_of_another_shape_is_a_shape_error() {
    let y = array![[0.5, 0.2], [0.5, 0.8]];
    let result = CrossEntropy.loss(&y, &array![[1.0, 0.0]]);
    let Err(error) = result else {
        panic!(
            "CrossEntropy::loss of a (2, 2) Y against a (1, 2) Y* should be a shape error, but it returned {result:?}"
        );
    };
    assert!(
        error
            .to_string()
            .starts_with("cross-entropy: desired output Y* should have shape (2, 2)"),
        "{error}"
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    /// `E = -(1/m) Σ_k Σ_i y*_ik ln y_ik`, summed term by term.
    #[test]
    fn cross_entropy_is_minus_the_mean_over_samples_of_the_sum_of_y_star_ln_y(
        (y, y_star) in shape().prop_flat_map(|(r, c)| (distributions(r, c, 0.05), distributions(r, c, 0.0)))
    ) {
        let samples = y.ncols() as f64;
        let by_hand = -y.iter().zip(&y_star).map(|(p, t)| t * p.ln()).sum::<f64>() / samples;
        let computed = CrossEntropy.loss(&y, &y_star).or_panic();
        prop_assert!((computed - by_hand).abs() < 1e-12, "E is {computed:.9}, but term by term it is {by_hand:.9}");
    }
}

#[test]
fn the_losses_say_their_names_in_messages() {
    assert_eq!(CrossEntropy.name(), "cross-entropy");
    assert_eq!(
        chapter_08::SoftmaxCrossEntropy.name(),
        "softmax cross-entropy"
    );
}

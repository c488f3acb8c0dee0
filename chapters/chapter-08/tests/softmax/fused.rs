//! `SoftmaxCrossEntropy`, the fused loss on logits, and `log_softmax`, which
//! keeps it finite where softmax rounds a probability to 0.

use chapter_08::ndarray::{Array2, array};
use chapter_08::testing::{OrPanic, assert_entries, assert_number, proptest_config};
use chapter_08::{
    CrossEntropy, Loss, ProbabilityError, Softmax, SoftmaxCrossEntropy, compare_gradients,
    log_softmax, numerical_gradient,
};
use proptest::prelude::*;

use crate::strategies::logits_and_target;

#[test]
fn log_softmax_is_the_log_of_softmax() {
    let x = array![[0.3, 2.0], [1.2, -1.0], [-0.4, 0.5]];
    let expected = Softmax::probabilities(&x).or_panic().mapv(f64::ln);
    assert_entries(
        "log-softmax(X)",
        &log_softmax(&x).or_panic(),
        &expected,
        1e-12,
    );
}

#[test]
fn far_below_the_largest_logit_log_softmax_stays_finite_where_softmax_rounds_to_0() {
    let x = array![[1000.0], [0.0]];
    let y = Softmax::probabilities(&x).or_panic();
    assert_eq!(y[[1, 0]], 0.0, "e^-1000 rounds to 0 in f64");
    assert_entries(
        "log-softmax of (1000, 0)",
        &log_softmax(&x).or_panic(),
        &array![[0.0], [-1000.0]],
        1e-9,
    );
    // So the fused loss is finite where the composition would take ln 0.
    let y_star = array![[0.0], [1.0]];
    assert_number(
        "E of the wrong class at a logit gap of 1000",
        SoftmaxCrossEntropy.loss(&x, &y_star).or_panic(),
        1000.0,
        1e-9,
    );
    assert!(matches!(
        CrossEntropy::check(&y, &y_star),
        Err(ProbabilityError::Zero {
            row: 1,
            column: 0,
            ..
        })
    ));
}

#[test]
fn the_fused_loss_refuses_nan_logits_and_targets_that_are_not_distributions() {
    let y_star = array![[1.0], [0.0]];
    let message = SoftmaxCrossEntropy::check(&array![[f64::INFINITY], [0.0]], &y_star)
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with(
            "softmax cross-entropy: logits X entry (0, 0), class 0 of sample 0, is inf"
        ),
        "{message}"
    );
    let message = SoftmaxCrossEntropy::check(&array![[0.5], [0.0]], &array![[1.0], [1.0]])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("column 0 of the desired output Y* (sample 0) adds up to 2"),
        "{message}"
    );
    let error = SoftmaxCrossEntropy
        .loss(&array![[0.5, 0.1]], &y_star)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("softmax cross-entropy: desired output Y* should have shape (1, 2)"),
        "{error}"
    );
}

#[test]
fn its_gradient_pushes_the_right_logit_up_and_the_others_down() {
    let x = array![[0.2], [1.5], [-0.7]];
    let y_star = array![[1.0], [0.0], [0.0]];
    let g: Array2<f64> = SoftmaxCrossEntropy.gradient(&x, &y_star).or_panic();
    assert!(
        g[[0, 0]] < 0.0 && g[[1, 0]] > 0.0 && g[[2, 0]] > 0.0,
        "dE/dX = {g}: a step against it should raise logit 0 and lower the others"
    );
    let sum = g.sum();
    assert!(
        sum.abs() < 1e-15,
        "the gradient of a column adds up to {sum}, not 0 (probabilities and targets both add up to 1)"
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn fused_gradient_matches_finite_differences((x, y_star) in logits_and_target()) {
        let computed = SoftmaxCrossEntropy.gradient(&x, &y_star).or_panic();
        let numerical = numerical_gradient(&x, 1e-6, |x| SoftmaxCrossEntropy.loss(x, &y_star).or_panic());
        compare_gradients("dE/dX (one row per class, one column per sample)", &computed, &numerical, 1e-6)
            .map_err(TestCaseError::fail)?;
    }
}

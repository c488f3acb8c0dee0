//! The extension of the exercise by example: the binary cross-entropy,
//! its gradient and `check_predictions`, with numbers worked out by hand.
//!
//! They live in a file of their own so that the exercise's core (the shape
//! check and the mean squared error) can pass on its own: `cargo test -p
//! chapter-04 --features exercise` leaves them out, `--features extension`
//! runs them too, and without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use crate::common::{assert_entries, assert_error};
use chapter_04::ndarray::array;
use chapter_04::testing::OrPanic;
use chapter_04::{BinaryCrossEntropy, Loss, MeanSquaredError};

#[test]
fn worked_out_by_hand() {
    // Targets 1 and 0: each entry's term is ln y (target 1) or
    // ln(1 - y) (target 0): ln 0.8, ln 0.6, ln 0.7, ln 0.9.
    let y = array![[0.8, 0.4], [0.3, 0.9]];
    let y_star = array![[1.0, 0.0], [0.0, 1.0]];
    assert_error(
        "binary cross-entropy",
        BinaryCrossEntropy.loss(&y, &y_star).or_panic(),
        -(0.8_f64.ln() + 0.6_f64.ln() + 0.7_f64.ln() + 0.9_f64.ln()) / 4.0,
    );
    // (1/n)(y - y*)/(y(1 - y)) is -1/(n y) for target 1 and
    // 1/(n (1 - y)) for target 0, with n = 4.
    assert_entries(
        "dE/dY (one row per output, one column per sample)",
        &BinaryCrossEntropy.gradient(&y, &y_star).or_panic(),
        &array![
            [-1.0 / (4.0 * 0.8), 1.0 / (4.0 * 0.6)],
            [1.0 / (4.0 * 0.7), -1.0 / (4.0 * 0.9)]
        ],
    );
}

#[test]
fn the_gradient_is_zero_where_the_prediction_is_the_target() {
    // With a target between 0 and 1 the lowest error is not 0, but the
    // gradient still vanishes exactly at the target.
    let y = array![[0.3], [0.75]];
    assert_entries(
        "dE/dY (one row per output, one column per sample)",
        &BinaryCrossEntropy.gradient(&y, &y).or_panic(),
        &array![[0.0], [0.0]],
    );
}

#[test]
fn a_confident_wrong_answer_costs_far_more_than_with_the_mse() {
    let (y, y_star) = (array![[0.01]], array![[1.0]]);
    let cross_entropy = BinaryCrossEntropy.loss(&y, &y_star).or_panic();
    assert_error("binary cross-entropy", cross_entropy, -(0.01_f64.ln()));
    let squared = MeanSquaredError.loss(&y, &y_star).or_panic();
    assert!(
        cross_entropy > 4.0 * squared,
        "for a prediction of 0.01 where 1 is right, the cross-entropy {cross_entropy} should be \
         more than 4 times the squared error {squared}"
    );
}

#[test]
fn a_row_against_a_column_is_an_error_not_a_broadcast() {
    let (column, row) = (array![[0.3], [0.8]], array![[0.3, 0.8]]);
    let Err(error) = BinaryCrossEntropy.loss(&column, &row) else {
        panic!(
            "loss should refuse Y* given as a row (1, 2) for Y of shape (2, 1), not broadcast it"
        );
    };
    assert!(
        error
            .to_string()
            .starts_with("binary cross-entropy: desired output Y* should have shape (2, 1)"),
        "the message should name the loss, Y* and the shape (2, 1) of Y, but is: {error}"
    );
    assert!(
        BinaryCrossEntropy.gradient(&column, &row).is_err(),
        "gradient should refuse Y* given as a row (1, 2) for Y of shape (2, 1), not broadcast it"
    );
}

#[test]
fn a_prediction_of_0_or_1_or_beyond_gives_a_number_that_is_not_finite() {
    // The Loss trait reports shapes only; chapter 5's `train` stops with
    // "diverged" on such an error.
    for (y, y_star) in [(0.0, 1.0), (1.0, 0.0), (-0.2, 1.0), (1.5, 0.0)] {
        let error = BinaryCrossEntropy
            .loss(&array![[y]], &array![[y_star]])
            .or_panic();
        assert!(
            !error.is_finite(),
            "prediction {y}, target {y_star} gave the error {error}"
        );
    }
}

#[test]
fn check_predictions_accepts_probabilities() {
    let y = array![[0.001, 0.5], [0.999, 0.25]];
    BinaryCrossEntropy::check_predictions(&y).unwrap_or_else(|error| {
        panic!("predictions strictly between 0 and 1 were refused: {error}")
    });
}

#[test]
fn check_predictions_names_the_first_entry_that_is_not_a_probability() {
    for bad in [0.0, 1.0, -0.1, 1.2, f64::NAN, f64::INFINITY] {
        let y = array![[0.5, 0.5], [0.5, bad]];
        let Err(error) = BinaryCrossEntropy::check_predictions(&y) else {
            panic!("check_predictions accepted the prediction {bad} at entry (1, 1)");
        };
        assert_eq!((error.row, error.column), (1, 1), "{error}");
        assert!(
            error.to_string().starts_with(
                "binary cross-entropy: entry (1, 1) of the prediction Y (one row per output, \
                 one column per sample) is "
            ) && error.to_string().contains("strictly between 0 and 1"),
            "the message should name entry (1, 1) of Y and say that a prediction must be \
             strictly between 0 and 1, but is: {error}"
        );
    }
}

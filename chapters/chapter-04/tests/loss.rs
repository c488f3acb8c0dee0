//! The losses by example: numbers worked out by hand, and the shape check.
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-04 --features exercise`.

use chapter_04::ndarray::{Array2, array};
use chapter_04::{BinaryCrossEntropy, Loss, MeanSquaredError, check_same_shape};

/// Compare an array with one worked out by hand, entry by entry; a
/// mismatch names the first wrong entry (row = output, column = sample).
fn assert_entries(name: &str, computed: &Array2<f64>, by_hand: &Array2<f64>) {
    assert_eq!(
        computed.dim(),
        by_hand.dim(),
        "{name} has shape {:?}, but should have shape {:?}, the shape of the prediction Y \
         (one row per output, one column per sample)",
        computed.dim(),
        by_hand.dim()
    );
    for ((row, column), &value) in computed.indexed_iter() {
        let expected = by_hand[[row, column]];
        assert!(
            (value - expected).abs() < 1e-12,
            "{name} entry ({row}, {column}) is {value:.6}, but by hand it is {expected:.6}"
        );
    }
}

/// Compare the error `E` with a number worked out by hand.
fn assert_error(name: &str, computed: f64, by_hand: f64) {
    assert!(
        (computed - by_hand).abs() < 1e-12,
        "{name}: E is {computed:.6}, but by hand it is {by_hand:.6}"
    );
}

mod mean_squared_error {
    use super::*;

    #[test]
    fn mse_worked_out_by_hand() {
        // differences 0.5, -1.5, 2.0: squares 0.25 + 2.25 + 4 = 6.5, mean 6.5 / 3
        let y = array![[1.5], [-0.5], [3.0]];
        let y_star = array![[1.0], [1.0], [1.0]];
        assert_error(
            "mean squared error",
            MeanSquaredError.loss(&y, &y_star).unwrap(),
            6.5 / 3.0,
        );
        // (2/n)(Y - Y*) with n = 3
        assert_entries(
            "dE/dY (one row per output, one column per sample)",
            &MeanSquaredError.gradient(&y, &y_star).unwrap(),
            &array![[1.0 / 3.0], [-1.0], [4.0 / 3.0]],
        );
    }

    #[test]
    fn mse_averages_over_outputs_and_samples_alike() {
        // 2 outputs, 2 samples: n = 4 entries.
        // differences 0.5, -1, -1.5, 1: squares 0.25 + 1 + 2.25 + 1 = 4.5, mean 4.5 / 4
        let y = array![[1.5, 0.0], [-0.5, 2.0]];
        let y_star = array![[1.0, 1.0], [1.0, 1.0]];
        assert_error(
            "mean squared error",
            MeanSquaredError.loss(&y, &y_star).unwrap(),
            4.5 / 4.0,
        );
        // (2/4)(Y - Y*)
        assert_entries(
            "dE/dY (one row per output, one column per sample)",
            &MeanSquaredError.gradient(&y, &y_star).unwrap(),
            &array![[0.25, -0.5], [-0.75, 0.5]],
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

mod check_same_shape {
    use super::*;

    #[test]
    fn accepts_the_same_shape() {
        let y = array![[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]];
        assert_eq!(check_same_shape("some loss", &y, &y), Ok(()));
    }

    #[test]
    fn names_the_loss_the_array_and_both_shapes() {
        let error = check_same_shape("some loss", &Array2::zeros((3, 2)), &Array2::zeros((2, 3)))
            .unwrap_err();
        assert_eq!(error.context, "some loss");
        assert_eq!(error.array, "desired output Y*");
        assert_eq!(error.found, (2, 3));
        assert!(error.expected.starts_with("(3, 2)"), "{error}");
    }

    #[test]
    fn the_same_number_of_entries_is_not_enough() {
        // (4, 1) and (2, 2) both have 4 entries, and still do not fit.
        assert!(
            check_same_shape("some loss", &Array2::zeros((4, 1)), &Array2::zeros((2, 2))).is_err()
        );
    }
}

mod binary_cross_entropy {
    use super::*;

    #[test]
    fn worked_out_by_hand() {
        // Targets 1 and 0: each entry's term is ln y (target 1) or
        // ln(1 - y) (target 0): ln 0.8, ln 0.6, ln 0.7, ln 0.9.
        let y = array![[0.8, 0.4], [0.3, 0.9]];
        let y_star = array![[1.0, 0.0], [0.0, 1.0]];
        assert_error(
            "binary cross-entropy",
            BinaryCrossEntropy.loss(&y, &y_star).unwrap(),
            -(0.8_f64.ln() + 0.6_f64.ln() + 0.7_f64.ln() + 0.9_f64.ln()) / 4.0,
        );
        // (1/n)(y - y*)/(y(1 - y)) is -1/(n y) for target 1 and
        // 1/(n (1 - y)) for target 0, with n = 4.
        assert_entries(
            "dE/dY (one row per output, one column per sample)",
            &BinaryCrossEntropy.gradient(&y, &y_star).unwrap(),
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
            &BinaryCrossEntropy.gradient(&y, &y).unwrap(),
            &array![[0.0], [0.0]],
        );
    }

    #[test]
    fn a_confident_wrong_answer_costs_far_more_than_with_the_mse() {
        let (y, y_star) = (array![[0.01]], array![[1.0]]);
        let cross_entropy = BinaryCrossEntropy.loss(&y, &y_star).unwrap();
        assert_error("binary cross-entropy", cross_entropy, -(0.01_f64.ln()));
        assert!(cross_entropy > 4.0 * MeanSquaredError.loss(&y, &y_star).unwrap());
    }

    #[test]
    fn a_row_against_a_column_is_an_error_not_a_broadcast() {
        let (column, row) = (array![[0.3], [0.8]], array![[0.3, 0.8]]);
        let error = BinaryCrossEntropy.loss(&column, &row).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("binary cross-entropy: desired output Y* should have shape (2, 1)"),
            "{error}"
        );
        assert!(BinaryCrossEntropy.gradient(&column, &row).is_err());
    }

    #[test]
    fn a_prediction_of_0_or_1_or_beyond_gives_a_number_that_is_not_finite() {
        // The Loss trait reports shapes only; chapter 5's `train` stops with
        // "diverged" on such an error.
        for (y, y_star) in [(0.0, 1.0), (1.0, 0.0), (-0.2, 1.0), (1.5, 0.0)] {
            let error = BinaryCrossEntropy
                .loss(&array![[y]], &array![[y_star]])
                .unwrap();
            assert!(
                !error.is_finite(),
                "prediction {y}, target {y_star} gave the error {error}"
            );
        }
    }

    #[test]
    fn check_predictions_accepts_probabilities() {
        let y = array![[0.001, 0.5], [0.999, 0.25]];
        assert_eq!(BinaryCrossEntropy::check_predictions(&y), Ok(()));
    }

    #[test]
    fn check_predictions_names_the_first_entry_that_is_not_a_probability() {
        for bad in [0.0, 1.0, -0.1, 1.2, f64::NAN, f64::INFINITY] {
            let y = array![[0.5, 0.5], [0.5, bad]];
            let error = BinaryCrossEntropy::check_predictions(&y).unwrap_err();
            assert_eq!((error.row, error.column), (1, 1), "{error}");
            assert!(
                error.to_string().starts_with(
                    "binary cross-entropy: entry (1, 1) of the prediction Y (one row per output, \
                     one column per sample) is "
                ) && error.to_string().contains("strictly between 0 and 1"),
                "{error}"
            );
        }
    }
}

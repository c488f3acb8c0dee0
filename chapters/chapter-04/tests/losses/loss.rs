//! The mean squared error by example: numbers worked out by hand, and the
//! shape check. (The extension's binary cross-entropy is tested in
//! `tests/losses/binary_cross_entropy.rs`.)
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-04 --features exercise`.

use crate::common::{assert_entries, assert_error};
use chapter_04::ndarray::{Array2, array};
use chapter_04::testing::OrPanic;
use chapter_04::{Loss, MeanSquaredError, check_same_shape};

mod mean_squared_error {
    use super::*;

    #[test]
    fn mse_worked_out_by_hand() {
        // differences 0.5, -1.5, 2.0: squares 0.25 + 2.25 + 4 = 6.5, mean 6.5 / 3
        let y = array![[1.5], [-0.5], [3.0]];
        let y_star = array![[1.0], [1.0], [1.0]];
        assert_error(
            "mean squared error",
            MeanSquaredError.loss(&y, &y_star).or_panic(),
            6.5 / 3.0,
        );
        // (2/n)(Y - Y*) with n = 3
        assert_entries(
            "dE/dY (one row per output, one column per sample)",
            &MeanSquaredError.gradient(&y, &y_star).or_panic(),
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
            MeanSquaredError.loss(&y, &y_star).or_panic(),
            4.5 / 4.0,
        );
        // (2/4)(Y - Y*)
        assert_entries(
            "dE/dY (one row per output, one column per sample)",
            &MeanSquaredError.gradient(&y, &y_star).or_panic(),
            &array![[0.25, -0.5], [-0.75, 0.5]],
        );
    }

    #[test]
    fn is_zero_only_for_the_desired_output() {
        let y = array![[0.3], [-0.8]];
        let same = MeanSquaredError.loss(&y, &y).or_panic();
        assert_eq!(
            same, 0.0,
            "E of a prediction that is the desired output is {same}, expected 0"
        );
        let off = MeanSquaredError.loss(&y, &array![[0.3], [-0.7]]).or_panic();
        assert!(
            off > 0.0,
            "E of a prediction 0.1 off is {off}, expected more than 0"
        );
    }

    #[test]
    fn a_row_against_a_column_is_an_error_not_a_broadcast() {
        let Err(error) = MeanSquaredError.loss(&array![[0.3], [-0.8]], &array![[0.3, -0.8]]) else {
            panic!(
                "loss should refuse Y* given as a row (1, 2) for Y of shape (2, 1), not broadcast it"
            );
        };
        assert_eq!(
            error.to_string(),
            "mean squared error: desired output Y* should have shape (2, 1), the shape of the \
             prediction Y: one row per output, one column per sample, but has shape (1, 2)"
        );
        assert!(
            MeanSquaredError
                .gradient(&array![[0.3], [-0.8]], &array![[0.3, -0.8]])
                .is_err(),
            "gradient should refuse Y* given as a row (1, 2) for Y of shape (2, 1), not broadcast it"
        );
    }
}

mod check_same_shape {
    use super::*;

    #[test]
    fn accepts_the_same_shape() {
        let y = array![[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]];
        check_same_shape("some loss", &y, &y)
            .unwrap_or_else(|error| panic!("two arrays of shape (2, 3) were refused: {error}"));
    }

    #[test]
    fn names_the_loss_the_array_and_both_shapes() {
        let Err(error) =
            check_same_shape("some loss", &Array2::zeros((3, 2)), &Array2::zeros((2, 3)))
        else {
            panic!("check_same_shape accepted Y* of shape (2, 3) for Y of shape (3, 2)");
        };
        assert_eq!(error.context, "some loss", "{error}");
        assert_eq!(error.array, "desired output Y*", "{error}");
        assert_eq!(error.found, (2, 3), "{error}");
        assert!(error.expected.starts_with("(3, 2)"), "{error}");
    }

    #[test]
    fn the_same_number_of_entries_is_not_enough() {
        // (4, 1) and (2, 2) both have 4 entries, and still do not fit.
        assert!(
            check_same_shape("some loss", &Array2::zeros((4, 1)), &Array2::zeros((2, 2))).is_err(),
            "check_same_shape accepted Y* of shape (2, 2) for Y of shape (4, 1)"
        );
    }
}

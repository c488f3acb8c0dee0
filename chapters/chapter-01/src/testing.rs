//! Helpers for the tests of every chapter (feature `testing`; chapter 2's
//! `testing` module re-exports them, so later chapters reach them too).
//!
//! They are for the learner who runs a chapter's tests against an exercise:
//! a failed comparison names the array, the first wrong entry (row,
//! column), the value computed and the value expected, or both shapes.
//! `approx`'s `assert_abs_diff_eq!` on arrays prints both arrays whole,
//! with ndarray's strides and layout flags, and leaves the reader to find
//! the entry that differs.

use std::fmt::Display;

use ndarray::{ArrayBase, Data, Ix2};
use proptest::test_runner::Config;

/// `unwrap` for the results of the code under test: on an error, the panic
/// shows the error's own message (a `ShapeError` names the layer, the array
/// and both shapes) rather than the struct's fields.
pub trait OrPanic<T> {
    /// The value, or a panic with the error's message.
    fn or_panic(self) -> T;
}

impl<T, E: Display> OrPanic<T> for Result<T, E> {
    #[track_caller]
    fn or_panic(self) -> T {
        match self {
            Ok(value) => value,
            Err(error) => panic!("returned an error where none was expected: {error}"),
        }
    }
}

/// Compare `computed` with `expected` entry by entry.
///
/// On a mismatch the message names `name`, the first wrong entry (row,
/// column), the computed and the expected value:
/// `Y entry (1, 0) is 0.291300, expected 0.761594`; a shape mismatch names
/// both shapes: `Y has shape (2, 3), expected (3, 2)`. Give `name` the
/// meaning of the axes where it helps, e.g. `Y (one row per output, one
/// column per sample)`. Entries agree when they differ by at most
/// `tolerance`; a NaN never agrees. Values are shown to six decimals, or in
/// full when six decimals would show the same number twice.
pub fn compare_entries<A, B>(
    name: &str,
    computed: &ArrayBase<A, Ix2>,
    expected: &ArrayBase<B, Ix2>,
    tolerance: f64,
) -> Result<(), String>
where
    A: Data<Elem = f64>,
    B: Data<Elem = f64>,
{
    let (found, wanted) = (computed.dim(), expected.dim());
    if found != wanted {
        return Err(format!(
            "{name} has shape ({}, {}), expected ({}, {})",
            found.0, found.1, wanted.0, wanted.1
        ));
    }
    for ((row, column), &value) in computed.indexed_iter() {
        let wanted = expected[[row, column]];
        if !agree(value, wanted, tolerance) {
            let (value, wanted) = show(value, wanted);
            return Err(format!(
                "{name} entry ({row}, {column}) is {value}, expected {wanted}"
            ));
        }
    }
    Ok(())
}

/// [`compare_entries`], panicking with its message on a mismatch.
///
/// # Panics
/// If the shapes differ or an entry is further than `tolerance` from the
/// expected one.
#[track_caller]
pub fn assert_entries<A, B>(
    name: &str,
    computed: &ArrayBase<A, Ix2>,
    expected: &ArrayBase<B, Ix2>,
    tolerance: f64,
) where
    A: Data<Elem = f64>,
    B: Data<Elem = f64>,
{
    if let Err(message) = compare_entries(name, computed, expected, tolerance) {
        panic!("{message}");
    }
}

/// Compare one number with the expected one: `E is 2.100000, expected
/// 2.166667`. They agree when they differ by at most `tolerance`; a NaN
/// never agrees.
pub fn compare_number(
    name: &str,
    computed: f64,
    expected: f64,
    tolerance: f64,
) -> Result<(), String> {
    if agree(computed, expected, tolerance) {
        Ok(())
    } else {
        let (computed, expected) = show(computed, expected);
        Err(format!("{name} is {computed}, expected {expected}"))
    }
}

/// [`compare_number`], panicking with its message on a mismatch.
///
/// # Panics
/// If `computed` is further than `tolerance` from `expected`.
#[track_caller]
pub fn assert_number(name: &str, computed: f64, expected: f64, tolerance: f64) {
    if let Err(message) = compare_number(name, computed, expected, tolerance) {
        panic!("{message}");
    }
}

/// The configuration for the chapters' property tests: proptest's default
/// (so `PROPTEST_CASES` and the other `PROPTEST_*` variables still apply),
/// without saving failures to a file.
///
/// Saving failures writes `proptest-regressions` files beside the tests,
/// and where proptest finds no `lib.rs` or `main.rs` above a test's file it
/// prints "failed to find lib.rs or main.rs" at the top of every failure,
/// before the message that matters. Use it as
/// `#![proptest_config(proptest_config())]` in a `proptest!` block.
#[must_use]
pub fn proptest_config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

/// Equal, or within `tolerance`; written so that a NaN never agrees.
fn agree(value: f64, expected: f64, tolerance: f64) -> bool {
    value == expected || (value - expected).abs() <= tolerance
}

/// Both numbers to six decimals, or in full if that would look the same.
fn show(value: f64, expected: f64) -> (String, String) {
    let (short_value, short_expected) = (format!("{value:.6}"), format!("{expected:.6}"));
    if short_value == short_expected {
        (value.to_string(), expected.to_string())
    } else {
        (short_value, short_expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn names_the_first_wrong_entry_with_both_values() {
        let computed = array![[0.5, -1.25], [0.2913, 4.0]];
        let expected = array![[0.5, -1.25], [0.761_594, 4.0]];
        assert_eq!(
            compare_entries("Y", &computed, &expected, 1e-12),
            Err("Y entry (1, 0) is 0.291300, expected 0.761594".into())
        );
    }

    #[test]
    fn names_both_shapes() {
        let computed = ndarray::Array2::<f64>::zeros((2, 3));
        let expected = ndarray::Array2::<f64>::zeros((3, 2));
        assert_eq!(
            compare_entries("Y", &computed, &expected, 1e-12),
            Err("Y has shape (2, 3), expected (3, 2)".into())
        );
    }

    #[test]
    fn accepts_a_difference_up_to_the_tolerance_and_no_more() {
        let expected = array![[2.0, -3.0]];
        assert_eq!(
            compare_entries("g", &array![[2.0, -3.0]], &expected, 0.0),
            Ok(())
        );
        assert_eq!(
            compare_entries("g", &array![[2.0, -3.0625]], &expected, 0.0625),
            Ok(())
        );
        assert_eq!(
            compare_entries("g", &array![[2.0, -3.125]], &expected, 0.0625),
            Err("g entry (0, 1) is -3.125000, expected -3.000000".into())
        );
        assert_eq!(
            compare_entries("g", &array![[2.125, -3.0]], &expected, 0.0625),
            Err("g entry (0, 0) is 2.125000, expected 2.000000".into())
        );
    }

    #[test]
    fn never_accepts_nan_but_accepts_the_same_infinity() {
        assert!(compare_entries("g", &array![[f64::NAN]], &array![[1.0]], 1e-6).is_err());
        assert!(compare_entries("g", &array![[1.0]], &array![[f64::NAN]], 1e-6).is_err());
        assert_eq!(
            compare_entries(
                "g",
                &array![[f64::INFINITY]],
                &array![[f64::INFINITY]],
                1e-6
            ),
            Ok(())
        );
    }

    #[test]
    fn shows_full_numbers_when_six_decimals_look_the_same() {
        assert_eq!(
            compare_entries("g", &array![[0.1 + 0.2]], &array![[0.3]], 1e-18),
            Err("g entry (0, 0) is 0.30000000000000004, expected 0.3".into())
        );
    }

    #[test]
    #[should_panic(expected = "W entry (0, 1) is 2.000000, expected 2.500000")]
    fn assert_entries_panics_with_the_message() {
        assert_entries("W", &array![[1.0, 2.0]], &array![[1.0, 2.5]], 1e-12);
    }

    #[test]
    fn assert_entries_accepts_equal_arrays() {
        assert_entries("W", &array![[1.0, 2.0]], &array![[1.0, 2.0]], 0.0);
    }

    #[test]
    fn compares_numbers_the_same_way() {
        assert_eq!(compare_number("E", 2.0, 2.0625, 0.0625), Ok(()));
        assert_eq!(
            compare_number("E", 2.1, 2.166_666_7, 1e-12),
            Err("E is 2.100000, expected 2.166667".into())
        );
        assert_eq!(
            compare_number("E", 2.25, 2.125, 0.0625),
            Err("E is 2.250000, expected 2.125000".into())
        );
        assert!(compare_number("E", f64::NAN, 1.0, 1.0).is_err());
    }

    #[test]
    #[should_panic(expected = "E is 2.100000, expected 2.166667")]
    fn assert_number_panics_with_the_message() {
        assert_number("E", 2.1, 2.166_666_7, 1e-12);
    }

    #[test]
    fn assert_number_accepts_a_close_number() {
        assert_number("E", 2.0, 2.0 + 1e-13, 1e-12);
    }

    #[test]
    fn or_panic_gives_the_value() {
        assert_eq!(Ok::<u8, String>(7).or_panic(), 7);
    }

    #[test]
    #[should_panic(expected = "input X should have shape (2, m)")]
    fn or_panic_shows_the_errors_message() {
        let error = crate::ShapeError::new("layer", "input X", "(2, m)", (3, 1));
        let _: u8 = Err(error).or_panic();
    }

    #[test]
    fn the_proptest_config_saves_no_failures_and_keeps_the_defaults() {
        let config = proptest_config();
        assert!(config.failure_persistence.is_none());
        assert_eq!(config.cases, Config::default().cases);
        assert_eq!(config.max_shrink_iters, Config::default().max_shrink_iters);
    }
}

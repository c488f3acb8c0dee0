//! The extension of the exercise, `check_dense_gradients`, over random
//! shapes and values: it accepts every right backward pass and names any
//! entry of dE/dX that is off.
//!
//! They live in a file of their own so that the exercise's core, the
//! backward pass, can pass on its own: `cargo test -p chapter-02 --features
//! exercise` leaves them out, `--features extension` runs them too, and
//! without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use crate::common::case;
use chapter_02::testing::{OrPanic, proptest_config};
use chapter_02::{Backward, check_dense_gradients};
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_config())]

    /// The referee `check_dense_gradients` accepts every right backward pass...
    #[test]
    fn check_dense_gradients_accepts_the_backward_pass((layer, x, c) in case()) {
        let gradients = layer.backward(&x, &c).or_panic();
        check_dense_gradients(&layer, &x, &c, &gradients).map_err(|message| {
            TestCaseError::fail(format!("check_dense_gradients refused the right backward pass: {message}"))
        })?;
    }

    /// ...and names any entry of dE/dX that is off.
    #[test]
    fn check_dense_gradients_names_a_wrong_input_gradient_entry(
        (layer, x, c) in case(),
        row in any::<prop::sample::Index>(),
        column in any::<prop::sample::Index>(),
    ) {
        let mut gradients = layer.backward(&x, &c).or_panic();
        let (row, column) = (row.index(x.nrows()), column.index(x.ncols()));
        gradients.input[[row, column]] += 0.01;
        let Err(message) = check_dense_gradients(&layer, &x, &c, &gradients) else {
            return Err(TestCaseError::fail(format!(
                "check_dense_gradients accepted a dE/dX whose entry ({row}, {column}) is 0.01 off"
            )));
        };
        let expected = format!("dE/dX (one row per input, one column per sample) entry ({row}, {column}) is ");
        prop_assert!(
            message.starts_with(&expected),
            "the message should start with \"{}\", but is: {}", expected, message
        );
    }
}

//! The extension of the exercise: `check_dense_gradients`, the referee
//! for a whole dense backward pass. These tests hand it gradients made by
//! hand, right or wrong, so they check it on its own.
//!
//! They live in a file of their own so that the exercise's core, the
//! backward pass, can pass on its own: `cargo test -p chapter-02 --features
//! exercise` leaves them out, `--features extension` runs them too, and
//! without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use crate::common::{layer, square_case};
use chapter_02::ndarray::{Array2, array};
use chapter_02::testing::OrPanic;
use chapter_02::{Backward, Gradients, check_dense_gradients};

/// The gradients of `gradients_worked_out_by_hand`, for chapter 1's
/// layer, `X = (2, -3)` and `dE/dY = (0.4, -0.7, 1.3)`.
fn by_hand() -> (Array2<f64>, Array2<f64>, Gradients) {
    let x = array![[2.0], [-3.0]];
    let g = array![[0.4], [-0.7], [1.3]];
    let gradients = Gradients {
        input: array![[-2.175], [3.125]],
        parameters: vec![array![[0.8, -1.2], [-1.4, 2.1], [2.6, -3.9]], g.clone()],
    };
    (x, g, gradients)
}

#[test]
fn accepts_the_right_gradients() {
    let (x, g, gradients) = by_hand();
    check_dense_gradients(&layer(), &x, &g, &gradients).unwrap_or_else(|message| {
        panic!("check_dense_gradients refused gradients worked out by hand: {message}")
    });
}

#[test]
fn accepts_the_backward_pass_of_a_square_layer() {
    let (layer, x, g) = square_case();
    let gradients = layer.backward(&x, &g).or_panic();
    check_dense_gradients(&layer, &x, &g, &gradients).unwrap_or_else(|message| {
        panic!("check_dense_gradients refused the backward pass of a square layer: {message}")
    });
}

#[test]
fn names_a_wrong_weight_gradient_entry() {
    let (x, g, mut gradients) = by_hand();
    gradients.parameters[0][[1, 0]] = 1.4; // the sign dropped
    assert_eq!(
        check_dense_gradients(&layer(), &x, &g, &gradients),
        Err(
            "dE/dW (one row per output, one column per input) entry (1, 0) is \
             1.400000, but finite differences give -1.400000"
                .to_string()
        )
    );
}

#[test]
fn names_a_wrong_bias_gradient_entry() {
    let (x, g, mut gradients) = by_hand();
    gradients.parameters[1][[2, 0]] = 0.0;
    let Err(message) = check_dense_gradients(&layer(), &x, &g, &gradients) else {
        panic!("check_dense_gradients accepted a dE/dB whose entry (2, 0) is 0 instead of 1.3");
    };
    assert!(
        message.starts_with("dE/dB (one row per output, one column) entry (2, 0)"),
        "the message should name dE/dB (one row per output, one column) entry (2, 0), but is: {message}"
    );
}

#[test]
fn names_a_dropped_transpose_in_the_input_gradient() {
    let (layer, x, g) = square_case();
    let gradients = Gradients {
        input: layer.weights().dot(&g), // W G instead of Wᵀ G
        parameters: layer.backward(&x, &g).or_panic().parameters,
    };
    let Err(message) = check_dense_gradients(&layer, &x, &g, &gradients) else {
        panic!("check_dense_gradients accepted W G as dE/dX, where Wᵀ G belongs");
    };
    assert!(
        message.starts_with("dE/dX (one row per input, one column per sample) entry (0, 0) is "),
        "the message should name dE/dX (one row per input, one column per sample) entry (0, 0), but is: {message}"
    );
}

#[test]
fn names_both_shapes_of_a_bias_gradient_given_as_a_row() {
    let (x, g, mut gradients) = by_hand();
    gradients.parameters[1] = array![[0.4, -0.7, 1.3]];
    let Err(message) = check_dense_gradients(&layer(), &x, &g, &gradients) else {
        panic!("check_dense_gradients accepted dE/dB given as a row (1, 3) for 3 outputs");
    };
    assert!(
        message.starts_with("dE/dB") && message.contains("(1, 3)") && message.contains("(3, 1)"),
        "the message should name dE/dB and both shapes, (1, 3) and (3, 1), but is: {message}"
    );
}

#[test]
fn wants_exactly_two_parameter_gradients() {
    let (x, g, mut gradients) = by_hand();
    gradients.parameters.pop();
    let Err(message) = check_dense_gradients(&layer(), &x, &g, &gradients) else {
        panic!("check_dense_gradients accepted a single parameter gradient, without dE/dB");
    };
    assert!(
        message.contains("2 parameter gradients"),
        "the message should say that a dense layer has 2 parameter gradients, but is: {message}"
    );
}

#[test]
fn rejects_an_output_gradient_of_the_wrong_shape() {
    let (x, _, gradients) = by_hand();
    let Err(message) = check_dense_gradients(&layer(), &x, &array![[0.4, -0.7, 1.3]], &gradients)
    else {
        panic!("check_dense_gradients accepted dE/dY given as a row (1, 3) for 3 outputs");
    };
    assert!(
        message.contains("output gradient dE/dY"),
        "the message should name the output gradient dE/dY, but is: {message}"
    );
}

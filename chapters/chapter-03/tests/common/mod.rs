//! The random inputs that the properties of tanh
//! (`tests/activations/activation_properties.rs`) and of the extension's sigmoid and
//! `ReLU` (`tests/activations/sigmoid_relu_properties.rs`) share.

// Each test file uses only some of them.
#![allow(dead_code)]

use chapter_03::ndarray::Array2;
use chapter_03::testing::{OrPanic, matrix};
use chapter_03::{Activation, Backward, Layer, compare_gradients, numerical_gradient};
use proptest::prelude::*;

/// An input `X` (from `values`) of 1 to 6 rows and 1 to 4 columns, and a
/// `C` (= dE/dY) of the same shape.
pub fn same_shape<S: Strategy<Value = Array2<f64>>>(
    values: fn(usize, usize) -> S,
) -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
    (1..=6_usize, 1..=4_usize)
        .prop_flat_map(move |(rows, columns)| (values(rows, columns), matrix(rows, columns)))
}

/// A matrix with entries in -2..2 but never within 0.001 of 0, where the
/// slope of `ReLU` jumps and finite differences would straddle the jump.
pub fn away_from_zero(rows: usize, columns: usize) -> impl Strategy<Value = Array2<f64>> {
    prop::collection::vec(prop_oneof![-2.0..-1e-3, 1e-3..2.0_f64], rows * columns).prop_map(
        move |values| Array2::from_shape_vec((rows, columns), values).expect("length matches"),
    )
}

/// `activation`'s dE/dX = dE/dY ⊙ f'(X) against finite differences of
/// E = Σ C ⊙ f(X), where C is the given dE/dY.
pub fn input_gradient_matches_finite_differences(
    activation: Activation,
    x: &Array2<f64>,
    c: &Array2<f64>,
) -> Result<(), TestCaseError> {
    let computed = activation.backward(x, c).or_panic();
    let numerical = numerical_gradient(x, 1e-6, |x| (activation.forward(x).or_panic() * c).sum());
    compare_gradients(
        "dE/dX (one row per input, one column per sample)",
        &computed.input,
        &numerical,
        1e-6,
    )
    .map_err(TestCaseError::fail)
}

//! The random inputs that the properties of tanh
//! (`tests/activation_properties.rs`) and of the extension's sigmoid and
//! `ReLU` (`tests/sigmoid_relu_properties.rs`) share.

// Each test file uses only some of them.
#![allow(dead_code)]

use chapter_03::ndarray::Array2;
use chapter_03::testing::matrix;
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

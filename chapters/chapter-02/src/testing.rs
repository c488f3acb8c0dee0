//! Random matrices and layers for property tests (feature `testing`), and
//! chapter 1's comparisons whose failures name the wrong entry.
//!
//! Values are drawn from ranges that avoid the special cases that hide bugs:
//! shapes go from 1 to 6 on each side independently (so square-only or 1x1
//! code is caught), and values are spread over a range (so a gradient that
//! is accidentally always 1, or a symmetric W, is not likely).

pub use chapter_01::testing::{
    OrPanic, assert_entries, assert_number, compare_entries, compare_number, proptest_config,
};

use chapter_01::Dense;
use chapter_01::ndarray::Array2;
use proptest::prelude::*;

/// A `rows × columns` matrix with entries in -2..2.
pub fn matrix(rows: usize, columns: usize) -> impl Strategy<Value = Array2<f64>> {
    prop::collection::vec(-2.0..2.0_f64, rows * columns).prop_map(move |values| {
        Array2::from_shape_vec((rows, columns), values).expect("length matches")
    })
}

/// A dense layer with the given numbers of inputs and outputs and random parameters.
pub fn dense(inputs: usize, outputs: usize) -> impl Strategy<Value = Dense> {
    (matrix(outputs, inputs), matrix(outputs, 1))
        .prop_map(|(w, b)| Dense::new(w, b).expect("shapes fit"))
}

/// `(inputs, outputs, samples)`: 1..=6 inputs and outputs, 1..=3 samples.
pub fn sizes() -> impl Strategy<Value = (usize, usize, usize)> {
    (1..=6_usize, 1..=6_usize, 1..=3_usize)
}

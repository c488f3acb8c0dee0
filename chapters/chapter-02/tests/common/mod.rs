//! The cases that the tests of the backward pass (`tests/backward/dense.rs`,
//! `tests/backward/gradient_properties.rs`) and of the extension
//! `check_dense_gradients` (`tests/backward/check_dense_gradients*.rs`) share.

// Each test file uses only some of them.
#![allow(dead_code)]

use chapter_02::Dense;
use chapter_02::ndarray::{Array2, array};
use chapter_02::testing::{dense, matrix, sizes};
use proptest::prelude::*;

/// Chapter 1's layer: 2 inputs, 3 outputs.
pub fn layer() -> Dense {
    Dense::new(
        array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
        array![[0.1], [-0.2], [0.3]],
    )
    .unwrap()
}

// ANCHOR: square_case
/// A square, non-symmetric W (3 inputs, 3 outputs), three samples, and
/// `dE/dY`, with no special values: a dropped transpose still fits the
/// shapes here, so it gives wrong numbers instead of a panic.
pub fn square_case() -> (Dense, Array2<f64>, Array2<f64>) {
    let layer = Dense::new(
        array![[0.6, -1.3, 0.25], [1.7, 0.4, -0.8], [-0.45, 2.1, 0.9]],
        array![[0.15], [-0.35], [0.55]],
    )
    .unwrap();
    let x = array![[1.2, -0.7, 0.3], [-2.4, 0.5, 1.6], [0.8, 1.9, -1.1]];
    let g = array![[0.45, -1.2, 0.7], [-0.3, 0.85, 1.4], [1.1, -0.6, -0.25]];
    (layer, x, g)
}
// ANCHOR_END: square_case

/// A random layer, an input, and `C` (= dE/dY) of the output's shape.
pub fn case() -> impl Strategy<Value = (Dense, Array2<f64>, Array2<f64>)> {
    sizes().prop_flat_map(|(inputs, outputs, samples)| {
        (
            dense(inputs, outputs),
            matrix(inputs, samples),
            matrix(outputs, samples),
        )
    })
}

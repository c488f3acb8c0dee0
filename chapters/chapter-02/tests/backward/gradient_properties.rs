//! Each formula of the dense backward pass, checked against central finite
//! differences over random shapes and values.
//!
//! The stand-in for the error used here is the test score `S = Σ C ⊙ Y`
//! for a random matrix `C`, whose gradient with respect to `Y` is `C`: any
//! `dE/dY` can be made this way.

use crate::common::case;
use chapter_02::ndarray::Array2;
use chapter_02::testing::{OrPanic, compare_entries, proptest_config};
use chapter_02::{Backward, Dense, Layer, compare_gradients, numerical_gradient};
use proptest::prelude::*;

const H: f64 = 1e-6;
const TOLERANCE: f64 = 1e-6;

// ANCHOR: error
/// The test score `S = Σ C ⊙ Y`, a stand-in for the error.
fn error(layer: &Dense, x: &Array2<f64>, c: &Array2<f64>) -> f64 {
    (layer.forward(x).unwrap() * c).sum()
}
// ANCHOR_END: error

proptest! {
    #![proptest_config(proptest_config())]

    // ANCHOR: weight_property
    /// dE/dW = dE/dY · Xᵀ
    #[test]
    fn weight_gradient_matches_finite_differences((layer, x, c) in case()) {
        let computed = layer.backward(&x, &c).or_panic();
        let numerical = numerical_gradient(layer.weights(), H, |w| {
            error(&Dense::new(w.clone(), layer.biases().clone()).unwrap(), &x, &c)
        });
        prop_assert_eq!(computed.parameters.len(), 2, "[dE/dW, dE/dB]");
        compare_gradients(
            "dE/dW (one row per output, one column per input)",
            &computed.parameters[0],
            &numerical,
            TOLERANCE,
        )
        .map_err(TestCaseError::fail)?;
    }
    // ANCHOR_END: weight_property

    /// dE/dB = dE/dY (summed over samples)
    #[test]
    fn bias_gradient_matches_finite_differences((layer, x, c) in case()) {
        let computed = layer.backward(&x, &c).or_panic();
        let numerical = numerical_gradient(layer.biases(), H, |b| {
            error(&Dense::new(layer.weights().clone(), b.clone()).unwrap(), &x, &c)
        });
        prop_assert_eq!(computed.parameters.len(), 2, "[dE/dW, dE/dB]");
        compare_gradients(
            "dE/dB (one row per output, one column)",
            &computed.parameters[1],
            &numerical,
            TOLERANCE,
        )
        .map_err(TestCaseError::fail)?;
    }

    /// dE/dX = Wᵀ · dE/dY
    #[test]
    fn input_gradient_matches_finite_differences((layer, x, c) in case()) {
        let computed = layer.backward(&x, &c).or_panic();
        let numerical = numerical_gradient(&x, H, |x| error(&layer, x, &c));
        compare_gradients(
            "dE/dX (one row per input, one column per sample)",
            &computed.input,
            &numerical,
            TOLERANCE,
        )
        .map_err(TestCaseError::fail)?;
    }

    /// Backward changes nothing: the layer is the same after it.
    #[test]
    fn backward_leaves_the_layer_unchanged((layer, x, c) in case()) {
        let before = layer.clone();
        let _ = layer.backward(&x, &c).or_panic();
        compare_entries("W after backward", layer.weights(), before.weights(), 0.0)
            .map_err(TestCaseError::fail)?;
        compare_entries("B after backward", layer.biases(), before.biases(), 0.0)
            .map_err(TestCaseError::fail)?;
    }
}

//! Each formula of the dense backward pass, checked against central finite
//! differences over random shapes and values.
//!
//! The error used here is `E = Σ C ⊙ Y` for a random matrix `C`, whose
//! gradient with respect to `Y` is `C`: any `dE/dY` can be made this way.

use chapter_02::ndarray::Array2;
use chapter_02::testing::{dense, matrix, sizes};
use chapter_02::{
    Backward, Dense, Layer, check_dense_gradients, compare_gradients, numerical_gradient,
};
use proptest::prelude::*;

const H: f64 = 1e-6;
const TOLERANCE: f64 = 1e-6;

/// A layer, an input, and `C` (= dE/dY) of the output's shape.
fn case() -> impl Strategy<Value = (Dense, Array2<f64>, Array2<f64>)> {
    sizes().prop_flat_map(|(inputs, outputs, samples)| {
        (
            dense(inputs, outputs),
            matrix(inputs, samples),
            matrix(outputs, samples),
        )
    })
}

// ANCHOR: error
/// `E = Σ C ⊙ Y`.
fn error(layer: &Dense, x: &Array2<f64>, c: &Array2<f64>) -> f64 {
    (layer.forward(x).unwrap() * c).sum()
}
// ANCHOR_END: error

proptest! {
    // ANCHOR: weight_property
    /// dE/dW = dE/dY · Xᵀ
    #[test]
    fn weight_gradient_matches_finite_differences((layer, x, c) in case()) {
        let computed = layer.backward(&x, &c).unwrap();
        let numerical = numerical_gradient(layer.weights(), H, |w| {
            error(&Dense::new(w.clone(), layer.biases().clone()).unwrap(), &x, &c)
        });
        prop_assert_eq!(computed.parameters.len(), 2);
        compare_gradients("dE/dW (one row per output, one column per input)", &computed.parameters[0], &numerical, TOLERANCE).map_err(TestCaseError::fail)?;
    }
    // ANCHOR_END: weight_property

    /// dE/dB = dE/dY (summed over samples)
    #[test]
    fn bias_gradient_matches_finite_differences((layer, x, c) in case()) {
        let computed = layer.backward(&x, &c).unwrap();
        let numerical = numerical_gradient(layer.biases(), H, |b| {
            error(&Dense::new(layer.weights().clone(), b.clone()).unwrap(), &x, &c)
        });
        compare_gradients("dE/dB (one row per output, one column)", &computed.parameters[1], &numerical, TOLERANCE).map_err(TestCaseError::fail)?;
    }

    /// dE/dX = Wᵀ · dE/dY
    #[test]
    fn input_gradient_matches_finite_differences((layer, x, c) in case()) {
        let computed = layer.backward(&x, &c).unwrap();
        let numerical = numerical_gradient(&x, H, |x| error(&layer, x, &c));
        compare_gradients("dE/dX (one row per input, one column per sample)", &computed.input, &numerical, TOLERANCE).map_err(TestCaseError::fail)?;
    }

    /// The referee `check_dense_gradients` accepts every right backward pass...
    #[test]
    fn check_dense_gradients_accepts_the_backward_pass((layer, x, c) in case()) {
        let gradients = layer.backward(&x, &c).unwrap();
        prop_assert_eq!(check_dense_gradients(&layer, &x, &c, &gradients), Ok(()));
    }

    /// ...and names any entry of dE/dX that is off.
    #[test]
    fn check_dense_gradients_names_a_wrong_input_gradient_entry(
        (layer, x, c) in case(),
        row in any::<prop::sample::Index>(),
        column in any::<prop::sample::Index>(),
    ) {
        let mut gradients = layer.backward(&x, &c).unwrap();
        let (row, column) = (row.index(x.nrows()), column.index(x.ncols()));
        gradients.input[[row, column]] += 0.01;
        let message = check_dense_gradients(&layer, &x, &c, &gradients).unwrap_err();
        let expected = format!("dE/dX (one row per input, one column per sample) entry ({row}, {column}) is ");
        prop_assert!(message.starts_with(&expected), "{}", message);
    }

    /// Backward changes nothing: the layer is the same after it.
    #[test]
    fn backward_leaves_the_layer_unchanged((layer, x, c) in case()) {
        let before = layer.clone();
        let _ = layer.backward(&x, &c).unwrap();
        prop_assert_eq!(layer, before);
    }
}

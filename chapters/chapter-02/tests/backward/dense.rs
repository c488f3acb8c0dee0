//! The dense layer's backward pass, by example. (The tests of the
//! extension, `check_dense_gradients`, are in `tests/backward/check_dense_gradients.rs`.)
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-02 --features exercise`.

use crate::common::{layer, square_case};
use chapter_02::ndarray::{Array2, array};
use chapter_02::testing::{OrPanic, assert_entries};
use chapter_02::{Backward, Dense, Layer, compare_gradients, numerical_gradient};

mod backward {
    use super::*;

    #[test]
    fn gradients_worked_out_by_hand() {
        let x = array![[2.0], [-3.0]];
        let g = array![[0.4], [-0.7], [1.3]];
        let gradients = layer().backward(&x, &g).or_panic();
        assert_eq!(
            gradients.parameters.len(),
            2,
            "a dense layer has 2 parameter gradients, [dE/dW, dE/dB]"
        );
        // dE/dW = G Xᵀ: entry (j, i) is g_j x_i.
        assert_entries(
            "dE/dW (one row per output, one column per input)",
            &gradients.parameters[0],
            &array![[0.8, -1.2], [-1.4, 2.1], [2.6, -3.9]],
            1e-12,
        );
        // dE/dB = G.
        assert_entries(
            "dE/dB (one row per output, one column)",
            &gradients.parameters[1],
            &g,
            1e-12,
        );
        // dE/dX = Wᵀ G: x_1 gets 0.5·0.4 + 2·(-0.7) + (-0.75)·1.3 = -2.175.
        assert_entries(
            "dE/dX (one row per input, one column per sample)",
            &gradients.input,
            &array![[-2.175], [3.125]],
            1e-12,
        );
    }

    #[test]
    fn bias_gradient_sums_over_the_samples() {
        let x = array![[2.0, 0.5], [-3.0, 1.5]];
        let g = array![[0.4, 0.1], [-0.7, 0.2], [1.3, -0.6]];
        let gradients = layer().backward(&x, &g).or_panic();
        assert_eq!(
            gradients.parameters.len(),
            2,
            "a dense layer has 2 parameter gradients, [dE/dW, dE/dB]"
        );
        assert_entries(
            "dE/dB (one row per output, one column)",
            &gradients.parameters[1],
            &array![[0.5], [-0.5], [0.7]],
            1e-12,
        );
    }

    // ANCHOR: square_layer_test
    /// dE/dW, dE/dB and dE/dX of a square layer with three samples, each
    /// against finite differences of E = Σ G ⊙ Y. On a mismatch the
    /// message names the gradient and the first wrong (row, column).
    #[test]
    fn square_layer_gradients_match_finite_differences() {
        let (layer, x, g) = square_case();
        let gradients = layer.backward(&x, &g).or_panic();
        assert_eq!(
            gradients.parameters.len(),
            2,
            "a dense layer has 2 parameter gradients, [dE/dW, dE/dB]"
        );

        let error = |layer: &Dense, x: &Array2<f64>| (layer.forward(x).unwrap() * &g).sum();
        let h = 1e-6;
        let numerical_weights = numerical_gradient(layer.weights(), h, |w| {
            error(&Dense::new(w.clone(), layer.biases().clone()).unwrap(), &x)
        });
        let numerical_biases = numerical_gradient(layer.biases(), h, |b| {
            error(&Dense::new(layer.weights().clone(), b.clone()).unwrap(), &x)
        });
        let numerical_input = numerical_gradient(&x, h, |x| error(&layer, x));

        for (name, computed, numerical) in [
            (
                "dE/dW (one row per output, one column per input)",
                &gradients.parameters[0],
                &numerical_weights,
            ),
            (
                "dE/dB (one row per output, one column)",
                &gradients.parameters[1],
                &numerical_biases,
            ),
            (
                "dE/dX (one row per input, one column per sample)",
                &gradients.input,
                &numerical_input,
            ),
        ] {
            compare_gradients(name, computed, numerical, 1e-6)
                .unwrap_or_else(|message| panic!("{message}"));
        }
    }
    // ANCHOR_END: square_layer_test

    #[test]
    fn rejects_an_output_gradient_of_the_wrong_shape() {
        let Err(error) = layer().backward(&array![[2.0], [-3.0]], &array![[0.4, -0.7, 1.3]]) else {
            panic!(
                "a layer with 3 outputs should refuse dE/dY given as a row (1, 3) for one sample"
            );
        };
        assert_eq!(error.array, "output gradient dE/dY", "{error}");
        assert_eq!(error.found, (1, 3), "{error}");
        assert!(error.expected.starts_with("(3, 1)"), "{error}");
    }

    #[test]
    fn rejects_an_input_of_the_wrong_shape() {
        let Err(error) =
            layer().backward(&array![[2.0], [-3.0], [1.0]], &array![[0.4], [-0.7], [1.3]])
        else {
            panic!("a layer with 2 inputs should refuse an input X with 3 rows");
        };
        assert_eq!(error.array, "input X", "{error}");
        assert!(error.context.ends_with("backward"), "{error}");
    }
}

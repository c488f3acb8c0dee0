//! The dense layer's backward pass, by example, and the referee
//! `check_dense_gradients`.
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-02 --features exercise`.

use approx::assert_abs_diff_eq;
use chapter_02::ndarray::{Array2, array};
use chapter_02::{
    Backward, Dense, Gradients, Layer, check_dense_gradients, compare_gradients, numerical_gradient,
};

/// Chapter 1's layer: 2 inputs, 3 outputs.
fn layer() -> Dense {
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
fn square_case() -> (Dense, Array2<f64>, Array2<f64>) {
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

mod backward {
    use super::*;

    #[test]
    fn gradients_worked_out_by_hand() {
        let x = array![[2.0], [-3.0]];
        let g = array![[0.4], [-0.7], [1.3]];
        let gradients = layer().backward(&x, &g).unwrap();
        // dE/dW = G Xᵀ: entry (j, i) is g_j x_i.
        assert_abs_diff_eq!(
            gradients.parameters[0],
            array![[0.8, -1.2], [-1.4, 2.1], [2.6, -3.9]],
            epsilon = 1e-12
        );
        // dE/dB = G.
        assert_abs_diff_eq!(gradients.parameters[1], g, epsilon = 1e-12);
        // dE/dX = Wᵀ G: x_1 gets 0.5·0.4 + 2·(-0.7) + (-0.75)·1.3 = -2.175.
        assert_abs_diff_eq!(gradients.input, array![[-2.175], [3.125]], epsilon = 1e-12);
    }

    #[test]
    fn bias_gradient_sums_over_the_samples() {
        let x = array![[2.0, 0.5], [-3.0, 1.5]];
        let g = array![[0.4, 0.1], [-0.7, 0.2], [1.3, -0.6]];
        let gradients = layer().backward(&x, &g).unwrap();
        assert_abs_diff_eq!(
            gradients.parameters[1],
            array![[0.5], [-0.5], [0.7]],
            epsilon = 1e-12
        );
    }

    // ANCHOR: square_layer_test
    /// dE/dW, dE/dB and dE/dX of a square layer with three samples, each
    /// against finite differences of E = Σ G ⊙ Y. On a mismatch the
    /// message names the gradient and the first wrong (row, column).
    #[test]
    fn square_layer_gradients_match_finite_differences() {
        let (layer, x, g) = square_case();
        let gradients = layer.backward(&x, &g).unwrap();
        assert_eq!(gradients.parameters.len(), 2, "[dE/dW, dE/dB]");

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
        let error = layer()
            .backward(&array![[2.0], [-3.0]], &array![[0.4, -0.7, 1.3]])
            .unwrap_err();
        assert_eq!(error.array, "output gradient dE/dY");
        assert_eq!(error.found, (1, 3));
        assert!(error.expected.starts_with("(3, 1)"), "{error}");
    }

    #[test]
    fn rejects_an_input_of_the_wrong_shape() {
        let error = layer()
            .backward(&array![[2.0], [-3.0], [1.0]], &array![[0.4], [-0.7], [1.3]])
            .unwrap_err();
        assert_eq!(error.array, "input X");
        assert!(error.context.ends_with("backward"), "{error}");
    }
}

/// The referee: these tests hand it gradients made by hand, right or wrong,
/// so they check `check_dense_gradients` on its own.
mod check_dense_gradients {
    use super::*;

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
        assert_eq!(check_dense_gradients(&layer(), &x, &g, &gradients), Ok(()));
    }

    #[test]
    fn accepts_the_backward_pass_of_a_square_layer() {
        let (layer, x, g) = square_case();
        let gradients = layer.backward(&x, &g).unwrap();
        assert_eq!(check_dense_gradients(&layer, &x, &g, &gradients), Ok(()));
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
        let message = check_dense_gradients(&layer(), &x, &g, &gradients).unwrap_err();
        assert!(
            message.starts_with("dE/dB (one row per output, one column) entry (2, 0)"),
            "{message}"
        );
    }

    #[test]
    fn names_a_dropped_transpose_in_the_input_gradient() {
        let (layer, x, g) = square_case();
        let gradients = Gradients {
            input: layer.weights().dot(&g), // W G instead of Wᵀ G
            parameters: layer.backward(&x, &g).unwrap().parameters,
        };
        let message = check_dense_gradients(&layer, &x, &g, &gradients).unwrap_err();
        assert!(
            message
                .starts_with("dE/dX (one row per input, one column per sample) entry (0, 0) is "),
            "{message}"
        );
    }

    #[test]
    fn names_both_shapes_of_a_bias_gradient_given_as_a_row() {
        let (x, g, mut gradients) = by_hand();
        gradients.parameters[1] = array![[0.4, -0.7, 1.3]];
        let message = check_dense_gradients(&layer(), &x, &g, &gradients).unwrap_err();
        assert!(
            message.starts_with("dE/dB")
                && message.contains("(1, 3)")
                && message.contains("(3, 1)"),
            "{message}"
        );
    }

    #[test]
    fn wants_exactly_two_parameter_gradients() {
        let (x, g, mut gradients) = by_hand();
        gradients.parameters.pop();
        let message = check_dense_gradients(&layer(), &x, &g, &gradients).unwrap_err();
        assert!(message.contains("2 parameter gradients"), "{message}");
    }

    #[test]
    fn rejects_an_output_gradient_of_the_wrong_shape() {
        let (x, _, gradients) = by_hand();
        let message =
            check_dense_gradients(&layer(), &x, &array![[0.4, -0.7, 1.3]], &gradients).unwrap_err();
        assert!(message.contains("output gradient dE/dY"), "{message}");
    }
}

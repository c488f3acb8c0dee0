//! The activation layer by example: tanh, forward and backward, with
//! numbers worked out by hand. (The extension's sigmoid and `ReLU` are
//! tested in `tests/activations/sigmoid_relu.rs`.)
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-03 --features exercise`.

use chapter_03::ndarray::array;
use chapter_03::testing::{OrPanic, assert_entries, assert_number};
use chapter_03::{Activation, Backward, Layer};

mod tanh {
    use super::*;

    #[test]
    fn tanh_forward_is_entrywise() {
        let x = array![[0.3, -1.2], [2.5, 0.7]];
        let y = Activation::tanh().forward(&x).or_panic();
        assert_entries("tanh's output Y", &y, &x.mapv(f64::tanh), 1e-15);
    }

    #[test]
    fn tanh_forward_keeps_the_shape() {
        let x = array![[0.3, -1.2, 0.8], [2.5, 0.7, -0.1]];
        assert_eq!(
            Activation::tanh().forward(&x).or_panic().dim(),
            (2, 3),
            "tanh's output Y for an input X of shape (2, 3)"
        );
    }

    #[test]
    fn tanh_derivative_is_one_minus_tanh_squared_away_from_zero() {
        for x in [-2.3, -0.4, 0.9, 1.7] {
            assert_number(
                &format!("tanh's derivative at x = {x}"),
                Activation::tanh().derivative(x),
                1.0 - x.tanh() * x.tanh(),
                1e-15,
            );
        }
    }

    #[test]
    fn tanh_is_named() {
        assert_eq!(
            Activation::tanh().name(),
            "tanh activation",
            "the layer's name (the name given to Activation::new, then \" activation\")"
        );
    }
}

mod backward {
    use super::*;

    #[test]
    fn backward_multiplies_by_the_derivative() {
        let x = array![[0.3], [-1.2]];
        let g = array![[0.5], [-2.0]];
        let gradients = Activation::tanh().backward(&x, &g).or_panic();
        let expected = array![
            [0.5 * (1.0 - 0.3_f64.tanh().powi(2))],
            [-2.0 * (1.0 - (-1.2_f64).tanh().powi(2))]
        ];
        assert_entries(
            "dE/dX (one row per input, one column per sample)",
            &gradients.input,
            &expected,
            1e-15,
        );
        assert!(
            gradients.parameters.is_empty(),
            "an activation has no parameters, but backward gave {} parameter gradients",
            gradients.parameters.len()
        );
    }

    #[test]
    fn backward_rejects_a_transposed_output_gradient() {
        let Err(error) = Activation::tanh().backward(&array![[0.3], [-1.2]], &array![[0.5, -2.0]])
        else {
            panic!(
                "backward with X of shape (2, 1) should refuse dE/dY of shape (1, 2), not broadcast it"
            );
        };
        assert_eq!(error.context, "tanh activation, backward", "{error}");
        assert_eq!(error.found, (1, 2), "{error}");
    }
}

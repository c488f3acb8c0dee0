//! The extension of the exercise by example: the sigmoid and `ReLU`,
//! forward and backward, with numbers worked out by hand.
//!
//! They live in a file of their own so that the exercise's core (tanh,
//! forward and backward) can pass on its own: `cargo test -p chapter-03
//! --features exercise` leaves them out, `--features extension` runs them
//! too, and without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use chapter_03::ndarray::array;
use chapter_03::testing::{OrPanic, assert_entries, assert_number};
use chapter_03::{Activation, Backward, Layer};

mod sigmoid {
    use super::*;

    // At x = ln 3, e^(-x) = 1/3, so σ = 1 / (1 + 1/3) = 0.75 and
    // σ' = 0.75 · 0.25 = 0.1875; at -ln 3, σ = 0.25 and σ' is the same.

    #[test]
    fn sigmoid_forward_worked_out_by_hand() {
        let ln3 = 3.0_f64.ln();
        let y = Activation::sigmoid()
            .forward(&array![[ln3, -ln3]])
            .or_panic();
        assert_entries("the sigmoid's output Y", &y, &array![[0.75, 0.25]], 1e-15);
    }

    #[test]
    fn sigmoid_derivative_worked_out_by_hand() {
        let ln3 = 3.0_f64.ln();
        assert_number(
            "the sigmoid's derivative at x = ln 3",
            Activation::sigmoid().derivative(ln3),
            0.1875,
            1e-15,
        );
        assert_number(
            "the sigmoid's derivative at x = -ln 3",
            Activation::sigmoid().derivative(-ln3),
            0.1875,
            1e-15,
        );
    }

    #[test]
    fn sigmoid_squashes_into_zero_one() {
        let x = array![[-30.0, -2.5, 0.4, 3.0, 30.0]];
        let y = Activation::sigmoid().forward(&x).or_panic();
        for (&x, &y) in x.iter().zip(&y) {
            assert!(
                (0.0..=1.0).contains(&y),
                "the sigmoid at x = {x} is {y}, expected a number from 0 to 1"
            );
        }
        assert!(
            y[[0, 0]] < 1e-12,
            "the sigmoid at x = -30 is {}, expected almost 0 (below 1e-12)",
            y[[0, 0]]
        );
        assert!(
            y[[0, 4]] > 1.0 - 1e-12,
            "the sigmoid at x = 30 is {}, expected almost 1 (above 1 - 1e-12)",
            y[[0, 4]]
        );
    }

    #[test]
    fn sigmoid_backward_worked_out_by_hand() {
        let ln3 = 3.0_f64.ln();
        let gradients = Activation::sigmoid()
            .backward(&array![[ln3], [-ln3]], &array![[0.8], [-2.4]])
            .or_panic();
        // 0.8 · 0.1875 = 0.15 and -2.4 · 0.1875 = -0.45.
        assert_entries(
            "dE/dX (one row per input, one column per sample)",
            &gradients.input,
            &array![[0.15], [-0.45]],
            1e-15,
        );
        assert!(
            gradients.parameters.is_empty(),
            "an activation has no parameters, but backward gave {} parameter gradients",
            gradients.parameters.len()
        );
    }

    #[test]
    fn sigmoid_is_named() {
        assert_eq!(
            Activation::sigmoid().name(),
            "sigmoid activation",
            "the layer's name (the name given to Activation::new, then \" activation\")"
        );
    }
}

mod relu {
    use super::*;

    #[test]
    fn relu_forward_keeps_positives_and_zeroes_negatives() {
        let x = array![[1.5, -0.7, 0.4], [-2.2, 3.1, -0.05]];
        let y = Activation::relu().forward(&x).or_panic();
        assert_entries(
            "ReLU's output Y",
            &y,
            &array![[1.5, 0.0, 0.4], [0.0, 3.1, 0.0]],
            0.0,
        );
    }

    #[test]
    fn relu_derivative_is_zero_below_and_one_above() {
        for x in [-3.2, -0.6, -1e-3] {
            assert_number(
                &format!("ReLU's derivative at x = {x}"),
                Activation::relu().derivative(x),
                0.0,
                0.0,
            );
        }
        for x in [1e-3, 0.45, 2.7] {
            assert_number(
                &format!("ReLU's derivative at x = {x}"),
                Activation::relu().derivative(x),
                1.0,
                0.0,
            );
        }
    }

    /// At 0 the slope jumps from 0 to 1; the book picks 0 (see the page).
    #[test]
    fn relu_derivative_at_zero_is_the_one_we_picked() {
        assert_number(
            "ReLU's derivative at x = 0",
            Activation::relu().derivative(0.0),
            0.0,
            0.0,
        );
    }

    #[test]
    fn relu_backward_passes_the_gradient_only_where_x_is_positive() {
        let x = array![[1.5, -0.7, 0.4], [-2.2, 3.1, -0.05]];
        let g = array![[0.3, -1.4, 2.2], [0.9, -0.6, 1.7]];
        let gradients = Activation::relu().backward(&x, &g).or_panic();
        assert_entries(
            "dE/dX (one row per input, one column per sample)",
            &gradients.input,
            &array![[0.3, 0.0, 2.2], [0.0, -0.6, 0.0]],
            0.0,
        );
        assert!(
            gradients.parameters.is_empty(),
            "an activation has no parameters, but backward gave {} parameter gradients",
            gradients.parameters.len()
        );
    }

    #[test]
    fn relu_is_named() {
        assert_eq!(
            Activation::relu().name(),
            "relu activation",
            "the layer's name (the name given to Activation::new, then \" activation\")"
        );
    }
}

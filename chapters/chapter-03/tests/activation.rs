//! The activation layer by example: tanh, the sigmoid and `ReLU`, forward and
//! backward, with numbers worked out by hand.
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-03 --features exercise`.

use approx::assert_abs_diff_eq;
use chapter_03::ndarray::array;
use chapter_03::{Activation, Backward, Layer};

mod tanh {
    use super::*;

    #[test]
    fn tanh_forward_is_entrywise() {
        let x = array![[0.3, -1.2], [2.5, 0.7]];
        let y = Activation::tanh().forward(&x).unwrap();
        assert_abs_diff_eq!(y, x.mapv(f64::tanh), epsilon = 1e-15);
    }

    #[test]
    fn tanh_forward_keeps_the_shape() {
        let x = array![[0.3, -1.2, 0.8], [2.5, 0.7, -0.1]];
        assert_eq!(Activation::tanh().forward(&x).unwrap().dim(), (2, 3));
    }

    #[test]
    fn tanh_derivative_is_one_minus_tanh_squared_away_from_zero() {
        for x in [-2.3, -0.4, 0.9, 1.7] {
            assert_abs_diff_eq!(
                Activation::tanh().derivative(x),
                1.0 - x.tanh() * x.tanh(),
                epsilon = 1e-15
            );
        }
    }

    #[test]
    fn tanh_is_named() {
        assert_eq!(Activation::tanh().name(), "tanh activation");
    }
}

mod backward {
    use super::*;

    #[test]
    fn backward_multiplies_by_the_derivative() {
        let x = array![[0.3], [-1.2]];
        let g = array![[0.5], [-2.0]];
        let gradients = Activation::tanh().backward(&x, &g).unwrap();
        let expected = array![
            [0.5 * (1.0 - 0.3_f64.tanh().powi(2))],
            [-2.0 * (1.0 - (-1.2_f64).tanh().powi(2))]
        ];
        assert_abs_diff_eq!(gradients.input, expected, epsilon = 1e-15);
        assert!(gradients.parameters.is_empty());
    }

    #[test]
    fn backward_rejects_a_transposed_output_gradient() {
        let error = Activation::tanh()
            .backward(&array![[0.3], [-1.2]], &array![[0.5, -2.0]])
            .unwrap_err();
        assert_eq!(error.context, "tanh activation, backward");
        assert_eq!(error.found, (1, 2));
    }
}

mod sigmoid {
    use super::*;

    // At x = ln 3, e^(-x) = 1/3, so σ = 1 / (1 + 1/3) = 0.75 and
    // σ' = 0.75 · 0.25 = 0.1875; at -ln 3, σ = 0.25 and σ' is the same.

    #[test]
    fn sigmoid_forward_worked_out_by_hand() {
        let ln3 = 3.0_f64.ln();
        let y = Activation::sigmoid().forward(&array![[ln3, -ln3]]).unwrap();
        assert_abs_diff_eq!(y, array![[0.75, 0.25]], epsilon = 1e-15);
    }

    #[test]
    fn sigmoid_derivative_worked_out_by_hand() {
        let ln3 = 3.0_f64.ln();
        assert_abs_diff_eq!(
            Activation::sigmoid().derivative(ln3),
            0.1875,
            epsilon = 1e-15
        );
        assert_abs_diff_eq!(
            Activation::sigmoid().derivative(-ln3),
            0.1875,
            epsilon = 1e-15
        );
    }

    #[test]
    fn sigmoid_squashes_into_zero_one() {
        let y = Activation::sigmoid()
            .forward(&array![[-30.0, -2.5, 0.4, 3.0, 30.0]])
            .unwrap();
        assert!(y.iter().all(|&y| (0.0..=1.0).contains(&y)), "{y}");
        assert!(y[[0, 0]] < 1e-12 && y[[0, 4]] > 1.0 - 1e-12, "{y}");
    }

    #[test]
    fn sigmoid_backward_worked_out_by_hand() {
        let ln3 = 3.0_f64.ln();
        let gradients = Activation::sigmoid()
            .backward(&array![[ln3], [-ln3]], &array![[0.8], [-2.4]])
            .unwrap();
        // 0.8 · 0.1875 = 0.15 and -2.4 · 0.1875 = -0.45.
        assert_abs_diff_eq!(gradients.input, array![[0.15], [-0.45]], epsilon = 1e-15);
        assert!(gradients.parameters.is_empty());
    }

    #[test]
    fn sigmoid_is_named() {
        assert_eq!(Activation::sigmoid().name(), "sigmoid activation");
    }
}

mod relu {
    use super::*;

    #[test]
    fn relu_forward_keeps_positives_and_zeroes_negatives() {
        let x = array![[1.5, -0.7, 0.4], [-2.2, 3.1, -0.05]];
        let y = Activation::relu().forward(&x).unwrap();
        assert_eq!(y, array![[1.5, 0.0, 0.4], [0.0, 3.1, 0.0]]);
    }

    #[test]
    fn relu_derivative_is_zero_below_and_one_above() {
        for x in [-3.2, -0.6, -1e-3] {
            assert_eq!(Activation::relu().derivative(x), 0.0, "at {x}");
        }
        for x in [1e-3, 0.45, 2.7] {
            assert_eq!(Activation::relu().derivative(x), 1.0, "at {x}");
        }
    }

    /// At 0 the slope jumps from 0 to 1; the book picks 0 (see the page).
    #[test]
    fn relu_derivative_at_zero_is_the_one_we_picked() {
        assert_eq!(Activation::relu().derivative(0.0), 0.0);
    }

    #[test]
    fn relu_backward_passes_the_gradient_only_where_x_is_positive() {
        let x = array![[1.5, -0.7, 0.4], [-2.2, 3.1, -0.05]];
        let g = array![[0.3, -1.4, 2.2], [0.9, -0.6, 1.7]];
        let gradients = Activation::relu().backward(&x, &g).unwrap();
        assert_eq!(gradients.input, array![[0.3, 0.0, 2.2], [0.0, -0.6, 0.0]]);
        assert!(gradients.parameters.is_empty());
    }

    #[test]
    fn relu_is_named() {
        assert_eq!(Activation::relu().name(), "relu activation");
    }
}

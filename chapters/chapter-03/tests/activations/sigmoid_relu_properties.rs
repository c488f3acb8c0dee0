//! The extension of the exercise, the sigmoid and `ReLU`: their backward
//! passes against finite differences, their derivatives against the slopes
//! of their functions, and the sigmoid as a scaled and shifted tanh.
//!
//! They live in a file of their own so that the exercise's core (tanh,
//! forward and backward) can pass on its own: `cargo test -p chapter-03
//! --features exercise` leaves them out, `--features extension` runs them
//! too, and without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use crate::common::{away_from_zero, input_gradient_matches_finite_differences, same_shape};
use chapter_03::Activation;
use chapter_03::testing::{matrix, proptest_config};
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_config())]

    /// dE/dX = dE/dY ⊙ σ'(X), with E = Σ C ⊙ σ(X).
    #[test]
    fn sigmoid_input_gradient_matches_finite_differences((x, c) in same_shape(matrix)) {
        input_gradient_matches_finite_differences(Activation::sigmoid(), &x, &c)?;
    }

    /// σ'(x) = σ(x) (1 - σ(x)), checked against the slope of σ itself.
    #[test]
    fn sigmoid_derivative_is_the_slope_of_sigmoid(x in -8.0..8.0_f64) {
        let sigmoid = Activation::sigmoid();
        let slope = (sigmoid.function(x + 1e-6) - sigmoid.function(x - 1e-6)) / 2e-6;
        let derivative = sigmoid.derivative(x);
        prop_assert!(
            (derivative - slope).abs() < 1e-8,
            "the sigmoid's derivative at x = {} is {}, but the slope of the sigmoid measured there is {}",
            x, derivative, slope
        );
    }

    /// σ is tanh in disguise: tanh(x) = 2 σ(2x) - 1.
    #[test]
    fn sigmoid_is_a_scaled_and_shifted_tanh(x in -8.0..8.0_f64) {
        let stretched = 2.0 * Activation::sigmoid().function(2.0 * x) - 1.0;
        prop_assert!(
            (stretched - x.tanh()).abs() < 1e-12,
            "at x = {}, 2 σ(2x) - 1 is {}, expected tanh(x) = {}",
            x, stretched, x.tanh()
        );
    }

    /// dE/dX = dE/dY ⊙ relu'(X), with E = Σ C ⊙ relu(X), for inputs at least
    /// 0.001 away from 0, where the slope jumps.
    #[test]
    fn relu_input_gradient_matches_finite_differences((x, c) in same_shape(away_from_zero)) {
        input_gradient_matches_finite_differences(Activation::relu(), &x, &c)?;
    }

    /// relu'(x) is the slope of max(0, x), away from the jump at 0.
    #[test]
    fn relu_derivative_is_the_slope_of_relu(x in prop_oneof![-4.0..-1e-3, 1e-3..4.0_f64]) {
        let relu = Activation::relu();
        let slope = (relu.function(x + 1e-6) - relu.function(x - 1e-6)) / 2e-6;
        let derivative = relu.derivative(x);
        prop_assert!(
            (derivative - slope).abs() < 1e-8,
            "ReLU's derivative at x = {} is {}, but the slope of ReLU measured there is {}",
            x, derivative, slope
        );
    }
}

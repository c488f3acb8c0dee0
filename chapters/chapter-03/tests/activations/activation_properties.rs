//! The tanh layer's backward pass against finite differences, and why a
//! non-linearity is needed at all. (The extension's sigmoid and `ReLU` are
//! checked in `tests/activations/sigmoid_relu_properties.rs`.)

use crate::common::{input_gradient_matches_finite_differences, same_shape};
use chapter_03::ndarray::Array2;
use chapter_03::testing::{OrPanic, compare_entries, dense, matrix, proptest_config, sizes};
use chapter_03::{Activation, Dense, Layer, Network};
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_config())]

    /// dE/dX = dE/dY ⊙ tanh'(X), with E = Σ C ⊙ tanh(X).
    #[test]
    fn tanh_input_gradient_matches_finite_differences((x, c) in same_shape(matrix)) {
        input_gradient_matches_finite_differences(Activation::tanh(), &x, &c)?;
    }

    /// tanh'(x) = 1 - tanh(x)², checked against the slope of tanh itself.
    #[test]
    fn tanh_derivative_is_the_slope_of_tanh(x in -4.0..4.0_f64) {
        let slope = ((x + 1e-6).tanh() - (x - 1e-6).tanh()) / 2e-6;
        let derivative = Activation::tanh().derivative(x);
        prop_assert!(
            (derivative - slope).abs() < 1e-8,
            "tanh's derivative at x = {} is {}, but the slope of tanh measured there is {}",
            x, derivative, slope
        );
    }

    /// Two dense layers with nothing between them are one dense layer:
    /// W₂(W₁X + B₁) + B₂ = (W₂W₁)X + (W₂B₁ + B₂).
    #[test]
    fn dense_layers_without_activation_collapse_to_one(
        (first, second, x) in (sizes(), 1..=6_usize).prop_flat_map(|((inputs, hidden, samples), outputs)| {
            (dense(inputs, hidden), dense(hidden, outputs), matrix(inputs, samples))
        })
    ) {
        let merged = Dense::new(
            second.weights().dot(first.weights()),
            second.weights().dot(first.biases()) + second.biases(),
        ).unwrap();
        let network: Network = Network::new(vec![Box::new(first), Box::new(second)]);
        compare_entries(
            "the prediction of two dense layers",
            &network.predict(&x).unwrap(),
            &merged.forward(&x).unwrap(),
            1e-9,
        )
        .map_err(|message| TestCaseError::fail(format!("{message} (the merged layer's output)")))?;
    }
}

/// With tanh between them, they are not: a linear map f has
/// f(a) + f(b) = f(a + b) + f(0), and this network breaks that.
#[test]
fn tanh_between_dense_layers_is_not_linear() {
    let mut rng = chapter_03::seeded_rng(3);
    let network: Network = Network::new(vec![
        Box::new(Dense::random(2, 3, &mut rng)),
        Box::new(Activation::tanh()),
        Box::new(Dense::random(3, 1, &mut rng)),
    ]);
    let f = |x: [f64; 2]| {
        network
            .predict(&Array2::from_shape_vec((2, 1), x.to_vec()).unwrap())
            .or_panic()[[0, 0]]
    };
    let (a, b) = ([0.9, -0.4], [-0.3, 1.1]);
    let gap = f(a) + f(b) - f([a[0] + b[0], a[1] + b[1]]) - f([0.0, 0.0]);
    assert!(gap.abs() > 1e-3, "the network behaved linearly: gap {gap}");
}

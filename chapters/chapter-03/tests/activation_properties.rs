//! The activation layers' backward passes (tanh, the sigmoid and `ReLU`)
//! against finite differences, and why a non-linearity is needed at all.

use chapter_03::ndarray::Array2;
use chapter_03::testing::{dense, matrix, sizes};
use chapter_03::{
    Activation, Backward, Dense, Layer, Network, compare_gradients, numerical_gradient,
};
use proptest::prelude::*;

/// An input `X` (from `values`) of 1 to 6 rows and 1 to 4 columns, and a
/// `C` (= dE/dY) of the same shape.
fn same_shape<S: Strategy<Value = Array2<f64>>>(
    values: fn(usize, usize) -> S,
) -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
    (1..=6_usize, 1..=4_usize)
        .prop_flat_map(move |(rows, columns)| (values(rows, columns), matrix(rows, columns)))
}

/// A matrix with entries in -2..2 but never within 0.001 of 0, where the
/// slope of `ReLU` jumps and finite differences would straddle the jump.
fn away_from_zero(rows: usize, columns: usize) -> impl Strategy<Value = Array2<f64>> {
    prop::collection::vec(prop_oneof![-2.0..-1e-3, 1e-3..2.0_f64], rows * columns).prop_map(
        move |values| Array2::from_shape_vec((rows, columns), values).expect("length matches"),
    )
}

proptest! {
    /// dE/dX = dE/dY ⊙ tanh'(X), with E = Σ C ⊙ tanh(X).
    #[test]
    fn tanh_input_gradient_matches_finite_differences((x, c) in same_shape(matrix)) {
        let tanh = Activation::tanh();
        let computed = tanh.backward(&x, &c).unwrap();
        let numerical = numerical_gradient(&x, 1e-6, |x| (tanh.forward(x).unwrap() * &c).sum());
        compare_gradients("dE/dX (one row per input, one column per sample)", &computed.input, &numerical, 1e-6).map_err(TestCaseError::fail)?;
    }

    /// tanh'(x) = 1 - tanh(x)², checked against the slope of tanh itself.
    #[test]
    fn tanh_derivative_is_the_slope_of_tanh(x in -4.0..4.0_f64) {
        let slope = ((x + 1e-6).tanh() - (x - 1e-6).tanh()) / 2e-6;
        prop_assert!((Activation::tanh().derivative(x) - slope).abs() < 1e-8);
    }

    /// dE/dX = dE/dY ⊙ σ'(X), with E = Σ C ⊙ σ(X).
    #[test]
    fn sigmoid_input_gradient_matches_finite_differences((x, c) in same_shape(matrix)) {
        let sigmoid = Activation::sigmoid();
        let computed = sigmoid.backward(&x, &c).unwrap();
        let numerical = numerical_gradient(&x, 1e-6, |x| (sigmoid.forward(x).unwrap() * &c).sum());
        compare_gradients("dE/dX (one row per input, one column per sample)", &computed.input, &numerical, 1e-6).map_err(TestCaseError::fail)?;
    }

    /// σ'(x) = σ(x) (1 - σ(x)), checked against the slope of σ itself.
    #[test]
    fn sigmoid_derivative_is_the_slope_of_sigmoid(x in -8.0..8.0_f64) {
        let sigmoid = Activation::sigmoid();
        let slope = (sigmoid.function(x + 1e-6) - sigmoid.function(x - 1e-6)) / 2e-6;
        prop_assert!((sigmoid.derivative(x) - slope).abs() < 1e-8);
    }

    /// σ is tanh in disguise: tanh(x) = 2 σ(2x) - 1.
    #[test]
    fn sigmoid_is_a_scaled_and_shifted_tanh(x in -8.0..8.0_f64) {
        prop_assert!((2.0 * Activation::sigmoid().function(2.0 * x) - 1.0 - x.tanh()).abs() < 1e-12);
    }

    /// dE/dX = dE/dY ⊙ relu'(X), with E = Σ C ⊙ relu(X), for inputs at least
    /// 0.001 away from 0, where the slope jumps.
    #[test]
    fn relu_input_gradient_matches_finite_differences((x, c) in same_shape(away_from_zero)) {
        let relu = Activation::relu();
        let computed = relu.backward(&x, &c).unwrap();
        let numerical = numerical_gradient(&x, 1e-6, |x| (relu.forward(x).unwrap() * &c).sum());
        compare_gradients("dE/dX (one row per input, one column per sample)", &computed.input, &numerical, 1e-6).map_err(TestCaseError::fail)?;
    }

    /// relu'(x) is the slope of max(0, x), away from the jump at 0.
    #[test]
    fn relu_derivative_is_the_slope_of_relu(x in prop_oneof![-4.0..-1e-3, 1e-3..4.0_f64]) {
        let relu = Activation::relu();
        let slope = (relu.function(x + 1e-6) - relu.function(x - 1e-6)) / 2e-6;
        prop_assert!((relu.derivative(x) - slope).abs() < 1e-8);
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
        let difference: Array2<f64> = network.predict(&x).unwrap() - merged.forward(&x).unwrap();
        prop_assert!(difference.iter().all(|d| d.abs() < 1e-9));
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
            .unwrap()[[0, 0]]
    };
    let (a, b) = ([0.9, -0.4], [-0.3, 1.1]);
    let gap = f(a) + f(b) - f([a[0] + b[0], a[1] + b[1]]) - f([0.0, 0.0]);
    assert!(gap.abs() > 1e-3, "the network behaved linearly: gap {gap}");
}

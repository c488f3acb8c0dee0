//! Properties of the forward pass, checked over random shapes and values.

use chapter_01::ndarray::{Array2, s};
use chapter_01::{Dense, Layer, Network};
use proptest::prelude::*;

/// A matrix of the given shape with entries in -3..3.
fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Array2<f64>> {
    prop::collection::vec(-3.0..3.0_f64, rows * cols)
        .prop_map(move |values| Array2::from_shape_vec((rows, cols), values).unwrap())
}

/// A dense layer with 1..=6 inputs and outputs, and an input with 1..=4 samples.
fn layer_and_input() -> impl Strategy<Value = (Dense, Array2<f64>)> {
    (1..=6_usize, 1..=6_usize, 1..=4_usize).prop_flat_map(|(inputs, outputs, samples)| {
        (
            matrix(outputs, inputs),
            matrix(outputs, 1),
            matrix(inputs, samples),
        )
            .prop_map(|(w, b, x)| (Dense::new(w, b).unwrap(), x))
    })
}

proptest! {
    /// `Y = W X + B` is the matrix form of `y_j = Σ_i w_ji x_i + b_j`.
    #[test]
    fn forward_matches_the_element_form((layer, x) in layer_and_input()) {
        let y = layer.forward(&x).unwrap();
        prop_assert_eq!(y.dim(), (layer.outputs(), x.ncols()));
        for sample in 0..x.ncols() {
            for j in 0..layer.outputs() {
                let mut y_j = layer.biases()[[j, 0]];
                for i in 0..layer.inputs() {
                    y_j += layer.weights()[[j, i]] * x[[i, sample]];
                }
                prop_assert!((y[[j, sample]] - y_j).abs() < 1e-9,
                    "y[{j}, {sample}] = {} but the element form gives {y_j}", y[[j, sample]]);
            }
        }
    }

    /// Each column is one sample: doing several at once is the same as one by one.
    #[test]
    fn samples_are_independent_columns((layer, x) in layer_and_input()) {
        let together = layer.forward(&x).unwrap();
        for sample in 0..x.ncols() {
            let alone = layer.forward(&x.slice(s![.., sample..=sample]).to_owned()).unwrap();
            prop_assert_eq!(alone.column(0), together.column(sample));
        }
    }

    /// An input with the wrong number of rows is always an error, never a result.
    #[test]
    fn wrong_input_rows_are_rejected((layer, _x) in layer_and_input(), extra in 1..3_usize) {
        let wrong = Array2::<f64>::zeros((layer.inputs() + extra, 1));
        let error = layer.forward(&wrong).unwrap_err();
        prop_assert_eq!(error.found, (layer.inputs() + extra, 1));
    }

    /// A network of two dense layers predicts `W₂ (W₁ X + B₁) + B₂`.
    #[test]
    fn network_composes_its_layers(
        (first, x) in layer_and_input(),
        outputs in 1..=5_usize,
        seed in any::<u64>(),
    ) {
        let second = Dense::random(first.outputs(), outputs, &mut chapter_01::seeded_rng(seed));
        let expected = second.weights().dot(&(first.weights().dot(&x) + first.biases())) + second.biases();
        let network: Network = Network::new(vec![Box::new(first), Box::new(second)]);
        let y = network.predict(&x).unwrap();
        prop_assert!(y.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 1e-9));
    }
}

//! Properties of the forward pass, checked over random shapes and values.

use chapter_01::ndarray::{Array2, s};
use chapter_01::testing::{OrPanic, compare_entries, proptest_config};
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
            .prop_map(|(w, b, x)| (Dense::new(w, b).or_panic(), x))
    })
}

proptest! {
    #![proptest_config(proptest_config())]

    /// `Y = W X + B` is the matrix form of `y_j = Σ_i w_ji x_i + b_j`.
    #[test]
    fn forward_matches_the_element_form((layer, x) in layer_and_input()) {
        let y = layer.forward(&x).or_panic();
        prop_assert_eq!(
            y.dim(),
            (layer.outputs(), x.ncols()),
            "Y should have one row per output, one column per sample"
        );
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
        let together = layer.forward(&x).or_panic();
        for sample in 0..x.ncols() {
            let alone = layer.forward(&x.slice(s![.., sample..=sample]).to_owned()).or_panic();
            compare_entries(
                &format!("Y for sample {sample} alone"),
                &alone,
                &together.slice(s![.., sample..=sample]),
                0.0,
            )
            .map_err(|message| TestCaseError::fail(format!(
                "{message}, column {sample} of Y for all {} samples at once", x.ncols()
            )))?;
        }
    }

    /// An input with the wrong number of rows is always an error, never a result.
    #[test]
    fn wrong_input_rows_are_rejected((layer, _x) in layer_and_input(), extra in 1..3_usize) {
        let wrong = Array2::<f64>::zeros((layer.inputs() + extra, 1));
        let Err(error) = layer.forward(&wrong) else {
            return Err(TestCaseError::fail(format!(
                "a layer with {} inputs accepted an input X with {} rows",
                layer.inputs(),
                layer.inputs() + extra
            )));
        };
        prop_assert_eq!(error.found, (layer.inputs() + extra, 1), "{}", error);
    }

    /// A network of three dense layers of different sizes applies them in
    /// order, each to the output of the one before:
    /// `W₃ (W₂ (W₁ X + B₁) + B₂) + B₃`. (A network takes any number of
    /// layers, so it is tested with more than two.)
    #[test]
    fn network_applies_three_layers_in_order(
        (first, x) in layer_and_input(),
        (hidden, outputs) in (1..=5_usize, 1..=5_usize),
        seed in any::<u64>(),
    ) {
        let mut rng = chapter_01::seeded_rng(seed);
        let second = Dense::random(first.outputs(), hidden, &mut rng);
        let third = Dense::random(hidden, outputs, &mut rng);
        let after_first = first.weights().dot(&x) + first.biases();
        let after_second = second.weights().dot(&after_first) + second.biases();
        let expected = third.weights().dot(&after_second) + third.biases();
        let network: Network = Network::new(vec![Box::new(first), Box::new(second), Box::new(third)]);
        let y = network.predict(&x).or_panic();
        compare_entries("the network's prediction (the third layer applied to the second's, to the first's)", &y, &expected, 1e-9)
            .map_err(TestCaseError::fail)?;
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
        let y = network.predict(&x).or_panic();
        compare_entries("the network's prediction (the second layer applied to the first one's output)", &y, &expected, 1e-9)
            .map_err(TestCaseError::fail)?;
    }
}

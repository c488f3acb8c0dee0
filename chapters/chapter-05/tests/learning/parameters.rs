//! Reading a layer's parameters back, and changing them, through the
//! `Parameters` trait: the same numbers, in the same order, both ways.

use chapter_05::ndarray::{Array2, array};
use chapter_05::testing::assert_entries;
use chapter_05::{Activation, Dense, Network, Parameters, TrainableNetwork};

/// A dense layer of 3 inputs and 2 outputs: not square, so W and B differ in
/// shape and a swap of the two is seen.
fn dense() -> Dense {
    Dense::new(
        array![[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]],
        array![[0.7], [-0.8]],
    )
    .unwrap()
}

#[test]
fn a_dense_layer_gives_w_then_b_read_only() {
    let layer = dense();
    let parameters = Parameters::parameters(&layer);
    assert_eq!(
        parameters.len(),
        2,
        "a dense layer has two parameters, W and B"
    );
    assert_entries(
        "the first parameter (W)",
        &parameters[0],
        layer.weights(),
        0.0,
    );
    assert_entries(
        "the second parameter (B)",
        &parameters[1],
        layer.biases(),
        0.0,
    );
}

#[test]
fn read_only_and_mutable_views_are_the_same_numbers_in_the_same_order() {
    let mut layer = dense();
    let read: Vec<Array2<f64>> = Parameters::parameters(&layer)
        .iter()
        .map(chapter_05::ndarray::ArrayBase::to_owned)
        .collect();
    let written: Vec<Array2<f64>> = Parameters::parameters_mut(&mut layer)
        .iter()
        .map(chapter_05::ndarray::ArrayBase::to_owned)
        .collect();
    assert_eq!(read.len(), written.len());
    for (k, (read, written)) in read.iter().zip(&written).enumerate() {
        assert_entries(&format!("parameter {k}"), read, written, 0.0);
    }
}

#[test]
fn a_change_through_parameters_mut_is_seen_by_parameters() {
    let mut network: TrainableNetwork =
        Network::new(vec![Box::new(dense()), Box::new(Activation::tanh())]);
    network.layers_mut()[0].parameters_mut()[1][[1, 0]] = 2.5;
    let biases = network.layers()[0].parameters()[1].to_owned();
    assert_entries(
        "B after setting entry (1, 0)",
        &biases,
        &array![[0.7], [2.5]],
        0.0,
    );
}

#[test]
fn an_activation_has_no_parameters() {
    let mut tanh = Activation::tanh();
    assert!(Parameters::parameters(&tanh).is_empty());
    assert!(Parameters::parameters_mut(&mut tanh).is_empty());
}

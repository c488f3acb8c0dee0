//! The digits network of chapter 6, ending in logits for softmax and
//! cross-entropy instead of in tanh for the mean squared error.

use chapter_07::ndarray::Array2;
use chapter_07::{Activation, Initialisation, Network, TrainableNetwork, digits_layers};

use crate::distribution::ProbabilityError;
use crate::softmax::Softmax;

// ANCHOR: softmax_digits_network
/// The 64-32-10 network with chapter 6's starting weights for `seed`
/// (the same two dense layers as `digits_network(Initialisation::Scaled,
/// seed)`), without the last tanh: dense, tanh, dense. Its ten outputs are
/// logits, for [`crate::SoftmaxCrossEntropy`] to train and [`Softmax`] to
/// turn into probabilities.
#[must_use]
pub fn softmax_digits_network(seed: u64) -> TrainableNetwork {
    let [hidden, output] = digits_layers(Initialisation::Scaled, seed);
    Network::new(vec![
        Box::new(hidden),
        Box::new(Activation::tanh()),
        Box::new(output),
    ])
}
// ANCHOR_END: softmax_digits_network

// ANCHOR: class_probabilities
/// The probability the network gives each class for each image: softmax
/// of its logits, shape `(10, m)` for images `(64, m)`.
pub fn class_probabilities(
    network: &TrainableNetwork,
    images: &Array2<f64>,
) -> Result<Array2<f64>, ProbabilityError> {
    Softmax::probabilities(&network.predict(images)?)
}
// ANCHOR_END: class_probabilities

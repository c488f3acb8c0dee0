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

// ANCHOR: spread
/// The middle, the lowest and the highest of some numbers: how a seed
/// study sums up ten test accuracies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The middle value; for an even count, the mean of the two middle ones.
    pub median: f64,
    /// The smallest value.
    pub lowest: f64,
    /// The largest value.
    pub highest: f64,
}

impl Spread {
    /// The spread of `values`, given in any order.
    ///
    /// # Panics
    /// If there are no values, or one is NaN (which has no place in an
    /// order).
    #[must_use]
    pub fn of(values: &[f64]) -> Self {
        assert!(
            !values.is_empty() && !values.iter().any(|v| v.is_nan()),
            "a spread needs at least one number and no NaN, got {values:?}"
        );
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n.is_multiple_of(2) {
            f64::midpoint(sorted[n / 2 - 1], sorted[n / 2])
        } else {
            sorted[n / 2]
        };
        Self {
            median,
            lowest: sorted[0],
            highest: sorted[n - 1],
        }
    }
}
// ANCHOR_END: spread

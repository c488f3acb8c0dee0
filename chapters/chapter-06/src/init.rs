//! Initialisation: how big the random starting weights should be.
//!
//! A dense layer's output `y_j = Σᵢ w_ji xᵢ + b_j` is a sum of `i` terms
//! (the layer's *fan-in*). With weights of variance 1, the sum's variance
//! grows with the number of terms, tanh receives large numbers, saturates
//! at ±1, and its slope `1 - tanh²` (which every gradient passes through)
//! is nearly 0. Dividing the weights by `√(fan-in)` keeps the sum's
//! variance the size of one term's, whatever the number of inputs.

use chapter_05::ndarray::Array2;
use chapter_05::rand::Rng;
use chapter_05::{Activation, Dense, Layer, Network, ShapeError, TrainableNetwork, seeded_rng};

use crate::{CLASSES, PIXELS};

// ANCHOR: scaled_dense
/// A dense layer whose parameters are chapter 1's standard-normal draws
/// divided by `√inputs`: weights and biases from `N(0, 1/inputs)`, so that
/// each weight has variance `1/inputs`.
///
/// With inputs `xᵢ` of size about 1, `Σᵢ w_ji xᵢ` then has variance about
/// `inputs · (1/inputs) = 1` instead of `inputs`. It uses the very numbers
/// `Dense::random` would draw from the same generator, so the two
/// initialisations differ only in that one factor.
///
/// # Panics
/// If `inputs` or `outputs` is zero (as `Dense::random` does).
pub fn scaled_dense(inputs: usize, outputs: usize, rng: &mut impl Rng) -> Dense {
    let standard = Dense::random(inputs, outputs, rng);
    let scale = 1.0 / (inputs as f64).sqrt();
    Dense::new(standard.weights() * scale, standard.biases() * scale)
        .expect("scaling keeps the shapes of a valid layer")
}
// ANCHOR_END: scaled_dense

// ANCHOR: initialisation
/// How to draw a network's starting weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initialisation {
    /// Chapter 1's `Dense::random`: every weight and bias from `N(0, 1)`.
    StandardNormal,
    /// [`scaled_dense`]: every weight and bias from `N(0, 1/fan-in)`.
    Scaled,
}

impl Initialisation {
    /// A dense layer initialised this way.
    pub fn dense(self, inputs: usize, outputs: usize, rng: &mut impl Rng) -> Dense {
        match self {
            Self::StandardNormal => Dense::random(inputs, outputs, rng),
            Self::Scaled => scaled_dense(inputs, outputs, rng),
        }
    }
}
// ANCHOR_END: initialisation

/// Hidden neurons of the digits network.
pub const HIDDEN: usize = 32;

// ANCHOR: digits_network
/// The two dense layers of the 64-32-10 digits network, drawn from
/// `seeded_rng(seed)`: 64 pixels → 32 hidden neurons → 10 outputs.
#[must_use]
pub fn digits_layers(init: Initialisation, seed: u64) -> [Dense; 2] {
    let mut rng = seeded_rng(seed);
    let hidden = init.dense(PIXELS, HIDDEN, &mut rng);
    let output = init.dense(HIDDEN, CLASSES, &mut rng);
    [hidden, output]
}

/// The 64-32-10 network: dense, tanh, dense, tanh.
#[must_use]
pub fn digits_network(init: Initialisation, seed: u64) -> TrainableNetwork {
    let [hidden, output] = digits_layers(init, seed);
    Network::new(vec![
        Box::new(hidden),
        Box::new(Activation::tanh()),
        Box::new(output),
        Box::new(Activation::tanh()),
    ])
}
// ANCHOR_END: digits_network

// ANCHOR: saturation
/// How saturated the tanh after a dense layer is, averaged over some inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Saturation {
    /// The mean of `|z|` over every entry of the dense layer's output
    /// `Z = W X + B`: the size of what tanh receives.
    pub mean_abs_input: f64,
    /// The mean of `tanh'(z) = 1 - tanh(z)²` over the same entries: the
    /// factor every gradient is multiplied by on its way back through tanh.
    /// Near 1 when tanh works, near 0 when it is saturated.
    pub mean_slope: f64,
}

/// Feed each of `inputs` through `layers`, each followed by tanh, and
/// measure what every tanh receives.
pub fn saturation(layers: &[Dense], inputs: &[Array2<f64>]) -> Result<Vec<Saturation>, ShapeError> {
    let tanh = Activation::tanh();
    let mut sums = vec![(0.0, 0.0, 0_usize); layers.len()];
    for input in inputs {
        let mut x = input.clone();
        for (layer, (abs, slope, count)) in layers.iter().zip(&mut sums) {
            let z = layer.forward(&x)?;
            *abs += z.iter().map(|v| v.abs()).sum::<f64>();
            *slope += z.iter().map(|&v| tanh.derivative(v)).sum::<f64>();
            *count += z.len();
            x = tanh.forward(&z)?;
        }
    }
    Ok(sums
        .into_iter()
        .map(|(abs, slope, count)| Saturation {
            mean_abs_input: abs / count as f64,
            mean_slope: slope / count as f64,
        })
        .collect())
}
// ANCHOR_END: saturation

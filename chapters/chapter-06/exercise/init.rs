//! YOUR EXERCISE for chapter 6: initialisation, how big the random
//! starting weights should be.
//!
//! Fill in the bodies marked `todo!()`, then check your work with
//!
//! ```text
//! cargo exercise 6            # what is done, and what to write or fix next
//! cargo exercise 6 --watch    # the same, again on every save
//! ```
//!
//! (or with plain cargo: `cargo test -p chapter-06 --features exercise`).
//!
//! The same tests that check the book's code check yours. Read the chapter
//! page first; its "Your turn" section has hints and the solution.

// The imports your solution will need; unused until you write it.
#![allow(unused_imports)]

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
    // 1. Draw a layer exactly as chapter 1 does: Dense::random(inputs, outputs, rng).
    // 2. Divide its weights and its biases by √inputs: `array * scale` makes a
    //    new array, and Dense::new(weights, biases) builds the layer (the
    //    shapes are unchanged, so it cannot fail: `.expect(...)` is fine).
    let _ = (inputs, outputs, rng);
    todo!("scaled_dense: draw with Dense::random, then divide W and B by √inputs")
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
    // For every input: feed it through the layers in turn. After each dense
    // layer, z = layer.forward(&x)? is what the tanh receives; add up |z| and
    // tanh'(z) (Activation::tanh().derivative(z)) over its entries, count
    // them, then feed x = tanh(z) to the next layer. Return one Saturation per
    // layer, with the sums divided by the counts.
    let _ = (layers, inputs);
    todo!("saturation: feed each input through the layers and average |z| and tanh'(z)")
}
// ANCHOR_END: saturation

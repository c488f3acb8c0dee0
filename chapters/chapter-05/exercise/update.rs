//! YOUR EXERCISE for chapter 5: the update rule, `θ ← θ - α · dE/dθ`, the
//! learning rate `α`, and, as an extension, a learning rate that decays.
//!
//! Fill in the bodies marked `todo!()`, then check your work with
//!
//! ```text
//! cargo exercise 5            # what is done, and what to write or fix next
//! cargo exercise 5 --watch    # the same, again on every save
//! ```
//!
//! (or with plain cargo: `cargo test -p chapter-05 --features exercise`).
//!
//! The same tests that check the book's code check yours. Read the chapter
//! page first; its "Your turn" section has hints and the solution.

// The imports your solution will need; some are unused until you write it.
#![allow(unused_imports)]

use std::fmt;

use chapter_04::ShapeError;
use chapter_04::ndarray::Array2;

use crate::Parameters;

// ANCHOR: learning_rate
/// The learning rate `α`: how big a step each update takes.
///
/// It must be a finite number greater than zero: zero would never learn,
/// and a negative rate would climb the error instead of descending it.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct LearningRate(f64);

impl LearningRate {
    /// A learning rate, if `alpha` is finite and greater than zero.
    pub fn new(alpha: f64) -> Result<Self, TrainingError> {
        // Keep `alpha` (Ok(Self(alpha))) only if it is a finite number
        // greater than zero; otherwise Err(TrainingError::LearningRate(alpha)).
        // NaN, infinity, 0 and negative numbers are all refused.
        let _ = alpha;
        todo!("LearningRate::new: keep α if it is finite and > 0, else TrainingError::LearningRate")
    }

    /// The number `α`.
    #[must_use]
    pub fn get(self) -> f64 {
        self.0
    }
}
// ANCHOR_END: learning_rate

// ANCHOR: decayed
impl LearningRate {
    /// The learning rate for epoch `epoch` (counting from 0) of a schedule
    /// that starts at this rate `α` and shrinks it as training goes on:
    /// `α / (1 + decay · epoch)`.
    ///
    /// Epoch 0 uses `α` itself, and a decay of 0 keeps `α` for ever. The
    /// decay must be a finite number, zero or greater: a negative one would
    /// make the rate grow, and even change sign.
    pub fn decayed(self, epoch: usize, decay: f64) -> Result<Self, TrainingError> {
        // 1. Refuse a decay that is negative, NaN or infinite with
        //    Err(TrainingError::Decay(decay)).
        // 2. Return the learning rate α / (1 + decay · epoch), built with
        //    Self::new so that it, too, is checked (`epoch as f64`).
        let _ = (epoch, decay);
        todo!("LearningRate::decayed: refuse a bad decay, else give α / (1 + decay · epoch)")
    }
}
// ANCHOR_END: decayed

// ANCHOR: update
/// Apply the update rule to every parameter of `layer`:
/// `θ ← θ - α · dE/dθ`, with the gradients from its backward pass.
pub fn update(
    layer: &mut dyn Parameters,
    name: &str,
    gradients: &[Array2<f64>],
    learning_rate: LearningRate,
) -> Result<(), ShapeError> {
    // `layer.parameters_mut()` gives a Vec of mutable views, one per
    // parameter (W (outputs, inputs), then B (outputs, 1) for a dense layer),
    // in the order of `gradients`. Gradient k has the shape of parameter k.
    //
    // 1. If the numbers of parameters and gradients differ, return
    //    ShapeError::new(format!("{name}, update"), "list of parameter gradients",
    //    format!("{} gradients, one per parameter", parameters.len()),
    //    (gradients.len(), 1)).
    // 2. Check EVERY shape before changing anything: for parameter `index`
    //    whose gradient has another `dim()`, return
    //    ShapeError::new(format!("{name}, update"), format!("gradient of parameter {index}"),
    //    format!("{:?}, the shape of the parameter", parameter.dim()), gradient.dim()).
    // 3. Then move every parameter against its gradient: θ ← θ - α · dE/dθ,
    //    in place (`scaled_add` on a view adds a multiple of another array).
    let _ = (layer, name, gradients, learning_rate);
    todo!("update: check every shape, then move each parameter θ to θ - α · dE/dθ")
}
// ANCHOR_END: update

// ANCHOR: training_error
/// What can go wrong while training.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainingError {
    /// An array had the wrong shape.
    Shape(ShapeError),
    /// The learning rate was zero, negative or not a finite number.
    LearningRate(f64),
    /// The decay of a learning-rate schedule was negative or not a finite
    /// number.
    Decay(f64),
    /// There was nothing to train on.
    NoSamples,
    /// The loss became NaN or infinite: the steps were too big.
    Diverged {
        /// The epoch (counting from 1) in which it happened.
        epoch: usize,
        /// The loss that was not finite.
        loss: f64,
        /// The learning rate in use.
        learning_rate: f64,
    },
}
// ANCHOR_END: training_error

impl fmt::Display for TrainingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Shape(error) => write!(f, "{error}"),
            Self::LearningRate(alpha) => write!(
                f,
                "the learning rate must be a finite number greater than zero, got {alpha} \
                 (typical values are 0.1, 0.01 or 0.001)"
            ),
            Self::Decay(decay) => write!(
                f,
                "the learning-rate decay must be a finite number, zero or greater, got {decay} \
                 (0 keeps the rate constant; 0.001 halves it after 1000 epochs)"
            ),
            Self::NoSamples => write!(f, "there are no samples to train on"),
            Self::Diverged {
                epoch,
                loss,
                learning_rate,
            } => write!(
                f,
                "training diverged: the loss became {loss} in epoch {epoch}; \
                 the learning rate {learning_rate} is too large, try a smaller one (e.g. {})",
                learning_rate / 10.0
            ),
        }
    }
}

impl std::error::Error for TrainingError {}

// ANCHOR: from_shape_error
impl From<ShapeError> for TrainingError {
    fn from(error: ShapeError) -> Self {
        Self::Shape(error)
    }
}
// ANCHOR_END: from_shape_error

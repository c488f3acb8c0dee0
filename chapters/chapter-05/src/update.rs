//! The update rule: `w ← w - α · dE/dw`.

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
        if alpha.is_finite() && alpha > 0.0 {
            Ok(Self(alpha))
        } else {
            Err(TrainingError::LearningRate(alpha))
        }
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
        if !(decay.is_finite() && decay >= 0.0) {
            return Err(TrainingError::Decay(decay));
        }
        Self::new(self.0 / (1.0 + decay * epoch as f64))
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
    let mut parameters = layer.parameters_mut();
    if parameters.len() != gradients.len() {
        return Err(ShapeError::new(
            format!("{name}, update"),
            "list of parameter gradients",
            format!("{} gradients, one per parameter", parameters.len()),
            (gradients.len(), 1),
        ));
    }
    // Check every shape before changing anything, so that a failed update
    // leaves the layer as it was.
    for (index, (parameter, gradient)) in parameters.iter().zip(gradients).enumerate() {
        if parameter.dim() != gradient.dim() {
            return Err(ShapeError::new(
                format!("{name}, update"),
                format!("gradient of parameter {index}"),
                format!("{:?}, the shape of the parameter", parameter.dim()),
                gradient.dim(),
            ));
        }
    }
    for (parameter, gradient) in parameters.iter_mut().zip(gradients) {
        parameter.scaled_add(-learning_rate.get(), gradient);
    }
    Ok(())
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

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

/// What can go wrong while training.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainingError {
    /// An array had the wrong shape.
    Shape(ShapeError),
    /// The learning rate was zero, negative or not a finite number.
    LearningRate(f64),
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

impl fmt::Display for TrainingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Shape(error) => write!(f, "{error}"),
            Self::LearningRate(alpha) => write!(
                f,
                "the learning rate must be a finite number greater than zero, got {alpha} \
                 (typical values are 0.1, 0.01 or 0.001)"
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

impl From<ShapeError> for TrainingError {
    fn from(error: ShapeError) -> Self {
        Self::Shape(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use chapter_04::Dense;
    use chapter_04::ndarray::array;

    #[test]
    fn learning_rate_must_be_positive_and_finite() {
        assert!(LearningRate::new(0.1).is_ok());
        for bad in [0.0, -0.1, f64::NAN, f64::INFINITY] {
            let error = LearningRate::new(bad).unwrap_err();
            assert!(error.to_string().contains("greater than zero"), "{error}");
        }
    }

    #[test]
    fn update_moves_each_parameter_against_its_gradient() {
        let mut layer = Dense::new(array![[0.5, -1.5]], array![[0.1]]).unwrap();
        let gradients = [array![[0.2, -0.4]], array![[0.3]]];
        update(
            &mut layer,
            "dense",
            &gradients,
            LearningRate::new(0.5).unwrap(),
        )
        .unwrap();
        assert_abs_diff_eq!(layer.weights(), &array![[0.4, -1.3]], epsilon = 1e-15);
        assert_abs_diff_eq!(layer.biases(), &array![[-0.05]], epsilon = 1e-15);
    }

    #[test]
    fn update_rejects_gradients_that_do_not_fit() {
        let mut layer = Dense::new(array![[0.5, -1.5]], array![[0.1]]).unwrap();
        let rate = LearningRate::new(0.5).unwrap();
        let error = update(
            &mut layer,
            "dense",
            &[array![[0.2], [-0.4]], array![[0.3]]],
            rate,
        )
        .unwrap_err();
        assert_eq!(error.found, (2, 1));
        assert!(update(&mut layer, "dense", &[array![[0.2, -0.4]]], rate).is_err());
        assert_eq!(
            layer.weights(),
            &array![[0.5, -1.5]],
            "a failed update must change nothing"
        );
    }

    #[test]
    fn diverged_names_the_epoch_and_suggests_a_smaller_rate() {
        let error = TrainingError::Diverged {
            epoch: 12,
            loss: f64::NAN,
            learning_rate: 5.0,
        };
        assert_eq!(
            error.to_string(),
            "training diverged: the loss became NaN in epoch 12; the learning rate 5 is too large, try a smaller one (e.g. 0.5)"
        );
    }
}

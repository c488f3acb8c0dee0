//! The backward pass: a layer's second job.

use chapter_01::ndarray::Array2;
use chapter_01::{Layer, ShapeError};

// ANCHOR: gradients
/// What a layer's backward pass gives back.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    /// `dE/dX`: how the error changes with each entry of the layer's input.
    /// Same shape as the input. It is the `dE/dY` of the layer before.
    pub input: Array2<f64>,
    /// `dE/dθ` for each of the layer's parameters θ, in the layer's own
    /// order (for a dense layer: `dE/dW`, then `dE/dB`), each with the shape
    /// of its parameter. Empty for a layer without parameters.
    pub parameters: Vec<Array2<f64>>,
}
// ANCHOR_END: gradients

// ANCHOR: backward
/// A layer that can go backward.
///
/// Given the input `X` the layer saw going forward and `dE/dY`, the
/// gradient of the error with respect to its output, the backward pass
/// returns `dE/dX` and the gradients of the layer's parameters.
///
/// It takes `&self`: computing gradients changes nothing. Changing the
/// parameters is a separate step (chapter 5), so every gradient is computed
/// with the parameters that produced the output.
pub trait Backward: Layer {
    /// The backward pass. `output_gradient` is `dE/dY`, with the shape of
    /// this layer's output for `input`.
    fn backward(
        &self,
        input: &Array2<f64>,
        output_gradient: &Array2<f64>,
    ) -> Result<Gradients, ShapeError>;
}
// ANCHOR_END: backward

// ANCHOR: check_output_gradient
/// Check that `dE/dY` has the shape `expected` of the layer's output.
pub fn check_output_gradient(
    layer: &dyn Layer,
    output_gradient: &Array2<f64>,
    expected: (usize, usize),
) -> Result<(), ShapeError> {
    if output_gradient.dim() == expected {
        Ok(())
    } else {
        Err(ShapeError::new(
            format!("{}, backward", layer.name()),
            "output gradient dE/dY",
            format!(
                "({}, {}): the shape of the layer's output Y, one row per output, one column per sample",
                expected.0, expected.1
            ),
            output_gradient.dim(),
        ))
    }
}
// ANCHOR_END: check_output_gradient

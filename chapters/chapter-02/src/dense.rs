//! The dense layer's backward pass, and a referee for it.

use chapter_01::Dense;
use chapter_01::ndarray::{Array2, Axis};

use crate::backward::check_output_gradient;
use crate::{Backward, Gradients, compare_gradients, numerical_gradient};
use chapter_01::{Layer, ShapeError};

// ANCHOR: dense_backward
impl Backward for Dense {
    /// For `Y = W X + B`, with `G = dE/dY`:
    ///
    /// * `dE/dW = G · Xᵀ`, shape `(n_y, n_x)`, the shape of `W`;
    /// * `dE/dB = G` summed over the samples (columns), shape `(n_y, 1)`;
    /// * `dE/dX = Wᵀ · G`, shape `(n_x, m)`, the shape of `X`.
    fn backward(
        &self,
        input: &Array2<f64>,
        output_gradient: &Array2<f64>,
    ) -> Result<Gradients, ShapeError> {
        self.check_input(input, "backward")?;
        check_output_gradient(self, output_gradient, (self.outputs(), input.ncols()))?;

        let weights_gradient = output_gradient.dot(&input.t());
        let biases_gradient = output_gradient.sum_axis(Axis(1)).insert_axis(Axis(1));
        let input_gradient = self.weights().t().dot(output_gradient);

        Ok(Gradients {
            input: input_gradient,
            parameters: vec![weights_gradient, biases_gradient],
        })
    }
}
// ANCHOR_END: dense_backward

// ANCHOR: check_dense_gradients
/// Check `gradients`, what a backward pass of `layer` returned for `input`
/// and `output_gradient` (`dE/dY`), against central finite differences:
/// `dE/dW`, then `dE/dB`, then `dE/dX`.
///
/// It differentiates the test score `S = Σ G ⊙ Y` (a stand-in for the
/// error) with `G = output_gradient`: its gradient with
/// respect to `Y` is exactly `G`. On a mismatch, the message names the
/// gradient, what its rows and columns are, the first wrong entry, and both
/// values.
pub fn check_dense_gradients(
    layer: &Dense,
    input: &Array2<f64>,
    output_gradient: &Array2<f64>,
    gradients: &Gradients,
) -> Result<(), String> {
    const H: f64 = 1e-6;
    const TOLERANCE: f64 = 1e-6;

    let output = layer.forward(input).map_err(|error| error.to_string())?;
    check_output_gradient(layer, output_gradient, output.dim())
        .map_err(|error| error.to_string())?;
    let [weights_gradient, biases_gradient] = gradients.parameters.as_slice() else {
        return Err(format!(
            "a dense layer has 2 parameter gradients (dE/dW, then dE/dB), but there are {}",
            gradients.parameters.len()
        ));
    };

    // The test score S = Σ G ⊙ Y. The shapes were checked above, and nudging a number
    // changes no shape, so the forward pass cannot fail in here.
    let error = |layer: &Dense, x: &Array2<f64>| -> f64 {
        (layer.forward(x).expect("shapes checked") * output_gradient).sum()
    };
    let with_weights =
        |w: &Array2<f64>| Dense::new(w.clone(), layer.biases().clone()).expect("same shape as W");
    let with_biases =
        |b: &Array2<f64>| Dense::new(layer.weights().clone(), b.clone()).expect("same shape as B");

    compare_gradients(
        "dE/dW (one row per output, one column per input)",
        weights_gradient,
        &numerical_gradient(layer.weights(), H, |w| error(&with_weights(w), input)),
        TOLERANCE,
    )?;
    compare_gradients(
        "dE/dB (one row per output, one column)",
        biases_gradient,
        &numerical_gradient(layer.biases(), H, |b| error(&with_biases(b), input)),
        TOLERANCE,
    )?;
    compare_gradients(
        "dE/dX (one row per input, one column per sample)",
        &gradients.input,
        &numerical_gradient(input, H, |x| error(layer, x)),
        TOLERANCE,
    )
}
// ANCHOR_END: check_dense_gradients

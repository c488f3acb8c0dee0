//! YOUR EXERCISE for chapter 2: the dense layer, backward.
//!
//! Fill in the bodies marked `todo!()`, then check your work with
//!
//! ```text
//! cargo exercise 2            # what is done, and what to write or fix next
//! cargo exercise 2 --watch    # the same, again on every save
//! ```
//!
//! (or with plain cargo: `cargo test -p chapter-02 --features exercise`).
//!
//! The same tests that check the book's code check yours. Read the chapter
//! page first; its "Your turn" section has hints and the solution.

// The imports your solution will need; unused until you write it.
#![allow(unused_imports)]

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
        // 1. Check both shapes: self.check_input(input, "backward")?, then
        //    check_output_gradient(self, output_gradient, (n_y, m))?, where
        //    j = self.outputs() and n = input.ncols() (dE/dY has Y's shape).
        // 2. dE/dW = G · Xᵀ: (n_y, m) · (m, n_x) = (n_y, n_x). `t()` transposes.
        // 3. dE/dB = G summed over its columns (one per sample), stood up as
        //    a (n_y, 1) column: sum_axis(Axis(1)), then insert_axis(Axis(1)).
        // 4. dE/dX = Wᵀ · G: (n_x, n_y) · (n_y, m) = (n_x, m). W is self.weights().
        // 5. Ok(Gradients { input: dE/dX, parameters: vec![dE/dW, dE/dB] }).
        let _ = (input, output_gradient);
        todo!("Dense::backward: compute dE/dW = G Xᵀ, dE/dB = G summed over samples, dE/dX = Wᵀ G")
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
    // AN EXTENSION: a referee for a whole dense backward pass.
    // 1. Run layer.forward(input) and check output_gradient has the output's
    //    shape (check_output_gradient); turn a ShapeError into its text with
    //    .map_err(|error| error.to_string())?.
    // 2. If gradients.parameters is not exactly [dE/dW, dE/dB], return an
    //    Err saying a dense layer has 2 parameter gradients.
    // 3. The error E = (layer.forward(x) * output_gradient).sum(). For each
    //    of W (n_y, n_x), B (n_y, 1) and X (n_x, m): numerical_gradient(at, 1e-6, ..)
    //    nudges one entry at a time (rebuild the layer with Dense::new for
    //    W and B), then compare_gradients(name, computed, numerical, 1e-6)?.
    //    Name them for their axes: "dE/dW (one row per output, one column
    //    per input)", "dE/dB (one row per output, one column)" and
    //    "dE/dX (one row per input, one column per sample)".
    let _ = (layer, input, output_gradient, gradients);
    todo!("check_dense_gradients: compare dE/dW, dE/dB and dE/dX with their finite differences")
}
// ANCHOR_END: check_dense_gradients

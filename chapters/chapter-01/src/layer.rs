//! The layer abstraction: a box that turns an input into an output.

use ndarray::Array2;

use crate::ShapeError;

// ANCHOR: layer
/// A layer of a neural network.
///
/// A layer has two jobs. Going *forward*, it takes an input `X` and gives an
/// output `Y`. Going *backward* (chapter 2), it takes `dE/dY` and gives back
/// `dE/dX`. This chapter needs only the first job, so this trait has only
/// `forward`; chapter 2 adds the backward pass as a trait of its own.
///
/// Arrays hold one sample per column: an input with `n_x` features is an
/// `(n_x, 1)` column for one sample, or `(n_x, m)` for `m` samples at once.
pub trait Layer {
    /// A short description used in error messages, e.g. `dense layer (2 inputs → 3 outputs)`.
    fn name(&self) -> String;

    /// The forward pass: compute the output `Y` for the input `X`.
    fn forward(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError>;
}
// ANCHOR_END: layer

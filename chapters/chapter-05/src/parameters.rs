//! Giving training access to a layer's parameters.

use chapter_04::ndarray::{ArrayView2, ArrayViewMut2};
use chapter_04::{Activation, Backward, Dense};

// ANCHOR: parameters
/// A layer whose parameters training can change.
///
/// The views come in the same order as the parameter gradients of the
/// layer's backward pass: the first gradient belongs to the first parameter.
pub trait Parameters {
    /// Read-only views of the parameters (empty for a layer with none):
    /// what a caller uses to look at, print or compare the weights.
    fn parameters(&self) -> Vec<ArrayView2<'_, f64>>;

    /// Mutable views of the same parameters, in the same order: what
    /// training uses to change them.
    fn parameters_mut(&mut self) -> Vec<ArrayViewMut2<'_, f64>>;
}

impl Parameters for Dense {
    /// `W`, then `B`: the order of `dE/dW`, `dE/dB` in `backward`.
    fn parameters(&self) -> Vec<ArrayView2<'_, f64>> {
        vec![self.weights().view(), self.biases().view()]
    }

    fn parameters_mut(&mut self) -> Vec<ArrayViewMut2<'_, f64>> {
        let (weights, biases) = Dense::parameters_mut(self);
        vec![weights, biases]
    }
}

impl Parameters for Activation {
    fn parameters(&self) -> Vec<ArrayView2<'_, f64>> {
        vec![]
    }

    fn parameters_mut(&mut self) -> Vec<ArrayViewMut2<'_, f64>> {
        vec![]
    }
}

/// A layer that can go forward, backward, and learn: what a trainable
/// network is made of.
pub trait Trainable: Backward + Parameters {}

impl<T: Backward + Parameters + ?Sized> Trainable for T {}
// ANCHOR_END: parameters

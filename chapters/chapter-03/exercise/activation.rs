//! YOUR EXERCISE for chapter 3: activation layers, `Y = f(X)` and
//! `dE/dX = dE/dY ⊙ f'(X)`, with tanh, and then the sigmoid and `ReLU`.
//!
//! Fill in the bodies marked `todo!()`, then check your work with
//!
//! ```text
//! cargo exercise 3            # what is done, and what to write or fix next
//! cargo exercise 3 --watch    # the same, again on every save
//! ```
//!
//! (or with plain cargo: `cargo test -p chapter-03 --features exercise`).
//!
//! The same tests that check the book's code check yours. Read the chapter
//! page first; its "Your turn" section has hints and the solution.

// The imports your solution will need; unused until you write it.
#![allow(unused_imports)]

use chapter_02::ndarray::Array2;
use chapter_02::{Backward, Gradients, Layer, ShapeError, check_output_gradient};

// ANCHOR: activation
/// A layer that applies a function `f` to every entry of its input:
/// `Y = f(X)`, same shape in and out, no parameters.
#[derive(Debug, Clone, Copy)]
pub struct Activation {
    name: &'static str,
    function: fn(f64) -> f64,
    derivative: fn(f64) -> f64,
}
// ANCHOR_END: activation

impl Activation {
    // ANCHOR: new
    /// An activation layer from a function and its derivative.
    #[must_use]
    pub fn new(name: &'static str, function: fn(f64) -> f64, derivative: fn(f64) -> f64) -> Self {
        Self {
            name,
            function,
            derivative,
        }
    }
    // ANCHOR_END: new

    // ANCHOR: tanh
    /// The hyperbolic tangent: `f(x) = tanh(x)`, `f'(x) = 1 - tanh(x)²`.
    #[must_use]
    pub fn tanh() -> Self {
        // Self::new(name, f, f') with the name "tanh", f = tanh (f64 has a
        // method for it) and f'(x) = 1 - tanh(x)². A closure that captures
        // nothing, like |x| ..., can be passed where a fn(f64) -> f64 is wanted.
        todo!("Activation::tanh: build the layer from f(x) = tanh(x) and f'(x) = 1 - tanh(x)²")
    }
    // ANCHOR_END: tanh

    // ANCHOR: sigmoid
    /// The logistic sigmoid: `σ(x) = 1 / (1 + e^(-x))`, `σ'(x) = σ(x) (1 - σ(x))`.
    #[must_use]
    pub fn sigmoid() -> Self {
        // AN EXTENSION. Self::new with the name "sigmoid",
        // σ(x) = 1 / (1 + e^(-x)) (e^a is a.exp()) and σ'(x) = σ(x) (1 - σ(x)).
        todo!("Activation::sigmoid: build it from σ(x) = 1 / (1 + e^(-x)) and σ' = σ (1 - σ)")
    }
    // ANCHOR_END: sigmoid

    // ANCHOR: relu
    /// The rectified linear unit: `f(x) = max(0, x)`; `f'(x)` is 0 for
    /// `x < 0` and 1 for `x > 0`. At exactly 0, where the slope jumps, we
    /// take 0.
    #[must_use]
    pub fn relu() -> Self {
        // AN EXTENSION. Self::new with the name "relu", f(x) = max(0, x) and
        // f'(x) = 1 for x > 0, else 0 (including at exactly 0).
        todo!("Activation::relu: build it from f(x) = max(0, x) and f'(x) = 1 if x > 0, else 0")
    }
    // ANCHOR_END: relu

    /// The function `f`, for one number.
    #[must_use]
    pub fn function(&self, x: f64) -> f64 {
        (self.function)(x)
    }

    /// Its derivative `f'`, for one number.
    #[must_use]
    pub fn derivative(&self, x: f64) -> f64 {
        (self.derivative)(x)
    }
}

// ANCHOR: forward_backward
// ANCHOR: forward
impl Layer for Activation {
    fn name(&self) -> String {
        format!("{} activation", self.name)
    }

    /// `Y = f(X)`, entry by entry.
    fn forward(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError> {
        // Apply self.function to every entry of X (n_x, m) and return the new
        // (n_x, m) array: ndarray's mapv does exactly that. Any shape is fine.
        let _ = input;
        todo!("Activation::forward: apply f to every entry of X, giving Y of the same shape")
    }
}
// ANCHOR_END: forward

// ANCHOR: backward
impl Backward for Activation {
    /// `dE/dX = dE/dY ⊙ f'(X)`: each entry of the input changes only its own
    /// output, by `f'(x)` per unit, so its gradient is that of its output
    /// times `f'(x)`. No parameters, so no parameter gradients.
    fn backward(
        &self,
        input: &Array2<f64>,
        output_gradient: &Array2<f64>,
    ) -> Result<Gradients, ShapeError> {
        // 1. dE/dY must have the shape of X (= the shape of Y): check it with
        //    check_output_gradient(self, output_gradient, input.dim())?.
        // 2. dE/dX = dE/dY ⊙ f'(X): apply self.derivative to every entry of X,
        //    then multiply entry by entry (`*` on arrays), shape (n_x, m).
        // 3. Ok(Gradients { input: dE/dX, parameters: vec![] }): no parameters.
        let _ = (input, output_gradient);
        todo!("Activation::backward: compute dE/dX = dE/dY ⊙ f'(X), entry by entry, shape of X")
    }
}
// ANCHOR_END: backward
// ANCHOR_END: forward_backward

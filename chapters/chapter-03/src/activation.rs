//! Activation layers: a function applied to every entry.

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
        Self::new("tanh", f64::tanh, |x| 1.0 - x.tanh().powi(2))
    }
    // ANCHOR_END: tanh

    // ANCHOR: sigmoid
    /// The logistic sigmoid: `σ(x) = 1 / (1 + e^(-x))`, `σ'(x) = σ(x) (1 - σ(x))`.
    #[must_use]
    pub fn sigmoid() -> Self {
        Self::new(
            "sigmoid",
            |x| 1.0 / (1.0 + (-x).exp()),
            |x| {
                let s = 1.0 / (1.0 + (-x).exp());
                s * (1.0 - s)
            },
        )
    }
    // ANCHOR_END: sigmoid

    // ANCHOR: relu
    /// The rectified linear unit: `f(x) = max(0, x)`; `f'(x)` is 0 for
    /// `x < 0` and 1 for `x > 0`. At exactly 0, where the slope jumps, we
    /// take 0.
    #[must_use]
    pub fn relu() -> Self {
        Self::new("relu", |x| x.max(0.0), |x| if x > 0.0 { 1.0 } else { 0.0 })
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
        Ok(input.mapv(self.function))
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
        check_output_gradient(self, output_gradient, input.dim())?;
        Ok(Gradients {
            input: output_gradient * &input.mapv(self.derivative),
            parameters: vec![],
        })
    }
}
// ANCHOR_END: backward
// ANCHOR_END: forward_backward

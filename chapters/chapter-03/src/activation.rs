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

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use chapter_02::ndarray::array;

    #[test]
    fn tanh_forward_is_entrywise() {
        let x = array![[0.3, -1.2], [2.5, 0.7]];
        let y = Activation::tanh().forward(&x).unwrap();
        assert_abs_diff_eq!(y, x.mapv(f64::tanh), epsilon = 1e-15);
    }

    #[test]
    fn tanh_derivative_is_one_minus_tanh_squared_away_from_zero() {
        for x in [-2.3, -0.4, 0.9, 1.7] {
            assert_abs_diff_eq!(
                Activation::tanh().derivative(x),
                1.0 - x.tanh() * x.tanh(),
                epsilon = 1e-15
            );
        }
    }

    #[test]
    fn backward_multiplies_by_the_derivative() {
        let x = array![[0.3], [-1.2]];
        let g = array![[0.5], [-2.0]];
        let gradients = Activation::tanh().backward(&x, &g).unwrap();
        let expected = array![
            [0.5 * (1.0 - 0.3_f64.tanh().powi(2))],
            [-2.0 * (1.0 - (-1.2_f64).tanh().powi(2))]
        ];
        assert_abs_diff_eq!(gradients.input, expected, epsilon = 1e-15);
        assert!(gradients.parameters.is_empty());
    }

    #[test]
    fn backward_rejects_a_transposed_output_gradient() {
        let error = Activation::tanh()
            .backward(&array![[0.3], [-1.2]], &array![[0.5, -2.0]])
            .unwrap_err();
        assert_eq!(error.context, "tanh activation, backward");
        assert_eq!(error.found, (1, 2));
    }
}

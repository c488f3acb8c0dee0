//! The dense layer's backward pass.

use chapter_01::Dense;
use chapter_01::ndarray::{Array2, Axis};

use crate::backward::check_output_gradient;
use crate::{Backward, Gradients};
use chapter_01::ShapeError;

// ANCHOR: dense_backward
impl Backward for Dense {
    /// For `Y = W X + B`, with `G = dE/dY`:
    ///
    /// * `dE/dW = G · Xᵀ`, shape `(j, i)`, the shape of `W`;
    /// * `dE/dB = G` summed over the samples (columns), shape `(j, 1)`;
    /// * `dE/dX = Wᵀ · G`, shape `(i, n)`, the shape of `X`.
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

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use chapter_01::ndarray::array;

    fn layer() -> Dense {
        Dense::new(
            array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
            array![[0.1], [-0.2], [0.3]],
        )
        .unwrap()
    }

    #[test]
    fn gradients_worked_out_by_hand() {
        let x = array![[2.0], [-3.0]];
        let g = array![[0.4], [-0.7], [1.3]];
        let gradients = layer().backward(&x, &g).unwrap();
        // dE/dW = G Xᵀ: entry (j, i) is g_j x_i.
        assert_abs_diff_eq!(
            gradients.parameters[0],
            array![[0.8, -1.2], [-1.4, 2.1], [2.6, -3.9]],
            epsilon = 1e-12
        );
        // dE/dB = G.
        assert_abs_diff_eq!(gradients.parameters[1], g, epsilon = 1e-12);
        // dE/dX = Wᵀ G: x_1 gets 0.5·0.4 + 2·(-0.7) + (-0.75)·1.3 = -2.175.
        assert_abs_diff_eq!(gradients.input, array![[-2.175], [3.125]], epsilon = 1e-12);
    }

    #[test]
    fn bias_gradient_sums_over_the_samples() {
        let x = array![[2.0, 0.5], [-3.0, 1.5]];
        let g = array![[0.4, 0.1], [-0.7, 0.2], [1.3, -0.6]];
        let gradients = layer().backward(&x, &g).unwrap();
        assert_abs_diff_eq!(
            gradients.parameters[1],
            array![[0.5], [-0.5], [0.7]],
            epsilon = 1e-12
        );
    }

    #[test]
    fn rejects_an_output_gradient_of_the_wrong_shape() {
        let error = layer()
            .backward(&array![[2.0], [-3.0]], &array![[0.4, -0.7, 1.3]])
            .unwrap_err();
        assert_eq!(error.array, "output gradient dE/dY");
        assert_eq!(error.found, (1, 3));
        assert!(error.expected.starts_with("(3, 1)"), "{error}");
    }

    #[test]
    fn rejects_an_input_of_the_wrong_shape() {
        let error = layer()
            .backward(&array![[2.0], [-3.0], [1.0]], &array![[0.4], [-0.7], [1.3]])
            .unwrap_err();
        assert_eq!(error.array, "input X");
        assert!(error.context.ends_with("backward"), "{error}");
    }
}

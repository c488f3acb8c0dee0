//! The fast form: every position of every image becomes a column of one
//! "patch" matrix, so that the whole convolution of a batch is one matrix
//! product, `K P`, as chapter 7 turned a batch into one product.

use chapter_08::ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis};
use chapter_08::{Backward, Gradients, Layer, Parameters, ShapeError, check_output_gradient};

use crate::convolution::Convolution;
use crate::image::ImageShape;

// ANCHOR: patches
/// The patch matrix of a batch `X` of images of shape `input`, for kernels
/// of `k × k`: shape `(d·k·k, m·p)` with `p = (h - k + 1)(w - k + 1)`
/// positions per image. Column `s·p + r·(w - k + 1) + q` holds what the
/// kernel covers with its corner at `(r, q)` of sample `s`: channel after
/// channel, row after row, the order of a row of `K`.
#[must_use]
pub fn patches(input: ImageShape, k: usize, x: &Array2<f64>) -> Array2<f64> {
    let (oh, ow) = (input.height - k + 1, input.width - k + 1);
    let positions = oh * ow;
    Array2::from_shape_fn(
        (input.depth * k * k, x.ncols() * positions),
        |(row, column)| {
            let (sample, position) = (column / positions, column % positions);
            let (r, q) = (position / ow, position % ow);
            let (channel, offset) = (row / (k * k), row % (k * k));
            let (a, b) = (offset / k, offset % k);
            x[[
                channel * input.height * input.width + (r + a) * input.width + q + b,
                sample,
            ]]
        },
    )
}
// ANCHOR_END: patches

/// Add each patch column of `d_patches` back onto the image entries it was
/// copied from: the opposite of [`patches`], for the input gradient.
fn add_patches_back(input: ImageShape, k: usize, d_patches: &Array2<f64>, dx: &mut Array2<f64>) {
    let (oh, ow) = (input.height - k + 1, input.width - k + 1);
    let positions = oh * ow;
    for ((row, column), &value) in d_patches.indexed_iter() {
        let (sample, position) = (column / positions, column % positions);
        let (r, q) = (position / ow, position % ow);
        let (channel, offset) = (row / (k * k), row % (k * k));
        let (a, b) = (offset / k, offset % k);
        dx[[
            channel * input.height * input.width + (r + a) * input.width + q + b,
            sample,
        ]] += value;
    }
}

// ANCHOR: im2col
/// A convolutional layer computed as one matrix product per batch:
/// `Y = K P + B` with `P` the batch's [`patches`]. The same numbers as
/// [`Convolution`]'s forward and backward passes, up to rounding.
#[derive(Debug, Clone, PartialEq)]
pub struct Im2col(pub Convolution);
// ANCHOR_END: im2col

impl Im2col {
    /// `Y` laid out as the product gives it, `(n_k, m·p)`, rearranged to
    /// one column per sample, `(n_k·p, m)`; and back.
    fn to_columns(product: &Array2<f64>, samples: usize) -> Array2<f64> {
        let (kernels, total) = product.dim();
        let positions = total / samples;
        Array2::from_shape_fn((kernels * positions, samples), |(row, sample)| {
            product[[row / positions, sample * positions + row % positions]]
        })
    }

    fn from_columns(y: &Array2<f64>, kernels: usize) -> Array2<f64> {
        let (rows, samples) = y.dim();
        let positions = rows / kernels;
        Array2::from_shape_fn((kernels, samples * positions), |(i, column)| {
            y[[i * positions + column % positions, column / positions]]
        })
    }
}

impl Layer for Im2col {
    fn name(&self) -> String {
        format!("{}, as im2col", self.0.name())
    }

    // ANCHOR: im2col_forward
    fn forward(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError> {
        let layer = &self.0;
        let context = format!("{}, forward", self.name());
        layer
            .input_shape()
            .check_columns(&context, "input X", input)?;
        let p = patches(layer.input_shape(), layer.size(), input);
        let product = layer.kernels().dot(&p) + layer.biases();
        Ok(Self::to_columns(&product, input.ncols()))
    }
    // ANCHOR_END: im2col_forward
}

impl Backward for Im2col {
    // ANCHOR: im2col_backward
    /// With `G` rearranged like the product, `(n_k, m·p)`: `dE/dK = G Pᵀ`,
    /// `dE/dB` the sums of the rows of `G`, and `dE/dP = Kᵀ G`, each patch
    /// column of which is added back where it was copied from.
    fn backward(
        &self,
        input: &Array2<f64>,
        output_gradient: &Array2<f64>,
    ) -> Result<Gradients, ShapeError> {
        let layer = &self.0;
        let context = format!("{}, backward", self.name());
        layer
            .input_shape()
            .check_columns(&context, "input X", input)?;
        let out = layer.output_shape();
        check_output_gradient(self, output_gradient, (out.len(), input.ncols()))?;
        let p = patches(layer.input_shape(), layer.size(), input);
        let g = Self::from_columns(output_gradient, layer.count());
        let kernels = g.dot(&p.t());
        let biases = g.sum_axis(Axis(1)).insert_axis(Axis(1));
        let mut input_gradient = Array2::zeros(input.dim());
        add_patches_back(
            layer.input_shape(),
            layer.size(),
            &layer.kernels().t().dot(&g),
            &mut input_gradient,
        );
        Ok(Gradients {
            input: input_gradient,
            parameters: vec![kernels, biases],
        })
    }
    // ANCHOR_END: im2col_backward
}

impl Parameters for Im2col {
    fn parameters(&self) -> Vec<ArrayView2<'_, f64>> {
        self.0.parameters()
    }

    fn parameters_mut(&mut self) -> Vec<ArrayViewMut2<'_, f64>> {
        self.0.parameters_mut()
    }
}

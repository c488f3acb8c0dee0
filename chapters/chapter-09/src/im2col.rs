//! The fast form: every position of every image becomes a column of one
//! "patch" matrix, so that the whole convolution of a batch is one matrix
//! product, `K P`, as chapter 7 turned a batch into one product.

use chapter_08::ndarray::{Array1, Array2, Array3, ArrayView2, ArrayViewMut2, Axis, s};
use chapter_08::{Backward, Gradients, Layer, Parameters, ShapeError, check_output_gradient};

use crate::convolution::Convolution;
use crate::image::ImageShape;

// ANCHOR: patches
/// The patch matrix of a batch `X` of images of shape `input`, for kernels
/// of `k × k`: shape `(d·k·k, m·p)` with `p = (h - k + 1)(w - k + 1)`
/// positions per image. Its columns go sample by sample, and within a
/// sample position by position, row after row; each holds the block of
/// `d × k × k` entries the kernel covers there, channel after channel, row
/// after row, the order of a row of `K`.
#[must_use]
pub fn patches(input: ImageShape, k: usize, x: &Array2<f64>) -> Array2<f64> {
    let (oh, ow) = (input.height - k + 1, input.width - k + 1);
    let mut patches = Array2::zeros((input.depth * k * k, x.ncols() * oh * ow));
    let mut columns = patches.columns_mut().into_iter();
    for sample in x.columns() {
        let image = as_image(input, sample.to_owned());
        for r in 0..oh {
            for q in 0..ow {
                let block = image.slice(s![.., r..r + k, q..q + k]);
                let column = columns.next().expect("one column per position");
                for (slot, &value) in column.into_iter().zip(&block) {
                    *slot = value;
                }
            }
        }
    }
    patches
}
// ANCHOR_END: patches

/// One column of `X` as the `d × h × w` image it holds.
fn as_image(input: ImageShape, column: Array1<f64>) -> Array3<f64> {
    column
        .into_shape_with_order((input.depth, input.height, input.width))
        .expect("the column has d · h · w entries")
}

/// Add each column of `d_patches` back onto the block of the image it was
/// copied from: the opposite of [`patches`], for the input gradient.
fn add_patches_back(input: ImageShape, k: usize, d_patches: &Array2<f64>) -> Array2<f64> {
    let (oh, ow) = (input.height - k + 1, input.width - k + 1);
    let samples = d_patches.ncols() / (oh * ow);
    let mut dx = Array2::zeros((input.len(), samples));
    let mut columns = d_patches.columns().into_iter();
    for mut dx_column in dx.columns_mut() {
        let mut image = Array3::zeros((input.depth, input.height, input.width));
        for r in 0..oh {
            for q in 0..ow {
                let mut block = image.slice_mut(s![.., r..r + k, q..q + k]);
                let column = columns.next().expect("one column per position");
                for (slot, &value) in block.iter_mut().zip(column) {
                    *slot += value;
                }
            }
        }
        dx_column.assign(&as_image_column(image));
    }
    dx
}

/// A `d × h × w` image as one column's entries.
fn as_image_column(image: Array3<f64>) -> Array1<f64> {
    let len = image.len();
    image
        .into_shape_with_order(len)
        .expect("a new array is contiguous")
}

// ANCHOR: im2col
/// A convolutional layer computed as one matrix product per batch:
/// `Y = K P + B` with `P` the batch's [`patches`]. The same numbers as
/// [`Convolution`]'s forward and backward passes, up to rounding.
#[derive(Debug, Clone, PartialEq)]
pub struct Im2col(pub Convolution);
// ANCHOR_END: im2col

impl Im2col {
    /// `Y` as the product gives it, `(n_k, m·p)`, with one column per
    /// sample instead, `(n_k·p, m)`: the same numbers, regrouped.
    fn to_columns(product: Array2<f64>, samples: usize) -> Array2<f64> {
        let (kernels, total) = product.dim();
        let positions = total / samples;
        product
            .into_shape_with_order((kernels, samples, positions))
            .expect("m·p columns")
            .permuted_axes([0, 2, 1])
            .as_standard_layout()
            .into_owned()
            .into_shape_with_order((kernels * positions, samples))
            .expect("a standard-layout array")
    }

    /// The other way: `dE/dY`, `(n_k·p, m)`, as `(n_k, m·p)`.
    fn from_columns(y: &Array2<f64>, kernels: usize) -> Array2<f64> {
        let (rows, samples) = y.dim();
        let positions = rows / kernels;
        y.as_standard_layout()
            .into_owned()
            .into_shape_with_order((kernels, positions, samples))
            .expect("n_k·p rows")
            .permuted_axes([0, 2, 1])
            .as_standard_layout()
            .into_owned()
            .into_shape_with_order((kernels, samples * positions))
            .expect("a standard-layout array")
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
        Ok(Self::to_columns(product, input.ncols()))
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
        let input_gradient = add_patches_back(
            layer.input_shape(),
            layer.size(),
            &layer.kernels().t().dot(&g),
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

//! The convolutional layer: a few small kernels slid over the image, the
//! same weights at every position.

use chapter_08::ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, s};
use chapter_08::rand::Rng;
use chapter_08::{
    Backward, Gradients, Layer, Parameters, ShapeError, check_output_gradient, scaled_dense,
};

use crate::image::ImageShape;

// ANCHOR: cross_correlate
/// The valid cross-correlation `X ⋆ K` of an `h × w` matrix `X` with a
/// `k_h × k_w` kernel `K`: the `(h - k_h + 1) × (w - k_w + 1)` matrix whose
/// entry `(r, q)` is `Σ_a Σ_b x_{r+a, q+b} k_{ab}`, the kernel laid on `X`
/// with its top-left corner at `(r, q)`, multiplied entry by entry and
/// added up.
///
/// # Panics
/// If the kernel is larger than `X` in either direction, or empty, naming
/// both sizes; `#[track_caller]` makes the panic point at the line that
/// called it, where the arguments came from.
#[must_use]
#[track_caller]
pub fn cross_correlate(image: &ArrayView2<'_, f64>, kernel: &ArrayView2<'_, f64>) -> Array2<f64> {
    let ((h, w), (kh, kw)) = (image.dim(), kernel.dim());
    assert!(
        kh >= 1 && kw >= 1 && kh <= h && kw <= w,
        "cross-correlation: a kernel of {kh} × {kw} does not fit in a matrix of {h} × {w}"
    );
    Array2::from_shape_fn((h - kh + 1, w - kw + 1), |(r, q)| {
        (&image.slice(s![r..r + kh, q..q + kw]) * kernel).sum()
    })
}
// ANCHOR_END: cross_correlate

// ANCHOR: convolve_full
/// The full convolution `G ∗ K` of a `g_h × g_w` matrix `G` with a
/// `k_h × k_w` kernel: `G` padded with `k - 1` zeros on every side,
/// cross-correlated with `K` turned by 180°, so every entry of `G` meets
/// every entry of `K` once. The result is `(g_h + k_h - 1) × (g_w + k_w - 1)`.
///
/// # Panics
/// If the kernel is empty, at the line that called it.
#[must_use]
#[track_caller]
pub fn convolve_full(gradient: &ArrayView2<'_, f64>, kernel: &ArrayView2<'_, f64>) -> Array2<f64> {
    let ((gh, gw), (kh, kw)) = (gradient.dim(), kernel.dim());
    assert!(kh >= 1 && kw >= 1, "full convolution: the kernel is empty");
    let mut padded = Array2::zeros((gh + 2 * (kh - 1), gw + 2 * (kw - 1)));
    padded
        .slice_mut(s![kh - 1..kh - 1 + gh, kw - 1..kw - 1 + gw])
        .assign(gradient);
    let turned = kernel.slice(s![..;-1, ..;-1]);
    cross_correlate(&padded.view(), &turned)
}
// ANCHOR_END: convolve_full

// ANCHOR: convolution
/// A convolutional layer: `n_k` kernels, each `d` matrices of `k × k` (one
/// per input channel), and one bias per kernel. Output channel `i` is
/// `Y_i = B_i + Σ_j X_j ⋆ K_ij`, with `B_i` the bias `b_i` at every
/// position, so an input of `d` channels of `h × w` gives `n_k` channels of
/// `(h - k + 1) × (w - k + 1)`.
///
/// The kernels are stored as `K`, shape `(n_k, d·k·k)`: row `i` holds
/// `K_i0, K_i1, …`, each row after row; the biases as `B`, `(n_k, 1)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Convolution {
    input: ImageShape,
    size: usize,
    kernels: Array2<f64>,
    biases: Array2<f64>,
}
// ANCHOR_END: convolution

impl Convolution {
    // ANCHOR: new
    /// A layer for images of shape `input`, with kernels of `size × size`
    /// given as `K` (`(n_k, d·k·k)`) and biases `B` (`(n_k, 1)`).
    ///
    /// Fails if there are no kernels, if the kernels are empty or larger
    /// than the image, or if `K` or `B` does not have the shape that fits.
    pub fn new(
        input: ImageShape,
        size: usize,
        kernels: Array2<f64>,
        biases: Array2<f64>,
    ) -> Result<Self, ShapeError> {
        let context = "convolutional layer, new";
        if input.is_empty() {
            return Err(ShapeError::new(
                context,
                "input image (channels, pixels per channel)",
                "(d, h · w) with d, h, w ≥ 1",
                (input.depth, input.height * input.width),
            ));
        }
        if size == 0 || size > input.height || size > input.width {
            return Err(ShapeError::new(
                context,
                "kernel (k × k)",
                format!(
                    "at least 1 × 1 and at most {} × {}, the input's height and width \
                     (a kernel larger than the image fits nowhere)",
                    input.height.min(input.width),
                    input.height.min(input.width)
                ),
                (size, size),
            ));
        }
        let per_kernel = input.depth * size * size;
        if kernels.nrows() == 0 || kernels.ncols() != per_kernel {
            return Err(ShapeError::new(
                context,
                "kernels K",
                format!(
                    "(n_k, {per_kernel}) with n_k ≥ 1: one row per kernel, holding its \
                     {} {} of {size} × {size}",
                    input.depth,
                    if input.depth == 1 {
                        "matrix"
                    } else {
                        "matrices"
                    }
                ),
                kernels.dim(),
            ));
        }
        if biases.dim() != (kernels.nrows(), 1) {
            return Err(ShapeError::new(
                context,
                "biases B",
                format!("({}, 1): one bias per kernel", kernels.nrows()),
                biases.dim(),
            ));
        }
        Ok(Self {
            input,
            size,
            kernels,
            biases,
        })
    }
    // ANCHOR_END: new

    // ANCHOR: random
    /// A layer of `kernels` kernels of `size × size` for images of shape
    /// `input`, drawn as chapter 6's `scaled_dense` draws a dense layer
    /// with `d·k·k` inputs: every kernel entry and bias from
    /// `N(0, 1/(d·k·k))`, since each output sums `d·k·k` products.
    ///
    /// # Panics
    /// If there are no kernels or the kernel does not fit in the image.
    pub fn random(input: ImageShape, kernels: usize, size: usize, rng: &mut impl Rng) -> Self {
        assert!(
            kernels >= 1 && size >= 1 && size <= input.height && size <= input.width,
            "a convolutional layer needs at least one kernel of at least 1 × 1 that fits in \
             the image ({input}), got {kernels} kernels of {size} × {size}"
        );
        let drawn = scaled_dense(input.depth * size * size, kernels, rng);
        Self::new(input, size, drawn.weights().clone(), drawn.biases().clone())
            .expect("the shapes were checked above")
    }
    // ANCHOR_END: random

    /// The shape of the images the layer takes.
    #[must_use]
    pub fn input_shape(&self) -> ImageShape {
        self.input
    }

    /// The shape of the images it gives: one channel per kernel, of
    /// `(h - k + 1) × (w - k + 1)`.
    #[must_use]
    pub fn output_shape(&self) -> ImageShape {
        ImageShape::new(
            self.count(),
            self.input.height - self.size + 1,
            self.input.width - self.size + 1,
        )
    }

    /// The number of kernels `n_k`.
    #[must_use]
    pub fn count(&self) -> usize {
        self.kernels.nrows()
    }

    /// The side `k` of every kernel.
    #[must_use]
    pub fn size(&self) -> usize {
        self.size
    }

    /// All kernels `K`, `(n_k, d·k·k)`.
    #[must_use]
    pub fn kernels(&self) -> &Array2<f64> {
        &self.kernels
    }

    /// The biases `B`, `(n_k, 1)`.
    #[must_use]
    pub fn biases(&self) -> &Array2<f64> {
        &self.biases
    }

    // ANCHOR: kernel
    /// `K_ij`, the `k × k` matrix kernel `i` lays on input channel `j`.
    ///
    /// # Panics
    /// If there is no kernel `i` or no input channel `j`, naming both
    /// counts, at the line that asked for it.
    #[must_use]
    #[track_caller]
    pub fn kernel(&self, i: usize, j: usize) -> ArrayView2<'_, f64> {
        block(&self.kernels, i, j, self.size)
    }
    // ANCHOR_END: kernel
}

/// The `k × k` block `j` of row `i` of `array`, a matrix of kernels.
#[track_caller]
fn block(array: &Array2<f64>, i: usize, j: usize, k: usize) -> ArrayView2<'_, f64> {
    check_block(array.dim(), i, j, k);
    array
        .slice(s![i, j * k * k..(j + 1) * k * k])
        .into_shape_with_order((k, k))
        .expect("a row of a standard-layout array is contiguous")
}

/// The same block, to write into.
#[track_caller]
fn block_mut(array: &mut Array2<f64>, i: usize, j: usize, k: usize) -> ArrayViewMut2<'_, f64> {
    check_block(array.dim(), i, j, k);
    array
        .slice_mut(s![i, j * k * k..(j + 1) * k * k])
        .into_shape_with_order((k, k))
        .expect("a row of a standard-layout array is contiguous")
}

/// Panic, in words, unless a matrix of kernels of shape `(rows, columns)`
/// has a block `(i, j)` of `k × k`: ndarray's own panic would say
/// `collapse_axis` and name neither the kernel nor the channel.
#[track_caller]
fn check_block((rows, columns): (usize, usize), i: usize, j: usize, k: usize) {
    let channels = columns / (k * k);
    assert!(
        i < rows && j < channels,
        "there is no block (i, j) = ({i}, {j}) in a matrix of kernels of shape ({rows}, \
         {columns}): i is the kernel (one per row, {rows} of them), j the input channel \
         ({channels} of them, a {k} × {k} block each in the row)"
    );
}

// ANCHOR: forward
impl Layer for Convolution {
    fn name(&self) -> String {
        let kernels = if self.count() == 1 {
            "kernel"
        } else {
            "kernels"
        };
        format!(
            "convolutional layer ({} {kernels} of {} × {} on {})",
            self.count(),
            self.size,
            self.size,
            self.input
        )
    }

    // ANCHOR: convolution_forward
    /// `Y_i = B_i + Σ_j X_j ⋆ K_ij` for every kernel `i`, sample by sample.
    fn forward(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError> {
        let context = format!("{}, forward", self.name());
        self.input.check_columns(&context, "input X", input)?;
        let out = self.output_shape();
        let mut output = Array2::zeros((out.len(), input.ncols()));
        for (x, mut y) in input.columns().into_iter().zip(output.columns_mut()) {
            let image = x.to_owned();
            let mut result = Array1::zeros(out.len());
            for i in 0..self.count() {
                let mut map = out.channel_mut(&mut result, i);
                map.fill(self.biases[[i, 0]]);
                for j in 0..self.input.depth {
                    map += &cross_correlate(&self.input.channel(&image, j), &self.kernel(i, j));
                }
            }
            y.assign(&result);
        }
        Ok(output)
    }
    // ANCHOR_END: convolution_forward
}
// ANCHOR_END: forward

// ANCHOR: backward
impl Backward for Convolution {
    // ANCHOR: convolution_backward
    /// For every sample, with `G_i` the gradient of output channel `i`:
    /// `dE/dK_ij += X_j ⋆ G_i`, `dE/db_i += Σ G_i` (over its positions),
    /// and `dE/dX_j += G_i ∗ K_ij`, the full convolution.
    fn backward(
        &self,
        input: &Array2<f64>,
        output_gradient: &Array2<f64>,
    ) -> Result<Gradients, ShapeError> {
        let context = format!("{}, backward", self.name());
        self.input.check_columns(&context, "input X", input)?;
        let out = self.output_shape();
        check_output_gradient(self, output_gradient, (out.len(), input.ncols()))?;
        let k = self.size;
        let mut kernels = Array2::zeros(self.kernels.dim());
        let mut biases = Array2::zeros(self.biases.dim());
        let mut input_gradient = Array2::zeros(input.dim());
        let samples = input.columns().into_iter().zip(output_gradient.columns());
        for ((x, g), mut dx) in samples.zip(input_gradient.columns_mut()) {
            let (image, gradient) = (x.to_owned(), g.to_owned());
            let mut result = Array1::zeros(self.input.len());
            for i in 0..self.count() {
                let g_i = out.channel(&gradient, i);
                biases[[i, 0]] += g_i.sum();
                for j in 0..self.input.depth {
                    let x_j = self.input.channel(&image, j);
                    block_mut(&mut kernels, i, j, k).scaled_add(1.0, &cross_correlate(&x_j, &g_i));
                    let mut dx_j = self.input.channel_mut(&mut result, j);
                    dx_j += &convolve_full(&g_i, &self.kernel(i, j));
                }
            }
            dx.assign(&result);
        }
        Ok(Gradients {
            input: input_gradient,
            parameters: vec![kernels, biases],
        })
    }
    // ANCHOR_END: convolution_backward
}
// ANCHOR_END: backward

impl Parameters for Convolution {
    fn parameters(&self) -> Vec<ArrayView2<'_, f64>> {
        vec![self.kernels.view(), self.biases.view()]
    }

    fn parameters_mut(&mut self) -> Vec<ArrayViewMut2<'_, f64>> {
        vec![self.kernels.view_mut(), self.biases.view_mut()]
    }
}

// ANCHOR: max_pool
/// Max-pooling: each channel cut into blocks of `s × s`, each block
/// replaced by its largest entry, so `d` channels of `h × w` become `d`
/// channels of `(h/s) × (w/s)`. No parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxPool {
    input: ImageShape,
    size: usize,
}
// ANCHOR_END: max_pool

impl MaxPool {
    /// A layer pooling blocks of `size × size` of images of shape `input`.
    ///
    /// Fails unless `size` is at least 1 and divides both the height and
    /// the width.
    pub fn new(input: ImageShape, size: usize) -> Result<Self, ShapeError> {
        if size >= 1
            && input.height.is_multiple_of(size)
            && input.width.is_multiple_of(size)
            && !input.is_empty()
        {
            return Ok(Self { input, size });
        }
        Err(ShapeError::new(
            "max-pooling layer, new",
            "input image (height, width)",
            format!(
                "a height and a width that the block size {size} divides, \
                 with at least one channel"
            ),
            (input.height, input.width),
        ))
    }

    /// The shape of the images it gives.
    #[must_use]
    pub fn output_shape(&self) -> ImageShape {
        ImageShape::new(
            self.input.depth,
            self.input.height / self.size,
            self.input.width / self.size,
        )
    }

    /// Where the largest entry of block `(r, q)` of `channel` is, as a
    /// position in `channel`; the first one on a tie.
    fn largest(&self, channel: &ArrayView2<'_, f64>, r: usize, q: usize) -> (usize, usize) {
        let s = self.size;
        let mut best = (r * s, q * s);
        for a in r * s..(r + 1) * s {
            for b in q * s..(q + 1) * s {
                if channel[[a, b]] > channel[best] {
                    best = (a, b);
                }
            }
        }
        best
    }
}

impl Layer for MaxPool {
    fn name(&self) -> String {
        format!(
            "max-pooling layer ({} × {} blocks of {})",
            self.size, self.size, self.input
        )
    }

    // ANCHOR: max_pool_forward
    /// The largest entry of every block, channel by channel.
    fn forward(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError> {
        let context = format!("{}, forward", self.name());
        self.input.check_columns(&context, "input X", input)?;
        let out = self.output_shape();
        let mut output = Array2::zeros((out.len(), input.ncols()));
        for (x, mut y) in input.columns().into_iter().zip(output.columns_mut()) {
            let image = x.to_owned();
            let mut result = Array1::zeros(out.len());
            for c in 0..out.depth {
                let channel = self.input.channel(&image, c);
                let mut pooled = out.channel_mut(&mut result, c);
                for ((r, q), slot) in pooled.indexed_iter_mut() {
                    *slot = channel[self.largest(&channel, r, q)];
                }
            }
            y.assign(&result);
        }
        Ok(output)
    }
    // ANCHOR_END: max_pool_forward
}

impl Backward for MaxPool {
    // ANCHOR: max_pool_backward
    /// Each block's gradient goes to the entry that was its largest; every
    /// other entry of the block did not change the output, so gets 0.
    fn backward(
        &self,
        input: &Array2<f64>,
        output_gradient: &Array2<f64>,
    ) -> Result<Gradients, ShapeError> {
        let context = format!("{}, backward", self.name());
        self.input.check_columns(&context, "input X", input)?;
        let out = self.output_shape();
        check_output_gradient(self, output_gradient, (out.len(), input.ncols()))?;
        let mut input_gradient = Array2::zeros(input.dim());
        let samples = input.columns().into_iter().zip(output_gradient.columns());
        for ((x, g), mut dx) in samples.zip(input_gradient.columns_mut()) {
            let (image, gradient) = (x.to_owned(), g.to_owned());
            let mut result = Array1::zeros(self.input.len());
            for c in 0..out.depth {
                let (channel, g_c) = (self.input.channel(&image, c), out.channel(&gradient, c));
                let mut dx_c = self.input.channel_mut(&mut result, c);
                for ((r, q), &value) in g_c.indexed_iter() {
                    dx_c[self.largest(&channel, r, q)] += value;
                }
            }
            dx.assign(&result);
        }
        Ok(Gradients {
            input: input_gradient,
            parameters: vec![],
        })
    }
    // ANCHOR_END: max_pool_backward
}

impl Parameters for MaxPool {
    fn parameters(&self) -> Vec<ArrayView2<'_, f64>> {
        vec![]
    }

    fn parameters_mut(&mut self) -> Vec<ArrayViewMut2<'_, f64>> {
        vec![]
    }
}

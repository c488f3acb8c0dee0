//! Chapter 9's tests, in one test binary (one link per build, which keeps
//! `cargo test` and mutation testing quick): one module per function of the
//! exercise, in the order of the page's hints, then the fast form and the
//! digits network.

// The worked examples write each product as it is on paper, `x * -1.0`
// included, so that they read like the sums they check.
#![allow(clippy::neg_multiply)]

mod backward;
mod convolve_full;
mod cross_correlate;
mod digits;
mod forward;
mod im2col;
mod layer;
mod max_pool;

/// Random images, kernels and layers for the property tests.
pub mod strategies {
    use chapter_09::ndarray::Array2;
    use chapter_09::testing::matrix;
    use chapter_09::{Convolution, ImageShape};
    use proptest::prelude::*;

    /// A convolutional layer and a batch of inputs for it: 1 to 3 input
    /// channels, 1 to 3 kernels of 2 × 2 or 3 × 3 (never 1 × 1, where a
    /// convolution is a product), images from the kernel's size to 3 more
    /// in each direction independently (so mostly not square), 1 or 2
    /// samples, every number from -2 to 2 (so no kernel is symmetric).
    pub fn layer_and_input() -> impl Strategy<Value = (Convolution, Array2<f64>)> {
        (
            1..=3_usize,
            1..=3_usize,
            2..=3_usize,
            0..=3_usize,
            0..=3_usize,
            1..=2_usize,
        )
            .prop_flat_map(|(depth, kernels, size, more_h, more_w, samples)| {
                let shape = ImageShape::new(depth, size + more_h, size + more_w);
                (
                    matrix(kernels, depth * size * size),
                    matrix(kernels, 1),
                    matrix(shape.len(), samples),
                )
                    .prop_map(move |(k, b, x)| {
                        (
                            Convolution::new(shape, size, k, b).expect("the shapes fit"),
                            x,
                        )
                    })
            })
    }

    /// A layer, its inputs, and a random `dE/dY` of its output's shape.
    pub fn layer_input_and_gradient()
    -> impl Strategy<Value = (Convolution, Array2<f64>, Array2<f64>)> {
        layer_and_input().prop_flat_map(|(layer, x)| {
            let rows = layer.output_shape().len();
            let samples = x.ncols();
            (Just(layer), Just(x), matrix(rows, samples))
        })
    }

    /// A matrix of 2 to 5 rows and 2 to 6 columns, and a kernel of 1 to
    /// its size in each direction (not always square).
    pub fn image_and_kernel() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
        (2..=5_usize, 2..=6_usize)
            .prop_flat_map(|(h, w)| (Just((h, w)), 1..=h, 1..=w))
            .prop_flat_map(|((h, w), kh, kw)| (matrix(h, w), matrix(kh, kw)))
    }
}

//! The convolutional layer's forward pass, `Y_i = B_i + Σ_j X_j ⋆ K_ij`.

use chapter_09::ndarray::{Array2, array};
use chapter_09::testing::{OrPanic, compare_entries, proptest_config};
use chapter_09::{Convolution, ImageShape, Layer};
use proptest::prelude::*;

use crate::place::{assert_sum, at, case, output};
use crate::strategies::layer_and_input;

/// `Y_i = b_i + Σ_j X_j ⋆ K_ij`, entry by entry, in loops over the
/// flattened columns: entry `c·h·w + r·w + q` is row `r`, column `q` of
/// channel `c`.
pub fn by_loops(layer: &Convolution, x: &Array2<f64>) -> Array2<f64> {
    let (input, out, k) = (layer.input_shape(), layer.output_shape(), layer.size());
    Array2::from_shape_fn((out.len(), x.ncols()), |(row, sample)| {
        let (i, position) = (
            row / (out.height * out.width),
            row % (out.height * out.width),
        );
        let (r, q) = (position / out.width, position % out.width);
        let mut sum = layer.biases()[[i, 0]];
        for j in 0..input.depth {
            for a in 0..k {
                for b in 0..k {
                    let pixel = x[[
                        j * input.height * input.width + (r + a) * input.width + q + b,
                        sample,
                    ]];
                    sum += pixel * layer.kernel(i, j)[[a, b]];
                }
            }
        }
        sum
    })
}

#[test]
fn by_hand_for_two_channels_and_two_kernels() {
    // Two channels of 2 × 3, kernels of 2 × 2: each output channel is 1 × 2.
    let image = ImageShape::new(2, 2, 3);
    let x = array![
        [1.0],
        [2.0],
        [0.5],
        [-1.0],
        [0.0],
        [3.0],
        [2.0],
        [1.0],
        [-1.5],
        [0.5],
        [4.0],
        [1.0]
    ];
    let kernels = array![
        [1.0, 0.0, -1.0, 0.5, 0.25, 2.0, 0.0, -1.0],
        [0.0, 1.5, 1.0, 0.0, -0.5, 0.0, 1.0, 1.0],
    ];
    let biases = array![[0.1], [-0.2]];
    let layer = Convolution::new(image, 2, kernels, biases).or_panic();
    // Channel 0 is [[1, 2, 0.5], [-1, 0, 3]], channel 1 [[2, 1, -1.5], [0.5, 4, 1]];
    // rows 0 and 1 of Y are kernel 0 at positions (0, 0) and (0, 1), rows 2
    // and 3 kernel 1 there.
    let bias = array![[0.1], [0.1], [-0.2], [-0.2]];
    let channel_0 = array![
        [1.0 * 1.0 + 2.0 * 0.0 + -1.0 * -1.0 + 0.0 * 0.5],
        [2.0 * 1.0 + 0.5 * 0.0 + 0.0 * -1.0 + 3.0 * 0.5],
        [1.0 * 0.0 + 2.0 * 1.5 + -1.0 * 1.0 + 0.0 * 0.0],
        [2.0 * 0.0 + 0.5 * 1.5 + 0.0 * 1.0 + 3.0 * 0.0]
    ];
    let channel_1 = array![
        [2.0 * 0.25 + 1.0 * 2.0 + 0.5 * 0.0 + 4.0 * -1.0],
        [1.0 * 0.25 + -1.5 * 2.0 + 4.0 * 0.0 + 1.0 * -1.0],
        [2.0 * -0.5 + 1.0 * 0.0 + 0.5 * 1.0 + 4.0 * 1.0],
        [1.0 * -0.5 + -1.5 * 0.0 + 4.0 * 1.0 + 1.0 * 1.0]
    ];
    let out = layer.output_shape();
    assert_sum(
        "Y (one row per kernel and position, one column per sample)",
        &layer.forward(&x).or_panic(),
        &[
            ("the kernel's bias", bias),
            ("what input channel 0 gives", channel_0),
            ("what input channel 1 gives", channel_1),
        ],
        |row, _| output(out, row),
    );
}

#[test]
fn the_output_has_one_channel_per_kernel_of_h_minus_k_plus_1_by_w_minus_k_plus_1() {
    let layer = Convolution::new(
        ImageShape::new(2, 5, 7),
        3,
        Array2::zeros((4, 18)),
        Array2::zeros((4, 1)),
    )
    .or_panic();
    assert_eq!(layer.output_shape(), ImageShape::new(4, 3, 5));
    let y = layer.forward(&Array2::zeros((70, 3))).or_panic();
    assert_eq!(
        y.dim(),
        (60, 3),
        "4 channels of 3 × 5 for each of 3 samples"
    );
}

#[test]
fn an_image_of_the_wrong_size_names_the_layer_and_the_shape_it_expects() {
    let layer = Convolution::new(
        ImageShape::new(1, 8, 8),
        3,
        Array2::zeros((2, 9)),
        Array2::zeros((2, 1)),
    )
    .or_panic();
    let message = layer
        .forward(&Array2::zeros((63, 2)))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "convolutional layer (2 kernels of 3 × 3 on 1 channel of 8 × 8), forward: input X should have shape \
         (64, m): one row per pixel of 1 channel of 8 × 8 (d · h · w = 64), one column per sample (m ≥ 1), \
         but has shape (63, 2)"
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn forward_is_the_bias_plus_the_sum_over_channels_of_cross_correlations((layer, x) in layer_and_input()) {
        let out = layer.output_shape();
        let result = compare_entries("Y (one row per kernel and position, one column per sample)", &layer.forward(&x).or_panic(), &by_loops(&layer, &x), 1e-12);
        at(result, |row, sample| format!("that is {} in sample {sample}, for a {}", output(out, row), case(&layer, &x)))
            .map_err(TestCaseError::fail)?;
    }

    /// A stroke is a stroke wherever it is: moving the image one pixel to
    /// the right moves every output channel one position to the right.
    #[test]
    fn shifting_the_image_shifts_the_output((layer, x) in layer_and_input()) {
        let (input, out) = (layer.input_shape(), layer.output_shape());
        prop_assume!(out.width >= 2);
        let shifted = Array2::from_shape_fn(x.dim(), |(row, sample)| {
            let q = row % input.width;
            if q == 0 { 0.0 } else { x[[row - 1, sample]] }
        });
        let (y, moved) = (layer.forward(&x).or_panic(), layer.forward(&shifted).or_panic());
        for row in 0..out.len() {
            let q = row % out.width;
            if q >= 1 {
                for sample in 0..x.ncols() {
                    let (before, after) = (y[[row - 1, sample]], moved[[row, sample]]);
                    prop_assert!((before - after).abs() < 1e-12, "output row {row}, sample {sample}: {after}, but one position to the left it was {before}");
                }
            }
        }
    }
}

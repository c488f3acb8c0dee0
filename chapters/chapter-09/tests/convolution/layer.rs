//! Building a convolutional layer: what `new` and `random` refuse, and what
//! the layer shows of itself.

use chapter_09::ndarray::{Array1, Array2};
use chapter_09::{Convolution, ImageShape, Layer, Parameters, seeded_rng};

fn new(input: ImageShape, size: usize, kernels: (usize, usize), biases: (usize, usize)) -> String {
    Convolution::new(input, size, Array2::zeros(kernels), Array2::zeros(biases))
        .unwrap_err()
        .to_string()
}

#[test]
fn a_kernel_larger_than_the_image_is_refused() {
    let message = new(ImageShape::new(1, 4, 6), 5, (2, 25), (2, 1));
    assert!(
        message.starts_with("convolutional layer, new: kernel (k × k) should have shape at least 1 × 1 and at most 4 × 4"),
        "{message}"
    );
    assert!(message.ends_with("but has shape (5, 5)"), "{message}");
    assert!(new(ImageShape::new(1, 4, 6), 0, (2, 0), (2, 1)).contains("at least 1 × 1"));
}

#[test]
fn one_channel_has_one_matrix_per_kernel() {
    let message = new(ImageShape::new(1, 5, 5), 3, (2, 8), (2, 1));
    assert!(
        message.contains("holding its 1 matrix of 3 × 3"),
        "{message}"
    );
}

#[test]
fn zero_kernels_are_refused() {
    let message = new(ImageShape::new(2, 5, 5), 3, (0, 18), (0, 1));
    assert_eq!(
        message,
        "convolutional layer, new: kernels K should have shape (n_k, 18) with n_k ≥ 1: one row per kernel, \
         holding its 2 matrices of 3 × 3, but has shape (0, 18)"
    );
}

#[test]
fn kernels_or_biases_of_the_wrong_shape_are_refused() {
    assert!(
        new(ImageShape::new(2, 5, 5), 3, (4, 9), (4, 1))
            .contains("kernels K should have shape (n_k, 18)")
    );
    assert!(
        new(ImageShape::new(2, 5, 5), 3, (4, 18), (1, 4)).contains(
            "biases B should have shape (4, 1): one bias per kernel, but has shape (1, 4)"
        )
    );
    assert!(new(ImageShape::new(0, 5, 5), 3, (4, 0), (4, 1)).contains("input image"));
}

#[test]
fn its_parameters_are_the_kernels_then_the_biases() {
    let mut layer = Convolution::random(ImageShape::new(2, 6, 7), 3, 3, &mut seeded_rng(4));
    let shapes: Vec<(usize, usize)> = layer
        .parameters()
        .iter()
        .map(|p| (p.nrows(), p.ncols()))
        .collect();
    assert_eq!(
        shapes,
        [(3, 18), (3, 1)],
        "K is (n_k, d·k·k), B is (n_k, 1)"
    );
    layer.parameters_mut()[1][[2, 0]] = 7.5;
    assert_eq!(
        layer.biases()[[2, 0]],
        7.5,
        "parameters_mut changes the layer's own biases"
    );
    assert_eq!(
        layer.kernel(1, 1)[[0, 2]],
        layer.kernels()[[1, 9 + 2]],
        "K_11 is the second 3 × 3 block of row 1"
    );
    assert_eq!(
        layer.name(),
        "convolutional layer (3 kernels of 3 × 3 on 2 channels of 6 × 7)"
    );
}

#[test]
fn random_kernels_have_the_variance_of_one_over_the_fan_in() {
    let layer = Convolution::random(ImageShape::new(3, 10, 10), 40, 3, &mut seeded_rng(2));
    let values = layer.kernels();
    let variance = values.mapv(|v| v * v).sum() / values.len() as f64;
    assert!(
        (variance - 1.0 / 27.0).abs() < 0.2 / 27.0,
        "the kernels' variance is {variance:.5}, not about 1/27 = {:.5}",
        1.0 / 27.0
    );
}

#[test]
#[should_panic(expected = "got 0 kernels of 3 × 3")]
fn random_with_no_kernels_panics() {
    let _ = Convolution::random(ImageShape::new(1, 8, 8), 0, 3, &mut seeded_rng(0));
}

/// `kernel(i, j)` with the kernel and the channel swapped, in a layer of
/// more channels than kernels: a panic in words at the caller's line, not
/// ndarray's "`collapse_axis`: Index 2 must be less than axis length 2".
#[test]
#[should_panic(
    expected = "there is no block (i, j) = (2, 0) in a matrix of kernels of shape (2, 27): i is the \
                kernel (one per row, 2 of them), j the input channel (3 of them, a 3 × 3 block \
                each in the row)"
)]
fn a_kernel_that_is_not_there_is_named_with_the_counts() {
    let layer = Convolution::random(ImageShape::new(3, 5, 5), 2, 3, &mut seeded_rng(1));
    let _ = layer.kernel(2, 0);
}

#[test]
#[should_panic(
    expected = "there is no block (i, j) = (0, 3) in a matrix of kernels of shape (2, 27)"
)]
fn a_channel_past_the_last_is_no_kernel_block_either() {
    let layer = Convolution::random(ImageShape::new(3, 5, 5), 2, 3, &mut seeded_rng(1));
    let _ = layer.kernel(0, 3);
}

#[test]
#[should_panic(expected = "there is no channel 2 in an image of 2 channels of 3 × 4")]
fn a_channel_that_is_not_there_is_named() {
    let _ = ImageShape::new(2, 3, 4).channel(&Array1::zeros(24), 2);
}

/// The output's column where the input's belongs (or the other way round).
#[test]
#[should_panic(
    expected = "channel 0 of an image of 1 channel of 4 × 4 was asked for, but the image given \
                has 9 entries, not d · h · w = 16"
)]
fn a_channel_of_an_image_of_the_wrong_size_is_refused() {
    let mut image = Array1::zeros(9);
    let _ = ImageShape::new(1, 4, 4).channel_mut(&mut image, 0);
}

#[test]
fn an_input_with_no_samples_is_refused() {
    let layer = Convolution::random(ImageShape::new(1, 4, 4), 2, 2, &mut seeded_rng(1));
    let error = layer.forward(&Array2::zeros((16, 0))).unwrap_err();
    assert_eq!(error.found, (16, 0), "{error}");
    assert!(
        error.to_string().contains("one column per sample (m ≥ 1)"),
        "{error}"
    );
}

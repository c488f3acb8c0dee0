//! The convolutional layer's backward pass: `dE/dK_ij = X_j ⋆ G_i`,
//! `dE/db_i = Σ G_i`, `dE/dX_j = Σ_i G_i ∗ K_ij`, each against finite
//! differences.

use chapter_09::ndarray::{Array2, array};
use chapter_09::testing::{OrPanic, assert_entries, compare_entries, proptest_config};
use chapter_09::{
    Backward, Convolution, ImageShape, Layer, compare_gradients, convolve_full, cross_correlate,
    numerical_gradient,
};
use proptest::prelude::*;

use crate::place::{assert_at, assert_sum, assert_whole, at, case, kernel_entry, pixel};
use crate::strategies::layer_input_and_gradient;

/// `E = Σ G ⊙ Y`: its `dE/dY` is `G`.
fn error(layer: &Convolution, x: &Array2<f64>, g: &Array2<f64>) -> f64 {
    (layer.forward(x).or_panic() * g).sum()
}

#[test]
fn by_hand_for_one_channel_one_kernel() {
    let layer = Convolution::new(
        ImageShape::new(1, 3, 3),
        2,
        array![[1.0, -1.0, 0.5, 2.0]],
        array![[0.0]],
    )
    .or_panic();
    let x = array![
        [1.0],
        [2.0],
        [0.0],
        [-1.0],
        [3.0],
        [1.0],
        [2.0],
        [0.5],
        [-2.0]
    ];
    let g = array![[0.5], [-1.0], [2.0], [1.0]];
    let gradients = layer.backward(&x, &g).or_panic();
    // dE/dK = X ⋆ G, with G the 2 × 2 map [[0.5, -1], [2, 1]].
    let image = array![[1.0, 2.0, 0.0], [-1.0, 3.0, 1.0], [2.0, 0.5, -2.0]];
    let map = array![[0.5, -1.0], [2.0, 1.0]];
    let dk = cross_correlate(&image.view(), &map.view());
    assert_entries(
        "dE/dK (one row per kernel)",
        &gradients.parameters[0],
        &dk.into_shape_with_order((1, 4)).unwrap(),
        1e-12,
    );
    assert_entries(
        "dE/dB (one row per kernel)",
        &gradients.parameters[1],
        &array![[2.5]],
        1e-12,
    );
    // dE/dX: each g_pq times the kernel, placed at (p, q).
    let (g00, g01, g10, g11) = (0.5, -1.0, 2.0, 1.0);
    let (k00, k01, k10, k11) = (1.0, -1.0, 0.5, 2.0);
    let dx = array![
        [g00 * k00, g00 * k01 + g01 * k00, g01 * k01],
        [
            g00 * k10 + g10 * k00,
            g00 * k11 + g01 * k10 + g10 * k01 + g11 * k00,
            g01 * k11 + g11 * k01
        ],
        [g10 * k10, g10 * k11 + g11 * k10, g11 * k11],
    ];
    let dx = Array2::from_shape_vec((9, 1), dx.iter().copied().collect()).unwrap();
    let result = compare_entries(
        "dE/dX (one row per pixel, one column per sample)",
        &gradients.input,
        &dx,
        1e-12,
    );
    let result = at(result, |row, _| {
        format!(
            "that is {} of the 3 × 3 image",
            pixel(layer.input_shape(), row)
        )
    });
    // Shown as the 3 × 3 image it is the gradient of.
    let image = |column: &Array2<f64>| {
        column
            .clone()
            .into_shape_with_order((3, 3))
            .unwrap_or_else(|_| column.clone())
    };
    assert_whole(result, &gradients.input, &dx, image);
}

/// Each sample's images, row after row and channel after channel, as the
/// columns of one array.
fn columns(samples: &[Vec<Array2<f64>>]) -> Array2<f64> {
    let flat: Vec<Vec<f64>> = samples
        .iter()
        .map(|channels| channels.iter().flat_map(|c| c.iter().copied()).collect())
        .collect();
    Array2::from_shape_fn((flat[0].len(), flat.len()), |(row, s)| flat[s][row])
}

/// The error adds up over the samples, so each parameter's gradient is
/// the sum of what each sample gives; `dE/dX` has a column per sample.
#[test]
fn the_parameter_gradients_add_up_over_the_samples() {
    let layer = Convolution::new(
        ImageShape::new(1, 3, 4),
        2,
        array![[0.5, -1.0, 2.0, 0.25]],
        array![[0.3]],
    )
    .or_panic();
    let images = [
        array![
            [1.0, 2.0, -0.5, 3.0],
            [0.5, -2.0, 1.5, 0.0],
            [2.5, 1.0, -1.5, 0.75]
        ],
        array![
            [-1.5, 0.25, 2.0, 1.0],
            [3.0, 0.5, -0.75, 2.0],
            [-2.0, 1.25, 0.5, -1.0]
        ],
    ];
    let maps = [
        array![[0.5, -1.5, 2.0], [1.0, 0.25, -0.5]],
        array![[-0.75, 1.0, 0.5], [2.0, -1.25, 0.3]],
    ];
    let x = columns(&[vec![images[0].clone()], vec![images[1].clone()]]);
    let g = columns(&[vec![maps[0].clone()], vec![maps[1].clone()]]);
    let gradients = layer.backward(&x, &g).or_panic();
    let dk = |s: usize| {
        cross_correlate(&images[s].view(), &maps[s].view())
            .into_shape_with_order((1, 4))
            .unwrap()
    };
    assert_sum(
        "dE/dK of 2 samples (one row per kernel)",
        &gradients.parameters[0],
        &[
            ("what sample 0 gives", dk(0)),
            ("what sample 1 gives", dk(1)),
        ],
        |_, column| kernel_entry(&layer, 0, column),
    );
    assert_sum(
        "dE/dB of 2 samples (one row per kernel)",
        &gradients.parameters[1],
        &[
            ("what sample 0 gives", array![[maps[0].sum()]]),
            ("what sample 1 gives", array![[maps[1].sum()]]),
        ],
        |_, _| "the bias of kernel 0".to_string(),
    );
}

/// Two channels and two kernels: block `(i, j)` of `dE/dK` pairs input
/// channel `j` with kernel `i`'s map only, and each channel of `dE/dX` gets
/// something back from every kernel.
#[test]
fn each_block_of_dk_is_one_kernel_and_channel_and_dx_adds_up_over_the_kernels() {
    let layer = Convolution::new(
        ImageShape::new(2, 3, 3),
        2,
        array![
            [1.0, -0.5, 0.25, 2.0, -1.5, 0.5, 3.0, 0.75],
            [0.5, 2.5, -1.0, 0.2, 1.25, -2.0, 0.4, 1.5],
        ],
        array![[0.1], [-0.3]],
    )
    .or_panic();
    let channels = vec![
        array![[1.0, 2.0, -0.5], [0.5, -2.0, 1.5], [2.5, 1.0, -1.5]],
        array![[-1.5, 0.25, 2.0], [3.0, 0.5, -0.75], [-2.0, 1.25, 0.5]],
    ];
    let maps = vec![
        array![[0.5, -1.5], [1.0, 0.25]],
        array![[-0.75, 1.0], [2.0, -1.25]],
    ];
    let x = columns(std::slice::from_ref(&channels));
    let g = columns(std::slice::from_ref(&maps));
    let gradients = layer.backward(&x, &g).or_panic();
    let dk = Array2::from_shape_fn((2, 8), |(i, column)| {
        let j = column / 4;
        cross_correlate(&channels[j].view(), &maps[i].view())[[column % 4 / 2, column % 2]]
    });
    assert_at(
        compare_entries(
            "dE/dK (one row per kernel)",
            &gradients.parameters[0],
            &dk,
            1e-12,
        ),
        |i, column| format!("that is {}", kernel_entry(&layer, i, column)),
    );
    let sent_back = |i: usize| {
        let back: Vec<Array2<f64>> = (0..2)
            .map(|j| convolve_full(&maps[i].view(), &layer.kernel(i, j)))
            .collect();
        columns(&[back])
    };
    assert_sum(
        "dE/dX of 2 channels, 2 kernels (one row per pixel, one column per sample)",
        &gradients.input,
        &[
            ("what kernel 0 sends back", sent_back(0)),
            ("what kernel 1 sends back", sent_back(1)),
        ],
        |row, _| pixel(layer.input_shape(), row),
    );
}

#[test]
fn a_gradient_of_the_wrong_shape_is_refused_with_the_shape_of_y() {
    let layer = Convolution::new(
        ImageShape::new(1, 4, 5),
        2,
        Array2::zeros((3, 4)),
        Array2::zeros((3, 1)),
    )
    .or_panic();
    let error = layer
        .backward(&Array2::zeros((20, 2)), &Array2::zeros((36, 1)))
        .unwrap_err();
    assert!(
        error.to_string().starts_with("convolutional layer (3 kernels of 2 × 2 on 1 channel of 4 × 5), backward: output gradient dE/dY should have shape (36, 2)"),
        "{error}"
    );
}

/// The source's choice, one bias per output position: `Y_i = B_i + Σ_j X_j ⋆ K_ij`
/// with `B_i` a whole `(h - k + 1) × (w - k + 1)` matrix has
/// `dE/dB_i = dE/dY_i`, the gradient map itself. One bias per kernel is
/// that matrix with every entry the same, so its gradient is the map's sum.
#[test]
fn one_bias_per_position_would_get_the_gradient_map_itself_and_one_per_kernel_its_sum() {
    let image = array![
        [0.5, 1.0, -1.0, 2.0],
        [1.5, 0.0, 0.5, -0.5],
        [2.0, -1.0, 1.0, 0.0]
    ];
    let kernel = array![[1.0, -0.5], [0.25, 2.0]];
    let g = array![[0.3, -1.2, 0.8], [1.1, 0.4, -0.7]];
    let per_position = Array2::from_elem((2, 3), 0.2);
    let numerical = numerical_gradient(&per_position, 1e-6, |b| {
        ((cross_correlate(&image.view(), &kernel.view()) + b) * &g).sum()
    });
    compare_gradients("dE/dB for one bias per position", &g, &numerical, 1e-6).or_panic();
    let layer = Convolution::new(
        ImageShape::new(1, 3, 4),
        2,
        array![[1.0, -0.5, 0.25, 2.0]],
        array![[0.2]],
    )
    .or_panic();
    let x = Array2::from_shape_vec((12, 1), image.iter().copied().collect()).unwrap();
    let gradients = layer
        .backward(
            &x,
            &Array2::from_shape_vec((6, 1), g.iter().copied().collect()).unwrap(),
        )
        .or_panic();
    assert_entries(
        "dE/dB for one bias per kernel",
        &gradients.parameters[1],
        &array![[g.sum()]],
        1e-12,
    );
}

proptest! {
    // Each case runs the plain forward pass twice per number it nudges:
    // 64 cases keep these three properties at about a second in debug.
    #![proptest_config(ProptestConfig { cases: 64, ..proptest_config() })]

    #[test]
    fn kernel_gradient_matches_finite_differences((layer, x, g) in layer_input_and_gradient()) {
        let computed = layer.backward(&x, &g).or_panic().parameters[0].clone();
        let numerical = numerical_gradient(layer.kernels(), 1e-6, |k| {
            let changed = Convolution::new(layer.input_shape(), layer.size(), k.clone(), layer.biases().clone()).or_panic();
            error(&changed, &x, &g)
        });
        let result = compare_gradients("dE/dK (one row per kernel)", &computed, &numerical, 1e-6);
        at(result, |i, column| format!("that is {}, for a {}", kernel_entry(&layer, i, column), case(&layer, &x)))
            .map_err(TestCaseError::fail)?;
    }

    #[test]
    fn bias_gradient_matches_finite_differences((layer, x, g) in layer_input_and_gradient()) {
        let computed = layer.backward(&x, &g).or_panic().parameters[1].clone();
        let numerical = numerical_gradient(layer.biases(), 1e-6, |b| {
            let changed = Convolution::new(layer.input_shape(), layer.size(), layer.kernels().clone(), b.clone()).or_panic();
            error(&changed, &x, &g)
        });
        let result = compare_gradients("dE/dB (one row per kernel)", &computed, &numerical, 1e-6);
        at(result, |i, _| format!("that is the bias of kernel {i}, for a {}", case(&layer, &x)))
            .map_err(TestCaseError::fail)?;
    }

    #[test]
    fn input_gradient_matches_finite_differences((layer, x, g) in layer_input_and_gradient()) {
        let computed = layer.backward(&x, &g).or_panic().input;
        let numerical = numerical_gradient(&x, 1e-6, |x| error(&layer, x, &g));
        let result = compare_gradients("dE/dX (one row per pixel, one column per sample)", &computed, &numerical, 1e-6);
        at(result, |row, sample| format!("that is {} in sample {sample}, for a {}", pixel(layer.input_shape(), row), case(&layer, &x)))
            .map_err(TestCaseError::fail)?;
    }
}

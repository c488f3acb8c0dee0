//! The fast form: `Im2col` computes the same numbers as the plain layer
//! with one matrix product per batch.

use chapter_09::ndarray::array;
use chapter_09::testing::{OrPanic, assert_entries, compare_entries, proptest_config};
use chapter_09::{Backward, Im2col, ImageShape, Layer, Parameters, patches};
use proptest::prelude::*;

use crate::strategies::layer_input_and_gradient;

#[test]
fn the_patches_of_a_3_by_3_image_for_a_2_by_2_kernel() {
    let x = array![
        [1.0],
        [2.0],
        [3.0],
        [4.0],
        [5.0],
        [6.0],
        [7.0],
        [8.0],
        [9.0]
    ];
    // Four positions; each column is the 2 × 2 block there, row after row.
    let expected = array![
        [1.0, 2.0, 4.0, 5.0],
        [2.0, 3.0, 5.0, 6.0],
        [4.0, 5.0, 7.0, 8.0],
        [5.0, 6.0, 8.0, 9.0],
    ];
    assert_entries(
        "the patch matrix P (one column per position)",
        &patches(ImageShape::new(1, 3, 3), 2, &x),
        &expected,
        0.0,
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn im2col_computes_what_the_plain_layer_computes((layer, x, g) in layer_input_and_gradient()) {
        let fast = Im2col(layer.clone());
        compare_entries("Y as im2col", &fast.forward(&x).or_panic(), &layer.forward(&x).or_panic(), 1e-12)
            .map_err(TestCaseError::fail)?;
        let (plain, quick) = (layer.backward(&x, &g).or_panic(), fast.backward(&x, &g).or_panic());
        compare_entries("dE/dX as im2col", &quick.input, &plain.input, 1e-12).map_err(TestCaseError::fail)?;
        for (index, name) in ["dE/dK as im2col", "dE/dB as im2col"].iter().enumerate() {
            compare_entries(name, &quick.parameters[index], &plain.parameters[index], 1e-12).map_err(TestCaseError::fail)?;
        }
        prop_assert_eq!(fast.parameters(), layer.parameters());
    }
}

#[test]
fn im2col_names_itself_and_refuses_what_the_plain_layer_refuses() {
    let layer = chapter_09::Convolution::new(
        ImageShape::new(1, 4, 4),
        2,
        array![[1.0, 0.5, -1.0, 2.0]],
        array![[0.0]],
    )
    .or_panic();
    let fast = Im2col(layer);
    let error = fast
        .forward(&chapter_09::ndarray::Array2::zeros((15, 1)))
        .unwrap_err();
    assert!(error.to_string().starts_with("convolutional layer (1 kernel of 2 × 2 on 1 channel of 4 × 4), as im2col, forward: input X"), "{error}");
    let error = fast
        .backward(
            &chapter_09::ndarray::Array2::zeros((16, 1)),
            &chapter_09::ndarray::Array2::zeros((9, 2)),
        )
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("output gradient dE/dY should have shape (9, 1)"),
        "{error}"
    );
}

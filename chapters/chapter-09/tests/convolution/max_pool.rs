//! The extension, `MaxPool`: the largest entry of each block forward, and
//! the block's gradient to that entry backward.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use chapter_09::ndarray::{Array2, array};
use chapter_09::testing::{OrPanic, assert_entries, compare_entries, matrix, proptest_config};
use chapter_09::{Backward, ImageShape, Layer, MaxPool, compare_gradients, numerical_gradient};
use proptest::prelude::*;

use crate::place::{assert_whole, at, matrix as matrix_text, pixel};

/// One channel of 4 × 4, as a column.
fn column(rows: [[f64; 4]; 4]) -> Array2<f64> {
    Array2::from_shape_fn((16, 1), |(i, _)| rows[i / 4][i % 4])
}

/// A column of one channel shown as its `side × side` grid (as it is,
/// should it have another number of entries).
fn as_grid(column: &Array2<f64>, side: usize) -> Array2<f64> {
    column
        .clone()
        .into_shape_with_order((side, side))
        .unwrap_or_else(|_| column.clone())
}

/// A 4 × 4 channel whose four blocks have their largest entries in four
/// different places.
fn example() -> (MaxPool, Array2<f64>) {
    let pool = MaxPool::new(ImageShape::new(1, 4, 4), 2).or_panic();
    let x = column([
        [1.0, 3.0, 0.5, -1.0],
        [2.0, -4.0, 0.25, 0.0],
        [-1.0, -2.0, 5.0, 1.0],
        [-3.0, -0.5, 2.0, 6.0],
    ]);
    (pool, x)
}

#[test]
fn forward_by_hand_for_one_channel_of_4_by_4() {
    let (pool, x) = example();
    let (computed, expected) = (
        pool.forward(&x).or_panic(),
        array![[3.0], [0.5], [-0.5], [6.0]],
    );
    let result = compare_entries(
        "the pooled Y (one row per channel and block)",
        &computed,
        &expected,
        0.0,
    );
    let result = at(result, |row, _| {
        let (r, q) = (row / 2, row % 2);
        format!(
            "that is block ({r}, {q}): rows {} and {}, columns {} and {} of the 4 × 4 channel {}",
            2 * r,
            2 * r + 1,
            2 * q,
            2 * q + 1,
            matrix_text(&as_grid(&x, 4))
        )
    });
    assert_whole(result, &computed, &expected, |y| as_grid(y, 2));
}

#[test]
fn backward_by_hand_for_one_channel_of_4_by_4() {
    let (pool, x) = example();
    let g = array![[0.1], [0.2], [0.3], [0.4]];
    let expected = column([
        [0.0, 0.1, 0.2, 0.0],
        [0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0],
        [0.0, 0.3, 0.0, 0.4],
    ]);
    let computed = pool.backward(&x, &g).or_panic().input;
    let result = compare_entries(
        "dE/dX (each block's gradient on its largest entry)",
        &computed,
        &expected,
        0.0,
    );
    let result = at(result, |row, _| {
        format!(
            "that is {} of the 4 × 4 image",
            pixel(ImageShape::new(1, 4, 4), row)
        )
    });
    assert_whole(result, &computed, &expected, |dx| as_grid(dx, 4));
}

#[test]
fn a_block_size_that_does_not_divide_the_image_is_refused() {
    let message = MaxPool::new(ImageShape::new(2, 6, 5), 2)
        .unwrap_err()
        .to_string();
    assert!(message.starts_with("max-pooling layer, new: input image (height, width) should have shape a height and a width that the block size 2 divides"), "{message}");
    assert!(message.ends_with("but has shape (6, 5)"), "{message}");
    let pool = MaxPool::new(ImageShape::new(2, 6, 6), 3).or_panic();
    assert_eq!(pool.output_shape(), ImageShape::new(2, 2, 2));
    let error = pool.forward(&Array2::zeros((36, 1))).unwrap_err();
    assert!(
        error.to_string().contains("should have shape (72, m)"),
        "{error}"
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    /// With random entries (no ties), the gradient of `Σ G ⊙ pool(X)`.
    #[test]
    fn max_pool_gradient_matches_finite_differences(
        (pool, x, g) in (1..=3_usize, 1..=3_usize, 1..=3_usize, 2..=3_usize, 1..=2_usize)
            .prop_flat_map(|(depth, blocks_h, blocks_w, size, samples)| {
                let pool = MaxPool::new(ImageShape::new(depth, blocks_h * size, blocks_w * size), size).expect("size divides");
                let rows = pool.output_shape().len();
                (Just(pool), matrix(depth * blocks_h * blocks_w * size * size, samples), matrix(rows, samples))
            })
    ) {
        let computed = pool.backward(&x, &g).or_panic().input;
        let numerical = numerical_gradient(&x, 1e-6, |x| (pool.forward(x).or_panic() * &g).sum());
        compare_gradients("dE/dX (one row per pixel, one column per sample)", &computed, &numerical, 1e-6).map_err(TestCaseError::fail)?;
    }
}

/// On a tie the gradient goes to the first of the largest entries, row
/// after row, as the layer's documentation says: one entry, not both.
#[test]
fn a_tie_sends_the_gradient_to_the_first_largest_entry() {
    let pool = MaxPool::new(ImageShape::new(1, 2, 2), 2).or_panic();
    let x = array![[2.0], [2.0], [1.0], [2.0]];
    let dx = pool.backward(&x, &array![[0.5]]).or_panic().input;
    assert_entries(
        "dE/dX for the block [[2, 2], [1, 2]] (the first 2 gets it all)",
        &dx,
        &array![[0.5], [0.0], [0.0], [0.0]],
        0.0,
    );
}

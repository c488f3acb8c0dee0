//! `cross_correlate`: the kernel laid on the image at every position where
//! it fits, multiplied entry by entry and added up.

use chapter_09::cross_correlate;
use chapter_09::ndarray::{Array2, array};
use chapter_09::testing::{assert_entries, compare_entries, proptest_config};
use proptest::prelude::*;

use crate::strategies::image_and_kernel;

#[test]
fn by_hand_for_a_3_by_4_image_and_a_2_by_2_kernel() {
    let x = array![
        [1.0, 2.0, 0.5, -1.0],
        [0.0, 3.0, 1.5, 2.0],
        [-2.0, 1.0, 0.0, 4.0]
    ];
    let k = array![[0.5, -1.0], [2.0, 0.25]];
    // Entry (r, q): the 2 × 2 block of X at (r, q) times K, added up.
    let at = |r: usize, q: usize| {
        x[[r, q]] * 0.5 + x[[r, q + 1]] * -1.0 + x[[r + 1, q]] * 2.0 + x[[r + 1, q + 1]] * 0.25
    };
    let expected = Array2::from_shape_fn((2, 3), |(r, q)| at(r, q));
    assert_entries(
        "X ⋆ K (2 × 3: one entry per position the kernel fits)",
        &cross_correlate(&x.view(), &k.view()),
        &expected,
        1e-12,
    );
}

#[test]
fn a_kernel_as_large_as_the_image_gives_one_number() {
    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let k = array![[0.5, -1.5], [2.0, 1.0]];
    assert_entries(
        "X ⋆ K",
        &cross_correlate(&x.view(), &k.view()),
        &array![[0.5 - 3.0 + 6.0 + 4.0]],
        1e-12,
    );
}

#[test]
#[should_panic(expected = "cross-correlation: a kernel of 3 × 2 does not fit in a matrix of 2 × 4")]
fn a_kernel_larger_than_the_image_is_refused() {
    let _ = cross_correlate(&Array2::zeros((2, 4)).view(), &Array2::zeros((3, 2)).view());
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Entry `(r, q)` is `Σ_a Σ_b x_{r+a, q+b} k_{ab}`, summed in loops.
    #[test]
    fn every_entry_is_the_sum_of_products_under_the_kernel((x, k) in image_and_kernel()) {
        let ((h, w), (kh, kw)) = (x.dim(), k.dim());
        let by_loops = Array2::from_shape_fn((h - kh + 1, w - kw + 1), |(r, q)| {
            let mut sum = 0.0;
            for a in 0..kh {
                for b in 0..kw {
                    sum += x[[r + a, q + b]] * k[[a, b]];
                }
            }
            sum
        });
        compare_entries("X ⋆ K", &cross_correlate(&x.view(), &k.view()), &by_loops, 1e-12)
            .map_err(TestCaseError::fail)?;
    }
}

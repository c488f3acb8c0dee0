//! `convolve_full`: every entry of `G` meets every entry of `K` once; the
//! full convolution is what carries a gradient back through `⋆`.

use chapter_09::ndarray::{Array2, array};
use chapter_09::testing::{compare_entries, matrix, proptest_config};
use chapter_09::{convolve_full, cross_correlate};
use proptest::prelude::*;

use crate::place::assert_whole;
use crate::strategies::image_and_kernel;

#[test]
fn by_hand_for_a_2_by_2_gradient_and_kernel() {
    let g = array![[1.0, 2.0], [3.0, -1.0]];
    let k = array![[0.5, -2.0], [1.5, 4.0]];
    // Entry (r, q) adds g_{pq'} k_{ab} over every p + a = r, q' + b = q.
    let expected = array![
        [1.0 * 0.5, 1.0 * -2.0 + 2.0 * 0.5, 2.0 * -2.0],
        [
            1.0 * 1.5 + 3.0 * 0.5,
            1.0 * 4.0 + 2.0 * 1.5 + 3.0 * -2.0 + -1.0 * 0.5,
            2.0 * 4.0 + -1.0 * -2.0
        ],
        [3.0 * 1.5, 3.0 * 4.0 + -1.0 * 1.5, -1.0 * 4.0],
    ];
    let computed = convolve_full(&g.view(), &k.view());
    let result = compare_entries(
        "G ∗ K of G = [[1, 2], [3, -1]] and K = [[0.5, -2], [1.5, 4]] (3 × 3)",
        &computed,
        &expected,
        1e-12,
    );
    assert_whole(result, &computed, &expected, Clone::clone);
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Each entry `g_pq` adds `g_pq K` onto the block of the result at
    /// `(p, q)`: the full convolution, written as that sum.
    #[test]
    fn it_adds_each_entry_times_the_kernel_at_its_place((g, k) in image_and_kernel()) {
        let ((gh, gw), (kh, kw)) = (g.dim(), k.dim());
        let mut by_loops = Array2::zeros((gh + kh - 1, gw + kw - 1));
        for ((p, q), &value) in g.indexed_iter() {
            for ((a, b), &weight) in k.indexed_iter() {
                by_loops[[p + a, q + b]] += value * weight;
            }
        }
        compare_entries("G ∗ K", &convolve_full(&g.view(), &k.view()), &by_loops, 1e-12)
            .map_err(TestCaseError::fail)?;
    }

    /// What makes it the way back through `⋆`: for any `X` and `G`,
    /// `Σ (X ⋆ K) ⊙ G = Σ X ⊙ (G ∗ K)`.
    #[test]
    fn it_is_the_way_back_through_cross_correlation(
        (x, k, g) in image_and_kernel().prop_flat_map(|(x, k)| {
            let (h, w) = (x.nrows() - k.nrows() + 1, x.ncols() - k.ncols() + 1);
            (Just(x), Just(k), matrix(h, w))
        })
    ) {
        let forward = (cross_correlate(&x.view(), &k.view()) * &g).sum();
        let back = (&x * &convolve_full(&g.view(), &k.view())).sum();
        prop_assert!((forward - back).abs() < 1e-9, "Σ (X ⋆ K) ⊙ G is {forward:.9}, but Σ X ⊙ (G ∗ K) is {back:.9}");
    }
}

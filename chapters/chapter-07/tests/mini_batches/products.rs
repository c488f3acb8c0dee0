//! `matrix_product`, the fast form's `C ← s A B + β C` through the `gemm`
//! crate: the numbers of ndarray's `general_mat_mul` for any shapes, plain
//! or transposed views and views cut out of larger matrices, and a clear
//! error for shapes that do not fit.

use chapter_07::matrix_product;
use chapter_07::ndarray::linalg::general_mat_mul;
use chapter_07::ndarray::{Array2, ShapeBuilder, array, s};
use chapter_07::testing::{assert_entries, matrix, proptest_config};
use proptest::prelude::*;

/// `(n, k, m)` from 1 to 7 each, and `A`, `B`, `C` of those shapes.
fn case() -> impl Strategy<Value = (Array2<f64>, Array2<f64>, Array2<f64>)> {
    (1..8_usize, 1..8_usize, 1..8_usize)
        .prop_flat_map(|(n, k, m)| (matrix(n, k), matrix(k, m), matrix(n, m)))
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Plain views, with β = 0 and with β = 1, and s = -0.3.
    #[test]
    fn matrix_product_computes_general_mat_mul((a, b, c) in case(), beta in prop::sample::select(vec![0.0, 1.0, 0.6])) {
        let mut expected = c.clone();
        general_mat_mul(-0.3, &a, &b, beta, &mut expected);
        let mut computed = c.clone();
        matrix_product(-0.3, a.view(), b.view(), beta, computed.view_mut()).unwrap();
        assert_entries("C ← s A B + β C", &computed, &expected, 1e-12);
    }

    /// Transposed views (a column-major A, a transposed B) and C in the
    /// first columns of a larger column-major buffer, as the fast form uses
    /// them.
    #[test]
    fn matrix_product_reads_transposed_and_cut_out_views((a, b, c) in case()) {
        let a_t = a.t().to_owned();
        let mut buffer = Array2::from_elem((c.nrows(), c.ncols() + 3).f(), 7.0);
        buffer.slice_mut(s![.., ..c.ncols()]).assign(&c);
        let b_t = b.t().as_standard_layout().to_owned();
        matrix_product(0.7, a_t.t(), b_t.t(), 1.0, buffer.slice_mut(s![.., ..c.ncols()])).unwrap();
        let mut expected = c.clone();
        general_mat_mul(0.7, &a, &b, 1.0, &mut expected);
        assert_entries("C, the first columns of the buffer", &buffer.slice(s![.., ..c.ncols()]), &expected, 1e-12);
        assert_entries("the buffer's other columns, untouched", &buffer.slice(s![.., c.ncols()..]), &Array2::from_elem((c.nrows(), 3), 7.0), 0.0);
    }
}

#[test]
fn with_beta_0_what_c_held_is_not_read() {
    let (a, b) = (array![[1.5, -2.0], [0.5, 3.0]], array![[2.0], [-1.0]]);
    let mut c = array![[f64::NAN], [f64::INFINITY]];
    matrix_product(2.0, a.view(), b.view(), 0.0, c.view_mut()).unwrap();
    assert_entries("C = 2 A B", &c, &array![[10.0], [-4.0]], 0.0);
}

#[test]
fn shapes_that_do_not_fit_are_named() {
    let a = Array2::<f64>::zeros((3, 4));
    let mut c = Array2::<f64>::zeros((3, 2));
    let error = matrix_product(
        1.0,
        a.view(),
        Array2::zeros((5, 2)).view(),
        1.0,
        c.view_mut(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "matrix product C ← s A B + β C: B should have shape (4, m): one row per column of A, \
         but has shape (5, 2)"
    );
    let error = matrix_product(
        1.0,
        a.view(),
        Array2::zeros((4, 2)).view(),
        1.0,
        Array2::zeros((2, 3)).view_mut(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "matrix product C ← s A B + β C: C should have shape (3, 2): the rows of A and the \
         columns of B, but has shape (2, 3)"
    );
    assert!(
        matrix_product(
            1.0,
            a.view(),
            Array2::zeros((4, 2)).view(),
            1.0,
            c.view_mut()
        )
        .is_ok(),
        "shapes that fit are taken"
    );
}

//! Matrix products for the fast form: `C ← s A B + β C`, the call of
//! ndarray's `general_mat_mul`, computed by the `gemm` crate, which picks
//! its kernel for the processor when the program runs (8 `f64` at a time
//! with AVX-512, 4 with AVX2), where ndarray's matrixmultiply has no
//! kernel wider than AVX2's. The chapter's benchmark compares both on the
//! network's shapes (`cargo bench -p chapter-07 -- products`).

// A view is a pointer and a shape, as cheap to copy as a reference: taking
// views by value is ndarray's own style.
#![allow(clippy::needless_pass_by_value)]

use chapter_06::ShapeError;
use chapter_06::ndarray::{ArrayView2, ArrayViewMut2};

// ANCHOR: matrix_product
/// `C ← s A B + β C`, with `A` of shape `(n, k)`, `B` of shape `(k, m)`
/// and `C` of shape `(n, m)`: the same numbers as ndarray's
/// `general_mat_mul(s, &a, &b, β, &mut c)`, up to the order of the
/// additions. With `β = 0`, what `C` held is not read (a NaN there does
/// not spread).
///
/// Any views will do, transposed (`a.t()`) or cut out of larger matrices:
/// `gemm` reads each through its strides, the distance in memory from one
/// row, and from one column, to the next.
pub fn matrix_product(
    s: f64,
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    beta: f64,
    mut c: ArrayViewMut2<'_, f64>,
) -> Result<(), ShapeError> {
    let ((n, k), (rows, m)) = (a.dim(), b.dim());
    if rows != k {
        return Err(ShapeError::new(
            "matrix product C ← s A B + β C",
            "B",
            format!("({k}, m): one row per column of A"),
            b.dim(),
        ));
    }
    if c.dim() != (n, m) {
        return Err(ShapeError::new(
            "matrix product C ← s A B + β C",
            "C",
            format!("({n}, {m}): the rows of A and the columns of B"),
            c.dim(),
        ));
    }
    let (a_strides, b_strides) = (a.strides(), b.strides());
    let (c_row, c_column) = (c.strides()[0], c.strides()[1]);
    // gemm computes dst ← α dst + β lhs rhs: its α is our β, its β our s,
    // and `read_dst` false makes it write dst without reading it.
    //
    // SAFETY: each pointer, with its view's shape and strides, is the
    // memory of a live ndarray view, which is exactly what gemm reads (A,
    // B) and writes (C), entry (i, j) at i · row stride + j · column stride.
    // C is borrowed mutably and A and B shared, so C cannot overlap them.
    #[allow(unsafe_code)]
    unsafe {
        gemm::gemm(
            n,
            m,
            k,
            c.as_mut_ptr(),
            c_column,
            c_row,
            beta != 0.0,
            a.as_ptr(),
            a_strides[1],
            a_strides[0],
            b.as_ptr(),
            b_strides[1],
            b_strides[0],
            beta,
            s,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
    Ok(())
}
// ANCHOR_END: matrix_product

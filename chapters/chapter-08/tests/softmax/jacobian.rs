//! `Softmax::jacobian`: `J = diag(y) - y yᵀ`, by hand and against finite
//! differences of softmax itself.

use chapter_08::Softmax;
use chapter_08::ndarray::{Array2, array};
use chapter_08::testing::{OrPanic, compare_entries, proptest_config};
use chapter_08::{compare_gradients, numerical_gradient};
use proptest::prelude::*;

use crate::strategies::logits;

#[test]
fn by_hand_for_three_classes() {
    let y = array![0.2, 0.5, 0.3];
    // Entry (i, j) is y_i (δ_ij - y_j).
    let expected = array![
        [0.2 * 0.8, -0.2 * 0.5, -0.2 * 0.3],
        [-0.5 * 0.2, 0.5 * 0.5, -0.5 * 0.3],
        [-0.3 * 0.2, -0.3 * 0.5, 0.3 * 0.7],
    ];
    let j = Softmax::jacobian(&y.view());
    // The whole matrix too: a wrong J is often wrong in a pattern (every
    // entry off by one number, rows and columns swapped).
    if let Err(message) = compare_entries("J for y = (0.2, 0.5, 0.3)", &j, &expected, 1e-15) {
        panic!("{message}\nJ is\n{j:.3}\nexpected\n{expected:.3}");
    }
}

#[test]
fn it_is_square_with_a_row_and_a_column_per_class() {
    let y = array![0.1, 0.15, 0.3, 0.45];
    let j = Softmax::jacobian(&y.view());
    assert_eq!(
        j.dim(),
        (4, 4),
        "J of 4 probabilities should be 4 × 4, one row and one column per class"
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Row `i` of `J` is the gradient of `y_i` with respect to the logits.
    #[test]
    fn jacobian_matches_finite_differences_of_softmax(x in (2..=6_usize).prop_flat_map(|rows| logits(rows, 1))) {
        let y = Softmax::probabilities(&x).or_panic();
        let j = Softmax::jacobian(&y.column(0));
        for i in 0..x.nrows() {
            let numerical = numerical_gradient(&x, 1e-6, |x| Softmax::probabilities(x).or_panic()[[i, 0]]);
            let row = j.row(i).to_owned().insert_axis(chapter_08::ndarray::Axis(1));
            compare_gradients(&format!("row {i} of J (∂y_{i}/∂x_j, as a column over j)"), &row, &numerical, 1e-6)
                .map_err(TestCaseError::fail)?;
        }
    }

    /// Nudging every logit of a column by the same amount changes no
    /// probability, so every row of `J` adds up to 0.
    #[test]
    fn every_row_adds_up_to_0(x in (2..=6_usize).prop_flat_map(|rows| logits(rows, 1))) {
        let y = Softmax::probabilities(&x).or_panic();
        let j: Array2<f64> = Softmax::jacobian(&y.column(0));
        for (i, row) in j.rows().into_iter().enumerate() {
            let sum = row.sum();
            prop_assert!(sum.abs() < 1e-12, "row {i} of J adds up to {sum}, not 0");
        }
    }
}

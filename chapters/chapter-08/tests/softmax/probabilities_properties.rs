//! `Softmax::probabilities` over random logits: a distribution per
//! column, unchanged by a shift, and the formula's value wherever the
//! formula does not overflow.

use chapter_08::Softmax;
use chapter_08::ndarray::Axis;
use chapter_08::testing::{OrPanic, compare_entries, proptest_config};
use proptest::prelude::*;

use crate::strategies::{logits, shape};

proptest! {
    #![proptest_config(proptest_config())]

    /// Every entry is a probability and every column adds up to 1.
    #[test]
    fn every_column_is_a_probability_distribution(x in shape().prop_flat_map(|(r, c)| logits(r, c))) {
        let y = Softmax::probabilities(&x).or_panic();
        prop_assert_eq!(y.dim(), x.dim(), "softmax keeps the shape of X");
        for (k, column) in y.axis_iter(Axis(1)).enumerate() {
            prop_assert!(column.iter().all(|&p| p > 0.0 && p < 1.0), "sample {k}: {column} has an entry outside (0, 1)");
            let sum = column.sum();
            prop_assert!((sum - 1.0).abs() < 1e-12, "sample {k}'s probabilities add up to {sum}, not 1");
        }
    }

    /// Where `e^x` is comfortably finite, subtracting the maximum changes
    /// nothing: the same numbers as the formula as written.
    #[test]
    fn it_is_the_formula_as_written_where_that_does_not_overflow(x in shape().prop_flat_map(|(r, c)| logits(r, c))) {
        compare_entries("softmax(X)", &Softmax::probabilities(&x).or_panic(), &Softmax::naive(&x), 1e-12)
            .map_err(TestCaseError::fail)?;
    }

    /// Adding one number to a whole column (here up to ±800, where the
    /// formula as written overflows) leaves its probabilities as they were.
    #[test]
    fn adding_a_number_to_a_column_changes_nothing(
        x in shape().prop_flat_map(|(r, c)| logits(r, c)),
        shift in -800.0..800.0_f64,
    ) {
        let mut shifted = x.clone();
        shifted.column_mut(0).mapv_inplace(|v| v + shift);
        compare_entries(
            &format!("softmax(X) after adding {shift:.3} to sample 0"),
            &Softmax::probabilities(&shifted).or_panic(),
            &Softmax::probabilities(&x).or_panic(),
            1e-9,
        )
        .map_err(TestCaseError::fail)?;
    }
}

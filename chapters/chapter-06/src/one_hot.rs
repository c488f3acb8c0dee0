//! From a class to a column of numbers and back: one-hot targets, and the
//! predicted class as the largest output.

use chapter_05::ShapeError;
use chapter_05::ndarray::Array2;

use crate::{CLASSES, Digit};

// ANCHOR: one_hot
/// The one-hot column for `class` out of `classes`: shape `(classes, 1)`,
/// all zeros except a 1 in row `class`.
///
/// For the digit 3 out of 10: `[0, 0, 0, 1, 0, 0, 0, 0, 0, 0]ᵀ`.
///
/// # Panics
/// If `class` is not below `classes`.
#[must_use]
pub fn one_hot(class: usize, classes: usize) -> Array2<f64> {
    assert!(
        class < classes,
        "class {class} does not exist: the classes are 0 to {}",
        classes.saturating_sub(1)
    );
    let mut column = Array2::zeros((classes, 1));
    column[[class, 0]] = 1.0;
    column
}
// ANCHOR_END: one_hot

// ANCHOR: predicted_class
/// The class the network predicts: the row of its largest output (the
/// "argmax"). `output` must be one column, shape `(classes, 1)` with at
/// least one class. A tie goes to the lowest class; a NaN never wins.
pub fn predicted_class(output: &Array2<f64>) -> Result<usize, ShapeError> {
    if output.ncols() != 1 || output.nrows() == 0 {
        return Err(ShapeError::new(
            "predicted class",
            "network output Y",
            "(classes, 1): one row per class, one column for one sample",
            output.dim(),
        ));
    }
    let mut best = 0;
    for (class, &value) in output.iter().enumerate() {
        if value > output[[best, 0]] || output[[best, 0]].is_nan() {
            best = class;
        }
    }
    Ok(best)
}
// ANCHOR_END: predicted_class

// ANCHOR: training_pairs
/// The (input, desired output) pairs that chapter 5's `train` takes: each
/// image with the one-hot column of its label, shapes `(64, 1)` and `(10, 1)`.
#[must_use]
pub fn training_pairs(digits: &[Digit]) -> Vec<(Array2<f64>, Array2<f64>)> {
    digits
        .iter()
        .map(|digit| (digit.image.clone(), one_hot(digit.label, CLASSES)))
        .collect()
}
// ANCHOR_END: training_pairs

#[cfg(test)]
mod tests {
    use super::*;
    use chapter_05::ndarray::array;

    #[test]
    fn one_hot_by_hand() {
        assert_eq!(one_hot(2, 4), array![[0.0], [0.0], [1.0], [0.0]]);
        assert_eq!(one_hot(0, 3), array![[1.0], [0.0], [0.0]]);
    }

    #[test]
    fn one_hot_has_a_single_one_in_the_row_of_the_class() {
        for class in 0..CLASSES {
            let column = one_hot(class, CLASSES);
            assert_eq!(column.dim(), (CLASSES, 1));
            assert_eq!(column.sum(), 1.0);
            assert_eq!(column[[class, 0]], 1.0);
            assert_eq!(predicted_class(&column).unwrap(), class);
        }
    }

    #[test]
    #[should_panic(expected = "class 10 does not exist: the classes are 0 to 9")]
    fn one_hot_refuses_a_class_out_of_range() {
        let _ = one_hot(10, 10);
    }

    #[test]
    fn predicted_class_is_the_row_of_the_largest_output() {
        let output = array![[-0.3], [0.1], [0.85], [0.2], [0.84]];
        assert_eq!(predicted_class(&output).unwrap(), 2);
        assert_eq!(predicted_class(&array![[-0.9], [-0.2], [-0.5]]).unwrap(), 1);
    }

    #[test]
    fn a_tie_goes_to_the_lowest_class_and_nan_never_wins() {
        assert_eq!(predicted_class(&array![[0.1], [0.7], [0.7]]).unwrap(), 1);
        assert_eq!(
            predicted_class(&array![[f64::NAN], [0.2], [0.5]]).unwrap(),
            2
        );
        assert_eq!(
            predicted_class(&array![[0.3], [f64::NAN], [0.1]]).unwrap(),
            0
        );
    }

    #[test]
    fn predicted_class_refuses_a_row_or_several_samples() {
        let error = predicted_class(&array![[0.1, 0.9, 0.3]]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "predicted class: network output Y should have shape (classes, 1): one row per \
             class, one column for one sample, but has shape (1, 3)"
        );
        assert!(predicted_class(&array![[0.1, 0.2], [0.3, 0.4]]).is_err());
    }

    #[test]
    fn training_pairs_match_images_and_one_hot_labels() {
        let digit = Digit {
            image: Array2::from_shape_fn((64, 1), |(k, _)| k as f64 / 64.0),
            label: 7,
        };
        let pairs = training_pairs(std::slice::from_ref(&digit));
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].0, digit.image);
        assert_eq!(pairs[0].1, one_hot(7, 10));
    }
}

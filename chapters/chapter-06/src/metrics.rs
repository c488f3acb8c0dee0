//! How good is a classifier? Accuracy, and the confusion matrix that says
//! which mistakes it makes.

use std::fmt;

use chapter_05::{ShapeError, TrainableNetwork};

use crate::{CLASSES, Digit, predicted_class};

// ANCHOR: accuracy
/// The fraction of predictions that are right:
/// `accuracy = (number of k with predicted[k] = actual[k]) / N`, over the `N` samples.
///
/// # Panics
/// If the two lists differ in length or are empty.
#[must_use]
pub fn accuracy(actual: &[usize], predicted: &[usize]) -> f64 {
    assert!(
        actual.len() == predicted.len() && !actual.is_empty(),
        "accuracy needs one prediction per actual class, and at least one: \
         got {} actual classes and {} predictions",
        actual.len(),
        predicted.len()
    );
    let right = actual.iter().zip(predicted).filter(|(a, p)| a == p).count();
    right as f64 / actual.len() as f64
}
// ANCHOR_END: accuracy

// ANCHOR: confusion
/// A confusion matrix: `count(actual, predicted)` is how many images of
/// class `actual` were classified as `predicted`. The diagonal holds the
/// right answers; everything off it is a mistake, and says which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfusionMatrix {
    /// `counts[actual][predicted]`, `classes × classes`.
    counts: Vec<Vec<usize>>,
}

impl ConfusionMatrix {
    /// An empty matrix for `classes` classes.
    #[must_use]
    pub fn new(classes: usize) -> Self {
        Self {
            counts: vec![vec![0; classes]; classes],
        }
    }

    /// Count one prediction.
    ///
    /// # Panics
    /// If either class is not below the number of classes.
    pub fn add(&mut self, actual: usize, predicted: usize) {
        let classes = self.classes();
        assert!(
            actual < classes && predicted < classes,
            "the classes are 0 to {}, got actual class {actual} and predicted \
             class {predicted}",
            classes.saturating_sub(1)
        );
        self.counts[actual][predicted] += 1;
    }

    /// How many images of class `actual` were predicted as `predicted`.
    #[must_use]
    pub fn count(&self, actual: usize, predicted: usize) -> usize {
        self.counts[actual][predicted]
    }

    /// The number of classes.
    #[must_use]
    pub fn classes(&self) -> usize {
        self.counts.len()
    }

    /// All predictions counted: the sum of every entry.
    #[must_use]
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// The right predictions: the sum of the diagonal.
    #[must_use]
    pub fn correct(&self) -> usize {
        (0..self.classes()).map(|c| self.counts[c][c]).sum()
    }

    /// `correct / total`: the same number as [`accuracy`].
    #[must_use]
    pub fn accuracy(&self) -> f64 {
        self.correct() as f64 / self.total() as f64
    }

    /// The counts as rows of numbers, row `actual`, column `predicted`
    /// (for a heat map).
    #[must_use]
    pub fn rows(&self) -> Vec<Vec<f64>> {
        self.counts
            .iter()
            .map(|row| row.iter().map(|&c| c as f64).collect())
            .collect()
    }
}
// ANCHOR_END: confusion

impl fmt::Display for ConfusionMatrix {
    /// A table: one row per actual class, one column per predicted class.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "actual ↓ predicted →")?;
        for class in 0..self.classes() {
            write!(f, "{class:>4}")?;
        }
        for (actual, row) in self.counts.iter().enumerate() {
            write!(f, "\n{actual:>20}")?;
            for count in row {
                write!(f, "{count:>4}")?;
            }
        }
        Ok(())
    }
}

// ANCHOR: evaluate
/// Classify every digit with `network` and count the results.
pub fn evaluate(
    network: &TrainableNetwork,
    digits: &[Digit],
) -> Result<ConfusionMatrix, ShapeError> {
    let mut matrix = ConfusionMatrix::new(CLASSES);
    for digit in digits {
        let guess = predicted_class(&network.predict(&digit.image)?)?;
        matrix.add(digit.label, guess);
    }
    Ok(matrix)
}
// ANCHOR_END: evaluate

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assert_number;

    #[test]
    fn accuracy_by_hand() {
        // 3 of 5 right.
        let actual = [3, 1, 4, 1, 5];
        let predicted = [3, 7, 4, 1, 6];
        assert_number("accuracy", accuracy(&actual, &predicted), 0.6, f64::EPSILON);
        assert_eq!(accuracy(&[2], &[2]), 1.0);
        assert_eq!(accuracy(&[2, 0], &[1, 1]), 0.0);
    }

    #[test]
    #[should_panic(expected = "got 3 actual classes and 2 predictions")]
    fn accuracy_refuses_lists_of_different_lengths() {
        let _ = accuracy(&[1, 2, 3], &[1, 2]);
    }

    #[test]
    fn confusion_matrix_by_hand() {
        let actual = [0, 0, 1, 2, 2, 2, 1];
        let predicted = [0, 2, 1, 2, 1, 2, 1];
        let mut matrix = ConfusionMatrix::new(3);
        for (&a, &p) in actual.iter().zip(&predicted) {
            matrix.add(a, p);
        }
        assert_eq!(
            matrix.rows(),
            vec![
                vec![1.0, 0.0, 1.0],
                vec![0.0, 2.0, 0.0],
                vec![0.0, 1.0, 2.0]
            ]
        );
        assert_eq!((matrix.total(), matrix.correct()), (7, 5));
        assert_number(
            "the confusion matrix's accuracy",
            matrix.accuracy(),
            accuracy(&actual, &predicted),
            f64::EPSILON,
        );
        assert_eq!(matrix.count(0, 2), 1, "one 0 was taken for a 2");
        assert_eq!(matrix.count(2, 0), 0, "no 2 was taken for a 0");
    }

    #[test]
    fn rows_add_up_to_the_number_of_images_of_each_class() {
        let actual = [4, 4, 4, 9, 9, 1];
        let predicted = [4, 9, 4, 4, 9, 7];
        let mut matrix = ConfusionMatrix::new(10);
        for (&a, &p) in actual.iter().zip(&predicted) {
            matrix.add(a, p);
        }
        let row_sum = |c: usize| (0..10).map(|p| matrix.count(c, p)).sum::<usize>();
        assert_eq!(
            (row_sum(4), row_sum(9), row_sum(1), row_sum(0)),
            (3, 2, 1, 0)
        );
    }

    #[test]
    #[should_panic(expected = "the classes are 0 to 2, got actual class 3")]
    fn confusion_matrix_refuses_a_class_out_of_range() {
        ConfusionMatrix::new(3).add(3, 0);
    }

    #[test]
    fn display_is_a_table_with_a_row_per_actual_class() {
        let mut matrix = ConfusionMatrix::new(2);
        matrix.add(0, 0);
        matrix.add(1, 0);
        matrix.add(1, 1);
        assert_eq!(
            matrix.to_string(),
            "actual ↓ predicted →   0   1\n                   0   1   0\n                   1   1   1"
        );
    }
}

//! Holding data out: a fixed, seeded split into a training and a test set.
//!
//! A network is trained on the training set only. The test set is kept
//! apart, never used to change a weight, so that its accuracy says how the
//! network does on images it has never seen: the question that matters.

use chapter_05::rand::seq::SliceRandom;
use chapter_05::seeded_rng;

// ANCHOR: split
/// A data set cut in two: `train` to learn from, `test` to measure on.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<T> {
    /// The items to train on.
    pub train: Vec<T>,
    /// The items held out, to measure on.
    pub test: Vec<T>,
}

/// Shuffle `items` with the generator seeded with `seed`, then hold out
/// `round(test_fraction · N)` of the `N` items as the test set; the rest is the
/// training set.
///
/// The same items and seed always give the same split. Every item lands in
/// exactly one of the two sets (shuffling first matters: the digits file
/// is not in random order, and a test set made of its last lines would not
/// be a fair sample).
///
/// # Panics
/// If `test_fraction` is not strictly between 0 and 1, or if either set
/// would be empty.
pub fn train_test_split<T: Clone>(items: &[T], test_fraction: f64, seed: u64) -> Split<T> {
    assert!(
        test_fraction > 0.0 && test_fraction < 1.0,
        "the test fraction must be between 0 and 1 (e.g. 0.2 for 20 %), \
         got {test_fraction}"
    );
    let n = items.len();
    let test_count = (test_fraction * n as f64).round() as usize;
    assert!(
        test_count > 0 && test_count < n,
        "holding out {test_fraction} of {n} items leaves {test_count} to test \
         and {} to train; both need at least one",
        n - test_count
    );
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut seeded_rng(seed));
    let (test, train) = order.split_at(test_count);
    Split {
        train: train.iter().map(|&i| items[i].clone()).collect(),
        test: test.iter().map(|&i| items[i].clone()).collect(),
    }
}
// ANCHOR_END: split

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digits_split_into_1438_and_359() {
        let items: Vec<usize> = (0..1797).collect();
        let split = train_test_split(&items, 0.2, 6);
        assert_eq!((split.train.len(), split.test.len()), (1438, 359));
    }

    #[test]
    fn the_test_set_is_shuffled_not_the_last_items() {
        let items: Vec<usize> = (0..100).collect();
        let split = train_test_split(&items, 0.2, 1);
        assert_ne!(split.test, (0..20).collect::<Vec<_>>());
        assert_ne!(split.test, (80..100).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "the test fraction must be between 0 and 1")]
    fn a_test_fraction_of_one_is_refused() {
        let _ = train_test_split(&[1, 2, 3], 1.0, 0);
    }

    #[test]
    #[should_panic(expected = "both need at least one")]
    fn a_split_that_leaves_a_set_empty_is_refused() {
        let _ = train_test_split(&[1, 2, 3], 0.1, 0);
    }
}

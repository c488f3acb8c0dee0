//! The extension of the exercise by example: `predicted_classes`, the
//! class of every sample of a batch at once, and `evaluate_batch`, which
//! uses it.
//!
//! They live in a file of their own so that the exercise's core
//! (`stack_columns`, `train_in_order` and `train_batches`) can pass on its own: `cargo test
//! -p chapter-07 --features exercise` leaves them out, `--features
//! extension` runs them too, and without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use chapter_07::ndarray::{Array2, array};
use chapter_07::testing::OrPanic;
use chapter_07::{Digit, evaluate, evaluate_batch, predicted_class, predicted_classes};

#[test]
fn the_row_of_the_largest_output_of_each_column() {
    let output = array![
        [0.1, -0.4, 0.3, 0.2, f64::NAN, 0.3],
        [0.7, -0.1, 0.3, f64::NAN, 0.2, f64::NAN],
        [0.2, -0.3, 0.1, 0.6, 0.5, 0.1]
    ];
    // A tie goes to the lowest class (column 2); a NaN never wins, in row 1
    // (column 3) or in row 0 (column 4), and is skipped (column 5).
    assert_eq!(
        predicted_classes(&output).or_panic(),
        vec![1, 1, 0, 2, 2, 0],
        "the class of each column of Y (left: yours, right: expected), for Y =\n{output:.1}"
    );
}

#[test]
fn agrees_with_chapter_6_column_by_column() {
    let output = Array2::from_shape_fn((10, 23), |(r, c)| {
        ((r * 7 + c * 13) % 17) as f64 * 0.1 - 0.8
    });
    let classes = predicted_classes(&output).or_panic();
    assert_eq!(classes.len(), 23, "one class per sample");
    for (column, class) in classes.iter().enumerate() {
        let one = output
            .column(column)
            .to_owned()
            .insert_axis(chapter_07::ndarray::Axis(1));
        assert_eq!(
            *class,
            predicted_class(&one).unwrap(),
            "the class of column {column} (found) against chapter 6's predicted_class (expected)"
        );
    }
}

#[test]
fn an_output_with_no_rows_is_refused() {
    let Err(error) = predicted_classes(&Array2::zeros((0, 3))) else {
        panic!("an output Y of shape (0, 3), with no class at all, should be an error");
    };
    assert_eq!(
        error.to_string(),
        "predicted classes: network output Y should have shape (classes, m): one row per \
         class (at least one), one column per sample, but has shape (0, 3)"
    );
}

#[test]
fn evaluating_a_batch_counts_like_evaluating_one_by_one() {
    let digits: Vec<Digit> = (0..40)
        .map(|k| Digit {
            image: Array2::from_shape_fn((64, 1), |(p, _)| ((p * 5 + k * 11) % 17) as f64 / 16.0),
            label: k % 10,
        })
        .collect();
    let network = chapter_07::digits_network(chapter_07::Initialisation::Scaled, 3);
    assert_eq!(
        evaluate_batch(&network, &digits).or_panic(),
        evaluate(&network, &digits).unwrap(),
        "the confusion matrix of evaluate_batch (left) and of chapter 6's evaluate (right)"
    );
    assert_eq!(
        evaluate_batch(&network, &[]).or_panic().total(),
        0,
        "evaluating no digits should count nothing"
    );
}

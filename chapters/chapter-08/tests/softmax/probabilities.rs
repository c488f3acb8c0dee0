//! `Softmax::probabilities`, the forward pass: worked examples, the logit
//! of 1000 that breaks the formula as written, and bad logits.

use chapter_08::ndarray::{Array2, array};
use chapter_08::testing::{OrPanic, assert_entries};
use chapter_08::{Layer, ProbabilityError, Softmax};

/// Softmax of one column, by hand: e^x / Σ e^x.
fn by_hand(column: &[f64]) -> Vec<f64> {
    let sum: f64 = column.iter().map(|x| x.exp()).sum();
    column.iter().map(|x| x.exp() / sum).collect()
}

#[test]
fn each_column_becomes_its_exponentials_divided_by_their_sum() {
    let logits = array![[2.0, -0.5], [1.0, 0.3], [0.1, 1.7]];
    let first = by_hand(&[2.0, 1.0, 0.1]);
    let second = by_hand(&[-0.5, 0.3, 1.7]);
    let expected = Array2::from_shape_fn((3, 2), |(row, column)| [&first, &second][column][row]);
    assert_entries(
        "softmax(X) (one row per class, one column per sample)",
        &Softmax::probabilities(&logits).or_panic(),
        &expected,
        1e-12,
    );
}

#[test]
fn the_largest_logit_gets_the_largest_probability_and_they_add_up_to_1() {
    let y = Softmax::probabilities(&array![[0.4], [2.3], [-1.1], [0.9]]).or_panic();
    let sum = y.sum();
    assert!(
        (sum - 1.0).abs() < 1e-12,
        "the column adds up to {sum}, not 1"
    );
    let best = (0..4)
        .max_by(|&a, &b| y[[a, 0]].total_cmp(&y[[b, 0]]))
        .unwrap();
    assert_eq!(
        best, 1,
        "class 1 has the largest logit, 2.3, but {best} got the largest probability: {y}"
    );
}

#[test]
fn a_logit_of_1000_overflows_the_formula_as_written_but_not_softmax() {
    let logits = array![[1000.0], [999.0], [998.0]];
    let naive = Softmax::naive(&logits);
    assert!(
        naive.iter().all(|y| y.is_nan()),
        "e^1000 is infinite, so the formula as written gives ∞/∞ = NaN, but it gave {naive}"
    );
    // Subtracting the largest logit, 1000, gives the softmax of (0, -1, -2).
    let expected = by_hand(&[0.0, -1.0, -2.0]);
    assert_entries(
        "softmax of the logits 1000, 999, 998",
        &Softmax::probabilities(&logits).or_panic(),
        &Array2::from_shape_vec((3, 1), expected).unwrap(),
        1e-12,
    );
}

#[test]
fn very_negative_logits_do_not_underflow_to_a_column_of_zeros() {
    // e^-1000 is 0 in f64: the formula as written gives 0/0.
    let logits = array![[-1000.0], [-1001.5]];
    let y = Softmax::probabilities(&logits).or_panic();
    let expected = by_hand(&[0.0, -1.5]);
    assert_entries(
        "softmax of the logits -1000, -1001.5",
        &y,
        &Array2::from_shape_vec((2, 1), expected).unwrap(),
        1e-12,
    );
}

#[test]
fn the_layer_forward_is_probabilities() {
    let logits = array![[0.7, -2.1, 0.2], [1.9, 0.4, -0.6]];
    assert_entries(
        "the softmax layer's output Y",
        &Softmax.forward(&logits).or_panic(),
        &Softmax::probabilities(&logits).or_panic(),
        0.0,
    );
    assert_eq!(Softmax.name(), "softmax layer");
}

#[test]
fn a_nan_or_infinite_logit_names_its_sample_and_class() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let logits = array![[0.5, 1.5], [0.2, bad], [-0.3, 0.8]];
        let Err(error) = Softmax::probabilities(&logits) else {
            panic!("a logit of {bad} should be an error, not a column of NaN");
        };
        let ProbabilityError::Entry { row, column, .. } = error else {
            panic!("a logit of {bad} should be named as an entry: {error}");
        };
        assert_eq!(
            (row, column),
            (1, 1),
            "the bad logit is class 1 of sample 1: {error}"
        );
        let message = error.to_string();
        assert!(
            message.contains("class 1 of sample 1") && message.contains("a finite number"),
            "{message}"
        );
    }
}

#[test]
#[should_panic(expected = "softmax layer: logits X entry (0, 1), class 0 of sample 1, is NaN")]
fn the_layer_panics_with_that_message_rather_than_return_nan() {
    let _ = Softmax.forward(&array![[0.5, f64::NAN], [0.2, 0.1]]);
}

#[test]
fn no_classes_or_no_samples_is_a_shape_error() {
    for shape in [(0, 2), (3, 0)] {
        let Err(error) = Softmax.forward(&Array2::zeros(shape)) else {
            panic!(
                "the softmax of logits of shape {shape:?} should be a shape error: no classes or no samples"
            );
        };
        assert_eq!(error.found, shape, "{error}");
        assert!(
            error
                .to_string()
                .starts_with("softmax layer: logits X should have shape (n_y, m)"),
            "{error}"
        );
    }
}

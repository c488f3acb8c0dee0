//! The comparisons that the examples of the mean squared error
//! (`tests/losses/loss.rs`) and of the extension's binary cross-entropy
//! (`tests/losses/binary_cross_entropy.rs`) share: a mismatch names what was
//! computed and what it is by hand.

use chapter_04::ndarray::Array2;

/// Compare an array with one worked out by hand, entry by entry; a
/// mismatch names the first wrong entry (row = output, column = sample).
#[track_caller]
pub fn assert_entries(name: &str, computed: &Array2<f64>, by_hand: &Array2<f64>) {
    assert_eq!(
        computed.dim(),
        by_hand.dim(),
        "{name} has shape {:?}, but should have shape {:?}, the shape of the prediction Y \
         (one row per output, one column per sample)",
        computed.dim(),
        by_hand.dim()
    );
    for ((row, column), &value) in computed.indexed_iter() {
        let expected = by_hand[[row, column]];
        assert!(
            (value - expected).abs() < 1e-12,
            "{name} entry ({row}, {column}) is {value:.6}, but by hand it is {expected:.6}"
        );
    }
}

/// Compare the error `E` with a number worked out by hand.
#[track_caller]
pub fn assert_error(name: &str, computed: f64, by_hand: f64) {
    assert!(
        (computed - by_hand).abs() < 1e-12,
        "{name}: E is {computed:.6}, but by hand it is {by_hand:.6}"
    );
}

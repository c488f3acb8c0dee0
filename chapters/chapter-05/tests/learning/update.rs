//! The update rule and the learning rate, by example. (The extension's
//! decaying learning rate is tested in `tests/learning/decayed.rs`.)
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-05 --features exercise`.

use chapter_05::ndarray::{Array2, array};
use chapter_05::testing::{OrPanic, assert_entries};
use chapter_05::{Activation, Dense, LearningRate, TrainingError, update};

/// Check that `after` is `before - α · gradient`, entry by entry; a mismatch
/// names the parameter, the entry, and the numbers of the update rule.
fn assert_moved_against(
    name: &str,
    after: &Array2<f64>,
    before: &Array2<f64>,
    gradient: &Array2<f64>,
    alpha: f64,
) {
    assert_eq!(
        after.dim(),
        before.dim(),
        "{name} changed its shape in the update"
    );
    for ((row, column), &found) in after.indexed_iter() {
        let (theta, g) = (before[[row, column]], gradient[[row, column]]);
        let expected = theta - alpha * g;
        assert!(
            (found - expected).abs() < 1e-12,
            "{name} entry ({row}, {column}) is {found:.6} after the update, but θ - α · dE/dθ = \
             {theta} - {alpha} · {g} = {expected:.6}"
        );
    }
}

mod learning_rate {
    use super::*;

    #[test]
    fn keeps_a_finite_positive_number() {
        for alpha in [0.1, 3.0] {
            let rate = LearningRate::new(alpha).or_panic();
            assert_eq!(
                rate.get(),
                alpha,
                "LearningRate::new({alpha}) keeps {}",
                rate.get()
            );
        }
    }

    #[test]
    fn must_be_positive_and_finite() {
        for bad in [0.0, -0.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let error = LearningRate::new(bad)
                .expect_err(&format!("the learning rate {bad} should be refused"));
            assert!(
                matches!(error, TrainingError::LearningRate(_)),
                "the learning rate {bad} gave {error:?}, not TrainingError::LearningRate"
            );
            assert!(error.to_string().contains("greater than zero"), "{error}");
        }
    }
}

mod update_rule {
    use super::*;

    #[test]
    fn moves_each_parameter_against_its_gradient() {
        // Square, not symmetric, every gradient entry non-zero and α ≠ 1, so
        // a wrong sign, a missing α or swapped entries all give wrong numbers.
        let (w, b) = (array![[0.5, -1.5], [2.0, 0.25]], array![[0.1], [-0.3]]);
        let (dw, db) = (array![[0.2, -0.4], [0.6, 0.8]], array![[0.3], [-0.5]]);
        let alpha = 0.5;
        let mut layer = Dense::new(w.clone(), b.clone()).unwrap();
        update(
            &mut layer,
            "dense",
            &[dw.clone(), db.clone()],
            LearningRate::new(alpha).or_panic(),
        )
        .or_panic();
        assert_moved_against(
            "W (one row per output, one column per input)",
            layer.weights(),
            &w,
            &dw,
            alpha,
        );
        assert_moved_against("B (one row per output)", layer.biases(), &b, &db, alpha);
    }

    #[test]
    fn a_layer_without_parameters_takes_no_gradients() {
        let mut tanh = Activation::tanh();
        let rate = LearningRate::new(0.1).or_panic();
        update(&mut tanh, "tanh", &[], rate).unwrap_or_else(|error| {
            panic!("a layer without parameters should take an empty list of gradients: {error}")
        });
        assert!(
            update(&mut tanh, "tanh", &[array![[1.0]]], rate).is_err(),
            "a layer without parameters should refuse one gradient"
        );
    }

    #[test]
    fn rejects_gradients_that_do_not_fit() {
        let mut layer = Dense::new(array![[0.5, -1.5]], array![[0.1]]).unwrap();
        let rate = LearningRate::new(0.5).or_panic();
        let Err(error) = update(
            &mut layer,
            "dense",
            &[array![[0.2], [-0.4]], array![[0.3]]],
            rate,
        ) else {
            panic!("update should refuse dE/dW of shape (2, 1) for W of shape (1, 2)");
        };
        assert_eq!(
            error.to_string(),
            "dense, update: gradient of parameter 0 should have shape (1, 2), the shape of the \
             parameter, but has shape (2, 1)"
        );
        let Err(error) = update(&mut layer, "dense", &[array![[0.2, -0.4]]], rate) else {
            panic!("update should refuse one gradient for a dense layer's two parameters");
        };
        assert_eq!(error.found, (1, 1), "{error}");
        assert_entries(
            "W after a failed update (which must change nothing)",
            layer.weights(),
            &array![[0.5, -1.5]],
            0.0,
        );
    }

    #[test]
    fn a_wrong_second_gradient_changes_not_even_the_first_parameter() {
        let mut layer = Dense::new(array![[0.5, -1.5]], array![[0.1]]).unwrap();
        let Err(error) = update(
            &mut layer,
            "dense",
            &[array![[0.2, -0.4]], array![[0.3, 0.3]]],
            LearningRate::new(0.5).or_panic(),
        ) else {
            panic!("update should refuse dE/dB of shape (1, 2) for B of shape (1, 1)");
        };
        assert_eq!(error.array, "gradient of parameter 1", "{error}");
        assert_entries(
            "W after an update whose dE/dB did not fit (check every shape first)",
            layer.weights(),
            &array![[0.5, -1.5]],
            0.0,
        );
    }
}

mod training_error {
    use super::*;

    #[test]
    fn diverged_names_the_epoch_and_suggests_a_smaller_rate() {
        let error = TrainingError::Diverged {
            epoch: 12,
            loss: f64::NAN,
            learning_rate: 5.0,
        };
        assert_eq!(
            error.to_string(),
            "training diverged: the loss became NaN in epoch 12; the learning rate 5 is too large, try a smaller one (e.g. 0.5)"
        );
    }
}

//! The update rule and the learning rate, by example.
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-05 --features exercise`.

use chapter_05::ndarray::{Array2, array};
use chapter_05::{Activation, Dense, LearningRate, TrainingError, update};
use proptest::prelude::*;

/// Check that `after` is `before - α · gradient`, entry by entry; a mismatch
/// names the parameter, the entry, and the numbers of the update rule.
fn assert_moved_against(
    name: &str,
    after: &Array2<f64>,
    before: &Array2<f64>,
    gradient: &Array2<f64>,
    alpha: f64,
) {
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
        assert_eq!(LearningRate::new(0.1).unwrap().get(), 0.1);
        assert_eq!(LearningRate::new(3.0).unwrap().get(), 3.0);
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
            LearningRate::new(alpha).unwrap(),
        )
        .unwrap();
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
        let rate = LearningRate::new(0.1).unwrap();
        assert_eq!(update(&mut tanh, "tanh", &[], rate), Ok(()));
        assert!(update(&mut tanh, "tanh", &[array![[1.0]]], rate).is_err());
    }

    #[test]
    fn rejects_gradients_that_do_not_fit() {
        let mut layer = Dense::new(array![[0.5, -1.5]], array![[0.1]]).unwrap();
        let rate = LearningRate::new(0.5).unwrap();
        let error = update(
            &mut layer,
            "dense",
            &[array![[0.2], [-0.4]], array![[0.3]]],
            rate,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "dense, update: gradient of parameter 0 should have shape (1, 2), the shape of the \
             parameter, but has shape (2, 1)"
        );
        let error = update(&mut layer, "dense", &[array![[0.2, -0.4]]], rate).unwrap_err();
        assert_eq!(error.found, (1, 1), "{error}");
        assert_eq!(
            layer.weights(),
            &array![[0.5, -1.5]],
            "a failed update must change nothing"
        );
    }

    #[test]
    fn a_wrong_second_gradient_changes_not_even_the_first_parameter() {
        let mut layer = Dense::new(array![[0.5, -1.5]], array![[0.1]]).unwrap();
        let error = update(
            &mut layer,
            "dense",
            &[array![[0.2, -0.4]], array![[0.3, 0.3]]],
            LearningRate::new(0.5).unwrap(),
        )
        .unwrap_err();
        assert_eq!(error.array, "gradient of parameter 1");
        assert_eq!(
            layer.weights(),
            &array![[0.5, -1.5]],
            "W changed, although the gradient of B did not fit: check every shape first"
        );
    }
}

mod decayed {
    use super::*;

    #[test]
    fn worked_out_by_hand() {
        // 0.5 / (1 + 0.1 · 10) = 0.25
        let rate = LearningRate::new(0.5)
            .unwrap()
            .decayed(10, 0.1)
            .unwrap_or_else(|error| panic!("α = 0.5, epoch 10, decay 0.1 gave an error: {error}"));
        assert!(
            (rate.get() - 0.25).abs() < 1e-15,
            "α / (1 + decay · epoch) = 0.5 / (1 + 0.1 · 10) = 0.25, got {}",
            rate.get()
        );
    }

    #[test]
    fn epoch_0_gives_the_rate_itself() {
        let alpha = LearningRate::new(0.3).unwrap();
        let rate = alpha
            .decayed(0, 0.01)
            .unwrap_or_else(|error| panic!("α = 0.3, epoch 0, decay 0.01 gave an error: {error}"));
        assert_eq!(rate, alpha, "epoch 0 should use α itself");
    }

    #[test]
    fn a_decay_of_0_keeps_the_rate() {
        let alpha = LearningRate::new(0.3).unwrap();
        for epoch in [0, 1, 10, 1_000_000] {
            let rate = alpha.decayed(epoch, 0.0).unwrap_or_else(|error| {
                panic!("α = 0.3, epoch {epoch}, decay 0 gave an error: {error}")
            });
            assert_eq!(rate, alpha, "a decay of 0 should keep α, at epoch {epoch}");
        }
    }

    #[test]
    fn a_negative_or_infinite_decay_is_refused() {
        let alpha = LearningRate::new(0.3).unwrap();
        for bad in [-0.01, f64::NAN, f64::INFINITY] {
            let error = alpha
                .decayed(5, bad)
                .expect_err(&format!("the decay {bad} should be refused"));
            assert_eq!(
                error.to_string(),
                format!(
                    "the learning-rate decay must be a finite number, zero or greater, got {bad} \
                     (0 keeps the rate constant; 0.001 halves it after 1000 epochs)"
                )
            );
        }
    }

    proptest! {
        /// α / (1 + decay · epoch) shrinks from one epoch to the next and
        /// stays a finite positive learning rate.
        #[test]
        fn shrinks_and_stays_positive_and_finite(
            alpha in 1e-4..10.0_f64,
            decay in 1e-4..10.0_f64,
            epoch in 0..1_000_000_usize,
        ) {
            let alpha = LearningRate::new(alpha).unwrap();
            let now = alpha.decayed(epoch, decay).map_err(|e| TestCaseError::fail(e.to_string()))?.get();
            let next = alpha.decayed(epoch + 1, decay).map_err(|e| TestCaseError::fail(e.to_string()))?.get();
            prop_assert!(now.is_finite() && now > 0.0, "epoch {epoch}: rate {now}");
            prop_assert!(next < now, "epoch {epoch}: {now}, epoch {}: {next}", epoch + 1);
            prop_assert!(now <= alpha.get());
            let by_hand = alpha.get() / (1.0 + decay * epoch as f64);
            prop_assert!((now - by_hand).abs() <= 1e-12 * by_hand, "{now} vs {by_hand}");
        }
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

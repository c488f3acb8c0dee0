//! The extension of the exercise by example: a learning rate that decays
//! from epoch to epoch, `LearningRate::decayed`.
//!
//! They live in a file of their own so that the exercise's core (the
//! learning rate and the update rule) can pass on its own: `cargo test -p
//! chapter-05 --features exercise` leaves them out, `--features extension`
//! runs them too, and without features they check the reference.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use chapter_05::LearningRate;
use chapter_05::testing::{OrPanic, proptest_config};
use proptest::prelude::*;

#[test]
fn worked_out_by_hand() {
    // 0.5 / (1 + 0.1 · 10) = 0.25
    let rate = LearningRate::new(0.5)
        .or_panic()
        .decayed(10, 0.1)
        .unwrap_or_else(|error| panic!("α = 0.5, epoch 10, decay 0.1 gave an error: {error}"));
    assert!(
        (rate.get() - 0.25).abs() < 1e-15,
        "α = 0.5, epoch 10, decay 0.1: the rate is {}, expected 0.25",
        rate.get()
    );
}

#[test]
fn epoch_0_gives_the_rate_itself() {
    let alpha = LearningRate::new(0.3).or_panic();
    let rate = alpha
        .decayed(0, 0.01)
        .unwrap_or_else(|error| panic!("α = 0.3, epoch 0, decay 0.01 gave an error: {error}"));
    assert_eq!(rate, alpha, "epoch 0 should use α itself");
}

#[test]
fn a_decay_of_0_keeps_the_rate() {
    let alpha = LearningRate::new(0.3).or_panic();
    for epoch in [0, 1, 10, 1_000_000] {
        let rate = alpha.decayed(epoch, 0.0).unwrap_or_else(|error| {
            panic!("α = 0.3, epoch {epoch}, decay 0 gave an error: {error}")
        });
        assert_eq!(rate, alpha, "a decay of 0 should keep α, at epoch {epoch}");
    }
}

#[test]
fn a_negative_or_infinite_decay_is_refused() {
    let alpha = LearningRate::new(0.3).or_panic();
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
    #![proptest_config(proptest_config())]

    /// α / (1 + decay · epoch) shrinks from one epoch to the next and
    /// stays a finite positive learning rate.
    #[test]
    fn shrinks_and_stays_positive_and_finite(
        alpha in 1e-4..10.0_f64,
        decay in 1e-4..10.0_f64,
        epoch in 0..1_000_000_usize,
    ) {
        let alpha = LearningRate::new(alpha).or_panic();
        let now = alpha.decayed(epoch, decay).map_err(|e| TestCaseError::fail(e.to_string()))?.get();
        let next = alpha.decayed(epoch + 1, decay).map_err(|e| TestCaseError::fail(e.to_string()))?.get();
        prop_assert!(now.is_finite() && now > 0.0, "epoch {epoch}: rate {now}, expected a finite number above 0");
        prop_assert!(next < now, "the rate should shrink, but it is {now} in epoch {epoch} and {next} in epoch {}", epoch + 1);
        prop_assert!(now <= alpha.get(), "epoch {epoch}: rate {now}, above α = {}", alpha.get());
        let by_hand = alpha.get() / (1.0 + decay * epoch as f64);
        prop_assert!(
            (now - by_hand).abs() <= 1e-12 * by_hand,
            "α = {}, decay {decay}, epoch {epoch}: the rate is {now}, expected {by_hand}", alpha.get()
        );
    }
}

//! The floor's multiply-add loop, which the benchmark and the speed example
//! time to find one core's fastest arithmetic.

/// The floor's multiply-add loop does its arithmetic: after `n` rounds, sum
/// `k` is `f^n s_k + c (1 - f^n) / (1 - f)`, with `s_k = k / 1000`.
use chapter_07::floor::{FACTOR, STEP, SUMS, multiply_adds};

#[test]
fn multiply_adds_does_every_round_on_every_sum() {
    for rounds in [0, 1, 7, 1000] {
        let power = FACTOR.powi(rounds);
        let expected: f64 = (0..SUMS)
            .map(|k| power * k as f64 / 1000.0 + STEP * (1.0 - power) / (1.0 - FACTOR))
            .sum();
        let computed = multiply_adds(rounds as usize);
        assert!(
            (computed - expected).abs() <= 1e-9 * expected.abs().max(1.0),
            "{rounds} rounds of multiply-adds on {SUMS} sums add up to {computed}, expected \
             {expected}"
        );
    }
}

//! The machine's floor: the fastest a processor core can do multiply-adds,
//! measured, so that the chapter can say how far the fast form is from it.

// Inlining is what gives each kind of processor its own copy of the loop,
// with its own vector instructions (as for the vector tanh).
#![allow(clippy::inline_always)]

/// The number of running sums: 16 vectors of 8 `f64`, enough to keep every
/// multiply-add unit of a core busy while each sum waits for its last
/// result (a multiply-add takes about 4 cycles, and a core starts up to two
/// a cycle).
pub const SUMS: usize = 128;

/// Each multiply-add of [`multiply_adds`] is `sum ← sum · FACTOR + STEP`.
pub const FACTOR: f64 = 0.999_999;
/// See [`FACTOR`].
pub const STEP: f64 = 1e-6;

// ANCHOR: multiply_adds
/// `rounds` times, one multiply-add on each of [`SUMS`] running sums, with
/// the widest vector instructions this processor has: `2 · SUMS · rounds`
/// floating-point operations, and nothing else. Returns the sum of the
/// sums, so that the compiler cannot leave the work out.
///
/// Sum `k` starts at `k / 1000`. The sums never depend on each other, so
/// the processor can run as many multiply-adds at once as it has units
/// for: the fastest any arithmetic can go on one core.
#[must_use]
pub fn multiply_adds(rounds: usize) -> f64 {
    pulp::Arch::new().dispatch(MultiplyAdds(rounds))
}

struct MultiplyAdds(usize);

impl pulp::WithSimd for MultiplyAdds {
    type Output = f64;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> f64 {
        let mut sums = [0.0_f64; SUMS];
        for (k, sum) in sums.iter_mut().enumerate() {
            *sum = k as f64 / 1000.0;
        }
        for _ in 0..self.0 {
            for sum in &mut sums {
                *sum = sum.mul_add(FACTOR, STEP);
            }
        }
        sums.iter().sum()
    }
}
// ANCHOR_END: multiply_adds

//! tanh for a whole array at once, written so that the compiler can turn
//! the loop into vector instructions: the same few multiplications, one
//! division and one choice for every number, with no call into the C
//! library and no branch that depends on the value.
//!
//! `f64::tanh` calls the C library's `tanh`, one number per call, each
//! call a chain of tests on the value (tiny, small, large, infinite,
//! NaN) and a separate routine for each case: the processor cannot work
//! on 8 numbers at a time through it. [`tanh`] computes every number the
//! same way, and [`tanh_in_place`] runs it over a slice with the widest
//! vector instructions the processor has, found out when the program
//! runs.

// Inlining is what lets each kind of processor get its own copy of the
// loop, with its own vector instructions (see `TanhOfEach`).
#![allow(clippy::inline_always)]

// ANCHOR: constants
/// Below this `|x|`, tanh is a ratio of two polynomials in `x²`; from it
/// on, it is computed from `e^(-2|x|)`.
const SMALL: f64 = 0.625;

/// Above this `|x|`, tanh rounds to ±1 in `f64`: `1 - tanh(20)` is about
/// `8.5e-18`, less than half the gap between 1 and the `f64` below it.
const LARGE: f64 = 20.0;

/// The ratio for `|x| < 0.625`: `tanh x = x + x s P(s) / Q(s)` with
/// `s = x²`, from Stephen Moshier's Cephes library. `P(s) / Q(s)` is
/// `-1/3` at `s = 0`: the series `tanh x = x - x³/3 + ...`.
const P: [f64; 3] = [
    -9.643_991_794_250_523e-1,
    -9.928_772_310_019_185e1,
    -1.614_687_684_417_084_5e3,
];
/// `Q(s) = s³ + Q[0] s² + Q[1] s + Q[2]`.
const Q: [f64; 3] = [
    1.128_116_784_916_329_3e2,
    2.235_488_390_601_004_5e3,
    4.844_063_053_251_255e3,
];

/// `1/13!, 1/12!, ..., 1/1!, 1/0!`: the Taylor series of `e^r`, highest
/// power first, as Horner's rule takes them.
const EXP_SERIES: [f64; 14] = [
    1.605_904_383_682_161_3e-10,
    2.087_675_698_786_81e-9,
    2.505_210_838_544_172e-8,
    2.755_731_922_398_589e-7,
    2.755_731_922_398_589_3e-6,
    2.480_158_730_158_73e-5,
    1.984_126_984_126_984e-4,
    1.388_888_888_888_889e-3,
    8.333_333_333_333_333e-3,
    4.166_666_666_666_666_4e-2,
    1.666_666_666_666_666_6e-1,
    0.5,
    1.0,
    1.0,
];

/// `ln 2` in two parts: the first has only 12 significant bits, so
/// `k · LN2_HIGH` is exact for every whole number `k` up to `2^41`.
const LN2_HIGH: f64 = 6.931_457_519_531_25e-1;
const LN2_LOW: f64 = 1.428_606_820_309_417_2e-6;

/// `1.5 · 2^52`: adding it to a number below `2^51` in size rounds that
/// number to a whole one, and leaves the whole number in the low bits.
const ROUND: f64 = 6_755_399_441_055_744.0;
// ANCHOR_END: constants

// ANCHOR: exp
/// `e^t` for `t` from -40 to 0, with the same operations for every `t`.
///
/// Write `t = k ln 2 + r` with `k` a whole number and `|r| ≤ ln 2 / 2`;
/// then `e^t = 2^k e^r`. `e^r` is 14 terms of its Taylor series (the
/// next one is below `4e-18`), and `2^k` is built from its bits: an `f64`
/// is `2^(exponent - 1023)` times its mantissa, so the number whose
/// exponent field is `k + 1023` and whose mantissa is 1 is `2^k`.
///
/// `a.mul_add(b, c)` is `a · b + c` rounded once instead of twice: a
/// fused multiply-add, one instruction on every x86-64 processor with
/// AVX2 (the C library's `fma` otherwise, with the same result).
#[inline(always)]
fn exp(t: f64) -> f64 {
    let shifted = t * std::f64::consts::LOG2_E + ROUND;
    let k = shifted - ROUND;
    let r = (t - k * LN2_HIGH) - k * LN2_LOW;
    let mut series: f64 = 0.0;
    for coefficient in EXP_SERIES {
        series = series.mul_add(r, coefficient);
    }
    // The low bits of `shifted` hold k (as a two's-complement number,
    // since k ≤ 0): k + 1023, moved into the exponent field, is 2^k.
    let exponent = shifted.to_bits().wrapping_sub(ROUND.to_bits());
    series * f64::from_bits(exponent.wrapping_add(1023) << 52)
}
// ANCHOR_END: exp

// ANCHOR: tanh
/// `tanh x`, within 2 ulps of `f64::tanh` for every `f64` (see the
/// chapter's test `the_vector_tanh_is_within_2_ulps_of_f64_tanh`);
/// `tanh(±0) = ±0`, `tanh(±∞) = ±1`, `tanh(NaN) = NaN`.
///
/// tanh is odd, `tanh(-x) = -tanh x`, so compute it for `a = |x|` and
/// give the result the sign of `x`. Both forms are a number plus a
/// fraction: for `a < 0.625`, Cephes' `a + a s P / Q`; above,
/// `1 - 2e / (1 + e)` with `e = e^(-2a)`, which is
/// `tanh a = (1 - e) / (1 + e)` rewritten so that the small part is added
/// last. Both are computed for every number and one of them is kept: a
/// choice between two results, not a jump, which vector instructions can
/// make for 8 numbers at once, with one division for both.
#[inline(always)]
#[must_use]
pub fn tanh(x: f64) -> f64 {
    let a = x.abs();
    // Small a: s = a², P(s) and Q(s) by Horner's rule.
    let s = a * a;
    let p = P[0].mul_add(s, P[1]).mul_add(s, P[2]);
    let q = (s + Q[0]).mul_add(s, Q[1]).mul_add(s, Q[2]);
    // Large a: a NaN stays NaN here (`a.min(LARGE)` would make it 20).
    let e = exp(-2.0 * if a > LARGE { LARGE } else { a });
    let (base, numerator, denominator) = if a < SMALL {
        (a, a * s * p, q)
    } else {
        (1.0, -2.0 * e, 1.0 + e)
    };
    (base + numerator / denominator).copysign(x)
}
// ANCHOR_END: tanh

// ANCHOR: tanh_in_place
/// Replace every number of `values` by its [`tanh`], with the widest
/// vector instructions this processor has.
///
/// A program compiled for any x86-64 processor may use only the
/// instructions every one of them has: vectors of 2 `f64`. `pulp`'s
/// `Arch::new()` asks the processor, when the program runs, which ones
/// it has, and `dispatch` runs `TanhOfEach` compiled for the best of
/// them (vectors of 8 `f64` with AVX-512, of 4 with AVX2, else 2).
pub fn tanh_in_place(values: &mut [f64]) {
    pulp::Arch::new().dispatch(TanhOfEach(values));
}

/// The loop of [`tanh_in_place`], as a type `pulp` can compile once for
/// each kind of processor: `with_simd` is generic over the kind `S`, and
/// `#[inline(always)]` makes the compiler copy the loop, with [`tanh`]
/// and [`exp`] in it, into each of pulp's functions for one kind, where
/// it may use that kind's instructions.
struct TanhOfEach<'a>(&'a mut [f64]);

impl pulp::WithSimd for TanhOfEach<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        for value in self.0 {
            *value = tanh(*value);
        }
    }
}
// ANCHOR_END: tanh_in_place

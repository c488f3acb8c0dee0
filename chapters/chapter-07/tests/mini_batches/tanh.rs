//! The vector tanh of `src/tanh.rs`: how far it is from `f64::tanh`, in
//! units in the last place (ulps), over random numbers of every size and
//! the edge cases, and that the slice form gives the same numbers.

use chapter_07::tanh::{tanh, tanh_in_place};
use chapter_07::testing::proptest_config;
use proptest::prelude::*;

/// The bound, in ulps of `f64::tanh(x)`, that holds for every `f64` `x`.
const ULPS: u64 = 2;

/// How many `f64` lie between `a` and `b` (0 if they are the same number;
/// `-0.0` and `0.0` count as the same). Both must be numbers.
fn ulps_apart(a: f64, b: f64) -> u64 {
    // Ordered so that the next f64 up is the next integer up: the bits of a
    // positive f64 grow with it, those of a negative one fall.
    let ordered = |x: f64| {
        let bits = x.to_bits().cast_signed();
        if bits < 0 { i64::MIN - bits } else { bits }
    };
    ordered(a).abs_diff(ordered(b))
}

fn assert_close(x: f64) {
    let (fast, exact) = (tanh(x), x.tanh());
    let apart = ulps_apart(fast, exact);
    assert!(
        apart <= ULPS,
        "tanh({x:e}) is {fast:e}, f64::tanh gives {exact:e}: {apart} ulps apart, at most {ULPS} \
         allowed"
    );
}

#[test]
fn ulps_count_the_f64_in_between() {
    assert_eq!(ulps_apart(1.0, 1.0), 0);
    assert_eq!(ulps_apart(1.0, 1.0 + f64::EPSILON), 1);
    assert_eq!(ulps_apart(-0.0, 0.0), 0);
    assert_eq!(ulps_apart(-f64::from_bits(1), f64::from_bits(1)), 2);
    assert_eq!(ulps_apart(0.5, 0.5 - f64::EPSILON / 4.0), 1);
}

#[test]
fn zero_tiny_large_infinite_and_nan() {
    for x in [0.0, -0.0] {
        assert_eq!(
            tanh(x).to_bits(),
            x.to_bits(),
            "tanh({x}) keeps the sign of 0"
        );
    }
    for x in [
        f64::from_bits(1),
        f64::MIN_POSITIVE,
        1e-300,
        1e-20,
        1e-8,
        0.1,
        0.624_999_999_999_999_9,
        0.625,
        0.7,
        1.0,
        3.0,
        19.0,
        19.5,
        20.0,
        20.5,
        700.0,
        1e300,
        f64::MAX,
    ] {
        assert_close(x);
        assert_close(-x);
    }
    assert_eq!(tanh(f64::INFINITY), 1.0, "tanh(∞)");
    assert_eq!(tanh(f64::NEG_INFINITY), -1.0, "tanh(-∞)");
    assert_eq!(tanh(25.0), 1.0, "tanh(25) rounds to 1");
    assert!(tanh(f64::NAN).is_nan(), "tanh(NaN) is {}", tanh(f64::NAN));
}

/// 0.625 itself takes the exponential form, as `SMALL`'s documentation
/// says ("from it on"): 0.5545997223493824, 1 ulp above the ratio's
/// 0.5545997223493823 (which is `f64::tanh`'s).
#[test]
fn the_switch_to_the_exponential_form_is_at_0_625_itself() {
    assert_eq!(tanh(0.625), 0.554_599_722_349_382_4, "tanh(0.625)");
    assert_eq!(tanh(-0.625), -0.554_599_722_349_382_4, "tanh(-0.625)");
}

#[test]
fn the_slice_form_gives_the_same_numbers_as_one_at_a_time() {
    // 37 numbers: whole vectors of 8, 4 and 2, and a few left over.
    let values: Vec<f64> = (0..37).map(|k| f64::from(k) * 0.37 - 6.5).collect();
    let mut in_place = values.clone();
    in_place.push(f64::NAN);
    tanh_in_place(&mut in_place);
    for (k, (&x, &y)) in values.iter().zip(&in_place).enumerate() {
        assert_eq!(
            y.to_bits(),
            tanh(x).to_bits(),
            "entry {k}: tanh({x}) is {y}"
        );
    }
    assert!(in_place[37].is_nan(), "the NaN at the end stays NaN");
}

/// 100,000 evenly spaced numbers where the exponential form is used, 0.6 to
/// 20.6. A form that loses a little more, such as `1 - 2e / (1 + e)` with
/// `e = e^(2a)` instead of `e^(-2a)` (the same number in exact arithmetic,
/// since tanh is odd), is 3 or 4 ulps away at about 1 number in 1,500.
#[test]
fn a_sweep_from_0_6_to_20_6_stays_within_2_ulps() {
    for k in 0..100_000 {
        assert_close(0.6 + f64::from(k) * 2e-4);
    }
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Every size of number: a random mantissa times 2^e, e from -1074 to
    /// 10, and either sign.
    #[test]
    fn the_vector_tanh_is_within_2_ulps_of_f64_tanh(
        mantissa in 1.0f64..2.0,
        exponent in -1074i32..10,
        negative in any::<bool>(),
    ) {
        let x = mantissa * 2f64.powi(exponent);
        let x = if negative { -x } else { x };
        let apart = ulps_apart(tanh(x), x.tanh());
        prop_assert!(apart <= ULPS, "tanh({x:e}): {} against {}, {apart} ulps", tanh(x), x.tanh());
    }

    /// Uniformly over the numbers a network meets, -25 to 25.
    #[test]
    fn the_vector_tanh_is_within_2_ulps_of_f64_tanh_from_minus_25_to_25(x in -25.0f64..25.0) {
        let apart = ulps_apart(tanh(x), x.tanh());
        prop_assert!(apart <= ULPS, "tanh({x:e}): {} against {}, {apart} ulps", tanh(x), x.tanh());
    }
}

/// Not a check but a measurement, run with `--ignored --nocapture`: the
/// largest distance found over 10 million numbers.
#[test]
#[ignore = "a measurement: cargo test -p chapter-07 --release -- --ignored largest_distance"]
fn largest_distance() {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut worst = (0, 0.0);
    for k in 0..10_000_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
        let x = if k % 2 == 0 {
            unit * 50.0 - 25.0
        } else {
            (unit * 2.0 - 1.0) * 2f64.powf(unit * 20.0 - 15.0)
        };
        let apart = ulps_apart(tanh(x), x.tanh());
        if apart > worst.0 {
            worst = (apart, x);
        }
    }
    println!("largest distance: {} ulps, at x = {:e}", worst.0, worst.1);
}

//! "Nice" tick positions for numeric axes.
//!
//! An axis from 0.013 to 0.87 reads best with ticks at 0, 0.2, 0.4, ...,
//! 1.0: round steps of 1, 2 or 5 times a power of ten, and an axis range
//! that starts and ends on a tick. This is the classic algorithm from Paul
//! Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990).

use crate::svg::fixed;

/// Tick positions for an axis showing `min..=max`, about `target` of them.
///
/// The step between ticks is 1, 2 or 5 times a power of ten, the first tick
/// is at or below `min` and the last at or above `max`, so the ticks also
/// give the axis its range. The arguments may come in either order; when
/// `min == max` the range is widened around that value. Returns an empty
/// vector when either bound is not finite. `target` is treated as at
/// least 2.
///
/// ```
/// assert_eq!(plots::nice_ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
/// assert_eq!(plots::nice_ticks(0.13, 0.87, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
/// ```
#[must_use]
pub fn nice_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() {
        return Vec::new();
    }
    let (min, max) = widen(min.min(max), min.max(max));
    let target = target.max(2);
    let range = nice_number(max - min, false);
    let (mantissa, exponent) = nice_step(range / (target - 1) as f64);
    let step = mantissa * 10f64.powi(exponent);
    // A little slack so that rounding (0.3 / 0.1 = 2.9999999999999996)
    // does not add a tick.
    let first = (min / step + 1e-9).floor() as i64;
    let last = (max / step - 1e-9).ceil() as i64;
    (first..=last)
        .map(|k| tick_value(k, mantissa, exponent))
        .collect()
}

/// How many decimals tick labels need when ticks are `step` apart
/// (0 for a step of 1, 2 or 5; 1 for 0.1, 0.2 or 0.5; and so on).
pub(crate) fn decimals_for_step(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    let power = (step.log10() + 1e-9).floor();
    if power >= 0.0 { 0 } else { (-power) as usize }
}

/// Labelled ticks for an axis that shows exactly `lo..=hi` (finite, `lo <
/// hi`), about `target` of them, and the decimals their labels have: the
/// nice ticks that fall inside the range, or just its two ends (with one
/// decimal more than their distance needs) when fewer than two do.
pub(crate) fn ticks_inside(lo: f64, hi: f64, target: usize) -> (Vec<(f64, String)>, usize) {
    let slack = (hi - lo) * 1e-9;
    let inside: Vec<f64> = nice_ticks(lo, hi, target)
        .into_iter()
        .filter(|&t| t >= lo - slack && t <= hi + slack)
        .collect();
    if inside.len() >= 2 {
        let decimals = decimals_for_step(inside[1] - inside[0]);
        let labelled = inside.iter().map(|&t| (t, fixed(t, decimals))).collect();
        (labelled, decimals)
    } else {
        let decimals = decimals_for_step(hi - lo) + 1;
        (
            vec![(lo, fixed(lo, decimals)), (hi, fixed(hi, decimals))],
            decimals,
        )
    }
}

/// Gives an empty range some width, so that it can still be drawn.
fn widen(min: f64, max: f64) -> (f64, f64) {
    if min < max {
        (min, max)
    } else if min == 0.0 {
        (-1.0, 1.0)
    } else {
        let half = min.abs() * 0.1;
        (min - half, max + half)
    }
}

/// A round number near `x`: 1, 2, 5 or 10 times a power of ten, at least `x`.
fn nice_number(x: f64, round: bool) -> f64 {
    let (mantissa, exponent) = split(x, round);
    mantissa * 10f64.powi(exponent)
}

/// The tick step: 1, 2 or 5 times a power of ten, the closest to `x`.
fn nice_step(x: f64) -> (f64, i32) {
    let (mantissa, exponent) = split(x, true);
    if mantissa == 10.0 {
        (1.0, exponent + 1)
    } else {
        (mantissa, exponent)
    }
}

/// Splits `x` into a nice mantissa (1, 2, 5 or 10) and a power of ten.
/// With `round`, the mantissa is the closest; without, the next one up.
fn split(x: f64, round: bool) -> (f64, i32) {
    let exponent = x.log10().floor() as i32;
    let fraction = x / 10f64.powi(exponent);
    let mantissa = if round {
        match fraction {
            f if f < 1.5 => 1.0,
            f if f < 3.0 => 2.0,
            f if f < 7.0 => 5.0,
            _ => 10.0,
        }
    } else {
        match fraction {
            f if f <= 1.0 => 1.0,
            f if f <= 2.0 => 2.0,
            f if f <= 5.0 => 5.0,
            _ => 10.0,
        }
    };
    (mantissa, exponent)
}

/// `k * mantissa * 10^exponent`, computed so that 3 steps of 0.1 give
/// exactly 0.3 rather than 0.30000000000000004.
fn tick_value(k: i64, mantissa: f64, exponent: i32) -> f64 {
    let units = k as f64 * mantissa;
    if exponent >= 0 {
        units * 10f64.powi(exponent)
    } else {
        units / 10f64.powi(-exponent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_range_with_round_steps() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(nice_ticks(0.0, 1.0, 6), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(0.3, 0.7, 5), vec![0.3, 0.4, 0.5, 0.6, 0.7]);
        assert_eq!(nice_ticks(-3.0, 7.0, 3), vec![-5.0, 0.0, 5.0, 10.0]);
        assert_eq!(
            nice_ticks(0.0, 1000.0, 5),
            vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]
        );
    }

    #[test]
    fn ticks_start_at_or_below_min_and_end_at_or_above_max() {
        for (min, max) in [
            (0.013, 0.87),
            (-2.5, 3.1),
            (1.0e-4, 3.0e-4),
            (17.0, 9999.0),
            (-7.0, -6.5),
        ] {
            let ticks = nice_ticks(min, max, 6);
            assert!(
                ticks.len() >= 2 && ticks.len() <= 12,
                "{min}..{max}: {ticks:?}"
            );
            assert!(
                ticks[0] <= min && *ticks.last().unwrap() >= max,
                "{min}..{max}: {ticks:?}"
            );
            assert!(ticks.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn reversed_and_empty_ranges_still_give_ticks() {
        assert_eq!(nice_ticks(10.0, 0.0, 5), nice_ticks(0.0, 10.0, 5));
        assert_eq!(nice_ticks(0.0, 0.0, 3), vec![-1.0, 0.0, 1.0]);
        let around_five = nice_ticks(5.0, 5.0, 5);
        assert!(around_five[0] < 5.0 && *around_five.last().unwrap() > 5.0);
    }

    #[test]
    fn non_finite_bounds_give_no_ticks() {
        assert!(nice_ticks(f64::NAN, 1.0, 5).is_empty());
        assert!(nice_ticks(0.0, f64::INFINITY, 5).is_empty());
    }

    #[test]
    fn decimals_follow_the_step() {
        assert_eq!(decimals_for_step(5.0), 0);
        assert_eq!(decimals_for_step(1.0), 0);
        assert_eq!(decimals_for_step(0.5), 1);
        assert_eq!(decimals_for_step(0.1), 1);
        assert_eq!(decimals_for_step(0.02), 2);
        assert_eq!(decimals_for_step(0.001), 3);
    }
}

//! The axes that [`BarChart`](crate::BarChart) and
//! [`StripChart`](crate::StripChart) share: a numeric value axis up the
//! left, with grid lines across, and a row of named categories (bars or
//! groups) along the bottom, each axis with its title.

use crate::error::PlotError;
use crate::heatmap::{LABEL_FONT, TICK_FONT, axis_label_room};
use crate::svg::{AXIS, FAINT, Paint, Part, Svg, fixed};
use crate::ticks::{decimals_for_step, nice_ticks, ticks_inside};

/// The smallest plot area, either way, worth drawing, in px.
const MIN_PLOT: f64 = 40.0;

/// A vertical axis of values: the range it shows and its labelled ticks.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ValueAxis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<(f64, String)>,
    /// How many decimals the tick labels have.
    pub decimals: usize,
}

impl ValueAxis {
    /// An axis showing `range` exactly when one is given, else one that
    /// starts and ends on nice ticks around the data's `(min, max)`;
    /// about `target` ticks either way.
    pub(crate) fn new((min, max): (f64, f64), range: Option<(f64, f64)>, target: usize) -> Self {
        if let Some((lo, hi)) = range {
            let (ticks, decimals) = ticks_inside(lo, hi, target);
            return ValueAxis {
                lo,
                hi,
                ticks,
                decimals,
            };
        }
        let ticks = nice_ticks(min, max, target);
        let decimals = decimals_for_step(ticks[1] - ticks[0]);
        ValueAxis {
            lo: ticks[0],
            hi: ticks[ticks.len() - 1],
            ticks: ticks.iter().map(|&t| (t, fixed(t, decimals))).collect(),
            decimals,
        }
    }

    /// Where `value` lies along the axis, from 0 (bottom) to 1 (top).
    pub(crate) fn fraction(&self, value: f64) -> f64 {
        (value - self.lo) / (self.hi - self.lo)
    }
}

/// Why a range given with `.y_range(lo, hi)` cannot be used, if it cannot.
pub(crate) fn range_problem(range: Option<(f64, f64)>) -> Option<String> {
    match range {
        Some((lo, hi)) if !(lo.is_finite() && hi.is_finite() && lo < hi) => Some(format!(
            "the y range needs finite lo < hi, got lo = {lo}, hi = {hi}"
        )),
        _ => None,
    }
}

/// Where a chart's parts go, in px: the plot area, and the edges of the
/// box it was laid out in (the axis titles sit against them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Plot {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    outer_left: f64,
    outer_bottom: f64,
}

impl Plot {
    /// The plot area inside the box `(left, top, right, bottom)`, leaving
    /// room on the left for `axis`'s tick labels and the y title, and
    /// below for one row of category names and the x title. Errors, with
    /// `describe` and the chart's `size` in the message, when too little
    /// room is left.
    pub(crate) fn inside(
        (left, top, right, bottom): (f64, f64, f64, f64),
        axis: &ValueAxis,
        (x_label, y_label): (&str, &str),
        describe: &str,
        (width, height): (u32, u32),
    ) -> Result<Plot, PlotError> {
        let widest_tick = axis
            .ticks
            .iter()
            .map(|(_, label)| TICK_FONT.width(label))
            .fold(0.0, f64::max);
        let plot = Plot {
            left: left + axis_label_room(y_label) + widest_tick + 8.0,
            right: right - 4.0,
            // Half a tick label above the top tick.
            top: top + TICK_FONT.size / 2.0,
            bottom: bottom - axis_label_room(x_label) - TICK_FONT.size - 8.0,
            outer_left: left,
            outer_bottom: bottom,
        };
        if plot.right - plot.left < MIN_PLOT || plot.bottom - plot.top < MIN_PLOT {
            return Err(PlotError::new(format!(
                "{describe}: a size of {width} x {height} px leaves no room for the plot; make it \
                 larger with .size(width, height)"
            )));
        }
        Ok(plot)
    }

    /// The height in px of `value` on `axis`.
    pub(crate) fn y(&self, axis: &ValueAxis, value: f64) -> f64 {
        self.bottom - axis.fraction(value) * (self.bottom - self.top)
    }

    /// The middle of the `index`th of `count` equal columns.
    pub(crate) fn column_center(&self, index: usize, count: usize) -> f64 {
        self.left + (index as f64 + 0.5) * self.column_width(count)
    }

    /// The width of one of `count` equal columns.
    pub(crate) fn column_width(&self, count: usize) -> f64 {
        (self.right - self.left) / count as f64
    }

    /// Grid lines across the plot at `axis`'s ticks, the tick labels, the
    /// left axis line and `y_label` up the left side.
    pub(crate) fn draw_value_axis(&self, svg: &mut Svg, axis: &ValueAxis, y_label: &str) {
        for (value, label) in &axis.ticks {
            let y = self.y(axis, *value);
            svg.line((self.left, y), (self.right, y), Paint::stroke(FAINT, 1.0));
            svg.line(
                (self.left - 4.0, y),
                (self.left, y),
                Paint::stroke(AXIS, 1.0),
            );
            svg.axis_text(
                Part::YTick,
                self.left - 7.0,
                TICK_FONT.centered_baseline(y),
                label,
                &TICK_FONT.end(),
            );
        }
        svg.line(
            (self.left, self.top),
            (self.left, self.bottom),
            Paint::stroke(AXIS, 1.0),
        );
        svg.axis_text_vertical(
            Part::YTitle,
            self.outer_left + LABEL_FONT.size - 2.0,
            f64::midpoint(self.top, self.bottom),
            y_label,
            &LABEL_FONT,
        );
    }

    /// The bottom axis line, one name under each of `names.len()` equal
    /// columns, and `x_label` under them. A name given a colour is written
    /// bold in it. When the names are too wide for their columns, only
    /// every second (third, ...) is written, and always the coloured ones.
    pub(crate) fn draw_category_axis(
        &self,
        svg: &mut Svg,
        names: &[(&str, Option<&'static str>)],
        x_label: &str,
    ) {
        svg.line(
            (self.left, self.bottom),
            (self.right, self.bottom),
            Paint::stroke(AXIS, 1.0),
        );
        let widest = names
            .iter()
            .map(|(name, _)| TICK_FONT.width(name))
            .fold(0.0, f64::max);
        let every = ((widest + 6.0) / self.column_width(names.len()))
            .ceil()
            .max(1.0) as usize;
        let baseline = self.bottom + 6.0 + TICK_FONT.size;
        for (index, (name, color)) in names.iter().enumerate() {
            let font = match color {
                Some(color) => TICK_FONT.middle().bold().color(color),
                None if index % every == 0 => TICK_FONT.middle(),
                None => continue,
            };
            let x = self.column_center(index, names.len());
            svg.axis_text(Part::XTick, x, baseline, name, &font);
        }
        svg.axis_text(
            Part::XTitle,
            f64::midpoint(self.left, self.right),
            self.outer_bottom,
            x_label,
            &LABEL_FONT,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_range_is_shown_exactly_with_nice_ticks_inside() {
        let axis = ValueAxis::new((0.2, 0.4), Some((0.0, 1.0)), 3);
        assert_eq!((axis.lo, axis.hi), (0.0, 1.0));
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["0.0", "0.5", "1.0"]);
        assert_eq!(axis.decimals, 1);
    }

    #[test]
    fn without_a_range_the_axis_ends_on_ticks_around_the_data() {
        let axis = ValueAxis::new((91.3, 95.8), None, 5);
        assert!(axis.lo <= 91.3 && axis.hi >= 95.8, "{axis:?}");
        assert_eq!(axis.ticks.first().unwrap().0, axis.lo);
        assert_eq!(axis.ticks.last().unwrap().0, axis.hi);
        assert_eq!(axis.fraction(axis.lo), 0.0);
        assert_eq!(axis.fraction(axis.hi), 1.0);
    }

    #[test]
    fn bad_ranges_are_named() {
        assert_eq!(range_problem(None), None);
        assert_eq!(range_problem(Some((0.0, 1.0))), None);
        for bad in [
            (1.0, 1.0),
            (2.0, 1.0),
            (f64::NAN, 1.0),
            (0.0, f64::INFINITY),
        ] {
            let problem = range_problem(Some(bad)).unwrap();
            assert!(problem.contains("finite lo < hi"), "{problem}");
        }
    }

    #[test]
    fn a_box_too_small_for_a_plot_is_an_error_naming_the_chart() {
        let axis = ValueAxis::new((0.0, 1.0), None, 3);
        let labels = ("x", "y");
        let plot = Plot::inside((0.0, 0.0, 300.0, 200.0), &axis, labels, "c", (300, 200));
        let plot = plot.unwrap();
        assert!(plot.left > 0.0 && plot.right < 300.0 && plot.bottom < 200.0);
        let error = Plot::inside(
            (0.0, 0.0, 60.0, 200.0),
            &axis,
            labels,
            "chart \"c\"",
            (60, 200),
        )
        .unwrap_err();
        assert!(
            error
                .message()
                .contains("chart \"c\": a size of 60 x 200 px"),
            "{error}"
        );
    }
}

//! Strip charts: the values of a few groups as dots, one column per group,
//! with each group's median marked and written.

use crate::axes::{Plot, ValueAxis, range_problem};
use crate::error::PlotError;
use crate::heatmap::TICK_FONT;
use crate::svg::{BELOW_TITLE, Font, INK, MARGIN, PALETTE, PAPER, Paint, Svg, fixed};
use crate::swarm::{median, swarm};

/// Radius of a dot, in px.
const DOT_RADIUS: f64 = 5.0;
/// Font of the median's value.
const MEDIAN_FONT: Font = Font::sans(12.0);

/// A strip chart (a dot plot of a few groups): each value a dot in its
/// group's column, dots that would cover each other moved sideways until
/// none does, and each group's median marked with a short line and its
/// value written beside it. The y axis has "nice" ticks and a title; the
/// group names stand under the columns, above the x axis's title.
///
/// Made for comparing set-ups over several runs: the test accuracy of ten
/// seeds each, say, so that a reader sees how far the runs spread and not
/// only one number.
///
/// ```
/// use plots::StripChart;
///
/// let svg = StripChart::new("Ten seeds each", "set-up", "test accuracy (%)")
///     .group("tanh + mean squared error", &[93.1, 94.0, 92.5, 94.0, 93.6])
///     .group("softmax + cross-entropy", &[96.2, 95.8, 96.9, 96.2, 96.4])
///     .to_svg()?;
/// assert_eq!(svg.matches("<circle").count(), 10);
/// assert!(svg.contains(">median 96.2</text>"));
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct StripChart {
    title: String,
    x_label: String,
    y_label: String,
    groups: Vec<Group>,
    y_range: Option<(f64, f64)>,
    decimals: Option<usize>,
    width: u32,
    height: u32,
}

/// One named list of values, and its colour if one was chosen.
#[derive(Clone, Debug)]
struct Group {
    name: String,
    values: Vec<f64>,
    color: Option<&'static str>,
}

impl StripChart {
    /// An empty chart with a title and titles for the x axis (what the
    /// groups are) and the y axis (what the values measure); any of them
    /// may be empty, but an axis without a title says nothing.
    #[must_use]
    pub fn new(title: &str, x_label: &str, y_label: &str) -> Self {
        StripChart {
            title: title.to_string(),
            x_label: x_label.to_string(),
            y_label: y_label.to_string(),
            groups: Vec::new(),
            y_range: None,
            decimals: None,
            width: 480,
            height: 360,
        }
    }

    /// Add a group: its name, written under its column, and its values.
    /// The `k`th group gets the colour `PALETTE[k]` (they cycle).
    #[must_use]
    pub fn group(mut self, name: &str, values: &[f64]) -> Self {
        self.groups.push(Group {
            name: name.to_string(),
            values: values.to_vec(),
            color: None,
        });
        self
    }

    /// Add a group drawn in `color` (a CSS colour such as one of
    /// [`PALETTE`]), whatever its place: so that one set-up has the same
    /// colour in every figure.
    #[must_use]
    pub fn group_colored(mut self, name: &str, values: &[f64], color: &'static str) -> Self {
        self.groups.push(Group {
            name: name.to_string(),
            values: values.to_vec(),
            color: Some(color),
        });
        self
    }

    /// Show exactly `lo..=hi` on the y axis (say 0 to 100 for a
    /// percentage), instead of a range fitted to the values. A value
    /// outside it is an error.
    #[must_use]
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = Some((lo, hi));
        self
    }

    /// Write the medians with this many decimals (the default is one more
    /// than the y axis's tick labels have).
    #[must_use]
    pub fn decimals(mut self, decimals: usize) -> Self {
        self.decimals = Some(decimals);
        self
    }

    /// Size in px, default 480 x 360.
    #[must_use]
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = width;
        self.height = height;
        self
    }

    /// Render the chart as an SVG document.
    ///
    /// Errors when there is no group, a group is empty, a value is not
    /// finite (naming the group and value index) or lies outside the y
    /// range, the y range is not finite with `lo < hi`, or the size leaves
    /// no room for the plot or for the group names under their columns.
    pub fn to_svg(&self) -> Result<String, PlotError> {
        let axis = self.check()?;
        let (width, height) = (f64::from(self.width), f64::from(self.height));
        let top = if self.title.is_empty() {
            MARGIN
        } else {
            BELOW_TITLE
        };
        let labels = (self.x_label.as_str(), self.y_label.as_str());
        let bounds = (MARGIN, top, width - MARGIN, height - MARGIN);
        let size = (self.width, self.height);
        let plot = Plot::inside(bounds, &axis, labels, &self.describe(), size)?;
        let count = self.groups.len();
        let column = plot.column_width(count);
        if let Some(group) = (self.groups.iter()).find(|g| TICK_FONT.width(&g.name) > column - 6.0)
        {
            return Err(PlotError::new(format!(
                "{}: the name of group \"{}\" is wider than its column ({column:.0} px); make the \
                 chart wider with .size(width, height)",
                self.describe(),
                group.name
            )));
        }

        let mut svg = Svg::new(width, height);
        svg.title(width / 2.0, &self.title);
        plot.draw_value_axis(&mut svg, &axis, &self.y_label);
        let decimals = self.decimals.unwrap_or(axis.decimals + 1);
        for (index, group) in self.groups.iter().enumerate() {
            let center = plot.column_center(index, count);
            let color = group.color.unwrap_or(PALETTE[index % PALETTE.len()]);
            let ys: Vec<f64> = group.values.iter().map(|&v| plot.y(&axis, v)).collect();
            let offsets = swarm(&ys, DOT_RADIUS);
            let spread = offsets
                .iter()
                .fold(0.0, |widest: f64, x| widest.max(x.abs()));
            let half = (spread + DOT_RADIUS + 6.0).max(18.0);
            let median = median(&group.values);
            let y = plot.y(&axis, median);
            // The line first: a dot on the median stays in sight on top of it.
            svg.line(
                (center - half, y),
                (center + half, y),
                Paint::stroke(INK, 2.5),
            );
            let dot = Paint::fill(color).with_stroke(PAPER, 1.0);
            for (&dot_y, &offset) in ys.iter().zip(&offsets) {
                svg.circle(center + offset, dot_y, DOT_RADIUS, dot);
            }
            let text = format!("median {}", fixed(median, decimals));
            svg.text_on_card(center + half + 6.0, y, &text, &MEDIAN_FONT);
        }
        let names: Vec<(&str, Option<&'static str>)> = self
            .groups
            .iter()
            .map(|g| (g.name.as_str(), None))
            .collect();
        plot.draw_category_axis(&mut svg, &names, &self.x_label);
        Ok(svg.finish())
    }

    /// Names the chart in error messages.
    fn describe(&self) -> String {
        format!("strip chart \"{}\"", self.title)
    }

    /// Checks the data and settles the y axis.
    fn check(&self) -> Result<ValueAxis, PlotError> {
        let fail = |problem: String| Err(PlotError::new(format!("{}: {problem}", self.describe())));
        if self.groups.is_empty() {
            return fail("no groups to draw; add one with .group(name, values)".into());
        }
        if let Some(problem) = range_problem(self.y_range) {
            return fail(problem);
        }
        for group in &self.groups {
            if group.values.is_empty() {
                return fail(format!("group \"{}\" has no values", group.name));
            }
            if let Some(index) = group.values.iter().position(|v| !v.is_finite()) {
                return fail(format!(
                    "group \"{}\" has a non-finite value at index {index} ({})",
                    group.name, group.values[index]
                ));
            }
            if let Some((lo, hi)) = self.y_range
                && let Some(index) = group.values.iter().position(|v| !(lo..=hi).contains(v))
            {
                return fail(format!(
                    "group \"{}\" has the value {} at index {index}, outside the y range {lo} to {hi}",
                    group.name, group.values[index]
                ));
            }
        }
        let all = self.groups.iter().flat_map(|g| g.values.iter().copied());
        let (min, max) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        // A little room, so that the highest and lowest dots are not cut
        // in half by the ends of the axis.
        let pad = (max - min) * 0.05;
        let target = ((f64::from(self.height) - 110.0) / 45.0).clamp(3.0, 8.0) as usize;
        Ok(ValueAxis::new((min - pad, max + pad), self.y_range, target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_well_formed, attribute, count};

    const TANH: [f64; 10] = [93.1, 94.0, 92.5, 94.0, 93.6, 94.0, 92.8, 93.3, 94.4, 93.9];
    const SOFTMAX: [f64; 10] = [96.2, 95.8, 96.9, 96.2, 96.4, 96.0, 96.2, 95.5, 96.7, 96.3];

    fn chart() -> StripChart {
        StripChart::new("Ten seeds", "set-up", "test accuracy (%)")
            .group("tanh + mean squared error", &TANH)
            .group("softmax + cross-entropy", &SOFTMAX)
    }

    /// The (cx, cy) of every circle.
    fn dots(svg: &str) -> Vec<(f64, f64)> {
        (svg.split("<circle").skip(1))
            .map(|c| (attribute(c, "cx"), attribute(c, "cy")))
            .collect()
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        assert_eq!(chart().to_svg().unwrap(), chart().to_svg().unwrap());
    }

    #[test]
    fn every_value_is_a_dot_and_every_group_has_its_median_written() {
        let svg = chart().to_svg().unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<circle"), 20);
        assert_eq!(count(&svg, &format!("fill=\"{}\"", PALETTE[0])), 10);
        assert_eq!(count(&svg, &format!("fill=\"{}\"", PALETTE[1])), 10);
        // Ticks 1 apart: the medians get one decimal more.
        assert!(svg.contains(">median 93.8</text>"), "{svg}");
        assert!(svg.contains(">median 96.2</text>"), "{svg}");
        assert_eq!(
            count(&svg, &format!("stroke=\"{INK}\" stroke-width=\"2.5\"")),
            2
        );
        // Each median line is drawn under its group's dots.
        let first_median = svg
            .find(&format!("stroke=\"{INK}\" stroke-width=\"2.5\""))
            .unwrap();
        assert!(first_median < svg.find("<circle").unwrap());
        let svg = chart().decimals(3).to_svg().unwrap();
        assert!(svg.contains(">median 93.750</text>"), "{svg}");
    }

    #[test]
    fn no_dot_covers_another() {
        let svg = chart()
            .group("same", &[95.0; 7])
            .size(720, 360)
            .to_svg()
            .unwrap();
        let dots = dots(&svg);
        for (k, a) in dots.iter().enumerate() {
            for b in &dots[k + 1..] {
                let distance = (a.0 - b.0).hypot(a.1 - b.1);
                assert!(distance >= 2.0 * DOT_RADIUS, "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn both_axes_carry_tick_labels_and_titles() {
        let svg = chart().to_svg().unwrap();
        for element in [
            "class=\"x-tick\">tanh + mean squared error</text>",
            "class=\"x-tick\">softmax + cross-entropy</text>",
            "class=\"x-title\">set-up</text>",
            "class=\"y-tick\">93</text>",
        ] {
            assert!(svg.contains(element), "no {element} in {svg}");
        }
        assert!(
            svg.contains("class=\"y-title\" transform=\"rotate(-90"),
            "{svg}"
        );
        assert!(svg.contains(">test accuracy (%)</text>"));
    }

    #[test]
    fn a_range_and_colours_can_be_chosen() {
        let svg = StripChart::new("", "g", "v")
            .group_colored("a", &[10.0, 20.0], PALETTE[4])
            .group("b", &[30.0])
            .y_range(0.0, 100.0)
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, &format!("fill=\"{}\"", PALETTE[4])), 2);
        assert_eq!(count(&svg, &format!("fill=\"{}\"", PALETTE[1])), 1);
        assert!(
            svg.contains("class=\"y-tick\">0</text>")
                && svg.contains("class=\"y-tick\">100</text>")
        );
    }

    #[test]
    fn names_are_escaped() {
        let svg = StripChart::new("a < b", "x & y", "'v'")
            .group("<g>", &[1.0, 2.0])
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert!(
            svg.contains("a &lt; b") && svg.contains("&lt;g&gt;") && svg.contains("&apos;v&apos;")
        );
    }

    #[test]
    fn missing_groups_empty_groups_and_non_finite_values_are_errors() {
        let error = StripChart::new("s", "", "").to_svg().unwrap_err();
        assert!(
            error.message().contains("strip chart \"s\": no groups"),
            "{error}"
        );
        let error = chart().group("empty", &[]).to_svg().unwrap_err();
        assert!(
            error.message().contains("group \"empty\" has no values"),
            "{error}"
        );
        let error = chart().group("nan", &[1.0, f64::NAN]).to_svg().unwrap_err();
        assert!(
            error
                .message()
                .contains("group \"nan\" has a non-finite value at index 1"),
            "{error}"
        );
    }

    #[test]
    fn values_outside_the_range_and_bad_ranges_are_errors() {
        let error = chart().y_range(0.0, 95.0).to_svg().unwrap_err();
        assert!(
            error.message().contains(
                "group \"softmax + cross-entropy\" has the value 96.2 at index 0, outside the y \
                 range 0 to 95"
            ),
            "{error}"
        );
        let error = chart().y_range(f64::NAN, 1.0).to_svg().unwrap_err();
        assert!(error.message().contains("finite lo < hi"), "{error}");
    }

    #[test]
    fn a_size_too_small_for_the_plot_or_the_names_is_an_error() {
        let error = chart().size(100, 60).to_svg().unwrap_err();
        assert!(error.message().contains("100 x 60 px"), "{error}");
        let error = chart().size(300, 300).to_svg().unwrap_err();
        assert!(
            error.message().contains(
                "the name of group \"tanh + mean squared error\" is wider than its column"
            ),
            "{error}"
        );
    }
}

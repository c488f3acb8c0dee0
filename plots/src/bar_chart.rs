//! Bar charts: one bar per named category, such as the probabilities a
//! network gives the ten digit classes.

use crate::axes::{Plot, ValueAxis, range_problem};
use crate::error::PlotError;
use crate::key::{self, KEY_ROW, draw_key};
use crate::svg::{BELOW_TITLE, MARGIN, PALETTE, Paint, Svg};

/// Colour of the bars that are not highlighted, when some are.
const PLAIN: &str = "#b0b0b0";
/// Share of its column that a bar fills.
const BAR_SHARE: f64 = 0.7;

/// A bar chart: one vertical bar per named category on a value axis with
/// "nice" ticks, both axes titled, and chosen bars highlighted in colours
/// that a key above the bars names.
///
/// Made for the probabilities a network gives the classes of one input:
/// highlight the true class in one colour and a wrong answer in another.
/// A highlighted bar's category name is written bold in its colour too,
/// so the mark shows even when the bar is too short to see. Once any bar
/// is highlighted, the others are grey (unless [`BarChart::color`] says
/// otherwise); without highlights, bars are `PALETTE[0]`.
///
/// A [`Grid`](crate::Grid) can show one beside each of several images,
/// with [`Grid::tile_with_chart`](crate::Grid::tile_with_chart).
///
/// ```
/// use plots::{BarChart, PALETTE};
///
/// let classes: Vec<String> = (0..10).map(|digit| digit.to_string()).collect();
/// let p = [0.01, 0.0, 0.02, 0.04, 0.0, 0.01, 0.0, 0.0, 0.91, 0.01];
/// let svg = BarChart::new("One test image", "class", "probability")
///     .bars(&classes, &p)
///     .y_range(0.0, 1.0)
///     .highlight(3, PALETTE[2], "true class")
///     .highlight(8, PALETTE[1], "wrong answer")
///     .to_svg()?;
/// assert!(svg.contains(">true class</text>") && svg.contains("class=\"y-title\""));
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct BarChart {
    title: String,
    x_label: String,
    y_label: String,
    categories: Vec<String>,
    values: Vec<f64>,
    y_range: Option<(f64, f64)>,
    highlights: Vec<Highlight>,
    color: Option<&'static str>,
    width: u32,
    height: u32,
}

/// A bar drawn in its own colour, and what the key calls that colour.
#[derive(Clone, Debug)]
struct Highlight {
    index: usize,
    color: &'static str,
    name: String,
}

impl BarChart {
    /// An empty chart with a title and titles for the x axis (what the
    /// categories are) and the y axis (what the bars measure); any of them
    /// may be empty, but an axis without a title says nothing.
    #[must_use]
    pub fn new(title: &str, x_label: &str, y_label: &str) -> Self {
        BarChart {
            title: title.to_string(),
            x_label: x_label.to_string(),
            y_label: y_label.to_string(),
            categories: Vec::new(),
            values: Vec::new(),
            y_range: None,
            highlights: Vec::new(),
            color: None,
            width: 480,
            height: 300,
        }
    }

    /// The bars, left to right: one per category, `values[k]` the height
    /// of the bar named `categories[k]` (both must be as long). Replaces
    /// bars given before.
    #[must_use]
    pub fn bars<S: AsRef<str>>(mut self, categories: &[S], values: &[f64]) -> Self {
        self.categories = categories.iter().map(|c| c.as_ref().to_string()).collect();
        self.values = values.to_vec();
        self
    }

    /// Show exactly `lo..=hi` on the y axis (say 0 to 1 for
    /// probabilities), instead of a range fitted to the values that
    /// includes 0. A value outside it is an error.
    #[must_use]
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = Some((lo, hi));
        self
    }

    /// Draw bar `index` (counted from 0, left to right) in `color` (a CSS
    /// colour such as one of [`PALETTE`]), and name that colour `name` in
    /// the key. Of two highlights of one bar, the later one wins.
    #[must_use]
    pub fn highlight(mut self, index: usize, color: &'static str, name: &str) -> Self {
        self.highlights.push(Highlight {
            index,
            color,
            name: name.to_string(),
        });
        self
    }

    /// The colour of the bars that are not highlighted.
    #[must_use]
    pub fn color(mut self, color: &'static str) -> Self {
        self.color = Some(color);
        self
    }

    /// Size in px, default 480 x 300. In a [`Grid`](crate::Grid), this is
    /// the size of the chart beside its image (title and key left out).
    #[must_use]
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = width;
        self.height = height;
        self
    }

    /// Render the chart as an SVG document.
    ///
    /// Errors when there are no bars, the categories and values differ in
    /// number, a value is not finite or lies outside the y range, the y
    /// range is not finite with `lo < hi`, a highlight names a bar that
    /// does not exist, or the size leaves no room for the plot.
    pub fn to_svg(&self) -> Result<String, PlotError> {
        let axis = self.check()?;
        let (width, height) = (f64::from(self.width), f64::from(self.height));
        let mut svg = Svg::new(width, height);
        svg.title(width / 2.0, &self.title);
        let mut top = if self.title.is_empty() {
            MARGIN
        } else {
            BELOW_TITLE - 4.0
        };
        let key = self.key();
        if !key.is_empty() {
            draw_key(&mut svg, &key, width / 2.0, top);
            top += KEY_ROW + 6.0;
        }
        self.draw(
            &mut svg,
            (MARGIN, top, width - MARGIN, height - MARGIN),
            &axis,
        )?;
        Ok(svg.finish())
    }

    /// Names the chart in error messages.
    fn describe(&self) -> String {
        format!("bar chart \"{}\"", self.title)
    }

    /// Width and height in px.
    pub(crate) fn size_px(&self) -> (f64, f64) {
        (f64::from(self.width), f64::from(self.height))
    }

    /// Checks the data and settles the value axis.
    pub(crate) fn check(&self) -> Result<ValueAxis, PlotError> {
        let fail = |problem: String| Err(PlotError::new(format!("{}: {problem}", self.describe())));
        if self.values.is_empty() && self.categories.is_empty() {
            return fail("no bars to draw; add them with .bars(categories, values)".into());
        }
        if self.categories.len() != self.values.len() {
            return fail(format!(
                "{} categories given for {} values; give one name per bar",
                self.categories.len(),
                self.values.len()
            ));
        }
        if let Some(index) = self.values.iter().position(|v| !v.is_finite()) {
            return fail(format!(
                "the value of bar {index} (\"{}\") is not finite ({})",
                self.categories[index], self.values[index]
            ));
        }
        if let Some(problem) = range_problem(self.y_range) {
            return fail(problem);
        }
        if let Some((lo, hi)) = self.y_range
            && let Some(index) = self.values.iter().position(|v| !(lo..=hi).contains(v))
        {
            return fail(format!(
                "bar {index} (\"{}\") has the value {}, outside the y range {lo} to {hi}",
                self.categories[index], self.values[index]
            ));
        }
        if let Some((k, h)) =
            (self.highlights.iter().enumerate()).find(|(_, h)| h.index >= self.values.len())
        {
            return fail(format!(
                "highlight {k} (\"{}\") is of bar {}, but there are only {} bars",
                h.name,
                h.index,
                self.values.len()
            ));
        }
        let (min, max) =
            (self.values.iter()).fold((0.0_f64, 0.0_f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let max = if min == max { min + 1.0 } else { max };
        let target = ((f64::from(self.height) - 50.0) / 35.0).clamp(3.0, 8.0) as usize;
        let axis = ValueAxis::new((min, max), self.y_range, target);
        // The plot must fit at least when drawn without title and key.
        let (width, height) = self.size_px();
        self.plot_in((0.0, 0.0, width, height), &axis)?;
        Ok(axis)
    }

    /// The plot area inside a box.
    fn plot_in(&self, bounds: (f64, f64, f64, f64), axis: &ValueAxis) -> Result<Plot, PlotError> {
        let labels = (self.x_label.as_str(), self.y_label.as_str());
        let size = (self.width, self.height);
        Plot::inside(bounds, axis, labels, &self.describe(), size)
    }

    /// The highlight colour of bar `index`, if it has one.
    fn highlight_of(&self, index: usize) -> Option<&'static str> {
        let last = self.highlights.iter().rev().find(|h| h.index == index);
        last.map(|h| h.color)
    }

    /// The colour bar `index` is drawn in.
    fn bar_color(&self, index: usize) -> &'static str {
        let plain = match self.color {
            Some(color) => color,
            None if self.highlights.is_empty() => PALETTE[0],
            None => PLAIN,
        };
        self.highlight_of(index).unwrap_or(plain)
    }

    /// The key's entries, (colour, name), in the order first highlighted:
    /// each highlight that some bar shows, once.
    pub(crate) fn key(&self) -> Vec<key::Entry> {
        let mut key = Vec::new();
        for h in &self.highlights {
            let shown = self.highlight_of(h.index) == Some(h.color);
            let entry = (h.color, h.name.clone());
            if shown && !key.contains(&entry) {
                key.push(entry);
            }
        }
        key
    }

    /// The axes and bars inside the box `(left, top, right, bottom)`.
    pub(crate) fn draw(
        &self,
        svg: &mut Svg,
        bounds: (f64, f64, f64, f64),
        axis: &ValueAxis,
    ) -> Result<(), PlotError> {
        let plot = self.plot_in(bounds, axis)?;
        plot.draw_value_axis(svg, axis, &self.y_label);
        let count = self.values.len();
        let bar_width = plot.column_width(count) * BAR_SHARE;
        let base = plot.y(axis, 0.0_f64.clamp(axis.lo, axis.hi));
        for (index, &value) in self.values.iter().enumerate() {
            let y = plot.y(axis, value);
            let left = plot.column_center(index, count) - bar_width / 2.0;
            let paint = Paint::fill(self.bar_color(index));
            svg.rect(left, y.min(base), bar_width, (y - base).abs(), paint);
        }
        let names: Vec<(&str, Option<&'static str>)> = (self.categories.iter())
            .enumerate()
            .map(|(index, name)| (name.as_str(), self.highlight_of(index)))
            .collect();
        plot.draw_category_axis(svg, &names, &self.x_label);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_well_formed, attribute, count};

    fn digits() -> Vec<String> {
        (0..10).map(|d| d.to_string()).collect()
    }

    const P: [f64; 10] = [0.01, 0.0, 0.02, 0.04, 0.0, 0.01, 0.0, 0.0, 0.91, 0.01];

    fn chart() -> BarChart {
        BarChart::new("Image 17", "class", "probability")
            .bars(&digits(), &P)
            .y_range(0.0, 1.0)
            .highlight(3, PALETTE[2], "true class")
            .highlight(8, PALETTE[1], "wrong answer")
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        assert_eq!(chart().to_svg().unwrap(), chart().to_svg().unwrap());
    }

    #[test]
    fn there_is_one_rect_per_bar_and_per_key_entry() {
        let svg = chart().to_svg().unwrap();
        assert_well_formed(&svg);
        // The background, 10 bars and 2 key squares.
        assert_eq!(count(&svg, "<rect"), 1 + 10 + 2);
        assert!(svg.contains(">true class</text>") && svg.contains(">wrong answer</text>"));
        let plain = BarChart::new("", "class", "p").bars(&digits(), &P);
        let svg = plain.to_svg().unwrap();
        assert_eq!(count(&svg, "<rect"), 1 + 10);
        assert_eq!(count(&svg, &format!("fill=\"{}\"", PALETTE[0])), 10);
    }

    #[test]
    fn highlighted_bars_and_their_names_take_their_colour_and_the_rest_turn_grey() {
        let svg = chart().to_svg().unwrap();
        // The bar and the key's square; the name under the bar, in bold.
        assert_eq!(count(&svg, &format!("fill=\"{}\"/>", PALETTE[2])), 2);
        assert_eq!(count(&svg, &format!("fill=\"{PLAIN}\"")), 8);
        assert!(svg.contains(&format!(
            "fill=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" class=\"x-tick\">8</text>",
            PALETTE[1]
        )));
        // A chosen colour for the rest; a later highlight of one bar wins.
        let svg = chart()
            .color(PALETTE[7])
            .highlight(3, PALETTE[4], "again")
            .to_svg()
            .unwrap();
        assert_eq!(count(&svg, &format!("fill=\"{}\"", PALETTE[7])), 8);
        assert!(!svg.contains(">true class</text>") && svg.contains(">again</text>"));
    }

    #[test]
    fn both_axes_carry_tick_labels_and_titles() {
        let svg = chart().to_svg().unwrap();
        for (class, text) in [
            ("x-tick", "0"),
            ("x-tick", "9"),
            ("x-title", "class"),
            ("y-tick", "0.0"),
            ("y-tick", "1.0"),
        ] {
            let element = format!("class=\"{class}\">{text}</text>");
            assert!(svg.contains(&element), "no {element} in {svg}");
        }
        assert!(
            svg.contains("class=\"y-title\" transform=\"rotate(-90"),
            "{svg}"
        );
        assert!(svg.contains(">probability</text>"));
    }

    #[test]
    fn without_a_range_the_axis_covers_zero_and_bars_hang_below_it() {
        let chart = BarChart::new("", "k", "v").bars(&["a", "b"], &[-2.0, 3.0]);
        let axis = chart.check().unwrap();
        assert!(axis.lo <= -2.0 && axis.hi >= 3.0);
        let svg = chart.to_svg().unwrap();
        assert_well_formed(&svg);
        // Both bars start at the height of 0: the first's top, the second's bottom.
        let bars: Vec<&str> = svg.split("<rect").skip(2).collect();
        let (y0, h0) = (attribute(bars[0], "y"), attribute(bars[0], "height"));
        let (y1, h1) = (attribute(bars[1], "y"), attribute(bars[1], "height"));
        assert!((y0 - (y1 + h1)).abs() < 0.02, "{y0} {y1} {h1}");
        assert!((h1 / h0 - 1.5).abs() < 0.01, "{h0} {h1}");
    }

    #[test]
    fn names_are_escaped() {
        let svg = BarChart::new("a < b", "x & y", "\"p\"")
            .bars(&["<0>"], &[1.0])
            .highlight(0, PALETTE[1], "it's")
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert!(svg.contains("a &lt; b") && svg.contains("&lt;0&gt;") && svg.contains("it&apos;s"));
    }

    #[test]
    fn bad_input_is_an_error_naming_what_is_wrong() {
        let (mut nan, mut big) = (P, P);
        nan[4] = f64::NAN;
        big[4] = 1.5;
        for (bad, expected) in [
            (BarChart::new("b", "", ""), "bar chart \"b\": no bars"),
            (
                chart().bars(&digits(), &[0.5; 9]),
                "10 categories given for 9 values",
            ),
            (
                chart().bars(&digits(), &nan),
                "the value of bar 4 (\"4\") is not finite",
            ),
            (
                chart().bars(&digits(), &big),
                "bar 4 (\"4\") has the value 1.5, outside the y range 0 to 1",
            ),
            (
                chart().y_range(1.0, 0.0),
                "the y range needs finite lo < hi",
            ),
            (
                chart().highlight(10, PALETTE[3], "none"),
                "highlight 2 (\"none\") is of bar 10, but there are only 10 bars",
            ),
            (chart().size(80, 60), "a size of 80 x 60 px leaves no room"),
        ] {
            let error = bad.to_svg().unwrap_err();
            assert!(error.message().contains(expected), "{error}");
        }
    }

    #[test]
    fn narrow_columns_write_every_other_name_but_always_the_highlighted_ones() {
        let names: Vec<String> = (0..40).map(|k| format!("n{k}")).collect();
        let svg = BarChart::new("", "name", "v")
            .bars(&names, &[1.0; 40])
            .highlight(7, PALETTE[1], "odd one")
            .size(300, 200)
            .to_svg()
            .unwrap();
        let written = count(&svg, "class=\"x-tick\"");
        assert!(written < 40 && written > 5, "{written}");
        assert!(svg.contains("class=\"x-tick\">n7</text>"));
    }
}

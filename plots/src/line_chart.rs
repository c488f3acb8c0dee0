//! Line charts: one or more series of (x, y) points joined by lines.

use crate::error::PlotError;
use crate::svg::{
    AXIS, BELOW_TITLE, FAINT, Font, MARGIN, MUTED, PALETTE, PAPER, Paint, Part, Svg, fixed,
};
use crate::ticks::{decimals_for_step, nice_ticks};

/// Series with at most this many points also get a dot on each point.
const MAX_POINTS_WITH_DOTS: usize = 25;
/// Colour of the grid lines of minor ticks.
const MINOR_GRID: &str = "#f2f2f2";
/// Font of tick labels.
const TICK_FONT: Font = Font::sans(11.0).color(MUTED);
/// Font of the axis labels.
const LABEL_FONT: Font = Font::sans(13.0).middle();
/// Font of the legend.
const LEGEND_FONT: Font = Font::sans(12.0);
/// Height of one row of the legend.
const LEGEND_ROW: f64 = 18.0;
/// Length of the coloured line in front of each legend entry.
const SWATCH: f64 = 18.0;

/// A line chart with one or more series, numeric axes with "nice" ticks
/// (either axis may be logarithmic), axis titles, a title and a legend.
///
/// ```
/// use plots::LineChart;
///
/// let svg = LineChart::new("Training loss", "epoch", "loss")
///     .log_y()
///     .series("learning rate 0.1", &[(0.0, 0.7), (1.0, 0.2), (2.0, 0.05)])
///     .series("learning rate 0.01", &[(0.0, 0.7), (1.0, 0.6), (2.0, 0.5)])
///     .to_svg()?;
/// assert_eq!(svg.matches("<polyline").count(), 2);
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct LineChart {
    title: String,
    x_label: String,
    y_label: String,
    log_x: bool,
    log_y: bool,
    series: Vec<Series>,
    x_range: Option<(f64, f64)>,
    y_range: Option<(f64, f64)>,
    markers: Vec<(f64, f64, &'static str)>,
    width: u32,
    height: u32,
}

/// One named list of points, and its colour if one was chosen.
#[derive(Clone, Debug)]
struct Series {
    name: String,
    points: Vec<(f64, f64)>,
    color: Option<&'static str>,
}

impl Series {
    /// Its chosen colour, or the palette's colour for the `index`th series.
    fn color(&self, index: usize) -> &'static str {
        self.color.unwrap_or(PALETTE[index % PALETTE.len()])
    }
}

impl LineChart {
    /// An empty chart with a title and labels for the x and y axes (any of
    /// them may be empty).
    #[must_use]
    pub fn new(title: &str, x_label: &str, y_label: &str) -> Self {
        LineChart {
            title: title.to_string(),
            x_label: x_label.to_string(),
            y_label: y_label.to_string(),
            log_x: false,
            log_y: false,
            series: Vec::new(),
            x_range: None,
            y_range: None,
            markers: Vec::new(),
            width: 640,
            height: 400,
        }
    }

    /// Plot y against a log10 scale (ticks at powers of ten, labelled
    /// `1e-3` etc.). Values `<= 0` are rejected by [`LineChart::to_svg`]
    /// with an error naming the series.
    #[must_use]
    pub fn log_y(mut self) -> Self {
        self.log_y = true;
        self
    }

    /// Plot x on a log10 scale, as [`LineChart::log_y`] does for y: for
    /// something that happens early and then slowly, such as a loss over
    /// thousands of epochs. Values `<= 0` are rejected.
    #[must_use]
    pub fn log_x(mut self) -> Self {
        self.log_x = true;
        self
    }

    /// Add a series of (x, y) points drawn as a polyline, in the order
    /// given. The `k`th series gets the colour `PALETTE[k]` (they cycle).
    #[must_use]
    pub fn series(mut self, name: &str, points: &[(f64, f64)]) -> Self {
        self.series.push(Series {
            name: name.to_string(),
            points: points.to_vec(),
            color: None,
        });
        self
    }

    /// Add a series drawn in `color` (a CSS colour such as one of
    /// [`PALETTE`](crate::PALETTE)), whatever its place: so that one
    /// setting, say a learning rate, has the same colour in every figure.
    ///
    /// ```
    /// use plots::{LineChart, PALETTE};
    ///
    /// let svg = LineChart::new("Loss", "epoch", "loss")
    ///     .series_colored("learning rate 0.1", &[(0.0, 0.7), (1.0, 0.2)], PALETTE[3])
    ///     .to_svg()?;
    /// assert!(svg.contains(&format!("stroke=\"{}\"", PALETTE[3])));
    /// # Ok::<(), plots::PlotError>(())
    /// ```
    #[must_use]
    pub fn series_colored(
        mut self,
        name: &str,
        points: &[(f64, f64)],
        color: &'static str,
    ) -> Self {
        self.series.push(Series {
            name: name.to_string(),
            points: points.to_vec(),
            color: Some(color),
        });
        self
    }

    /// Make the x axis cover at least `lo` to `hi`, whatever the points:
    /// so that the frames of an animation, each drawn with the points so
    /// far, keep the same axes.
    #[must_use]
    pub fn x_range(mut self, lo: f64, hi: f64) -> Self {
        self.x_range = Some((lo, hi));
        self
    }

    /// Make the y axis cover at least `lo` to `hi`, as
    /// [`LineChart::x_range`] does for x.
    #[must_use]
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = Some((lo, hi));
        self
    }

    /// Mark the point (`x`, `y`) with a large dot in `color`, ringed in
    /// white: where a frame of an animation is along its curve.
    ///
    /// ```
    /// use plots::{LineChart, PALETTE};
    ///
    /// let svg = LineChart::new("Loss", "epoch", "loss")
    ///     .series_colored("train", &[(1.0, 0.7), (2.0, 0.2), (3.0, 0.1)], PALETTE[0])
    ///     .x_range(0.0, 10.0)
    ///     .marker(2.0, 0.2, PALETTE[0])
    ///     .to_svg()?;
    /// assert!(svg.contains("stroke=\"#ffffff\"") && svg.contains(">10</text>"));
    /// # Ok::<(), plots::PlotError>(())
    /// ```
    #[must_use]
    pub fn marker(mut self, x: f64, y: f64, color: &'static str) -> Self {
        self.markers.push((x, y, color));
        self
    }

    /// Size in px, default 640 x 400.
    #[must_use]
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = width;
        self.height = height;
        self
    }

    /// Render the chart as an SVG document.
    ///
    /// Errors when there is no series, a series is empty, a value is not
    /// finite (naming the series and point index), a value is `<= 0` on a
    /// log axis, or the size leaves no room for the plot.
    pub fn to_svg(&self) -> Result<String, PlotError> {
        self.check()?;
        // About one tick per 60 px across and one per 45 px up.
        let x_target = ((f64::from(self.width) - 100.0) / 60.0).clamp(3.0, 10.0) as usize;
        let y_target = ((f64::from(self.height) - 110.0) / 45.0).clamp(3.0, 8.0) as usize;
        let x_axis = if self.log_x {
            Axis::log10(self.covered().map(|(x, _)| x))
        } else {
            Axis::linear(self.covered().map(|(x, _)| x), x_target)
        };
        let y_axis = if self.log_y {
            Axis::log10(self.covered().map(|(_, y)| y))
        } else {
            Axis::linear(self.covered().map(|(_, y)| y), y_target)
        };
        let frame = self.layout(&x_axis, &y_axis)?;

        let mut svg = Svg::new(f64::from(self.width), f64::from(self.height));
        svg.title(f64::from(self.width) / 2.0, &self.title);
        draw_legend(&mut svg, &frame.legend);
        draw_axes(&mut svg, &frame, &x_axis, &y_axis);
        self.draw_labels(&mut svg, &frame);
        for (index, series) in self.series.iter().enumerate() {
            let color = series.color(index);
            let points: Vec<(f64, f64)> = series
                .points
                .iter()
                .map(|&(x, y)| frame.to_px(&x_axis, &y_axis, self.x_value(x), self.y_value(y)))
                .collect();
            svg.polyline(&points, Paint::stroke(color, 2.0));
            if points.len() <= MAX_POINTS_WITH_DOTS {
                for &(x, y) in &points {
                    svg.circle(x, y, 2.8, Paint::fill(color));
                }
            }
        }
        for &(x, y, color) in &self.markers {
            let (x, y) = frame.to_px(&x_axis, &y_axis, self.x_value(x), self.y_value(y));
            svg.circle(x, y, 5.5, Paint::fill(color).with_stroke(PAPER, 2.0));
        }
        Ok(svg.finish())
    }

    /// Names the chart in error messages.
    fn describe(&self) -> String {
        format!("line chart \"{}\"", self.title)
    }

    /// Every point of every series.
    fn all_points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.series.iter().flat_map(|s| s.points.iter().copied())
    }

    /// Every point the axes must cover: those of the series, the markers
    /// and the corners of the ranges asked for.
    fn covered(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let first = self.series.first().and_then(|s| s.points.first()).copied();
        let (x0, y0) = first.unwrap_or((1.0, 1.0));
        let x_ends = self.x_range.map_or([x0, x0], |(lo, hi)| [lo, hi]);
        let y_ends = self.y_range.map_or([y0, y0], |(lo, hi)| [lo, hi]);
        self.all_points()
            .chain(self.markers.iter().map(|&(x, y, _)| (x, y)))
            .chain(x_ends.into_iter().zip(y_ends))
    }

    /// The x value as placed on the axis: its log10 on a log scale.
    fn x_value(&self, x: f64) -> f64 {
        if self.log_x { x.log10() } else { x }
    }

    /// The y value as placed on the axis: its log10 on a log scale.
    fn y_value(&self, y: f64) -> f64 {
        if self.log_y { y.log10() } else { y }
    }

    fn check(&self) -> Result<(), PlotError> {
        if self.series.is_empty() {
            return Err(PlotError::new(format!(
                "{}: no series to draw; add one with .series(name, points)",
                self.describe()
            )));
        }
        for series in &self.series {
            if series.points.is_empty() {
                return Err(PlotError::new(format!(
                    "{}: series \"{}\" has no points",
                    self.describe(),
                    series.name
                )));
            }
            for (index, &(x, y)) in series.points.iter().enumerate() {
                if !x.is_finite() || !y.is_finite() {
                    return Err(PlotError::new(format!(
                        "{}: series \"{}\" has a non-finite value at point {index}: ({x}, {y})",
                        self.describe(),
                        series.name
                    )));
                }
                for (axis, log, value) in [("x", self.log_x, x), ("y", self.log_y, y)] {
                    if log && value <= 0.0 {
                        return Err(PlotError::new(format!(
                            "{}: series \"{}\" has {axis} = {value} at point {index}, which a log \
                             scale cannot show (values must be > 0)",
                            self.describe(),
                            series.name
                        )));
                    }
                }
            }
        }
        for (axis, log, range) in [
            ("x", self.log_x, self.x_range),
            ("y", self.log_y, self.y_range),
        ] {
            if let Some((lo, hi)) = range
                && !(lo.is_finite() && hi.is_finite() && lo < hi && (!log || lo > 0.0))
            {
                return Err(PlotError::new(format!(
                    "{}: the {axis} range {lo} to {hi} must be finite, from low to high{}",
                    self.describe(),
                    if log {
                        ", and above 0 on a log scale"
                    } else {
                        ""
                    }
                )));
            }
        }
        for (index, &(x, y, _)) in self.markers.iter().enumerate() {
            if !(x.is_finite() && y.is_finite())
                || (self.log_x && x <= 0.0)
                || (self.log_y && y <= 0.0)
            {
                return Err(PlotError::new(format!(
                    "{}: marker {index} at ({x}, {y}) is not finite or not above 0 on a log scale",
                    self.describe()
                )));
            }
        }
        Ok(())
    }

    /// Places the plot area, the legend and the labels inside the figure.
    fn layout(&self, x_axis: &Axis, y_axis: &Axis) -> Result<Frame, PlotError> {
        let (width, height) = (f64::from(self.width), f64::from(self.height));
        let widest_y_tick = y_axis
            .ticks
            .iter()
            .map(|(_, label)| TICK_FONT.width(label))
            .fold(0.0, f64::max);
        let last_x_tick = x_axis
            .ticks
            .last()
            .map_or(0.0, |(_, label)| TICK_FONT.width(label));

        let y_label_room = if self.y_label.is_empty() {
            0.0
        } else {
            LABEL_FONT.size + 8.0
        };
        let left = MARGIN + y_label_room + widest_y_tick + 8.0;
        let right = width - (last_x_tick / 2.0 + 4.0).max(MARGIN + 4.0);

        let top_of_legend = if self.title.is_empty() {
            MARGIN
        } else {
            BELOW_TITLE - 4.0
        };
        let legend = legend_layout(&self.series, left, right.max(left + 1.0), top_of_legend);
        let top = legend.bottom + 12.0;
        let x_label_room = if self.x_label.is_empty() {
            0.0
        } else {
            LABEL_FONT.size + 8.0
        };
        let bottom = height - MARGIN - x_label_room - TICK_FONT.size - 8.0;

        if right - left < 40.0 || bottom - top < 40.0 {
            return Err(PlotError::new(format!(
                "{}: a size of {} x {} px leaves no room for the plot; make it larger with .size(width, height)",
                self.describe(),
                self.width,
                self.height
            )));
        }
        Ok(Frame {
            left,
            right,
            top,
            bottom,
            height,
            legend,
        })
    }

    fn draw_labels(&self, svg: &mut Svg, frame: &Frame) {
        let middle_x = f64::midpoint(frame.left, frame.right);
        svg.axis_text(
            Part::XTitle,
            middle_x,
            frame.height - MARGIN,
            &self.x_label,
            &LABEL_FONT,
        );
        let middle_y = f64::midpoint(frame.top, frame.bottom);
        svg.axis_text_vertical(
            Part::YTitle,
            MARGIN + LABEL_FONT.size - 2.0,
            middle_y,
            &self.y_label,
            &LABEL_FONT,
        );
    }
}

/// Where things go in the figure, in px.
#[derive(Debug)]
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    height: f64,
    legend: Legend,
}

impl Frame {
    /// The pixel position of a point (with `y` already on the axis's scale).
    fn to_px(&self, x_axis: &Axis, y_axis: &Axis, x: f64, y: f64) -> (f64, f64) {
        (
            self.left + x_axis.fraction(x) * (self.right - self.left),
            self.bottom - y_axis.fraction(y) * (self.bottom - self.top),
        )
    }
}

/// A numeric axis: the range it shows and its labelled ticks. On a log
/// axis both are in log10 units (a tick at -2 is labelled `1e-2`, one at
/// 3 is labelled `1000`).
#[derive(Debug)]
struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<(f64, String)>,
    /// Unlabelled ticks between the labelled ones (2, 3, ..., 9 times each
    /// power of ten on a log axis; none on a linear one).
    minor: Vec<f64>,
}

impl Axis {
    /// A linear axis covering `values`, with about `target` nice ticks.
    fn linear(values: impl Iterator<Item = f64>, target: usize) -> Axis {
        let (min, max) = range(values);
        let ticks = nice_ticks(min, max, target);
        let step = ticks[1] - ticks[0];
        let decimals = decimals_for_step(step);
        Axis {
            lo: ticks[0],
            hi: ticks[ticks.len() - 1],
            ticks: ticks.iter().map(|&t| (t, fixed(t, decimals))).collect(),
            minor: Vec::new(),
        }
    }

    /// A log10 axis covering `values` (all > 0), with ticks at powers of ten.
    fn log10(values: impl Iterator<Item = f64>) -> Axis {
        let (min, max) = range(values.map(f64::log10));
        let mut lo = min.floor() as i32;
        let mut hi = max.ceil() as i32;
        if lo == hi {
            lo -= 1;
            hi += 1;
        }
        // Too many decades make crowded labels: keep one power in `every`.
        let every = (f64::from(hi - lo) / 6.0).ceil().max(1.0) as i32;
        lo = lo.div_euclid(every) * every;
        hi = (hi + every - 1).div_euclid(every) * every;
        let ticks = (lo..=hi)
            .step_by(every as usize)
            .map(|e| (f64::from(e), power_of_ten(e)))
            .collect();
        let minor = if every == 1 {
            (lo..hi)
                .flat_map(|e| (2..=9).map(move |m| f64::from(e) + f64::from(m).log10()))
                .collect()
        } else {
            Vec::new()
        };
        Axis {
            lo: f64::from(lo),
            hi: f64::from(hi),
            ticks,
            minor,
        }
    }

    /// Where `value` lies along the axis, from 0 (start) to 1 (end).
    fn fraction(&self, value: f64) -> f64 {
        (value - self.lo) / (self.hi - self.lo)
    }
}

/// `10^exponent` as a tick label: written out from 1 to 10000 (epochs read
/// best that way), as `1e-3` or `1e5` beyond.
fn power_of_ten(exponent: i32) -> String {
    if (0..=4).contains(&exponent) {
        10_u32.pow(exponent.unsigned_abs()).to_string()
    } else {
        format!("1e{exponent}")
    }
}

/// The smallest and largest of `values` (which must not be empty).
fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// The legend: one entry per series, in rows above the plot.
#[derive(Debug)]
struct Legend {
    /// (x, baseline y, colour, name) of each entry.
    entries: Vec<(f64, f64, &'static str, String)>,
    bottom: f64,
}

/// Lays the legend entries out left to right from `left`, starting a new
/// row when an entry would pass `right`.
fn legend_layout(series: &[Series], left: f64, right: f64, top: f64) -> Legend {
    let mut entries = Vec::new();
    let (mut x, mut row) = (left, 0.0);
    for (index, s) in series.iter().enumerate() {
        let entry_width = SWATCH + 6.0 + LEGEND_FONT.width(&s.name);
        if x > left && x + entry_width > right {
            x = left;
            row += 1.0;
        }
        let baseline = top + row * LEGEND_ROW + LEGEND_FONT.size;
        entries.push((x, baseline, s.color(index), s.name.clone()));
        x += entry_width + 18.0;
    }
    Legend {
        entries,
        bottom: top + (row + 1.0) * LEGEND_ROW,
    }
}

fn draw_legend(svg: &mut Svg, legend: &Legend) {
    for (x, baseline, color, name) in &legend.entries {
        let middle = baseline - LEGEND_FONT.size * 0.35;
        svg.line(
            (*x, middle),
            (x + SWATCH, middle),
            Paint::stroke(color, 2.5),
        );
        svg.text(x + SWATCH + 6.0, *baseline, name, &LEGEND_FONT);
    }
}

/// Grid lines, the two axis lines, tick marks and tick labels: the lines
/// of each colour in one path, the minor grid under the major one.
fn draw_axes(svg: &mut Svg, frame: &Frame, x_axis: &Axis, y_axis: &Axis) {
    let mut minor = Vec::new();
    let mut major = Vec::new();
    let mut marks = Vec::new();
    for value in &x_axis.minor {
        let (x, _) = frame.to_px(x_axis, y_axis, *value, y_axis.lo);
        minor.push(((x, frame.top), (x, frame.bottom)));
    }
    for value in &y_axis.minor {
        let (_, y) = frame.to_px(x_axis, y_axis, x_axis.lo, *value);
        minor.push(((frame.left, y), (frame.right, y)));
    }
    for (value, _) in &x_axis.ticks {
        let (x, _) = frame.to_px(x_axis, y_axis, *value, y_axis.lo);
        major.push(((x, frame.top), (x, frame.bottom)));
        marks.push(((x, frame.bottom), (x, frame.bottom + 4.0)));
    }
    for (value, _) in &y_axis.ticks {
        let (_, y) = frame.to_px(x_axis, y_axis, x_axis.lo, *value);
        major.push(((frame.left, y), (frame.right, y)));
        marks.push(((frame.left - 4.0, y), (frame.left, y)));
    }
    marks.push(((frame.left, frame.top), (frame.left, frame.bottom)));
    marks.push(((frame.left, frame.bottom), (frame.right, frame.bottom)));
    svg.lines(&minor, Paint::stroke(MINOR_GRID, 1.0));
    svg.lines(&major, Paint::stroke(FAINT, 1.0));
    svg.lines(&marks, Paint::stroke(AXIS, 1.0));
    for (value, label) in &x_axis.ticks {
        let (x, _) = frame.to_px(x_axis, y_axis, *value, y_axis.lo);
        svg.axis_text(
            Part::XTick,
            x,
            frame.bottom + 6.0 + TICK_FONT.size,
            label,
            &TICK_FONT.middle(),
        );
    }
    for (value, label) in &y_axis.ticks {
        let (_, y) = frame.to_px(x_axis, y_axis, x_axis.lo, *value);
        svg.axis_text(
            Part::YTick,
            frame.left - 7.0,
            TICK_FONT.centered_baseline(y),
            label,
            &TICK_FONT.end(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_well_formed, count};

    fn chart() -> LineChart {
        LineChart::new("Loss", "epoch", "loss")
            .series("train", &[(0.0, 1.0), (1.0, 0.5), (2.0, 0.25)])
            .series("test", &[(0.0, 1.2), (1.0, 0.8), (2.0, 0.6)])
    }

    #[test]
    fn ranges_keep_the_axes_of_frames_the_same_and_markers_sit_on_the_curve() {
        let frame = |last: usize| {
            let points: Vec<(f64, f64)> = (1..=last).map(|k| (k as f64, 1.0 / k as f64)).collect();
            LineChart::new("Loss", "epoch", "loss")
                .log_x()
                .series("loss", &points)
                .x_range(1.0, 1000.0)
                .y_range(0.0, 1.0)
                .marker(last as f64, 1.0 / last as f64, PALETTE[1])
                .to_svg()
                .unwrap()
        };
        let ticks = |svg: &str| -> Vec<String> {
            svg.lines()
                .filter(|line| {
                    line.contains("class=\"x-tick\"") || line.contains("class=\"y-tick\"")
                })
                .map(String::from)
                .collect()
        };
        let (early, late) = (frame(3), frame(40));
        assert_well_formed(&early);
        assert_eq!(ticks(&early), ticks(&late), "the axes moved between frames");
        assert!(early.contains(">1000</text>") && early.contains(">0.0</text>"));
        assert_eq!(
            count(
                &early,
                &format!("fill=\"{}\" stroke=\"{PAPER}\"", PALETTE[1])
            ),
            1
        );
    }

    #[test]
    fn a_bad_range_or_marker_is_refused() {
        let message = |chart: LineChart| chart.to_svg().unwrap_err().message().to_string();
        assert!(message(chart().x_range(2.0, 1.0)).contains("the x range 2 to 1"));
        assert!(message(chart().log_y().y_range(0.0, 1.0)).contains("above 0 on a log scale"));
        assert!(message(chart().marker(f64::NAN, 1.0, PALETTE[0])).contains("marker 0"));
        assert!(message(chart().log_y().marker(1.0, 0.0, PALETTE[0])).contains("marker 0"));
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        assert_eq!(chart().to_svg().unwrap(), chart().to_svg().unwrap());
        assert_eq!(
            chart().log_y().to_svg().unwrap(),
            chart().log_y().to_svg().unwrap()
        );
    }

    #[test]
    fn the_output_is_well_formed_with_one_polyline_per_series() {
        let svg = chart().to_svg().unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<polyline"), 2);
        assert!(svg.contains("viewBox=\"0 0 640 400\""));
        assert!(svg.contains(">train</text>") && svg.contains(">test</text>"));
    }

    #[test]
    fn series_colours_cycle_through_the_palette() {
        let mut chart = LineChart::new("", "", "");
        for k in 0..=PALETTE.len() {
            chart = chart.series(&format!("s{k}"), &[(0.0, k as f64), (1.0, 1.0)]);
        }
        let svg = chart.to_svg().unwrap();
        assert_eq!(count(&svg, "<polyline"), PALETTE.len() + 1);
        // The first colour is used by series 0 and again by the last series.
        assert_eq!(
            count(
                &svg,
                &format!("stroke=\"{}\" stroke-width=\"2\"", PALETTE[0])
            ),
            2
        );
    }

    #[test]
    fn names_and_labels_are_escaped() {
        let svg = LineChart::new("a < b", "x & y", "\"q\"")
            .series("<s>", &[(0.0, 1.0)])
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert!(svg.contains("a &lt; b") && svg.contains("x &amp; y") && svg.contains("&lt;s&gt;"));
    }

    #[test]
    fn the_size_sets_the_view_box() {
        let svg = chart().size(300, 200).to_svg().unwrap();
        assert!(svg.contains("width=\"300\" height=\"200\" viewBox=\"0 0 300 200\""));
        let error = chart().size(60, 40).to_svg().unwrap_err();
        assert!(error.message().contains("60 x 40"), "{error}");
    }

    #[test]
    fn a_chart_without_series_is_an_error() {
        let error = LineChart::new("Loss", "", "").to_svg().unwrap_err();
        assert!(
            error.message().contains("line chart \"Loss\": no series"),
            "{error}"
        );
    }

    #[test]
    fn an_empty_series_is_an_error_naming_it() {
        let error = chart().series("empty one", &[]).to_svg().unwrap_err();
        assert!(
            error
                .message()
                .contains("series \"empty one\" has no points"),
            "{error}"
        );
    }

    #[test]
    fn a_non_finite_value_is_an_error_naming_series_and_point() {
        let error = chart()
            .series("bad", &[(0.0, 1.0), (1.0, 2.0), (2.0, f64::NAN)])
            .to_svg()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("series \"bad\" has a non-finite value at point 2"),
            "{error}"
        );
        let error = chart()
            .series("inf", &[(f64::INFINITY, 1.0)])
            .to_svg()
            .unwrap_err();
        assert!(
            error.message().contains("\"inf\"") && error.message().contains("point 0"),
            "{error}"
        );
    }

    #[test]
    fn a_log_axis_rejects_values_that_are_not_positive() {
        let error = chart()
            .series("zero", &[(0.0, 1.0), (1.0, 0.0)])
            .log_y()
            .to_svg()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("series \"zero\" has y = 0 at point 1"),
            "{error}"
        );
        assert!(error.message().contains("log scale"), "{error}");
        // The same data is fine on a linear axis.
        assert!(
            chart()
                .series("zero", &[(0.0, 1.0), (1.0, 0.0)])
                .to_svg()
                .is_ok()
        );
    }

    /// How many lines the path of the minor grid draws.
    fn minor_grid_lines(svg: &str) -> usize {
        let paths: Vec<&str> = svg
            .lines()
            .filter(|line| {
                line.starts_with("<path ") && line.contains(&format!("stroke=\"{MINOR_GRID}\""))
            })
            .collect();
        assert_eq!(paths.len(), 1, "the minor grid is one path");
        count(paths[0], "M")
    }

    #[test]
    fn a_log_axis_has_ticks_at_powers_of_ten() {
        let svg = LineChart::new("", "", "")
            .log_y()
            .series("s", &[(0.0, 0.5), (1.0, 0.002)])
            .to_svg()
            .unwrap();
        for label in [">1e-3<", ">1e-2<", ">1e-1<", ">1<"] {
            assert!(svg.contains(label), "missing {label}");
        }
        assert!(!svg.contains(">1e-4<") && !svg.contains(">10<"));
        // Three decades, each with 8 minor grid lines.
        assert_eq!(minor_grid_lines(&svg), 3 * 8);
    }

    #[test]
    fn a_log_x_axis_spreads_the_early_points_and_writes_epochs_out() {
        let points: Vec<(f64, f64)> = (1..=10_000)
            .step_by(9)
            .map(|epoch| (f64::from(epoch), 1.0 / f64::from(epoch)))
            .collect();
        let chart = LineChart::new("", "epoch", "loss")
            .log_x()
            .series("s", &points);
        let svg = chart.to_svg().unwrap();
        for label in [">1<", ">10<", ">100<", ">1000<", ">10000<"] {
            assert!(
                svg.contains(&format!("class=\"x-tick\"{label}")),
                "missing {label}"
            );
        }
        // Epoch 100 lies halfway along an axis from 1 to 10,000.
        let x_axis = Axis::log10(points.iter().map(|&(x, _)| x));
        let frame = chart
            .layout(&x_axis, &Axis::linear([0.0, 1.0].into_iter(), 6))
            .unwrap();
        let (x, _) = frame.to_px(&x_axis, &x_axis, 100_f64.log10(), 0.0);
        assert!(
            (x - f64::midpoint(frame.left, frame.right)).abs() < 1e-9,
            "{x}"
        );
        // Four decades, each with 8 minor grid lines across.
        assert_eq!(minor_grid_lines(&svg), 4 * 8);
        let error = LineChart::new("", "", "")
            .log_x()
            .series("from zero", &[(0.0, 1.0)])
            .to_svg()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("series \"from zero\" has x = 0 at point 0"),
            "{error}"
        );
    }

    #[test]
    fn a_chosen_colour_is_kept_whatever_the_place_of_the_series() {
        let svg = LineChart::new("", "", "")
            .series_colored("first", &[(0.0, 1.0), (1.0, 2.0)], PALETTE[2])
            .series("second", &[(0.0, 2.0), (1.0, 1.0)])
            .to_svg()
            .unwrap();
        // The chosen colour on the line and in the legend; the second series
        // still gets the palette's second colour.
        assert_eq!(count(&svg, &format!("stroke=\"{}\"", PALETTE[2])), 2);
        assert_eq!(count(&svg, &format!("stroke=\"{}\"", PALETTE[1])), 2);
        assert_eq!(count(&svg, &format!("stroke=\"{}\"", PALETTE[0])), 0);
    }

    #[test]
    fn axis_titles_and_tick_labels_are_marked_with_their_class() {
        let svg = chart().to_svg().unwrap();
        assert!(svg.contains("class=\"x-title\">epoch</text>"), "{svg}");
        assert!(
            svg.contains("class=\"y-title\" transform=\"rotate(-90"),
            "{svg}"
        );
        assert!(svg.contains("class=\"x-tick\">0.0</text>"), "{svg}");
        assert!(svg.contains("class=\"y-tick\">"), "{svg}");
    }

    #[test]
    fn a_log_axis_over_many_decades_skips_some_labels() {
        let axis = Axis::log10([1e-12, 1.0].into_iter());
        assert!(axis.ticks.len() <= 8, "{:?}", axis.ticks);
        assert!(axis.lo <= -12.0 && axis.hi >= 0.0);
    }

    #[test]
    fn a_linear_axis_labels_ticks_with_the_decimals_its_step_needs() {
        let axis = Axis::linear([0.0, 0.7].into_iter(), 6);
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["0.0", "0.2", "0.4", "0.6", "0.8"]);
        let axis = Axis::linear([0.0, 2000.0].into_iter(), 6);
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["0", "500", "1000", "1500", "2000"]);
    }

    #[test]
    fn a_single_point_is_drawn_as_a_dot() {
        let svg = LineChart::new("", "", "")
            .series("one", &[(3.0, 3.0)])
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<circle"), 1);
    }

    #[test]
    fn many_legend_entries_wrap_into_rows() {
        let mut chart = LineChart::new("t", "", "").size(320, 300);
        for k in 0..6 {
            chart = chart.series(
                &format!("a long series name {k}"),
                &[(0.0, 0.0), (1.0, 1.0)],
            );
        }
        let frame = chart
            .layout(
                &Axis::linear([0.0, 1.0].into_iter(), 8),
                &Axis::linear([0.0, 1.0].into_iter(), 6),
            )
            .unwrap();
        let rows: std::collections::BTreeSet<i64> = frame
            .legend
            .entries
            .iter()
            .map(|(_, y, _, _)| *y as i64)
            .collect();
        assert!(rows.len() >= 3, "{rows:?}");
        assert!(frame.legend.entries.iter().all(|(x, ..)| *x < 320.0));
    }
}

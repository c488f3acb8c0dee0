//! Heat maps: a grid of values drawn as coloured cells.

use crate::colorbar::ColorBar;
use crate::error::PlotError;
use crate::overlay::{Overlay, Rect};
use crate::svg::{
    AXIS, BELOW_TITLE, Font, INK, MARGIN, MUTED, PAPER, Paint, Part, Svg, TITLE_FONT, fixed,
};

/// Font of row and column tick labels and of the colour bar.
pub(crate) const TICK_FONT: Font = Font::sans(11.0).color(MUTED);
/// Font of the axis labels.
pub(crate) const LABEL_FONT: Font = Font::sans(13.0).middle();

/// White to dark blue, for values from low to high.
const SEQUENTIAL: [(f64, [u8; 3]); 5] = [
    (0.0, [0xff, 0xff, 0xff]),
    (0.25, [0xc6, 0xdb, 0xef]),
    (0.5, [0x6b, 0xae, 0xd6]),
    (0.75, [0x21, 0x71, 0xb5]),
    (1.0, [0x08, 0x30, 0x6b]),
];

/// Red through white to blue, for values below and above a middle value.
const DIVERGING: [(f64, [u8; 3]); 5] = [
    (0.0, [0xb2, 0x18, 0x2b]),
    (0.25, [0xef, 0x8a, 0x62]),
    (0.5, [0xff, 0xff, 0xff]),
    (0.75, [0x67, 0xa9, 0xcf]),
    (1.0, [0x21, 0x66, 0xac]),
];

/// How values are turned into colours. Values outside the range get the
/// colour of the nearest end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// White at `min` to dark blue at `max`: for values that only grow,
    /// such as counts, probabilities or pixel intensities.
    Sequential {
        /// The value drawn white.
        min: f64,
        /// The value drawn dark blue.
        max: f64,
    },
    /// Red at `min`, white at `mid`, blue at `max`: for values with a
    /// meaningful middle, such as weights around 0.
    Diverging {
        /// The value drawn red.
        min: f64,
        /// The value drawn white.
        mid: f64,
        /// The value drawn blue.
        max: f64,
    },
}

impl Scale {
    /// The colour of `value`, as `#rrggbb`.
    ///
    /// ```
    /// use plots::Scale;
    ///
    /// let scale = Scale::Diverging { min: -1.0, mid: 0.0, max: 1.0 };
    /// assert_eq!(scale.color(0.0), "#ffffff");
    /// assert_eq!(scale.color(-5.0), scale.color(-1.0));
    /// ```
    #[must_use]
    pub fn color(&self, value: f64) -> String {
        let [r, g, b] = self.rgb(value);
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    fn rgb(&self, value: f64) -> [u8; 3] {
        match *self {
            Scale::Sequential { min, max } => ramp(&SEQUENTIAL, (value - min) / (max - min)),
            Scale::Diverging { min, mid, max } => {
                let t = if value < mid {
                    0.5 * (value - min) / (mid - min)
                } else {
                    0.5 + 0.5 * (value - mid) / (max - mid)
                };
                ramp(&DIVERGING, t)
            }
        }
    }

    /// The values at which the colour ramp changes direction, with their
    /// colours: between two of them the colour is a straight mix of the
    /// two, as a gradient draws it, so a colour bar needs no others.
    pub(crate) fn stops(&self) -> Vec<(f64, String)> {
        // A sequential scale is a diverging one whose middle is halfway.
        let (stops, min, mid, max) = match *self {
            Scale::Sequential { min, max } => (&SEQUENTIAL, min, f64::midpoint(min, max), max),
            Scale::Diverging { min, mid, max } => (&DIVERGING, min, mid, max),
        };
        stops
            .iter()
            .map(|&(t, [r, g, b])| {
                let value = if t < 0.5 {
                    min + 2.0 * t * (mid - min)
                } else {
                    mid + (2.0 * t - 1.0) * (max - mid)
                };
                (value, format!("#{r:02x}{g:02x}{b:02x}"))
            })
            .collect()
    }

    /// The lowest and highest value the scale tells apart.
    pub(crate) fn bounds(&self) -> (f64, f64) {
        match *self {
            Scale::Sequential { min, max } | Scale::Diverging { min, max, .. } => (min, max),
        }
    }

    /// Why this scale cannot be used, if it cannot.
    fn problem(&self) -> Option<String> {
        match *self {
            Scale::Sequential { min, max }
                if !(min.is_finite() && max.is_finite() && min < max) =>
            {
                Some(format!(
                    "Scale::Sequential needs finite min < max, got min = {min}, max = {max}"
                ))
            }
            Scale::Diverging { min, mid, max }
                if !(min.is_finite()
                    && mid.is_finite()
                    && max.is_finite()
                    && min < mid
                    && mid < max) =>
            {
                Some(format!(
                    "Scale::Diverging needs finite min < mid < max, got min = {min}, mid = {mid}, max = {max}"
                ))
            }
            _ => None,
        }
    }
}

/// The colour at position `t` (0 to 1, clamped) along a list of colour stops.
fn ramp(stops: &[(f64, [u8; 3])], t: f64) -> [u8; 3] {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let upper = stops
        .iter()
        .position(|&(at, _)| at >= t)
        .unwrap_or(stops.len() - 1)
        .max(1);
    let (t0, c0) = stops[upper - 1];
    let (t1, c1) = stops[upper];
    let f = (t - t0) / (t1 - t0);
    let mix = |a: u8, b: u8| (f64::from(a) + f * (f64::from(b) - f64::from(a))).round() as u8;
    [mix(c0[0], c1[0]), mix(c0[1], c1[1]), mix(c0[2], c1[2])]
}

/// Whether black text would be hard to read on this colour.
fn is_dark([r, g, b]: [u8; 3]) -> bool {
    0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b) < 140.0
}

/// An axis label and one label per row or column.
#[derive(Clone, Debug)]
struct Labels {
    axis: String,
    ticks: Vec<String>,
}

/// A grid of values drawn as coloured cells: used for decision boundaries
/// (a network's output over the unit square), confusion matrices, 8x8
/// digit images, and weight matrices.
///
/// ```
/// use plots::{Heatmap, Scale};
///
/// let confusion = vec![vec![50.0, 2.0], vec![3.0, 45.0]];
/// let labels = vec!["0".to_string(), "1".to_string()];
/// let svg = Heatmap::new("Confusion matrix", confusion)
///     .annotate(0)
///     .row_labels("true class", labels.clone())
///     .col_labels("predicted class", labels)
///     .to_svg()?;
/// assert!(svg.contains(">45</text>"));
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Heatmap {
    title: String,
    values: Vec<Vec<f64>>,
    scale: Option<Scale>,
    decimals: Option<usize>,
    row_labels: Option<Labels>,
    col_labels: Option<Labels>,
    points: Vec<(f64, f64, String)>,
    arrows: Vec<Arrow>,
    path: Vec<(f64, f64)>,
    colorbar: bool,
    colorbar_label: String,
    cell_size: f64,
    raster: bool,
}

/// An arrow over the cells, from one point to another (in cell units),
/// with a label beside it.
#[derive(Clone, Debug)]
struct Arrow {
    from: (f64, f64),
    to: (f64, f64),
    label: String,
}

impl Arrow {
    fn ends(&self) -> [f64; 4] {
        [self.from.0, self.from.1, self.to.0, self.to.1]
    }
}

/// What [`Heatmap::check`] found out: the grid's size and its colour scale.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Checked {
    pub rows: usize,
    pub cols: usize,
    pub scale: Scale,
}

impl Heatmap {
    /// A heat map of `values[row][col]`; all rows must have the same
    /// length (else [`Heatmap::to_svg`] errors). Row 0 is drawn at the top.
    #[must_use]
    pub fn new(title: &str, values: Vec<Vec<f64>>) -> Self {
        Heatmap {
            title: title.to_string(),
            values,
            scale: None,
            decimals: None,
            row_labels: None,
            col_labels: None,
            points: Vec::new(),
            arrows: Vec::new(),
            path: Vec::new(),
            colorbar: true,
            colorbar_label: String::new(),
            cell_size: 32.0,
            raster: false,
        }
    }

    /// Colour scale: [`Scale::Sequential`] (white to dark blue) or
    /// [`Scale::Diverging`] (red to white to blue); the default is
    /// sequential over the data's range.
    #[must_use]
    pub fn scale(mut self, scale: Scale) -> Self {
        self.scale = Some(scale);
        self
    }

    /// Write each cell's value in the cell with the given number of
    /// decimals (for confusion matrices: 0). The text turns white on dark
    /// cells.
    #[must_use]
    pub fn annotate(mut self, decimals: usize) -> Self {
        self.decimals = Some(decimals);
        self
    }

    /// Label the rows: `axis_label` down the left side and one label per
    /// row (`labels.len()` must be the number of rows).
    #[must_use]
    pub fn row_labels(mut self, axis_label: &str, labels: Vec<String>) -> Self {
        self.row_labels = Some(Labels {
            axis: axis_label.to_string(),
            ticks: labels,
        });
        self
    }

    /// Label the columns: `axis_label` along the bottom and one label per
    /// column (`labels.len()` must be the number of columns).
    #[must_use]
    pub fn col_labels(mut self, axis_label: &str, labels: Vec<String>) -> Self {
        self.col_labels = Some(Labels {
            axis: axis_label.to_string(),
            ticks: labels,
        });
        self
    }

    /// Overlay points, each drawn as a circle with a label. `x` and `y` are
    /// in cell units: (0, 0) is the top-left corner of the grid and
    /// (columns, rows) the bottom-right one. A label goes on the side of
    /// its point that faces the middle of the grid, so that it stays
    /// inside, unless an arrow or another label is in the way there.
    #[must_use]
    pub fn points(mut self, points: Vec<(f64, f64, String)>) -> Self {
        self.points = points;
        self
    }

    /// Draw an arrow from `from` to `to` (in cell units, as for
    /// [`Heatmap::points`]) with `label` written beside its middle. It
    /// stops just short of `to`, so that a point marked there stays in
    /// view.
    ///
    /// ```
    /// use plots::Heatmap;
    ///
    /// let svg = Heatmap::new("", vec![vec![0.0, 1.0], vec![1.0, 2.0]])
    ///     .arrow((0.5, 0.5), (1.5, 1.5), "uphill")
    ///     .to_svg()?;
    /// assert!(svg.contains("<polygon") && svg.contains(">uphill</text>"));
    /// # Ok::<(), plots::PlotError>(())
    /// ```
    #[must_use]
    pub fn arrow(mut self, from: (f64, f64), to: (f64, f64), label: &str) -> Self {
        self.arrows.push(Arrow {
            from,
            to,
            label: label.to_string(),
        });
        self
    }

    /// Draw a path through `points` (in cell units, as for
    /// [`Heatmap::points`]), a thin line with a dot on each point, under
    /// the points and arrows: a walk of gradient descent, step by step.
    /// Labels keep off it.
    ///
    /// ```
    /// use plots::Heatmap;
    ///
    /// let svg = Heatmap::new("", vec![vec![0.0, 1.0], vec![1.0, 2.0]])
    ///     .path(vec![(1.8, 1.8), (1.0, 1.0), (0.5, 0.5)])
    ///     .to_svg()?;
    /// assert_eq!(svg.matches("<polyline").count(), 1);
    /// # Ok::<(), plots::PlotError>(())
    /// ```
    #[must_use]
    pub fn path(mut self, points: Vec<(f64, f64)>) -> Self {
        self.path = points;
        self
    }

    /// Draw a colour bar legend on the right (on by default).
    #[must_use]
    pub fn colorbar(mut self, show: bool) -> Self {
        self.colorbar = show;
        self
    }

    /// Title the colour bar with what its colours measure, written up
    /// its right side. A colour bar without one has numbers but no
    /// meaning.
    #[must_use]
    pub fn colorbar_label(mut self, label: &str) -> Self {
        self.colorbar_label = label.to_string();
        self
    }

    /// Cell size in px (default 32).
    #[must_use]
    pub fn cell_size(mut self, px: f64) -> Self {
        self.cell_size = px;
        self
    }

    /// Draw the cells as one embedded image, a pixel per cell, instead of
    /// a rectangle each: the same colours and the same sharp squares, in
    /// a file many times smaller (3 bytes a cell against about 75). For
    /// the frames of an animation, where a page carries dozens of heat
    /// maps. Points, arrows, labels and annotations are drawn as usual.
    ///
    /// ```
    /// use plots::Heatmap;
    ///
    /// let values = vec![vec![0.0; 30]; 30];
    /// let cells = Heatmap::new("", values.clone()).cell_size(8.0).colorbar(false).to_svg()?;
    /// let image = Heatmap::new("", values).cell_size(8.0).colorbar(false).raster().to_svg()?;
    /// assert!(image.contains("<image ") && image.len() * 10 < cells.len());
    /// # Ok::<(), plots::PlotError>(())
    /// ```
    #[must_use]
    pub fn raster(mut self) -> Self {
        self.raster = true;
        self
    }

    /// Render the heat map as an SVG document.
    ///
    /// Errors when there are no values, rows differ in length, a value or
    /// point is not finite, the scale is invalid, the number of row or
    /// column labels does not match the grid, or the cell size is not a
    /// positive number.
    pub fn to_svg(&self) -> Result<String, PlotError> {
        let checked = self.check()?;
        let (grid_width, grid_height) = self.grid_size(&checked);

        // Room needed around the grid for labels and the colour bar.
        let left_room = self.row_labels.as_ref().map_or(0.0, |labels| {
            let widest = labels
                .ticks
                .iter()
                .map(|t| TICK_FONT.width(t))
                .fold(0.0, f64::max);
            axis_label_room(&labels.axis) + widest + self.tick_gap()
        });
        let bottom_room = self.col_labels.as_ref().map_or(0.0, |labels| {
            TICK_FONT.size + self.tick_gap() + axis_label_room(&labels.axis)
        });
        let bar = ColorBar::new(checked.scale, grid_height, &self.colorbar_label);
        let right_room = if self.colorbar { bar.width() } else { 0.0 };

        let content_width = left_room + grid_width + right_room;
        let inner_width = content_width.max(TITLE_FONT.width(&self.title));
        let width = inner_width + 2.0 * MARGIN;
        let left = MARGIN + (inner_width - content_width) / 2.0 + left_room;
        let top = if self.title.is_empty() {
            MARGIN
        } else {
            BELOW_TITLE
        };
        let height = top + grid_height + bottom_room + MARGIN;

        let mut svg = Svg::new(width, height);
        svg.title(width / 2.0, &self.title);
        self.draw_cells(&mut svg, left, top, &checked);
        self.draw_labels(&mut svg, left, top, &checked);
        if self.colorbar {
            bar.draw(&mut svg, left + grid_width, top);
        }
        self.draw_overlay(&mut svg, left, top, &checked);
        Ok(svg.finish())
    }

    /// Names the heat map in error messages.
    fn describe(&self) -> String {
        format!("heatmap \"{}\"", self.title)
    }

    /// Checks the data and settles the colour scale.
    pub(crate) fn check(&self) -> Result<Checked, PlotError> {
        let fail = |problem: String| Err(PlotError::new(format!("{}: {problem}", self.describe())));
        let rows = self.values.len();
        let cols = self.values.first().map_or(0, Vec::len);
        if rows == 0 || cols == 0 {
            return fail(
                "no values to draw; values[row][col] needs at least one row and one column".into(),
            );
        }
        for (r, row) in self.values.iter().enumerate() {
            if row.len() != cols {
                return fail(format!(
                    "row {r} has {} values but row 0 has {cols}; all rows must be as long",
                    row.len()
                ));
            }
            if let Some(c) = row.iter().position(|v| !v.is_finite()) {
                return fail(format!(
                    "the value at row {r}, column {c} is not finite ({})",
                    row[c]
                ));
            }
        }
        if !(self.cell_size.is_finite() && self.cell_size > 0.0) {
            return fail(format!(
                "the cell size must be a positive number of px, got {}",
                self.cell_size
            ));
        }
        for (kind, labels, count) in [
            ("row", &self.row_labels, rows),
            ("column", &self.col_labels, cols),
        ] {
            if let Some(labels) = labels
                && labels.ticks.len() != count
            {
                return fail(format!(
                    "{} {kind} labels given for {count} {kind}s",
                    labels.ticks.len()
                ));
            }
        }
        if let Some((index, (x, y, _))) = self
            .points
            .iter()
            .enumerate()
            .find(|(_, (x, y, _))| !x.is_finite() || !y.is_finite())
        {
            return fail(format!(
                "point {index} has a non-finite position ({x}, {y})"
            ));
        }
        if let Some((index, (x, y))) = self
            .path
            .iter()
            .enumerate()
            .find(|(_, (x, y))| !x.is_finite() || !y.is_finite())
        {
            return fail(format!(
                "point {index} of the path has a non-finite position ({x}, {y})"
            ));
        }
        if let Some((index, arrow)) = self.arrows.iter().enumerate().find(|(_, arrow)| {
            arrow.ends().iter().any(|v| !v.is_finite()) || arrow.from == arrow.to
        }) {
            return fail(format!(
                "arrow {index} (\"{}\") needs two different, finite ends, got {:?} and {:?}",
                arrow.label, arrow.from, arrow.to
            ));
        }
        let scale = self.scale.unwrap_or_else(|| self.data_scale());
        if let Some(problem) = scale.problem() {
            return fail(problem);
        }
        Ok(Checked { rows, cols, scale })
    }

    /// Sequential over the data's range (a constant grid is drawn white).
    fn data_scale(&self) -> Scale {
        let all = self.values.iter().flatten().copied();
        let (min, max) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        Scale::Sequential {
            min,
            max: if max > min { max } else { min + 1.0 },
        }
    }

    /// Width and height of the grid of cells, in px.
    pub(crate) fn grid_size(&self, checked: &Checked) -> (f64, f64) {
        (
            checked.cols as f64 * self.cell_size,
            checked.rows as f64 * self.cell_size,
        )
    }

    /// The cells with their top-left corner at (`left`, `top`), an outline
    /// around them and, if asked for, the values written in them.
    pub(crate) fn draw_cells(&self, svg: &mut Svg, left: f64, top: f64, checked: &Checked) {
        let size = self.cell_size;
        let (width, height) = self.grid_size(checked);
        if self.raster {
            let pixels: Vec<Vec<[u8; 3]>> = self
                .values
                .iter()
                .map(|row| row.iter().map(|&value| checked.scale.rgb(value)).collect())
                .collect();
            let png = crate::png::rgb_png(checked.cols, &pixels);
            svg.png_image((left, top, width, height), &png);
        } else {
            self.draw_rects(svg, left, top, checked);
        }
        svg.rect(left, top, width, height, Paint::stroke(AXIS, 1.0));

        let Some(decimals) = self.decimals else {
            return;
        };
        let texts: Vec<Vec<String>> = self
            .values
            .iter()
            .map(|row| row.iter().map(|&v| fixed(v, decimals)).collect())
            .collect();
        let longest = texts
            .iter()
            .flatten()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(1);
        let font = annotation_font(size, longest);
        for (r, row) in self.values.iter().enumerate() {
            for (c, &value) in row.iter().enumerate() {
                let color = if is_dark(checked.scale.rgb(value)) {
                    PAPER
                } else {
                    INK
                };
                let x = left + (c as f64 + 0.5) * size;
                let y = font.centered_baseline(top + (r as f64 + 0.5) * size);
                svg.text(x, y, &texts[r][c], &font.color(color));
            }
        }
    }

    /// The cells as one rectangle each, in a group drawn with crisp edges.
    fn draw_rects(&self, svg: &mut Svg, left: f64, top: f64, checked: &Checked) {
        let size = self.cell_size;
        svg.open_crisp_group();
        for (r, row) in self.values.iter().enumerate() {
            for (c, &value) in row.iter().enumerate() {
                let color = checked.scale.color(value);
                svg.rect(
                    left + c as f64 * size,
                    top + r as f64 * size,
                    size,
                    size,
                    Paint::fill(&color),
                );
            }
        }
        svg.close_group();
    }

    /// The arrows and the points with their labels, over the cells whose
    /// top-left corner is at (`left`, `top`).
    pub(crate) fn draw_overlay(&self, svg: &mut Svg, left: f64, top: f64, checked: &Checked) {
        let (width, height) = self.grid_size(checked);
        let bounds = Rect {
            left,
            top,
            right: left + width,
            bottom: top + height,
        };
        let px = |(x, y): (f64, f64)| (left + x * self.cell_size, top + y * self.cell_size);
        let mut overlay = Overlay::new(bounds, self.point_radius());
        overlay.path(self.path.iter().map(|&at| px(at)).collect());
        for arrow in &self.arrows {
            overlay.arrow(px(arrow.from), px(arrow.to), &arrow.label);
        }
        for (x, y, label) in &self.points {
            overlay.point(px((*x, *y)), label);
        }
        overlay.draw(svg);
    }

    /// Radius of the circles marking overlaid points.
    fn point_radius(&self) -> f64 {
        (self.cell_size * 0.3).clamp(4.0, 7.0)
    }

    /// Distance between the grid and its tick labels: more when points
    /// (which may sit on the grid's edge) could cover them.
    fn tick_gap(&self) -> f64 {
        if self.points.is_empty() {
            6.0
        } else {
            6.0 + self.point_radius()
        }
    }

    /// Row labels down the left, column labels along the bottom.
    fn draw_labels(&self, svg: &mut Svg, left: f64, top: f64, checked: &Checked) {
        let size = self.cell_size;
        let (width, height) = self.grid_size(checked);
        if let Some(labels) = &self.row_labels {
            // Skip some labels when rows are too thin to hold them all.
            let every = ((TICK_FONT.size + 2.0) / size).ceil().max(1.0) as usize;
            for (r, label) in spaced(&labels.ticks, every) {
                let y = TICK_FONT.centered_baseline(top + (r as f64 + 0.5) * size);
                svg.axis_text(
                    Part::YTick,
                    left - self.tick_gap(),
                    y,
                    label,
                    &TICK_FONT.end(),
                );
            }
            let widest = labels
                .ticks
                .iter()
                .map(|t| TICK_FONT.width(t))
                .fold(0.0, f64::max);
            let x = left - self.tick_gap() - widest - 8.0;
            svg.axis_text_vertical(
                Part::YTitle,
                x,
                top + height / 2.0,
                &labels.axis,
                &LABEL_FONT,
            );
        }
        if let Some(labels) = &self.col_labels {
            let widest = labels
                .ticks
                .iter()
                .map(|t| TICK_FONT.width(t))
                .fold(0.0, f64::max);
            let every = ((widest + 6.0) / size).ceil().max(1.0) as usize;
            let baseline = top + height + self.tick_gap() + TICK_FONT.size;
            for (c, label) in spaced(&labels.ticks, every) {
                svg.axis_text(
                    Part::XTick,
                    left + (c as f64 + 0.5) * size,
                    baseline,
                    label,
                    &TICK_FONT.middle(),
                );
            }
            svg.axis_text(
                Part::XTitle,
                left + width / 2.0,
                baseline + 8.0 + LABEL_FONT.size,
                &labels.axis,
                &LABEL_FONT,
            );
        }
    }
}

/// The labels to write, with their index: every one that is not empty
/// and is at least `every` places after the last one written. Labels
/// given only every few cells are all written when they fit.
fn spaced(labels: &[String], every: usize) -> Vec<(usize, &String)> {
    let mut kept: Vec<(usize, &String)> = Vec::new();
    for (index, label) in labels.iter().enumerate() {
        let far_enough = kept.last().is_none_or(|&(last, _)| index - last >= every);
        if !label.is_empty() && far_enough {
            kept.push((index, label));
        }
    }
    kept
}

/// Space taken by an axis label beside the tick labels (none if empty).
pub(crate) fn axis_label_room(label: &str) -> f64 {
    if label.is_empty() {
        0.0
    } else {
        LABEL_FONT.size + 8.0
    }
}

/// A font for values written in cells of `size` px, small enough for the
/// longest text (`longest` characters) to fit.
fn annotation_font(size: f64, longest: usize) -> Font {
    let font = Font::sans((size * 0.4).clamp(7.0, 14.0)).middle();
    let width = font.width(&"0".repeat(longest));
    if width > size * 0.9 {
        font.size(font.size * size * 0.9 / width)
    } else {
        font
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_well_formed, attribute, count};

    fn digits() -> Heatmap {
        Heatmap::new("Confusion", vec![vec![5.0, 1.0, 0.0], vec![2.0, 7.0, 1.0]])
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        let make = || {
            digits()
                .annotate(0)
                .points(vec![(0.5, 0.5, "p".into())])
                .to_svg()
                .unwrap()
        };
        assert_eq!(make(), make());
    }

    #[test]
    fn the_colour_bar_stops_are_the_scale_at_their_values() {
        for scale in [
            Scale::Sequential {
                min: -2.0,
                max: 6.0,
            },
            Scale::Diverging {
                min: 0.0,
                mid: 0.2,
                max: 1.0,
            },
        ] {
            let stops = scale.stops();
            assert_eq!(stops.len(), 5);
            assert_eq!(stops[0].0, scale.bounds().0);
            assert_eq!(stops[4].0, scale.bounds().1);
            for (value, color) in &stops {
                assert_eq!(&scale.color(*value), color, "{scale:?} at {value}");
            }
            // Halfway between two stops, the colour is the mix of theirs.
            let (a, b) = (&stops[1], &stops[2]);
            let rgb = |c: &str| u32::from_str_radix(&c[1..], 16).unwrap().to_be_bytes();
            let middle = scale.rgb(f64::midpoint(a.0, b.0));
            for (k, &channel) in middle.iter().enumerate() {
                let mix = f64::midpoint(f64::from(rgb(&a.1)[k + 1]), f64::from(rgb(&b.1)[k + 1]));
                assert!((f64::from(channel) - mix).abs() <= 1.0, "{scale:?}");
            }
        }
    }

    #[test]
    fn a_raster_heat_map_is_one_image_with_a_pixel_per_cell() {
        let svg = digits().raster().annotate(0).to_svg().unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<image "), 1);
        // The background, the outline, the colour bar and its outline: no cells.
        assert_eq!(count(&svg, "<rect"), 4);
        assert!(svg.contains(
            "style=\"image-rendering:pixelated\" href=\"data:image/png;base64,iVBORw0KGgo"
        ));
        assert!(svg.contains(">7</text>"), "annotations are still written");
        assert_eq!(
            digits().raster().to_svg().unwrap(),
            digits().raster().to_svg().unwrap()
        );
    }

    #[test]
    fn sparse_tick_labels_are_all_written_when_they_fit_and_dense_ones_thinned() {
        let sparse: Vec<String> = (0..41)
            .map(|k| {
                if k % 10 == 0 {
                    format!("{}", f64::from(k) / 40.0)
                } else {
                    String::new()
                }
            })
            .collect();
        let kept: Vec<&str> = spaced(&sparse, 4)
            .into_iter()
            .map(|(_, label)| label.as_str())
            .collect();
        assert_eq!(kept, ["0", "0.25", "0.5", "0.75", "1"]);
        let dense: Vec<String> = (0..9).map(|k| k.to_string()).collect();
        let kept: Vec<usize> = spaced(&dense, 3)
            .into_iter()
            .map(|(index, _)| index)
            .collect();
        assert_eq!(kept, [0, 3, 6]);
    }

    #[test]
    fn there_is_one_rect_per_cell() {
        let svg = digits().colorbar(false).to_svg().unwrap();
        assert_well_formed(&svg);
        // The background, the outline, and 2 x 3 cells.
        assert_eq!(count(&svg, "<rect"), 2 + 6);
        // The colour bar is one gradient and its outline: no seams.
        let with_bar = digits().to_svg().unwrap();
        assert_well_formed(&with_bar);
        assert_eq!(count(&with_bar, "<rect"), 2 + 6 + 2);
        assert_eq!(count(&with_bar, "<stop "), 5);
    }

    #[test]
    fn annotations_write_every_value_with_white_text_on_dark_cells() {
        let svg = digits().annotate(1).to_svg().unwrap();
        assert_well_formed(&svg);
        for value in ["5.0", "1.0", "0.0", "2.0", "7.0"] {
            assert!(svg.contains(&format!(">{value}</text>")), "missing {value}");
        }
        // 7 is the maximum: a dark cell with white text. 0 is white with dark text.
        assert!(svg.contains(&format!(
            "fill=\"{PAPER}\" text-anchor=\"middle\">7.0</text>"
        )));
        assert!(svg.contains(&format!("fill=\"{INK}\" text-anchor=\"middle\">0.0</text>")));
    }

    #[test]
    fn labels_are_written_and_escaped() {
        let svg = digits()
            .row_labels("true <class>", vec!["a".into(), "b & c".into()])
            .col_labels("predicted", vec!["x".into(), "y".into(), "z".into()])
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert!(
            svg.contains("true &lt;class&gt;")
                && svg.contains(">b &amp; c</text>")
                && svg.contains(">z</text>")
        );
    }

    #[test]
    fn points_are_circles_with_labels() {
        let points = vec![
            (0.0, 0.0, "(0, 0) → 0".to_string()),
            (3.0, 2.0, "(1, 1) → 0".to_string()),
        ];
        let svg = digits().points(points).to_svg().unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<circle"), 2);
        assert!(svg.contains("(0, 0) → 0") && svg.contains("(1, 1) → 0"));
    }

    #[test]
    fn the_colour_bar_and_the_axes_carry_their_titles() {
        let svg = digits()
            .row_labels("true class", vec!["a".into(), "b".into()])
            .col_labels("guess", vec!["x".into(), "y".into(), "z".into()])
            .colorbar_label("count")
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        for (class, text) in [
            ("y-title", "true class"),
            ("x-title", "guess"),
            ("colorbar-title", "count"),
            ("y-tick", "b"),
            ("x-tick", "z"),
            ("colorbar-tick", "7.0"),
        ] {
            assert!(
                svg.contains(&format!("class=\"{class}\""))
                    && svg.contains(&format!(">{text}</text>")),
                "no {class} {text:?} in {svg}"
            );
        }
        // The title makes room for itself: the figure grows.
        let narrower = digits().to_svg().unwrap();
        assert!(attribute(&svg, "width") > attribute(&narrower, "width") + LABEL_FONT.size);
    }

    #[test]
    fn an_arrow_is_a_line_a_head_and_a_label() {
        let svg = digits()
            .arrow((0.5, 0.5), (2.5, 1.5), "∂E/∂Y")
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<polygon"), 1);
        assert!(svg.contains(">∂E/∂Y</text>"));
        let error = digits()
            .arrow((1.0, 1.0), (1.0, 1.0), "nowhere")
            .to_svg()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("arrow 0 (\"nowhere\") needs two different, finite ends"),
            "{error}"
        );
    }

    #[test]
    fn ragged_rows_are_an_error_naming_the_row() {
        let error = Heatmap::new("W", vec![vec![1.0, 2.0], vec![3.0]])
            .to_svg()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("heatmap \"W\": row 1 has 1 values but row 0 has 2"),
            "{error}"
        );
    }

    #[test]
    fn empty_grids_are_an_error() {
        assert!(
            Heatmap::new("e", vec![])
                .to_svg()
                .unwrap_err()
                .message()
                .contains("no values")
        );
        assert!(
            Heatmap::new("e", vec![vec![]])
                .to_svg()
                .unwrap_err()
                .message()
                .contains("no values")
        );
    }

    #[test]
    fn non_finite_values_are_an_error_naming_the_cell() {
        let error = Heatmap::new("n", vec![vec![1.0, 2.0], vec![3.0, f64::NAN]])
            .to_svg()
            .unwrap_err();
        assert!(
            error.message().contains("row 1, column 1 is not finite"),
            "{error}"
        );
        let error = digits()
            .points(vec![(f64::NAN, 0.0, "p".into())])
            .to_svg()
            .unwrap_err();
        assert!(error.message().contains("point 0"), "{error}");
    }

    #[test]
    fn label_counts_must_match_the_grid() {
        let error = digits()
            .col_labels("c", vec!["only one".into()])
            .to_svg()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("1 column labels given for 3 columns"),
            "{error}"
        );
        let error = digits().row_labels("r", vec![]).to_svg().unwrap_err();
        assert!(
            error.message().contains("0 row labels given for 2 rows"),
            "{error}"
        );
    }

    #[test]
    fn invalid_scales_and_cell_sizes_are_errors() {
        let error = digits()
            .scale(Scale::Sequential { min: 1.0, max: 1.0 })
            .to_svg()
            .unwrap_err();
        assert!(error.message().contains("min < max"), "{error}");
        let error = digits()
            .scale(Scale::Diverging {
                min: -1.0,
                mid: 2.0,
                max: 1.0,
            })
            .to_svg()
            .unwrap_err();
        assert!(error.message().contains("min < mid < max"), "{error}");
        assert!(digits().cell_size(0.0).to_svg().is_err());
    }

    #[test]
    fn scales_run_from_white_to_blue_and_red_to_blue() {
        let sequential = Scale::Sequential {
            min: 0.0,
            max: 10.0,
        };
        assert_eq!(sequential.color(0.0), "#ffffff");
        assert_eq!(sequential.color(10.0), "#08306b");
        assert_eq!(sequential.color(-3.0), "#ffffff");
        assert_eq!(sequential.color(5.0), "#6baed6");
        let diverging = Scale::Diverging {
            min: -2.0,
            mid: 0.0,
            max: 1.0,
        };
        assert_eq!(diverging.color(-2.0), "#b2182b");
        assert_eq!(diverging.color(0.0), "#ffffff");
        assert_eq!(diverging.color(1.0), "#2166ac");
        assert_eq!(diverging.color(0.5), "#67a9cf");
    }

    #[test]
    fn a_constant_grid_still_renders() {
        let svg = Heatmap::new("", vec![vec![3.0; 4]; 4]).to_svg().unwrap();
        assert_well_formed(&svg);
    }

    #[test]
    fn a_long_title_widens_the_figure() {
        let title = "a rather long title for a tiny two by two grid of cells";
        let svg = Heatmap::new(title, vec![vec![0.0, 1.0], vec![1.0, 0.0]])
            .colorbar(false)
            .to_svg()
            .unwrap();
        let width = attribute(&svg, "width");
        assert!(width >= TITLE_FONT.width(title) + 2.0 * MARGIN - 1.0);
    }
}

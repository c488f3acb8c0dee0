//! A tiny SVG writer.
//!
//! Every figure in this crate is built the same way: make an [`Svg`] of a
//! given size, call its drawing methods (`rect`, `line`, `text`, ...) in
//! painting order, then [`Svg::finish`] it into a `String`.
//!
//! Two rules keep the output safe and byte-for-byte reproducible:
//!
//! - every number goes through [`fixed`] (a fixed number of decimals, and
//!   never a `-0.00`), coordinates and sizes through [`num`] (two decimals
//!   at most, no trailing zeros), so the same figure always prints the same
//!   digits;
//! - every piece of text goes through [`escape`], so a label such as
//!   `a < b & c` cannot break the XML.

use std::fmt::Write as _;

/// The colours given to the series of a [`LineChart`](crate::LineChart),
/// one after the other (they cycle): blue, red, green, orange, purple,
/// brown, pink, grey, olive and cyan. A figure that should give a setting
/// the same colour as another figure does picks one of them by hand with
/// [`LineChart::series_colored`](crate::LineChart::series_colored).
pub const PALETTE: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];
/// Colour of titles and ordinary text.
pub(crate) const INK: &str = "#222222";
/// Colour of secondary text: tick labels, shapes, captions.
pub(crate) const MUTED: &str = "#555555";
/// Colour of axis lines and outlines.
pub(crate) const AXIS: &str = "#777777";
/// Colour of light helper lines (grid lines, cell borders).
pub(crate) const FAINT: &str = "#e2e2e2";
/// The page colour every figure is drawn on.
pub(crate) const PAPER: &str = "#ffffff";
/// Blue for positive weights.
pub(crate) const POSITIVE: &str = "#1f77b4";
/// Red for negative weights.
pub(crate) const NEGATIVE: &str = "#d62728";

/// Space left free around the edge of every figure, in px.
pub(crate) const MARGIN: f64 = 16.0;
/// Font of figure titles.
pub(crate) const TITLE_FONT: Font = Font::sans(16.0).bold().middle();
/// Baseline of the title, measured from the top of the figure.
pub(crate) const TITLE_BASELINE: f64 = 28.0;
/// Where the content starts below a title.
pub(crate) const BELOW_TITLE: f64 = 44.0;

/// Escapes the five characters that XML gives a meaning to.
///
/// Control characters that XML 1.0 does not allow at all (everything below
/// U+0020 except tab, newline and carriage return) become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Formats `value` with exactly `decimals` decimals, writing `0.00` rather
/// than `-0.00` for tiny negative numbers.
pub(crate) fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// Formats a coordinate or a size: rounded to two decimals, then written
/// without the zeros that end them (`72.08`, `2.5`, `16`), which say
/// nothing and would make up a tenth of a figure's bytes.
pub(crate) fn num(value: f64) -> String {
    let text = fixed(value, 2);
    let trimmed = text.trim_end_matches('0');
    trimmed.strip_suffix('.').unwrap_or(trimmed).to_string()
}

/// The `points` attribute of a polyline or polygon: `x,y x,y ...`.
fn coordinates(points: &[(f64, f64)]) -> String {
    let pairs: Vec<String> = points
        .iter()
        .map(|&(x, y)| format!("{},{}", num(x), num(y)))
        .collect();
    pairs.join(" ")
}

/// A straight line from one point to another: ((x1, y1), (x2, y2)).
pub(crate) type Segment = ((f64, f64), (f64, f64));

/// How a shape is filled and outlined.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Paint<'a> {
    fill: &'a str,
    stroke: &'a str,
    stroke_width: f64,
    opacity: f64,
}

impl<'a> Paint<'a> {
    /// Filled with `color`, no outline.
    pub(crate) const fn fill(color: &'a str) -> Self {
        Paint {
            fill: color,
            stroke: "none",
            stroke_width: 0.0,
            opacity: 1.0,
        }
    }

    /// Outlined with `color`, `width` px wide, not filled.
    pub(crate) const fn stroke(color: &'a str, width: f64) -> Self {
        Paint {
            fill: "none",
            stroke: color,
            stroke_width: width,
            opacity: 1.0,
        }
    }

    /// The same paint, with an outline added.
    pub(crate) const fn with_stroke(self, color: &'a str, width: f64) -> Self {
        Paint {
            stroke: color,
            stroke_width: width,
            ..self
        }
    }

    /// The same paint, partly transparent (`opacity` from 0 to 1).
    pub(crate) const fn with_opacity(self, opacity: f64) -> Self {
        Paint { opacity, ..self }
    }

    /// The paint as SVG attributes, starting with a space.
    fn attributes(&self) -> String {
        let mut out = format!(" fill=\"{}\"", escape(self.fill));
        if self.stroke != "none" {
            let _ = write!(
                out,
                " stroke=\"{}\" stroke-width=\"{}\"",
                escape(self.stroke),
                num(self.stroke_width)
            );
        }
        if self.opacity < 1.0 {
            let _ = write!(out, " opacity=\"{}\"", num(self.opacity));
        }
        out
    }
}

/// What a text on a figure's axes is. It is written into the SVG as the
/// text's `class` (`x-tick`, `x-title`, ...), so that a test reading the
/// figure can check that every axis with ticks also has a title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// A label of a tick on the horizontal axis.
    XTick,
    /// The title of the horizontal axis.
    XTitle,
    /// A label of a tick on the vertical axis.
    YTick,
    /// The title of the vertical axis.
    YTitle,
    /// A label of a tick on a colour bar.
    BarTick,
    /// The title of a colour bar: what its colours measure.
    BarTitle,
}

impl Part {
    /// The `class` attribute this part is written with.
    fn class(self) -> &'static str {
        match self {
            Part::XTick => "x-tick",
            Part::XTitle => "x-title",
            Part::YTick => "y-tick",
            Part::YTitle => "y-title",
            Part::BarTick => "colorbar-tick",
            Part::BarTitle => "colorbar-title",
        }
    }
}

/// Where a text's `x` coordinate sits: at its start, middle or end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// `x` is the left end of the text.
    Start,
    /// `x` is the middle of the text.
    Middle,
    /// `x` is the right end of the text.
    End,
}

/// How a text is drawn.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Font {
    /// Font size in px.
    pub size: f64,
    /// Horizontal alignment around `x`.
    pub anchor: Anchor,
    /// Text colour.
    pub color: &'static str,
    /// Bold or regular.
    pub bold: bool,
    /// Monospace or sans-serif.
    pub mono: bool,
}

impl Font {
    /// A regular sans-serif font of `size` px, left aligned, in [`INK`].
    pub(crate) const fn sans(size: f64) -> Self {
        Font {
            size,
            anchor: Anchor::Start,
            color: INK,
            bold: false,
            mono: false,
        }
    }

    /// A monospace font of `size` px, left aligned, in [`INK`].
    pub(crate) const fn mono(size: f64) -> Self {
        Font {
            mono: true,
            ..Font::sans(size)
        }
    }

    /// The same font, centred on `x`.
    pub(crate) const fn middle(self) -> Self {
        Font {
            anchor: Anchor::Middle,
            ..self
        }
    }

    /// The same font, ending at `x`.
    pub(crate) const fn end(self) -> Self {
        Font {
            anchor: Anchor::End,
            ..self
        }
    }

    /// The same font, bold.
    pub(crate) const fn bold(self) -> Self {
        Font { bold: true, ..self }
    }

    /// The same font, in another colour.
    pub(crate) const fn color(self, color: &'static str) -> Self {
        Font { color, ..self }
    }

    /// The same font at another size.
    pub(crate) const fn size(self, size: f64) -> Self {
        Font { size, ..self }
    }

    /// A rough width of `text` in px.
    ///
    /// We cannot measure text without the font, so this uses an average
    /// letter width. It is only used to leave enough room for labels.
    pub(crate) fn width(&self, text: &str) -> f64 {
        let per_char = match (self.mono, self.bold) {
            (true, _) => 0.61,
            (false, true) => 0.6,
            (false, false) => 0.57,
        };
        text.chars().count() as f64 * self.size * per_char
    }

    /// The baseline that puts the text's letters centred on height `y`.
    pub(crate) fn centered_baseline(&self, y: f64) -> f64 {
        y + self.size * 0.35
    }
}

/// An SVG document being written.
#[derive(Debug)]
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    /// Starts a document `width` by `height` px (rounded up to whole
    /// pixels) on a white, rounded background.
    pub(crate) fn new(width: f64, height: f64) -> Self {
        let width = width.ceil();
        let height = height.ceil();
        let mut svg = Svg { out: String::new() };
        let _ = writeln!(
            svg.out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-family=\"sans-serif\">",
            w = fixed(width, 0),
            h = fixed(height, 0),
        );
        svg.rounded_rect(0.0, 0.0, width, height, 8.0, Paint::fill(PAPER));
        svg
    }

    /// A rectangle with its top-left corner at (`x`, `y`).
    pub(crate) fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, paint: Paint) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>",
            num(x),
            num(y),
            num(width),
            num(height),
            paint.attributes()
        );
    }

    /// A rectangle with corners rounded by `radius` px.
    pub(crate) fn rounded_rect(
        &mut self,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        radius: f64,
        paint: Paint,
    ) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"{}/>",
            num(x),
            num(y),
            num(width),
            num(height),
            num(radius),
            paint.attributes()
        );
    }

    /// A straight line from (`x1`, `y1`) to (`x2`, `y2`).
    pub(crate) fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), paint: Paint) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            paint.attributes()
        );
    }

    /// Straight lines, each from one point to another, all in the same
    /// paint: one `<path>`, a quarter of the bytes of a `<line>` each
    /// (grid lines and tick marks). Nothing is written for no lines.
    pub(crate) fn lines(&mut self, lines: &[Segment], paint: Paint) {
        if lines.is_empty() {
            return;
        }
        let d: Vec<String> = lines
            .iter()
            .map(|&((x1, y1), (x2, y2))| {
                format!("M{} {}L{} {}", num(x1), num(y1), num(x2), num(y2))
            })
            .collect();
        let _ = writeln!(
            self.out,
            "<path d=\"{}\"{}/>",
            d.join(""),
            paint.attributes()
        );
    }

    /// Connected straight lines through `points`, with rounded joins.
    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], paint: Paint) {
        let _ = writeln!(
            self.out,
            "<polyline points=\"{}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{}/>",
            coordinates(points),
            paint.attributes()
        );
    }

    /// A closed shape through `points`, such as an arrowhead.
    pub(crate) fn polygon(&mut self, points: &[(f64, f64)], paint: Paint) {
        let _ = writeln!(
            self.out,
            "<polygon points=\"{}\"{}/>",
            coordinates(points),
            paint.attributes()
        );
    }

    /// A rectangle filled with a colour gradient from its bottom edge
    /// (offset 0) to its top edge (offset 1), through `stops` of
    /// (offset, colour). `id` names the gradient and must be unique in
    /// the document. One shape, so no seams between slices of colour.
    pub(crate) fn vertical_gradient_rect(
        &mut self,
        id: &str,
        (x, y, width, height): (f64, f64, f64, f64),
        stops: &[(f64, String)],
    ) {
        let _ = writeln!(
            self.out,
            "<defs><linearGradient id=\"{}\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">",
            escape(id)
        );
        for (offset, color) in stops {
            let _ = writeln!(
                self.out,
                "<stop offset=\"{}\" stop-color=\"{}\"/>",
                fixed(*offset, 4),
                escape(color)
            );
        }
        self.out.push_str("</linearGradient></defs>\n");
        let fill = format!("url(#{id})");
        self.rect(x, y, width, height, Paint::fill(&fill));
    }

    /// A circle of radius `r` around (`cx`, `cy`).
    pub(crate) fn circle(&mut self, cx: f64, cy: f64, r: f64, paint: Paint) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
            num(cx),
            num(cy),
            num(r),
            paint.attributes()
        );
    }

    /// Text with its baseline at height `y`, aligned on `x` as the font says.
    pub(crate) fn text(&mut self, x: f64, y: f64, text: &str, font: &Font) {
        self.text_element(x, y, text, font, "");
    }

    /// Text turned a quarter to the left (read from bottom to top), as on a
    /// vertical axis. `x` is the baseline; the letters stand to its left.
    pub(crate) fn text_vertical(&mut self, x: f64, y: f64, text: &str, font: &Font) {
        let rotate = format!(" transform=\"rotate(-90 {} {})\"", num(x), num(y));
        self.text_element(x, y, text, font, &rotate);
    }

    /// A text that is part of an axis, marked with the part's class.
    pub(crate) fn axis_text(&mut self, part: Part, x: f64, y: f64, text: &str, font: &Font) {
        let class = format!(" class=\"{}\"", part.class());
        self.text_element(x, y, text, font, &class);
    }

    /// An axis text turned a quarter to the left, as [`Svg::text_vertical`].
    pub(crate) fn axis_text_vertical(
        &mut self,
        part: Part,
        x: f64,
        y: f64,
        text: &str,
        font: &Font,
    ) {
        let extra = format!(
            " class=\"{}\" transform=\"rotate(-90 {} {})\"",
            part.class(),
            num(x),
            num(y)
        );
        self.text_element(x, y, text, font, &extra);
    }

    /// The figure's title, centred on `center_x` at the top.
    pub(crate) fn title(&mut self, center_x: f64, text: &str) {
        self.text(center_x, TITLE_BASELINE, text, &TITLE_FONT);
    }

    /// Text on a small white card, so that it stays readable on top of
    /// lines and coloured cells. `center_y` is the middle of the letters.
    pub(crate) fn text_on_card(&mut self, x: f64, center_y: f64, text: &str, font: &Font) {
        let width = font.width(text) + 8.0;
        let height = font.size + 6.0;
        let left = match font.anchor {
            Anchor::Start => x - 4.0,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width + 4.0,
        };
        let card = Paint::fill(PAPER).with_opacity(0.88);
        self.rounded_rect(left, center_y - height / 2.0, width, height, 4.0, card);
        self.text(x, font.centered_baseline(center_y), text, font);
    }

    /// A PNG image (the file's bytes) stretched over the rectangle with its
    /// top-left corner at (`x`, `y`), its pixels drawn as sharp squares,
    /// not blurred into each other. It is embedded as a `data:` URI, so the
    /// document still loads nothing from elsewhere.
    pub(crate) fn png_image(&mut self, (x, y, width, height): (f64, f64, f64, f64), png: &[u8]) {
        let _ = writeln!(
            self.out,
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" \
             style=\"image-rendering:pixelated\" href=\"data:image/png;base64,{}\"/>",
            num(x),
            num(y),
            num(width),
            num(height),
            crate::png::base64(png)
        );
    }

    /// Another document drawn inside this one, its top-left corner at
    /// (`x`, `y`): `svg` is a whole document as [`Svg::finish`] returns
    /// it, `width` by `height` px.
    pub(crate) fn nested(&mut self, x: f64, y: f64, (width, height): (f64, f64), svg: &str) {
        let body = svg
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .trim_end()
            .strip_suffix("</svg>")
            .unwrap_or_default();
        let _ = writeln!(
            self.out,
            "<svg x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
            num(x),
            num(y),
            w = fixed(width, 0),
            h = fixed(height, 0),
        );
        self.out.push_str(body);
        self.out.push_str("</svg>\n");
    }

    /// Starts a group whose shapes are drawn with crisp edges, so that cells
    /// which touch show no hairline seams between them.
    pub(crate) fn open_crisp_group(&mut self) {
        self.out.push_str("<g shape-rendering=\"crispEdges\">\n");
    }

    /// Ends the group started by [`Svg::open_crisp_group`].
    pub(crate) fn close_group(&mut self) {
        self.out.push_str("</g>\n");
    }

    /// Ends the document and returns its text.
    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    /// Writes a `<text>`; an empty text (a tick left unlabelled, no title)
    /// draws nothing and is not written.
    fn text_element(&mut self, x: f64, y: f64, text: &str, font: &Font, extra: &str) {
        if text.is_empty() {
            return;
        }
        let mut style = String::new();
        match font.anchor {
            Anchor::Start => {}
            Anchor::Middle => style.push_str(" text-anchor=\"middle\""),
            Anchor::End => style.push_str(" text-anchor=\"end\""),
        }
        if font.bold {
            style.push_str(" font-weight=\"bold\"");
        }
        if font.mono {
            style.push_str(" font-family=\"monospace\"");
        }
        let (x, y, size, text) = (num(x), num(y), num(font.size), escape(text));
        let fill = escape(font.color);
        let _ = writeln!(
            self.out,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" fill=\"{fill}\"{style}{extra}>{text}</text>"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_well_formed;

    #[test]
    fn escape_replaces_the_five_xml_characters() {
        assert_eq!(
            escape(r#"a < b & c > "d" 'e'"#),
            "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;"
        );
    }

    #[test]
    fn escape_keeps_unicode_and_replaces_control_characters() {
        assert_eq!(escape("w₂₁ → ·"), "w₂₁ → ·");
        assert_eq!(escape("a\u{7}b"), "a\u{fffd}b");
    }

    #[test]
    fn numbers_never_write_negative_zero_and_coordinates_no_trailing_zeros() {
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(16.0), "16");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(72.084), "72.08");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(-3.1), "-3.1");
        assert_eq!(fixed(-0.0, 2), "0.00");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(-0.4, 0), "0");
        assert_eq!(fixed(-0.5, 2), "-0.50");
        assert_eq!(fixed(1.0 / 3.0, 3), "0.333");
    }

    #[test]
    fn a_document_is_well_formed_and_escapes_its_text() {
        let mut svg = Svg::new(100.0, 50.5);
        svg.text(10.0, 20.0, "<script>&", &Font::sans(12.0).bold());
        svg.text_vertical(10.0, 20.0, "\"quoted\"", &Font::mono(12.0).end());
        svg.line((0.0, 0.0), (1.0, 1.0), Paint::stroke(AXIS, 1.0));
        svg.polyline(&[(0.0, 0.0), (1.0, 2.0)], Paint::stroke(PALETTE[0], 2.0));
        svg.circle(1.0, 1.0, 2.0, Paint::fill(PALETTE[1]).with_opacity(0.5));
        svg.polygon(&[(0.0, 0.0), (2.0, 0.0), (1.0, 1.0)], Paint::fill(INK));
        svg.lines(
            &[((0.0, 1.0), (2.0, 1.0)), ((1.0, 0.0), (1.0, 2.0))],
            Paint::stroke(FAINT, 1.0),
        );
        svg.lines(&[], Paint::stroke(FAINT, 1.0));
        let stops = [(0.0, "#ffffff".to_string()), (1.0, "#08306b".to_string())];
        svg.vertical_gradient_rect("bar", (0.0, 0.0, 2.0, 9.0), &stops);
        svg.axis_text(Part::XTitle, 5.0, 5.0, "epoch", &Font::sans(12.0));
        svg.axis_text_vertical(Part::YTitle, 5.0, 5.0, "loss", &Font::sans(12.0));
        svg.open_crisp_group();
        svg.rect(
            0.0,
            0.0,
            1.0,
            1.0,
            Paint::fill(FAINT).with_stroke(AXIS, 0.5),
        );
        svg.close_group();
        let out = svg.finish();
        assert_well_formed(&out);
        assert!(out.contains("&lt;script&gt;&amp;"));
        assert!(out.contains("&quot;quoted&quot;"));
        assert!(!out.contains("<script>"));
        assert!(out.contains("fill=\"url(#bar)\"") && out.contains("<stop offset=\"1.0000\""));
        assert!(out.contains("class=\"x-title\">epoch</text>"));
        assert_eq!(out.matches("<path ").count(), 1, "no lines, no path");
        assert!(out.contains("<path d=\"M0 1L2 1M1 0L1 2\" fill=\"none\""));
        assert!(out.contains("class=\"y-title\" transform=\"rotate(-90 5 5)\">loss</text>"));
        assert!(
            out.starts_with(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"51\""
            )
        );
    }

    #[test]
    fn an_empty_text_is_not_written() {
        let mut svg = Svg::new(10.0, 10.0);
        svg.title(5.0, "");
        svg.axis_text(Part::XTick, 1.0, 1.0, "", &Font::sans(10.0));
        svg.axis_text(Part::XTick, 2.0, 1.0, "0.5", &Font::sans(10.0));
        assert_eq!(svg.finish().matches("<text").count(), 1);
    }

    #[test]
    fn a_card_is_drawn_under_its_text() {
        let mut svg = Svg::new(10.0, 10.0);
        svg.text_on_card(5.0, 5.0, "label", &Font::sans(10.0).middle());
        let out = svg.finish();
        assert_well_formed(&out);
        assert_eq!(out.matches("<rect").count(), 2);
        assert!(out.rfind("<rect").unwrap() < out.find("<text").unwrap());
    }

    #[test]
    fn a_font_estimates_more_width_for_longer_text() {
        let font = Font::sans(10.0);
        assert!(font.width("abcd") > font.width("ab"));
        assert_eq!(font.width(""), 0.0);
        // Unicode letters count once each, not once per byte.
        assert_eq!(font.width("→"), font.width("a"));
    }
}

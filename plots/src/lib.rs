//! Small, deterministic SVG drawings for the book's figures.
//!
//! Each chapter's example program draws its figures with this crate and, when
//! run with `--figures DIR`, writes them as `.svg` files that the book embeds
//! with an `<img>` tag. So every drawing is
//!
//! - a standalone SVG document that loads nothing from elsewhere (no web
//!   fonts, no links) and uses only the generic `sans-serif` and
//!   `monospace` fonts;
//! - drawn on a white, rounded background, readable in light and dark themes;
//! - byte-for-byte the same every time the same data is drawn: numbers are
//!   written with a fixed number of decimals and nothing depends on time or
//!   hash order.
//!
//! The figures:
//!
//! - [`LineChart`]: curves such as a loss going down, either axis
//!   optionally on a log scale, each series in the palette's next colour
//!   or in one chosen to match another figure;
//! - [`Heatmap`]: a grid of coloured cells (decision boundaries, confusion
//!   matrices, digit images, weight matrices), with a titled colour bar and
//!   marked points and arrows on top;
//! - [`Grid`]: many small heat maps with a caption under each, and one
//!   colour bar for all of them if they share a scale; a tile may also be
//!   a bar chart, or an image with a bar chart beside it;
//! - [`BarChart`]: one bar per named category (the probabilities a
//!   network gives each class), chosen bars highlighted in colours a key
//!   names;
//! - [`StripChart`]: the values of a few groups as dots in columns, none
//!   hiding another, each group's median marked and written;
//! - [`NetworkDiagram`]: layers drawn as nodes and weighted edges;
//! - [`ShapeDiagram`]: the shapes of a matrix formula such as `Y = W X + B`.
//!
//! [`Frames`] holds the frames of a figure a reader can play (a heat map
//! per epoch, say, for several learning rates), which the book shows with
//! a slider; [`stack`] puts two figures one above the other to make one
//! frame, and [`Heatmap::raster`] keeps a heat map small enough for a page
//! to carry dozens.
//!
//! [`FigureOptions`] reads the `--figures DIR` flag every example accepts.
//!
//! The texts on a figure's axes carry a `class` saying what they are:
//! `x-tick`, `x-title`, `y-tick`, `y-title`, `colorbar-tick` and
//! `colorbar-title`. The workspace test `tests/figures.rs` reads every
//! figure the book shows and uses them to check that each axis with tick
//! labels also has a title.
//!
//! ```
//! use plots::LineChart;
//!
//! let svg = LineChart::new("Loss", "epoch", "loss")
//!     .series("train", &[(0.0, 1.0), (1.0, 0.5), (2.0, 0.3)])
//!     .to_svg()?;
//! assert!(svg.starts_with("<svg"));
//! # Ok::<(), plots::PlotError>(())
//! ```

mod axes;
mod bar_chart;
mod cli;
mod colorbar;
mod error;
mod frames;
mod grid;
mod heatmap;
mod key;
mod line_chart;
mod network;
mod overlay;
mod png;
mod shapes;
mod strip_chart;
mod svg;
mod swarm;
mod ticks;
mod tile;

pub use bar_chart::BarChart;
pub use cli::FigureOptions;
pub use error::PlotError;
pub use frames::{Frames, MANIFEST, stack};
pub use grid::Grid;
pub use heatmap::{Heatmap, Scale};
pub use line_chart::LineChart;
pub use network::NetworkDiagram;
pub use shapes::ShapeDiagram;
pub use strip_chart::StripChart;
pub use svg::PALETTE;
pub use ticks::nice_ticks;

/// Helpers shared by the tests of every module.
#[cfg(test)]
pub(crate) mod test_util {
    /// Panics unless `svg` looks like well-formed XML with a single `<svg>`
    /// root: every tag closed in the right order, attributes quoted, `&`
    /// only in entities and no stray `<` or `>` in text.
    ///
    /// It is not a full XML parser, but it catches what a drawing bug or a
    /// missing escape would break.
    pub(crate) fn assert_well_formed(svg: &str) {
        let mut open: Vec<&str> = Vec::new();
        let mut roots = 0;
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            check_text(&rest[..start], !open.is_empty());
            let end = start + rest[start..].find('>').expect("a `<` without its `>`");
            let tag = &rest[start + 1..end];
            if let Some(name) = tag.strip_prefix('/') {
                let expected = open
                    .pop()
                    .unwrap_or_else(|| panic!("closing </{name}> with nothing open"));
                assert_eq!(name, expected, "closing </{name}> but <{expected}> is open");
            } else {
                let self_closing = tag.ends_with('/');
                let body = tag.trim_end_matches('/');
                let name = body
                    .split_whitespace()
                    .next()
                    .expect("a tag without a name");
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "bad tag name {name:?}"
                );
                check_attributes(&body[name.len()..]);
                if open.is_empty() {
                    assert_eq!(name, "svg", "the root element must be <svg>");
                    roots += 1;
                }
                if !self_closing {
                    open.push(name);
                }
            }
            rest = &rest[end + 1..];
        }
        check_text(rest, false);
        assert!(open.is_empty(), "tags left open: {open:?}");
        assert_eq!(roots, 1, "expected exactly one root element");
    }

    /// Text between tags: entities only, no `<` or `>`, and nothing but
    /// white space outside the root element.
    fn check_text(text: &str, inside_root: bool) {
        assert!(
            inside_root || text.trim().is_empty(),
            "text outside the root: {text:?}"
        );
        assert!(!text.contains('>'), "unescaped `>` in {text:?}");
        check_ampersands(text);
    }

    /// Attributes: `name="value"` pairs, each name once.
    fn check_attributes(mut text: &str) {
        let mut names = Vec::new();
        loop {
            text = text.trim_start();
            if text.is_empty() {
                return;
            }
            let (name, after) = text
                .split_once("=\"")
                .unwrap_or_else(|| panic!("attribute without =\"...\": {text:?}"));
            assert!(
                !name.is_empty() && !name.contains(char::is_whitespace),
                "bad attribute name {name:?}"
            );
            assert!(!names.contains(&name), "attribute {name} given twice");
            names.push(name);
            let (value, after) = after
                .split_once('"')
                .unwrap_or_else(|| panic!("unterminated value of {name}"));
            assert!(!value.contains('<'), "`<` in the value of {name}");
            check_ampersands(value);
            text = after;
        }
    }

    fn check_ampersands(text: &str) {
        for (index, _) in text.match_indices('&') {
            let entity = &text[index..];
            let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];
            assert!(
                known.iter().any(|e| entity.starts_with(e)),
                "raw `&` in {text:?}"
            );
        }
    }

    /// The number in the first `name="..."` attribute of `element` (an
    /// element's text, or a whole document for the root's size).
    pub(crate) fn attribute(element: &str, name: &str) -> f64 {
        let value = element
            .split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no attribute {name} in {element}"));
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}=\"{value}\" is not a number"))
    }

    /// How many times `needle` occurs in `svg`.
    pub(crate) fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }

    #[test]
    fn the_checker_accepts_good_documents() {
        assert_well_formed("<svg a=\"1\"><g><rect x=\"0\"/></g><text>a &amp; b</text></svg>\n");
    }

    #[test]
    #[should_panic(expected = "closing </svg> but <g> is open")]
    fn the_checker_rejects_unbalanced_tags() {
        assert_well_formed("<svg><g></svg>");
    }

    #[test]
    #[should_panic(expected = "raw `&`")]
    fn the_checker_rejects_raw_ampersands() {
        assert_well_formed("<svg><text>a & b</text></svg>");
    }

    #[test]
    #[should_panic(expected = "unterminated value")]
    fn the_checker_rejects_unquoted_attributes() {
        assert_well_formed("<svg a=\"1/>");
    }

    #[test]
    #[should_panic(expected = "exactly one root")]
    fn the_checker_rejects_two_roots() {
        assert_well_formed("<svg></svg><svg></svg>");
    }
}

//! What a heat map draws over its cells: marked points, each with a label,
//! and arrows, each with a label beside it. Every label goes to the first
//! of a few places near what it names that covers no arrow, no point and
//! no other label, and stays inside the grid.

use crate::svg::{Anchor, Font, INK, PAPER, Paint, Svg};

/// Font of the labels of points and arrows.
const LABEL_FONT: Font = Font::sans(12.0).bold();
/// Width of the line of an arrow.
const ARROW_WIDTH: f64 = 2.0;
/// Length of an arrow's head.
const ARROW_HEAD: f64 = 10.0;
/// Radius of the dots on a path.
const PATH_DOT: f64 = 2.5;
/// Space kept free between a label's card and what it must not cover.
const CLEARANCE: f64 = 2.0;

/// A rectangle in px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.left..=self.right).contains(&x) && (self.top..=self.bottom).contains(&y)
    }

    fn inside(&self, outer: &Rect) -> bool {
        self.left >= outer.left
            && self.right <= outer.right
            && self.top >= outer.top
            && self.bottom <= outer.bottom
    }

    fn grown(&self, by: f64) -> Rect {
        Rect {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }
}

/// A label to place: its text and the places to try, best first, each an
/// `x` (read with the font's anchor) and the height of its middle.
struct Label<'a> {
    text: &'a str,
    font: Font,
    places: Vec<(f64, f64, Anchor)>,
}

/// An arrow in px: from, to, and its label.
type PxArrow = ((f64, f64), (f64, f64), String);

/// Points and arrows in px, to draw over a grid.
#[derive(Debug)]
pub(crate) struct Overlay {
    /// The grid: labels stay inside it when they can.
    bounds: Rect,
    /// Radius of the circles that mark points.
    radius: f64,
    points: Vec<((f64, f64), String)>,
    arrows: Vec<PxArrow>,
    path: Vec<(f64, f64)>,
}

impl Overlay {
    /// Nothing yet, over a grid covering `bounds`, with points drawn as
    /// circles of `radius` px.
    pub(crate) fn new(bounds: Rect, radius: f64) -> Self {
        Overlay {
            bounds,
            radius,
            points: Vec::new(),
            arrows: Vec::new(),
            path: Vec::new(),
        }
    }

    /// A point at `at` (px) with its label.
    pub(crate) fn point(&mut self, at: (f64, f64), label: &str) {
        self.points.push((at, label.to_string()));
    }

    /// An arrow from `from` to `to` (px) with its label; it stops short of
    /// `to` so that a point marked there stays in view.
    pub(crate) fn arrow(&mut self, from: (f64, f64), to: (f64, f64), label: &str) {
        self.arrows.push((from, to, label.to_string()));
    }

    /// A path through `points` (px): a thin line with a dot on each.
    pub(crate) fn path(&mut self, points: Vec<(f64, f64)>) {
        self.path = points;
    }

    /// Draws the path, the arrows, then the points, then every label
    /// where it fits (a label with no text is not drawn).
    pub(crate) fn draw(&self, svg: &mut Svg) {
        let mut segments: Vec<((f64, f64), (f64, f64))> = self
            .path
            .windows(2)
            .map(|pair| (pair[0], pair[1]))
            .collect();
        if self.path.len() > 1 {
            svg.polyline(&self.path, Paint::stroke(INK, 1.5));
        }
        for &(x, y) in &self.path {
            svg.circle(x, y, PATH_DOT, Paint::fill(INK));
        }
        for (from, to, _) in &self.arrows {
            segments.push(self.draw_arrow(svg, *from, *to));
        }
        for ((x, y), _) in &self.points {
            svg.circle(
                *x,
                *y,
                self.radius,
                Paint::fill(PAPER).with_stroke(INK, 2.0),
            );
        }
        // Nothing may cover a point's circle or an arrow.
        let mut taken: Vec<Rect> = self
            .points
            .iter()
            .map(|((x, y), _)| {
                Rect {
                    left: *x,
                    top: *y,
                    right: *x,
                    bottom: *y,
                }
                .grown(self.radius + 1.0)
            })
            .collect();
        let labels = self
            .arrows
            .iter()
            .map(|(from, to, text)| arrow_label(*from, *to, text))
            .chain(
                self.points
                    .iter()
                    .map(|(at, text)| self.point_label(*at, text)),
            );
        for label in labels.filter(|label| !label.text.is_empty()) {
            let card =
                |&(x, y, anchor): &(f64, f64, Anchor)| card(x, y, label.text, &label.font, anchor);
            let free = |place: &&(f64, f64, Anchor)| {
                let rect = card(place).grown(CLEARANCE);
                card(place).inside(&self.bounds)
                    && !taken.iter().any(|other| rect.overlaps(other))
                    && !segments.iter().any(|&(a, b)| crosses(a, b, &rect))
            };
            let (x, y, anchor) = *label.places.iter().find(free).unwrap_or(&label.places[0]);
            taken.push(card(&(x, y, anchor)));
            let font = match anchor {
                Anchor::Start => label.font,
                Anchor::Middle => label.font.middle(),
                Anchor::End => label.font.end(),
            };
            svg.text_on_card(x, y, label.text, &font);
        }
    }

    /// The line and head of one arrow; returns the line's two ends.
    fn draw_arrow(
        &self,
        svg: &mut Svg,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
    ) -> ((f64, f64), (f64, f64)) {
        let length = (x1 - x0).hypot(y1 - y0);
        // The unit vector along the arrow, and one across it.
        let (ux, uy) = ((x1 - x0) / length, (y1 - y0) / length);
        let (nx, ny) = (-uy, ux);
        let tip_gap = self.radius + 3.0;
        let tip = (x1 - ux * tip_gap, y1 - uy * tip_gap);
        let base = (tip.0 - ux * ARROW_HEAD, tip.1 - uy * ARROW_HEAD);
        svg.line((x0, y0), base, Paint::stroke(INK, ARROW_WIDTH));
        let half = ARROW_HEAD * 0.45;
        svg.polygon(
            &[
                tip,
                (base.0 + nx * half, base.1 + ny * half),
                (base.0 - nx * half, base.1 - ny * half),
            ],
            Paint::fill(INK),
        );
        ((x0, y0), tip)
    }

    /// A point's label: first on the side facing the middle of the grid
    /// (below and right of a point in the top-left quarter), then the
    /// other three corners around it.
    fn point_label<'a>(&self, (x, y): (f64, f64), text: &'a str) -> Label<'a> {
        let offset = self.radius + 4.0 + LABEL_FONT.size / 2.0 + 3.0;
        let right = x <= f64::midpoint(self.bounds.left, self.bounds.right);
        let down = y <= f64::midpoint(self.bounds.top, self.bounds.bottom);
        let place = |right: bool, down: bool| {
            let (lx, anchor) = if right {
                (x + self.radius, Anchor::Start)
            } else {
                (x - self.radius, Anchor::End)
            };
            (lx, if down { y + offset } else { y - offset }, anchor)
        };
        Label {
            text,
            font: LABEL_FONT,
            places: vec![
                place(right, down),
                place(right, !down),
                place(!right, down),
                place(!right, !down),
            ],
        }
    }
}

/// An arrow's label: beside its middle, then beside points a third of the
/// way from either end, on either side.
fn arrow_label((x0, y0): (f64, f64), (x1, y1): (f64, f64), text: &str) -> Label<'_> {
    let length = (x1 - x0).hypot(y1 - y0);
    let (nx, ny) = (-(y1 - y0) / length, (x1 - x0) / length);
    let (width, height) = card_size(text, &LABEL_FONT);
    // How far the card's centre must sit from the line for its edge to
    // clear it by a few px.
    let reach = 6.0 + f64::midpoint(nx.abs() * width, ny.abs() * height);
    let mut places = Vec::new();
    for along in [0.5, 0.35, 0.65] {
        for side in [1.0, -1.0] {
            let (mx, my) = (x0 + along * (x1 - x0), y0 + along * (y1 - y0));
            places.push((
                mx + side * nx * reach,
                my + side * ny * reach,
                Anchor::Middle,
            ));
        }
    }
    Label {
        text,
        font: LABEL_FONT,
        places,
    }
}

/// The size of the card [`Svg::text_on_card`] draws under `text`.
fn card_size(text: &str, font: &Font) -> (f64, f64) {
    (font.width(text) + 8.0, font.size + 6.0)
}

/// Where [`Svg::text_on_card`] draws the card of `text` at `x` (read with
/// `anchor`) and `center_y`.
fn card(x: f64, center_y: f64, text: &str, font: &Font, anchor: Anchor) -> Rect {
    let (width, height) = card_size(text, font);
    let left = match anchor {
        Anchor::Start => x - 4.0,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width + 4.0,
    };
    Rect {
        left,
        top: center_y - height / 2.0,
        right: left + width,
        bottom: center_y + height / 2.0,
    }
}

/// Whether the segment from `a` to `b` passes through `rect` (checked
/// every px along it: plenty for labels a dozen px tall).
fn crosses(a: (f64, f64), b: (f64, f64), rect: &Rect) -> bool {
    let steps = (b.0 - a.0).hypot(b.1 - a.1).ceil().max(1.0) as usize;
    (0..=steps).any(|k| {
        let t = k as f64 / steps as f64;
        rect.contains((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::attribute;

    fn grid() -> Rect {
        Rect {
            left: 0.0,
            top: 0.0,
            right: 400.0,
            bottom: 400.0,
        }
    }

    /// The cards drawn: (left, top, width, height) of every rect after the
    /// background.
    fn cards(svg: &str) -> Vec<Rect> {
        svg.split("<rect")
            .skip(2)
            .map(|rect| {
                let value = |name: &str| attribute(rect, name);
                Rect {
                    left: value("x"),
                    top: value("y"),
                    right: value("x") + value("width"),
                    bottom: value("y") + value("height"),
                }
            })
            .collect()
    }

    #[test]
    fn a_label_moves_off_an_arrow_that_leaves_its_point_where_the_label_would_go() {
        let mut overlay = Overlay::new(grid(), 4.0);
        overlay.point((100.0, 100.0), "prediction");
        overlay.arrow((250.0, 250.0), (100.0, 100.0), "gradient");
        let mut svg = Svg::new(400.0, 400.0);
        overlay.draw(&mut svg);
        let svg = svg.finish();
        let drawn = cards(&svg);
        assert_eq!(drawn.len(), 2, "{svg}");
        for card in &drawn {
            assert!(
                !crosses((250.0, 250.0), (100.0, 100.0), card),
                "{card:?} covers the arrow"
            );
            assert!(card.inside(&grid()), "{card:?}");
        }
        assert!(!drawn[0].overlaps(&drawn[1]), "{drawn:?}");
        // The point's label went above it, the first free corner.
        assert!(drawn[1].bottom < 100.0, "{:?}", drawn[1]);
    }

    #[test]
    fn a_label_keeps_off_a_path_and_an_empty_label_draws_no_card() {
        let mut overlay = Overlay::new(grid(), 4.0);
        // The path runs down and right of the point, where its label would go first.
        overlay.path(vec![(100.0, 100.0), (130.0, 118.0), (180.0, 122.0)]);
        overlay.point((100.0, 100.0), "start");
        overlay.point((180.0, 122.0), "");
        let mut svg = Svg::new(400.0, 400.0);
        overlay.draw(&mut svg);
        let svg = svg.finish();
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(
            svg.matches("<circle").count(),
            3 + 2,
            "a dot per path point and two points"
        );
        let drawn = cards(&svg);
        assert_eq!(drawn.len(), 1, "the empty label got a card: {svg}");
        for (a, b) in [
            ((100.0, 100.0), (130.0, 118.0)),
            ((130.0, 118.0), (180.0, 122.0)),
        ] {
            assert!(!crosses(a, b, &drawn[0]), "{:?} covers the path", drawn[0]);
        }
    }

    #[test]
    fn with_nothing_in_the_way_a_label_faces_the_middle_of_the_grid() {
        let mut overlay = Overlay::new(grid(), 4.0);
        overlay.point((350.0, 360.0), "corner");
        let mut svg = Svg::new(400.0, 400.0);
        overlay.draw(&mut svg);
        let card = cards(&svg.finish())[0];
        assert!(card.right <= 350.0 && card.bottom <= 360.0, "{card:?}");
    }

    #[test]
    fn a_segment_crosses_a_rect_only_where_it_passes_through() {
        let rect = Rect {
            left: 10.0,
            top: 10.0,
            right: 20.0,
            bottom: 20.0,
        };
        assert!(crosses((0.0, 0.0), (30.0, 30.0), &rect));
        assert!(!crosses((0.0, 30.0), (5.0, 0.0), &rect));
    }
}

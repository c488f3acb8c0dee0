//! Shape diagrams: the matrices of a formula such as `Y = W X + B` drawn as
//! boxes sized by their shapes.

use crate::error::PlotError;
use crate::svg::{BELOW_TITLE, Font, INK, MARGIN, MUTED, PALETTE, Paint, Svg, TITLE_FONT, fixed};

/// Font of a matrix's name above it.
const NAME_FONT: Font = Font::sans(16.0).bold().middle();
/// Font of the axis names along a matrix's sides.
const AXIS_FONT: Font = Font::sans(11.0).color(MUTED).middle();
/// Font of the shape "(3, 2)" under a matrix.
const SHAPE_FONT: Font = Font::mono(12.0).color(MUTED).middle();
/// Font of the entries written in the cells.
const ENTRY_FONT: Font = Font::mono(12.0).color(INK).middle();
/// Font of the operators between terms.
const OP_FONT: Font = Font::sans(26.0).bold().middle();
/// Cell size when no entries are written, and the least cell size with them.
const PLAIN_CELL: f64 = 28.0;
/// Horizontal space given to an operator.
const OP_WIDTH: f64 = 34.0;
/// Space between neighbouring terms.
const TERM_GAP: f64 = 10.0;
/// Height of the name and column-axis label stacked above a box.
const ABOVE_BOX: f64 = 6.0 + AXIS_FONT.size + 8.0 + NAME_FONT.size;
/// Height of the shape label under a box.
const BELOW_BOX: f64 = 8.0 + SHAPE_FONT.size;

/// A picture of a matrix formula's shapes, such as `Y = W X + B` with W
/// (3, 2), X (2, 1), B (3, 1) and Y (3, 1).
///
/// Each matrix is a rectangle of square cells, so its width and height are
/// proportional to its columns and rows, with its name above, its shape
/// "(3, 2)" below and the names of its dimensions (such as "3 outputs",
/// "2 inputs") along its left side and top. Operators ("·", "+", "=",
/// ...) stand between the terms. By default the entries are written in the
/// cells with 2 decimals.
///
/// ```
/// use plots::ShapeDiagram;
///
/// let svg = ShapeDiagram::new("Y = W X")
///     .matrix("Y", vec![vec![1.0], vec![2.0]], "2 outputs", "1 sample")
///     .op("=")
///     .matrix("W", vec![vec![1.0, 0.0], vec![0.0, 2.0]], "2 outputs", "2 inputs")
///     .op("·")
///     .matrix("X", vec![vec![1.0], vec![1.0]], "2 inputs", "1 sample")
///     .to_svg()?;
/// assert!(svg.contains(">(2, 2)</text>") && svg.contains(">2.00</text>"));
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ShapeDiagram {
    title: String,
    terms: Vec<Term>,
    decimals: Option<usize>,
}

/// One piece of the formula.
#[derive(Clone, Debug)]
enum Term {
    Matrix(Matrix),
    Op(String),
}

/// A named matrix with names for its row and column axes.
#[derive(Clone, Debug)]
struct Matrix {
    name: String,
    values: Vec<Vec<f64>>,
    row_axis: String,
    col_axis: String,
    color: Option<&'static str>,
}

impl Matrix {
    fn rows(&self) -> usize {
        self.values.len()
    }

    fn cols(&self) -> usize {
        self.values[0].len()
    }

    /// How far the labels centred over the box reach past its sides.
    fn overhang(&self, cell: f64) -> f64 {
        let shape = format!("({}, {})", self.rows(), self.cols());
        let widest = NAME_FONT
            .width(&self.name)
            .max(AXIS_FONT.width(&self.col_axis))
            .max(SHAPE_FONT.width(&shape));
        ((widest - self.cols() as f64 * cell) / 2.0).max(0.0)
    }

    /// Width of the vertical row-axis label column on the left (none if empty).
    fn row_label_room(&self) -> f64 {
        if self.row_axis.is_empty() {
            0.0
        } else {
            AXIS_FONT.size + 6.0
        }
    }

    /// Total width of the term: row label, box and overhanging labels.
    fn width(&self, cell: f64) -> f64 {
        self.row_label_room() + 2.0 * self.overhang(cell) + self.cols() as f64 * cell
    }

    /// Space needed above and below the middle line.
    fn extent(&self, cell: f64) -> (f64, f64) {
        let half_box = self.rows() as f64 * cell / 2.0;
        let half_label = AXIS_FONT.width(&self.row_axis) / 2.0;
        (
            (half_box + ABOVE_BOX).max(half_label),
            (half_box + BELOW_BOX).max(half_label),
        )
    }
}

impl ShapeDiagram {
    /// An empty diagram with a title.
    #[must_use]
    pub fn new(title: &str) -> Self {
        ShapeDiagram {
            title: title.to_string(),
            terms: Vec::new(),
            decimals: Some(2),
        }
    }

    /// Add a matrix term: its name (e.g. "W"), its entries (rows of values),
    /// and labels for its row and column axes (e.g. "3 outputs",
    /// "2 inputs"; either may be empty). The `k`th matrix is drawn in
    /// `PALETTE[k]`.
    #[must_use]
    pub fn matrix(
        mut self,
        name: &str,
        values: Vec<Vec<f64>>,
        row_axis: &str,
        col_axis: &str,
    ) -> Self {
        self.terms.push(Term::Matrix(Matrix {
            name: name.to_string(),
            values,
            row_axis: row_axis.to_string(),
            col_axis: col_axis.to_string(),
            color: None,
        }));
        self
    }

    /// Add a matrix drawn in `color` whatever its place in the formula, so
    /// that one quantity (say ∂E/∂Y) has one colour in every diagram of a
    /// page.
    #[must_use]
    pub fn matrix_colored(
        self,
        name: &str,
        values: Vec<Vec<f64>>,
        (row_axis, col_axis): (&str, &str),
        color: &'static str,
    ) -> Self {
        let mut diagram = self.matrix(name, values, row_axis, col_axis);
        if let Some(Term::Matrix(matrix)) = diagram.terms.last_mut() {
            matrix.color = Some(color);
        }
        diagram
    }

    /// Add an operator between terms: "·", "+", "=", "⊙", "ᵀ", ...
    #[must_use]
    pub fn op(mut self, symbol: &str) -> Self {
        self.terms.push(Term::Op(symbol.to_string()));
        self
    }

    /// Write the entries in the cells with this many decimals (the default
    /// is `Some(2)`); `None` hides them and leaves the boxes empty.
    #[must_use]
    pub fn entries(mut self, decimals: Option<usize>) -> Self {
        self.decimals = decimals;
        self
    }

    /// Render the diagram as an SVG document.
    ///
    /// Errors when there is no matrix, or a matrix is empty, ragged or holds
    /// a value that is not finite (the message names the matrix).
    pub fn to_svg(&self) -> Result<String, PlotError> {
        self.check()?;
        let cell = self.cell_size();
        let term_width = |term: &Term| match term {
            Term::Matrix(m) => m.width(cell),
            Term::Op(_) => OP_WIDTH,
        };
        let content_width: f64 = self.terms.iter().map(term_width).sum::<f64>()
            + (self.terms.len() - 1) as f64 * TERM_GAP;
        let (above, below) = self
            .matrices()
            .map(|m| m.extent(cell))
            .fold((0.0, 0.0), |(a, b), (ma, mb): (f64, f64)| {
                (ma.max(a), mb.max(b))
            });

        let inner_width = content_width.max(TITLE_FONT.width(&self.title));
        let width = inner_width + 2.0 * MARGIN;
        let top = if self.title.is_empty() {
            MARGIN
        } else {
            BELOW_TITLE - 8.0
        };
        let middle = top + above;
        let height = middle + below + MARGIN;

        let mut svg = Svg::new(width, height);
        svg.title(width / 2.0, &self.title);
        let mut x = MARGIN + (inner_width - content_width) / 2.0;
        let mut palette = PALETTE.iter().cycle();
        for term in &self.terms {
            match term {
                Term::Matrix(m) => {
                    let next = palette.next().unwrap_or(&PALETTE[0]);
                    self.draw_matrix(&mut svg, m, x, middle, cell, m.color.unwrap_or(next));
                }
                Term::Op(symbol) => svg.text(
                    x + OP_WIDTH / 2.0,
                    OP_FONT.centered_baseline(middle),
                    symbol,
                    &OP_FONT,
                ),
            }
            x += term_width(term) + TERM_GAP;
        }
        Ok(svg.finish())
    }

    fn matrices(&self) -> impl Iterator<Item = &Matrix> {
        self.terms.iter().filter_map(|t| match t {
            Term::Matrix(m) => Some(m),
            Term::Op(_) => None,
        })
    }

    fn check(&self) -> Result<(), PlotError> {
        let fail = |problem: String| {
            Err(PlotError::new(format!(
                "shape diagram \"{}\": {problem}",
                self.title
            )))
        };
        if self.matrices().next().is_none() {
            return fail(
                "no matrix to draw; add one with .matrix(name, values, row_axis, col_axis)".into(),
            );
        }
        for m in self.matrices() {
            let cols = m.values.first().map_or(0, Vec::len);
            if cols == 0 {
                return fail(format!(
                    "matrix \"{}\" is empty; it needs at least one row and one column",
                    m.name
                ));
            }
            for (r, row) in m.values.iter().enumerate() {
                if row.len() != cols {
                    return fail(format!(
                        "matrix \"{}\": row {r} has {} values but row 0 has {cols}",
                        m.name,
                        row.len()
                    ));
                }
                if let Some(c) = row.iter().position(|v| !v.is_finite()) {
                    return fail(format!(
                        "matrix \"{}\": the value at row {r}, column {c} is not finite",
                        m.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// One cell size for all matrices, so that their sizes compare: large
    /// enough for the longest entry when entries are shown.
    fn cell_size(&self) -> f64 {
        let Some(decimals) = self.decimals else {
            return PLAIN_CELL;
        };
        let widest = self
            .matrices()
            .flat_map(|m| m.values.iter().flatten())
            .map(|&v| ENTRY_FONT.width(&fixed(v, decimals)))
            .fold(0.0, f64::max);
        (widest + 12.0).max(PLAIN_CELL)
    }

    /// One matrix whose term starts at `x`, its box centred on height `middle`.
    fn draw_matrix(&self, svg: &mut Svg, m: &Matrix, x: f64, middle: f64, cell: f64, color: &str) {
        let (rows, cols) = (m.rows(), m.cols());
        let (box_width, box_height) = (cols as f64 * cell, rows as f64 * cell);
        let left = x + m.row_label_room() + m.overhang(cell);
        let top = middle - box_height / 2.0;
        let center = left + box_width / 2.0;

        svg.rect(
            left,
            top,
            box_width,
            box_height,
            Paint::fill(color).with_opacity(0.14),
        );
        for c in 1..cols {
            let cx = left + c as f64 * cell;
            svg.line(
                (cx, top),
                (cx, top + box_height),
                Paint::stroke(color, 0.75).with_opacity(0.5),
            );
        }
        for r in 1..rows {
            let ry = top + r as f64 * cell;
            svg.line(
                (left, ry),
                (left + box_width, ry),
                Paint::stroke(color, 0.75).with_opacity(0.5),
            );
        }
        svg.rect(left, top, box_width, box_height, Paint::stroke(color, 1.5));

        if let Some(decimals) = self.decimals {
            for (r, row) in m.values.iter().enumerate() {
                for (c, &v) in row.iter().enumerate() {
                    let y = ENTRY_FONT.centered_baseline(top + (r as f64 + 0.5) * cell);
                    svg.text(
                        left + (c as f64 + 0.5) * cell,
                        y,
                        &fixed(v, decimals),
                        &ENTRY_FONT,
                    );
                }
            }
        }
        svg.text(center, top - 6.0, &m.col_axis, &AXIS_FONT);
        svg.text(
            center,
            top - ABOVE_BOX + NAME_FONT.size,
            &m.name,
            &NAME_FONT,
        );
        svg.text(
            center,
            top + box_height + BELOW_BOX,
            &format!("({rows}, {cols})"),
            &SHAPE_FONT,
        );
        let baseline = left - m.overhang(cell) - 6.0;
        svg.text_vertical(baseline, middle, &m.row_axis, &AXIS_FONT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::svg::num;
    use crate::test_util::{assert_well_formed, count};

    fn formula() -> ShapeDiagram {
        ShapeDiagram::new("Y = W X + B")
            .matrix(
                "Y",
                vec![vec![1.0], vec![2.0], vec![3.0]],
                "3 outputs",
                "1 sample",
            )
            .op("=")
            .matrix(
                "W",
                vec![vec![0.5, -1.5], vec![2.0, 0.25], vec![-0.75, 3.0]],
                "3 outputs",
                "2 inputs",
            )
            .op("·")
            .matrix("X", vec![vec![2.0], vec![-3.0]], "2 inputs", "1 sample")
            .op("+")
            .matrix(
                "B",
                vec![vec![0.1], vec![-0.2], vec![0.3]],
                "3 outputs",
                "1",
            )
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        assert_eq!(formula().to_svg().unwrap(), formula().to_svg().unwrap());
    }

    #[test]
    fn every_matrix_gets_its_name_shape_axes_and_entries() {
        let svg = formula().to_svg().unwrap();
        assert_well_formed(&svg);
        for text in [
            "Y",
            "W",
            "X",
            "B",
            "(3, 2)",
            "(2, 1)",
            "(3, 1)",
            "3 outputs",
            "2 inputs",
            "-0.75",
            "0.25",
        ] {
            assert!(svg.contains(&format!(">{text}</text>")), "missing {text}");
        }
        for op in ["=", "·", "+"] {
            assert!(svg.contains(&format!(">{op}</text>")), "missing {op}");
        }
        // Entries: 3 + 6 + 2 + 3 cells. Inner grid lines: Y 2, W 1 + 2, X 1, B 2.
        assert_eq!(count(&svg, "font-family=\"monospace\">"), 14 + 4);
        assert_eq!(count(&svg, "<line"), 8);
    }

    #[test]
    fn a_chosen_colour_is_kept_whatever_the_place_of_the_matrix() {
        let svg = ShapeDiagram::new("")
            .matrix_colored("G", vec![vec![1.0]], ("", ""), PALETTE[6])
            .op("=")
            .matrix("H", vec![vec![2.0]], "", "")
            .to_svg()
            .unwrap();
        let outline = |color: &str| format!("stroke=\"{color}\" stroke-width=\"1.5\"");
        assert_eq!(count(&svg, &outline(PALETTE[6])), 1, "{svg}");
        // The next matrix still gets the palette's colour for its place.
        assert_eq!(count(&svg, &outline(PALETTE[1])), 1, "{svg}");
        assert_eq!(count(&svg, &outline(PALETTE[0])), 0, "{svg}");
    }

    #[test]
    fn boxes_are_proportional_to_the_shapes() {
        let svg = formula().entries(None).to_svg().unwrap();
        assert_well_formed(&svg);
        let w = format!(
            "width=\"{}\" height=\"{}\"",
            num(2.0 * PLAIN_CELL),
            num(3.0 * PLAIN_CELL)
        );
        let x = format!(
            "width=\"{}\" height=\"{}\"",
            num(PLAIN_CELL),
            num(2.0 * PLAIN_CELL)
        );
        assert_eq!(count(&svg, &w), 2, "W: a fill and an outline");
        assert_eq!(count(&svg, &x), 2, "X: a fill and an outline");
        assert!(!svg.contains(">-0.75</text>"));
    }

    #[test]
    fn entries_use_the_requested_decimals() {
        let svg = formula().entries(Some(0)).to_svg().unwrap();
        assert!(svg.contains(">-3</text>") && !svg.contains(">-3.00</text>"));
    }

    #[test]
    fn names_and_symbols_are_escaped() {
        let svg = ShapeDiagram::new("a<b")
            .matrix("A&B", vec![vec![1.0]], "r", "c")
            .op("<")
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert!(svg.contains(">A&amp;B</text>") && svg.contains(">&lt;</text>"));
    }

    #[test]
    fn bad_matrices_are_errors_naming_them() {
        let error = ShapeDiagram::new("s").op("=").to_svg().unwrap_err();
        assert!(error.message().contains("no matrix"), "{error}");
        let error = ShapeDiagram::new("s")
            .matrix("W", vec![vec![1.0], vec![1.0, 2.0]], "", "")
            .to_svg()
            .unwrap_err();
        assert!(
            error.message().contains("matrix \"W\": row 1 has 2 values"),
            "{error}"
        );
        let error = ShapeDiagram::new("s")
            .matrix("E", vec![], "", "")
            .to_svg()
            .unwrap_err();
        assert!(error.message().contains("matrix \"E\" is empty"), "{error}");
        let error = ShapeDiagram::new("s")
            .matrix("N", vec![vec![f64::NAN]], "", "")
            .to_svg()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("matrix \"N\": the value at row 0, column 0"),
            "{error}"
        );
    }
}

//! Network diagrams: layers drawn as columns of nodes joined by weighted edges.

use crate::error::PlotError;
use crate::svg::{
    AXIS, BELOW_TITLE, Font, MARGIN, MUTED, NEGATIVE, PAPER, POSITIVE, Paint, Svg, TITLE_FONT,
    fixed,
};

/// Font of the column headers ("inputs", "layer 1", ...).
const HEADER_FONT: Font = Font::sans(12.0).color(MUTED).middle();
/// Font of the bias labels beside the neurons.
const BIAS_FONT: Font = Font::sans(11.0).color(MUTED);
/// Font of the weight labels on the edges.
const WEIGHT_FONT: Font = Font::sans(11.0).middle();
/// Nodes smaller than this radius (in px) get no labels: they would not fit.
const MIN_LABELLED_RADIUS: f64 = 11.0;
/// Where along an edge (0 = source, 1 = target) its weight label sits.
/// Close to the target, the labels of the edges into one neuron are
/// stacked apart; in the middle, crossing edges would put them on top of
/// each other.
const WEIGHT_LABEL_AT: f64 = 0.7;

/// A dense layer (or a small network) drawn as a graph: a column of input
/// nodes on the left, a column of neuron nodes per layer, an edge per
/// weight.
///
/// Edges are blue for positive and red for negative weights, wider for
/// larger |w|. Inputs are labelled x₁, x₂, ..., the neurons of the last
/// layer y₁, y₂, ... and those of hidden layers h₁, h₂, ...; each neuron
/// shows its bias as "+b₁ = 0.30". Large layers are drawn with smaller,
/// unlabelled nodes.
///
/// ```
/// use plots::NetworkDiagram;
///
/// // Two inputs, three neurons: w[j][i] connects input i to neuron j.
/// let weights = vec![vec![0.5, -1.5], vec![2.0, 0.25], vec![-0.75, 3.0]];
/// let biases = vec![0.1, -0.2, 0.3];
/// let svg = NetworkDiagram::new("A dense layer", vec![(weights, biases)])
///     .label_weights(true)
///     .to_svg()?;
/// assert_eq!(svg.matches("<line").count(), 6);
/// assert!(svg.contains("w₁₂ = -1.50") && svg.contains("+b₃ = 0.30"));
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct NetworkDiagram {
    title: String,
    layers: Vec<(Vec<Vec<f64>>, Vec<f64>)>,
    label_weights: bool,
}

/// Sizes and positions shared by the whole drawing, in px.
#[derive(Debug)]
struct Geometry {
    /// Number of nodes in each column: the inputs, then each layer's outputs.
    counts: Vec<usize>,
    /// Vertical distance from the first to the last node of the tallest
    /// column. Shorter columns spread over the same height, but keep their
    /// nodes at most `max_spacing` apart.
    span: f64,
    max_spacing: f64,
    radius: f64,
    /// Horizontal distance between the centres of neighbouring columns.
    column_gap: f64,
    /// x of the first column's centre.
    left: f64,
    /// Baseline of the column headers.
    header_baseline: f64,
    /// y of the middle of every column.
    middle: f64,
    /// Whether nodes are large enough to carry their names and biases.
    labelled: bool,
}

impl Geometry {
    /// The centre of node `index` of column `column`.
    fn node(&self, column: usize, index: usize) -> (f64, f64) {
        let count = self.counts[column];
        let spacing = if count > 1 {
            (self.span / (count - 1) as f64).min(self.max_spacing)
        } else {
            0.0
        };
        let offset = index as f64 - (count - 1) as f64 / 2.0;
        (
            self.left + column as f64 * self.column_gap,
            self.middle + offset * spacing,
        )
    }
}

impl NetworkDiagram {
    /// A diagram of `layers`: `layers[k]` = (weights, biases) of layer k,
    /// weights as rows = outputs and columns = inputs (`w[j][i]` connects
    /// input i to output j), biases one per output.
    ///
    /// [`NetworkDiagram::to_svg`] errors when consecutive layers do not fit
    /// (layer k's input count differs from layer k-1's output count).
    #[must_use]
    pub fn new(title: &str, layers: Vec<(Vec<Vec<f64>>, Vec<f64>)>) -> Self {
        NetworkDiagram {
            title: title.to_string(),
            layers,
            label_weights: false,
        }
    }

    /// Write each weight on its edge, as "w₂₁ = -0.50" (off by default;
    /// readable for one small layer, cluttered for bigger networks).
    #[must_use]
    pub fn label_weights(mut self, on: bool) -> Self {
        self.label_weights = on;
        self
    }

    /// Render the diagram as an SVG document.
    ///
    /// Errors when there are no layers, a layer is empty or ragged, the
    /// number of biases differs from the number of weight rows, a value is
    /// not finite, or consecutive layers do not fit.
    pub fn to_svg(&self) -> Result<String, PlotError> {
        let counts = self.check()?;
        let geometry = self.geometry(counts);
        let last = self.layers.len();

        let (last_x, _) = geometry.node(last, 0);
        let widest_bias = if geometry.labelled {
            self.widest_bias_label(last - 1)
        } else {
            0.0
        };
        let last_header = HEADER_FONT.width(&Self::header(last, &geometry)) / 2.0;
        let right = last_x + (geometry.radius + 10.0 + widest_bias).max(last_header) + MARGIN;
        let width = right.max(TITLE_FONT.width(&self.title) + 2.0 * MARGIN);
        let height = geometry.middle + geometry.span / 2.0 + geometry.radius + MARGIN;

        let mut svg = Svg::new(width, height);
        svg.title(width / 2.0, &self.title);
        self.draw_edges(&mut svg, &geometry);
        self.draw_nodes(&mut svg, &geometry);
        if self.label_weights {
            self.draw_weight_labels(&mut svg, &geometry);
        }
        Ok(svg.finish())
    }

    /// Checks the layers and returns the number of nodes in each column.
    fn check(&self) -> Result<Vec<usize>, PlotError> {
        let fail = |problem: String| {
            Err(PlotError::new(format!(
                "network diagram \"{}\": {problem}",
                self.title
            )))
        };
        if self.layers.is_empty() {
            return fail("no layers to draw".into());
        }
        let mut counts = Vec::with_capacity(self.layers.len() + 1);
        for (k, (weights, biases)) in self.layers.iter().enumerate() {
            let outputs = weights.len();
            let inputs = weights.first().map_or(0, Vec::len);
            if outputs == 0 || inputs == 0 {
                return fail(format!(
                    "layers[{k}] has no weights; it needs at least one row and one column"
                ));
            }
            if let Some(j) = weights.iter().position(|row| row.len() != inputs) {
                return fail(format!(
                    "layers[{k}]: weight row {j} has {} values but row 0 has {inputs}",
                    weights[j].len()
                ));
            }
            if biases.len() != outputs {
                return fail(format!(
                    "layers[{k}] has {outputs} weight rows (outputs) but {} biases",
                    biases.len()
                ));
            }
            if let Some((j, i)) = find_non_finite(weights) {
                return fail(format!(
                    "layers[{k}]: weight w[{j}][{i}] is not finite ({})",
                    weights[j][i]
                ));
            }
            if let Some(j) = biases.iter().position(|b| !b.is_finite()) {
                return fail(format!(
                    "layers[{k}]: bias b[{j}] is not finite ({})",
                    biases[j]
                ));
            }
            if let Some(&previous) = counts.last()
                && previous != inputs
            {
                return fail(format!(
                    "layers[{k}] takes {inputs} inputs (weight columns) but layers[{}] gives {previous} outputs \
                     (weight rows)",
                    k - 1
                ));
            }
            if k == 0 {
                counts.push(inputs);
            }
            counts.push(outputs);
        }
        Ok(counts)
    }

    /// Chooses node sizes and spacing: roomy for small layers, tighter
    /// (and unlabelled) for big ones.
    fn geometry(&self, counts: Vec<usize>) -> Geometry {
        let tallest = counts.iter().copied().max().unwrap_or(1);
        // Room for weight labels between the edges into one neuron.
        let max_spacing = if self.label_weights { 80.0 } else { 64.0 };
        let spacing = if tallest <= 6 {
            max_spacing
        } else {
            (420.0 / (tallest - 1) as f64).clamp(8.0, max_spacing)
        };
        let span = (tallest - 1) as f64 * spacing;
        let radius = (spacing * 0.36).min(18.0);
        let column_gap = if self.label_weights { 240.0 } else { 180.0 };
        let header_baseline = if self.title.is_empty() {
            MARGIN + HEADER_FONT.size
        } else {
            BELOW_TITLE + 6.0
        };
        let middle = header_baseline + 12.0 + radius + span / 2.0;
        let mut geometry = Geometry {
            counts,
            span,
            max_spacing,
            radius,
            column_gap,
            left: 0.0,
            header_baseline,
            middle,
            labelled: radius >= MIN_LABELLED_RADIUS,
        };
        let first_header = HEADER_FONT.width(&Self::header(0, &geometry)) / 2.0;
        geometry.left = MARGIN + radius.max(first_header);
        geometry
    }

    /// The header above column `column`: "inputs", "layer 1", ...
    /// (with the node count when the nodes themselves are unlabelled).
    fn header(column: usize, geometry: &Geometry) -> String {
        let name = if column == 0 {
            "inputs".to_string()
        } else {
            format!("layer {column}")
        };
        if geometry.labelled {
            name
        } else {
            format!("{name} ({})", geometry.counts[column])
        }
    }

    fn widest_bias_label(&self, layer: usize) -> f64 {
        let biases = &self.layers[layer].1;
        biases
            .iter()
            .enumerate()
            .map(|(j, &b)| BIAS_FONT.width(&bias_label(j, b)))
            .fold(0.0, f64::max)
    }

    fn draw_edges(&self, svg: &mut Svg, geometry: &Geometry) {
        let largest = self
            .layers
            .iter()
            .flat_map(|(w, _)| w.iter().flatten())
            .fold(0.0, |m: f64, w| m.max(w.abs()));
        let edge_count: usize = self.layers.iter().map(|(w, _)| w.len() * w[0].len()).sum();
        // Many edges: thinner and more transparent, so the picture is not a blot.
        let (thinnest, extra, opacity) = if edge_count > 60 {
            (0.4, 1.6, 0.35)
        } else {
            (0.8, 3.2, 0.85)
        };
        for (k, (weights, _)) in self.layers.iter().enumerate() {
            for (j, row) in weights.iter().enumerate() {
                for (i, &w) in row.iter().enumerate() {
                    let color = if w > 0.0 {
                        POSITIVE
                    } else if w < 0.0 {
                        NEGATIVE
                    } else {
                        AXIS
                    };
                    let strength = if largest > 0.0 {
                        w.abs() / largest
                    } else {
                        0.0
                    };
                    let paint =
                        Paint::stroke(color, thinnest + extra * strength).with_opacity(opacity);
                    svg.line(geometry.node(k, i), geometry.node(k + 1, j), paint);
                }
            }
        }
    }

    fn draw_nodes(&self, svg: &mut Svg, geometry: &Geometry) {
        let r = geometry.radius;
        let name_font = Font::sans((r * 0.8).min(14.0)).middle();
        for (column, &count) in geometry.counts.iter().enumerate() {
            let (x, _) = geometry.node(column, 0);
            svg.text(
                x,
                geometry.header_baseline,
                &Self::header(column, geometry),
                &HEADER_FONT,
            );
            let (fill, letter) = match column {
                0 => ("#f2f2f2", "x"),
                c if c == self.layers.len() => (PAPER, "y"),
                _ => (PAPER, "h"),
            };
            for index in 0..count {
                let (cx, cy) = geometry.node(column, index);
                svg.circle(cx, cy, r, Paint::fill(fill).with_stroke("#444444", 1.5));
                if !geometry.labelled {
                    continue;
                }
                let name = format!("{letter}{}", subscript(index + 1));
                svg.text(cx, name_font.centered_baseline(cy), &name, &name_font);
                if column > 0 {
                    let bias = self.layers[column - 1].1[index];
                    svg.text_on_card(cx + r + 6.0, cy, &bias_label(index, bias), &BIAS_FONT);
                }
            }
        }
    }

    fn draw_weight_labels(&self, svg: &mut Svg, geometry: &Geometry) {
        for (k, (weights, _)) in self.layers.iter().enumerate() {
            for (j, row) in weights.iter().enumerate() {
                for (i, &w) in row.iter().enumerate() {
                    let (x0, y0) = geometry.node(k, i);
                    let (x1, y1) = geometry.node(k + 1, j);
                    let x = x0 + WEIGHT_LABEL_AT * (x1 - x0);
                    let y = y0 + WEIGHT_LABEL_AT * (y1 - y0);
                    let label = format!("w{} = {}", double_subscript(j + 1, i + 1), fixed(w, 2));
                    let color = if w < 0.0 { NEGATIVE } else { POSITIVE };
                    svg.text_on_card(x, y, &label, &WEIGHT_FONT.color(color));
                }
            }
        }
    }
}

/// The position (row, column) of the first value that is not finite.
fn find_non_finite(rows: &[Vec<f64>]) -> Option<(usize, usize)> {
    rows.iter()
        .enumerate()
        .find_map(|(j, row)| row.iter().position(|v| !v.is_finite()).map(|i| (j, i)))
}

/// "+b₁ = 0.30" for the neuron at 0-based `index`.
fn bias_label(index: usize, bias: f64) -> String {
    format!("+b{} = {}", subscript(index + 1), fixed(bias, 2))
}

/// `n` written with Unicode subscript digits: 12 → "₁₂".
fn subscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    n.to_string()
        .chars()
        .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// Two indices as one subscript: "₂₁" for (2, 1), "₁₂,₃" once an index
/// has two digits (otherwise w₁₂₃ could be w₁,₂₃ or w₁₂,₃).
fn double_subscript(j: usize, i: usize) -> String {
    if j < 10 && i < 10 {
        format!("{}{}", subscript(j), subscript(i))
    } else {
        format!("{},{}", subscript(j), subscript(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_well_formed, count};

    fn one_layer() -> NetworkDiagram {
        NetworkDiagram::new(
            "A dense layer",
            vec![(
                vec![vec![0.5, -1.5], vec![2.0, 0.25], vec![-0.75, 3.0]],
                vec![0.1, -0.2, 0.3],
            )],
        )
    }

    fn layer(outputs: usize, inputs: usize) -> (Vec<Vec<f64>>, Vec<f64>) {
        let weights = (0..outputs)
            .map(|j| (0..inputs).map(|i| (j as f64 - i as f64) / 4.0).collect())
            .collect();
        (weights, vec![0.0; outputs])
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        assert_eq!(
            one_layer().label_weights(true).to_svg().unwrap(),
            one_layer().label_weights(true).to_svg().unwrap()
        );
    }

    #[test]
    fn there_is_one_edge_per_weight_and_one_circle_per_node() {
        let svg = one_layer().to_svg().unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<line"), 6);
        assert_eq!(count(&svg, "<circle"), 5);

        let svg = NetworkDiagram::new("", vec![layer(3, 2), layer(4, 3), layer(1, 4)])
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<line"), 6 + 12 + 4);
        assert_eq!(count(&svg, "<circle"), 2 + 3 + 4 + 1);
    }

    #[test]
    fn edges_are_blue_for_positive_and_red_for_negative_weights() {
        let svg = one_layer().to_svg().unwrap();
        assert_eq!(count(&svg, &format!("stroke=\"{POSITIVE}\"")), 4);
        assert_eq!(count(&svg, &format!("stroke=\"{NEGATIVE}\"")), 2);
        // The largest |w| gets the widest edge.
        assert_eq!(count(&svg, "stroke-width=\"4\""), 1);
    }

    #[test]
    fn nodes_biases_and_weights_are_labelled() {
        let svg = one_layer().label_weights(true).to_svg().unwrap();
        assert_well_formed(&svg);
        for label in [
            "x₁",
            "x₂",
            "y₁",
            "y₃",
            "+b₁ = 0.10",
            "+b₂ = -0.20",
            "w₁₂ = -1.50",
            "w₃₂ = 3.00",
            "w₂₁ = 2.00",
        ] {
            assert!(svg.contains(&format!(">{label}</text>")), "missing {label}");
        }
        assert!(!one_layer().to_svg().unwrap().contains("w₁₂"));
    }

    #[test]
    fn hidden_layers_are_named_h() {
        let svg = NetworkDiagram::new("", vec![layer(3, 2), layer(1, 3)])
            .to_svg()
            .unwrap();
        assert!(
            svg.contains(">h₃</text>")
                && svg.contains(">y₁</text>")
                && svg.contains(">layer 2</text>")
        );
    }

    #[test]
    fn big_layers_get_small_unlabelled_nodes() {
        let svg = NetworkDiagram::new("digits", vec![layer(16, 64), layer(10, 16)])
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert_eq!(count(&svg, "<line"), 64 * 16 + 16 * 10);
        assert!(!svg.contains("x₁") && svg.contains(">inputs (64)</text>"));
    }

    #[test]
    fn layers_that_do_not_fit_are_an_error_naming_both_counts() {
        let error = NetworkDiagram::new("n", vec![layer(3, 2), layer(1, 4)])
            .to_svg()
            .unwrap_err();
        let message = error.message();
        assert!(message.contains("layers[1] takes 4 inputs"), "{message}");
        assert!(message.contains("layers[0] gives 3 outputs"), "{message}");
    }

    #[test]
    fn malformed_layers_are_errors() {
        assert!(
            NetworkDiagram::new("n", vec![])
                .to_svg()
                .unwrap_err()
                .message()
                .contains("no layers")
        );
        let ragged =
            NetworkDiagram::new("n", vec![(vec![vec![1.0, 2.0], vec![3.0]], vec![0.0, 0.0])]);
        assert!(
            ragged
                .to_svg()
                .unwrap_err()
                .message()
                .contains("weight row 1 has 1 values")
        );
        let biases = NetworkDiagram::new("n", vec![(vec![vec![1.0]], vec![0.0, 0.0])]);
        assert!(
            biases
                .to_svg()
                .unwrap_err()
                .message()
                .contains("1 weight rows (outputs) but 2 biases")
        );
        let nan = NetworkDiagram::new("n", vec![(vec![vec![1.0, f64::NAN]], vec![0.0])]);
        assert!(
            nan.to_svg()
                .unwrap_err()
                .message()
                .contains("w[0][1] is not finite")
        );
    }

    #[test]
    fn subscripts_use_unicode_digits() {
        assert_eq!(subscript(0), "₀");
        assert_eq!(subscript(109), "₁₀₉");
        assert_eq!(double_subscript(2, 1), "₂₁");
        assert_eq!(double_subscript(12, 3), "₁₂,₃");
    }
}

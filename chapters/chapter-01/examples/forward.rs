//! Chapter 1's example: one dense layer by hand, then a small network.
//!
//! Run it with `cargo run -p chapter-01 --example forward`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_01::ndarray::{Array2, array};
use chapter_01::{Dense, Layer, Network, seeded_rng};
use plots::{FigureOptions, NetworkDiagram, ShapeDiagram};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = FigureOptions::from_env();

    // ANCHOR: by_hand
    // A layer with n_x = 2 inputs and n_y = 3 outputs: W is (3, 2), B is (3, 1).
    let layer = Dense::new(
        array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
        array![[0.1], [-0.2], [0.3]],
    )?;
    // One sample: a column of 2 inputs.
    let x = array![[2.0], [-3.0]];
    let y = layer.forward(&x)?;
    // ANCHOR_END: by_hand

    println!("{}", layer.name());
    println!("W {:?} =\n{}", layer.weights().dim(), layer.weights());
    println!("B {:?} =\n{}", layer.biases().dim(), layer.biases());
    println!("X {:?} =\n{}", x.dim(), x);
    println!("Y = W X + B {:?} =\n{}", y.dim(), y);
    println!();

    // ANCHOR: network
    // Three dense layers, 2 → 3 → 3 → 1, with seeded random weights.
    let mut rng = seeded_rng(1);
    let network: Network = Network::new(vec![
        Box::new(Dense::random(2, 3, &mut rng)),
        Box::new(Dense::random(3, 3, &mut rng)),
        Box::new(Dense::random(3, 1, &mut rng)),
    ]);
    let prediction = network.predict(&x)?;
    // ANCHOR_END: network
    println!(
        "a 2 → 3 → 3 → 1 network predicts {:.4} for X = [2, -3]",
        prediction[[0, 0]]
    );

    // ANCHOR: wrong_shape
    // A row where a column was expected: the layer says what it wanted.
    let row = array![[2.0, -3.0]];
    if let Err(error) = network.predict(&row) {
        println!("a row instead of a column is rejected:\n{error}");
    }
    // ANCHOR_END: wrong_shape

    options.save("dense-layer.svg", &layer_diagram(&layer)?)?;
    options.save("shapes.svg", &shape_diagram(&layer, &x, &y)?)?;
    Ok(())
}

/// The layer as a graph: inputs on the left, neurons on the right, one edge per weight.
fn layer_diagram(layer: &Dense) -> Result<String, plots::PlotError> {
    NetworkDiagram::new(
        "A dense layer with 2 inputs and 3 outputs",
        vec![(rows(layer.weights()), layer.biases().column(0).to_vec())],
    )
    .label_weights(true)
    .to_svg()
}

/// The shapes of Y = W X + B, with the numbers of the example in the cells.
fn shape_diagram(
    layer: &Dense,
    x: &Array2<f64>,
    y: &Array2<f64>,
) -> Result<String, plots::PlotError> {
    ShapeDiagram::new("Y = W X + B, shape by shape")
        .matrix("Y", rows(y), "3 outputs", "1 sample")
        .op("=")
        .matrix("W", rows(layer.weights()), "3 outputs", "2 inputs")
        .op("·")
        .matrix("X", rows(x), "2 inputs", "1 sample")
        .op("+")
        .matrix("B", rows(layer.biases()), "3 outputs", "1")
        .to_svg()
}

fn rows(matrix: &Array2<f64>) -> Vec<Vec<f64>> {
    matrix.rows().into_iter().map(|row| row.to_vec()).collect()
}

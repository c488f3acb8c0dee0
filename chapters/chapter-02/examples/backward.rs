//! Chapter 2's example: the three gradients of chapter 1's layer, then the
//! same gradients by finite differences, to see that they agree.
//!
//! Run it with `cargo run -p chapter-02 --example backward`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_02::ndarray::{Array2, array};
use chapter_02::{Backward, Dense, Layer, numerical_gradient};
use plots::{FigureOptions, Grid, Heatmap, PALETTE, Scale, ShapeDiagram};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = FigureOptions::from_env();

    // ANCHOR: backward
    // Chapter 1's layer: 2 inputs, 3 outputs, and the sample it was fed.
    let layer = Dense::new(
        array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
        array![[0.1], [-0.2], [0.3]],
    )?;
    let x = array![[2.0], [-3.0]];

    // dE/dY, one number per output. In a network it comes from the layer
    // after this one (or from the error itself, chapter 4); here we choose it.
    let output_gradient = array![[0.4], [-0.7], [1.3]];

    let gradients = layer.backward(&x, &output_gradient)?;
    let weights_gradient = &gradients.parameters[0]; // dE/dW
    let biases_gradient = &gradients.parameters[1]; // dE/dB
    let input_gradient = &gradients.input; // dE/dX
    // ANCHOR_END: backward

    println!("{}", layer.name());
    println!(
        "dE/dY {:?} =\n{:.4}",
        output_gradient.dim(),
        output_gradient
    );
    println!();
    println!("From the formulas:");
    println!(
        "dE/dW = dE/dY · Xᵀ {:?} =\n{:.4}",
        weights_gradient.dim(),
        weights_gradient
    );
    println!(
        "dE/dB = dE/dY {:?} =\n{:.4}",
        biases_gradient.dim(),
        biases_gradient
    );
    println!(
        "dE/dX = Wᵀ · dE/dY {:?} =\n{:.4}",
        input_gradient.dim(),
        input_gradient
    );
    println!();

    // ANCHOR: numerical
    // A stand-in for the error whose gradient with respect to Y is exactly
    // `output_gradient`: the test score S = Σ dE/dY ⊙ Y, the sum of each
    // output times its chosen rate. Not a distance: it can be negative.
    let error = |layer: &Dense, x: &Array2<f64>| -> f64 {
        let y = layer
            .forward(x)
            .expect("the shapes of chapter 1's layer fit");
        (y * &output_gradient).sum()
    };
    // Rebuild the layer with nudged weights (or biases), keeping the rest.
    let with_weights = |w: &Array2<f64>| Dense::new(w.clone(), layer.biases().clone());
    let with_biases = |b: &Array2<f64>| Dense::new(layer.weights().clone(), b.clone());

    let h = 1e-6;
    let numerical_weights = numerical_gradient(layer.weights(), h, |w| {
        error(&with_weights(w).expect("same shape as W"), &x)
    });
    let numerical_biases = numerical_gradient(layer.biases(), h, |b| {
        error(&with_biases(b).expect("same shape as B"), &x)
    });
    let numerical_input = numerical_gradient(&x, h, |x| error(&layer, x));
    // ANCHOR_END: numerical

    println!(
        "test score S = Σ dE/dY ⊙ Y = {:.4} (a stand-in for the error: dS/dY = dE/dY)",
        error(&layer, &x)
    );
    println!("From finite differences of S (h = {h:e}), nudging one number at a time:");
    println!("dE/dW ≈\n{numerical_weights:.4}");
    println!("dE/dB ≈\n{numerical_biases:.4}");
    println!("dE/dX ≈\n{numerical_input:.4}");
    println!();

    let largest = [
        (weights_gradient, &numerical_weights),
        (biases_gradient, &numerical_biases),
        (input_gradient, &numerical_input),
    ]
    .iter()
    .flat_map(|(formula, numerical)| formula.iter().zip(numerical.iter()))
    .map(|(a, b)| (a - b).abs())
    .fold(0.0, f64::max);
    println!("largest difference between formula and finite differences: {largest:.1e}");

    options.save(
        "weight-gradient.svg",
        &weight_gradient_diagram(weights_gradient, &output_gradient, &x)?,
    )?;
    options.save(
        "input-gradient.svg",
        &input_gradient_diagram(input_gradient, layer.weights(), &output_gradient)?,
    )?;
    options.save(
        "gradient-check.svg",
        &check_picture(
            [weights_gradient, biases_gradient, input_gradient],
            [&numerical_weights, &numerical_biases, &numerical_input],
        )?,
    )?;
    Ok(())
}

/// The colours of the page's two shape diagrams: ∂E/∂Y is in both, red in
/// each, and no other matrix shares a colour with another.
const DE_DW: &str = PALETTE[0];
const DE_DY: &str = PALETTE[1];
const X_T: &str = PALETTE[2];
const W_T: &str = PALETTE[3];
const DE_DX: &str = PALETTE[4];

/// dE/dW = dE/dY · Xᵀ, shape by shape, with the numbers of the example.
fn weight_gradient_diagram(
    weights_gradient: &Array2<f64>,
    output_gradient: &Array2<f64>,
    x: &Array2<f64>,
) -> Result<String, plots::PlotError> {
    ShapeDiagram::new("∂E/∂W = ∂E/∂Y · Xᵀ: a column times a row")
        .matrix_colored(
            "∂E/∂W",
            rows(weights_gradient),
            ("3 outputs", "2 inputs"),
            DE_DW,
        )
        .op("=")
        .matrix_colored(
            "∂E/∂Y",
            rows(output_gradient),
            ("3 outputs", "1 sample"),
            DE_DY,
        )
        .op("·")
        .matrix_colored("Xᵀ", rows(&x.t().to_owned()), ("1 sample", "2 inputs"), X_T)
        .to_svg()
}

/// dE/dX = Wᵀ · dE/dY, shape by shape, with the numbers of the example.
fn input_gradient_diagram(
    input_gradient: &Array2<f64>,
    weights: &Array2<f64>,
    output_gradient: &Array2<f64>,
) -> Result<String, plots::PlotError> {
    ShapeDiagram::new("∂E/∂X = Wᵀ · ∂E/∂Y: back through the transposed weights")
        .entries(Some(3))
        .matrix_colored(
            "∂E/∂X",
            rows(input_gradient),
            ("2 inputs", "1 sample"),
            DE_DX,
        )
        .op("=")
        .matrix_colored(
            "Wᵀ",
            rows(&weights.t().to_owned()),
            ("2 inputs", "3 outputs"),
            W_T,
        )
        .op("·")
        .matrix_colored(
            "∂E/∂Y",
            rows(output_gradient),
            ("3 outputs", "1 sample"),
            DE_DY,
        )
        .to_svg()
}

/// What the printed numbers cannot show: for each entry of the three
/// gradients, the formula's value minus the finite difference, on a colour
/// scale of its own, in units of the power of ten of the largest gap.
fn check_picture(
    formulas: [&Array2<f64>; 3],
    numerical: [&Array2<f64>; 3],
) -> Result<String, plots::PlotError> {
    let gaps: Vec<Array2<f64>> = formulas
        .iter()
        .zip(numerical)
        .map(|(formula, numerical)| *formula - numerical)
        .collect();
    let largest = gaps
        .iter()
        .flat_map(|gap| gap.iter())
        .fold(0.0, |most: f64, gap| most.max(gap.abs()));
    // The gaps are tiny: count them in units of 10^exponent, so that the
    // cells and the colour bar show a few digits rather than many zeros.
    let exponent = if largest > 0.0 {
        largest.log10().floor() as i32
    } else {
        0
    };
    let unit = 10_f64.powi(exponent);
    // A round end for the scale (7.8 becomes 10), so that its ticks do too.
    let reach = plots::nice_ticks(0.0, (largest / unit).max(1.0), 2)
        .last()
        .copied()
        .unwrap_or(10.0);
    let scale = Scale::Diverging {
        min: -reach,
        mid: 0.0,
        max: reach,
    };
    let names = ["∂E/∂W", "∂E/∂B", "∂E/∂X"];
    let mut grid = Grid::new("Formula minus finite differences, entry by entry", 3);
    for (name, gap) in names.iter().zip(&gaps) {
        let in_units = rows(&gap.mapv(|g| g / unit));
        let tile = Heatmap::new("", in_units)
            .scale(scale)
            .annotate(1)
            .cell_size(60.0);
        grid = grid.tile(name, tile);
    }
    grid.colorbar(
        scale,
        &format!("difference, in units of {}", power_of_ten(exponent)),
    )
    .to_svg()
}

/// `10^exponent` written with superscript digits: `10⁻¹⁰`.
fn power_of_ten(exponent: i32) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = exponent
        .to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or('⁻', |digit| SUPERSCRIPTS[digit as usize])
        })
        .collect();
    format!("10{digits}")
}

fn rows(matrix: &Array2<f64>) -> Vec<Vec<f64>> {
    matrix.rows().into_iter().map(|row| row.to_vec()).collect()
}

//! Chapter 3's example: tanh and its slope, an activation layer forward and
//! backward, and what a non-linearity changes in a small network.
//!
//! Run it with `cargo run -p chapter-03 --example tanh`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_03::ndarray::{Array2, array};
use chapter_03::{
    Activation, Backward, Dense, Layer, Network, compare_gradients, numerical_gradient, seeded_rng,
};
use plots::{FigureOptions, LineChart, PALETTE};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = FigureOptions::from_env();
    let tanh = Activation::tanh();

    // ANCHOR: table
    // tanh and its slope at a few points: steep near 0, flat far from it.
    println!("     x    tanh(x)   tanh'(x)");
    for x in [-3.5, -1.2, -0.4, 0.3, 0.9, 2.0, 3.5] {
        println!(
            "{x:6.2} {:10.6} {:10.6}",
            tanh.function(x),
            tanh.derivative(x)
        );
    }
    // ANCHOR_END: table
    println!();

    // ANCHOR: layer
    // Three rows (say, three neurons) and two columns (two samples).
    let x = array![[0.4, -1.3], [2.1, -0.2], [-0.7, 0.9]];
    // dE/dY, as the layer after this one would hand it back.
    let output_gradient = array![[0.5, -1.1], [0.8, 1.6], [-0.3, 0.7]];

    let y = tanh.forward(&x)?;
    let gradients = tanh.backward(&x, &output_gradient)?;

    // The same gradient by finite differences of chapter 2's test score,
    // a stand-in for the error whose gradient with respect to Y is
    // output_gradient: S = Σ dE/dY ⊙ Y.
    let numerical = numerical_gradient(&x, 1e-6, |x| {
        (tanh.forward(x).expect("same shape") * &output_gradient).sum()
    });
    // ANCHOR_END: layer

    println!("{}", tanh.name());
    println!("X {:?} =\n{x:.4}", x.dim());
    println!("Y = tanh(X) {:?} =\n{y:.4}", y.dim());
    println!("dE/dY {:?} =\n{output_gradient:.4}", output_gradient.dim());
    println!(
        "dE/dX = dE/dY ⊙ tanh'(X) {:?} =\n{:.4}",
        gradients.input.dim(),
        gradients.input
    );
    println!("dE/dX by finite differences =\n{numerical:.4}");
    match compare_gradients("dE/dX", &gradients.input, &numerical, 1e-8) {
        Ok(()) => println!("the two agree to within 1e-8"),
        Err(message) => println!("mismatch: {message}"),
    }
    println!(
        "parameter gradients: {} (an activation layer has no parameters)",
        gradients.parameters.len()
    );
    println!();

    // ANCHOR: collapse
    // A 1 → 8 → 1 network, with and without tanh between the dense layers.
    let mut rng = seeded_rng(4);
    let first = Dense::random(1, 8, &mut rng);
    let second = Dense::random(8, 1, &mut rng);
    let linear: Network = Network::new(vec![
        Box::new(first.clone()),  // dense, 1 → 8
        Box::new(second.clone()), // dense, 8 → 1
    ]);
    let curved: Network = Network::new(vec![
        Box::new(first.clone()),      // dense, 1 → 8
        Box::new(Activation::tanh()), // tanh of each of the 8
        Box::new(second.clone()),     // dense, 8 → 1
    ]);

    // Without tanh, the two layers are one: slope W₂W₁, intercept W₂B₁ + B₂.
    let (w1, b1) = (first.weights(), first.biases());
    let (w2, b2) = (second.weights(), second.biases());
    let slope = w2.dot(w1)[[0, 0]];
    let intercept = (w2.dot(b1) + b2)[[0, 0]];
    // ANCHOR_END: collapse

    println!("a 1 → 8 → 1 network with seeded random weights");
    println!("without tanh it is the line y = {slope:.4} x + {intercept:.4}");
    println!("     x   no tanh   line w x + b   with tanh");
    for x in [-2.5, -0.8, 0.4, 1.9] {
        let input = array![[x]];
        println!(
            "{x:6.2} {:9.4} {:14.4} {:11.4}",
            linear.predict(&input)?[[0, 0]],
            slope * x + intercept,
            curved.predict(&input)?[[0, 0]]
        );
    }

    options.save("tanh.svg", &tanh_chart(&tanh)?)?;
    options.save("collapse.svg", &collapse_chart(&linear, &curved)?)?;
    Ok(())
}

/// `count` evenly spaced numbers from `from` to `to`.
fn grid(from: f64, to: f64, count: usize) -> Vec<f64> {
    (0..count)
        .map(|k| from + (to - from) * k as f64 / (count - 1) as f64)
        .collect()
}

/// The colour of tanh in both of the page's charts, so that the curve
/// made by tanh looks like tanh.
const TANH: &str = PALETTE[0];

/// tanh and its derivative over -4..4, on one chart.
fn tanh_chart(tanh: &Activation) -> Result<String, plots::PlotError> {
    let xs = grid(-4.0, 4.0, 161);
    let values: Vec<(f64, f64)> = xs.iter().map(|&x| (x, tanh.function(x))).collect();
    let slopes: Vec<(f64, f64)> = xs.iter().map(|&x| (x, tanh.derivative(x))).collect();
    LineChart::new("tanh and its derivative", "x", "tanh(x) and tanh'(x)")
        .series_colored("tanh(x)", &values, TANH)
        .series_colored("tanh'(x) = 1 - tanh(x)²", &slopes, PALETTE[1])
        .to_svg()
}

/// Both networks over -3..3: a straight line without tanh, a curve with it.
fn collapse_chart(
    linear: &Network,
    curved: &Network,
) -> Result<String, Box<dyn std::error::Error>> {
    // 121 samples side by side: one row (one input), one column per sample.
    let xs = grid(-3.0, 3.0, 121);
    let input = Array2::from_shape_vec((1, xs.len()), xs.clone())?;
    let points = |network: &Network| -> Result<Vec<(f64, f64)>, chapter_03::ShapeError> {
        let output = network.predict(&input)?;
        Ok(xs.iter().copied().zip(output.iter().copied()).collect())
    };
    Ok(LineChart::new(
        "The same 1 → 8 → 1 network, with and without tanh",
        "input x",
        "output y",
    )
    .series_colored("dense → dense", &points(linear)?, PALETTE[7])
    .series_colored("dense → tanh → dense", &points(curved)?, TANH)
    .to_svg()?)
}

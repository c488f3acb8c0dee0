//! Chapter 8's first example: softmax and cross-entropy on a few numbers.
//! A column of logits becomes probabilities; the formula as written breaks
//! on a logit of 1000 and the stable one does not; the Jacobian; and the
//! gradient of softmax followed by cross-entropy, both ways.
//!
//! Run it with `cargo run --release -p chapter-08 --example softmax`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_08::ndarray::{Array2, array};
use chapter_08::{Backward, CrossEntropy, Loss, Softmax, SoftmaxCrossEntropy};
use plots::{BarChart, FigureOptions, Grid, LineChart, PALETTE};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let options = FigureOptions::from_env();

    // ANCHOR: probabilities
    let logits = array![[2.0], [1.0], [0.1]];
    let y = Softmax::probabilities(&logits)?;
    // ANCHOR_END: probabilities
    println!("logits x:        {}", row(&logits, 1));
    println!("e^x:             {}", row(&logits.mapv(f64::exp), 4));
    println!("sum of e^x:      {:.4}", logits.mapv(f64::exp).sum());
    println!("softmax y:       {}", row(&y, 4));
    println!("sum of y:        {:.4}", y.sum());
    println!();

    let large = array![[1000.0], [999.0], [998.0]];
    println!("logits x:        {}", row(&large, 1));
    println!("e^x as written:  {}", row(&large.mapv(f64::exp), 4));
    println!("formula as written: {}", row(&Softmax::naive(&large), 4));
    println!(
        "with the largest logit, 1000, subtracted: {}",
        row(&Softmax::probabilities(&large)?, 4)
    );
    println!();

    let jacobian = Softmax::jacobian(&y.column(0));
    println!("Jacobian J = diag(y) - y yᵀ of y = {}:", row(&y, 4));
    for i in 0..jacobian.nrows() {
        println!(
            "  {}",
            row(
                &jacobian
                    .row(i)
                    .to_owned()
                    .insert_axis(chapter_08::ndarray::Axis(0)),
                4
            )
        );
    }
    println!();

    // ANCHOR: gradients
    let desired = array![[1.0], [0.0], [0.0]];
    let error = CrossEntropy.loss(&y, &desired)?;
    let through_both = Softmax
        .backward(&logits, &CrossEntropy.gradient(&y, &desired)?)?
        .input;
    let fused = SoftmaxCrossEntropy.gradient(&logits, &desired)?;
    // ANCHOR_END: gradients
    println!("desired y*:      {}", row(&desired, 1));
    println!("cross-entropy E = -ln y_0: {error:.4}");
    println!(
        "dE/dY:           {}",
        row(&CrossEntropy.gradient(&y, &desired)?, 4)
    );
    println!(
        "dE/dX through softmax's backward pass: {}",
        row(&through_both, 4)
    );
    println!("dE/dX fused, y - y*:                   {}", row(&fused, 4));

    options.save(
        "logits-to-probabilities.svg",
        &logits_to_probabilities(&logits, &y)?,
    )?;
    options.save("loss-of-the-right-class.svg", &loss_of_the_right_class()?)?;
    Ok(())
}

/// A column's entries side by side, as `(a, b, c)`.
fn row(column: &Array2<f64>, decimals: usize) -> String {
    let values: Vec<String> = column.iter().map(|v| format!("{v:.decimals$}")).collect();
    format!("({})", values.join(", "))
}

/// The three logits and their softmax, as two bar charts side by side.
fn logits_to_probabilities(logits: &Array2<f64>, y: &Array2<f64>) -> Result<String, Error> {
    let classes = ["0", "1", "2"];
    let bars = |title: &str, values: &Array2<f64>, range: (f64, f64)| {
        BarChart::new(title, "class", title)
            .bars(&classes, &values.iter().copied().collect::<Vec<_>>())
            .y_range(range.0, range.1)
            .size(240, 200)
    };
    Ok(Grid::new("Softmax turns logits into probabilities", 2)
        .chart_tile("logits x: any numbers", bars("logit", logits, (0.0, 3.0)))
        .chart_tile(
            "softmax y: from 0 to 1, adding up to 1",
            bars("probability", y, (0.0, 1.0)),
        )
        .to_svg()?)
}

/// What each loss charges for the probability the network gives the right
/// class: cross-entropy's -ln y grows without bound as y goes to 0; the
/// squared error of that one output, (1 - y)², never passes 1.
fn loss_of_the_right_class() -> Result<String, Error> {
    let ys: Vec<f64> = (1..=200).map(|i| f64::from(i) / 200.0).collect();
    let cross_entropy: Vec<(f64, f64)> = ys.iter().map(|&y| (y, -y.ln())).collect();
    let squared: Vec<(f64, f64)> = ys.iter().map(|&y| (y, (1.0 - y) * (1.0 - y))).collect();
    Ok(LineChart::new(
        "The cost of the probability given to the right class",
        "probability y of the right class",
        "loss",
    )
    .series_colored("cross-entropy, -ln y", &cross_entropy, PALETTE[1])
    .series_colored("squared error, (1 - y)²", &squared, PALETTE[0])
    .to_svg()?)
}

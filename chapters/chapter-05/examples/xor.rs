//! Chapter 5's example: a 2-3-1 network with tanh learns XOR.
//!
//! Run it with `cargo run --release -p chapter-05 --example xor`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_05::ndarray::array;
use chapter_05::{
    LearningRate, MeanSquaredError, TrainableNetwork, TrainingError, train, xor_network,
    xor_samples,
};
use plots::{FigureOptions, Heatmap, LineChart, PALETTE, Scale};

const SEED: u64 = 2;
const EPOCHS: usize = 10_000;
/// The learning rates compared, each with its colour in every figure of
/// the page: 0.1, the rate of the first run, is blue in both charts.
const RATES: [(f64, &str); 3] = [(0.001, PALETTE[3]), (0.1, PALETTE[0]), (3.0, PALETTE[1])];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = FigureOptions::from_env();

    // ANCHOR: train
    let samples = xor_samples();
    let mut network = xor_network(SEED);
    let history = train(
        &mut network,
        &MeanSquaredError,
        &samples,
        EPOCHS,
        LearningRate::new(0.1)?,
    )?;
    // ANCHOR_END: train

    for epoch in [1, 10, 100, 1000, 5000, EPOCHS] {
        println!(
            "epoch {epoch:>6}: mean squared error {:.6}",
            history[epoch - 1]
        );
    }
    println!();
    for (input, desired) in &samples {
        let output = network.predict(input)?;
        println!(
            "{} XOR {} = {}   network says {}",
            input[[0, 0]],
            input[[1, 0]],
            desired[[0, 0]],
            four_places(output[[0, 0]])
        );
    }
    println!();

    let mut rates = Vec::new();
    for (alpha, _) in RATES {
        let mut network = xor_network(SEED);
        match train(
            &mut network,
            &MeanSquaredError,
            &samples,
            EPOCHS,
            LearningRate::new(alpha)?,
        ) {
            Ok(history) => {
                let answers = samples
                    .iter()
                    .map(|(input, _)| Ok(four_places(network.predict(input)?[[0, 0]])))
                    .collect::<Result<Vec<_>, chapter_05::ShapeError>>()?;
                println!(
                    "learning rate {alpha:>5}: final error {:.6}, answers {}",
                    history[EPOCHS - 1],
                    answers.join(" ")
                );
                rates.push((alpha, history));
            }
            Err(error @ TrainingError::Diverged { .. }) => {
                println!("learning rate {alpha:>5}: {error}");
            }
            Err(error) => return Err(error.into()),
        }
    }

    options.save("loss.svg", &loss_chart(&history)?)?;
    options.save("boundary.svg", &boundary(&network)?)?;
    options.save("learning-rates.svg", &rates_chart(&rates)?)?;
    Ok(())
}

/// `value` to four decimal places, with no minus sign on a value that
/// rounds to zero (`{:.4}` prints -0.00001 as `-0.0000`).
fn four_places(value: f64) -> String {
    let shown = format!("{value:.4}");
    if shown
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        shown.trim_start_matches('-').to_string()
    } else {
        shown
    }
}

/// The error of each epoch, both on logarithmic scales: each decade of
/// epochs gets the same width, so the first hundred epochs, where the
/// plateau and the fall are, take half of the chart.
fn loss_chart(history: &[f64]) -> Result<String, plots::PlotError> {
    LineChart::new(
        "Learning XOR: the error, epoch by epoch",
        "epoch (log scale)",
        "mean squared error (log scale)",
    )
    .log_x()
    .log_y()
    .series_colored("learning rate 0.1", &points(history), color_of(0.1))
    .to_svg()
}

/// The colour of a learning rate in the page's charts.
fn color_of(alpha: f64) -> &'static str {
    RATES
        .iter()
        .find(|(rate, _)| *rate == alpha)
        .map_or(PALETTE[7], |(_, color)| color)
}

/// The network's output over the unit square, with the four XOR inputs.
fn boundary(network: &TrainableNetwork) -> Result<String, Box<dyn std::error::Error>> {
    let steps = 41;
    let mut values = Vec::with_capacity(steps);
    for row in 0..steps {
        let x2 = 1.0 - row as f64 / (steps - 1) as f64;
        let mut line = Vec::with_capacity(steps);
        for column in 0..steps {
            let x1 = column as f64 / (steps - 1) as f64;
            line.push(network.predict(&array![[x1], [x2]])?[[0, 0]]);
        }
        values.push(line);
    }
    let cell = steps as f64 / (steps - 1) as f64;
    let corner = |x1: f64, x2: f64, label: &str| {
        (
            0.5 * cell + x1 * (steps as f64 - cell),
            0.5 * cell + (1.0 - x2) * (steps as f64 - cell),
            label.to_string(),
        )
    };
    let svg = Heatmap::new(
        "What the network learned: its output over the unit square",
        values,
    )
    .scale(Scale::Diverging {
        min: 0.0,
        mid: 0.5,
        max: 1.0,
    })
    .colorbar_label("the network's output")
    .cell_size(8.0)
    .row_labels("x₂", axis_labels(steps, true))
    .col_labels("x₁", axis_labels(steps, false))
    .points(vec![
        corner(0.0, 0.0, "(0,0) → 0"),
        corner(0.0, 1.0, "(0,1) → 1"),
        corner(1.0, 0.0, "(1,0) → 1"),
        corner(1.0, 1.0, "(1,1) → 0"),
    ])
    .to_svg()?;
    Ok(svg)
}

/// Tick labels 0, 0.25, 0.5, 0.75, 1 along an axis of `steps` cells.
fn axis_labels(steps: usize, downwards: bool) -> Vec<String> {
    (0..steps)
        .map(|k| {
            let value = k as f64 / (steps - 1) as f64;
            let value = if downwards { 1.0 - value } else { value };
            if k % ((steps - 1) / 4) == 0 {
                format!("{value}")
            } else {
                String::new()
            }
        })
        .collect()
}

/// The same training at three learning rates.
fn rates_chart(rates: &[(f64, Vec<f64>)]) -> Result<String, plots::PlotError> {
    let mut chart = LineChart::new(
        "Too small, about right, too large",
        "epoch (log scale)",
        "mean squared error (log scale)",
    )
    .log_x()
    .log_y();
    for (alpha, history) in rates {
        chart = chart.series_colored(
            &format!("learning rate {alpha}"),
            &points(history),
            color_of(*alpha),
        );
    }
    chart.to_svg()
}

/// (epoch, error) pairs at about 400 epochs spread evenly on a log scale:
/// every one of the first few epochs, ever fewer later on.
fn points(history: &[f64]) -> Vec<(f64, f64)> {
    let last = history.len() as f64;
    let mut epochs: Vec<usize> = (0..400)
        .map(|k| last.powf(f64::from(k) / 399.0).round() as usize)
        .collect();
    epochs.dedup();
    epochs
        .into_iter()
        .map(|epoch| (epoch as f64, history[epoch - 1]))
        .collect()
}

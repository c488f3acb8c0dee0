//! Chapter 5's example: a 2-3-1 network with tanh learns XOR.
//!
//! Run it with `cargo run --release -p chapter-05 --example xor`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR,
//! among them the frames of the decision boundary and the error, epoch by
//! epoch, at each learning rate (DIR/boundary/, which the page plays).

use chapter_05::ndarray::array;
use chapter_05::{
    LearningRate, MeanSquaredError, TrainableNetwork, TrainingError, train, xor_network,
    xor_samples,
};
use plots::{FigureOptions, Frames, Heatmap, LineChart, PALETTE, Scale, stack};

const SEED: u64 = 2;
const EPOCHS: usize = 10_000;
/// The learning rates compared, each with its colour in every figure of
/// the page: 0.1, the rate of the first run, is blue in both charts.
const RATES: [(f64, &str); 3] = [(0.001, PALETTE[3]), (0.1, PALETTE[0]), (3.0, PALETTE[1])];
/// The epochs drawn as frames, the same for every learning rate: spread
/// on a log scale like the charts, with more of them between 100 and 200,
/// where the boundary bends at 0.1.
const FRAME_EPOCHS: [usize; 19] = [
    1, 2, 3, 5, 10, 20, 50, 100, 120, 140, 160, 180, 200, 300, 500, 1000, 2000, 5000, EPOCHS,
];
/// The frames shown side by side in print: the start, the bend, the end.
const KEY_FRAMES: [usize; 3] = [0, 11, 18];

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
    options.save_frames(&boundary_frames(&samples)?)?;
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
    .series_colored("learning rate 0.1", &points(history, 400), color_of(0.1))
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
    let svg = boundary_map(
        "What the network learned: its output over the unit square",
        output_grid(network, steps)?,
    )
    .cell_size(8.0)
    .to_svg()?;
    Ok(svg)
}

/// The network's output at `steps` × `steps` points of the unit square,
/// `x₂` = 1 in the top row.
fn output_grid(
    network: &TrainableNetwork,
    steps: usize,
) -> Result<Vec<Vec<f64>>, chapter_05::ShapeError> {
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
    Ok(values)
}

/// A grid of outputs as a heat map, red at 0 to blue at 1, with the four
/// XOR inputs marked: drawn as one image, a pixel per point.
fn boundary_map(title: &str, values: Vec<Vec<f64>>) -> Heatmap {
    let steps = values.len();
    let cell = steps as f64 / (steps - 1) as f64;
    let corner = |x1: f64, x2: f64, label: &str| {
        (
            0.5 * cell + x1 * (steps as f64 - cell),
            0.5 * cell + (1.0 - x2) * (steps as f64 - cell),
            label.to_string(),
        )
    };
    Heatmap::new(title, values)
        .raster()
        .scale(Scale::Diverging {
            min: 0.0,
            mid: 0.5,
            max: 1.0,
        })
        .colorbar_label("the network's output")
        .row_labels("x₂", axis_labels(steps, true))
        .col_labels("x₁", axis_labels(steps, false))
        .points(vec![
            corner(0.0, 0.0, "(0,0) → 0"),
            corner(0.0, 1.0, "(0,1) → 1"),
            corner(1.0, 0.0, "(1,0) → 1"),
            corner(1.0, 1.0, "(1,1) → 0"),
        ])
}

/// The frames a reader plays on the page: for each learning rate, the
/// same network from the same start, drawn after each of `FRAME_EPOCHS`:
/// its output over the unit square, above its error curve over the whole
/// run with the epoch of the frame marked.
fn boundary_frames(
    samples: &[(
        chapter_05::ndarray::Array2<f64>,
        chapter_05::ndarray::Array2<f64>,
    )],
) -> Result<Frames, Box<dyn std::error::Error>> {
    let steps = 25;
    let mut runs = Vec::with_capacity(RATES.len());
    for (alpha, _) in RATES {
        // Train up to each frame's epoch in turn: `train` keeps nothing
        // between calls, so this is the same run as one call of EPOCHS.
        let mut network = xor_network(SEED);
        let mut history = Vec::with_capacity(EPOCHS);
        let mut grids = Vec::with_capacity(FRAME_EPOCHS.len());
        for epoch in FRAME_EPOCHS {
            let more = epoch - history.len();
            history.extend(train(
                &mut network,
                &MeanSquaredError,
                samples,
                more,
                LearningRate::new(alpha)?,
            )?);
            grids.push(output_grid(&network, steps)?);
        }
        runs.push((history, grids));
    }
    // One error axis for every frame of every rate, from the lowest error
    // of any run to the highest.
    let errors = runs.iter().flat_map(|(history, _)| history.iter().copied());
    let (lowest, highest) = errors.fold((f64::INFINITY, 0.0_f64), |(lo, hi), e| {
        (lo.min(e), hi.max(e))
    });

    let mut frames = Frames::new("boundary", "mean squared error", 6);
    frames.setting("learning rate").key_frames(&KEY_FRAMES);
    for (index, (&(alpha, color), (history, grids))) in RATES.iter().zip(runs).enumerate() {
        if alpha == 0.1 {
            frames.start_with(index);
        }
        let curve = points(&history, 80);
        frames.series(&alpha.to_string());
        for (epoch, values) in FRAME_EPOCHS.into_iter().zip(grids) {
            let map = boundary_map(&format!("learning rate {alpha}, epoch {epoch}"), values)
                .cell_size(9.0)
                .to_svg()?;
            let error = history[epoch - 1];
            let chart = LineChart::new("", "epoch (log scale)", "mean squared error (log)")
                .log_x()
                .log_y()
                .series_colored(&format!("learning rate {alpha}"), &curve, color)
                .x_range(1.0, EPOCHS as f64)
                .y_range(lowest, highest)
                .marker(epoch as f64, error, color)
                .size(390, 250)
                .to_svg()?;
            frames.frame(&format!("epoch {epoch}"), error, stack(&[map, chart])?);
        }
    }
    Ok(frames)
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
            &points(history, 400),
            color_of(*alpha),
        );
    }
    chart.to_svg()
}

/// (epoch, error) pairs for a chart of `history`: about `count` stretches
/// of epochs spread evenly on a log scale (every one of the first few
/// epochs, ever longer stretches later on), each drawn by its first epoch
/// and, where they differ, the epochs of its lowest and highest error, so
/// that a spike a few epochs long is drawn too.
fn points(history: &[f64], count: usize) -> Vec<(f64, f64)> {
    let last = history.len() as f64;
    let mut starts: Vec<usize> = (0..count)
        .map(|k| last.powf(k as f64 / (count - 1) as f64).round() as usize)
        .collect();
    starts.dedup();
    let mut epochs = Vec::with_capacity(3 * starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(history.len() + 1);
        let stretch = start..end;
        let by_error = |&a: &usize, &b: &usize| history[a - 1].total_cmp(&history[b - 1]);
        epochs.push(start);
        epochs.extend(stretch.clone().min_by(by_error));
        epochs.extend(stretch.max_by(by_error));
    }
    epochs.sort_unstable();
    epochs.dedup();
    epochs
        .into_iter()
        .map(|epoch| (epoch as f64, history[epoch - 1]))
        .collect()
}

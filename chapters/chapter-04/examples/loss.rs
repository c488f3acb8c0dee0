//! Chapter 4's example: the mean squared error of one prediction, its
//! gradient, the same gradient by finite differences, and a shape mistake.
//!
//! Run it with `cargo run -p chapter-04 --example loss`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR,
//! among them the frames of a walk down the bowl, step by step, for
//! several step sizes (DIR/descent/, which the page plays).

use chapter_04::ndarray::{Array2, array};
use chapter_04::{Loss, MeanSquaredError, numerical_gradient};
use plots::{FigureOptions, Frames, Heatmap, LineChart, PALETTE, stack};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = FigureOptions::from_env();

    // ANCHOR: loss
    // What a network with 3 outputs predicted, and what we wanted instead.
    let predicted = array![[-0.45], [0.95], [0.38]];
    let desired = array![[0.6], [-0.35], [0.2]];

    let loss = MeanSquaredError;
    let error = loss.loss(&predicted, &desired)?;
    let gradient = loss.gradient(&predicted, &desired)?;

    // The referee: nudge each output up and down by h and watch E move.
    let numerical = numerical_gradient(&predicted, 1e-6, |y| {
        loss.loss(y, &desired)
            .expect("same shape as the prediction")
    });
    // ANCHOR_END: loss

    println!("{}, n_y = {} outputs", loss.name(), predicted.len());
    println!();
    println!("  j      y_j     y*_j   (y*_j - y_j)²   dE/dy_j   finite differences");
    for j in 0..predicted.nrows() {
        let (y, y_star) = (predicted[[j, 0]], desired[[j, 0]]);
        println!(
            "  {}  {:7.4}  {:7.4}   {:13.4}   {:7.4}   {:18.4}",
            j + 1,
            y,
            y_star,
            (y_star - y).powi(2),
            gradient[[j, 0]],
            numerical[[j, 0]],
        );
    }
    println!();
    println!("E = (1/n_y) Σ (y*_j - y_j)² = {error:.6}");
    println!(
        "largest gap between dE/dY and finite differences: {:.1e}",
        largest_gap(&gradient, &numerical)
    );

    // The other convention, E = ½ Σ (y* - y)², has gradient Y - Y*:
    // the same direction, n_y/2 times as long.
    let half_sum_gradient = &predicted - &desired;
    println!();
    println!(
        "½-sum convention: E = {:.6}, dE/dY = Y - Y* = {:.4}",
        0.5 * (&desired - &predicted).mapv(|d| d * d).sum(),
        half_sum_gradient.t()
    );
    println!(
        "ratio of the two gradients, entry by entry: {:.4} (n_y/2 = {:.4})",
        &half_sum_gradient.t() / &gradient.t(),
        predicted.len() as f64 / 2.0
    );

    // ANCHOR: wrong_shape
    // The desired output written as a row instead of a column.
    let as_a_row = desired.t().to_owned();
    // ndarray alone broadcasts (1, 3) against (3, 1) into (3, 3), silently:
    let broadcast = &as_a_row - &predicted;
    let wrong = broadcast.mapv(|d| d * d).mean().expect("not empty");
    // The loss checks the shapes first and says what it expected:
    let checked = loss.loss(&predicted, &as_a_row);
    // ANCHOR_END: wrong_shape
    println!();
    println!(
        "Y* as a row: ndarray gives a {:?} array and E = {wrong:.6}, a wrong number",
        broadcast.dim()
    );
    if let Err(shape_error) = checked {
        println!("the loss rejects it: {shape_error}");
    }

    options.save("parabola.svg", &parabola()?)?;
    options.save("bowl.svg", &bowl(&predicted, &desired)?)?;
    options.save_frames(&descent_frames(&predicted, &desired)?)?;
    Ok(())
}

/// The largest difference between two arrays of the same shape.
fn largest_gap(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    (a - b).iter().fold(0.0, |largest, d| d.abs().max(largest))
}

/// One output, target y* = 0.6: E = (y* - y)² as y moves, with the tangent
/// (slope dE/dy = 2 (y - y*)) at two predictions, one on each side.
fn parabola() -> Result<String, plots::PlotError> {
    let target = 0.6;
    let error = |y: f64| {
        MeanSquaredError
            .loss(&array![[y]], &array![[target]])
            .expect("1 x 1 against 1 x 1")
    };
    let slope = |y: f64| {
        MeanSquaredError
            .gradient(&array![[y]], &array![[target]])
            .expect("1 x 1 against 1 x 1")[[0, 0]]
    };

    let curve: Vec<(f64, f64)> = (0..=140)
        .map(|k| {
            let y = -0.8 + 0.02 * f64::from(k);
            (y, error(y))
        })
        .collect();

    let mut chart = LineChart::new(
        "E as one prediction y moves, target y* = 0.6",
        "prediction y",
        "error E",
    )
    .series("E = (0.6 - y)²", &curve);
    for (at, half_width) in [(-0.45, 0.25), (1.25, 0.3)] {
        let (e, g) = (error(at), slope(at));
        let tangent: Vec<(f64, f64)> = (0..=40)
            .map(|k| {
                let y = at - half_width + 2.0 * half_width * f64::from(k) / 40.0;
                (y, e + g * (y - at))
            })
            .collect();
        chart = chart.series(
            &format!("tangent at y = {at:.2}: slope dE/dy = {g:.2}"),
            &tangent,
        );
    }
    chart.size(640, 420).to_svg()
}

/// Two outputs: E over a grid of predictions (y₁, y₂), a bowl whose lowest
/// point is the desired output, with the gradient drawn as an arrow from
/// the target to the prediction.
fn bowl(predicted: &Array2<f64>, desired: &Array2<f64>) -> Result<String, plots::PlotError> {
    // Keep the first two outputs of the example.
    let y = array![[predicted[[0, 0]]], [predicted[[1, 0]]]];
    let y_star = array![[desired[[0, 0]]], [desired[[1, 0]]]];
    let loss = MeanSquaredError;

    // Cell centres from -1 to 1.5 in steps of 0.05; y₂ grows upwards.
    let steps = 51;
    let value = |k: usize| -1.0 + 0.05 * k as f64;
    let values: Vec<Vec<f64>> = (0..steps)
        .map(|row| {
            (0..steps)
                .map(|column| {
                    let at = array![[value(column)], [value(steps - 1 - row)]];
                    loss.loss(&at, &y_star).expect("2 x 1 against 2 x 1")
                })
                .collect()
        })
        .collect();
    let labels = |reverse: bool| -> Vec<String> {
        (0..steps)
            .map(|k| {
                let k = if reverse { steps - 1 - k } else { k };
                if k % 10 == 0 {
                    format!("{:.1}", value(k))
                } else {
                    String::new()
                }
            })
            .collect()
    };
    // A point (y₁, y₂) in cell units: column from y₁, row from y₂.
    let cell = |y1: f64, y2: f64| ((y1 + 1.0) / 0.05 + 0.5, (1.5 - y2) / 0.05 + 0.5);

    let gradient = loss.gradient(&y, &y_star).expect("same shape");
    let step = &y - &(&gradient * 0.5);
    // With n_y = 2 the gradient (2/n_y)(Y - Y*) is Y - Y*: placed at the
    // target, it ends exactly at the prediction.
    let tail = &y - &gradient;
    let mut points = Vec::new();
    for (at, label) in [(&y, "Y"), (&step, "Y - ½ ∂E/∂Y"), (&y_star, "Y*")] {
        let (x, row) = cell(at[[0, 0]], at[[1, 0]]);
        points.push((
            x,
            row,
            format!(
                "{label}: E = {:.3}",
                loss.loss(at, &y_star).expect("same shape")
            ),
        ));
    }

    Heatmap::new(
        "E over two predictions (y₁, y₂), target (0.6, -0.35)",
        values,
    )
    .raster()
    .cell_size(8.0)
    .row_labels("prediction y₂", labels(true))
    .col_labels("prediction y₁", labels(false))
    .colorbar_label("error E")
    .arrow(
        cell(tail[[0, 0]], tail[[1, 0]]),
        cell(y[[0, 0]], y[[1, 0]]),
        "∂E/∂Y: uphill",
    )
    .points(points)
    .to_svg()
}

/// The step sizes of the walks down the bowl, each with its colour: too
/// small, about right, too large (it zigzags) and larger still (it climbs).
const STEP_SIZES: [(f64, &str); 4] = [
    (0.1, PALETTE[3]),
    (0.5, PALETTE[0]),
    (1.9, PALETTE[2]),
    (2.1, PALETTE[1]),
];
/// Steps of each walk drawn as frames, after the start.
const STEPS: usize = 11;
/// The frames shown without JavaScript and in print: the first step (how
/// long a step is) and the last (its walk holds every step before it).
const KEY_FRAMES: [usize; 2] = [1, STEPS];

/// The frames a reader plays on the page: from the prediction, steps of
/// gradient descent on Y itself, Y ← Y - s ∂E/∂Y, for each step size s;
/// each frame is the bowl with the walk so far, above E step by step with
/// the frame's step marked.
fn descent_frames(
    predicted: &Array2<f64>,
    desired: &Array2<f64>,
) -> Result<Frames, Box<dyn std::error::Error>> {
    let y_star = array![[desired[[0, 0]]], [desired[[1, 0]]]];
    let start = array![[predicted[[0, 0]]], [predicted[[1, 0]]]];
    let loss = MeanSquaredError;

    // Every walk, with E at each step: the chapter's own loss and gradient.
    let mut walks = Vec::new();
    for (s, _) in STEP_SIZES {
        let mut y = start.clone();
        let mut walk = Vec::with_capacity(STEPS + 1);
        for _ in 0..=STEPS {
            walk.push((y.clone(), loss.loss(&y, &y_star)?));
            let gradient = loss.gradient(&y, &y_star)?;
            y = &y - &(&gradient * s);
        }
        walks.push(walk);
    }
    let errors = walks.iter().flatten().map(|(_, e)| *e);
    let (lowest, highest) = errors.fold((f64::INFINITY, 0.0_f64), |(lo, hi), e| {
        (lo.min(e), hi.max(e))
    });

    // The bowl around the target, wide enough for the zigzags: cell
    // centres 0.125 apart, y₁ from -1.5 to 2.75, y₂ from 2 down to -2.25.
    let cells = 35;
    let (y1_low, y2_high, spacing) = (-1.5, 2.0, 0.125);
    let values: Vec<Vec<f64>> = (0..cells)
        .map(|row| {
            (0..cells)
                .map(|column| {
                    let at = array![
                        [y1_low + spacing * column as f64],
                        [y2_high - spacing * row as f64]
                    ];
                    loss.loss(&at, &y_star).expect("2 x 1 against 2 x 1")
                })
                .collect()
        })
        .collect();
    let labels = |value: &dyn Fn(usize) -> f64| -> Vec<String> {
        (0..cells)
            .map(|k| {
                if k % 4 == 0 {
                    format!("{}", value(k))
                } else {
                    String::new()
                }
            })
            .collect()
    };
    let columns = labels(&|k| y1_low + spacing * k as f64);
    let rows = labels(&|k| y2_high - spacing * k as f64);
    let cell = |y: &Array2<f64>| {
        (
            (y[[0, 0]] - y1_low) / spacing + 0.5,
            (y2_high - y[[1, 0]]) / spacing + 0.5,
        )
    };
    let span = 0.0..=cells as f64;
    let inside = |(x, row): (f64, f64)| span.contains(&x) && span.contains(&row);

    let mut frames = Frames::new("descent", "error E", 6);
    frames.setting("step size").start_with(1);
    frames.key_frames(&KEY_FRAMES);
    for ((s, color), walk) in STEP_SIZES.into_iter().zip(&walks) {
        frames.series(&format!("s = {s}"));
        let curve: Vec<(f64, f64)> = walk
            .iter()
            .enumerate()
            .map(|(step, (_, e))| (step as f64, *e))
            .collect();
        for (step, (y, e)) in walk.iter().enumerate() {
            // The walk so far, as far as it stays on the map.
            let path: Vec<(f64, f64)> = walk[..=step]
                .iter()
                .map(|(y, _)| cell(y))
                .take_while(|&at| inside(at))
                .collect();
            let mut points = vec![{
                let (x, row) = cell(&y_star);
                (x, row, "Y*".to_string())
            }];
            if inside(cell(y)) {
                let (x, row) = cell(y);
                points.push((x, row, format!("E = {}", short(*e))));
            }
            let title = format!("step size s = {s}, step {step}");
            let map = Heatmap::new(&title, values.clone())
                .raster()
                .cell_size(7.0)
                .row_labels("prediction y₂", rows.clone())
                .col_labels("prediction y₁", columns.clone())
                .colorbar_label("error E")
                .path(path)
                .points(points)
                .to_svg()?;
            let chart = LineChart::new("", "step", "error E (log scale)")
                .log_y()
                .series_colored(&format!("step size s = {s}"), &curve, color)
                .x_range(0.0, STEPS as f64)
                .y_range(lowest, highest)
                .marker(step as f64, *e, color)
                .size(360, 220)
                .to_svg()?;
            frames.frame(&format!("step {step}"), *e, stack(&[map, chart])?);
        }
    }
    Ok(frames)
}

/// An error to three decimals, or to three digits in scientific notation
/// when it is too small for that (`0.000` would say it is zero).
fn short(error: f64) -> String {
    if error == 0.0 || error >= 0.0005 {
        format!("{error:.3}")
    } else {
        format!("{error:.2e}")
    }
}

//! Chapter 8's digits example: chapter 6's 64-32-10 network, once as
//! chapter 6 trains it (tanh outputs, mean squared error) and once ending in
//! softmax and cross-entropy, from the same starting weights on the same
//! split; then the softmax network in mini-batches of 32 (chapter 7's loop),
//! and what its probabilities say about the test images.
//!
//! Run it with `cargo run --release -p chapter-08 --example digits`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR,
//! among them the frames of four test images' probabilities, epoch by
//! epoch (DIR/answers/, which the page plays).

use chapter_08::ndarray::{Array2, Axis, concatenate};
use chapter_08::{
    BatchSize, CLASSES, Digit, Initialisation, LearningRate, Loss, MeanSquaredError,
    SoftmaxCrossEntropy, TrainableNetwork, class_probabilities, digits_network, evaluate,
    load_digits, one_hot, seeded_rng, softmax_digits_network, train, train_batches,
    train_test_split, training_pairs,
};
use plots::{BarChart, FigureOptions, Frames, Grid, Heatmap, LineChart, PALETTE, Scale};

/// The seed of the split and of the starting weights, as in chapter 6.
const SEED: u64 = 0;
const EPOCHS: usize = 20;
/// The epochs whose numbers are printed.
const SHOWN: [usize; 5] = [1, 2, 5, 10, 20];
/// How many of the most confidently wrong test images are drawn.
const WRONG_SHOWN: usize = 6;
/// The frames shown side by side in print: before training, after the
/// first epoch and after the last.
const KEY_FRAMES: [usize; 3] = [0, 1, EPOCHS];

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let options = FigureOptions::from_env();
    let digits = load_digits()?;
    let split = train_test_split(&digits, 0.2, SEED);
    let pairs = training_pairs(&split.train);

    let (curves, mse, softmax, snapshots) = fit(&pairs, &split.test)?;
    println!();

    // What each network answers for the first test image.
    let first = &split.test[0];
    println!(
        "test image 0 is a {}; what each network answers for it:",
        first.label
    );
    println!(
        "  tanh + MSE outputs:      {}",
        row(&mse.predict(&first.image)?)
    );
    let p = class_probabilities(&softmax, &first.image)?;
    println!("  softmax probabilities:   {}", row(&p));
    println!(
        "  the tanh outputs add up to {:.2}; the probabilities to {:.2}",
        mse.predict(&first.image)?.sum(),
        p.sum()
    );
    println!();

    let (probabilities, confidently_wrong) = confidence(&softmax, &split.test)?;
    options.save("learning-curves.svg", &learning_curves(&curves)?)?;
    let first_six: Vec<usize> = (0..6).collect();
    options.save(
        "probabilities.svg",
        &panels(
            "Six test images and the ten probabilities the network gives each",
            &split.test,
            &probabilities,
            &first_six,
        )?,
    )?;
    options.save(
        "confidently-wrong.svg",
        &panels(
            "The test images the network gets wrong with the most confidence",
            &split.test,
            &probabilities,
            &confidently_wrong,
        )?,
    )?;
    // The frames: the first two test images, and the two the network ends
    // up getting wrong with the most confidence.
    let shown = [0, 1, confidently_wrong[0], confidently_wrong[1]];
    options.save_frames(&answer_frames(&split.test, &snapshots, &shown)?)?;
    Ok(())
}

/// What the frames need of one network before training or after an
/// epoch: its outputs for every test image (one column each) and its error
/// on the training images.
struct Snapshot {
    outputs: Array2<f64>,
    error: f64,
}

/// The snapshots of the tanh network and of the softmax network trained
/// one image at a time, taken now.
fn snapshots(
    mse: &TrainableNetwork,
    softmax: &TrainableNetwork,
    pairs: &[(Array2<f64>, Array2<f64>)],
    test_images: &Array2<f64>,
) -> Result<[Snapshot; 2], Error> {
    let (mut mse_error, mut softmax_error) = (0.0, 0.0);
    for (image, target) in pairs {
        mse_error += MeanSquaredError.loss(&mse.predict(image)?, target)?;
        softmax_error += SoftmaxCrossEntropy.loss(&softmax.predict(image)?, target)?;
    }
    let m = pairs.len() as f64;
    Ok([
        Snapshot {
            outputs: mse.predict(test_images)?,
            error: mse_error / m,
        },
        Snapshot {
            outputs: class_probabilities(softmax, test_images)?,
            error: softmax_error / m,
        },
    ])
}

/// The three networks' test accuracy, epoch by epoch, the MSE network,
/// the per-sample softmax network, and snapshots of these two before
/// training and after every epoch.
type Fitted = (
    [Vec<f64>; 3],
    TrainableNetwork,
    TrainableNetwork,
    Vec<[Snapshot; 2]>,
);

/// Train the three set-ups side by side, one epoch at a time, printing
/// their test accuracy.
fn fit(pairs: &[(Array2<f64>, Array2<f64>)], test: &[Digit]) -> Result<Fitted, Error> {
    // ANCHOR: setups
    let mut mse = digits_network(Initialisation::Scaled, SEED);
    let mut softmax = softmax_digits_network(SEED);
    let mut batched = softmax_digits_network(SEED);
    let per_sample = LearningRate::new(0.1)?;
    let per_batch = LearningRate::new(1.0)?;
    let batch_size = BatchSize::new(32)?;
    // ANCHOR_END: setups

    println!(
        "test accuracy, epoch by epoch ({} test images):",
        test.len()
    );
    println!("epoch   tanh + MSE   softmax + CE   softmax + CE, batches of 32");
    let mut curves = [vec![], vec![], vec![]];
    for (curve, network) in curves.iter_mut().zip([&mse, &softmax, &batched]) {
        curve.push(accuracy(network, test)?);
    }
    let test_images = columns(test.iter().map(|d| &d.image));
    let mut taken = vec![snapshots(&mse, &softmax, pairs, &test_images)?];
    let mut rng = seeded_rng(SEED);
    for epoch in 1..=EPOCHS {
        // ANCHOR: epoch
        train(&mut mse, &MeanSquaredError, pairs, 1, per_sample)?;
        train(&mut softmax, &SoftmaxCrossEntropy, pairs, 1, per_sample)?;
        train_batches(
            &mut batched,
            &SoftmaxCrossEntropy,
            pairs,
            batch_size,
            1,
            per_batch,
            &mut rng,
        )?;
        // ANCHOR_END: epoch
        for (curve, network) in curves.iter_mut().zip([&mse, &softmax, &batched]) {
            curve.push(accuracy(network, test)?);
        }
        taken.push(snapshots(&mse, &softmax, pairs, &test_images)?);
        if SHOWN.contains(&epoch) {
            println!(
                "{epoch:>5}   {:>8.1} %   {:>10.1} %   {:>14.1} %",
                curves[0][epoch], curves[1][epoch], curves[2][epoch]
            );
        }
    }
    Ok((curves, mse, softmax, taken))
}

/// How sure the softmax network is, right and wrong, printed; returns the
/// probabilities of every test image and the most confidently wrong ones.
fn confidence(
    softmax: &TrainableNetwork,
    test: &[Digit],
) -> Result<(Array2<f64>, Vec<usize>), Error> {
    let test_images = columns(test.iter().map(|d| &d.image));
    // ANCHOR: confidence
    let probabilities = class_probabilities(softmax, &test_images)?;
    let answers: Vec<(usize, f64)> = probabilities
        .axis_iter(Axis(1))
        .map(|column| best(column.iter()))
        .collect();
    // ANCHOR_END: confidence
    let (mut right, mut wrong) = (vec![], vec![]);
    for (digit, &(answer, confidence)) in test.iter().zip(&answers) {
        if answer == digit.label {
            right.push(confidence);
        } else {
            wrong.push(confidence);
        }
    }
    println!(
        "softmax + CE after {EPOCHS} epochs: {} right, {} wrong",
        right.len(),
        wrong.len()
    );
    println!(
        "mean probability of its answer when right: {:.1} %",
        100.0 * mean(&right)
    );
    println!(
        "mean probability of its answer when wrong: {:.1} %",
        100.0 * mean(&wrong)
    );
    let targets: Vec<Array2<f64>> = test.iter().map(|d| one_hot(d.label, CLASSES)).collect();
    let test_error =
        SoftmaxCrossEntropy.loss(&softmax.predict(&test_images)?, &columns(targets.iter()))?;
    println!("cross-entropy on the test images: {test_error:.4}");

    let mut confidently_wrong: Vec<usize> = (0..test.len())
        .filter(|&k| answers[k].0 != test[k].label)
        .collect();
    confidently_wrong.sort_by(|&a, &b| answers[b].1.total_cmp(&answers[a].1));
    confidently_wrong.truncate(WRONG_SHOWN);
    println!("the most confidently wrong:");
    for &k in &confidently_wrong {
        let (answer, confidence) = answers[k];
        let label = test[k].label;
        println!(
            "  test image {k:>3}: a {label} taken for a {answer} at {:.1} %, with {:.1} % on {label}",
            100.0 * confidence,
            100.0 * probabilities[[label, k]],
        );
    }
    Ok((probabilities, confidently_wrong))
}

/// Columns side by side in one array.
fn columns<'a>(arrays: impl Iterator<Item = &'a Array2<f64>>) -> Array2<f64> {
    let views: Vec<_> = arrays.map(|array| array.view()).collect();
    concatenate(Axis(1), &views).expect("every column has the same rows")
}

/// Test accuracy in percent.
fn accuracy(network: &TrainableNetwork, test: &[Digit]) -> Result<f64, Error> {
    Ok(100.0 * evaluate(network, test)?.accuracy())
}

/// The class with the largest value, and that value.
fn best<'a>(values: impl Iterator<Item = &'a f64>) -> (usize, f64) {
    values
        .copied()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |(bc, bv), (c, v)| {
            if v > bv { (c, v) } else { (bc, bv) }
        })
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// A column's ten entries side by side.
fn row(column: &Array2<f64>) -> String {
    let values: Vec<String> = column.iter().map(|v| format!("{v:.2}")).collect();
    format!("({})", values.join(", "))
}

/// Test accuracy, epoch by epoch, of the three set-ups.
fn learning_curves(curves: &[Vec<f64>; 3]) -> Result<String, Error> {
    let points = |curve: &[f64]| -> Vec<(f64, f64)> {
        curve
            .iter()
            .enumerate()
            .skip(1)
            .map(|(epoch, &a)| (epoch as f64, a))
            .collect()
    };
    Ok(LineChart::new(
        "Test accuracy, epoch by epoch",
        "epoch",
        "test accuracy (%)",
    )
    .series_colored(
        "tanh + mean squared error, per sample",
        &points(&curves[0]),
        PALETTE[0],
    )
    .series_colored(
        "softmax + cross-entropy, per sample",
        &points(&curves[1]),
        PALETTE[1],
    )
    .series_colored(
        "softmax + cross-entropy, batches of 32",
        &points(&curves[2]),
        PALETTE[3],
    )
    .to_svg()?)
}

/// Each chosen test image beside the bars of its ten probabilities, the
/// true class in green and a wrong answer in red.
fn panels(
    title: &str,
    test: &[Digit],
    probabilities: &Array2<f64>,
    chosen: &[usize],
) -> Result<String, Error> {
    let classes: Vec<String> = (0..CLASSES).map(|c| c.to_string()).collect();
    let mut grid = Grid::new(title, 3);
    for &k in chosen {
        let digit = &test[k];
        let p: Vec<f64> = probabilities.column(k).to_vec();
        let (answer, confidence) = best(p.iter());
        let mut bars = BarChart::new("", "class", "probability")
            .bars(&classes, &p)
            .y_range(0.0, 1.0)
            .size(220, 150)
            .highlight(digit.label, PALETTE[2], "true class");
        if answer != digit.label {
            bars = bars.highlight(answer, PALETTE[1], "wrong answer");
        }
        grid = grid.tile_with_chart(
            &format!(
                "a {}: answer {answer} at {:.1} %",
                digit.label,
                100.0 * confidence
            ),
            image(digit),
            bars,
        );
    }
    Ok(grid.to_svg()?)
}

/// The frames a reader plays on the page: the test images `shown`, each
/// beside the ten numbers a network gives it, before training and after
/// every epoch; one series for the softmax network, whose numbers are
/// probabilities, and one for the tanh network trained with the mean
/// squared error, whose numbers are tanh outputs between -1 and 1.
fn answer_frames(
    test: &[Digit],
    snapshots: &[[Snapshot; 2]],
    shown: &[usize],
) -> Result<Frames, Error> {
    let classes: Vec<String> = (0..CLASSES).map(|c| c.to_string()).collect();
    let mut frames = Frames::new("answers", "error on the training images", 4);
    frames.setting("network").key_frames(&KEY_FRAMES);
    // The softmax network first: it is the chapter's.
    for (series, name) in [
        (1, "softmax + cross-entropy"),
        (0, "tanh + mean squared error"),
    ] {
        frames.series(name);
        let softmax = series == 1;
        for (epoch, snapshot) in snapshots.iter().map(|s| &s[series]).enumerate() {
            let when = if epoch == 0 {
                "before training".to_string()
            } else {
                format!("after epoch {epoch}")
            };
            let title = if softmax {
                format!("The probabilities of the softmax network, {when}")
            } else {
                format!("The outputs of the tanh network, {when}")
            };
            let mut grid = Grid::new(&title, 2);
            for &k in shown {
                let digit = &test[k];
                let values: Vec<f64> = snapshot.outputs.column(k).to_vec();
                let (answer, largest) = best(values.iter());
                let mut bars = if softmax {
                    BarChart::new("", "class", "probability").y_range(0.0, 1.0)
                } else {
                    BarChart::new("", "class", "tanh output").y_range(-1.0, 1.0)
                };
                bars = bars.bars(&classes, &values).size(220, 130).highlight(
                    digit.label,
                    PALETTE[2],
                    "true class",
                );
                if answer != digit.label {
                    bars = bars.highlight(answer, PALETTE[1], "wrong answer");
                }
                let caption = if softmax {
                    format!(
                        "a {}: answer {answer} at {:.1} %",
                        digit.label,
                        100.0 * largest
                    )
                } else {
                    format!("a {}: answer {answer} ({largest:.2})", digit.label)
                };
                grid = grid.tile_with_chart(&caption, image(digit), bars);
            }
            let step = if epoch == 0 {
                "before training".to_string()
            } else {
                format!("epoch {epoch}")
            };
            frames.frame(&step, snapshot.error, grid.to_svg()?);
        }
    }
    Ok(frames)
}

/// One digit as a small heat map, white paper and blue ink, drawn as one
/// image.
fn image(digit: &Digit) -> Heatmap {
    Heatmap::new("", digit.rows())
        .raster()
        .scale(Scale::Sequential { min: 0.0, max: 1.0 })
        .cell_size(8.0)
}

//! Chapter 6's example: a 64-32-10 tanh network learns to read handwritten
//! digits, once with weights scaled by 1/√(fan-in) and once with chapter 1's
//! standard-normal weights.
//!
//! Run it with `cargo run --release -p chapter-06 --example digits`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR,
//! among them the frames of the hidden units' weights and the confusion
//! matrix, epoch by epoch (DIR/training/, which the page plays).

use chapter_06::ndarray::Array2;
use chapter_06::{
    CLASSES, ConfusionMatrix, Digit, Initialisation, LearningRate, Loss, MeanSquaredError,
    TrainableNetwork, digits_layers, digits_network, evaluate, load_digits, predicted_class,
    saturation, train, train_test_split, training_pairs,
};
use plots::{FigureOptions, Frames, Grid, Heatmap, LineChart, Scale, stack};

/// The seed of the train/test split.
const SPLIT_SEED: u64 = 0;
/// The seed of the starting weights.
const WEIGHTS_SEED: u64 = 0;
const EPOCHS: usize = 20;
const LEARNING_RATE: f64 = 0.1;
/// The epochs whose numbers are printed.
const SHOWN: [usize; 6] = [1, 2, 5, 10, 15, 20];

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let options = FigureOptions::from_env();

    // ANCHOR: data
    let digits = load_digits()?;
    let split = train_test_split(&digits, 0.2, SPLIT_SEED);
    let pairs = training_pairs(&split.train);
    // ANCHOR_END: data

    let mut per_class = [0; CLASSES];
    for digit in &digits {
        per_class[digit.label] += 1;
    }
    println!("{} images of 8x8 pixels", digits.len());
    println!("images of each digit 0 to 9: {per_class:?}");
    println!(
        "{} to train on, {} held out to test",
        split.train.len(),
        split.test.len()
    );
    let mean_square = split
        .train
        .iter()
        .map(|d| d.image.mapv(|x| x * x).sum())
        .sum::<f64>()
        / split.train.len() as f64;
    println!("average of Σ x² over the training images: {mean_square:.1}");
    println!();

    let images: Vec<_> = split.train.iter().map(|d| d.image.clone()).collect();
    println!("what each tanh receives, before training (mean |z|, mean tanh'(z)):");
    for initialisation in [Initialisation::StandardNormal, Initialisation::Scaled] {
        let layers = digits_layers(initialisation, WEIGHTS_SEED);
        let [hidden, output] = saturation(&layers, &images)?[..] else {
            unreachable!("two layers give two measurements")
        };
        println!(
            "  {:<15}  hidden: {:.2}, {:.3}   output: {:.2}, {:.3}",
            name(initialisation),
            hidden.mean_abs_input,
            hidden.mean_slope,
            output.mean_abs_input,
            output.mean_slope
        );
    }
    println!();

    println!("training with weights scaled by 1/√fan-in:");
    let mut network = digits_network(Initialisation::Scaled, WEIGHTS_SEED);
    let scaled_curve = fit(&mut network, &pairs, &split.test)?;
    let confusion = evaluate(&network, &split.test)?;
    println!(
        "final test accuracy: {} of {} = {:.1} %",
        confusion.correct(),
        confusion.total(),
        100.0 * confusion.accuracy()
    );
    println!();
    println!("{confusion}");
    println!();

    println!("training with standard-normal weights (chapter 1's Dense::random):");
    let mut standard = digits_network(Initialisation::StandardNormal, WEIGHTS_SEED);
    let standard_curve = fit(&mut standard, &pairs, &split.test)?;
    let answers = evaluate(&standard, &split.test)?;
    println!("final test accuracy: {:.1} %", 100.0 * answers.accuracy());
    let (digit, count) = most_common_answer(&answers);
    println!(
        "its most common answer is {digit}, given for {count} of the {} test images",
        answers.total()
    );

    options.save("samples.svg", &samples(&split.train[..30])?)?;
    options.save(
        "learning-curves.svg",
        &curves(&scaled_curve, &standard_curve)?,
    )?;
    options.save("confusion.svg", &confusion_map(&confusion)?)?;
    options.save("mistakes.svg", &mistakes(&network, &split.test)?)?;
    options.save_frames(&training_frames(&pairs, &split.test)?)?;
    Ok(())
}

fn name(initialisation: Initialisation) -> &'static str {
    match initialisation {
        Initialisation::StandardNormal => "standard normal",
        Initialisation::Scaled => "scaled",
    }
}

/// The class the network answers most often, and how often.
fn most_common_answer(confusion: &ConfusionMatrix) -> (usize, usize) {
    (0..CLASSES)
        .map(|guess| {
            let count = (0..CLASSES)
                .map(|actual| confusion.count(actual, guess))
                .sum();
            (guess, count)
        })
        .max_by_key(|&(guess, count)| (count, std::cmp::Reverse(guess)))
        .expect("there are classes")
}

// ANCHOR: fit
/// Train for `EPOCHS` epochs, one at a time, and measure the accuracy on
/// the test images before training and after every epoch.
fn fit(
    network: &mut TrainableNetwork,
    pairs: &[(Array2<f64>, Array2<f64>)],
    test: &[Digit],
) -> Result<Vec<f64>, Error> {
    let rate = LearningRate::new(LEARNING_RATE)?;
    let mut accuracies = vec![evaluate(network, test)?.accuracy()];
    for epoch in 1..=EPOCHS {
        let error = train(network, &MeanSquaredError, pairs, 1, rate)?[0];
        let accuracy = evaluate(network, test)?.accuracy();
        accuracies.push(accuracy);
        if SHOWN.contains(&epoch) {
            println!(
                "epoch {epoch:>2}: training error {error:.4}, test accuracy {:5.1} %",
                100.0 * accuracy
            );
        }
    }
    Ok(accuracies)
}
// ANCHOR_END: fit

/// One digit as a small heat map: white paper, blue ink.
fn image(digit: &Digit, cell: f64) -> Heatmap {
    Heatmap::new("", digit.rows())
        .raster()
        .scale(Scale::Sequential { min: 0.0, max: 1.0 })
        .cell_size(cell)
}

/// The first training images, each with its label.
fn samples(digits: &[Digit]) -> Result<String, plots::PlotError> {
    digits
        .iter()
        .fold(
            Grid::new("Training images and their labels", 10),
            |grid, d| grid.tile(&d.label.to_string(), image(d, 6.0)),
        )
        .to_svg()
}

/// Test accuracy, epoch by epoch, for both initialisations.
fn curves(scaled: &[f64], standard: &[f64]) -> Result<String, plots::PlotError> {
    let points = |accuracies: &[f64]| -> Vec<(f64, f64)> {
        accuracies
            .iter()
            .enumerate()
            .map(|(epoch, &a)| (epoch as f64, 100.0 * a))
            .collect()
    };
    LineChart::new(
        "Test accuracy, epoch by epoch",
        "epoch",
        "test accuracy (%)",
    )
    .series("weights ÷ √fan-in", &points(scaled))
    .series("standard normal weights", &points(standard))
    .to_svg()
}

/// The confusion matrix as a heat map with the counts written in.
fn confusion_map(confusion: &ConfusionMatrix) -> Result<String, plots::PlotError> {
    let labels: Vec<String> = (0..CLASSES).map(|c| c.to_string()).collect();
    Heatmap::new(
        &format!("Confusion matrix on the {} test images", confusion.total()),
        confusion.rows(),
    )
    .annotate(0)
    .cell_size(30.0)
    .colorbar_label("number of test images")
    .row_labels("true digit", labels.clone())
    .col_labels("the network's answer", labels)
    .to_svg()
}

/// Every test image the network gets wrong, captioned "label → guess".
fn mistakes(network: &TrainableNetwork, test: &[Digit]) -> Result<String, Error> {
    let mut grid = Grid::new("The test images the network gets wrong", 10);
    for digit in test {
        let guess = predicted_class(&network.predict(&digit.image)?)?;
        if guess != digit.label {
            grid = grid.tile(&format!("{} → {guess}", digit.label), image(digit, 9.0));
        }
    }
    Ok(grid.to_svg()?)
}

/// The frames a reader plays on the page: the scaled network trained
/// again from the same start, drawn before training and after every epoch:
/// each hidden unit's 64 weights as an 8 × 8 image, above the confusion
/// matrix on the test images.
fn training_frames(pairs: &[(Array2<f64>, Array2<f64>)], test: &[Digit]) -> Result<Frames, Error> {
    let rate = LearningRate::new(LEARNING_RATE)?;
    let mut network = digits_network(Initialisation::Scaled, WEIGHTS_SEED);
    // Before training, the error the first epoch starts from: the mean
    // over the training images of the loss of the untrained network.
    let mut before = 0.0;
    for (image, target) in pairs {
        before += MeanSquaredError.loss(&network.predict(image)?, target)?;
    }
    let mut states = vec![(
        hidden_weights(&network),
        evaluate(&network, test)?,
        before / pairs.len() as f64,
    )];
    for _ in 1..=EPOCHS {
        let error = train(&mut network, &MeanSquaredError, pairs, 1, rate)?[0];
        states.push((hidden_weights(&network), evaluate(&network, test)?, error));
    }
    // One scale for every frame: the weights to the 98th percentile of
    // their sizes (the largest few are drawn in the colours of the ends,
    // so the pattern of the others shows), the counts to the largest.
    let mut sizes: Vec<f64> = states
        .iter()
        .flat_map(|(weights, _, _)| weights.iter().flatten().map(|w| w.abs()))
        .collect();
    sizes.sort_by(f64::total_cmp);
    let largest = sizes[sizes.len() * 98 / 100];
    let weight_scale = Scale::Diverging {
        min: -largest,
        mid: 0.0,
        max: largest,
    };
    let most = states
        .iter()
        .flat_map(|(_, confusion, _)| confusion.rows().into_iter().flatten())
        .fold(0.0, f64::max);
    let labels: Vec<String> = (0..CLASSES).map(|c| c.to_string()).collect();

    let mut frames = Frames::new("training", "training error", 4);
    frames.key_frames(&[0, 1, EPOCHS]);
    for (epoch, (weights, confusion, error)) in states.into_iter().enumerate() {
        let when = if epoch == 0 {
            "before training".to_string()
        } else {
            format!("after epoch {epoch}")
        };
        let units = Heatmap::new(
            &format!("The 32 hidden units' weights, {when}"),
            units_image(&weights),
        )
        .raster()
        .scale(weight_scale)
        .cell_size(5.0)
        .colorbar_label("weight")
        .to_svg()?;
        let matrix = Heatmap::new(
            &format!(
                "Test images: {} of {} right ({:.1} %)",
                confusion.correct(),
                confusion.total(),
                100.0 * confusion.accuracy()
            ),
            confusion.rows(),
        )
        .raster()
        .annotate(0)
        .scale(Scale::Sequential {
            min: 0.0,
            max: most,
        })
        .cell_size(22.0)
        .colorbar_label("number of test images")
        .row_labels("true digit", labels.clone())
        .col_labels("the network's answer", labels.clone())
        .to_svg()?;
        let step = if epoch == 0 {
            "before training".to_string()
        } else {
            format!("epoch {epoch}")
        };
        frames.frame(&step, error, stack(&[units, matrix])?);
    }
    Ok(frames)
}

/// The hidden layer's weights W, one row of 64 per hidden unit.
fn hidden_weights(network: &TrainableNetwork) -> Vec<Vec<f64>> {
    let weights = &network.layers()[0].parameters()[0];
    weights.rows().into_iter().map(|row| row.to_vec()).collect()
}

/// The weights of the 32 hidden units as one picture: four rows of eight
/// 8 × 8 images, each unit's 64 weights laid out like the pixels they
/// multiply, with a line of zeros (white) between the images.
fn units_image(weights: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let (per_row, side) = (8, 8);
    let rows = weights.len().div_ceil(per_row);
    let mut image = vec![vec![0.0; per_row * (side + 1) - 1]; rows * (side + 1) - 1];
    for (unit, unit_weights) in weights.iter().enumerate() {
        let (top, left) = ((unit / per_row) * (side + 1), (unit % per_row) * (side + 1));
        for (pixel, &weight) in unit_weights.iter().enumerate() {
            image[top + pixel / side][left + pixel % side] = weight;
        }
    }
    image
}

//! Chapter 6's example: a 64-32-10 tanh network learns to read handwritten
//! digits, once with weights scaled by 1/√(fan-in) and once with chapter 1's
//! standard-normal weights.
//!
//! Run it with `cargo run --release -p chapter-06 --example digits`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_06::ndarray::Array2;
use chapter_06::{
    CLASSES, ConfusionMatrix, Digit, Initialisation, LearningRate, MeanSquaredError,
    TrainableNetwork, digits_layers, digits_network, evaluate, load_digits, predicted_class,
    saturation, train, train_test_split, training_pairs,
};
use plots::{FigureOptions, Grid, Heatmap, LineChart, Scale};

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

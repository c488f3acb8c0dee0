//! Chapter 7's example: chapter 6's digits network trained with mini-batches
//! of 1, 8, 32 and 128 images, from the same starting weights.
//!
//! Run it with `cargo run --release -p chapter-07 --example batches`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_07::ndarray::{Array2, array};
use chapter_07::{
    Backward, BatchSize, Dense, Digit, Initialisation, Layer, LearningRate, MeanSquaredError,
    digits_network, evaluate_batch, load_digits, seeded_rng, train_batches, train_test_split,
    training_pairs,
};
use plots::{FigureOptions, LineChart, PALETTE, ShapeDiagram};

/// The seed of the train/test split (chapter 6's).
const SPLIT_SEED: u64 = 0;
/// The seed of the starting weights (chapter 6's).
const WEIGHTS_SEED: u64 = 0;
/// The seed of the generator that shuffles the images every epoch.
const SHUFFLE_SEED: u64 = 7;
const EPOCHS: usize = 20;
/// The batch sizes compared.
const SIZES: [usize; 4] = [1, 8, 32, 128];
/// The colour of each run (batch size, learning rate) in the page's two
/// charts: batches of 32 at rate 0.1 is in both, green in each.
const COLORS: [(usize, f64, &str); 7] = [
    (1, 0.1, PALETTE[0]),
    (8, 0.1, PALETTE[1]),
    (32, 0.1, PALETTE[2]),
    (128, 0.1, PALETTE[3]),
    (32, 0.4, PALETTE[4]),
    (32, 0.8, PALETTE[5]),
    (32, 3.2, PALETTE[6]),
];
/// The epochs whose accuracies are printed.
const SHOWN: [usize; 6] = [1, 2, 5, 10, 15, 20];

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let options = FigureOptions::from_env();

    let digits = load_digits()?;
    let split = train_test_split(&digits, 0.2, SPLIT_SEED);
    let pairs = training_pairs(&split.train);

    println!(
        "{} training images, {} test images, learning rate 0.1",
        split.train.len(),
        split.test.len()
    );
    println!();
    println!("test accuracy after each epoch, by batch size:");
    let mut curves = Vec::new();
    for size in SIZES {
        curves.push(fit(size, 0.1, &pairs, &split.test)?);
    }
    print_table(&curves);
    println!();

    // ANCHOR: larger_steps
    // Batches of 32 take 32 times fewer steps: let each step be longer.
    println!("batches of 32 with larger learning rates:");
    let mut faster = Vec::new();
    for alpha in [0.1, 0.4, 0.8, 3.2] {
        let curve = fit(32, alpha, &pairs, &split.test)?;
        let (after_5, at_end) = (100.0 * curve[5], 100.0 * curve[EPOCHS]);
        println!("  rate {alpha}: {after_5:.1} % after 5 epochs, {at_end:.1} % after {EPOCHS}");
        faster.push((alpha, curve));
    }
    // ANCHOR_END: larger_steps

    options.save("batch-shapes.svg", &batch_shapes()?)?;
    options.save("gradient-shapes.svg", &gradient_shapes()?)?;
    options.save("batch-sizes.svg", &batch_size_chart(&curves)?)?;
    options.save("learning-rates.svg", &learning_rate_chart(&faster)?)?;
    Ok(())
}

// ANCHOR: fit
/// Train chapter 6's network with batches of `size` images at learning
/// rate `alpha`, one epoch at a time, and measure the test accuracy before
/// training and after every epoch.
fn fit(
    size: usize,
    alpha: f64,
    pairs: &[(Array2<f64>, Array2<f64>)],
    test: &[Digit],
) -> Result<Vec<f64>, Error> {
    let mut network = digits_network(Initialisation::Scaled, WEIGHTS_SEED);
    let mut rng = seeded_rng(SHUFFLE_SEED);
    let (batch_size, rate) = (BatchSize::new(size)?, LearningRate::new(alpha)?);
    let mut accuracies = vec![evaluate_batch(&network, test)?.accuracy()];
    for _ in 1..=EPOCHS {
        train_batches(
            &mut network,
            &MeanSquaredError,
            pairs,
            batch_size,
            1,
            rate,
            &mut rng,
        )?;
        accuracies.push(evaluate_batch(&network, test)?.accuracy());
    }
    Ok(accuracies)
}
// ANCHOR_END: fit

/// One row per shown epoch, one column per batch size.
fn print_table(curves: &[Vec<f64>]) {
    print!("batch size");
    for size in SIZES {
        print!("{size:>10}");
    }
    println!();
    print!("steps     ");
    for size in SIZES {
        print!("{:>10}", 1438_usize.div_ceil(size));
    }
    println!("   (updates per epoch)");
    for epoch in SHOWN {
        print!("epoch {epoch:>2}  ");
        for curve in curves {
            print!("{:>8.1} %", 100.0 * curve[epoch]);
        }
        println!();
    }
}

/// `Y = W X + B` for a batch of 4 samples: X and Y have one column per sample.
fn batch_shapes() -> Result<String, Error> {
    let layer = Dense::new(
        array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
        array![[0.1], [-0.2], [0.3]],
    )?;
    let x = array![[2.0, 0.5, -1.0, 1.5], [-3.0, 1.0, 0.5, 2.0]];
    let y = layer.forward(&x)?;
    Ok(
        ShapeDiagram::new("Y = W X + B for a batch of m = 4 samples")
            .matrix("Y", rows(&y), "3 outputs", "m = 4 samples")
            .op("=")
            .matrix("W", rows(layer.weights()), "3 outputs", "2 inputs")
            .op("·")
            .matrix("X", rows(&x), "2 inputs", "m = 4 samples")
            .op("+")
            .matrix("B", rows(layer.biases()), "3 outputs", "")
            .to_svg()?,
    )
}

/// `dE/dW = G Xᵀ` for the same batch: the sample axis is summed away.
fn gradient_shapes() -> Result<String, Error> {
    let layer = Dense::new(
        array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
        array![[0.1], [-0.2], [0.3]],
    )?;
    let x = array![[2.0, 0.5, -1.0, 1.5], [-3.0, 1.0, 0.5, 2.0]];
    let g = array![
        [0.2, -0.1, 0.4, 0.3],
        [-0.5, 0.25, 0.1, -0.2],
        [0.3, 0.6, -0.4, 0.1]
    ];
    let gradients = layer.backward(&x, &g)?;
    Ok(
        // Colours other than the previous diagram's Y, W and B, which these
        // are not; Xᵀ keeps X's green.
        ShapeDiagram::new("dE/dW = G Xᵀ: the sample axis is summed away")
            .matrix_colored(
                "dE/dW",
                rows(&gradients.parameters[0]),
                ("3 outputs", "2 inputs"),
                PALETTE[5],
            )
            .op("=")
            .matrix_colored("G", rows(&g), ("3 outputs", "m = 4 samples"), PALETTE[4])
            .op("·")
            .matrix_colored(
                "Xᵀ",
                rows(&x.t().to_owned()),
                ("m = 4 samples", "2 inputs"),
                PALETTE[2],
            )
            .to_svg()?,
    )
}

/// The colour of the run with batches of `size` at learning rate `alpha`.
fn color_of(size: usize, alpha: f64) -> &'static str {
    COLORS
        .iter()
        .find(|&&(s, a, _)| s == size && a == alpha)
        .map_or(PALETTE[7], |&(_, _, color)| color)
}

/// The rows of a matrix, for a picture.
fn rows(a: &Array2<f64>) -> Vec<Vec<f64>> {
    a.rows().into_iter().map(|row| row.to_vec()).collect()
}

/// (epoch, accuracy in %) points of a curve.
fn points(curve: &[f64]) -> Vec<(f64, f64)> {
    curve
        .iter()
        .enumerate()
        .map(|(epoch, &a)| (epoch as f64, 100.0 * a))
        .collect()
}

/// Test accuracy per epoch, one line per batch size.
fn batch_size_chart(curves: &[Vec<f64>]) -> Result<String, Error> {
    let mut chart = LineChart::new(
        "Test accuracy per epoch, learning rate 0.1",
        "epoch",
        "test accuracy (%)",
    );
    for (&size, curve) in SIZES.iter().zip(curves) {
        chart = chart.series_colored(
            &format!("batches of {size}"),
            &points(curve),
            color_of(size, 0.1),
        );
    }
    Ok(chart.to_svg()?)
}

/// Test accuracy per epoch for batches of 32, one line per learning rate.
fn learning_rate_chart(curves: &[(f64, Vec<f64>)]) -> Result<String, Error> {
    let mut chart = LineChart::new(
        "Batches of 32: test accuracy per epoch",
        "epoch",
        "test accuracy (%)",
    );
    for (alpha, curve) in curves {
        chart = chart.series_colored(
            &format!("learning rate {alpha}"),
            &points(curve),
            color_of(32, *alpha),
        );
    }
    Ok(chart.to_svg()?)
}

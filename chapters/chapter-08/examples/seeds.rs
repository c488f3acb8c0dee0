//! How much of chapter 8's result is luck? Chapter 6's set-up (tanh outputs,
//! mean squared error) and this chapter's (softmax and cross-entropy), each
//! trained on ten seeds: each seed picks the held-out images and the
//! starting weights, the same for both set-ups.
//!
//! Run it with `cargo run --release -p chapter-08 --example seeds`; add
//! `-- --figures DIR` to also write the chapter's picture into DIR.

use chapter_08::{
    BatchSize, Initialisation, LearningRate, MeanSquaredError, SoftmaxCrossEntropy, Spread,
    digits_network, evaluate, load_digits, seeded_rng, softmax_digits_network, train,
    train_batches, train_test_split, training_pairs,
};
use plots::{FigureOptions, PALETTE, StripChart};

const SEEDS: u64 = 10;
const EPOCHS: usize = 20;
/// The set-ups, in the order of the table's columns.
const SETUPS: [&str; 3] = [
    "tanh + mean squared error, per sample",
    "softmax + cross-entropy, per sample",
    "softmax + cross-entropy, batches of 32",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = FigureOptions::from_env();
    let digits = load_digits()?;
    let (per_sample, per_batch) = (LearningRate::new(0.1)?, LearningRate::new(1.0)?);
    let mut results = [vec![], vec![], vec![]];
    println!("test accuracy after {EPOCHS} epochs (%)");
    println!("seed   tanh + MSE   softmax + CE   softmax + CE, batches of 32");
    for seed in 0..SEEDS {
        let split = train_test_split(&digits, 0.2, seed);
        let pairs = training_pairs(&split.train);

        let mut mse = digits_network(Initialisation::Scaled, seed);
        train(&mut mse, &MeanSquaredError, &pairs, EPOCHS, per_sample)?;
        let mut softmax = softmax_digits_network(seed);
        train(
            &mut softmax,
            &SoftmaxCrossEntropy,
            &pairs,
            EPOCHS,
            per_sample,
        )?;
        let mut batched = softmax_digits_network(seed);
        let batch_size = BatchSize::new(32)?;
        train_batches(
            &mut batched,
            &SoftmaxCrossEntropy,
            &pairs,
            batch_size,
            EPOCHS,
            per_batch,
            &mut seeded_rng(seed),
        )?;

        print!("{seed:>4}");
        for (network, accuracies) in [&mse, &softmax, &batched].into_iter().zip(&mut results) {
            let accuracy = 100.0 * evaluate(network, &split.test)?.accuracy();
            print!("   {accuracy:>10.1}");
            accuracies.push(accuracy);
        }
        println!();
    }
    println!();
    for (name, accuracies) in SETUPS.iter().zip(&results) {
        let spread = Spread::of(accuracies);
        println!(
            "{name}: median {:.1} %, lowest {:.1} %, highest {:.1} %",
            spread.median, spread.lowest, spread.highest
        );
    }
    let wins = results[0]
        .iter()
        .zip(&results[1])
        .filter(|(mse, softmax)| softmax > mse)
        .count();
    let ties = results[0]
        .iter()
        .zip(&results[1])
        .filter(|(mse, softmax)| softmax == mse)
        .count();
    println!(
        "per sample, softmax + cross-entropy is ahead on {wins} of {SEEDS} seeds, level on {ties}"
    );

    let mut chart = StripChart::new(
        &format!("Test accuracy after {EPOCHS} epochs, one dot per seed"),
        "set-up",
        "test accuracy (%)",
    )
    .size(720, 380);
    let short = [
        "tanh + MSE, per sample",
        "softmax + CE, per sample",
        "softmax + CE, batches",
    ];
    for ((name, accuracies), color) in short
        .iter()
        .zip(&results)
        .zip([PALETTE[0], PALETTE[1], PALETTE[3]])
    {
        chart = chart.group_colored(name, accuracies, color);
    }
    options.save("seeds.svg", &chart.to_svg()?)?;
    Ok(())
}

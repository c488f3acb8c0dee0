//! Chapter 9's seed study: the convolutional network and chapter 8's dense
//! network, both with softmax and cross-entropy, per sample, on ten seeds
//! (each picks the held-out images and the starting weights).
//!
//! Run it with `cargo run --release -p chapter-09 --example seeds`; add
//! `-- --figures DIR` to also write the chapter's picture into DIR.

use chapter_09::{
    LearningRate, SoftmaxCrossEntropy, Spread, conv_digits_network, evaluate, load_digits,
    parameter_count, softmax_digits_network, train, train_test_split, training_pairs,
};
use plots::{FigureOptions, PALETTE, StripChart};

const SEEDS: u64 = 10;
const EPOCHS: usize = 20;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = FigureOptions::from_env();
    let digits = load_digits()?;
    let rate = LearningRate::new(0.1)?;
    let mut results = [vec![], vec![]];
    println!("test accuracy after {EPOCHS} epochs per sample, α = 0.1 (%)");
    println!("seed   convolutional   dense (chapter 8)");
    for seed in 0..SEEDS {
        let split = train_test_split(&digits, 0.2, seed);
        let pairs = training_pairs(&split.train);
        let mut convolutional = conv_digits_network(seed);
        train(
            &mut convolutional,
            &SoftmaxCrossEntropy,
            &pairs,
            EPOCHS,
            rate,
        )?;
        let mut dense = softmax_digits_network(seed);
        train(&mut dense, &SoftmaxCrossEntropy, &pairs, EPOCHS, rate)?;
        print!("{seed:>4}");
        for (network, accuracies) in [&convolutional, &dense].into_iter().zip(&mut results) {
            let accuracy = 100.0 * evaluate(network, &split.test)?.accuracy();
            print!("   {accuracy:>13.1}");
            accuracies.push(accuracy);
        }
        println!();
    }
    println!();
    let names = ["convolutional", "dense (chapter 8)"];
    let counts = [
        parameter_count(&conv_digits_network(0)),
        parameter_count(&softmax_digits_network(0)),
    ];
    for ((name, accuracies), count) in names.iter().zip(&results).zip(counts) {
        let spread = Spread::of(accuracies);
        println!(
            "{name}, {count} parameters: median {:.1} %, lowest {:.1} %, highest {:.1} %",
            spread.median, spread.lowest, spread.highest
        );
    }
    let wins = results[0]
        .iter()
        .zip(&results[1])
        .filter(|(c, d)| c > d)
        .count();
    println!("the convolutional network is ahead on {wins} of {SEEDS} seeds");

    let chart = StripChart::new(
        &format!("Test accuracy after {EPOCHS} epochs, one dot per seed"),
        "network",
        "test accuracy (%)",
    )
    .group_colored("convolutional", &results[0], PALETTE[2])
    .group_colored("dense (chapter 8)", &results[1], PALETTE[1]);
    options.save("seeds.svg", &chart.to_svg()?)?;
    Ok(())
}

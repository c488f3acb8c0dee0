//! How much of chapter 6's result is luck? The digits example's training,
//! repeated with ten different seeds: each seed picks both which images are
//! held out and the starting weights.
//!
//! Run it with `cargo run --release -p chapter-06 --example seeds`.

use chapter_06::{
    Initialisation, LearningRate, MeanSquaredError, digits_network, evaluate, load_digits, train,
    train_test_split, training_pairs,
};

const SEEDS: u64 = 10;
const EPOCHS: usize = 20;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let digits = load_digits()?;
    let rate = LearningRate::new(0.1)?;
    let mut results = [Vec::new(), Vec::new()];
    println!("seed   weights ÷ √fan-in   standard normal");
    for seed in 0..SEEDS {
        let split = train_test_split(&digits, 0.2, seed);
        let pairs = training_pairs(&split.train);
        print!("{seed:>4}");
        for (initialisation, accuracies) in [Initialisation::Scaled, Initialisation::StandardNormal]
            .into_iter()
            .zip(&mut results)
        {
            let mut network = digits_network(initialisation, seed);
            train(&mut network, &MeanSquaredError, &pairs, EPOCHS, rate)?;
            let accuracy = 100.0 * evaluate(&network, &split.test)?.accuracy();
            print!("   {accuracy:>13.1} %");
            accuracies.push(accuracy);
        }
        println!();
    }
    for (name, accuracies) in ["weights ÷ √fan-in", "standard normal"]
        .iter()
        .zip(&mut results)
    {
        accuracies.sort_by(f64::total_cmp);
        println!(
            "{name}: from {:.1} % to {:.1} %, median {:.1} %",
            accuracies[0],
            accuracies[accuracies.len() - 1],
            median(accuracies)
        );
    }
    Ok(())
}

/// The middle value of sorted `values` (the mean of the two middle values
/// for an even count).
fn median(values: &[f64]) -> f64 {
    let n = values.len();
    if n.is_multiple_of(2) {
        f64::midpoint(values[n / 2 - 1], values[n / 2])
    } else {
        values[n / 2]
    }
}

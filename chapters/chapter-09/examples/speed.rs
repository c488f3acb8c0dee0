//! Chapter 9's timings on the machine that runs it: one epoch per sample of
//! each digits network, and the convolutional layer's forward and backward
//! passes on a batch of 32, plain and as im2col. Each is the median of five
//! runs; the numbers change from machine to machine, their ratios less.
//!
//! Run it with `cargo run --release -p chapter-09 --example speed`.

use std::time::{Duration, Instant};

use chapter_09::ndarray::{Array2, Axis, concatenate};
use chapter_09::{
    Backward, Im2col, LearningRate, SoftmaxCrossEntropy, TrainableNetwork, conv_digits_layers,
    conv_digits_network, load_digits, softmax_digits_network, train, train_test_split,
    training_pairs,
};

const RUNS: usize = 5;

type Error = Box<dyn std::error::Error>;

/// The median time of `RUNS` runs of `work`, each on a fresh start.
fn median_time(mut work: impl FnMut() -> Result<(), Error>) -> Result<Duration, Error> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        work()?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[RUNS / 2])
}

fn main() -> Result<(), Error> {
    let digits = load_digits()?;
    let split = train_test_split(&digits, 0.2, 0);
    let pairs = training_pairs(&split.train);
    let rate = LearningRate::new(0.1)?;

    println!(
        "one epoch per sample on the {} training images:",
        pairs.len()
    );
    let epoch = |make: fn(u64) -> TrainableNetwork| {
        median_time(|| {
            let mut network = make(0);
            train(&mut network, &SoftmaxCrossEntropy, &pairs, 1, rate)?;
            Ok(())
        })
    };
    let (convolutional, dense) = (epoch(conv_digits_network)?, epoch(softmax_digits_network)?);
    println!("  convolutional network: {:>7.1} ms", ms(convolutional));
    println!("  dense network:         {:>7.1} ms", ms(dense));
    println!(
        "  the convolutional epoch takes {:.1} times as long",
        convolutional.as_secs_f64() / dense.as_secs_f64()
    );
    println!();

    let columns: Vec<_> = split.train[..32].iter().map(|d| d.image.view()).collect();
    let batch: Array2<f64> = concatenate(Axis(1), &columns)?;
    let plain = conv_digits_layers(0).0;
    let fast = Im2col(plain.clone());
    let both = |layer: &dyn Backward| -> Result<(), Error> {
        let y = layer.forward(&batch)?;
        layer.backward(&batch, &y)?;
        Ok(())
    };
    let (slow, quick) = (median_time(|| both(&plain))?, median_time(|| both(&fast))?);
    println!("the convolutional layer, forward and backward on a batch of 32:");
    println!(
        "  plain (a cross-correlation per kernel and sample): {:>7.3} ms",
        ms(slow)
    );
    println!(
        "  im2col (one matrix product per pass):              {:>7.3} ms",
        ms(quick)
    );
    println!(
        "  im2col is {:.1} times as fast",
        slow.as_secs_f64() / quick.as_secs_f64()
    );
    Ok(())
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

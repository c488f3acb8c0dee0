//! Chapter 7 against numpy, on the same work.
//!
//! `chapters/chapter-07/numpy/speed.py` is numpy's version of chapter 7's
//! 64-32-10 digits network. For its timings to be of the same work as the
//! Rust side's, it has to start from the same weights and see the images
//! in the same order. This crate writes what it needs into a text file
//! ([`write_weights`], in the format of [`matrices`]), and trains the fast
//! form alone ([`train_digits`]), so that the two whole programs can be
//! timed in turn:
//!
//! ```text
//! cargo run --release -p against-numpy -- write-weights weights.txt
//! python3 chapters/chapter-07/numpy/speed.py --weights weights.txt
//! python3 chapters/chapter-07/numpy/speed.py --weights weights.txt --epochs 500 --batch 32
//! target/release/against-numpy train --epochs 500 --batch 32
//! ```

pub mod matrices;

use std::fmt;
use std::path::Path;

use chapter_07::ndarray::{Array2, ArrayView2};
use chapter_07::rand::seq::SliceRandom;
use chapter_07::{
    BatchSize, BatchSizeError, DataError, Digit, Initialisation, LearningRate, SampleColumns,
    ShapeError, TanhNetwork, TrainingError, digits_layers, load_digits, seeded_rng,
    train_test_split, training_pairs,
};

pub use matrices::{Matrices, WeightsFileError, read_matrices, write_matrices};

/// The learning rate of every epoch here and in the numpy script.
pub const LEARNING_RATE: f64 = 0.1;

/// The seed of the shuffle that orders the images for the batches: the
/// first epoch `train_batches` would draw with `seeded_rng(SHUFFLE_SEED)`.
pub const SHUFFLE_SEED: u64 = 1;

/// The network both sides start from: chapter 6's 64-32-10 digits layers,
/// scaled, from seed 0, in chapter 7's fast form (the network chapter 7's
/// speed example times).
#[must_use]
pub fn starting_network() -> TanhNetwork {
    TanhNetwork::new(&digits_layers(Initialisation::Scaled, 0))
        .expect("chapter 6's digits layers fit one another")
}

/// What can go wrong here: reading the digits, a setting, training, or the
/// weights file.
#[derive(Debug)]
pub enum Error {
    /// The digits could not be read.
    Data(DataError),
    /// A matrix did not have the shape the network needs.
    Shape(ShapeError),
    /// The batch size was 0.
    BatchSize(BatchSizeError),
    /// Training failed: a bad learning rate, or a loss that stopped being
    /// a number.
    Training(TrainingError),
    /// The weights file could not be written or read.
    File(WeightsFileError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Data(error) => error.fmt(f),
            Self::Shape(error) => error.fmt(f),
            Self::BatchSize(error) => error.fmt(f),
            Self::Training(error) => error.fmt(f),
            Self::File(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

macro_rules! from_error {
    ($($variant:ident($type:ty)),*) => {
        $(impl From<$type> for Error {
            fn from(error: $type) -> Self {
                Self::$variant(error)
            }
        })*
    };
}
from_error!(
    Data(DataError),
    Shape(ShapeError),
    BatchSize(BatchSizeError),
    Training(TrainingError),
    File(WeightsFileError)
);

/// The work both sides do: the 1,438 training images of chapter 6's split
/// as columns, `rows` the lines of the data file (counting from 0) they
/// come from, in that order, and `order` the order of the images for the
/// batches (positions in `rows`).
pub struct Work {
    /// The lines of the data file that hold the training images, in the
    /// order of chapter 6's split: the order one image at a time.
    pub rows: Vec<usize>,
    /// The order of the images for the batches: positions in `rows`.
    pub order: Vec<usize>,
    /// The training images and their one-hot labels, as columns.
    pub columns: SampleColumns,
}

impl Work {
    /// The work on `digits`, the whole data file in its order.
    pub fn new(digits: &[Digit]) -> Result<Self, Error> {
        let lines: Vec<usize> = (0..digits.len()).collect();
        let rows = train_test_split(&lines, 0.2, 0).train;
        let train: Vec<Digit> = rows.iter().map(|&line| digits[line].clone()).collect();
        let columns = SampleColumns::new(&training_pairs(&train))?;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.shuffle(&mut seeded_rng(SHUFFLE_SEED));
        Ok(Self {
            rows,
            order,
            columns,
        })
    }
}

/// Train `network` for `epochs` epochs on `work`: one image at a time in
/// the order of `work.rows` when `batch` is 1, in batches of `batch` in
/// `work.order` (the same order every epoch, as the numpy script does)
/// otherwise. Returns each epoch's loss, the mean over the images of each
/// image's mean squared error.
pub fn train_digits(
    network: &mut TanhNetwork,
    work: &Work,
    epochs: usize,
    batch: BatchSize,
) -> Result<Vec<f64>, Error> {
    let rate = LearningRate::new(LEARNING_RATE)?;
    if batch.get() == 1 {
        return Ok(network.train(&work.columns, epochs, rate)?);
    }
    // Each epoch is `train_batches`' first epoch from the seed, whose
    // shuffle is `work.order`: the same order every epoch, and the loss
    // weighed by each batch's size, as chapter 7 reports it.
    let mut losses = Vec::with_capacity(epochs);
    for _ in 0..epochs {
        let mut rng = seeded_rng(SHUFFLE_SEED);
        losses.extend(network.train_batches(&work.columns, batch, 1, rate, &mut rng)?);
    }
    Ok(losses)
}

/// Write the file `speed.py --weights PATH` reads to `path`: the learning
/// rate and the batch size of its check; the starting weights `W1`, `b1`,
/// `W2`, `b2`; `rows` and `order` (see [`Work`]); and, after one epoch
/// each way from the starting weights, the loss and the weights
/// (`one_at_a_time_loss`, `one_at_a_time_W1`, ..., `batches_loss`,
/// `batches_W1`, ...). Returns the two losses.
pub fn write_weights(path: &Path) -> Result<(f64, f64), Error> {
    let work = Work::new(&load_digits()?)?;
    let b32 = BatchSize::new(32)?;
    let start = starting_network();
    let mut one = starting_network();
    let one_loss = train_digits(&mut one, &work, 1, BatchSize::new(1)?)?[0];
    let mut batches = starting_network();
    let batches_loss = train_digits(&mut batches, &work, 1, b32)?[0];

    let row =
        |numbers: &[usize]| Array2::from_shape_fn((1, numbers.len()), |(_, k)| numbers[k] as f64);
    let scalar = |value: f64| Array2::from_elem((1, 1), value);
    let (rows, order) = (row(&work.rows), row(&work.order));
    let settings = [scalar(LEARNING_RATE), scalar(b32.get() as f64)];
    let losses = [scalar(one_loss), scalar(batches_loss)];
    let [start, one, batches] = [&start, &one, &batches].map(TanhNetwork::dense_layers);
    let mut matrices: Vec<(String, ArrayView2<'_, f64>)> = vec![
        ("learning_rate".into(), settings[0].view()),
        ("batch_size".into(), settings[1].view()),
        ("rows".into(), rows.view()),
        ("order".into(), order.view()),
        ("one_at_a_time_loss".into(), losses[0].view()),
        ("batches_loss".into(), losses[1].view()),
    ];
    for (prefix, layers) in [
        ("", &start),
        ("one_at_a_time_", &one),
        ("batches_", &batches),
    ] {
        for (k, layer) in layers.iter().enumerate() {
            matrices.push((format!("{prefix}W{}", k + 1), layer.weights().view()));
            matrices.push((format!("{prefix}b{}", k + 1), layer.biases().view()));
        }
    }
    let named: Vec<(&str, ArrayView2<'_, f64>)> = matrices
        .iter()
        .map(|(name, matrix)| (name.as_str(), matrix.view()))
        .collect();
    let comment = "Chapter 7's 64-32-10 digits network, written by\n\
                   cargo run --release -p against-numpy -- write-weights PATH\n\
                   for python3 chapters/chapter-07/numpy/speed.py --weights PATH\n\
                   (each matrix: its name, rows and columns, then one line per row).";
    write_matrices(path, comment, &named)?;
    Ok((one_loss, batches_loss))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chapter_07::Dense;

    /// The layers named `prefix` W1, b1, W2, b2 in `file`.
    fn layers(file: &Matrices, prefix: &str) -> Vec<Dense> {
        (1..=2)
            .map(|k| {
                let matrix = |name: &str| file.get(&format!("{prefix}{name}{k}")).unwrap().clone();
                Dense::new(matrix("W"), matrix("b")).unwrap()
            })
            .collect()
    }

    fn counts(file: &Matrices, name: &str) -> Vec<usize> {
        file.get(name)
            .unwrap()
            .iter()
            .map(|&v| v as usize)
            .collect()
    }

    #[test]
    fn the_weights_file_reads_back_to_the_same_network_orders_and_results() {
        let folder = std::env::temp_dir().join(format!("against-numpy-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("weights.txt");
        let (one_loss, batches_loss) = write_weights(&path).unwrap();
        let file = read_matrices(&path).unwrap();
        std::fs::remove_dir_all(&folder).unwrap();

        // The starting network, exactly.
        let start = TanhNetwork::new(&layers(&file, "")).unwrap();
        assert_eq!(start.dense_layers(), starting_network().dense_layers());
        assert_eq!(file.get("learning_rate").unwrap()[[0, 0]], LEARNING_RATE);
        assert_eq!(file.get("batch_size").unwrap()[[0, 0]], 32.0);

        // `rows` are the lines of the training images, in the split's order.
        let digits = load_digits().unwrap();
        let rows = counts(&file, "rows");
        let train = train_test_split(&digits, 0.2, 0).train;
        assert_eq!(rows.len(), 1438);
        assert_eq!(rows.len(), train.len());
        for (&line, digit) in rows.iter().zip(&train) {
            assert_eq!(digits[line].image, digit.image);
            assert_eq!(digits[line].label, digit.label);
        }

        // `order` is the first shuffle `train_batches` draws from the seed.
        let work = Work::new(&digits).unwrap();
        let order = counts(&file, "order");
        assert_eq!(order, work.order);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..1438).collect::<Vec<_>>());
        let rate = LearningRate::new(LEARNING_RATE).unwrap();
        let b32 = BatchSize::new(32).unwrap();
        let mut shuffled = starting_network();
        let losses = shuffled
            .train_batches(&work.columns, b32, 1, rate, &mut seeded_rng(SHUFFLE_SEED))
            .unwrap();
        assert_eq!(losses, [batches_loss]);

        // Training from the file's weights in the file's orders gives the
        // file's results, one image at a time and in batches of 32.
        let mut one = TanhNetwork::new(&layers(&file, "")).unwrap();
        assert_eq!(one.train(&work.columns, 1, rate).unwrap(), [one_loss]);
        assert_eq!(one.dense_layers(), layers(&file, "one_at_a_time_"));
        assert_eq!(file.get("one_at_a_time_loss").unwrap()[[0, 0]], one_loss);
        let mut batches = TanhNetwork::new(&layers(&file, "")).unwrap();
        batches
            .train_in_order(&work.columns, &order, b32, rate)
            .unwrap();
        assert_eq!(batches.dense_layers(), layers(&file, "batches_"));
        assert_eq!(batches.dense_layers(), shuffled.dense_layers());
        assert_eq!(file.get("batches_loss").unwrap()[[0, 0]], batches_loss);
        assert!(one_loss != batches_loss, "the two ways are different work");
    }

    #[test]
    fn training_in_batches_repeats_the_same_order_every_epoch() {
        let work = Work::new(&load_digits().unwrap()).unwrap();
        let b32 = BatchSize::new(32).unwrap();
        let mut twice = starting_network();
        let losses = train_digits(&mut twice, &work, 2, b32).unwrap();
        let mut by_hand = starting_network();
        let rate = LearningRate::new(LEARNING_RATE).unwrap();
        for &loss in &losses {
            let errors = by_hand
                .train_in_order(&work.columns, &work.order, b32, rate)
                .unwrap();
            // 44 full batches of 32 and one of 30.
            assert_eq!(errors.len(), 45);
            let total: f64 = errors[..44].iter().sum::<f64>() * 32.0 + errors[44] * 30.0;
            assert!((total / 1438.0 - loss).abs() < 1e-15, "{loss}");
        }
        assert_eq!(twice.dense_layers(), by_hand.dense_layers());
        assert!(losses[1] < losses[0], "{losses:?}");
    }
}

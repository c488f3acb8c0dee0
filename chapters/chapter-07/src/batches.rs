//! Mini-batches: many samples at once, as the columns of `X`.
//!
//! The layers of chapters 1 to 5 already take an input of shape `(n_x, m)`,
//! one column per sample, and the formulas hold for a batch as they are.
//! What is new here is the training loop that cuts the data into batches:
//! shuffle the samples, take them `m` at a time, put each batch's inputs
//! side by side, and take one step of chapter 5's `train_step` per batch.

use std::fmt;

use crate::order::{check_order, in_epoch};
use chapter_06::ndarray::Array2;
use chapter_06::rand::Rng;
use chapter_06::rand::seq::SliceRandom;
use chapter_06::{
    CLASSES, ConfusionMatrix, Digit, LearningRate, Loss, PIXELS, ShapeError, TrainableNetwork,
    TrainingError, train_step,
};

// ANCHOR: batch_size
/// The number of samples `m` in a batch: 1 or more.
///
/// A batch of 1 is chapter 5's training, one sample at a time; a batch of
/// all the samples is "full-batch" gradient descent, one step per epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BatchSize(usize);

impl BatchSize {
    /// A batch size, if `size` is at least 1.
    pub fn new(size: usize) -> Result<Self, BatchSizeError> {
        if size >= 1 {
            Ok(Self(size))
        } else {
            Err(BatchSizeError)
        }
    }

    /// The number `m`.
    #[must_use]
    pub fn get(self) -> usize {
        self.0
    }
}

/// A batch size of 0: a batch with no samples has no gradient to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchSizeError;

impl fmt::Display for BatchSizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the batch size must be at least 1, got 0 (1 trains on one sample at a time, \
             as chapter 5 does; 32 is a common choice)"
        )
    }
}

impl std::error::Error for BatchSizeError {}
// ANCHOR_END: batch_size

// ANCHOR: stack_columns
/// Put the samples `indices` of `samples` side by side: column `c` of `X`
/// is the input of sample `indices[c]`, column `c` of `Y*` its desired
/// output. Each sample must be one column: the inputs of shape `(n_x, 1)`,
/// the desired outputs of shape `(n_y, 1)`. Returns `X` of shape `(n_x, m)`
/// and `Y*` of shape `(n_y, m)`, with `m = indices.len()`.
///
/// # Panics
/// If `indices` is empty, or holds an index that is not below
/// `samples.len()`.
pub fn stack_columns(
    samples: &[(Array2<f64>, Array2<f64>)],
    indices: &[usize],
) -> Result<(Array2<f64>, Array2<f64>), ShapeError> {
    assert!(!indices.is_empty(), "a batch needs at least one sample");
    let (first_input, first_desired) = &samples[indices[0]];
    let (inputs, outputs) = (first_input.nrows(), first_desired.nrows());
    let mut x = Array2::zeros((inputs, indices.len()));
    let mut y = Array2::zeros((outputs, indices.len()));
    for (column, &index) in indices.iter().enumerate() {
        let (input, desired) = &samples[index];
        check_column(input, inputs, index, "input X", "input")?;
        check_column(desired, outputs, index, "desired output Y*", "output")?;
        x.column_mut(column).assign(&input.column(0));
        y.column_mut(column).assign(&desired.column(0));
    }
    Ok((x, y))
}
// ANCHOR_END: stack_columns

/// Check that sample `index`'s `array` is one column of `rows` rows, as
/// the first sample of the batch is.
fn check_column(
    array: &Array2<f64>,
    rows: usize,
    index: usize,
    name: &str,
    row: &str,
) -> Result<(), ShapeError> {
    if array.dim() == (rows, 1) {
        return Ok(());
    }
    Err(ShapeError::new(
        format!("stacking a batch, sample {index}"),
        name,
        format!("({rows}, 1): one row per {row}, as in the batch's first sample, and one column"),
        array.dim(),
    ))
}

// ANCHOR: train_in_order
/// One epoch on `samples` in the order the caller gives, with no shuffle:
/// the first batch is the samples `order[..m]`, the next `order[m..2m]`,
/// and so on, with `m = batch_size`; when `m` does not divide
/// `order.len()`, the last batch is smaller. One step of chapter 5's
/// [`train_step`] per batch.
///
/// `order` is usually a permutation of `0..N`, for instance the one another
/// implementation drew, so that both train on the same batches; any list of
/// sample indices is allowed, repeats too. Returns the error of each batch,
/// in order, each measured before its step. Stops with
/// [`TrainingError::Diverged`] (counting this epoch as epoch 1) as soon as
/// an error is not a finite number.
///
/// # Panics
/// If `order` holds an index that is not below `samples.len()`.
pub fn train_in_order(
    network: &mut TrainableNetwork,
    loss: &dyn Loss,
    samples: &[(Array2<f64>, Array2<f64>)],
    order: &[usize],
    batch_size: BatchSize,
    learning_rate: LearningRate,
) -> Result<Vec<f64>, TrainingError> {
    if samples.is_empty() || order.is_empty() {
        return Err(TrainingError::NoSamples);
    }
    check_order(order, samples.len());
    let mut errors = Vec::with_capacity(order.len().div_ceil(batch_size.get()));
    for batch in order.chunks(batch_size.get()) {
        let (input, desired) = stack_columns(samples, batch)?;
        let error = train_step(network, loss, &input, &desired, learning_rate)?;
        if !error.is_finite() {
            return Err(TrainingError::Diverged {
                epoch: 1,
                loss: error,
                learning_rate: learning_rate.get(),
            });
        }
        errors.push(error);
    }
    Ok(errors)
}
// ANCHOR_END: train_in_order

// ANCHOR: train_batches
/// Train on `samples` for `epochs` passes, one step of chapter 5's
/// [`train_step`] per batch of `batch_size` samples.
///
/// Every epoch shuffles the samples afresh with `rng` (so that two calls
/// of one epoch each train exactly as one call of two epochs), then trains
/// on the shuffled order with [`train_in_order`]: when `batch_size` does
/// not divide the number of samples, the last batch of the epoch is
/// smaller. Returns the error of each epoch as the mean over its
/// *samples*: each batch's error weighted by its size, so a short last
/// batch counts for less. (Many libraries report the plain mean over
/// *batches* instead; the two differ only when the last batch is short.
/// [`train_in_order`] returns each batch's error, from which either can be
/// taken.) Stops with [`TrainingError::Diverged`] as soon as an error is
/// not a finite number.
pub fn train_batches(
    network: &mut TrainableNetwork,
    loss: &dyn Loss,
    samples: &[(Array2<f64>, Array2<f64>)],
    batch_size: BatchSize,
    epochs: usize,
    learning_rate: LearningRate,
    rng: &mut impl Rng,
) -> Result<Vec<f64>, TrainingError> {
    if samples.is_empty() {
        return Err(TrainingError::NoSamples);
    }
    let mut history = Vec::with_capacity(epochs);
    for epoch in 1..=epochs {
        let mut order: Vec<usize> = (0..samples.len()).collect();
        order.shuffle(rng);
        let errors = train_in_order(network, loss, samples, &order, batch_size, learning_rate)
            .map_err(|error| in_epoch(error, epoch))?;
        let total: f64 = errors
            .iter()
            .zip(order.chunks(batch_size.get()))
            .map(|(error, batch)| error * batch.len() as f64)
            .sum();
        history.push(total / samples.len() as f64);
    }
    Ok(history)
}
// ANCHOR_END: train_batches

// ANCHOR: predicted_classes
/// The class the network predicts for each sample of a batch: the row of
/// the largest output in each column of `output`, shape `(classes, m)`.
/// A tie goes to the lowest class; a NaN never wins (as chapter 6's
/// `predicted_class`, column by column).
pub fn predicted_classes(output: &Array2<f64>) -> Result<Vec<usize>, ShapeError> {
    if output.nrows() == 0 {
        return Err(ShapeError::new(
            "predicted classes",
            "network output Y",
            "(classes, m): one row per class (at least one), one column per sample",
            output.dim(),
        ));
    }
    let mut classes = Vec::with_capacity(output.ncols());
    for column in output.columns() {
        let mut best = 0;
        for (class, &value) in column.iter().enumerate() {
            if value > column[best] || column[best].is_nan() {
                best = class;
            }
        }
        classes.push(best);
    }
    Ok(classes)
}
// ANCHOR_END: predicted_classes

// ANCHOR: evaluate_batch
/// Classify every digit with one forward pass of `network` over all of
/// them at once, and count the results: the same matrix as chapter 6's
/// `evaluate`, which classifies them one by one.
pub fn evaluate_batch(
    network: &TrainableNetwork,
    digits: &[Digit],
) -> Result<ConfusionMatrix, ShapeError> {
    let mut matrix = ConfusionMatrix::new(CLASSES);
    if digits.is_empty() {
        return Ok(matrix);
    }
    let images = Array2::from_shape_fn((PIXELS, digits.len()), |(pixel, k)| {
        digits[k].image[[pixel, 0]]
    });
    let guesses = predicted_classes(&network.predict(&images)?)?;
    for (digit, guess) in digits.iter().zip(guesses) {
        matrix.add(digit.label, guess);
    }
    Ok(matrix)
}
// ANCHOR_END: evaluate_batch

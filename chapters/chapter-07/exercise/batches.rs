//! YOUR EXERCISE for chapter 7: the mini-batch training loop, and, as an
//! extension, reading the network's answers for a whole batch at once.
//!
//! Fill in the bodies marked `todo!()`, then check your work with
//!
//! ```text
//! cargo exercise 7            # what is done, and what to write or fix next
//! cargo exercise 7 --watch    # the same, again on every save
//! ```
//!
//! (or with plain cargo: `cargo test -p chapter-07 --features exercise`).
//!
//! The same tests that check the book's code check yours. Read the chapter
//! page first; its "Your turn" section has hints and the solution.

// The imports your solution will need; some are unused until you write it.
#![allow(unused_imports)]

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
    // X gets one column per index: column c is the input of sample
    // indices[c], a (n_x, 1) column; Y* likewise with the desired outputs,
    // (n_y, 1) each. Take n_x and n_y from the first sample of the batch, make
    // X = Array2::zeros((n_x, m)) and Y* = Array2::zeros((n_y, m)) with
    // m = indices.len(), then for each (column, &index): check both arrays
    // of samples[index] with check_column(array, rows, index, name, row)?
    // (names "input X" and "desired output Y*", rows "input" and "output"),
    // and copy them in with x.column_mut(column).assign(&input.column(0)).
    let _ = (samples, indices);
    todo!("stack_columns: copy each sample's input into a column of X (n_x, m), Y* likewise")
}
// ANCHOR_END: stack_columns

/// Check that sample `index`'s `array` is one column of `rows` rows, as
/// the first sample of the batch is.
#[allow(dead_code)] // until your `stack_columns` uses it
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
    // 1. No samples, or an empty order: Err(TrainingError::NoSamples).
    // 2. check_order(order, samples.len()) (given, in src/order.rs) panics
    //    with a clear message if an index is not below samples.len().
    // 3. For each chunk of batch_size.get() indices of order
    //    (order.chunks(...), whose last chunk is smaller when the size
    //    does not divide the length): stack_columns, then chapter 5's
    //    train_step(network, loss, &x, &y, learning_rate)?, which returns
    //    the batch's error before the update.
    // 4. An error that is not finite: Err(TrainingError::Diverged { epoch:
    //    1, loss: error, learning_rate: learning_rate.get() }).
    // 5. Return the errors of the batches, in order.
    let _ = (network, loss, samples, order, batch_size, learning_rate);
    todo!("train_in_order: take one train_step per chunk of order and return each batch's error")
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
    // 1. No samples: Err(TrainingError::NoSamples).
    // 2. For each epoch (counting from 1): a fresh order 0..N as a Vec,
    //    shuffled with order.shuffle(rng); then your train_in_order on that
    //    order. If it fails, pass the error on with the epoch it happened
    //    in: .map_err(|error| in_epoch(error, epoch))? (in_epoch is given,
    //    in src/order.rs).
    // 3. The epoch's mean error over its samples: each batch's error times
    //    its number of samples (zip the errors with order.chunks(...)),
    //    summed, divided by N. Return one mean per epoch.
    let _ = (
        network,
        loss,
        samples,
        batch_size,
        epochs,
        learning_rate,
        rng,
    );
    todo!("train_batches: shuffle 0..N each epoch, train in that order, take the mean over samples")
}
// ANCHOR_END: train_batches

// ANCHOR: predicted_classes
/// The class the network predicts for each sample of a batch: the row of
/// the largest output in each column of `output`, shape `(classes, m)`.
/// A tie goes to the lowest class; a NaN never wins (as chapter 6's
/// `predicted_class`, column by column).
pub fn predicted_classes(output: &Array2<f64>) -> Result<Vec<usize>, ShapeError> {
    // An output with no rows has no class to give: a ShapeError ("predicted
    // classes", "network output Y", "(classes, m): one row per class (at
    // least one), one column per sample", found output.dim()). Otherwise,
    // for each column (output.columns()), the row of its largest entry, as
    // chapter 6's predicted_class does: a tie goes to the lowest row, and
    // a NaN never wins. One class per column, in order.
    let _ = output;
    todo!("predicted_classes: find the row of the largest entry of each column of Y (classes, m)")
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

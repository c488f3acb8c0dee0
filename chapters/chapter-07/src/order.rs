//! What both forms of mini-batch training share: the check of an order the
//! caller gives, and the epoch a divergence is counted in.

use chapter_06::TrainingError;

/// Check that every index of `order` names one of `count` samples.
///
/// # Panics
/// With a message naming the first index that does not, its position and
/// the indices there are.
pub(crate) fn check_order(order: &[usize], count: usize) {
    if let Some(position) = order.iter().position(|&index| index >= count) {
        panic!(
            "the training order holds sample index {} at position {position}, but there are \
             only {count} samples (indices 0 to {})",
            order[position],
            count.saturating_sub(1)
        );
    }
}

/// `error`, with a divergence counted in epoch `epoch` of a longer run
/// (one epoch in a given order counts itself as epoch 1).
pub(crate) fn in_epoch(error: TrainingError, epoch: usize) -> TrainingError {
    match error {
        TrainingError::Diverged {
            loss,
            learning_rate,
            ..
        } => TrainingError::Diverged {
            epoch,
            loss,
            learning_rate,
        },
        other => other,
    }
}

/// The mean error over the `samples` of an epoch cut into batches of
/// `batch_size` (the last one smaller when the size does not divide the
/// count), each batch's error in `errors` weighted by its size.
pub(crate) fn mean_over_samples(errors: &[f64], samples: usize, batch_size: usize) -> f64 {
    let total: f64 = errors
        .iter()
        .enumerate()
        .map(|(k, error)| error * batch_size.min(samples - k * batch_size) as f64)
        .sum();
    total / samples as f64
}

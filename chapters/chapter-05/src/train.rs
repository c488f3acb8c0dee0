//! The training loop: forward, error, backward, update, repeat.

use chapter_04::ndarray::Array2;
use chapter_04::{Loss, Network};

use crate::{LearningRate, Trainable, TrainingError, update};

// ANCHOR: trainable_network
/// A network whose layers can learn.
pub type TrainableNetwork = Network<dyn Trainable>;
// ANCHOR_END: trainable_network

// ANCHOR: train_step
/// One step of gradient descent on one sample (or one batch of columns):
/// forward, error, backward, update. Returns the error before the update.
pub fn train_step(
    network: &mut TrainableNetwork,
    loss: &dyn Loss,
    input: &Array2<f64>,
    desired: &Array2<f64>,
    learning_rate: LearningRate,
) -> Result<f64, TrainingError> {
    // 1. Forward, keeping the input of every layer for the backward pass.
    let mut inputs = Vec::with_capacity(network.layers().len());
    let mut output = input.clone();
    for (index, layer) in network.layers().iter().enumerate() {
        let next = layer
            .forward(&output)
            .map_err(|e| e.within(&network.position(index)))?;
        inputs.push(std::mem::replace(&mut output, next));
    }

    // 2. The error, and its gradient with respect to the network's output.
    let error = loss.loss(&output, desired)?;
    let mut gradient = loss.gradient(&output, desired)?;

    // 3. Backward, last layer first. Nothing has changed yet, so every
    //    gradient is computed with the parameters that produced the output.
    let mut parameter_gradients = Vec::with_capacity(inputs.len());
    for (index, (layer, input)) in network.layers().iter().zip(&inputs).enumerate().rev() {
        let gradients = layer
            .backward(input, &gradient)
            .map_err(|e| e.within(&network.position(index)))?;
        gradient = gradients.input;
        parameter_gradients.push((index, gradients.parameters));
    }

    // 4. Update every parameter: θ ← θ - α · dE/dθ. The layer's name is
    //    for an error message only, so it is built only when there is an
    //    error: a failed update changes nothing, and is made again, named.
    for (index, gradients) in parameter_gradients {
        let layer = &mut network.layers_mut()[index];
        if update(layer.as_mut(), "", &gradients, learning_rate).is_err() {
            let name = layer.name();
            update(layer.as_mut(), &name, &gradients, learning_rate)?;
        }
    }
    Ok(error)
}
// ANCHOR_END: train_step

// ANCHOR: train
/// Train on `samples` (pairs of input and desired output) for `epochs`
/// passes, one update per sample, in order. Returns the mean error of each
/// epoch. Stops with [`TrainingError::Diverged`] as soon as the error is
/// not a finite number.
pub fn train(
    network: &mut TrainableNetwork,
    loss: &dyn Loss,
    samples: &[(Array2<f64>, Array2<f64>)],
    epochs: usize,
    learning_rate: LearningRate,
) -> Result<Vec<f64>, TrainingError> {
    if samples.is_empty() {
        return Err(TrainingError::NoSamples);
    }
    let mut history = Vec::with_capacity(epochs);
    for epoch in 1..=epochs {
        let mut total = 0.0;
        for (input, desired) in samples {
            let error = train_step(network, loss, input, desired, learning_rate)?;
            if !error.is_finite() {
                return Err(TrainingError::Diverged {
                    epoch,
                    loss: error,
                    learning_rate: learning_rate.get(),
                });
            }
            total += error;
        }
        history.push(total / samples.len() as f64);
    }
    Ok(history)
}
// ANCHOR_END: train

#[cfg(test)]
mod tests {
    use super::*;
    use chapter_04::ndarray::array;
    use chapter_04::testing::{OrPanic, assert_entries};
    use chapter_04::{Activation, Dense, MeanSquaredError, seeded_rng};

    fn small_network() -> TrainableNetwork {
        let mut rng = seeded_rng(4);
        Network::new(vec![
            Box::new(Dense::random(2, 3, &mut rng)),
            Box::new(Activation::tanh()),
            Box::new(Dense::random(3, 1, &mut rng)),
        ])
    }

    #[test]
    fn a_step_lowers_the_error_on_its_sample() {
        let mut network = small_network();
        let (x, y) = (array![[0.4], [-0.9]], array![[0.25]]);
        let rate = LearningRate::new(0.05).or_panic();
        let before = train_step(&mut network, &MeanSquaredError, &x, &y, rate).or_panic();
        let after = MeanSquaredError
            .loss(&network.predict(&x).unwrap(), &y)
            .unwrap();
        assert!(after < before, "error went from {before} to {after}");
    }

    #[test]
    fn a_shape_error_names_the_layer_and_changes_nothing() {
        let mut network = small_network();
        let before = network.predict(&array![[0.4], [-0.9]]).unwrap();
        let error = train_step(
            &mut network,
            &MeanSquaredError,
            &array![[0.4], [-0.9], [0.1]],
            &array![[0.2]],
            LearningRate::new(0.1).or_panic(),
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("layer 1 of 3: dense layer (2 inputs → 3 outputs), forward"),
            "{error}"
        );
        assert_entries(
            "the prediction after a failed step (which must change nothing)",
            &network.predict(&array![[0.4], [-0.9]]).unwrap(),
            &before,
            0.0,
        );
    }

    #[test]
    fn a_desired_output_given_as_a_row_is_an_error() {
        let mut network = small_network();
        let error = train_step(
            &mut network,
            &MeanSquaredError,
            &array![[0.4, 0.1], [-0.9, 0.3]],
            &array![[0.2], [0.1]],
            LearningRate::new(0.1).or_panic(),
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("mean squared error: desired output Y*"),
            "{error}"
        );
    }

    #[test]
    fn training_on_nothing_is_an_error() {
        let Err(error) = train(
            &mut small_network(),
            &MeanSquaredError,
            &[],
            10,
            LearningRate::new(0.1).or_panic(),
        ) else {
            panic!("training on no samples should be an error");
        };
        assert_eq!(error, TrainingError::NoSamples, "{error}");
    }

    #[test]
    fn a_huge_learning_rate_stops_with_the_epoch_instead_of_printing_nan() {
        // Without a bounded activation at the end, a huge step makes the
        // output, and so the error, grow until it is infinite.
        let mut network = small_network();
        let samples = vec![
            (array![[0.4], [-0.9]], array![[3.0]]),
            (array![[-1.2], [0.7]], array![[-2.0]]),
        ];
        let Err(error) = train(
            &mut network,
            &MeanSquaredError,
            &samples,
            1000,
            LearningRate::new(50.0).or_panic(),
        ) else {
            panic!("1000 epochs at a learning rate of 50 should diverge");
        };
        let TrainingError::Diverged {
            epoch,
            learning_rate,
            ..
        } = error
        else {
            panic!("{error}")
        };
        assert!(epoch < 1000, "diverged only at epoch {epoch}");
        assert_eq!(learning_rate, 50.0, "the learning rate the error names");
    }
}

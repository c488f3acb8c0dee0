//! The mini-batch loop (`src/batches.rs`): the batch size, stacking samples
//! as columns, training batch by batch in an order the caller gives, and
//! with a fresh shuffle every epoch. (The exercise's extension, classifying a whole batch at once, is
//! tested in `tests/mini_batches/predicted_classes.rs`.)
//!
//! These tests live here rather than in `src/batches.rs` so that they check
//! the exercise too (`cargo test -p chapter-07 --features exercise`).

use chapter_07::ndarray::{Array2, Axis, array};
use chapter_07::rand::seq::SliceRandom;
use chapter_07::testing::{OrPanic, compare_entries};
use chapter_07::{
    Activation, BatchSize, Dense, LearningRate, MeanSquaredError, Network, TrainableNetwork,
    TrainingError, compare_gradients, seeded_rng, stack_columns, train, train_batches,
    train_in_order, train_step,
};

/// Seven samples of a 3-input, 2-output problem, with varied values.
fn samples() -> Vec<(Array2<f64>, Array2<f64>)> {
    (0..7)
        .map(|k| {
            let t = f64::from(k);
            (
                array![[0.3 * t - 0.9], [(0.7 * t).sin()], [0.5 - 0.15 * t]],
                array![[(0.4 * t).cos() * 0.8], [0.1 * t - 0.3]],
            )
        })
        .collect()
}

/// Dense(3 → 4) → tanh → Dense(4 → 2) → tanh, from a seed.
fn network(seed: u64) -> TrainableNetwork {
    let mut rng = seeded_rng(seed);
    Network::new(vec![
        Box::new(Dense::random(3, 4, &mut rng)),
        Box::new(Activation::tanh()),
        Box::new(Dense::random(4, 2, &mut rng)),
        Box::new(Activation::tanh()),
    ])
}

/// One sample: its input `(3, 1)` and its desired output `(2, 1)`.
type Sample = (Array2<f64>, Array2<f64>);

/// A network and samples on which a huge learning rate diverges: no tanh
/// at the end, so a huge step makes the outputs, and the error, grow until
/// they are infinite; Dense(3 → 4) → tanh → Dense(4 → 2), and the samples'
/// desired outputs times 10.
fn diverging() -> (TrainableNetwork, Vec<Sample>) {
    let mut rng = seeded_rng(4);
    let network: TrainableNetwork = Network::new(vec![
        Box::new(Dense::random(3, 4, &mut rng)),
        Box::new(Activation::tanh()),
        Box::new(Dense::random(4, 2, &mut rng)),
    ]);
    let targets = samples().into_iter().map(|(x, y)| (x, y * 10.0)).collect();
    (network, targets)
}

/// The samples `batch` side by side, written out entry by entry rather than
/// with `stack_columns`: `X` of shape `(3, m)` and `Y*` of shape `(2, m)`.
fn by_hand_batch(samples: &[Sample], batch: &[usize]) -> (Array2<f64>, Array2<f64>) {
    let x = Array2::from_shape_fn((3, batch.len()), |(r, c)| samples[batch[c]].0[[r, 0]]);
    let y = Array2::from_shape_fn((2, batch.len()), |(r, c)| samples[batch[c]].1[[r, 0]]);
    (x, y)
}

/// The weights of every dense layer, for comparing two networks.
fn parameters(network: &TrainableNetwork) -> Vec<Array2<f64>> {
    network
        .layers()
        .iter()
        .flat_map(|layer| {
            layer
                .parameters()
                .into_iter()
                .map(|p| p.to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Two networks have the same parameters, to 1e-12; the message names the
/// parameter and the entry.
fn assert_same(trained: &TrainableNetwork, by_hand: &TrainableNetwork) {
    let names = [
        "first layer's W",
        "first layer's B",
        "second layer's W",
        "second layer's B",
    ];
    for ((name, a), b) in names
        .iter()
        .zip(parameters(trained))
        .zip(parameters(by_hand))
    {
        compare_gradients(name, &a, &b, 1e-12).unwrap_or_else(|message| {
            panic!("after training, {message} (the second value is the step-by-step replay)")
        });
    }
}

mod batch_size {
    use super::*;

    #[test]
    fn zero_is_refused_with_a_message() {
        let error = BatchSize::new(0).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the batch size must be at least 1, got 0 (1 trains on one sample at a time, \
             as chapter 5 does; 32 is a common choice)"
        );
    }

    #[test]
    fn one_and_more_are_kept() {
        assert_eq!(BatchSize::new(1).unwrap().get(), 1);
        assert_eq!(BatchSize::new(32).unwrap().get(), 32);
    }
}

mod stack_columns {
    use super::*;

    #[test]
    fn puts_the_chosen_samples_side_by_side_in_order() {
        let samples = samples();
        let (x, y) = stack_columns(&samples, &[4, 0, 6]).or_panic();
        assert_eq!(
            x.dim(),
            (3, 3),
            "X: one row per input, one column per sample"
        );
        assert_eq!(
            y.dim(),
            (2, 3),
            "Y*: one row per output, one column per sample"
        );
        for (column, index) in [4, 0, 6].into_iter().enumerate() {
            compare_entries(
                &format!("column {column} of X"),
                &x.column(column).insert_axis(Axis(1)),
                &samples[index].0,
                0.0,
            )
            .unwrap_or_else(|message| panic!("{message} (the input of sample {index})"));
            compare_entries(
                &format!("column {column} of Y*"),
                &y.column(column).insert_axis(Axis(1)),
                &samples[index].1,
                0.0,
            )
            .unwrap_or_else(|message| panic!("{message} (the desired output of sample {index})"));
        }
    }

    #[test]
    fn the_shapes_come_from_the_batch_not_from_sample_0() {
        // Sample 0 has another shape, but it is not in the batch [3, 1].
        let mut samples = samples();
        samples[0] = (Array2::zeros((5, 1)), Array2::zeros((1, 1)));
        let (x, y) = stack_columns(&samples, &[3, 1]).unwrap_or_else(|error| {
            panic!(
                "the batch [3, 1] leaves out sample 0, whose shapes differ, so it should \
                 stack; the rows of X and Y* come from the batch's first sample, 3, \
                 not from sample 0; but it failed: {error}"
            )
        });
        assert_eq!(
            (x.dim(), y.dim()),
            ((3, 2), (2, 2)),
            "X and Y* for the batch [3, 1]: (3 inputs, 2 samples) and (2 outputs, 2 samples)"
        );
    }

    #[test]
    fn one_index_gives_the_sample_itself() {
        let samples = samples();
        let (x, y) = stack_columns(&samples, &[2]).or_panic();
        compare_entries("X for the batch [2]", &x, &samples[2].0, 0.0)
            .unwrap_or_else(|message| panic!("{message} (the input of sample 2)"));
        compare_entries("Y* for the batch [2]", &y, &samples[2].1, 0.0)
            .unwrap_or_else(|message| panic!("{message} (the desired output of sample 2)"));
    }

    #[test]
    fn a_sample_of_another_shape_names_the_sample() {
        let mut samples = samples();
        samples[5].0 = array![[0.1], [0.2]];
        let Err(error) = stack_columns(&samples, &[1, 5]) else {
            panic!("stacking sample 5's input of 2 rows after sample 1's of 3 should be an error");
        };
        assert_eq!(
            error.to_string(),
            "stacking a batch, sample 5: input X should have shape (3, 1): one row per input, \
             as in the batch's first sample, and one column, but has shape (2, 1)"
        );
        samples[5] = (array![[0.1], [0.2], [0.3]], array![[0.1, 0.2], [0.3, 0.4]]);
        let Err(error) = stack_columns(&samples, &[1, 5]) else {
            panic!("stacking sample 5's desired output of shape (2, 2) should be an error");
        };
        assert_eq!(error.array, "desired output Y*", "{error}");
        assert_eq!(error.found, (2, 2), "{error}");
    }
}

mod train_in_order {
    use super::*;

    /// One `train_step` per batch of the samples `batches` name, by hand;
    /// each batch's error before its step.
    fn by_hand(network: &mut TrainableNetwork, batches: &[&[usize]]) -> Vec<f64> {
        let samples = samples();
        batches
            .iter()
            .map(|batch| {
                let (x, y) = by_hand_batch(&samples, batch);
                train_step(network, &MeanSquaredError, &x, &y, rate()).unwrap()
            })
            .collect()
    }

    fn rate() -> LearningRate {
        LearningRate::new(0.3).unwrap()
    }

    /// Train in `order` in batches of `size`, and check the errors and the
    /// parameters against `by_hand` on `batches`.
    fn check(order: &[usize], size: usize, batches: &[&[usize]]) {
        let (mut trained, mut replayed) = (network(8), network(8));
        let errors = train_in_order(
            &mut trained,
            &MeanSquaredError,
            &samples(),
            order,
            BatchSize::new(size).unwrap(),
            rate(),
        )
        .or_panic();
        let expected = by_hand(&mut replayed, batches);
        assert_eq!(
            errors.len(),
            expected.len(),
            "order {order:?} in batches of {size}: one error per batch, {} batches",
            expected.len()
        );
        for (k, (a, b)) in errors.iter().zip(&expected).enumerate() {
            assert!(
                (a - b).abs() < 1e-12,
                "order {order:?} in batches of {size}: batch {k} has error {a}, \
                 but one train_step on the samples {:?} gives {b}",
                batches[k]
            );
        }
        assert_same(&trained, &replayed);
    }

    #[test]
    fn the_batches_are_the_order_cut_in_pieces_without_a_shuffle() {
        // 7 samples in batches of 3: 3, 3, then 1, in the order given.
        check(&[4, 0, 6, 2, 1, 5, 3], 3, &[&[4, 0, 6], &[2, 1, 5], &[3]]);
        check(&[0, 1, 2, 3, 4, 5, 6], 7, &[&[0, 1, 2, 3, 4, 5, 6]]);
    }

    #[test]
    fn an_order_may_repeat_samples_and_leave_some_out() {
        check(&[2, 2, 5], 2, &[&[2, 2], &[5]]);
    }

    #[test]
    fn a_huge_learning_rate_stops_with_a_divergence_in_epoch_1() {
        let (mut network, targets) = diverging();
        let order: Vec<usize> = (0..7).cycle().take(7 * 1000).collect();
        let result = train_in_order(
            &mut network,
            &MeanSquaredError,
            &targets,
            &order,
            BatchSize::new(2).unwrap(),
            LearningRate::new(50.0).unwrap(),
        );
        let (epoch, learning_rate) = match result {
            Err(TrainingError::Diverged {
                epoch,
                learning_rate,
                ..
            }) => (epoch, learning_rate),
            Ok(errors) => panic!(
                "training 3,500 batches at a learning rate of 50 should stop with \
                 TrainingError::Diverged as soon as a batch's error is not a finite number, \
                 but train_in_order returned Ok with {} batch errors, the last {:?}",
                errors.len(),
                errors.last()
            ),
            Err(error) => panic!(
                "training 3,500 batches at a learning rate of 50 should stop with \
                 TrainingError::Diverged, but train_in_order returned the error: {error}"
            ),
        };
        assert_eq!(
            epoch, 1,
            "train_in_order trains one epoch, so it names epoch 1"
        );
        assert_eq!(learning_rate, 50.0, "the learning rate the error names");
    }

    #[test]
    fn an_empty_order_is_an_error() {
        let Err(error) = train_in_order(
            &mut network(1),
            &MeanSquaredError,
            &samples(),
            &[],
            BatchSize::new(2).unwrap(),
            rate(),
        ) else {
            panic!("training on an empty order should be an error");
        };
        assert_eq!(error, TrainingError::NoSamples, "{error}");
    }

    #[test]
    #[should_panic(
        expected = "the training order holds sample index 7 at position 2, but there are only 7 samples (indices 0 to 6)"
    )]
    fn an_index_past_the_samples_is_named() {
        let _ = train_in_order(
            &mut network(1),
            &MeanSquaredError,
            &samples(),
            &[0, 3, 7, 1],
            BatchSize::new(2).unwrap(),
            rate(),
        );
    }
}

mod train_batches {
    use super::*;

    /// What `train_batches` must do, written out step by step: every epoch
    /// shuffles the order with the same generator, then takes one
    /// `train_step` per chunk of `size` samples.
    fn by_hand(
        network: &mut TrainableNetwork,
        samples: &[(Array2<f64>, Array2<f64>)],
        size: usize,
        epochs: usize,
        rate: LearningRate,
        seed: u64,
    ) -> Vec<f64> {
        let mut rng = seeded_rng(seed);
        let mut history = Vec::new();
        for _ in 0..epochs {
            let mut order: Vec<usize> = (0..samples.len()).collect();
            order.shuffle(&mut rng);
            let mut total = 0.0;
            for batch in order.chunks(size) {
                let (x, y) = by_hand_batch(samples, batch);
                total += train_step(network, &MeanSquaredError, &x, &y, rate).unwrap()
                    * batch.len() as f64;
            }
            history.push(total / samples.len() as f64);
        }
        history
    }

    fn check(size: usize, epochs: usize) {
        let samples = samples();
        let rate = LearningRate::new(0.2).unwrap();
        let (mut trained, mut replayed) = (network(3), network(3));
        let history = train_batches(
            &mut trained,
            &MeanSquaredError,
            &samples,
            BatchSize::new(size).unwrap(),
            epochs,
            rate,
            &mut seeded_rng(11),
        )
        .or_panic();
        let expected = by_hand(&mut replayed, &samples, size, epochs, rate, 11);
        assert_eq!(history.len(), epochs, "one mean error per epoch");
        for (epoch, (a, b)) in history.iter().zip(&expected).enumerate() {
            assert!(
                (a - b).abs() < 1e-12,
                "batch size {size}, epoch {}: mean error {a}, but the step-by-step replay gives {b}",
                epoch + 1
            );
        }
        assert_same(&trained, &replayed);
    }

    #[test]
    fn train_batches_is_a_fresh_shuffle_then_train_in_order_weighted_by_batch_size() {
        let (size, epochs) = (3, 2);
        let (mut shuffled, mut in_order) = (network(4), network(4));
        let history = train_batches(
            &mut shuffled,
            &MeanSquaredError,
            &samples(),
            BatchSize::new(size).unwrap(),
            epochs,
            LearningRate::new(0.3).unwrap(),
            &mut seeded_rng(21),
        )
        .or_panic();
        let mut rng = seeded_rng(21);
        for (epoch, mean) in history.iter().enumerate() {
            let mut order: Vec<usize> = (0..7).collect();
            order.shuffle(&mut rng);
            let errors = train_in_order(
                &mut in_order,
                &MeanSquaredError,
                &samples(),
                &order,
                BatchSize::new(size).unwrap(),
                LearningRate::new(0.3).unwrap(),
            )
            .or_panic();
            // Batches of 3, 3 and 1 sample: the mean over the 7 samples.
            let over_samples = (3.0 * errors[0] + 3.0 * errors[1] + errors[2]) / 7.0;
            assert!(
                (mean - over_samples).abs() < 1e-12,
                "epoch {}: train_batches reports {mean}, but shuffling 0..7 afresh for this \
                 epoch and training in that order gives the batch errors {errors:?}, for \
                 batches of 3, 3 and 1 samples, whose mean over the 7 samples is {over_samples}",
                epoch + 1
            );
        }
        assert_same(&shuffled, &in_order);
    }

    #[test]
    fn each_epoch_is_one_step_per_batch_of_a_fresh_shuffle() {
        check(2, 4);
    }

    #[test]
    fn the_last_batch_of_an_epoch_is_smaller_when_the_size_does_not_divide_the_count() {
        // 7 samples in batches of 3: 3, 3, then 1.
        check(3, 3);
    }

    #[test]
    fn a_batch_of_one_is_chapter_5s_training_in_shuffled_order() {
        let samples = samples();
        let rate = LearningRate::new(0.2).unwrap();
        let (mut batched, mut per_sample) = (network(5), network(5));
        let history = train_batches(
            &mut batched,
            &MeanSquaredError,
            &samples,
            BatchSize::new(1).unwrap(),
            3,
            rate,
            &mut seeded_rng(2),
        )
        .or_panic();
        let mut rng = seeded_rng(2);
        for (epoch, error) in history.iter().enumerate() {
            let mut order: Vec<usize> = (0..samples.len()).collect();
            order.shuffle(&mut rng);
            let shuffled: Vec<_> = order.iter().map(|&k| samples[k].clone()).collect();
            let expected =
                train(&mut per_sample, &MeanSquaredError, &shuffled, 1, rate).unwrap()[0];
            assert!(
                (error - expected).abs() < 1e-12,
                "epoch {}: mean error {error}, but chapter 5's train gives {expected}",
                epoch + 1
            );
        }
        assert_same(&batched, &per_sample);
    }

    #[test]
    fn a_batch_as_large_as_the_data_is_one_step_per_epoch() {
        check(7, 3);
        check(100, 3);
    }

    #[test]
    fn one_call_of_three_epochs_is_three_calls_of_one() {
        let samples = samples();
        let rate = LearningRate::new(0.2).unwrap();
        let size = BatchSize::new(3).unwrap();
        let (mut once, mut thrice) = (network(6), network(6));
        let history = train_batches(
            &mut once,
            &MeanSquaredError,
            &samples,
            size,
            3,
            rate,
            &mut seeded_rng(9),
        )
        .or_panic();
        let mut rng = seeded_rng(9);
        for (epoch, error) in history.iter().enumerate() {
            let one = train_batches(
                &mut thrice,
                &MeanSquaredError,
                &samples,
                size,
                1,
                rate,
                &mut rng,
            )
            .or_panic();
            assert_eq!(one.len(), 1, "one epoch should give one mean error");
            assert!(
                (error - one[0]).abs() < 1e-12,
                "epoch {}: {error} in one call, {} one epoch at a time",
                epoch + 1,
                one[0]
            );
        }
        assert_same(&once, &thrice);
    }

    #[test]
    fn training_on_nothing_is_an_error() {
        let Err(error) = train_batches(
            &mut network(1),
            &MeanSquaredError,
            &[],
            BatchSize::new(4).unwrap(),
            3,
            LearningRate::new(0.1).unwrap(),
            &mut seeded_rng(0),
        ) else {
            panic!("training on no samples should be an error");
        };
        assert_eq!(error, TrainingError::NoSamples, "{error}");
    }

    #[test]
    fn a_huge_learning_rate_stops_with_the_epoch() {
        let (mut network, targets) = diverging();
        let Err(error) = train_batches(
            &mut network,
            &MeanSquaredError,
            &targets,
            BatchSize::new(2).unwrap(),
            1000,
            LearningRate::new(50.0).unwrap(),
            &mut seeded_rng(0),
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

        // The epoch it names is the one in which the error stopped being a
        // number: replayed one epoch at a time, the same shuffles diverge
        // in the same epoch.
        let (mut replayed, _) = diverging();
        let mut rng = seeded_rng(0);
        let diverged_in = (1..=1000)
            .find(|_| {
                let mut order: Vec<usize> = (0..targets.len()).collect();
                order.shuffle(&mut rng);
                train_in_order(
                    &mut replayed,
                    &MeanSquaredError,
                    &targets,
                    &order,
                    BatchSize::new(2).unwrap(),
                    LearningRate::new(50.0).unwrap(),
                )
                .is_err()
            })
            .unwrap();
        assert_eq!(epoch, diverged_in, "the epoch the error names");
    }

    #[test]
    fn a_shape_error_names_the_sample() {
        let mut samples = samples();
        samples[3].1 = array![[0.5]];
        let Err(error) = train_batches(
            &mut network(1),
            &MeanSquaredError,
            &samples,
            BatchSize::new(7).unwrap(),
            1,
            LearningRate::new(0.1).unwrap(),
            &mut seeded_rng(0),
        ) else {
            panic!(
                "a sample whose desired output has 1 row, among samples of 2, should be an error"
            );
        };
        // Whichever sample comes first sets the shape; sample 3 and the
        // others disagree, and the message names one of them.
        let message = error.to_string();
        assert!(
            message.starts_with("stacking a batch, sample ")
                && message.contains("desired output Y*"),
            "the message should name the sample and its desired output Y*, but is: {message}"
        );
    }
}

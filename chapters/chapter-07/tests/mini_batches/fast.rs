//! The fast network computes the same numbers as the layers of chapters 1
//! to 5: epoch for epoch against chapter 5's `train` and chapter 7's
//! `train_batches`, and one step moves every parameter by exactly `-α`
//! times its gradient, with `dE/dX` computed before the weights change.

use chapter_07::ndarray::{Array1, Array2, Axis, array};
use chapter_07::testing::{OrPanic, dense, matrix, proptest_config};
use chapter_07::{
    BatchSize, Dense, Initialisation, LearningRate, Loss, MeanSquaredError, SampleColumns,
    TanhNetwork, TrainableNetwork, TrainingError, compare_gradients, digits_layers, load_digits,
    numerical_gradient, seeded_rng, train, train_batches, train_test_split, training_pairs,
    xor_layers, xor_samples,
};
use proptest::prelude::*;

/// The dense layers of a network of dense layers each followed by tanh.
fn dense_layers(network: &mut TrainableNetwork) -> Vec<Dense> {
    network
        .layers_mut()
        .iter_mut()
        .step_by(2)
        .map(|layer| {
            let parameters = layer.parameters_mut();
            Dense::new(parameters[0].to_owned(), parameters[1].to_owned()).unwrap()
        })
        .collect()
}

/// Both networks' parameters agree to `tolerance`, entry by entry; the
/// message names the layer, the parameter and the entry.
fn assert_same_parameters(fast: &TanhNetwork, plain: &mut TrainableNetwork, tolerance: f64) {
    for (index, (a, b)) in fast
        .dense_layers()
        .iter()
        .zip(dense_layers(plain))
        .enumerate()
    {
        for (name, x, y) in [
            ("W", a.weights(), b.weights()),
            ("B", a.biases(), b.biases()),
        ] {
            for ((row, column), value) in x.indexed_iter() {
                let expected = y[[row, column]];
                assert!(
                    (value - expected).abs() <= tolerance,
                    "layer {} {name} entry ({row}, {column}): fast {value}, plain {expected}",
                    index + 1
                );
            }
        }
    }
}

/// The same mean errors, epoch by epoch.
fn assert_same_history(fast: &[f64], plain: &[f64], tolerance: f64) {
    assert_eq!(
        fast.len(),
        plain.len(),
        "the fast and the plain training should give one mean error per epoch each"
    );
    for (epoch, (a, b)) in fast.iter().zip(plain).enumerate() {
        assert!(
            (a - b).abs() <= tolerance,
            "epoch {}: mean error fast {a}, plain {b}",
            epoch + 1
        );
    }
}

/// 300 training images of the digits: enough for every class, quick in a
/// debug build.
fn digit_samples() -> Vec<(Array2<f64>, Array2<f64>)> {
    let digits = load_digits().unwrap();
    let split = train_test_split(&digits, 0.2, 0);
    training_pairs(&split.train[..300])
}

mod same_numbers {
    use super::*;

    /// Train a fast network and chapter 5's layers, both from `layers`, one
    /// sample at a time at learning rate 0.1: the same errors every epoch and
    /// the same parameters at the end.
    fn assert_per_sample_training_matches(
        layers: &[Dense],
        samples: &[(Array2<f64>, Array2<f64>)],
        epochs: usize,
    ) {
        let rate = LearningRate::new(0.1).unwrap();
        let mut fast = TanhNetwork::new(layers).unwrap();
        let mut plain = fast.to_network();
        let fast_history = fast
            .train(&SampleColumns::new(samples).unwrap(), epochs, rate)
            .unwrap();
        let plain_history = train(&mut plain, &MeanSquaredError, samples, epochs, rate).unwrap();

        assert_same_history(&fast_history, &plain_history, 1e-12);
        assert_same_parameters(&fast, &mut plain, 1e-12);
    }

    /// The largest difference between the fast form's and chapter 5's
    /// parameters and mean errors after `epochs` epochs of `samples`, one
    /// at a time, from chapter 6's starting weights (seed `seed`).
    fn largest_differences(
        samples: &[(Array2<f64>, Array2<f64>)],
        epochs: usize,
        seed: u64,
    ) -> (f64, f64) {
        let rate = LearningRate::new(0.1).unwrap();
        let mut fast = TanhNetwork::new(&digits_layers(Initialisation::Scaled, seed)).unwrap();
        let mut plain = fast.to_network();
        let fast_history = fast
            .train(&SampleColumns::new(samples).unwrap(), epochs, rate)
            .unwrap();
        let plain_history = train(&mut plain, &MeanSquaredError, samples, epochs, rate).unwrap();
        let errors = fast_history
            .iter()
            .zip(&plain_history)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let mut parameters = 0.0_f64;
        for (a, b) in fast.dense_layers().iter().zip(dense_layers(&mut plain)) {
            for (x, y) in [(a.weights(), b.weights()), (a.biases(), b.biases())] {
                for (value, expected) in x.iter().zip(y) {
                    parameters = parameters.max((value - expected).abs());
                }
            }
        }
        (parameters, errors)
    }

    /// The fast form's tanh is within 2 ulps of `f64::tanh` (a relative
    /// difference of at most 4.4e-16), so a step need not give the same
    /// numbers to the last bit; after 20 epochs of 300 digits (6,000 steps) every weight and
    /// bias is still within 1e-13 of chapter 5's, and every epoch's mean
    /// error within 1e-15 (measured: 1.4e-15 and 2.1e-17): the differences
    /// stay at rounding size, they do not grow into a different training.
    #[test]
    fn after_20_epochs_the_fast_form_is_within_1e_13_of_chapter_5() {
        let samples = digit_samples();
        let seed = 0;
        let (parameters, errors) = largest_differences(&samples, 20, seed);
        assert!(
            parameters <= 1e-13,
            "seed {seed}: after 20 epochs a parameter of the fast form is {parameters:e} \
             from chapter 5's, more than 1e-13"
        );
        assert!(
            errors <= 1e-15,
            "seed {seed}: after 20 epochs an epoch's mean error of the fast form is \
             {errors:e} from chapter 5's, more than 1e-15"
        );
    }

    /// The same with batches, both shuffled by `seeded_rng(shuffle_seed)`.
    fn assert_batched_training_matches(
        layers: &[Dense],
        samples: &[(Array2<f64>, Array2<f64>)],
        (size, epochs, alpha): (usize, usize, f64),
        shuffle_seed: u64,
    ) {
        let (batch_size, rate) = (
            BatchSize::new(size).unwrap(),
            LearningRate::new(alpha).unwrap(),
        );
        let mut fast = TanhNetwork::new(layers).unwrap();
        let mut plain = fast.to_network();
        let fast_history = fast
            .train_batches(
                &SampleColumns::new(samples).unwrap(),
                batch_size,
                epochs,
                rate,
                &mut seeded_rng(shuffle_seed),
            )
            .unwrap();
        let plain_history = train_batches(
            &mut plain,
            &MeanSquaredError,
            samples,
            batch_size,
            epochs,
            rate,
            &mut seeded_rng(shuffle_seed),
        )
        .or_panic();

        assert_same_history(&fast_history, &plain_history, 1e-12);
        assert_same_parameters(&fast, &mut plain, 1e-12);
    }

    #[test]
    fn per_sample_training_matches_chapter_5_on_xor() {
        assert_per_sample_training_matches(&xor_layers(2), &xor_samples(), 500);
    }

    #[test]
    fn per_sample_training_matches_chapter_5_on_digits() {
        let layers = digits_layers(Initialisation::Scaled, 4);
        assert_per_sample_training_matches(&layers, &digit_samples(), 2);
    }

    #[test]
    fn batched_training_matches_train_batches_on_digits() {
        let samples = digit_samples();
        // 32 does not divide 300: every epoch ends with a batch of 12.
        for size in [1, 32, 300, 1000] {
            let layers = digits_layers(Initialisation::Scaled, 5);
            assert_batched_training_matches(&layers, &samples, (size, 3, 0.1), 8);
        }
    }

    /// Three dense layers, none square (2-4-3-1): the backward loops hand
    /// each δ to the layer just before, which two layers cannot tell from
    /// the first one.
    fn three_layers(seed: u64) -> Vec<Dense> {
        let mut rng = seeded_rng(seed);
        vec![
            Dense::random(2, 4, &mut rng),
            Dense::random(4, 3, &mut rng),
            Dense::random(3, 1, &mut rng),
        ]
    }

    #[test]
    fn per_sample_training_matches_chapter_5_with_three_layers() {
        assert_per_sample_training_matches(&three_layers(11), &xor_samples(), 200);
    }

    #[test]
    fn batched_training_matches_train_batches_with_three_layers() {
        assert_batched_training_matches(&three_layers(12), &xor_samples(), (3, 200, 0.3), 2);
    }

    #[test]
    fn batched_training_matches_train_batches_on_xor() {
        assert_batched_training_matches(&xor_layers(3), &xor_samples(), (3, 300, 0.3), 1);
    }

    #[test]
    fn to_network_and_dense_layers_keep_the_parameters() {
        let layers = digits_layers(Initialisation::Scaled, 1);
        let fast = TanhNetwork::new(&layers).unwrap();
        assert_eq!(fast.dense_layers(), layers);
        let mut network = fast.to_network();
        assert_eq!(network.layers().len(), 4);
        assert_eq!(dense_layers(&mut network), layers);
        assert_eq!((fast.inputs(), fast.outputs()), (64, 10));
    }
}

/// A network of two dense layers with tanh after each, an input batch of
/// 1 to 5 samples and its desired outputs.
fn case() -> impl Strategy<Value = (Dense, Dense, Array2<f64>, Array2<f64>)> {
    (1..=5_usize, 1..=5_usize, 1..=4_usize, 1..=5_usize).prop_flat_map(
        |(inputs, hidden, outputs, samples)| {
            (
                dense(inputs, hidden),
                dense(hidden, outputs),
                matrix(inputs, samples),
                matrix(outputs, samples),
            )
        },
    )
}

/// The mean squared error of dense → tanh → dense → tanh on a batch,
/// computed with the layers of chapters 1 to 4.
fn error(first: &Dense, second: &Dense, x: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let network = TanhNetwork::new(&[first.clone(), second.clone()])
        .unwrap()
        .to_network();
    MeanSquaredError
        .loss(&network.predict(x).unwrap(), y)
        .unwrap()
}

/// `(θ - θ_new) / α` for every parameter, in the order W₁, B₁, W₂, B₂.
fn moves(before: &[Dense], after: &[Dense], alpha: f64) -> Vec<Array2<f64>> {
    before
        .iter()
        .zip(after)
        .flat_map(|(b, a)| {
            [
                (b.weights() - a.weights()) / alpha,
                (b.biases() - a.biases()) / alpha,
            ]
        })
        .collect()
}

/// The finite-difference gradients of the batch error, in the order
/// W₁, B₁, W₂, B₂.
fn gradients(first: &Dense, second: &Dense, x: &Array2<f64>, y: &Array2<f64>) -> Vec<Array2<f64>> {
    let h = 1e-6;
    let with = |w: &Array2<f64>, b: &Array2<f64>| Dense::new(w.clone(), b.clone()).unwrap();
    vec![
        numerical_gradient(first.weights(), h, |w| {
            error(&with(w, first.biases()), second, x, y)
        }),
        numerical_gradient(first.biases(), h, |b| {
            error(&with(first.weights(), b), second, x, y)
        }),
        numerical_gradient(second.weights(), h, |w| {
            error(first, &with(w, second.biases()), x, y)
        }),
        numerical_gradient(second.biases(), h, |b| {
            error(first, &with(second.weights(), b), x, y)
        }),
    ]
}

const NAMES: [&str; 4] = [
    "first layer's (W - W_new) / α",
    "first layer's (B - B_new) / α",
    "second layer's (W - W_new) / α",
    "second layer's (B - B_new) / α",
];

proptest! {
    #![proptest_config(proptest_config())]

    /// One batched step moves every weight and bias by exactly
    /// -α · (finite-difference gradient of the batch error before the
    /// step): the property that catches dE/dX computed with weights that
    /// were already updated.
    #[test]
    fn a_batched_step_moves_every_parameter_by_minus_alpha_times_its_gradient(
        (first, second, x, y) in case(),
        alpha in 0.01..0.5_f64,
    ) {
        let numerical = gradients(&first, &second, &x, &y);
        let mut fast = TanhNetwork::new(&[first.clone(), second.clone()]).unwrap();
        let error_before = fast.train_batch(x.view(), y.view(), LearningRate::new(alpha).unwrap()).unwrap();
        prop_assert!((error_before - error(&first, &second, &x, &y)).abs() < 1e-12);
        let moved = moves(&[first, second], &fast.dense_layers(), alpha);
        for ((name, moved), numerical) in NAMES.iter().zip(&moved).zip(&numerical) {
            compare_gradients(name, moved, numerical, 1e-5).map_err(TestCaseError::fail)?;
        }
    }

    /// The same for one sample with `train_sample`, the vector form.
    #[test]
    fn a_training_step_moves_every_weight_by_minus_alpha_times_its_gradient(
        (first, second, x, y) in case(),
        alpha in 0.01..0.5_f64,
    ) {
        let (x, y) = (x.column(0).to_owned().insert_axis(Axis(1)), y.column(0).to_owned().insert_axis(Axis(1)));
        let numerical = gradients(&first, &second, &x, &y);
        let mut fast = TanhNetwork::new(&[first.clone(), second.clone()]).unwrap();
        fast.train_sample(x.column(0), y.column(0), LearningRate::new(alpha).unwrap()).unwrap();
        let moved = moves(&[first, second], &fast.dense_layers(), alpha);
        for ((name, moved), numerical) in NAMES.iter().zip(&moved).zip(&numerical) {
            compare_gradients(name, moved, numerical, 1e-5).map_err(TestCaseError::fail)?;
        }
    }
}

/// Square, non-symmetric layers and several samples, where a dropped
/// transpose or a wrong order gives wrong numbers (not a panic).
#[test]
fn a_batched_step_on_square_non_symmetric_layers() {
    let first = Dense::new(
        array![[0.4, -0.7, 0.2], [0.9, 0.1, -0.5], [-0.3, 0.6, 0.8]],
        array![[0.1], [-0.2], [0.05]],
    )
    .unwrap();
    let second = Dense::new(
        array![[0.5, -0.4, 0.3], [-0.6, 0.2, 0.7], [0.25, 0.9, -0.1]],
        array![[-0.1], [0.3], [0.2]],
    )
    .unwrap();
    let x = array![
        [0.3, -0.8, 0.5, 0.9],
        [0.7, 0.2, -0.4, 0.1],
        [-0.5, 0.6, 0.3, -0.2]
    ];
    let y = array![
        [0.2, -0.5, 0.7, 0.1],
        [0.6, 0.3, -0.2, -0.4],
        [-0.3, 0.8, 0.1, 0.5]
    ];
    let alpha = 0.3;
    let numerical = gradients(&first, &second, &x, &y);
    let mut fast = TanhNetwork::new(&[first.clone(), second.clone()]).unwrap();
    fast.train_batch(x.view(), y.view(), LearningRate::new(alpha).unwrap())
        .unwrap();
    let moved = moves(&[first, second], &fast.dense_layers(), alpha);
    for ((name, moved), numerical) in NAMES.iter().zip(&moved).zip(&numerical) {
        compare_gradients(name, moved, numerical, 1e-6)
            .unwrap_or_else(|message| panic!("{message}"));
    }
}

#[test]
fn sample_columns_hold_sample_k_in_column_k() {
    let samples = digit_samples();
    let columns = SampleColumns::new(&samples[..7]).unwrap();
    assert_eq!((columns.len(), columns.is_empty()), (7, false));
    assert_eq!(
        columns.inputs().dim(),
        (64, 7),
        "one row per pixel, one column per sample"
    );
    assert_eq!(
        columns.desired().dim(),
        (10, 7),
        "one row per class, one column per sample"
    );
    for (k, (input, desired)) in samples[..7].iter().enumerate() {
        assert_eq!(
            columns.inputs().column(k),
            input.column(0),
            "input of sample {k}"
        );
        assert_eq!(
            columns.desired().column(k),
            desired.column(0),
            "desired output of sample {k}"
        );
        // Stored column by column: each sample is one contiguous slice.
        assert!(
            columns.inputs().column(k).as_slice().is_some(),
            "sample {k} is not contiguous"
        );
    }
}

mod errors {
    use super::*;

    #[test]
    fn layers_that_do_not_fit_are_refused() {
        let mut rng = seeded_rng(1);
        let error =
            TanhNetwork::new(&[Dense::random(4, 3, &mut rng), Dense::random(2, 1, &mut rng)])
                .unwrap_err();
        assert_eq!(
            error.to_string(),
            "tanh network, new, layer 2 of 2: weights W should have shape (n_y, 3): one column \
             per output of the layer before, but has shape (1, 2)"
        );
        assert!(TanhNetwork::new(&[]).is_err());
    }

    #[test]
    fn a_sample_of_the_wrong_shape_is_refused_and_changes_nothing() {
        let layers = [
            Dense::random(2, 3, &mut seeded_rng(1)),
            Dense::random(3, 1, &mut seeded_rng(2)),
        ];
        let mut fast = TanhNetwork::new(&layers).unwrap();
        let rate = LearningRate::new(0.1).unwrap();
        let error = fast
            .train_sample(Array1::zeros(3).view(), Array1::zeros(1).view(), rate)
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("tanh network, training step: input X should have shape (2, m)"),
            "{error}"
        );
        let error = fast
            .train_batch(
                Array2::zeros((2, 4)).view(),
                Array2::zeros((2, 4)).view(),
                rate,
            )
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("desired output Y* should have shape (1, m)"),
            "{error}"
        );
        let error = fast
            .train_batch(
                Array2::zeros((2, 4)).view(),
                Array2::zeros((1, 3)).view(),
                rate,
            )
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("(1, 4): one column per column of the input"),
            "{error}"
        );
        assert_eq!(fast.dense_layers(), layers);
    }

    #[test]
    fn samples_that_are_not_single_columns_are_refused() {
        let samples = vec![
            (array![[0.1], [0.2]], array![[1.0]]),
            (array![[0.1, 0.3], [0.2, 0.4]], array![[1.0]]),
        ];
        let error = SampleColumns::new(&samples).unwrap_err();
        assert_eq!(error.context, "sample columns, sample 1");
        assert_eq!(error.found, (2, 2));
    }

    #[test]
    fn training_on_nothing_is_an_error() {
        let mut fast = TanhNetwork::new(&[Dense::random(2, 1, &mut seeded_rng(1))]).unwrap();
        let empty = SampleColumns::new(&[]).unwrap();
        let rate = LearningRate::new(0.1).unwrap();
        assert_eq!(
            fast.train(&empty, 3, rate).unwrap_err(),
            TrainingError::NoSamples
        );
        let size = BatchSize::new(4).unwrap();
        assert_eq!(
            fast.train_batches(&empty, size, 3, rate, &mut seeded_rng(0))
                .unwrap_err(),
            TrainingError::NoSamples
        );
    }

    #[test]
    fn a_huge_learning_rate_stops_with_the_epoch() {
        // Targets beyond tanh's reach and a huge step: the weights grow
        // until the numbers overflow.
        let samples = vec![(array![[0.5], [-0.5]], array![[1e300]])];
        let mut fast = TanhNetwork::new(&[Dense::random(2, 1, &mut seeded_rng(1))]).unwrap();
        let error = fast
            .train(
                &SampleColumns::new(&samples).unwrap(),
                100,
                LearningRate::new(1e300).unwrap(),
            )
            .unwrap_err();
        assert!(
            matches!(error, TrainingError::Diverged { epoch: 1, .. }),
            "{error}"
        );
    }
}

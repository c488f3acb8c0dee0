//! The digits network with softmax and cross-entropy: chapter 6's starting
//! weights, logits out, and training that learns, one sample or one
//! mini-batch at a time.

use chapter_08::ndarray::{Array2, Axis};
use chapter_08::testing::{OrPanic, assert_entries};
use chapter_08::{
    BatchSize, Digit, Initialisation, LearningRate, Loss, Parameters, SoftmaxCrossEntropy, Split,
    Spread, class_probabilities, digits_layers, evaluate, load_digits, seeded_rng,
    softmax_digits_network, train, train_batches, train_test_split, training_pairs,
};

fn split() -> Split<Digit> {
    train_test_split(&load_digits().or_panic(), 0.2, 5)
}

fn images(digits: &[Digit]) -> Array2<f64> {
    let columns: Vec<_> = digits.iter().map(|d| d.image.view()).collect();
    chapter_08::ndarray::concatenate(Axis(1), &columns).unwrap()
}

#[test]
fn the_network_starts_from_chapter_6s_weights_and_ends_with_logits() {
    let network = softmax_digits_network(3);
    let [hidden, output] = digits_layers(Initialisation::Scaled, 3);
    let layers = network.layers();
    assert_eq!(
        layers.len(),
        3,
        "dense, tanh, dense: no activation after the last dense layer"
    );
    for (index, (layer, dense)) in [(0, &hidden), (2, &output)]
        .into_iter()
        .map(|(i, d)| (&layers[i], d))
        .enumerate()
    {
        let (mine, theirs) = (layer.parameters(), dense.parameters());
        assert_entries(
            &format!("W of dense layer {index}"),
            &mine[0],
            &theirs[0],
            0.0,
        );
        assert_entries(
            &format!("B of dense layer {index}"),
            &mine[1],
            &theirs[1],
            0.0,
        );
    }
    assert_eq!(layers[1].name(), "tanh activation");
}

#[test]
fn class_probabilities_are_a_distribution_per_image() {
    let split = split();
    let x = images(&split.test[..7]);
    let p = class_probabilities(&softmax_digits_network(1), &x).or_panic();
    assert_eq!(p.dim(), (10, 7), "ten probabilities, one column per image");
    for (k, column) in p.axis_iter(Axis(1)).enumerate() {
        let sum = column.sum();
        assert!(
            (sum - 1.0).abs() < 1e-12 && column.iter().all(|&y| y > 0.0),
            "image {k}: {column} adds up to {sum}"
        );
    }
    let error =
        class_probabilities(&softmax_digits_network(1), &Array2::zeros((63, 1))).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("layer 1 of 3: dense layer (64 inputs → 32 outputs), forward"),
        "{error}"
    );
}

#[test]
fn per_sample_training_learns_the_digits() {
    let split = split();
    let pairs = training_pairs(&split.train);
    let mut network = softmax_digits_network(5);
    let rate = LearningRate::new(0.1).or_panic();
    let before = evaluate(&network, &split.test).or_panic().accuracy();
    let errors = train(&mut network, &SoftmaxCrossEntropy, &pairs, 3, rate).or_panic();
    let after = evaluate(&network, &split.test).or_panic().accuracy();
    assert!(
        errors[2] < errors[0] && errors[0] < 1.0,
        "the training error went {errors:?}: it should fall, and below ln 10 ≈ 2.3 in epoch 1"
    );
    assert!(
        before < 0.3 && after > 0.9,
        "test accuracy went from {before:.3} to {after:.3} in 3 epochs"
    );
}

#[test]
fn mini_batch_training_learns_the_digits() {
    let split = split();
    let pairs = training_pairs(&split.train);
    let mut network = softmax_digits_network(5);
    let start = SoftmaxCrossEntropy
        .loss(&network.predict(&images(&split.train)).or_panic(), &{
            let columns: Vec<_> = pairs.iter().map(|(_, y)| y.view()).collect();
            chapter_08::ndarray::concatenate(Axis(1), &columns).unwrap()
        })
        .or_panic();
    let rate = LearningRate::new(1.0).or_panic();
    let errors = train_batches(
        &mut network,
        &SoftmaxCrossEntropy,
        &pairs,
        BatchSize::new(32).or_panic(),
        5,
        rate,
        &mut seeded_rng(5),
    )
    .or_panic();
    let after = evaluate(&network, &split.test).or_panic().accuracy();
    assert!(
        start > 2.0 && errors[4] < errors[0] && errors[0] < start,
        "the error started at {start:.3} and went {errors:?}"
    );
    assert!(
        after > 0.9,
        "test accuracy after 5 epochs in batches of 32: {after:.3}"
    );
}

#[test]
fn a_spread_is_the_median_lowest_and_highest_in_any_order() {
    let odd = Spread::of(&[97.2, 95.0, 98.9, 96.1, 97.5]);
    assert_eq!(
        (odd.median, odd.lowest, odd.highest),
        (97.2, 95.0, 98.9),
        "the median of five is the third in order: {odd:?}"
    );
    let even = Spread::of(&[96.0, 98.5, 95.5, 97.0]);
    assert_eq!(
        (even.median, even.lowest, even.highest),
        (96.5, 95.5, 98.5),
        "the median of four is the mean of the middle two: {even:?}"
    );
    assert!(
        std::panic::catch_unwind(|| Spread::of(&[])).is_err(),
        "no numbers have no spread"
    );
    assert!(
        std::panic::catch_unwind(|| Spread::of(&[1.0, f64::NAN])).is_err(),
        "NaN has no place in an order"
    );
}

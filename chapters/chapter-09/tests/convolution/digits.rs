//! The convolutional digits network: its shape, its parameter count, and
//! training that learns. It pools with the extension's `MaxPool`, so these
//! tests check the extension too.
#![cfg(any(not(feature = "exercise"), feature = "extension"))]

use chapter_09::testing::OrPanic;
use chapter_09::{
    LearningRate, SoftmaxCrossEntropy, conv_digits_layers, conv_digits_network, evaluate,
    load_digits, parameter_count, softmax_digits_network, train, train_test_split, training_pairs,
};

#[test]
fn the_network_is_convolution_tanh_pooling_dense_with_810_parameters() {
    let network = conv_digits_network(0);
    let names: Vec<String> = network.layers().iter().map(|layer| layer.name()).collect();
    assert_eq!(
        names,
        [
            "convolutional layer (8 kernels of 3 × 3 on 1 channel of 8 × 8), as im2col",
            "tanh activation",
            "max-pooling layer (2 × 2 blocks of 8 channels of 6 × 6)",
            "dense layer (72 inputs → 10 outputs)",
        ]
    );
    // 8 kernels of 9 weights and a bias, then 72 × 10 weights and 10 biases.
    assert_eq!(parameter_count(&network), 8 * 10 + 72 * 10 + 10);
    assert_eq!(
        parameter_count(&softmax_digits_network(0)),
        64 * 32 + 32 + 32 * 10 + 10,
        "chapter 8's dense network"
    );
    let (convolution, _, _) = conv_digits_layers(0);
    assert_eq!(
        convolution.kernels(),
        conv_digits_layers(0).0.kernels(),
        "the same seed draws the same kernels"
    );
    assert_ne!(
        convolution.kernels(),
        conv_digits_layers(1).0.kernels(),
        "another seed draws others"
    );
}

#[test]
fn two_epochs_learn_the_digits() {
    let split = train_test_split(&load_digits().or_panic(), 0.2, 3);
    let pairs = training_pairs(&split.train[..600]);
    let mut network = conv_digits_network(3);
    let before = evaluate(&network, &split.test).or_panic().accuracy();
    let errors = train(
        &mut network,
        &SoftmaxCrossEntropy,
        &pairs,
        2,
        LearningRate::new(0.1).or_panic(),
    )
    .or_panic();
    let after = evaluate(&network, &split.test).or_panic().accuracy();
    assert!(errors[1] < errors[0], "the training error went {errors:?}");
    assert!(
        before < 0.3 && after > 0.85,
        "test accuracy went from {before:.3} to {after:.3} after 2 epochs on 600 images"
    );
}

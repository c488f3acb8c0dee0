//! Initialisation (`src/init.rs`), and the lesson of the chapter as tests:
//! with standard-normal weights the tanh layers of the digits network
//! saturate and it barely learns; with weights scaled by 1/√(fan-in) it
//! learns.
//!
//! These tests live here rather than in `src/init.rs` so that they check
//! the exercise too (`cargo test -p chapter-06 --features exercise`).

use chapter_06::ndarray::{Array2, array};
use chapter_06::testing::{OrPanic, assert_entries, assert_number};
use chapter_06::{
    Dense, Digit, Initialisation, Layer, LearningRate, MeanSquaredError, digits_layers,
    digits_network, evaluate, load_digits, saturation, scaled_dense, seeded_rng, train,
    train_test_split, training_pairs,
};

mod scaled_dense {
    use super::*;

    #[test]
    fn is_the_standard_draw_divided_by_the_root_of_the_fan_in() {
        let standard = Dense::random(16, 5, &mut seeded_rng(9));
        let scaled = scaled_dense(16, 5, &mut seeded_rng(9));
        // With 16 inputs, √inputs = 4.
        assert_entries(
            "4 × the scaled W (one row per output, one column per input)",
            &(scaled.weights() * 4.0),
            standard.weights(),
            1e-15,
        );
        assert_entries(
            "4 × the scaled B (one row per output, one column)",
            &(scaled.biases() * 4.0),
            standard.biases(),
            1e-15,
        );
    }

    #[test]
    fn pre_activation_size_grows_with_fan_in_unless_scaled() {
        // Inputs of ±1, so every term wᵢxᵢ has the variance of wᵢ.
        let x = Array2::from_shape_fn((256, 1), |(i, _)| if i % 3 == 0 { -1.0 } else { 1.0 });
        let standard = Dense::random(256, 400, &mut seeded_rng(5));
        let scaled = scaled_dense(256, 400, &mut seeded_rng(5));
        let variance = |z: Array2<f64>| z.mapv(|v| v * v).mean().unwrap();
        let standard = variance(standard.forward(&x).unwrap());
        let scaled = variance(scaled.forward(&x).unwrap());
        // 256 terms and a bias of variance 1 each: about 257. Scaled: about 257/256.
        assert!(
            (200.0..320.0).contains(&standard),
            "with standard-normal weights the mean of z² is {standard}, expected about 257 \
             (200 to 320)"
        );
        assert!(
            (0.8..1.25).contains(&scaled),
            "with scaled weights the mean of z² is {scaled}, expected about 1 (0.8 to 1.25)"
        );
    }
}

mod digits_network {
    use super::*;

    #[test]
    fn digits_layers_are_64_32_10() {
        for init in [Initialisation::StandardNormal, Initialisation::Scaled] {
            let [hidden, output] = digits_layers(init, 3);
            assert_eq!(
                (hidden.inputs(), hidden.outputs()),
                (64, 32),
                "{init:?}: (inputs, outputs) of the hidden layer"
            );
            assert_eq!(
                (output.inputs(), output.outputs()),
                (32, 10),
                "{init:?}: (inputs, outputs) of the output layer"
            );
            let network = digits_network(init, 3);
            assert_eq!(
                network.layers().len(),
                4,
                "{init:?}: dense, tanh, dense, tanh"
            );
            let y = network.predict(&Array2::zeros((64, 1))).or_panic();
            assert_eq!(y.dim(), (10, 1), "{init:?}: one output per digit class");
        }
    }

    /// The page's numbers come from one random stream per seed: the hidden
    /// layer's draws, then the output layer's, from the same generator (a
    /// fresh generator for the output layer would repeat the hidden layer's
    /// first draws).
    #[test]
    fn both_layers_come_from_one_stream_hidden_first() {
        for init in [Initialisation::StandardNormal, Initialisation::Scaled] {
            let [hidden, output] = digits_layers(init, 9);
            let mut rng = seeded_rng(9);
            assert_eq!(
                hidden,
                init.dense(64, 32, &mut rng),
                "{init:?}: the hidden layer"
            );
            assert_eq!(
                output,
                init.dense(32, 10, &mut rng),
                "{init:?}: the output layer, drawn after the hidden one"
            );
            assert_ne!(digits_layers(init, 10), digits_layers(init, 9));
        }
    }
}

/// `evaluate` counts each image in the row of its true class and the column
/// of the network's guess: a network that always answers 3, shown a 5, puts
/// its one count at (actual 5, predicted 3), not at (3, 5).
#[test]
fn evaluate_counts_the_true_class_in_rows_and_the_guess_in_columns() {
    let mut biases = Array2::zeros((10, 1));
    biases[[3, 0]] = 1.0;
    let always_three = Dense::new(Array2::zeros((10, 64)), biases).or_panic();
    let network: chapter_06::TrainableNetwork =
        chapter_06::Network::new(vec![Box::new(always_three)]);
    let digits = [5, 5, 3].map(|label| Digit {
        image: Array2::from_elem((64, 1), 0.25),
        label,
    });
    let matrix = evaluate(&network, &digits).or_panic();
    assert_eq!(
        matrix.count(5, 3),
        2,
        "two 5s taken for a 3: row 5 (actual), column 3 (guess)"
    );
    assert_eq!(matrix.count(3, 5), 0, "no 3 was taken for a 5");
    assert_eq!(matrix.count(3, 3), 1, "the 3 was right");
}

mod saturation {
    use super::*;

    #[test]
    fn worked_out_by_hand() {
        // Layer 1: z = 2x + 1, so z = 2 for x = 0.5 and z = 0 for x = -0.5.
        // Layer 2 gets tanh of that: z = 3 tanh(2) and z = 3 tanh(0) = 0.
        let layers = [
            Dense::new(array![[2.0]], array![[1.0]]).unwrap(),
            Dense::new(array![[3.0]], array![[0.0]]).unwrap(),
        ];
        let stats = saturation(&layers, &[array![[0.5]], array![[-0.5]]]).or_panic();
        assert_eq!(stats.len(), 2, "one measurement per layer");
        let slope = |z: f64| 1.0 - z.tanh().powi(2);
        assert_number("layer 0's mean |z|", stats[0].mean_abs_input, 1.0, 1e-15);
        assert_number(
            "layer 0's mean slope",
            stats[0].mean_slope,
            f64::midpoint(slope(2.0), 1.0),
            1e-15,
        );
        let z = 3.0 * 2.0_f64.tanh();
        assert_number(
            "layer 1's mean |z|",
            stats[1].mean_abs_input,
            z / 2.0,
            1e-15,
        );
        assert_number(
            "layer 1's mean slope",
            stats[1].mean_slope,
            f64::midpoint(slope(z), 1.0),
            1e-15,
        );
    }

    #[test]
    fn averages_over_every_output_of_a_layer() {
        // Two outputs: z = (x, -3x) for x = 1, so |z| = 1 and 3.
        let layer = Dense::new(array![[1.0], [-3.0]], array![[0.0], [0.0]]).unwrap();
        let stats = saturation(&[layer], &[array![[1.0]]]).or_panic();
        assert_eq!(stats.len(), 1, "one measurement per layer");
        assert_number("the layer's mean |z|", stats[0].mean_abs_input, 2.0, 1e-15);
    }

    #[test]
    fn an_input_of_the_wrong_shape_names_the_layer() {
        let layers = digits_layers(Initialisation::Scaled, 1);
        let Err(error) = saturation(&layers, &[Array2::zeros((8, 1))]) else {
            panic!("an image of 8 pixels for a network of 64 inputs should be an error");
        };
        assert!(
            error
                .to_string()
                .starts_with("dense layer (64 inputs → 32 outputs), forward"),
            "the error should be the first layer's, but is: {error}"
        );
    }
}

fn split() -> (Vec<Digit>, Vec<Digit>) {
    let split = train_test_split(&load_digits().unwrap(), 0.2, 0);
    (split.train, split.test)
}

#[test]
fn standard_normal_weights_saturate_tanh_and_scaled_ones_do_not() {
    let (train, _) = split();
    let images: Vec<_> = train.iter().map(|d| d.image.clone()).collect();
    for seed in 0..5 {
        let standard = saturation(
            &digits_layers(Initialisation::StandardNormal, seed),
            &images,
        )
        .or_panic();
        let scaled = saturation(&digits_layers(Initialisation::Scaled, seed), &images).or_panic();
        for layer in 0..2 {
            let (s, c) = (standard[layer], scaled[layer]);
            assert!(
                s.mean_abs_input > 2.5 && s.mean_slope < 0.25,
                "seed {seed}, layer {layer}, standard normal: {s:?}, expected a mean |z| above \
                 2.5 and a mean slope below 0.25"
            );
            assert!(
                c.mean_abs_input < 0.6 && c.mean_slope > 0.75,
                "seed {seed}, layer {layer}, scaled: {c:?}, expected a mean |z| below 0.6 and a \
                 mean slope above 0.75"
            );
        }
    }
}

/// A short run, so that it is quick in debug builds: 400 training images,
/// 3 epochs, the whole test set.
#[test]
fn scaled_initialisation_learns_and_standard_normal_barely_does() {
    let (train_set, test) = split();
    let pairs = training_pairs(&train_set[..400]);
    let rate = LearningRate::new(0.1).unwrap();
    let accuracy_after = |initialisation| {
        let mut network = digits_network(initialisation, 0);
        train(&mut network, &MeanSquaredError, &pairs, 3, rate).or_panic();
        evaluate(&network, &test).or_panic().accuracy()
    };
    let scaled = accuracy_after(Initialisation::Scaled);
    let standard = accuracy_after(Initialisation::StandardNormal);
    assert!(
        scaled > 0.85,
        "with scaled weights the test accuracy is {scaled}, expected above 0.85"
    );
    assert!(
        standard < 0.4,
        "with standard-normal weights the test accuracy is {standard}, expected below 0.4"
    );
}

/// The example's full run: 20 epochs on all 1,438 training images.
#[test]
#[ignore = "about 12 s in a debug build; run with `cargo test --release -p chapter-06 -- --ignored`"]
fn the_examples_network_reaches_97_percent() {
    let (train_set, test) = split();
    let pairs = training_pairs(&train_set);
    let mut network = digits_network(Initialisation::Scaled, 0);
    train(
        &mut network,
        &MeanSquaredError,
        &pairs,
        20,
        LearningRate::new(0.1).unwrap(),
    )
    .unwrap();
    let accuracy = evaluate(&network, &test).unwrap().accuracy();
    assert!(accuracy >= 0.97, "test accuracy {accuracy}");
}

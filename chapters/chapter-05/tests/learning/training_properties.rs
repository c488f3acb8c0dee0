//! The training step against finite differences, and the training loop
//! against a plain, loop-by-loop implementation of the same math.

// The plain implementation indexes arrays in loops on purpose: it is the
// formula-by-formula version the matrix code is compared with.
#![allow(clippy::needless_range_loop)]

use chapter_05::ndarray::Array2;
use chapter_05::testing::{OrPanic, assert_number, dense, matrix, proptest_config};
use chapter_05::{
    Activation, Dense, LearningRate, Loss, MeanSquaredError, Network, TrainableNetwork,
    compare_gradients, numerical_gradient, seeded_rng, train, train_step,
};
use proptest::prelude::*;

/// Dense → tanh → Dense, from two dense layers.
fn network(first: &Dense, second: &Dense) -> TrainableNetwork {
    Network::new(vec![
        Box::new(first.clone()),
        Box::new(Activation::tanh()),
        Box::new(second.clone()),
    ])
}

/// The error of Dense → tanh → Dense on one sample.
fn error(first: &Dense, second: &Dense, x: &Array2<f64>, y: &Array2<f64>) -> f64 {
    MeanSquaredError
        .loss(&network(first, second).predict(x).unwrap(), y)
        .unwrap()
}

/// A copy of the first parameter (the weights) of layer `index`.
fn weights(network: &TrainableNetwork, index: usize) -> Array2<f64> {
    network.layers()[index].parameters()[0].to_owned()
}

proptest! {
    #![proptest_config(proptest_config())]

    /// One training step moves both weight matrices by exactly
    /// -α · (finite-difference gradient of the error before the step).
    /// This is the property that catches a backward pass which computes
    /// dE/dX with weights it has already updated.
    #[test]
    fn a_training_step_moves_every_weight_by_minus_alpha_times_its_gradient(
        (first, second, x, y) in (1..=5_usize, 1..=5_usize, 1..=4_usize).prop_flat_map(|(inputs, hidden, outputs)| {
            (dense(inputs, hidden), dense(hidden, outputs), matrix(inputs, 1), matrix(outputs, 1))
        }),
        alpha in 0.01..0.5_f64,
    ) {
        let h = 1e-6;
        let numerical_first = numerical_gradient(first.weights(), h, |w| {
            error(&Dense::new(w.clone(), first.biases().clone()).unwrap(), &second, &x, &y)
        });
        let numerical_second = numerical_gradient(second.weights(), h, |w| {
            error(&first, &Dense::new(w.clone(), second.biases().clone()).unwrap(), &x, &y)
        });

        let mut trained = network(&first, &second);
        train_step(&mut trained, &MeanSquaredError, &x, &y, LearningRate::new(alpha).or_panic()).or_panic();

        let moved_first = (first.weights() - &weights(&trained, 0)) / alpha;
        let moved_second = (second.weights() - &weights(&trained, 2)) / alpha;
        compare_gradients("first layer's (W - W_new) / α", &moved_first, &numerical_first, 1e-5)
            .map_err(TestCaseError::fail)?;
        compare_gradients("second layer's (W - W_new) / α", &moved_second, &numerical_second, 1e-5)
            .map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(proptest_config())]

    /// The same for three dense layers of random sizes, tanh after each of
    /// the first two: training passes δ from each layer to the one before
    /// it, however many there are (with two, "the one before" and "the
    /// first" are the same layer, so a mix-up of the two would go unseen).
    #[test]
    fn a_step_on_three_dense_layers_moves_each_by_minus_alpha_times_its_gradient(
        layers in (1..=4_usize, 1..=4_usize, 1..=4_usize, 1..=3_usize).prop_flat_map(|(a, b, c, d)| {
            (vec![dense(a, b), dense(b, c), dense(c, d)], matrix(a, 2), matrix(d, 2))
        }),
        alpha in 0.01..0.5_f64,
    ) {
        let (dense_layers, x, y) = layers;
        let build = |layers: &[Dense]| -> TrainableNetwork {
            Network::new(vec![
                Box::new(layers[0].clone()),
                Box::new(Activation::tanh()),
                Box::new(layers[1].clone()),
                Box::new(Activation::tanh()),
                Box::new(layers[2].clone()),
            ])
        };
        let numerical: Vec<Array2<f64>> = (0..3)
            .map(|l| {
                numerical_gradient(dense_layers[l].weights(), 1e-6, |w| {
                    let mut changed = dense_layers.clone();
                    changed[l] = Dense::new(w.clone(), dense_layers[l].biases().clone()).unwrap();
                    MeanSquaredError.loss(&build(&changed).predict(&x).unwrap(), &y).unwrap()
                })
            })
            .collect();
        let mut trained = build(&dense_layers);
        train_step(&mut trained, &MeanSquaredError, &x, &y, LearningRate::new(alpha).or_panic()).or_panic();
        for (l, numerical) in numerical.iter().enumerate() {
            let moved = (dense_layers[l].weights() - &weights(&trained, 2 * l)) / alpha;
            compare_gradients(&format!("dense layer {}'s (W - W_new) / α", l + 1), &moved, numerical, 1e-5)
                .map_err(TestCaseError::fail)?;
        }
    }
}

/// The same 2-3-1 tanh network, written out with plain numbers and loops,
/// exactly as a per-sample implementation in the textbook style would do it.
struct Plain {
    w1: [[f64; 2]; 3],
    b1: [f64; 3],
    w2: [f64; 3],
    b2: f64,
}

impl Plain {
    fn from(first: &Dense, second: &Dense) -> Self {
        let w = first.weights();
        Self {
            w1: [
                [w[[0, 0]], w[[0, 1]]],
                [w[[1, 0]], w[[1, 1]]],
                [w[[2, 0]], w[[2, 1]]],
            ],
            b1: [
                first.biases()[[0, 0]],
                first.biases()[[1, 0]],
                first.biases()[[2, 0]],
            ],
            w2: [
                second.weights()[[0, 0]],
                second.weights()[[0, 1]],
                second.weights()[[0, 2]],
            ],
            b2: second.biases()[[0, 0]],
        }
    }

    /// One sample: forward, error, backward (all gradients first), update.
    fn step(&mut self, x: [f64; 2], target: f64, alpha: f64) -> f64 {
        let mut z1 = [0.0; 3];
        let mut a1 = [0.0; 3];
        for j in 0..3 {
            z1[j] = self.w1[j][0] * x[0] + self.w1[j][1] * x[1] + self.b1[j];
            a1[j] = z1[j].tanh();
        }
        let z2 = self.w2[0] * a1[0] + self.w2[1] * a1[1] + self.w2[2] * a1[2] + self.b2;
        let y = z2.tanh();
        let error = (target - y) * (target - y);
        let de_dy = 2.0 * (y - target);
        let de_dz2 = de_dy * (1.0 - z2.tanh() * z2.tanh());
        let mut de_da1 = [0.0; 3];
        let mut de_dz1 = [0.0; 3];
        for j in 0..3 {
            de_da1[j] = self.w2[j] * de_dz2;
            de_dz1[j] = de_da1[j] * (1.0 - z1[j].tanh() * z1[j].tanh());
        }
        for j in 0..3 {
            self.w2[j] -= alpha * de_dz2 * a1[j];
            for i in 0..2 {
                self.w1[j][i] -= alpha * de_dz1[j] * x[i];
            }
            self.b1[j] -= alpha * de_dz1[j];
        }
        self.b2 -= alpha * de_dz2;
        error
    }
}

#[test]
fn training_reproduces_a_plain_per_sample_implementation() {
    let mut rng = seeded_rng(42);
    let (first, second) = (Dense::random(2, 3, &mut rng), Dense::random(3, 1, &mut rng));
    let mut plain = Plain::from(&first, &second);
    let mut network: TrainableNetwork = Network::new(vec![
        Box::new(first),
        Box::new(Activation::tanh()),
        Box::new(second),
        Box::new(Activation::tanh()),
    ]);
    let data = [
        ([0.0, 0.0], 0.0),
        ([0.0, 1.0], 1.0),
        ([1.0, 0.0], 1.0),
        ([1.0, 1.0], 0.0),
    ];
    let samples: Vec<_> = data
        .iter()
        .map(|(x, y)| {
            (
                Array2::from_shape_vec((2, 1), x.to_vec()).unwrap(),
                Array2::from_elem((1, 1), *y),
            )
        })
        .collect();
    let epochs = 500;
    let history = train(
        &mut network,
        &MeanSquaredError,
        &samples,
        epochs,
        LearningRate::new(0.1).or_panic(),
    )
    .or_panic();
    let mut plain_history = Vec::new();
    for _ in 0..epochs {
        let total: f64 = data.iter().map(|(x, y)| plain.step(*x, *y, 0.1)).sum();
        plain_history.push(total / 4.0);
    }
    for (epoch, (a, b)) in history.iter().zip(&plain_history).enumerate() {
        assert!(
            (a - b).abs() < 1e-12,
            "epoch {}: train's mean loss is {a}, but the plain implementation's is {b}",
            epoch + 1
        );
    }
    let trained = Plain::from_network(&network);
    for j in 0..3 {
        assert_number(
            &format!("after training, the second layer's W entry (0, {j})"),
            trained.w2[j],
            plain.w2[j],
            1e-12,
        );
        assert_number(
            &format!("after training, the first layer's B entry ({j}, 0)"),
            trained.b1[j],
            plain.b1[j],
            1e-12,
        );
        for i in 0..2 {
            assert_number(
                &format!("after training, the first layer's W entry ({j}, {i})"),
                trained.w1[j][i],
                plain.w1[j][i],
                1e-12,
            );
        }
    }
    assert_number(
        "after training, the second layer's B entry (0, 0)",
        trained.b2,
        plain.b2,
        1e-12,
    );
}

impl Plain {
    fn from_network(network: &TrainableNetwork) -> Self {
        let first = network.layers()[0]
            .parameters()
            .iter()
            .map(chapter_05::ndarray::ArrayBase::to_owned)
            .collect::<Vec<_>>();
        let second = network.layers()[2]
            .parameters()
            .iter()
            .map(chapter_05::ndarray::ArrayBase::to_owned)
            .collect::<Vec<_>>();
        Self::from(
            &Dense::new(first[0].clone(), first[1].clone()).unwrap(),
            &Dense::new(second[0].clone(), second[1].clone()).unwrap(),
        )
    }
}

/// The property above has teeth: the order of the classic from-scratch code
/// (each dense layer updates W, then computes dE/dX with the *new* W) moves
/// the first layer's weights by something that is not the gradient.
#[test]
fn the_update_before_backward_order_fails_the_property() {
    use chapter_05::{Backward, Layer, update};
    let mut rng = seeded_rng(9);
    let (first, second) = (Dense::random(2, 3, &mut rng), Dense::random(3, 1, &mut rng));
    let (x, y) = (
        Array2::from_shape_vec((2, 1), vec![0.7, -0.4]).unwrap(),
        Array2::from_elem((1, 1), 0.3),
    );
    let alpha = 0.5;
    let rate = LearningRate::new(alpha).or_panic();
    let numerical_first = numerical_gradient(first.weights(), 1e-6, |w| {
        error(
            &Dense::new(w.clone(), first.biases().clone()).unwrap(),
            &second,
            &x,
            &y,
        )
    });

    // The trap, written out: update the second layer, then use its new W.
    let tanh = Activation::tanh();
    let z1 = first.forward(&x).unwrap();
    let a1 = tanh.forward(&z1).unwrap();
    let output = second.forward(&a1).unwrap();
    let g = MeanSquaredError.gradient(&output, &y).unwrap();
    let mut second_updated = second.clone();
    let second_gradients = second.backward(&a1, &g).unwrap();
    update(
        &mut second_updated,
        "second",
        &second_gradients.parameters,
        rate,
    )
    .or_panic();
    let wrong_da1 = second_updated.weights().t().dot(&g);
    let dz1 = tanh.backward(&z1, &wrong_da1).unwrap().input;
    let first_gradients = first.backward(&x, &dz1).unwrap();
    let mut first_updated = first.clone();
    update(
        &mut first_updated,
        "first",
        &first_gradients.parameters,
        rate,
    )
    .or_panic();

    let moved_first = (first.weights() - first_updated.weights()) / alpha;
    let verdict = compare_gradients(
        "first layer's (W - W_new) / α",
        &moved_first,
        &numerical_first,
        1e-5,
    );
    assert!(verdict.is_err(), "the wrong order went unnoticed");
}

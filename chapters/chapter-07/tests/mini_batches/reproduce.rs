//! Reproducing another implementation: mini-batch training in an order the
//! caller gives, checked to 1e-12 against a from-scratch version written
//! out below with nothing but `Vec`s, loops and `f64::tanh`, the way a
//! reader would write it in any language (or as the original numpy code
//! does it, one line of array arithmetic per loop here).
//!
//! Three dense layers of different sizes (3 → 4 → 3 → 2, tanh after each),
//! seven samples in batches of 3 (so the last batch of each epoch has one
//! sample), a different order each epoch, repeats included; both forms of
//! the chapter: `train_in_order` on the layers of chapters 1 to 5, and
//! `TanhNetwork::train_in_order`. The weights are read back with the
//! read-only `parameters()` and `dense_layers()`.

use chapter_07::ndarray::Array2;
use chapter_07::testing::{OrPanic, assert_number};
use chapter_07::{
    Activation, BatchSize, Dense, LearningRate, MeanSquaredError, Network, SampleColumns,
    TanhNetwork, TrainableNetwork, seeded_rng, train_in_order,
};

/// One dense layer, from scratch: `w[j][i]` is the weight from input `i` to
/// output `j`, `b[j]` the bias of output `j`.
#[derive(Clone)]
struct PlainLayer {
    w: Vec<Vec<f64>>,
    b: Vec<f64>,
}

impl PlainLayer {
    fn from(dense: &Dense) -> Self {
        Self {
            w: dense
                .weights()
                .rows()
                .into_iter()
                .map(|row| row.to_vec())
                .collect(),
            b: dense.biases().column(0).to_vec(),
        }
    }

    /// `tanh(W a + b)` for one sample.
    fn forward(&self, a: &[f64]) -> Vec<f64> {
        self.w
            .iter()
            .zip(&self.b)
            .map(|(row, b)| (b + row.iter().zip(a).map(|(w, a)| w * a).sum::<f64>()).tanh())
            .collect()
    }
}

/// One step of gradient descent on a batch, from scratch: forward for every
/// sample, the mean squared error over all `n · m` entries, the gradients
/// summed over the batch with every `W` as it was, then the update.
/// Returns the error before the update.
fn plain_step(layers: &mut [PlainLayer], batch: &[(Vec<f64>, Vec<f64>)], alpha: f64) -> f64 {
    let m = batch.len();
    let n = layers.last().unwrap().b.len();
    let count = (n * m) as f64;
    let mut grad_w: Vec<Vec<Vec<f64>>> = layers
        .iter()
        .map(|l| vec![vec![0.0; l.w[0].len()]; l.w.len()])
        .collect();
    let mut grad_b: Vec<Vec<f64>> = layers.iter().map(|l| vec![0.0; l.b.len()]).collect();
    let mut error = 0.0;
    for (x, y_star) in batch {
        // a[0] = x, a[l + 1] = tanh(W_l a[l] + b_l).
        let mut a = vec![x.clone()];
        for layer in layers.iter() {
            let next = layer.forward(a.last().unwrap());
            a.push(next);
        }
        let y = a.last().unwrap();
        error += y
            .iter()
            .zip(y_star)
            .map(|(y, t)| (t - y) * (t - y))
            .sum::<f64>();
        // dE/dZ of the last layer: 2 / (n m) (y - y*) (1 - y²).
        let mut delta: Vec<f64> = y
            .iter()
            .zip(y_star)
            .map(|(y, t)| 2.0 / count * (y - t) * (1.0 - y * y))
            .collect();
        for l in (0..layers.len()).rev() {
            let input = &a[l];
            for (j, d) in delta.iter().enumerate() {
                grad_b[l][j] += d;
                for (i, x) in input.iter().enumerate() {
                    grad_w[l][j][i] += d * x;
                }
            }
            // dE/dZ of the layer before: (Wᵀ δ) ⊙ (1 - a²), with W unchanged.
            delta = (0..input.len())
                .map(|i| {
                    let back: f64 = delta
                        .iter()
                        .enumerate()
                        .map(|(j, d)| layers[l].w[j][i] * d)
                        .sum();
                    back * (1.0 - input[i] * input[i])
                })
                .collect();
        }
    }
    for (l, layer) in layers.iter_mut().enumerate() {
        for (j, row) in layer.w.iter_mut().enumerate() {
            for (i, w) in row.iter_mut().enumerate() {
                *w -= alpha * grad_w[l][j][i];
            }
            layer.b[j] -= alpha * grad_b[l][j];
        }
    }
    error / count
}

/// Seven samples of a 3-input, 2-output problem, as plain vectors.
fn plain_samples() -> Vec<(Vec<f64>, Vec<f64>)> {
    (0..7)
        .map(|k| {
            let t = f64::from(k);
            (
                vec![0.4 * t - 1.1, (0.9 * t).cos(), 0.2 * t * t - 0.8],
                vec![(0.5 * t).sin() * 0.7, 0.6 - 0.15 * t],
            )
        })
        .collect()
}

/// The same samples as column vectors, for the chapter's code.
fn samples() -> Vec<(Array2<f64>, Array2<f64>)> {
    plain_samples()
        .into_iter()
        .map(|(x, y)| {
            (
                Array2::from_shape_vec((x.len(), 1), x).unwrap(),
                Array2::from_shape_vec((y.len(), 1), y).unwrap(),
            )
        })
        .collect()
}

/// Three dense layers, 3 → 4 → 3 → 2, from one seed.
fn dense_layers() -> Vec<Dense> {
    let mut rng = seeded_rng(31);
    vec![
        Dense::random(3, 4, &mut rng),
        Dense::random(4, 3, &mut rng),
        Dense::random(3, 2, &mut rng),
    ]
}

/// An order for each epoch: shuffled, in order, and one that repeats a
/// sample and leaves others out.
const ORDERS: [&[usize]; 3] = [
    &[6, 2, 0, 4, 1, 5, 3],
    &[0, 1, 2, 3, 4, 5, 6],
    &[3, 3, 1, 0, 6],
];
const BATCH: usize = 3;
const ALPHA: f64 = 0.25;

/// What the from-scratch version gives: each epoch's batch errors, and the
/// layers at the end.
fn from_scratch() -> (Vec<Vec<f64>>, Vec<PlainLayer>) {
    let samples = plain_samples();
    let mut layers: Vec<PlainLayer> = dense_layers().iter().map(PlainLayer::from).collect();
    let errors = ORDERS
        .iter()
        .map(|order| {
            order
                .chunks(BATCH)
                .map(|batch| {
                    let batch: Vec<_> = batch.iter().map(|&k| samples[k].clone()).collect();
                    plain_step(&mut layers, &batch, ALPHA)
                })
                .collect()
        })
        .collect();
    (errors, layers)
}

fn assert_same_errors(form: &str, errors: &[Vec<f64>], expected: &[Vec<f64>]) {
    for (epoch, (errors, expected)) in errors.iter().zip(expected).enumerate() {
        assert_eq!(
            errors.len(),
            expected.len(),
            "{form}, epoch {}: one error per batch",
            epoch + 1
        );
        for (k, (&a, &b)) in errors.iter().zip(expected).enumerate() {
            assert_number(
                &format!("{form}, epoch {}, the error of batch {k}", epoch + 1),
                a,
                b,
                1e-12,
            );
        }
    }
}

fn assert_same_layers(form: &str, layers: &[Dense], expected: &[PlainLayer]) {
    assert_eq!(layers.len(), expected.len(), "{form}: three dense layers");
    for (l, (layer, plain)) in layers.iter().zip(expected).enumerate() {
        for ((j, i), &w) in layer.weights().indexed_iter() {
            let name = format!("{form}, layer {} W entry ({j}, {i})", l + 1);
            assert_number(&name, w, plain.w[j][i], 1e-12);
        }
        for (j, &b) in layer.biases().column(0).iter().enumerate() {
            let name = format!("{form}, layer {} B entry ({j}, 0)", l + 1);
            assert_number(&name, b, plain.b[j], 1e-12);
        }
    }
}

#[test]
fn train_in_order_reproduces_a_from_scratch_implementation() {
    let (expected_errors, expected_layers) = from_scratch();
    let mut layers: Vec<Box<dyn chapter_07::Trainable>> = Vec::new();
    for dense in dense_layers() {
        layers.push(Box::new(dense));
        layers.push(Box::new(Activation::tanh()));
    }
    let mut network: TrainableNetwork = Network::new(layers);
    let samples = samples();
    let errors: Vec<Vec<f64>> = ORDERS
        .iter()
        .map(|order| {
            train_in_order(
                &mut network,
                &MeanSquaredError,
                &samples,
                order,
                BatchSize::new(BATCH).unwrap(),
                LearningRate::new(ALPHA).unwrap(),
            )
            .or_panic()
        })
        .collect();
    assert_same_errors("train_in_order", &errors, &expected_errors);
    // Read the weights back without `&mut`: every other layer is dense.
    let trained: Vec<Dense> = network
        .layers()
        .iter()
        .step_by(2)
        .map(|layer| {
            let parameters = layer.parameters();
            Dense::new(parameters[0].to_owned(), parameters[1].to_owned()).unwrap()
        })
        .collect();
    assert_same_layers("train_in_order", &trained, &expected_layers);
}

#[test]
fn the_fast_form_reproduces_the_same_implementation() {
    let (expected_errors, expected_layers) = from_scratch();
    let mut network = TanhNetwork::new(&dense_layers()).or_panic();
    let data = SampleColumns::new(&samples()).or_panic();
    let errors: Vec<Vec<f64>> = ORDERS
        .iter()
        .map(|order| {
            network
                .train_in_order(
                    &data,
                    order,
                    BatchSize::new(BATCH).unwrap(),
                    LearningRate::new(ALPHA).unwrap(),
                )
                .or_panic()
        })
        .collect();
    assert_same_errors("TanhNetwork::train_in_order", &errors, &expected_errors);
    assert_same_layers(
        "TanhNetwork::train_in_order",
        &network.dense_layers(),
        &expected_layers,
    );
}

#[test]
fn the_fast_form_refuses_an_empty_order_and_names_an_index_past_the_samples() {
    let mut network = TanhNetwork::new(&dense_layers()).or_panic();
    let data = SampleColumns::new(&samples()).or_panic();
    let size = BatchSize::new(2).unwrap();
    let rate = LearningRate::new(0.1).unwrap();
    assert_eq!(
        network.train_in_order(&data, &[], size, rate),
        Err(chapter_07::TrainingError::NoSamples)
    );
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        network.train_in_order(&data, &[1, 9], size, rate)
    }))
    .expect_err("an index past the samples should panic");
    let message = panic
        .downcast_ref::<String>()
        .map_or("(not a string)", String::as_str);
    assert_eq!(
        message,
        "the training order holds sample index 9 at position 1, but there are only 7 samples \
         (indices 0 to 6)"
    );
}

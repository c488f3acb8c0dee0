//! The formulas of chapters 2 to 5 for a batch: `X` of shape `(i, m)`, one
//! column per sample, with 1 to 5 samples. Each is checked against central
//! finite differences, and against the per-sample formulas: a batch's
//! gradients are the sum (or, for the mean squared error, the average) of
//! its samples' gradients.

use chapter_07::ndarray::{Array2, Axis};
use chapter_07::testing::{dense, matrix, proptest_config};
use chapter_07::{
    Activation, Backward, Dense, Layer, LearningRate, Loss, MeanSquaredError, Network,
    TrainableNetwork, check_dense_gradients, compare_gradients, numerical_gradient, train_step,
};
use proptest::prelude::*;

const H: f64 = 1e-6;
const TOLERANCE: f64 = 1e-6;

/// Column `k` of `a`, as an `(rows, 1)` matrix: sample `k` alone.
fn sample(a: &Array2<f64>, k: usize) -> Array2<f64> {
    a.column(k).to_owned().insert_axis(Axis(1))
}

/// A dense layer, an input batch `X` of 1 to 5 samples, and `G` (= dE/dY)
/// of the output's shape.
fn dense_case() -> impl Strategy<Value = (Dense, Array2<f64>, Array2<f64>)> {
    (1..=6_usize, 1..=6_usize, 1..=5_usize).prop_flat_map(|(inputs, outputs, samples)| {
        (
            dense(inputs, outputs),
            matrix(inputs, samples),
            matrix(outputs, samples),
        )
    })
}

/// Two `(n, m)` matrices: a prediction and a desired output.
fn loss_case() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
    (1..=6_usize, 1..=5_usize)
        .prop_flat_map(|(rows, columns)| (matrix(rows, columns), matrix(rows, columns)))
}

/// Dense → tanh → Dense and a batch of 1 to 5 samples with desired outputs.
fn network_case() -> impl Strategy<Value = (Dense, Dense, Array2<f64>, Array2<f64>)> {
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

fn network(first: &Dense, second: &Dense) -> TrainableNetwork {
    Network::new(vec![
        Box::new(first.clone()),
        Box::new(Activation::tanh()),
        Box::new(second.clone()),
    ])
}

/// The mean squared error of Dense → tanh → Dense on a batch.
fn error(first: &Dense, second: &Dense, x: &Array2<f64>, y: &Array2<f64>) -> f64 {
    MeanSquaredError
        .loss(&network(first, second).predict(x).unwrap(), y)
        .unwrap()
}

/// The weights and biases of both dense layers after one `train_step`,
/// as `(θ - θ_new) / α`: the gradient the step followed.
fn step(
    first: &Dense,
    second: &Dense,
    x: &Array2<f64>,
    y: &Array2<f64>,
    alpha: f64,
) -> Vec<Array2<f64>> {
    let mut trained = network(first, second);
    train_step(
        &mut trained,
        &MeanSquaredError,
        x,
        y,
        LearningRate::new(alpha).unwrap(),
    )
    .unwrap();
    let mut moved = Vec::new();
    for (index, before) in [(0, first), (2, second)] {
        let after = trained.layers_mut()[index].parameters_mut();
        moved.push((before.weights() - &after[0]) / alpha);
        moved.push((before.biases() - &after[1]) / alpha);
    }
    moved
}

const NAMES: [&str; 4] = [
    "first layer's dE/dW (one row per output, one column per input)",
    "first layer's dE/dB (one row per output, one column)",
    "second layer's dE/dW (one row per output, one column per input)",
    "second layer's dE/dB (one row per output, one column)",
];

proptest! {
    #![proptest_config(proptest_config())]

    /// dE/dW = G Xᵀ, dE/dB = G summed over the batch, dE/dX = Wᵀ G, for a
    /// batch of 1 to 5 samples, against finite differences.
    #[test]
    fn batched_dense_gradients_match_finite_differences((layer, x, g) in dense_case()) {
        let gradients = layer.backward(&x, &g).unwrap();
        check_dense_gradients(&layer, &x, &g, &gradients).map_err(TestCaseError::fail)?;
    }

    /// dE/dW = G Xᵀ = Σₖ gₖ xₖᵀ: the batch's weight gradient is the sum of
    /// one outer product per sample; dE/dB is the sum of the samples'
    /// gₖ; and column k of dE/dX is sample k's own dE/dX.
    #[test]
    fn a_batch_gradient_is_the_sum_of_its_samples_gradients((layer, x, g) in dense_case()) {
        let batch = layer.backward(&x, &g).unwrap();
        let mut weights = Array2::zeros(layer.weights().dim());
        let mut biases = Array2::zeros(layer.biases().dim());
        for k in 0..x.ncols() {
            let one = layer.backward(&sample(&x, k), &sample(&g, k)).unwrap();
            weights += &one.parameters[0];
            biases += &one.parameters[1];
            compare_gradients(&format!("column {k} of dE/dX (one row per input)"), &sample(&batch.input, k), &one.input, 1e-12)
                .map_err(TestCaseError::fail)?;
        }
        compare_gradients("dE/dW of the batch, against Σₖ gₖ xₖᵀ", &batch.parameters[0], &weights, 1e-12)
            .map_err(TestCaseError::fail)?;
        compare_gradients("dE/dB of the batch, against Σₖ gₖ", &batch.parameters[1], &biases, 1e-12)
            .map_err(TestCaseError::fail)?;
    }

    /// dE/dX = G ⊙ tanh'(X) for an (n, m) batch, against finite differences.
    #[test]
    fn batched_tanh_gradient_matches_finite_differences((x, g) in loss_case()) {
        let tanh = Activation::tanh();
        let computed = tanh.backward(&x, &g).unwrap().input;
        let numerical = numerical_gradient(&x, H, |x| (tanh.forward(x).unwrap() * &g).sum());
        compare_gradients("dE/dX (one row per input, one column per sample)", &computed, &numerical, TOLERANCE)
            .map_err(TestCaseError::fail)?;
    }

    /// The mean squared error of an (n, m) batch is the mean of the m
    /// per-sample errors, and its gradient is each sample's gradient
    /// divided by m; both against finite differences too.
    #[test]
    fn batched_mse_is_the_mean_of_the_samples_errors((y, y_star) in loss_case()) {
        let m = y.ncols() as f64;
        let batch_error = MeanSquaredError.loss(&y, &y_star).unwrap();
        let batch_gradient = MeanSquaredError.gradient(&y, &y_star).unwrap();
        let mut mean = 0.0;
        for k in 0..y.ncols() {
            let (one, one_star) = (sample(&y, k), sample(&y_star, k));
            mean += MeanSquaredError.loss(&one, &one_star).unwrap() / m;
            let per_sample = MeanSquaredError.gradient(&one, &one_star).unwrap() / m;
            compare_gradients(&format!("column {k} of the batch's dE/dY, against sample {k}'s dE/dY / m"), &sample(&batch_gradient, k), &per_sample, 1e-12)
                .map_err(TestCaseError::fail)?;
        }
        prop_assert!((batch_error - mean).abs() < 1e-12, "batch error {batch_error}, mean of the samples' errors {mean}");
        let numerical = numerical_gradient(&y, H, |y| MeanSquaredError.loss(y, &y_star).unwrap());
        compare_gradients("dE/dY (one row per output, one column per sample)", &batch_gradient, &numerical, TOLERANCE)
            .map_err(TestCaseError::fail)?;
    }

    /// One step on a batch moves every parameter by -α times the average
    /// of the gradients the m samples would each give on their own.
    #[test]
    fn one_batched_step_is_the_step_with_the_average_of_the_samples_gradients(
        (first, second, x, y) in network_case(),
        alpha in 0.01..0.5_f64,
    ) {
        let m = x.ncols() as f64;
        let batch = step(&first, &second, &x, &y, alpha);
        let mut average: Vec<Array2<f64>> = batch.iter().map(|g| Array2::zeros(g.dim())).collect();
        for k in 0..x.ncols() {
            for (sum, one) in average.iter_mut().zip(step(&first, &second, &sample(&x, k), &sample(&y, k), alpha)) {
                *sum += &(one / m);
            }
        }
        for ((name, batch), average) in NAMES.iter().zip(&batch).zip(&average) {
            compare_gradients(&format!("{name} of the batch step, against the samples' average"), batch, average, 1e-9)
                .map_err(TestCaseError::fail)?;
        }
    }

    /// One `train_step` on a batch of 1 to 5 samples moves every weight
    /// and bias by exactly -α · (finite-difference gradient of the batch's
    /// error before the step).
    #[test]
    fn a_batched_training_step_moves_every_parameter_by_minus_alpha_times_its_gradient(
        (first, second, x, y) in network_case(),
        alpha in 0.01..0.5_f64,
    ) {
        let with = |w: &Array2<f64>, b: &Array2<f64>| Dense::new(w.clone(), b.clone()).unwrap();
        let numerical = [
            numerical_gradient(first.weights(), H, |w| error(&with(w, first.biases()), &second, &x, &y)),
            numerical_gradient(first.biases(), H, |b| error(&with(first.weights(), b), &second, &x, &y)),
            numerical_gradient(second.weights(), H, |w| error(&first, &with(w, second.biases()), &x, &y)),
            numerical_gradient(second.biases(), H, |b| error(&first, &with(second.weights(), b), &x, &y)),
        ];
        let moved = step(&first, &second, &x, &y, alpha);
        for ((name, moved), numerical) in NAMES.iter().zip(&moved).zip(&numerical) {
            compare_gradients(name, moved, numerical, 1e-5).map_err(TestCaseError::fail)?;
        }
    }
}

//! Training fast: the same numbers as the layers of chapters 1 to 5, for a
//! stack of dense layers each followed by tanh, without the waste.
//!
//! Chapter 5's `train_step` is written to be read: every layer is a box
//! that allocates its results, a one-sample input is a `(64, 1)` matrix,
//! the backward pass computes every gradient into a fresh matrix and the
//! update then subtracts it. [`TanhNetwork`] computes the same numbers with
//! four changes, each explained in the chapter:
//!
//! 1. one sample is a vector, and `W a` a matrix-vector product, not the
//!    general matrix product of a `(64, 1)` matrix, with its copies;
//! 2. every result goes into a buffer allocated once, not a new array;
//! 3. `tanh'(z) = 1 - y²` reuses the forward pass's `y = tanh(z)`, and
//!    tanh itself is [`tanh_in_place`], a
//!    whole array at a time with vector instructions;
//! 4. `W ← W - α δ aᵀ` updates `W` in place, row by row, without the
//!    gradient matrix, and the first layer's `dE/dX`, which nothing uses,
//!    is not computed.
//!
//! For a batch, the matrix products are calls `C ← s A B + β C` that write
//! into buffers, and the update `W ← W - α Δ Aᵀ` is one such call with
//! `β = 1`. Both forms compute `W a` and the batch's products with
//! [`matrix_product`], the `gemm` crate's kernels
//! for the processor the program runs on.

// A view (`ArrayView1`, `ArrayView2`) is a pointer and a shape, as cheap to
// copy as a reference: taking views by value is ndarray's own style.
#![allow(clippy::needless_pass_by_value)]

use chapter_06::ndarray::linalg::general_mat_vec_mul;
use chapter_06::ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, ShapeBuilder, Zip, s};
use chapter_06::rand::Rng;
use chapter_06::rand::seq::SliceRandom;
use chapter_06::{
    Activation, Dense, LearningRate, Network, ShapeError, TrainableNetwork, TrainingError,
};

use crate::BatchSize;
use crate::order::{check_order, in_epoch, mean_over_samples};
use crate::products::matrix_product;
use crate::tanh::tanh_in_place;

/// The layers' buffers are made for their shapes, so every product fits.
const FITS: &str = "a layer's buffers fit its weights";

// ANCHOR: sample_columns
/// Training data as two matrices with one column per sample: the inputs
/// `X`, shape `(n_x, N)`, and the desired outputs `Y*`, shape `(n_y, N)`.
///
/// They are stored column by column ("column-major"), so that the numbers
/// of one sample lie next to each other in memory: a sample is a
/// contiguous vector, and a batch is a copy of a few whole columns.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleColumns {
    inputs: Array2<f64>,
    desired: Array2<f64>,
}
// ANCHOR_END: sample_columns

impl SampleColumns {
    /// The samples of chapter 5's `train` (pairs of `(n_x, 1)` and `(n_y, 1)`
    /// columns) as two matrices. Fails if a sample is not one column, or
    /// has a different number of rows than the first.
    pub fn new(samples: &[(Array2<f64>, Array2<f64>)]) -> Result<Self, ShapeError> {
        let (inputs, outputs) = samples
            .first()
            .map_or((0, 0), |(input, desired)| (input.nrows(), desired.nrows()));
        let mut columns = Self {
            inputs: Array2::zeros((inputs, samples.len()).f()),
            desired: Array2::zeros((outputs, samples.len()).f()),
        };
        for (index, (input, desired)) in samples.iter().enumerate() {
            for (array, rows, name) in [
                (input, inputs, "input X"),
                (desired, outputs, "desired output Y*"),
            ] {
                if array.dim() != (rows, 1) {
                    return Err(ShapeError::new(
                        format!("sample columns, sample {index}"),
                        name,
                        format!("({rows}, 1): one column, with the rows of the first sample"),
                        array.dim(),
                    ));
                }
            }
            columns.inputs.column_mut(index).assign(&input.column(0));
            columns.desired.column_mut(index).assign(&desired.column(0));
        }
        Ok(columns)
    }

    /// The number of samples `N`.
    #[must_use]
    pub fn len(&self) -> usize {
        self.inputs.ncols()
    }

    /// Whether there are no samples.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The inputs `X`, shape `(n_x, N)`.
    #[must_use]
    pub fn inputs(&self) -> ArrayView2<'_, f64> {
        self.inputs.view()
    }

    /// The desired outputs `Y*`, shape `(n_y, N)`.
    #[must_use]
    pub fn desired(&self) -> ArrayView2<'_, f64> {
        self.desired.view()
    }

    // ANCHOR: gather
    /// Copy the samples `indices` into the first `indices.len()` columns of
    /// `inputs` and `desired`, in order.
    fn gather(&self, indices: &[usize], inputs: &mut Array2<f64>, desired: &mut Array2<f64>) {
        for (column, &index) in indices.iter().enumerate() {
            inputs.column_mut(column).assign(&self.inputs.column(index));
            desired
                .column_mut(column)
                .assign(&self.desired.column(index));
        }
    }
    // ANCHOR_END: gather
}

// ANCHOR: tanh_network
/// A network of dense layers, each followed by tanh, that trains fast.
///
/// It holds each layer's `W` and `b`, and buffers for what one training
/// step computes, allocated once and reused by every step.
#[derive(Debug, Clone)]
pub struct TanhNetwork {
    layers: Vec<TanhLayer>,
    /// A column of ones, `m` long: `dE/db = G · 1` adds up `G`'s columns.
    ones: Array1<f64>,
}

/// One dense layer with its tanh.
#[derive(Debug, Clone)]
struct TanhLayer {
    /// `W`, shape `(n_y, n_x)`.
    weights: Array2<f64>,
    /// `b`, `n_y` entries.
    biases: Array1<f64>,
    /// One sample: `y = tanh(W x + b)`, `n_y` entries.
    output: Array1<f64>,
    /// One sample: `δ = dE/dz`, the gradient at the input of tanh, `n_y` entries.
    delta: Array1<f64>,
    /// A batch: `Y`, shape `(n_y, capacity)`, the first `m` columns in use.
    batch_output: Array2<f64>,
    /// A batch: `Δ = dE/dZ`, shape `(n_y, capacity)`.
    batch_delta: Array2<f64>,
}
// ANCHOR_END: tanh_network

impl TanhLayer {
    fn new(dense: &Dense) -> Self {
        let outputs = dense.outputs();
        Self {
            weights: dense.weights().clone(),
            biases: dense.biases().column(0).to_owned(),
            output: Array1::zeros(outputs),
            delta: Array1::zeros(outputs),
            batch_output: Array2::zeros((outputs, 0).f()),
            batch_delta: Array2::zeros((outputs, 0).f()),
        }
    }

    fn inputs(&self) -> usize {
        self.weights.ncols()
    }

    fn outputs(&self) -> usize {
        self.weights.nrows()
    }

    // ANCHOR: sample_steps
    // ANCHOR: forward_sample
    /// Forward, one sample: `y = tanh(W a + b)`, into `self.output`.
    fn forward_sample(&mut self, a: ArrayView1<'_, f64>) {
        self.output.assign(&self.biases);
        matrix_product(
            1.0,
            self.weights.view(),
            a.insert_axis(Axis(1)),
            1.0,
            self.output.view_mut().insert_axis(Axis(1)),
        )
        .expect(FITS);
        tanh_in_place(
            self.output
                .as_slice_mut()
                .expect("a buffer's entries lie next to each other"),
        );
    }
    // ANCHOR_END: forward_sample

    // ANCHOR: backward_sample
    /// Backward, one sample: the `δ` of the layer before, whose output `a`
    /// is this layer's input: `dE/da = Wᵀ δ`, then `δ_before = dE/da ⊙ (1 - a²)`.
    fn backward_sample(&self, before: &mut Self) {
        // Wᵀ δ is the sum of the rows of W, row j times δ_j: this reads W
        // row by row, in the order it lies in memory.
        before.delta.fill(0.0);
        for (row, &delta) in self.weights.rows().into_iter().zip(&self.delta) {
            before.delta.scaled_add(delta, &row);
        }
        Zip::from(&mut before.delta)
            .and(&before.output)
            .for_each(|delta, &a| *delta *= 1.0 - a * a);
    }
    // ANCHOR_END: backward_sample

    // ANCHOR: update_sample
    /// Update, one sample: `W ← W - α δ aᵀ` and `b ← b - α δ`, in place.
    /// Row `j` of `δ aᵀ` is `δ_j` times `a`, so row `j` of `W` moves by
    /// `-α δ_j a`.
    fn update_sample(&mut self, a: ArrayView1<'_, f64>, alpha: f64) {
        for (mut row, &delta) in self.weights.rows_mut().into_iter().zip(&self.delta) {
            row.scaled_add(-alpha * delta, &a);
        }
        self.biases.scaled_add(-alpha, &self.delta);
    }
    // ANCHOR_END: update_sample
    // ANCHOR_END: sample_steps

    // ANCHOR: batch_steps
    /// Forward, a batch of `m` samples, the columns of `a`:
    /// `Y = tanh(W A + b)`, `b` added to every column, into the first `m`
    /// columns of `self.batch_output`.
    fn forward_batch(&mut self, a: ArrayView2<'_, f64>) {
        let mut y = self.batch_output.slice_mut(s![.., ..a.ncols()]);
        y.assign(&self.biases.view().insert_axis(Axis(1)));
        matrix_product(1.0, self.weights.view(), a, 1.0, y.view_mut()).expect(FITS);
        // The first m columns of a buffer stored column by column are
        // one piece of memory.
        tanh_in_place(
            y.as_slice_memory_order_mut()
                .expect("whole columns of a column-major buffer lie next to each other"),
        );
    }

    /// Backward, a batch of `m` samples: `dE/dA = Wᵀ Δ`, then
    /// `Δ_before = dE/dA ⊙ (1 - A²)`.
    fn backward_batch(&self, before: &mut Self, m: usize) {
        let delta = self.batch_delta.slice(s![.., ..m]);
        let mut before_delta = before.batch_delta.slice_mut(s![.., ..m]);
        matrix_product(1.0, self.weights.t(), delta, 0.0, before_delta.view_mut()).expect(FITS);
        Zip::from(&mut before_delta)
            .and(before.batch_output.slice(s![.., ..m]))
            .for_each(|delta, &a| *delta *= 1.0 - a * a);
    }

    /// Update, a batch of `m` samples, the columns of `a`:
    /// `W ← W - α Δ Aᵀ` and `b ← b - α Δ 1`, in place. `matrix_product`
    /// computes `C ← s A B + β C`: here `s = -α`, `β = 1`, `C = W`.
    fn update_batch(&mut self, a: ArrayView2<'_, f64>, ones: ArrayView1<'_, f64>, alpha: f64) {
        let delta = self.batch_delta.slice(s![.., ..a.ncols()]);
        matrix_product(-alpha, delta, a.t(), 1.0, self.weights.view_mut()).expect(FITS);
        general_mat_vec_mul(-alpha, &delta, &ones, 1.0, &mut self.biases);
    }
    // ANCHOR_END: batch_steps
}

impl TanhNetwork {
    // ANCHOR: new
    /// A network of `layers`, each followed by tanh: the same network as
    /// chapter 5's `Network` of `Dense, tanh, Dense, tanh, ...`, with the
    /// same parameters.
    ///
    /// Fails if there are no layers, or a layer's inputs are not the
    /// outputs of the layer before.
    pub fn new(layers: &[Dense]) -> Result<Self, ShapeError> {
        if layers.is_empty() {
            return Err(ShapeError::new(
                "tanh network, new",
                "list of dense layers",
                "at least one layer",
                (0, 0),
            ));
        }
        for (index, pair) in layers.windows(2).enumerate() {
            if pair[1].inputs() != pair[0].outputs() {
                return Err(ShapeError::new(
                    format!("tanh network, new, layer {} of {}", index + 2, layers.len()),
                    "weights W",
                    format!(
                        "(n_y, {}): one column per output of the layer before",
                        pair[0].outputs()
                    ),
                    pair[1].weights().dim(),
                ));
            }
        }
        Ok(Self {
            layers: layers.iter().map(TanhLayer::new).collect(),
            ones: Array1::ones(0),
        })
    }
    // ANCHOR_END: new

    /// The dense layers, with the current parameters.
    #[must_use]
    pub fn dense_layers(&self) -> Vec<Dense> {
        self.layers
            .iter()
            .map(|layer| {
                Dense::new(
                    layer.weights.clone(),
                    layer.biases.clone().insert_axis(Axis(1)),
                )
                .expect("a layer's W and b fit each other")
            })
            .collect()
    }

    /// The same network as chapter 5's `Network`: each dense layer followed
    /// by tanh, with the current parameters.
    #[must_use]
    pub fn to_network(&self) -> TrainableNetwork {
        let mut layers: Vec<Box<dyn chapter_06::Trainable>> = Vec::new();
        for dense in self.dense_layers() {
            layers.push(Box::new(dense));
            layers.push(Box::new(Activation::tanh()));
        }
        Network::new(layers)
    }

    /// The number of inputs of the first layer.
    #[must_use]
    pub fn inputs(&self) -> usize {
        self.layers[0].inputs()
    }

    /// The number of outputs of the last layer.
    #[must_use]
    pub fn outputs(&self) -> usize {
        self.layers[self.layers.len() - 1].outputs()
    }

    /// Check that `inputs` rows of input and `outputs` rows of desired
    /// output, for `samples` samples, fit the network.
    fn check(&self, inputs: usize, outputs: usize, samples: usize) -> Result<(), ShapeError> {
        let context = "tanh network, training step";
        if inputs != self.inputs() || samples == 0 {
            return Err(ShapeError::new(
                context,
                "input X",
                format!(
                    "({}, m): one row per input of the network, one column per sample (m ≥ 1)",
                    self.inputs()
                ),
                (inputs, samples),
            ));
        }
        if outputs != self.outputs() {
            return Err(ShapeError::new(
                context,
                "desired output Y*",
                format!(
                    "({}, m): one row per output of the network, one column per sample",
                    self.outputs()
                ),
                (outputs, samples),
            ));
        }
        Ok(())
    }

    // ANCHOR: train_sample
    /// One step of gradient descent on one sample, with the mean squared
    /// error: forward, error, backward, update. Returns the error before
    /// the update. The same numbers as chapter 5's `train_step` on the
    /// network of [`TanhNetwork::to_network`].
    pub fn train_sample(
        &mut self,
        input: ArrayView1<'_, f64>,
        desired: ArrayView1<'_, f64>,
        learning_rate: LearningRate,
    ) -> Result<f64, ShapeError> {
        self.check(input.len(), desired.len(), 1)?;

        // 1. Forward, each layer's input being the output of the one before.
        for index in 0..self.layers.len() {
            let (before, after) = self.layers.split_at_mut(index);
            let a = before.last().map_or(input, |layer| layer.output.view());
            after[0].forward_sample(a);
        }

        // 2. The error, and δ = dE/dz of the last layer:
        //    dE/dy = (2/n_y)(y - y*), times tanh'(z) = 1 - y².
        let last = self.layers.last_mut().expect("a network has a layer");
        let n = desired.len() as f64;
        let mut error = 0.0;
        Zip::from(&mut last.delta)
            .and(&last.output)
            .and(&desired)
            .for_each(|delta, &y, &y_star| {
                error += (y_star - y) * (y_star - y);
                *delta = (y - y_star) * (2.0 / n) * (1.0 - y * y);
            });

        // 3. Backward and update, last layer first: each layer passes δ back
        //    with the W that produced the output, and only then changes W.
        let alpha = learning_rate.get();
        for index in (0..self.layers.len()).rev() {
            let (before, after) = self.layers.split_at_mut(index);
            let layer = &mut after[0];
            if let Some(previous) = before.last_mut() {
                layer.backward_sample(previous);
                layer.update_sample(previous.output.view(), alpha);
            } else {
                // The first layer: its dE/dX would go nowhere.
                layer.update_sample(input, alpha);
            }
        }
        Ok(error / n)
    }
    // ANCHOR_END: train_sample

    /// Make the batch buffers at least `m` columns wide.
    fn reserve(&mut self, m: usize) {
        if self.ones.len() >= m {
            return;
        }
        for layer in &mut self.layers {
            layer.batch_output = Array2::zeros((layer.outputs(), m).f());
            layer.batch_delta = Array2::zeros((layer.outputs(), m).f());
        }
        self.ones = Array1::ones(m);
    }

    // ANCHOR: train_batch
    /// One step of gradient descent on a batch of `m` samples, the columns
    /// of `inputs` (shape `(n_x, m)`) and `desired` (shape `(n_y, m)`), with
    /// the mean squared error over all `n · m` entries. Returns the error
    /// before the update. The same numbers as chapter 5's `train_step` on
    /// the network of [`TanhNetwork::to_network`] with the same batch.
    pub fn train_batch(
        &mut self,
        inputs: ArrayView2<'_, f64>,
        desired: ArrayView2<'_, f64>,
        learning_rate: LearningRate,
    ) -> Result<f64, ShapeError> {
        let m = inputs.ncols();
        self.check(inputs.nrows(), desired.nrows(), m)?;
        if desired.ncols() != m {
            return Err(ShapeError::new(
                "tanh network, training step",
                "desired output Y*",
                format!(
                    "({}, {m}): one column per column of the input",
                    desired.nrows()
                ),
                desired.dim(),
            ));
        }
        self.reserve(m);

        // 1. Forward.
        for index in 0..self.layers.len() {
            let (before, after) = self.layers.split_at_mut(index);
            let a = before
                .last()
                .map_or(inputs, |layer| layer.batch_output.slice(s![.., ..m]));
            after[0].forward_batch(a);
        }

        // 2. The error over all n · m entries, and Δ = dE/dZ of the last
        //    layer: dE/dY = (2 / (n m)) (Y - Y*), times 1 - Y².
        let last = self.layers.last_mut().expect("a network has a layer");
        let count = desired.len() as f64;
        let mut error = 0.0;
        Zip::from(last.batch_delta.slice_mut(s![.., ..m]))
            .and(last.batch_output.slice(s![.., ..m]))
            .and(&desired)
            .for_each(|delta, &y, &y_star| {
                error += (y_star - y) * (y_star - y);
                *delta = (y - y_star) * (2.0 / count) * (1.0 - y * y);
            });

        // 3. Backward and update, last layer first, each W used before it
        //    changes.
        let alpha = learning_rate.get();
        let ones = self.ones.slice(s![..m]);
        for index in (0..self.layers.len()).rev() {
            let (before, after) = self.layers.split_at_mut(index);
            let layer = &mut after[0];
            if let Some(previous) = before.last_mut() {
                layer.backward_batch(previous, m);
                layer.update_batch(previous.batch_output.slice(s![.., ..m]), ones, alpha);
            } else {
                layer.update_batch(inputs, ones, alpha);
            }
        }
        Ok(error / count)
    }
    // ANCHOR_END: train_batch

    // ANCHOR: train
    /// Train on `data` for `epochs` passes, one [`TanhNetwork::train_sample`]
    /// per sample, in order: the same numbers as chapter 5's `train`.
    /// Returns the mean error of each epoch.
    pub fn train(
        &mut self,
        data: &SampleColumns,
        epochs: usize,
        learning_rate: LearningRate,
    ) -> Result<Vec<f64>, TrainingError> {
        if data.is_empty() {
            return Err(TrainingError::NoSamples);
        }
        let mut history = Vec::with_capacity(epochs);
        for epoch in 1..=epochs {
            let mut total = 0.0;
            for (input, desired) in data
                .inputs
                .columns()
                .into_iter()
                .zip(data.desired.columns())
            {
                let error = self.train_sample(input, desired, learning_rate)?;
                check_finite(error, epoch, learning_rate)?;
                total += error;
            }
            history.push(total / data.len() as f64);
        }
        Ok(history)
    }
    // ANCHOR_END: train

    // ANCHOR: train_in_order
    /// One epoch on `data` in the order the caller gives, one
    /// [`TanhNetwork::train_batch`] per batch of `order`: the same batches
    /// and numbers as [`train_in_order`](crate::train_in_order) with the
    /// same order. Returns the error of each batch, in order.
    ///
    /// # Panics
    /// If `order` holds an index that is not below `data.len()`.
    pub fn train_in_order(
        &mut self,
        data: &SampleColumns,
        order: &[usize],
        batch_size: BatchSize,
        learning_rate: LearningRate,
    ) -> Result<Vec<f64>, TrainingError> {
        if data.is_empty() || order.is_empty() {
            return Err(TrainingError::NoSamples);
        }
        check_order(order, data.len());
        let size = batch_size.get().min(order.len());
        let mut inputs = Array2::zeros((data.inputs.nrows(), size).f());
        let mut desired = Array2::zeros((data.desired.nrows(), size).f());
        let mut errors = Vec::with_capacity(order.len().div_ceil(size));
        for batch in order.chunks(size) {
            let m = batch.len();
            data.gather(batch, &mut inputs, &mut desired);
            let error = self.train_batch(
                inputs.slice(s![.., ..m]),
                desired.slice(s![.., ..m]),
                learning_rate,
            )?;
            check_finite(error, 1, learning_rate)?;
            errors.push(error);
        }
        Ok(errors)
    }
    // ANCHOR_END: train_in_order

    // ANCHOR: train_batches
    /// Train on `data` for `epochs` passes, one [`TanhNetwork::train_batch`]
    /// per batch: the same shuffles, batches and numbers as
    /// [`train_batches`](crate::train_batches) with the same `rng`.
    /// Returns the mean error of each epoch over its samples, as
    /// `train_batches` does.
    pub fn train_batches(
        &mut self,
        data: &SampleColumns,
        batch_size: BatchSize,
        epochs: usize,
        learning_rate: LearningRate,
        rng: &mut impl Rng,
    ) -> Result<Vec<f64>, TrainingError> {
        if data.is_empty() {
            return Err(TrainingError::NoSamples);
        }
        let mut history = Vec::with_capacity(epochs);
        for epoch in 1..=epochs {
            // The same fresh shuffle as `train_batches`.
            let mut order: Vec<usize> = (0..data.len()).collect();
            order.shuffle(rng);
            let errors = self
                .train_in_order(data, &order, batch_size, learning_rate)
                .map_err(|error| in_epoch(error, epoch))?;
            history.push(mean_over_samples(&errors, data.len(), batch_size.get()));
        }
        Ok(history)
    }
    // ANCHOR_END: train_batches
}

/// Stop with [`TrainingError::Diverged`] when the error is not a number.
fn check_finite(
    error: f64,
    epoch: usize,
    learning_rate: LearningRate,
) -> Result<(), TrainingError> {
    if error.is_finite() {
        Ok(())
    } else {
        Err(TrainingError::Diverged {
            epoch,
            loss: error,
            learning_rate: learning_rate.get(),
        })
    }
}

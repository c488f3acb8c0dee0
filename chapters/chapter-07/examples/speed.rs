//! How fast does the network train? One epoch of the digits, one image at a
//! time and in batches of 32, and XOR's 10,000 epochs: the plain code of
//! chapters 5 and 7 against chapter 7's `TanhNetwork`, timed on this
//! machine. Then each step from the plain form to the fast one, for one
//! image and the first layer, and what an epoch cannot do without: the
//! floor of this machine, from one core's fastest multiply-adds and the
//! cheapest tanh, and how many times the floor the fast epoch takes.
//!
//! Run it with `cargo run --release -p chapter-07 --example speed`.
//!
//! Unlike every other example of the book, what this one prints depends on
//! the machine, and on what else the machine is doing while it runs.

use std::hint::black_box;
use std::time::Instant;

use chapter_07::floor::SUMS;
use chapter_07::ndarray::linalg::{general_mat_mul, general_mat_vec_mul};
use chapter_07::ndarray::{Array1, Array2, Axis, ShapeBuilder, concatenate};
use chapter_07::{
    BatchSize, Initialisation, LearningRate, MeanSquaredError, SampleColumns, TanhNetwork,
    TrainingError, digits_layers, load_digits, matrix_product, multiply_adds, seeded_rng,
    tanh_in_place, train, train_batches, train_test_split, training_pairs, xor_layers, xor_samples,
};
use plots::FigureOptions;

type Error = Box<dyn std::error::Error>;

/// The batch sizes of the picture: 1 to 256, and all 1,438 images at once.
const SIZES: [usize; 10] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1438];

// ANCHOR: time
/// Run `work` once to warm up, then `runs` times, each on a fresh network
/// from `setup` (not timed). Returns the fastest and the median time of
/// the runs, in milliseconds.
fn time<N, R>(
    runs: usize,
    mut setup: impl FnMut() -> N,
    mut work: impl FnMut(&mut N) -> Result<R, TrainingError>,
) -> Result<(f64, f64), TrainingError> {
    black_box(work(&mut setup())?);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let mut network = setup();
        let start = Instant::now();
        black_box(work(&mut network)?);
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[0], times[runs / 2]))
}
// ANCHOR_END: time

/// The time of one call of `work`, in microseconds: the fastest of 15
/// rounds of `calls` calls each.
fn per_call(calls: usize, mut work: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..15 {
        let start = Instant::now();
        for _ in 0..calls {
            work();
        }
        best = best.min(start.elapsed().as_secs_f64() * 1e6 / calls as f64);
    }
    best
}

fn main() -> Result<(), Error> {
    // This example draws no picture: a picture of timings would differ from
    // one build of the book to the next. It still accepts `--figures DIR`.
    let _options = FigureOptions::from_env();
    let digits = load_digits()?;
    let pairs = training_pairs(&train_test_split(&digits, 0.2, 0).train);
    let columns = SampleColumns::new(&pairs)?;
    let rate = LearningRate::new(0.1)?;
    let plain = || digits_fast().to_network();
    let xor = xor_samples();
    let xor_columns = SampleColumns::new(&xor)?;
    let b32 = BatchSize::new(32)?;

    // ANCHOR: workloads
    let rows = [
        (
            "digits epoch, one image at a time",
            time(5, plain, |n| train(n, &MeanSquaredError, &pairs, 1, rate))?,
            time(20, digits_fast, |n| n.train(&columns, 1, rate))?,
        ),
        (
            "digits epoch, batches of 32",
            time(10, plain, |n| {
                let rng = &mut seeded_rng(1);
                train_batches(n, &MeanSquaredError, &pairs, b32, 1, rate, rng)
            })?,
            time(20, digits_fast, |n| {
                n.train_batches(&columns, b32, 1, rate, &mut seeded_rng(1))
            })?,
        ),
        (
            "XOR, 10,000 epochs",
            time(
                3,
                || xor_fast().to_network(),
                |n| train(n, &MeanSquaredError, &xor, 10_000, rate),
            )?,
            time(10, xor_fast, |n| n.train(&xor_columns, 10_000, rate))?,
        ),
    ];
    // ANCHOR_END: workloads

    println!("milliseconds, the fastest of several runs (the median in brackets)");
    println!();
    println!(
        "{:<34} {:>16} {:>14} {:>9}",
        "", "plain", "fast", "speed-up"
    );
    let fast_batches = rows[1].2.0;
    for (name, (plain_best, plain_median), (fast_best, fast_median)) in rows {
        println!(
            "{name:<34} {:>16} {:>14} {:>8.1}x",
            format!("{plain_best:.2} ({plain_median:.2})"),
            format!("{fast_best:.2} ({fast_median:.2})"),
            plain_best / fast_best
        );
    }
    println!();

    steps();
    println!();
    floor(&columns, fast_batches)?;
    println!();

    println!("one epoch of the digits by batch size, milliseconds (fastest of several runs):");
    println!("{:>10} {:>10} {:>10}", "batch size", "plain", "fast");
    for size in SIZES {
        let batch_size = BatchSize::new(size)?;
        let (plain_best, _) = time(3, plain, |n| {
            let rng = &mut seeded_rng(1);
            train_batches(n, &MeanSquaredError, &pairs, batch_size, 1, rate, rng)
        })?;
        let (fast_best, _) = time(10, digits_fast, |n| {
            n.train_batches(&columns, batch_size, 1, rate, &mut seeded_rng(1))
        })?;
        println!("{size:>10} {plain_best:>10.2} {fast_best:>10.2}");
    }
    Ok(())
}

/// Chapter 6's 64-32-10 network, with chapter 6's starting weights.
fn digits_fast() -> TanhNetwork {
    TanhNetwork::new(&digits_layers(Initialisation::Scaled, 0)).expect("the layers fit")
}

/// Chapter 5's 2-3-1 XOR network, with chapter 5's starting weights.
fn xor_fast() -> TanhNetwork {
    TanhNetwork::new(&xor_layers(2)).expect("the layers fit")
}

/// Each step from the plain form to the fast one, for one image and the
/// first layer of the digits network (32 × 64 weights).
fn steps() {
    let alpha = 0.1;
    let mut w = Array2::from_shape_fn((32, 64), |(j, i)| {
        ((3 * j + 5 * i) % 11) as f64 * 0.02 - 0.1
    });
    let x = Array2::from_shape_fn((64, 1), |(i, _)| (i % 17) as f64 / 16.0);
    let delta = Array2::from_shape_fn((32, 1), |(j, _)| ((j % 7) as f64 - 3.0) * 1e-9);
    let z = Array2::from_shape_fn((32, 1), |(j, _)| (j % 9) as f64 * 0.2 - 0.8);
    let (x_vector, delta_vector) = (x.column(0).to_owned(), delta.column(0).to_owned());
    let y = z.mapv(f64::tanh);
    let mut out = Array1::zeros(32);
    let mut tanh_values = z.clone();

    let rows = [
        (
            "W a, with a as a (64, 1) matrix: general matrix product",
            per_call(2000, || drop(black_box(w.dot(black_box(&x))))),
        ),
        (
            "W a, with a as a vector: general_mat_vec_mul into a buffer",
            per_call(2000, || {
                general_mat_vec_mul(1.0, &w, black_box(&x_vector), 0.0, &mut out);
            }),
        ),
        (
            "update: dE/dW = δ aᵀ into a new matrix, then W -= α dE/dW",
            per_call(2000, || {
                let gradient = delta.dot(&x.t());
                w.scaled_add(-alpha, &gradient);
            }),
        ),
        (
            "update: W -= α δ aᵀ in place, row by row",
            per_call(2000, || {
                for (mut row, &d) in w.rows_mut().into_iter().zip(&delta_vector) {
                    row.scaled_add(-alpha * d, &x_vector);
                }
            }),
        ),
        (
            "update: W -= α δ aᵀ in place, general_mat_mul with β = 1",
            per_call(2000, || {
                general_mat_mul(-alpha, &delta, &x.t(), 1.0, &mut w);
            }),
        ),
        (
            "W a, with a as a vector: gemm's kernels, matrix_product",
            per_call(2000, || {
                matrix_product(
                    1.0,
                    w.view(),
                    black_box(&x).view(),
                    0.0,
                    out.view_mut().insert_axis(Axis(1)),
                )
                .expect("the shapes fit");
            }),
        ),
        (
            "tanh(z), the C library's, one number at a time (32 values)",
            per_call(2000, || drop(black_box(z.mapv(f64::tanh)))),
        ),
        (
            "tanh(z), the vector tanh, the whole array (32 values)",
            per_call(2000, || {
                tanh_values.assign(&z);
                tanh_in_place(tanh_values.as_slice_mut().expect("one piece of memory"));
                black_box(&tanh_values);
            }),
        ),
        (
            "tanh' = 1 - tanh(z)², computing tanh again (32 values)",
            per_call(2000, || drop(black_box(z.mapv(|z| 1.0 - z.tanh().powi(2))))),
        ),
        (
            "tanh' = 1 - y², y kept from the forward pass (32 values)",
            per_call(2000, || drop(black_box(y.mapv(|y| 1.0 - y * y)))),
        ),
    ];
    println!("the steps, for one image and the first layer (32 × 64 weights), microseconds:");
    for (name, micros) in rows {
        println!("  {name:<60} {micros:>7.3}");
    }
}

/// Two things no form of an epoch in batches of 32 can avoid: the tanh of
/// every neuron for every image, and the multiply-adds of the matrix
/// products; and the least time they can take on this machine, from one
/// core's fastest multiply-adds. `fast_batches` is the fast form's epoch
/// in batches of 32, in milliseconds.
fn floor(columns: &SampleColumns, fast_batches: f64) -> Result<(), Error> {
    // Every pre-activation of an epoch: 42 neurons for each of the images.
    let network = digits_fast().to_network();
    let hidden = network.layers()[0].forward(&columns.inputs().to_owned())?;
    let output = network.layers()[2].forward(&hidden.mapv(f64::tanh))?;
    let mut z = concatenate![Axis(0), hidden, output];
    let original = z.clone();
    let c_library = per_call(5, || {
        z.assign(&original);
        z.mapv_inplace(f64::tanh);
    }) / 1e3;
    let vector = per_call(20, || {
        z.assign(&original);
        tanh_in_place(z.as_slice_mut().expect("one piece of memory"));
    }) / 1e3;

    // The five matrix products of each of the 45 batches, on buffers.
    let (mut w1, mut w2) = (
        Array2::<f64>::zeros((32, 64)),
        Array2::<f64>::zeros((10, 32)),
    );
    let x = Array2::<f64>::zeros((64, 32).f());
    let (mut a1, mut d1) = (Array2::zeros((32, 32).f()), Array2::zeros((32, 32).f()));
    let mut a2 = Array2::zeros((10, 32).f());
    let batches = 1438_usize.div_ceil(32);
    let matrixmultiply = per_call(5, || {
        for _ in 0..batches {
            general_mat_mul(1.0, &w1, &x, 1.0, &mut a1);
            general_mat_mul(1.0, &w2, &a1, 1.0, &mut a2);
            general_mat_mul(1.0, &w2.t(), &a2, 0.0, &mut d1);
            general_mat_mul(1.0, &a2, &a1.t(), 1.0, &mut w2);
            general_mat_mul(1.0, &d1, &x.t(), 1.0, &mut w1);
        }
    }) / 1e3;
    let fits = "the shapes fit";
    let gemm = per_call(5, || {
        for _ in 0..batches {
            matrix_product(1.0, w1.view(), x.view(), 1.0, a1.view_mut()).expect(fits);
            matrix_product(1.0, w2.view(), a1.view(), 1.0, a2.view_mut()).expect(fits);
            matrix_product(1.0, w2.t(), a2.view(), 0.0, d1.view_mut()).expect(fits);
            matrix_product(1.0, a2.view(), a1.t(), 1.0, w2.view_mut()).expect(fits);
            matrix_product(1.0, d1.view(), x.t(), 1.0, w1.view_mut()).expect(fits);
        }
    }) / 1e3;

    // One core's fastest arithmetic, and the operations of an epoch: two
    // for each multiply-add of the five products of each batch (the last
    // one holds 30 images).
    let rounds = 20_000;
    let peak = 2.0 * (SUMS * rounds) as f64
        / per_call(20, || {
            black_box(multiply_adds(black_box(rounds)));
        })
        / 1e3;
    let images = 1438.0;
    let operations = 2.0 * images * (2.0 * 32.0 * 64.0 + 3.0 * 10.0 * 32.0);
    let arithmetic = operations / peak / 1e6;
    let least = arithmetic + vector;

    println!("what one epoch in batches of 32 cannot do without, milliseconds:");
    let lines = [
        (
            format!("tanh of every neuron for every image ({} calls)", z.len()),
            c_library,
        ),
        (
            "the same with the vector tanh, the cheapest here".to_string(),
            vector,
        ),
        (
            "  the C library's tanh, nanoseconds per value".to_string(),
            c_library * 1e6 / z.len() as f64,
        ),
        (
            "  the vector tanh, nanoseconds per value".to_string(),
            vector * 1e6 / z.len() as f64,
        ),
        (
            "the 225 matrix products (7.3 million multiply-adds), matrixmultiply".to_string(),
            matrixmultiply,
        ),
        ("the same with gemm".to_string(), gemm),
        (
            "one core's fastest multiply-adds, GFLOP/s".to_string(),
            peak,
        ),
        (
            format!(
                "the {:.1} million operations at that speed",
                operations / 1e6
            ),
            arithmetic,
        ),
        (
            "the floor: those operations and the vector tanh".to_string(),
            least,
        ),
        (
            "the fast epoch in batches of 32, times the floor".to_string(),
            fast_batches / least,
        ),
    ];
    for (name, value) in lines {
        println!("  {name:<70} {value:>7.3}");
    }
    Ok(())
}

//! The speed of training, measured with the divan harness:
//!
//! ```text
//! cargo bench -p chapter-07
//! ```
//!
//! Three workloads, each in the plain form of chapters 5 and 7 and in the
//! fast form of [`TanhNetwork`]: one epoch of the 1,438 training digits one
//! image at a time, one epoch in batches of 32, and XOR's 10,000 epochs.
//! Every sample starts from the same network, so each run does the same
//! work. Then the pieces: tanh, the C library's and the vector one, per
//! value; the matrix products of a step, with matrixmultiply and with
//! gemm; and the floor of the machine that runs it, one core's fastest
//! multiply-adds (`floor`, in GFLOP/s). Add a filter to run some of them only, e.g.
//! `cargo bench -p chapter-07 -- xor`.

use std::sync::LazyLock;

use chapter_07::ndarray::Array2;
use chapter_07::{
    BatchSize, Initialisation, LearningRate, MeanSquaredError, SampleColumns, TanhNetwork,
    TrainableNetwork, digits_layers, load_digits, seeded_rng, train, train_batches,
    train_test_split, training_pairs, xor_layers, xor_samples,
};
use divan::Bencher;

fn main() {
    divan::main();
}

/// Samples as pairs of columns (for the plain code) and as matrices (for
/// the fast code).
type Samples = (Vec<(Array2<f64>, Array2<f64>)>, SampleColumns);

/// The 1,438 training images of chapter 6.
static DIGITS: LazyLock<Samples> = LazyLock::new(|| {
    let digits = load_digits().expect("the digits ship with chapter 6");
    let pairs = training_pairs(&train_test_split(&digits, 0.2, 0).train);
    let columns = SampleColumns::new(&pairs).expect("every image is a column");
    (pairs, columns)
});

/// The four XOR cases.
static XOR: LazyLock<Samples> = LazyLock::new(|| {
    let pairs = xor_samples();
    let columns = SampleColumns::new(&pairs).expect("every case is a column");
    (pairs, columns)
});

fn rate() -> LearningRate {
    LearningRate::new(0.1).expect("0.1 is a learning rate")
}

/// Chapter 6's 64-32-10 network, the plain way and the fast way.
fn digits_plain() -> TrainableNetwork {
    digits_fast().to_network()
}

fn digits_fast() -> TanhNetwork {
    TanhNetwork::new(&digits_layers(Initialisation::Scaled, 0)).expect("the layers fit")
}

/// Chapter 5's 2-3-1 XOR network, the plain way and the fast way.
fn xor_fast() -> TanhNetwork {
    TanhNetwork::new(&xor_layers(2)).expect("the layers fit")
}

fn xor_plain() -> TrainableNetwork {
    xor_fast().to_network()
}

/// One epoch of the digits, one image at a time.
mod digits_epoch_one_image_at_a_time {
    use super::{Bencher, DIGITS, MeanSquaredError, digits_fast, digits_plain, rate, train};

    #[divan::bench(sample_count = 30)]
    fn plain(bencher: Bencher) {
        let (pairs, _) = &*DIGITS;
        bencher
            .with_inputs(digits_plain)
            .bench_local_refs(|network| train(network, &MeanSquaredError, pairs, 1, rate()));
    }

    #[divan::bench(sample_count = 100)]
    fn fast(bencher: Bencher) {
        let (_, columns) = &*DIGITS;
        bencher
            .with_inputs(digits_fast)
            .bench_local_refs(|network| network.train(columns, 1, rate()));
    }
}

/// One epoch of the digits in shuffled batches of 32.
mod digits_epoch_batches_of_32 {
    use super::{
        BatchSize, Bencher, DIGITS, MeanSquaredError, digits_fast, digits_plain, rate, seeded_rng,
        train_batches,
    };

    fn batch_size() -> BatchSize {
        BatchSize::new(32).expect("32 is a batch size")
    }

    #[divan::bench(sample_count = 100)]
    fn plain(bencher: Bencher) {
        let (pairs, _) = &*DIGITS;
        bencher
            .with_inputs(digits_plain)
            .bench_local_refs(|network| {
                let rng = &mut seeded_rng(1);
                train_batches(
                    network,
                    &MeanSquaredError,
                    pairs,
                    batch_size(),
                    1,
                    rate(),
                    rng,
                )
            });
    }

    #[divan::bench(sample_count = 100)]
    fn fast(bencher: Bencher) {
        let (_, columns) = &*DIGITS;
        bencher
            .with_inputs(digits_fast)
            .bench_local_refs(|network| {
                network.train_batches(columns, batch_size(), 1, rate(), &mut seeded_rng(1))
            });
    }
}

/// XOR's 10,000 epochs, one case at a time.
mod xor_10000_epochs {
    use super::{Bencher, MeanSquaredError, XOR, rate, train, xor_fast, xor_plain};

    #[divan::bench(sample_count = 10)]
    fn plain(bencher: Bencher) {
        let (pairs, _) = &*XOR;
        bencher
            .with_inputs(xor_plain)
            .bench_local_refs(|network| train(network, &MeanSquaredError, pairs, 10_000, rate()));
    }

    #[divan::bench(sample_count = 30)]
    fn fast(bencher: Bencher) {
        let (_, columns) = &*XOR;
        bencher
            .with_inputs(xor_fast)
            .bench_local_refs(|network| network.train(columns, 10_000, rate()));
    }
}

/// tanh of 4,096 numbers from -4 to 4, one at a time with the C library's
/// `f64::tanh` and a whole slice at a time with the chapter's vector tanh:
/// divan's "item/s" is numbers per second (1 G item/s is 1 ns a number).
mod tanh_per_value {
    use chapter_07::tanh_in_place;
    use divan::Bencher;
    use divan::counter::ItemsCount;

    const COUNT: usize = 4096;

    fn values() -> Vec<f64> {
        (0..COUNT)
            .map(|k| k as f64 * 8.0 / COUNT as f64 - 4.0)
            .collect()
    }

    #[divan::bench(sample_count = 200)]
    fn c_library(bencher: Bencher) {
        bencher
            .counter(ItemsCount::new(COUNT))
            .with_inputs(values)
            .bench_local_refs(|z| {
                for value in z.iter_mut() {
                    *value = value.tanh();
                }
            });
    }

    #[divan::bench(sample_count = 200)]
    fn vector(bencher: Bencher) {
        bencher
            .counter(ItemsCount::new(COUNT))
            .with_inputs(values)
            .bench_local_refs(|z| tanh_in_place(z));
    }
}

/// The five matrix products of one training step on a batch of 32 digits,
/// `C ← s A B + β C` on buffers, with ndarray's `general_mat_mul` (the
/// matrixmultiply crate) and with the `gemm` crate, and the one-sample
/// product `W a`: divan's "item/s" is floating-point operations per second
/// (two for each multiply-add; 1 G item/s is 1 GFLOP/s).
mod products {
    use chapter_07::matrix_product;
    use chapter_07::ndarray::linalg::{general_mat_mul, general_mat_vec_mul};
    use chapter_07::ndarray::{Array1, Array2, ShapeBuilder};
    use divan::Bencher;
    use divan::counter::ItemsCount;

    /// The buffers of one batch step, filled with small numbers.
    struct Batch {
        w1: Array2<f64>,
        w2: Array2<f64>,
        x: Array2<f64>,
        a1: Array2<f64>,
        a2: Array2<f64>,
        d1: Array2<f64>,
    }

    fn batch() -> Batch {
        let fill = |(rows, columns): (usize, usize)| {
            Array2::from_shape_fn((rows, columns).f(), |(i, j)| {
                ((3 * i + 5 * j) % 11) as f64 * 0.02 - 0.1
            })
        };
        Batch {
            w1: fill((32, 64)).as_standard_layout().to_owned(),
            w2: fill((10, 32)).as_standard_layout().to_owned(),
            x: fill((64, 32)),
            a1: fill((32, 32)),
            a2: fill((10, 32)),
            d1: fill((32, 32)),
        }
    }

    /// 2 · (32·64·32 + 10·32·32 + 32·10·32 + 10·32·32 + 32·32·64).
    const BATCH_FLOPS: usize = 2 * (2 * 32 * 64 * 32 + 3 * 10 * 32 * 32);

    #[divan::bench(sample_count = 300)]
    fn batch_of_32_matrixmultiply(bencher: Bencher) {
        let mut b = batch();
        bencher
            .counter(ItemsCount::new(BATCH_FLOPS))
            .bench_local(|| {
                let b = &mut b;
                general_mat_mul(1.0, &b.w1, &b.x, 1.0, &mut b.a1);
                general_mat_mul(1.0, &b.w2, &b.a1, 1.0, &mut b.a2);
                general_mat_mul(1.0, &b.w2.t(), &b.a2, 0.0, &mut b.d1);
                general_mat_mul(-1e-9, &b.a2, &b.a1.t(), 1.0, &mut b.w2);
                general_mat_mul(-1e-9, &b.d1, &b.x.t(), 1.0, &mut b.w1);
            });
    }

    #[divan::bench(sample_count = 300)]
    fn batch_of_32_gemm(bencher: Bencher) {
        let mut b = batch();
        bencher
            .counter(ItemsCount::new(BATCH_FLOPS))
            .bench_local(|| {
                let b = &mut b;
                let fits = "the shapes fit";
                matrix_product(1.0, b.w1.view(), b.x.view(), 1.0, b.a1.view_mut()).expect(fits);
                matrix_product(1.0, b.w2.view(), b.a1.view(), 1.0, b.a2.view_mut()).expect(fits);
                matrix_product(1.0, b.w2.t(), b.a2.view(), 0.0, b.d1.view_mut()).expect(fits);
                matrix_product(-1e-9, b.a2.view(), b.a1.t(), 1.0, b.w2.view_mut()).expect(fits);
                matrix_product(-1e-9, b.d1.view(), b.x.t(), 1.0, b.w1.view_mut()).expect(fits);
            });
    }

    /// One sample's `W a` in the first layer: 32 × 64 times 64.
    const VECTOR_FLOPS: usize = 2 * 32 * 64;

    #[divan::bench(sample_count = 300)]
    fn one_sample_matrixmultiply(bencher: Bencher) {
        let b = batch();
        let a = b.x.column(0).to_owned();
        let mut y = Array1::zeros(32);
        bencher
            .counter(ItemsCount::new(VECTOR_FLOPS))
            .bench_local(|| general_mat_vec_mul(1.0, &b.w1, &a, 1.0, &mut y));
    }

    #[divan::bench(sample_count = 300)]
    fn one_sample_gemm(bencher: Bencher) {
        let b = batch();
        let a =
            b.x.column(0)
                .to_owned()
                .insert_axis(chapter_07::ndarray::Axis(1));
        let mut y = Array2::zeros((32, 1));
        bencher
            .counter(ItemsCount::new(VECTOR_FLOPS))
            .bench_local(|| {
                matrix_product(1.0, b.w1.view(), a.view(), 1.0, y.view_mut()).expect("they fit");
            });
    }
}

/// The floor: one core's fastest arithmetic, multiply-adds on 128
/// independent sums with the widest vectors the processor has. divan's
/// "item/s" is floating-point operations per second (1 G item/s is
/// 1 GFLOP/s). With the vector tanh's time per value above, it gives the
/// least time an epoch in batches of 32 could take: 14.5 million
/// operations and 60,396 tanh.
mod floor {
    use chapter_07::floor::{SUMS, multiply_adds};
    use divan::Bencher;
    use divan::counter::ItemsCount;

    const ROUNDS: usize = 20_000;

    #[divan::bench(sample_count = 100)]
    fn multiply_add_peak(bencher: Bencher) {
        bencher
            .counter(ItemsCount::new(2 * SUMS * ROUNDS))
            .bench_local(|| multiply_adds(divan::black_box(ROUNDS)));
    }
}

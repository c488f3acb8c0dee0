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
//! value. Add a filter to run some of them only, e.g.
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

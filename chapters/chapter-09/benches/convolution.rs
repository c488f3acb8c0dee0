//! The speed of the convolutional layer, measured with the divan harness:
//!
//! ```text
//! cargo bench -p chapter-09
//! ```
//!
//! The digits network's layer (8 kernels of 3 × 3 on an 8 × 8 image), on a
//! batch of 32 training images and on one image, forward and forward then
//! backward, in the plain form (`Convolution`, a cross-correlation per
//! kernel, channel and sample) and as one matrix product (`Im2col`). Add a
//! filter to run some of them only, e.g. `cargo bench -p chapter-09 -- forward_backward`.

use std::sync::LazyLock;

use chapter_09::ndarray::{Array2, Axis, concatenate};
use chapter_09::{
    Backward, Convolution, Im2col, Layer, conv_digits_layers, load_digits, train_test_split,
};
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// The first 32 training images of chapter 6's split, side by side.
static BATCH: LazyLock<Array2<f64>> = LazyLock::new(|| {
    let digits = load_digits().expect("the digits ship with chapter 6");
    let train = train_test_split(&digits, 0.2, 0).train;
    let columns: Vec<_> = train[..32].iter().map(|d| d.image.view()).collect();
    concatenate(Axis(1), &columns).expect("every image is a column")
});

fn layer() -> Convolution {
    conv_digits_layers(0).0
}

/// A gradient of the output's shape: the output itself will do.
fn both<L: Layer + Backward>(layer: &L, x: &Array2<f64>) -> Array2<f64> {
    let y = layer.forward(x).expect("the shapes fit");
    layer.backward(x, &y).expect("the shapes fit").input
}

#[divan::bench(args = [1, 32])]
fn forward_plain(bencher: Bencher, samples: usize) {
    let (layer, x) = (
        layer(),
        BATCH
            .slice(chapter_09::ndarray::s![.., ..samples])
            .to_owned(),
    );
    bencher.bench(|| black_box(layer.forward(black_box(&x)).expect("the shapes fit")));
}

#[divan::bench(args = [1, 32])]
fn forward_im2col(bencher: Bencher, samples: usize) {
    let (layer, x) = (
        Im2col(layer()),
        BATCH
            .slice(chapter_09::ndarray::s![.., ..samples])
            .to_owned(),
    );
    bencher.bench(|| black_box(layer.forward(black_box(&x)).expect("the shapes fit")));
}

#[divan::bench(args = [1, 32])]
fn forward_backward_plain(bencher: Bencher, samples: usize) {
    let (layer, x) = (
        layer(),
        BATCH
            .slice(chapter_09::ndarray::s![.., ..samples])
            .to_owned(),
    );
    bencher.bench(|| black_box(both(&layer, black_box(&x))));
}

#[divan::bench(args = [1, 32])]
fn forward_backward_im2col(bencher: Bencher, samples: usize) {
    let (layer, x) = (
        Im2col(layer()),
        BATCH
            .slice(chapter_09::ndarray::s![.., ..samples])
            .to_owned(),
    );
    bencher.bench(|| black_box(both(&layer, black_box(&x))));
}

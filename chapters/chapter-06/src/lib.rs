//! # Chapter 6: real data, handwritten digits
//!
//! 1,797 images of handwritten digits, 8x8 pixels each, ship with this
//! chapter ([`load_digits`]; the file and its licence are in `data/`). The
//! network of chapters 1 to 5 learns to read them: one-hot targets
//! ([`one_hot()`]), a fixed train/test split ([`train_test_split`]), accuracy
//! and a confusion matrix ([`accuracy`], [`ConfusionMatrix`]). No new math,
//! and one new lesson: the size of the starting weights matters
//! ([`Initialisation`], [`scaled_dense`]).
//!
//! Run `cargo run --release -p chapter-06 --example digits`.
//!
//! This crate adds functions and types around the layers of chapters 1 to
//! 5, and re-exports everything before it.

pub mod data;
// `cargo test -p chapter-06 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod init;
#[cfg(feature = "exercise")]
#[path = "../exercise/init.rs"]
pub mod init;
pub mod metrics;
pub mod one_hot;
pub mod split;

pub use chapter_05::*;
pub use data::{
    CLASSES, DataError, Digit, MAX_PIXEL, PIXELS, SIDE, default_path, load_digits, load_digits_from,
};
pub use init::{
    HIDDEN, Initialisation, Saturation, digits_layers, digits_network, saturation, scaled_dense,
};
pub use metrics::{ConfusionMatrix, accuracy, evaluate};
pub use one_hot::{one_hot, predicted_class, training_pairs};
pub use split::{Split, train_test_split};

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code, so not under
// `--features exercise`: there the tests in tests/ are the checks of the
// learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-06.md")]
mod book {}

//! # Chapter 9: convolution, a layer that looks at neighbours
//!
//! A [`Convolution`] slides a few small kernels over an image and uses the
//! same weights at every position: `Y_i = B_i + Σ_j X_j ⋆ K_ij`, with `⋆`
//! the valid [`cross_correlate`]. Its gradients are again
//! cross-correlations and convolutions: `dE/dK_ij = X_j ⋆ dE/dY_i`,
//! `dE/db_i` the sum of `dE/dY_i`, and `dE/dX_j = Σ_i dE/dY_i ∗ K_ij`, the
//! [`convolve_full`] with the kernel turned by 180°.
//!
//! Samples stay columns: a column is an image of known [`ImageShape`],
//! channel after channel, so the layer fits chapter 5's training loop,
//! chapter 7's mini-batches and chapter 8's softmax unchanged. [`Im2col`]
//! computes the same numbers as one matrix product per batch.
//!
//! Run `cargo run --release -p chapter-09 --example convolution`,
//! `cargo run --release -p chapter-09 --example digits`,
//! `cargo run --release -p chapter-09 --example seeds` and
//! `cargo bench -p chapter-09`.
//!
//! This crate adds two layers to chapters 1 to 8, and re-exports
//! everything before it.

// `cargo test -p chapter-09 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod convolution;
#[cfg(feature = "exercise")]
#[path = "../exercise/convolution.rs"]
pub mod convolution;
pub mod digits;
pub mod im2col;
pub mod image;

pub use chapter_08::*;
pub use convolution::{Convolution, MaxPool, convolve_full, cross_correlate};
pub use digits::{
    KERNEL_SIZE, KERNELS, POOL, conv_digits_layers, conv_digits_network, parameter_count,
};
pub use im2col::{Im2col, patches};
pub use image::ImageShape;

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code (some use the
// exercise's extension), so not under `--features exercise`: there the
// tests in tests/ are the checks of the learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-09.md")]
mod book {}

//! # Chapter 7: many samples at once, mini-batches
//!
//! Samples become the columns of `X`, and the formulas of chapters 1 to 5
//! hold for a whole batch as they are: `dE/dW = G Xᵀ` adds up one outer
//! product per sample, `dE/dB` sums `G` over the batch, and the mean
//! squared error averages over it. So chapter 5's `train_step` already
//! trains on a batch; what is new is the loop that cuts the data into
//! batches, in an order the caller gives ([`train_in_order`]) or shuffled
//! afresh every epoch ([`train_batches`]), with [`BatchSize`] and
//! [`stack_columns`].
//!
//! The second half of the chapter makes training fast: [`TanhNetwork`]
//! computes exactly the same numbers as the layers of chapters 1 to 5, one
//! sample or one batch at a time, without allocating, with matrix-vector
//! products on views and updates done in place.
//!
//! Run `cargo run --release -p chapter-07 --example batches`,
//! `cargo run --release -p chapter-07 --example speed` and
//! `cargo bench -p chapter-07`.
//!
//! This crate adds functions and a type around the layers of chapters 1 to
//! 6, and re-exports everything before it.

// `cargo test -p chapter-07 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod batches;
#[cfg(feature = "exercise")]
#[path = "../exercise/batches.rs"]
pub mod batches;
pub mod fast;
pub mod floor;
mod order;
pub mod products;
pub mod tanh;

pub use batches::{
    BatchSize, BatchSizeError, evaluate_batch, predicted_classes, stack_columns, train_batches,
    train_in_order,
};
pub use chapter_06::*;
pub use fast::{SampleColumns, TanhNetwork};
pub use floor::multiply_adds;
pub use products::matrix_product;
pub use tanh::tanh_in_place;

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code (some use the
// exercise's extension), so not under `--features exercise`: there the
// tests in tests/ are the checks of the learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-07.md")]
mod book {}

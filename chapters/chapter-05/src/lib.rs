//! # Chapter 5: learning, the update rule
//!
//! After the backward pass has computed every gradient, the update rule
//! moves every parameter a small step against its gradient:
//! `θ ← θ - α · dE/dθ` ([`update()`]). Repeating forward, error, backward and
//! update over the data is the training loop ([`train_step`], [`train()`]).
//! With it, a 2-3-1 network with tanh learns XOR
//! (`cargo run -p chapter-05 --example xor`).
//!
//! The exercise's extension, [`LearningRate::decayed`], is a learning rate
//! that shrinks from epoch to epoch.
//!
//! This crate adds a trait ([`Parameters`]) implemented for the layers of
//! chapters 1 and 3, and re-exports everything before it.

pub mod parameters;
pub mod train;
// `cargo test -p chapter-05 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod update;
#[cfg(feature = "exercise")]
#[path = "../exercise/update.rs"]
pub mod update;
pub mod xor;

pub use chapter_04::*;
pub use parameters::{Parameters, Trainable};
pub use train::{TrainableNetwork, train, train_step};
pub use update::{LearningRate, TrainingError, update};
pub use xor::{xor_layers, xor_network, xor_samples};

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code (some use the
// exercise's extension), so not under `--features exercise`: there the
// tests in tests/ are the checks of the learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-05.md")]
mod book {}

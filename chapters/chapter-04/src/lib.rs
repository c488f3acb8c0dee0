//! # Chapter 4: measuring error, the mean squared error
//!
//! A [`Loss`] turns a prediction `Y` and a desired output `Y*` into one
//! number, the error `E`, and gives `dE/dY`, where the backward pass starts.
//! [`MeanSquaredError`]: `E = (1/n_y) Σ_j (y*_j - y_j)²`, `dE/dY = (2/n_y)(Y - Y*)`
//! for one sample of `n_y` outputs (the mean over all `n_y m` entries for `m`).
//! The exercise's extension, [`BinaryCrossEntropy`], is a second loss, for
//! outputs that are probabilities.
//!
//! This crate adds a new trait and types implementing it, and re-exports
//! everything before it.

// `cargo test -p chapter-04 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod loss;
#[cfg(feature = "exercise")]
#[path = "../exercise/loss.rs"]
pub mod loss;

pub use chapter_03::*;
pub use loss::{BinaryCrossEntropy, Loss, MeanSquaredError, NotAProbability, check_same_shape};

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code (some use the
// exercise's extension), so not under `--features exercise`: there the
// tests in tests/ are the checks of the learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-04.md")]
mod book {}

//! # Chapter 8: probabilities out, softmax and cross-entropy
//!
//! A classifier should answer with probabilities. The [`Softmax`] layer
//! turns each column of logits into one (every entry between 0 and 1,
//! adding up to 1), computed with the column's largest logit subtracted so
//! that nothing overflows. Its backward pass is `J dE/dY` with the
//! Jacobian `J = diag(y) - y yᵀ`, computed without building `J`.
//! [`CrossEntropy`] measures the probability given to the right answer,
//! `E = -(1/m) Σ Σ y* ln y`; and the two together,
//! [`SoftmaxCrossEntropy`], have the gradient `(Y - Y*) / m` with respect
//! to the logits, which is why libraries fuse them.
//!
//! What softmax and cross-entropy need of their numbers (finite logits,
//! targets that are distributions, no `ln 0`) is checked in
//! [`distribution`], and a [`ProbabilityError`] names the sample and the
//! entry that broke it.
//!
//! Run `cargo run --release -p chapter-08 --example softmax`,
//! `cargo run --release -p chapter-08 --example digits` and
//! `cargo run --release -p chapter-08 --example seeds`.
//!
//! This crate adds a layer and two losses to chapters 1 to 7, and
//! re-exports everything before it.

pub mod digits;
pub mod distribution;
pub mod fused;
// `cargo test -p chapter-08 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod softmax;
#[cfg(feature = "exercise")]
#[path = "../exercise/softmax.rs"]
pub mod softmax;

pub use chapter_07::*;
pub use digits::{Spread, class_probabilities, softmax_digits_network};
pub use distribution::{ProbabilityError, SUM_TOLERANCE, check_distributions, check_logits};
pub use fused::{SoftmaxCrossEntropy, log_softmax};
pub use softmax::{CrossEntropy, Softmax, smooth_labels};

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code (some use the
// exercise's extension), so not under `--features exercise`: there the
// tests in tests/ are the checks of the learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-08.md")]
mod book {}

//! # Chapter 1: the forward pass
//!
//! A layer turns an input into an output ([`Layer`]). The dense layer
//! ([`Dense`]) computes `Y = W X + B`. A network ([`Network`]) is an ordered
//! list of layers, and predicting is feeding each layer's output into the
//! next. Every shape is checked, and a wrong one is reported with a
//! [`ShapeError`] that names the layer, the array, and the expected and found
//! shapes.
//!
//! The book's page for this chapter is `book/src/chapter-01.md`; every Rust
//! example on it is compiled and run by `cargo test -p chapter-01`.

// `cargo test -p chapter-01 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod dense;
#[cfg(feature = "exercise")]
#[path = "../exercise/dense.rs"]
pub mod dense;
pub mod error;
pub mod layer;
pub mod network;
#[cfg(feature = "testing")]
pub mod testing;

pub use dense::Dense;
pub use error::ShapeError;
pub use layer::Layer;
pub use network::Network;

/// The array library every chapter uses, re-exported so that examples and
/// later chapters use the very same version.
pub use ndarray;
/// The random number library, re-exported for the same reason.
pub use rand;

// ANCHOR: seeded_rng
/// A seeded random number generator that gives the same numbers on every
/// machine, so that the book's printed numbers and pictures can be
/// reproduced exactly.
///
/// (Rand's `StdRng` is allowed to change between versions and platforms;
/// Xoshiro256++ is a fixed, documented algorithm.)
#[must_use]
pub fn seeded_rng(seed: u64) -> rand::rngs::Xoshiro256PlusPlus {
    rand::SeedableRng::seed_from_u64(seed)
}
// ANCHOR_END: seeded_rng

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code, so not under
// `--features exercise`: there the tests in tests/ are the checks of the
// learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-01.md")]
mod book {}

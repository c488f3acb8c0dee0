//! # Chapter 2: the dense layer, backward
//!
//! The second job of a layer ([`Backward`]): from `dE/dY`, compute `dE/dX`
//! and the gradients of the parameters ([`Gradients`]). For the dense layer
//! of chapter 1: `dE/dW = dE/dY · Xᵀ`, `dE/dB = dE/dY`, `dE/dX = Wᵀ · dE/dY`.
//! [`numerical_gradient`] checks such formulas by central finite differences,
//! and [`check_dense_gradients`] checks a whole dense backward pass that way.
//!
//! This crate adds a *trait* (`Backward`) and implements it for chapter 1's
//! `Dense`; everything from chapter 1 is re-exported, so this crate is all a
//! later chapter needs.

pub mod backward;
// `cargo test -p chapter-02 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod dense;
#[cfg(feature = "exercise")]
#[path = "../exercise/dense.rs"]
pub mod dense;
pub mod gradient_check;
#[cfg(feature = "testing")]
pub mod testing;

pub use backward::{Backward, Gradients, check_output_gradient};
pub use chapter_01::*;
pub use dense::check_dense_gradients;
pub use gradient_check::{compare_gradients, numerical_gradient};

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code (some use the
// exercise's extension), so not under `--features exercise`: there the
// tests in tests/ are the checks of the learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-02.md")]
mod book {}

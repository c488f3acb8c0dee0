//! # Chapter 3: activation layers and tanh
//!
//! An activation layer ([`Activation`]) applies a function to every entry:
//! `Y = f(X)`. Going backward, `dE/dX = dE/dY ⊙ f'(X)`. The hyperbolic
//! tangent, `tanh`, with `tanh' = 1 - tanh²`, is the one this book uses;
//! the sigmoid and `ReLU` are there too.
//! Without a non-linear layer between them, dense layers collapse into one.
//!
//! This crate adds a new *type* that implements the traits of chapters 1
//! and 2 (`Layer` and `Backward`), and re-exports everything before it.

// `cargo test -p chapter-03 --features exercise` swaps in the learner's
// version of the chapter's concept, from `exercise/`; everything else, and
// every test, stays the same.
#[cfg(not(feature = "exercise"))]
pub mod activation;
#[cfg(feature = "exercise")]
#[path = "../exercise/activation.rs"]
pub mod activation;

pub use activation::Activation;
pub use chapter_02::*;

// Every free-standing Rust block on the chapter's page is compiled and run
// as a doctest of this crate. They check the book's code (some use the
// exercise's extension), so not under `--features exercise`: there the
// tests in tests/ are the checks of the learner's code.
#[cfg(doctest)]
#[cfg(not(feature = "exercise"))]
#[doc = include_str!("../../../book/src/chapter-03.md")]
mod book {}

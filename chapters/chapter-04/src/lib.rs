//! # Chapter 4: measuring error, the mean squared error
//!
//! A [`Loss`] turns a prediction `Y` and a desired output `Y*` into one
//! number, the error `E`, and gives `dE/dY`, where the backward pass starts.
//! [`MeanSquaredError`]: `E = (1/n) Σ (y*ᵢ - yᵢ)²`, `dE/dY = (2/n)(Y - Y*)`.
//!
//! This crate adds a new trait and a type implementing it, and re-exports
//! everything before it.

pub mod loss;

pub use chapter_03::*;
pub use loss::{Loss, MeanSquaredError, check_same_shape};

#[cfg(doctest)]
#[doc = include_str!("../../../book/src/chapter-04.md")]
mod book {}

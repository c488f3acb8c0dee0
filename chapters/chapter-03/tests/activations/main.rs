//! Chapter 3's tests, of the activation layers, in one test binary: each module
//! is a file of `tests/activations/`, named for what it checks. One binary, not
//! one per file, because cargo links every test binary on its own, in
//! `cargo test` and again for every mutant that `.ci/mutants` builds.
//!
//! `sigmoid_relu` and `sigmoid_relu_properties` check the extension, the
//! sigmoid and `ReLU`: they compile without `--features exercise`, or with
//! `--features extension` (the `#![cfg]` at their tops).

// The helpers that several modules share.
#[path = "../common/mod.rs"]
mod common;

mod activation;
mod activation_properties;
mod sigmoid_relu;
mod sigmoid_relu_properties;

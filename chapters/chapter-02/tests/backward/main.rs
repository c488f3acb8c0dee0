//! Chapter 2's tests, of the dense layer's backward pass, in one test binary:
//! each module is a file of `tests/backward/`, named for what it checks. One
//! binary, not one per file, because cargo links every test binary on its own,
//! in `cargo test` and again for every mutant that `.ci/mutants` builds.
//!
//! `check_dense_gradients` and `check_dense_gradients_properties` check the
//! extension, `check_dense_gradients`: they compile without
//! `--features exercise`, or with `--features extension` (the `#![cfg]` at
//! their tops).

// The helpers that several modules share.
#[path = "../common/mod.rs"]
mod common;

mod check_dense_gradients;
mod check_dense_gradients_properties;
mod dense;
mod gradient_properties;

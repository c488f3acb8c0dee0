//! Chapter 7's tests, of mini-batches and the fast network, in one test binary:
//! each module is a file of `tests/mini_batches/`, named for what it checks.
//! One binary, not one per file, because cargo links every test binary on its
//! own, in `cargo test` and again for every mutant that `.ci/mutants` builds.
//!
//! `predicted_classes` checks the extension, `predicted_classes`: it compiles
//! without `--features exercise`, or with `--features extension` (the `#![cfg]`
//! at its top).

mod batch_properties;
mod batches;
mod fast;
mod floor;
mod predicted_classes;
mod products;
mod reproduce;
mod tanh;

//! Chapter 4's tests, of the losses, in one test binary: each module is a file
//! of `tests/losses/`, named for what it checks. One binary, not one per file,
//! because cargo links every test binary on its own, in `cargo test` and again
//! for every mutant that `.ci/mutants` builds.
//!
//! `binary_cross_entropy` and `binary_cross_entropy_properties` check the
//! extension, the binary cross-entropy: they compile without
//! `--features exercise`, or with `--features extension` (the `#![cfg]` at
//! their tops).

// The helpers that several modules share.
#[path = "../common/mod.rs"]
mod common;

mod binary_cross_entropy;
mod binary_cross_entropy_properties;
mod loss;
mod loss_properties;

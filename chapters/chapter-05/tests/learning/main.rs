//! Chapter 5's tests, of the update and the training loop, in one test binary:
//! each module is a file of `tests/learning/`, named for what it checks. One
//! binary, not one per file, because cargo links every test binary on its own,
//! in `cargo test` and again for every mutant that `.ci/mutants` builds.
//!
//! `decayed` checks the extension, `LearningRate::decayed`: it compiles without
//! `--features exercise`, or with `--features extension` (the `#![cfg]` at its
//! top).

mod decayed;
mod parameters;
mod training_properties;
mod update;

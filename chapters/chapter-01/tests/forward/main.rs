//! Chapter 1's tests, of the forward pass, in one test binary: each module is a
//! file of `tests/forward/`, named for what it checks. One binary, not one per
//! file, because cargo links every test binary on its own, in `cargo test` and
//! again for every mutant that `.ci/mutants` builds.

mod dense;
mod forward_properties;

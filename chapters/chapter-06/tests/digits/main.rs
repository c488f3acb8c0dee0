//! Chapter 6's tests, of the digits, their loader and the initialisation, in
//! one test binary: each module is a file of `tests/digits/`, named for what it
//! checks. One binary, not one per file, because cargo links every test binary
//! on its own, in `cargo test` and again for every mutant that `.ci/mutants`
//! builds.

mod initialisation;
mod loader_bad_bytes;
mod properties;

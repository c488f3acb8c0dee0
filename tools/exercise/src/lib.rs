//! The learner's tool behind `cargo exercise`: it checks a chapter's
//! exercise the way its tests do, and answers with a short report of each
//! function to write (done, still to write, or wrong) and, for the first
//! wrong one, the one message that says what to fix.
//!
//! What each chapter's exercise asks for is in
//! `chapters/chapter-NN/exercise/info.toml` ([`info`]).

pub mod anchors;
pub mod info;
pub mod progress;
pub mod report;
pub mod reset;
pub mod run;

//! Build a chapter's tests against the learner's exercise and run them, the
//! way `cargo test` would, but keeping what a learner needs and nothing else:
//! every test binary runs (no stop at the first that fails), backtraces are
//! off whatever the learner's shell says, proptest shrinks a little and
//! quietly, and each failure is reduced to its first panic message.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde::Deserialize;

use crate::info::Chapter;

/// How one test ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It passed.
    Passed,
    /// It panicked on the `todo!()` of the named function.
    Todo(String),
    /// It failed otherwise.
    Failed(Failure),
}

/// What a failed test said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The panic message (for a property, the message of the case it failed on).
    pub message: String,
    /// Where it panicked, `file:line:column`.
    pub location: String,
}

/// One test of the chapter and how it ended.
#[derive(Debug, Clone)]
pub struct TestResult {
    /// `binary::path`: the test binary's name (`lib` for the unit tests in
    /// `src/`) and the test's path inside it, which for a chapter's one
    /// integration-test binary starts with the module, i.e. the file.
    pub id: String,
    /// How it ended.
    pub outcome: Outcome,
    /// The test binary, to run it again alone.
    pub binary: PathBuf,
    /// Its name inside that binary.
    pub name: String,
}

/// The compiler's errors, when the exercise does not compile.
#[derive(Debug, Clone)]
pub struct CompileErrors {
    /// Each error as rustc renders it, those in the exercise file first.
    pub errors: Vec<String>,
    /// What cargo printed, for a failure that is not a compiler error.
    pub stderr: String,
}

/// What running a chapter's tests gave.
#[derive(Debug, Clone)]
pub enum Run {
    /// The tests ran.
    Tests(Vec<TestResult>),
    /// They did not compile.
    DoesNotCompile(CompileErrors),
}

/// The environment every test binary runs in.
fn quiet(command: &mut Command) -> &mut Command {
    command
        .env("RUST_BACKTRACE", "0")
        .env("RUST_LIB_BACKTRACE", "0")
        // Shrinking re-runs a failing property, and each run prints its
        // panic again; a few rounds are enough to make the case small.
        .env("PROPTEST_MAX_SHRINK_ITERS", "64")
        .env("PROPTEST_MAX_SHRINK_TIME", "2000")
        .env_remove("PROPTEST_CASES")
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    #[serde(default)]
    executable: Option<PathBuf>,
    #[serde(default)]
    target: Option<Target>,
    #[serde(default, rename = "message")]
    diagnostic: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    rendered: Option<String>,
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Span {
    file_name: String,
    is_primary: bool,
}

/// Build the chapter's tests (unit and integration, not the page's doctests)
/// with the exercise swapped in, and run them all.
pub fn run(root: &Path, chapter: &Chapter) -> Result<Run, String> {
    let output = cargo()
        .current_dir(root)
        .args(["test", "--no-run", "--tests", "--message-format=json"])
        .args([
            "--package",
            &chapter.package,
            "--features",
            chapter.feature(),
        ])
        .env("CARGO_TERM_COLOR", "never")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    let mut binaries = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    let exercise = format!("exercise/{}", chapter.info.file);
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Message>(line) else {
            continue;
        };
        match message.reason.as_str() {
            "compiler-artifact" => {
                if let (Some(executable), Some(target)) = (message.executable, message.target) {
                    let name = if target.kind.iter().any(|k| k == "test") {
                        target.name
                    } else {
                        "lib".to_string()
                    };
                    binaries.push((name, executable));
                }
            }
            "compiler-message" => {
                let Some(diagnostic) = message.diagnostic else {
                    continue;
                };
                if diagnostic.level != "error" {
                    continue;
                }
                let Some(rendered) = diagnostic.rendered else {
                    continue;
                };
                // The same error comes once per target that compiles the
                // file (the library, and its unit-test build).
                if !seen.insert(rendered.clone()) {
                    continue;
                }
                if rendered.starts_with("error: aborting") {
                    continue;
                }
                let rendered = tidy_error(&rendered);
                let in_exercise = diagnostic
                    .spans
                    .iter()
                    .any(|span| span.is_primary && span.file_name.ends_with(&exercise));
                errors.push((!in_exercise, rendered));
            }
            _ => {}
        }
    }
    if !output.status.success() {
        // Stable sort: those in the exercise file first, each group in order.
        errors.sort_by_key(|(elsewhere, _)| *elsewhere);
        return Ok(Run::DoesNotCompile(CompileErrors {
            errors: errors.into_iter().map(|(_, rendered)| rendered).collect(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }));
    }
    binaries.sort();
    let mut results = Vec::new();
    for (target, binary) in binaries {
        let output = quiet(&mut Command::new(&binary))
            .current_dir(&chapter.dir)
            .env("CARGO_MANIFEST_DIR", &chapter.dir)
            .args(["--color", "never"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not run {}: {e}", binary.display()))?;
        results.extend(parse(&target, &binary, &output));
    }
    Ok(Run::Tests(results))
}

/// A compiler error without what points into the standard library or a
/// crate's source (`note: method defined here --> /rustc/...`), and with
/// the exercise's path as the learner knows it.
fn tidy_error(rendered: &str) -> String {
    let mut sections: Vec<Vec<&str>> = vec![];
    for line in rendered.lines() {
        if sections.is_empty() || line.starts_with("note:") || line.starts_with("help:") {
            sections.push(vec![]);
        }
        sections.last_mut().expect("one section").push(line);
    }
    let mut out = String::new();
    for (index, section) in sections.iter().enumerate() {
        let foreign = section
            .iter()
            .any(|l| l.contains("/rustc/") || l.contains("/.cargo/registry/"));
        if index > 0 && foreign {
            continue;
        }
        for line in section {
            out.push_str(&line.replace("/src/../exercise/", "/exercise/"));
            out.push('\n');
        }
    }
    out.trim_end().to_string() + "\n"
}

/// Run one test again alone, with a backtrace and no shrinking, and return
/// its output: to find which line of the learner's code a panic inside a
/// library came from.
#[must_use]
pub fn rerun_with_backtrace(chapter: &Chapter, test: &TestResult) -> Option<String> {
    let output = quiet(&mut Command::new(&test.binary))
        .current_dir(&chapter.dir)
        .env("CARGO_MANIFEST_DIR", &chapter.dir)
        .env("RUST_BACKTRACE", "1")
        .env("PROPTEST_MAX_SHRINK_ITERS", "0")
        .args(["--color", "never", "--exact", "--nocapture", &test.name])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some(format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// The results in a test binary's output (libtest's plain text: stable Rust
/// has no machine-readable format).
fn parse(target: &str, binary: &Path, output: &Output) -> Vec<TestResult> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut results = Vec::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, status)) = rest.rsplit_once(" ... ") else {
            continue;
        };
        // `#[should_panic]` tests are listed as `name - should panic`.
        let name = name.strip_suffix(" - should panic").unwrap_or(name);
        let outcome = match status.trim() {
            "ok" => Outcome::Passed,
            "FAILED" => failure(&stdout, name),
            _ => continue,
        };
        results.push(TestResult {
            id: format!("{target}::{name}"),
            outcome,
            binary: binary.to_path_buf(),
            name: name.to_string(),
        });
    }
    results
}

/// What the failed test `name` printed: libtest gathers it under
/// `---- name stdout ----` after all tests have run.
fn failure(stdout: &str, name: &str) -> Outcome {
    let header = format!("---- {name} stdout ----");
    let block = stdout.split_once(&header).map_or("", |(_, rest)| {
        let end = rest
            .find("\n---- ")
            .or_else(|| rest.find("\nfailures:\n"))
            .unwrap_or(rest.len());
        &rest[..end]
    });
    let panics = panics(block);
    // A `#[should_panic]` test that failed: libtest says why in a note.
    let note = block
        .split_once("note: panic did not contain expected string")
        .map(|(_, rest)| {
            let said = |key: &str| {
                rest.lines()
                    .find_map(|l| l.trim().strip_prefix(key))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            format!(
                "it should panic with a message containing {}, but it panicked with {}",
                said("expected substring:"),
                said("panic message:")
            )
        })
        .or_else(|| {
            block
                .contains("note: test did not panic as expected")
                .then(|| "it should panic (refuse its input), but it returned normally".to_string())
        });
    // A property's last panic is proptest's summary of the case it settled
    // on ("Test failed: ..."); a plain test has one panic.
    let chosen = panics
        .iter()
        .rev()
        .find(|p| p.message.starts_with("Test failed: "))
        .or_else(|| panics.first())
        .cloned()
        .unwrap_or(Failure {
            message: "the test failed without a panic message".to_string(),
            location: String::new(),
        });
    let message = tidy(&chosen.message);
    if let Some(function) = todo_function(&message) {
        return Outcome::Todo(function);
    }
    if let Some(note) = note {
        return Outcome::Failed(Failure {
            message: note,
            location: String::new(),
        });
    }
    // A property whose summary is another panic's message: take the first
    // one's location (the summary's is proptest's macro).
    let location = if chosen.message.starts_with("Test failed: ") {
        panics
            .first()
            .map_or(chosen.location.clone(), |p| p.location.clone())
    } else {
        chosen.location
    };
    Outcome::Failed(Failure { message, location })
}

/// Every `thread '...' panicked at LOCATION:` and the message after it.
pub(crate) fn panics(text: &str) -> Vec<Failure> {
    let mut found = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        // thread 'name' (id) panicked at file:line:column:
        let Some(rest) = line
            .strip_prefix("thread '")
            .and_then(|line| line.split_once(" panicked at "))
            .map(|(_, rest)| rest)
        else {
            continue;
        };
        let location = rest.trim_end_matches(':').to_string();
        let mut message = Vec::new();
        while let Some(next) = lines.peek() {
            if next.starts_with("note: ")
                || next.starts_with("thread '")
                || next.starts_with("stack backtrace:")
                || next.starts_with("proptest: ")
            {
                break;
            }
            message.push(*next);
            lines.next();
        }
        while message.last().is_some_and(|l| l.trim().is_empty()) {
            message.pop();
        }
        found.push(Failure {
            message: message.join("\n"),
            location,
        });
    }
    found
}

/// The function a `todo!()` message names: `not yet implemented: Dense::new: ...`.
fn todo_function(message: &str) -> Option<String> {
    let rest = message.strip_prefix("not yet implemented")?;
    let rest = rest.strip_prefix(": ").unwrap_or("");
    let name = rest.split(": ").next().unwrap_or("").trim();
    Some(if name.is_empty() {
        "a function".to_string()
    } else {
        name.to_string()
    })
}

/// A message without proptest's wrapping and ndarray's layout details.
fn tidy(message: &str) -> String {
    let message = message.strip_prefix("Test failed: ").unwrap_or(message);
    // proptest's counts of successes and rejects say nothing to a learner.
    let message: Vec<&str> = message
        .lines()
        .filter(|line| !line.starts_with('\t'))
        .collect();
    let message = message.join("\n");
    // "MESSAGE.\nminimal failing input: x = ...": keep the input, said plainly.
    let mut text = match message
        .split_once(".\nminimal failing input: ")
        .or_else(|| message.split_once("; minimal failing input: "))
    {
        Some((first, input)) => format!("{first}\nfor the input {}", input.trim_end_matches('.')),
        None => message.clone(),
    };
    // "[[1.0, 2.0]], shape=[1, 2], strides=[2, 1], layout=CFcf (0xf), const ndim=2"
    while let Some(start) = text.find(", shape=[") {
        let end = text[start..]
            .find("const ndim=2")
            .map_or(text.len(), |e| start + e + "const ndim=2".len());
        text.replace_range(start..end, "");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compile_error_loses_its_notes_about_the_standard_library() {
        let rendered = "error[E0308]: mismatched types\n  --> chapters/chapter-03/src/../exercise/activation.rs:50:62\n   |\n\
                        note: method defined here\n  --> /rustc/5980/library/std/src/num/f64.rs:323:11\n\n\
                        help: try this\n   |\n";
        assert_eq!(
            tidy_error(rendered),
            "error[E0308]: mismatched types\n  --> chapters/chapter-03/exercise/activation.rs:50:62\n   |\nhelp: try this\n   |\n"
        );
    }

    #[test]
    fn a_should_panic_test_that_did_not_panic_says_so() {
        let stdout = "---- t stdout ----\nnote: test did not panic as expected at tests/d.rs:3:5\n\nfailures:\n";
        let Outcome::Failed(failure) = failure(stdout, "t") else {
            panic!("not a failure")
        };
        assert!(
            failure.message.contains("it should panic"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn a_should_panic_test_with_another_message_shows_both() {
        let stdout = "---- t stdout ----\nthread 't' (2) panicked at x.rs:1:1:\nneeds one input\nnote: panic did not contain expected string\n      panic message: \"needs one input\"\n expected substring: \"at least one input\"\n\nfailures:\n";
        let Outcome::Failed(failure) = failure(stdout, "t") else {
            panic!("not a failure")
        };
        assert_eq!(
            failure.message,
            "it should panic with a message containing \"at least one input\", but it panicked with \"needs one input\""
        );
    }

    #[test]
    fn a_todo_names_its_function() {
        assert_eq!(
            todo_function("not yet implemented: Dense::new: check the shapes"),
            Some("Dense::new".to_string())
        );
        assert_eq!(todo_function("left == right"), None);
    }

    #[test]
    fn the_summary_of_a_property_keeps_its_message_and_input() {
        let block = "thread 'p' (12) panicked at tests/a.rs:3:5:\nboom\nnote: run with `RUST_BACKTRACE=1`\n\
                     thread 'p' (12) panicked at tests/a.rs:3:5:\nboom\n\
                     thread 'p' (12) panicked at tests/a.rs:1:1:\nTest failed: dE/dX entry (0, 0) is 1.0, but finite differences give 2.0.\nminimal failing input: x = [[1.5]], shape=[1, 1], strides=[1, 1], layout=CFcf (0xf), const ndim=2\n\tsuccesses: 0\n\tlocal rejects: 0\n";
        let stdout = format!("---- p stdout ----\n{block}\nfailures:\n    p\n");
        let Outcome::Failed(failure) = failure(&stdout, "p") else {
            panic!("not a failure")
        };
        assert_eq!(
            failure.message,
            "dE/dX entry (0, 0) is 1.0, but finite differences give 2.0\nfor the input x = [[1.5]]"
        );
        assert_eq!(failure.location, "tests/a.rs:3:5");
    }

    #[test]
    fn a_todo_inside_a_property_is_a_todo() {
        let stdout = "---- p stdout ----\nthread 'p' (3) panicked at x.rs:1:1:\nTest failed: not yet implemented: Activation::tanh: build it.\nminimal failing input: x = 0.0\n\tsuccesses: 0\n\nfailures:\n";
        assert_eq!(
            failure(stdout, "p"),
            Outcome::Todo("Activation::tanh".to_string())
        );
    }
}

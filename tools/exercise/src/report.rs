//! From test results to what the learner reads: each function to write, in
//! hint order, with its state, and for the first wrong one the one message
//! that says what to fix.

use std::fmt::Write as _;
use std::path::Path;

use crate::anchors;
use crate::info::{Chapter, Function};
use crate::run::{self, CompileErrors, Outcome, Run, TestResult};

/// Where one function stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Its body is still a `todo!()` (at this 1-based line).
    ToWrite(usize),
    /// Written, and every test of it passes.
    Done,
    /// Written, but its tests cannot run before this other function is.
    Waiting(String),
    /// Written, and a test of it fails.
    Wrong(Problem),
}

/// What is wrong with a function, as the learner is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The test that found it, `target::name`.
    pub test: String,
    /// What to fix, in the test's words (or the library's, translated).
    pub message: String,
    /// The line of the exercise it points at, when known.
    pub line: Option<usize>,
}

/// The whole report on one chapter.
#[derive(Debug, Clone)]
pub struct Report {
    /// `(function, state)` in hint order, core first.
    pub functions: Vec<(Function, State)>,
    /// How many of them are core (the rest are the extension).
    pub core: usize,
    /// The exercise did not compile.
    pub compile_errors: Option<CompileErrors>,
    /// Tests that no function lists and that failed.
    pub other_failures: Vec<(String, String)>,
    /// The exercise file as it was checked.
    pub source: String,
}

impl Report {
    /// Whether every core function is done.
    #[must_use]
    pub fn core_done(&self) -> bool {
        self.compile_errors.is_none()
            && self.other_failures.is_empty()
            && self.functions[..self.core]
                .iter()
                .all(|(_, state)| *state == State::Done)
    }

    /// Whether every extension function is done (false when there is none).
    #[must_use]
    pub fn extension_done(&self) -> bool {
        self.core_done()
            && self.functions.len() > self.core
            && self.functions[self.core..]
                .iter()
                .all(|(_, state)| *state == State::Done)
    }

    /// How many functions are done, core and extension.
    #[must_use]
    pub fn done(&self) -> usize {
        self.functions
            .iter()
            .filter(|(_, state)| *state == State::Done)
            .count()
    }
}

/// Check `chapter`'s exercise: run its tests and sort them by function.
pub fn check(root: &Path, chapter: &Chapter) -> Result<Report, String> {
    let source = std::fs::read_to_string(chapter.exercise_file())
        .map_err(|e| format!("cannot read {}: {e}", chapter.exercise_file().display()))?;
    let functions: Vec<Function> = chapter.info.functions().cloned().collect();
    let core = chapter.info.core.len();
    let results = match run::run(root, chapter)? {
        Run::DoesNotCompile(errors) => {
            let functions = functions
                .into_iter()
                .map(|f| {
                    let state = match region_todo(&source, &f) {
                        Some(line) => State::ToWrite(line),
                        None => State::Waiting("the code to compile".to_string()),
                    };
                    (f, state)
                })
                .collect();
            return Ok(Report {
                functions,
                core,
                compile_errors: Some(errors),
                other_failures: vec![],
                source,
            });
        }
        Run::Tests(results) => results,
    };
    let mut report = Report {
        functions: Vec::new(),
        core,
        compile_errors: None,
        other_failures: Vec::new(),
        source: source.clone(),
    };
    let mut first_wrong: Option<String> = None;
    for function in &functions {
        let mut state = state_of(chapter, &source, function, &results);
        // Later functions' tests use the earlier ones (a test of backward
        // runs forward), so once one is wrong, a later failure says little:
        // fix the first first.
        match (&state, &first_wrong) {
            (State::Wrong(_), Some(name)) => state = State::Waiting(format!("{name} right")),
            (State::Wrong(_), None) => first_wrong = Some(function.function.clone()),
            _ => {}
        }
        report.functions.push((function.clone(), state));
    }
    for result in &results {
        if functions.iter().any(|f| f.checks(&result.id)) {
            continue;
        }
        match &result.outcome {
            Outcome::Passed => {}
            Outcome::Todo(name) => report.other_failures.push((
                result.id.clone(),
                format!("stopped at the todo!() of {name}"),
            )),
            Outcome::Failed(failure) => report
                .other_failures
                .push((result.id.clone(), failure.message.clone())),
        }
    }
    Ok(report)
}

fn region_todo(source: &str, function: &Function) -> Option<usize> {
    let lines = anchors::region(source, &function.anchor)?;
    anchors::todo_line(source, &lines)
}

fn state_of(chapter: &Chapter, source: &str, function: &Function, results: &[TestResult]) -> State {
    if let Some(line) = region_todo(source, function) {
        return State::ToWrite(line);
    }
    // In the order info.toml lists them (libtest prints in the order tests
    // finish), so the message shown is always the same one.
    let mut mine: Vec<(usize, &TestResult)> = results
        .iter()
        .filter_map(|r| Some((function.position(&r.id)?, r)))
        .collect();
    mine.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
    let mine: Vec<&TestResult> = mine.into_iter().map(|(_, r)| r).collect();
    let mut waiting = None;
    for result in &mine {
        match &result.outcome {
            Outcome::Passed => {}
            Outcome::Todo(name) if *name != function.function => {
                waiting.get_or_insert_with(|| name.clone());
            }
            Outcome::Todo(_) => {
                return State::Wrong(Problem {
                    test: result.id.clone(),
                    message: format!(
                        "{} still reaches a todo!() somewhere: remove every todo!() from it",
                        function.function
                    ),
                    line: None,
                });
            }
            Outcome::Failed(failure) => {
                return State::Wrong(explain(chapter, source, result, failure));
            }
        }
    }
    match waiting {
        Some(name) => State::Waiting(name),
        None => State::Done,
    }
}

/// The learner's line a failure points at, and a message that teaches. A
/// panic inside a library (ndarray's matrix product with shapes that do not
/// fit) is traced back to the learner's line, with the library's words
/// translated.
fn explain(
    chapter: &Chapter,
    source: &str,
    result: &TestResult,
    failure: &run::Failure,
) -> Problem {
    let exercise = format!("exercise/{}", chapter.info.file);
    let line_in_exercise = |location: &str| {
        location
            .split_once(&exercise)
            .and_then(|(_, rest)| rest.trim_start_matches(':').split(':').next()?.parse().ok())
    };
    let mut line = line_in_exercise(&failure.location);
    let in_library = failure.location.contains("/.cargo/registry/")
        || failure.location.contains("/rustc/")
        || failure.location.starts_with("library/");
    if line.is_none()
        && in_library
        && let Some(output) = run::rerun_with_backtrace(chapter, result)
    {
        line = output
            .lines()
            .filter_map(|l| l.trim().strip_prefix("at "))
            .find_map(line_in_exercise);
    }
    // ndarray's arithmetic operators are `#[track_caller]`: their panics are
    // located at the learner's own line, yet still speak ndarray's words.
    let mut message = match translate(&failure.message) {
        Some(words) => words,
        None if in_library => format!("a library function panicked: {}", failure.message),
        None => failure.message.clone(),
    };
    if let Some(line) = line {
        // The function whose region holds the line (the innermost, should
        // regions nest).
        let holder = chapter
            .info
            .functions()
            .filter_map(|f| Some((f, anchors::region(source, &f.anchor)?)))
            .filter(|(_, lines)| lines.contains(&(line - 1)))
            .min_by_key(|(_, lines)| lines.len())
            .map(|(f, _)| f.function.clone());
        let code = source.lines().nth(line - 1).unwrap_or("").trim();
        let _ = match holder {
            Some(name) => write!(message, "\nin {name}, line {line}:\n    {code}"),
            None => write!(message, "\nat line {line}:\n    {code}"),
        };
    }
    Problem {
        test: result.id.clone(),
        message,
        line,
    }
}

/// ndarray's panics, said in the book's terms; `None` for a message that is
/// not one of them.
fn translate(message: &str) -> Option<String> {
    let message = message.trim_start_matches("ndarray: ");
    if let Some(shapes) = message
        .strip_prefix("inputs ")
        .and_then(|m| m.strip_suffix(" are not compatible for matrix multiplication"))
    {
        return Some(format!(
            "a matrix product was given shapes {shapes} (rows × columns): \
             A.dot(B) needs as many columns in A as rows in B. Write down the shape of \
             each factor and of the result you want, then check: is the order of the \
             factors right (A·B is not B·A)? does one need a transpose (.t())? or does \
             the formula want an entry-by-entry product (⊙ on the page, * on arrays), \
             not a matrix product?"
        ));
    }
    let entry_by_entry = "both need the same shape, or one of them a single row or column. \
                          If the formula is a matrix product, that is .dot(), not *";
    if let Some(shapes) = message.strip_prefix("could not broadcast array from shape: ") {
        let (from, to) = shapes.split_once(" to: ").unwrap_or((shapes, "?"));
        return Some(format!(
            "an array of shape {from} was used where one of shape {to} is needed \
             (entry by entry: +, -, *, / or an assignment): {entry_by_entry}"
        ));
    }
    if message.contains("IncompatibleShape") || message.contains("incompatible shapes") {
        return Some(format!(
            "two arrays whose shapes do not fit were combined entry by entry (+, -, * or / \
             on arrays): {entry_by_entry}"
        ));
    }
    if message.contains("index out of bounds") {
        return Some(format!(
            "an index outside the array ({message}): check the shape (rows, columns) you index into"
        ));
    }
    None
}

/// The report as the learner reads it: what to do next first, then the list.
#[must_use]
pub fn render(chapter: &Chapter, title: &str, report: &Report) -> String {
    let exercise = format!(
        "chapters/{}/exercise/{}",
        chapter.package, chapter.info.file
    );
    let mut out = String::new();
    let _ = writeln!(out, "Chapter {}: {title}", chapter.number);
    let _ = writeln!(out, "Your exercise: {exercise}");
    let _ = writeln!(out);
    render_list(&mut out, report);
    let _ = writeln!(out);
    if let Some(errors) = &report.compile_errors {
        render_compile_errors(&mut out, &exercise, errors);
        return out;
    }
    let core_done = report.functions[..report.core]
        .iter()
        .filter(|(_, s)| *s == State::Done)
        .count();
    render_next(&mut out, &chapter.dir, &exercise, report);
    if !report.other_failures.is_empty() {
        let _ = writeln!(out, "Other tests of the chapter fail:");
        for (test, message) in report.other_failures.iter().take(3) {
            let _ = writeln!(out, "  {}:", test_label(&chapter.dir, test));
            for line in message.lines().take(4) {
                for part in wrap(line, 84) {
                    let _ = writeln!(out, "    {part}");
                }
            }
        }
    }
    if !out.ends_with("\n\n") {
        let _ = writeln!(out);
    }
    if report.core_done() {
        let _ = writeln!(
            out,
            "The core is done: cargo test -p {} --features exercise passes.",
            chapter.package
        );
        if report.functions.len() > report.core {
            if report.extension_done() {
                let _ = writeln!(out, "The extension is done too.");
            } else {
                let _ = writeln!(
                    out,
                    "The extension (optional): {} of {} done; its own check is\n\
                     cargo test -p {} --features extension",
                    report.done() - report.core,
                    report.functions.len() - report.core,
                    chapter.package
                );
            }
        }
        let next = chapter.number + 1;
        let info = format!("chapter-{next:02}/exercise/info.toml");
        if chapter
            .dir
            .parent()
            .is_some_and(|dir| dir.join(info).is_file())
        {
            let _ = writeln!(out, "Next chapter's exercise: cargo exercise {next}");
        }
    } else {
        let _ = writeln!(
            out,
            "{core_done} of {} core functions done. Hints: the \"Your turn\" section of\n\
             book/src/{}.md (or of the page, with cargo run -p book).",
            report.core, chapter.package
        );
    }
    out
}

/// What to do next: the first function, in hint order, that is wrong or
/// still to write (the extension's only once the core is done).
fn render_next(out: &mut String, dir: &Path, exercise: &str, report: &Report) {
    // The first function that is not done, core first, says what to do.
    let next = report
        .functions
        .iter()
        .enumerate()
        .find(|(_, (_, state))| matches!(state, State::Wrong(_) | State::ToWrite(_)));
    match next {
        Some((index, (function, State::Wrong(problem))))
            if index < report.core || report.core_done() =>
        {
            let at = problem
                .line
                .map_or(String::new(), |line| format!(" ({exercise}:{line})"));
            let _ = writeln!(out, "Next: fix {}{at}", function.function);
            let _ = writeln!(out, "{}:", test_label(dir, &problem.test));
            for line in problem.message.lines().take(12) {
                for part in wrap(line, 84) {
                    let _ = writeln!(out, "    {part}");
                }
            }
        }
        Some((index, (function, State::ToWrite(line))))
            if index < report.core || report.core_done() =>
        {
            let _ = writeln!(out, "Next: write {} ({exercise}:{line})", function.function);
            // The todo!()'s own words say what to compute.
            let todo = report.source.lines().nth(line - 1).unwrap_or("");
            if let Some(what) = todo
                .split_once("todo!(\"")
                .and_then(|(_, rest)| rest.split_once(": "))
                .map(|(_, rest)| rest.rsplit_once("\")").map_or(rest, |(what, _)| what))
            {
                for part in wrap(&format!("It should {what}."), 84) {
                    let _ = writeln!(out, "    {part}");
                }
            }
            let _ = writeln!(
                out,
                "    Replace the todo!() with your code; the comments above it say more."
            );
        }
        _ => {}
    }
}

/// Each function to write, in hint order, with where it stands.
fn render_list(out: &mut String, report: &Report) {
    let width = report
        .functions
        .iter()
        .map(|(f, _)| f.function.chars().count())
        .max()
        .unwrap_or(0);
    for (index, (function, state)) in report.functions.iter().enumerate() {
        if index == report.core {
            let _ = writeln!(out, "  extension (optional):");
        }
        let (mark, what) = match state {
            State::Done => ("✓", "done".to_string()),
            State::ToWrite(line) => ("·", format!("to write (line {line})")),
            State::Waiting(name) => ("…", format!("written; its tests need {name} first")),
            State::Wrong(problem) => (
                "✗",
                match problem.line {
                    Some(line) => format!("wrong (line {line})"),
                    None => "wrong".to_string(),
                },
            ),
        };
        let _ = writeln!(out, "  {mark} {:<width$}  {what}", function.function);
    }
}

fn render_compile_errors(out: &mut String, exercise: &str, errors: &CompileErrors) {
    let _ = writeln!(out, "Next: make {exercise} compile. The compiler says:");
    let _ = writeln!(out);
    let mut lines = 0;
    for error in errors.errors.iter().take(2) {
        for line in error.lines().take(18) {
            let _ = writeln!(out, "{line}");
        }
        lines += 1;
        if lines < errors.errors.len().min(2) {
            let _ = writeln!(out);
        }
    }
    if errors.errors.len() > 2 {
        let _ = writeln!(
            out,
            "... and {} more error(s); fixing the first often fixes the rest.",
            errors.errors.len() - 2
        );
    }
    if errors.errors.is_empty() {
        let tail: Vec<&str> = errors.stderr.lines().rev().take(15).collect();
        for line in tail.into_iter().rev() {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// `line` cut at spaces into pieces of at most about `width` characters
/// (a word longer than that stays whole); continuation lines are indented.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in line.split(' ').skip_while(|w| w.is_empty()) {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            pieces.push(current);
            current = format!("{indent}  ");
        } else if !current.trim().is_empty() {
            current.push(' ');
        } else if current.is_empty() {
            current.push_str(&indent);
        }
        current.push_str(word);
    }
    pieces.push(current);
    pieces
}

/// The test `id` (`binary::path`) as the learner reads it: its path inside
/// the file that holds it, and that file, relative to the chapter's folder
/// `dir`. A chapter's tests are one binary, `tests/BINARY/main.rs`, with a
/// file per module (`tests/BINARY/MODULE.rs`, the first part of the path);
/// `lib` is the unit tests in `src/`.
fn test_label(dir: &Path, id: &str) -> String {
    let Some((binary, name)) = id.split_once("::") else {
        return format!("test {id}");
    };
    if binary == "lib" {
        return format!("test {name} (a unit test in src/)");
    }
    let folder = dir.join("tests").join(binary);
    if let Some((module, rest)) = name.split_once("::") {
        for file in [format!("{module}.rs"), format!("{module}/mod.rs")] {
            if folder.join(&file).is_file() {
                return format!("test {rest} (tests/{binary}/{file})");
            }
        }
    }
    if folder.join("main.rs").is_file() {
        format!("test {name} (tests/{binary}/main.rs)")
    } else {
        format!("test {name} (tests/{binary}.rs)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matrix_product_panic_is_said_with_its_shapes() {
        let said = translate(
            "ndarray: inputs 3 × 2 and 3 × 2 are not compatible for matrix multiplication",
        )
        .unwrap();
        assert!(
            said.starts_with("a matrix product was given shapes 3 × 2 and 3 × 2"),
            "{said}"
        );
        assert!(!said.contains("ndarray"), "{said}");
    }

    #[test]
    fn a_broadcast_panic_is_said_with_both_shapes() {
        let said =
            translate("ndarray: could not broadcast array from shape: [3] to: [2, 1]").unwrap();
        assert!(
            said.starts_with("an array of shape [3] was used where one of shape [2, 1] is needed"),
            "{said}"
        );
        assert!(!said.contains("ndarray"), "{said}");
    }

    #[test]
    fn an_operator_panic_at_the_learners_line_is_translated() {
        // What `&a - &b` says for shapes that do not broadcast; the operator is
        // `#[track_caller]`, so the panic is located in the exercise file.
        let said = translate(
            "called `Result::unwrap()` on an `Err` value: ShapeError/IncompatibleShape: incompatible shapes",
        )
        .unwrap();
        assert!(
            said.starts_with("two arrays whose shapes do not fit"),
            "{said}"
        );
        assert_eq!(
            translate("dE/dX entry (0, 0) is 1.2, but finite differences give 1.3"),
            None
        );
    }

    #[test]
    fn long_lines_are_wrapped_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "  cc"]);
        assert_eq!(wrap("  in this line", 80), ["  in this line"]);
        assert_eq!(wrap("short", 80), ["short"]);
    }

    #[test]
    fn a_test_is_labelled_with_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let tests = dir.path().join("tests");
        std::fs::create_dir_all(tests.join("activations/backward")).unwrap();
        for file in [
            "activations/main.rs",
            "activations/activation.rs",
            "activations/backward/mod.rs",
            "single.rs",
        ] {
            std::fs::write(tests.join(file), "").unwrap();
        }
        let label = |id| test_label(dir.path(), id);
        assert_eq!(
            label("activations::activation::tanh::tanh_is_named"),
            "test tanh::tanh_is_named (tests/activations/activation.rs)"
        );
        assert_eq!(
            label("activations::backward::rejects_a_row"),
            "test rejects_a_row (tests/activations/backward/mod.rs)"
        );
        assert_eq!(
            label("activations::in_main"),
            "test in_main (tests/activations/main.rs)"
        );
        assert_eq!(
            label("single::tanh::tanh_is_named"),
            "test tanh::tanh_is_named (tests/single.rs)"
        );
        assert_eq!(label("lib::a::b"), "test a::b (a unit test in src/)");
    }
}

//! CI's walk through every exercise, the way a learner goes (run by
//! `.ci/exercises` in a copy of the workspace, never in a clone: it
//! rewrites the exercise files):
//!
//! 1. as shipped, the report fails and its first lines name the first
//!    function in hint order;
//! 2. pasting the reference into each function in hint order, one at a
//!    time, the count of done functions goes up by one each time;
//! 3. with the core done and the extension still `todo!()`,
//!    `cargo test -p chapter-NN --features exercise` and the report both
//!    pass, and the report says the extension is still to do;
//! 4. each realistic mistake of `info.toml` makes the report's first 40
//!    lines name that function and the expected text, with neither ndarray's
//!    internals nor a backtrace.
//!
//! Every report stays under 100 lines.
//!
//! usage: play-exercises [N ...]   (every chapter with an exercise by default)

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use exercise::anchors;
use exercise::info::{self, Chapter};
use exercise::report::{self, Report};

fn main() -> ExitCode {
    let root = std::env::current_dir().expect("a current folder");
    if root.join(".git").exists() {
        eprintln!(
            "play-exercises rewrites the exercise files: run it in a copy of the workspace \
             (.ci/exercises makes one), not in a clone"
        );
        return ExitCode::from(2);
    }
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let chapters = match info::chapters(&root) {
        Ok(chapters) => chapters,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let mut failed = 0;
    for chapter in &chapters {
        if !wanted.is_empty() && !wanted.iter().any(|w| w.parse() == Ok(chapter.number)) {
            continue;
        }
        let started = Instant::now();
        match play(&root, chapter) {
            Ok(()) => println!(
                "ok: chapter {} played through in {:.0} s",
                chapter.number,
                started.elapsed().as_secs_f64()
            ),
            Err(message) => {
                println!("FAIL: chapter {}: {message}", chapter.number);
                failed += 1;
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Run the report and print its size; fail when it is over 100 lines.
fn report(root: &Path, chapter: &Chapter, step: &str) -> Result<(Report, String), String> {
    let report = report::check(root, chapter)?;
    let text = report::render(chapter, &chapter.package, &report);
    let lines = text.lines().count();
    println!(
        "  {step}: {} of {} done, {lines} lines",
        report.done(),
        report.functions.len()
    );
    if lines >= 100 {
        return Err(format!(
            "{step}: the report has {lines} lines (at most 99):\n{text}"
        ));
    }
    Ok((report, text))
}

fn first_lines(text: &str, n: usize) -> String {
    text.lines().take(n).collect::<Vec<_>>().join("\n")
}

fn play(root: &Path, chapter: &Chapter) -> Result<(), String> {
    let file = chapter.exercise_file();
    let stub = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let reference = std::fs::read_to_string(chapter.reference_file()).map_err(|e| e.to_string())?;
    let result = walk(root, chapter, &stub, &reference);
    std::fs::write(&file, &stub).map_err(|e| e.to_string())?;
    result
}

fn walk(root: &Path, chapter: &Chapter, stub: &str, reference: &str) -> Result<(), String> {
    let file = chapter.exercise_file();
    let write = |text: &str| std::fs::write(&file, text).map_err(|e| e.to_string());
    let paste = |into: &str, anchor: &str| -> Result<String, String> {
        let lines = anchors::region(reference, anchor)
            .ok_or_else(|| format!("the reference has no anchor `{anchor}`"))?;
        anchors::replace(into, anchor, &anchors::text(reference, &lines))
            .map_err(|e| format!("the exercise: {e}"))
    };

    // 1. As shipped.
    let (shipped, text) = report(root, chapter, "as shipped")?;
    let first = &chapter.info.core[0].function;
    if shipped.core_done() || !first_lines(&text, 15).contains(&format!("Next: write {first}")) {
        return Err(format!(
            "as shipped, the report should fail and say `Next: write {first}` at the top:\n{text}"
        ));
    }

    // 2 and 3. The reference pasted in, one function at a time.
    let mut source = stub.to_string();
    for (k, function) in chapter.info.functions().enumerate() {
        source = paste(&source, &function.anchor)?;
        write(&source)?;
        let (pasted, text) = report(root, chapter, &format!("with {}", function.function))?;
        if pasted.done() != k + 1 {
            return Err(format!(
                "after pasting {} (function {} in hint order), {} functions are done instead of {}:\n{text}",
                function.function,
                k + 1,
                pasted.done(),
                k + 1
            ));
        }
        if k + 1 == chapter.info.core.len() {
            core_done(root, chapter, &pasted, &text)?;
        }
    }

    // 4. One realistic mistake at a time, in the whole reference.
    for mistake in &chapter.info.mistakes {
        let function = chapter
            .info
            .functions()
            .find(|f| f.function == mistake.function)
            .ok_or_else(|| {
                format!(
                    "a mistake names {}, which info.toml does not list",
                    mistake.function
                )
            })?;
        let lines = anchors::region(reference, &function.anchor)
            .ok_or_else(|| format!("the reference has no anchor `{}`", function.anchor))?;
        let region = anchors::text(reference, &lines);
        if region.matches(&mistake.replace).count() != 1 {
            return Err(format!(
                "the mistake for {}: `{}` should occur exactly once in its region",
                mistake.function, mistake.replace
            ));
        }
        let wrong = region.replacen(&mistake.replace, &mistake.with, 1);
        write(&anchors::replace(&source, &function.anchor, &wrong)?)?;
        let (_, text) = report(root, chapter, &format!("mistake in {}", mistake.function))?;
        let top = first_lines(&text, 40);
        // Long lines are wrapped: compare the words, not the line breaks.
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let bad = [
            "ndarray-0.",
            ".cargo/registry",
            "/rustc/",
            "stack backtrace",
            "strides=",
        ];
        if !top.contains(&format!("Next: fix {}", mistake.function))
            || !words(&top).contains(&words(&mistake.expect))
            || bad.iter().any(|b| top.contains(b))
        {
            return Err(format!(
                "with `{}` for `{}` in {}, the report's first 40 lines should say `Next: fix {}` \
                 and `{}`, with no library internals or backtrace:\n{top}",
                mistake.with, mistake.replace, mistake.function, mistake.function, mistake.expect
            ));
        }
    }
    let listed = chapter.info.functions().count();
    let mistaken = chapter.info.mistakes.len();
    if mistaken < listed {
        return Err(format!(
            "info.toml lists {listed} functions but only {mistaken} mistakes: one per function"
        ));
    }
    Ok(())
}

fn core_done(root: &Path, chapter: &Chapter, report: &Report, text: &str) -> Result<(), String> {
    if !report.core_done() {
        return Err(format!(
            "with the core pasted in, the report should pass:\n{text}"
        ));
    }
    let has_extension = !chapter.info.extension.is_empty();
    if has_extension && !text.contains("The extension (optional): 0 of") {
        return Err(format!(
            "with the core done and the extension not, the report should say so:\n{text}"
        ));
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args([
            "test",
            "-q",
            "-p",
            &chapter.package,
            "--features",
            "exercise",
        ])
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "with the core done, `cargo test -p {} --features exercise` should pass:\n{}{}",
            chapter.package,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    println!(
        "  core done: cargo test -p {} --features exercise passes",
        chapter.package
    );
    Ok(())
}

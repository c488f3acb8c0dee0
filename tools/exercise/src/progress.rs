//! `cargo exercise` alone: every chapter's progress at a glance, as
//! rustlings' list shows it. Each check leaves its result in
//! `target/exercise/`, keyed by the exercise file's contents, so the list
//! re-checks only a chapter whose file changed since.

use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::anchors;
use crate::info::{self, Chapter};
use crate::report::{self, Report};

/// The page's title, from the first `# ` line of `book/src/chapter-NN.md`.
#[must_use]
pub fn title(root: &Path, chapter: &Chapter) -> String {
    let page = root
        .join("book/src")
        .join(format!("{}.md", chapter.package));
    std::fs::read_to_string(page)
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("# ").map(str::to_string))
        })
        .unwrap_or_else(|| chapter.package.clone())
}

/// What the list shows for a chapter: core and extension done out of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Progress {
    core_done: bool,
    core: (usize, usize),
    extension: (usize, usize),
}

fn of(report: &Report) -> Progress {
    let count = |range: &[(info::Function, report::State)]| {
        range
            .iter()
            .filter(|(_, s)| *s == report::State::Done)
            .count()
    };
    Progress {
        core_done: report.core_done(),
        core: (count(&report.functions[..report.core]), report.core),
        extension: (
            count(&report.functions[report.core..]),
            report.functions.len() - report.core,
        ),
    }
}

fn key(chapter: &Chapter) -> Option<String> {
    let mut hasher = DefaultHasher::new();
    std::fs::read(chapter.exercise_file())
        .ok()?
        .hash(&mut hasher);
    std::fs::read(chapter.dir.join("exercise/info.toml"))
        .ok()?
        .hash(&mut hasher);
    Some(format!("{:016x}", hasher.finish()))
}

fn cache_file(root: &Path, chapter: &Chapter) -> PathBuf {
    root.join("target/exercise").join(&chapter.package)
}

/// Whether this chapter was checked before (its tests are then built, and a
/// check takes seconds).
#[must_use]
pub fn checked_before(root: &Path, chapter: &Chapter) -> bool {
    cache_file(root, chapter).is_file()
}

/// Keep the result of a check for the list.
pub fn remember(root: &Path, chapter: &Chapter, report: &Report) {
    let Some(key) = key(chapter) else { return };
    let p = of(report);
    let line = format!(
        "{key} {} {} {} {} {}\n",
        u8::from(p.core_done),
        p.core.0,
        p.core.1,
        p.extension.0,
        p.extension.1
    );
    let file = cache_file(root, chapter);
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(file, line);
}

fn remembered(root: &Path, chapter: &Chapter) -> Option<Progress> {
    let text = std::fs::read_to_string(cache_file(root, chapter)).ok()?;
    let fields: Vec<&str> = text.split_whitespace().collect();
    let [stored, core_done, c0, c1, e0, e1] = fields[..] else {
        return None;
    };
    if Some(stored) != key(chapter).as_deref() {
        return None;
    }
    let n = |s: &str| s.parse::<usize>().ok();
    Some(Progress {
        core_done: core_done == "1",
        core: (n(c0)?, n(c1)?),
        extension: (n(e0)?, n(e1)?),
    })
}

/// Whether the learner has not touched the exercise: every function is still a `todo!()`.
fn not_started(chapter: &Chapter) -> bool {
    let Ok(source) = std::fs::read_to_string(chapter.exercise_file()) else {
        return false;
    };
    chapter.info.functions().all(|f| {
        anchors::region(&source, &f.anchor)
            .is_some_and(|lines| anchors::todo_line(&source, &lines).is_some())
    })
}

/// The list of every chapter's progress.
pub fn list(root: &Path) -> Result<String, String> {
    let chapters = info::chapters(root)?;
    let titles: Vec<String> = chapters.iter().map(|c| title(root, c)).collect();
    let width = titles.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "Your progress through the exercises:\n");
    let mut next = None;
    for (chapter, title) in chapters.iter().zip(&titles) {
        let progress = if not_started(chapter) {
            None
        } else if let Some(p) = remembered(root, chapter) {
            Some(p)
        } else {
            eprintln!("checking chapter {} ...", chapter.number);
            let report = report::check(root, chapter)?;
            remember(root, chapter, &report);
            Some(of(&report))
        };
        let status = match progress {
            None => "not started".to_string(),
            Some(p) => {
                let core = if p.core_done {
                    "core done".to_string()
                } else {
                    format!("core {} of {}", p.core.0, p.core.1)
                };
                match p.extension {
                    (_, 0) => core,
                    (done, all) if done == all && p.core_done => format!("{core}, extension done"),
                    (done, all) => format!("{core}, extension {done} of {all}"),
                }
            }
        };
        if next.is_none() && !progress.is_some_and(|p| p.core_done) {
            next = Some(chapter.number);
        }
        let mark = match progress {
            Some(p) if p.core_done => "✓",
            Some(_) => "…",
            None => " ",
        };
        let _ = writeln!(
            out,
            "  {mark} {:>2}  {title:<width$}  {status}",
            chapter.number
        );
    }
    let _ = writeln!(out);
    match next {
        Some(n) => {
            let _ = writeln!(out, "Next: cargo exercise {n}");
        }
        None => {
            let _ = writeln!(out, "Every chapter's core is done.");
        }
    }
    Ok(out)
}

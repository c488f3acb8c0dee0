//! Which files the book is made from: the one rule that both the book
//! server's watcher ([`crate::serve::fingerprint`]) and the examples' cache
//! key ([`crate::run`]) follow.
//!
//! A learner saves their exercise file every minute, and `cargo test` and
//! cargo-mutants leave files beside the code. None of these change a page,
//! so none of them may make the server rebuild the book, nor re-run a
//! chapter's examples in release mode (several seconds each) while the
//! learner's own `cargo test` waits for the build lock.

use std::path::{Component, Path, PathBuf};

use crate::markdown::directives;

/// Whether the file or folder at `relative` (a path from the workspace
/// root) is one the book is built from.
///
/// Everything is, except:
///
/// * build output and cargo-mutants' reports: anything under a `target`,
///   `mutants.out` or `mutants.out.old` folder;
/// * what a crate keeps beside the code its examples are built from: its
///   `exercise/`, `tests/` and `benches/` folders (in `chapters/*/` and
///   `plots/`);
/// * proptest's `*.proptest-regressions` files, and the `*.saved-N` copies
///   that `cargo exercise N --reset` leaves of a learner's file.
///
/// Two kinds of file under those folders are read by the book all the same:
/// a file a page includes by name (chapter 2 shows one of its tests) and an
/// exercise's `info.toml` (which says which listings to fold). The server
/// watches those by name ([`named_inputs`]); they do not change what an
/// example prints, so the examples' cache key leaves them out.
#[must_use]
pub fn used_by_book(relative: &Path) -> bool {
    let parts: Vec<String> = relative
        .components()
        .filter_map(|part| match part {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts
        .iter()
        .any(|part| part == "target" || part == "mutants.out" || part == "mutants.out.old")
    {
        return false;
    }
    if parts
        .last()
        .is_some_and(|name| name.ends_with(".proptest-regressions") || name.contains(".saved-"))
    {
        return false;
    }
    let in_crate = match parts.as_slice() {
        [chapters, _, rest @ ..] if chapters == "chapters" => rest,
        [plots, rest @ ..] if plots == "plots" => rest,
        _ => &[],
    };
    !in_crate
        .first()
        .is_some_and(|folder| ["exercise", "tests", "benches"].contains(&folder.as_str()))
}

/// The files the book reads by name that [`used_by_book`] leaves out: every
/// file a page of `book/src` includes, and every `chapters/*/exercise/info.toml`.
/// Paths are from the workspace root, without `..`.
#[must_use]
pub fn named_inputs(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pages = Vec::new();
    markdown_files(&root.join("book").join("src"), &mut pages);
    for page in pages {
        let Ok(text) = std::fs::read_to_string(&page) else {
            continue;
        };
        let dir = page.parent().unwrap_or(root);
        for directive in directives(&text, &["include", "rustdoc_include"]) {
            let path = directive.args.split(':').next().unwrap_or("");
            if let Some(relative) = normalize(&dir.join(path))
                .strip_prefix(root)
                .ok()
                .filter(|relative| !used_by_book(relative))
            {
                found.push(relative.to_path_buf());
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(root.join("chapters")) {
        for entry in entries.flatten() {
            let info = entry.path().join("exercise").join("info.toml");
            if info.is_file()
                && let Ok(relative) = info.strip_prefix(root)
            {
                found.push(relative.to_path_buf());
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            found.push(path);
        }
    }
}

/// `path` with `.` and `folder/..` taken out, without asking the file system.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_code_and_examples_are_used_but_not_what_lies_beside_them() {
        for used in [
            "book/src/chapter-03.md",
            "book/theme/exercises.js",
            "chapters/chapter-03/Cargo.toml",
            "chapters/chapter-03/src/activation.rs",
            "chapters/chapter-03/examples/tanh.rs",
            "chapters/chapter-06/data/digits.csv.gz",
            "chapters/chapter-03",
            "plots/src/lib.rs",
            "Cargo.lock",
        ] {
            assert!(used_by_book(Path::new(used)), "{used} should be used");
        }
        for unused in [
            "chapters/chapter-03/exercise/activation.rs",
            "chapters/chapter-03/exercise",
            "chapters/chapter-03/tests/activation.rs",
            "chapters/chapter-07/benches/epoch.rs",
            "plots/tests/svg.rs",
            "chapters/chapter-03/tests/activation_properties.proptest-regressions",
            "chapters/chapter-03/exercise/activation.rs.saved-2",
            "chapters/chapter-03/src/activation.rs.saved-1",
            "mutants.out/outcomes.json",
            "chapters/chapter-03/mutants.out.old/log",
            "chapters/chapter-03/target/debug/x",
        ] {
            assert!(
                !used_by_book(Path::new(unused)),
                "{unused} should not be used"
            );
        }
    }

    #[test]
    fn files_pages_include_and_exercise_infos_are_named_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "book/src/page.md",
            "```rust,ignore\n{{#include ../../chapters/chapter-02/tests/dense.rs:a}}\n```\n\
             ```rust,ignore\n{{#include ../../chapters/chapter-02/src/dense.rs:b}}\n```\n",
        );
        write("chapters/chapter-02/exercise/info.toml", "");
        write("chapters/chapter-02/exercise/dense.rs", "");
        assert_eq!(
            named_inputs(root),
            vec![
                PathBuf::from("chapters/chapter-02/exercise/info.toml"),
                PathBuf::from("chapters/chapter-02/tests/dense.rs"),
            ]
        );
    }

    #[test]
    fn normalizing_takes_out_dot_dot() {
        assert_eq!(
            normalize(Path::new("/w/book/src/../../chapters/./x.rs")),
            PathBuf::from("/w/chapters/x.rs")
        );
    }
}

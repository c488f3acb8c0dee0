//! The same seed gives the same bytes: building the book twice from scratch
//! (every example run again) gives identical pages and pictures, apart from
//! the pages that show speed measured on the machine that built the book.

mod common;

use common::root;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Examples whose output is a measurement of time, by design.
const TIMING_EXAMPLES: [&str; 2] = [
    "{{#output chapter-07 speed}}",
    "{{#output chapter-09 speed}}",
];

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(next) = todo.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                found.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    found
}

/// The same files with the search index renamed `searchindex.js`, in its
/// own name and wherever a file mentions it.
fn without_search_hash(files: BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<PathBuf, Vec<u8>> {
    let Some(hashed) = files
        .keys()
        .map(|path| path.to_string_lossy().to_string())
        .find(|name| name.starts_with("searchindex-"))
    else {
        return files;
    };
    let replace = |bytes: Vec<u8>| -> Vec<u8> {
        let needle = hashed.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            if rest.starts_with(needle) {
                out.extend_from_slice(b"searchindex.js");
                rest = &rest[needle.len()..];
            } else {
                out.push(rest[0]);
                rest = &rest[1..];
            }
        }
        out
    };
    files
        .into_iter()
        .map(|(path, bytes)| {
            let path = if path.to_string_lossy() == hashed {
                PathBuf::from("searchindex.js")
            } else {
                path
            };
            (path, replace(bytes))
        })
        .collect()
}

#[test]
fn the_book_is_byte_identical_when_built_twice_from_scratch() {
    let scratch = tempfile::tempdir().unwrap();
    let (first, second) = (scratch.path().join("first"), scratch.path().join("second"));
    // Both builds at once: each runs the examples one after another, each
    // example on one core, so two builds keep two cores busy.
    std::thread::scope(|scope| {
        let one = scope
            .spawn(|| book::build_with_cache(&root(), &first, &scratch.path().join("cache-1")));
        let two = scope
            .spawn(|| book::build_with_cache(&root(), &second, &scratch.path().join("cache-2")));
        one.join().unwrap().unwrap();
        two.join().unwrap().unwrap();
    });

    // Pages that show timings, and the two files that hold every page's text.
    let mut skipped: Vec<PathBuf> = vec!["print.html".into()];
    for entry in std::fs::read_dir(root().join("book/src")).unwrap() {
        let page = entry.unwrap().path();
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        if TIMING_EXAMPLES
            .iter()
            .any(|directive| text.contains(directive))
        {
            skipped.push(page.with_extension("html").file_name().unwrap().into());
        }
    }
    let timing_pages = skipped.len() > 1;
    let (first, second) = (files(&first), files(&second));
    // The search index holds the text of every page, timings included, and
    // its file name is a hash of its contents that every page refers to:
    // when there are timing pages, call it by one name in both builds.
    let (first, second) = if timing_pages {
        (without_search_hash(first), without_search_hash(second))
    } else {
        (first, second)
    };
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>(),
        "the two builds have different files"
    );
    let mut compared = 0;
    for (path, bytes) in &first {
        let name = path.to_string_lossy();
        if skipped.contains(path) || (timing_pages && name.starts_with("searchindex")) {
            continue;
        }
        assert!(
            bytes == &second[path],
            "{name} differs between two builds of the book"
        );
        compared += 1;
    }
    assert!(compared > 20, "only {compared} files compared");
}

#[test]
fn an_example_rejects_an_unknown_flag_with_usage() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root())
        .env_remove("CARGO_TARGET_DIR")
        .args([
            "run",
            "--release",
            "--quiet",
            "--target-dir",
            "target/book-run",
            "-p",
            "chapter-01",
        ])
        .args(["--example", "forward", "--", "--frobnicate"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--frobnicate") && stderr.contains("--figures DIR"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "the example ran anyway");
}

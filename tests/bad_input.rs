//! The table of bad input in CONTRIBUTING.md names a test for every row:
//! check that each of those tests exists, so the table cannot drift from
//! the code.

mod common;

use common::root;
use std::path::Path;

/// All Rust sources of the workspace, outside `target/`.
fn sources(dir: &Path, found: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() && name != "target" && !name.starts_with('.') && name != "node_modules" {
            sources(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_bad_input_row_names_tests_that_exist() {
    let guide = std::fs::read_to_string(root().join("CONTRIBUTING.md")).unwrap();
    let table = guide
        .split("## What bad input gets")
        .nth(1)
        .expect("CONTRIBUTING.md has no bad-input table");
    let mut code = String::new();
    sources(&root(), &mut code);
    let mut rows = 0;
    for row in table.lines().filter(|line| line.starts_with("| ")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let Some(tests) = cells.last() else { continue };
        if tests.contains("---") || tests.trim_end_matches(" |").trim() == "test" {
            continue;
        }
        let names: Vec<&str> = tests.split('`').skip(1).step_by(2).collect();
        assert!(!names.is_empty(), "a bad-input row names no test: {row}");
        for name in names {
            assert!(
                code.contains(&format!("fn {name}(")),
                "the bad-input table names `{name}`, but no test has that name"
            );
        }
        rows += 1;
    }
    assert!(rows >= 20, "only {rows} rows in the bad-input table");
}

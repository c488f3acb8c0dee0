//! Every chapter has an exercise: a copy of the chapter's concept with the
//! bodies left to write. These checks keep stubs and solutions from
//! drifting apart; `.ci/exercises` checks that each stub fails as shipped
//! and passes with the reference pasted in.

mod common;

use common::{read, root};
use std::path::{Path, PathBuf};

fn chapters() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("chapters"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|dir| dir.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn exercise_files(chapter: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(chapter.join("exercise")) else {
        return vec![];
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
        .collect();
    files.sort();
    files
}

/// The item signatures of a Rust file (`fn`, `struct`, `impl`, ...), each
/// joined onto one line with its whitespace normalised.
fn signatures(source: &str) -> Vec<String> {
    const STARTS: [&str; 12] = [
        "pub fn ",
        "fn ",
        "pub struct ",
        "struct ",
        "pub enum ",
        "enum ",
        "impl",
        "pub trait ",
        "trait ",
        "pub type ",
        "pub const ",
        "pub static ",
    ];
    let mut found = Vec::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if !STARTS.iter().any(|start| trimmed.starts_with(start)) {
            continue;
        }
        let mut signature = trimmed.to_string();
        while !signature.contains('{') && !signature.ends_with(';') {
            let Some(next) = lines.next() else { break };
            signature.push(' ');
            signature.push_str(next.trim());
        }
        let signature = signature
            .split('{')
            .next()
            .unwrap_or("")
            .replace(",)", ")")
            .replace(", )", ")");
        found.push(
            signature
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("( ", "(")
                .replace(" )", ")"),
        );
    }
    found
}

#[test]
fn every_chapter_has_an_exercise() {
    for chapter in chapters() {
        assert!(
            !exercise_files(&chapter).is_empty(),
            "{} has no exercise/*.rs file",
            chapter.display()
        );
    }
}

#[test]
fn every_stub_has_the_signatures_of_its_solution() {
    for chapter in chapters() {
        for stub in exercise_files(&chapter) {
            let solution = chapter.join("src").join(stub.file_name().unwrap());
            assert!(
                solution.is_file(),
                "{} has no reference {}",
                stub.display(),
                solution.display()
            );
            let (expected, found) = (signatures(&read(&solution)), signatures(&read(&stub)));
            for signature in &expected {
                assert!(
                    found.contains(signature),
                    "{} lacks `{signature}` (from {})",
                    stub.display(),
                    solution.display()
                );
            }
            for signature in &found {
                assert!(
                    expected.contains(signature),
                    "{} has `{signature}`, which {} does not",
                    stub.display(),
                    solution.display()
                );
            }
        }
    }
}

#[test]
fn every_stub_leaves_named_bodies_to_write() {
    for chapter in chapters() {
        for stub in exercise_files(&chapter) {
            let text = read(&stub);
            let todos: Vec<&str> = text.split("todo!(\"").skip(1).collect();
            assert!(
                !todos.is_empty(),
                "{} has no todo!(\"...\") left for the learner",
                stub.display()
            );
            for todo in todos {
                let message = todo.split('"').next().unwrap_or("");
                assert!(
                    message.contains(':') && message.split(':').next().unwrap().contains("::")
                        || message
                            .split(':')
                            .next()
                            .unwrap()
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_'),
                    "{}: the todo message `{message}` should start with the function's name, as in `Dense::forward: compute ...`",
                    stub.display()
                );
            }
        }
    }
}

#[test]
fn every_exercise_is_switched_in_by_the_exercise_feature() {
    for chapter in chapters() {
        let name = chapter.file_name().unwrap().to_string_lossy().to_string();
        let manifest = read(chapter.join("Cargo.toml"));
        assert!(
            manifest.contains("exercise = []"),
            "{name}/Cargo.toml has no `exercise` feature"
        );
        let lib = read(chapter.join("src/lib.rs"));
        for stub in exercise_files(&chapter) {
            let file = stub.file_name().unwrap().to_string_lossy().to_string();
            let module = file.trim_end_matches(".rs");
            assert!(
                lib.contains(&format!("#[path = \"../exercise/{file}\"]"))
                    && lib.contains(&format!(
                        "#[cfg(not(feature = \"exercise\"))]\npub mod {module};"
                    )),
                "{name}/src/lib.rs does not swap `{module}` for exercise/{file} under the `exercise` feature"
            );
        }
    }
}

#[test]
fn every_page_explains_its_exercise_with_a_real_message() {
    for chapter in chapters() {
        let name = chapter.file_name().unwrap().to_string_lossy().to_string();
        let page = read(root().join("book/src").join(format!("{name}.md")));
        assert!(
            page.contains("## Your turn"),
            "{name}.md has no `## Your turn` section"
        );
        let command = format!("cargo test -p {name} --features exercise");
        assert!(
            page.contains(&command),
            "{name}.md does not give `{command}`"
        );
        for stub in exercise_files(&chapter) {
            let path = format!(
                "chapters/{name}/exercise/{}",
                stub.file_name().unwrap().to_string_lossy()
            );
            assert!(page.contains(&path), "{name}.md does not point to {path}");
        }
        assert!(page.contains("<summary>Hint"), "{name}.md has no hints");
        assert!(
            page.contains("<summary>The solution</summary>"),
            "{name}.md has no collapsed solution"
        );
        // The failure shown on the page is one the stub really produces.
        let shown = page
            .lines()
            .find_map(|line| line.strip_prefix("not yet implemented: "))
            .unwrap_or_else(|| {
                panic!("{name}.md does not show the `not yet implemented: ...` failure")
            });
        let stubs: String = exercise_files(&chapter).iter().map(read).collect();
        assert!(
            stubs.contains(&format!("todo!(\"{shown}\")")),
            "{name}.md shows `{shown}`, which no exercise todo!() says"
        );
    }
}

#[test]
fn signatures_are_joined_and_normalised() {
    let source = "pub fn a(\n    x: u8,\n) -> u8 {\n    x\n}\nimpl Layer for Dense {\n";
    assert_eq!(
        signatures(source),
        vec!["pub fn a(x: u8) -> u8", "impl Layer for Dense"]
    );
}

/// What `cargo exercise N` relies on: `exercise/info.toml` lists every
/// function the stub leaves to write, each in an anchor of its own in both
/// the stub and the reference, with tests that exist and one mistake that
/// can be made in the reference (CI makes it: `.ci/exercises`).
#[test]
fn every_info_toml_matches_its_stub_and_reference() {
    use exercise::anchors;
    let listed = exercise::info::chapters(&root()).unwrap();
    assert_eq!(
        listed.iter().map(|c| c.dir.clone()).collect::<Vec<_>>(),
        chapters(),
        "every chapter needs an exercise/info.toml"
    );
    for chapter in &listed {
        let name = &chapter.package;
        let stub = read(chapter.exercise_file());
        let reference = read(chapter.reference_file());
        let mut covered = Vec::new();
        for function in chapter.info.functions() {
            let (anchor, what) = (&function.anchor, &function.function);
            let in_stub = anchors::region(&stub, anchor)
                .unwrap_or_else(|| panic!("{name}: the stub has no anchor `{anchor}` ({what})"));
            let in_reference = anchors::region(&reference, anchor).unwrap_or_else(|| {
                panic!("{name}: the reference has no anchor `{anchor}` ({what})")
            });
            assert!(
                anchors::text(&stub, &in_stub).contains(&format!("todo!(\"{what}: ")),
                "{name}: the `{anchor}` region of the stub has no todo!(\"{what}: ...\")"
            );
            assert!(
                anchors::todo_line(&reference, &in_reference).is_none(),
                "{name}: the reference's `{anchor}` region has a todo!()"
            );
            covered.push(in_stub);
            assert!(!function.tests.is_empty(), "{name}: {what} lists no test");
            for test in &function.tests {
                assert_declared(chapter, what, test);
            }
        }
        for (index, line) in stub.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("todo!(") {
                assert!(
                    covered.iter().any(|lines| lines.contains(&index)),
                    "{name}: the todo!() on line {} of the stub is in no function info.toml lists",
                    index + 1
                );
            }
        }
        if !chapter.info.extension.is_empty() {
            assert!(
                read(chapter.dir.join("Cargo.toml")).contains("extension = [\"exercise\"]"),
                "{name} has an extension, so its Cargo.toml needs `extension = [\"exercise\"]`"
            );
        }
        for function in chapter.info.functions() {
            let mistakes: Vec<_> = chapter
                .info
                .mistakes
                .iter()
                .filter(|m| m.function == function.function)
                .collect();
            assert!(
                !mistakes.is_empty(),
                "{name}: info.toml has no mistake for {}",
                function.function
            );
            let lines = anchors::region(&reference, &function.anchor).unwrap();
            let region = anchors::text(&reference, &lines);
            for mistake in mistakes {
                assert_eq!(
                    region.matches(&mistake.replace).count(),
                    1,
                    "{name}: the mistake `{}` should occur exactly once in the reference's `{}`",
                    mistake.replace,
                    function.anchor
                );
            }
        }
        for mistake in &chapter.info.mistakes {
            assert!(
                chapter
                    .info
                    .functions()
                    .any(|f| f.function == mistake.function),
                "{name}: a mistake names {}, which info.toml does not list",
                mistake.function
            );
        }
    }
}

/// The test `test` (`binary::path`) that info.toml lists for `what` is
/// declared where it says: a `fn` of that name, or a `mod` for a prefix.
/// `lib::...` is a unit test somewhere in `src/`; otherwise `binary` is the
/// chapter's test binary `tests/BINARY/main.rs`, and the path's first part
/// is one of its modules, `tests/BINARY/MODULE.rs`, which `main.rs` declares
/// (or an inline module of `main.rs`).
fn assert_declared(chapter: &exercise::info::Chapter, what: &str, test: &str) {
    let name = &chapter.package;
    let (binary, path) = test.split_once("::").unwrap_or_else(|| {
        panic!(
            "{name}: `{test}` should be `binary::module::...::test` (the test binary's name first)"
        )
    });
    let rs_files = |dir: &Path| -> String {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
            .map(read)
            .collect()
    };
    let folder = chapter.dir.join("tests").join(binary);
    let (file, rest) = if binary == "lib" {
        (chapter.dir.join("src"), path)
    } else {
        let main = folder.join("main.rs");
        assert!(
            main.is_file(),
            "{name}: {what} lists `{test}`, but there is no test binary {}",
            main.display()
        );
        match path.split_once("::") {
            Some((module, rest)) if folder.join(format!("{module}.rs")).is_file() => {
                assert!(
                    read(&main).contains(&format!("mod {module};")),
                    "{name}: {what} lists `{test}`, but {} does not declare `mod {module};`",
                    main.display()
                );
                (folder.join(format!("{module}.rs")), rest)
            }
            _ => (main, path),
        }
    };
    let source = if file.is_dir() {
        rs_files(&file)
    } else {
        read(&file)
    };
    if rest.is_empty() {
        // `binary::module::`: the whole file.
        return;
    }
    let last = rest.trim_end_matches("::").rsplit("::").next().unwrap();
    let declared = if rest.ends_with("::") {
        format!("mod {last} ")
    } else {
        format!("fn {last}(")
    };
    assert!(
        source.contains(&declared),
        "{name}: {what} lists `{test}`, but {} declares no `{declared}`",
        file.display()
    );
}

/// Every chapter's integration tests are one test binary, a folder
/// `tests/NAME/` with `main.rs` and a file per module: cargo links each test
/// binary on its own, in `cargo test` and for every mutant `.ci/mutants`
/// builds, so a second binary costs a link per mutant. A `tests/*.rs` file
/// would be a binary of its own.
#[test]
fn every_chapter_has_one_test_binary() {
    for chapter in chapters() {
        let name = chapter.file_name().unwrap().to_string_lossy().to_string();
        let Ok(entries) = std::fs::read_dir(chapter.join("tests")) else {
            continue;
        };
        let mut binaries = Vec::new();
        for entry in entries {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            if path.extension().is_some_and(|extension| extension == "rs") {
                binaries.push(format!("tests/{file}"));
            } else if path.join("main.rs").is_file() {
                binaries.push(format!("tests/{file}/main.rs"));
            }
        }
        binaries.sort();
        assert!(
            binaries.len() == 1 && binaries[0].ends_with("/main.rs"),
            "{name} should have one test binary, tests/NAME/main.rs with a `mod` per file \
             beside it (see CONTRIBUTING.md, \"Adding a chapter\"), not {binaries:?}"
        );
    }
}

//! The tool's behaviour that needs no chapter to be built: finding a
//! chapter, putting the shipped stub back, and the list of a learner who
//! has not started.

use std::path::Path;
use std::process::Command;

use exercise::info;

const INFO: &str = r#"
file = "thing.rs"

[[core]]
function = "Thing::make"
anchor = "make"
tests = ["thing::make_works"]
"#;

const STUB: &str =
    "// ANCHOR: make\nfn make() {\n    todo!(\"Thing::make: make it\")\n}\n// ANCHOR_END: make\n";

/// A workspace with chapter 3 (an exercise) and chapter 4 (none).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\n").unwrap();
    std::fs::create_dir_all(root.join("chapters/chapter-03/exercise")).unwrap();
    std::fs::create_dir_all(root.join("chapters/chapter-04/src")).unwrap();
    std::fs::write(root.join("chapters/chapter-03/exercise/info.toml"), INFO).unwrap();
    std::fs::write(root.join("chapters/chapter-03/exercise/thing.rs"), STUB).unwrap();
    std::fs::create_dir_all(root.join("book/src")).unwrap();
    std::fs::write(root.join("book/src/chapter-03.md"), "# Things\n\nText.\n").unwrap();
    dir
}

fn git(root: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(root)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

mod finding_a_chapter {
    use super::*;

    #[test]
    fn a_chapter_is_found_by_its_number_with_or_without_the_zero() {
        let dir = workspace();
        assert_eq!(
            info::chapter(dir.path(), "3").unwrap().package,
            "chapter-03"
        );
        assert_eq!(info::chapter(dir.path(), "03").unwrap().number, 3);
        assert_eq!(info::chapter(dir.path(), "chapter-03").unwrap().number, 3);
    }

    #[test]
    fn a_chapter_that_does_not_exist_lists_those_with_an_exercise() {
        let dir = workspace();
        assert_eq!(
            info::chapter(dir.path(), "42").unwrap_err(),
            "there is no chapter 42; the chapters with an exercise are 3"
        );
    }

    #[test]
    fn a_chapter_without_an_exercise_says_so() {
        let dir = workspace();
        assert_eq!(
            info::chapter(dir.path(), "4").unwrap_err(),
            "chapter 4 has no exercise; the chapters with one are 3"
        );
    }

    #[test]
    fn something_that_is_not_a_number_is_named() {
        let dir = workspace();
        assert_eq!(
            info::chapter(dir.path(), "three").unwrap_err(),
            "`three` is not a chapter number; the chapters with an exercise are 3"
        );
    }

    #[test]
    fn a_misspelt_key_in_info_toml_names_the_file() {
        let dir = workspace();
        let file = dir.path().join("chapters/chapter-03/exercise/info.toml");
        std::fs::write(&file, INFO.replace("anchor", "anchr")).unwrap();
        let error = info::chapters(dir.path()).unwrap_err();
        assert!(
            error.contains("info.toml") && error.contains("anchr"),
            "{error}"
        );
    }
}

mod reset {
    use super::*;

    #[test]
    fn reset_puts_the_shipped_stub_back_and_keeps_the_learners_file() {
        let dir = workspace();
        let root = dir.path();
        git(root, &["init", "-q"]);
        git(root, &["add", "."]);
        git(root, &["commit", "-q", "-m", "shipped"]);
        let chapter = info::chapter(root, "3").unwrap();
        let file = chapter.exercise_file();

        // The learner writes, and even commits, their own version.
        std::fs::write(&file, "mine, committed\n").unwrap();
        git(root, &["commit", "-q", "-am", "mine"]);
        std::fs::write(&file, "mine, edited further\n").unwrap();

        // Without an upstream, the shipped file is HEAD's: the committed one.
        let saved = exercise::reset::reset(root, &chapter).unwrap().unwrap();
        assert_eq!(saved.file_name().unwrap(), "thing.rs.saved-1");
        assert_eq!(
            std::fs::read_to_string(&saved).unwrap(),
            "mine, edited further\n"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine, committed\n");
        assert_eq!(exercise::reset::reset(root, &chapter).unwrap(), None);
    }

    #[test]
    fn with_an_upstream_the_stub_comes_back_even_after_a_commit() {
        let dir = workspace();
        let upstream = dir.path();
        git(upstream, &["init", "-q", "-b", "main"]);
        git(upstream, &["add", "."]);
        git(upstream, &["commit", "-q", "-m", "shipped"]);
        let clone = tempfile::tempdir().unwrap();
        git(
            clone.path(),
            &["clone", "-q", upstream.to_str().unwrap(), "book"],
        );
        let root = clone.path().join("book");
        let chapter = info::chapter(&root, "3").unwrap();
        let file = chapter.exercise_file();
        std::fs::write(&file, "mine\n").unwrap();
        git(&root, &["commit", "-q", "-am", "mine"]);
        let saved = exercise::reset::reset(&root, &chapter).unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), STUB);
        assert_eq!(std::fs::read_to_string(saved).unwrap(), "mine\n");

        // A second reset after more work keeps both copies.
        std::fs::write(&file, "mine again\n").unwrap();
        let saved = exercise::reset::reset(&root, &chapter).unwrap().unwrap();
        assert_eq!(saved.file_name().unwrap(), "thing.rs.saved-2");
    }

    #[test]
    fn outside_git_reset_says_why_it_cannot() {
        let dir = workspace();
        let chapter = info::chapter(dir.path(), "3").unwrap();
        std::fs::write(chapter.exercise_file(), "mine\n").unwrap();
        let error = exercise::reset::reset(dir.path(), &chapter).unwrap_err();
        assert!(error.contains("--reset takes it from git"), "{error}");
        assert_eq!(
            std::fs::read_to_string(chapter.exercise_file()).unwrap(),
            "mine\n"
        );
    }
}

#[test]
fn the_list_shows_an_untouched_chapter_as_not_started_without_building_it() {
    let dir = workspace();
    let list = exercise::progress::list(dir.path()).unwrap();
    assert!(list.contains(" 3  Things  not started"), "{list}");
    assert!(list.contains("Next: cargo exercise 3"), "{list}");
}

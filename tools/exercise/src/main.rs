//! `cargo exercise [N] [--watch | --reset]`: the learner's tool. See the
//! crate's documentation, or run `cargo exercise --help`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use exercise::info::{self, Chapter};
use exercise::{progress, report, reset};

const USAGE: &str = "\
usage: cargo exercise            every chapter's progress at a glance
       cargo exercise N          check chapter N's exercise: what is done, what to write or fix next
       cargo exercise N --watch  check again on every save of the exercise file (Ctrl-C to stop)
       cargo exercise N --reset  put the shipped exercise file back, saving yours beside it";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let root = workspace_root()?;
    let (chapter, flag) = match args {
        [] => return Ok(list(&root)),
        [help] if help == "--help" || help == "-h" => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        [n] if !n.starts_with('-') => (n, None),
        [n, flag] if !n.starts_with('-') && (flag == "--watch" || flag == "--reset") => {
            (n, Some(flag.as_str()))
        }
        [n, flag] if !n.starts_with('-') => {
            return Err(format!("unknown option `{flag}`\n{USAGE}"));
        }
        _ => {
            return Err(format!(
                "unexpected arguments `{}`\n{USAGE}",
                args.join(" ")
            ));
        }
    };
    let chapter = info::chapter(&root, chapter)?;
    match flag {
        None => check(&root, &chapter),
        Some("--watch") => watch(&root, &chapter),
        _ => {
            let saved = reset::reset(&root, &chapter)?;
            match saved {
                Some(saved) => println!(
                    "Put back the shipped {file}; yours is saved as {saved} \
                     (to carry on with it: cp {saved} {file}).",
                    file = relative(&root, &chapter.exercise_file()),
                    saved = relative(&root, &saved)
                ),
                None => println!(
                    "{} is already as shipped; nothing to put back.",
                    relative(&root, &chapter.exercise_file())
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Check one chapter and print its report; exit 0 when the core is done.
fn check(root: &Path, chapter: &Chapter) -> Result<ExitCode, String> {
    if !progress::checked_before(root, chapter) {
        eprintln!(
            "Building chapter {}'s tests with your exercise: the first time takes a minute or two ...",
            chapter.number
        );
    }
    let report = report::check(root, chapter)?;
    print!(
        "{}",
        report::render(chapter, &progress::title(root, chapter), &report)
    );
    progress::remember(root, chapter, &report);
    Ok(if report.core_done() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn watch(root: &Path, chapter: &Chapter) -> Result<ExitCode, String> {
    let file = chapter.exercise_file();
    let modified = |file: &Path| std::fs::metadata(file).and_then(|m| m.modified()).ok();
    let mut last: Option<SystemTime> = None;
    loop {
        let now = modified(&file);
        if now != last {
            if last.is_some() {
                println!("\nSaved: checking again ...");
            }
            last = now;
            let report = report::check(root, chapter)?;
            // Clear the screen, so that the report on top is always the latest.
            print!("\x1b[2J\x1b[H");
            print!(
                "{}",
                report::render(chapter, &progress::title(root, chapter), &report)
            );
            progress::remember(root, chapter, &report);
            println!(
                "\nWatching {} (Ctrl-C to stop): save it to check again.",
                relative(root, &file)
            );
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Every chapter's progress, from the last check of each (a chapter whose
/// file changed since is checked again).
fn list(root: &Path) -> ExitCode {
    match progress::list(root) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The workspace this tool belongs to: the nearest folder above the current
/// one with a `chapters/` folder and a `Cargo.toml`, else the one it was
/// built in.
fn workspace_root() -> Result<PathBuf, String> {
    let current = std::env::current_dir().map_err(|e| format!("no current folder: {e}"))?;
    for dir in current.ancestors() {
        if dir.join("chapters").is_dir() && dir.join("Cargo.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    built
        .canonicalize()
        .map_err(|_| "run this inside the book's workspace (the folder with chapters/)".to_string())
}

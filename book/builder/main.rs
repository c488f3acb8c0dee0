//! `cargo run -p book` — build the book and serve it with live reload.
//! `cargo run -p book -- build [--dest DIR]` — build it once, for reading from disk.
//! `cargo run -p book -- pdf [--dest FILE]` — print it into one PDF with headless Chromium.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  cargo run -p book [-- serve] [--port PORT]   build, serve at http://127.0.0.1:PORT/ (default 3000) and rebuild on changes
  cargo run -p book -- build [--dest DIR]      build once into DIR (default target/book); open DIR/index.html in a browser
  cargo run -p book -- pdf [--dest FILE]       print the whole book into FILE (default target/book.pdf) with headless Chromium";

#[derive(Debug)]
enum Command {
    Serve { port: u16 },
    Build { dest: Option<PathBuf> },
    Pdf { dest: Option<PathBuf> },
    Help,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let (verb, rest) = match args.first().map(String::as_str) {
        Some(verb @ ("build" | "pdf" | "serve")) => (verb, &args[1..]),
        _ => ("serve", args),
    };
    let serve = verb == "serve";
    let mut port = 3000;
    let mut dest = None;
    let mut words = rest.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" if serve => {
                let value = words
                    .next()
                    .ok_or("`--port` needs a number, e.g. `--port 3001`")?;
                port = value.parse().map_err(|_| {
                    format!("`--port {value}`: expected a port number from 1 to 65535")
                })?;
                if port == 0 {
                    return Err("`--port 0`: expected a port number from 1 to 65535".to_string());
                }
            }
            "--dest" if !serve => {
                let value = words.next().ok_or(if verb == "pdf" {
                    "`--dest` needs a file, e.g. `--dest /tmp/book.pdf`"
                } else {
                    "`--dest` needs a folder, e.g. `--dest /tmp/book`"
                })?;
                dest = Some(PathBuf::from(value));
            }
            other => {
                return Err(format!(
                    "unexpected argument `{other}` (`--port` goes with serving, `--dest` with `build` and `pdf`)"
                ));
            }
        }
    }
    Ok(match verb {
        "build" => Command::Build { dest },
        "pdf" => Command::Pdf { dest },
        _ => Command::Serve { port },
    })
}

/// The workspace whose book to build: the one `cargo run` was run in.
///
/// `cargo run` tells the program where its package is (`CARGO_MANIFEST_DIR`,
/// `book/`) at run time. The path compiled into the binary is not enough: two
/// checkouts that share a target folder share this binary, and cargo does not
/// rebuild it when only the checkout's path changes, so one checkout would
/// build and serve the other's book. Run directly, not by cargo, the binary
/// falls back to the path it was compiled in.
fn workspace_root(manifest_dir: Option<OsString>) -> PathBuf {
    manifest_dir
        .map(PathBuf::from)
        .filter(|dir| dir.join("book.toml").is_file())
        .and_then(|dir| dir.parent().map(Path::to_path_buf))
        .unwrap_or_else(book::workspace_root)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("error: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = workspace_root(std::env::var_os("CARGO_MANIFEST_DIR"));
    let result = match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Build { dest } => {
            let dest = dest.map_or_else(
                || book::default_dest(&root),
                |dest| std::path::absolute(dest).unwrap_or_default(),
            );
            book::build(&root, &dest).map(|()| {
                println!(
                    "The book is in {}; open {} in a browser.",
                    dest.display(),
                    dest.join("index.html").display()
                );
            })
        }
        Command::Pdf { dest } => book::pdf::pdf(
            &root,
            &dest.unwrap_or_else(|| book::pdf::default_dest(&root)),
        ),
        Command::Serve { port } => book::serve::serve(&root, &book::default_dest(&root), port),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    /// The message `parse` refuses the words of `text` with.
    fn refused(text: &str) -> String {
        parse(&args(text)).unwrap_err()
    }

    #[test]
    fn serving_is_the_default() {
        assert!(matches!(
            parse(&args("")),
            Ok(Command::Serve { port: 3000 })
        ));
        assert!(matches!(
            parse(&args("--port 4000")),
            Ok(Command::Serve { port: 4000 })
        ));
        assert!(matches!(
            parse(&args("serve --port 4001")),
            Ok(Command::Serve { port: 4001 })
        ));
    }

    #[test]
    fn build_takes_a_destination() {
        let Ok(Command::Build { dest }) = parse(&args("build --dest /tmp/x")) else {
            panic!()
        };
        assert_eq!(dest, Some(PathBuf::from("/tmp/x")));
    }

    #[test]
    fn pdf_takes_a_file_and_no_port() {
        assert!(matches!(
            parse(&args("pdf")),
            Ok(Command::Pdf { dest: None })
        ));
        let Ok(Command::Pdf { dest }) = parse(&args("pdf --dest /tmp/book.pdf")) else {
            panic!()
        };
        assert_eq!(dest, Some(PathBuf::from("/tmp/book.pdf")));
        assert!(refused("pdf --dest").contains("needs a file"));
        assert!(refused("pdf --port 3").contains("`--port`"));
        assert!(refused("pdf out.pdf").contains("`out.pdf`"));
        assert!(USAGE.contains("pdf [--dest FILE]"));
    }

    #[test]
    fn the_workspace_is_the_one_cargo_runs_in() {
        let compiled_in = book::workspace_root();
        assert_eq!(workspace_root(None), compiled_in);
        // Another checkout of the same workspace, as `cargo run` names it.
        let copy = tempfile::tempdir().unwrap();
        std::fs::create_dir(copy.path().join("book")).unwrap();
        std::fs::write(copy.path().join("book/book.toml"), "").unwrap();
        assert_eq!(
            workspace_root(Some(copy.path().join("book").into())),
            copy.path()
        );
        // A folder that holds no book (another package's) is not taken.
        assert_eq!(workspace_root(Some(copy.path().into())), compiled_in);
    }

    #[test]
    fn bad_arguments_are_named() {
        assert!(refused("--frobnicate").contains("`--frobnicate`"));
        assert!(refused("--port").contains("needs a number"));
        assert!(refused("--port lots").contains("`--port lots`"));
        assert!(refused("build --port 3").contains("`--port`"));
    }
}

//! `against-numpy write-weights PATH` writes the file
//! `chapters/chapter-07/numpy/speed.py --weights PATH` starts from;
//! `against-numpy train --epochs N --batch M` trains chapter 7's fast form
//! on the digits and prints the last epoch's loss, the Rust side of
//! `speed.py --weights PATH --epochs N --batch M`, for timing the two
//! whole programs side by side.

use std::path::PathBuf;
use std::process::ExitCode;

use against_numpy::{Error, Work, starting_network, train_digits, write_weights};
use chapter_07::{BatchSize, load_digits};

/// What `--help` prints.
const USAGE: &str = "usage: against-numpy write-weights PATH
       against-numpy train --epochs N --batch M

  write-weights PATH  write the digits network's starting weights, the order of its
                      training images and one epoch's results to the file PATH, for
                      python3 chapters/chapter-07/numpy/speed.py --weights PATH
  train               train chapter 7's fast form from the same starting weights (it
                      reads no file), N epochs, one image at a time (M = 1) or in
                      batches of M, and print the last epoch's loss: what
                      speed.py --weights PATH --epochs N --batch M does
  -h, --help          print this help
";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    /// Print the usage.
    Help,
    /// Write the weights file.
    WriteWeights(PathBuf),
    /// Train this many epochs in batches of this size.
    Train { epochs: usize, batch: usize },
}

/// Parse the arguments after the program's name.
fn parse(args: &[String]) -> Result<Command, String> {
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        return Ok(Command::Help);
    }
    match args {
        [] => Err("no command: expected `write-weights PATH` or `train`".into()),
        [command, path] if command == "write-weights" => {
            if path.is_empty() || path.starts_with('-') {
                Err(format!(
                    "`write-weights` needs a file, found `{path}`: `write-weights PATH`"
                ))
            } else {
                Ok(Command::WriteWeights(path.into()))
            }
        }
        [command, ..] if command == "write-weights" => {
            Err("`write-weights` takes one file: `write-weights PATH`".into())
        }
        [command, rest @ ..] if command == "train" => {
            let (mut epochs, mut batch) = (None, None);
            let mut rest = rest.iter();
            while let Some(flag) = rest.next() {
                let slot = match flag.as_str() {
                    "--epochs" => &mut epochs,
                    "--batch" => &mut batch,
                    _ => {
                        return Err(format!(
                            "unknown argument `{flag}` to `train`; expected `--epochs N --batch M`"
                        ));
                    }
                };
                let value = rest
                    .next()
                    .ok_or_else(|| format!("`{flag}` needs a whole number after it"))?;
                let number = value
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| {
                        format!("`{flag}` takes a whole number of at least 1, found `{value}`")
                    })?;
                if slot.replace(number).is_some() {
                    return Err(format!("`{flag}` is given twice; give it once"));
                }
            }
            match (epochs, batch) {
                (Some(epochs), Some(batch)) => Ok(Command::Train { epochs, batch }),
                _ => Err("`train` needs both `--epochs N` and `--batch M`".into()),
            }
        }
        [command, ..] => Err(format!(
            "unknown command `{command}`; expected `write-weights PATH` or `train`"
        )),
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Help => print!("{USAGE}"),
        Command::WriteWeights(path) => {
            let (one, batches) = write_weights(&path)?;
            println!(
                "wrote {}: the starting weights, the order of the images, and after one epoch \
                 the loss and the weights, one image at a time (loss {one}) and in batches of \
                 32 (loss {batches})",
                path.display()
            );
        }
        Command::Train { epochs, batch } => {
            let work = Work::new(&load_digits()?)?;
            let mut network = starting_network();
            let losses = train_digits(&mut network, &work, epochs, BatchSize::new(batch)?)?;
            println!("loss after {epochs} epochs: {}", losses[epochs - 1]);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Result<Vec<String>, String> = std::env::args_os()
        .skip(1)
        .map(|arg| {
            arg.into_string()
                .map_err(|arg| format!("argument `{}` is not valid UTF-8", arg.to_string_lossy()))
        })
        .collect();
    let command = match args.and_then(|args| parse(&args)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        super::parse(&args.iter().map(ToString::to_string).collect::<Vec<_>>())
    }

    #[test]
    fn the_two_commands_and_help_parse() {
        assert_eq!(
            parse(&["write-weights", "w.txt"]),
            Ok(Command::WriteWeights("w.txt".into()))
        );
        assert_eq!(
            parse(&["train", "--batch", "32", "--epochs", "20"]),
            Ok(Command::Train {
                epochs: 20,
                batch: 32
            })
        );
        assert_eq!(parse(&["train", "--help"]), Ok(Command::Help));
        assert_eq!(parse(&["-h"]), Ok(Command::Help));
    }

    #[test]
    fn bad_arguments_say_what_was_expected() {
        for (args, says) in [
            (&[][..], "no command"),
            (&["write-weights"][..], "takes one file"),
            (&["write-weights", "--epochs"][..], "needs a file"),
            (&["write-weights", "a", "b"][..], "takes one file"),
            (&["train", "--epochs", "20"][..], "needs both"),
            (
                &["train", "--epochs", "0", "--batch", "1"][..],
                "at least 1",
            ),
            (&["train", "--epochs", "x", "--batch", "1"][..], "found `x`"),
            (&["train", "--batch"][..], "needs a whole number"),
            (&["train", "--batch", "1", "--batch", "2"][..], "twice"),
            (
                &["train", "--weights", "w.txt"][..],
                "unknown argument `--weights`",
            ),
            (&["frobnicate"][..], "unknown command `frobnicate`"),
        ] {
            let error = parse(args).unwrap_err();
            assert!(error.contains(says), "{args:?}: {error}");
        }
        assert!(USAGE.contains("write-weights PATH") && USAGE.contains("--epochs N --batch M"));
    }
}

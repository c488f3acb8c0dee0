//! The command line every chapter example accepts: nothing, or
//! `--figures DIR` to also write its SVG figures into DIR.

use std::path::{Path, PathBuf};

/// Command-line handling shared by every chapter example.
///
/// The examples accept exactly one optional flag, `--figures DIR`, telling
/// them to write their SVG figures into DIR (created if missing); `--help`
/// prints usage.
///
/// ```no_run
/// use plots::{FigureOptions, LineChart};
///
/// let options = FigureOptions::from_env();
/// let chart = LineChart::new("Loss", "epoch", "loss").series("train", &[(0.0, 1.0), (1.0, 0.5)]);
/// options.save("loss.svg", &chart.to_svg()?)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FigureOptions {
    /// Where to write figures; `None` means do not write any.
    pub figures: Option<PathBuf>,
}

impl FigureOptions {
    /// Parse `std::env::args()`.
    ///
    /// On `--help` (or `-h`), prints usage naming the example (taken from
    /// the file stem of the program's path) and exits with code 0. On an
    /// unknown argument or a missing DIR, prints the error and usage to
    /// stderr and exits with code 2.
    #[must_use]
    pub fn from_env() -> Self {
        let mut args = std::env::args_os();
        let program = args.next().map(PathBuf::from);
        let example = program.as_deref().and_then(Path::file_stem).map_or_else(
            || "example".to_string(),
            |stem| stem.to_string_lossy().into_owned(),
        );
        let args: Result<Vec<String>, String> = args
            .map(|arg| {
                arg.into_string().map_err(|arg| {
                    format!("argument `{}` is not valid UTF-8", arg.to_string_lossy())
                })
            })
            .collect();
        match args.and_then(|args| Self::parse(&example, args)) {
            Ok(Some(options)) => options,
            Ok(None) => {
                print!("{}", usage(&example));
                std::process::exit(0);
            }
            Err(message) => {
                eprintln!("error: {message}\n\n{}", usage(&example));
                std::process::exit(2);
            }
        }
    }

    /// Parse `args` (NOT including the program name) for the example named
    /// `example`. Returns `Ok(None)` when help was asked for, and an error
    /// message (without the leading `error: `) for anything else than
    /// nothing or `--figures DIR`.
    ///
    /// ```
    /// use plots::FigureOptions;
    ///
    /// let args = ["--figures".to_string(), "out".to_string()];
    /// let options = FigureOptions::parse("forward", args).unwrap().unwrap();
    /// assert_eq!(options.figures, Some("out".into()));
    /// assert_eq!(FigureOptions::parse("forward", ["--help".to_string()]), Ok(None));
    /// ```
    pub fn parse<I: IntoIterator<Item = String>>(
        example: &str,
        args: I,
    ) -> Result<Option<Self>, String> {
        let mut options = FigureOptions::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--help" | "-h" => return Ok(None),
                "--figures" => {
                    let Some(dir) = args
                        .next()
                        .filter(|dir| !dir.starts_with('-') && !dir.is_empty())
                    else {
                        return Err(format!(
                            "`--figures` needs a directory: `{example} --figures DIR`"
                        ));
                    };
                    if options.figures.is_some() {
                        return Err("`--figures` is given twice; give it once".to_string());
                    }
                    options.figures = Some(PathBuf::from(dir));
                }
                other => {
                    return Err(format!(
                        "unknown argument `{other}`; expected `--figures DIR` or nothing"
                    ));
                }
            }
        }
        Ok(Some(options))
    }

    /// Write `svg` to DIR/`name` when `--figures DIR` was given, creating
    /// DIR if needed; do nothing otherwise. Errors name the path.
    pub fn save(&self, name: &str, svg: &str) -> std::io::Result<()> {
        let Some(dir) = &self.figures else {
            return Ok(());
        };
        std::fs::create_dir_all(dir).map_err(|e| with_path(&e, "cannot create directory", dir))?;
        let path = dir.join(name);
        std::fs::write(&path, svg).map_err(|e| with_path(&e, "cannot write", &path))
    }

    /// Write `frames` into DIR/NAME/ (the frames and their manifest, see
    /// [`Frames`](crate::Frames)) when `--figures DIR` was given; do
    /// nothing otherwise. Frames that cannot be played (no frames, series
    /// of different lengths, a loss that is not finite) are an error
    /// saying why, with or without DIR.
    pub fn save_frames(&self, frames: &crate::Frames) -> std::io::Result<()> {
        if let Err(error) = frames.manifest() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                error.message(),
            ));
        }
        let Some(dir) = &self.figures else {
            return Ok(());
        };
        std::fs::create_dir_all(dir).map_err(|e| with_path(&e, "cannot create directory", dir))?;
        frames
            .write(dir)
            .map_err(|e| with_path(&e, "cannot write frames into", &dir.join(frames.name())))
    }
}

/// The usage text of the example named `example`.
fn usage(example: &str) -> String {
    format!(
        "usage: {example} [--figures DIR]\n\
         \n\
         Runs the example and prints its results.\n\
         \n\
         options:\n  \
         --figures DIR  also write the example's SVG figures into DIR (created if missing)\n  \
         -h, --help     print this help\n"
    )
}

/// The same kind of error, with a message that names `path`.
fn with_path(error: &std::io::Error, what: &str, path: &Path) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{what} {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<FigureOptions>, String> {
        FigureOptions::parse("forward", args.iter().map(ToString::to_string))
    }

    /// A fresh directory under the system's temporary directory.
    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("plots-cli-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn no_arguments_means_no_figures() {
        assert_eq!(parse(&[]), Ok(Some(FigureOptions { figures: None })));
    }

    #[test]
    fn figures_takes_a_directory() {
        assert_eq!(
            parse(&["--figures", "out/dir"]),
            Ok(Some(FigureOptions {
                figures: Some("out/dir".into())
            }))
        );
    }

    #[test]
    fn help_wins() {
        assert_eq!(parse(&["--help"]), Ok(None));
        assert_eq!(parse(&["--figures", "out", "-h"]), Ok(None));
    }

    #[test]
    fn unknown_arguments_are_errors() {
        assert_eq!(
            parse(&["--foo"]),
            Err("unknown argument `--foo`; expected `--figures DIR` or nothing".to_string())
        );
        assert!(
            parse(&["--figures", "a", "b"])
                .unwrap_err()
                .contains("unknown argument `b`")
        );
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        for args in [
            &["--figures"][..],
            &["--figures", "--help"][..],
            &["--figures", ""][..],
        ] {
            let error = parse(args).unwrap_err();
            assert!(
                error.contains("`--figures` needs a directory"),
                "{args:?}: {error}"
            );
            assert!(error.contains("forward --figures DIR"), "{error}");
        }
    }

    #[test]
    fn figures_twice_is_an_error() {
        assert!(
            parse(&["--figures", "a", "--figures", "b"])
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn usage_names_the_example() {
        assert!(usage("forward").starts_with("usage: forward [--figures DIR]\n"));
    }

    #[test]
    fn save_writes_into_a_new_directory() {
        let dir = temp_dir("save").join("nested");
        let options = FigureOptions {
            figures: Some(dir.clone()),
        };
        options.save("a.svg", "<svg/>").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("a.svg")).unwrap(),
            "<svg/>"
        );
        std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    }

    #[test]
    fn save_without_figures_does_nothing() {
        FigureOptions::default()
            .save("/nonexistent/dir/a.svg", "<svg/>")
            .unwrap();
    }

    #[test]
    fn save_errors_name_the_path() {
        let dir = temp_dir("blocked");
        std::fs::create_dir_all(&dir).unwrap();
        // A file where the figures directory should be.
        let blocker = dir.join("file");
        std::fs::write(&blocker, "").unwrap();
        let options = FigureOptions {
            figures: Some(blocker.clone()),
        };
        let error = options.save("a.svg", "<svg/>").unwrap_err();
        assert!(
            error.to_string().contains(&blocker.display().to_string()),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Named matrices in a plain text file, for a program in another language
//! to read with nothing but its standard library: `against-numpy
//! write-weights PATH` writes the digits network's starting weights, its
//! training order and what one epoch computes, and the numpy script
//! `chapters/chapter-07/numpy/speed.py --weights PATH` starts from them,
//! trains in the same order and checks that it computes the same numbers.
//!
//! Each matrix is a line with its name, its number of rows and of columns,
//! then one line per row, the numbers separated by spaces; lines starting
//! with `#` are comments, blank lines are skipped:
//!
//! ```text
//! # a comment
//! b1 3 1
//! 0.25
//! -0.125
//! 1.5
//! ```
//!
//! Numbers are written as Rust's `{}` writes an `f64`: the fewest digits
//! that read back to exactly the same number, so Python's `float` and
//! [`read_matrices`] get exactly the bits that were written.

use std::fmt::{self, Write as _};
use std::io;
use std::path::{Path, PathBuf};

use chapter_07::ndarray::{Array2, ArrayView2};

/// A file of named matrices, in the order they were written.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrices {
    /// The file they were read from, for error messages.
    path: PathBuf,
    /// Each matrix with its name.
    entries: Vec<(String, Array2<f64>)>,
}

impl Matrices {
    /// The matrix called `name`; an error naming the file and the names
    /// it holds if there is none.
    pub fn get(&self, name: &str) -> Result<&Array2<f64>, WeightsFileError> {
        self.entries
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, matrix)| matrix)
            .ok_or_else(|| WeightsFileError::Missing {
                path: self.path.clone(),
                name: name.to_string(),
                found: self.names().map(str::to_string).collect(),
            })
    }

    /// The names of the matrices, in the order of the file.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(name, _)| name.as_str())
    }
}

/// What can go wrong writing or reading a file of matrices.
#[derive(Debug)]
pub enum WeightsFileError {
    /// The file could not be written or read.
    Io {
        /// `write` or `read`.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Why the operating system refused.
        source: io::Error,
    },
    /// A line is not what the format says.
    Format {
        /// The file.
        path: PathBuf,
        /// The line, counting from 1.
        line: usize,
        /// What was expected there and what was found.
        message: String,
    },
    /// The file has no matrix of that name.
    Missing {
        /// The file.
        path: PathBuf,
        /// The name asked for.
        name: String,
        /// The names the file holds.
        found: Vec<String>,
    },
}

impl fmt::Display for WeightsFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io {
                action: "write",
                path,
                source,
            } => write!(
                f,
                "cannot write the weights file {}: {source} (give a file in a folder that \
                 exists and that you may write to)",
                path.display()
            ),
            Self::Io {
                action,
                path,
                source,
            } => write!(
                f,
                "cannot {action} the weights file {}: {source}",
                path.display()
            ),
            Self::Format {
                path,
                line,
                message,
            } => write!(f, "{}, line {line}: {message}", path.display()),
            Self::Missing { path, name, found } => write!(
                f,
                "{} holds no matrix called `{name}` (it holds: {}); write it again with \
                 `cargo run --release -p against-numpy -- write-weights PATH`",
                path.display(),
                found.join(", ")
            ),
        }
    }
}

impl std::error::Error for WeightsFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Format { .. } | Self::Missing { .. } => None,
        }
    }
}

/// The text of a file holding `matrices`, after `comment` (each of its
/// lines written as a `#` line).
///
/// # Panics
/// If a name is empty, holds a space or starts with `#` (the reader could
/// not find it again: a programming error, not data).
#[must_use]
pub fn format_matrices(comment: &str, matrices: &[(&str, ArrayView2<'_, f64>)]) -> String {
    let mut text = String::new();
    for line in comment.lines() {
        writeln!(text, "# {line}").expect("writing to a String cannot fail");
    }
    for (name, matrix) in matrices {
        assert!(
            !name.is_empty() && !name.contains(char::is_whitespace) && !name.starts_with('#'),
            "a matrix name must be one word, not starting with #: `{name}`"
        );
        let (rows, columns) = matrix.dim();
        writeln!(text, "{name} {rows} {columns}").expect("writing to a String cannot fail");
        for row in matrix.rows() {
            let numbers: Vec<String> = row.iter().map(f64::to_string).collect();
            writeln!(text, "{}", numbers.join(" ")).expect("writing to a String cannot fail");
        }
    }
    text
}

/// Write `matrices` to the file `path`, after `comment`, as
/// [`format_matrices`] does. The error names the file.
pub fn write_matrices(
    path: &Path,
    comment: &str,
    matrices: &[(&str, ArrayView2<'_, f64>)],
) -> Result<(), WeightsFileError> {
    std::fs::write(path, format_matrices(comment, matrices)).map_err(|source| {
        WeightsFileError::Io {
            action: "write",
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Read the file `path` that [`write_matrices`] wrote. The errors name the
/// file, and the line of anything that is not what the format says.
pub fn read_matrices(path: &Path) -> Result<Matrices, WeightsFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| WeightsFileError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    parse_matrices(&text, path)
}

/// Read matrices from `text`, the contents of the file `path` (named in
/// the errors).
pub fn parse_matrices(text: &str, path: &Path) -> Result<Matrices, WeightsFileError> {
    let error = |line: usize, message: String| WeightsFileError::Format {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(k, line)| (k + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'));
    let mut entries: Vec<(String, Array2<f64>)> = Vec::new();
    while let Some((number, header)) = lines.next() {
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [name, rows, columns] = fields[..] else {
            return Err(error(
                number,
                format!(
                    "expected a matrix's name, rows and columns (e.g. `W1 32 64`), found `{header}`"
                ),
            ));
        };
        let count = |text: &str, what: &str| {
            text.parse::<usize>().map_err(|_| {
                error(
                    number,
                    format!("the number of {what} of `{name}` is not a count: `{text}`"),
                )
            })
        };
        let (rows, columns) = (count(rows, "rows")?, count(columns, "columns")?);
        if entries.iter().any(|(found, _)| found == name) {
            return Err(error(number, format!("a second matrix called `{name}`")));
        }
        let mut values = Vec::new();
        for row in 0..rows {
            let Some((number, line)) = lines.next() else {
                return Err(error(
                    text.lines().count(),
                    format!("the file ends after {row} of the {rows} rows of `{name}`"),
                ));
            };
            let before = values.len();
            for (field, value) in line.split_whitespace().enumerate() {
                values.push(value.parse::<f64>().map_err(|_| {
                    error(
                        number,
                        format!(
                            "number {} of row {} of `{name}` is not a number: `{value}`",
                            field + 1,
                            row + 1
                        ),
                    )
                })?);
            }
            let found = values.len() - before;
            if found != columns {
                return Err(error(
                    number,
                    format!(
                        "row {} of `{name}` has {found} numbers, expected {columns}",
                        row + 1
                    ),
                ));
            }
        }
        let matrix =
            Array2::from_shape_vec((rows, columns), values).expect("rows × columns values");
        entries.push((name.to_string(), matrix));
    }
    Ok(Matrices {
        path: path.to_path_buf(),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chapter_07::ndarray::array;

    fn parse(text: &str) -> Result<Matrices, WeightsFileError> {
        parse_matrices(text, Path::new("w.txt"))
    }

    #[test]
    fn every_number_reads_back_to_the_same_bits() {
        let awkward = array![
            [0.1, -1.0 / 3.0, 1e-300, f64::MIN_POSITIVE],
            [f64::MAX, -0.0, 123_456_789.012_345_67, 5e-324]
        ];
        let column = array![[2.0_f64.sqrt()], [std::f64::consts::PI]];
        let text = format_matrices("two\nlines", &[("A", awkward.view()), ("b", column.view())]);
        let read = parse(&text).unwrap();
        assert_eq!(read.names().collect::<Vec<_>>(), ["A", "b"]);
        for (name, written) in [("A", &awkward), ("b", &column)] {
            let found = read.get(name).unwrap();
            assert_eq!(found.dim(), written.dim());
            for (x, y) in found.iter().zip(written) {
                assert_eq!(x.to_bits(), y.to_bits(), "{name}: {x} against {y}");
            }
        }
    }

    #[test]
    fn a_weights_file_in_a_missing_folder_names_the_path() {
        let path = std::env::temp_dir()
            .join(format!("no-such-folder-{}", std::process::id()))
            .join("w.txt");
        let error = write_matrices(&path, "", &[("b", array![[1.5]].view())]).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("a folder that exists"), "{message}");
        let error = read_matrices(&path).unwrap_err().to_string();
        assert!(error.contains("cannot read the weights file"), "{error}");
    }

    #[test]
    fn a_malformed_file_names_the_line() {
        for (text, line, says) in [
            ("W 2\n1 2\n", 1, "name, rows and columns"),
            ("W 2 x\n", 1, "not a count"),
            ("# c\n\nW 1 2\n1 2 3\n", 4, "has 3 numbers, expected 2"),
            (
                "W 1 2\n1 two\n",
                2,
                "number 2 of row 1 of `W` is not a number",
            ),
            ("W 3 1\n1\n2\n", 3, "ends after 2 of the 3 rows"),
            ("W 1 1\n1\nW 1 1\n2\n", 3, "a second matrix called `W`"),
        ] {
            let error = parse(text).unwrap_err().to_string();
            assert!(
                error.starts_with(&format!("w.txt, line {line}: ")),
                "{error}"
            );
            assert!(error.contains(says), "{text:?}: {error}");
        }
    }

    #[test]
    fn a_missing_matrix_names_those_there_are() {
        let error = parse("W 1 1\n1\n")
            .unwrap()
            .get("b")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("no matrix called `b` (it holds: W)"),
            "{error}"
        );
    }

    #[test]
    #[should_panic(expected = "must be one word")]
    fn a_name_with_a_space_is_refused() {
        let _ = format_matrices("", &[("W 1", array![[1.0]].view())]);
    }
}

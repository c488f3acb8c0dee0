//! The handwritten digits: reading the data file that ships with the book.
//!
//! The file `data/digits.csv.gz` is gzip-compressed text with one image per
//! line: 64 pixel values, each an integer from 0 to 16 (how much ink fell
//! in that cell of an 8x8 grid, row by row), then the digit it shows, 0 to
//! 9, all separated by commas. Nothing is downloaded: the file is in the
//! repository, next to a README that says where it comes from.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use chapter_05::ndarray::Array2;
use flate2::read::GzDecoder;

/// Pixels per image: an 8x8 grid.
pub const PIXELS: usize = 64;
/// Side of the square image.
pub const SIDE: usize = 8;
/// The classes: the digits 0 to 9.
pub const CLASSES: usize = 10;
/// The largest pixel value in the file (a cell of the grid full of ink).
pub const MAX_PIXEL: u32 = 16;

// ANCHOR: digit
/// One handwritten digit.
#[derive(Debug, Clone, PartialEq)]
pub struct Digit {
    /// The 64 pixels as a `(64, 1)` column, row by row, each scaled from
    /// `0..=16` to `0..=1` (divided by 16): the input `X` of the network.
    pub image: Array2<f64>,
    /// The digit the image shows, 0 to 9.
    pub label: usize,
}
// ANCHOR_END: digit

impl Digit {
    /// The image as 8 rows of 8 values, top row first (for pictures).
    #[must_use]
    pub fn rows(&self) -> Vec<Vec<f64>> {
        self.image
            .as_slice()
            .expect("an image is one contiguous column")
            .chunks(SIDE)
            .map(<[f64]>::to_vec)
            .collect()
    }
}

/// The data file that ships with this chapter:
/// `chapters/chapter-06/data/digits.csv.gz`.
#[must_use]
pub fn default_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("digits.csv.gz")
}

/// Load the 1,797 digits that ship with this chapter.
pub fn load_digits() -> Result<Vec<Digit>, DataError> {
    load_digits_from(default_path())
}

// ANCHOR: load
/// Load digits from a gzip-compressed file with one image per line:
/// 64 pixel values (integers `0..=16`) then the label (`0..=9`),
/// separated by commas.
///
/// Every problem is an error that names the file and the line (counting
/// from 1): a file that cannot be opened, a broken gzip stream, a line with
/// the wrong number of fields, a value that is not an integer in range.
pub fn load_digits_from(path: impl AsRef<Path>) -> Result<Vec<Digit>, DataError> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|source| DataError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let mut reader = BufReader::new(GzDecoder::new(BufReader::new(file)));
    let mut digits = Vec::new();
    let mut bytes = Vec::new();
    for line in 1.. {
        bytes.clear();
        let read = reader
            .read_until(b'\n', &mut bytes)
            .map_err(|source| DataError::Gzip {
                path: path.to_path_buf(),
                line,
                source,
            })?;
        if read == 0 {
            break; // the end of the file
        }
        let text = String::from_utf8_lossy(&bytes);
        digits.push(parse_line(text.trim_end_matches(['\n', '\r']), path, line)?);
    }
    if digits.is_empty() {
        return Err(DataError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(digits)
}
// ANCHOR_END: load

// ANCHOR: parse_line
/// One line: 64 pixels in `0..=16`, then the label in `0..=9`.
fn parse_line(text: &str, path: &Path, line: usize) -> Result<Digit, DataError> {
    let fields: Vec<&str> = if text.is_empty() {
        vec![]
    } else {
        text.split(',').collect()
    };
    if fields.len() != PIXELS + 1 {
        return Err(DataError::FieldCount {
            path: path.to_path_buf(),
            line,
            found: fields.len(),
        });
    }
    let value = |index: usize, max: u32, what: &'static str| {
        let field = fields[index].trim();
        match field.parse::<u32>() {
            Ok(value) if value <= max => Ok(value),
            _ => Err(DataError::Value {
                path: path.to_path_buf(),
                line,
                field: index + 1,
                found: field.to_string(),
                what,
                max,
            }),
        }
    };
    let mut pixels = Vec::with_capacity(PIXELS);
    for index in 0..PIXELS {
        let pixel = value(index, MAX_PIXEL, "a pixel value")?;
        pixels.push(f64::from(pixel) / f64::from(MAX_PIXEL));
    }
    let label = value(PIXELS, CLASSES as u32 - 1, "a label")?;
    Ok(Digit {
        image: Array2::from_shape_vec((PIXELS, 1), pixels)
            .expect("64 pixels make a (64, 1) column"),
        label: label as usize,
    })
}
// ANCHOR_END: parse_line

// ANCHOR: data_error
/// What can be wrong with a data file. Every message names the file, and,
/// where it applies, the line and the field (both counting from 1) and what
/// was expected there.
#[derive(Debug)]
pub enum DataError {
    /// The file could not be opened (most often: it is not there).
    Open {
        /// The file.
        path: PathBuf,
        /// Why the operating system refused.
        source: io::Error,
    },
    /// The file is not a valid gzip stream, or it ends in the middle of one.
    Gzip {
        /// The file.
        path: PathBuf,
        /// The line that was being read when the stream broke.
        line: usize,
        /// What the decompressor said.
        source: io::Error,
    },
    /// A line does not have 65 fields (64 pixels and a label).
    FieldCount {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// How many comma-separated fields it has.
        found: usize,
    },
    /// A field is not an integer, or is out of range.
    Value {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// The field: 1 to 64 are pixels, 65 is the label.
        field: usize,
        /// The text found there.
        found: String,
        /// What should be there: `a pixel value` or `a label`.
        what: &'static str,
        /// The largest value allowed there.
        max: u32,
    },
    /// The file holds no images at all.
    Empty {
        /// The file.
        path: PathBuf,
    },
}
// ANCHOR_END: data_error

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open { path, source } => write!(
                f,
                "cannot open the digits file {}: {source} (the book ships it as \
                 chapters/chapter-06/data/digits.csv.gz)",
                path.display()
            ),
            Self::Gzip { path, line, source } => write!(
                f,
                "{}, line {line}: the file is not a valid gzip stream ({source}); \
                 expected gzip-compressed text, like data/digits.csv.gz",
                path.display()
            ),
            Self::FieldCount { path, line, found } => write!(
                f,
                "{}, line {line}: expected {} comma-separated fields ({PIXELS} pixels and a \
                 label), found {found}",
                path.display(),
                PIXELS + 1
            ),
            Self::Value {
                path,
                line,
                field,
                found,
                what,
                max,
            } => write!(
                f,
                "{}, line {line}, field {field}: expected {what}: an integer from 0 to \
                 {max}, found \"{found}\"",
                path.display()
            ),
            Self::Empty { path } => write!(
                f,
                "{}: the file holds no images; expected one image per line",
                path.display()
            ),
        }
    }
}

impl std::error::Error for DataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Open { source, .. } | Self::Gzip { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    /// A line with the given 64 pixels and label.
    fn line(pixels: &[u32; PIXELS], label: u32) -> String {
        let mut fields: Vec<String> = pixels.iter().map(u32::to_string).collect();
        fields.push(label.to_string());
        fields.join(",")
    }

    /// A varied, valid image: pixel `k` is `(3 k) mod 17`.
    fn pixels() -> [u32; PIXELS] {
        std::array::from_fn(|k| (3 * k as u32) % 17)
    }

    /// Write `text`, gzip-compressed, into a file of a temporary folder.
    fn gzipped(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digits.csv.gz");
        let mut encoder = GzEncoder::new(File::create(&path).unwrap(), Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap();
        (dir, path)
    }

    mod the_shipped_file {
        use super::*;

        #[test]
        fn is_the_documented_file_of_57523_bytes() {
            // data/README.md gives its origin and sha256.
            assert_eq!(std::fs::metadata(default_path()).unwrap().len(), 57_523);
        }

        #[test]
        fn holds_1797_digits_of_every_class() {
            let digits = load_digits().unwrap();
            assert_eq!(digits.len(), 1797);
            let mut counts = [0; CLASSES];
            for digit in &digits {
                assert_eq!(digit.image.dim(), (PIXELS, 1));
                assert!(digit.image.iter().all(|&p| (0.0..=1.0).contains(&p)));
                counts[digit.label] += 1;
            }
            assert!(
                counts.iter().all(|&c| (170..=190).contains(&c)),
                "{counts:?}"
            );
        }

        #[test]
        fn first_image_is_a_zero_scaled_by_one_sixteenth() {
            // The first line of the file starts 0,0,5,13,9,1,0,0 and ends with label 0.
            let first = &load_digits().unwrap()[0];
            assert_eq!(first.label, 0);
            assert_eq!(first.image[[2, 0]], 5.0 / 16.0);
            assert_eq!(first.image[[3, 0]], 13.0 / 16.0);
            assert_eq!(first.rows()[0][3], 13.0 / 16.0);
        }
    }

    mod good_files {
        use super::*;

        #[test]
        fn pixels_are_divided_by_16_and_kept_in_order() {
            let text = format!("{}\n{}\n", line(&pixels(), 7), line(&[16; PIXELS], 0));
            let (_dir, path) = gzipped(&text);
            let digits = load_digits_from(&path).unwrap();
            assert_eq!(digits.len(), 2);
            assert_eq!(digits[0].label, 7);
            for (k, &p) in pixels().iter().enumerate() {
                assert_eq!(digits[0].image[[k, 0]], f64::from(p) / 16.0);
            }
            assert!(digits[1].image.iter().all(|&p| p == 1.0));
        }

        #[test]
        fn a_last_line_without_newline_and_windows_line_ends_are_fine() {
            let text = format!("{}\r\n{}", line(&pixels(), 3), line(&pixels(), 9));
            let (_dir, path) = gzipped(&text);
            let labels: Vec<usize> = load_digits_from(&path)
                .unwrap()
                .iter()
                .map(|d| d.label)
                .collect();
            assert_eq!(labels, [3, 9]);
        }
    }

    mod errors {
        use super::*;

        #[test]
        fn a_missing_file_names_the_file() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("no-such-file.csv.gz");
            let error = load_digits_from(&path).unwrap_err();
            let DataError::Open { source, .. } = &error else {
                panic!("{error}")
            };
            assert_eq!(source.kind(), io::ErrorKind::NotFound);
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("cannot open the digits file {}:", path.display())),
                "{message}"
            );
            assert!(message.contains("data/digits.csv.gz"), "{message}");
        }

        #[test]
        fn a_file_that_is_not_gzip_names_the_file_and_line_1() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("plain.csv");
            std::fs::write(&path, line(&pixels(), 1)).unwrap();
            let error = load_digits_from(&path).unwrap_err();
            assert!(
                matches!(error, DataError::Gzip { line: 1, .. }),
                "{error:?}"
            );
            assert!(
                error.to_string().starts_with(&format!(
                    "{}, line 1: the file is not a valid gzip stream",
                    path.display()
                )),
                "{error}"
            );
        }

        #[test]
        fn a_gzip_stream_cut_short_names_the_line_it_broke_in() {
            // Many lines, so that the cut falls well after line 1.
            let text = format!("{}\n", line(&pixels(), 4)).repeat(200);
            let (_dir, path) = gzipped(&text);
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
            let error = load_digits_from(&path).unwrap_err();
            let DataError::Gzip { line, .. } = error else {
                panic!("{error}")
            };
            assert!(line > 1, "broke in line {line}");
        }

        #[test]
        fn a_line_with_too_few_fields_names_file_line_and_count() {
            let text = format!("{}\n{}\n", line(&pixels(), 2), "1,2,3");
            let (_dir, path) = gzipped(&text);
            let error = load_digits_from(&path).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "{}, line 2: expected 65 comma-separated fields (64 pixels and a label), found 3",
                    path.display()
                )
            );
        }

        #[test]
        fn a_line_with_too_many_fields_or_none_is_an_error() {
            let long = format!("{},5", line(&pixels(), 2));
            let (_dir, path) = gzipped(&format!("{long}\n"));
            assert!(matches!(
                load_digits_from(&path).unwrap_err(),
                DataError::FieldCount {
                    line: 1,
                    found: 66,
                    ..
                }
            ));
            let (_dir, path) = gzipped(&format!("{}\n\n", line(&pixels(), 2)));
            assert!(matches!(
                load_digits_from(&path).unwrap_err(),
                DataError::FieldCount {
                    line: 2,
                    found: 0,
                    ..
                }
            ));
        }

        #[test]
        fn a_pixel_above_16_names_file_line_and_field() {
            let mut bad = pixels();
            bad[9] = 17;
            let text = format!(
                "{}\n{}\n{}\n",
                line(&pixels(), 0),
                line(&pixels(), 1),
                line(&bad, 2)
            );
            let (_dir, path) = gzipped(&text);
            let error = load_digits_from(&path).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "{}, line 3, field 10: expected a pixel value: an integer from 0 to 16, found \"17\"",
                    path.display()
                )
            );
        }

        #[test]
        fn a_pixel_that_is_not_an_integer_is_an_error() {
            for bad in ["-1", "2.5", "x", ""] {
                let text = line(&pixels(), 5).replacen("0,", &format!("{bad},"), 1);
                let (_dir, path) = gzipped(&text);
                let error = load_digits_from(&path).unwrap_err();
                assert!(
                    matches!(&error, DataError::Value { line: 1, field: 1, found, .. } if found == bad),
                    "{bad}: {error:?}"
                );
            }
        }

        #[test]
        fn a_label_above_9_names_field_65() {
            let (_dir, path) = gzipped(&line(&pixels(), 10));
            let error = load_digits_from(&path).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "{}, line 1, field 65: expected a label: an integer from 0 to 9, found \"10\"",
                    path.display()
                )
            );
        }

        #[test]
        fn the_io_error_is_the_source_of_open_and_gzip_errors_only() {
            use std::error::Error;
            let io_kind = |error: &DataError| {
                error
                    .source()
                    .and_then(|source| source.downcast_ref::<io::Error>())
                    .map(io::Error::kind)
            };
            let dir = tempfile::tempdir().unwrap();
            let missing = load_digits_from(dir.path().join("no-such-file.csv.gz")).unwrap_err();
            assert_eq!(
                io_kind(&missing),
                Some(io::ErrorKind::NotFound),
                "{missing}"
            );

            let plain = dir.path().join("plain.csv");
            std::fs::write(&plain, line(&pixels(), 1)).unwrap();
            let not_gzip = load_digits_from(&plain).unwrap_err();
            assert!(matches!(not_gzip, DataError::Gzip { .. }), "{not_gzip:?}");
            assert!(io_kind(&not_gzip).is_some(), "{not_gzip}");

            // The other errors are found by this code, not by the system.
            let (_dir, path) = gzipped("1,2,3\n");
            assert!(load_digits_from(&path).unwrap_err().source().is_none());
        }

        #[test]
        fn an_empty_file_is_an_error() {
            let (_dir, path) = gzipped("");
            let error = load_digits_from(&path).unwrap_err();
            assert!(matches!(error, DataError::Empty { .. }), "{error:?}");
            assert!(error.to_string().contains("holds no images"), "{error}");
        }
    }
}

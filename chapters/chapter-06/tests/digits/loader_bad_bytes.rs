//! The digits loader against bad bytes: random byte strings, and the real
//! file cut short, with a byte changed or with a field put in, compressed
//! or not. Whatever it is given, it never panics, never returns a pixel or
//! a label out of range, and answers with the data or a `DataError` that
//! names the file (and the line, for anything but an empty file).

use std::io::{Read, Write};
use std::path::Path;

use chapter_06::testing::proptest_config;
use chapter_06::{DataError, load_digits_from};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use proptest::prelude::*;

/// The first 40 lines of the real file, as text.
fn real_lines() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/digits.csv.gz");
    let mut text = String::new();
    GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let lines: Vec<&str> = text.lines().take(40).collect();
    (lines.join("\n") + "\n").into_bytes()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Load `bytes` from a file of their own and check the answer.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("digits.csv.gz");
    std::fs::write(&path, bytes).unwrap();
    match load_digits_from(&path) {
        Ok(digits) => {
            prop_assert!(!digits.is_empty(), "Ok with no digits");
            for (k, digit) in digits.iter().enumerate() {
                prop_assert_eq!(digit.image.dim(), (64, 1), "image {}'s shape", k);
                prop_assert!(digit.label <= 9, "image {}'s label is {}", k, digit.label);
                prop_assert!(
                    digit.image.iter().all(|p| (0.0..=1.0).contains(p)),
                    "image {} has a pixel outside 0..=1",
                    k
                );
            }
        }
        Err(error) => {
            let said = error.to_string();
            prop_assert!(
                said.contains(&path.display().to_string()),
                "the error does not name the file: {}",
                said
            );
            if !matches!(error, DataError::Empty { .. }) {
                prop_assert!(
                    said.contains(", line "),
                    "the error names no line: {}",
                    said
                );
            }
        }
    }
    Ok(())
}

/// What is done to the real text.
#[derive(Debug, Clone)]
enum Change {
    CutAt(usize),
    Byte(usize, u8),
    Field(usize, String),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        any::<usize>().prop_map(Change::CutAt),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Change::Byte(at, byte)),
        (any::<usize>(), "[0-9]{0,3}|-[0-9]|x").prop_map(|(at, text)| Change::Field(at, text)),
    ]
}

fn apply(text: &[u8], change: &Change) -> Vec<u8> {
    let mut text = text.to_vec();
    match change {
        Change::CutAt(at) => text.truncate(at % (text.len() + 1)),
        // An earlier cut may have left nothing to change.
        Change::Byte(at, byte) if !text.is_empty() => {
            let at = at % text.len();
            text[at] = *byte;
        }
        Change::Byte(..) => {}
        Change::Field(at, field) => {
            let at = at % (text.len() + 1);
            let inserted = format!(",{field}");
            text.splice(at..at, inserted.bytes());
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..proptest_config() })]

    #[test]
    fn random_bytes_are_refused_with_the_file_and_line(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes)?;
    }

    #[test]
    fn random_bytes_compressed_are_refused_with_the_file_and_line(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&gzip(&bytes))?;
    }

    #[test]
    fn a_changed_real_file_loads_in_range_or_is_refused(changes in prop::collection::vec(change(), 1..4)) {
        let text = changes.iter().fold(real_lines(), |text, c| apply(&text, c));
        check(&gzip(&text))?;
    }

    #[test]
    fn the_real_file_with_its_compressed_bytes_changed_is_handled(changes in prop::collection::vec(change(), 1..3)) {
        let bytes = changes.iter().fold(gzip(&real_lines()), |bytes, c| match c {
            Change::Field(..) => bytes,
            other => apply(&bytes, other),
        });
        check(&bytes)?;
    }
}

#[test]
fn every_change_applies_after_a_cut_to_nothing() {
    for change in [
        Change::CutAt(0),
        Change::Byte(7, b'x'),
        Change::Field(3, "5".into()),
    ] {
        let text = apply(&apply(b"1,2\n", &Change::CutAt(0)), &change);
        let expected: &[u8] = match change {
            Change::Field(..) => b",5",
            _ => b"",
        };
        assert_eq!(text, expected, "{change:?} after a cut to nothing");
    }
}

#[test]
fn the_real_lines_load() {
    check(&gzip(&real_lines())).unwrap();
}

//! One number from an example's output, in the prose of any page:
//!
//! * `{{#value chapter-06 digits test accuracy}}` — the first number after
//!   `test accuracy` on the one line of
//!   `cargo run -p chapter-06 --example digits`'s output that contains it
//!   (runs of spaces count as one), exactly as printed;
//! * `{{#value chapter-06 digits final test accuracy #3}}` — the third.
//!
//! A page that quotes what another page's example printed uses it, so the
//! quote changes when the output does. [`unquoted`] finds the numbers a
//! page writes by hand that another page's output produced;
//! `tests/book.rs` runs it over every page.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, bail};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::markdown::{directives, line_of, page_of};
use crate::run::Examples;

/// The preprocessor that expands `{{#value CHAPTER EXAMPLE LABEL}}`.
pub struct Values {
    examples: Examples,
}

impl Values {
    /// Read the outputs of the examples of the workspace at `root`, from the
    /// same cache as [`Examples`] (running an example that is not in it).
    #[must_use]
    pub fn new(root: &Path, cache: &Path) -> Self {
        Self {
            examples: Examples::new(root, cache),
        }
    }

    fn expand(&self, args: &str) -> std::result::Result<String, String> {
        let words: Vec<&str> = args.split_whitespace().collect();
        let [chapter, example, label @ ..] = words.as_slice() else {
            return Err("expected `{{#value CHAPTER EXAMPLE LABEL}}`".to_string());
        };
        if label.is_empty() {
            return Err("expected `{{#value CHAPTER EXAMPLE LABEL}}`".to_string());
        }
        let run = self
            .examples
            .run(chapter, example)
            .map_err(|error| format!("{error:#}"))?;
        let (label, nth) = match label.split_last() {
            Some((last, rest)) if !rest.is_empty() && last.starts_with('#') => {
                let nth = last[1..]
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n != 0)
                    .ok_or_else(|| format!("`{last}`: expected #1, #2, ... or #-1, #-2, ..."))?;
                (rest, nth)
            }
            _ => (label, 1),
        };
        nth_value(&run.stdout, &label.join(" "), nth)
    }
}

impl Preprocessor for Values {
    fn name(&self) -> &'static str {
        "values"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        let mut problems = Vec::new();
        book.for_each_chapter_mut(|chapter| {
            let page = page_of(&src, chapter);
            let mut content = chapter.content.clone();
            for directive in directives(&chapter.content, &["value"]).into_iter().rev() {
                match self.expand(directive.args) {
                    Ok(text) => content.replace_range(directive.range, &text),
                    Err(error) => problems.push(format!(
                        "{page}:{}: `{{{{#value {}}}}}`: {error}",
                        line_of(&chapter.content, directive.range.start),
                        directive.args
                    )),
                }
            }
            chapter.content = content;
        });
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        Ok(book)
    }
}

/// `text` with every run of whitespace made one space, trimmed.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first number after `label` on the one line of `output` that
/// contains it, as printed.
///
/// # Errors
///
/// When no line or more than one contains `label` (naming them), or when
/// no number follows it on its line.
pub fn value(output: &str, label: &str) -> std::result::Result<String, String> {
    nth_value(output, label, 1)
}

/// The `nth` number (from 1) after `label` on the one line of `output` that
/// contains it, as printed: `{{#value chapter-06 digits final test accuracy #3}}`;
/// a negative `nth` counts back from the label (`-1` is the number just
/// before it: `{{#value chapter-06 digits images of 8x8 #-1}}`).
///
/// # Errors
///
/// As [`value`], or when the line has fewer numbers after `label`.
pub fn nth_value(output: &str, label: &str, nth: i64) -> std::result::Result<String, String> {
    let label = squeezed(label);
    let lines: Vec<String> = output
        .lines()
        .map(squeezed)
        .filter(|line| line.contains(&label))
        .collect();
    match lines.as_slice() {
        [line] => {
            let at = line.find(&label).unwrap_or(0);
            let found = if nth > 0 {
                numbers(&line[at + label.len()..])
                    .into_iter()
                    .nth(usize::try_from(nth - 1).unwrap_or(usize::MAX))
            } else {
                numbers(&line[..at])
                    .into_iter()
                    .rev()
                    .nth(usize::try_from(-nth - 1).unwrap_or(usize::MAX))
            };
            found
                .map(|number| number.text)
                .ok_or_else(|| format!("no number #{nth} from `{label}` in `{line}`"))
        }
        [] => Err(format!("no line of the output contains `{label}`")),
        many => Err(format!(
            "{} lines of the output contain `{label}`, make it name one: {}",
            many.len(),
            many.join(" | ")
        )),
    }
}

/// A number written in some text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// As written, e.g. `98.6` or `1,438`.
    pub text: String,
    /// Its value.
    pub value: f64,
    /// How many digits follow the decimal point.
    pub decimals: usize,
    /// The unit written right after it, if any: `%`, `ms`, `µs`, `s` or `x`
    /// (`percent` counts as `%`, `×` as `x`).
    pub unit: Option<&'static str>,
}

impl Number {
    /// Significant digits: `98.6` has 3, `0.0012` 2, `10,000` 1.
    fn significant(&self) -> usize {
        let digits: String = self.text.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_start_matches('0');
        if self.decimals == 0 {
            digits.trim_end_matches('0').len()
        } else {
            digits.len()
        }
    }
}

const UNITS: [(&str, &str); 8] = [
    ("%", "%"),
    ("percent", "%"),
    ("ms", "ms"),
    ("µs", "µs"),
    ("us", "µs"),
    ("s", "s"),
    ("x", "x"),
    ("×", "x"),
];

/// Every number in `text`, with the unit that follows it.
#[must_use]
pub fn numbers(text: &str) -> Vec<Number> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let glued = k > 0 && (chars[k - 1].1.is_alphanumeric() || chars[k - 1].1 == '_');
        if !c.is_ascii_digit() || glued {
            k += 1;
            continue;
        }
        let mut end = k;
        let mut decimals = None;
        while end < chars.len() {
            let here = chars[end].1;
            let next_is_digit = chars.get(end + 1).is_some_and(|(_, c)| c.is_ascii_digit());
            if here.is_ascii_digit() {
                decimals = decimals.map(|d| d + 1);
            } else if here == '.' && decimals.is_none() && next_is_digit {
                decimals = Some(0);
            } else if here == ',' && decimals.is_none() && next_is_digit {
                // A thousands separator: exactly three digits follow.
                let three =
                    (1..=3).all(|d| chars.get(end + d).is_some_and(|(_, c)| c.is_ascii_digit()));
                let fourth = chars.get(end + 4).is_some_and(|(_, c)| c.is_ascii_digit());
                if !three || fourth {
                    break;
                }
            } else {
                break;
            }
            end += 1;
        }
        let stop = chars.get(end).map_or(text.len(), |(at, _)| *at);
        let mut number_text = &text[start..stop];
        let negative = start > 0 && text[..start].ends_with('-');
        if negative {
            number_text = &text[start - 1..stop];
        }
        let rest = text[stop..].trim_start_matches([' ', '\u{a0}']);
        let unit = UNITS.iter().find_map(|(written, unit)| {
            let after = rest.strip_prefix(written)?;
            let word_ends = !after.chars().next().is_some_and(char::is_alphanumeric);
            word_ends.then_some(*unit)
        });
        if let Ok(value) = number_text.replace(',', "").parse::<f64>() {
            found.push(Number {
                text: number_text.to_string(),
                value,
                decimals: decimals.unwrap_or(0),
                unit,
            });
        }
        k = end;
    }
    found
}

/// Whether `written` on a page is `printed` in an output, quoted by hand:
/// the same number, if it is distinctive (four significant digits, three
/// when the page gives it a unit: `1.98 ms`, or two after at least two
/// zeros behind the point: `0.000021`; four for a whole number: `1,797`, not `256`) or
/// has the same unit; or `printed` rounded or cut to fewer
/// decimals with the same unit (`98 %` for `98.6 %`). Short numbers without
/// a unit (`0.1`, `20`, `0.001`, and three digits such as `0.935`) are too
/// common to be quotes: a page's worked example would match a timing that
/// happens to print the same digits on one machine and not on another. So
/// is a rounded number whose unit differs (`1.10 s` is not `1.1025`).
fn quotes(written: &Number, printed: &Number) -> bool {
    if written.decimals > printed.decimals {
        return false;
    }
    let close = |a: f64| (a - written.value).abs() < 1e-9 * written.value.abs().max(1.0);
    let same_unit = written.unit.is_some() && written.unit == printed.unit;
    if close(printed.value) {
        let distinctive = if written.decimals == 0 {
            written.significant() >= 4
        } else {
            written.significant() >= 4
                || (written.significant() >= 3 && written.unit.is_some())
                || (written.significant() >= 2 && written.decimals >= written.significant() + 2)
        };
        return distinctive || same_unit;
    }
    let scale = 10f64.powi(i32::try_from(written.decimals).unwrap_or(0));
    let shortened = [
        (printed.value * scale).round(),
        (printed.value * scale).trunc(),
    ]
    .iter()
    .any(|short| close(short / scale));
    shortened && same_unit
}

/// The text of a page a reader reads as prose: without fenced code blocks
/// (listings and outputs, which the build fills in) and without `{{#...}}`
/// directives.
#[must_use]
pub fn prose(page: &str) -> String {
    let mut kept = String::new();
    let mut fenced = false;
    for line in page.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            kept.push('\n');
            continue;
        }
        if !fenced {
            kept.push_str(line);
        }
        kept.push('\n');
    }
    let mut without = kept.clone();
    for directive in directives(&kept, &["output", "figure", "frames", "value", "include"])
        .into_iter()
        .rev()
    {
        without.replace_range(directive.range, "");
    }
    without
}

/// The numbers `page` writes by hand that one of `others` (name → what it
/// printed: the outputs of the examples other pages embed) produced, each
/// as ``line N: `98 %` is `98.6 %` in the output of NAME``, to be written
/// with `{{#value}}` instead. A number that the page's `own` outputs print
/// too, exactly, is the page's own; a rounded one is not (`98 %` on a page
/// whose output says `97.8 %` may still be another page's `98.4 %`).
#[must_use]
pub fn unquoted(page: &str, own: &[String], others: &BTreeMap<String, String>) -> Vec<String> {
    let text = prose(page);
    let own: Vec<Number> = own.iter().flat_map(|output| numbers(output)).collect();
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        for written in numbers(line) {
            if own.iter().any(|printed| printed.value == written.value) {
                continue;
            }
            let outputs = others;
            for (name, output) in outputs {
                let hit = output
                    .lines()
                    .flat_map(numbers)
                    .find(|printed| quotes(&written, printed));
                if let Some(printed) = hit {
                    found.push(format!(
                        "line {}: `{}{}` is `{}{}` in the output of {name}",
                        number + 1,
                        written.text,
                        written.unit.map(|u| format!(" {u}")).unwrap_or_default(),
                        printed.text,
                        printed.unit.map(|u| format!(" {u}")).unwrap_or_default(),
                    ));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "epoch 20: test accuracy 98.6 % (354 of 359)\n\
                          one image at a time      12.30 (13.00)      1.98 (2.05)\n\
                          learning rate 0.1: final error 0.000021, 1438 steps, 1.1025, 0.935\n";

    #[test]
    fn a_value_is_the_first_number_after_its_label_on_its_one_line() {
        assert_eq!(value(OUTPUT, "test accuracy").unwrap(), "98.6");
        assert_eq!(value(OUTPUT, "one image at a time").unwrap(), "12.30");
        assert_eq!(value(OUTPUT, "final error").unwrap(), "0.000021");
        assert!(value(OUTPUT, "loss").unwrap_err().contains("no line"));
        let error = value(OUTPUT, "e").unwrap_err();
        assert!(error.contains("3 lines"), "{error}");
        assert!(
            value(OUTPUT, "(13.00) 1.98 (2.05)")
                .unwrap_err()
                .contains("no number")
        );
    }

    #[test]
    fn numbers_keep_their_text_decimals_and_unit() {
        let found = numbers("reached 98.6 % in 1,438 steps, -13.1550, 4.39 ms, w_12 3x");
        let texts: Vec<&str> = found.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["98.6", "1,438", "-13.1550", "4.39", "3"]);
        assert_eq!(found[0].unit, Some("%"));
        assert_eq!(found[1].value, 1438.0);
        assert_eq!(found[2].decimals, 4);
        assert_eq!(found[3].unit, Some("ms"));
        assert_eq!(found[4].unit, Some("x"));
    }

    fn outputs() -> BTreeMap<String, String> {
        BTreeMap::from([("chapter-06 digits".to_string(), OUTPUT.to_string())])
    }

    #[test]
    fn a_number_copied_or_shortened_from_an_output_is_found() {
        for page in [
            "Chapter 6 reached 98 % with it.",
            "Chapter 6 reached 99 percent.",
            "The data set has 1,438 images.",
            "Chapter 6 reached 98.6 %.",
            "It took 1.98 ms.",
            "It took 12.3 ms.",
            "The error fell to 0.000021.",
        ] {
            assert_eq!(unquoted(page, &[], &outputs()).len(), 1, "{page}");
        }
    }

    #[test]
    fn directives_code_and_numbers_of_other_kinds_pass() {
        for page in [
            "Chapter 6 reached {{#value chapter-06 digits test accuracy}} %.",
            "```text\n98.6 %\n```\n",
            "A learning rate of 0.1 and 20 epochs, 97 % or 98 ms.",
            "Chapter 6 reached 98 of them.",
            "The 359 test images, 256 cases.",
            "XOR took 1.10 s.",
            "By hand, the entry is 0.935.",
        ] {
            let found = unquoted(page, &[], &outputs());
            assert!(found.is_empty(), "{page}: {found:?}");
        }
    }

    #[test]
    fn a_number_the_page_prints_itself_is_its_own() {
        let own = ["accuracy 98.6 %\n".to_string()];
        assert!(unquoted("It reached 98.6 %.", &own, &outputs()).is_empty());
        assert_eq!(unquoted("It took 1.98 ms.", &own, &outputs()).len(), 1);
    }
}

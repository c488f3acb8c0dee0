//! The `// ANCHOR: name` ... `// ANCHOR_END: name` regions that cut a file
//! into the listings the book shows (mdBook's syntax). An exercise and its
//! reference have the same anchors, so a region says which function a line
//! belongs to, whether it is still a `todo!()`, and what the reference has
//! in its place.

use std::ops::Range;

/// The lines strictly between `ANCHOR: name` and `ANCHOR_END: name`, as a
/// range of 0-based line indices into `source.lines()`.
#[must_use]
pub fn region(source: &str, name: &str) -> Option<Range<usize>> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines
        .iter()
        .position(|line| is_marker(line, "ANCHOR:", name))?;
    let end = lines[start..]
        .iter()
        .position(|line| is_marker(line, "ANCHOR_END:", name))?;
    Some(start + 1..start + end)
}

fn is_marker(line: &str, marker: &str, name: &str) -> bool {
    line.split_once(marker)
        .is_some_and(|(_, rest)| rest.trim() == name)
}

/// The text of a region, one `\n` after each line.
#[must_use]
pub fn text(source: &str, lines: &Range<usize>) -> String {
    let mut out = String::new();
    for line in source.lines().skip(lines.start).take(lines.len()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Whether the region still holds a `todo!()`, and the 1-based line of the
/// first one.
#[must_use]
pub fn todo_line(source: &str, lines: &Range<usize>) -> Option<usize> {
    source
        .lines()
        .enumerate()
        .skip(lines.start)
        .take(lines.len())
        .find(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            code.contains("todo!(")
        })
        .map(|(index, _)| index + 1)
}

/// `source` with the region `name` replaced by `replacement` (whole lines).
pub fn replace(source: &str, name: &str, replacement: &str) -> Result<String, String> {
    let lines = region(source, name).ok_or_else(|| format!("no anchor `{name}`"))?;
    let mut out = String::new();
    for (index, line) in source.lines().enumerate() {
        if index == lines.start {
            out.push_str(replacement);
        }
        if !lines.contains(&index) {
            out.push_str(line);
            out.push('\n');
        }
    }
    if lines.is_empty() {
        return Err(format!("anchor `{name}` is empty"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "a\n// ANCHOR: outer\nb\n    // ANCHOR: inner\n    todo!(\"x\")\n    // ANCHOR_END: inner\nc\n// ANCHOR_END: outer\nd\n";

    #[test]
    fn a_region_is_the_lines_between_its_markers() {
        assert_eq!(region(SOURCE, "outer"), Some(2..7));
        assert_eq!(region(SOURCE, "inner"), Some(4..5));
        assert_eq!(region(SOURCE, "missing"), None);
    }

    #[test]
    fn a_name_that_is_a_prefix_of_another_is_not_confused_with_it() {
        assert_eq!(region(SOURCE, "inn"), None);
    }

    #[test]
    fn the_todo_line_is_one_based_and_comments_do_not_count() {
        assert_eq!(todo_line(SOURCE, &(4..5)), Some(5));
        assert_eq!(todo_line("// todo!(\"no\")\nx\n", &(0..2)), None);
    }

    #[test]
    fn replacing_a_region_keeps_its_markers() {
        let out = replace(SOURCE, "inner", "    done()\n").unwrap();
        assert_eq!(
            out,
            "a\n// ANCHOR: outer\nb\n    // ANCHOR: inner\n    done()\n    // ANCHOR_END: inner\nc\n// ANCHOR_END: outer\nd\n"
        );
        assert_eq!(text(&out, &region(&out, "inner").unwrap()), "    done()\n");
    }
}

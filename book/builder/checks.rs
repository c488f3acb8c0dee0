//! Checks that mdBook itself lets pass: every `{{#include}}` names a file
//! that exists and, when it names an anchor, an anchor that exists and is
//! not empty. mdBook would otherwise leave the directive in the page (missing
//! file) or show an empty listing (missing anchor) and still succeed.

use std::path::Path;

use anyhow::{Result, bail};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::markdown::{directives, line_of};

/// The preprocessor that checks includes; it runs before mdBook's `links`.
pub struct Includes;

impl Preprocessor for Includes {
    fn name(&self) -> &'static str {
        "check-includes"
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        let mut problems = Vec::new();
        for item in book.iter() {
            let BookItem::Chapter(chapter) = item else {
                continue;
            };
            let Some(source) = &chapter.source_path else {
                continue;
            };
            let page = src.join(source);
            let dir = page.parent().unwrap_or(&src);
            for directive in directives(&chapter.content, &["include", "rustdoc_include"]) {
                if let Err(problem) = check_include(dir, directive.args) {
                    problems.push(format!(
                        "{}:{}: `{{{{#{} {}}}}}`: {problem}",
                        page.display(),
                        line_of(&chapter.content, directive.range.start),
                        directive.name,
                        directive.args,
                    ));
                }
            }
        }
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        Ok(book)
    }
}

/// Check one include's arguments (`path` or `path:anchor` or `path:lines`).
fn check_include(dir: &Path, args: &str) -> std::result::Result<(), String> {
    let (path, selector) = match args.split_once(':') {
        Some((path, selector)) => (path, Some(selector)),
        None => (args, None),
    };
    let file = dir.join(path);
    let text = std::fs::read_to_string(&file)
        .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
    let Some(anchor) = selector else {
        return Ok(());
    };
    // Line numbers and ranges (`:10`, `:2:8`, `:3:`) are mdBook selectors, not anchors.
    if anchor.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return Ok(());
    }
    let anchors = anchors_in(&text);
    match anchors.iter().find(|(name, _)| name == anchor) {
        Some((_, Some(lines))) if *lines > 0 => Ok(()),
        Some((_, Some(_))) => Err(format!("anchor `{anchor}` in {} is empty", file.display())),
        Some((_, None)) => Err(format!(
            "anchor `{anchor}` in {} has no `ANCHOR_END: {anchor}`",
            file.display()
        )),
        None => {
            let names: Vec<&str> = anchors.iter().map(|(name, _)| name.as_str()).collect();
            Err(format!(
                "no anchor `{anchor}` in {} (anchors there: {})",
                file.display(),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ))
        }
    }
}

/// Every `ANCHOR: name` in `text`, with the number of non-empty lines up to
/// its `ANCHOR_END` (None when it has no end).
fn anchors_in(text: &str) -> Vec<(String, Option<usize>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = marker(line, "ANCHOR:") else {
            continue;
        };
        let end = lines[start + 1..]
            .iter()
            .position(|line| marker(line, "ANCHOR_END:") == Some(name));
        let content = end.map(|end| {
            lines[start + 1..start + 1 + end]
                .iter()
                .filter(|line| !line.trim().is_empty() && !line.contains("ANCHOR"))
                .count()
        });
        found.push((name.to_string(), content));
    }
    found
}

/// The name after `tag` on a comment line such as `// ANCHOR: name`.
fn marker<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    let at = line.find(tag)?;
    let name = line[at + tag.len()..].split_whitespace().next()?;
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "// ANCHOR: good\nfn a() {}\n// ANCHOR_END: good\n// ANCHOR: empty\n// ANCHOR_END: empty\n// ANCHOR: open\n";

    #[test]
    fn anchors_are_found_with_their_sizes() {
        assert_eq!(
            anchors_in(FILE),
            vec![
                ("good".to_string(), Some(1)),
                ("empty".to_string(), Some(0)),
                ("open".to_string(), None)
            ]
        );
    }

    #[test]
    fn include_problems_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.rs"), FILE).unwrap();
        assert!(check_include(dir.path(), "x.rs").is_ok());
        assert!(check_include(dir.path(), "x.rs:good").is_ok());
        assert!(check_include(dir.path(), "x.rs:2:3").is_ok());
        let missing = check_include(dir.path(), "x.rs:nope").unwrap_err();
        assert!(
            missing.contains("no anchor `nope`") && missing.contains("good, empty, open"),
            "{missing}"
        );
        assert!(
            check_include(dir.path(), "x.rs:empty")
                .unwrap_err()
                .contains("is empty")
        );
        assert!(
            check_include(dir.path(), "x.rs:open")
                .unwrap_err()
                .contains("no `ANCHOR_END: open`")
        );
        assert!(
            check_include(dir.path(), "y.rs")
                .unwrap_err()
                .contains("cannot read")
        );
    }
}

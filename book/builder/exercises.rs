//! The listings that give away an exercise. A learner who writes a chapter's
//! functions before reading the book's versions wants those listings folded;
//! a reader who only reads wants them shown. This preprocessor, which runs
//! before mdBook's `links` (while it can still see which file and anchor a
//! listing includes), wraps each such listing in
//! `<div class="exercise-listing" data-exercise="Activation::tanh">`. The
//! page's script (`theme/exercises.js`) folds these when the reader turns
//! on "I'm doing the exercises"; without it, or with the switch off, the
//! page looks as it did.
//!
//! A listing on the page of chapter N (`chapter-NN.md`) gives away its
//! exercise when it includes, from the chapter's reference file
//! (`src/<file>` for the `file` of its `exercise/info.toml`), the anchor of
//! a function the exercise asks for (core or extension), or an anchor whose
//! region holds one. Listings already inside a `<details>` block (the page's
//! solution) stay as they are, and so does a later chapter's reminder of an
//! earlier chapter's code: its reader has done that exercise.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::markdown::{directives, html_escape};
use crate::sources::normalize;

/// The preprocessor that marks exercise listings; it runs before `links`.
pub struct Exercises {
    root: PathBuf,
}

impl Exercises {
    /// Mark the listings of the exercises of the workspace at `root`.
    #[must_use]
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
        }
    }
}

/// One chapter's reference file and the functions its exercise asks for.
#[derive(Debug, Clone)]
pub struct Target {
    /// The chapter's package, `chapter-NN`, which is also its page's name.
    pub package: String,
    /// The reference file, `chapters/chapter-NN/src/<file>`, absolute and
    /// without `..`.
    pub file: PathBuf,
    /// Its text.
    pub source: String,
    /// The functions to write: name, anchor, and whether it is part of the
    /// extension.
    pub functions: Vec<(String, String, bool)>,
}

impl Target {
    /// The functions whose code the listing of `anchor` (the whole file for
    /// `None`) shows.
    fn shown_by(&self, anchor: Option<&str>) -> Vec<&(String, String, bool)> {
        let Some(anchor) = anchor else {
            return self.functions.iter().collect();
        };
        let Some(shown) = exercise::anchors::region(&self.source, anchor) else {
            return Vec::new();
        };
        self.functions
            .iter()
            .filter(|(_, function, _)| {
                function == anchor
                    || exercise::anchors::region(&self.source, function)
                        .is_some_and(|inner| shown.start <= inner.start && inner.end <= shown.end)
            })
            .collect()
    }
}

/// The reference files of every chapter of the workspace at `root` that has
/// an `exercise/info.toml`, with what each exercise asks for.
pub fn targets(root: &Path) -> Result<Vec<Target>> {
    if !root.join("chapters").is_dir() {
        return Ok(Vec::new());
    }
    let chapters = match exercise::info::chapters(root) {
        Ok(chapters) => chapters,
        Err(error) => bail!("{error}"),
    };
    let mut found = Vec::new();
    for chapter in chapters {
        let file = chapter.reference_file();
        let source = std::fs::read_to_string(&file).map_err(|error| {
            anyhow::anyhow!(
                "{}: `file = \"{}\"`: cannot read {}: {error}",
                chapter.dir.join("exercise/info.toml").display(),
                chapter.info.file,
                file.display()
            )
        })?;
        let functions = chapter
            .info
            .functions()
            .map(|function| {
                (
                    function.function.clone(),
                    function.anchor.clone(),
                    chapter.info.is_extension(&function.function),
                )
            })
            .collect();
        found.push(Target {
            package: chapter.package.clone(),
            file: normalize(&std::path::absolute(&file)?),
            source,
            functions,
        });
    }
    Ok(found)
}

impl Preprocessor for Exercises {
    fn name(&self) -> &'static str {
        "exercises"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let targets = targets(&self.root)?;
        if targets.is_empty() {
            return Ok(book);
        }
        let src = std::path::absolute(ctx.root.join(&ctx.config.book.src))?;
        book.for_each_chapter_mut(|chapter| {
            let Some(source) = &chapter.source_path else {
                return;
            };
            let own: Vec<Target> = targets
                .iter()
                .filter(|target| source.file_stem() == Some(target.package.as_ref()))
                .cloned()
                .collect();
            if !own.is_empty() {
                let page = src.join(source);
                let dir = page.parent().unwrap_or(&src);
                chapter.content = mark_listings(&chapter.content, dir, &own);
            }
        });
        Ok(book)
    }
}

/// `markdown` (a page in `dir`) with every fenced listing that shows a
/// function of an exercise, and is not inside a `<details>` block, wrapped
/// in a `<div class="exercise-listing">` naming those functions.
#[must_use]
pub fn mark_listings(markdown: &str, dir: &Path, targets: &[Target]) -> String {
    let lines: Vec<&str> = markdown.split_inclusive('\n').collect();
    let mut out = String::with_capacity(markdown.len());
    let mut details = 0_usize;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let fence: String = line.chars().take_while(|&c| c == '`' || c == '~').collect();
        let end = (fence.len() >= 3)
            .then(|| {
                lines[index + 1..]
                    .iter()
                    .position(|l| l.trim_end() == fence)
            })
            .flatten();
        let Some(end) = end else {
            let prose = without_inline_code(line);
            details += prose.matches("<details").count();
            details = details.saturating_sub(prose.matches("</details>").count());
            out.push_str(line);
            index += 1;
            continue;
        };
        let block = lines[index..=index + 1 + end].concat();
        let functions = if details == 0 {
            shown_functions(&block, dir, targets)
        } else {
            Vec::new()
        };
        if functions.is_empty() {
            out.push_str(&block);
        } else {
            let names: Vec<&str> = functions.iter().map(|(name, _, _)| name.as_str()).collect();
            let extension = if functions.iter().all(|(_, _, extension)| *extension) {
                " data-extension"
            } else {
                ""
            };
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str("<div class=\"exercise-listing\" data-exercise=\"");
            out.push_str(&html_escape(&names.join(" ")));
            out.push('"');
            out.push_str(extension);
            out.push_str(">\n\n");
            out.push_str(&block);
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("\n</div>\n\n");
        }
        index += end + 2;
    }
    out
}

/// The exercise functions that the includes of a code block show, in the
/// order the exercise lists them.
fn shown_functions<'a>(
    block: &str,
    dir: &Path,
    targets: &'a [Target],
) -> Vec<&'a (String, String, bool)> {
    let mut shown: Vec<&(String, String, bool)> = Vec::new();
    for directive in directives(block, &["include", "rustdoc_include"]) {
        let (path, anchor) = match directive.args.split_once(':') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (directive.args, None),
        };
        // Line numbers and ranges (`:10`, `:2:8`) cut no function whole.
        if anchor.is_some_and(|anchor| anchor.chars().all(|c| c.is_ascii_digit() || c == ':')) {
            continue;
        }
        let file = normalize(&dir.join(path));
        for target in targets.iter().filter(|target| target.file == file) {
            for function in target.shown_by(anchor) {
                if !shown.contains(&function) {
                    shown.push(function);
                }
            }
        }
    }
    if let Some(target) = targets
        .iter()
        .find(|target| shown.iter().any(|f| target.functions.contains(f)))
    {
        shown.sort_by_key(|f| target.functions.iter().position(|g| g == *f));
    }
    shown
}

/// A line of prose without its `inline code`, so that a `<details>` written
/// as code is not taken for one.
fn without_inline_code(line: &str) -> String {
    line.split('`').step_by(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\
// ANCHOR: tanh
fn tanh() {}
// ANCHOR_END: tanh
// ANCHOR: new
fn new() {}
// ANCHOR_END: new
// ANCHOR: both
// ANCHOR: forward
fn forward() {}
// ANCHOR_END: forward
// ANCHOR: backward
fn backward() {}
// ANCHOR_END: backward
// ANCHOR_END: both
// ANCHOR: sigmoid
fn sigmoid() {}
// ANCHOR_END: sigmoid
";

    fn targets() -> Vec<Target> {
        let function =
            |name: &str, anchor: &str, extension| (name.to_string(), anchor.to_string(), extension);
        vec![Target {
            package: "chapter-03".to_string(),
            file: PathBuf::from("/w/chapters/chapter-03/src/activation.rs"),
            source: SOURCE.to_string(),
            functions: vec![
                function("Activation::tanh", "tanh", false),
                function("Activation::forward", "forward", false),
                function("Activation::backward", "backward", false),
                function("Activation::sigmoid", "sigmoid", true),
            ],
        }]
    }

    fn listing(anchor: &str) -> String {
        format!(
            "```rust,ignore\n{{{{#include ../../chapters/chapter-03/src/activation.rs:{anchor}}}}}\n```\n"
        )
    }

    fn mark(page: &str) -> String {
        mark_listings(page, Path::new("/w/book/src"), &targets())
    }

    #[test]
    fn a_listing_of_a_function_to_write_is_wrapped_and_named() {
        let page = format!("Text:\n\n{}\nMore.\n", listing("tanh"));
        assert_eq!(
            mark(&page),
            format!(
                "Text:\n\n<div class=\"exercise-listing\" data-exercise=\"Activation::tanh\">\n\n{}\n</div>\n\n\nMore.\n",
                listing("tanh")
            )
        );
    }

    #[test]
    fn other_listings_and_other_files_are_left_alone() {
        let other_file =
            "```rust,ignore\n{{#include ../../chapters/chapter-03/src/lib.rs:tanh}}\n```\n";
        let page = format!("{}\n{other_file}\n```text\nout\n```\n", listing("new"));
        assert_eq!(mark(&page), page);
    }

    #[test]
    fn an_anchor_that_holds_functions_to_write_names_them_all_in_order() {
        let marked = mark(&listing("both"));
        assert!(
            marked.starts_with(
                "<div class=\"exercise-listing\" data-exercise=\"Activation::forward Activation::backward\">\n"
            ),
            "{marked}"
        );
    }

    #[test]
    fn an_extension_listing_says_so() {
        assert!(
            mark(&listing("sigmoid"))
                .contains("data-exercise=\"Activation::sigmoid\" data-extension>")
        );
        assert!(!mark(&listing("tanh")).contains("data-extension"));
    }

    #[test]
    fn listings_inside_details_stay_as_they_are() {
        let page = format!(
            "<details>\n<summary>The solution</summary>\n\n{}\n</details>\n\nSee `<details>`.\n\n{}",
            listing("tanh"),
            listing("backward")
        );
        let marked = mark(&page);
        assert_eq!(marked.matches("exercise-listing").count(), 1, "{marked}");
        assert!(
            marked.contains("data-exercise=\"Activation::backward\""),
            "{marked}"
        );
    }

    #[test]
    fn a_fence_inside_a_listing_is_not_taken_for_prose() {
        let page = "````markdown\n<details>\n```\nx\n```\n````\n\n".to_string() + &listing("tanh");
        assert!(mark(&page).contains("data-exercise=\"Activation::tanh\""));
    }
}

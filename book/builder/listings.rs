//! How listings look on the page.
//!
//! * [`FileNames`] puts the path of the file a listing includes above it
//!   (`Filename: chapters/chapter-01/src/dense.rs`), taken from the
//!   `{{#include}}` directive itself, so it can never name another file.
//! * [`Listings`] removes the indentation that listings cut from the middle
//!   of a file (an anchor inside an `impl` block or a function) keep, which
//!   pushes the code to the right and makes the reader scroll.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::markdown::{directives, html_escape};
use crate::sources::normalize;

/// The preprocessor that names the file above each included listing. It
/// runs before `links` (which replaces the directive with the code) and
/// before `exercises`, so that the name stays above a listing folded for a
/// reader doing the exercises.
pub struct FileNames {
    root: PathBuf,
}

impl FileNames {
    /// Name files as paths from `root`, the workspace root.
    #[must_use]
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
        }
    }
}

impl Preprocessor for FileNames {
    fn name(&self) -> &'static str {
        "file-names"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src = normalize(&std::path::absolute(ctx.root.join(&ctx.config.book.src))?);
        let root = normalize(&std::path::absolute(&self.root)?);
        book.for_each_chapter_mut(|chapter| {
            if let Some(source) = &chapter.source_path {
                let page = src.join(source);
                let dir = page.parent().unwrap_or(&src);
                chapter.content = name_included_files(&chapter.content, dir, &root);
            }
        });
        Ok(book)
    }
}

/// `markdown` (a page in `dir`) with every fenced listing that includes a
/// file wrapped in `<div class="listing">`, under a line that names the
/// file as a path from `root`:
///
/// ````text
/// <div class="listing">
/// <div class="listing-file">Filename: <code>chapters/chapter-01/src/dense.rs</code></div>
///
/// ```rust,ignore
/// {{#include ../../chapters/chapter-01/src/dense.rs:new}}
/// ```
///
/// </div>
/// ````
#[must_use]
pub fn name_included_files(markdown: &str, dir: &Path, root: &Path) -> String {
    let lines: Vec<&str> = markdown.split_inclusive('\n').collect();
    let mut out = String::with_capacity(markdown.len());
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
        let Some(end) = closing_fence(&lines, index, indent.len()) else {
            out.push_str(line);
            index += 1;
            continue;
        };
        let block = lines[index..=end].concat();
        index = end + 1;
        let files = included_files(&block, dir, root);
        if files.is_empty() {
            out.push_str(&block);
            continue;
        }
        let names: Vec<String> = files
            .iter()
            .map(|file| format!("<code>{}</code>", html_escape(file)))
            .collect();
        let label = if names.len() == 1 {
            "Filename"
        } else {
            "Filenames"
        };
        // HTML blocks end at an empty line, so the listing between them
        // stays markdown.
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        let _ = write!(
            out,
            "{indent}<div class=\"listing\">\n{indent}<div class=\"listing-file\">{label}: {}</div>\n\n",
            names.join(", ")
        );
        out.push_str(&block);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        let _ = write!(out, "\n{indent}</div>\n\n");
    }
    out
}

/// The files a code block's `{{#include}}` directives name, as paths from
/// `root` with `/` between the parts, each once, in the order they come.
fn included_files(block: &str, dir: &Path, root: &Path) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for directive in directives(block, &["include", "rustdoc_include"]) {
        let path = directive.args.split(':').next().unwrap_or_default();
        let file = normalize(&dir.join(path));
        let shown = file.strip_prefix(root).unwrap_or(&file);
        let name = shown
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !files.contains(&name) {
            files.push(name);
        }
    }
    files
}

/// When line `start` of `lines` opens a fenced code block (three or more
/// backticks or tildes after exactly `indent` spaces), the index of the line
/// that closes it.
fn closing_fence(lines: &[&str], start: usize, indent: usize) -> Option<usize> {
    let fence: String = lines[start][indent..]
        .chars()
        .take_while(|&c| c == '`' || c == '~')
        .collect();
    if fence.len() < 3 {
        return None;
    }
    lines[start + 1..]
        .iter()
        .position(|line| line.trim() == fence)
        .map(|end| start + 1 + end)
}

/// The preprocessor that dedents code blocks; it runs after `links` has put
/// the code in.
pub struct Listings;

impl Preprocessor for Listings {
    fn name(&self) -> &'static str {
        "listings"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        book.for_each_chapter_mut(|chapter| chapter.content = dedent_code_blocks(&chapter.content));
        Ok(book)
    }
}

/// Remove the indentation shared by all non-empty lines of each fenced code block.
#[must_use]
pub fn dedent_code_blocks(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.split_inclusive('\n').collect();
    let mut out = String::with_capacity(markdown.len());
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        out.push_str(line);
        index += 1;
        // Only fences at the start of a line: fences indented inside lists are left alone.
        let Some(end) = closing_fence(&lines, index - 1, 0).map(|end| end - index) else {
            continue;
        };
        let body = &lines[index..index + end];
        let indent = body
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .min()
            .unwrap_or(0);
        for l in body {
            out.push_str(if l.trim().is_empty() {
                l.trim_start_matches(' ')
            } else {
                &l[indent..]
            });
        }
        // The closing fence, which must not be taken for an opening one.
        out.push_str(lines[index + end]);
        index += end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_indentation_is_removed_from_code_blocks_only() {
        let page = "    text stays\n```rust\n    fn a() {\n        b();\n\n    }\n```\n    after\n";
        assert_eq!(
            dedent_code_blocks(page),
            "    text stays\n```rust\nfn a() {\n    b();\n\n}\n```\n    after\n"
        );
    }

    #[test]
    fn consecutive_blocks_are_each_dedented() {
        let page = "```text\n  a\n```\n\nprose\n\n```rust\n    b\n```\n";
        assert_eq!(
            dedent_code_blocks(page),
            "```text\na\n```\n\nprose\n\n```rust\nb\n```\n"
        );
    }

    #[test]
    fn an_included_listing_is_labelled_with_its_file_from_the_root() {
        let page = "Text:\n```rust,ignore\n{{#include ../../chapters/chapter-01/src/dense.rs:new}}\n```\nMore.\n";
        assert_eq!(
            name_included_files(page, Path::new("/w/book/src"), Path::new("/w")),
            "Text:\n\n<div class=\"listing\">\n\
             <div class=\"listing-file\">Filename: <code>chapters/chapter-01/src/dense.rs</code></div>\n\n\
             ```rust,ignore\n{{#include ../../chapters/chapter-01/src/dense.rs:new}}\n```\n\n</div>\n\nMore.\n"
        );
    }

    #[test]
    fn each_file_is_named_once_and_other_blocks_are_left_alone() {
        let page = "```rust\n{{#include ../a.rs:x}}\n{{#rustdoc_include ../b.rs}}\n{{#include ../a.rs:y}}\n```\n\
                    ```text\n{{#output chapter-01 forward}}\n```\n\
                    ```rust\nlet escaped = r\"\\{{#include x.rs}}\";\n```\n";
        let named = name_included_files(page, Path::new("/w/book/src"), Path::new("/w"));
        assert_eq!(
            named.matches("class=\"listing-file\"").count(),
            1,
            "{named}"
        );
        assert!(
            named.contains("Filenames: <code>book/a.rs</code>, <code>book/b.rs</code></div>"),
            "{named}"
        );
        assert!(named.ends_with("</div>\n\n```text\n{{#output chapter-01 forward}}\n```\n```rust\nlet escaped = r\"\\{{#include x.rs}}\";\n```\n"), "{named}");
    }

    #[test]
    fn a_listing_indented_in_a_list_keeps_its_indentation() {
        let page = "- item\n\n  ```rust\n  {{#include ../x.rs}}\n  ```\n";
        assert_eq!(
            name_included_files(page, Path::new("/w/src"), Path::new("/w")),
            "- item\n\n  <div class=\"listing\">\n  <div class=\"listing-file\">Filename: <code>x.rs</code></div>\n\n  \
             ```rust\n  {{#include ../x.rs}}\n  ```\n\n  </div>\n\n"
        );
    }

    #[test]
    fn an_unclosed_fence_is_left_as_it_is() {
        let page = "```rust\n    x\n";
        assert_eq!(dedent_code_blocks(page), page);
    }
}

//! Listings cut from the middle of a file (an anchor inside an `impl` block
//! or a function) keep their indentation, which pushes the code to the right
//! and makes the reader scroll. This preprocessor, which runs after mdBook's
//! `links` has put the code in, removes the indentation that all lines of a
//! code block share.

use anyhow::Result;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// The preprocessor that dedents code blocks; it runs after `links`.
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
        let fence: String = line.chars().take_while(|&c| c == '`' || c == '~').collect();
        if fence.len() < 3 {
            continue;
        }
        let Some(end) = lines[index..].iter().position(|l| l.trim_end() == fence) else {
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
    fn an_unclosed_fence_is_left_as_it_is() {
        let page = "```rust\n    x\n";
        assert_eq!(dedent_code_blocks(page), page);
    }
}

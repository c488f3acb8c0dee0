//! Small helpers shared by the preprocessors: directive scanning and line numbers.

/// The 1-based line number of byte `offset` in `text`.
#[must_use]
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The page a chapter was read from, for messages: its file under `src`,
/// or its name when it has none.
#[must_use]
pub fn page_of(src: &std::path::Path, chapter: &mdbook_preprocessor::book::Chapter) -> String {
    chapter.source_path.as_ref().map_or_else(
        || chapter.name.clone(),
        |path| src.join(path).display().to_string(),
    )
}

/// A `{{#name args}}` directive found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive<'a> {
    /// The directive's name, e.g. `include`.
    pub name: &'a str,
    /// Everything after the name, trimmed.
    pub args: &'a str,
    /// Byte range of the whole `{{#...}}` text.
    pub range: std::ops::Range<usize>,
}

/// Every `{{#name ...}}` directive in `text` whose name is in `names`,
/// skipping escaped ones (`\{{#...}}`), as mdBook does.
#[must_use]
pub fn directives<'a>(text: &'a str, names: &[&str]) -> Vec<Directive<'a>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("{{#").map(|i| i + from) {
        let Some(end) = text[start..].find("}}").map(|i| i + start + 2) else {
            break;
        };
        from = start + 3;
        if start > 0 && text.as_bytes()[start - 1] == b'\\' {
            continue;
        }
        let inner = text[start + 3..end - 2].trim();
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        if names.contains(&name) {
            found.push(Directive {
                name,
                args: args.trim(),
                range: start..end,
            });
            from = end;
        }
    }
    found
}

/// `text` safe inside HTML, in an attribute's quotes too.
#[must_use]
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directives_with_their_ranges() {
        let text = "a\n{{#include x.rs:y}}\nb {{#output chapter-01 forward}}";
        let found = directives(text, &["include", "output"]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "include");
        assert_eq!(found[0].args, "x.rs:y");
        assert_eq!(
            &text[found[1].range.clone()],
            "{{#output chapter-01 forward}}"
        );
        assert_eq!(line_of(text, found[1].range.start), 3);
    }

    #[test]
    fn skips_escaped_and_other_directives() {
        let text = r"\{{#include x.rs}} {{#title T}}";
        assert!(directives(text, &["include"]).is_empty());
    }
}

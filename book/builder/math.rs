//! Math at build time: every `$...$` and `$$...$$` in a page becomes MathML,
//! so the book needs no script and no network to show formulas. The fonts
//! and stylesheet are served from the book itself (`src/mathml/`).
//!
//! A formula that does not parse fails the build with the page, the line and
//! the formula, instead of being drawn in red.

use anyhow::{Result, bail};
use mdbook_markdown::pulldown_cmark::{Event, Options, Parser};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{RenderConfig, Storage, mathml::push_mathml};

use crate::markdown::line_of;

/// The preprocessor that renders math; it runs after mdBook's `links`.
pub struct Math;

impl Preprocessor for Math {
    fn name(&self) -> &'static str {
        "math"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        let mut problems = Vec::new();
        book.for_each_chapter_mut(|chapter| {
            let page = chapter.source_path.as_ref().map_or_else(
                || chapter.name.clone(),
                |path| src.join(path).display().to_string(),
            );
            match render_page(&chapter.content) {
                Ok(content) => chapter.content = content,
                Err(errors) => {
                    problems.extend(
                        errors
                            .into_iter()
                            .map(|(line, error)| format!("{page}:{line}: {error}")),
                    );
                }
            }
        });
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        Ok(book)
    }
}

/// Replace every formula of a markdown page with MathML. Errors are
/// `(line, message)` pairs, one per formula that does not parse.
pub fn render_page(markdown: &str) -> std::result::Result<String, Vec<(usize, String)>> {
    // mdBook's own markdown options, plus math.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH;
    let mut replacements = Vec::new();
    let mut errors = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let (latex, mode) = match event {
            Event::InlineMath(latex) => (latex, DisplayMode::Inline),
            Event::DisplayMath(latex) => (latex, DisplayMode::Block),
            _ => continue,
        };
        match to_mathml(&latex, mode) {
            Ok(mathml) => replacements.push((range, mathml)),
            Err(error) => errors.push((
                line_of(markdown, range.start),
                format!("formula `{latex}`: {error}"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut page = markdown.to_string();
    for (range, mathml) in replacements.into_iter().rev() {
        page.replace_range(range, &mathml);
    }
    Ok(page)
}

/// One formula to MathML, on a single line, with markdown's special
/// characters escaped so that the markdown renderer leaves it alone.
pub fn to_mathml(latex: &str, display_mode: DisplayMode) -> std::result::Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = pulldown_latex::Parser::new(latex, &storage).collect();
    if let Some(Err(error)) = events.iter().find(|event| event.is_err()) {
        return Err(error.to_string().replace('\n', " "));
    }
    let mut mathml = String::new();
    let config = RenderConfig {
        display_mode,
        ..RenderConfig::default()
    };
    push_mathml(&mut mathml, events.into_iter(), config).map_err(|error| error.to_string())?;
    if mathml.contains("<merror") {
        return Err("the renderer marked part of it as an error".to_string());
    }
    Ok(escape_markdown(&mathml))
}

/// Escape characters outside tags that markdown would interpret.
fn escape_markdown(mathml: &str) -> String {
    let mut out = String::with_capacity(mathml.len());
    let mut in_tag = false;
    for c in mathml.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(c);
            }
            '>' => {
                in_tag = false;
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '*' | '_' | '\\' | '`' | '[' | ']' | '$' | '~' | '|' | '#' | '!' | '{' | '}'
                if !in_tag =>
            {
                out.push_str(&format!("&#{};", u32::from(c)));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_display_math_become_mathml() {
        let page =
            render_page("Let $y = m x + b$ be.\n\n$$Y = W X + B$$\n\nand `$not math$`.").unwrap();
        assert!(page.contains("<math"), "{page}");
        assert!(page.contains(r#"display="block""#), "{page}");
        assert!(page.contains("`$not math$`"), "{page}");
        assert!(!page.contains("$y"), "{page}");
    }

    #[test]
    fn markdown_specials_inside_formulas_are_escaped() {
        let mathml = to_mathml(r"a * b_{ji} \| c", DisplayMode::Inline).unwrap();
        let text_only: String = mathml
            .split('<')
            .map(|part| part.split_once('>').map_or(part, |(_, text)| text))
            .collect();
        assert!(
            !text_only.contains('*') && !text_only.contains('_'),
            "{mathml}"
        );
    }

    #[test]
    fn a_formula_that_does_not_parse_names_its_line() {
        let errors = render_page("one\n\ntwo $\\frac{a}$ three").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, 3);
        assert!(errors[0].1.contains(r"\frac{a}"), "{}", errors[0].1);
    }

    #[test]
    fn an_unknown_command_is_an_error() {
        assert!(to_mathml(r"\notacommand x", DisplayMode::Inline).is_err());
    }
}

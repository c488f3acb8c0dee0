//! Math at build time: every `$...$` and `$$...$$` in a page becomes `MathML`,
//! so the book needs no script and no network to show formulas. The fonts
//! and stylesheet are served from the book itself (`src/mathml/`).
//!
//! A formula that does not parse fails the build with the page, the line and
//! the formula, instead of being drawn in red.

use std::fmt::Write as _;

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

/// Replace every formula of a markdown page with `MathML`. Errors are
/// `(line, message)` pairs, one per formula that does not parse.
///
/// Display formulas (`$$` at the start of a line, up to the next `$$`) are
/// replaced first, line by line, because markdown would read some of their
/// lines as markdown (a line that starts with `=` or `-` turns the line
/// before it into a heading). Inline formulas are then found by the
/// markdown parser, which knows to leave code alone.
pub fn render_page(markdown: &str) -> std::result::Result<String, Vec<(usize, String)>> {
    let (page, mut errors) = render_display_blocks(markdown);
    let inline = render_inline(&page);
    match inline {
        Ok(page) if errors.is_empty() => Ok(page),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            errors.sort();
            Err(errors)
        }
    }
}

/// Replace `$$ ... $$` blocks that start a line (outside fenced code) with
/// block `MathML` on one line, followed by empty lines so that the lines
/// after it keep their numbers (for error messages).
fn render_display_blocks(markdown: &str) -> (String, Vec<(usize, String)>) {
    let lines: Vec<&str> = markdown.split_inclusive('\n').collect();
    let mut out = String::with_capacity(markdown.len());
    let mut errors = Vec::new();
    let mut fence: Option<String> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            out.push_str(line);
            index += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed
                .chars()
                .take_while(|&c| c == '`' || c == '~')
                .collect();
            fence = Some(marker);
            out.push_str(line);
            index += 1;
            continue;
        }
        if !trimmed.starts_with("$$") {
            out.push_str(line);
            index += 1;
            continue;
        }
        // Collect up to the line holding the closing `$$`.
        let start = index;
        let mut latex = String::new();
        let mut rest = &trimmed[2..];
        let mut closed = false;
        loop {
            if let Some(end) = rest.find("$$") {
                latex.push_str(&rest[..end]);
                closed = true;
                break;
            }
            latex.push_str(rest);
            index += 1;
            if index == lines.len() {
                break;
            }
            rest = lines[index];
        }
        if !closed {
            errors.push((
                start + 1,
                "a display formula opened with `$$` is never closed".to_string(),
            ));
            for line in &lines[start..] {
                out.push_str(line);
            }
            break;
        }
        match to_mathml(latex.trim(), DisplayMode::Block) {
            // A line that starts with <div> is an HTML block for markdown:
            // it is passed through whole, and the div can scroll sideways.
            Ok(mathml) => {
                out.push_str("<div class=\"math-display\">");
                out.push_str(&mathml);
                out.push_str("</div>");
            }
            Err(error) => errors.push((start + 1, format!("formula `{}`: {error}", latex.trim()))),
        }
        out.push_str(&"\n".repeat(index - start + 1));
        index += 1;
    }
    (out, errors)
}

fn render_inline(markdown: &str) -> std::result::Result<String, Vec<(usize, String)>> {
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

/// One formula to `MathML`, on a single line, with markdown's special
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
    check_font_covers(&mathml)?;
    // Named entities such as `&nbsp;` (from `\ `) come out as literal text
    // after mdBook's HTML pass; numeric ones are understood everywhere.
    // The renderer also writes `\ ` as a double-escaped `&amp;nbsp;`.
    let mathml = mathml
        .replace("&amp;nbsp;", "&#160;")
        .replace("&nbsp;", "&#160;");
    Ok(drop_default_attributes(&escape_markdown(&mathml)))
}

/// Leave out two attributes the renderer writes that change nothing, because
/// a page with every formula of the book (the print page) carries them
/// thousands of times: `display="inline"` is what `<math>` means without it,
/// and `symmetric` only matters to an operator that stretches.
fn drop_default_attributes(mathml: &str) -> String {
    mathml
        .replace(r#"<math display="inline">"#, "<math>")
        .replace(
            r#"<mo symmetric="false" stretchy="false">"#,
            r#"<mo stretchy="false">"#,
        )
}

/// The characters the book's math font (a subset of Latin Modern Math, cut
/// by `book/fonts/subset.py`) covers, as lines of `XXXX` or `XXXX-YYYY`.
const MATH_FONT_COVERS: &str = include_str!("../src/mathml/font/latinmodern-math.codepoints");

/// The `mathvariant`s whose letters the subset keeps: upright and italic
/// (the subset has no bold, script or double-struck alphabets; `\mathbf{1}`
/// comes out as the bold digit itself, which it has).
const MATH_VARIANTS_COVERED: [&str; 3] = ["normal", "italic", "auto"];

fn math_font_covers(c: char) -> bool {
    MATH_FONT_COVERS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .any(|line| {
            let (low, high) = line.split_once('-').unwrap_or((line, line));
            let parse = |hex: &str| u32::from_str_radix(hex, 16).expect("a hexadecimal code point");
            (parse(low)..=parse(high)).contains(&u32::from(c))
        })
}

/// Fail on a formula that would draw a character the subset math font lacks
/// (the browser would silently take it from another font, or draw a box).
fn check_font_covers(mathml: &str) -> std::result::Result<(), String> {
    let regenerate = "add it to book/fonts/subset.py and run that script (it says how)";
    for variant in mathml.split("mathvariant=\"").skip(1) {
        let variant = variant.split('"').next().unwrap_or_default();
        if !MATH_VARIANTS_COVERED.contains(&variant) {
            return Err(format!(
                "mathvariant \"{variant}\" has no letters in the book's subset math font: {regenerate}"
            ));
        }
    }
    let mut text = String::new();
    for part in mathml.split('<') {
        if let Some((_, after)) = part.split_once('>') {
            text.push_str(after);
        }
    }
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        let (c, len) = if c == '&' {
            let end = rest.find(';').map_or(rest.len(), |end| end + 1);
            let entity = &rest[1..end.saturating_sub(1)];
            let decoded = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .map(|hex| u32::from_str_radix(hex, 16))
                    .or_else(|| entity.strip_prefix('#').map(str::parse))
                    .and_then(std::result::Result::ok)
                    .and_then(char::from_u32),
            };
            (decoded.unwrap_or('&'), end)
        } else {
            (c, c.len_utf8())
        };
        rest = &rest[len..];
        if !math_font_covers(c) {
            return Err(format!(
                "the character '{c}' (U+{:04X}) is not in the book's subset math font: {regenerate}",
                u32::from(c)
            ));
        }
    }
    Ok(())
}

/// Escape characters outside tags that markdown would interpret, and repair
/// one flaw of the renderer's output: it writes some attributes with no
/// space between them (`stretchy="true"minsize="1.8em"`), which the HTML
/// parser rejects.
fn escape_markdown(mathml: &str) -> String {
    let chars: Vec<char> = mathml.chars().collect();
    let mut out = String::with_capacity(mathml.len());
    let mut in_tag = false;
    let mut in_quotes = false;
    let mut quote_just_closed = false;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        index += 1;
        if in_tag {
            if quote_just_closed && !(c.is_whitespace() || c == '>' || c == '/') {
                out.push(' ');
            }
            quote_just_closed = false;
            match c {
                '"' if in_quotes => {
                    in_quotes = false;
                    quote_just_closed = true;
                }
                '"' => in_quotes = true,
                '>' if !in_quotes => in_tag = false,
                _ => {}
            }
            out.push(c);
            continue;
        }
        let next = chars.get(index).copied().unwrap_or(' ');
        match c {
            // A tag starts with `<` and a letter or `/`; the renderer writes
            // the operators `<` and `>` unescaped (`<mo><</mo>`).
            '<' if next.is_ascii_alphabetic() || next == '/' => {
                in_tag = true;
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // An entity (`&lt;`, `&#160;`) is copied whole.
            '&' if chars[index..].iter().take(10).any(|&c| c == ';') => {
                out.push(c);
                while index < chars.len() {
                    let c = chars[index];
                    index += 1;
                    out.push(c);
                    if c == ';' {
                        break;
                    }
                }
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '*' | '_' | '\\' | '`' | '[' | ']' | '$' | '~' | '|' | '#' | '!' | '{' | '}' => {
                let _ = write!(out, "&#{};", u32::from(c));
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
    fn attributes_that_change_nothing_are_left_out() {
        let inline = to_mathml("f(x) = a", DisplayMode::Inline).unwrap();
        assert!(inline.starts_with("<math>"), "{inline}");
        assert!(
            inline.contains(r#"<mo stretchy="false">(</mo>"#),
            "{inline}"
        );
        assert!(!inline.contains("symmetric"), "{inline}");
        let block = to_mathml(r"\left( \frac{a}{b} \right)", DisplayMode::Block).unwrap();
        assert!(block.starts_with(r#"<math display="block">"#), "{block}");
        assert!(block.contains(r#"<mo stretchy="true">(</mo>"#), "{block}");
    }

    #[test]
    fn a_character_the_math_font_lacks_is_refused_with_what_to_run() {
        // U+1D504 is a Fraktur A, outside the subset.
        let error = to_mathml("\u{1D504} + x", DisplayMode::Inline).unwrap_err();
        assert!(
            error.contains("U+1D504") && error.contains("book/fonts/subset.py"),
            "{error}"
        );
        for alphabet in [
            r"\mathfrak{A}",
            r"\mathcal{L}",
            r"\mathbf{x}",
            r"\mathbb{Q}",
        ] {
            let error = to_mathml(alphabet, DisplayMode::Inline).unwrap_err();
            assert!(error.contains("subset"), "{alphabet}: {error}");
        }
        to_mathml(
            r"\sum_{i=1}^{n} \alpha_i x \leq \mathbb{R} \mathbf{1} \left( \frac{a}{b} \right)",
            DisplayMode::Block,
        )
        .unwrap();
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
    fn display_blocks_over_several_lines_are_not_read_as_markdown() {
        let page = render_page("Text.\n\n$$\nY\n= W X\n+ B\n$$\n\nAfter $a$ and $\\frac{1}$.\n")
            .unwrap_err();
        // The display block rendered; the broken inline formula keeps its line number (9).
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].0, 9, "{page:?}");
        let page = render_page("$$\nY\n= W X\n$$\n").unwrap();
        assert!(
            page.starts_with("<div class=\"math-display\"><math display=\"block\""),
            "{page}"
        );
        assert_eq!(page.matches('\n').count(), 4, "line count kept: {page:?}");
    }

    #[test]
    fn dollars_in_code_blocks_are_left_alone() {
        let page = render_page("```text\n$$ not math\n```\n").unwrap();
        assert!(page.contains("$$ not math"));
    }

    #[test]
    fn an_unclosed_display_block_is_an_error() {
        let errors = render_page("a\n\n$$ x + y\n\nmore\n").unwrap_err();
        assert_eq!(errors[0].0, 3);
    }

    #[test]
    fn attributes_always_have_a_space_between_them() {
        let mathml = to_mathml(r"\Big( a \Big)", DisplayMode::Inline).unwrap();
        assert!(
            !mathml.contains("\"minsize") && mathml.contains(r#"stretchy="true" minsize"#),
            "{mathml}"
        );
    }

    #[test]
    fn spaces_use_numeric_entities() {
        let mathml = to_mathml(r"(a,\ b)", DisplayMode::Inline).unwrap();
        assert!(
            !mathml.contains("nbsp") && mathml.contains("&#160;"),
            "{mathml}"
        );
        let mathml = to_mathml(r"\text{if } x", DisplayMode::Inline).unwrap();
        assert!(mathml.contains("<mtext>if&#160;</mtext>"), "{mathml}");
    }

    #[test]
    fn less_than_and_greater_than_are_escaped() {
        let mathml = to_mathml(r"x < 0 < y > z", DisplayMode::Inline).unwrap();
        assert!(
            mathml.contains("<mo>&lt;</mo>") && mathml.contains("<mo>&gt;</mo>"),
            "{mathml}"
        );
        assert_eq!(
            mathml.matches('<').count(),
            mathml.matches('>').count(),
            "{mathml}"
        );
    }

    #[test]
    fn an_unknown_command_is_an_error() {
        assert!(to_mathml(r"\notacommand x", DisplayMode::Inline).is_err());
    }
}

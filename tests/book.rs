//! The book as a whole: it builds, its pages are tied to the chapter crates,
//! and every kind of silent mdBook failure is turned into a failed build.

mod common;

use common::{read, root};
use std::path::{Path, PathBuf};

/// The language names (and their aliases) a highlight.js bundle registers:
/// `registerLanguage("rust", ...)`, `aliases:["toml"]`.
fn highlighter_languages(script: &str) -> Vec<String> {
    let quoted = |list: &str| -> Vec<String> {
        list.split('"')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect()
    };
    let mut names = Vec::new();
    for call in script.split("registerLanguage(").skip(1) {
        names.extend(quoted(call.split(',').next().unwrap_or_default()));
    }
    for list in script.split("aliases:[").skip(1) {
        names.extend(quoted(list.split(']').next().unwrap_or_default()));
    }
    assert!(
        names.iter().any(|name| name == "rust"),
        "book/theme/highlight.js registers no `rust`: {names:?}"
    );
    names
}

/// The chapter pages listed in SUMMARY.md: `chapter-NN.md`.
fn chapter_pages() -> Vec<String> {
    let summary = read(root().join("book/src/SUMMARY.md"));
    let pages: Vec<String> = summary
        .split(['(', ')'])
        .filter(|part| {
            part.starts_with("chapter-")
                && Path::new(part)
                    .extension()
                    .is_some_and(|extension| extension == "md")
        })
        .map(String::from)
        .collect();
    assert!(!pages.is_empty(), "SUMMARY.md lists no chapter-NN.md page");
    pages
}

/// Every listing of every page is in a language the book's highlight.js
/// knows, or it would show uncoloured (book/highlight/make.sh says how to
/// add one). Called from the test that builds the whole book.
fn every_listing_language_is_one_the_highlighter_knows(dest: &Path) {
    // mdBook names the file with a hash of its contents: highlight-HASH.js.
    let highlighter = std::fs::read_dir(dest)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with("highlight") && name.ends_with(".js")
        })
        .expect("the built book has no highlight.js");
    let highlighted = highlighter_languages(&read(highlighter));
    for (page, _) in all_pages() {
        let html = read(dest.join(page.replace(".md", ".html")));
        for language in html.split("<code class=\"language-").skip(1) {
            let language = language.split(['"', ' ']).next().unwrap_or_default();
            assert!(
                highlighted.iter().any(|known| known == language),
                "{page}: a listing in `{language}`, which book/theme/highlight.js does not \
                 highlight (it knows {highlighted:?}): add it to LANGUAGES in \
                 book/highlight/make.sh and run that script"
            );
        }
    }
}

#[test]
fn the_book_builds_with_math_code_output_and_pictures() {
    let dest = tempfile::tempdir().unwrap();
    let dest = dest.path().join("book");
    book::build(&root(), &dest)
        .unwrap_or_else(|error| panic!("the book did not build:\n{error:#}"));
    every_listing_language_is_one_the_highlighter_knows(&dest);

    for page in chapter_pages() {
        let html = read(dest.join(page.replace(".md", ".html")));
        assert!(html.contains("<math"), "{page}: no rendered formula");
        assert!(
            !html.contains("<merror"),
            "{page}: a formula was rendered as an error"
        );
        assert!(
            !html.contains("{{#"),
            "{page}: a directive was left in the page"
        );
        assert!(
            html.contains("language-text"),
            "{page}: no embedded program output"
        );
        let images: Vec<&str> = html
            .split("<img src=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(!images.is_empty(), "{page}: no picture");
        for image in images {
            let svg = read(dest.join(image));
            assert!(svg.contains("<svg"), "{page}: {image} is not an SVG");
        }
    }
    let chapter_03 = read(dest.join("chapter-03.html"));
    let marked = exercise_listings(&chapter_03);
    let names: Vec<&str> = marked.iter().map(|(names, _)| names.as_str()).collect();
    assert_eq!(
        names,
        [
            "Activation::tanh",
            "Activation::forward",
            "Activation::backward"
        ],
        "chapter 3 must mark for folding the listings of tanh, forward and backward and no other \
         (does chapters/chapter-03/exercise/info.toml exist?)"
    );
    for ((_, listing), code) in marked.iter().zip([
        "pub fn tanh() -&gt; Self",
        "impl Layer for Activation",
        "impl Backward for Activation",
    ]) {
        assert!(
            listing.contains(code),
            "the marked listing lacks `{code}`: {listing}"
        );
    }
    // The same code in the folded solution, and the listings of what is already written, stay unmarked.
    assert_eq!(chapter_03.matches("pub fn tanh() -&gt; Self").count(), 2);
    assert!(chapter_03.contains("pub fn new("));
    assert!(
        !marked
            .iter()
            .any(|(_, listing)| listing.contains("pub fn new("))
    );
    assert!(
        dest.join("mathml/styles.css").is_file(),
        "the math stylesheet is not served with the book"
    );
    assert!(
        dest.join("mathml/font/latinmodern-math.woff2").is_file(),
        "the math font is not served with the book"
    );
    assert!(
        read(dest.join("chapter-01.html")).contains("mathml/styles.css"),
        "pages do not link the math stylesheet"
    );
    let search = std::fs::read_dir(&dest)
        .unwrap()
        .filter_map(Result::ok)
        .any(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("searchindex")
        });
    assert!(search, "the search index was not written");
}

/// The listings a built page marks as an exercise's, to fold for a reader
/// doing the exercises: the functions each names, and its HTML.
fn exercise_listings(html: &str) -> Vec<(String, String)> {
    html.split("<div class=\"exercise-listing\" data-exercise=\"")
        .skip(1)
        .map(|rest| {
            let (names, rest) = rest.split_once('"').expect("an unclosed attribute");
            let listing = rest.split("</div>").next().unwrap_or_default();
            (names.to_string(), listing.to_string())
        })
        .collect()
}

#[test]
fn every_chapter_page_is_doc_included_by_exactly_one_crate() {
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root().join("chapters"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    crates.sort();
    for page in chapter_pages() {
        let include = format!("include_str!(\"../../../book/src/{page}\")");
        let including: Vec<&PathBuf> = crates
            .iter()
            .filter(|dir| {
                let lib = read(dir.join("src/lib.rs"));
                lib.contains(&include) && lib.contains("#[cfg(doctest)]")
            })
            .collect();
        assert_eq!(
            including.len(),
            1,
            "{page} must be doc-included (under #[cfg(doctest)]) by exactly one chapter crate, found {including:?}"
        );
        let expected = root().join("chapters").join(page.trim_end_matches(".md"));
        assert_eq!(
            including[0], &expected,
            "{page} belongs to the crate of the same name"
        );
    }
}

#[test]
fn the_introduction_says_how_to_read_test_and_follow_along() {
    let intro = read(root().join("book/src/introduction.md"));
    let readme = read(root().join("README.md"));
    for command in ["cargo run -p book", "cargo test --workspace"] {
        assert!(
            intro.contains(command),
            "the introduction does not give `{command}`"
        );
        assert!(
            readme.contains(command),
            "the README does not give `{command}`"
        );
    }
    for text in [
        "cargo exercise 1",
        "--watch",
        "--reset",
        "--features exercise",
        "--features extension",
        "rust-analyzer.cargo.features",
        "rust-analyzer.toml",
        "I'm doing the exercises",
    ] {
        assert!(
            intro.contains(text),
            "the introduction does not say `{text}`"
        );
        assert!(readme.contains(text), "the README does not say `{text}`");
    }
    for page in chapter_pages() {
        let text = read(root().join("book/src").join(&page));
        let number = page.trim_start_matches("chapter-0").trim_end_matches(".md");
        let turn = text
            .split("## Your turn")
            .nth(1)
            .unwrap_or_else(|| panic!("{page} has no `## Your turn`"));
        for command in [
            format!("cargo exercise {number}\n"),
            format!("cargo test -p chapter-0{number} --features exercise"),
        ] {
            assert!(
                turn.contains(&command),
                "{page}'s Your turn does not give `{command}`"
            );
        }
    }
    for heading in ["## Read", "## Run the tests", "## Follow along"] {
        assert!(
            intro.contains(heading),
            "the introduction has no `{heading}` section"
        );
    }
}

/// Copy a folder and its subfolders (the theme has its fonts in one).
fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A one-page book in a temporary folder, with the real book.toml and theme.
struct TempBook {
    dir: tempfile::TempDir,
}

impl TempBook {
    fn new(page: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        std::fs::create_dir_all(book.join("src")).unwrap();
        std::fs::create_dir_all(book.join("theme")).unwrap();
        std::fs::create_dir_all(dir.path().join("chapters")).unwrap();
        std::fs::copy(root().join("book/book.toml"), book.join("book.toml")).unwrap();
        copy_folder(&root().join("book/theme"), &book.join("theme"));
        std::fs::write(
            book.join("src/SUMMARY.md"),
            "# Summary\n\n- [Page](page.md)\n",
        )
        .unwrap();
        std::fs::write(book.join("src/page.md"), page).unwrap();
        std::fs::write(
            book.join("src/code.rs"),
            "// ANCHOR: real\nfn real() {}\n// ANCHOR_END: real\n",
        )
        .unwrap();
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn build(&self) -> Result<(), String> {
        book::build(self.path(), &self.path().join("out")).map_err(|error| format!("{error:#}"))
    }
}

#[test]
fn a_good_temporary_book_builds() {
    let page = "# Page\n\nMath $y = w x + b$, $x < 0$ and $\\text{if } a,\\ b$.\n\n\
                $$\nY\n= W X\n$$\n\n```rust,ignore\n{{#include code.rs:real}}\n```\n";
    let book = TempBook::new(page);
    book.build().unwrap();
    let html = read(book.path().join("out/page.html"));
    assert!(
        html.contains("fn real()") && html.contains("<math"),
        "{html}"
    );
    assert!(html.contains("<mo>&lt;</mo>"), "{html}");
    assert!(
        !html.contains("&amp;") && !html.contains("nbsp"),
        "an entity was escaped twice: {html}"
    );
    assert!(html.contains(r#"<math display="block">"#), "{html}");
}

#[test]
fn a_missing_anchor_fails_the_build_naming_page_line_and_anchor() {
    let book = TempBook::new("# Page\n\n```rust,ignore\n{{#include code.rs:unreal}}\n```\n");
    let error = book.build().unwrap_err();
    assert!(error.contains("page.md:4"), "{error}");
    assert!(
        error.contains("no anchor `unreal`") && error.contains("anchors there: real"),
        "{error}"
    );
}

#[test]
fn a_missing_include_file_fails_the_build() {
    let book = TempBook::new("# Page\n\n```rust,ignore\n{{#include missing.rs}}\n```\n");
    let error = book.build().unwrap_err();
    assert!(
        error.contains("page.md:4") && error.contains("missing.rs"),
        "{error}"
    );
}

#[test]
fn a_formula_that_does_not_parse_fails_the_build() {
    let book = TempBook::new("# Page\n\nFine $a + b$.\n\nBroken $\\frac{1}$ here.\n");
    let error = book.build().unwrap_err();
    assert!(
        error.contains("page.md:5") && error.contains("\\frac{1}"),
        "{error}"
    );
}

#[test]
fn a_page_missing_from_summary_fails_the_build() {
    let book = TempBook::new("# Page\n");
    std::fs::write(
        book.path().join("book/src/SUMMARY.md"),
        "# Summary\n\n- [Page](page.md)\n- [Typo](pgae.md)\n",
    )
    .unwrap();
    let error = book.build().unwrap_err();
    assert!(error.contains("pgae.md"), "{error}");
}

#[test]
fn a_misspelt_config_key_fails_the_build() {
    let book = TempBook::new("# Page\n");
    let toml = book.path().join("book/book.toml");
    let text = read(&toml).replace("additional-css", "aditional-css");
    std::fs::write(&toml, text).unwrap();
    let error = book.build().unwrap_err();
    assert!(error.contains("aditional-css"), "{error}");
}

#[test]
fn a_failed_build_leaves_the_last_good_build_in_place() {
    let book = TempBook::new("# Page\n\nGood.\n");
    book.build().unwrap();
    std::fs::write(
        book.path().join("book/src/page.md"),
        "# Page\n\nBad $\\frac{1}$.\n",
    )
    .unwrap();
    assert!(book.build().is_err());
    assert!(read(book.path().join("out/page.html")).contains("Good."));
}

#[test]
fn an_example_directive_for_a_missing_chapter_fails_the_build() {
    let book = TempBook::new("# Page\n\n{{#output chapter-99 nothing}}\n");
    let error = book.build().unwrap_err();
    assert!(
        error.contains("page.md:3") && error.contains("chapter-99"),
        "{error}"
    );
}

/// A chapter crate of its own workspace in the temporary book, with no
/// dependencies (it builds in a second), whose example `frames` writes into
/// `--figures DIR` what `figures` lists: (path in DIR, contents).
fn with_a_frames_example(book: &TempBook, figures: &[(&str, &str)]) {
    let root = book.path();
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"chapters/chapter-99\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("Cargo.lock"),
        "version = 4\n\n[[package]]\nname = \"chapter-99\"\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    let chapter = root.join("chapters/chapter-99");
    std::fs::create_dir_all(chapter.join("src")).unwrap();
    std::fs::create_dir_all(chapter.join("examples")).unwrap();
    std::fs::write(
        chapter.join("Cargo.toml"),
        "[package]\nname = \"chapter-99\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    )
    .unwrap();
    std::fs::write(chapter.join("src/lib.rs"), "").unwrap();
    let mut writes = String::new();
    for (path, text) in figures {
        writes += &["    let path = dir.join(", &format!("{path:?}"), ");\n"].concat();
        writes += "    std::fs::create_dir_all(path.parent().unwrap()).unwrap();\n";
        writes += &[
            "    std::fs::write(path, ",
            &format!("{text:?}"),
            ").unwrap();\n",
        ]
        .concat();
    }
    std::fs::write(
        chapter.join("examples/frames.rs"),
        format!(
            "fn main() {{\n    let args: Vec<String> = std::env::args().collect();\n    \
             let dir = std::path::PathBuf::from(&args[2]);\n    println!(\"ran\");\n{writes}}}\n"
        ),
    )
    .unwrap();
}

#[test]
fn frames_with_a_missing_or_malformed_manifest_fail_the_build_naming_page_and_line() {
    let page = "# Page\n\n{{#frames chapter-99 frames walk A walk down a bowl}}\n\n\
                {{#frames chapter-99 frames missing Nothing}}\n\n\
                {{#frames chapter-99 frames uneven Two series}}\n\n{{#frames chapter-99 frames walk}}\n";
    let book = TempBook::new(page);
    let frame = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>";
    with_a_frames_example(
        &book,
        &[
            ("walk/frames.json", "{\"version\": 1, \"loss\": \"E\""),
            ("walk/0-0.svg", frame),
            (
                "uneven/frames.json",
                r#"{"version":1,"loss":"E","decimals":2,"setting":"s","start":0,"key":[0],"series":[
                   {"name":"a","frames":[{"file":"0-0.svg","step":"step 0","loss":1.0}]},
                   {"name":"b","frames":[]}]}"#,
            ),
            ("uneven/0-0.svg", frame),
        ],
    );
    let error = book.build().unwrap_err();
    assert!(
        error.contains(
            "page.md:3: `{{#frames chapter-99 frames walk A walk down a bowl}}`: \
                        walk/frames.json is not a frames manifest"
        ),
        "{error}"
    );
    assert!(
        error.contains("page.md:5:") && error.contains("the example wrote no frames `missing`"),
        "{error}"
    );
    assert!(
        error.contains("page.md:7:") && error.contains("series \"b\" has 0 frames"),
        "{error}"
    );
    assert!(
        error.contains("page.md:9:")
            && error.contains("the alt text, which describes the picture, is required"),
        "{error}"
    );
}

#[test]
fn good_frames_become_key_frames_and_a_player_with_every_frame_copied() {
    let page = "# Page\n\n{{#frames chapter-99 frames walk A walk down a bowl}}\n";
    let book = TempBook::new(page);
    let frame = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>";
    with_a_frames_example(
        &book,
        &[
            (
                "walk/frames.json",
                r#"{"version":1,"loss":"error E","decimals":3,"setting":"","start":0,"key":[0,2],"series":[
                   {"name":"","frames":[{"file":"0-0.svg","step":"step 0","loss":1.0},
                   {"file":"0-1.svg","step":"step 1","loss":0.5},{"file":"0-2.svg","step":"step 2","loss":0.25}]}]}"#,
            ),
            ("walk/0-0.svg", frame),
            ("walk/0-1.svg", frame),
            ("walk/0-2.svg", frame),
        ],
    );
    book.build().unwrap();
    let html = read(book.path().join("out/page.html"));
    assert!(
        html.contains("<figure class=\"chapter-figure frames\" id=\"frames-chapter-99-frames-walk\" data-frames=\""),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"figures/chapter-99/frames/walk/0-2.svg\" alt=\"A walk down a bowl (step 2: error E 0.250)\">"),
        "{html}"
    );
    assert_eq!(
        html.matches("<figure class=\"frames-key\">").count(),
        2,
        "{html}"
    );
    assert!(
        html.contains("theme/frames"),
        "the page does not load the player: {html}"
    );
    for file in ["0-0.svg", "0-1.svg", "0-2.svg"] {
        assert!(
            book.path()
                .join("out/figures/chapter-99/frames/walk")
                .join(file)
                .is_file(),
            "{file} was not copied into the book"
        );
    }
}

/// A chapter whose exercise asks for `f` and `g` (in the region `both`) and,
/// as an extension, `h`.
fn with_an_exercise(book: &TempBook) {
    let chapter = book.path().join("chapters/chapter-09");
    std::fs::create_dir_all(chapter.join("src")).unwrap();
    std::fs::create_dir_all(chapter.join("exercise")).unwrap();
    std::fs::write(
        chapter.join("src/x.rs"),
        "// ANCHOR: given\nfn given() {}\n// ANCHOR_END: given\n\
         // ANCHOR: both\n// ANCHOR: f\nfn f() {}\n// ANCHOR_END: f\n\
         // ANCHOR: g\nfn g() {}\n// ANCHOR_END: g\n// ANCHOR_END: both\n\
         // ANCHOR: h\nfn h() {}\n// ANCHOR_END: h\n",
    )
    .unwrap();
    std::fs::write(
        chapter.join("exercise/info.toml"),
        "file = \"x.rs\"\n\
         [[core]]\nfunction = \"f\"\nanchor = \"f\"\ntests = [\"x::f\"]\n\
         [[core]]\nfunction = \"g\"\nanchor = \"g\"\ntests = [\"x::g\"]\n\
         [[extension]]\nfunction = \"h\"\nanchor = \"h\"\ntests = [\"x::h\"]\n",
    )
    .unwrap();
}

#[test]
fn the_listings_of_an_exercise_are_marked_to_fold_and_no_others() {
    let listing = |anchor: &str| {
        format!(
            "```rust,ignore\n{{{{#include ../../chapters/chapter-09/src/x.rs:{anchor}}}}}\n```\n\n"
        )
    };
    let page = format!(
        "# Page\n\nGiven:\n\n{}Yours:\n\n{}{}Going further:\n{}\
         <details>\n<summary>The solution</summary>\n\n{}</details>\n",
        listing("given"),
        listing("f"),
        listing("both"),
        listing("h"),
        listing("f"),
    );
    // The chapter's own page, and another that shows the same code again.
    let book = TempBook::new(&page);
    with_an_exercise(&book);
    let src = book.path().join("book/src");
    std::fs::write(src.join("chapter-09.md"), &page).unwrap();
    std::fs::write(
        src.join("SUMMARY.md"),
        "# Summary\n\n- [Chapter 9](chapter-09.md)\n- [Page](page.md)\n",
    )
    .unwrap();
    book.build().unwrap();
    let later = read(book.path().join("out/page.html"));
    assert!(
        later.contains("fn f()") && !later.contains("exercise-listing"),
        "{later}"
    );
    let html = read(book.path().join("out/chapter-09.html"));
    let marked = exercise_listings(&html);
    let names: Vec<&str> = marked.iter().map(|(names, _)| names.as_str()).collect();
    assert_eq!(names, ["f", "f g", "h"], "{html}");
    assert!(marked[2].1.starts_with(" data-extension"), "{html}");
    assert!(!marked[1].1.starts_with(" data-extension"), "{html}");
    assert!(marked[0].1.contains("fn f()") && !marked[0].1.contains("fn g()"));
    assert!(marked[1].1.contains("fn f()") && marked[1].1.contains("fn g()"));
    assert!(html.contains("fn given()"));
    assert!(
        !marked
            .iter()
            .any(|(_, listing)| listing.contains("fn given()"))
    );
    assert_eq!(
        html.matches("fn f()").count(),
        3,
        "the solution's listing is gone: {html}"
    );
    assert!(
        html.contains("theme/exercises"),
        "the page does not load the switch's script: {html}"
    );
}

#[test]
fn a_broken_exercise_info_fails_the_build_naming_it() {
    let book = TempBook::new("# Page\n");
    with_an_exercise(&book);
    std::fs::write(
        book.path().join("chapters/chapter-09/exercise/info.toml"),
        "file = \"x.rs\"\n[[core]]\nfunction = \"f\"\n",
    )
    .unwrap();
    let error = book.build().unwrap_err();
    assert!(error.contains("chapter-09/exercise/info.toml"), "{error}");
}

/// Every page listed in SUMMARY.md, as (file name, text).
fn all_pages() -> Vec<(String, String)> {
    let summary = read(root().join("book/src/SUMMARY.md"));
    summary
        .split(['(', ')'])
        .filter(|part| {
            Path::new(part)
                .extension()
                .is_some_and(|extension| extension == "md")
        })
        .map(|page| (page.to_string(), read(root().join("book/src").join(page))))
        .collect()
}

/// The examples whose output a page embeds with `{{#output CHAPTER EXAMPLE}}`.
fn embedded_outputs(text: &str) -> Vec<(String, String)> {
    book::markdown::directives(text, &["output"])
        .iter()
        .filter_map(|directive| {
            let mut words = directive.args.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}

/// A number one page quotes from what another page's example printed must
/// come from that output through `{{#value}}`, or it goes stale the next
/// time the example changes (chapter 7 once said chapter 6 reached 98 %
/// while chapter 6 printed 98.6 %). What counts as a quote is
/// `book::values::unquoted`'s rule: the same number or a rounded one, with
/// four significant digits (or two after the third decimal) or the same unit, that
/// the page's own outputs do not print.
#[test]
fn a_page_quotes_another_pages_output_only_through_the_value_directive() {
    let root = root();
    let examples = book::run::Examples::new(&root, &book::default_cache(&root));
    let pages = all_pages();
    let mut printed = std::collections::BTreeMap::new();
    for (_, text) in &pages {
        for (chapter, example) in embedded_outputs(text) {
            let name = format!("{chapter} {example}");
            if let std::collections::btree_map::Entry::Vacant(entry) = printed.entry(name) {
                let run = examples
                    .run(&chapter, &example)
                    .unwrap_or_else(|error| panic!("{}: {error:#}", entry.key()));
                entry.insert(run.stdout);
            }
        }
    }
    let mut problems = Vec::new();
    for (page, text) in &pages {
        let own: Vec<String> = embedded_outputs(text)
            .into_iter()
            .map(|(chapter, example)| format!("{chapter} {example}"))
            .collect();
        let others = printed
            .iter()
            .filter(|(name, _)| !own.contains(name))
            .map(|(name, stdout)| (name.clone(), stdout.clone()))
            .collect();
        let own: Vec<String> = own.iter().map(|name| printed[name].clone()).collect();
        for problem in book::values::unquoted(text, &own, &others) {
            problems.push(format!("{page} {problem}"));
        }
    }
    assert!(
        problems.is_empty(),
        "numbers written by hand that another page's output printed; write them as \
         `{{{{#value CHAPTER EXAMPLE LABEL}}}}`:\n{}",
        problems.join("\n")
    );
}

/// Every chapter links the notation page, and ends by saying what the
/// reader now knows and where to read further, after its tests, in that
/// order.
#[test]
fn every_chapter_ends_with_what_the_reader_knows_and_further_reading() {
    for page in chapter_pages() {
        let text = read(root().join("book/src").join(&page));
        let at = |heading: &str| {
            text.find(&format!("\n{heading}\n"))
                .unwrap_or_else(|| panic!("{page} has no `{heading}` section"))
        };
        let (right, knows, further) = (
            at("## How we know it is right"),
            at("## What you now know"),
            at("## Further reading"),
        );
        assert!(
            right < knows && knows < further,
            "{page}: the sections must come in the order How we know it is right, \
             What you now know, Further reading"
        );
        assert!(
            text.contains("](notation.md"),
            "{page} does not link the notation page"
        );
        let reading = &text[further..];
        let items = reading
            .lines()
            .take_while(|line| !line.starts_with("## ") || line.starts_with("## Further"))
            .filter(|line| line.starts_with("- "))
            .count();
        assert!(
            items >= 2,
            "{page}: Further reading lists fewer than two works"
        );
    }
}

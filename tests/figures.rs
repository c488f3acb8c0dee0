//! The pictures the pages show: every axis a figure draws has a title, so
//! a reader always knows what is measured along it.
//!
//! The figures are the SVGs the chapters' examples write with
//! `--figures DIR`, run (or taken from the book's cache) exactly as the
//! book's build runs them: those of `{{#figure}}` and every frame of
//! `{{#frames}}`. The `plots` crate marks every text on an axis
//! with a class: `x-tick`, `x-title`, `y-tick`, `y-title`,
//! `colorbar-tick`, `colorbar-title`.

mod common;

use common::{read, root};

/// The axes a figure can have: the class of their tick labels, the class
/// of their title, and what to call them in a failure.
const AXES: [(&str, &str, &str); 3] = [
    ("x-tick", "x-title", "horizontal axis"),
    ("y-tick", "y-title", "vertical axis"),
    ("colorbar-tick", "colorbar-title", "colour bar"),
];

/// Every `{{#figure CHAPTER EXAMPLE FILE Alt}}` of the pages in `book/src`,
/// as (page, chapter, example, file), and every frame of every
/// `{{#frames CHAPTER EXAMPLE NAME Alt}}`, with the file `NAME/FRAME.svg`.
fn figures() -> Vec<(String, String, String, String)> {
    let root = root();
    let examples = book::run::Examples::new(&root, &book::default_cache(&root));
    let mut found = single_figures();
    for (page, chapter, example, name) in directives_of(&["frames"]) {
        let run = examples
            .run(&chapter, &example)
            .unwrap_or_else(|error| panic!("{page}: {chapter} {example}: {error:#}"));
        let manifest = book::frames::Manifest::read(&run.figures, &name)
            .unwrap_or_else(|error| panic!("{page}: {chapter} {example}: {error}"));
        for series in &manifest.series {
            for frame in &series.frames {
                found.push((
                    page.clone(),
                    chapter.clone(),
                    example.clone(),
                    format!("{name}/{}", frame.file),
                ));
            }
        }
    }
    found
}

/// Every `{{#figure}}` of the pages, as (page, chapter, example, file).
fn single_figures() -> Vec<(String, String, String, String)> {
    let found = directives_of(&["figure"]);
    assert!(
        !found.is_empty(),
        "no {{{{#figure}}}} directive in book/src"
    );
    found
}

/// Every directive named in `names` of the pages in `book/src`, as (page,
/// and its first three words).
fn directives_of(names: &[&str]) -> Vec<(String, String, String, String)> {
    let mut found = Vec::new();
    let mut pages: Vec<_> = std::fs::read_dir(root().join("book/src"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .collect();
    pages.sort();
    for path in pages {
        let page = path.file_name().unwrap().to_string_lossy().to_string();
        for directive in book::markdown::directives(&read(&path), names) {
            let words: Vec<&str> = directive.args.split_whitespace().take(3).collect();
            if let [chapter, example, file] = words[..] {
                found.push((page.clone(), chapter.into(), example.into(), file.into()));
            }
        }
    }
    found
}

/// The texts of `svg`'s `<text>` elements whose class is `class`.
fn texts_of_class<'a>(svg: &'a str, class: &str) -> Vec<&'a str> {
    let marker = format!("class=\"{class}\"");
    svg.split("<text ")
        .skip(1)
        .filter_map(|element| {
            let (attributes, rest) = element.split_once('>')?;
            let text = rest.split_once("</text>")?.0;
            attributes.contains(&marker).then_some(text)
        })
        .collect()
}

/// What is wrong with the axes of `svg`: each axis that has tick labels
/// but no title with some text in it.
fn untitled_axes(svg: &str) -> Vec<&'static str> {
    AXES.iter()
        .filter(|(tick, title, _)| {
            let has_ticks = texts_of_class(svg, tick)
                .iter()
                .any(|text| !text.trim().is_empty());
            let has_title = texts_of_class(svg, title)
                .iter()
                .any(|text| !text.trim().is_empty());
            has_ticks && !has_title
        })
        .map(|(_, _, name)| *name)
        .collect()
}

#[test]
fn every_axis_of_every_figure_has_a_title() {
    let root = root();
    let examples = book::run::Examples::new(&root, &book::default_cache(&root));
    let mut problems = Vec::new();
    let mut with_axes = 0;
    for (page, chapter, example, file) in figures() {
        let run = examples
            .run(&chapter, &example)
            .unwrap_or_else(|error| panic!("{page}: {chapter} {example}: {error:#}"));
        let svg = read(run.figures.join(&file));
        if AXES
            .iter()
            .any(|(tick, _, _)| !texts_of_class(&svg, tick).is_empty())
        {
            with_axes += 1;
        }
        for axis in untitled_axes(&svg) {
            problems.push(format!(
                "{page}: {file} (from `cargo run -p {chapter} --example {example}`) has a {axis} \
                 with tick labels but no title"
            ));
        }
    }
    // The classes come from the plots crate: if it stopped writing them,
    // every figure would pass without being checked.
    assert!(
        with_axes >= 5,
        "only {with_axes} figures have marked axes; does plots still write class=\"x-tick\"?"
    );
    assert!(
        problems.is_empty(),
        "figures whose axes say nothing about what they measure (give the chart or heat map \
         its axis labels, or the colour bar a colorbar_label):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_an_axis_without_a_title() {
    let titled = "<svg><text x=\"1\" class=\"x-tick\">0</text>\
                  <text x=\"1\" class=\"x-title\">epoch</text>\
                  <text x=\"1\" class=\"y-tick\">1</text>\
                  <text x=\"1\" class=\"y-title\" transform=\"rotate(-90 1 1)\">loss</text></svg>";
    assert_eq!(untitled_axes(titled), Vec::<&str>::new());
    let empty_title = titled.replace(">loss<", "><");
    assert_eq!(untitled_axes(&empty_title), ["vertical axis"]);
    let bar = "<svg><text class=\"colorbar-tick\">0.5</text></svg>";
    assert_eq!(untitled_axes(bar), ["colour bar"]);
    // A figure without ticks (a diagram, a digit image) has no axes to title.
    assert!(untitled_axes("<svg><text x=\"1\">W</text></svg>").is_empty());
}

/// The largest frame of a `{{#frames}}` figure, in bytes.
const FRAME_BUDGET: u64 = 32 * 1024;
/// The most a page's pictures (figures and frames) may weigh: with the
/// fonts, scripts and styles every page loads (about 0.9 MB, mostly the
/// math font and the code highlighter), a page stays under 2 MB in all.
const PAGE_PICTURES_BUDGET: u64 = 1024 * 1024;

#[test]
fn frames_and_figures_keep_every_page_under_its_budget() {
    let root = root();
    let examples = book::run::Examples::new(&root, &book::default_cache(&root));
    let mut per_page: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    let single = single_figures();
    for (page, chapter, example, file) in figures() {
        let run = examples
            .run(&chapter, &example)
            .unwrap_or_else(|error| panic!("{page}: {chapter} {example}: {error:#}"));
        let bytes = std::fs::metadata(run.figures.join(&file))
            .unwrap_or_else(|error| panic!("{page}: {file}: {error}"))
            .len();
        let is_frame = !single
            .iter()
            .any(|(p, c, e, f)| (p, c, e, f) == (&page, &chapter, &example, &file));
        if is_frame && bytes > FRAME_BUDGET {
            problems.push(format!(
                "{page}: the frame {file} of `cargo run -p {chapter} --example {example}` is {} KB, over {} KB \
                 (draw its heat maps with Heatmap::raster, fewer points on its curves)",
                bytes / 1024,
                FRAME_BUDGET / 1024
            ));
        }
        *per_page.entry(page).or_default() += bytes;
    }
    for (page, bytes) in &per_page {
        if *bytes > PAGE_PICTURES_BUDGET {
            problems.push(format!(
                "{page}: its figures and frames weigh {} KB, over {} KB: the page would pass 2 MB",
                bytes / 1024,
                PAGE_PICTURES_BUDGET / 1024
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

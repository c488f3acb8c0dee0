//! The book's builder: mdBook used as a library, with three additions and
//! one rule.
//!
//! * [`checks::Includes`] fails the build on an `{{#include}}` whose file or
//!   anchor does not exist (mdBook would leave the directive or an empty
//!   listing in the page and succeed).
//! * [`run::Examples`] runs chapter examples and puts their output and
//!   pictures into the pages, and the frames of figures a reader can play
//!   ([`frames`]).
//! * [`values::Values`] puts one number from an example's output into the
//!   prose (`{{#value chapter-06 digits test accuracy}}`), so a page that
//!   quotes another page's output quotes what it really printed.
//! * [`exercises::Exercises`] marks the listings that show a function an
//!   exercise asks for, which the pages fold for a reader doing the
//!   exercises.
//! * [`listings::FileNames`] puts the path of the file a listing includes
//!   above it, taken from the `{{#include}}` directive.
//! * [`listings::Listings`] removes the indentation that listings cut from
//!   the middle of a file keep.
//! * [`math::Math`] turns `$...$` and `$$...$$` into `MathML` at build time.
//! * Every warning or error mdBook logs fails the build, with the message.
//!
//! A build writes into a staging folder and replaces the destination only
//! when it succeeded, so a failed build leaves the last good one in place.

pub mod checks;
pub mod exercises;
pub mod frames;
pub mod listings;
pub mod logs;
pub mod markdown;
pub mod math;
pub mod pdf;
pub mod run;
pub mod serve;
pub mod sources;
pub mod values;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use tracing_subscriber::layer::SubscriberExt;

/// The workspace root, found from this crate's own folder (`book/`).
#[must_use]
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("book/ has a parent")
        .to_path_buf()
}

/// The default place for the built book: `target/book` in the workspace.
#[must_use]
pub fn default_dest(root: &Path) -> PathBuf {
    root.join("target").join("book")
}

/// Build the book found in `root/book` into `dest`.
///
/// Fails, naming the page and line where there is one, on anything that
/// would make a page wrong: a missing include file or anchor, a formula
/// that does not parse, an example that fails, a page listed in
/// `SUMMARY.md` that does not exist, or any warning or error that mdBook
/// logs (a misspelt configuration key, for one).
pub fn build(root: &Path, dest: &Path) -> Result<()> {
    build_with_cache(root, dest, &default_cache(root))
}

/// Where example results are cached: `target/book-run/cache`.
#[must_use]
pub fn default_cache(root: &Path) -> PathBuf {
    root.join("target").join("book-run").join("cache")
}

/// [`build`], keeping the examples' results in `cache` (a fresh folder
/// makes every example run again).
pub fn build_with_cache(root: &Path, dest: &Path, cache: &Path) -> Result<()> {
    let collected = logs::Collected::default();
    let subscriber = tracing_subscriber::registry().with(logs::Collector(collected.clone()));
    tracing::subscriber::with_default(subscriber, || build_inner(root, dest, cache, &collected))
}

fn build_inner(root: &Path, dest: &Path, cache: &Path, collected: &logs::Collected) -> Result<()> {
    let book_dir = root.join("book");
    let name = dest
        .file_name()
        .context("the destination must name a folder")?
        .to_string_lossy();
    let staging = dest.with_file_name(format!(".{name}.building"));
    let _ = std::fs::remove_dir_all(&staging);

    let loaded = MDBook::load(&book_dir);
    let problems = collected.take();
    let mut book = match loaded {
        Ok(book) if problems.is_empty() => book,
        Ok(_) => bail!("loading {}:\n{}", book_dir.display(), problems.join("\n")),
        Err(error) => bail!(
            "loading {}: {error:#}{}",
            book_dir.display(),
            with_logs(&problems)
        ),
    };
    if book.config.build.create_missing {
        bail!(
            "{}/book.toml: set `create-missing = false` in [build], or a typo in SUMMARY.md creates an empty page",
            book_dir.display()
        );
    }
    for name in [
        "check-includes",
        "run-examples",
        "values",
        "file-names",
        "exercises",
        "listings",
        "math",
    ] {
        if !book.config.contains_key(&format!("preprocessor.{name}")) {
            bail!(
                "{}/book.toml: declare [preprocessor.{name}] so that it runs in the right order",
                book_dir.display()
            );
        }
    }
    book.config.build.build_dir.clone_from(&staging);
    let examples = run::Examples::new(root, cache);
    let figures = examples.figures();
    book.with_preprocessor(checks::Includes)
        .with_preprocessor(examples)
        .with_preprocessor(values::Values::new(root, cache))
        .with_preprocessor(listings::FileNames::new(root))
        .with_preprocessor(exercises::Exercises::new(root))
        .with_preprocessor(listings::Listings)
        .with_preprocessor(math::Math);

    let built = book.build();
    let problems = collected.take();
    if let Err(error) = built {
        let _ = std::fs::remove_dir_all(&staging);
        bail!("{error:#}{}", with_logs(&problems));
    }
    if !problems.is_empty() {
        let _ = std::fs::remove_dir_all(&staging);
        bail!("mdBook reported problems:\n{}", problems.join("\n"));
    }

    for (target, source) in figures.lock().expect("figure list poisoned").iter() {
        let path = staging.join(target);
        std::fs::create_dir_all(path.parent().expect("figure path has a folder"))?;
        std::fs::copy(source, &path).with_context(|| format!("copying {}", source.display()))?;
    }

    let old = dest.with_file_name(format!(".{name}.old"));
    let _ = std::fs::remove_dir_all(&old);
    if dest.exists() {
        std::fs::rename(dest, &old)
            .with_context(|| format!("moving the old {} aside", dest.display()))?;
    }
    std::fs::rename(&staging, dest)
        .with_context(|| format!("moving the new book to {}", dest.display()))?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

fn with_logs(problems: &[String]) -> String {
    if problems.is_empty() {
        String::new()
    } else {
        format!("\n{}", problems.join("\n"))
    }
}

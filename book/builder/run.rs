//! Chapter code run at build time. Two directives put what a chapter's
//! example produces into a page:
//!
//! * `{{#output chapter-01 forward}}` — what
//!   `cargo run -p chapter-01 --example forward` prints, as a `text` block;
//! * `{{#figure chapter-01 forward dense-layer.svg Alt text}}` — a picture
//!   that the same example writes when given `--figures DIR`;
//! * `{{#frames chapter-05 xor boundary Alt text}}` — the frames of a figure
//!   a reader can play, which the example writes into `DIR/boundary/` with
//!   their manifest (see [`crate::frames`]).
//!
//! An example that fails fails the build. Results are cached under
//! `target/book-run/cache` (see [`crate::default_cache`]), keyed by the
//! contents of the chapter crate, the workspace crates it depends on and
//! `Cargo.lock`, so an unchanged chapter is not run again. Only the files the
//! examples are built from count ([`crate::sources::used_by_book`]): not the
//! exercise, the tests or the benchmarks.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::markdown::{directives, html_escape, line_of, page_of};

/// Counts runs, so that each gets a staging folder of its own.
static FRESH_RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// What one run of an example left behind.
#[derive(Debug, Clone)]
pub struct Run {
    /// What it printed on standard output.
    pub stdout: String,
    /// The folder holding the figures it wrote.
    pub figures: PathBuf,
}

/// The preprocessor that runs chapter examples and embeds their output.
pub struct Examples {
    root: PathBuf,
    /// Where results are kept, one folder per chapter and example.
    cache: PathBuf,
    /// Cargo's target folder for the examples' release builds.
    build: PathBuf,
    /// Figures the pages use: path in the built book → file in the cache.
    used: Arc<Mutex<BTreeMap<String, PathBuf>>>,
}

impl Examples {
    /// Run examples of the workspace at `root` (built in `root/target/book-run`),
    /// keeping their results under `cache`.
    #[must_use]
    pub fn new(root: &Path, cache: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            cache: cache.to_path_buf(),
            build: root.join("target").join("book-run"),
            used: Arc::default(),
        }
    }

    /// A handle to the figures used by the pages, filled when the book is built.
    #[must_use]
    pub fn figures(&self) -> Arc<Mutex<BTreeMap<String, PathBuf>>> {
        Arc::clone(&self.used)
    }

    /// Run `cargo run --release -p chapter --example example`, or reuse the
    /// cached result when nothing it depends on has changed.
    pub fn run(&self, chapter: &str, example: &str) -> Result<Run> {
        let crate_dir = self.crate_dir(chapter)?;
        if !crate_dir
            .join("examples")
            .join(format!("{example}.rs"))
            .is_file()
        {
            bail!(
                "{chapter} has no example `{example}` (looked for {}/examples/{example}.rs)",
                crate_dir.display()
            );
        }
        let key = self.key(chapter)?;
        let dir = self.cache.join(chapter).join(example);
        let run = Run {
            stdout: String::new(),
            figures: dir.join("figures"),
        };
        if std::fs::read_to_string(dir.join("key")).ok().as_deref() == Some(key.as_str()) {
            let stdout = std::fs::read_to_string(dir.join("stdout.txt"))?;
            return Ok(Run { stdout, ..run });
        }
        eprintln!("book: running `cargo run --release -p {chapter} --example {example}`");
        // A folder of its own, so that two builds running at once do not mix.
        let count = FRESH_RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let fresh = dir.with_extension(format!("new-{}-{count}", std::process::id()));
        let _ = std::fs::remove_dir_all(&fresh);
        std::fs::create_dir_all(fresh.join("figures"))?;
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .current_dir(&self.root)
            .env_remove("CARGO_TARGET_DIR")
            .env("CARGO_TERM_COLOR", "never")
            .args([
                "run",
                "--release",
                "--quiet",
                "-p",
                chapter,
                "--example",
                example,
                "--target-dir",
            ])
            .arg(&self.build)
            .arg("--")
            .arg("--figures")
            .arg(fresh.join("figures"))
            .output()
            .context("could not start cargo")?;
        if !output.status.success() {
            bail!(
                "`cargo run --release -p {chapter} --example {example}` failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim_end()
            );
        }
        let stdout = String::from_utf8(output.stdout)
            .context("the example printed text that is not UTF-8")?;
        std::fs::write(fresh.join("stdout.txt"), &stdout)?;
        std::fs::write(fresh.join("key"), &key)?;
        let _ = std::fs::remove_dir_all(&dir);
        if std::fs::rename(&fresh, &dir).is_err() {
            // Another build finished the same run first; use ours from where it is.
            return Ok(Run {
                stdout,
                figures: fresh.join("figures"),
            });
        }
        Ok(Run { stdout, ..run })
    }

    fn crate_dir(&self, chapter: &str) -> Result<PathBuf> {
        let dir = self.root.join("chapters").join(chapter);
        if chapter.contains(['/', '\\', '.']) || !dir.join("Cargo.toml").is_file() {
            bail!(
                "no chapter crate `{chapter}` (looked for {}/Cargo.toml)",
                dir.display()
            );
        }
        Ok(dir)
    }

    /// A hash of everything a chapter's examples depend on in this workspace.
    fn key(&self, chapter: &str) -> Result<String> {
        let mut hasher = DefaultHasher::new();
        for file in ["Cargo.lock", "Cargo.toml"] {
            hash_file(&mut hasher, &self.root, &self.root.join(file))?;
        }
        for dir in self.local_dependencies(chapter)? {
            hash_dir(&mut hasher, &self.root, &dir)?;
        }
        Ok(format!("{:016x}", hasher.finish()))
    }

    /// The crate folder of `chapter` and of every workspace crate it depends
    /// on, directly or not (found from `name.workspace = true` lines).
    fn local_dependencies(&self, chapter: &str) -> Result<Vec<PathBuf>> {
        let mut local: BTreeMap<String, PathBuf> = BTreeMap::new();
        for entry in std::fs::read_dir(self.root.join("chapters"))? {
            let path = entry?.path();
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                local.insert(name.to_string(), path.clone());
            }
        }
        local.insert("plots".to_string(), self.root.join("plots"));
        let mut seen = Vec::new();
        let mut todo = vec![chapter.to_string()];
        while let Some(name) = todo.pop() {
            let Some(dir) = local.get(&name) else {
                continue;
            };
            if seen.contains(dir) {
                continue;
            }
            seen.push(dir.clone());
            let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))?;
            for line in manifest.lines() {
                if let Some((dep, _)) = line.trim().split_once(".workspace") {
                    todo.push(dep.trim().to_string());
                }
            }
        }
        seen.sort();
        Ok(seen)
    }
}

fn hash_file(hasher: &mut DefaultHasher, root: &Path, file: &Path) -> Result<()> {
    file.strip_prefix(root).unwrap_or(file).hash(hasher);
    std::fs::read(file)
        .with_context(|| format!("reading {}", file.display()))?
        .hash(hasher);
    Ok(())
}

/// Hash the files of `dir` that the book uses ([`crate::sources::used_by_book`]):
/// a learner's exercise, the tests and what they leave behind do not change
/// what an example prints, so saving them must not run it again.
fn hash_dir(hasher: &mut DefaultHasher, root: &Path, dir: &Path) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if !crate::sources::used_by_book(path.strip_prefix(root).unwrap_or(&path)) {
            continue;
        }
        if path.is_dir() {
            hash_dir(hasher, root, &path)?;
        } else {
            hash_file(hasher, root, &path)?;
        }
    }
    Ok(())
}

impl Preprocessor for Examples {
    fn name(&self) -> &'static str {
        "run-examples"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        let mut problems = Vec::new();
        let mut runs: BTreeMap<(String, String), Result<Run, String>> = BTreeMap::new();
        // First run every example the book asks for, once each.
        for item in book.iter() {
            let BookItem::Chapter(chapter) = item else {
                continue;
            };
            for directive in directives(&chapter.content, &["output", "figure", "frames"]) {
                let mut words = directive.args.split_whitespace();
                if let (Some(crate_name), Some(example)) = (words.next(), words.next()) {
                    let key = (crate_name.to_string(), example.to_string());
                    runs.entry(key).or_insert_with(|| {
                        self.run(crate_name, example)
                            .map_err(|error| format!("{error:#}"))
                    });
                }
            }
        }
        book.for_each_chapter_mut(|chapter| {
            let page = page_of(&src, chapter);
            let depth = chapter
                .path
                .as_ref()
                .map_or(0, |path| path.components().count().saturating_sub(1));
            let to_root = "../".repeat(depth);
            let mut content = chapter.content.clone();
            for directive in directives(&chapter.content, &["output", "figure", "frames"])
                .into_iter()
                .rev()
            {
                let at = format!(
                    "{page}:{}",
                    line_of(&chapter.content, directive.range.start)
                );
                match self.expand(directive.name, directive.args, &runs, &to_root) {
                    Ok(text) => content.replace_range(directive.range, &text),
                    Err(error) => problems.push(format!(
                        "{at}: `{{{{#{} {}}}}}`: {error}",
                        directive.name, directive.args
                    )),
                }
            }
            chapter.content = content;
        });
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        Ok(book)
    }
}

impl Examples {
    fn expand(
        &self,
        name: &str,
        args: &str,
        runs: &BTreeMap<(String, String), Result<Run, String>>,
        to_root: &str,
    ) -> std::result::Result<String, String> {
        let words: Vec<&str> = args.split_whitespace().collect();
        let usage = match name {
            "output" => "expected `{{#output CHAPTER EXAMPLE}}`",
            "frames" => "expected `{{#frames CHAPTER EXAMPLE NAME Alt text}}`",
            _ => "expected `{{#figure CHAPTER EXAMPLE FILE.svg Alt text}}`",
        };
        let (Some(chapter), Some(example)) = (words.first(), words.get(1)) else {
            return Err(usage.to_string());
        };
        let run = match runs.get(&((*chapter).to_string(), (*example).to_string())) {
            Some(Ok(run)) => run,
            Some(Err(error)) => return Err(error.clone()),
            None => return Err(usage.to_string()),
        };
        if name == "output" {
            if words.len() != 2 {
                return Err(usage.to_string());
            }
            return Ok(format!("```text\n{}\n```", run.stdout.trim_end()));
        }
        let (Some(file), true) = (words.get(2), words.len() > 3) else {
            return Err(format!(
                "{usage} (the alt text, which describes the picture, is required)"
            ));
        };
        if name == "frames" {
            return self.frames(chapter, example, file, &words[3..].join(" "), run, to_root);
        }
        let source = run.figures.join(file);
        if !source.is_file() {
            let written: Vec<String> = std::fs::read_dir(&run.figures)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok()?.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default();
            return Err(format!(
                "the example did not write `{file}` (it wrote: {})",
                if written.is_empty() {
                    "nothing".to_string()
                } else {
                    written.join(", ")
                }
            ));
        }
        let target = format!("figures/{chapter}/{example}/{file}");
        self.used
            .lock()
            .expect("figure list poisoned")
            .insert(target.clone(), source);
        let alt = html_escape(&words[3..].join(" "));
        Ok(format!(
            "<figure class=\"chapter-figure\"><img src=\"{to_root}{target}\" alt=\"{alt}\"></figure>"
        ))
    }
}

impl Examples {
    /// The HTML of `{{#frames chapter example name alt}}`, its frames
    /// marked to be copied into the book.
    fn frames(
        &self,
        chapter: &str,
        example: &str,
        name: &str,
        alt: &str,
        run: &Run,
        to_root: &str,
    ) -> std::result::Result<String, String> {
        let manifest = crate::frames::Manifest::read(&run.figures, name)?;
        let folder = format!("figures/{chapter}/{example}/{name}/");
        let mut used = self.used.lock().expect("figure list poisoned");
        for series in &manifest.series {
            for frame in &series.frames {
                used.insert(
                    format!("{folder}{}", frame.file),
                    run.figures.join(name).join(&frame.file),
                );
            }
        }
        let id = format!("frames-{chapter}-{example}-{name}");
        Ok(crate::frames::html(
            &manifest,
            &id,
            &format!("{to_root}{folder}"),
            alt,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_cache_key_changes_with_the_code_and_examples_not_the_exercise_or_tests() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "Cargo.toml",
            "Cargo.lock",
            "plots/Cargo.toml",
            "plots/src/lib.rs",
        ] {
            write(root, file, "a");
        }
        write(root, "chapters/chapter-01/Cargo.toml", "[dependencies]\n");
        write(
            root,
            "chapters/chapter-02/Cargo.toml",
            "[dependencies]\nchapter-01.workspace = true\nplots.workspace = true\n",
        );
        let beside = [
            "exercise/dense.rs",
            "exercise/dense.rs.saved-1",
            "exercise/info.toml",
            "tests/dense.rs",
            "tests/dense.proptest-regressions",
            "benches/dense.rs",
            "mutants.out/outcomes.json",
            "target/debug/build.log",
        ];
        let used = ["src/dense.rs", "examples/backward.rs"];
        for chapter in ["chapter-01", "chapter-02"] {
            for file in beside.iter().chain(&used) {
                write(root, &format!("chapters/{chapter}/{file}"), "a");
            }
        }
        let examples = Examples::new(root, &root.join("cache"));
        let key = examples.key("chapter-02").unwrap();
        for chapter in ["chapter-01", "chapter-02"] {
            for file in beside {
                write(root, &format!("chapters/{chapter}/{file}"), "changed");
                assert_eq!(
                    examples.key("chapter-02").unwrap(),
                    key,
                    "editing {chapter}/{file} changed chapter 2's cache key"
                );
            }
        }
        let mut seen = vec![key];
        let mut changed = |path: &str| {
            write(root, path, "changed");
            let key = examples.key("chapter-02").unwrap();
            assert!(
                !seen.contains(&key),
                "editing {path} left chapter 2's cache key as it was"
            );
            seen.push(key);
        };
        for chapter in ["chapter-01", "chapter-02"] {
            for file in used {
                changed(&format!("chapters/{chapter}/{file}"));
            }
        }
        changed("plots/src/lib.rs");
        changed("Cargo.lock");
    }
}

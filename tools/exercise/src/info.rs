//! What a chapter's exercise asks for: `chapters/chapter-NN/exercise/info.toml`.
//!
//! The file lists the functions the learner writes, in the order the page's
//! hints take them, with the anchor that holds each one and the tests that
//! check it; then the optional extension, the same way; then one realistic
//! mistake per function, which CI makes on purpose to check that the report
//! points at it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One chapter's `exercise/info.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Info {
    /// The exercise file's name, in `exercise/` (the reference of the same
    /// name is in `src/`).
    pub file: String,
    /// The functions of the chapter's core, in hint order.
    pub core: Vec<Function>,
    /// The optional extension's functions, in hint order.
    #[serde(default)]
    pub extension: Vec<Function>,
    /// Realistic mistakes, one per function, that CI makes on purpose.
    #[serde(default)]
    pub mistakes: Vec<Mistake>,
}

/// A function the learner writes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// Its name as its `todo!()` message gives it (`Activation::tanh`).
    pub function: String,
    /// The `// ANCHOR:` region that holds it, in both the exercise and the
    /// reference.
    pub anchor: String,
    /// The tests that check it: `binary::module::...::test` (`lib::...` for
    /// a unit test in `src/`), or a prefix of that ending in `::`.
    pub tests: Vec<String>,
}

/// A mistake CI makes in the reference to check the report's message.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    /// The function it is made in.
    pub function: String,
    /// Code of the reference, found exactly once in the function's region...
    pub replace: String,
    /// ...and what it is replaced with.
    pub with: String,
    /// Text the first lines of the report must contain.
    pub expect: String,
}

/// A chapter that has an exercise.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Its number (3 for `chapter-03`).
    pub number: u32,
    /// Its package name, `chapter-03`.
    pub package: String,
    /// Its folder.
    pub dir: PathBuf,
    /// What its exercise asks for.
    pub info: Info,
}

impl Info {
    /// Every function, core first, then the extension.
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.core.iter().chain(&self.extension)
    }

    /// Whether `name` belongs to the extension.
    #[must_use]
    pub fn is_extension(&self, name: &str) -> bool {
        self.extension.iter().any(|f| f.function == name)
    }
}

impl Function {
    /// Whether the test `id` (`binary::path`) is one of this function's.
    #[must_use]
    pub fn checks(&self, id: &str) -> bool {
        self.position(id).is_some()
    }

    /// Which of [`Function::tests`] lists the test `id`, if one does.
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.tests.iter().position(|pattern| {
            if pattern.ends_with("::") {
                id.starts_with(pattern.as_str())
            } else {
                id == pattern
            }
        })
    }
}

impl Chapter {
    /// The exercise file, `chapters/chapter-NN/exercise/<file>`.
    #[must_use]
    pub fn exercise_file(&self) -> PathBuf {
        self.dir.join("exercise").join(&self.info.file)
    }

    /// The reference file, `chapters/chapter-NN/src/<file>`.
    #[must_use]
    pub fn reference_file(&self) -> PathBuf {
        self.dir.join("src").join(&self.info.file)
    }

    /// The cargo feature that compiles the exercise with every test that
    /// checks it: `extension` when there is one, else `exercise`.
    #[must_use]
    pub fn feature(&self) -> &'static str {
        if self.info.extension.is_empty() {
            "exercise"
        } else {
            "extension"
        }
    }
}

/// Every chapter of the workspace at `root` that has an `exercise/info.toml`,
/// in order.
pub fn chapters(root: &Path) -> Result<Vec<Chapter>, String> {
    let dir = root.join("chapters");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut chapters = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(number) = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_prefix("chapter-"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let file = path.join("exercise").join("info.toml");
        if !file.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let info: Info = toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        chapters.push(Chapter {
            number,
            package: format!("chapter-{number:02}"),
            dir: path,
            info,
        });
    }
    chapters.sort_by_key(|chapter| chapter.number);
    Ok(chapters)
}

/// The chapter numbered `number`, or an error listing those that have an exercise.
pub fn chapter(root: &Path, number: &str) -> Result<Chapter, String> {
    let chapters = chapters(root)?;
    let list = chapters
        .iter()
        .map(|c| c.number.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let wanted = number.trim_start_matches("chapter-");
    match wanted.parse::<u32>() {
        Ok(n) => chapters.into_iter().find(|c| c.number == n).ok_or_else(|| {
            if root
                .join("chapters")
                .join(format!("chapter-{n:02}"))
                .is_dir()
            {
                format!("chapter {n} has no exercise; the chapters with one are {list}")
            } else {
                format!("there is no chapter {n}; the chapters with an exercise are {list}")
            }
        }),
        Err(_) => Err(format!(
            "`{number}` is not a chapter number; the chapters with an exercise are {list}"
        )),
    }
}

//! `cargo exercise N --reset`: put the shipped exercise file back, after
//! saving the learner's beside it, so nothing written is lost without a copy.
//!
//! The shipped file is the one in the repository the learner cloned: the
//! branch's upstream (`@{upstream}`, usually `origin/main`) when there is
//! one, so that a learner who committed their work still gets the stub back,
//! else `HEAD`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::info::Chapter;

fn git(root: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .ok()?;
    output.status.success().then_some(output.stdout)
}

/// The shipped contents of `file` (relative to `root`), from git.
pub fn shipped(root: &Path, file: &Path) -> Result<Vec<u8>, String> {
    let path = file.to_string_lossy().replace('\\', "/");
    for revision in ["@{upstream}", "origin/HEAD", "origin/main", "HEAD"] {
        if let Some(text) = git(root, &["show", &format!("{revision}:{path}")]) {
            return Ok(text);
        }
    }
    Err(format!(
        "cannot find the shipped {path}: --reset takes it from git, and this folder is not a \
         git clone of the book (or the file is not in it)"
    ))
}

/// Put the shipped exercise back; returns where the learner's file was saved,
/// or `None` when it was already as shipped.
pub fn reset(root: &Path, chapter: &Chapter) -> Result<Option<PathBuf>, String> {
    let file = chapter.exercise_file();
    let relative = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
    let shipped = shipped(root, &relative)?;
    let current = std::fs::read(&file).unwrap_or_default();
    if current == shipped {
        return Ok(None);
    }
    let mut k = 1;
    let saved = loop {
        let path = file.with_file_name(format!("{}.saved-{k}", chapter.info.file));
        if !path.exists() {
            break path;
        }
        k += 1;
    };
    std::fs::write(&saved, &current)
        .map_err(|e| format!("cannot save your file as {}: {e}", saved.display()))?;
    std::fs::write(&file, &shipped).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(Some(saved))
}

//! Figures a reader can play: `{{#frames CHAPTER EXAMPLE NAME Alt text}}`.
//!
//! The example, run with `--figures DIR` like every other, writes a series
//! of SVG frames (or several, one per setting such as a learning rate) and
//! a manifest, `DIR/NAME/frames.json` (`plots::Frames` writes both): the
//! label of each frame's step and the loss at that step. The page gets
//! plain HTML that works without JavaScript and in print, the key frames
//! side by side with their step and loss under each; `theme/frames.js`
//! turns it into one frame with a slider, a play button and a choice of
//! the setting, every frame an `<img>` loaded with the page.
//!
//! A missing or malformed manifest, or a frame it lists that the example
//! did not write, fails the build naming the page and line.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::markdown::html_escape;

/// The manifest's file name in a frames folder (the same as `plots::MANIFEST`).
pub const MANIFEST: &str = "frames.json";

/// The only version of the manifest there is.
const VERSION: u32 = 1;

/// What `frames.json` says: see `plots::Frames`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The manifest's format, 1.
    pub version: u32,
    /// What the number of each frame is (`mean squared error`).
    pub loss: String,
    /// How many decimals to show it with.
    pub decimals: usize,
    /// What tells the series apart (`learning rate`), or nothing with one series.
    pub setting: String,
    /// The series shown first.
    pub start: usize,
    /// The frames shown side by side without JavaScript and in print.
    pub key: Vec<usize>,
    /// The series, each with as many frames.
    pub series: Vec<Series>,
}

/// One series of frames: one setting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// The setting's value (`0.1`), empty with one series.
    pub name: String,
    /// Its frames, in order.
    pub frames: Vec<Frame>,
}

/// One frame: an SVG file and what it shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    /// The file, in the frames folder.
    pub file: String,
    /// The step's label (`epoch 10`).
    pub step: String,
    /// The loss at that step.
    pub loss: f64,
}

impl Manifest {
    /// Read and check the manifest of the frames `name` in the figures
    /// folder `figures` of an example: every frame it lists must be there.
    pub fn read(figures: &Path, name: &str) -> Result<Self, String> {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(format!(
                "`{name}` is not a name of frames (letters, digits, - and _: the folder the example writes them into)"
            ));
        }
        let path = figures.join(name).join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|_| {
            let written: Vec<String> = std::fs::read_dir(figures)
                .map(|entries| {
                    let mut names: Vec<String> = entries
                        .filter_map(|e| e.ok()?.file_name().into_string().ok())
                        .collect();
                    names.sort();
                    names
                })
                .unwrap_or_default();
            format!(
                "the example wrote no frames `{name}`: no {name}/{MANIFEST} among its figures (it wrote: {}); \
                 write them with plots::FigureOptions::save_frames",
                if written.is_empty() {
                    "nothing".to_string()
                } else {
                    written.join(", ")
                }
            )
        })?;
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|error| format!("{name}/{MANIFEST} is not a frames manifest: {error}"))?;
        manifest
            .check(&figures.join(name))
            .map_err(|problem| format!("{name}/{MANIFEST}: {problem}"))?;
        Ok(manifest)
    }

    fn check(&self, folder: &Path) -> Result<(), String> {
        if self.version != VERSION {
            return Err(format!(
                "version {} (this builder reads version {VERSION})",
                self.version
            ));
        }
        let Some(first) = self.series.first() else {
            return Err("no series of frames".to_string());
        };
        let count = first.frames.len();
        if count == 0 {
            return Err(format!("series \"{}\" has no frames", first.name));
        }
        if self.series.len() > 1 && self.setting.trim().is_empty() {
            return Err("several series but no `setting` saying what differs".to_string());
        }
        if self.decimals > 12 {
            return Err(format!("{} decimals (at most 12)", self.decimals));
        }
        if self.start >= self.series.len() {
            return Err(format!(
                "`start` is {} but there are {} series",
                self.start,
                self.series.len()
            ));
        }
        if self.key.is_empty() {
            return Err(
                "no key frames (`key`) to show without JavaScript and in print".to_string(),
            );
        }
        if let Some(key) = self.key.iter().find(|&&key| key >= count) {
            return Err(format!("key frame {key}, but a series has {count} frames"));
        }
        for series in &self.series {
            if self.series.len() > 1 && series.name.trim().is_empty() {
                return Err("a series without a name".to_string());
            }
            if series.frames.len() != count {
                return Err(format!(
                    "series \"{}\" has {} frames and series \"{}\" has {count}: every series needs as many",
                    series.name,
                    series.frames.len(),
                    first.name
                ));
            }
            for frame in &series.frames {
                let simple = !frame.file.is_empty()
                    && Path::new(&frame.file)
                        .extension()
                        .is_some_and(|extension| extension == "svg")
                    && frame
                        .file
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
                    && !frame.file.starts_with('.');
                if !simple {
                    return Err(format!(
                        "frame file `{}` is not the name of an SVG file in the frames folder",
                        frame.file
                    ));
                }
                if !folder.join(&frame.file).is_file() {
                    return Err(format!(
                        "it lists `{}`, which the example did not write",
                        frame.file
                    ));
                }
                if !frame.loss.is_finite() {
                    return Err(format!("{}: the loss is not a number", frame.step));
                }
            }
        }
        Ok(())
    }

    /// The loss of `frame` as the page writes it: `mean squared error
    /// 0.200009`, with the manifest's decimals, or in scientific notation
    /// (`3.33e-7`) when those would round it to zero.
    fn loss_text(&self, frame: &Frame) -> String {
        let decimals = self.decimals;
        let fixed = format!("{:.decimals$}", frame.loss);
        let rounds_to_zero = fixed
            .trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.');
        let value = if !rounds_to_zero {
            fixed
        } else if frame.loss == 0.0 {
            fixed.trim_start_matches('-').to_string()
        } else {
            format!("{:.2e}", frame.loss)
        };
        format!("{} {value}", self.loss).trim().to_string()
    }

    /// The setting of `series` as the page writes it: `learning rate 0.1`.
    fn setting_text(&self, series: &Series) -> String {
        format!("{} {}", self.setting, series.name)
            .trim()
            .to_string()
    }
}

/// What `theme/frames.js` reads from the figure's `data-frames`: every
/// text already written out, so the script formats nothing.
#[derive(Serialize)]
struct Player<'a> {
    alt: &'a str,
    setting: &'a str,
    start: usize,
    series: Vec<PlayerSeries>,
}

#[derive(Serialize)]
struct PlayerSeries {
    name: String,
    label: String,
    frames: Vec<PlayerFrame>,
}

#[derive(Serialize)]
struct PlayerFrame {
    src: String,
    step: String,
    loss: String,
}

/// The HTML of the frames `name` that `manifest` lists, found in the book
/// under `base` (`../figures/chapter-05/xor/boundary/`, from the page), with
/// `alt` describing the figure. `id` names the figure on the page.
#[must_use]
pub fn html(manifest: &Manifest, id: &str, base: &str, alt: &str) -> String {
    let several = manifest.series.len() > 1;
    let mut keys = String::new();
    for series in &manifest.series {
        keys.push_str("<div class=\"frames-key-row\">");
        if several {
            let _ = write!(
                keys,
                "<p class=\"frames-key-setting\">{}</p>",
                html_escape(&manifest.setting_text(series))
            );
        }
        keys.push_str("<div class=\"frames-key-frames\">");
        for &index in &manifest.key {
            let frame = &series.frames[index];
            let caption = format!("{}: {}", frame.step, manifest.loss_text(frame));
            let described = if several {
                format!("{alt} ({}, {caption})", manifest.setting_text(series))
            } else {
                format!("{alt} ({caption})")
            };
            let _ = write!(
                keys,
                "<figure class=\"frames-key\"><img src=\"{}{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                html_escape(base),
                html_escape(&frame.file),
                html_escape(&described),
                html_escape(&caption)
            );
        }
        keys.push_str("</div></div>");
    }
    let player = Player {
        alt,
        setting: &manifest.setting,
        start: manifest.start,
        series: manifest
            .series
            .iter()
            .map(|series| PlayerSeries {
                name: series.name.clone(),
                label: manifest.setting_text(series),
                frames: series
                    .frames
                    .iter()
                    .map(|frame| PlayerFrame {
                        src: format!("{base}{}", frame.file),
                        step: frame.step.clone(),
                        loss: manifest.loss_text(frame),
                    })
                    .collect(),
            })
            .collect(),
    };
    let data =
        serde_json::to_string(&player).expect("the player's data is plain strings and numbers");
    format!(
        "<figure class=\"chapter-figure frames\" id=\"{}\" data-frames=\"{}\">\
         <div class=\"frames-keys\">{keys}</div>\
         <figcaption class=\"frames-caption\">{}</figcaption></figure>",
        html_escape(id),
        html_escape(&data),
        html_escape(&caption_of(manifest)),
    )
}

/// The line under the figure: what the key frames are, and what the
/// script adds.
fn caption_of(manifest: &Manifest) -> String {
    let count = manifest.series[0].frames.len();
    let steps: Vec<&str> = manifest
        .key
        .iter()
        .map(|&k| manifest.series[0].frames[k].step.as_str())
        .collect();
    let of_series = if manifest.series.len() > 1 {
        format!(" for each {}", manifest.setting)
    } else {
        String::new()
    };
    format!(
        "{} of {count} frames{of_series}: {}.",
        steps.len(),
        steps.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, file: &str, text: &str) {
        std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
        std::fs::write(dir.join(file), text).unwrap();
    }

    const GOOD: &str = r#"{"version":1,"loss":"error","decimals":3,"setting":"rate","start":1,"key":[0,1],"series":[
{"name":"0.1","frames":[{"file":"0-0.svg","step":"step 0","loss":1.0},{"file":"0-1.svg","step":"step 1","loss":-0.0001}]},
{"name":"2 < 3","frames":[{"file":"1-0.svg","step":"step 0","loss":1.0},{"file":"1-1.svg","step":"step 1","loss":0.25}]}]}"#;

    fn folder(manifest: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "walk/frames.json", manifest);
        for file in ["0-0.svg", "0-1.svg", "1-0.svg", "1-1.svg"] {
            write(dir.path(), &format!("walk/{file}"), "<svg/>");
        }
        write(dir.path(), "other.svg", "<svg/>");
        dir
    }

    #[test]
    fn a_good_manifest_becomes_key_frames_and_the_players_data() {
        let dir = folder(GOOD);
        let manifest = Manifest::read(dir.path(), "walk").unwrap();
        let html = html(
            &manifest,
            "frames-walk",
            "../figures/c/e/walk/",
            "A \"walk\"",
        );
        assert!(html.starts_with(
            "<figure class=\"chapter-figure frames\" id=\"frames-walk\" data-frames=\"{"
        ));
        assert!(
            !html.contains('\n'),
            "a blank line would end the HTML block"
        );
        assert_eq!(
            html.matches("<img ").count(),
            4,
            "two key frames of two series"
        );
        assert!(html.contains("<img src=\"../figures/c/e/walk/1-1.svg\" alt=\"A &quot;walk&quot; (rate 2 &lt; 3, step 1: error 0.250)\">"));
        assert!(
            html.contains("<figcaption>step 1: error -1.00e-4</figcaption>"),
            "a loss too small for its decimals is not written 0.000: {html}"
        );
        assert!(html.contains("<p class=\"frames-key-setting\">rate 0.1</p>"));
        assert!(html.contains("&quot;src&quot;:&quot;../figures/c/e/walk/0-1.svg&quot;"));
        assert!(html.contains("&quot;loss&quot;:&quot;error 1.000&quot;"));
        assert!(html.contains("<figcaption class=\"frames-caption\">2 of 2 frames for each rate: step 0, step 1.</figcaption>"));
    }

    #[test]
    fn a_missing_or_malformed_manifest_says_what_is_wrong() {
        let dir = folder(GOOD);
        let missing = Manifest::read(dir.path(), "descent").unwrap_err();
        assert!(
            missing.contains("no frames `descent`")
                && missing.contains("it wrote: other.svg, walk"),
            "{missing}"
        );
        let problem = |text: &str| Manifest::read(folder(text).path(), "walk").unwrap_err();
        let broken = problem("{\"version\":1,");
        assert!(
            broken.contains("walk/frames.json is not a frames manifest")
                && broken.contains("line 1"),
            "{broken}"
        );
        assert!(problem(&GOOD.replace("\"decimals\":3,", "")).contains("missing field `decimals`"));
        assert!(problem(&GOOD.replace("\"version\":1", "\"version\":2")).contains("version 2"));
        assert!(problem(&GOOD.replace("\"key\":[0,1]", "\"key\":[2]")).contains("key frame 2"));
        assert!(problem(&GOOD.replace("\"start\":1", "\"start\":2")).contains("`start` is 2"));
        assert!(
            problem(&GOOD.replace("1-1.svg", "1-9.svg"))
                .contains("`1-9.svg`, which the example did not write")
        );
        assert!(
            problem(&GOOD.replace("1-1.svg", "../x.svg")).contains("not the name of an SVG file")
        );
        assert!(
            problem(&GOOD.replace("\"setting\":\"rate\"", "\"setting\":\"\""))
                .contains("no `setting`")
        );
        let uneven = GOOD.replace(r#",{"file":"1-1.svg","step":"step 1","loss":0.25}"#, "");
        assert!(problem(&uneven).contains("every series needs as many"));
        assert!(
            Manifest::read(dir.path(), "../walk")
                .unwrap_err()
                .contains("not a name of frames")
        );
    }
}

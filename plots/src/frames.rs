//! Figures a reader can play: a series of frames (a figure per step of
//! training), or several series, one per setting such as a learning rate,
//! written with a small manifest that the book's `{{#frames}}` directive
//! reads.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::PlotError;
use crate::svg::Svg;

/// The name of the manifest in a frames folder.
pub const MANIFEST: &str = "frames.json";

/// The frames of a figure a reader can play, step by step: one series of
/// frames, or several (one per setting, say per learning rate), each
/// frame an SVG with the label of its step and the loss at that step.
///
/// [`FigureOptions::save_frames`](crate::FigureOptions::save_frames)
/// writes them into a folder of their own, `DIR/NAME/`: the frames as
/// `S-FF.svg` (series `S`, frame `FF`) and [`MANIFEST`], which lists them.
/// On a page, `{{#frames CHAPTER EXAMPLE NAME Alt text}}` shows them with
/// a slider, a play button and a choice of the setting; without
/// JavaScript and in print, it shows the key frames side by side.
///
/// Every series has the same number of frames, so that the slider stays
/// at the same step when the reader picks another setting.
///
/// ```
/// use plots::{Frames, LineChart};
///
/// let mut frames = Frames::new("descent", "error E", 4);
/// frames.setting("step size");
/// for size in [0.1, 0.5] {
///     frames.series(&size.to_string());
///     let mut error: f64 = 1.0;
///     for step in 0..3 {
///         let chart = LineChart::new("", "step", "E").series("E", &[(0.0, 1.0), (1.0, error)]);
///         frames.frame(&format!("step {step}"), error, chart.to_svg()?);
///         error *= 1.0 - size;
///     }
/// }
/// frames.key_frames(&[0, 2]);
/// let manifest = frames.manifest()?;
/// assert!(manifest.contains(r#"{"file":"1-2.svg","step":"step 2","loss":0.25}"#));
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Frames {
    name: String,
    loss: String,
    decimals: usize,
    setting: String,
    series: Vec<Series>,
    start: usize,
    key: Vec<usize>,
}

#[derive(Clone, Debug)]
struct Series {
    name: String,
    frames: Vec<Frame>,
}

#[derive(Clone, Debug)]
struct Frame {
    step: String,
    loss: f64,
    svg: String,
}

impl Frames {
    /// No frames yet, to be written into the folder `name`; `loss` names
    /// the number each frame comes with (`mean squared error`), shown with
    /// `decimals` decimals.
    #[must_use]
    pub fn new(name: &str, loss: &str, decimals: usize) -> Self {
        Frames {
            name: name.to_string(),
            loss: loss.to_string(),
            decimals,
            setting: String::new(),
            series: Vec::new(),
            start: 0,
            key: Vec::new(),
        }
    }

    /// What tells the series apart (`learning rate`): the label of the
    /// choice between them.
    pub fn setting(&mut self, what: &str) -> &mut Self {
        self.setting = what.to_string();
        self
    }

    /// Start a new series, named for its setting (`0.1`); the frames
    /// added next belong to it.
    pub fn series(&mut self, name: &str) -> &mut Self {
        self.series.push(Series {
            name: name.to_string(),
            frames: Vec::new(),
        });
        self
    }

    /// Add a frame to the current series (the first call starts an
    /// unnamed one): the figure `svg` at the step labelled `step`
    /// (`epoch 10`), where the loss was `loss`.
    pub fn frame(&mut self, step: &str, loss: f64, svg: String) -> &mut Self {
        if self.series.is_empty() {
            self.series(""); // one series: no setting to choose
        }
        self.series
            .last_mut()
            .expect("a series was just made")
            .frames
            .push(Frame {
                step: step.to_string(),
                loss,
                svg,
            });
        self
    }

    /// The series the page shows first (its index; the first by default).
    pub fn start_with(&mut self, series: usize) -> &mut Self {
        self.start = series;
        self
    }

    /// The frames shown side by side without JavaScript and in print (by
    /// index in a series; by default the first, the middle and the last).
    pub fn key_frames(&mut self, frames: &[usize]) -> &mut Self {
        self.key = frames.to_vec();
        self
    }

    /// The folder the frames go into.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file name of frame `frame` of series `series`.
    fn file(&self, series: usize, frame: usize) -> String {
        let count = self.series.first().map_or(0, |s| s.frames.len());
        let width = count.saturating_sub(1).to_string().len();
        format!("{series}-{frame:0width$}.svg")
    }

    /// Why these frames cannot be written, if they cannot.
    fn check(&self) -> Result<(), PlotError> {
        let fail = |problem: String| {
            Err(PlotError::new(format!(
                "frames \"{}\": {problem}",
                self.name
            )))
        };
        let simple = |text: &str| {
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !simple(&self.name) {
            return fail("the name must be letters, digits, - or _, to be a folder's name".into());
        }
        let Some(first) = self.series.first() else {
            return fail("no frames; add them with .frame(step, loss, svg)".into());
        };
        let count = first.frames.len();
        for series in &self.series {
            if series.frames.len() != count || count == 0 {
                return fail(format!(
                    "series \"{}\" has {} frames and series \"{}\" {count}: every series needs the \
                     same number of frames, at least one",
                    series.name,
                    series.frames.len(),
                    first.name
                ));
            }
            if self.series.len() > 1 && series.name.is_empty() {
                return fail("with several series, each needs a name: .series(name)".into());
            }
            if let Some(frame) = series.frames.iter().find(|f| !f.loss.is_finite()) {
                return fail(format!(
                    "series \"{}\", {}: the loss {} is not a finite number",
                    series.name, frame.step, frame.loss
                ));
            }
        }
        if self.series.len() > 1 && self.setting.is_empty() {
            return fail("several series, but no .setting(what) saying what differs".into());
        }
        if self.start >= self.series.len() {
            return fail(format!(
                "start_with({}) but there are {} series",
                self.start,
                self.series.len()
            ));
        }
        if let Some(bad) = self.key.iter().find(|&&k| k >= count) {
            return fail(format!("key frame {bad} but a series has {count} frames"));
        }
        Ok(())
    }

    /// The manifest listing every frame, as JSON: the loss's name and
    /// decimals, the setting, the series shown first, the key frames, and
    /// for each series its name and its frames (file, step, loss).
    pub fn manifest(&self) -> Result<String, PlotError> {
        self.check()?;
        let count = self.series[0].frames.len();
        let key = if self.key.is_empty() {
            let mut key = vec![0, count / 2, count - 1];
            key.dedup();
            key
        } else {
            self.key.clone()
        };
        let mut out = String::new();
        let _ = write!(
            out,
            "{{\"version\":1,\"loss\":{},\"decimals\":{},\"setting\":{},\"start\":{},\"key\":[{}],\"series\":[",
            json_string(&self.loss),
            self.decimals,
            json_string(&self.setting),
            self.start,
            key.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        );
        for (s, series) in self.series.iter().enumerate() {
            if s > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "\n{{\"name\":{},\"frames\":[",
                json_string(&series.name)
            );
            for (f, frame) in series.frames.iter().enumerate() {
                if f > 0 {
                    out.push(',');
                }
                let _ = write!(
                    out,
                    "\n{{\"file\":{},\"step\":{},\"loss\":{}}}",
                    json_string(&self.file(s, f)),
                    json_string(&frame.step),
                    frame.loss
                );
            }
            out.push_str("]}");
        }
        out.push_str("]}\n");
        Ok(out)
    }

    /// Write the frames and the manifest into `dir/NAME/`, replacing what
    /// an earlier run left there.
    pub(crate) fn write(&self, dir: &Path) -> std::io::Result<()> {
        let manifest = self.manifest().map_err(|error| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, error.message())
        })?;
        let folder = dir.join(&self.name);
        if folder.exists() {
            std::fs::remove_dir_all(&folder)?;
        }
        std::fs::create_dir_all(&folder)?;
        for (s, series) in self.series.iter().enumerate() {
            for (f, frame) in series.frames.iter().enumerate() {
                std::fs::write(folder.join(self.file(s, f)), &frame.svg)?;
            }
        }
        std::fs::write(folder.join(MANIFEST), manifest)
    }
}

/// `text` as a JSON string, quoted and escaped.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Figures drawn by this crate, one above the other, each centred: a frame
/// that shows a heat map over the loss curve it came from.
///
/// Errors when `figures` is empty or one of them is not a document of
/// this crate (whose first line gives its width and height).
///
/// ```
/// use plots::{Heatmap, LineChart, stack};
///
/// let map = Heatmap::new("Output", vec![vec![0.0, 1.0], vec![1.0, 0.0]]).to_svg()?;
/// let chart = LineChart::new("Loss", "epoch", "loss").series("loss", &[(1.0, 0.5), (2.0, 0.2)]);
/// let both = stack(&[map, chart.to_svg()?])?;
/// assert_eq!(both.matches("<svg").count(), 3);
/// # Ok::<(), plots::PlotError>(())
/// ```
pub fn stack(figures: &[String]) -> Result<String, PlotError> {
    if figures.is_empty() {
        return Err(PlotError::new("stack: no figures to stack"));
    }
    let sizes = figures
        .iter()
        .enumerate()
        .map(|(index, svg)| {
            size_of(svg).ok_or_else(|| {
                PlotError::new(format!(
                    "stack: figure {index} is not an SVG document drawn by plots (no width and height on its first line)"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let width = sizes.iter().map(|&(w, _)| w).fold(0.0, f64::max);
    let height: f64 = sizes.iter().map(|&(_, h)| h).sum();
    let mut out = Svg::new(width, height);
    let mut top = 0.0;
    for (index, (svg, &(w, h))) in figures.iter().zip(&sizes).enumerate() {
        out.nested(
            (width - w) / 2.0,
            top,
            (w, h),
            &with_ids_of_its_own(svg, index),
        );
        top += h;
    }
    Ok(out.finish())
}

/// `svg` with every `id` it defines (a colour bar's gradient) and every
/// reference to one renamed for the `index`th figure of a stack: two heat
/// maps in one document would otherwise both paint their colour bars with
/// the first one's gradient.
fn with_ids_of_its_own(svg: &str, index: usize) -> String {
    let mut out = svg.to_string();
    for part in svg.split(" id=\"").skip(1) {
        let Some(id) = part.split('"').next() else {
            continue;
        };
        let renamed = format!("figure-{index}-{id}");
        out = out
            .replace(&format!(" id=\"{id}\""), &format!(" id=\"{renamed}\""))
            .replace(&format!("url(#{id})"), &format!("url(#{renamed})"));
    }
    out
}

/// The width and height written on the first line of a document of this crate.
fn size_of(svg: &str) -> Option<(f64, f64)> {
    let first = svg.lines().next()?;
    if !first.starts_with("<svg ") {
        return None;
    }
    let number = |name: &str| -> Option<f64> {
        let rest = first.split(&format!(" {name}=\"")).nth(1)?;
        rest.split('"').next()?.parse().ok()
    };
    Some((number("width")?, number("height")?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_well_formed;
    use crate::{Heatmap, LineChart};

    fn chart(y: f64) -> String {
        LineChart::new("Loss", "epoch", "loss")
            .series("loss", &[(1.0, 1.0), (2.0, y)])
            .size(300, 200)
            .to_svg()
            .unwrap()
    }

    fn two_by_three() -> Frames {
        let mut frames = Frames::new("walk", "error \"E\"", 3);
        frames.setting("step size");
        for name in ["small", "large"] {
            frames.series(name);
            for (step, loss) in [(0, 1.0), (1, 0.5), (2, 0.125)] {
                frames.frame(&format!("step {step}"), loss, chart(loss));
            }
        }
        frames
    }

    #[test]
    fn the_manifest_lists_every_frame_with_its_step_and_loss() {
        let manifest = two_by_three().manifest().unwrap();
        assert!(manifest.starts_with(
            "{\"version\":1,\"loss\":\"error \\\"E\\\"\",\"decimals\":3,\"setting\":\"step size\",\
             \"start\":0,\"key\":[0,1,2],\"series\":["
        ));
        assert!(manifest.contains("{\"name\":\"large\",\"frames\":["));
        assert!(manifest.contains("{\"file\":\"1-2.svg\",\"step\":\"step 2\",\"loss\":0.125}"));
        assert_eq!(manifest.matches("\"file\"").count(), 6);
    }

    #[test]
    fn frames_are_written_into_a_folder_of_their_own() {
        let dir = std::env::temp_dir().join(format!("plots-frames-{}", std::process::id()));
        let mut frames = two_by_three();
        frames.start_with(1).key_frames(&[0, 2]);
        frames.write(&dir).unwrap();
        let folder = dir.join("walk");
        let manifest = std::fs::read_to_string(folder.join(MANIFEST)).unwrap();
        assert!(manifest.contains("\"start\":1,\"key\":[0,2]"), "{manifest}");
        assert_eq!(
            std::fs::read_to_string(folder.join("0-1.svg")).unwrap(),
            chart(0.5)
        );
        // Written again, the folder holds only what the second run wrote.
        std::fs::write(folder.join("stale.svg"), "old").unwrap();
        frames.write(&dir).unwrap();
        assert!(!folder.join("stale.svg").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn frames_that_cannot_be_played_are_refused_with_a_reason() {
        let message = |frames: &Frames| frames.manifest().unwrap_err().message().to_string();
        assert!(message(&Frames::new("walk", "E", 2)).contains("no frames"));
        let mut uneven = two_by_three();
        uneven.frame("step 3", 0.1, chart(0.1));
        assert!(
            message(&uneven).contains("same number of frames"),
            "{}",
            message(&uneven)
        );
        let mut unnamed = two_by_three();
        unnamed.setting("");
        assert!(message(&unnamed).contains("no .setting"));
        let mut infinite = Frames::new("walk", "E", 2);
        infinite.frame("step 0", f64::INFINITY, chart(1.0));
        assert!(message(&infinite).contains("step 0: the loss inf"));
        let mut key = two_by_three();
        key.key_frames(&[3]);
        assert!(message(&key).contains("key frame 3"));
        let mut start = two_by_three();
        start.start_with(2);
        assert!(message(&start).contains("start_with(2)"));
        let mut name = two_by_three();
        name.name = "../up".into();
        assert!(message(&name).contains("folder's name"));
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(
            json_string("a \"b\" \\ c\n"),
            "\"a \\\"b\\\" \\\\ c\\u000a\""
        );
        assert_eq!(json_string("η → 0.1"), "\"η → 0.1\"");
    }

    #[test]
    fn stacked_figures_are_centred_one_above_the_other() {
        let map = Heatmap::new("Output", vec![vec![0.0, 1.0]])
            .to_svg()
            .unwrap();
        let (map_width, map_height) = size_of(&map).unwrap();
        let both = stack(&[map, chart(0.5)]).unwrap();
        assert_well_formed(&both);
        let (width, height) = size_of(&both).unwrap();
        assert_eq!(width, map_width.max(300.0));
        assert_eq!(height, map_height + 200.0);
        assert!(both.contains(&format!(
            "<svg x=\"{}\" y=\"{}\" width=\"300\"",
            crate::svg::num((width - 300.0) / 2.0),
            crate::svg::num(map_height)
        )));
        assert!(both.contains("class=\"x-title\">epoch</text>"));
        assert!(stack(&[]).is_err());
        // Each colour bar keeps its own gradient.
        let red = Heatmap::new("", vec![vec![-1.0, 1.0]])
            .scale(crate::Scale::Diverging {
                min: -1.0,
                mid: 0.0,
                max: 1.0,
            })
            .to_svg()
            .unwrap();
        let blue = Heatmap::new("", vec![vec![0.0, 1.0]]).to_svg().unwrap();
        let both = stack(&[red, blue]).unwrap();
        assert_well_formed(&both);
        for index in [0, 1] {
            assert_eq!(
                both.matches(&format!("id=\"figure-{index}-colorbar\""))
                    .count(),
                1,
                "{both}"
            );
            assert_eq!(
                both.matches(&format!("url(#figure-{index}-colorbar)"))
                    .count(),
                1
            );
        }
        assert!(!both.contains("id=\"colorbar\""));
        assert!(stack(&["<p>not a figure</p>".to_string()]).is_err());
    }
}

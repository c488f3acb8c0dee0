//! The colour bar beside a heat map (or a grid of them): what value each
//! colour stands for, and what those values measure.

use crate::Scale;
use crate::heatmap::{LABEL_FONT, TICK_FONT, axis_label_room};
use crate::svg::{AXIS, Paint, Part, Svg};
use crate::ticks::ticks_inside;

/// Gap between the grid and the colour bar, and the bar's width.
const BAR_GAP: f64 = 16.0;
const BAR_WIDTH: f64 = 14.0;

/// Labelled ticks for a colour bar `height` px tall showing `lo..=hi`:
/// nice ticks inside the range, or just both ends if too few fit.
fn colorbar_ticks((lo, hi): (f64, f64), height: f64) -> Vec<(f64, String)> {
    let target = (height / 50.0).clamp(2.0, 8.0) as usize;
    ticks_inside(lo, hi, target).0
}

/// A vertical colour bar beside a grid: a gradient with labelled ticks and,
/// if given, a title up its right side saying what the colours measure.
#[derive(Clone, Debug)]
pub(crate) struct ColorBar<'a> {
    scale: Scale,
    height: f64,
    ticks: Vec<(f64, String)>,
    label: &'a str,
}

impl<'a> ColorBar<'a> {
    /// A bar `height` px tall for `scale`, titled `label` (may be empty).
    pub(crate) fn new(scale: Scale, height: f64, label: &'a str) -> Self {
        ColorBar {
            scale,
            height,
            ticks: colorbar_ticks(scale.bounds(), height),
            label,
        }
    }

    /// The room it takes to the right of the grid, gap included.
    pub(crate) fn width(&self) -> f64 {
        BAR_GAP + BAR_WIDTH + 6.0 + self.widest_tick() + axis_label_room(self.label)
    }

    fn widest_tick(&self) -> f64 {
        self.ticks
            .iter()
            .map(|(_, label)| TICK_FONT.width(label))
            .fold(0.0, f64::max)
    }

    /// Draws it beside a grid whose right edge is at `grid_right`, its top
    /// at `top`; high values at the top.
    pub(crate) fn draw(&self, svg: &mut Svg, grid_right: f64, top: f64) {
        let x = grid_right + BAR_GAP;
        let (lo, hi) = self.scale.bounds();
        // The ramp's own stops, placed by value: the gradient between two
        // of them is the scale's colour at every value, exactly.
        let stops: Vec<(f64, String)> = self
            .scale
            .stops()
            .into_iter()
            .map(|(value, color)| ((value - lo) / (hi - lo), color))
            .collect();
        svg.vertical_gradient_rect("colorbar", (x, top, BAR_WIDTH, self.height), &stops);
        svg.rect(x, top, BAR_WIDTH, self.height, Paint::stroke(AXIS, 1.0));
        for (value, label) in &self.ticks {
            let y = top + (hi - value) / (hi - lo) * self.height;
            svg.line(
                (x + BAR_WIDTH, y),
                (x + BAR_WIDTH + 3.0, y),
                Paint::stroke(AXIS, 1.0),
            );
            svg.axis_text(
                Part::BarTick,
                x + BAR_WIDTH + 6.0,
                TICK_FONT.centered_baseline(y),
                label,
                &TICK_FONT,
            );
        }
        if !self.label.is_empty() {
            // Read from bottom to top, its letters to the left of the baseline.
            let baseline = x + BAR_WIDTH + 6.0 + self.widest_tick() + 8.0 + LABEL_FONT.size - 2.0;
            svg.axis_text_vertical(
                Part::BarTitle,
                baseline,
                top + self.height / 2.0,
                self.label,
                &LABEL_FONT,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorbar_ticks_stay_inside_the_range() {
        let ticks = colorbar_ticks((0.13, 0.87), 300.0);
        assert!(
            ticks.iter().all(|(t, _)| (0.13..=0.87).contains(t)),
            "{ticks:?}"
        );
        assert!(ticks.len() >= 2);
        let ends = colorbar_ticks((0.0, 1.0), 10.0);
        assert_eq!(
            ends.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(),
            ["0", "1"]
        );
    }
}

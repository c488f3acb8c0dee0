//! What one slot of a [`Grid`](crate::Grid) holds: a heat map, a bar
//! chart, or a heat map with a bar chart beside it (an image and what a
//! network answers for it).

use crate::axes::ValueAxis;
use crate::bar_chart::BarChart;
use crate::error::PlotError;
use crate::heatmap::{Checked, Heatmap};
use crate::svg::Svg;

/// Space between an image and the bar chart beside it, in px.
const INNER_GAP: f64 = 8.0;
/// Space kept under a chart, so that its x axis's title stands apart from
/// the caption under the tile.
const BELOW_CHART: f64 = 8.0;

/// The content of a grid's slot.
#[derive(Clone, Debug)]
pub(crate) enum Tile {
    /// A heat map drawn without its title, colour bar and labels.
    Image(Heatmap),
    /// A bar chart drawn without its title and key.
    Chart(BarChart),
    /// A heat map with a bar chart to its right.
    ImageAndChart(Heatmap, BarChart),
}

/// What checking a tile found: the image's grid and scale, the chart's axis.
#[derive(Clone, Debug)]
pub(crate) struct CheckedTile {
    pub image: Option<Checked>,
    chart: Option<ValueAxis>,
}

impl Tile {
    fn image(&self) -> Option<&Heatmap> {
        match self {
            Tile::Image(map) | Tile::ImageAndChart(map, _) => Some(map),
            Tile::Chart(_) => None,
        }
    }

    pub(crate) fn chart(&self) -> Option<&BarChart> {
        match self {
            Tile::Chart(chart) | Tile::ImageAndChart(_, chart) => Some(chart),
            Tile::Image(_) => None,
        }
    }

    /// Checks the image and the chart.
    pub(crate) fn check(&self) -> Result<CheckedTile, PlotError> {
        Ok(CheckedTile {
            image: self.image().map(Heatmap::check).transpose()?,
            chart: self.chart().map(BarChart::check).transpose()?,
        })
    }

    /// Width and height in px.
    pub(crate) fn size(&self, checked: &CheckedTile) -> (f64, f64) {
        let (image_width, image_height) = self.image_size(checked);
        let (chart_width, chart_height) = self.chart_size();
        let gap = if image_width > 0.0 && chart_width > 0.0 {
            INNER_GAP
        } else {
            0.0
        };
        (
            image_width + gap + chart_width,
            image_height.max(chart_height),
        )
    }

    /// The chart's width, and its height with the room kept under it.
    fn chart_size(&self) -> (f64, f64) {
        self.chart().map_or((0.0, 0.0), |chart| {
            let (width, height) = chart.size_px();
            (width, height + BELOW_CHART)
        })
    }

    fn image_size(&self, checked: &CheckedTile) -> (f64, f64) {
        match (self.image(), &checked.image) {
            (Some(map), Some(checked)) => map.grid_size(checked),
            _ => (0.0, 0.0),
        }
    }

    /// Draws the tile with its top-left corner at (`left`, `top`); the
    /// image centred on the tile's height.
    pub(crate) fn draw(
        &self,
        svg: &mut Svg,
        (left, top): (f64, f64),
        checked: &CheckedTile,
    ) -> Result<(), PlotError> {
        let (_, height) = self.size(checked);
        let (image_width, image_height) = self.image_size(checked);
        if let (Some(map), Some(image)) = (self.image(), &checked.image) {
            let image_top = top + (height - image_height) / 2.0;
            map.draw_cells(svg, left, image_top, image);
            map.draw_overlay(svg, left, image_top, image);
        }
        if let (Some(chart), Some(axis)) = (self.chart(), &checked.chart) {
            let chart_left = if image_width > 0.0 {
                left + image_width + INNER_GAP
            } else {
                left
            };
            let (width, chart_height) = self.chart_size();
            let chart_top = top + (height - chart_height) / 2.0;
            let chart_bottom = chart_top + chart_height - BELOW_CHART;
            let bounds = (chart_left, chart_top, chart_left + width, chart_bottom);
            chart.draw(svg, bounds, axis)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::{assert_well_formed, attribute, count};
    use crate::{BarChart, Grid, Heatmap, PALETTE, Scale};

    /// An 8x8 image with values from 0 to 1.
    fn digit(seed: usize) -> Heatmap {
        let values = (0..8)
            .map(|r| {
                (0..8)
                    .map(|c| ((r * 8 + c + seed) % 5) as f64 / 4.0)
                    .collect()
            })
            .collect();
        Heatmap::new("", values)
            .scale(Scale::Sequential { min: 0.0, max: 1.0 })
            .cell_size(6.0)
    }

    /// An image and the probabilities given to its three classes, the
    /// true class and (if wrong) the answer highlighted.
    fn answer(truth: usize, p: [f64; 3]) -> (Heatmap, BarChart) {
        let answer = (0..3).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        let mut chart = BarChart::new("ignored title", "class", "probability")
            .bars(&["0", "1", "2"], &p)
            .y_range(0.0, 1.0)
            .size(160, 120)
            .highlight(truth, PALETTE[2], "true class");
        if answer != truth {
            chart = chart.highlight(answer, PALETTE[1], "wrong answer");
        }
        (digit(truth), chart)
    }

    fn answers() -> Grid {
        let cases = [
            (0, [0.8, 0.1, 0.1]),
            (1, [0.0, 0.3, 0.7]),
            (2, [0.6, 0.0, 0.4]),
        ];
        cases
            .iter()
            .fold(Grid::new("Answers", 2), |grid, &(truth, p)| {
                let (image, chart) = answer(truth, p);
                grid.tile_with_chart(&format!("true {truth}"), image, chart)
            })
    }

    #[test]
    fn an_image_with_a_chart_draws_both_with_titled_axes_and_one_key() {
        let svg = answers().to_svg().unwrap();
        assert_well_formed(&svg);
        assert_eq!(svg, answers().to_svg().unwrap());
        // The background, the key's 2 squares, and per tile 64 cells, an
        // outline and 3 bars.
        assert_eq!(count(&svg, "<rect"), 1 + 2 + 3 * (64 + 1 + 3));
        assert_eq!(count(&svg, ">true class</text>"), 1);
        assert_eq!(count(&svg, ">wrong answer</text>"), 1);
        assert!(!svg.contains("ignored title"));
        for class in ["x-tick", "x-title", "y-tick", "y-title"] {
            assert!(svg.contains(&format!("class=\"{class}\"")), "no {class}");
        }
        assert_eq!(count(&svg, "class=\"x-title\">class</text>"), 3);
        // The image stands left of its chart, the caption under both.
        let first_cell = svg.split("<g shape-rendering").nth(1).unwrap();
        let first_tick = svg.split("class=\"y-tick\"").next().unwrap();
        assert!(
            attribute(first_cell, "x") < attribute(first_tick.rsplit("<text").next().unwrap(), "x")
        );
        assert!(svg.contains(">true 2</text>"));
    }

    #[test]
    fn chart_tiles_and_image_tiles_mix_and_a_key_only_names_what_is_shown() {
        let chart = BarChart::new("", "k", "v")
            .bars(&["a", "b"], &[1.0, 2.0])
            .size(160, 120);
        let svg = Grid::new("", 2)
            .tile("a", digit(0))
            .tile("b", digit(1))
            .chart_tile("plain bars", chart)
            .to_svg()
            .unwrap();
        assert_well_formed(&svg);
        assert!(svg.contains(">plain bars</text>") && svg.contains("class=\"y-title\""));
        // No highlight, no key: the background, 2 images of 65 rects, 2 bars.
        assert_eq!(count(&svg, "<rect"), 1 + 2 * 65 + 2);
        let (image, right) = answer(0, [0.9, 0.05, 0.05]);
        let svg = Grid::new("", 1)
            .tile_with_chart("", image, right)
            .to_svg()
            .unwrap();
        assert!(svg.contains(">true class</text>") && !svg.contains("wrong answer"));
    }

    #[test]
    fn a_bad_chart_is_named_in_the_error_and_the_colour_bar_checks_only_images() {
        let (image, chart) = answer(0, [0.5, 0.5, 0.0]);
        let broken = chart.clone().bars(&["0", "1"], &[0.5, f64::NAN]);
        let error = answers()
            .tile_with_chart("broken", image.clone(), broken)
            .to_svg()
            .unwrap_err();
        assert!(
            error.message().contains("tile 3 (\"broken\"): bar chart"),
            "{error}"
        );
        assert!(
            error.message().contains("bar 1 (\"1\") is not finite"),
            "{error}"
        );
        let scale = Scale::Sequential { min: 0.0, max: 1.0 };
        let svg = answers()
            .chart_tile("bars", chart.clone())
            .colorbar(scale, "ink")
            .to_svg();
        assert!(svg.is_ok());
        let other = image.scale(Scale::Sequential { min: 0.0, max: 2.0 });
        let error = answers()
            .tile_with_chart("other", other, chart)
            .colorbar(scale, "ink")
            .to_svg()
            .unwrap_err();
        assert!(
            error.message().contains("tile 3 (\"other\") is drawn on"),
            "{error}"
        );
    }
}

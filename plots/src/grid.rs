//! A grid of small heat maps (or bar charts, or both), each with a
//! caption under it.

use crate::Scale;
use crate::bar_chart::BarChart;
use crate::colorbar::ColorBar;
use crate::error::PlotError;
use crate::heatmap::Heatmap;
use crate::key::{self, KEY_ROW, draw_key, key_width};
use crate::svg::{BELOW_TITLE, Font, MARGIN, Svg, TITLE_FONT};
use crate::tile::{CheckedTile, Tile};

/// Font of the captions.
const CAPTION_FONT: Font = Font::sans(12.0).middle();
/// Space between tiles, in px.
const GAP: f64 = 14.0;
/// Height of the caption line under each tile.
const CAPTION_ROOM: f64 = 20.0;

/// Several small figures laid out in a grid with a caption under each (for
/// example 20 digit images with their labels, or the misclassified digits
/// with "7 → 9").
///
/// Each tile is a [`Heatmap`] drawn without its title, colour bar and
/// labels (its scale, annotations and points are kept). Every tile gets
/// its own default scale, so give them all the same
/// [`Scale`](crate::Scale) if their colours should be comparable, and
/// then one colour bar for all of them with [`Grid::colorbar`].
///
/// A tile may also be a [`BarChart`] ([`Grid::chart_tile`]), or an image
/// with a bar chart beside it ([`Grid::tile_with_chart`]): a digit and the
/// probabilities a network gives its classes. The charts are drawn
/// without their titles and keys; one key above the tiles names the
/// colours all their highlights use.
///
/// ```
/// use plots::{Grid, Heatmap, Scale};
///
/// let image = |v: f64| Heatmap::new("", vec![vec![v, 1.0 - v], vec![1.0 - v, v]])
///     .scale(Scale::Sequential { min: 0.0, max: 1.0 })
///     .cell_size(8.0);
/// let svg = Grid::new("Samples", 2)
///     .tile("7 → 9", image(0.2))
///     .tile("1 → 7", image(0.9))
///     .tile("3 → 8", image(0.5))
///     .to_svg()?;
/// assert!(svg.contains("7 → 9"));
/// # Ok::<(), plots::PlotError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Grid {
    title: String,
    columns: usize,
    tiles: Vec<(String, Tile)>,
    colorbar: Option<(Scale, String)>,
}

impl Grid {
    /// An empty grid with a title, placing `columns` tiles on each row.
    #[must_use]
    pub fn new(title: &str, columns: usize) -> Self {
        Grid {
            title: title.to_string(),
            columns,
            tiles: Vec::new(),
            colorbar: None,
        }
    }

    /// One colour bar for every tile, on the right, titled `label` (what
    /// the colours measure). Every tile must be drawn on `scale`.
    ///
    /// ```
    /// use plots::{Grid, Heatmap, Scale};
    ///
    /// let scale = Scale::Diverging { min: -1.0, mid: 0.0, max: 1.0 };
    /// let svg = Grid::new("Differences", 2)
    ///     .tile("a", Heatmap::new("", vec![vec![0.2, -0.5]]).scale(scale))
    ///     .tile("b", Heatmap::new("", vec![vec![-0.9], [0.4].to_vec()]).scale(scale))
    ///     .colorbar(scale, "difference")
    ///     .to_svg()?;
    /// assert!(svg.contains("class=\"colorbar-title\""));
    /// # Ok::<(), plots::PlotError>(())
    /// ```
    #[must_use]
    pub fn colorbar(mut self, scale: Scale, label: &str) -> Self {
        self.colorbar = Some((scale, label.to_string()));
        self
    }

    /// Add a tile: a heat map and the caption written under it.
    #[must_use]
    pub fn tile(mut self, caption: &str, heatmap: Heatmap) -> Self {
        self.tiles.push((caption.to_string(), Tile::Image(heatmap)));
        self
    }

    /// Add a tile that is a bar chart (drawn at its own
    /// [`size`](BarChart::size), without its title and key), with the
    /// caption written under it.
    #[must_use]
    pub fn chart_tile(mut self, caption: &str, chart: BarChart) -> Self {
        self.tiles.push((caption.to_string(), Tile::Chart(chart)));
        self
    }

    /// Add a tile that is an image with a bar chart to its right (drawn at
    /// its own [`size`](BarChart::size), without its title and key), and
    /// the caption written under both: for a test digit and the
    /// probabilities a network gives each class.
    ///
    /// ```
    /// use plots::{BarChart, Grid, Heatmap, PALETTE, Scale};
    ///
    /// let digit = Heatmap::new("", vec![vec![0.0, 1.0], vec![1.0, 0.5]])
    ///     .scale(Scale::Sequential { min: 0.0, max: 1.0 })
    ///     .cell_size(8.0);
    /// let answer = BarChart::new("", "class", "probability")
    ///     .bars(&["0", "1", "2"], &[0.1, 0.2, 0.7])
    ///     .y_range(0.0, 1.0)
    ///     .size(200, 140)
    ///     .highlight(1, PALETTE[2], "true class")
    ///     .highlight(2, PALETTE[1], "wrong answer");
    /// let svg = Grid::new("Answers", 3)
    ///     .tile_with_chart("true 1, answer 2 at 70.0 %", digit, answer)
    ///     .to_svg()?;
    /// assert!(svg.contains(">wrong answer</text>") && svg.contains("class=\"x-title\""));
    /// # Ok::<(), plots::PlotError>(())
    /// ```
    #[must_use]
    pub fn tile_with_chart(mut self, caption: &str, heatmap: Heatmap, chart: BarChart) -> Self {
        self.tiles
            .push((caption.to_string(), Tile::ImageAndChart(heatmap, chart)));
        self
    }

    /// Render the grid as an SVG document.
    ///
    /// Errors when there are no tiles, `columns` is 0, or a tile's heat map
    /// or bar chart has a problem (the message names the tile).
    pub fn to_svg(&self) -> Result<String, PlotError> {
        let checked = self.check()?;
        let sizes: Vec<(f64, f64)> = self
            .tiles
            .iter()
            .zip(&checked)
            .map(|((_, tile), c)| tile.size(c))
            .collect();
        // Every slot is as wide as the widest tile or caption, as tall as the tallest tile.
        let widest_caption = self
            .tiles
            .iter()
            .map(|(caption, _)| CAPTION_FONT.width(caption))
            .fold(0.0, f64::max);
        let slot_width = sizes.iter().map(|&(w, _)| w).fold(widest_caption, f64::max);
        let slot_height = sizes.iter().map(|&(_, h)| h).fold(0.0, f64::max);

        let columns = self.columns.min(self.tiles.len());
        let rows = self.tiles.len().div_ceil(columns);
        let row_height = slot_height + CAPTION_ROOM;
        let tiles_width = columns as f64 * slot_width + (columns - 1) as f64 * GAP;
        let tiles_height = rows as f64 * row_height + (rows - 1) as f64 * GAP;
        // The bar runs beside the tiles, not their last captions.
        let bar = self
            .colorbar
            .as_ref()
            .map(|(scale, label)| ColorBar::new(*scale, tiles_height - CAPTION_ROOM, label));
        let content_width = tiles_width + bar.as_ref().map_or(0.0, ColorBar::width);
        let key = self.key();
        let inner_width = content_width
            .max(TITLE_FONT.width(&self.title))
            .max(key_width(&key));
        let width = inner_width + 2.0 * MARGIN;
        let left = MARGIN + (inner_width - content_width) / 2.0;
        let below_title = if self.title.is_empty() {
            MARGIN
        } else {
            BELOW_TITLE
        };
        // The key, if any, goes between the title and the tiles.
        let (key_top, top) = if key.is_empty() {
            (below_title, below_title)
        } else {
            (below_title - 4.0, below_title + KEY_ROW + 6.0)
        };
        let mut svg = Svg::new(width, top + tiles_height + MARGIN);
        svg.title(width / 2.0, &self.title);
        draw_key(&mut svg, &key, width / 2.0, key_top);
        for (index, (((caption, tile), checked), &(w, h))) in
            self.tiles.iter().zip(&checked).zip(&sizes).enumerate()
        {
            let slot_left = left + (index % columns) as f64 * (slot_width + GAP);
            let slot_top = top + (index / columns) as f64 * (row_height + GAP);
            // Centre the tile in its slot, horizontally and vertically.
            let tile_left = slot_left + (slot_width - w) / 2.0;
            let tile_top = slot_top + (slot_height - h) / 2.0;
            tile.draw(&mut svg, (tile_left, tile_top), checked)?;
            let baseline = slot_top + slot_height + CAPTION_ROOM - 5.0;
            svg.text(
                slot_left + slot_width / 2.0,
                baseline,
                caption,
                &CAPTION_FONT,
            );
        }
        if let Some(bar) = bar {
            bar.draw(&mut svg, left + tiles_width, top);
        }
        Ok(svg.finish())
    }

    /// The entries of the key: those of every chart's key, each once.
    fn key(&self) -> Vec<key::Entry> {
        let mut key = Vec::new();
        for chart in self.tiles.iter().filter_map(|(_, tile)| tile.chart()) {
            for entry in chart.key() {
                if !key.contains(&entry) {
                    key.push(entry);
                }
            }
        }
        key
    }

    /// Checks the grid and every tile.
    fn check(&self) -> Result<Vec<CheckedTile>, PlotError> {
        let describe = || format!("grid \"{}\"", self.title);
        if self.columns == 0 {
            return Err(PlotError::new(format!(
                "{}: needs at least 1 column, got 0",
                describe()
            )));
        }
        if self.tiles.is_empty() {
            return Err(PlotError::new(format!(
                "{}: no tiles to draw; add some with .tile(caption, heatmap)",
                describe()
            )));
        }
        self.tiles
            .iter()
            .enumerate()
            .map(|(index, (caption, tile))| {
                let checked = tile.check().map_err(|e| {
                    PlotError::new(format!("{}: tile {index} (\"{caption}\"): {e}", describe()))
                })?;
                match (&self.colorbar, &checked.image) {
                    (Some((scale, _)), Some(image)) if *scale != image.scale => {
                        Err(PlotError::new(format!(
                            "{}: tile {index} (\"{caption}\") is drawn on {:?}, but the colour \
                             bar shows {scale:?}; give the tile the bar's scale with .scale(..)",
                            describe(),
                            image.scale
                        )))
                    }
                    _ => Ok(checked),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scale;
    use crate::test_util::{assert_well_formed, attribute, count};

    fn digit(seed: usize) -> Heatmap {
        let values = (0..8)
            .map(|r| (0..8).map(|c| ((r * 8 + c + seed) % 17) as f64).collect())
            .collect();
        Heatmap::new("ignored title", values)
            .scale(Scale::Sequential {
                min: 0.0,
                max: 16.0,
            })
            .cell_size(6.0)
    }

    fn grid(tiles: usize) -> Grid {
        (0..tiles).fold(Grid::new("Digits", 5), |g, k| {
            g.tile(&format!("{k} → {}", (k + 1) % 10), digit(k))
        })
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        assert_eq!(grid(7).to_svg().unwrap(), grid(7).to_svg().unwrap());
    }

    #[test]
    fn every_tile_draws_all_its_cells_and_a_caption() {
        let svg = grid(12).to_svg().unwrap();
        assert_well_formed(&svg);
        // The background, then per tile 64 cells and an outline.
        assert_eq!(count(&svg, "<rect"), 1 + 12 * (64 + 1));
        assert_eq!(count(&svg, "<text"), 1 + 12);
        assert!(svg.contains(">11 → 2</text>"));
        assert!(!svg.contains("ignored title"));
    }

    #[test]
    fn tiles_wrap_after_the_given_number_of_columns() {
        let one_row = grid(5).to_svg().unwrap();
        let two_rows = grid(6).to_svg().unwrap();
        let height = |svg: &str| attribute(svg, "height");
        assert!(height(&two_rows) > height(&one_row) + 48.0);
    }

    #[test]
    fn an_empty_grid_or_zero_columns_is_an_error() {
        assert!(
            Grid::new("g", 3)
                .to_svg()
                .unwrap_err()
                .message()
                .contains("no tiles")
        );
        let error = Grid::new("g", 0).tile("a", digit(0)).to_svg().unwrap_err();
        assert!(error.message().contains("at least 1 column"), "{error}");
    }

    #[test]
    fn a_shared_colour_bar_is_titled_and_needs_every_tile_on_its_scale() {
        let scale = Scale::Sequential {
            min: 0.0,
            max: 16.0,
        };
        let svg = grid(3).colorbar(scale, "ink").to_svg().unwrap();
        assert_well_formed(&svg);
        assert!(svg.contains("class=\"colorbar-title\"") && svg.contains(">ink</text>"));
        assert!(svg.contains("class=\"colorbar-tick\">16.0</text>"), "{svg}");
        let error = grid(2)
            .tile("other", Heatmap::new("", vec![vec![1.0, 2.0]]))
            .colorbar(scale, "ink")
            .to_svg()
            .unwrap_err();
        assert!(
            error.message().contains("tile 2 (\"other\") is drawn on"),
            "{error}"
        );
    }

    #[test]
    fn a_bad_tile_is_named_in_the_error() {
        let error = grid(2)
            .tile("broken", Heatmap::new("", vec![vec![1.0], vec![]]))
            .to_svg()
            .unwrap_err();
        assert!(error.message().contains("tile 2 (\"broken\")"), "{error}");
        assert!(error.message().contains("row 1 has 0 values"), "{error}");
    }
}

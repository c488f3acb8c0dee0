//! Images as columns: a sample is still one column of `X`, holding an
//! image of `d` channels of `h × w` pixels, channel after channel, each
//! channel row after row.

use std::fmt;

use chapter_08::ShapeError;
use chapter_08::ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, s};

// ANCHOR: image_shape
/// The shape of the images in the columns of an array: `depth` channels
/// (`d`) of `height × width` pixels (`h × w`). Entry `c·h·w + r·w + q` of a
/// column is row `r`, column `q` of channel `c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageShape {
    /// The number of channels `d`: 1 for a grey image, one per kernel for
    /// the output of a convolutional layer.
    pub depth: usize,
    /// The number of rows of pixels `h`.
    pub height: usize,
    /// The number of pixels in a row `w`.
    pub width: usize,
}
// ANCHOR_END: image_shape

impl ImageShape {
    /// `depth` channels of `height × width`.
    #[must_use]
    pub fn new(depth: usize, height: usize, width: usize) -> Self {
        Self {
            depth,
            height,
            width,
        }
    }

    /// The number of entries of one image, `d · h · w`: the rows of the
    /// array whose columns are such images.
    #[must_use]
    pub fn len(self) -> usize {
        self.depth * self.height * self.width
    }

    /// Whether an image of this shape has no entries at all.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Check that every column of `array` is an image of this shape.
    pub fn check_columns(
        self,
        context: &str,
        name: &str,
        array: &Array2<f64>,
    ) -> Result<(), ShapeError> {
        if array.nrows() == self.len() && array.ncols() > 0 {
            return Ok(());
        }
        Err(ShapeError::new(
            context,
            name,
            format!(
                "({}, m): one row per pixel of {self} (d · h · w = {}), one column per sample (m ≥ 1)",
                self.len(),
                self.len()
            ),
            array.dim(),
        ))
    }

    // ANCHOR: channel
    /// Channel `c` of an image of this shape held in `image` (one column,
    /// copied out of `X`), as an `h × w` matrix.
    ///
    /// # Panics
    /// If `image` does not have `d·h·w` entries or there is no channel `c`,
    /// naming both; `#[track_caller]` makes the panic point at the line
    /// that asked for the channel.
    #[must_use]
    #[track_caller]
    pub fn channel(self, image: &Array1<f64>, c: usize) -> ArrayView2<'_, f64> {
        self.check_channel(image.len(), c);
        let size = self.height * self.width;
        image
            .slice(s![c * size..(c + 1) * size])
            .into_shape_with_order((self.height, self.width))
            .expect("a slice of a contiguous column is contiguous")
    }
    // ANCHOR_END: channel

    /// Channel `c` of `image`, to write into.
    ///
    /// # Panics
    /// As [`ImageShape::channel`].
    #[must_use]
    #[track_caller]
    pub fn channel_mut(self, image: &mut Array1<f64>, c: usize) -> ArrayViewMut2<'_, f64> {
        self.check_channel(image.len(), c);
        let size = self.height * self.width;
        image
            .slice_mut(s![c * size..(c + 1) * size])
            .into_shape_with_order((self.height, self.width))
            .expect("a slice of a contiguous column is contiguous")
    }

    /// Panic, in words, unless an image of `entries` entries has this
    /// shape and a channel `c`: ndarray's own panic would name neither.
    #[track_caller]
    fn check_channel(self, entries: usize, c: usize) {
        assert!(
            entries == self.len(),
            "channel {c} of an image of {self} was asked for, but the image given has \
             {entries} entries, not d · h · w = {}: is it an image of the layer's other \
             side (its output where its input belongs, or the other way round)?",
            self.len()
        );
        assert!(
            c < self.depth,
            "there is no channel {c} in an image of {self} (channels are numbered from 0)"
        );
    }
}

impl fmt::Display for ImageShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let channels = if self.depth == 1 {
            "channel"
        } else {
            "channels"
        };
        write!(
            f,
            "{} {channels} of {} × {}",
            self.depth, self.height, self.width
        )
    }
}

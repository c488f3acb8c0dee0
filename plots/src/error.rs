//! The one error type of this crate.

use std::fmt;

/// Why a figure could not be drawn: the data does not fit the figure (no
/// series, an empty or ragged grid, a `NaN`, a layer whose size does not
/// match the one before it...).
///
/// The message names the figure part at fault, for example
/// `line chart "Loss": series "train" has a non-finite value at point 3: (3, NaN)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlotError {
    message: String,
}

impl PlotError {
    /// An error with this message.
    pub(crate) fn new(message: impl Into<String>) -> Self {
        PlotError {
            message: message.into(),
        }
    }

    /// The message, as also shown by `Display`.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for PlotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlotError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_shows_the_message() {
        let error = PlotError::new("series \"a\" is empty");
        assert_eq!(error.to_string(), "series \"a\" is empty");
        assert_eq!(error.message(), "series \"a\" is empty");
        let boxed: Box<dyn std::error::Error> = Box::new(error);
        assert!(boxed.to_string().contains("empty"));
    }
}

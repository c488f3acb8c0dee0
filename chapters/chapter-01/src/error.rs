//! The one error the forward pass can meet: an array of the wrong shape.
//!
//! ndarray's own messages do not say *which* layer or *which* array was
//! wrong, and element-wise operations can even broadcast a row against a
//! column and return a wrong answer with no error at all. So every layer in
//! this book checks its shapes itself and reports them with this type.

use std::fmt;

// ANCHOR: shape_error
/// An array had the wrong shape.
///
/// The message names where it happened, which array it was, the shape that
/// was expected (with what each axis means) and the shape that was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// Where it happened, e.g. `dense layer (2 inputs → 3 outputs), forward`.
    pub context: String,
    /// Which array, e.g. `input X`.
    pub array: String,
    /// The expected shape and the meaning of each axis,
    /// e.g. `(2, m): one row per input, one column per sample`.
    pub expected: String,
    /// The shape that was found, as (rows, columns).
    pub found: (usize, usize),
}
// ANCHOR_END: shape_error

impl ShapeError {
    /// Build an error for `array` in `context`.
    pub fn new(
        context: impl Into<String>,
        array: impl Into<String>,
        expected: impl Into<String>,
        found: (usize, usize),
    ) -> Self {
        Self {
            context: context.into(),
            array: array.into(),
            expected: expected.into(),
            found,
        }
    }

    /// The same error, with an outer context put in front
    /// (a network adds which of its layers failed).
    #[must_use]
    pub fn within(mut self, outer: &str) -> Self {
        self.context = format!("{outer}: {}", self.context);
        self
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} should have shape {}, but has shape ({}, {})",
            self.context, self.array, self.expected, self.found.0, self.found.1
        )
    }
}

impl std::error::Error for ShapeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_context_array_expected_and_found() {
        let error = ShapeError::new(
            "dense layer (2 inputs → 3 outputs), forward",
            "input X",
            "(2, m)",
            (3, 1),
        );
        assert_eq!(
            error.to_string(),
            "dense layer (2 inputs → 3 outputs), forward: input X should have shape (2, m), but has shape (3, 1)"
        );
    }

    #[test]
    fn within_puts_the_outer_context_first() {
        let error = ShapeError::new("inner", "X", "(1, m)", (2, 1)).within("layer 2 of 3");
        assert_eq!(error.context, "layer 2 of 3: inner");
    }
}

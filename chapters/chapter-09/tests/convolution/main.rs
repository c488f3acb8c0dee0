//! Chapter 9's tests, in one test binary (one link per build, which keeps
//! `cargo test` and mutation testing quick): one module per function of the
//! exercise, in the order of the page's hints, then the fast form and the
//! digits network.

// The worked examples write each product as it is on paper, `x * -1.0`
// included, so that they read like the sums they check.
#![allow(clippy::neg_multiply)]

mod backward;
mod convolve_full;
mod cross_correlate;
mod digits;
mod forward;
mod im2col;
mod layer;
mod max_pool;

/// Random images, kernels and layers for the property tests.
pub mod strategies {
    use chapter_09::ndarray::Array2;
    use chapter_09::testing::matrix;
    use chapter_09::{Convolution, ImageShape};
    use proptest::prelude::*;

    /// A convolutional layer and a batch of inputs for it: 1 to 3 input
    /// channels, 1 to 3 kernels of 2 × 2 or 3 × 3 (never 1 × 1, where a
    /// convolution is a product), images from the kernel's size to 3 more
    /// in each direction independently (so mostly not square), 1 or 2
    /// samples, every number from -2 to 2 (so no kernel is symmetric).
    pub fn layer_and_input() -> impl Strategy<Value = (Convolution, Array2<f64>)> {
        (
            1..=3_usize,
            1..=3_usize,
            2..=3_usize,
            0..=3_usize,
            0..=3_usize,
            1..=2_usize,
        )
            .prop_flat_map(|(depth, kernels, size, more_h, more_w, samples)| {
                let shape = ImageShape::new(depth, size + more_h, size + more_w);
                (
                    matrix(kernels, depth * size * size),
                    matrix(kernels, 1),
                    matrix(shape.len(), samples),
                )
                    .prop_map(move |(k, b, x)| {
                        (
                            Convolution::new(shape, size, k, b).expect("the shapes fit"),
                            x,
                        )
                    })
            })
    }

    /// A layer, its inputs, and a random `dE/dY` of its output's shape.
    pub fn layer_input_and_gradient()
    -> impl Strategy<Value = (Convolution, Array2<f64>, Array2<f64>)> {
        layer_and_input().prop_flat_map(|(layer, x)| {
            let rows = layer.output_shape().len();
            let samples = x.ncols();
            (Just(layer), Just(x), matrix(rows, samples))
        })
    }

    /// A matrix of 2 to 5 rows and 2 to 6 columns, and a kernel of 1 to
    /// its size in each direction (not always square).
    pub fn image_and_kernel() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
        (2..=5_usize, 2..=6_usize)
            .prop_flat_map(|(h, w)| (Just((h, w)), 1..=h, 1..=w))
            .prop_flat_map(|((h, w), kh, kw)| (matrix(h, w), matrix(kh, kw)))
    }
}

/// Where an entry of a flattened array is, in words, for the failure
/// messages: a learner who reads "entry (19, 0)" of an image column needs
/// the channel, row and column of the pixel to find the slip.
pub mod place {
    use chapter_09::ndarray::Array2;
    use chapter_09::testing::compare_entries;
    use chapter_09::{Convolution, ImageShape, Layer};

    /// Row `row` of a column holding an image of `shape`.
    #[must_use]
    pub fn pixel(shape: ImageShape, row: usize) -> String {
        let size = shape.height * shape.width;
        let (c, r, q) = (row / size, row % size / shape.width, row % shape.width);
        format!("row {r}, column {q} of channel {c}")
    }

    /// Row `row` of a column holding a layer's output of `shape`: one
    /// channel per kernel.
    #[must_use]
    pub fn output(shape: ImageShape, row: usize) -> String {
        let size = shape.height * shape.width;
        let (i, r, q) = (row / size, row % size / shape.width, row % shape.width);
        format!("kernel {i}'s output at position ({r}, {q})")
    }

    /// Column `column` of row `i` of `K`, `(n_k, d·k·k)`.
    #[must_use]
    pub fn kernel_entry(layer: &Convolution, i: usize, column: usize) -> String {
        let k = layer.size();
        let (j, a, b) = (column / (k * k), column % (k * k) / k, column % k);
        format!("row {a}, column {b} of block ({i}, {j}), kernel {i}'s for input channel {j}")
    }

    /// The layer and batch a property failed for, in one line: the input
    /// printed after the message is long, and cut off in the report.
    #[must_use]
    pub fn case(layer: &Convolution, x: &Array2<f64>) -> String {
        let samples = x.ncols();
        let samples = if samples == 1 {
            "1 sample".to_string()
        } else {
            format!("{samples} samples")
        };
        format!("{} and {samples}", layer.name())
    }

    /// A comparison's result, with a line after its message saying where
    /// its wrong entry is (the message names it as `entry (row, column)`).
    pub fn at(
        result: Result<(), String>,
        describe: impl Fn(usize, usize) -> String,
    ) -> Result<(), String> {
        result.map_err(|message| {
            let entry = message.split_once("entry (").and_then(|(_, rest)| {
                let (row, rest) = rest.split_once(", ")?;
                let (column, _) = rest.split_once(')')?;
                Some((row.parse().ok()?, column.parse().ok()?))
            });
            match entry {
                Some((row, column)) => format!("{message}\n({})", describe(row, column)),
                None => message,
            }
        })
    }

    /// A matrix on one line, `[[0.5, -2], [1.5, 4]]`, to four decimals.
    #[must_use]
    pub fn matrix(values: &Array2<f64>) -> String {
        let number = |v: f64| {
            let text = format!("{v:.4}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            if text == "-0" {
                "0".to_string()
            } else {
                text.to_string()
            }
        };
        let rows: Vec<String> = values
            .rows()
            .into_iter()
            .map(|row| {
                let entries: Vec<String> = row.iter().map(|&v| number(v)).collect();
                format!("[{}]", entries.join(", "))
            })
            .collect();
        format!("[{}]", rows.join(", "))
    }

    /// On a wrong entry, both matrices whole after the message: a slip that
    /// changes every entry (a kernel not turned, one number broadcast over
    /// the whole image) is seen at a glance. `as_shown` gives each the
    /// shape to show it in (an image column as its `h × w` channel).
    #[track_caller]
    pub fn assert_whole(
        result: Result<(), String>,
        computed: &Array2<f64>,
        expected: &Array2<f64>,
        as_shown: impl Fn(&Array2<f64>) -> Array2<f64>,
    ) {
        if let Err(message) = result {
            panic!(
                "{message}\nthe computed one is {}\nthe expected one is {}",
                matrix(&as_shown(computed)),
                matrix(&as_shown(expected))
            );
        }
    }

    /// [`at`], panicking with the message on a mismatch.
    #[track_caller]
    pub fn assert_at(result: Result<(), String>, describe: impl Fn(usize, usize) -> String) {
        if let Err(message) = at(result, describe) {
            panic!("{message}");
        }
    }

    /// Compare `computed` with the sum of `parts`, each named; on a wrong
    /// entry, say what each part gives there, so that a sum that kept only
    /// one of its terms shows which.
    #[track_caller]
    pub fn assert_sum(
        name: &str,
        computed: &Array2<f64>,
        parts: &[(&str, Array2<f64>)],
        describe: impl Fn(usize, usize) -> String,
    ) {
        let expected = parts
            .iter()
            .fold(Array2::zeros(parts[0].1.dim()), |sum, (_, part)| sum + part);
        let result = at(
            compare_entries(name, computed, &expected, 1e-12),
            |row, column| {
                let mut terms: Vec<String> = parts
                    .iter()
                    .map(|(part, values)| format!("{part} ({:.6})", values[[row, column]]))
                    .collect();
                let last = terms.pop().unwrap_or_default();
                format!(
                    "that is {}; the expected value is the sum of {} and {last}",
                    describe(row, column),
                    terms.join(", ")
                )
            },
        );
        if let Err(message) = result {
            panic!("{message}");
        }
    }
}

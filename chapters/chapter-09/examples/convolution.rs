//! Chapter 9's first example: a convolution on a small image, worked out,
//! and its three gradients for one output gradient.
//!
//! Run it with `cargo run --release -p chapter-09 --example convolution`;
//! add `-- --figures DIR` to also write the chapter's pictures into DIR.

use chapter_09::ndarray::{Array2, array};
use chapter_09::{Backward, Convolution, ImageShape, Layer, convolve_full, cross_correlate};
use plots::{FigureOptions, Grid, Heatmap, Scale};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let options = FigureOptions::from_env();

    // ANCHOR: worked
    let x = array![
        [0.0, 1.0, 1.0, 0.0, 0.0],
        [0.0, 1.0, 1.0, 0.0, 0.0],
        [0.0, 0.0, 1.0, 1.0, 0.0],
        [0.0, 0.0, 0.0, 1.0, 1.0],
    ];
    let k = array![[1.0, -1.0], [1.0, -1.0]];
    let y = cross_correlate(&x.view(), &k.view());
    // ANCHOR_END: worked
    print_matrix("image X (4 × 5)", &x);
    print_matrix("kernel K (2 × 2): left minus right", &k);
    print_matrix(
        "X ⋆ K (3 × 4): positive at the right edge of a stroke, negative at its left edge",
        &y,
    );

    // The same numbers from the layer, with a bias, and its gradients for
    // dE/dY = G.
    let layer = Convolution::new(ImageShape::new(1, 4, 5), 2, flat_row(&k), array![[0.5]])?;
    let column = Array2::from_shape_vec((20, 1), x.iter().copied().collect())?;
    let output = layer.forward(&column)?;
    println!(
        "the layer's output, with bias 0.5, is X ⋆ K + 0.5: {}",
        same(&output, &(y.clone() + 0.5))
    );
    let g = array![
        [0.0, 0.0, 0.0, 0.0],
        [0.0, 1.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0],
    ];
    let gradients = layer.backward(
        &column,
        &Array2::from_shape_vec((12, 1), g.iter().copied().collect())?,
    )?;
    println!();
    println!("with dE/dY = G, 1 at entry (1, 1) and 0 elsewhere:");
    print_matrix(
        "dE/dK = X ⋆ G: the 2 × 2 block of X under the kernel at (1, 1)",
        &cross_correlate(&x.view(), &g.view()),
    );
    println!("dE/dB = sum of G: {:.1}", gradients.parameters[1][[0, 0]]);
    print_matrix(
        "dE/dX = G ∗ K: the kernel placed at (1, 1)",
        &convolve_full(&g.view(), &k.view()),
    );
    println!(
        "the layer's dE/dK and dE/dX are the same: {}, {}",
        same(
            &gradients.parameters[0],
            &flat_row(&cross_correlate(&x.view(), &g.view()))
        ),
        same(
            &gradients.input,
            &Array2::from_shape_vec(
                (20, 1),
                convolve_full(&g.view(), &k.view())
                    .iter()
                    .copied()
                    .collect()
            )?
        )
    );

    options.save("worked.svg", &worked(&x, &k, &y)?)?;
    options.save("reach.svg", &reach()?)?;
    Ok(())
}

/// A matrix's entries as one row, the layout of `K` in the layer.
fn flat_row(matrix: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_vec((1, matrix.len()), matrix.iter().copied().collect())
        .expect("the length fits")
}

/// Whether two arrays hold the same numbers (to rounding), as a word.
fn same(a: &Array2<f64>, b: &Array2<f64>) -> &'static str {
    let flat = |m: &Array2<f64>| m.iter().copied().collect::<Vec<_>>();
    let close = flat(a)
        .iter()
        .zip(flat(b))
        .all(|(p, q)| (p - q).abs() < 1e-12);
    if close && a.len() == b.len() {
        "yes"
    } else {
        "no"
    }
}

fn print_matrix(title: &str, matrix: &Array2<f64>) {
    println!("{title}:");
    for row in matrix.rows() {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:>5.1}")).collect();
        println!("  {}", cells.join(" "));
    }
}

/// The image, the kernel and their cross-correlation, side by side, with
/// the numbers written in.
fn worked(x: &Array2<f64>, k: &Array2<f64>, y: &Array2<f64>) -> Result<String, Error> {
    let rows = |m: &Array2<f64>| m.rows().into_iter().map(|r| r.to_vec()).collect::<Vec<_>>();
    let map = |m: &Array2<f64>| {
        Heatmap::new("", rows(m))
            .scale(Scale::Diverging {
                min: -2.0,
                mid: 0.0,
                max: 2.0,
            })
            .annotate(0)
            .cell_size(34.0)
    };
    Ok(Grid::new(
        "An image, a kernel, and the kernel laid on every position",
        3,
    )
    .colorbar(
        Scale::Diverging {
            min: -2.0,
            mid: 0.0,
            max: 2.0,
        },
        "value",
    )
    .tile("image X, 4 × 5", map(x))
    .tile("kernel K, 2 × 2", map(k))
    .tile("X ⋆ K, 3 × 4", map(y))
    .to_svg()?)
}

/// How many output entries each input entry reaches, for an 8 × 8 image
/// and a 3 × 3 kernel: the number of terms of its entry of dE/dX.
fn reach() -> Result<String, Error> {
    let ones = Array2::<f64>::ones((6, 6));
    let counts = convolve_full(&ones.view(), &Array2::ones((3, 3)).view());
    let rows: Vec<Vec<f64>> = counts.rows().into_iter().map(|r| r.to_vec()).collect();
    let labels: Vec<String> = (0..8).map(|i| i.to_string()).collect();
    Ok(Heatmap::new(
        "How many of the 6 × 6 outputs each pixel of an 8 × 8 image touches, with a 3 × 3 kernel",
        rows,
    )
    .scale(Scale::Sequential { min: 0.0, max: 9.0 })
    .annotate(0)
    .cell_size(34.0)
    .colorbar_label("outputs the pixel touches")
    .row_labels("pixel row", labels.clone())
    .col_labels("pixel column", labels)
    .to_svg()?)
}

//! Chapter 9's digits example: the convolutional network (8 kernels of
//! 3 × 3, tanh, 2 × 2 max-pooling, dense) against chapter 8's dense
//! network, both with softmax and cross-entropy, on chapter 6's split; then
//! the kernels it learned and what they see in a few test digits.
//!
//! Run it with `cargo run --release -p chapter-09 --example digits`; add
//! `-- --figures DIR` to also write the chapter's pictures into DIR,
//! among them the frames of the eight kernels and what they see in a test
//! digit, epoch by epoch (DIR/kernels/, which the page plays).

use chapter_09::ndarray::Array2;
use chapter_09::{
    Digit, LearningRate, Loss, SoftmaxCrossEntropy, TrainableNetwork, conv_digits_network,
    evaluate, load_digits, parameter_count, softmax_digits_network, train, train_test_split,
    training_pairs,
};
use plots::{FigureOptions, Frames, Grid, Heatmap, LineChart, PALETTE, Scale, stack};

/// The seed of the split and of the starting weights.
const SEED: u64 = 0;
const EPOCHS: usize = 20;
const SHOWN: [usize; 5] = [1, 2, 5, 10, 20];
/// The frames shown side by side in print: before training, after the
/// first epoch and after the last.
const KEY_FRAMES: [usize; 3] = [0, 1, EPOCHS];

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let options = FigureOptions::from_env();
    let digits = load_digits()?;
    let split = train_test_split(&digits, 0.2, SEED);
    let pairs = training_pairs(&split.train);

    // ANCHOR: networks
    let mut convolutional = conv_digits_network(SEED);
    let mut dense = softmax_digits_network(SEED);
    let rate = LearningRate::new(0.1)?;
    // ANCHOR_END: networks
    println!(
        "parameters: convolutional {}, dense {}",
        parameter_count(&convolutional),
        parameter_count(&dense)
    );
    println!(
        "test accuracy, epoch by epoch ({} test images):",
        split.test.len()
    );
    println!("epoch   convolutional   dense (chapter 8)");
    let mut curves = [vec![], vec![]];
    let first = &split.test[0];
    let mut states = vec![state(&convolutional, &pairs, first)?];
    for epoch in 1..=EPOCHS {
        // ANCHOR: epoch
        train(&mut convolutional, &SoftmaxCrossEntropy, &pairs, 1, rate)?;
        train(&mut dense, &SoftmaxCrossEntropy, &pairs, 1, rate)?;
        // ANCHOR_END: epoch
        for (curve, network) in curves.iter_mut().zip([&convolutional, &dense]) {
            curve.push(100.0 * evaluate(network, &split.test)?.accuracy());
        }
        states.push(state(&convolutional, &pairs, first)?);
        if SHOWN.contains(&epoch) {
            println!(
                "{epoch:>5}   {:>11.1} %   {:>15.1} %",
                curves[0][epoch - 1],
                curves[1][epoch - 1]
            );
        }
    }

    let counts = [parameter_count(&convolutional), parameter_count(&dense)];
    options.save("learning-curves.svg", &learning_curves(&curves, counts)?)?;
    options.save("kernels.svg", &kernels(&convolutional)?)?;
    options.save(
        "feature-maps.svg",
        &feature_maps(&convolutional, &split.test[..3])?,
    )?;
    options.save_frames(&kernel_frames(&states, first)?)?;
    Ok(())
}

/// The convolutional network as a frame draws it: its kernels, the maps
/// they make of one test digit, and its error on the training images.
struct State {
    kernels: Array2<f64>,
    maps: Array2<f64>,
    error: f64,
}

/// The state of `network` now, with the maps it makes of `digit`.
fn state(
    network: &TrainableNetwork,
    pairs: &[(Array2<f64>, Array2<f64>)],
    digit: &Digit,
) -> Result<State, Error> {
    let mut error = 0.0;
    for (image, target) in pairs {
        error += SoftmaxCrossEntropy.loss(&network.predict(image)?, target)?;
    }
    Ok(State {
        kernels: network.layers()[0].parameters()[0].to_owned(),
        maps: maps_of(network, digit)?,
        error: error / pairs.len() as f64,
    })
}

/// The eight maps the kernels make of `digit` (after tanh, before
/// pooling), one after the other in a column of 8 × 36.
fn maps_of(network: &TrainableNetwork, digit: &Digit) -> Result<Array2<f64>, Error> {
    Ok(network.layers()[1].forward(&network.layers()[0].forward(&digit.image)?)?)
}

/// Test accuracy, epoch by epoch, of the two networks.
fn learning_curves(curves: &[Vec<f64>; 2], counts: [usize; 2]) -> Result<String, Error> {
    let points = |curve: &[f64]| -> Vec<(f64, f64)> {
        curve
            .iter()
            .enumerate()
            .map(|(epoch, &a)| ((epoch + 1) as f64, a))
            .collect()
    };
    Ok(LineChart::new(
        "Test accuracy, epoch by epoch",
        "epoch",
        "test accuracy (%)",
    )
    .series_colored(
        &format!("convolutional, {} parameters", counts[0]),
        &points(&curves[0]),
        PALETTE[2],
    )
    .series_colored(
        &format!("dense (chapter 8), {} parameters", counts[1]),
        &points(&curves[1]),
        PALETTE[1],
    )
    .to_svg()?)
}

/// The rows of an `h × w` matrix stored row after row in `values`.
fn rows(values: &[f64], width: usize) -> Vec<Vec<f64>> {
    values.chunks(width).map(<[f64]>::to_vec).collect()
}

/// The largest size of any entry, for a colour scale symmetric around 0.
fn largest(values: &Array2<f64>) -> f64 {
    values.iter().fold(0.0_f64, |a, v| a.max(v.abs()))
}

/// The eight learned kernels, 3 × 3 each, on one scale around 0.
fn kernels(network: &TrainableNetwork) -> Result<String, Error> {
    let kernels = network.layers()[0].parameters()[0].to_owned();
    kernel_grid(
        "The eight kernels the network learned",
        &kernels,
        largest(&kernels),
    )
}

/// Eight kernels, one per row of `kernels`, 3 × 3 each, on one scale from
/// `-limit` to `limit`.
fn kernel_grid(title: &str, kernels: &Array2<f64>, limit: f64) -> Result<String, Error> {
    let scale = Scale::Diverging {
        min: -limit,
        mid: 0.0,
        max: limit,
    };
    let mut grid = Grid::new(title, 8).colorbar(scale, "kernel weight");
    for (i, kernel) in kernels.rows().into_iter().enumerate() {
        let map = Heatmap::new("", rows(&kernel.to_vec(), 3))
            .raster()
            .scale(scale)
            .cell_size(16.0);
        grid = grid.tile(&format!("kernel {i}"), map);
    }
    Ok(grid.to_svg()?)
}

/// For each digit, the image and the eight maps the kernels make of it
/// (after tanh, before pooling).
fn feature_maps(network: &TrainableNetwork, digits: &[Digit]) -> Result<String, Error> {
    let maps = digits
        .iter()
        .map(|digit| Ok((digit, maps_of(network, digit)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    map_grid(&maps)
}

/// Each digit beside the eight maps its kernels make of it.
fn map_grid(digits: &[(&Digit, Array2<f64>)]) -> Result<String, Error> {
    let scale = Scale::Diverging {
        min: -1.0,
        mid: 0.0,
        max: 1.0,
    };
    let title = if digits.len() == 1 {
        "A test digit and what each kernel sees in it".to_string()
    } else {
        format!(
            "{} test digits and what each kernel sees in them",
            words(digits.len())
        )
    };
    let mut grid = Grid::new(&title, 9).colorbar(scale, "value after tanh");
    for (digit, maps) in digits {
        let image = Heatmap::new("", digit.rows())
            .raster()
            .scale(scale)
            .cell_size(6.0);
        grid = grid.tile(&format!("a {}", digit.label), image);
        for i in 0..8 {
            let map = maps.column(0).to_vec()[i * 36..(i + 1) * 36].to_vec();
            let tile = Heatmap::new("", rows(&map, 6))
                .raster()
                .scale(scale)
                .cell_size(8.0);
            grid = grid.tile(&format!("kernel {i}"), tile);
        }
    }
    Ok(grid.to_svg()?)
}

/// A small count in words, capitalised, for a title.
fn words(count: usize) -> String {
    ["One", "Two", "Three", "Four", "Five"]
        .get(count - 1)
        .map_or_else(|| count.to_string(), ToString::to_string)
}

/// The frames a reader plays on the page: the eight kernels before
/// training and after every epoch, on one scale for every frame, above
/// the maps they make of the test digit `digit`.
fn kernel_frames(states: &[State], digit: &Digit) -> Result<Frames, Error> {
    // One scale for every frame: to the 98th percentile of the weights'
    // sizes (the largest few are drawn in the colours of the ends, so that
    // the pattern of the others shows).
    let mut sizes: Vec<f64> = states
        .iter()
        .flat_map(|state| state.kernels.iter().map(|w| w.abs()))
        .collect();
    sizes.sort_by(f64::total_cmp);
    let limit = sizes[sizes.len() * 98 / 100];
    let mut frames = Frames::new("kernels", "error on the training images", 4);
    frames.key_frames(&KEY_FRAMES);
    for (epoch, state) in states.iter().enumerate() {
        let (when, step) = if epoch == 0 {
            ("before training".to_string(), "before training".to_string())
        } else {
            (format!("after epoch {epoch}"), format!("epoch {epoch}"))
        };
        let kernels = kernel_grid(&format!("The eight kernels, {when}"), &state.kernels, limit)?;
        let maps = map_grid(&[(digit, state.maps.clone())])?;
        frames.frame(&step, state.error, stack(&[kernels, maps])?);
    }
    Ok(frames)
}

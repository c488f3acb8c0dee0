//! The dense layer's constructor and forward pass, by example.
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-01 --features exercise`.

use chapter_01::ndarray::{Array2, array};
use chapter_01::testing::{OrPanic, assert_entries, assert_number};
use chapter_01::{Dense, Layer, seeded_rng};

mod new {
    use super::*;

    #[test]
    fn rejects_biases_that_do_not_match_the_rows_of_w() {
        let Err(error) = Dense::new(Array2::zeros((3, 2)), Array2::zeros((2, 1))) else {
            panic!("W (3, 2) with B (2, 1) should be refused: B needs one row per row of W");
        };
        assert_eq!(error.array, "biases B", "{error}");
        assert_eq!(error.found, (2, 1), "{error}");
        assert!(error.expected.starts_with("(3, 1)"), "{error}");
    }

    #[test]
    fn rejects_biases_given_as_a_row() {
        let Err(error) = Dense::new(Array2::zeros((3, 2)), Array2::zeros((1, 3))) else {
            panic!("W (3, 2) with B given as a row (1, 3) should be refused");
        };
        assert_eq!(error.found, (1, 3), "{error}");
    }

    #[test]
    fn rejects_a_layer_without_inputs_or_outputs() {
        assert!(
            Dense::new(Array2::zeros((0, 2)), Array2::zeros((0, 1))).is_err(),
            "W of shape (0, 2), a layer with no outputs, should be refused"
        );
        assert!(
            Dense::new(Array2::zeros((3, 0)), Array2::zeros((3, 1))).is_err(),
            "W of shape (3, 0), a layer with no inputs, should be refused"
        );
    }

    #[test]
    fn keeps_the_given_parameters() {
        let w = array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]];
        let b = array![[0.1], [-0.2], [0.3]];
        let layer = Dense::new(w.clone(), b.clone()).or_panic();
        assert_entries("W", layer.weights(), &w, 0.0);
        assert_entries("B", layer.biases(), &b, 0.0);
        assert_eq!(
            (layer.inputs(), layer.outputs()),
            (2, 3),
            "(inputs, outputs) of a layer with W of shape (3, 2)"
        );
    }
}

mod random {
    use super::*;

    #[test]
    fn has_the_requested_shapes() {
        let layer = Dense::random(4, 3, &mut seeded_rng(7));
        assert_eq!(
            layer.weights().dim(),
            (3, 4),
            "W of Dense::random(4 inputs, 3 outputs): one row per output, one column per input"
        );
        assert_eq!(
            layer.biases().dim(),
            (3, 1),
            "B of Dense::random(4 inputs, 3 outputs): one row per output, one column"
        );
    }

    #[test]
    fn is_reproducible_from_the_seed() {
        let a = Dense::random(5, 4, &mut seeded_rng(11));
        let b = Dense::random(5, 4, &mut seeded_rng(11));
        let c = Dense::random(5, 4, &mut seeded_rng(12));
        assert_entries("W drawn twice from seed 11", a.weights(), b.weights(), 0.0);
        assert_entries("B drawn twice from seed 11", a.biases(), b.biases(), 0.0);
        assert!(a != c, "seeds 11 and 12 gave the same layer");
    }

    #[test]
    fn draws_from_a_standard_normal() {
        let layer = Dense::random(100, 100, &mut seeded_rng(3));
        let n = layer.weights().len() as f64;
        let mean = layer.weights().sum() / n;
        let variance = layer.weights().mapv(|w| (w - mean).powi(2)).sum() / n;
        assert!(
            mean.abs() < 0.05,
            "the 10,000 weights have mean {mean}, expected about 0 (within 0.05)"
        );
        assert!(
            (variance - 1.0).abs() < 0.05,
            "the 10,000 weights have variance {variance}, expected about 1 (within 0.05)"
        );
    }

    #[test]
    #[should_panic(expected = "at least one input and one output")]
    fn panics_on_zero_inputs() {
        let _ = Dense::random(0, 3, &mut seeded_rng(1));
    }
}

mod forward {
    use super::*;

    #[test]
    fn computes_w_x_plus_b_by_hand() {
        // y_1 = 0.5·2 + (-1.5)·(-3) + 0.1 = 5.6
        // y_2 = 2·2 + 0.25·(-3) - 0.2 = 3.05
        // y_3 = -0.75·2 + 3·(-3) + 0.3 = -10.2
        let layer = Dense::new(
            array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]],
            array![[0.1], [-0.2], [0.3]],
        )
        .or_panic();
        let y = layer.forward(&array![[2.0], [-3.0]]).or_panic();
        assert_entries(
            "Y (one row per output, one column per sample)",
            &y,
            &array![[5.6], [3.05], [-10.2]],
            1e-12,
        );
    }

    #[test]
    fn one_input_one_output_is_the_line_y_equals_m_x_plus_b() {
        let (m, b) = (1.75, -0.4);
        let layer = Dense::new(array![[m]], array![[b]]).or_panic();
        for x in [-2.0, 0.3, 5.0] {
            let y = layer.forward(&array![[x]]).or_panic();
            assert_eq!(
                y.dim(),
                (1, 1),
                "Y for one input, one output and one sample"
            );
            assert_number(&format!("y at x = {x}"), y[[0, 0]], m * x + b, 1e-12);
        }
    }

    #[test]
    fn rejects_an_input_with_the_wrong_number_of_rows() {
        let layer = Dense::random(2, 3, &mut seeded_rng(1));
        let Err(error) = layer.forward(&Array2::zeros((3, 1))) else {
            panic!("a layer with 2 inputs should refuse an input X with 3 rows");
        };
        assert_eq!(
            error.to_string(),
            "dense layer (2 inputs → 3 outputs), forward: input X should have shape \
             (2, m): one row per input of the layer, one column per sample (m ≥ 1), \
             but has shape (3, 1)"
        );
    }

    #[test]
    fn rejects_an_input_given_as_a_row() {
        let layer = Dense::random(3, 2, &mut seeded_rng(1));
        let Err(error) = layer.forward(&Array2::zeros((1, 3))) else {
            panic!("a layer with 3 inputs should refuse an input given as a row (1, 3)");
        };
        assert_eq!(error.found, (1, 3), "{error}");
    }

    #[test]
    fn rejects_an_input_with_no_samples() {
        let layer = Dense::random(3, 2, &mut seeded_rng(1));
        assert!(
            layer.forward(&Array2::zeros((3, 0))).is_err(),
            "an input X of shape (3, 0), with no samples, should be refused"
        );
    }
}

//! The dense layer's constructor and forward pass, by example.
//!
//! These tests run against the reference code, and against your exercise
//! with `cargo test -p chapter-01 --features exercise`.

use approx::assert_abs_diff_eq;
use chapter_01::ndarray::{Array2, array};
use chapter_01::{Dense, Layer, seeded_rng};

mod new {
    use super::*;

    #[test]
    fn rejects_biases_that_do_not_match_the_rows_of_w() {
        let error = Dense::new(Array2::zeros((3, 2)), Array2::zeros((2, 1))).unwrap_err();
        assert_eq!(error.array, "biases B");
        assert_eq!(error.found, (2, 1));
        assert!(error.expected.starts_with("(3, 1)"), "{error}");
    }

    #[test]
    fn rejects_biases_given_as_a_row() {
        let error = Dense::new(Array2::zeros((3, 2)), Array2::zeros((1, 3))).unwrap_err();
        assert_eq!(error.found, (1, 3));
    }

    #[test]
    fn rejects_a_layer_without_inputs_or_outputs() {
        assert!(Dense::new(Array2::zeros((0, 2)), Array2::zeros((0, 1))).is_err());
        assert!(Dense::new(Array2::zeros((3, 0)), Array2::zeros((3, 1))).is_err());
    }

    #[test]
    fn keeps_the_given_parameters() {
        let w = array![[0.5, -1.5], [2.0, 0.25], [-0.75, 3.0]];
        let b = array![[0.1], [-0.2], [0.3]];
        let layer = Dense::new(w.clone(), b.clone()).unwrap();
        assert_eq!(layer.weights(), &w);
        assert_eq!(layer.biases(), &b);
        assert_eq!((layer.inputs(), layer.outputs()), (2, 3));
    }
}

mod random {
    use super::*;

    #[test]
    fn has_the_requested_shapes() {
        let layer = Dense::random(4, 3, &mut seeded_rng(7));
        assert_eq!(layer.weights().dim(), (3, 4));
        assert_eq!(layer.biases().dim(), (3, 1));
    }

    #[test]
    fn is_reproducible_from_the_seed() {
        let a = Dense::random(5, 4, &mut seeded_rng(11));
        let b = Dense::random(5, 4, &mut seeded_rng(11));
        let c = Dense::random(5, 4, &mut seeded_rng(12));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn draws_from_a_standard_normal() {
        let layer = Dense::random(100, 100, &mut seeded_rng(3));
        let n = layer.weights().len() as f64;
        let mean = layer.weights().sum() / n;
        let variance = layer.weights().mapv(|w| (w - mean).powi(2)).sum() / n;
        assert!(mean.abs() < 0.05, "mean {mean}");
        assert!((variance - 1.0).abs() < 0.05, "variance {variance}");
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
        .unwrap();
        let y = layer.forward(&array![[2.0], [-3.0]]).unwrap();
        assert_abs_diff_eq!(y, array![[5.6], [3.05], [-10.2]], epsilon = 1e-12);
    }

    #[test]
    fn one_input_one_output_is_the_line_y_equals_m_x_plus_b() {
        let (m, b) = (1.75, -0.4);
        let layer = Dense::new(array![[m]], array![[b]]).unwrap();
        for x in [-2.0, 0.3, 5.0] {
            let y = layer.forward(&array![[x]]).unwrap();
            assert_abs_diff_eq!(y[[0, 0]], m * x + b, epsilon = 1e-12);
        }
    }

    #[test]
    fn rejects_an_input_with_the_wrong_number_of_rows() {
        let layer = Dense::random(2, 3, &mut seeded_rng(1));
        let error = layer.forward(&Array2::zeros((3, 1))).unwrap_err();
        assert_eq!(
            error.to_string(),
            "dense layer (2 inputs → 3 outputs), forward: input X should have shape \
             (2, n): one row per input of the layer, one column per sample (n ≥ 1), \
             but has shape (3, 1)"
        );
    }

    #[test]
    fn rejects_an_input_given_as_a_row() {
        let layer = Dense::random(3, 2, &mut seeded_rng(1));
        let error = layer.forward(&Array2::zeros((1, 3))).unwrap_err();
        assert_eq!(error.found, (1, 3));
    }

    #[test]
    fn rejects_an_input_with_no_samples() {
        let layer = Dense::random(3, 2, &mut seeded_rng(1));
        assert!(layer.forward(&Array2::zeros((3, 0))).is_err());
    }
}

//! Properties of the pieces this chapter adds: the split, one-hot targets,
//! accuracy, the confusion matrix and the scaled initialisation.

use chapter_06::ndarray::Array2;
use chapter_06::testing::proptest_config;
use chapter_06::{
    ConfusionMatrix, accuracy, one_hot, predicted_class, scaled_dense, seeded_rng, train_test_split,
};
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_config())]

    /// Every item lands in exactly one of the two sets, and the test set
    /// has `round(fraction · n)` items.
    #[test]
    fn the_split_is_a_partition(n in 2..400_usize, fraction in 0.05..0.95_f64, seed: u64) {
        let test_count = (fraction * n as f64).round() as usize;
        prop_assume!(test_count > 0 && test_count < n);
        let items: Vec<usize> = (0..n).collect();
        let split = train_test_split(&items, fraction, seed);
        prop_assert_eq!(split.test.len(), test_count);
        let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
        all.sort_unstable();
        prop_assert_eq!(all, items, "every item exactly once");
    }

    /// The same seed gives the same split; the split depends on the seed.
    #[test]
    fn the_split_is_deterministic(n in 20..400_usize, seed: u64) {
        let items: Vec<usize> = (0..n).collect();
        let split = train_test_split(&items, 0.2, seed);
        prop_assert_eq!(&split, &train_test_split(&items, 0.2, seed));
        prop_assert_ne!(&split, &train_test_split(&items, 0.2, seed.wrapping_add(1)));
    }

    /// One-hot and argmax undo each other.
    #[test]
    fn the_predicted_class_of_a_one_hot_column_is_its_class(
        (classes, class) in (1..20_usize).prop_flat_map(|k| (Just(k), 0..k))
    ) {
        let column = one_hot(class, classes);
        prop_assert_eq!(column.dim(), (classes, 1));
        prop_assert_eq!(column.sum(), 1.0);
        prop_assert_eq!(predicted_class(&column).unwrap(), class);
    }

    /// The predicted class holds the largest output.
    #[test]
    fn the_predicted_class_holds_the_largest_output(values in prop::collection::vec(-3.0..3.0_f64, 1..15)) {
        let output = Array2::from_shape_vec((values.len(), 1), values.clone()).unwrap();
        let class = predicted_class(&output).unwrap();
        prop_assert!(values.iter().all(|&v| v <= values[class]));
    }

    /// The confusion matrix counts every prediction once, row `a` holds
    /// every image of class `a`, and its accuracy is `accuracy`.
    #[test]
    fn the_confusion_matrix_agrees_with_accuracy(
        pairs in prop::collection::vec((0..10_usize, 0..10_usize), 1..200)
    ) {
        let (actual, predicted): (Vec<usize>, Vec<usize>) = pairs.iter().copied().unzip();
        let mut matrix = ConfusionMatrix::new(10);
        for &(a, p) in &pairs {
            matrix.add(a, p);
        }
        prop_assert_eq!(matrix.total(), pairs.len());
        for class in 0..10 {
            let row: usize = (0..10).map(|p| matrix.count(class, p)).sum();
            prop_assert_eq!(row, actual.iter().filter(|&&a| a == class).count());
        }
        prop_assert!((matrix.accuracy() - accuracy(&actual, &predicted)).abs() < 1e-15);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..proptest_config() })]

    /// Scaled weights have mean 0 and variance `1/inputs`, whatever the
    /// number of inputs (at least 4,096 weights per layer, so the sample
    /// variance is within a few percent of the true one).
    #[test]
    fn scaled_weights_have_variance_one_over_fan_in(
        inputs in 16..=256_usize,
        outputs in 256..=320_usize,
        seed: u64,
    ) {
        let layer = scaled_dense(inputs, outputs, &mut seeded_rng(seed));
        let w = layer.weights();
        let n = w.len() as f64;
        let mean = w.sum() / n;
        let variance = w.mapv(|v| (v - mean).powi(2)).sum() / n;
        let expected = 1.0 / inputs as f64;
        // The sample variance's standard error is about √(2/n) ≤ 2.2 % of it.
        prop_assert!((variance / expected - 1.0).abs() < 0.12,
            "{inputs} inputs: the weights' variance is {variance}, expected {expected} (1/inputs, within 12 %)");
        prop_assert!(mean.abs() < 4.0 * (expected / n).sqrt(),
            "{inputs} inputs: the weights' mean is {mean}, expected about 0 (within {})", 4.0 * (expected / n).sqrt());
        // The biases are scaled the same way.
        for (row, &bias) in layer.biases().iter().enumerate() {
            prop_assert!(bias.abs() < 6.0 * expected.sqrt(),
                "{inputs} inputs: bias {row} is {bias}, too large for a standard deviation of {} (1/√inputs)",
                expected.sqrt());
        }
    }
}

//! The softmax layer's backward pass: `J dE/dY` for every column, without
//! building `J`.

use chapter_08::ndarray::{Array2, array};
use chapter_08::testing::{OrPanic, assert_entries, compare_entries, proptest_config};
use chapter_08::{Backward, Parameters, Softmax, compare_gradients, numerical_gradient};
use proptest::prelude::*;

use crate::strategies::{logits, shape};

/// `dE/dX` column by column as `J g`, with the Jacobian built.
fn with_the_jacobian(x: &Array2<f64>, g: &Array2<f64>) -> Array2<f64> {
    let y = Softmax::probabilities(x).or_panic();
    let mut result = Array2::zeros(x.dim());
    for k in 0..x.ncols() {
        let column = Softmax::jacobian(&y.column(k)).dot(&g.column(k));
        result.column_mut(k).assign(&column);
    }
    result
}

#[test]
fn by_hand_for_one_sample() {
    let x = array![[0.3], [1.2], [-0.4]];
    let g = array![[0.5], [-1.5], [2.0]];
    let y = Softmax::probabilities(&x).or_panic();
    // y ⊙ (g - yᵀg), written out.
    let weighted = y[[0, 0]] * 0.5 + y[[1, 0]] * -1.5 + y[[2, 0]] * 2.0;
    let expected = array![
        [y[[0, 0]] * (0.5 - weighted)],
        [y[[1, 0]] * (-1.5 - weighted)],
        [y[[2, 0]] * (2.0 - weighted)]
    ];
    let gradients = Softmax.backward(&x, &g).or_panic();
    assert_entries(
        "dE/dX (one row per class, one column per sample)",
        &gradients.input,
        &expected,
        1e-12,
    );
    assert!(
        gradients.parameters.is_empty(),
        "softmax has no parameters, so no parameter gradients"
    );
    assert!(Softmax.parameters().is_empty() && Softmax.clone().parameters_mut().is_empty());
}

#[test]
fn backward_rejects_a_transposed_output_gradient() {
    let x = array![[0.3, 0.1, 0.2], [1.2, -0.7, 0.4]];
    let error = Softmax.backward(&x, &x.t().to_owned()).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("softmax layer, backward: output gradient dE/dY should have shape (2, 3)"),
        "{error}"
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    /// The cheap form `y ⊙ (g - yᵀ g)` is `J g` for every sample.
    #[test]
    fn backward_is_the_jacobian_times_the_output_gradient(
        (x, g) in shape().prop_flat_map(|(r, c)| (logits(r, c), logits(r, c)))
    ) {
        let computed = Softmax.backward(&x, &g).or_panic().input;
        compare_entries("dE/dX", &computed, &with_the_jacobian(&x, &g), 1e-12)
            .map_err(TestCaseError::fail)?;
    }

    /// With `E = Σ G ⊙ softmax(X)`, whose `dE/dY` is `G`, the backward
    /// pass is the gradient of `E` with respect to `X`.
    #[test]
    fn input_gradient_matches_finite_differences(
        (x, g) in shape().prop_flat_map(|(r, c)| (logits(r, c), logits(r, c)))
    ) {
        let computed = Softmax.backward(&x, &g).or_panic().input;
        let numerical = numerical_gradient(&x, 1e-6, |x| (Softmax::probabilities(x).or_panic() * &g).sum());
        compare_gradients("dE/dX (one row per class, one column per sample)", &computed, &numerical, 1e-6)
            .map_err(TestCaseError::fail)?;
    }
}

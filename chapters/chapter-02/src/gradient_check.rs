//! Seeing that a gradient is right: central finite differences.
//!
//! The derivative of `E` with respect to one number `a` is how much `E`
//! moves when `a` moves a tiny bit. So nudge `a` up by `h`, then down by
//! `h`, and divide the difference in `E` by `2h`. It is slow (two
//! evaluations of `E` per number) but needs no calculus, which makes it the
//! perfect referee for the formulas the calculus gives us.

use chapter_01::ndarray::Array2;

// ANCHOR: numerical_gradient
/// The gradient of `error` with respect to every entry of `at`, by central
/// finite differences: `dE/da ≈ (E(a + h) - E(a - h)) / 2h`.
pub fn numerical_gradient(
    at: &Array2<f64>,
    h: f64,
    mut error: impl FnMut(&Array2<f64>) -> f64,
) -> Array2<f64> {
    let mut nudged = at.clone();
    let mut gradient = Array2::zeros(at.dim());
    for (index, slot) in gradient.indexed_iter_mut() {
        let original = nudged[index];
        nudged[index] = original + h;
        let up = error(&nudged);
        nudged[index] = original - h;
        let down = error(&nudged);
        nudged[index] = original;
        *slot = (up - down) / (2.0 * h);
    }
    gradient
}
// ANCHOR_END: numerical_gradient

// ANCHOR: compare
/// Compare an analytic gradient with a numerical one, entry by entry.
///
/// On a mismatch, the message names the gradient, the first wrong entry
/// (row, column), the computed value and the finite-difference value; a
/// shape mismatch names both shapes. Entries agree when they differ by less
/// than `tolerance · (1 + |numerical|)`.
pub fn compare_gradients(
    name: &str,
    computed: &Array2<f64>,
    numerical: &Array2<f64>,
    tolerance: f64,
) -> Result<(), String> {
    if computed.dim() != numerical.dim() {
        return Err(format!(
            "{name} has shape {:?}, but the quantity it is the gradient of has shape {:?}",
            computed.dim(),
            numerical.dim()
        ));
    }
    for ((row, column), &value) in computed.indexed_iter() {
        let expected = numerical[[row, column]];
        // Written so that a NaN never agrees: any comparison with NaN is false.
        let agrees = (value - expected).abs() <= tolerance * (1.0 + expected.abs());
        if !agrees {
            return Err(format!(
                "{name} entry ({row}, {column}) is {value:.6}, but finite differences give {expected:.6}"
            ));
        }
    }
    Ok(())
}
// ANCHOR_END: compare

#[cfg(test)]
mod tests {
    use super::*;
    use chapter_01::ndarray::array;

    #[test]
    fn numerical_gradient_of_a_known_function() {
        // E = a² + 3ab, so dE/da = 2a + 3b and dE/db = 3a.
        let at = array![[1.5, -0.5]];
        let gradient = numerical_gradient(&at, 1e-5, |v| {
            v[[0, 0]].powi(2) + 3.0 * v[[0, 0]] * v[[0, 1]]
        });
        assert!((gradient[[0, 0]] - (2.0 * 1.5 + 3.0 * -0.5)).abs() < 1e-8);
        assert!((gradient[[0, 1]] - 3.0 * 1.5).abs() < 1e-8);
    }

    #[test]
    fn compare_names_the_first_wrong_entry() {
        let message = compare_gradients(
            "dE/dW",
            &array![[1.0, 2.0], [3.0, 4.5]],
            &array![[1.0, 2.0], [3.0, 4.0]],
            1e-6,
        )
        .unwrap_err();
        assert_eq!(
            message,
            "dE/dW entry (1, 1) is 4.500000, but finite differences give 4.000000"
        );
    }

    #[test]
    fn compare_names_both_shapes() {
        let message = compare_gradients("dE/dX", &array![[1.0, 2.0]], &array![[1.0], [2.0]], 1e-6)
            .unwrap_err();
        assert!(
            message.contains("(1, 2)") && message.contains("(2, 1)"),
            "{message}"
        );
    }

    #[test]
    fn compare_allows_a_difference_relative_to_a_large_gradient() {
        // At 800, the tolerance 1e-6 · (1 + 800) is about 0.0008: 0.0004 off
        // agrees, 0.0012 off does not.
        let numerical = array![[-2.5, 800.0]];
        assert_eq!(
            compare_gradients("g", &array![[-2.5, 800.0004]], &numerical, 1e-6),
            Ok(())
        );
        assert_eq!(
            compare_gradients("g", &array![[-2.5, 800.0012]], &numerical, 1e-6),
            Err("g entry (0, 1) is 800.001200, but finite differences give 800.000000".into())
        );
    }

    #[test]
    fn compare_allows_an_absolute_difference_near_a_vanishing_gradient() {
        // Near 0 the tolerance is about 1e-6 itself, not 1e-6 · |numerical|:
        // finite differences are never exactly 0 where the gradient is.
        let numerical = array![[3e-9], [1.75]];
        assert_eq!(
            compare_gradients("g", &array![[6e-7], [1.75]], &numerical, 1e-6),
            Ok(())
        );
        assert!(compare_gradients("g", &array![[1.5e-6], [1.75]], &numerical, 1e-6).is_err());
    }

    #[test]
    fn compare_rejects_nan() {
        assert!(compare_gradients("g", &array![[f64::NAN]], &array![[1.0]], 1e-6).is_err());
    }
}

//! Where the dots of a strip chart go: sideways from the middle of their
//! column until none covers another. And the median each column marks.

/// The median of `values` (not empty): the middle one, or the mean of the
/// two middle ones.
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        f64::midpoint(sorted[middle - 1], sorted[middle])
    }
}

/// Sideways offsets, in px, for dots of `radius` at the heights `ys` (in
/// px) such that no dot covers another. From the top down, each dot goes
/// to the first free place of 0, +1, -1, +2, -2, ... dot widths from the
/// middle of its column.
pub(crate) fn swarm(ys: &[f64], radius: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|&a, &b| ys[a].total_cmp(&ys[b]).then(a.cmp(&b)));
    // Dots and their white outlines just touch at worst.
    let step = 2.0 * radius + 1.0;
    let mut offsets = vec![0.0; ys.len()];
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for index in order {
        let y = ys[index];
        let free = |x: f64| (placed.iter()).all(|&(px, py)| (px - x).hypot(py - y) >= step - 1e-9);
        // Each placed dot covers at most one of the places (they are a dot
        // width apart), so one of the first `placed.len() + 1` is free.
        let x = (0..=placed.len())
            .map(|k| {
                let distance = k.div_ceil(2) as f64 * step;
                if k % 2 == 1 { distance } else { -distance }
            })
            .find(|&x| free(x))
            .unwrap_or(0.0);
        offsets[index] = x;
        placed.push((x, y));
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_spread_out_to_both_sides_in_turn() {
        let step = 2.0 * 5.0 + 1.0;
        let offsets = swarm(&[10.0; 5], 5.0);
        assert_eq!(offsets, [0.0, step, -step, 2.0 * step, -2.0 * step]);
    }

    #[test]
    fn dots_far_apart_stay_in_the_middle_and_close_ones_never_overlap() {
        assert_eq!(swarm(&[0.0, 50.0, 100.0], 5.0), [0.0; 3]);
        let ys = [0.0, 3.0, 6.0, 9.0, 4.0, 30.0, 31.0];
        let offsets = swarm(&ys, 5.0);
        for a in 0..ys.len() {
            for b in a + 1..ys.len() {
                let distance = (offsets[a] - offsets[b]).hypot(ys[a] - ys[b]);
                assert!(distance >= 11.0 - 1e-9, "dots {a} and {b}: {offsets:?}");
            }
        }
        // The same input gives the same places, whatever its order.
        let mut reversed = ys;
        reversed.reverse();
        let mut again = swarm(&reversed, 5.0);
        again.reverse();
        assert_eq!(again, offsets);
    }

    #[test]
    fn the_median_is_the_middle_value_or_the_mean_of_the_two() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[7.0]), 7.0);
    }
}

//! The key over a chart (or a grid of them): a coloured square and a
//! name for each colour that means something, in one row.

use crate::svg::{Font, Paint, Svg};

/// Font of the key that names the highlight colours.
const KEY_FONT: Font = Font::sans(12.0);
/// Height of the key's row.
pub(crate) const KEY_ROW: f64 = 18.0;
/// Side of the coloured square in front of each key entry.
const SWATCH: f64 = 11.0;
/// Space between two key entries.
const KEY_GAP: f64 = 18.0;

/// A key entry: a colour, and what it marks.
pub(crate) type Entry = (&'static str, String);

/// How wide the key with these entries is, in px.
pub(crate) fn key_width(entries: &[Entry]) -> f64 {
    let widths = entries
        .iter()
        .map(|(_, name)| SWATCH + 6.0 + KEY_FONT.width(name));
    widths.sum::<f64>() + KEY_GAP * entries.len().saturating_sub(1) as f64
}

/// The key: a coloured square and a name per entry, in one row centred
/// on `center_x`, `KEY_ROW` px tall from `top`.
pub(crate) fn draw_key(svg: &mut Svg, entries: &[Entry], center_x: f64, top: f64) {
    let middle = top + KEY_ROW / 2.0;
    let mut x = center_x - key_width(entries) / 2.0;
    for (color, name) in entries {
        svg.rect(x, middle - SWATCH / 2.0, SWATCH, SWATCH, Paint::fill(color));
        let text_x = x + SWATCH + 6.0;
        svg.text(text_x, KEY_FONT.centered_baseline(middle), name, &KEY_FONT);
        x = text_x + KEY_FONT.width(name) + KEY_GAP;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_well_formed, attribute, count};

    #[test]
    fn the_entries_stand_in_one_row_centred_and_as_wide_as_measured() {
        let entries = vec![
            ("#2ca02c", "true class".to_string()),
            ("#d62728", "wrong".to_string()),
        ];
        let mut svg = Svg::new(400.0, 40.0);
        draw_key(&mut svg, &entries, 200.0, 10.0);
        let out = svg.finish();
        assert_well_formed(&out);
        assert_eq!(count(&out, "<rect"), 1 + 2);
        assert!(out.contains(">true class</text>") && out.contains(">wrong</text>"));
        let first = out.split("<rect").nth(2).unwrap();
        assert!((attribute(first, "x") - (200.0 - key_width(&entries) / 2.0)).abs() < 0.01);
        assert_eq!(key_width(&[]), 0.0);
    }
}

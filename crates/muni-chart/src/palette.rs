//! A colour-blind-safe palette (Okabe & Ito, 2008) and the greys for reference lines.

use plotters::style::RGBColor;

/// Distinguishable under the common colour-vision deficiencies; yellow is left out because it
/// lacks contrast on white.
/// Black is not among them: it is Riket's (dotted). As many as `muni_view::spec::COLOUR_SLOTS`.
pub const SERIES: [RGBColor; muni_view::spec::COLOUR_SLOTS] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
];

/// Reference lines (network median, Riket) and de-emphasised bars.
pub const REFERENCE: RGBColor = RGBColor(90, 90, 90);
pub const MUTED: RGBColor = RGBColor(190, 190, 190);
/// The context lines behind the selection (a group's other members): faint.
pub const CONTEXT: RGBColor = RGBColor(205, 205, 205);
pub const TEXT: RGBColor = RGBColor(25, 25, 25);
pub const SUBTLE_TEXT: RGBColor = RGBColor(80, 80, 80);

/// The colour of the `i`-th selected series, cycling.
pub fn series_color(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance contrast against white.
    fn contrast_on_white(c: RGBColor) -> f64 {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
        1.05 / (l + 0.05)
    }

    #[test]
    fn lines_have_graphical_contrast_on_white() {
        // WCAG 1.4.11: non-text elements need 3:1; sky blue and orange are the weakest and
        // come last.
        for c in &SERIES[..4] {
            assert!(
                contrast_on_white(*c) >= 3.0,
                "{c:?}: {:.2}",
                contrast_on_white(*c)
            );
        }
        assert!(contrast_on_white(TEXT) >= 7.0);
        assert!(contrast_on_white(SUBTLE_TEXT) >= 4.5);
    }
}

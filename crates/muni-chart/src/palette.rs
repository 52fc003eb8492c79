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

/// The dark theme's colour for each colour the charts draw in (background, text, greys and
/// the map's no-value fills); the series colours and the map's classes stay as they are, so a
/// municipality keeps its colour and the map its scale.
const DARK: [(&str, &str); 12] = [
    ("FFFFFF", "121212"), // background, the map's borders
    ("191919", "F0F0F0"), // TEXT, Riket
    ("505050", "C8C8C8"), // SUBTLE_TEXT
    ("5A5A5A", "B4B4B4"), // REFERENCE
    ("BEBEBE", "6A6A6A"), // MUTED bars
    ("CDCDCD", "4A4A4A"), // CONTEXT lines
    ("F0F0F0", "242424"), // light grid
    ("DCDCDC", "363636"), // bold grid
    ("787878", "9A9A9A"), // axes
    ("AAAAAA", "808080"), // the map's confidential
    ("E8E8E8", "3A3A3A"), // the map's no value
    ("EBEBEB", "2A2A2A"), // the map's light grid
];

/// The SVG with its colours swapped for the dark theme, in one pass over each `#RRGGBB` (so
/// that no colour is swapped twice). Only colour codes change: the markup and the text stay.
pub fn for_dark(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let code = rest.get(..6).unwrap_or("");
        if let Some((_, dark)) = DARK
            .iter()
            .find(|(light, _)| light.eq_ignore_ascii_case(code))
        {
            out.push_str(dark);
            rest = &rest[6..];
        }
    }
    out.push_str(rest);
    out
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

    #[test]
    fn the_dark_theme_swaps_the_greys_once_and_keeps_the_series_colours() {
        let svg = r##"<rect fill="#FFFFFF"/><text fill="#191919">Riket #1</text><line stroke="#F0F0F0"/><path stroke="#0072B2"/>"##;
        let dark = for_dark(svg);
        assert_eq!(
            dark,
            r##"<rect fill="#121212"/><text fill="#F0F0F0">Riket #1</text><line stroke="#242424"/><path stroke="#0072B2"/>"##
        );
        // Text becomes #F0F0F0, the light grid's colour, and stays text: one pass.
        assert!(!dark.contains("#191919") && dark.matches("#F0F0F0").count() == 1);
        // Every colour the charts draw in has a dark counterpart with contrast on the dark
        // background where it is text.
        for c in [TEXT, SUBTLE_TEXT, REFERENCE, MUTED, CONTEXT] {
            let hex = format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2);
            assert!(
                DARK.iter().any(|(l, _)| *l == hex),
                "{hex} has no dark colour"
            );
        }
    }

    #[test]
    fn the_chips_css_colours_are_the_palettes() {
        let css = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/style.css"),
        )
        .unwrap();
        for (k, c) in SERIES.iter().enumerate() {
            let rule = format!(
                ".chip.c{k} {{ border-left: 6px solid #{:02X}{:02X}{:02X}; }}",
                c.0, c.1, c.2
            );
            assert!(css.contains(&rule), "{rule} not in public/style.css");
        }
    }
}

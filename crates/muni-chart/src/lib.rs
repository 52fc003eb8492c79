//! Charts drawn with plotters, generic over the drawing backend: the browser renders them to an
//! SVG string (or a canvas), the command line to SVG or PNG files. No I/O, no DOM.
//!
//! It draws only: a chart is described by a spec (`LineChart`, `RankingChart`, `MapChart`) that
//! `muni-view` builds from the published model and the URL state, drawn by `draw_*` onto any
//! `DrawingArea`.

mod bar;
mod line;
#[cfg(feature = "map")]
pub mod map;
pub mod palette;
#[cfg(not(target_arch = "wasm32"))]
pub mod png;

pub use bar::{draw_ranking_chart, ranking_chart_svg};
pub use line::{
    LineLayout, draw_line_chart, line_chart_svg, line_chart_svg_with_layout, member_at,
    members_by_value,
};
pub use muni_view::spec::{Bar, LineChart, LineSeries, RankingChart, SeriesRole};
use muni_view::view::ViewChart;

/// A view's chart as SVG of `w` × `h` pixels.
pub fn view_svg(chart: &ViewChart, w: u32, h: u32) -> Result<String, ChartError> {
    match chart {
        ViewChart::Line(c) => line_chart_svg(c, w, h),
        ViewChart::Ranking(c) => ranking_chart_svg(c, w, h),
        #[cfg(feature = "map")]
        ViewChart::Map(c) => map::map_chart_svg(c, w, h),
        // The first-view module draws no maps (the lazy module does).
        #[cfg(not(feature = "map"))]
        ViewChart::Map(_) => Err(ChartError::Draw("this build draws no maps".into())),
    }
}

/// Drawing failed (the backend's error, as text: backends have different error types).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("the chart has no values to draw")]
    Empty,
}

pub(crate) fn draw_err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Draw(format!("{e:?}"))
}

/// Splits `text` into lines of at most `max_px` at font size `size`, at spaces, at most
/// `max_lines` (the last one ends in `…` if the text is longer). Widths are estimated (0.55 em
/// a character, 0.6 bold) so that the SVG and PNG backends agree without measuring.
pub(crate) fn wrap(
    text: &str,
    max_px: f64,
    size: f64,
    bold: bool,
    max_lines: usize,
) -> Vec<String> {
    let per_char = size * if bold { 0.6 } else { 0.55 };
    let max_chars = ((max_px / per_char) as usize).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max_chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = &mut lines[max_lines - 1];
        let keep: String = last.chars().take(max_chars.saturating_sub(1)).collect();
        *last = format!("{}…", keep.trim_end());
    }
    // A single word longer than the line: cut it.
    for l in &mut lines {
        if l.chars().count() > max_chars {
            *l = format!("{}…", l.chars().take(max_chars - 1).collect::<String>());
        }
    }
    lines
}

/// The frame's text, wrapped to the width, and the heights of its top and bottom bands.
struct Bands {
    title: Vec<String>,
    subtitle: Vec<String>,
    caption: Vec<String>,
    source: Vec<String>,
    header: u32,
    footer: u32,
}

fn bands(s: &Scale, w: u32, title: &str, subtitle: &str, caption: &str, source: &str) -> Bands {
    let m = s.margin;
    let width = f64::from(w) - 2.0 * f64::from(m);
    // An empty text takes no line (a ranking beside a map has no title or source of its own).
    let lines = |text: &str, size: f64, cut: bool, max: usize| {
        if text.is_empty() {
            Vec::new()
        } else {
            wrap(text, width, size, cut, max)
        }
    };
    let title = lines(title, s.title, true, 2);
    let subtitle = lines(subtitle, s.subtitle, false, 3);
    let source = lines(source, s.source, false, 3);
    let caption = lines(caption, s.label, false, 4);
    let lh = |size: f64| size * 1.2;
    let header = (title.len() as f64 * lh(s.title)
        + subtitle.len() as f64 * lh(s.subtitle)
        + 2.0 * f64::from(m)) as u32;
    let footer = (caption.len() as f64 * lh(s.label)
        + source.len() as f64 * lh(s.source)
        + 1.5 * f64::from(m)) as u32;
    Bands {
        title,
        subtitle,
        caption,
        source,
        header,
        footer,
    }
}

/// The heights of the frame's top and bottom bands at width `w` (for layouts that must agree
/// with the drawing, e.g. the map's hit testing).
#[cfg(feature = "map")]
pub(crate) fn frame_bands(
    s: &Scale,
    w: u32,
    title: &str,
    subtitle: &str,
    caption: &str,
    source: &str,
) -> (u32, u32) {
    let b = bands(s, w, title, subtitle, caption, source);
    (b.header, b.footer)
}

/// Draws the frame every chart shares (title and subtitle on top, an optional caption and the
/// source line at the bottom, each wrapped to the width) and returns the area left for the plot.
pub(crate) fn frame<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    s: &Scale,
    title: &str,
    subtitle: &str,
    caption: &str,
    source: &str,
) -> Result<plotters::prelude::DrawingArea<DB, plotters::coord::Shift>, ChartError> {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    #[cfg(not(target_arch = "wasm32"))]
    png::register_fonts();
    let (w, h) = area.dim_in_pixel();
    let m = s.margin;
    let Bands {
        title,
        subtitle,
        caption,
        source,
        header,
        footer,
    } = bands(s, w, title, subtitle, caption, source);
    let lh = |size: f64| size * 1.2;
    let (top, rest) = area.split_vertically(header);
    let (plot, bottom) = rest.split_vertically(h.saturating_sub(header + footer));
    let font = |size: f64| ("sans-serif", size).into_font();
    let top_left = Pos::new(HPos::Left, VPos::Top);
    let mut y = f64::from(m);
    for line in title {
        top.draw(&Text::new(
            line,
            (m, y as i32),
            font(s.title)
                .style(FontStyle::Bold)
                .color(&palette::TEXT)
                .pos(top_left),
        ))
        .map_err(draw_err)?;
        y += lh(s.title);
    }
    for line in subtitle {
        top.draw(&Text::new(
            line,
            (m, y as i32),
            font(s.subtitle).color(&palette::SUBTLE_TEXT).pos(top_left),
        ))
        .map_err(draw_err)?;
        y += lh(s.subtitle);
    }
    // The caption (the view's summary) in the text colour, then the source line.
    let mut y = f64::from(m) * 0.75;
    for (lines, size, color) in [
        (caption, s.label, palette::TEXT),
        (source, s.source, palette::SUBTLE_TEXT),
    ] {
        for line in lines {
            bottom
                .draw(&Text::new(
                    line,
                    (m, y as i32),
                    font(size).color(&color).pos(top_left),
                ))
                .map_err(draw_err)?;
            y += lh(size);
        }
    }
    Ok(plot)
}

/// A straight dashed line from `from` to `to` in pixels, `on` drawn and `off` left out in
/// turn (a dotted line: `on` as small as the stroke). Drawn as plain paths on the whole area,
/// the one element type every chart's pixel drawing shares (each new plotters element type
/// costs the browser's download kilobytes).
pub(crate) fn dashed<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    from: (i32, i32),
    to: (i32, i32),
    (on, off): (u32, u32),
    style: plotters::style::ShapeStyle,
) -> Result<(), ChartError> {
    use plotters::prelude::PathElement;
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = dx.hypot(dy);
    if len < 1.0 {
        return Ok(());
    }
    let at = |d: f64| {
        let t = d.min(len) / len;
        (
            from.0 + (t * dx).round() as i32,
            from.1 + (t * dy).round() as i32,
        )
    };
    let (on, step) = (f64::from(on.max(1)), f64::from(on.max(1) + off));
    let mut d = 0.0;
    while d < len {
        area.draw(&PathElement::new(vec![at(d), at(d + on)], style))
            .map_err(draw_err)?;
        d += step;
    }
    Ok(())
}

/// Text sizes and margins scaled to the chart's height, so that a 1920×1080 slide and a
/// 640×360 embed look alike.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub title: f64,
    pub subtitle: f64,
    pub label: f64,
    pub source: f64,
    pub margin: i32,
}

impl Scale {
    /// For a chart of `w` × `h`: a tall chart (a ranking or a map on a phone) is scaled as if
    /// it were no taller than 5:4, so that its title still fits its width.
    pub fn for_size(w: u32, h: u32) -> Self {
        Self::for_height(h.min(w.saturating_mul(5) / 4))
    }

    pub fn for_height(h: u32) -> Self {
        let h = f64::from(h.max(200));
        Scale {
            title: (h * 0.045).max(14.0),
            subtitle: (h * 0.030).max(11.0),
            label: (h * 0.026).max(10.0),
            source: (h * 0.022).max(9.0),
            margin: (h * 0.02).max(6.0) as i32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_text_wraps_at_spaces_and_is_cut_with_an_ellipsis() {
        let t = "Industrins energianvändning per invånare i nätverkets kommuner";
        assert_eq!(wrap(t, 2000.0, 20.0, true, 2), [t]);
        let lines = wrap(t, 300.0, 20.0, true, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "Industrins");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        let lines = wrap(t, 300.0, 20.0, false, 5);
        assert_eq!(lines.join(" "), t, "nothing lost when the lines suffice");
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() as f64 * 11.0 <= 300.0),
            "{lines:?}"
        );
        assert_eq!(wrap("", 100.0, 10.0, false, 2), [""]);
        let long = wrap(
            "Kärnkraftskommunernasamrådsgruppensrapport",
            100.0,
            10.0,
            false,
            2,
        );
        assert!(
            long[0].ends_with('…') && long[0].chars().count() <= 18,
            "{long:?}"
        );
    }
}

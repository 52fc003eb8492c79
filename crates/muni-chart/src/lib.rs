//! Charts drawn with plotters, generic over the drawing backend: the browser renders them to an
//! SVG string (or a canvas), the command line to SVG or PNG files. No I/O, no DOM.
//!
//! A chart is described by a spec (`LineChart`, `RankingChart`) built from model types by the
//! functions in `series`, then drawn by `draw_*` onto any `DrawingArea`.

mod bar;
mod line;
pub mod palette;
pub mod series;

pub use bar::{Bar, RankingChart, draw_ranking_chart, ranking_chart_svg};
pub use line::{LineChart, LineSeries, SeriesRole, draw_line_chart, line_chart_svg};

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

/// Draws the frame every chart shares (title and subtitle on top, the source line at the
/// bottom) and returns the area left for the plot.
pub(crate) fn frame<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    s: &Scale,
    title: &str,
    subtitle: &str,
    source: &str,
) -> Result<plotters::prelude::DrawingArea<DB, plotters::coord::Shift>, ChartError> {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let (_, h) = area.dim_in_pixel();
    let m = s.margin;
    let header = (s.title + s.subtitle + 3.0 * f64::from(m)) as u32;
    let footer = (s.source + 2.0 * f64::from(m)) as u32;
    let (top, rest) = area.split_vertically(header);
    let (plot, bottom) = rest.split_vertically(h.saturating_sub(header + footer));
    let font = |size: f64| ("sans-serif", size).into_font();
    top.draw(&Text::new(
        title.to_owned(),
        (m, m),
        font(s.title).style(FontStyle::Bold).color(&palette::TEXT),
    ))
    .map_err(draw_err)?;
    top.draw(&Text::new(
        subtitle.to_owned(),
        (m, m * 2 + s.title as i32),
        font(s.subtitle).color(&palette::SUBTLE_TEXT),
    ))
    .map_err(draw_err)?;
    bottom
        .draw(&Text::new(
            source.to_owned(),
            (m, (s.source * 0.5) as i32),
            font(s.source)
                .color(&palette::SUBTLE_TEXT)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(draw_err)?;
    Ok(plot)
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

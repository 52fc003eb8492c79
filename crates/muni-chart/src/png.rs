//! PNG files natively: plotters' bitmap backend with DejaVu Sans bundled in the binary, so
//! text renders the same on every machine (å, ä, ö and the minus sign included).

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::{ChartError, LineChart, RankingChart, draw_err, draw_line_chart, draw_ranking_chart};

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The bundled DejaVu Sans, regular and bold (for the PDF brief's text, embedded as subsets).
pub fn fonts() -> [&'static [u8]; 2] {
    [REGULAR, BOLD]
}

/// Registers the bundled fonts with plotters (once); every native drawing calls it first.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The fonts are compiled in; failing to read them is a build defect, tested below.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, BOLD);
    });
}

/// Encodes an RGB buffer of `w`×`h` as PNG.
fn encode(w: u32, h: u32, rgb: &[u8]) -> Result<Vec<u8>, ChartError> {
    let img = image::RgbImage::from_raw(w, h, rgb.to_vec())
        .ok_or_else(|| ChartError::Draw("bitmap size".into()))?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(draw_err)?;
    Ok(out.into_inner())
}

fn render(
    w: u32,
    h: u32,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    register_fonts();
    let mut buf = vec![255u8; (w * h * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        draw(&area)?;
        area.present().map_err(draw_err)?;
    }
    encode(w, h, &buf)
}

/// A line chart as PNG bytes, `w`×`h` pixels.
pub fn line_chart_png(chart: &LineChart, w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    render(w, h, |a| draw_line_chart(a, chart).map(|_| ()))
}

/// A ranking chart as PNG bytes, `w`×`h` pixels.
pub fn ranking_chart_png(chart: &RankingChart, w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    render(w, h, |a| draw_ranking_chart(a, chart))
}

/// A map as PNG bytes, `w`×`h` pixels.
#[cfg(feature = "map")]
pub fn map_chart_png(chart: &crate::map::MapChart, w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    render(w, h, |a| crate::map::draw_map_chart(a, chart))
}

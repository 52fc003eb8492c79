//! The ranking chart: one horizontal bar per municipality for one year, highest first, the
//! selected municipalities coloured and named, the others grey.

use muni_model::format_number;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::palette::{self, series_color};
use crate::{ChartError, Scale, draw_err};
pub use muni_view::spec::RankingChart;

/// Up to this many bars every bar is named on the axis; beyond, only the highlighted ones.
const NAME_ALL_UP_TO: usize = 40;

// Long: one plotters drawing from top to bottom (frame, axes, bars, references, labels); each
// step draws in the coordinates the previous one set up.
pub fn draw_ranking_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RankingChart,
) -> Result<(), ChartError> {
    let (_, h) = area.dim_in_pixel();
    let s = Scale::for_height(h);
    area.fill(&WHITE).map_err(draw_err)?;
    if chart.bars.is_empty() {
        return Err(ChartError::Empty);
    }
    let m = s.margin;
    let plot = crate::frame(
        area,
        &s,
        &chart.title,
        &chart.subtitle,
        &chart.caption,
        &chart.source,
    )?;

    let n = chart.bars.len();
    let lo = chart.bars.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let hi = chart.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let hi = if hi > lo {
        hi + (hi - lo) * 0.15
    } else {
        lo + 1.0
    };
    let name_all = n <= NAME_ALL_UP_TO;
    let label_size = if name_all {
        s.label
            .min(f64::from(plot.dim_in_pixel().1) / n as f64 * 0.8)
            .max(8.0)
    } else {
        s.label
    };
    let names: Vec<String> = chart.bars.iter().map(|b| b.label.clone()).collect();
    // Segmented y axis: segment `n - 1 - i` holds bar `i`, so the first bar is on top and each
    // name sits at the centre of its bar.
    let row = move |i: usize| (n - 1 - i) as i32;
    let name_of = move |y: &SegmentValue<i32>| match y {
        SegmentValue::CenterOf(j) if name_all && *j >= 0 && (*j as usize) < n => {
            names[n - 1 - *j as usize].clone()
        }
        _ => String::new(),
    };
    let lang = chart.lang;
    let mut c = ChartBuilder::on(&plot)
        .margin(m)
        .margin_right(m * 3)
        .x_label_area_size((s.label * 2.0) as u32)
        .y_label_area_size(if name_all {
            (label_size * 9.0) as u32
        } else {
            m as u32
        })
        .build_cartesian_2d(lo..hi, (0..n as i32).into_segmented())
        .map_err(draw_err)?;
    c.configure_mesh()
        .disable_y_mesh()
        .y_labels(if name_all { n } else { 1 })
        .y_label_formatter(&name_of)
        .x_labels(5)
        .x_label_formatter(&|v: &f64| format_number(*v, 0, lang))
        .label_style(("sans-serif", label_size).into_font().color(&palette::TEXT))
        .light_line_style(RGBColor(235, 235, 235))
        .axis_style(RGBColor(120, 120, 120))
        .draw()
        .map_err(draw_err)?;
    c.draw_series(chart.bars.iter().enumerate().map(|(i, b)| {
        let color = b.highlight.map_or(palette::MUTED, series_color);
        Rectangle::new(
            [
                (0.0, SegmentValue::Exact(row(i))),
                (b.value, SegmentValue::Exact(row(i) + 1)),
            ],
            color.filled(),
        )
    }))
    .map_err(draw_err)?;
    // Name and value of each highlighted bar at its end, so they read without the axis.
    let font = ("sans-serif", s.label)
        .into_font()
        .color(&palette::TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    c.draw_series(
        chart
            .bars
            .iter()
            .enumerate()
            .filter(|(_, b)| b.highlight.is_some())
            .map(|(i, b)| {
                let text = format!(
                    "{} {}",
                    b.label,
                    format_number(b.value, chart.decimals, lang)
                );
                Text::new(
                    text,
                    (b.value.max(0.0), SegmentValue::CenterOf(row(i))),
                    font.clone(),
                )
            }),
    )
    .map_err(draw_err)?;
    area.present().map_err(draw_err)?;
    Ok(())
}

pub fn ranking_chart_svg(
    chart: &RankingChart,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw_ranking_chart(&area, chart)?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use muni_model::Lang;
    use muni_view::spec::Bar;

    fn bars(n: usize) -> Vec<Bar> {
        (0..n)
            .map(|i| Bar {
                label: format!("Kommun {i}"),
                value: (n - i) as f64 * 10.5,
                highlight: (i == 2).then_some(0),
            })
            .collect()
    }

    #[test]
    fn few_bars_are_all_named_many_only_highlighted() {
        let chart = |n| RankingChart {
            title: "Elproduktion 2019".into(),
            subtitle: "MWh".into(),
            source: "Källa: SCB".into(),
            bars: bars(n),
            decimals: 0,
            lang: Lang::Sv,
            caption: String::new(),
        };
        let svg = ranking_chart_svg(&chart(24), 1280, 720).unwrap();
        assert_eq!(
            svg.matches("<rect").count(),
            24 + 1,
            "24 bars and the background"
        );
        assert!(svg.contains("\nKommun 23\n"));
        let svg = ranking_chart_svg(&chart(290), 1280, 720).unwrap();
        assert!(
            !svg.contains("\nKommun 200\n"),
            "290 names would be unreadable"
        );
        // The highlighted bar is named with its value, in Swedish format.
        assert!(svg.contains("\nKommun 2 3\u{a0}024\n"));
    }

    #[test]
    fn no_bars_is_an_error() {
        let c = RankingChart {
            title: "x".into(),
            subtitle: "y".into(),
            source: "z".into(),
            bars: vec![],
            decimals: 0,
            lang: Lang::En,
            caption: String::new(),
        };
        assert_eq!(ranking_chart_svg(&c, 640, 360), Err(ChartError::Empty));
    }
}

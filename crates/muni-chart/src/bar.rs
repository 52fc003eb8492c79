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

/// The row of the chart's segmented axis: reference labels on top, then the bars, then the
/// municipalities without a value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    Reference,
    Bar(usize),
    Withheld(usize),
}

pub fn draw_ranking_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RankingChart,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    draw_ranking(area, chart, Scale::for_size(w, h))
}

/// The ranking in `area` with the text sizes `s` (a ranking beside a map: the whole
/// picture's, so that its names are as large as the map's legend).
// Long: one plotters drawing from top to bottom (frame, axes, bars, references, labels); each
// step draws in the coordinates the previous one set up.
pub(crate) fn draw_ranking<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RankingChart,
    s: Scale,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
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

    let lang = chart.lang;
    let all_rows = chart.references.len() + chart.bars.len() + chart.withheld.len();
    let name_all = all_rows <= NAME_ALL_UP_TO;
    let mut rows: Vec<Row> = vec![Row::Reference; chart.references.len()];
    rows.extend((0..chart.bars.len()).map(Row::Bar));
    if name_all {
        rows.extend((0..chart.withheld.len()).map(Row::Withheld));
    }
    let n = rows.len();
    let label_size = if name_all {
        s.label
            .min(f64::from(plot.dim_in_pixel().1) / n as f64 * 0.85)
            .max(8.0)
    } else {
        s.label
    };
    // The text at each bar's end: its value (and its name, where the axis names only the
    // highlighted); the axis is widened so that the longest fits.
    let value_text = |b: &crate::Bar| {
        let v = format_number(b.value, chart.decimals, lang);
        if name_all {
            v
        } else {
            format!("{} {v}", b.label)
        }
    };
    let end_texts: Vec<Option<String>> = chart
        .bars
        .iter()
        .map(|b| (name_all || b.highlight.is_some()).then(|| value_text(b)))
        .collect();
    let longest = end_texts
        .iter()
        .flatten()
        .chain(chart.references.iter().map(|r| &r.label))
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let name_area = if name_all {
        let widest = chart
            .bars
            .iter()
            .map(|b| &b.label)
            .chain(chart.withheld.iter().map(|x| &x.label))
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0) as f64;
        ((widest * label_size * 0.55 + label_size).min(f64::from(w) * 0.4)) as u32
    } else {
        m as u32
    };
    let lo = chart.bars.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let hi = chart
        .bars
        .iter()
        .map(|b| b.value)
        .chain(chart.references.iter().map(|r| r.value))
        .fold(0.0_f64, f64::max);
    let plot_px = (f64::from(w) - f64::from(name_area) - 4.0 * f64::from(m)).max(50.0);
    let room = ((longest * label_size * 0.55 + label_size) / plot_px).min(0.5);
    let hi = if hi > lo {
        lo + (hi - lo) / (1.0 - room) * 1.02
    } else {
        lo + 1.0
    };
    let names: Vec<String> = rows
        .iter()
        .map(|r| match r {
            Row::Reference => String::new(),
            Row::Bar(i) => chart.bars[*i].label.clone(),
            Row::Withheld(i) => chart.withheld[*i].label.clone(),
        })
        .collect();
    // Segmented y axis: segment `n - 1 - k` holds row `k`, so the first row is on top and
    // each name sits at the centre of its row.
    let seg = move |k: usize| (n - 1 - k) as i32;
    let name_of = move |y: &SegmentValue<i32>| match y {
        SegmentValue::CenterOf(j) if name_all && *j >= 0 && (*j as usize) < n => {
            names[n - 1 - *j as usize].clone()
        }
        _ => String::new(),
    };
    // As many ticks as fit their numbers side by side (five on a slide, two on a phone).
    let tick_chars = format_number(hi, 0, lang).chars().count() as f64 + 2.0;
    let x_ticks = ((plot_px / (tick_chars * label_size * 0.55 * 1.6)) as usize).clamp(2, 5);
    let mut c = ChartBuilder::on(&plot)
        .margin(m)
        .margin_right(m * 3)
        .x_label_area_size((s.label * 2.0) as u32)
        .y_label_area_size(name_area)
        .build_cartesian_2d(lo..hi, (0..n as i32).into_segmented())
        .map_err(draw_err)?;
    c.configure_mesh()
        .disable_y_mesh()
        .y_labels(if name_all { n } else { 1 })
        .y_label_formatter(&name_of)
        .x_labels(x_ticks)
        .x_label_formatter(&|v: &f64| format_number(*v, 0, lang))
        .label_style(("sans-serif", label_size).into_font().color(&palette::TEXT))
        .light_line_style(RGBColor(240, 240, 240))
        .axis_style(RGBColor(120, 120, 120))
        .draw()
        .map_err(draw_err)?;
    let bar_row = |i: usize| chart.references.len() + i;
    c.draw_series(chart.bars.iter().enumerate().map(|(i, b)| {
        let color = b.highlight.map_or(palette::MUTED, series_color);
        let k = seg(bar_row(i));
        Rectangle::new(
            [
                (0.0, SegmentValue::Exact(k)),
                (b.value, SegmentValue::Exact(k + 1)),
            ],
            color.filled(),
        )
    }))
    .map_err(draw_err)?;
    let font = ("sans-serif", label_size)
        .into_font()
        .color(&palette::TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let pad = (hi - lo) * 0.005;
    c.draw_series(chart.bars.iter().enumerate().filter_map(|(i, b)| {
        let text = end_texts[i].clone()?;
        Some(Text::new(
            text,
            (
                b.value.max(0.0) + pad,
                SegmentValue::CenterOf(seg(bar_row(i))),
            ),
            font.clone(),
        ))
    }))
    .map_err(draw_err)?;
    // Why a municipality has no bar, where its bar would start.
    let muted = ("sans-serif", label_size)
        .into_font()
        .color(&palette::SUBTLE_TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    c.draw_series(rows.iter().enumerate().filter_map(|(k, r)| match r {
        Row::Withheld(i) => Some(Text::new(
            chart.withheld[*i].reason.clone(),
            (pad, SegmentValue::CenterOf(seg(k))),
            muted.clone(),
        )),
        _ => None,
    }))
    .map_err(draw_err)?;
    // The references: a line from the top of the bars to the bottom of the last bar, its
    // label in its own row above the bars (left of the line where it would run off the plot).
    let stroke = (f64::from(h) / 400.0).max(1.5) as u32;
    let bottom = seg(bar_row(chart.bars.len() - 1));
    for (j, r) in chart.references.iter().enumerate() {
        let (color, on, off) = match r.role {
            crate::SeriesRole::Country => (palette::TEXT, stroke, stroke * 2),
            _ => (palette::REFERENCE, stroke * 4, stroke * 3),
        };
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: true,
            stroke_width: stroke,
        };
        // The chart's coordinates are the backend's; the area may be a part of the picture
        // (a ranking beside a map), so they are made relative to it.
        let (bx, by) = area.get_base_pixel();
        let rel = |(x, y): (i32, i32)| (x - bx, y - by);
        crate::dashed(
            area,
            rel(c.backend_coord(&(r.value, SegmentValue::Exact(seg(j) + 1)))),
            rel(c.backend_coord(&(r.value, SegmentValue::Exact(bottom)))),
            (on, off),
            style,
        )?;
        let chars = r.label.chars().count() as f64;
        let fits = (r.value - lo) / (hi - lo) + chars * label_size * 0.55 / plot_px < 0.98;
        let anchor = if fits { HPos::Left } else { HPos::Right };
        let x = if fits { r.value + pad } else { r.value - pad };
        c.draw_series(std::iter::once(Text::new(
            r.label.clone(),
            (x, SegmentValue::CenterOf(seg(j))),
            ("sans-serif", label_size)
                .into_font()
                .color(&color)
                .pos(Pos::new(anchor, VPos::Center)),
        )))
        .map_err(draw_err)?;
    }
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
            references: vec![],
            withheld: vec![],
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
            references: vec![],
            withheld: vec![],
            decimals: 0,
            lang: Lang::En,
            caption: String::new(),
        };
        assert_eq!(ranking_chart_svg(&c, 640, 360), Err(ChartError::Empty));
    }

    #[test]
    fn references_cross_the_bars_and_the_withheld_are_listed_with_why() {
        let chart = RankingChart {
            title: "Industrins andel 2024".into(),
            subtitle: "procent".into(),
            source: "Källa: SYNTETISK".into(),
            bars: bars(5),
            references: vec![
                muni_view::spec::Reference {
                    label: "Nätverkets median 31,5".into(),
                    value: 31.5,
                    role: crate::SeriesRole::Median,
                },
                muni_view::spec::Reference {
                    label: "Riket 10,7".into(),
                    value: 10.7,
                    role: crate::SeriesRole::Country,
                },
            ],
            withheld: vec![muni_view::spec::Withheld {
                label: "Kiruna".into(),
                reason: "sekretess".into(),
                highlight: None,
            }],
            decimals: 1,
            lang: Lang::Sv,
            caption: String::new(),
        };
        let svg = ranking_chart_svg(&chart, 960, 540).unwrap();
        let text = |t: &str| svg.contains(&format!("\n{t}\n"));
        // Every bar carries its value; the references their labels; Kiruna is named with why.
        for t in [
            "52,5",
            "42,0",
            "10,5",
            "Nätverkets median 31,5",
            "Riket 10,7",
            "Kiruna",
            "sekretess",
        ] {
            assert!(text(t), "{t} missing");
        }
        // The references are drawn as dashed (many short pieces) lines, not as bars.
        assert_eq!(
            svg.matches("<rect").count(),
            5 + 1,
            "5 bars and the background"
        );
        assert!(svg.matches("<polyline").count() > 10);
    }
}

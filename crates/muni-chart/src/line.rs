//! The time-series chart: selected municipalities as coloured lines, the network median and
//! Riket as dashed grey reference lines, gaps left open where a value is withheld or missing.

use muni_model::{Lang, format_number};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::palette::{self, series_color};
use crate::{ChartError, Scale, draw_err};
pub use muni_view::spec::{LineChart, SeriesRole};

/// Runs of consecutive present values: each run is drawn as one line, a lone value as a dot.
///
/// A series break (`breaks`: the first year of the new series) also ends a run: two series
/// are never joined into one line.
pub(crate) fn runs(years: &[u16], values: &[Option<f64>], breaks: &[u16]) -> Vec<Vec<(i32, f64)>> {
    let mut out: Vec<Vec<(i32, f64)>> = Vec::new();
    let mut current: Vec<(i32, f64)> = Vec::new();
    for (y, v) in years.iter().zip(values) {
        if breaks.contains(y) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        match v {
            Some(v) if v.is_finite() => current.push((i32::from(*y), *v)),
            _ => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Draws the chart on `area`, filling it: title and subtitle on top, the source line at the
/// bottom, the plot in between.
// Long: one plotters drawing from top to bottom (frame, axes, context lines, selected lines,
// breaks, labels); each step draws in the coordinates the previous one set up.
pub fn draw_line_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LineChart,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let s = Scale::for_height(h);
    area.fill(&WHITE).map_err(draw_err)?;
    let (lo, hi) = chart.value_range().ok_or(ChartError::Empty)?;
    let (first, last) = match (chart.years.first(), chart.years.last()) {
        (Some(&f), Some(&l)) => (i32::from(f), i32::from(l)),
        _ => return Err(ChartError::Empty),
    };
    let m = s.margin;
    let plot = crate::frame(
        area,
        &s,
        &chart.title,
        &chart.subtitle,
        &chart.caption,
        &chart.source,
    )?;

    // Values start at 0 unless they are negative: bar-like honesty for magnitudes. A focused
    // axis (rates) starts a tenth of the range below the lowest value, at a whole number.
    let y_lo = if chart.from_zero {
        lo.min(0.0)
    } else {
        (lo - ((hi - lo) * 0.1).max(0.5)).floor().max(0.0)
    };
    let y_hi = if hi > y_lo {
        hi + (hi - y_lo) * 0.05
    } else {
        y_lo + 1.0
    };
    let x_range = if first == last {
        (first - 1)..(last + 1)
    } else {
        first..last
    };
    let lang = chart.lang;
    let decimals = chart.decimals;
    let y_label = move |v: &f64| {
        format_number(
            *v,
            if (y_hi - y_lo) < 10.0 {
                decimals.max(1)
            } else {
                0
            },
            lang,
        )
    };
    let mut c = ChartBuilder::on(&plot)
        .margin(m)
        .margin_right(m * 3)
        .x_label_area_size((s.label * 2.0) as u32)
        .y_label_area_size((s.label * 5.0) as u32)
        .build_cartesian_2d(x_range, y_lo..y_hi)
        .map_err(draw_err)?;
    let n_years = (last - first + 1) as usize;
    c.configure_mesh()
        .disable_x_mesh()
        .x_labels(n_years.min((w / 90).max(2) as usize))
        .x_label_formatter(&|y: &i32| y.to_string())
        .y_labels(6)
        .y_label_formatter(&y_label)
        .label_style(("sans-serif", s.label).into_font().color(&palette::TEXT))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .axis_style(RGBColor(120, 120, 120))
        .draw()
        .map_err(draw_err)?;

    let stroke = (f64::from(h) / 300.0).max(2.0) as u32;
    let break_label = match lang {
        Lang::Sv => "Seriebrott",
        Lang::En => "Series break",
    };
    let break_style = ShapeStyle {
        color: palette::MUTED.to_rgba(),
        filled: true,
        stroke_width: (stroke / 2).max(1),
    };
    for &b in chart
        .breaks
        .iter()
        .filter(|&&b| i32::from(b) > first && i32::from(b) <= last)
    {
        let x = i32::from(b);
        c.draw_series(DashedLineSeries::new(
            [(x, y_lo), (x, y_hi)],
            stroke * 3,
            stroke * 2,
            break_style,
        ))
        .map_err(draw_err)?;
        c.draw_series(std::iter::once(Text::new(
            format!(" {break_label} {b}"),
            (x, y_hi),
            ("sans-serif", s.label * 0.85)
                .into_font()
                .color(&palette::TEXT),
        )))
        .map_err(draw_err)?;
    }
    let behind = chart.series.iter().filter(|s| s.role == SeriesRole::Member);
    let front = chart.series.iter().filter(|s| s.role != SeriesRole::Member);
    for series in behind.chain(front) {
        let (color, dash) = match series.role {
            SeriesRole::Selected(i) => (series_color(i), None),
            SeriesRole::Median => (palette::REFERENCE, Some((stroke * 4, stroke * 3))),
            SeriesRole::Country => (palette::TEXT, Some((stroke, stroke * 2))),
            SeriesRole::Member => (palette::MUTED, None),
        };
        let width = if series.role == SeriesRole::Member {
            (stroke / 2).max(1)
        } else {
            stroke
        };
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: true,
            stroke_width: width,
        };
        let mut labelled = false;
        for run in runs(&chart.years, &series.values, &chart.breaks) {
            let anno = if run.len() == 1 {
                c.draw_series(run.iter().map(|&p| Circle::new(p, stroke * 2, style)))
                    .map_err(draw_err)?
            } else if let Some((size, spacing)) = dash {
                c.draw_series(DashedLineSeries::new(run.clone(), size, spacing, style))
                    .map_err(draw_err)?
            } else {
                c.draw_series(plotters::series::LineSeries::new(run.clone(), style))
                    .map_err(draw_err)?
            };
            if !labelled && series.role != SeriesRole::Member {
                let label_size = s.label as i32;
                anno.label(series.label.clone()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + label_size, y)], style)
                });
                labelled = true;
            }
        }
    }
    c.configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font(("sans-serif", s.label).into_font().color(&palette::TEXT))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .draw()
        .map_err(draw_err)?;
    area.present().map_err(draw_err)?;
    Ok(())
}

/// The chart as an SVG document of `width` × `height` pixels.
pub fn line_chart_svg(chart: &LineChart, width: u32, height: u32) -> Result<String, ChartError> {
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw_line_chart(&area, chart)?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use muni_view::spec::LineSeries;

    fn chart() -> LineChart {
        LineChart {
            from_zero: true,
            title: "Industrins energianvändning per invånare".into(),
            subtitle: "MWh per invånare".into(),
            source: "Källa: SCB, Kommunal och regional energistatistik <EN0203> & BE0101".into(),
            years: vec![2017, 2018, 2019, 2020],
            series: vec![
                LineSeries {
                    code: "0382".into(),
                    label: "Östhammar".into(),
                    values: vec![Some(1.5), None, Some(2.0), Some(2.5)],
                    role: SeriesRole::Selected(0),
                },
                LineSeries {
                    code: "2284".into(),
                    label: "Örnsköldsvik".into(),
                    values: vec![Some(12.25), Some(13.0), Some(12.0), Some(11.0)],
                    role: SeriesRole::Selected(1),
                },
                LineSeries {
                    code: "network_median".into(),
                    label: "Nätverkets median".into(),
                    values: vec![Some(5.0), Some(5.5), Some(6.0), None],
                    role: SeriesRole::Median,
                },
            ],
            decimals: 1,
            lang: Lang::Sv,
            breaks: vec![],
            caption: String::new(),
        }
    }

    #[test]
    fn gaps_split_lines_and_lone_values_stay_points() {
        let r = runs(
            &[2017, 2018, 2019, 2020, 2021],
            &[Some(1.0), None, Some(2.0), Some(3.0), None],
            &[],
        );
        assert_eq!(r, vec![vec![(2017, 1.0)], vec![(2019, 2.0), (2020, 3.0)]]);
        assert!(runs(&[2017], &[None], &[]).is_empty());
    }

    #[test]
    fn a_series_break_ends_a_line() {
        let years = [2018, 2019, 2020, 2021];
        let values = [Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
        let r = runs(&years, &values, &[2020]);
        assert_eq!(
            r,
            vec![
                vec![(2018, 1.0), (2019, 2.0)],
                vec![(2020, 3.0), (2021, 4.0)]
            ]
        );
        // A break at the first year splits nothing.
        assert_eq!(runs(&years, &values, &[2018]).len(), 1);
    }

    #[test]
    fn svg_has_title_source_legend_and_escaped_text() {
        let svg = line_chart_svg(&chart(), 1280, 720).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("width=\"1280\"") && svg.contains("height=\"720\""));
        let text = |t: &str| svg.contains(&format!("\n{t}\n"));
        assert!(text("Industrins energianvändning per invånare"));
        assert!(text("Östhammar") && text("Örnsköldsvik") && text("Nätverkets median"));
        assert!(
            svg.contains("&lt;EN0203&gt; &amp; BE0101"),
            "source text must be escaped"
        );
        assert!(!svg.contains("<EN0203>"));
        // Swedish number format on the value axis: decimal commas, never a decimal point.
        assert!(text("5") && text("10"));
        // A small range gets decimals, with a decimal comma.
        let mut small = chart();
        small.series.truncate(1);
        let svg = line_chart_svg(&small, 1280, 720).unwrap();
        assert!(svg.contains("\n0,5\n") && svg.contains("\n1,0\n"), "{svg}");
        assert!(!svg.contains("\n0.5\n"));
        // The Östhammar gap: its 2017 value is a lone point, drawn as a circle.
        assert!(svg.contains("<circle"));
    }

    #[test]
    fn a_focused_axis_does_not_start_at_zero_and_a_magnitude_does() {
        let mut rate = chart();
        for s in &mut rate.series {
            for v in s.values.iter_mut().flatten() {
                *v += 70.0;
            }
        }
        let ticks = |c: &LineChart| {
            let svg = line_chart_svg(c, 1280, 720).unwrap();
            ["0", "40", "80"].map(|t| svg.contains(&format!("\n{t}\n")))
        };
        // From zero: the axis runs from 0 past 80.
        assert_eq!(ticks(&rate), [true, true, true]);
        // Focused: the values (71.5–83) fill the plot; no tick at 0 or 40.
        rate.from_zero = false;
        assert_eq!(ticks(&rate), [false, false, true]);
    }

    #[test]
    fn empty_chart_is_an_error_not_a_blank_picture() {
        let mut c = chart();
        for s in &mut c.series {
            s.values = vec![None; 4];
        }
        assert_eq!(line_chart_svg(&c, 640, 360), Err(ChartError::Empty));
    }

    #[test]
    fn same_input_same_svg() {
        assert_eq!(
            line_chart_svg(&chart(), 640, 360).unwrap(),
            line_chart_svg(&chart(), 640, 360).unwrap()
        );
    }

    #[test]
    fn a_series_break_inside_the_years_is_marked() {
        let mut c = chart();
        c.breaks = vec![2019, 2030];
        let svg = line_chart_svg(&c, 960, 540).unwrap();
        assert!(svg.contains("Seriebrott 2019"), "marked");
        assert!(!svg.contains("2030"), "a break outside the years is not");
        c.breaks = vec![2017];
        let svg = line_chart_svg(&c, 960, 540).unwrap();
        assert!(
            !svg.contains("Seriebrott"),
            "nothing to compare before the first year"
        );
    }
}

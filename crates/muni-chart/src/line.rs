//! The time-series chart: selected municipalities as coloured lines, the network median and
//! Riket as dashed grey reference lines, gaps left open where a value is withheld or missing.

use muni_model::{Lang, format_number};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

/// Where each end label goes: `want` holds the pixel heights the labels would like (their
/// lines' last values), `heights` each label's height, `top..=bottom` the room for their
/// centres. Labels keep their order and move as little as this simple sweep allows: down where
/// they would overlap, then back up from the bottom; if the room is too small they share it.
pub(crate) fn place_labels(want: &[f64], heights: &[f64], top: f64, bottom: f64) -> Vec<f64> {
    let n = want.len();
    let mut order: Vec<usize> = (0..n).collect();
    muni_model::sort::sort_by(&mut order, |&a, &b| {
        want[a].total_cmp(&want[b]).then(a.cmp(&b))
    });
    let need: f64 = (1..n)
        .map(|k| (heights[order[k - 1]] + heights[order[k]]) / 2.0)
        .sum();
    let squeeze = if need > bottom - top && need > 0.0 {
        (bottom - top) / need
    } else {
        1.0
    };
    let gap = |k: usize| (heights[order[k - 1]] + heights[order[k]]) / 2.0 * squeeze;
    let mut pos: Vec<f64> = order.iter().map(|&i| want[i].clamp(top, bottom)).collect();
    for k in 1..n {
        pos[k] = pos[k].max(pos[k - 1] + gap(k));
    }
    if let Some(last) = pos.last_mut() {
        *last = last.min(bottom);
    }
    for k in (1..n).rev() {
        pos[k - 1] = pos[k - 1].min(pos[k] - gap(k));
    }
    let mut out = vec![0.0; n];
    for (k, &i) in order.iter().enumerate() {
        out[i] = pos[k].max(top);
    }
    out
}

/// The parts of a pixel path at or below the pixel height `top` (screen y grows downwards):
/// a line that rises above is cut where it crosses, and goes on where it comes back.
pub(crate) fn clip_above(path: &[(i32, i32)], top: i32) -> Vec<Vec<(i32, i32)>> {
    let mut out: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut current: Vec<(i32, i32)> = Vec::new();
    let cross = |p: (i32, i32), q: (i32, i32)| {
        let t = f64::from(top - p.1) / f64::from(q.1 - p.1);
        (
            (f64::from(p.0) + t * f64::from(q.0 - p.0)).round() as i32,
            top,
        )
    };
    for (k, &q) in path.iter().enumerate() {
        let inside = q.1 >= top;
        match (k.checked_sub(1).map(|j| path[j]), inside) {
            (None, true) => current.push(q),
            (None, false) => {}
            (Some(p), true) if p.1 < top => {
                current.push(cross(p, q));
                current.push(q);
            }
            (Some(_), true) => current.push(q),
            (Some(p), false) if p.1 >= top => {
                current.push(cross(p, q));
                out.push(std::mem::take(&mut current));
            }
            (Some(_), false) => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.retain(|r| !r.is_empty());
    out
}

/// A line's label at its end: "Södertälje 35,2", with the year when the line ends earlier.
fn end_label(chart: &LineChart, label: &str, year: i32, value: f64, last: i32) -> String {
    let v = format_number(value, chart.decimals, chart.lang);
    if year == last {
        format!("{label} {v}")
    } else {
        format!("{label} {v} ({year})")
    }
}

/// Draws the chart on `area`, filling it: title and subtitle on top, the source line at the
/// bottom, the plot in between, each selected and reference line named at its end.
// Long: one plotters drawing from top to bottom (frame, axes, context lines, selected lines,
// breaks, end labels); each step draws in the coordinates the previous one set up.
pub fn draw_line_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LineChart,
) -> Result<LineLayout, ChartError> {
    let (w, h) = area.dim_in_pixel();
    let s = Scale::for_size(w, h);
    area.fill(&WHITE).map_err(draw_err)?;
    let (lo, hi) = chart.value_range().ok_or(ChartError::Empty)?;
    let (first, last) = match (chart.years.first(), chart.years.last()) {
        (Some(&f), Some(&l)) => (i32::from(f), i32::from(l)),
        _ => return Err(ChartError::Empty),
    };
    let ceiling = chart.ceiling.as_ref().map(|c| c.value);
    let hi = ceiling.map_or(hi, |c| hi.min(c));
    let m = s.margin;
    let plot = crate::frame(
        area,
        &s,
        &chart.title,
        &chart.subtitle,
        &chart.caption,
        &chart.source,
    )?;

    // The end labels: every line but the context, at its last value.
    let labels: Vec<(&crate::LineSeries, i32, f64)> = chart
        .series
        .iter()
        .filter(|s| s.role != SeriesRole::Member)
        .filter_map(|s| {
            let (y, v) = chart
                .years
                .iter()
                .zip(&s.values)
                .filter_map(|(y, v)| v.filter(|v| v.is_finite()).map(|v| (i32::from(*y), v)))
                .next_back()?;
            Some((s, y, v))
        })
        .collect();
    let size = s.label;
    let sample = size * 1.4;
    let max_label = f64::from(w) * 0.42;
    // One line ("Södertälje 35,2") where it fits, else the name over the value.
    let room = (((max_label - sample - size) / (size * 0.55)) as usize).max(6);
    let cut = |t: String| {
        if t.chars().count() > room {
            let keep: String = t.chars().take(room - 1).collect();
            format!("{}…", keep.trim_end())
        } else {
            t
        }
    };
    let texts: Vec<Vec<String>> = labels
        .iter()
        .map(|(sr, y, v)| {
            let text = end_label(chart, &sr.label, *y, *v, last);
            if text.chars().count() <= room {
                vec![text]
            } else {
                let value = end_label(chart, "", *y, *v, last);
                vec![cut(sr.label.clone()), value.trim_start().to_owned()]
            }
        })
        .collect();
    let widest = texts
        .iter()
        .flatten()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let label_area = if texts.is_empty() {
        m * 3
    } else {
        (widest * size * 0.55 + sample + size) as i32
    };

    // Values start at 0 unless they are negative: bar-like honesty for magnitudes. A focused
    // axis (rates) starts a tenth of the range below the lowest value, at a whole number.
    let y_lo = if chart.from_zero {
        lo.min(0.0)
    } else {
        (lo - ((hi - lo) * 0.1).max(0.5)).floor().max(0.0)
    };
    let y_hi = match ceiling {
        Some(c) => c,
        None if hi > y_lo => hi + (hi - y_lo) * 0.05,
        None => y_lo + 1.0,
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
        .margin_right(label_area)
        .x_label_area_size((s.label * 2.0) as u32)
        .y_label_area_size((s.label * 5.0) as u32)
        .build_cartesian_2d(x_range, y_lo..y_hi)
        .map_err(draw_err)?;
    // Where years and values land, for the pointer's and the keyboard's highlight.
    let layout = {
        let (x0, x1) = (x_range_start(first, last), x_range_end(first, last));
        let (a, b) = (c.backend_coord(&(x0, y_lo)), c.backend_coord(&(x0, y_hi)));
        let right = c.backend_coord(&(x1, y_lo));
        let per_year = f64::from(right.0 - a.0) / f64::from((x1 - x0).max(1));
        LineLayout {
            first,
            x_first: f64::from(a.0) + f64::from(first - x0) * per_year,
            x_per_year: per_year,
            y_lo,
            y_at_lo: f64::from(a.1),
            y_per_unit: f64::from(b.1 - a.1) / (y_hi - y_lo),
            y_hi,
        }
    };
    let n_years = (last - first + 1) as usize;
    c.configure_mesh()
        .disable_x_mesh()
        .x_labels(n_years.min((w / 90).max(2) as usize))
        .x_label_formatter(&|y: &i32| y.to_string())
        .y_labels(6)
        .y_label_formatter(&y_label)
        .label_style(("sans-serif", s.label).into_font().color(&palette::TEXT))
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(220, 220, 220))
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

    // Context lines first, faint and thin, in pixels so that a focused scale can cut them at
    // the top of the plot; where one is cut, a mark at the top edge above its highest value.
    let top_px = c.backend_coord(&(first, y_hi)).1;
    let context = ShapeStyle {
        color: palette::CONTEXT.to_rgba(),
        filled: true,
        stroke_width: 1,
    };
    let mark = ("sans-serif", size * 0.8)
        .into_font()
        .color(&palette::REFERENCE)
        .pos(Pos::new(HPos::Center, VPos::Center));
    for series in chart.series.iter().filter(|s| s.role == SeriesRole::Member) {
        for run in runs(&chart.years, &series.values, &chart.breaks) {
            if let [p] = run[..] {
                if p.1 <= y_hi {
                    c.draw_series(std::iter::once(Circle::new(p, stroke, context.filled())))
                        .map_err(draw_err)?;
                }
                continue;
            }
            let px: Vec<(i32, i32)> = run.iter().map(|p| c.backend_coord(p)).collect();
            for part in clip_above(&px, top_px) {
                area.draw(&PathElement::new(part, context))
                    .map_err(draw_err)?;
            }
        }
        if let Some(y) = ceiling {
            let highest = chart
                .years
                .iter()
                .zip(&series.values)
                .filter_map(|(yr, v)| v.map(|v| (i32::from(*yr), v)))
                .filter(|&(_, v)| v > y)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some(p) = highest {
                let (x, _) = c.backend_coord(&p);
                area.draw(&Text::new("▲".to_owned(), (x, top_px), mark.clone()))
                    .map_err(draw_err)?;
            }
        }
    }
    let style_of = |role: SeriesRole| {
        let (color, dash) = match role {
            SeriesRole::Selected(i) => (series_color(i), None),
            SeriesRole::Median => (palette::REFERENCE, Some((stroke * 4, stroke * 3))),
            SeriesRole::Country => (palette::TEXT, Some((stroke, stroke * 2))),
            SeriesRole::Member => (palette::CONTEXT, None),
        };
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: true,
            stroke_width: stroke,
        };
        (style, dash)
    };
    for series in chart.series.iter().filter(|s| s.role != SeriesRole::Member) {
        let (style, dash) = style_of(series.role);
        for run in runs(&chart.years, &series.values, &chart.breaks) {
            if run.len() == 1 {
                c.draw_series(run.iter().map(|&p| Circle::new(p, stroke * 2, style)))
                    .map_err(draw_err)?;
            } else if let Some((size, spacing)) = dash {
                c.draw_series(DashedLineSeries::new(run.clone(), size, spacing, style))
                    .map_err(draw_err)?;
            } else {
                c.draw_series(plotters::series::LineSeries::new(run.clone(), style))
                    .map_err(draw_err)?;
            }
        }
    }

    // End labels: a sample of the line as drawn (solid, dashed or dotted), then the name and
    // the value, stacked so that they never overlap, with a thin leader where a label had to
    // move or its line ends before the last year.
    let (x_px, y_px) = c.plotting_area().get_pixel_range();
    let ends: Vec<(i32, i32)> = labels
        .iter()
        .map(|(_, y, v)| c.backend_coord(&(*y, *v)))
        .collect();
    let want: Vec<f64> = ends.iter().map(|p| f64::from(p.1)).collect();
    let line_h = size * 1.2;
    let heights: Vec<f64> = texts
        .iter()
        .map(|t| t.len() as f64 * line_h + size * 0.2)
        .collect();
    let placed = place_labels(
        &want,
        &heights,
        f64::from(y_px.start) + size * 0.6,
        f64::from(y_px.end) - size * 0.6,
    );
    let x0 = x_px.end + (size * 0.4) as i32;
    let font = ("sans-serif", size)
        .into_font()
        .color(&palette::TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (((sr, _, _), lines), (end, y)) in labels.iter().zip(&texts).zip(ends.iter().zip(&placed)) {
        let (style, dash) = style_of(sr.role);
        // The sample sits at the first line; a label of two lines is centred on its line.
        let y = (y - (lines.len() as f64 - 1.0) * line_h / 2.0).round() as i32;
        // A leader from the plot's edge where the label had to move (never from a line that
        // ends early: a horizontal leader would look like a value).
        if (end.1 - y).abs() > 1 {
            let leader = ShapeStyle {
                stroke_width: 1,
                ..style
            };
            area.draw(&PathElement::new(
                vec![(x_px.end + 1, end.1), (x0 - 1, y)],
                leader,
            ))
            .map_err(draw_err)?;
        }
        let len = sample as i32;
        match dash {
            None => area
                .draw(&PathElement::new(vec![(x0, y), (x0 + len, y)], style))
                .map_err(draw_err)?,
            Some(d) => crate::dashed(area, (x0, y), (x0 + len, y), d, style)?,
        }
        for (k, line) in lines.iter().enumerate() {
            area.draw(&Text::new(
                line.clone(),
                (
                    x0 + len + (size * 0.4) as i32,
                    y + (k as f64 * line_h) as i32,
                ),
                font.clone(),
            ))
            .map_err(draw_err)?;
        }
    }
    area.present().map_err(draw_err)?;
    Ok(layout)
}

/// The first and last year of the x axis (a single year gets a year either side).
fn x_range_start(first: i32, last: i32) -> i32 {
    if first == last { first - 1 } else { first }
}

fn x_range_end(first: i32, last: i32) -> i32 {
    if first == last { last + 1 } else { last }
}

/// Where a line chart's years and values are drawn, in the picture's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineLayout {
    pub first: i32,
    /// The x of the first year, and the pixels per year.
    pub x_first: f64,
    pub x_per_year: f64,
    /// The axis' lowest value, its y, and the pixels per unit (negative: up).
    pub y_lo: f64,
    pub y_at_lo: f64,
    pub y_per_unit: f64,
    /// The axis' highest value (a focused scale cuts the context lines there).
    pub y_hi: f64,
}

impl LineLayout {
    /// The pixel of `value` in `year` (a value above a focused scale at its top edge).
    pub fn px(&self, year: u16, value: f64) -> (f64, f64) {
        (
            self.x_first + f64::from(i32::from(year) - self.first) * self.x_per_year,
            self.y_at_lo + (value.min(self.y_hi) - self.y_lo) * self.y_per_unit,
        )
    }
}

/// The context line (another member) nearest the pixel `(px, py)`: the year nearest `px`,
/// then the member whose value that year is drawn nearest, within `reach` pixels. Its series
/// and year index.
pub fn member_at(
    chart: &LineChart,
    l: &LineLayout,
    (px, py): (f64, f64),
    reach: f64,
) -> Option<(usize, usize)> {
    let year_index = chart
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| (i, (l.px(*y, 0.0).0 - px).abs()))
        .min_by(|a, b| a.1.total_cmp(&b.1))?
        .0;
    let year = chart.years[year_index];
    chart
        .series
        .iter()
        .enumerate()
        .filter(|(_, s)| s.role == SeriesRole::Member)
        .filter_map(|(k, s)| {
            let v = s.values.get(year_index).copied().flatten()?;
            let (x, y) = l.px(year, v);
            let d = (x - px).hypot(y - py);
            (d <= reach).then_some((k, d))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| (k, year_index))
}

/// The members with a value in year `i`, from the highest value to the lowest (the keyboard
/// moves through them with the arrow keys).
pub fn members_by_value(chart: &LineChart, i: usize) -> Vec<usize> {
    let mut v: Vec<(usize, f64)> = chart
        .series
        .iter()
        .enumerate()
        .filter(|(_, s)| s.role == SeriesRole::Member)
        .filter_map(|(k, s)| Some((k, s.values.get(i).copied().flatten()?)))
        .collect();
    muni_model::sort::sort_by(&mut v, |a, b| b.1.total_cmp(&a.1));
    v.into_iter().map(|(k, _)| k).collect()
}

/// The chart as an SVG document of `width` × `height` pixels.
pub fn line_chart_svg(chart: &LineChart, width: u32, height: u32) -> Result<String, ChartError> {
    line_chart_svg_with_layout(chart, width, height).map(|(svg, _)| svg)
}

/// The chart's SVG and where its years and values are drawn.
pub fn line_chart_svg_with_layout(
    chart: &LineChart,
    width: u32,
    height: u32,
) -> Result<(String, LineLayout), ChartError> {
    let mut buf = String::new();
    let layout = {
        let area = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw_line_chart(&area, chart)?
    };
    Ok((buf, layout))
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
            ceiling: None,
        }
    }

    #[test]
    fn the_pointer_finds_the_member_drawn_under_it() {
        let mut c = chart();
        for (code, name, v) in [("0001", "Alfa", 3.0), ("0002", "Beta", 9.0)] {
            c.series.push(LineSeries {
                code: code.into(),
                label: name.into(),
                values: vec![Some(v), Some(v + 1.0), None, Some(v)],
                role: SeriesRole::Member,
            });
        }
        let (svg, l) = line_chart_svg_with_layout(&c, 960, 540).unwrap();
        // The layout is the drawing's: Beta's 2017 point is a vertex of a context polyline.
        let (x, y) = l.px(2017, 9.0);
        let drawn: Vec<(f64, f64)> = svg
            .split("<polyline")
            .filter(|p| p.contains("stroke=\"#CDCDCD\""))
            .filter_map(|p| p.split("points=\"").nth(1)?.split('"').next())
            .flat_map(|pts| {
                pts.split_whitespace().filter_map(|xy| {
                    let (a, b) = xy.split_once(',')?;
                    Some((a.parse().ok()?, b.parse().ok()?))
                })
            })
            .collect();
        assert!(
            drawn
                .iter()
                .any(|(a, b)| (a - x).abs() <= 1.0 && (b - y).abs() <= 1.0),
            "({x}, {y}) not among {drawn:?}"
        );
        assert_eq!(member_at(&c, &l, (x + 3.0, y - 2.0), 12.0), Some((4, 0)));
        let (x, y) = l.px(2018, 4.0);
        assert_eq!(member_at(&c, &l, (x, y + 4.0), 12.0), Some((3, 1)));
        // Far from every member, or in a year without their values: nothing.
        assert_eq!(member_at(&c, &l, (x, y - 200.0), 12.0), None);
        let (x, y) = l.px(2019, 9.0);
        assert_eq!(member_at(&c, &l, (x, y), 12.0), None);
        // The keyboard's order: highest first, members only.
        assert_eq!(members_by_value(&c, 0), vec![4, 3]);
        assert!(members_by_value(&c, 2).is_empty());
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
        assert!(text("Östhammar 2,5") && text("Örnsköldsvik 11,0"));
        assert!(text("Nätverkets median 6,0 (2019)"));
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

    /// The x and y of the `<text>` element whose content is `t`.
    fn text_at(svg: &str, t: &str) -> Option<(i32, i32)> {
        let end = svg.find(&format!(">\n{t}\n</text>"))?;
        let start = svg[..end].rfind("<text ")?;
        let attr = |name: &str| -> Option<i32> {
            let tag = &svg[start..end];
            let k = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            tag[k..].split('"').next()?.parse().ok()
        };
        Some((attr("x")?, attr("y")?))
    }

    #[test]
    fn lines_are_named_at_their_ends_with_their_last_values_and_no_legend_box() {
        let mut c = chart();
        c.series.push(LineSeries {
            code: "00".into(),
            label: "Riket".into(),
            values: vec![Some(6.0), Some(6.1), Some(6.2), Some(6.3)],
            role: SeriesRole::Country,
        });
        let svg = line_chart_svg(&c, 960, 540).unwrap();
        let (x_last_year, _) = text_at(&svg, "2020").expect("the last year on the axis");
        // Each selected and reference line is named right of the plot, with its last value;
        // the median ends in 2019 and says so.
        let names = [
            "Östhammar 2,5",
            "Örnsköldsvik 11,0",
            "Nätverkets median 6,0 (2019)",
            "Riket 6,3",
        ];
        let mut ys = Vec::new();
        for n in names {
            let (x, y) = text_at(&svg, n).unwrap_or_else(|| panic!("{n} not labelled"));
            assert!(
                x > x_last_year,
                "{n} at {x}, the plot ends at {x_last_year}"
            );
            ys.push(y);
        }
        // Highest value on top; no two labels closer than a line of text.
        assert!(ys[1] < ys[3] && ys[3] < ys[2] && ys[2] < ys[0], "{ys:?}");
        let mut sorted = ys.clone();
        sorted.sort();
        assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 10), "{ys:?}");
        // No legend box (plotters draws it with a light grey border) over the data.
        assert!(!svg.contains("#C8C8C8"), "a legend box is drawn");
        // The samples are drawn as the lines are: Riket dotted, the median dashed (several
        // short pieces each), a selected line solid.
        assert!(svg.matches("stroke=\"#191919\"").count() > 4);
    }

    #[test]
    fn labels_keep_their_order_and_never_overlap() {
        let h = [10.0; 4];
        let p = place_labels(&[50.0, 52.0, 51.0, 300.0], &h, 0.0, 200.0);
        assert_eq!(p[0], 50.0, "the first one stays where its line ends");
        assert!(p[0] < p[2] && p[2] < p[1], "order kept: {p:?}");
        assert!(p[2] - p[0] >= 10.0 && p[1] - p[2] >= 10.0, "{p:?}");
        assert_eq!(p[3], 200.0, "kept inside the room");
        // Crowded at the bottom: pushed back up.
        let p = place_labels(&[199.0, 199.0, 199.0], &h, 0.0, 200.0);
        assert_eq!(p, [180.0, 190.0, 200.0]);
        // Too many for the room: they share it evenly, still in order.
        let p = place_labels(&[5.0; 5], &[10.0; 5], 0.0, 20.0);
        assert_eq!(p, [0.0, 5.0, 10.0, 15.0, 20.0]);
        // A label of two lines takes more room.
        let p = place_labels(&[100.0, 100.0], &[20.0, 10.0], 0.0, 200.0);
        assert_eq!(p, [100.0, 115.0]);
    }

    #[test]
    fn a_path_above_the_top_is_cut_where_it_crosses() {
        // Screen y grows downwards: y < 100 is above the plot.
        let path = [(0, 150), (10, 50), (20, 50), (30, 150), (40, 120)];
        assert_eq!(
            clip_above(&path, 100),
            vec![
                vec![(0, 150), (5, 100)],
                vec![(25, 100), (30, 150), (40, 120)]
            ]
        );
        assert_eq!(
            clip_above(&[(0, 150), (10, 140)], 100),
            vec![vec![(0, 150), (10, 140)]]
        );
        assert!(clip_above(&[(0, 10), (10, 20)], 100).is_empty());
    }

    #[test]
    fn a_focused_scale_cuts_and_marks_the_outlier() {
        use muni_view::spec::Ceiling;
        let mut c = chart();
        c.series.push(LineSeries {
            code: "0481".into(),
            label: "Oxelösund".into(),
            values: vec![Some(700.0), Some(740.0), Some(720.0), Some(10.0)],
            role: SeriesRole::Member,
        });
        let full = line_chart_svg(&c, 960, 540).unwrap();
        assert!(
            full.contains("\n600\n"),
            "without a ceiling the outlier sets the axis"
        );
        c.ceiling = Some(Ceiling {
            value: 15.0,
            above: vec![("Oxelösund".into(), 740.0)],
        });
        let svg = line_chart_svg(&c, 960, 540).unwrap();
        assert!(
            !svg.contains("\n600\n") && svg.contains("\n15\n"),
            "the axis stops at 15"
        );
        // The mark at the top edge, and the cut line never goes above the plot.
        assert!(svg.contains("\n▲\n"), "the cut line is marked");
        let top = text_at(&svg, "15").unwrap().1 - 2;
        for line in svg.lines().filter(|l| l.contains("stroke=\"#CDCDCD\"")) {
            let points = line
                .split("points=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            for p in points.split_whitespace() {
                let y: i32 = p.split(',').nth(1).unwrap().parse().unwrap();
                assert!(y >= top, "context drawn above the plot: {line}");
            }
        }
    }
}

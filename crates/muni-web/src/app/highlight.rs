//! The context lines of a series chart, one at a time: the pointer (or a tap) on a faint line,
//! or the arrow keys on the focused chart, highlight that member's line and say its name, value
//! and year. Hit-tested with the drawing's own layout (`muni_chart::LineLayout`).

use muni_chart::{LineChart, LineLayout, member_at, members_by_value};
use muni_model::{Html, Lang, format_number};

/// What a drawn series chart needs for its highlight: its spec, where it was drawn, its size.
#[derive(Debug, Clone)]
pub(super) struct LineHit {
    pub chart: LineChart,
    pub layout: LineLayout,
    pub size: (u32, u32),
}

/// A member's line and one of its years: (series index, year index).
pub(super) type Picked = (usize, usize);

/// The member under the pointer at `(x, y)` of the drawn picture, within `reach` pixels.
pub(super) fn at_pointer(hit: &LineHit, xy: (f64, f64), reach: f64) -> Option<Picked> {
    member_at(&hit.chart, &hit.layout, xy, reach)
}

/// Where the arrow keys lead from `now`: up and down to the member drawn above or below that
/// year, left and right to the year before or after (the same member, or the nearest with a
/// value), Escape to none. `None`: the key is not one of these.
pub(super) fn step(hit: &LineHit, now: Option<Picked>, key: &str) -> Option<Option<Picked>> {
    let years = hit.chart.years.len();
    let last_with_members = (0..years)
        .rev()
        .find(|&i| !members_by_value(&hit.chart, i).is_empty());
    let Some((series, year)) = now else {
        return match key {
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" => Some(
                last_with_members
                    .and_then(|i| Some((*members_by_value(&hit.chart, i).first()?, i))),
            ),
            "Escape" => Some(None),
            _ => None,
        };
    };
    let order = |i: usize| members_by_value(&hit.chart, i);
    let next = match key {
        "Escape" => None,
        "ArrowUp" | "ArrowDown" => {
            let o = order(year);
            let at = o.iter().position(|&k| k == series).unwrap_or(0);
            let to = if key == "ArrowUp" {
                at.saturating_sub(1)
            } else {
                (at + 1).min(o.len().saturating_sub(1))
            };
            o.get(to).map(|&k| (k, year)).or(now)
        }
        "ArrowLeft" | "ArrowRight" => {
            let to = if key == "ArrowLeft" {
                year.checked_sub(1)
            } else {
                (year + 1 < years).then_some(year + 1)
            };
            match to {
                None => now,
                Some(y) => {
                    let o = order(y);
                    if o.contains(&series) {
                        Some((series, y))
                    } else {
                        o.first().map(|&k| (k, y)).or(now)
                    }
                }
            }
        }
        _ => return None,
    };
    Some(next)
}

/// The sentence the tip says: "Skövde 2019: 18,7".
pub(super) fn tip_text(hit: &LineHit, (series, year): Picked, lang: Lang) -> String {
    let s = &hit.chart.series[series];
    let y = hit.chart.years[year];
    let v = s.values[year].map_or_else(
        || "–".to_owned(),
        |v| format_number(v, hit.chart.decimals, lang),
    );
    format!("{} {y}: {v}", s.label)
}

/// The overlay over the chart: the member's whole line drawn dark on top, a ring at the
/// picked year, and the tip beside it (in the picture's coordinates, scaled with it).
pub(super) fn overlay_html(hit: &LineHit, picked: Picked, lang: Lang) -> String {
    let (w, h) = hit.size;
    let s = &hit.chart.series[picked.0];
    let mut h_ = Html::markup("<svg class=\"highlight\" aria-hidden=\"true\" viewBox=\"0 0 ");
    h_.t(&format!("{w} {h}"))
        .m("\" preserveAspectRatio=\"none\">");
    // The line, split where a value is missing.
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, h_: &mut Html| {
        if run.len() > 1 {
            h_.m("<polyline points=\"").t(&run.join(" ")).m("\"/>");
        }
        run.clear();
    };
    for (y, v) in hit.chart.years.iter().zip(&s.values) {
        match v {
            Some(v) => {
                let (x, py) = hit.layout.px(*y, *v);
                run.push(format!("{x:.1},{py:.1}"));
            }
            None => flush(&mut run, &mut h_),
        }
    }
    flush(&mut run, &mut h_);
    let (x, y) =
        s.values[picked.1].map_or((0.0, 0.0), |v| hit.layout.px(hit.chart.years[picked.1], v));
    h_.m("<circle r=\"6\" cx=\"")
        .t(&format!("{x:.1}"))
        .m("\" cy=\"")
        .t(&format!("{y:.1}"))
        .m("\"/></svg>");
    // The tip at the point, flipped to its left in the right half.
    let (left, top) = (x / f64::from(w) * 100.0, y / f64::from(h) * 100.0);
    let side = if left > 60.0 { "right" } else { "left" };
    let pos = if side == "left" { left } else { 100.0 - left };
    h_.m("<div class=\"tip line-tip\" data-testid=\"line-tip\" role=\"status\" style=\"")
        .t(&format!(
            "{side}:calc({pos:.2}% + 10px);top:calc({top:.2}% + 10px)"
        ))
        .m("\">")
        .t(&tip_text(hit, picked, lang))
        .m("</div>");
    h_.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use muni_chart::{LineSeries, SeriesRole, line_chart_svg_with_layout};

    fn hit() -> LineHit {
        let member = |code: &str, label: &str, values: Vec<Option<f64>>| LineSeries {
            code: code.into(),
            label: label.into(),
            values,
            role: SeriesRole::Member,
        };
        let chart = LineChart {
            from_zero: true,
            title: "SYNTHETIC".into(),
            subtitle: "MWh".into(),
            source: "SYNTHETIC".into(),
            years: vec![2018, 2019, 2020],
            series: vec![
                member("0001", "<Alfa>", vec![Some(1.0), Some(2.0), Some(3.0)]),
                member("0002", "Beta", vec![Some(5.0), None, Some(6.0)]),
                member("0003", "Gamma", vec![Some(9.0), Some(8.5), None]),
            ],
            decimals: 1,
            lang: Lang::Sv,
            breaks: vec![],
            caption: String::new(),
            ceiling: None,
        };
        let (_, layout) = line_chart_svg_with_layout(&chart, 960, 540).unwrap();
        LineHit {
            chart,
            layout,
            size: (960, 540),
        }
    }

    #[test]
    fn the_keys_move_between_members_and_years() {
        let h = hit();
        // The first arrow: the highest member in the last year with members.
        let start = step(&h, None, "ArrowDown").unwrap();
        assert_eq!(start, Some((1, 2)));
        assert_eq!(step(&h, start, "ArrowDown").unwrap(), Some((0, 2)));
        assert_eq!(
            step(&h, Some((0, 2)), "ArrowDown").unwrap(),
            Some((0, 2)),
            "the lowest stays"
        );
        // Left: Beta has no 2019 value, so the highest member of 2019.
        assert_eq!(step(&h, start, "ArrowLeft").unwrap(), Some((2, 1)));
        assert_eq!(step(&h, Some((2, 1)), "ArrowLeft").unwrap(), Some((2, 0)));
        assert_eq!(step(&h, Some((2, 0)), "ArrowLeft").unwrap(), Some((2, 0)));
        assert_eq!(step(&h, start, "Escape").unwrap(), None);
        assert_eq!(step(&h, start, "a"), None);
    }

    #[test]
    fn the_overlay_is_escaped_and_says_name_year_and_value() {
        let h = hit();
        let html = overlay_html(&h, (0, 1), Lang::Sv);
        assert!(
            html.contains("&lt;Alfa&gt; 2019: 2,0") && !html.contains("<Alfa>"),
            "{html}"
        );
        assert_eq!(html.matches("<polyline").count(), 1);
        // Beta's line is two points apart by a gap: no line, only the ring.
        let html = overlay_html(&h, (1, 0), Lang::En);
        assert_eq!(html.matches("<polyline").count(), 0);
        assert!(html.contains("Beta 2018: 5.0"), "{html}");
        // The pointer on Gamma's 2019 point finds it.
        let (x, y) = h.layout.px(2019, 8.5);
        assert_eq!(at_pointer(&h, (x, y + 3.0), 12.0), Some((2, 1)));
    }
}

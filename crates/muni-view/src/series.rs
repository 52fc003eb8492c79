//! Building chart specs from the published model: which values, labels, title and source line
//! a view shows. Pure functions over `Catalog` and `IndicatorFile`, shared by the browser and
//! the command line so that both draw exactly the same figures.

use std::ops::RangeInclusive;

use muni_model::{Catalog, IndicatorFile, IndicatorMeta, Lang, RegionLevel, Status};

use crate::spec::{
    Bar, Ceiling, LineChart, LineSeries, RankingChart, Reference, SeriesRole, Withheld,
    colour_slots,
};

pub const NETWORK_MEDIAN: &str = muni_model::RegionCode::NETWORK_MEDIAN;
pub const RIKET: &str = muni_model::RegionCode::RIKET;

/// `Källa: SCB, Kommunal och regional energistatistik (EN0203 …), hämtad 2022-12-01.`
pub fn source_line(meta: &IndicatorMeta, lang: Lang) -> String {
    muni_model::source_line(meta, lang)
}

/// The display name of a region or group in `lang`.
pub fn region_name(catalog: &Catalog, code: &str, lang: Lang) -> String {
    catalog.region_name(code, lang)
}

/// A value as a chart shows it: published values, and the network median also when it is over
/// the members that reported (`incomplete`). Everything else is a gap.
fn shown(region: &str, v: Option<f64>, st: Status) -> Option<f64> {
    match st {
        Status::Ok => v,
        Status::Incomplete if region == NETWORK_MEDIAN => v,
        _ => None,
    }
}

/// The time series of `regions` over `years`, with the network median (and Riket, for ratios,
/// where it shares the scale) as references.
pub fn line_chart(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    regions: &[String],
    context: &[String],
    years: RangeInclusive<u16>,
    lang: Lang,
) -> LineChart {
    let idx: Vec<usize> = file
        .years
        .iter()
        .enumerate()
        .filter(|(_, y)| years.contains(y))
        .map(|(i, _)| i)
        .collect();
    let year_list: Vec<u16> = idx.iter().map(|&i| file.years[i]).collect();
    let values_of = |code: &str| -> Option<Vec<Option<f64>>> {
        let s = file.series(code)?;
        Some(
            idx.iter()
                .map(|&i| shown(code, s.values[i], s.status[i]))
                .collect(),
        )
    };
    let mut series = Vec::new();
    for (code, slot) in regions.iter().zip(colour_slots(regions)) {
        if let Some(values) = values_of(code) {
            series.push(LineSeries {
                code: code.to_string(),
                label: region_name(catalog, code, lang),
                values,
                role: SeriesRole::Selected(slot),
            });
        }
    }
    for code in context.iter().filter(|c| !regions.contains(c)) {
        if let Some(values) = values_of(code) {
            series.push(LineSeries {
                code: code.to_string(),
                label: region_name(catalog, code, lang),
                values,
                role: SeriesRole::Member,
            });
        }
    }
    // Riket shares the scale only for ratios (per inhabitant, shares), not for totals.
    let mut references = vec![(NETWORK_MEDIAN, SeriesRole::Median)];
    if !meta.additive {
        references.push((RIKET, SeriesRole::Country));
    }
    for (code, role) in references {
        if regions.iter().any(|r| r == code) {
            continue;
        }
        if let Some(values) = values_of(code) {
            series.push(LineSeries {
                code: code.to_string(),
                label: region_name(catalog, code, lang),
                values,
                role,
            });
        }
    }
    let mut subtitle = meta.unit.label().get(lang).to_owned();
    if meta.rate {
        subtitle.push_str(match lang {
            Lang::Sv => " (axeln börjar inte vid 0)",
            Lang::En => " (the axis does not start at 0)",
        });
    }
    let mut chart = LineChart {
        from_zero: !meta.rate,
        title: meta.title.get(lang).to_owned(),
        subtitle,
        source: source_line(meta, lang),
        years: year_list,
        series,
        decimals: meta.unit.decimals(),
        lang,
        breaks: meta.breaks.clone(),
        caption: String::new(),
        ceiling: None,
    };
    focus(&mut chart);
    chart
}

/// Chooses a focused scale when a few context lines lie far above the rest (Oxelösund's
/// energy use per inhabitant is twenty times the median), more than two and a half times the
/// highest of the selection, the references and nine in ten of the context values: the axis
/// then stops a little above those, and the subtitle names
/// the lines cut off with their highest values. Recomputed from the values as they are (call
/// it again after indexing); a chart without context lines is never cut.
pub fn focus(chart: &mut LineChart) {
    chart.ceiling = None;
    let values = |front: bool| {
        chart
            .series
            .iter()
            .filter(move |s| (s.role == SeriesRole::Member) != front)
            .flat_map(|s| s.values.iter().flatten().copied())
            .filter(|v| v.is_finite())
    };
    let front = values(true).fold(f64::NEG_INFINITY, f64::max);
    let mut context: Vec<f64> = values(false).collect();
    if context.is_empty() {
        return;
    }
    muni_model::sort::sort_by(&mut context, f64::total_cmp);
    let p90 = context[(context.len() - 1) * 9 / 10];
    let base = front.max(p90);
    let top = context[context.len() - 1];
    if base <= 0.0 || top <= 2.5 * base {
        return;
    }
    let value = round_up_2(base * 1.1);
    let mut above: Vec<(String, f64)> = chart
        .series
        .iter()
        .filter(|s| s.role == SeriesRole::Member)
        .filter_map(|s| {
            let max = s
                .values
                .iter()
                .flatten()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            (max > value).then(|| (s.label.clone(), max))
        })
        .collect();
    muni_model::sort::sort_by(&mut above, |a, b| b.1.total_cmp(&a.1));
    let lang = chart.lang;
    let decimals = if value >= 100.0 { 0 } else { chart.decimals };
    let num = |v: f64| muni_model::format_number(v, decimals, lang);
    let mut names: Vec<String> = above
        .iter()
        .take(3)
        .map(|(n, v)| format!("{n} ({})", num(*v)))
        .collect();
    if above.len() > 3 {
        names.push(match lang {
            Lang::Sv => format!("{} till", above.len() - 3),
            Lang::En => format!("{} more", above.len() - 3),
        });
    }
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let and = if lang == Lang::Sv { " och " } else { " and " };
            format!("{}{and}{last}", rest.join(", "))
        }
        _ => names.concat(),
    };
    chart.subtitle.push_str(&match lang {
        Lang::Sv => format!(". Skalan slutar vid {}; över den: {list}", num(value)),
        Lang::En => format!(". The scale stops at {}; above it: {list}", num(value)),
    });
    chart.ceiling = Some(Ceiling { value, above });
}

/// `x` rounded up to two significant digits (319 → 320, 0.0734 → 0.074).
fn round_up_2(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return x;
    }
    let step = 10f64.powi(x.log10().floor() as i32 - 1);
    (x / step).ceil() * step
}

/// Which municipalities a ranking covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankingScope {
    /// All 290.
    Sweden,
    /// The network's members.
    Network,
}

/// The network median and (where it shares the scale: not for totals) Riket in year `i`, as
/// a ranking's reference lines.
fn ranking_references(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    i: usize,
    lang: Lang,
) -> Vec<Reference> {
    let mut refs = vec![(NETWORK_MEDIAN, SeriesRole::Median)];
    if !meta.additive {
        refs.push((RIKET, SeriesRole::Country));
    }
    refs.into_iter()
        .filter_map(|(code, role)| {
            let s = file.series(code)?;
            let v = shown(code, s.values[i], s.status[i])?;
            Some(Reference {
                label: format!(
                    "{} {}",
                    region_name(catalog, code, lang),
                    muni_model::format_number(v, meta.unit.decimals(), lang)
                ),
                value: v,
                role,
            })
        })
        .collect()
}

/// One bar per municipality of `scope` with a published value in `year`, in rank order (ties by
/// name); the selected ones coloured, a selected one outside the network added to the network's
/// ranking and marked as not a member; those without a value listed with the reason; the
/// network median (and Riket, where it shares the scale) as reference lines.
pub fn ranking_chart(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    year: u16,
    scope: RankingScope,
    highlight: &[String],
    lang: Lang,
) -> RankingChart {
    let members: Vec<&str> = catalog.network().iter().map(|m| m.as_str()).collect();
    let slots = colour_slots(highlight);
    let slot = |code: &str| highlight.iter().position(|h| h == code).map(|k| slots[k]);
    let mut bars: Vec<Bar> = Vec::new();
    let mut withheld: Vec<Withheld> = Vec::new();
    let mut references: Vec<Reference> = Vec::new();
    if let Some(i) = file.years.iter().position(|&y| y == year) {
        for s in &file.series {
            let code = s.region.as_str();
            let member = members.contains(&code);
            let picked = slot(code);
            let in_scope = s.region.level() == RegionLevel::Municipality
                && (scope == RankingScope::Sweden || member || picked.is_some());
            if !in_scope {
                continue;
            }
            let mut label = region_name(catalog, code, lang);
            if scope == RankingScope::Network && !member {
                label.push_str(match lang {
                    Lang::Sv => " (ej medlem)",
                    Lang::En => " (not a member)",
                });
            }
            match (s.values[i], s.status[i]) {
                (Some(v), Status::Ok) => bars.push(Bar {
                    label,
                    value: v,
                    highlight: picked,
                }),
                (_, st) => withheld.push(Withheld {
                    label,
                    reason: match (st, lang) {
                        (Status::Confidential, Lang::Sv) => "sekretess".into(),
                        (Status::Confidential, Lang::En) => "confidential".into(),
                        (_, Lang::Sv) => "uppgift saknas".into(),
                        (_, Lang::En) => "no figure".into(),
                    },
                    highlight: picked,
                }),
            }
        }
        references = ranking_references(catalog, meta, file, i, lang);
    }
    // In rank order: place 1 first (the lowest value where rank 1 is the lowest).
    let descending = meta.rank_descending;
    muni_model::sort::sort_by(&mut bars, |a, b| {
        let by_value = if descending {
            b.value.total_cmp(&a.value)
        } else {
            a.value.total_cmp(&b.value)
        };
        by_value.then_with(|| a.label.cmp(&b.label))
    });
    // A member the file has no row for at all has no figure either.
    if scope == RankingScope::Network {
        for code in members.iter().filter(|c| file.series(c).is_none()) {
            withheld.push(Withheld {
                label: region_name(catalog, code, lang),
                reason: match lang {
                    Lang::Sv => "uppgift saknas".into(),
                    Lang::En => "no figure".into(),
                },
                highlight: slot(code),
            });
        }
    }
    muni_model::sort::sort_by(&mut withheld, |a, b| a.label.cmp(&b.label));
    let scope_text = match (scope, lang) {
        (RankingScope::Sweden, Lang::Sv) => "alla kommuner",
        (RankingScope::Sweden, Lang::En) => "all municipalities",
        (RankingScope::Network, Lang::Sv) => "nätverkets kommuner",
        (RankingScope::Network, Lang::En) => "the network's municipalities",
    };
    RankingChart {
        title: format!("{} {year}", meta.title.get(lang)),
        subtitle: format!("{}, {scope_text}", meta.unit.label().get(lang)),
        source: source_line(meta, lang),
        bars,
        references,
        withheld,
        decimals: meta.unit.decimals(),
        lang,
        caption: String::new(),
    }
}

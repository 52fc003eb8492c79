//! What the dashboard shows, as pure functions of the catalog, an indicator file and the URL
//! state: tested natively, so the leptos components only wire signals to them.

use muni_chart::series::{RankingScope, line_chart, ranking_chart};
use muni_chart::{LineChart, RankingChart};
use muni_model::{
    Catalog, ChartQuery, IndicatorFile, IndicatorMeta, Lang, Measure, Region, RegionLevel, Scope,
    Status, format_number, index_values,
};

/// The indicator shown when the URL names none (or a stale one).
pub const DEFAULT_INDICATOR: &str = "energy_final_use_industry_per_inhabitant";

/// Folds for search: lower case; å/ä/ö kept (they are letters of their own in Swedish).
fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Municipalities whose name contains `text` (case-insensitive), those starting with it first,
/// then alphabetically; at most `limit`.
pub fn search<'a>(catalog: &'a Catalog, text: &str, limit: usize) -> Vec<&'a Region> {
    let t = fold(text.trim());
    if t.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(bool, &Region)> = catalog
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .filter_map(|r| {
            let name = fold(&r.name);
            name.contains(&t).then(|| (!name.starts_with(&t), r))
        })
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    hits.into_iter().take(limit).map(|(_, r)| r).collect()
}

/// The indicator the query asks for, or the default; `None` only if the catalog has neither.
pub fn indicator<'a>(catalog: &'a Catalog, q: &ChartQuery) -> Option<&'a IndicatorMeta> {
    q.indicator
        .as_deref()
        .and_then(|id| catalog.indicator(id))
        .or_else(|| catalog.indicator(DEFAULT_INDICATOR))
        .or(catalog.indicators.first())
}

/// Members of the query's groups (`network`, `lanNN`), in code order.
pub fn group_members(catalog: &Catalog, q: &ChartQuery) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in &q.groups {
        if g == "network" {
            if let Some(net) = catalog.groups.iter().find(|x| x.id.as_str() == "network") {
                out.extend(net.members.iter().map(|m| m.as_str().to_owned()));
            }
        } else if let Some(county) = g.strip_prefix("lan") {
            out.extend(
                catalog
                    .regions
                    .iter()
                    .filter(|r| r.county.as_ref().is_some_and(|c| c.as_str() == county))
                    .map(|r| r.code.as_str().to_owned()),
            );
        }
    }
    out.sort();
    out.dedup();
    out
}

pub fn selected(q: &ChartQuery) -> Vec<String> {
    q.municipalities
        .iter()
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// The year range of a series view, clamped to the indicator's years.
pub fn year_range(file: &IndicatorFile, q: &ChartQuery) -> (u16, u16) {
    let (first, last) = (
        file.years.first().copied().unwrap_or(0),
        file.years.last().copied().unwrap_or(0),
    );
    match q.years {
        Some((a, b)) => (a.clamp(first, last), b.clamp(first, last)),
        None => (first, last),
    }
}

/// The series chart of the view, with the index measure applied.
pub fn series_chart(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> LineChart {
    let (a, b) = year_range(file, q);
    let mut chart = line_chart(
        catalog,
        meta,
        file,
        &selected(q),
        &group_members(catalog, q),
        a..=b,
        q.lang,
    );
    if let Measure::Index { base } = q.measure {
        for s in &mut chart.series {
            s.values = index_values(&chart.years, &s.values, base);
        }
        chart.subtitle = match q.lang {
            Lang::Sv => format!("Index, {base} = 100"),
            Lang::En => format!("Index, {base} = 100"),
        };
        chart.decimals = 1;
    }
    chart
}

/// The ranking year: the query's if the indicator has it, else the latest with a published value.
pub fn ranking_year(meta: &IndicatorMeta, q: &ChartQuery) -> Option<u16> {
    q.year
        .filter(|y| meta.years.contains(y))
        .or(meta.years.last().copied())
}

pub fn ranking(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Option<RankingChart> {
    let year = ranking_year(meta, q)?;
    let scope = match q.scope {
        Scope::Network => RankingScope::Network,
        Scope::Sweden => RankingScope::Sweden,
    };
    Some(ranking_chart(
        catalog,
        meta,
        file,
        year,
        scope,
        &selected(q),
        q.lang,
    ))
}

/// The accessible table behind a series chart: one row per line, one column per year, the
/// chart's own numbers formatted for the language, withheld values marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

/// `..` for confidential (as SCB writes it), `–` for missing, `(ofullst.)` never: an incomplete
/// group value is shown with its number.
pub fn cell_text(value: Option<f64>, status: Status, decimals: usize, lang: Lang) -> String {
    match (value, status) {
        (Some(v), Status::Ok | Status::Incomplete) => format_number(v, decimals, lang),
        (_, Status::Confidential) => "..".into(),
        _ => "–".into(),
    }
}

pub fn series_table(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Table {
    let chart = series_chart(catalog, meta, file, q);
    let status_of = |code: &str, year: u16| -> Status {
        let i = file.years.iter().position(|&y| y == year);
        file.series(code)
            .zip(i)
            .map_or(Status::Missing, |(s, i)| s.status[i])
    };
    let first = match q.lang {
        Lang::Sv => "Region",
        Lang::En => "Region",
    };
    let mut header = vec![first.to_owned()];
    header.extend(chart.years.iter().map(|y| y.to_string()));
    let rows = chart
        .series
        .iter()
        .map(|s| {
            let cells = s
                .values
                .iter()
                .zip(&chart.years)
                .map(|(v, y)| {
                    let st = if v.is_some() {
                        Status::Ok
                    } else {
                        status_of(&s.code, *y)
                    };
                    cell_text(*v, st, chart.decimals, q.lang)
                })
                .collect();
            (s.label.clone(), cells)
        })
        .collect();
    Table { header, rows }
}

/// One line of a municipality's profile: an indicator's latest published value, its ranks and
/// its change since the first published year.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRow {
    pub id: String,
    pub theme: muni_model::Theme,
    pub title: String,
    pub year: Option<u16>,
    pub value: String,
    pub unit: String,
    pub rank_national: String,
    pub rank_network: String,
    pub change: String,
}

/// The profile of municipality `code` over every indicator with data in `files`.
pub fn profile(
    catalog: &Catalog,
    files: &[(IndicatorMeta, IndicatorFile)],
    code: &str,
    lang: Lang,
) -> Vec<ProfileRow> {
    let members = catalog
        .groups
        .iter()
        .find(|g| g.id.as_str() == "network")
        .map_or(0, |g| g.members.len());
    files
        .iter()
        .filter_map(|(meta, file)| {
            let s = file.series(code)?;
            let latest = (0..file.years.len())
                .rev()
                .find(|&i| s.status[i] == Status::Ok);
            let first = (0..file.years.len()).find(|&i| s.status[i] == Status::Ok);
            let decimals = meta.unit.decimals();
            let (year, value, rn, rw) = match latest {
                Some(i) => (
                    Some(file.years[i]),
                    s.values[i].map_or_else(String::new, |v| format_number(v, decimals, lang)),
                    s.rank_national[i].map_or_else(String::new, |r| format!("{r} / 290")),
                    s.rank_network[i].map_or_else(String::new, |r| format!("{r} / {members}")),
                ),
                None => (
                    None,
                    t_status(s.status.last().copied().unwrap_or(Status::Missing), lang),
                    String::new(),
                    String::new(),
                ),
            };
            let change = match (first, latest) {
                (Some(a), Some(b)) if b > a => match (s.values[a], s.values[b]) {
                    (Some(x), Some(y)) if x != 0.0 => {
                        let pct = 100.0 * (y - x) / x.abs();
                        let sign = if pct > 0.0 { "+" } else { "" };
                        let since = match lang {
                            Lang::Sv => "sedan",
                            Lang::En => "since",
                        };
                        format!(
                            "{sign}{} % {since} {}",
                            format_number(pct, 1, lang),
                            file.years[a]
                        )
                    }
                    _ => String::new(),
                },
                _ => String::new(),
            };
            Some(ProfileRow {
                id: meta.id.clone(),
                theme: meta.theme,
                title: meta.title.get(lang).to_owned(),
                year,
                value,
                unit: meta.unit.label().get(lang).to_owned(),
                rank_national: rn,
                rank_network: rw,
                change,
            })
        })
        .collect()
}

fn t_status(status: Status, lang: Lang) -> String {
    match (status, lang) {
        (Status::Confidential, Lang::Sv) => "sekretess".into(),
        (Status::Confidential, Lang::En) => "confidential".into(),
        (_, Lang::Sv) => "saknas".into(),
        (_, Lang::En) => "missing".into(),
    }
}

/// The municipality of a profile: the query's, else the first selected, else the first member.
pub fn profile_code(catalog: &Catalog, q: &ChartQuery) -> Option<String> {
    q.profile
        .as_ref()
        .or(q.municipalities.first())
        .map(|m| m.as_str().to_owned())
        .or_else(|| {
            catalog
                .groups
                .iter()
                .find(|g| g.id.as_str() == "network")
                .and_then(|g| g.members.first())
                .map(|m| m.as_str().to_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        serde_json::from_slice(
            &std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../public/data/catalog.json"
            ))
            .unwrap(),
        )
        .unwrap()
    }

    fn file(id: &str) -> IndicatorFile {
        let p = format!(
            "{}/../../public/data/indicators/{id}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
    }

    #[test]
    fn search_finds_by_prefix_then_substring_with_swedish_letters() {
        let c = catalog();
        let names: Vec<&str> = search(&c, "öst", 10)
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert!(names.contains(&"Östhammar"), "{names:?}");
        // Prefix matches (Öster…, Östhammar, Östra Göinge…) before substring ones (…öst…).
        let first_inner = names
            .iter()
            .position(|n| !n.to_lowercase().starts_with("öst"))
            .unwrap_or(names.len());
        assert!(
            names[first_inner..]
                .iter()
                .all(|n| !n.to_lowercase().starts_with("öst")),
            "{names:?}"
        );
        assert!(first_inner >= 3, "{names:?}");
        assert_eq!(search(&c, "ÖSTHAMMAR", 10)[0].name, "Östhammar");
        assert_eq!(
            search(&c, "hammar", 10)
                .iter()
                .filter(|r| r.name == "Östhammar")
                .count(),
            1
        );
        assert!(search(&c, "  ", 10).is_empty());
        assert_eq!(search(&c, "a", 5).len(), 5);
    }

    #[test]
    fn default_view_shows_the_network() {
        let c = catalog();
        let (q, _) = ChartQuery::parse("");
        let meta = indicator(&c, &q).unwrap();
        assert_eq!(meta.id, DEFAULT_INDICATOR);
        assert_eq!(group_members(&c, &q).len(), 24);
        let f = file(&meta.id);
        let chart = series_chart(&c, meta, &f, &q);
        assert!(
            chart.series.len() >= 24,
            "the members as context lines plus references"
        );
    }

    #[test]
    fn table_has_the_charts_numbers_and_marks_withheld_values() {
        let c = catalog();
        let (q, _) = ChartQuery::parse("i=electricity_production_total&r=0382&g=&y=2014-2020");
        let meta = indicator(&c, &q).unwrap();
        let f = file(&meta.id);
        let chart = series_chart(&c, meta, &f, &q);
        let table = series_table(&c, meta, &f, &q);
        assert_eq!(
            table.header[1..],
            ["2014", "2015", "2016", "2017", "2018", "2019", "2020"]
        );
        let (label, cells) = &table.rows[0];
        assert_eq!(label, "Östhammar");
        assert_eq!(cells[5], "24\u{a0}277\u{a0}961");
        assert_eq!(cells[1], "..", "2015 is confidential");
        for (s, (l, cells)) in chart.series.iter().zip(&table.rows) {
            assert_eq!(&s.label, l);
            for (v, cell) in s.values.iter().zip(cells) {
                if let Some(v) = v {
                    assert_eq!(cell, &format_number(*v, chart.decimals, Lang::Sv));
                }
            }
        }
    }

    #[test]
    fn profile_of_osthammar() {
        let c = catalog();
        let files: Vec<(IndicatorMeta, IndicatorFile)> = [
            "electricity_production_total",
            "population",
            "procurement_count",
        ]
        .iter()
        .map(|id| (c.indicator(id).unwrap().clone(), file(id)))
        .collect();
        let rows = profile(&c, &files, "0382", Lang::Sv);
        assert_eq!(rows.len(), 3);
        let el = &rows[0];
        assert_eq!(
            (el.year, el.value.as_str()),
            (Some(2020), "22\u{a0}594\u{a0}907")
        );
        assert!(
            el.rank_network.ends_with("/ 24") && el.rank_national.ends_with("/ 290"),
            "{el:?}"
        );
        assert!(el.change.contains("sedan 2005"), "{el:?}");
        let pop = &rows[1];
        assert_eq!(pop.year, Some(2023));
        assert!(
            pop.change.starts_with('+')
                || pop.change.starts_with('\u{2212}')
                || pop.change.starts_with('-'),
            "{pop:?}"
        );
        let (q, _) = ChartQuery::parse("v=profile&p=2584");
        assert_eq!(profile_code(&c, &q).as_deref(), Some("2584"));
        let (q, _) = ChartQuery::parse("v=profile");
        assert_eq!(profile_code(&c, &q).as_deref(), Some("0181"));
    }

    #[test]
    fn index_measure_and_stale_indicator() {
        let c = catalog();
        let (q, _) = ChartQuery::parse("i=population&r=0180&g=&m=index&b=2000&y=2000-2001");
        let meta = indicator(&c, &q).unwrap();
        let chart = series_chart(&c, meta, &file("population"), &q);
        assert_eq!(chart.series[0].values[0], Some(100.0));
        assert!(chart.subtitle.contains("2000 = 100"));
        let (q, _) = ChartQuery::parse("i=no_such_indicator");
        assert_eq!(indicator(&c, &q).unwrap().id, DEFAULT_INDICATOR);
    }
}

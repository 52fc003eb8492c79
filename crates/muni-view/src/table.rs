//! The tables behind the charts (series and rankings), their sorting, and the map's tip.

use muni_model::{
    Catalog, ChartQuery, Html, IndicatorFile, IndicatorMeta, Lang, Scope, Status, format_number,
};

use crate::tr;
use crate::view::{ranking_year, series_chart};

/// A table behind a chart: a header, then one row per line (series) or bar (ranking); the
/// chart's own numbers formatted for the language, withheld values marked. Every cell keeps a
/// sort key so that any column sorts by its numbers, not its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The region's code (`0382`, `00`, `network_median`).
    pub code: String,
    /// The first column: the region's name.
    pub label: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// `None` (a gap) sorts last in either direction.
    pub key: Option<f64>,
}

/// A Swedish sort key: å, ä, ö after z, in that order; case folded.
pub fn sv_key(s: &str) -> Vec<u32> {
    s.chars()
        .map(muni_model::fold_sv)
        .map(|c| match c {
            'å' => 'z' as u32 + 1,
            'ä' | 'æ' => 'z' as u32 + 2,
            'ö' | 'ø' => 'z' as u32 + 3,
            'é' | 'è' => 'e' as u32,
            'ü' => 'y' as u32,
            c => c as u32,
        })
        .collect()
}

/// Sorts by column `col` (0 = the name), ascending or not; gaps last, ties by name.
pub fn sort_table(table: &mut Table, col: usize, ascending: bool) {
    use std::cmp::Ordering;
    let by_name = |a: &Row, b: &Row| sv_key(&a.label).cmp(&sv_key(&b.label));
    muni_model::sort::sort_by(&mut table.rows, |a, b| {
        if col == 0 {
            let o = by_name(a, b);
            return if ascending { o } else { o.reverse() };
        }
        let (x, y) = (
            a.cells.get(col - 1).and_then(|c| c.key),
            b.cells.get(col - 1).and_then(|c| c.key),
        );
        let o = match (x, y) {
            (Some(x), Some(y)) if ascending => x.total_cmp(&y),
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        o.then_with(|| by_name(a, b))
    });
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
                    Cell {
                        text: cell_text(*v, st, chart.decimals, q.lang),
                        key: *v,
                    }
                })
                .collect();
            Row {
                code: s.code.clone(),
                label: s.label.clone(),
                cells,
            }
        })
        .collect();
    Table { header, rows }
}

/// How many municipalities have a rank in year index `i` (nationally, or in the network).
pub fn ranked_count(file: &IndicatorFile, i: usize, network: bool) -> usize {
    file.ranked(
        if network {
            Scope::Network
        } else {
            Scope::Sweden
        },
        i,
    )
}

/// The published year before `year`, the one a change in rank is measured from.
fn previous_year(meta: &IndicatorMeta, year: u16) -> Option<u16> {
    meta.years.iter().rev().find(|&&y| y < year).copied()
}

/// Places climbed (`+`) or lost (`−`) since `prev`; `–` without both ranks.
fn rank_change_text(now: Option<u16>, before: Option<u16>) -> (String, Option<f64>) {
    match (now, before) {
        (Some(n), Some(b)) => {
            let d = i32::from(b) - i32::from(n);
            let text = match d.cmp(&0) {
                std::cmp::Ordering::Greater => format!("+{d}"),
                std::cmp::Ordering::Less => format!("\u{2212}{}", -d),
                std::cmp::Ordering::Equal => "0".into(),
            };
            (text, Some(f64::from(d)))
        }
        _ => ("–".into(), None),
    }
}

/// The table behind a ranking: the ranked municipalities in rank order, with value, rank in the
/// network, rank in Sweden and the change in rank (in the chosen scope) since the year before.
pub fn ranking_table(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Option<Table> {
    let year = ranking_year(meta, q)?;
    let i = file.years.iter().position(|&y| y == year)?;
    let prev = previous_year(meta, year);
    let j = prev.and_then(|p| file.years.iter().position(|&y| y == p));
    let decimals = meta.unit.decimals();
    let l = q.lang;
    let (nat_n, net_n) = (ranked_count(file, i, false), ranked_count(file, i, true));
    let mut header = vec![
        tr(l, "Kommun", "Municipality").to_owned(),
        format!("{year} ({})", meta.unit.label().get(l)),
        format!(
            "{} ({net_n})",
            tr(l, "Plats i nätverket", "Rank in the network")
        ),
        format!("{} ({nat_n})", tr(l, "Plats i Sverige", "Rank in Sweden")),
    ];
    header.push(match prev {
        Some(p) => format!(
            "{} {p}",
            tr(l, "Förändring i plats sedan", "Change in rank since")
        ),
        None => tr(l, "Förändring i plats", "Change in rank").to_owned(),
    });
    let rank_cell = |r: Option<u16>| Cell {
        text: r.map_or_else(|| "–".into(), |r| r.to_string()),
        key: r.map(f64::from),
    };
    // A map's table is all of Sweden, with the municipalities that have no value too (last);
    // the network's ranking lists its members without a value (last, with why) and the
    // selected municipalities outside it, as its chart does.
    let map = q.view.is_map();
    let scope = if map { Scope::Sweden } else { q.scope };
    let listed = |code: &str| {
        map || (scope == Scope::Network
            && (file.network.iter().any(|m| m.as_str() == code)
                || q.municipalities.iter().any(|m| m.as_str() == code)))
    };
    let mut rows: Vec<(u16, Row)> = file
        .series
        .iter()
        .filter_map(|s| {
            let r = match s.rank(scope, i) {
                Some(r) => r,
                None if s.region.level() == muni_model::RegionLevel::Municipality
                    && listed(s.region.as_str()) =>
                {
                    u16::MAX
                }
                None => return None,
            };
            let now = (r != u16::MAX).then_some(r);
            let (text, key) = rank_change_text(now, j.and_then(|j| s.rank(scope, j)));
            Some((
                r,
                Row {
                    code: s.region.as_str().to_owned(),
                    label: crate::series::region_name(catalog, s.region.as_str(), l),
                    cells: vec![
                        Cell {
                            text: cell_text(s.values[i], s.status[i], decimals, l),
                            key: s.values[i],
                        },
                        rank_cell(s.rank_network[i]),
                        rank_cell(s.rank_national[i]),
                        Cell { text, key },
                    ],
                },
            ))
        })
        .collect();
    muni_model::sort::sort_by(&mut rows, |a, b| {
        a.0.cmp(&b.0)
            .then_with(|| sv_key(&a.1.label).cmp(&sv_key(&b.1.label)))
    });
    Some(Table {
        header,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    })
}

/// What a pointer on the map shows: name, value with unit and place in Sweden, or why there
/// is no value.
pub fn map_tip(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
    code: &str,
) -> String {
    let l = q.lang;
    let name = crate::series::region_name(catalog, code, l);
    let Some((year, i)) =
        ranking_year(meta, q).and_then(|y| Some((y, file.years.iter().position(|&x| x == y)?)))
    else {
        return name;
    };
    let Some(s) = file.series(code) else {
        return format!("{name} {year}: {}", tr(l, "inget värde", "no value"));
    };
    let value = cell_text(s.values[i], s.status[i], meta.unit.decimals(), l);
    match (s.rank_national[i], s.status[i]) {
        (Some(r), _) => format!(
            "{name} {year}: {value} {}, {} {r} {} {}",
            meta.unit.label().get(l),
            tr(l, "plats", "rank"),
            tr(l, "av", "of"),
            ranked_count(file, i, false)
        ),
        (None, Status::Confidential) => format!(
            "{name} {year}: {}",
            tr(l, "sekretessbelagt (..)", "confidential (..)")
        ),
        _ => format!("{name} {year}: {}", tr(l, "inget värde", "no value")),
    }
}

/// A table's rows as HTML, every text escaped, each row carrying its region code (rows of
/// text need no leptos views, which cost the download).
pub fn rows_html(t: &Table) -> Html {
    let mut h = Html::new();
    for r in &t.rows {
        h.m("<tr data-code=\"")
            .t(&r.code)
            .m("\"><th scope=\"row\">")
            .t(&r.label)
            .m("</th>");
        for c in &r.cells {
            h.m("<td>").t(&c.text).m("</td>");
        }
        h.m("</tr>");
    }
    h
}

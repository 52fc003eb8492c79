//! A municipality's profile: every indicator's latest value, places and change, and the
//! profile in a sentence.

use std::borrow::Borrow;

use muni_model::{
    Catalog, ChartQuery, Html, IndicatorFile, IndicatorMeta, Lang, Status, Unit, format_number,
};

use crate::table::ranked_count;
use crate::tr;
/// A place in a ranking: `rank` among the `of` municipalities with a published value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub rank: u16,
    pub of: usize,
    /// How many others have the same place (the same value).
    pub shared: usize,
}

impl Place {
    /// As the profile's table writes it: `3 / 24`, or `3 / 24 (delad med 20)`.
    pub fn text(self, lang: Lang) -> String {
        if self.shared == 0 {
            format!("{} / {}", self.rank, self.of)
        } else {
            format!(
                "{} / {} ({} {})",
                self.rank,
                self.of,
                tr(lang, "delad med", "shared with"),
                self.shared
            )
        }
    }
}

/// The place of a rank among those ranked in year `i`, with how many share it.
fn place(file: &IndicatorFile, i: usize, rank: u16, network: bool) -> Place {
    let scope = if network {
        muni_model::Scope::Network
    } else {
        muni_model::Scope::Sweden
    };
    let same = file
        .series
        .iter()
        .filter(|s| s.rank(scope, i) == Some(rank))
        .count();
    Place {
        rank,
        of: ranked_count(file, i, network),
        shared: same.saturating_sub(1),
    }
}

/// One line of a municipality's profile: an indicator's latest published value, its ranks and
/// its change since the first published year.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRow {
    pub id: muni_model::IndicatorId,
    pub theme: muni_model::Theme,
    pub title: String,
    pub year: Option<u16>,
    pub value: String,
    pub unit: String,
    pub rank_national: Option<Place>,
    pub rank_network: Option<Place>,
    pub change: String,
    /// The latest published value is 0 (for most indicators: none of it).
    pub zero: bool,
}

/// The profile of municipality `code` over every indicator with data in `files`.
pub fn profile<F: Borrow<IndicatorFile>>(
    files: &[(IndicatorMeta, F)],
    code: &str,
    lang: Lang,
) -> Vec<ProfileRow> {
    files
        .iter()
        .filter_map(|(meta, file)| {
            let file: &IndicatorFile = file.borrow();
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
                    s.rank_national[i].map(|rank| place(file, i, rank, false)),
                    s.rank_network[i].map(|rank| place(file, i, rank, true)),
                ),
                None => (
                    None,
                    t_status(s.status.last().copied().unwrap_or(Status::Missing), lang),
                    None,
                    None,
                ),
            };
            let change = match (first, latest) {
                (Some(a), Some(b)) if b > a => match (s.values[a], s.values[b]) {
                    // A share changes in percentage points (as in the summaries), anything
                    // else in per cent of itself.
                    (Some(x), Some(y)) if meta.unit == Unit::Percent => {
                        let d = y - x;
                        let sign = if d > 0.0 { "+" } else { "" };
                        let (unit, since) = match lang {
                            Lang::Sv => ("procentenheter", "sedan"),
                            Lang::En => ("percentage points", "since"),
                        };
                        format!(
                            "{sign}{} {unit} {since} {}",
                            format_number(d, 1, lang),
                            file.years[a]
                        )
                    }
                    (Some(x), Some(y)) if x != 0.0 => {
                        let pct = 100.0 * (y - x) / x.abs();
                        let sign = if pct > 0.0 { "+" } else { "" };
                        let since = match lang {
                            Lang::Sv => "sedan",
                            Lang::En => "since",
                        };
                        format!(
                            "{sign}{}\u{a0}% {since} {}",
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
                zero: latest.and_then(|i| s.values[i]) == Some(0.0),
            })
        })
        .collect()
}

/// The profile in a sentence: where the municipality ranks best (in the network if it is a
/// member, else in Sweden), with place, count and year as the table gives them.
pub fn profile_summary(rows: &[ProfileRow], name: &str, lang: Lang) -> String {
    let member = rows.iter().any(|r| r.rank_network.is_some());
    let mut best: Vec<(u16, String)> = rows
        .iter()
        .filter_map(|r| {
            let p = if member {
                r.rank_network
            } else {
                r.rank_national
            }?;
            // Praise only for a place that means something: not one most share, not a zero
            // that means "none" (a municipality without nuclear power is not "best" at it).
            if p.shared * 2 >= p.of || r.zero || p.of < 3 {
                return None;
            }
            let title = crate::summary::lower_first(&r.title);
            let shared = match (p.shared, lang) {
                (0, _) => String::new(),
                (1, Lang::Sv) => " med 1 annan".into(),
                (1, Lang::En) => " with 1 other".into(),
                (n, Lang::Sv) => format!(" med {n} andra"),
                (n, Lang::En) => format!(" with {n} others"),
            };
            Some((
                p.rank,
                format!(
                    "{title} ({}{} {} {} {}{shared}, {})",
                    if p.shared > 0 {
                        tr(lang, "delad ", "shared ")
                    } else {
                        ""
                    },
                    tr(lang, "plats", "rank"),
                    p.rank,
                    tr(lang, "av", "of"),
                    p.of,
                    r.year?
                ),
            ))
        })
        .collect();
    muni_model::sort::sort_by(&mut best, |a, b| a.0.cmp(&b.0));
    let scope = match (member, lang) {
        (true, Lang::Sv) => "i nätverket",
        (false, Lang::Sv) => "i Sverige",
        (true, Lang::En) => "in the network",
        (false, Lang::En) => "in Sweden",
    };
    match best.as_slice() {
        [] if rows.iter().any(|r| r.rank_national.is_some()) => format!(
            "{name}: {}",
            tr(
                lang,
                "ingen placering att lyfta fram (delade platser och nollvärden räknas inte).",
                "no place to point out (shared places and zero values do not count)."
            )
        ),
        [] => format!(
            "{name}: {}",
            tr(lang, "inga rangordnade värden.", "no ranked values.")
        ),
        [only] => format!(
            "{name} {} {scope}: {}.",
            tr(lang, "placerar sig bäst", "ranks best"),
            only.1
        ),
        [a, b, ..] => format!(
            "{name} {} {scope}: {} {} {}.",
            tr(lang, "placerar sig bäst", "ranks best"),
            a.1,
            tr(lang, "och", "and"),
            b.1
        ),
    }
}

fn t_status(status: Status, lang: Lang) -> String {
    match (status, lang) {
        (Status::Confidential, Lang::Sv) => "sekretess".into(),
        (Status::Confidential, Lang::En) => "confidential".into(),
        (_, Lang::Sv) => "saknas".into(),
        (_, Lang::En) => "missing".into(),
    }
}

/// The profile's sentence and table as escaped HTML (built by the lazy module): each
/// indicator's title is a button whose `data-indicator` the dashboard reads to open it.
pub fn profile_html<F: Borrow<IndicatorFile>>(
    catalog: &Catalog,
    files: &[(IndicatorMeta, F)],
    code: &str,
    l: Lang,
) -> Html {
    let rows = profile(files, code, l);
    let said = profile_summary(&rows, &catalog.region_name(code, l), l);
    let mut h = Html::markup("<p class=\"summary\" data-testid=\"summary\">");
    h.t(&said)
        .m("</p><table data-testid=\"profile-table\"><thead><tr>");
    for head in [
        tr(l, "Indikator", "Indicator"),
        tr(l, "År", "Year"),
        tr(l, "Värde", "Value"),
        tr(l, "Enhet", "Unit"),
        tr(l, "Plats i Sverige", "Rank in Sweden"),
        tr(l, "Plats i nätverket", "Rank in the network"),
        tr(l, "Förändring", "Change"),
    ] {
        h.m("<th scope=\"col\">").t(head).m("</th>");
    }
    h.m("</tr></thead><tbody>");
    for r in rows {
        h.m("<tr data-id=\"")
            .t(r.id.as_str())
            .m("\"><th scope=\"row\"><button class=\"link\" data-indicator=\"")
            .t(r.id.as_str())
            .m("\">")
            .t(&r.title)
            .m("</button></th><td>")
            .t(&r.year.map(|y| y.to_string()).unwrap_or_default())
            .m("</td><td>")
            .t(&r.value)
            .m("</td><td class=\"unit\">")
            .t(&r.unit)
            .m("</td><td>")
            .t(&r.rank_national.map(|p| p.text(l)).unwrap_or_default())
            .m("</td><td>")
            .t(&r.rank_network.map(|p| p.text(l)).unwrap_or_default())
            .m("</td><td>")
            .t(&r.change)
            .m("</td></tr>");
    }
    h.m("</tbody></table>");
    h
}

/// The municipality of a profile: the query's, else the first selected, else the first member.
pub fn profile_code(catalog: &Catalog, q: &ChartQuery) -> Option<String> {
    q.profile
        .as_ref()
        .or(q.municipalities.first())
        .map(|m| m.as_str().to_owned())
        .or_else(|| catalog.network().first().map(|m| m.as_str().to_owned()))
}

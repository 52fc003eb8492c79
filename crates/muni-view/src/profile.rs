//! A municipality's profile: every indicator's latest value, places and change, and the
//! profile in a sentence.

use std::borrow::Borrow;

use muni_model::extract::Dialect;
use muni_model::{
    Catalog, ChartQuery, Html, IndicatorFile, IndicatorMeta, Lang, Status, Theme, Unit,
    format_number,
};

pub use crate::spark::{
    SPARK_MEDIAN, SPARK_OWN, SPARK_YEARS, Spark, SparkPaths, spark_elements, sparkline_svg,
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
    /// The change alone (`+1,7 procentenheter`), and the year it is counted from.
    pub change_value: String,
    pub since: Option<u16>,
    /// The change as a number: in percentage points for a share, else in per cent.
    pub change_number: Option<f64>,
    /// A share (per cent): its change is in percentage points.
    pub share: bool,
    /// The latest published value is 0 (for most indicators: none of it).
    pub zero: bool,
    /// The latest published value as a number (for the profile's CSV).
    pub raw: Option<f64>,
    /// The last years of the municipality's series against the network median.
    pub spark: Spark,
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
            let (change_value, since, change_number) = match (first, latest) {
                (Some(a), Some(b)) if b > a => match (s.values[a], s.values[b]) {
                    // A share changes in percentage points (as in the summaries), anything
                    // else in per cent of itself.
                    (Some(x), Some(y)) if meta.unit == Unit::Percent => {
                        let d = y - x;
                        let sign = if d > 0.0 { "+" } else { "" };
                        let unit = tr(lang, "procentenheter", "percentage points");
                        (
                            format!("{sign}{} {unit}", format_number(d, 1, lang)),
                            Some(file.years[a]),
                            Some(d),
                        )
                    }
                    (Some(x), Some(y)) if x != 0.0 => {
                        let pct = 100.0 * (y - x) / x.abs();
                        let sign = if pct > 0.0 { "+" } else { "" };
                        (
                            format!("{sign}{}\u{a0}%", format_number(pct, 1, lang)),
                            Some(file.years[a]),
                            Some(pct),
                        )
                    }
                    _ => (String::new(), None, None),
                },
                _ => (String::new(), None, None),
            };
            let change = match since {
                Some(y) => format!("{change_value} {} {y}", tr(lang, "sedan", "since")),
                None => String::new(),
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
                change_value,
                since,
                change_number,
                share: meta.unit == Unit::Percent,
                zero: latest.and_then(|i| s.values[i]) == Some(0.0),
                raw: latest.and_then(|i| s.values[i]),
                spark: Spark::of(file, s),
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
            let shared = others(p, lang).map_or(String::new(), |o| format!(" {o}"));
            Some((
                p.rank,
                format!("{title} ({}{shared}, {})", place_of(p, lang), r.year?),
            ))
        })
        .collect();
    muni_model::sort::sort_by(&mut best, |a, b| a.0.cmp(&b.0));
    let scope = scope_words(member, lang);
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

/// The themes in the order a brief takes them: industry jobs, energy, procurement and
/// population first, then skills.
pub const BRIEF_THEMES: [Theme; 5] = [
    Theme::Employment,
    Theme::Energy,
    Theme::Procurement,
    Theme::Population,
    Theme::Skills,
];

/// The headline figures at the top of a profile, where the catalog has them.
pub const KEY_FIGURES: [&str; 5] = [
    "employment_industry",
    "employment_industry_share",
    "energy_final_use_per_inhabitant",
    "procurement_value_per_inhabitant",
    "population",
];

/// The rows by theme, in [`BRIEF_THEMES`]' order (each theme's rows in catalog order); themes
/// without a row are left out.
pub fn by_theme(rows: &[ProfileRow]) -> Vec<(Theme, Vec<&ProfileRow>)> {
    BRIEF_THEMES
        .iter()
        .map(|&t| (t, rows.iter().filter(|r| r.theme == t).collect::<Vec<_>>()))
        .filter(|(_, r)| !r.is_empty())
        .collect()
}

/// The headline rows that have a published value, in [`KEY_FIGURES`]' order.
pub fn key_figures(rows: &[ProfileRow]) -> Vec<&ProfileRow> {
    KEY_FIGURES
        .iter()
        .filter_map(|id| {
            rows.iter()
                .find(|r| r.id.as_str() == *id && r.year.is_some())
        })
        .collect()
}

/// A place in words for a key figure: "plats 2 av 24 i nätverket", "delad plats 3 av 23 i
/// nätverket, med 20 andra".
pub fn place_words(p: Place, network: bool, lang: Lang) -> String {
    let scope = scope_words(network, lang);
    let shared = others(p, lang).map_or(String::new(), |o| format!(", {o}"));
    format!("{} {scope}{shared}", place_of(p, lang))
}

/// "i nätverket" or "i Sverige".
fn scope_words(network: bool, lang: Lang) -> &'static str {
    match (network, lang) {
        (true, Lang::Sv) => "i nätverket",
        (false, Lang::Sv) => "i Sverige",
        (true, Lang::En) => "in the network",
        (false, Lang::En) => "in Sweden",
    }
}

/// "plats 3 av 23", "delad plats 3 av 23" where others have the same value.
fn place_of(p: Place, lang: Lang) -> String {
    format!(
        "{}{} {} {} {}",
        if p.shared > 0 {
            tr(lang, "delad ", "shared ")
        } else {
            ""
        },
        tr(lang, "plats", "rank"),
        p.rank,
        tr(lang, "av", "of"),
        p.of
    )
}

/// Who shares a place: "med 20 andra", "with 1 other"; none if nobody does.
fn others(p: Place, lang: Lang) -> Option<String> {
    match (p.shared, lang) {
        (0, _) => None,
        (1, Lang::Sv) => Some("med 1 annan".into()),
        (1, Lang::En) => Some("with 1 other".into()),
        (n, Lang::Sv) => Some(format!("med {n} andra")),
        (n, Lang::En) => Some(format!("with {n} others")),
    }
}

/// What a sparkline shows, for its text alternative.
fn spark_label(name: &str, r: &ProfileRow, l: Lang) -> String {
    let span = match (r.spark.years.first(), r.spark.years.last()) {
        (Some(a), Some(b)) if a != b => format!(", {a}–{b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    match l {
        Lang::Sv => format!("{name} (heldragen) mot nätverkets median (streckad){span}"),
        Lang::En => format!("{name} (solid) against the network median (dashed){span}"),
    }
}

/// The profile's CSV: one line per indicator with its latest value, places and change.
pub fn profile_csv(rows: &[ProfileRow], name: &str, dialect: Dialect, l: Lang) -> String {
    use muni_model::extract::{csv_line, csv_number, csv_text};
    let mut out = String::new();
    if dialect == Dialect::ExcelSv {
        out.push('\u{feff}');
    }
    let head = match l {
        Lang::Sv => [
            "kommun",
            "tema",
            "indikator_id",
            "indikator",
            "år",
            "värde",
            "enhet",
            "plats_nätverket",
            "antal_nätverket",
            "plats_sverige",
            "antal_sverige",
            "förändring",
            "förändring_enhet",
            "sedan_år",
        ],
        Lang::En => [
            "municipality",
            "theme",
            "indicator_id",
            "indicator",
            "year",
            "value",
            "unit",
            "rank_network",
            "of_network",
            "rank_sweden",
            "of_sweden",
            "change",
            "change_unit",
            "since_year",
        ],
    };
    csv_line(&head.map(str::to_owned), dialect, &mut out);
    let n = |v: Option<usize>| v.map_or_else(String::new, |v| v.to_string());
    for (theme, group) in by_theme(rows) {
        for r in group {
            csv_line(
                &[
                    csv_text(name),
                    csv_text(theme.name().get(l)),
                    csv_text(r.id.as_str()),
                    csv_text(&r.title),
                    r.year.map_or_else(String::new, |y| y.to_string()),
                    r.raw.map_or_else(String::new, |v| csv_number(v, dialect)),
                    csv_text(&r.unit),
                    n(r.rank_network.map(|p| usize::from(p.rank))),
                    n(r.rank_network.map(|p| p.of)),
                    n(r.rank_national.map(|p| usize::from(p.rank))),
                    n(r.rank_national.map(|p| p.of)),
                    r.change_number.map_or_else(String::new, |v| {
                        csv_number((v * 10.0).round() / 10.0, dialect)
                    }),
                    match (r.change_number, r.share) {
                        (None, _) => String::new(),
                        (Some(_), true) => tr(l, "procentenheter", "percentage points").to_owned(),
                        (Some(_), false) => tr(l, "procent", "per cent").to_owned(),
                    },
                    r.since.map_or_else(String::new, |y| y.to_string()),
                ],
                dialect,
                &mut out,
            );
        }
    }
    out
}

/// The stem of a profile's file names: `industrikommuner_profil_skovde_dv872d7f57` (the CSV
/// adds `.csv`, the brief `.pdf` or `.svg`).
pub fn profile_file_stem(catalog: &Catalog, name: &str, l: Lang) -> String {
    let version = catalog
        .data_version
        .as_ref()
        .map_or(String::new(), |v| format!("_dv{}", v.id));
    format!(
        "industrikommuner_{}_{}{version}",
        tr(l, "profil", "profile"),
        muni_model::extract::slug(name)
    )
}

// Long: one page of markup, in reading order: the sentence, the actions, the key figures and
// a table per theme, each cell escaped as it is written.
/// The profile as escaped HTML (built by the lazy module): the sentence, a print button and
/// the CSV, the headline figures, then a table per theme with each indicator's sparkline
/// against the network median; each title a button whose `data-indicator` the dashboard reads.
pub fn profile_html<F: Borrow<IndicatorFile>>(
    catalog: &Catalog,
    files: &[(IndicatorMeta, F)],
    code: &str,
    l: Lang,
) -> Html {
    let rows = profile(files, code, l);
    let name = catalog.region_name(code, l);
    let said = profile_summary(&rows, &name, l);
    let mut h = Html::markup("<p class=\"summary\" data-testid=\"summary\">");
    h.t(&said).m("</p>");
    let csv = profile_csv(&rows, &name, Dialect::ExcelSv, l);
    h.m("<p class=\"profile-actions\"><button type=\"button\" data-action=\"print\" data-testid=\"profile-print\">")
        .t(tr(l, "Skriv ut eller spara som PDF", "Print or save as PDF"))
        .m("</button> <a data-testid=\"profile-csv\" download=\"")
        .t(&Dialect::ExcelSv.file_name(&format!("{}.csv", profile_file_stem(catalog, &name, l))))
        .m("\" href=\"data:text/csv;charset=utf-8,")
        .t(&muni_model::deck::percent_encode(&csv))
        .m("\">")
        .t(tr(l, "Ladda ner profilen (CSV för Excel)", "Download the profile (CSV for Excel)"))
        .m("</a></p>");
    let keys = key_figures(&rows);
    if !keys.is_empty() {
        h.m("<ul class=\"key-figures\" data-testid=\"key-figures\">");
        for r in keys {
            h.m("<li data-id=\"")
                .t(r.id.as_str())
                .m("\"><span class=\"k-title\">")
                .t(&r.title)
                .m("</span><strong>")
                .t(&r.value)
                .m("</strong> <span class=\"k-unit\">")
                .t(&r.unit)
                .m(", ")
                .t(&r.year.map(|y| y.to_string()).unwrap_or_default())
                .m("</span>");
            if let Some(p) = r.rank_network.map(|p| place_words(p, true, l)) {
                h.m("<span class=\"k-place\">").t(&p).m("</span>");
            } else if let Some(p) = r.rank_national.map(|p| place_words(p, false, l)) {
                h.m("<span class=\"k-place\">").t(&p).m("</span>");
            }
            h.h(&sparkline_svg(&r.spark, 120, 30, &spark_label(&name, r, l)));
            h.m("</li>");
        }
        h.m("</ul>");
    }
    let heads = [
        tr(l, "Indikator", "Indicator"),
        tr(l, "Utveckling mot median", "Trend against median"),
        tr(l, "Värde", "Value"),
        tr(l, "År", "Year"),
        tr(l, "Plats i nätverket", "Rank in the network"),
        tr(l, "Plats i Sverige", "Rank in Sweden"),
        tr(l, "Förändring", "Change"),
    ];
    h.m("<div data-testid=\"profile-table\">");
    for (theme, group) in by_theme(&rows) {
        h.m("<section class=\"theme\" data-theme=\"")
            .t(&format!("{theme:?}").to_lowercase())
            .m("\"><h3>")
            .t(theme.name().get(l))
            .m("</h3><table><thead><tr>");
        for head in heads {
            h.m("<th scope=\"col\">").t(head).m("</th>");
        }
        h.m("</tr></thead><tbody>");
        for r in group {
            let cell = |h: &mut Html, label: &str, class: &str| {
                h.m("<td data-label=\"").t(label).m("\"");
                if !class.is_empty() {
                    h.m(" class=\"").t(class).m("\"");
                }
                h.m(">");
            };
            h.m("<tr data-id=\"")
                .t(r.id.as_str())
                .m("\"><th scope=\"row\"><button class=\"link\" data-indicator=\"")
                .t(r.id.as_str())
                .m("\">")
                .t(&r.title)
                .m("</button></th>");
            cell(&mut h, heads[1], "spark-cell");
            h.h(&sparkline_svg(&r.spark, 96, 24, &spark_label(&name, r, l)));
            h.m("</td>");
            cell(&mut h, heads[2], "value");
            h.t(&r.value)
                .m(" <span class=\"unit\">")
                .t(&r.unit)
                .m("</span></td>");
            cell(&mut h, heads[3], "");
            h.t(&r.year.map(|y| y.to_string()).unwrap_or_default())
                .m("</td>");
            cell(&mut h, heads[4], "");
            h.t(&r.rank_network.map(|p| p.text(l)).unwrap_or_default())
                .m("</td>");
            cell(&mut h, heads[5], "");
            h.t(&r.rank_national.map(|p| p.text(l)).unwrap_or_default())
                .m("</td>");
            cell(&mut h, heads[6], "");
            h.t(&r.change).m("</td></tr>");
        }
        h.m("</tbody></table></section>");
    }
    h.m("</div>");
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

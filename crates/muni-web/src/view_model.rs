//! What the dashboard shows, as pure functions of the catalog, an indicator file and the URL
//! state: tested natively, so the leptos components only wire signals to them.

pub use muni_chart::view::{
    group_members, indicator, ranking, ranking_year, selected, series_chart, year_range,
};
use muni_model::{
    Catalog, ChartQuery, IndicatorFile, IndicatorMeta, Lang, Region, RegionLevel, Scope, Status,
    Unit, View, format_number,
};

pub use muni_chart::view::DEFAULT_INDICATOR;

/// Folds for search: lower case; å/ä/ö kept (they are letters of their own in Swedish).
fn fold(s: &str) -> String {
    s.chars().map(muni_model::fold_sv).collect()
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
    muni_model::sort::sort_by(&mut hits, |a, b| {
        a.0.cmp(&b.0)
            .then_with(|| sv_key(&a.1.name).cmp(&sv_key(&b.1.name)))
    });
    hits.into_iter().take(limit).map(|(_, r)| r).collect()
}

/// The pixel size to draw a chart at for a page `viewport` CSS pixels wide: the width it is
/// shown at (at most 960, at least 320); 16:9 on wide screens, taller on phones; a ranking tall
/// enough for each of its `bars` to be named when it names them all.
pub fn chart_size(viewport: u32, bars: usize, map: bool) -> (u32, u32) {
    let w = viewport.saturating_sub(32).clamp(320, 960);
    if map {
        // Sweden is tall: a map needs height more than width.
        return (w, (w * 4 / 5).max(560));
    }
    let h = if w >= 720 { w * 9 / 16 } else { w * 5 / 4 };
    let named = if bars <= 40 {
        bars as u32 * 20 + 170
    } else {
        0
    };
    (w, h.max(named))
}

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
    // A map's table is all of Sweden, with the municipalities that have no value too (last).
    let map = q.view.is_map();
    let scope = if map { Scope::Sweden } else { q.scope };
    let mut rows: Vec<(u16, Row)> = file
        .series
        .iter()
        .filter_map(|s| {
            let r = match s.rank(scope, i) {
                Some(r) => r,
                None if map && s.region.level() == muni_model::RegionLevel::Municipality => {
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
                    label: muni_chart::series::region_name(catalog, s.region.as_str(), l),
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
    let name = muni_chart::series::region_name(catalog, code, l);
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

/// A table's rows as HTML text, every text escaped, each row carrying its region code (rows of
/// text need no leptos views, which cost the download).
pub fn rows_html(t: &Table) -> String {
    let mut h = String::new();
    for r in &t.rows {
        h.push_str(&format!(
            "<tr data-code=\"{}\"><th scope=\"row\">{}</th>",
            html_escape(&r.code),
            html_escape(&r.label)
        ));
        for c in &r.cells {
            h.push_str(&format!("<td>{}</td>", html_escape(&c.text)));
        }
        h.push_str("</tr>");
    }
    h
}

fn tr(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// The rows of the view as an analyst downloads them, and the file's name: for a series or a
/// table, every line of the chart over its years (index applied); for a ranking, every ranked
/// municipality in the ranking's year. Exactly the table's numbers, in full precision.
pub fn view_extract(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
    dialect: muni_model::extract::Dialect,
) -> (String, String) {
    use muni_model::extract::{file_name, to_csv, view_rows};
    let (codes, years, measure) = view_selection(catalog, meta, file, q);
    let rows = view_rows(catalog, meta, file, &codes, &years, measure, q.lang);
    let span = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    (
        to_csv(&rows, dialect),
        file_name(meta, measure, span, "csv"),
    )
}

/// What the view's CSV holds: the regions in the table's order, the years and the measure.
/// (The dashboard sends these to the lazy module, which writes the file as [`view_extract`].)
pub fn view_selection(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> (Vec<String>, Vec<u16>, muni_model::Measure) {
    match q.view {
        View::Ranking | View::Map | View::Tiles => {
            let year = ranking_year(meta, q).unwrap_or(0);
            let codes = ranking_table(catalog, meta, file, q)
                .map(|t| t.rows.into_iter().map(|r| r.code).collect())
                .unwrap_or_default();
            (codes, vec![year], muni_model::Measure::AsPublished)
        }
        _ => {
            let chart = series_chart(catalog, meta, file, q);
            let codes = chart.series.into_iter().map(|s| s.code).collect();
            // A rate is never indexed (as the chart draws it).
            let measure = if meta.rate {
                muni_model::Measure::AsPublished
            } else {
                q.measure
            };
            (codes, chart.years, measure)
        }
    }
}

/// The "download and share" panel as HTML text (the embed snippet escaped): controls with the
/// test ids the browser tests use, buttons with a `data-action` for the panel's one handler.
pub fn export_panel_html(l: Lang, machine: bool, dark: bool, snippet: &str) -> String {
    let checked = |on: bool| if on { " checked" } else { "" };
    format!(
        concat!(
            "<fieldset><legend>{csv}</legend>",
            "<label><input type=\"radio\" name=\"dialect\" value=\"excel_sv\" data-action=\"dialect\" data-testid=\"dialect-excel\"{excel_on}>{excel}</label>",
            "<label><input type=\"radio\" name=\"dialect\" value=\"machine\" data-action=\"dialect\" data-testid=\"dialect-machine\"{machine_on}>{machine}</label>",
            "<button data-action=\"csv\" data-testid=\"download-csv\">{download_csv}</button></fieldset>",
            "<fieldset><legend>{picture}</legend><label>{size} <select data-testid=\"picture-size\">",
            "<option value=\"1920\">1920 × 1080 (16:9)</option><option value=\"1280\">1280 × 720 (16:9)</option>",
            "<option value=\"960\">{screen}</option></select></label>",
            "<button data-action=\"png\" data-testid=\"download-png\">PNG</button>",
            "<button data-action=\"svg\" data-testid=\"download-svg\">SVG</button>",
            "<button data-action=\"copy\" data-testid=\"copy-png\">{copy}</button></fieldset>",
            "<fieldset><legend>{embed}</legend>",
            "<label><input type=\"checkbox\" data-action=\"dark\"{dark_on}>{dark}</label>",
            "<textarea readonly rows=\"4\" data-testid=\"embed-snippet\" aria-label=\"{code}\">{snippet}</textarea></fieldset>"
        ),
        csv = tr(l, "Data i den här vyn (CSV)", "Data in this view (CSV)"),
        excel_on = checked(!machine),
        excel = tr(
            l,
            " Excel (svenska: semikolon, decimalkomma)",
            " Excel (Swedish: semicolon, decimal comma)"
        ),
        machine_on = checked(machine),
        machine = tr(
            l,
            " Maskinläsbar (komma, decimalpunkt: pandas, R)",
            " Machine-readable (comma, decimal point: pandas, R)"
        ),
        download_csv = tr(l, "Ladda ner CSV", "Download CSV"),
        picture = tr(l, "Diagrammet som bild", "The chart as a picture"),
        size = tr(l, "Storlek", "Size"),
        screen = tr(l, "960 × 540 (skärm)", "960 × 540 (screen)"),
        copy = tr(l, "Kopiera bild", "Copy picture"),
        embed = tr(l, "Bädda in", "Embed"),
        dark_on = checked(dark),
        dark = tr(l, " Mörkt tema", " Dark theme"),
        code = tr(l, "Kod för inbäddning", "Embed code"),
        snippet = html_escape(snippet),
    )
}

pub use muni_model::html_escape;

/// The HTML a presenter pastes into a page: an iframe of the embed view with a title for
/// screen readers, and a script that sets its height from the embed's messages.
pub fn embed_snippet(page: &str, q: &ChartQuery, title: &str) -> String {
    let mut e = q.clone();
    e.embed = true;
    let src = format!("{page}{}", e.to_query_string());
    format!(
        "<iframe src=\"{}\" title=\"{}\" style=\"width:100%;height:640px;border:0\" loading=\"lazy\"></iframe>\n<script>addEventListener('message',function(e){{var d=e.data;if(!d||d.type!=='industrikommuner:height')return;document.querySelectorAll('iframe').forEach(function(f){{if(f.contentWindow===e.source)f.style.height=d.height+'px'}})}});</script>",
        html_escape(&src),
        html_escape(title)
    )
}

/// A place in a ranking: `rank` among the `of` municipalities with a published value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub rank: u16,
    pub of: usize,
}

impl Place {
    /// As the profile's table writes it: `3 / 24`.
    pub fn text(self) -> String {
        format!("{} / {}", self.rank, self.of)
    }
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
    pub rank_national: Option<Place>,
    pub rank_network: Option<Place>,
    pub change: String,
}

/// The profile of municipality `code` over every indicator with data in `files`.
pub fn profile(
    files: &[(IndicatorMeta, IndicatorFile)],
    code: &str,
    lang: Lang,
) -> Vec<ProfileRow> {
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
                    s.rank_national[i].map(|rank| Place {
                        rank,
                        of: ranked_count(file, i, false),
                    }),
                    s.rank_network[i].map(|rank| Place {
                        rank,
                        of: ranked_count(file, i, true),
                    }),
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
            let title = muni_chart::summary::lower_first(&r.title);
            Some((
                p.rank,
                format!(
                    "{title} ({} {} {} {}, {})",
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

/// The municipality of a profile: the query's, else the first selected, else the first member.
pub fn profile_code(catalog: &Catalog, q: &ChartQuery) -> Option<String> {
    q.profile
        .as_ref()
        .or(q.municipalities.first())
        .map(|m| m.as_str().to_owned())
        .or_else(|| catalog.network().first().map(|m| m.as_str().to_owned()))
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
        let first = &table.rows[0];
        assert_eq!(
            (first.label.as_str(), first.code.as_str()),
            ("Östhammar", "0382")
        );
        assert_eq!(first.cells[5].text, "24\u{a0}277\u{a0}961");
        assert_eq!(first.cells[5].key, Some(24_277_961.0));
        assert_eq!(first.cells[1].text, "..", "2015 is confidential");
        assert_eq!(first.cells[1].key, None);
        for (s, row) in chart.series.iter().zip(&table.rows) {
            assert_eq!((&s.label, &s.code), (&row.label, &row.code));
            for (v, cell) in s.values.iter().zip(&row.cells) {
                if let Some(v) = v {
                    assert_eq!(cell.text, format_number(*v, chart.decimals, Lang::Sv));
                }
            }
        }
    }

    #[test]
    fn a_share_in_the_profile_changes_in_percentage_points() {
        let c = catalog();
        let id = "employment_industry_share";
        let f = file(id);
        let files = vec![(c.indicator(id).unwrap().clone(), f.clone())];
        let rows = profile(&files, "0181", Lang::Sv);
        let (first, last) = (f.years[0], *f.years.last().unwrap());
        let d =
            f.value("0181", last).unwrap().0.unwrap() - f.value("0181", first).unwrap().0.unwrap();
        let sign = if d > 0.0 { "+" } else { "" };
        assert_eq!(
            rows[0].change,
            format!(
                "{sign}{} procentenheter sedan {first}",
                format_number(d, 1, Lang::Sv)
            )
        );
        let en = profile(&files, "0181", Lang::En);
        assert!(
            en[0].change.contains("percentage points since"),
            "{:?}",
            en[0]
        );
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
        let rows = profile(&files, "0382", Lang::Sv);
        assert_eq!(rows.len(), 3);
        let el = &rows[0];
        assert_eq!(
            (el.year, el.value.as_str()),
            (Some(2020), "22\u{a0}594\u{a0}907")
        );
        // Out of the municipalities with a published value that year, not out of all 290.
        let f = &files[0].1;
        let last = f.years.len() - 1;
        assert_eq!(
            el.rank_national.map(Place::text),
            Some(format!("1 / {}", ranked_count(f, last, false)))
        );
        assert_eq!(
            el.rank_network,
            Some(Place {
                rank: 1,
                of: ranked_count(f, last, true)
            })
        );
        assert!(ranked_count(f, last, true) < 24 && ranked_count(f, last, false) < 290);
        assert!(el.change.contains("sedan 2005"), "{el:?}");
        let pop = &rows[1];
        assert_eq!(pop.year, Some(2024));
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

    #[test]
    fn ranking_table_is_in_rank_order_with_both_ranks_and_the_change() {
        let c = catalog();
        let (q, _) = ChartQuery::parse("i=electricity_production_total&r=0382&v=ranking&t=2019");
        let meta = indicator(&c, &q).unwrap();
        let f = file(&meta.id);
        let t = ranking_table(&c, meta, &f, &q).unwrap();
        assert!(t.header[4].ends_with("sedan 2018"), "{:?}", t.header);
        let i = f.years.iter().position(|&y| y == 2019).unwrap();
        assert_eq!(t.rows.len(), ranked_count(&f, i, true));
        let ranks: Vec<f64> = t.rows.iter().map(|r| r.cells[1].key.unwrap()).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        let o = t.rows.iter().find(|r| r.code == "0382").unwrap();
        assert_eq!(o.cells[0].text, "24\u{a0}277\u{a0}961");
        let s = f.series("0382").unwrap();
        let (now, before) = (s.rank_network[i].unwrap(), s.rank_network[i - 1].unwrap());
        assert_eq!(o.cells[3].key, Some(f64::from(before) - f64::from(now)));
        // The summary gives the table's place and its change.
        let said = muni_chart::summary::summary(&c, meta, &f, &q);
        let moved = match i32::from(before) - i32::from(now) {
            0 => "samma plats som 2018".to_owned(),
            d if d > 0 => format!("upp {d} plats"),
            d => format!("ned {} plats", -d),
        };
        assert!(
            said[0].contains(&format!("plats {now} av {}", ranks.len()))
                && said[0].contains(&moved),
            "{said:?}"
        );
        // All of Sweden: every municipality with a published value, a change for most.
        let (q, _) = ChartQuery::parse(
            "i=electricity_production_total&r=0382&v=ranking&t=2019&s=sweden&lang=en",
        );
        let t = ranking_table(&c, meta, &f, &q).unwrap();
        assert_eq!(t.rows.len(), ranked_count(&f, i, false));
        assert!(t.rows.len() > 150);
        assert!(t.header[4].ends_with("since 2018"), "{:?}", t.header);
        let said = muni_chart::summary::summary(&c, meta, &f, &q);
        assert!(said[0].starts_with("Östhammar has Sweden's "), "{said:?}");
        assert!(
            said[0].contains(" since 2018") || said[0].contains("as in 2018"),
            "{said:?}"
        );
    }

    #[test]
    fn a_confidential_value_is_said_and_not_ranked() {
        let c = catalog();
        // Östhammar's 2015 production is confidential.
        let (q, _) = ChartQuery::parse("i=electricity_production_total&r=0382&v=ranking&t=2015");
        let meta = indicator(&c, &q).unwrap();
        let f = file(&meta.id);
        let said = muni_chart::summary::summary(&c, meta, &f, &q);
        assert_eq!(
            said,
            [
                "Östhammar: värdet för elproduktion 2015 är sekretessbelagt (för få företag) och rangordnas inte."
            ]
        );
        let t = ranking_table(&c, meta, &f, &q).unwrap();
        assert!(t.rows.iter().all(|r| r.code != "0382"));
    }

    #[test]
    fn tables_sort_by_numbers_with_gaps_last_and_names_the_swedish_way() {
        let row = |label: &str, v: Option<f64>| Row {
            code: label.into(),
            label: label.into(),
            cells: vec![Cell {
                text: String::new(),
                key: v,
            }],
        };
        let mut t = Table {
            header: vec![],
            rows: vec![
                row("Övertorneå", Some(2.0)),
                row("Arboga", None),
                row("Ängelholm", Some(10.0)),
                row("Åre", Some(-1.0)),
                row("Zinkgruvan", Some(2.0)),
            ],
        };
        let labels = |t: &Table| t.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>();
        sort_table(&mut t, 0, true);
        assert_eq!(
            labels(&t),
            ["Arboga", "Zinkgruvan", "Åre", "Ängelholm", "Övertorneå"]
        );
        sort_table(&mut t, 1, false);
        assert_eq!(
            labels(&t),
            ["Ängelholm", "Zinkgruvan", "Övertorneå", "Åre", "Arboga"]
        );
        sort_table(&mut t, 1, true);
        assert_eq!(
            labels(&t),
            ["Åre", "Zinkgruvan", "Övertorneå", "Ängelholm", "Arboga"]
        );
        sort_table(&mut t, 0, false);
        assert_eq!(labels(&t)[0], "Övertorneå");
    }

    #[test]
    fn charts_are_drawn_at_the_size_they_are_shown() {
        assert_eq!(chart_size(1920, 0, false), (960, 540));
        assert_eq!(chart_size(1024, 0, false), (960, 540));
        let (w, h) = chart_size(390, 0, false);
        assert_eq!(w, 358);
        assert!(h > w, "taller than wide on a phone: {w}×{h}");
        assert_eq!(chart_size(200, 0, false).0, 320);
        // 24 named bars on a phone: at least 20 px each.
        let (_, h) = chart_size(390, 24, false);
        assert!(h >= 24 * 20, "{h}");
        // All 290: only the selected are named, the 16:9 frame is kept.
        assert_eq!(chart_size(1280, 290, false), (960, 540));
    }

    #[test]
    fn the_views_csv_holds_exactly_the_tables_numbers() {
        use muni_model::extract::Dialect;
        let c = catalog();
        for query in [
            "i=electricity_production_total&r=0382,2284&y=2014-2020",
            "i=population&r=2284&g=&m=index&b=2000&y=2000-2005",
            "i=electricity_production_total&r=0382&v=ranking&t=2019&s=sweden",
        ] {
            let (q, _) = ChartQuery::parse(query);
            let meta = indicator(&c, &q).unwrap();
            let f = file(&meta.id);
            let (csv, name) = view_extract(&c, meta, &f, &q, Dialect::Machine);
            assert!(
                name.starts_with("industrikommuner_") && name.ends_with(".csv"),
                "{name}"
            );
            let table = if q.view == View::Ranking {
                ranking_table(&c, meta, &f, &q).unwrap()
            } else {
                series_table(&c, meta, &f, &q)
            };
            // Every number in the table, in the CSV at full precision for the same region/year.
            let lines: Vec<Vec<String>> = csv
                .lines()
                .skip(1)
                .map(|l| l.split(',').map(str::to_owned).collect())
                .collect();
            let mut compared = 0;
            for row in &table.rows {
                let cells: Vec<&Cell> = if q.view == View::Ranking {
                    vec![&row.cells[0]]
                } else {
                    row.cells.iter().collect()
                };
                for (k, cell) in cells.into_iter().enumerate() {
                    let year = if q.view == View::Ranking {
                        ranking_year(meta, &q).unwrap().to_string()
                    } else {
                        table.header[k + 1].clone()
                    };
                    let line = lines
                        .iter()
                        .find(|l| l[0] == row.code && l[6] == year)
                        .unwrap_or_else(|| panic!("{} {year} missing from the CSV", row.code));
                    let v: Option<f64> = line[7].parse().ok();
                    assert_eq!(v, cell.key, "{query}: {} {year}", row.code);
                    compared += 1;
                }
            }
            assert_eq!(
                compared,
                lines.len(),
                "{query}: the CSV has nothing the table has not"
            );
        }
    }

    #[test]
    fn the_embed_snippet_escapes_and_titles_the_iframe() {
        let (q, _) = ChartQuery::parse("i=population&r=0382");
        let s = embed_snippet("https://example.org/d/", &q, "Folkmängd \"<Östhammar>\"");
        assert!(
            s.starts_with(
                "<iframe src=\"https://example.org/d/?i=population&amp;r=0382&amp;embed=1\""
            ),
            "{s}"
        );
        assert!(
            s.contains("title=\"Folkmängd &quot;&lt;Östhammar&gt;&quot;\""),
            "{s}"
        );
        assert!(s.contains("industrikommuner:height"));
    }

    #[test]
    fn rows_are_escaped_html_with_their_codes() {
        let t = Table {
            header: vec![],
            rows: vec![Row {
                code: "0382".into(),
                label: "<Öst&hammar>".into(),
                cells: vec![Cell {
                    text: "1\u{a0}234,5".into(),
                    key: Some(1234.5),
                }],
            }],
        };
        assert_eq!(
            rows_html(&t),
            "<tr data-code=\"0382\"><th scope=\"row\">&lt;Öst&amp;hammar&gt;</th><td>1\u{a0}234,5</td></tr>"
        );
    }

    #[test]
    fn the_profile_in_a_sentence_names_the_best_places() {
        let place = |s: &str| {
            s.split_once(" / ").map(|(r, n)| Place {
                rank: r.parse().unwrap(),
                of: n.parse().unwrap(),
            })
        };
        let row = |title: &str, year, net: &str, nat: &str| ProfileRow {
            id: String::new(),
            theme: muni_model::Theme::Energy,
            title: title.into(),
            year: Some(year),
            value: String::new(),
            unit: String::new(),
            rank_national: place(nat),
            rank_network: place(net),
            change: String::new(),
        };
        let rows = vec![
            row("Folkmängd", 2023, "12 / 24", "80 / 290"),
            row("Elproduktion", 2020, "1 / 18", "2 / 250"),
            row("Industrins andel", 2020, "3 / 11", "20 / 158"),
        ];
        assert_eq!(
            profile_summary(&rows, "Östhammar", Lang::Sv),
            "Östhammar placerar sig bäst i nätverket: elproduktion (plats 1 av 18, 2020) och industrins andel (plats 3 av 11, 2020)."
        );
        let outside = vec![row("Folkmängd", 2023, "", "80 / 290")];
        assert_eq!(
            profile_summary(&outside, "Uppsala", Lang::En),
            "Uppsala ranks best in Sweden: folkmängd (rank 80 of 290, 2023)."
        );
        assert_eq!(
            profile_summary(&[], "X", Lang::Sv),
            "X: inga rangordnade värden."
        );
    }
}

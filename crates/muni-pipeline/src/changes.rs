//! What changed between two builds: every build whose data version differs from the one it
//! replaces writes a change record (new and removed indicators, new years, revised values with
//! before and after, figures that became withheld or published) as `changes/<version>.json`,
//! lists it in `changes.json` (newest first, the older records kept) and renders all of them
//! as `changes.html` ("Nytt i data" / "What's new"), a page of the site linked from every page.
//! Group figures (the network's sum and median) follow from their members and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use muni_model::{Catalog, IndicatorFile, Lang, RegionLevel, Status, format_number, html_escape};

use crate::error::{PipelineError, Result};

pub use muni_model::changes::{Change, ChangeEntry, ChangeRecord};

/// A build's catalog and indicator files, as published.
pub struct Published<'a> {
    pub catalog: &'a Catalog,
    pub files: &'a [IndicatorFile],
}

/// Values relative tolerance: a figure rewritten with the same digits is not a revision.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The change record from `old` to `new`, or `None` when their data versions are the same.
pub fn diff(old: &Published, new: &Published) -> Option<ChangeRecord> {
    let version = |c: &Catalog| c.data_version.as_ref().map(|v| v.id.clone());
    let to = version(new.catalog)?;
    let from = version(old.catalog).unwrap_or_else(|| "unversioned".into());
    if from == to {
        return None;
    }
    let ids = |c: &Catalog| -> BTreeSet<String> {
        c.indicators
            .iter()
            .filter(|m| m.file.is_some())
            .map(|m| m.id.to_string())
            .collect()
    };
    let (old_ids, new_ids) = (ids(old.catalog), ids(new.catalog));
    let kept_regions: BTreeSet<&str> = new
        .catalog
        .regions
        .iter()
        .filter(|r| r.level != RegionLevel::Group)
        .map(|r| r.code.as_str())
        .collect();
    let mut r = ChangeRecord {
        from,
        to,
        indicators_added: new_ids.difference(&old_ids).cloned().collect(),
        indicators_removed: old_ids.difference(&new_ids).cloned().collect(),
        years_added: BTreeMap::new(),
        revised: Vec::new(),
        withheld: Vec::new(),
        published: Vec::new(),
    };
    for f in new.files {
        let Some(before) = old.files.iter().find(|o| o.id == f.id) else {
            continue;
        };
        let published_years = |file: &IndicatorFile| -> BTreeSet<u16> {
            file.years
                .iter()
                .enumerate()
                .filter(|(i, _)| file.series.iter().any(|s| s.status[*i] == Status::Ok))
                .map(|(_, y)| *y)
                .collect()
        };
        let added: Vec<u16> = published_years(f)
            .difference(&published_years(before))
            .copied()
            .collect();
        if !added.is_empty() {
            r.years_added.insert(f.id.to_string(), added.clone());
        }
        for s in f
            .series
            .iter()
            .filter(|s| kept_regions.contains(s.region.as_str()))
        {
            for (i, &year) in f.years.iter().enumerate() {
                // A whole new year is said once, as a new year, not as every value in it.
                if added.contains(&year) {
                    continue;
                }
                let (after, status_after) = (s.values[i], s.status[i]);
                let (before_v, status_before) = before
                    .value(s.region.as_str(), year)
                    .unwrap_or((None, Status::Missing));
                let change = Change {
                    indicator: f.id.to_string(),
                    region_code: s.region.as_str().to_owned(),
                    year,
                    before: before_v,
                    after,
                    status_before,
                    status_after,
                };
                match (status_before == Status::Ok, status_after == Status::Ok) {
                    (true, true) => {
                        if let (Some(a), Some(b)) = (before_v, after)
                            && !same(a, b)
                        {
                            r.revised.push(change);
                        }
                    }
                    (true, false) => r.withheld.push(change),
                    (false, true) => r.published.push(change),
                    (false, false) => {}
                }
            }
        }
    }
    Some(r)
}

/// The record's line in `changes.json`.
pub fn entry(r: &ChangeRecord) -> ChangeEntry {
    ChangeEntry {
        from: r.from.clone(),
        to: r.to.clone(),
        file: format!("changes/{}.json", r.to),
        indicators_added: r.indicators_added.len(),
        years_added: r.years_added.values().map(Vec::len).sum(),
        revised: r.revised.len(),
        withheld: r.withheld.len(),
        published: r.published.len(),
    }
}

fn tr(l: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match l {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// At most this many values of each kind are listed per record on the page (the JSON has all).
const SHOWN: usize = 200;

/// `changes.html`: every record, newest first, in Swedish and then in English; every text from
/// the data escaped.
pub fn page(catalog: &Catalog, records: &[ChangeRecord]) -> String {
    let mut h = String::from(
        "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Nytt i data – Industrikommunerna i siffror</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #ccc;padding:.2rem .5rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.t{overflow-x:auto}@media (max-width:40rem){td,th{padding:.15rem .3rem;font-size:.85rem}}</style></head><body>\n",
    );
    for l in [Lang::Sv, Lang::En] {
        h.push_str(&format!(
            "<section lang=\"{}\"><h1>{}</h1><p><a href=\"../\">{}</a></p>\n",
            tr(l, "sv", "en"),
            tr(l, "Nytt i data", "What's new in the data"),
            tr(l, "Till diagrammen", "To the charts")
        ));
        if records.is_empty() {
            h.push_str(&format!(
                "<p>{}</p>",
                tr(
                    l,
                    "Inga ändringar sedan den första byggda dataversionen.",
                    "No changes since the first data version built."
                )
            ));
        }
        for r in records {
            record_html(catalog, r, l, &mut h);
        }
        h.push_str("</section>\n");
    }
    h.push_str("</body></html>\n");
    h
}

/// An indicator's title in `l`, or its id if the catalog no longer has it.
fn title(catalog: &Catalog, id: &str, l: Lang) -> String {
    catalog
        .indicator(id)
        .map_or_else(|| id.to_owned(), |m| m.title.get(l).to_owned())
}

/// A change's before and after in its unit's decimals, with more where they would look alike.
fn before_after(catalog: &Catalog, c: &Change, l: Lang) -> (String, String) {
    let shown = |v: Option<f64>, s: Status, d: usize| match (v, s) {
        (Some(v), Status::Ok) => format_number(v, d, l),
        (_, Status::Confidential) => tr(l, "sekretess", "confidential").to_owned(),
        _ => tr(l, "saknas", "missing").to_owned(),
    };
    let mut d = catalog
        .indicator(&c.indicator)
        .map_or(1, |m| m.unit.decimals());
    loop {
        let (a, b) = (
            shown(c.before, c.status_before, d),
            shown(c.after, c.status_after, d),
        );
        if a != b || d >= 6 {
            return (a, b);
        }
        d += 1;
    }
}

/// One record on the page: lists of indicators and years, tables of values.
fn record_html(catalog: &Catalog, r: &ChangeRecord, l: Lang, h: &mut String) {
    h.push_str(&format!(
        "<h2>{} {} → {}</h2>\n",
        tr(l, "Dataversion", "Data version"),
        html_escape(&r.from),
        html_escape(&r.to)
    ));
    let mut list = |head: &str, items: Vec<String>| {
        if !items.is_empty() {
            h.push_str(&format!("<h3>{head}</h3><ul>"));
            for i in items {
                h.push_str(&format!("<li>{}</li>", html_escape(&i)));
            }
            h.push_str("</ul>\n");
        }
    };
    list(
        tr(l, "Nya indikatorer", "New indicators"),
        r.indicators_added
            .iter()
            .map(|i| title(catalog, i, l))
            .collect(),
    );
    list(
        tr(l, "Borttagna indikatorer", "Removed indicators"),
        r.indicators_removed.clone(),
    );
    list(
        tr(l, "Nya år", "New years"),
        r.years_added
            .iter()
            .map(|(id, ys)| {
                let ys: Vec<String> = ys.iter().map(u16::to_string).collect();
                format!("{}: {}", title(catalog, id, l), ys.join(", "))
            })
            .collect(),
    );
    for (head, changes) in [
        (tr(l, "Reviderade värden", "Revised values"), &r.revised),
        (
            tr(
                l,
                "Värden som inte längre publiceras",
                "Values no longer published",
            ),
            &r.withheld,
        ),
        (
            tr(l, "Nyligen publicerade värden", "Newly published values"),
            &r.published,
        ),
    ] {
        if changes.is_empty() {
            continue;
        }
        h.push_str(&format!(
            "<h3>{head} ({})</h3><div class=\"t\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            changes.len(),
            tr(l, "Indikator", "Indicator"),
            tr(l, "Region", "Region"),
            tr(l, "År", "Year"),
            tr(l, "Före", "Before"),
            tr(l, "Efter", "After")
        ));
        for c in changes.iter().take(SHOWN) {
            let (before, after) = before_after(catalog, c, l);
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                html_escape(&title(catalog, &c.indicator, l)),
                html_escape(&catalog.region_name(&c.region_code, l)),
                c.year,
                html_escape(&before),
                html_escape(&after),
            ));
        }
        h.push_str("</tbody></table></div>");
        if changes.len() > SHOWN {
            h.push_str(&format!(
                "<p>{} {}</p>",
                changes.len() - SHOWN,
                tr(l, "till i JSON-filen.", "more in the JSON file.")
            ));
        }
        h.push('\n');
    }
    if r.is_empty() {
        h.push_str(&format!(
            "<p>{}</p>\n",
            tr(
                l,
                "Inga siffror ändrades: bara underlaget om källorna (till exempel när de hämtades) skiljer sig.",
                "No figure changed: only what is recorded about the sources (for example when they were retrieved) differs."
            )
        ));
    }
    h.push_str(&format!(
        "<p><a href=\"changes/{0}.json\">changes/{0}.json</a></p>\n",
        html_escape(&r.to)
    ));
}

/// The published catalog and indicator files under `dir` (a previous build), if there is one
/// that can be read; anything unreadable means there is nothing to compare with.
pub fn previous(dir: &Path) -> Option<(Catalog, Vec<IndicatorFile>)> {
    let read = |p: &Path| std::fs::read(p).ok();
    let catalog: Catalog = serde_json::from_slice(&read(&dir.join("catalog.json"))?).ok()?;
    let files = catalog
        .indicators
        .iter()
        .filter_map(|m| m.file.as_ref())
        .filter_map(|f| serde_json::from_slice(&read(&dir.join(f))?).ok())
        .collect();
    Some((catalog, files))
}

/// The records kept under `dir` (a previous build), newest first.
pub fn previous_records(dir: &Path) -> Result<Vec<ChangeRecord>> {
    let index = dir.join("changes.json");
    if !index.exists() {
        return Ok(Vec::new());
    }
    let read =
        |p: &Path| -> Result<Vec<u8>> { std::fs::read(p).map_err(|e| PipelineError::io(p, e)) };
    let entries: Vec<ChangeEntry> = serde_json::from_slice(&read(&index)?)
        .map_err(|e| PipelineError::file(&index, e.to_string()))?;
    entries
        .iter()
        .map(|e| {
            let p = dir.join(&e.file);
            serde_json::from_slice(&read(&p)?).map_err(|x| PipelineError::file(&p, x.to_string()))
        })
        .collect()
}

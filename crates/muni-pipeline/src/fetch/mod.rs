//! `fetch`: brings the live figures from SCB (employment by industry, energy, population),
//! Upphandlingsmyndigheten's RowStore (procurement) and, as a cross-check, Kolada; caches every
//! raw answer under `data/raw/` with its URL, query and retrieval time; normalises into the
//! tidy tables of `data/normalised/` and rebuilds `public/data/`.
//!
//! Nothing in `data/normalised/` or `public/data/` changes unless every request, every check
//! and the rebuild succeeded: the new tables are written to a staging copy, built from there,
//! and only then swapped into place.
//!
//! Fetched figures replace the embedded ones for the same region, year and variable (for
//! procurement: the same year); everything else is kept.

mod fetcher;
mod plan;
mod staging;

pub mod error;
pub mod http;
pub mod jsonstat;
pub mod kolada;
pub mod normalise;
pub mod rowstore;
pub mod scb;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::json;

pub use crate::normalised::Fact;
pub use error::FetchError;
use fetcher::*;
use jsonstat::{Cube, Dimension};
pub use plan::{Endpoints, Progress, Request, Theme, cache_path};
pub use scb::{Api, SCB_V1, SCB_V2};
use staging::*;

use crate::import::procurement::{self, Buyer, Notice};

/// No progress shown.
pub struct Silent;
impl Progress for Silent {}

/// How a fetch runs.
pub struct Options {
    pub endpoints: Endpoints,
    pub api: Api,
    pub data: PathBuf,
    pub out: PathBuf,
    pub only: Vec<Theme>,
    pub since: u16,
    pub until: u16,
    pub politeness: http::Politeness,
    /// Use cached answers when present (resume); otherwise download everything again. Table
    /// metadata is always asked afresh: it says which years exist.
    pub use_cache: bool,
    pub progress: Box<dyn Progress>,
}

/// What a theme brought.
#[derive(Debug, Clone)]
pub struct ThemeReport {
    pub theme: Theme,
    pub requests: usize,
    pub from_cache: usize,
    /// Facts (SCB), notices (procurement) or figures compared (Kolada).
    pub rows: usize,
    pub years: Option<(u16, u16)>,
    /// Procurement: notices whose buyer the dataset does not name (`Uppgift saknas`), kept and
    /// never attributed to a municipality.
    pub unknown_buyers: usize,
}

#[derive(Debug)]
pub struct Report {
    pub themes: Vec<ThemeReport>,
    /// Retries and waits.
    pub log: Vec<String>,
    /// Kolada's cross-check: agreements and differences.
    pub cross_check: Option<kolada::Comparison>,
    /// What the rebuild changed (`public/data/changes.html` shows it), when it changed data.
    pub changes: Option<crate::changes::ChangeEntry>,
}

impl Report {
    pub fn theme(&self, t: Theme) -> Option<&ThemeReport> {
        self.themes.iter().find(|r| r.theme == t)
    }
}

/// The municipality codes to ask for, and every code an answer may name (municipalities,
/// counties, `00`), from `data/normalised/regions.csv`.
pub fn municipalities(data: &Path) -> Result<(Vec<String>, BTreeSet<String>), String> {
    let rows = region_rows(data)?;
    let munis = rows
        .iter()
        .filter(|r| r.level == muni_model::RegionLevel::Municipality)
        .map(|r| r.code.clone())
        .collect();
    Ok((munis, rows.into_iter().map(|r| r.code).collect()))
}

fn region_rows(data: &Path) -> Result<Vec<crate::normalised::RegionRow>, String> {
    crate::read_csv_rows(&data.join("normalised/regions.csv")).map_err(|e| e.to_string())
}

/// The requests a fetch would make (after reading each SCB table's metadata, which says which
/// years exist), for `--dry-run`. Datasets read in pages list their first page.
pub fn plan(o: &Options) -> Result<Vec<Request>, FetchError> {
    let mut f = Fetcher::new(o)?;
    let mut out = Vec::new();
    for theme in o.only.iter().copied() {
        match theme {
            Theme::Procurement => {
                for d in &rowstore::DATASETS {
                    out.push(f.page_request(d, 0));
                }
            }
            Theme::Kolada => out.extend(f.kolada_requests()?),
            _ => {
                for t in theme.tables() {
                    out.extend(f.plan_table(t)?);
                }
            }
        }
    }
    Ok(out)
}

/// Downloads (or reads from the cache), checks and normalises every answer, rebuilds from a
/// staging copy and only then replaces `data/normalised/` and `public/data/`.
// Long: the fetch's order of work (each theme fetched and checked, staged, rebuilt, swapped in)
// in one place, each step a call.
pub fn run(o: &Options) -> Result<Report, FetchError> {
    let mut f = Fetcher::new(o)?;
    let mut facts: BTreeMap<&'static str, Vec<Fact>> = BTreeMap::new();
    let mut procurement_rows: Vec<(rowstore::Dataset, Vec<Notice>, Vec<Buyer>)> = Vec::new();
    let mut themes = Vec::new();
    let mut retrieved: Vec<(Theme, String)> = Vec::new();
    for theme in o.only.iter().copied().filter(|t| *t != Theme::Kolada) {
        let before = (f.requests, f.from_cache);
        f.newest = None;
        let mut unknown_buyers = 0;
        let (rows, years) = if theme == Theme::Procurement {
            let mut n = 0;
            let mut years = BTreeSet::new();
            for d in rowstore::DATASETS {
                let (notices, buyers) = f.dataset(&d)?;
                n += notices.len();
                if d.measure == procurement::Measure::Count {
                    unknown_buyers += notices
                        .iter()
                        .filter(|x| x.buyer_org_nr == procurement::UNKNOWN)
                        .count();
                }
                years.extend(notices.iter().map(|x| x.year));
                procurement_rows.push((d, notices, buyers));
            }
            if n == 0 {
                return Err(FetchError::Local(format!(
                    "procurement: no notices for {}–{} in the datasets",
                    o.since, o.until
                )));
            }
            (n, span(years))
        } else {
            let got = f.scb_theme(theme)?;
            if got.is_empty() {
                return Err(FetchError::Local(format!(
                    "{}: the tables have no years within {}–{}",
                    theme.name(),
                    o.since,
                    o.until
                )));
            }
            let n = got.len();
            let years = span(got.iter().map(|x| x.year));
            facts.entry(theme.file()).or_default().extend(got);
            (n, years)
        };
        o.progress.finish();
        if let Some(day) = f.take_newest() {
            retrieved.push((theme, day));
        }
        themes.push(ThemeReport {
            theme,
            requests: f.requests - before.0,
            from_cache: f.from_cache - before.1,
            rows,
            years,
            unknown_buyers,
        });
    }

    // Stage: a copy of data/normalised with the merged tables.
    let stage = std::env::temp_dir().join(format!(
        "industrikommuner-fetch-{}-{}",
        std::process::id(),
        f.seq()
    ));
    let _ = std::fs::remove_dir_all(&stage);
    let mut changes = None;
    let result = (|| -> Result<Option<kolada::Comparison>, FetchError> {
        let staged = stage.join("normalised");
        copy_dir(&o.data.join("normalised"), &staged)?;
        for (file, new) in &facts {
            merge_facts(&staged.join(file), new)?;
        }
        if !procurement_rows.is_empty() {
            merge_procurement(o, &staged, &procurement_rows)?;
        }
        record_retrieval(&staged, &retrieved)?;
        let mut cross_check = None;
        if o.only.contains(&Theme::Kolada) {
            let before = (f.requests, f.from_cache);
            let compared = f.kolada_titles()?;
            let (values, years) = f.kolada()?;
            let ours = read_facts(&staged)?;
            let mut c = kolada::compare(&values, &ours);
            c.compared = compared;
            o.progress.finish();
            themes.push(ThemeReport {
                theme: Theme::Kolada,
                requests: f.requests - before.0,
                from_cache: f.from_cache - before.1,
                rows: values.len(),
                years,
                unknown_buyers: 0,
            });
            cross_check = Some(c);
        }
        if !facts.is_empty() || !procurement_rows.is_empty() {
            changes = crate::build(&stage, &o.out)
                .map_err(|e| format!("the rebuild failed, nothing changed: {e}"))?
                .changes;
            crate::fsutil::replace_dir(&o.data.join("normalised"), |dir| {
                copy_dir(&staged, dir).map_err(crate::PipelineError::Check)
            })
            .map_err(|e| e.to_string())?;
        }
        Ok(cross_check)
    })();
    let _ = std::fs::remove_dir_all(&stage);
    let cross_check = result?;
    Ok(Report {
        themes,
        log: std::mem::take(&mut f.log),
        cross_check,
        changes,
    })
}

/// Records in the staged `retrieved.csv` the day of each fetched theme's newest answer.
fn record_retrieval(staged: &Path, retrieved: &[(Theme, String)]) -> Result<(), FetchError> {
    if retrieved.is_empty() {
        return Ok(());
    }
    let mut r = crate::retrieved::Retrieved::read(staged).map_err(|e| e.to_string())?;
    for (theme, day) in retrieved {
        r.set(
            theme.name(),
            day,
            &format!(
                "{}: the newest answer used (data/raw/*.meta.json)",
                crate::retrieved::FETCHED
            ),
        );
    }
    r.write(staged).map_err(|e| e.to_string())?;
    Ok(())
}

/// A real recorded answer of the services (`tests/fixtures/api-examples/`, see its
/// PROVENANCE), for the parsers' tests.
#[cfg(test)]
pub(crate) fn recorded(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/api-examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A table's name in errors: `BAS ArRegArbStDoN (TAB3204)`.
fn table_name(t: &scb::Table) -> String {
    format!("{} ({})", t.name, t.id)
}

/// A request's source in errors: its label and its table or dataset.
fn source(r: &Request) -> String {
    format!("{} ({})", r.label, r.cache_prefix)
}

fn span(years: impl IntoIterator<Item = u16>) -> Option<(u16, u16)> {
    let y: BTreeSet<u16> = years.into_iter().collect();
    Some((*y.first()?, *y.last()?))
}

/// The answer has the regions and years asked for ("sizes match the metadata").
fn check_shape(cube: &Cube, r: &Request, what: &str) -> Result<(), String> {
    let asked_for = r.variables();
    let asked = |dim: &str| asked_for.iter().find(|(v, _)| v == dim).map(|(_, n)| *n);
    for dim in ["Region", "Tid"] {
        let (Some(want), Some(d)) = (asked(dim), cube.dimension(dim)) else {
            continue;
        };
        let got = cube.dimensions[d].codes.len();
        if got != want {
            return Err(format!(
                "{what}: the answer has {got} categories of {dim}, {want} were asked for"
            ));
        }
    }
    Ok(())
}

/// Now, in seconds since 1970 (the cache's metadata records it as `unix:N`).
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// When a cached answer was retrieved, from its `.meta.json` (`"retrieved": "unix:N"`); none
/// when the record is missing or unreadable (the theme then has no date from this answer).
fn cached_retrieval(meta: &Path) -> Option<u64> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
    v.get("retrieved")?
        .as_str()?
        .strip_prefix("unix:")?
        .parse()
        .ok()
}

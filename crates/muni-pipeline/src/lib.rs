//! The data pipeline: import upstream statistics into `data/`, aggregate indicators with polars,
//! publish `public/data/`.

pub mod aggregate;
pub mod changes;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod fsutil;
pub mod fuzz;
pub mod import;
pub mod indicators;
pub mod normalised;
pub mod retrieved;
pub mod text;

pub use error::{PipelineError, Result};
pub mod publish;

use std::path::{Path, PathBuf};

/// What a build read and wrote, for the user.
#[derive(Debug)]
pub struct BuildReport {
    pub indicators_available: usize,
    pub indicators_awaiting_fetch: usize,
    pub rows: usize,
    /// What changed relative to the build replaced (`None`: the same data version, or none
    /// before).
    pub changes: Option<changes::ChangeEntry>,
}

/// Reads the normalised tables under `data_dir/normalised`, aggregates every indicator and
/// publishes `out` (normally `public/data`).
pub fn build(data_dir: &Path, out: &Path) -> Result<BuildReport> {
    let dir: PathBuf = data_dir.join("normalised");
    let regions_path = dir.join("regions.csv");
    let regions: Vec<normalised::RegionRow> = read_csv_rows(&regions_path)?;
    let members: Vec<import::members::Member> = read_csv_rows(&dir.join("network_members.csv"))?;
    let members: Vec<String> = members.into_iter().map(|m| m.code).collect();
    let municipalities: Vec<String> = regions
        .iter()
        .filter(|r| r.level == muni_model::RegionLevel::Municipality)
        .map(|r| r.code.clone())
        .collect();
    let defs = indicators::definitions();
    let inputs = aggregate::Inputs {
        dir: dir.clone(),
        members: members.clone(),
        municipalities,
        rates: indicators::rate_variables(&defs),
    };
    let t = std::time::Instant::now();
    let table = aggregate::indicators(&inputs, &defs)?;
    let timings = std::env::var_os("MUNI_TIMINGS").is_some();
    if timings {
        eprintln!("indicators: {:?}", t.elapsed());
    }
    let shapes_path = dir.join(import::SHAPES_FILE);
    let shapes: Option<muni_model::geo::Shapes> = if shapes_path.exists() {
        let bytes = std::fs::read(&shapes_path).map_err(|e| PipelineError::io(&shapes_path, e))?;
        Some(serde_json::from_slice(&bytes).map_err(|e| {
            PipelineError::input(
                &shapes_path,
                e.line() as u64,
                "",
                format!("not the map's outlines: {e}"),
            )
        })?)
    } else {
        None
    };
    let t = std::time::Instant::now();
    let sha256 = normalised::content_hash(&dir)?;
    let retrieved = retrieved::Retrieved::read(&dir)?;
    let publisher = publish::package::Publisher::read(data_dir)?;
    // The build being replaced, to say what changed (an unreadable one: nothing to compare).
    let previous = changes::previous(out);
    let previous_records = changes::previous_records(out)?;
    let (catalog, change) = publish::publish(
        out,
        &publish::PublishInputs {
            sha256: &sha256,
            retrieved: &retrieved,
            publisher: &publisher,
            defs: &defs,
            regions: &regions,
            members: &members,
            table: &table,
            shapes: shapes.as_ref(),
            previous: previous.as_ref(),
            previous_records: &previous_records,
        },
    )?;
    if timings {
        eprintln!("publish: {:?}", t.elapsed());
    }
    let available = catalog
        .indicators
        .iter()
        .filter(|i| i.status == muni_model::IndicatorStatus::Available)
        .count();
    Ok(BuildReport {
        indicators_available: available,
        indicators_awaiting_fetch: catalog.indicators.len() - available,
        rows: table.height(),
        changes: change,
    })
}

pub(crate) fn read_csv_rows<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let mut r = csv::Reader::from_path(path)
        .map_err(|e| PipelineError::file(path, format!("{e}; run `import` first")))?;
    r.deserialize()
        .enumerate()
        .map(|(i, row)| {
            row.map_err(|e| {
                PipelineError::input(path, i as u64 + 2, "", format!("malformed row: {e}"))
            })
        })
        .collect()
}

//! `industrikommuner extract`: the rows of a view, read from the published files the dashboard
//! reads (`public/data/`), written as CSV (two dialects), Parquet or JSON. The rows come from
//! `muni_model::extract`, the same code as the dashboard's "download this view".

use std::path::Path;

use muni_model::extract::{self as x, Dialect, ExtractRow};
use muni_model::{Catalog, IndicatorFile, IndicatorMeta, Lang, Measure, RegionLevel};
use polars::prelude::*;

use crate::{PipelineError, Result};

/// What to extract, as given on the command line.
#[derive(Debug, Clone)]
pub struct ExtractRequest {
    pub indicator: String,
    /// Codes and groups: `0181`, `network`, `lan01`, `00` (Riket), `network_median`, `all`.
    pub regions: Vec<String>,
    pub years: Option<(u16, u16)>,
    /// `value`, `index:2009`, or a variant of the indicator (`per_inhabitant`, `share`, …).
    pub measure: String,
    pub format: Format,
    pub lang: Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv(Dialect),
    Parquet,
    Json,
    /// An Excel workbook (`muni_xlsx`): numbers as numbers, an About sheet.
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "parquet" => Some(Format::Parquet),
            "json" => Some(Format::Json),
            "xlsx" => Some(Format::Xlsx),
            other => Dialect::parse(other).map(Format::Csv),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv(_) => "csv",
            Format::Parquet => "parquet",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }
}

pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| PipelineError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| PipelineError::file(path, e.to_string()))
}

/// The indicator and measure a request names: `per_inhabitant` picks the indicator's
/// per-inhabitant variant, `index:YEAR` the index of the indicator itself.
fn resolve<'a>(catalog: &'a Catalog, req: &ExtractRequest) -> Result<(&'a IndicatorMeta, Measure)> {
    let meta = catalog.indicator(&req.indicator).ok_or_else(|| {
        let near: Vec<&str> = catalog
            .indicators
            .iter()
            .map(|m| m.id.as_str())
            .filter(|id| {
                req.indicator
                    .split('_')
                    .any(|part| part.len() > 2 && id.contains(part))
            })
            .collect();
        let list = if near.is_empty() {
            catalog.indicators.iter().map(|m| m.id.as_str()).collect()
        } else {
            near
        };
        PipelineError::Check(format!(
            "unknown indicator {:?}; did you mean one of: {}",
            req.indicator,
            list.join(", ")
        ))
    })?;
    // The indicator's other measures (the catalog's `measure_of`), by the name a request
    // gives them: the part of the id after the base's (`per_1000`), or by kind (`share`,
    // `per_inhabitant`) where the id says it otherwise (`energy_industry_share`).
    let family: Vec<&IndicatorMeta> = catalog
        .indicators
        .iter()
        .filter(|m| m.measure_of.as_ref() == Some(&meta.id))
        .collect();
    let name_of = |v: &IndicatorMeta| -> String {
        if let Some(rest) =
            v.id.as_str()
                .strip_prefix(meta.id.as_str())
                .and_then(|r| r.strip_prefix('_'))
        {
            return rest.to_owned();
        }
        match v.unit {
            muni_model::Unit::Percent => "share".into(),
            muni_model::Unit::MwhPerInhabitant | muni_model::Unit::SekPerInhabitant => {
                "per_inhabitant".into()
            }
            muni_model::Unit::PerThousandInhabitants => "per_1000".into(),
            muni_model::Unit::CountPer10000Inhabitants => "per_10000".into(),
            _ => v.id.to_string(),
        }
    };
    let m = req.measure.as_str();
    if m == "value" {
        return Ok((meta, Measure::AsPublished));
    }
    if let Some(y) = m
        .strip_prefix("index:")
        .or_else(|| m.strip_prefix("index_"))
    {
        if meta.rate {
            return Err(PipelineError::Check(format!(
                "--measure {m:?}: {} is a rate; an index of a rate is not offered (its changes are in percentage points): use --measure value",
                meta.id
            )));
        }
        let base: u16 = y.parse().map_err(|_| {
            PipelineError::Check(format!("--measure {m:?}: the base year is not a year"))
        })?;
        if !meta.years.contains(&base) {
            return Err(PipelineError::Check(format!(
                "--measure {m:?}: {} has no published value in {base} (years {}–{})",
                meta.id,
                meta.years.first().unwrap_or(&0),
                meta.years.last().unwrap_or(&0)
            )));
        }
        return Ok((meta, Measure::Index { base }));
    }
    let by_id = format!("{}_{m}", meta.id);
    let found = family
        .iter()
        .find(|v| name_of(v) == m)
        .copied()
        .or_else(|| catalog.indicator(&by_id));
    match found {
        Some(v) => Ok((v, Measure::AsPublished)),
        None => {
            let mut options = vec!["value".to_owned()];
            if !meta.rate {
                options.push("index:YEAR".to_owned());
            }
            options.extend(family.iter().map(|v| name_of(v)));
            Err(PipelineError::Check(format!(
                "--measure {m:?} does not exist for {}; it has: {}",
                meta.id,
                options.join(", ")
            )))
        }
    }
}

/// Expands groups (`network`, `lanNN`, `all`) into codes and checks every code.
fn regions(catalog: &Catalog, file: &IndicatorFile, asked: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |c: String| {
        if !out.contains(&c) {
            out.push(c);
        }
    };
    for a in asked {
        let a = a.trim();
        if a.is_empty() {
            continue;
        }
        if let Some(group) = muni_model::GroupId::parse(a) {
            let members = catalog.group_members(group);
            if members.is_empty() {
                return Err(PipelineError::Check(format!(
                    "--municipalities: {a:?} is not a county (lan01 … lan25) with municipalities"
                )));
            }
            members.iter().for_each(|m| push(m.as_str().to_owned()));
        } else if a == "all" {
            catalog
                .regions
                .iter()
                .filter(|r| r.level == RegionLevel::Municipality)
                .for_each(|r| push(r.code.as_str().to_owned()));
        } else if a.starts_with("lan") {
            return Err(PipelineError::Check(format!(
                "--municipalities: {a:?} is not a county (lan01 … lan25)"
            )));
        } else if catalog.region(a).is_some() || file.series(a).is_some() {
            push(a.to_owned());
        } else {
            return Err(PipelineError::Check(format!(
                "--municipalities: {a:?} is not a municipality code (4 digits, as a string: 0114), a county (01, lan01), 00 (Riket), network or network_median"
            )));
        }
    }
    Ok(out)
}

/// The rows a request selects, and the file name that says what is inside.
pub fn rows(data: &Path, req: &ExtractRequest) -> Result<(Vec<ExtractRow>, String)> {
    let catalog: Catalog = read_json(&data.join("catalog.json"))?;
    let (meta, measure) = resolve(&catalog, req)?;
    let Some(file_path) = &meta.file else {
        return Err(PipelineError::Check(format!(
            "{} has no figures yet (awaiting a fetch): run `industrikommuner fetch` first",
            meta.id
        )));
    };
    let file: IndicatorFile = read_json(&data.join(file_path))?;
    let (first, last) = (
        *meta.years.first().unwrap_or(&0),
        *meta.years.last().unwrap_or(&0),
    );
    let (a, b) = req.years.unwrap_or((first, last));
    if a > b || b < first || a > last {
        return Err(PipelineError::Check(format!(
            "--years {a}-{b}: {} has values for {first}–{last}",
            meta.id
        )));
    }
    let (a, b) = (a.max(first), b.min(last));
    let years: Vec<u16> = (a..=b).collect();
    let codes = regions(&catalog, &file, &req.regions)?;
    let rows = x::view_rows(&catalog, meta, &file, &codes, &years, measure, req.lang);
    let name = x::file_name(
        meta,
        measure,
        (a, b),
        catalog.data_version.as_ref(),
        req.format.extension(),
    );
    let name = match req.format {
        Format::Csv(d) => d.file_name(&name),
        _ => name,
    };
    Ok((rows, name))
}

/// The file a request asks for: its bytes, its name and the number of rows it holds.
pub fn extract_file(data: &Path, req: &ExtractRequest) -> Result<(Vec<u8>, String, usize)> {
    let (rows, name) = rows(data, req)?;
    let bytes = match req.format {
        Format::Xlsx => {
            let catalog: Catalog = read_json(&data.join("catalog.json"))?;
            let (meta, _) = resolve(&catalog, req)?;
            // `rows` has read the file already, so it is there.
            let notes = match &meta.file {
                Some(p) => read_json::<IndicatorFile>(&data.join(p))?.notes,
                None => Vec::new(),
            };
            muni_xlsx::view_workbook(&catalog, meta, &notes, &rows, req.lang)
                .map_err(PipelineError::Check)?
        }
        format => encode(&rows, format)?,
    };
    Ok((bytes, name, rows.len()))
}

/// The bytes of `rows` in `format` (a workbook needs its catalog: [`extract_file`]).
pub fn encode(rows: &[ExtractRow], format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Xlsx => Err(PipelineError::Check(
            "a workbook is written with its catalog: use extract_file".into(),
        )),
        Format::Csv(d) => Ok(x::to_csv(rows, d).into_bytes()),
        Format::Json => {
            let list: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "region_code": r.region_code, "region_name": r.region_name,
                        "indicator": r.indicator, "indicator_title": r.indicator_title,
                        "measure": r.measure, "unit": r.unit, "year": r.year,
                        "value": r.value, "status": r.status.as_str(), "source": r.source,
                    })
                })
                .collect();
            let mut b = serde_json::to_vec_pretty(&list)
                .map_err(|e| PipelineError::Check(e.to_string()))?;
            b.push(b'\n');
            Ok(b)
        }
        Format::Parquet => {
            let col = |name: &str, f: &dyn Fn(&ExtractRow) -> String| {
                Column::new(name.into(), rows.iter().map(f).collect::<Vec<String>>())
            };
            let mut df = DataFrame::new_infer_height(vec![
                col("region_code", &|r| r.region_code.clone()),
                col("region_name", &|r| r.region_name.clone()),
                col("indicator", &|r| r.indicator.to_string()),
                col("indicator_title", &|r| r.indicator_title.clone()),
                col("measure", &|r| r.measure.clone()),
                col("unit", &|r| r.unit.clone()),
                Column::new(
                    "year".into(),
                    rows.iter().map(|r| i32::from(r.year)).collect::<Vec<i32>>(),
                ),
                Column::new(
                    "value".into(),
                    rows.iter().map(|r| r.value).collect::<Vec<Option<f64>>>(),
                ),
                col("status", &|r| r.status.as_str().to_owned()),
                col("source", &|r| r.source.clone()),
            ])?;
            let mut buf = Vec::new();
            ParquetWriter::new(&mut buf).finish(&mut df)?;
            Ok(buf)
        }
    }
}

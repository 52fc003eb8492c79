//! Publish: the catalog, one JSON file per indicator for the browser, and the full dataset for
//! analysts as Parquet and CSV (machine and Swedish Excel dialects). Written into a temporary
//! directory and swapped in place of `public/data` only when everything is written.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use muni_model::{
    Catalog, Group, IndicatorFile, IndicatorId, IndicatorMeta, IndicatorStatus, MunicipalityCode,
    Region, RegionCode, RegionLevel, SCHEMA_VERSION, Status, Text,
};
use polars::prelude::*;

use crate::error::{PipelineError, Result};
use crate::fsutil::{csv_text, replace_dir};
use crate::indicators::Definition;

pub mod package;
mod xlsx;
mod zip;

#[derive(Debug, Clone, Copy)]
struct Cell {
    value: Option<f64>,
    status: Status,
    rank_national: Option<u16>,
    rank_network: Option<u16>,
}

type Table = BTreeMap<String, BTreeMap<String, BTreeMap<u16, Cell>>>;

/// The full dataset's columns, in the order the CSVs and the Parquet file have them.
const FULL_COLUMNS: [&str; 9] = [
    "indicator",
    "region_code",
    "region_name",
    "year",
    "value",
    "unit",
    "status",
    "rank_national",
    "rank_network",
];

/// Each region's name by its code (the full dataset's `region_name`).
pub(super) fn region_names(catalog: &Catalog) -> BTreeMap<&str, &str> {
    catalog
        .regions
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect()
}

/// The indicator table as the full dataset's Parquet file holds it: the CSV's columns in the
/// CSV's order, the region's name and the unit (Swedish) beside the codes.
fn named_table(df: &DataFrame, catalog: &Catalog) -> Result<DataFrame> {
    let names = region_names(catalog);
    let units: BTreeMap<&str, String> = catalog
        .indicators
        .iter()
        .map(|m| (m.id.as_str(), m.unit.label().sv))
        .collect();
    let (codes, ids) = (
        df.column("region_code")?.str()?,
        df.column("indicator")?.str()?,
    );
    let region_name: Vec<Option<&str>> = (0..df.height())
        .map(|i| codes.get(i).and_then(|c| names.get(c).copied()))
        .collect();
    let unit: Vec<Option<&str>> = (0..df.height())
        .map(|i| ids.get(i).and_then(|c| units.get(c).map(String::as_str)))
        .collect();
    let mut out = df.clone();
    out.with_column(Column::new("region_name".into(), region_name))?;
    out.with_column(Column::new("unit".into(), unit))?;
    Ok(out.select(FULL_COLUMNS)?)
}

fn to_table(df: &DataFrame) -> Result<Table> {
    let ind = df.column("indicator")?.str()?;
    let reg = df.column("region_code")?.str()?;
    let year = df.column("year")?.i32()?;
    let value = df.column("value")?.f64()?;
    let status = df.column("status")?.str()?;
    let rn = df.column("rank_national")?.u32()?;
    let rw = df.column("rank_network")?.u32()?;
    let mut t: Table = BTreeMap::new();
    for i in 0..df.height() {
        let (Some(ind), Some(reg), Some(year), Some(st)) =
            (ind.get(i), reg.get(i), year.get(i), status.get(i))
        else {
            return Err(PipelineError::Check(format!(
                "row {i} of the indicator table has an empty key"
            )));
        };
        let status = Status::parse(st)
            .ok_or_else(|| PipelineError::Check(format!("unknown status {st:?}")))?;
        let cell = Cell {
            value: value.get(i),
            status,
            rank_national: rn.get(i).map(|r| r as u16),
            rank_network: rw.get(i).map(|r| r as u16),
        };
        t.entry(ind.to_owned())
            .or_default()
            .entry(reg.to_owned())
            .or_default()
            .insert(year as u16, cell);
    }
    Ok(t)
}

pub struct PublishInputs<'a> {
    /// The content hash of the normalised tables (the data version).
    pub sha256: &'a str,
    /// When each source was retrieved (`data/normalised/retrieved.csv`).
    pub retrieved: &'a crate::retrieved::Retrieved,
    /// The catalogue's contact point (`data/publisher.json`).
    pub publisher: &'a package::Publisher,
    pub defs: &'a [Definition],
    pub regions: &'a [crate::normalised::RegionRow],
    pub members: &'a [String],
    pub table: &'a DataFrame,
    /// The map's outlines (published as `geo/municipalities.json`), when imported.
    pub shapes: Option<&'a muni_model::geo::Shapes>,
    /// The build being replaced, to say what changed, and the change records it kept.
    pub previous: Option<&'a (Catalog, Vec<IndicatorFile>)>,
    pub previous_records: &'a [crate::changes::ChangeRecord],
}

/// Builds the catalog and the indicator files (pure: no I/O).
pub fn build_outputs(p: &PublishInputs) -> Result<(Catalog, Vec<IndicatorFile>)> {
    build_outputs_from(p, &to_table(p.table)?)
}

// Long: the catalog and the indicator files are built together, definition by definition, and
// the model's ranks checked against polars' as each file is made.
fn build_outputs_from(p: &PublishInputs, table: &Table) -> Result<(Catalog, Vec<IndicatorFile>)> {
    let mut regions = Vec::new();
    for r in p.regions {
        regions.push(Region {
            code: RegionCode::new(&r.code).map_err(|e| PipelineError::Check(e.to_string()))?,
            name: r.name.clone(),
            level: r.level,
            county: (!r.county_code.is_empty())
                .then(|| RegionCode::new(&r.county_code))
                .transpose()
                .map_err(|e| PipelineError::Check(e.to_string()))?,
        });
    }
    regions.push(Region {
        code: RegionCode::network(),
        name: "Svenska Industrikommuner".into(),
        level: RegionLevel::Group,
        county: None,
    });
    regions.push(Region {
        code: RegionCode::network_median(),
        name: "Svenska Industrikommuner (median)".into(),
        level: RegionLevel::Group,
        county: None,
    });
    let members = p
        .members
        .iter()
        .map(|m| MunicipalityCode::new(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PipelineError::Check(e.to_string()))?;
    let groups = vec![Group {
        id: RegionCode::network(),
        name: Text::new(
            "Svenska Industrikommuner",
            "Sweden's industrial municipalities",
        ),
        members,
        source: Text::new(
            "Kommuner namngivna i nätverkets dokument: grundarmötet, manifestet 2016 (Finspång), skriften 2022 och kärnkraftskommunerna i manifestet.",
            "Municipalities named in the network's documents: the founding meeting, the 2016 manifesto (Finspång), the 2022 paper and the nuclear host municipalities in the manifesto.",
        ),
    }];
    let mut metas = Vec::new();
    let mut latest_year = 0;
    let mut files = Vec::new();
    for def in p.defs {
        let id = IndicatorId::new(def.id).map_err(PipelineError::Check)?;
        let rows = table.get(def.id);
        let published_years: BTreeSet<u16> = rows
            .map(|r| {
                r.values()
                    .flat_map(|y| {
                        y.iter()
                            .filter(|(_, c)| c.status == Status::Ok)
                            .map(|(y, _)| *y)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let available = !published_years.is_empty();
        latest_year = latest_year.max(published_years.last().copied().unwrap_or(0));
        let all_years: BTreeSet<u16> = rows
            .map(|r| r.values().flat_map(|y| y.keys().copied()).collect())
            .unwrap_or_default();
        if let (Some(rows), Some(&lo), Some(&hi), true) =
            (rows, all_years.first(), all_years.last(), available)
        {
            let years: Vec<u16> = (lo..=hi).collect();
            let missing = Cell {
                value: None,
                status: Status::Missing,
                rank_national: None,
                rank_network: None,
            };
            let series = rows
                .iter()
                .map(|(region, by_year)| {
                    let get = |y: &u16| by_year.get(y).copied().unwrap_or(missing);
                    Ok((
                        RegionCode::new(region).map_err(|e| PipelineError::Check(e.to_string()))?,
                        years.iter().map(|y| get(y).value).collect(),
                        years.iter().map(|y| get(y).status).collect(),
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            let mut file = IndicatorFile::new(
                id.clone(),
                years.clone(),
                def.rank_descending,
                groups[0].members.clone(),
                series,
            )
            .map_err(PipelineError::Check)?;
            file.notes = def.notes();
            // The model ranks on load what polars ranked here: the two must agree everywhere.
            for s in &file.series {
                for (i, y) in years.iter().enumerate() {
                    let c = rows[s.region.as_str()].get(y).copied().unwrap_or(missing);
                    if (c.rank_national, c.rank_network) != (s.rank_national[i], s.rank_network[i])
                    {
                        return Err(PipelineError::Check(format!(
                            "{}: {} {y}: polars ranks {:?}/{:?}, the model {:?}/{:?}",
                            def.id,
                            s.region,
                            c.rank_national,
                            c.rank_network,
                            s.rank_national[i],
                            s.rank_network[i]
                        )));
                    }
                }
            }
            files.push(file);
        }
        // Only the breaks with published years on both sides.
        let breaks: Vec<u16> = def
            .breaks()
            .into_iter()
            .filter(|b| {
                published_years.iter().any(|y| y < b) && published_years.iter().any(|y| y >= b)
            })
            .collect();
        metas.push(IndicatorMeta {
            id,
            theme: def.theme,
            title: def.title(),
            definition: def.definition_text(),
            unit: def.unit,
            source: (def.source)(p.retrieved),
            status: if available {
                IndicatorStatus::Available
            } else {
                IndicatorStatus::AwaitingFetch
            },
            years: published_years.into_iter().collect(),
            file: available.then(|| format!("indicators/{}.json", def.id)),
            rank_descending: def.rank_descending,
            additive: def.additive(),
            rate: def.rate,
            breaks,
            measure_of: def
                .measure_of(p.defs)
                .map(|id| IndicatorId::new(id).expect("a definition's id is a slug")),
        });
    }
    let headline = headline(table, p.members);
    let data_version = muni_model::DataVersion {
        id: p.sha256.chars().take(8).collect(),
        sha256: p.sha256.to_owned(),
        latest_year,
        retrieved: p.retrieved.newest().map(str::to_owned),
    };
    Ok((
        Catalog {
            schema_version: SCHEMA_VERSION,
            indicators: metas,
            regions,
            groups,
            headline,
            data_version: Some(data_version),
        },
        files,
    ))
}

/// The indicator of the first screen's sentence: employed in industry (persons).
const HEADLINE_INDICATOR: &str = "employment_industry";

/// The latest year in which Sweden's sum of the employed in industry is published (every
/// municipality has a value), with the network's sum over its members with a value that year.
fn headline(table: &Table, members: &[String]) -> Option<muni_model::Headline> {
    let rows = table.get(HEADLINE_INDICATOR)?;
    let (&year, country) = rows
        .get("00")?
        .iter()
        .rev()
        .find(|(_, c)| c.status == Status::Ok && c.value.is_some())?;
    let values: Vec<f64> = members
        .iter()
        .filter_map(|m| rows.get(m.as_str())?.get(&year))
        .filter(|c| c.status == Status::Ok)
        .filter_map(|c| c.value)
        .collect();
    if values.is_empty() {
        return None;
    }
    Some(muni_model::Headline {
        indicator: HEADLINE_INDICATOR.into(),
        year,
        network: values.iter().sum(),
        reported: values.len() as u32,
        members: members.len() as u32,
        country: country.value,
    })
}

pub use muni_model::extract::{Dialect, csv_number};

fn write_full_csv(path: &Path, catalog: &Catalog, t: &Table, dialect: Dialect) -> Result<()> {
    let names = region_names(catalog);
    let sep = if dialect == Dialect::Machine {
        b','
    } else {
        b';'
    };
    let mut buf: Vec<u8> = Vec::new();
    if dialect == Dialect::ExcelSv {
        buf.extend_from_slice(b"\xEF\xBB\xBF");
    }
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(sep)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        let io = |e: csv::Error| PipelineError::file(path, e.to_string());
        w.write_record(FULL_COLUMNS).map_err(io)?;
        for meta in &catalog.indicators {
            let Some(rows) = t.get(meta.id.as_str()) else {
                continue;
            };
            let unit = meta.unit.label().sv;
            for (region, by_year) in rows {
                for (year, c) in by_year {
                    w.write_record([
                        meta.id.to_string(),
                        region.clone(),
                        csv_text(names.get(region.as_str()).copied().unwrap_or("")),
                        year.to_string(),
                        c.value.map(|v| csv_number(v, dialect)).unwrap_or_default(),
                        csv_text(&unit),
                        c.status.as_str().to_owned(),
                        c.rank_national.map(|r| r.to_string()).unwrap_or_default(),
                        c.rank_network.map(|r| r.to_string()).unwrap_or_default(),
                    ])
                    .map_err(io)?;
                }
            }
        }
        w.flush().map_err(|e| PipelineError::io(path, e))?;
    }
    std::fs::write(path, buf).map_err(|e| PipelineError::io(path, e))
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let mut bytes =
        serde_json::to_vec(value).map_err(|e| PipelineError::file(path, e.to_string()))?;
    bytes.push(b'\n');
    let mut f = std::fs::File::create(path).map_err(|e| PipelineError::io(path, e))?;
    f.write_all(&bytes).map_err(|e| PipelineError::io(path, e))
}

/// File names of the full dataset under `public/data/full/`.
pub const FULL_PARQUET: &str = "full/industrikommuner.parquet";
pub const FULL_CSV: &str = "full/industrikommuner.csv";
pub const FULL_CSV_EXCEL: &str = "full/industrikommuner_excel_sv.csv";
pub const FULL_ZIP: &str = "full/industrikommuner_csv.zip";
pub const FULL_XLSX: &str = "full/industrikommuner.xlsx";
pub const DATAPACKAGE: &str = "full/datapackage.json";
pub const DCAT: &str = "full/dcat.jsonld";

/// Writes everything into a fresh directory and swaps it in place of `out`; answers the catalog
/// and, when the data version changed, the new change record's line.
pub fn publish(
    out: &Path,
    p: &PublishInputs,
) -> Result<(Catalog, Option<crate::changes::ChangeEntry>)> {
    use crate::changes;
    let timings = std::env::var_os("MUNI_TIMINGS").is_some();
    let t = std::time::Instant::now();
    let lap = |what: &str| {
        if timings {
            eprintln!("  publish {what}: {:?}", t.elapsed());
        }
    };
    let table = to_table(p.table)?;
    lap("table");
    let (catalog, files) = build_outputs_from(p, &table)?;
    lap("catalog and files");
    let record = p.previous.and_then(|(c, f)| {
        changes::diff(
            &changes::Published {
                catalog: c,
                files: f,
            },
            &changes::Published {
                catalog: &catalog,
                files: &files,
            },
        )
    });
    let mut records: Vec<changes::ChangeRecord> = record.iter().cloned().collect();
    records.extend(
        p.previous_records
            .iter()
            .filter(|r| record.as_ref().is_none_or(|n| n.to != r.to))
            .cloned(),
    );
    replace_dir(out, |dir| {
        std::fs::create_dir_all(dir.join("indicators")).map_err(|e| PipelineError::io(dir, e))?;
        std::fs::create_dir_all(dir.join("full")).map_err(|e| PipelineError::io(dir, e))?;
        write_json(&dir.join("catalog.json"), &catalog)?;
        for f in &files {
            write_json(&dir.join(format!("indicators/{}.json", f.id)), f)?;
        }
        lap("json");
        let parquet = dir.join(FULL_PARQUET);
        let file = std::fs::File::create(&parquet).map_err(|e| PipelineError::io(&parquet, e))?;
        let mut df = named_table(p.table, &catalog)?;
        ParquetWriter::new(file)
            .with_statistics(StatisticsOptions::empty())
            .finish(&mut df)?;
        lap("parquet");
        write_full_csv(&dir.join(FULL_CSV), &catalog, &table, Dialect::Machine)?;
        write_full_csv(
            &dir.join(FULL_CSV_EXCEL),
            &catalog,
            &table,
            Dialect::ExcelSv,
        )?;
        let notes: Vec<(&str, Vec<Text>)> = p.defs.iter().map(|d| (d.id, d.notes())).collect();
        lap("csv");
        zip::write_zip(dir, &catalog, &notes)?;
        lap("zip");
        xlsx::write_full_xlsx(&dir.join(FULL_XLSX), &catalog, &table)?;
        lap("xlsx");
        write_json(&dir.join(DATAPACKAGE), &package::datapackage(&catalog))?;
        write_json(&dir.join(DCAT), &package::dcat(&catalog, p.publisher))?;
        if let Some(shapes) = p.shapes {
            std::fs::create_dir_all(dir.join("geo")).map_err(|e| PipelineError::io(dir, e))?;
            write_json(&dir.join(GEO), shapes)?;
        }
        write_json(&dir.join(PEERS), &peers(&files))?;
        std::fs::create_dir_all(dir.join("changes")).map_err(|e| PipelineError::io(dir, e))?;
        for r in &records {
            write_json(&dir.join(format!("changes/{}.json", r.to)), r)?;
        }
        let index: Vec<changes::ChangeEntry> = records.iter().map(changes::entry).collect();
        write_json(&dir.join(CHANGES), &index)?;
        let page = dir.join(CHANGES_PAGE);
        std::fs::write(&page, changes::page(&catalog, &records))
            .map_err(|e| PipelineError::io(&page, e))?;
        Ok(())
    })?;
    Ok((catalog, record.as_ref().map(changes::entry)))
}

/// The change records' index and page under `public/data/`.
pub const CHANGES: &str = "changes.json";
pub const CHANGES_PAGE: &str = "changes.html";

/// The map's outlines under `public/data/`.
pub const GEO: &str = "geo/municipalities.json";
/// The peers of every municipality under `public/data/`.
pub const PEERS: &str = "peers.json";

/// What makes municipalities alike, by industry structure: (indicator, compared as a
/// logarithm).
const PEER_FEATURES: [(&str, bool); 7] = [
    ("energy_industry_share", false),
    ("electricity_production_per_inhabitant", true),
    ("electricity_production_hydro_wind_share", false),
    ("procurement_count_per_10000", false),
    ("population", true),
    ("employment_industry_share", false),
    ("labour_post_secondary_share", false),
];
const PEER_COUNT: usize = 5;

/// Each feature: every municipality's latest published value in the indicator's last five
/// years; features with such a value for fewer than 75 % of the municipalities are left out
/// (the share of hydro and wind power, which most municipalities without production lack);
/// then the nearest municipalities of each ([`muni_model::peers::nearest`]).
fn peers(files: &[IndicatorFile]) -> muni_model::peers::PeersFile {
    use muni_model::peers::{Feature, Peers, PeersFile, nearest};
    let mut codes: Vec<MunicipalityCode> = Vec::new();
    let mut features = Vec::new();
    // Per feature: (value, year) per municipality.
    let mut columns: Vec<Vec<Option<(f64, u16)>>> = Vec::new();
    for (id, log) in PEER_FEATURES {
        let Some(f) = files.iter().find(|f| f.id == id) else {
            continue;
        };
        let (Some(&last), Some(_)) = (f.years.last(), f.years.first()) else {
            continue;
        };
        let first = f
            .years
            .iter()
            .copied()
            .find(|&y| y + 4 >= last)
            .unwrap_or(last);
        if codes.is_empty() {
            codes = f
                .series
                .iter()
                .filter(|s| s.region.level() == RegionLevel::Municipality)
                .filter_map(|s| MunicipalityCode::new(s.region.as_str()).ok())
                .collect();
        }
        let column: Vec<Option<(f64, u16)>> = codes
            .iter()
            .map(|c| {
                let s = f.series(c.as_str())?;
                (0..f.years.len()).rev().find_map(|i| {
                    (f.years[i] >= first && s.status[i] == Status::Ok)
                        .then_some(s.values[i].map(|v| (v, f.years[i])))
                        .flatten()
                })
            })
            .collect();
        if column.iter().flatten().count() * 4 < codes.len() * 3 {
            continue;
        }
        columns.push(column);
        features.push(Feature {
            indicator: id.to_owned(),
            first_year: first,
            last_year: last,
            log,
        });
    }
    let values: Vec<Vec<Option<f64>>> = (0..codes.len())
        .map(|r| columns.iter().map(|c| c[r].map(|x| x.0)).collect())
        .collect();
    let years: Vec<Vec<Option<u16>>> = (0..codes.len())
        .map(|r| columns.iter().map(|c| c[r].map(|x| x.1)).collect())
        .collect();
    let logs: Vec<bool> = features.iter().map(|f| f.log).collect();
    let near = nearest(&codes, &values, &logs, PEER_COUNT, 3.min(features.len()));
    PeersFile {
        schema_version: 1,
        method: Text::new(
            "Kommunerna jämförs på indikatorerna i tabellen, med varje kommuns senaste publicerade värde under indikatorns fem senaste år. Varje indikator görs jämförbar som avvikelse från medelvärdet i standardavvikelser (befolkning och elproduktion per invånare i logaritmisk skala). Avståndet är roten ur medelvärdet av de kvadrerade skillnaderna över kommunens indikatorer (minst tre), och en jämförbar kommun måste ha värden för alla dem. 0 betyder lika. Sekretessbelagda värden gissas inte.",
            "Municipalities are compared on the indicators in the table, with each municipality's latest published value in the indicator's last five years. Each indicator is made comparable as standard deviations from the mean (population and electricity production per inhabitant on a logarithmic scale). The distance is the root mean square difference over the municipality's indicators (at least three), and a peer must have values for all of them. 0 means alike. Confidential values are not guessed.",
        ),
        features,
        municipalities: codes
            .into_iter()
            .zip(values)
            .zip(years)
            .zip(near)
            .map(|(((code, values), years), peers)| Peers {
                code,
                values,
                years,
                peers,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_dialects() {
        assert_eq!(csv_number(1234.5, Dialect::Machine), "1234.5");
        assert_eq!(csv_number(1234.5, Dialect::ExcelSv), "1234,5");
        assert_eq!(csv_number(379929770.0, Dialect::ExcelSv), "379929770");
        assert_eq!(
            csv_number(0.1 + 0.2, Dialect::Machine),
            "0.30000000000000004"
        );
    }
}

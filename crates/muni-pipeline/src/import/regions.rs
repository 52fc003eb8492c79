//! SCB's code list `Län och kommuner` (.xls): 21 counties, each followed by its municipalities.

use std::collections::BTreeMap;
use std::path::Path;

use muni_model::RegionLevel;

use super::excel::read_first_sheet;
use crate::error::{PipelineError, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    pub level: RegionLevel,
    pub county: Option<String>,
}

/// The official regions, keyed by code: `00` Riket, 21 counties and 290 municipalities.
#[derive(Debug, Clone, Default)]
pub struct Regions {
    pub by_code: BTreeMap<String, RegionRow>,
}

impl Regions {
    pub fn municipalities(&self) -> impl Iterator<Item = &RegionRow> {
        self.by_code
            .values()
            .filter(|r| r.level == RegionLevel::Municipality)
    }

    pub fn is_known(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    /// A code list of the given municipalities (and their counties), for unit tests.
    #[cfg(test)]
    pub fn synthetic(municipalities: &[(&str, &str)]) -> Self {
        let mut by_code = BTreeMap::new();
        for (code, name) in municipalities {
            by_code.insert(
                code.to_string(),
                RegionRow {
                    code: code.to_string(),
                    name: name.to_string(),
                    level: RegionLevel::Municipality,
                    county: Some(code[..2].to_owned()),
                },
            );
        }
        Self { by_code }
    }

    /// Municipality code by exact name (`Upplands Väsby`).
    pub fn municipality_by_name(&self) -> BTreeMap<String, String> {
        self.municipalities()
            .map(|r| (r.name.clone(), r.code.clone()))
            .collect()
    }
}

pub fn read(path: &Path) -> Result<Regions> {
    let rows = read_first_sheet(path)?;
    let mut regions = Regions::default();
    regions.by_code.insert(
        "00".into(),
        RegionRow {
            code: "00".into(),
            name: "Riket".into(),
            level: RegionLevel::Country,
            county: None,
        },
    );
    let mut county: Option<String> = None;
    for r in &rows {
        let code = r.get(0).trim();
        let name = r.get(1).trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue; // title and header rows
        }
        if name.is_empty() {
            return Err(PipelineError::input(
                path,
                r.row,
                code,
                "code without a name",
            ));
        }
        let row = match code.len() {
            2 => {
                county = Some(code.to_owned());
                RegionRow {
                    code: code.into(),
                    name: name.into(),
                    level: RegionLevel::County,
                    county: None,
                }
            }
            4 => {
                if county.as_deref() != Some(&code[..2]) {
                    return Err(PipelineError::input(
                        path,
                        r.row,
                        code,
                        "municipality listed outside its county",
                    ));
                }
                RegionRow {
                    code: code.into(),
                    name: name.into(),
                    level: RegionLevel::Municipality,
                    county: county.clone(),
                }
            }
            _ => {
                return Err(PipelineError::input(
                    path,
                    r.row,
                    code,
                    "code is neither 2 nor 4 digits",
                ));
            }
        };
        if regions.by_code.insert(code.to_owned(), row).is_some() {
            return Err(PipelineError::input(path, r.row, code, "duplicate code"));
        }
    }
    let counties = regions
        .by_code
        .values()
        .filter(|r| r.level == RegionLevel::County)
        .count();
    let municipalities = regions.municipalities().count();
    if counties != 21 || municipalities != 290 {
        return Err(PipelineError::file(
            path,
            format!(
                "expected 21 counties and 290 municipalities, found {counties} and {municipalities}"
            ),
        ));
    }
    Ok(regions)
}

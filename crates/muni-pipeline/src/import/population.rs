//! SCB BE0101 population tables (.xlsx): 2023 by code, and 1950–2022 by municipality name.

use std::collections::BTreeSet;
use std::path::Path;

use muni_model::Status;

use super::Fact;
use super::excel::read_first_sheet;
use super::regions::Regions;
use crate::error::{PipelineError, Result};

fn parse_count(path: &Path, row: u64, raw: &str) -> Result<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|v| *v >= 0)
        .ok_or_else(|| {
            PipelineError::input(
                path,
                row,
                raw,
                "population is not a whole non-negative number",
            )
        })
}

/// `be0101_tabhel2023.xlsx`: Riket (no code, name `Riket`), counties and municipalities with
/// code and a space-padded name; population 31 December 2023 in the third column.
pub fn read_2023(path: &Path, regions: &Regions) -> Result<Vec<Fact>> {
    let mut facts = Vec::new();
    let mut seen = BTreeSet::new();
    for r in read_first_sheet(path)? {
        let code = r.get(0).trim();
        let name = r.get(1).trim();
        let value = r.get(2).trim();
        if name.is_empty() || value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            continue; // titles, headers, footnotes
        }
        let code = if code.is_empty() && name == "Riket" {
            "00"
        } else {
            code
        };
        let Some(region) = regions.by_code.get(code) else {
            return Err(PipelineError::input(
                path,
                r.row,
                code,
                "unknown region code",
            ));
        };
        // Counties are named without `län` here (`Stockholm` for `Stockholms län`).
        let same_name = match region.level {
            muni_model::RegionLevel::County => region.name.starts_with(name),
            _ => region.name == name,
        };
        if !same_name {
            return Err(PipelineError::input(
                path,
                r.row,
                name,
                format!(
                    "name differs from the code list's {:?} for {code}",
                    region.name
                ),
            ));
        }
        if !seen.insert(code.to_owned()) {
            return Err(PipelineError::input(path, r.row, code, "duplicate region"));
        }
        facts.push(Fact::count(
            code,
            2023,
            "population",
            parse_count(path, r.row, value)?,
        ));
    }
    if seen.len() != regions.by_code.len() {
        return Err(PipelineError::file(
            path,
            format!(
                "expected {} regions, found {}",
                regions.by_code.len(),
                seen.len()
            ),
        ));
    }
    Ok(facts)
}

/// `folkmangd_kommuner_1950-2022.xlsx`: a header row starting `Kommun` followed by years, then
/// one row per municipality, by name only (joined to codes through the code list).
pub fn read_1950_2022(path: &Path, regions: &Regions) -> Result<Vec<Fact>> {
    let rows = read_first_sheet(path)?;
    let header = rows
        .iter()
        .position(|r| r.get(0).trim() == "Kommun")
        .ok_or_else(|| PipelineError::file(path, "no header row starting with `Kommun`"))?;
    let mut years = Vec::new();
    for (i, h) in rows[header].cells.iter().enumerate().skip(1) {
        if h.trim().is_empty() {
            continue;
        }
        let y: u16 = h.trim().parse().map_err(|_| {
            PipelineError::input(path, rows[header].row, h, "header cell is not a year")
        })?;
        years.push((i, y));
    }
    let by_name = regions.municipality_by_name();
    let mut facts = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &rows[header + 1..] {
        let name = r.get(0).trim();
        if name.is_empty() {
            break; // the table ends at the first empty row; comments follow
        }
        let code = by_name.get(name).ok_or_else(|| {
            PipelineError::input(path, r.row, name, "municipality name not in the code list")
        })?;
        if !seen.insert(code.clone()) {
            return Err(PipelineError::input(
                path,
                r.row,
                name,
                "duplicate municipality",
            ));
        }
        for &(i, year) in &years {
            let raw = r.get(i);
            if raw.trim().is_empty() {
                facts.push(Fact::without(code, year, "population", Status::Missing));
            } else {
                facts.push(Fact::count(
                    code,
                    year,
                    "population",
                    parse_count(path, r.row, raw)?,
                ));
            }
        }
    }
    if seen.len() != 290 {
        return Err(PipelineError::file(
            path,
            format!("expected 290 municipalities, found {}", seen.len()),
        ));
    }
    Ok(facts)
}

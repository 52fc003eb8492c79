//! Checks shared by the two panels of Lulea-statistik/Samband-inflyttning (employment and
//! skills): one row per municipality and year, named as the code list names it, every
//! municipality in every year once.

use std::path::Path;

use super::regions::{RegionRow, Regions};
use crate::error::{PipelineError, Result};

/// The municipality of a row: a code of the code list, with the code list's name.
pub fn municipality<'a>(
    path: &Path,
    line: u64,
    code: &str,
    name: &str,
    regions: &'a Regions,
) -> Result<&'a RegionRow> {
    if code.is_empty() {
        return Err(PipelineError::input(
            path,
            line,
            code,
            "kommun_kod is missing",
        ));
    }
    let Some(region) = regions
        .by_code
        .get(code)
        .filter(|r| r.level == muni_model::RegionLevel::Municipality)
    else {
        return Err(PipelineError::input(
            path,
            line,
            code,
            "not a municipality code of the code list",
        ));
    };
    if region.name != name {
        return Err(PipelineError::input(
            path,
            line,
            name,
            format!("the code list names {code} {:?}", region.name),
        ));
    }
    Ok(region)
}

/// A row's year, within `years` (first and last, inclusive).
pub fn year(path: &Path, line: u64, raw: &str, years: (u16, u16)) -> Result<u16> {
    raw.parse()
        .ok()
        .filter(|y| (years.0..=years.1).contains(y))
        .ok_or_else(|| {
            PipelineError::input(
                path,
                line,
                raw,
                format!("year is not one of {}–{}", years.0, years.1),
            )
        })
}

/// The error for a municipality and year seen twice.
pub fn duplicate(path: &Path, line: u64, code: &str, year: u16) -> PipelineError {
    PipelineError::input(
        path,
        line,
        format!("{code} {year}"),
        "duplicate municipality and year",
    )
}

/// Every municipality of the code list in every year, else an error naming the first missing.
pub fn complete(
    path: &Path,
    seen: impl Fn(&(String, u16)) -> bool,
    count: usize,
    regions: &Regions,
    years: (u16, u16),
) -> Result<()> {
    let expected = regions.municipalities().count() * usize::from(years.1 - years.0 + 1);
    if count == expected {
        return Ok(());
    }
    let missing = regions
        .municipalities()
        .flat_map(|r| (years.0..=years.1).map(move |y| (r.code.clone(), y)))
        .find(|k| !seen(k));
    Err(PipelineError::file(
        path,
        format!(
            "expected {expected} rows (every municipality, {}–{}), found {count}; the first missing: {missing:?}",
            years.0, years.1
        ),
    ))
}

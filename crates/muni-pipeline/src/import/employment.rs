//! The employment panel `scb-employment/panel_2020_2024_subset.csv`: SCB's BAS (table AM0210F
//! `ArRegUtb`, day population) for every municipality and year 2020–2024, as summed over
//! education levels and sexes by the repository Lulea-statistik/Samband-inflyttning.
//!
//! Columns: `kommun_kod, kommun, year, folkmangd, sysselsatta_totalt, andel_industri_bc`, the
//! counts written as `14945.0` and the share of SNI B+C in per cent at full precision. The
//! employed in B+C are `andel_industri_bc × sysselsatta_totalt / 100`, which must be a whole
//! number (to within 0.001): the share was computed from whole counts, so anything else is a
//! defect, never rounded away. The variables written are the fetcher's (`employment.b_c`,
//! `employment.total`), so the build does not care where a figure came from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Fact;
use super::regions::Regions;
use crate::error::{PipelineError, Result};

/// The years the file holds.
pub const YEARS: (u16, u16) = (2020, 2024);

const COLUMNS: [&str; 6] = [
    "kommun_kod",
    "kommun",
    "year",
    "folkmangd",
    "sysselsatta_totalt",
    "andel_industri_bc",
];

/// The panel read and checked: employment facts, and its population column by municipality
/// and year (with the line it came from), to be held against the population series.
#[derive(Debug, Default)]
pub struct Panel {
    pub facts: Vec<Fact>,
    pub population: BTreeMap<(String, u16), (i64, u64)>,
}

/// A count written as a whole number (`14945.0` or `14945`).
fn whole(path: &Path, line: u64, column: &str, raw: &str) -> Result<i64> {
    let v: f64 = raw
        .trim()
        .parse()
        .map_err(|_| PipelineError::input(path, line, raw, format!("{column} is not a number")))?;
    if !v.is_finite() || v < 0.0 || v.fract() != 0.0 || v > 1e12 {
        return Err(PipelineError::input(
            path,
            line,
            raw,
            format!("{column} is not a whole non-negative number"),
        ));
    }
    Ok(v as i64)
}

/// Reads the panel: one row per municipality and year, every municipality of the code list in
/// every year of [`YEARS`]. A missing or unknown code, a name that is not the code list's, a
/// year outside the range, a duplicate row, a non-numeric value or a share that does not give a
/// whole number of employed stops the import with file, line and value.
pub fn read(path: &Path, regions: &Regions) -> Result<Panel> {
    let text = crate::text::read_text(path)?.0;
    parse(path, &text, regions)
}

/// [`read`] on the file's text (`path` names it in errors).
pub fn parse(path: &Path, text: &str, regions: &Regions) -> Result<Panel> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| PipelineError::input(path, 1, "", format!("malformed header: {e}")))?
        .clone();
    let mut at = [0usize; 6];
    for (k, name) in COLUMNS.iter().enumerate() {
        at[k] = header
            .iter()
            .position(|h| h.trim() == *name)
            .ok_or_else(|| {
                PipelineError::input(
                    path,
                    1,
                    header.iter().collect::<Vec<_>>().join(","),
                    format!("no column {name:?}"),
                )
            })?;
    }
    let mut panel = Panel::default();
    let mut seen = BTreeSet::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            PipelineError::input(path, line, "", format!("malformed row: {e}"))
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |k: usize| rec.get(at[k]).unwrap_or("").trim();
        let code = get(0);
        super::panel::municipality(path, line, code, get(1), regions)?;
        let year = super::panel::year(path, line, get(2), YEARS)?;
        if !seen.insert((code.to_owned(), year)) {
            return Err(super::panel::duplicate(path, line, code, year));
        }
        let population = whole(path, line, "folkmangd", get(3))?;
        let total = whole(path, line, "sysselsatta_totalt", get(4))?;
        let raw_share = get(5);
        let share: f64 = raw_share
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && (0.0..=100.0).contains(s))
            .ok_or_else(|| {
                PipelineError::input(
                    path,
                    line,
                    raw_share,
                    "andel_industri_bc is not a per cent between 0 and 100",
                )
            })?;
        let product = share * total as f64 / 100.0;
        let bc = product.round();
        if (product - bc).abs() > 0.001 {
            return Err(PipelineError::input(
                path,
                line,
                raw_share,
                format!(
                    "andel_industri_bc × sysselsatta_totalt / 100 = {product} is not a whole number of employed"
                ),
            ));
        }
        panel
            .facts
            .push(Fact::count(code, year, "employment.b_c", bc as i64));
        panel
            .facts
            .push(Fact::count(code, year, "employment.total", total));
        panel
            .population
            .insert((code.to_owned(), year), (population, line));
    }
    super::panel::complete(path, |k| seen.contains(k), seen.len(), regions, YEARS)?;
    Ok(panel)
}

/// Holds the panel's population against the population series: every year the series has
/// must agree exactly (else the import stops with the panel's line); the panel's years after
/// the series' last year extend it (same source, SCB's population on 31 December), returned as
/// new facts.
pub fn extend_population(path: &Path, panel: &Panel, population: &[Fact]) -> Result<Vec<Fact>> {
    let known: BTreeMap<(&str, u16), Option<&str>> = population
        .iter()
        .filter(|f| f.variable == "population")
        .map(|f| {
            (
                (f.region.as_str(), f.year),
                f.value.as_ref().map(|v| v.as_str()),
            )
        })
        .collect();
    let last = known.keys().map(|(_, y)| *y).max().unwrap_or(0);
    let mut new = Vec::new();
    for ((code, year), &(value, line)) in &panel.population {
        match known.get(&(code.as_str(), *year)) {
            Some(Some(v)) if *v == value.to_string() => {}
            Some(other) => {
                return Err(PipelineError::input(
                    path,
                    line,
                    value.to_string(),
                    format!(
                        "folkmangd differs from the population series' {other:?} for {code} {year}"
                    ),
                ));
            }
            None if *year > last => new.push(Fact::count(code, *year, "population", value)),
            None => {
                return Err(PipelineError::input(
                    path,
                    line,
                    value.to_string(),
                    format!("the population series has no figure for {code} {year} to check"),
                ));
            }
        }
    }
    Ok(new)
}

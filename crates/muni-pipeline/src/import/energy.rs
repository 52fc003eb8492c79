//! SCB Kommunal och regional energistatistik (EN0203): final use by sector and fuel, and
//! electricity production by method, from PxWeb CSV exports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use muni_model::Status;

use super::Fact;
use super::pxweb::{self, Cell};
use super::regions::Regions;
use crate::error::{PipelineError, Result};
use crate::text::fold;

/// Heby moved from Västmanland county (code 1917) to Uppsala county (0331) in 2007; the 2005–2008
/// tables report it under 1917 until 2006 and under 0331 from 2007, with zeros in the other
/// code's years. The two rows are added.
const HEBY_OLD: &str = "1917";
const HEBY: &str = "0331";

pub(crate) const SECTORS: &[(&str, &str)] = &[
    ("slutanv. jordbruk,skogsbruk,fiske", "agriculture"),
    ("slutanv. industri, byggverks.", "industry"),
    ("slutanv. offentlig verksamhet", "public"),
    ("slutanv. transporter", "transport"),
    ("slutanv. övriga tjänster", "services"),
    ("slutanv. småhus", "detached_houses"),
    ("slutanv. flerbostadshus", "apartment_blocks"),
    ("slutanv. fritidshus", "holiday_homes"),
    // SCB labels the all-sectors row with the name of the other dimension's total.
    ("summa bränsletyp", "total"),
];

pub(crate) const FUELS: &[(&str, &str)] = &[
    ("flytande (icke förnybara)", "liquid_fossil"),
    ("fast (icke förnybara)", "solid_fossil"),
    ("gas (icke förnybara)", "gas_fossil"),
    ("flytande (förnybara)", "liquid_renewable"),
    ("fast (förnybara)", "solid_renewable"),
    ("gas (förnybara)", "gas_renewable"),
    ("övriga", "other"),
    ("fjärrvärme", "district_heating"),
    ("el", "electricity"),
    ("summa förbrukarkategori", "total"),
];

pub(crate) const METHODS: &[(&str, &str)] = &[
    ("kraftvärmeverk + industriellt mottryck", "chp"),
    (
        "övrig värmekraft (kärnkraft, kondenskraft o.dyl.)",
        "other_thermal",
    ),
    ("vattenkraft", "hydro"),
    ("vindkraft", "wind"),
    ("summa bränsletyp", "total"),
];

/// The production row among the fuel rows of the production table.
pub(crate) const PRODUCTION: &str = "elproduktion";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// `förbrukarkategori` × `bränsletyp`: EN0203AE, 000000BS.
    FinalUse,
    /// `produktionssätt` × `bränsletyp`: EN0203AD, 000000BQ, ProdbrEl.
    Production,
}

type Key = (String, &'static str, &'static str, u16);

/// Label → slug pairs of one dimension.
pub(crate) type Labels = &'static [(&'static str, &'static str)];

#[derive(Debug, Clone)]
struct Located {
    cell: Cell,
    file: PathBuf,
    line: u64,
}

pub(crate) fn lookup(table: &[(&str, &'static str)], label: &str) -> Option<&'static str> {
    let f = fold(label);
    table
        .iter()
        .find(|(l, _)| fold(l) == f)
        .map(|(_, slug)| *slug)
}

fn combine(a: Cell, b: Cell) -> Cell {
    match (a, b) {
        (Cell::Value(x), Cell::Value(y)) => Cell::Value(x + y),
        (Cell::Missing, c) | (c, Cell::Missing) => c,
        _ => Cell::Confidential,
    }
}

/// Reads tables of one kind into cells keyed by (region, dim1 slug, dim2 slug, year).
fn read_cells(
    paths: &[PathBuf],
    kind: TableKind,
    regions: &Regions,
) -> Result<BTreeMap<Key, Located>> {
    let (dim1, dim2): (Labels, Labels) = match kind {
        TableKind::FinalUse => (SECTORS, FUELS),
        TableKind::Production => (METHODS, &[(PRODUCTION, "production")]),
    };
    let mut cells: BTreeMap<Key, Located> = BTreeMap::new();
    let mut heby_old: Vec<(Key, Located)> = Vec::new();
    for path in paths {
        let table = pxweb::read(path)?;
        if table.label_headers.len() != 3 {
            return Err(PipelineError::input(
                path,
                1,
                table.label_headers.join(";"),
                "expected three label columns (region and two dimensions)",
            ));
        }
        for row in &table.rows {
            let code = pxweb::region_code(&row.labels[0]);
            if code != HEBY_OLD && !regions.is_known(code) {
                return Err(PipelineError::input(
                    path,
                    row.line,
                    &row.labels[0],
                    "unknown region code",
                ));
            }
            let d1 = lookup(dim1, &row.labels[1]).ok_or_else(|| {
                PipelineError::input(path, row.line, &row.labels[1], "unknown category")
            })?;
            let d2 = match lookup(dim2, &row.labels[2]) {
                Some(d) => d,
                // Fuel inputs of power plants: not used, but must be known labels.
                None if kind == TableKind::Production
                    && (lookup(FUELS, &row.labels[2]).is_some()
                        || fold(&row.labels[2]) == fold("summa produktionssätt")) =>
                {
                    continue;
                }
                None => {
                    return Err(PipelineError::input(
                        path,
                        row.line,
                        &row.labels[2],
                        "unknown fuel type",
                    ));
                }
            };
            for (&year, &cell) in table.years.iter().zip(&row.cells) {
                let loc = Located {
                    cell,
                    file: path.clone(),
                    line: row.line,
                };
                if code == HEBY_OLD {
                    heby_old.push(((HEBY.to_owned(), d1, d2, year), loc));
                } else if let Some(prev) = cells.insert((code.to_owned(), d1, d2, year), loc) {
                    return Err(PipelineError::input(
                        path,
                        row.line,
                        &row.labels[0],
                        format!(
                            "duplicate figure for {year}, already given at {}:{}",
                            prev.file.display(),
                            prev.line
                        ),
                    ));
                }
            }
        }
    }
    for (key, old) in heby_old {
        let current = cells.get_mut(&key).ok_or_else(|| {
            PipelineError::input(
                &old.file,
                old.line,
                HEBY_OLD,
                format!(
                    "Heby's old code has a figure for {} but {HEBY} has none",
                    key.3
                ),
            )
        })?;
        current.cell = combine(current.cell, old.cell);
    }
    Ok(cells)
}

/// Parts must add up to their total within rounding: each published cell is rounded to whole
/// MWh, so a sum of `n` parts may be off by up to `(n + 1) / 2`.
fn check_total(
    cells: &BTreeMap<Key, Located>,
    total: &Key,
    parts: &[Key],
    what: &str,
) -> Result<()> {
    let Some(t) = cells.get(total) else {
        return Ok(());
    };
    let Cell::Value(tv) = t.cell else {
        return Ok(());
    };
    let mut sum = 0;
    for p in parts {
        match cells.get(p).map(|l| l.cell) {
            Some(Cell::Value(v)) => sum += v,
            _ => return Ok(()), // a confidential or absent part: the total cannot be checked
        }
    }
    let tolerance = (parts.len() as i64 + 1) / 2;
    if (sum - tv).abs() > tolerance {
        return Err(PipelineError::input(
            &t.file,
            t.line,
            tv.to_string(),
            format!(
                "{what} {} {}: total disagrees with the sum of its parts ({sum})",
                total.0, total.3
            ),
        ));
    }
    Ok(())
}

pub struct EnergyFiles {
    pub final_use: Vec<PathBuf>,
    pub production: Vec<PathBuf>,
    /// The Latin-1 ProdbrEl export of 2009–2013, checked against `production`.
    pub production_crosscheck: Option<PathBuf>,
}

pub fn read(files: &EnergyFiles, regions: &Regions) -> Result<Vec<Fact>> {
    let mut facts = Vec::new();

    let use_cells = read_cells(&files.final_use, TableKind::FinalUse, regions)?;
    let keys: BTreeSet<(String, u16)> = use_cells.keys().map(|k| (k.0.clone(), k.3)).collect();
    for (region, year) in &keys {
        let key = |s: &'static str, f: &'static str| (region.clone(), s, f, *year);
        for (_, sector) in SECTORS {
            let parts: Vec<Key> = FUELS
                .iter()
                .filter(|f| f.1 != "total")
                .map(|f| key(sector, f.1))
                .collect();
            check_total(
                &use_cells,
                &key(sector, "total"),
                &parts,
                "final use of sector",
            )?;
        }
        for fuel in ["total", "electricity"] {
            let parts: Vec<Key> = SECTORS
                .iter()
                .filter(|s| s.1 != "total")
                .map(|s| key(s.1, fuel))
                .collect();
            check_total(
                &use_cells,
                &key("total", fuel),
                &parts,
                "final use of all sectors",
            )?;
        }
    }
    for ((region, sector, fuel, year), loc) in &use_cells {
        let variable = match *fuel {
            "total" => format!("final_use.{sector}"),
            "electricity" => format!("electricity_use.{sector}"),
            _ => continue,
        };
        facts.push(Fact::from_cell(region, *year, &variable, loc.cell));
    }

    let prod_cells = read_cells(&files.production, TableKind::Production, regions)?;
    let keys: BTreeSet<(String, u16)> = prod_cells.keys().map(|k| (k.0.clone(), k.3)).collect();
    for (region, year) in &keys {
        let key = |m: &'static str| (region.clone(), m, "production", *year);
        let parts: Vec<Key> = METHODS
            .iter()
            .filter(|m| m.1 != "total" && prod_cells.contains_key(&key(m.1)))
            .map(|m| key(m.1))
            .collect();
        check_total(&prod_cells, &key("total"), &parts, "electricity production")?;
    }
    if let Some(path) = &files.production_crosscheck {
        let check = read_cells(std::slice::from_ref(path), TableKind::Production, regions)?;
        for (key, loc) in &check {
            let main = prod_cells.get(key).map(|l| l.cell);
            if main != Some(loc.cell) {
                return Err(PipelineError::input(
                    path,
                    loc.line,
                    format!("{:?}", loc.cell),
                    format!(
                        "disagrees with the UTF-8 export ({main:?}) for {} {} {}",
                        key.0, key.1, key.3
                    ),
                ));
            }
        }
    }
    for ((region, method, _, year), loc) in &prod_cells {
        facts.push(Fact::from_cell(
            region,
            *year,
            &format!("electricity_production.{method}"),
            loc.cell,
        ));
    }
    // The 2005–2008 table has no wind power row: say so explicitly rather than leave a hole.
    let years_with_wind: BTreeSet<u16> = prod_cells
        .keys()
        .filter(|k| k.1 == "wind")
        .map(|k| k.3)
        .collect();
    for (region, year) in &keys {
        if !years_with_wind.contains(year) {
            facts.push(Fact::without(
                region,
                *year,
                "electricity_production.wind",
                Status::Missing,
            ));
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_despite_the_encoding_defect() {
        assert_eq!(
            lookup(SECTORS, "slutanv. \u{FFFD}vriga tj\u{FFFD}nster"),
            Some("services")
        );
        assert_eq!(
            lookup(FUELS, "fj\u{FFFD}rrv\u{FFFD}rme"),
            Some("district_heating")
        );
        assert_eq!(
            lookup(
                METHODS,
                "\u{FFFD}vrig v\u{FFFD}rmekraft (k\u{FFFD}rnkraft, kondenskraft o.dyl.)"
            ),
            Some("other_thermal")
        );
        assert_eq!(lookup(METHODS, "solkraft"), None);
    }

    #[test]
    fn heby_rows_combine_without_inventing_zeros() {
        assert_eq!(
            combine(Cell::Value(0), Cell::Value(19929)),
            Cell::Value(19929)
        );
        assert_eq!(
            combine(Cell::Confidential, Cell::Value(0)),
            Cell::Confidential
        );
        assert_eq!(combine(Cell::Missing, Cell::Value(3)), Cell::Value(3));
    }
}

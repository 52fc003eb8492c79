//! Upphandlingsmyndigheten's statistics database (.xlsx): one row per advertised procurement,
//! with the buyer, legal form, kind, sustainability/innovation flags and contracted value.
//!
//! Buyers are organisations, not municipalities. Attribution, documented in `data/SOURCES.md`:
//! 1. legal form `Kommuner` and a name `<NAMN>[S] KOMMUN` that matches the code list → that
//!    municipality;
//! 2. otherwise the reviewed mapping `data/procurement/buyer_attribution.csv` (organisation
//!    number → municipality), for buyers that purchase *as* the municipality (Region Gotland,
//!    Telge Inköp AB for Södertälje);
//! 3. otherwise not attributed (municipal companies, regions, state agencies…): reported, not
//!    guessed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::excel::{SheetRow, read_first_sheet};
use super::regions::Regions;
use crate::error::{PipelineError, Result};

/// One advertised procurement, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub source_row: u64,
    pub year: u16,
    pub buyer_org_nr: String,
    pub procurement_id: String,
    pub published: String,
    pub kind: &'static str,
    pub environmental: bool,
    pub social: bool,
    pub innovation: bool,
    /// Contracted value in SEK (the contract ceiling), for the value file only.
    pub value_sek: Option<f64>,
}

/// One buyer organisation and where its procurements are attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buyer {
    pub org_nr: String,
    pub name: String,
    pub legal_form: String,
    pub municipality: Option<String>,
    /// `kommun_name`, `mapping` or `none`.
    pub attribution: &'static str,
}

/// A reviewed line of `buyer_attribution.csv`.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct MappingRow {
    pub org_nr: String,
    pub name: String,
    pub municipality_code: String,
    pub role: String,
    pub note: String,
}

struct Columns {
    year: usize,
    name: usize,
    org_nr: usize,
    legal_form: usize,
    kind: usize,
    environmental: usize,
    social: usize,
    innovation: usize,
    id: usize,
    title: usize,
    published: usize,
    measure: usize,
}

fn columns(path: &Path, header: &SheetRow, measure: Measure) -> Result<Columns> {
    let find = |name: &str| {
        header
            .cells
            .iter()
            .position(|c| c.trim().to_lowercase() == name.to_lowercase())
            .ok_or_else(|| {
                PipelineError::input(
                    path,
                    header.row,
                    name,
                    "required column missing from the header",
                )
            })
    };
    Ok(Columns {
        year: find("År")?,
        name: find("Namn för köpare")?,
        org_nr: find("Organisationsnummer för köpare")?,
        legal_form: find("Juridisk form för köpare")?,
        kind: find("Upphandlingsslag")?,
        environmental: find("Miljömässigt hållbar upphandling")?,
        social: find("Socialt hållbar upphandling")?,
        innovation: find("Innovationsupphandling")?,
        id: find("Upphandlings-ID")?,
        title: find("Upphandlingens titel")?,
        published: find("Publiceringsdatum")?,
        measure: measure
            .columns()
            .iter()
            .find_map(|name| find(name).ok())
            .ok_or_else(|| {
                PipelineError::input(
                    path,
                    header.row,
                    header.cells.join(", "),
                    format!(
                        "no measure column ({}) in the header",
                        measure.columns().join(" or ")
                    ),
                )
            })?,
    })
}

/// A flag column: the statistics database's export writes `True` or nothing; the open RowStore
/// writes a sentence (`Främjande av innovation` is set, `Det tas inte hänsyn till innovation i
/// upphandlingen` is not, `Uppgift saknas` says nothing and counts as not set). `truth` is the
/// RowStore's sentence for a set flag; anything else stops with the value.
fn flag(path: &Path, row: u64, raw: &str, column: &str, truth: &str) -> Result<bool> {
    match raw.trim() {
        "True" | "true" => Ok(true),
        "" | "False" | "false" | UNKNOWN => Ok(false),
        s if s == truth => Ok(true),
        s if s.starts_with("Det tas inte hänsyn till ") => Ok(false),
        other => Err(PipelineError::input(
            path,
            row,
            other,
            format!(
                "`{column}` is neither True, False, empty, {truth:?}, \"Det tas inte hänsyn till …\" nor {UNKNOWN:?}"
            ),
        )),
    }
}

/// A publication date as `YYYY-MM-DD`: the export writes it so, the RowStore as
/// `2024-12-19 00:00:00.0000000` (the time is dropped); `Uppgift saknas` is no date (empty).
fn publication_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw == UNKNOWN {
        return Some(String::new());
    }
    let (date, time) = raw.split_once(' ').unwrap_or((raw, ""));
    let date_ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let time_ok = time.is_empty()
        || (time.len() >= 8
            && time.bytes().enumerate().all(|(i, b)| match i {
                2 | 5 => b == b':',
                8 => b == b'.',
                _ => b.is_ascii_digit(),
            }));
    (date_ok && time_ok).then(|| date.to_owned())
}

/// What the open RowStore writes where a value is unknown.
pub const UNKNOWN: &str = "Uppgift saknas";

/// The measure of a microdata file: a count of 1 per row, or the contracted value. Its column is
/// named differently by the statistics database's export and by the RowStore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Count,
    Value,
}

impl Measure {
    /// The column names of the measure, matched without regard to case.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Measure::Count => &["Antal upphandlingar, Summa", "antal upphandlingar, antal"],
            Measure::Value => &["Kontrakterat värde, Summa", "kontrakterat värde"],
        }
    }
}

/// Reads a microdata file whose last measure is `measure` (a count of 1 per row, or a value).
pub fn read_notices(path: &Path, measure: Measure) -> Result<(Vec<Notice>, Vec<Buyer>)> {
    notices_from_rows(path, &read_first_sheet(path)?, measure)
}

/// Notices from rows whose first is the header (a sheet, or RowStore's JSON as rows); `path`
/// names the file in errors.
// Long: the sheet's columns and each row's checks (kinds, flags, dates, counts, values,
// duplicates) in the order of the sheet, each naming its row.
pub fn notices_from_rows(
    path: &Path,
    rows: &[SheetRow],
    measure: Measure,
) -> Result<(Vec<Notice>, Vec<Buyer>)> {
    let header = rows
        .first()
        .ok_or_else(|| PipelineError::file(path, "empty sheet"))?;
    let c = columns(path, header, measure)?;
    let mut notices = Vec::new();
    let mut buyers: BTreeMap<String, Buyer> = BTreeMap::new();
    let mut keys: BTreeMap<(String, String, String, String), u64> = BTreeMap::new();
    for r in &rows[1..] {
        if r.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let year: u16 = r
            .get(c.year)
            .trim()
            .parse()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| {
                PipelineError::input(path, r.row, r.get(c.year), "`År` is not a year")
            })?;
        // Swedish organisation numbers have 10 digits (a dash after the sixth is dropped);
        // foreign buyers (Åland: `0145076-7`) keep their own business id as published. The
        // RowStore names no buyer on some rows (`Uppgift saknas`): one unknown buyer, never
        // attributed to a municipality.
        let raw_org = r.get(c.org_nr).trim();
        let unknown_buyer = raw_org == UNKNOWN;
        let digits = raw_org.replace('-', "");
        if !unknown_buyer
            && (raw_org.is_empty() || !raw_org.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        {
            return Err(PipelineError::input(
                path,
                r.row,
                raw_org,
                "organisation number is not digits",
            ));
        }
        let org_nr = if digits.len() == 10 {
            digits
        } else {
            raw_org.to_owned()
        };
        let kind = match r.get(c.kind).trim() {
            "Varor" => "goods",
            "Tjänster" => "services",
            "Byggentreprenader" => "works",
            "" | UNKNOWN => "unknown",
            other => {
                return Err(PipelineError::input(
                    path,
                    r.row,
                    other,
                    "unknown `Upphandlingsslag`",
                ));
            }
        };
        let id = r.get(c.id).trim().to_owned();
        if id.is_empty() {
            return Err(PipelineError::input(
                path,
                r.row,
                "",
                "empty `Upphandlings-ID`",
            ));
        }
        let published = publication_date(r.get(c.published)).ok_or_else(|| {
            PipelineError::input(
                path,
                r.row,
                r.get(c.published),
                "`Publiceringsdatum` is not a YYYY-MM-DD date",
            )
        })?;
        // Upphandlings-ID alone is not unique upstream (the same id is reused for different
        // notices); a notice is identified by id, buyer, date and title.
        let key = (
            id.clone(),
            org_nr.clone(),
            published.clone(),
            r.get(c.title).trim().to_owned(),
        );
        if let Some(first) = keys.insert(key, r.row) {
            return Err(PipelineError::input(
                path,
                r.row,
                &id,
                format!("duplicate procurement (same id, buyer, date and title as row {first})"),
            ));
        }
        let raw_measure = r.get(c.measure).trim();
        let value_sek = if measure == Measure::Count {
            if raw_measure != "1" && raw_measure != "1.0" {
                return Err(PipelineError::input(
                    path,
                    r.row,
                    raw_measure,
                    "count per row is not 1",
                ));
            }
            None
        } else {
            let v: f64 = raw_measure
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| {
                    PipelineError::input(
                        path,
                        r.row,
                        raw_measure,
                        "contracted value is not a non-negative number",
                    )
                })?;
            Some(v)
        };
        let name = r.get(c.name).trim().to_owned();
        let legal_form = if unknown_buyer {
            UNKNOWN.to_owned()
        } else {
            r.get(c.legal_form).trim().to_owned()
        };
        let buyer = buyers.entry(org_nr.clone()).or_insert_with(|| Buyer {
            org_nr: org_nr.clone(),
            name: name.clone(),
            legal_form: legal_form.clone(),
            municipality: None,
            attribution: "none",
        });
        if buyer.legal_form != legal_form {
            return Err(PipelineError::input(
                path,
                r.row,
                &legal_form,
                format!(
                    "buyer {org_nr} has another legal form on an earlier row ({})",
                    buyer.legal_form
                ),
            ));
        }
        notices.push(Notice {
            source_row: r.row,
            year,
            buyer_org_nr: org_nr,
            procurement_id: id,
            published,
            kind,
            environmental: flag(
                path,
                r.row,
                r.get(c.environmental),
                "Miljömässigt hållbar upphandling",
                "Minskning av miljöpåverkan",
            )?,
            social: flag(
                path,
                r.row,
                r.get(c.social),
                "Socialt hållbar upphandling",
                "Främjande av social hållbarhet",
            )?,
            innovation: flag(
                path,
                r.row,
                r.get(c.innovation),
                "Innovationsupphandling",
                "Främjande av innovation",
            )?,
            value_sek,
        });
    }
    Ok((notices, buyers.into_values().collect()))
}

pub const NOTICE_HEADER: &[&str] = &[
    "source_row",
    "year",
    "buyer_org_nr",
    "procurement_id",
    "published",
    "kind",
    "environmental",
    "social",
    "innovation",
];

/// A row of `procurement_notices.csv`, or of `procurement_values.csv` with the value.
pub fn notice_record(n: &Notice, with_value: bool) -> Vec<String> {
    let mut row = vec![
        n.source_row.to_string(),
        n.year.to_string(),
        n.buyer_org_nr.clone(),
        n.procurement_id.clone(),
        n.published.clone(),
        n.kind.to_owned(),
        n.environmental.to_string(),
        n.social.to_string(),
        n.innovation.to_string(),
    ];
    if with_value {
        row.push(n.value_sek.map(|v| v.to_string()).unwrap_or_default());
    }
    row
}

pub const BUYER_HEADER: &[&str] = &[
    "org_nr",
    "name",
    "legal_form",
    "municipality_code",
    "attribution",
];

pub fn buyer_record(b: &Buyer) -> Vec<String> {
    vec![
        b.org_nr.clone(),
        b.name.clone(),
        b.legal_form.clone(),
        b.municipality.clone().unwrap_or_default(),
        b.attribution.to_owned(),
    ]
}

/// `LULEÅ KOMMUN` → Luleå, `LUNDS KOMMUN` → Lund, `BORÅS KOMMUN` → Borås.
pub fn municipality_from_name(name: &str, regions: &Regions) -> Option<String> {
    let upper: BTreeMap<String, String> = regions
        .municipalities()
        .map(|r| (r.name.to_uppercase(), r.code.clone()))
        .collect();
    let base = name.trim().to_uppercase();
    let base = base
        .strip_suffix(" KOMMUN")
        .or_else(|| base.strip_suffix(" STAD"))?;
    upper
        .get(base)
        .or_else(|| base.strip_suffix('S').and_then(|b| upper.get(b)))
        .cloned()
}

pub fn read_mapping(path: &Path, regions: &Regions) -> Result<Vec<MappingRow>> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| PipelineError::file(path, e.to_string()))?;
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, rec) in reader.deserialize::<MappingRow>().enumerate() {
        let line = i as u64 + 2;
        let row =
            rec.map_err(|e| PipelineError::input(path, line, "", format!("malformed row: {e}")))?;
        if !regions
            .municipalities()
            .any(|m| m.code == row.municipality_code)
        {
            return Err(PipelineError::input(
                path,
                line,
                &row.municipality_code,
                "not a municipality code",
            ));
        }
        if !seen.insert(row.org_nr.clone()) {
            return Err(PipelineError::input(
                path,
                line,
                &row.org_nr,
                "organisation number listed twice",
            ));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The name rule: a `Kommuner` buyer `<NAMN>[S] KOMMUN` is that municipality; one that matches
/// none stops the import (or fetch) with a pointer to the mapping.
fn by_name(b: &mut Buyer, mapping_path: &Path, regions: &Regions) -> Result<()> {
    let code = municipality_from_name(&b.name, regions).ok_or_else(|| {
        PipelineError::input(mapping_path, 0, &b.name, format!("buyer {} has legal form Kommuner but no municipality matches its name; add it to this mapping", b.org_nr))
    })?;
    b.municipality = Some(code);
    b.attribution = "kommun_name";
    Ok(())
}

/// The attribution rules for buyers first seen in a fetch: the reviewed mapping by organisation
/// number, then the `Kommuner` name rule; a `Kommuner` buyer neither places stops the fetch.
pub fn attribute_new(
    buyers: &mut [Buyer],
    mapping: &[MappingRow],
    mapping_path: &Path,
    regions: &Regions,
) -> Result<()> {
    for b in buyers.iter_mut() {
        if let Some(m) = mapping.iter().find(|m| m.org_nr == b.org_nr) {
            b.municipality = Some(m.municipality_code.clone());
            b.attribution = "mapping";
        } else if b.legal_form == "Kommuner" {
            by_name(b, mapping_path, regions)?;
        }
    }
    Ok(())
}

/// Applies the attribution rules to every buyer. A `Kommuner` buyer that neither rule places
/// stops the import; a mapping line naming a buyer that is absent or named differently does too.
pub fn attribute(
    buyers: &mut [Buyer],
    mapping: &[MappingRow],
    mapping_path: &Path,
    regions: &Regions,
) -> Result<()> {
    for (i, m) in mapping.iter().enumerate() {
        let line = i as u64 + 2;
        let Some(b) = buyers.iter_mut().find(|b| b.org_nr == m.org_nr) else {
            return Err(PipelineError::input(
                mapping_path,
                line,
                &m.org_nr,
                "organisation number not among the buyers",
            ));
        };
        if b.name != m.name {
            return Err(PipelineError::input(
                mapping_path,
                line,
                &m.name,
                format!("the data names this buyer {:?}", b.name),
            ));
        }
        b.municipality = Some(m.municipality_code.clone());
        b.attribution = "mapping";
    }
    for b in buyers.iter_mut().filter(|b| b.attribution == "none") {
        if b.legal_form == "Kommuner" {
            by_name(b, mapping_path, regions)?;
        }
    }
    Ok(())
}

//! When each source's figures were retrieved: `data/normalised/retrieved.csv`, one row per
//! source (`source, retrieved, basis`). `import` writes it from what the copies say (the export
//! time in the energy files' names; nothing for copies that carry no date), `fetch` records the
//! day of the newest answer it used for each theme, and `build` puts the dates on each source
//! line and, once every source has one, the newest of them in the data version.
//!
//! A date is never guessed: a source without one says so.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{PipelineError, Result};

pub const FILE: &str = "retrieved.csv";

/// The sources, by the key the file uses.
pub const SOURCES: [&str; 5] = [
    "employment",
    "energy",
    "labour",
    "population",
    "procurement",
];

/// How `fetch` marks the dates it records (the basis starts with it).
pub const FETCHED: &str = "fetch";

/// Why a source has no date: the copy it was imported from does not carry one.
pub const NOT_RECORDED: &str = "not recorded in the copy imported (see data/SOURCES.md)";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// `YYYY-MM-DD`, or empty when not known.
    pub date: String,
    /// Where the date comes from.
    pub basis: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Retrieved(BTreeMap<String, Entry>);

impl Retrieved {
    /// Reads `dir/retrieved.csv`; a tree without one (made before the file existed) has no dates.
    pub fn read(dir: &Path) -> Result<Self> {
        let path = dir.join(FILE);
        if !path.exists() {
            return Ok(Self::default());
        }
        let mut r =
            csv::Reader::from_path(&path).map_err(|e| PipelineError::file(&path, e.to_string()))?;
        let mut out = Self::default();
        for (i, rec) in r.records().enumerate() {
            let line = i as u64 + 2;
            let rec = rec.map_err(|e| PipelineError::input(&path, line, "", e.to_string()))?;
            let field = |n: usize| rec.get(n).unwrap_or("").to_owned();
            let (key, date, basis) = (field(0), field(1), field(2));
            if !SOURCES.contains(&key.as_str()) {
                return Err(PipelineError::input(
                    &path,
                    line,
                    key,
                    format!("not a source (one of {})", SOURCES.join(", ")),
                ));
            }
            if !date.is_empty() && !is_date(&date) {
                return Err(PipelineError::input(
                    &path,
                    line,
                    date,
                    "not a date (YYYY-MM-DD)",
                ));
            }
            if out.0.contains_key(&key) {
                return Err(PipelineError::input(
                    &path,
                    line,
                    key,
                    "the source is listed twice",
                ));
            }
            out.0.insert(key, Entry { date, basis });
        }
        Ok(out)
    }

    /// Writes `dir/retrieved.csv` (through a temporary file), every source a row.
    pub fn write(&self, dir: &Path) -> Result<()> {
        crate::fsutil::write_csv(
            &dir.join(FILE),
            &["source", "retrieved", "basis"],
            SOURCES.iter().map(|k| {
                let e = self.0.get(*k).cloned().unwrap_or_else(|| Entry {
                    date: String::new(),
                    basis: NOT_RECORDED.into(),
                });
                vec![(*k).to_owned(), e.date, e.basis]
            }),
        )
    }

    pub fn set(&mut self, key: &str, date: &str, basis: &str) {
        debug_assert!(SOURCES.contains(&key) && (date.is_empty() || is_date(date)));
        self.0.insert(
            key.to_owned(),
            Entry {
                date: date.to_owned(),
                basis: basis.to_owned(),
            },
        );
    }

    /// The day `key`'s figures were retrieved, when known.
    pub fn date(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(|e| e.date.as_str())
            .filter(|d| !d.is_empty())
    }

    /// The newest retrieval, when it is known: every source has a date, or a fetch recorded
    /// one (an undated copy was imported before any fetch, since an import starts the file
    /// afresh, so a fetched date is newer than it). Otherwise the newest known date would claim
    /// too much: an undated copy may be newer.
    pub fn newest(&self) -> Option<&str> {
        let dates: Vec<&str> = SOURCES.iter().filter_map(|k| self.date(k)).collect();
        let fetched = self
            .0
            .values()
            .any(|e| !e.date.is_empty() && e.basis.starts_with(FETCHED));
        (fetched || dates.len() == SOURCES.len())
            .then(|| dates.into_iter().max())
            .flatten()
    }

    /// A source line's retrieval: the dates of `keys` (a combined source has several), each
    /// named by its key when there are several, the unknown ones left out; empty when none.
    pub fn line(&self, keys: &[(&str, &str)]) -> String {
        let known: Vec<(&str, &str)> = keys
            .iter()
            .filter_map(|(k, label)| Some((*label, self.date(k)?)))
            .collect();
        match known.as_slice() {
            [(_, d)] if keys.len() == 1 => (*d).to_owned(),
            _ => known
                .iter()
                .map(|(label, d)| format!("{label} {d}"))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// `YYYY-MM-DD` with a real month and day.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    s.bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&m)
        && d >= 1
        && d <= days_in_month(y, m)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The export date in a PxWeb export's file name: `EN0203AE_20221201-145253.csv` → `2022-12-01`.
pub fn date_in_name(name: &str) -> Option<String> {
    let stem = name.rsplit('/').next()?;
    let digits = stem.split('_').nth(1)?.split('-').next()?;
    if digits.len() != 8 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let d = format!("{}-{}-{}", &digits[0..4], &digits[4..6], &digits[6..8]);
    is_date(&d).then_some(d)
}

/// The UTC day of `secs` since 1970 (the civil calendar, proleptic Gregorian).
pub fn utc_date(secs: u64) -> String {
    // Howard Hinnant's days_from_civil, inverted.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_names_and_clocks() {
        assert_eq!(
            date_in_name("scb-energy/EN0203AE_20221201-145253.csv").as_deref(),
            Some("2022-12-01")
        );
        assert_eq!(date_in_name("000000BQ_20221301-141152.csv"), None);
        assert_eq!(date_in_name("ProdbrEl_2009-2013_latin1.csv"), None);
        assert_eq!(utc_date(0), "1970-01-01");
        // 2024-02-29 12:00 UTC and 2026-12-02 23:59:59 UTC.
        assert_eq!(utc_date(1_709_208_000), "2024-02-29");
        assert_eq!(utc_date(1_796_255_999), "2026-12-02");
        assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2024-1-01"));
    }

    #[test]
    fn newest_only_when_every_source_is_dated() {
        let mut r = Retrieved::default();
        r.set("energy", "2022-12-01", "file names");
        assert_eq!(r.newest(), None);
        assert_eq!(r.line(&[("energy", "EN0203")]), "2022-12-01");
        assert_eq!(
            r.line(&[("energy", "EN0203"), ("population", "BE0101")]),
            "EN0203 2022-12-01"
        );
        assert_eq!(r.line(&[("population", "BE0101")]), "");
        for k in SOURCES {
            if k != "energy" {
                r.set(k, "2026-11-30", "fetch");
            }
        }
        assert_eq!(r.newest(), Some("2026-11-30"));
        // A date a fetch recorded is newer than any undated copy: known with one source dated.
        let mut r = Retrieved::default();
        r.set("energy", "2022-12-01", "file names");
        r.set("population", "2026-12-02", "fetch: the newest answer used");
        assert_eq!(r.newest(), Some("2026-12-02"));
    }

    #[test]
    fn the_file_round_trips_and_bad_rows_are_named() {
        let dir = std::env::temp_dir().join(format!("retrieved-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(Retrieved::read(&dir).unwrap(), Retrieved::default());
        let mut r = Retrieved::default();
        r.set("energy", "2022-12-01", "file names");
        r.write(&dir).unwrap();
        let back = Retrieved::read(&dir).unwrap();
        assert_eq!(back.date("energy"), Some("2022-12-01"));
        assert_eq!(back.date("labour"), None);

        std::fs::write(
            dir.join(FILE),
            "source,retrieved,basis\nenergy,2022-13-01,x\n",
        )
        .unwrap();
        let e = Retrieved::read(&dir).unwrap_err().to_string();
        assert!(
            e.contains("retrieved.csv") && e.contains('2') && e.contains("2022-13-01"),
            "{e}"
        );
        std::fs::write(dir.join(FILE), "source,retrieved,basis\nwind,,x\n").unwrap();
        let e = Retrieved::read(&dir).unwrap_err().to_string();
        assert!(e.contains("wind") && e.contains("not a source"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! The tidy tables of `data/normalised/`, as far as they are shared: the rows of the fact
//! files and of `regions.csv`, written by `import` and `fetch` and read by `fetch` through
//! these definitions (`build` reads the same columns with polars). Statuses and levels are
//! typed: an unknown one is an error naming the file, line and value, never a default.

use std::path::Path;

use muni_model::{RegionLevel, Status};
use serde::{Deserialize, Serialize};

use crate::error::{PipelineError, Result};
use crate::fsutil::write_csv;

/// The columns of every fact file (`employment.csv`, `energy.csv`, `population.csv`,
/// `labour.csv`): one figure in tidy long form.
pub const FACT_HEADER: [&str; 5] = ["region_code", "year", "variable", "value", "status"];

/// A figure as a fact file holds it: its decimal text (as the source wrote it, so `81.0`
/// stays `81.0`, or as Rust writes a count or a sum), always a finite number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Figure {
    text: String,
    value: f64,
}

impl Figure {
    /// A count (persons, notices, MWh as published in whole units).
    pub fn count(n: i64) -> Self {
        Self {
            text: n.to_string(),
            value: n as f64,
        }
    }

    /// A sum of published figures, written as Rust writes an `f64` (`1234`, `0.5`); `None` if
    /// it is not finite.
    pub fn number(x: f64) -> Option<Self> {
        x.is_finite().then(|| Self {
            text: format!("{x}"),
            value: x,
        })
    }

    /// A figure kept as written, if it is a finite decimal number.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() && text.trim() == text && !text.is_empty() => Ok(Self {
                text: text.to_owned(),
                value,
            }),
            _ => Err(format!("{text:?} is not a finite decimal number")),
        }
    }

    pub fn value(&self) -> f64 {
        self.value
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl TryFrom<String> for Figure {
    type Error = String;
    fn try_from(text: String) -> std::result::Result<Self, String> {
        Figure::parse(&text)
    }
}

impl From<Figure> for String {
    fn from(f: Figure) -> String {
        f.text
    }
}

/// A row of a fact file: one figure in tidy long form. `value` is there exactly when
/// `status` is `ok`; a withheld or missing figure is never a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    #[serde(rename = "region_code")]
    pub region: String,
    pub year: u16,
    pub variable: String,
    pub value: Option<Figure>,
    pub status: Status,
}

impl Fact {
    /// A published count.
    pub fn count(region: &str, year: u16, variable: &str, n: i64) -> Self {
        Self::new(region, year, variable, Some(Figure::count(n)), Status::Ok)
    }

    /// A figure the source withheld (`Confidential`) or does not have (`Missing`).
    pub fn without(region: &str, year: u16, variable: &str, status: Status) -> Self {
        Self::new(region, year, variable, None, status)
    }

    /// A figure with its status: `value` must be there exactly when `status` is `Ok` (checked
    /// by [`Fact::check`] when read and written).
    pub fn new(
        region: &str,
        year: u16,
        variable: &str,
        value: Option<Figure>,
        status: Status,
    ) -> Self {
        Self {
            region: region.to_owned(),
            year,
            variable: variable.to_owned(),
            value,
            status,
        }
    }

    /// The figure as a number, if there is one.
    pub fn number(&self) -> Option<f64> {
        self.value.as_ref().map(Figure::value)
    }

    /// `value` and `status` agree, and the status is one a source gives (`incomplete` is a
    /// group's, computed by the build, never stored).
    pub fn check(&self) -> std::result::Result<(), String> {
        match (self.status, &self.value) {
            (Status::Ok, Some(_)) | (Status::Confidential | Status::Missing, None) => Ok(()),
            (Status::Incomplete, _) => Err("status incomplete is a group's, not a source's".into()),
            (Status::Ok, None) => Err("status ok without a value".into()),
            (s, Some(v)) => Err(format!("value {} with status {}", v.as_str(), s.as_str())),
        }
    }

    fn record(&self) -> Vec<String> {
        vec![
            self.region.clone(),
            self.year.to_string(),
            self.variable.clone(),
            self.value
                .as_ref()
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            self.status.as_str().to_owned(),
        ]
    }
}

/// Writes a fact file, sorted as every fact file is (variable, region, year). A fact whose
/// value and status disagree stops the write, naming it.
pub fn write_facts<'a>(path: &Path, facts: impl IntoIterator<Item = &'a Fact>) -> Result<()> {
    let mut facts: Vec<&Fact> = facts.into_iter().collect();
    for f in &facts {
        f.check().map_err(|e| {
            PipelineError::file(path, format!("{} {} {}: {e}", f.region, f.year, f.variable))
        })?;
    }
    facts.sort_by(|a, b| (&a.variable, &a.region, a.year).cmp(&(&b.variable, &b.region, b.year)));
    write_csv(path, &FACT_HEADER, facts.iter().map(|f| f.record()))
}

/// Reads a fact file; a malformed row, an unknown status or a value that disagrees with its
/// status is an error naming the file, line and value.
pub fn read_facts(path: &Path) -> Result<Vec<Fact>> {
    let facts: Vec<Fact> = crate::read_csv_rows(path)?;
    for (i, f) in facts.iter().enumerate() {
        f.check().map_err(|e| {
            PipelineError::input(
                path,
                i as u64 + 2,
                f.value.as_ref().map_or(f.status.as_str(), Figure::as_str),
                e,
            )
        })?;
    }
    Ok(facts)
}

/// The SHA-256 of the normalised tables in `dir`, as lower-case hex: each regular file's name,
/// its length and its bytes, in name order (hidden files aside). The data version of a build.
pub fn content_hash(dir: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut names: Vec<(String, std::path::PathBuf)> = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| PipelineError::io(dir, e))? {
        let e = e.map_err(|e| PipelineError::io(dir, e))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_file() && !name.starts_with('.') {
            names.push((name, e.path()));
        }
    }
    names.sort();
    let mut h = Sha256::new();
    for (name, path) in names {
        let bytes = std::fs::read(&path).map_err(|e| PipelineError::io(&path, e))?;
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The columns of `regions.csv`.
pub const REGION_HEADER: [&str; 4] = ["code", "name", "level", "county_code"];

/// A row of `regions.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    /// `country`, `county` or `municipality`.
    pub level: RegionLevel,
    /// A municipality's county; empty for Riket and the counties.
    pub county_code: String,
}

/// A level as `regions.csv` writes it (the wire names of `RegionLevel`).
pub fn level_id(level: RegionLevel) -> &'static str {
    match level {
        RegionLevel::Country => "country",
        RegionLevel::County => "county",
        RegionLevel::Municipality => "municipality",
        RegionLevel::Group => "group",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("normalised-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn facts_are_written_sorted_read_back_as_written_and_checked() {
        let dir = temp("facts");
        let path = dir.join("labour.csv");
        // SYNTHETIC figures.
        let facts = vec![
            Fact::new(
                "2580",
                2021,
                "labour.employment_rate",
                Some(Figure::parse("81.0").unwrap()),
                Status::Ok,
            ),
            Fact::count("0181", 2021, "employment.total", 12_345),
            Fact::without("0181", 2020, "labour.employment_rate", Status::Missing),
            Fact::new(
                "0181",
                2021,
                "energy.x",
                Figure::number(0.5 + 1234.0),
                Status::Ok,
            ),
            Fact::without("0181", 2021, "employment.b_c", Status::Confidential),
        ];
        write_facts(&path, &facts).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "region_code,year,variable,value,status\n\
             0181,2021,employment.b_c,,confidential\n\
             0181,2021,employment.total,12345,ok\n\
             0181,2021,energy.x,1234.5,ok\n\
             0181,2020,labour.employment_rate,,missing\n\
             2580,2021,labour.employment_rate,81.0,ok\n"
        );
        let back = read_facts(&path).unwrap();
        assert_eq!(back.len(), 5);
        assert!(back.iter().all(|f| facts.contains(f)));
        assert_eq!(back[4].number(), Some(81.0));

        // A value with a withheld status, an ok without a value, an unknown status, a
        // group's status and a value that is not a number: each names file, line and value.
        for (row, says) in [
            (
                "0181,2021,employment.b_c,12,confidential",
                "value 12 with status confidential",
            ),
            ("0181,2021,employment.b_c,,ok", "ok without a value"),
            ("0181,2021,employment.b_c,12,okay", "okay"),
            ("0181,2021,employment.b_c,,incomplete", "a group's"),
            (
                "0181,2021,employment.b_c,1 234,ok",
                "not a finite decimal number",
            ),
            (
                "0181,2021,employment.b_c,NaN,ok",
                "not a finite decimal number",
            ),
        ] {
            std::fs::write(&path, format!("{}\n{row}\n", FACT_HEADER.join(","))).unwrap();
            let e = read_facts(&path).unwrap_err().to_string();
            assert!(
                e.contains("labour.csv") && e.contains(":2") && e.contains(says),
                "{row}: {e}"
            );
        }
        // A fact whose value and status disagree is never written.
        let bad = Fact::new("0181", 2021, "x", Some(Figure::count(1)), Status::Missing);
        assert!(write_facts(&path, [&bad]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn levels_are_written_as_serde_reads_them_and_an_unknown_one_is_refused() {
        for level in [
            RegionLevel::Country,
            RegionLevel::County,
            RegionLevel::Municipality,
            RegionLevel::Group,
        ] {
            let csv = format!(
                "code,name,level,county_code\n0382,Östhammar,{},03\n",
                level_id(level)
            );
            let mut r = csv::Reader::from_reader(csv.as_bytes());
            let row: RegionRow = r.deserialize().next().unwrap().unwrap();
            assert_eq!(row.level, level);
        }
        let dir = std::env::temp_dir().join(format!("normalised-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("regions.csv");
        std::fs::write(
            &path,
            "code,name,level,county_code\n00,Riket,country,\n0382,Östhammar,kommun,03\n",
        )
        .unwrap();
        let e = crate::read_csv_rows::<RegionRow>(&path)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("regions.csv") && e.contains('3') && e.contains("kommun"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

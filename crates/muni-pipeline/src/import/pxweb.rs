//! SCB PxWeb CSV exports: quoted labels, one column per year, `;` (or `,`) separated, CRLF,
//! `..` for confidential cells, UTF-8 with U+FFFD in place of å/ä/ö or Latin-1.

use std::path::Path;

use muni_model::Status;

use crate::error::{PipelineError, Result};
use crate::text::{Encoding, read_text};

/// A cell of a year column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Value(i64),
    Confidential,
    Missing,
}

impl Cell {
    pub fn status(self) -> Status {
        match self {
            Cell::Value(_) => Status::Ok,
            Cell::Confidential => Status::Confidential,
            Cell::Missing => Status::Missing,
        }
    }
}

/// One data line of an export.
#[derive(Debug, Clone)]
pub struct PxRow {
    /// 1-based line number in the file, for error messages.
    pub line: u64,
    /// The label columns before the years (region first).
    pub labels: Vec<String>,
    /// One cell per year, in the order of [`PxTable::years`].
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct PxTable {
    pub encoding: Encoding,
    /// The label column headers (e.g. `region`, `förbrukarkategori`, `bränsletyp`).
    pub label_headers: Vec<String>,
    pub years: Vec<u16>,
    pub rows: Vec<PxRow>,
}

/// Parses a cell: an integer, `..` (confidential), or empty / `-` (no figure).
pub fn parse_cell(raw: &str) -> Option<Cell> {
    let t = raw.trim();
    match t {
        ".." => Some(Cell::Confidential),
        "" | "-" => Some(Cell::Missing),
        _ => {
            let digits = t.strip_prefix('-').unwrap_or(t);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().ok().map(Cell::Value)
            } else {
                None
            }
        }
    }
}

pub fn read(path: &Path) -> Result<PxTable> {
    let (text, encoding) = read_text(path)?;
    parse(path, &text, encoding)
}

pub fn parse(path: &Path, text: &str, encoding: Encoding) -> Result<PxTable> {
    let first = text
        .lines()
        .next()
        .ok_or_else(|| PipelineError::file(path, "empty file"))?;
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| PipelineError::input(path, 1, first, format!("unreadable header: {e}")))?
        .clone();
    let first_year = headers
        .iter()
        .position(|h| h.trim().len() == 4 && h.trim().bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| PipelineError::input(path, 1, first, "no year column in the header"))?;
    if first_year == 0 {
        return Err(PipelineError::input(
            path,
            1,
            first,
            "no label column before the years",
        ));
    }
    let mut years = Vec::new();
    for h in headers.iter().skip(first_year) {
        let y: u16 = h
            .trim()
            .parse()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .ok_or_else(|| PipelineError::input(path, 1, h, "header column is not a year"))?;
        years.push(y);
    }
    let label_headers = headers.iter().take(first_year).map(str::to_owned).collect();
    let mut rows = Vec::new();
    // Line numbers counted from byte offsets: with CRLF the csv crate places a record's start
    // on the `\n` that ends the previous line, and its own line count is one short.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line_at) = (0usize, 1u64);
    let mut line_of = |byte: usize| {
        let byte = (byte + 1).min(bytes.len()).max(counted_to);
        line_at += bytes[counted_to..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted_to = byte;
        line_at
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(p.byte() as usize));
                return Err(PipelineError::input(
                    path,
                    line,
                    "",
                    format!("malformed CSV line: {e}"),
                ));
            }
        };
        let line = record.position().map_or(0, |p| line_of(p.byte() as usize));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let labels: Vec<String> = record.iter().take(first_year).map(str::to_owned).collect();
        let mut cells = Vec::with_capacity(years.len());
        for (raw, year) in record.iter().skip(first_year).zip(&years) {
            let cell = parse_cell(raw).ok_or_else(|| {
                PipelineError::input(
                    path,
                    line,
                    raw,
                    format!("value for {year} is neither a number nor `..`"),
                )
            })?;
            cells.push(cell);
        }
        rows.push(PxRow {
            line,
            labels,
            cells,
        });
    }
    Ok(PxTable {
        encoding,
        label_headers,
        years,
        rows,
    })
}

/// The region code at the start of a label like `0181 S�dert�lje` or `00 Riket`.
pub fn region_code(label: &str) -> &str {
    label.split_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        assert_eq!(parse_cell("123"), Some(Cell::Value(123)));
        assert_eq!(parse_cell(".."), Some(Cell::Confidential));
        assert_eq!(parse_cell(""), Some(Cell::Missing));
        assert_eq!(parse_cell("-5"), Some(Cell::Value(-5)));
        assert_eq!(parse_cell("1 234"), None);
        assert_eq!(parse_cell("12.5"), None);
        assert_eq!(parse_cell("x"), None);
    }

    #[test]
    fn semicolon_crlf_export_with_replacement_characters() {
        let text = "\"region\";\"f\u{FFFD}rbrukarkategori\";\"2019\";\"2020\"\r\n\"0181 S\u{FFFD}dert\u{FFFD}lje\";\"el\";12;..\r\n";
        let t = parse(Path::new("x.csv"), text, Encoding::Utf8).unwrap();
        assert_eq!(t.years, vec![2019, 2020]);
        assert_eq!(t.rows[0].cells, vec![Cell::Value(12), Cell::Confidential]);
        assert_eq!(region_code(&t.rows[0].labels[0]), "0181");
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn bad_value_names_file_line_and_value() {
        let text = "\"region\",\"x\",\"2019\"\n\"00 Riket\",\"a\",1\n\"00 Riket\",\"b\",n/a\n";
        let err = parse(Path::new("t.csv"), text, Encoding::Latin1)
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.csv:3") && err.contains("n/a"), "{err}");
    }

    #[test]
    fn ragged_line_is_an_error() {
        let text = "\"region\";\"x\";\"2019\"\n\"00 Riket\";\"a\";1;2\n";
        let err = parse(Path::new("t.csv"), text, Encoding::Utf8)
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.csv:2"), "{err}");
    }
}

/// Mutation fuzzing of the PxWeb CSV parser (see [`crate::fuzz`]), through the decoding of
/// bytes as the import reads them (UTF-8 with U+FFFD, or Latin-1).
#[cfg(test)]
mod fuzz {
    use super::*;

    #[test]
    fn fuzz_pxweb_csv_parser_never_panics() {
        let mut seeds: Vec<Vec<u8>> = vec![
            "\"region\";\"f\u{FFFD}rbrukarkategori\";\"br\u{FFFD}nsletyp\";\"2019\";\"2020\"\r\n\"0181 S\u{FFFD}dert\u{FFFD}lje\";\"slutanv. industri, byggverks.\";\"el\";12;..\r\n\"00 Riket\";\"summa br\u{FFFD}nsletyp\";\"el\";-;7\r\n".as_bytes().to_vec(),
            b"\"region\",\"produktionss\xe4tt\",\"2009\"\n\"0382 \xd6sthammar\",\"vattenkraft\",\"..\"\n".to_vec(),
        ];
        let real = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/scb-energy/ProdbrEl_2009-2013_latin1.csv"
        );
        if let Ok(b) = std::fs::read(real) {
            // The first lines: the header and a few regions.
            seeds.push(
                b.split(|&c| c == b'\n')
                    .take(12)
                    .collect::<Vec<_>>()
                    .join(&b'\n'),
            );
        }
        let (tried, ok) = crate::fuzz::mutate(
            &seeds,
            30_000,
            b";,\"\r\n0123456789.- \xe4\xef\xbf\xbd",
            |b| {
                let (text, enc) = crate::text::decode(b);
                parse(Path::new("fuzz.csv"), &text, enc).is_ok()
            },
        );
        println!("PxWeb CSV fuzz: {tried} inputs without a panic ({ok} parsed, the rest refused)");
        assert_eq!(tried, 30_000);
    }
}

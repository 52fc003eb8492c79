//! The skills and labour-market panel `scb-labour/panel_2018_2024_labour_skills.csv`: rates
//! SCB publishes per municipality (BAS AM0210A `ArbStatusAr`: employment and unemployment rate
//! of 20–64-year-olds; the education register UF0506: the share of 25–64-year-olds with
//! post-secondary education; AA0003 `IntGr8Kom1N`: the share of 20–64-year-olds who study), as
//! collected by the repository Lulea-statistik/Samband-inflyttning.
//!
//! Columns: `kommun_kod, kommun, year`, the four rates in per cent, and the same four for the
//! previous year (`lag1_*`), which the panel repeats and which must agree with the previous
//! year's row. Values are kept exactly as written (a rate is never recomputed or rounded here);
//! an empty cell is missing, never 0. A year in which a rate is empty for every municipality is
//! not a year of that series and writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use muni_model::Status;

use super::Fact;
use super::regions::Regions;
use crate::error::{PipelineError, Result};
use crate::normalised::Figure;

/// The years the file holds.
pub const YEARS: (u16, u16) = (2018, 2024);

/// The panel's rate columns and the variables they become, in the file's order.
pub const RATES: [(&str, &str); 4] = [
    ("sysselsattningsgrad", "labour.employment_rate"),
    ("arbetsloshet", "labour.unemployment_rate"),
    ("andel_eftergymnasial", "labour.post_secondary_share"),
    ("andel_studerande", "labour.students_share"),
];

/// A cell: empty, or a finite per cent between 0 and 100, kept as written.
fn cell(path: &Path, line: u64, column: &str, raw: &str) -> Result<Option<(String, f64)>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=100.0).contains(&v) => Ok(Some((raw.to_owned(), v))),
        _ => Err(PipelineError::input(
            path,
            line,
            raw,
            format!("{column} is not a per cent between 0 and 100 (or empty)"),
        )),
    }
}

/// Reads the panel: one row per municipality and year, every municipality of the code list in
/// every year of [`YEARS`]. A missing or unknown code, a name that is not the code list's, a
/// year outside the range, a duplicate row, a value that is not a per cent, or a `lag1_*` cell
/// that differs from the previous year's value stops the import with file, line and value.
pub fn read(path: &Path, regions: &Regions) -> Result<Vec<Fact>> {
    let text = crate::text::read_text(path)?.0;
    parse(path, &text, regions)
}

type Row = [Option<(String, f64)>; 4];

/// [`read`] on the file's text (`path` names it in errors).
// Long: the panel's checks in the order of the file (header, rows, repeated previous years,
// years of each series), each naming the line it found.
pub fn parse(path: &Path, text: &str, regions: &Regions) -> Result<Vec<Fact>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| PipelineError::input(path, 1, "", format!("malformed header: {e}")))?
        .clone();
    let column = |name: &str| {
        header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            PipelineError::input(
                path,
                1,
                header.iter().collect::<Vec<_>>().join(","),
                format!("no column {name:?}"),
            )
        })
    };
    let (at_code, at_name, at_year) = (column("kommun_kod")?, column("kommun")?, column("year")?);
    let mut at_rate = [0usize; 4];
    let mut at_lag = [0usize; 4];
    for (k, (name, _)) in RATES.iter().enumerate() {
        at_rate[k] = column(name)?;
        at_lag[k] = column(&format!("lag1_{name}"))?;
    }

    // (code, year) → (line, this year's cells, the lag1 cells)
    let mut rows: BTreeMap<(String, u16), (u64, Row, Row)> = BTreeMap::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            PipelineError::input(path, line, "", format!("malformed row: {e}"))
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |k: usize| rec.get(k).unwrap_or("").trim();
        let code = get(at_code);
        super::panel::municipality(path, line, code, get(at_name), regions)?;
        let year = super::panel::year(path, line, get(at_year), YEARS)?;
        let mut now: Row = Default::default();
        let mut lag: Row = Default::default();
        for (k, (name, _)) in RATES.iter().enumerate() {
            now[k] = cell(path, line, name, get(at_rate[k]))?;
            lag[k] = cell(path, line, &format!("lag1_{name}"), get(at_lag[k]))?;
        }
        if rows
            .insert((code.to_owned(), year), (line, now, lag))
            .is_some()
        {
            return Err(super::panel::duplicate(path, line, code, year));
        }
    }
    super::panel::complete(path, |k| rows.contains_key(k), rows.len(), regions, YEARS)?;

    // The panel repeats last year's values: they must be the previous row's, exactly. The
    // first year has no previous row in the file and is not checked.
    for ((code, year), (line, _, lag)) in &rows {
        let Some((_, previous, _)) = rows.get(&(code.clone(), year - 1)) else {
            continue;
        };
        for (k, (name, _)) in RATES.iter().enumerate() {
            let same = match (&lag[k], &previous[k]) {
                (None, None) => true,
                (Some((_, a)), Some((_, b))) => a == b,
                _ => false,
            };
            if !same {
                let shown = |c: &Option<(String, f64)>| {
                    c.as_ref()
                        .map_or("empty".to_owned(), |(raw, _)| raw.clone())
                };
                return Err(PipelineError::input(
                    path,
                    *line,
                    shown(&lag[k]),
                    format!(
                        "lag1_{name} differs from {name} of {code} {} ({})",
                        year - 1,
                        shown(&previous[k])
                    ),
                ));
            }
        }
    }

    // The years of each series: those with a value for at least one municipality.
    let mut series_years: [BTreeSet<u16>; 4] = Default::default();
    for ((_, year), (_, now, _)) in &rows {
        for (k, c) in now.iter().enumerate() {
            if c.is_some() {
                series_years[k].insert(*year);
            }
        }
    }
    let mut out = Vec::new();
    for ((code, year), (line, now, _)) in rows {
        for (k, (_, variable)) in RATES.iter().enumerate() {
            if !series_years[k].contains(&year) {
                continue;
            }
            out.push(match &now[k] {
                Some((raw, _)) => {
                    let figure = Figure::parse(raw)
                        .map_err(|e| PipelineError::input(path, line, raw.as_str(), e))?;
                    Fact::new(&code, year, variable, Some(figure), Status::Ok)
                }
                None => Fact::without(&code, year, variable, Status::Missing),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SYNTHETIC: a code list of two municipalities.
    fn regions() -> Regions {
        Regions::synthetic(&[("0181", "Södertälje"), ("2580", "Luleå")])
    }

    const HEADER: &str = "kommun_kod,kommun,year,sysselsattningsgrad,arbetsloshet,andel_eftergymnasial,andel_studerande,lag1_sysselsattningsgrad,lag1_arbetsloshet,lag1_andel_eftergymnasial,lag1_andel_studerande";

    /// SYNTHETIC values: every year for both municipalities, the employment and unemployment
    /// rates from 2020, the students' share to 2023, and the lag columns consistent.
    fn panel() -> String {
        let mut s = String::from(HEADER);
        s.push('\n');
        for (code, name, base) in [("0181", "Södertälje", 70.0), ("2580", "Luleå", 80.0)] {
            let v = |y: u16| {
                let d = f64::from(y - 2018);
                (
                    (y >= 2020).then(|| format!("{:.1}", base + d)),
                    (y >= 2020).then(|| format!("{:.1}", 5.0 + d / 10.0)),
                    Some(format!("{}", base / 2.0 + d / 3.0)),
                    (y <= 2023).then(|| format!("{:.1}", 10.0 + d)),
                )
            };
            for y in 2018..=2024u16 {
                let o = |c: Option<String>| c.unwrap_or_default();
                let (a, b, c, d) = v(y);
                let (la, lb, lc, ld) = if y > 2018 {
                    v(y - 1)
                } else {
                    (None, None, None, None)
                };
                s.push_str(&format!(
                    "{code},{name},{y},{},{},{},{},{},{},{},{}\n",
                    o(a),
                    o(b),
                    o(c),
                    o(d),
                    o(la),
                    o(lb),
                    o(lc),
                    o(ld)
                ));
            }
        }
        s
    }

    fn err(text: &str) -> String {
        parse(Path::new("panel.csv"), text, &regions())
            .unwrap_err()
            .to_string()
    }

    /// Replaces line `n` (1-based) with what `f` makes of it.
    fn edit(n: usize, f: impl FnOnce(&str) -> String) -> String {
        let p = panel();
        let mut lines: Vec<String> = p.lines().map(str::to_owned).collect();
        lines[n - 1] = f(&lines[n - 1]);
        lines.join("\n") + "\n"
    }

    fn set(line: &str, column: usize, value: &str) -> String {
        let mut c: Vec<&str> = line.split(',').collect();
        c[column] = value;
        c.join(",")
    }

    #[test]
    fn rates_are_kept_as_written_and_empty_years_of_a_series_write_nothing() {
        let rates = parse(Path::new("panel.csv"), &panel(), &regions()).unwrap();
        let get = |code: &str, year: u16, var: &str| {
            rates
                .iter()
                .find(|r| r.region == code && r.year == year && r.variable == var)
                .map(|r| (r.value.as_ref().map(|v| v.as_str().to_owned()), r.status))
        };
        assert_eq!(
            get("0181", 2020, "labour.employment_rate"),
            Some((Some("72.0".into()), Status::Ok))
        );
        // 35 + 2/3 at full precision, as the panel wrote it.
        assert_eq!(
            get("0181", 2020, "labour.post_secondary_share"),
            Some((Some(format!("{}", 35.0 + 2.0 / 3.0)), Status::Ok))
        );
        // No municipality has an employment rate in 2018, nor a students' share in 2024.
        assert_eq!(get("0181", 2018, "labour.employment_rate"), None);
        assert_eq!(get("2580", 2024, "labour.students_share"), None);
        // 2 municipalities × (5 + 5 + 7 + 6) years.
        assert_eq!(rates.len(), 2 * 23);
    }

    #[test]
    fn an_empty_cell_in_a_year_others_have_is_missing_never_zero() {
        // Line 5 is Södertälje 2021: its employment rate empty, and Södertälje 2022's lag too.
        let text = edit(5, |l| set(l, 3, ""));
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines[5] = set(&lines[5], 7, "");
        let rates = parse(
            Path::new("panel.csv"),
            &(lines.join("\n") + "\n"),
            &regions(),
        )
        .unwrap();
        let r = rates
            .iter()
            .find(|r| {
                r.region == "0181" && r.year == 2021 && r.variable == "labour.employment_rate"
            })
            .unwrap();
        assert_eq!((r.value.clone(), r.status), (None, Status::Missing));
    }

    #[test]
    fn a_lag_that_differs_from_the_previous_year_is_rejected_with_line_and_value() {
        // Line 6 is Södertälje 2022; its lag1_arbetsloshet should be 2021's 5.3.
        let e = err(&edit(6, |l| set(l, 8, "5.4")));
        assert!(
            e.contains("panel.csv:6")
                && e.contains("\"5.4\"")
                && e.contains("lag1_arbetsloshet differs from arbetsloshet of 0181 2021 (5.3)"),
            "{e}"
        );
        // A lag where the previous year is empty.
        let e = err(&edit(4, |l| set(l, 7, "71.0")));
        assert!(e.contains("panel.csv:4") && e.contains("(empty)"), "{e}");
    }

    #[test]
    fn each_kind_of_bad_input_is_rejected_with_file_line_and_value() {
        let cases: [(String, &[&str]); 9] = [
            (
                edit(3, |l| set(l, 0, "0199")),
                &["panel.csv:3", "\"0199\"", "not a municipality code"],
            ),
            (
                edit(3, |l| set(l, 0, "")),
                &["panel.csv:3", "kommun_kod is missing"],
            ),
            (
                edit(3, |l| set(l, 1, "Sodertalje")),
                &["panel.csv:3", "\"Sodertalje\"", "the code list names 0181"],
            ),
            (
                edit(3, |l| set(l, 2, "2025")),
                &["panel.csv:3", "\"2025\"", "year is not one of 2018–2024"],
            ),
            (
                edit(4, |l| set(l, 3, "7O.5")),
                &[
                    "panel.csv:4",
                    "\"7O.5\"",
                    "sysselsattningsgrad is not a per cent",
                ],
            ),
            (
                edit(4, |l| set(l, 5, "100.5")),
                &[
                    "panel.csv:4",
                    "\"100.5\"",
                    "andel_eftergymnasial is not a per cent",
                ],
            ),
            (
                edit(4, |l| set(l, 4, "-1.0")),
                &["panel.csv:4", "\"-1.0\"", "arbetsloshet is not a per cent"],
            ),
            (
                edit(3, |_| panel().lines().nth(1).unwrap().to_owned()),
                &[
                    "panel.csv:3",
                    "\"0181 2018\"",
                    "duplicate municipality and year",
                ],
            ),
            (
                panel()
                    .lines()
                    .filter(|l| !l.starts_with("2580,Luleå,2024"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                &["panel.csv", "expected 14 rows", "2580"],
            ),
        ];
        for (text, wanted) in cases {
            let e = err(&text);
            for w in wanted {
                assert!(e.contains(w), "{w:?} not in {e}");
            }
        }
        let no_lag = panel().replace(",lag1_andel_studerande", ",x");
        assert!(err(&no_lag).contains("no column \"lag1_andel_studerande\""));
    }

    #[test]
    fn mutated_panels_are_answered_never_a_panic() {
        let seed = panel().into_bytes();
        let regions = regions();
        let (tried, ok) = crate::fuzz::mutate(&[seed], 20_000, b",.0123456789-\n \xc3\xa4", |b| {
            let (text, _) = crate::text::decode(b);
            parse(Path::new("fuzz.csv"), &text, &regions).is_ok()
        });
        assert_eq!(tried, 20_000);
        // Most mutations break a check; some (a digit for a digit in a value) do not.
        assert!(ok > 0 && ok < tried, "{ok} of {tried} accepted");
    }
}

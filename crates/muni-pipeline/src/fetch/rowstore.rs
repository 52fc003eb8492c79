//! Upphandlingsmyndigheten's open RowStore API: a dataset read page by page
//! (`_limit`/`_offset`, `{"results": [...], "resultCount": N}`), its rows turned into the
//! sheet rows the statistics-database import reads, so one set of rules checks both.
//!
//! Column names are lower case (the first may carry a byte-order mark); they are matched to the
//! spreadsheet's headers without regard to case.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::import::excel::SheetRow;
use crate::import::procurement::{COUNT_COLUMN, VALUE_COLUMN};

/// The live RowStore.
pub const ROWSTORE: &str = "https://catalog.upphandlingsmyndigheten.se/rowstore/dataset";
/// Rows asked for per page.
pub const PAGE: usize = 500;

#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    pub id: &'static str,
    pub name: &'static str,
    /// The spreadsheet column of the measure (count per row, or contracted value).
    pub measure: &'static str,
    /// The normalised file it feeds.
    pub file: &'static str,
}

pub const DATASETS: [Dataset; 2] = [
    Dataset {
        id: "5ad00e4f-0697-4ee5-8dff-1b282a236e64",
        name: "antal upphandlingar",
        measure: COUNT_COLUMN,
        file: "procurement_notices.csv",
    },
    Dataset {
        id: "a616c14a-3068-407f-a591-f1e2f142e1d2",
        name: "kontrakterat värde",
        measure: VALUE_COLUMN,
        file: "procurement_values.csv",
    },
];

pub fn page_url(base: &str, d: &Dataset, offset: usize) -> String {
    format!("{base}/{}/json?_limit={PAGE}&_offset={offset}", d.id)
}

/// One page: its rows and the dataset's row count as the page states it.
#[derive(Debug)]
pub struct Page {
    pub rows: Vec<Map<String, Value>>,
    pub count: usize,
}

pub fn parse_page(bytes: &[u8], what: &str) -> Result<Page, String> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("{what}: RowStore: not JSON ({e})"))?;
    let count = v["resultCount"]
        .as_u64()
        .ok_or_else(|| format!("{what}: RowStore: no resultCount"))? as usize;
    let rows = v["results"]
        .as_array()
        .ok_or_else(|| format!("{what}: RowStore: no results array"))?
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.as_object()
                .cloned()
                .ok_or_else(|| format!("{what}: RowStore: result {i} is not an object"))
        })
        .collect::<Result<_, _>>()?;
    Ok(Page { rows, count })
}

fn column(key: &str) -> String {
    key.trim_start_matches('\u{feff}').trim().to_lowercase()
}

fn cell(v: &Value, key: &str, what: &str) -> Result<String, String> {
    Ok(match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        other => return Err(format!("{what}: column {key:?} holds {other}, not a value")),
    })
}

/// The rows as a sheet: a header of every column seen, then one row per result. Row numbers
/// count from 2 (the header is row 1), over all pages, so an error names the dataset row.
pub fn to_sheet(rows: &[Map<String, Value>], what: &str) -> Result<Vec<SheetRow>, String> {
    let header: Vec<String> = rows
        .iter()
        .flat_map(|r| r.keys().map(|k| column(k)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut out = vec![SheetRow {
        row: 1,
        cells: header.clone(),
    }];
    for (i, r) in rows.iter().enumerate() {
        let mut cells = vec![String::new(); header.len()];
        for (k, v) in r {
            let c = column(k);
            let at = header
                .binary_search(&c)
                .expect("the header has every column");
            cells[at] = cell(v, k, what)?;
        }
        out.push(SheetRow {
            row: i as u64 + 2,
            cells,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_becomes_rows_under_a_case_free_header() {
        let body = r#"{"resultCount":2,"results":[{"\ufeffår":"2022","namn för köpare":"LULEÅ KOMMUN","innovationsupphandling":true},{"år":2023,"namn för köpare":null,"innovationsupphandling":false}]}"#;
        let p = parse_page(body.as_bytes(), "t").unwrap();
        assert_eq!(p.count, 2);
        let s = to_sheet(&p.rows, "t").unwrap();
        assert_eq!(
            s[0].cells,
            ["innovationsupphandling", "namn för köpare", "år"]
        );
        assert_eq!(s[1].cells, ["True", "LULEÅ KOMMUN", "2022"]);
        assert_eq!(s[2].cells, ["False", "", "2023"]);
        assert_eq!(s[2].row, 3);
        let bad = r#"{"resultCount":1,"results":[{"år":[1]}]}"#;
        let p = parse_page(bad.as_bytes(), "t").unwrap();
        assert!(
            to_sheet(&p.rows, "t")
                .unwrap_err()
                .contains("\"år\" holds [1]")
        );
        assert!(
            parse_page(b"{\"results\":[]}", "t")
                .unwrap_err()
                .contains("no resultCount")
        );
    }
}

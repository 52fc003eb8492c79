//! Upphandlingsmyndigheten's open RowStore API: a dataset read page by page
//! (`_limit`/`_offset`, `{"results": [...], "resultCount": N}`), its rows turned into the
//! sheet rows the statistics-database import reads, so one set of rules checks both.
//!
//! Column names are lower case (the first may carry a byte-order mark); they are matched to the
//! spreadsheet's headers without regard to case.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::import::excel::SheetRow;
use crate::import::procurement::Measure;

/// The live RowStore.
pub const ROWSTORE: &str = "https://catalog.upphandlingsmyndigheten.se/rowstore/dataset";
/// Rows asked for per page.
pub const PAGE: usize = 500;

#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    pub id: &'static str,
    pub name: &'static str,
    /// What the dataset measures (a count per row, or the contracted value): chosen by the
    /// dataset, whatever its measure column is called.
    pub measure: Measure,
    /// The normalised file it feeds.
    pub file: &'static str,
}

pub const DATASETS: [Dataset; 2] = [
    Dataset {
        id: "5ad00e4f-0697-4ee5-8dff-1b282a236e64",
        name: "antal upphandlingar",
        measure: Measure::Count,
        file: "procurement_notices.csv",
    },
    Dataset {
        id: "a616c14a-3068-407f-a591-f1e2f142e1d2",
        name: "kontrakterat värde",
        measure: Measure::Value,
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
    use crate::import::procurement::notices_from_rows;
    use std::path::Path;

    fn real_page() -> Vec<u8> {
        crate::fetch::recorded("rowstore-a616c14a-kontrakterat-varde-page.json")
    }

    #[test]
    fn the_real_value_page_is_read_as_it_answers() {
        let p = parse_page(&real_page(), "a616c14a").unwrap();
        assert_eq!((p.count, p.rows.len()), (53, 53));
        let sheet = to_sheet(&p.rows, "a616c14a").unwrap();
        // `kontrakterat värde` (not `…, Summa`), the BOM on `upphandlings-id`, sentences in the
        // flag columns and `2024-12-19 00:00:00.0000000` dates all pass the import's rules.
        let (notices, buyers) =
            notices_from_rows(Path::new("a616c14a"), &sheet, DATASETS[1].measure).unwrap();
        assert_eq!(notices.len(), 53);
        let count = |f: fn(&crate::import::procurement::Notice) -> bool| {
            notices.iter().filter(|n| f(n)).count()
        };
        assert_eq!(count(|n| n.innovation), 1);
        assert_eq!(count(|n| n.social), 4);
        assert_eq!(count(|n| n.environmental), 11);
        assert!(notices.iter().all(|n| n.published.len() == 10));
        assert!(notices.iter().any(|n| n.published == "2024-12-19"));
        assert!(notices.iter().all(|n| n.value_sek.is_some()));
        assert!(buyers.iter().any(|b| b.name == "UPPLANDS VÄSBY KOMMUN"));
    }

    #[test]
    fn a_count_row_without_a_buyer_is_an_unknown_buyer_and_a_strange_flag_stops() {
        let row = |org: &str, name: &str, innovation: &str| {
            format!(
                r#"{{"år":"2023","namn för köpare":"{name}","organisationsnummer för köpare":"{org}","juridisk form för köpare":"Uppgift saknas","upphandlingsslag":"Uppgift saknas","miljömässigt hållbar upphandling":"Uppgift saknas","socialt hållbar upphandling":"Det tas inte hänsyn till sociala aspekter i upphandlingen","innovationsupphandling":"{innovation}","upphandlings-id":"X1","upphandlingens titel":"T","publiceringsdatum":"2023-05-02 00:00:00.0000000","antal upphandlingar, antal":"1"}}"#
            )
        };
        let body = format!(
            r#"{{"resultCount":1,"results":[{}]}}"#,
            row(
                "Uppgift saknas",
                "UPPGIFT SAKNAS",
                "Främjande av innovation"
            )
        );
        let p = parse_page(body.as_bytes(), "5ad00e4f").unwrap();
        let sheet = to_sheet(&p.rows, "5ad00e4f").unwrap();
        let (notices, buyers) =
            notices_from_rows(Path::new("5ad00e4f"), &sheet, DATASETS[0].measure).unwrap();
        assert_eq!(notices.len(), 1);
        assert!(notices[0].innovation && !notices[0].environmental && !notices[0].social);
        assert_eq!(notices[0].kind, "unknown");
        assert_eq!(buyers[0].legal_form, "Uppgift saknas");
        assert!(buyers[0].municipality.is_none());
        let body = format!(
            r#"{{"resultCount":1,"results":[{}]}}"#,
            row("2120000019", "X KOMMUN", "Kanske")
        );
        let p = parse_page(body.as_bytes(), "5ad00e4f").unwrap();
        let sheet = to_sheet(&p.rows, "5ad00e4f").unwrap();
        let e = notices_from_rows(Path::new("5ad00e4f"), &sheet, DATASETS[0].measure)
            .unwrap_err()
            .to_string();
        assert!(e.contains("5ad00e4f:2") && e.contains("\"Kanske\""), "{e}");
    }

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

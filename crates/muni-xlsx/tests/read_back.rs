//! Workbooks read back with calamine (another implementation of the format) cell by cell
//! against the rows they were made from. SYNTHETIC figures (muni-view's fixture).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use muni_model::extract::{ExtractRow, view_rows};
use muni_model::{Lang, Measure, Unit};
use muni_view::fixture::{C, M, Spec, Synthetic, v};
use muni_xlsx::{Cell, Sheet, status_word, view_workbook, workbook};

fn fixture() -> (Synthetic, Vec<ExtractRow>) {
    let f = Synthetic::new().indicator(
        Spec::new("electricity_production", Unit::Mwh)
            .additive()
            .years(2019..=2020),
        &[
            ("0382", vec![v(22_716_000.5), C]),
            ("0181", vec![M, v(1234.5)]),
            ("2584", vec![v(0.25), v(1.0)]),
        ],
    );
    let (meta, file) = f.get("electricity_production");
    let codes = ["0382", "0181", "2584"].map(String::from);
    let rows = view_rows(
        &f.catalog,
        meta,
        file,
        &codes,
        &[2019, 2020],
        Measure::AsPublished,
        Lang::Sv,
    );
    (f, rows)
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx calamine opens")
}

#[test]
fn every_cell_of_a_views_workbook_reads_back_as_the_row_it_came_from() {
    let (f, rows) = fixture();
    let (meta, file) = f.get("electricity_production");
    let bytes = view_workbook(&f.catalog, meta, &file.notes, &rows, Lang::Sv).unwrap();
    let mut wb = open(bytes);
    assert_eq!(wb.sheet_names(), ["Data", "Om data"]);
    let data = wb.worksheet_range("Data").unwrap();
    assert_eq!(data.height(), rows.len() + 1);
    assert_eq!(data.get((0, 3)), Some(&Data::String("värde (MWh)".into())));
    for (i, r) in rows.iter().enumerate() {
        let at = |c: usize| data.get((i + 1, c)).cloned().unwrap_or(Data::Empty);
        // Codes are text and keep their leading zero.
        assert_eq!(at(0), Data::String(r.region_code.clone()), "row {i}");
        assert_eq!(at(1), Data::String(r.region_name.clone()), "row {i}");
        assert_eq!(at(2), Data::Float(f64::from(r.year)), "row {i}");
        match r.value {
            Some(x) => assert_eq!(at(3), Data::Float(x), "row {i}: stored in full"),
            None => assert_eq!(at(3), Data::Empty, "row {i}: a withheld value is empty"),
        }
        assert_eq!(at(4), Data::String(status_word(r.status, Lang::Sv).into()));
    }
    assert!(
        rows.iter().any(|r| r.value.is_none()),
        "the fixture has gaps"
    );
    let about = wb.worksheet_range("Om data").unwrap();
    let lines: Vec<(String, String)> = about
        .rows()
        .skip(1)
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    let get = |k: &str| lines.iter().find(|(a, _)| a == k).map(|(_, b)| b.as_str());
    assert_eq!(get("Enhet"), Some("MWh"));
    assert_eq!(
        get("Dataversion"),
        Some("Dataversion 5e5e5e5e (uppgifter till och med 2020)")
    );
    assert!(get("Licens").is_some() && get("Källa").is_some() && get("Definition").is_some());
}

#[test]
fn text_that_looks_like_a_formula_stays_text_and_the_same_sheets_give_the_same_bytes() {
    let sheet = Sheet {
        name: "Data".into(),
        header: vec!["a".into(), "b".into()],
        rows: vec![
            vec![
                Cell::Text("=HYPERLINK(\"http://x\")".into()),
                Cell::Text("+1".into()),
            ],
            vec![Cell::Text("@SUM(A1)".into()), Cell::Text("0114".into())],
            vec![
                Cell::Blank,
                Cell::Number {
                    value: -0.125,
                    decimals: 2,
                },
            ],
        ],
    };
    let bytes = workbook(std::slice::from_ref(&sheet)).unwrap();
    assert_eq!(bytes, workbook(&[sheet]).unwrap(), "deterministic");
    let mut wb = open(bytes);
    let r = wb.worksheet_range("Data").unwrap();
    assert_eq!(
        r.get((1, 0)),
        Some(&Data::String("=HYPERLINK(\"http://x\")".into()))
    );
    assert_eq!(r.get((2, 0)), Some(&Data::String("@SUM(A1)".into())));
    assert_eq!(r.get((2, 1)), Some(&Data::String("0114".into())));
    assert_eq!(r.get((3, 1)), Some(&Data::Float(-0.125)));
    let formulas = wb.worksheet_formula("Data").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
}

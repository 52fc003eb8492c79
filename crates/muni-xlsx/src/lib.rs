//! Excel workbooks for analysts: the rows of a view, or the whole dataset, with numbers stored
//! as numbers under a number format (`#,##0.0`, which Swedish Excel shows as `1 234,5`), years as
//! whole numbers, codes as text (`0114` keeps its zero), a frozen header row, column widths
//! from the content, withheld and missing values as empty cells with their status beside
//! them, and a sheet "Om data" / "About" with the source, definition, unit, licence and data
//! version. Every text cell is written as text: nothing from the data becomes a formula.
//!
//! The same code runs natively (`extract --format xlsx`, the full dataset of a build) and in
//! the browser's lazily loaded module.

use muni_model::extract::ExtractRow;
use muni_model::{Catalog, IndicatorMeta, Lang, Status};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Always a text cell, whatever it starts with (`=`, `+`, `@` stay text).
    Text(String),
    /// A whole number shown without a thousands separator (a year).
    Integer(i64),
    /// A number with a thousands separator and `decimals` decimals shown; stored in full.
    Number {
        value: f64,
        decimals: usize,
    },
    Blank,
}

/// A sheet: a header row and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn tr(l: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match l {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// A status as a reader of `lang` reads it (the About sheet explains each).
pub fn status_word(s: Status, l: Lang) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Confidential => tr(l, "sekretess", "confidential"),
        Status::Missing => tr(l, "saknas", "missing"),
        Status::Incomplete => tr(l, "ofullständig", "incomplete"),
    }
}

/// The number format of `decimals` decimals (Excel shows the separators of its locale).
fn number_format(decimals: usize) -> String {
    match decimals {
        0 => "#,##0".to_owned(),
        d => format!("#,##0.{}", "0".repeat(d.min(6))),
    }
}

/// The sheet of a view's rows: the value's header carries the unit.
pub fn view_sheet(meta: &IndicatorMeta, rows: &[ExtractRow], l: Lang) -> Sheet {
    let unit = rows
        .first()
        .map_or_else(|| meta.unit.label().get(l).to_owned(), |r| r.unit.clone());
    let header = [
        tr(l, "regionkod", "region_code"),
        tr(l, "region", "region_name"),
        tr(l, "år", "year"),
        &format!("{} ({unit})", tr(l, "värde", "value")),
        "status",
        tr(l, "indikator", "indicator"),
        tr(l, "mått", "measure"),
    ]
    .map(str::to_owned)
    .to_vec();
    let decimals = |r: &ExtractRow| {
        if r.measure.starts_with("index") {
            1
        } else {
            meta.unit.decimals()
        }
    };
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.region_code.clone()),
                Cell::Text(r.region_name.clone()),
                Cell::Integer(i64::from(r.year)),
                r.value.map_or(Cell::Blank, |value| Cell::Number {
                    value,
                    decimals: decimals(r),
                }),
                Cell::Text(status_word(r.status, l).to_owned()),
                Cell::Text(r.indicator_title.clone()),
                Cell::Text(r.measure.clone()),
            ]
        })
        .collect();
    Sheet {
        name: tr(l, "Data", "Data").to_owned(),
        header,
        rows,
    }
}

/// The "Om data" / "About" lines: what the figures are, where they come from, under which
/// licence, and from which data version; `meta` for a view's workbook, `None` for the dataset.
pub fn about(catalog: &Catalog, meta: Option<&IndicatorMeta>, l: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |k: &str, v: String| out.push((k.to_owned(), v));
    add(
        tr(l, "Utgivare", "Publisher"),
        tr(
            l,
            "Industrikommunerna i siffror",
            "Sweden's industrial municipalities in figures",
        )
        .to_owned(),
    );
    if let Some(m) = meta {
        add(tr(l, "Indikator", "Indicator"), m.title.get(l).to_owned());
        add(tr(l, "Indikator-id", "Indicator id"), m.id.to_string());
        add(
            tr(l, "Definition", "Definition"),
            m.definition.get(l).to_owned(),
        );
        add(tr(l, "Enhet", "Unit"), m.unit.label().get(l).to_owned());
        add(tr(l, "Källa", "Source"), m.source.name.get(l).to_owned());
        add(tr(l, "Tabell", "Table"), m.source.table.clone());
        add(tr(l, "Länk", "Link"), m.source.url.clone());
        add(tr(l, "Licens", "Licence"), m.source.licence.clone());
        let retrieved = if m.source.retrieved.is_empty() {
            tr(l, "okänt", "unknown").to_owned()
        } else {
            m.source.retrieved.clone()
        };
        add(tr(l, "Hämtad", "Retrieved"), retrieved);
        for n in &m.notes {
            add(tr(l, "Not", "Note"), n.get(l).to_owned());
        }
    } else {
        add(
            tr(l, "Innehåll", "Contents"),
            tr(
                l,
                "Alla indikatorer, regioner och år; källa, licens och definition för varje indikator på bladet Indikatorer.",
                "Every indicator, region and year; the source, licence and definition of each indicator on the sheet Indicators.",
            )
            .to_owned(),
        );
    }
    add(
        "Status",
        tr(
            l,
            "ok = publicerat värde; sekretess = källan lämnar inte ut värdet; saknas = inget värde i källan; ofullständig = gruppvärde där någon medlem saknar värde. Tomma värden är aldrig 0.",
            "ok = published value; confidential = withheld by the source; missing = no value in the source; incomplete = a group figure where a member has no value. Empty values are never 0.",
        )
        .to_owned(),
    );
    if let Some(v) = &catalog.data_version {
        add(tr(l, "Dataversion", "Data version"), v.label(l));
        add("SHA-256", v.sha256.clone());
    }
    out
}

/// The About sheet of `about` lines.
pub fn about_sheet(lines: &[(String, String)], l: Lang) -> Sheet {
    Sheet {
        name: tr(l, "Om data", "About").to_owned(),
        header: vec![
            tr(l, "Uppgift", "Item").to_owned(),
            tr(l, "Värde", "Value").to_owned(),
        ],
        rows: lines
            .iter()
            .map(|(k, v)| vec![Cell::Text(k.clone()), Cell::Text(v.clone())])
            .collect(),
    }
}

/// A view's workbook: its rows and the About sheet.
pub fn view_workbook(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    rows: &[ExtractRow],
    l: Lang,
) -> Result<Vec<u8>, String> {
    workbook(&[
        view_sheet(meta, rows, l),
        about_sheet(&about(catalog, Some(meta), l), l),
    ])
}

/// The workbook of `sheets`, as the bytes of an `.xlsx` file. The same sheets give the same
/// bytes (the document's creation time is fixed).
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    build(sheets).map_err(|e| format!("xlsx: {e}"))
}

fn build(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // A fixed time: a rebuild of the same data gives the same file.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("Industrikommunerna i siffror"),
    );
    let bold = Format::new().set_bold();
    let year = Format::new().set_num_format("0");
    let numbers: Vec<Format> = (0..=6)
        .map(|d| Format::new().set_num_format(number_format(d)))
        .collect();
    let wrap = Format::new().set_text_wrap();
    for sheet in sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, sheet, &bold, &year, &numbers, &wrap)?;
    }
    wb.save_to_buffer()
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    bold: &Format,
    year: &Format,
    numbers: &[Format],
    wrap: &Format,
) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.chars().count()).collect();
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Text(s) if s.chars().count() > 80 => {
                    ws.write_string_with_format(r, col, s, wrap)?;
                    80
                }
                Cell::Text(s) => {
                    ws.write_string(r, col, s)?;
                    s.chars().count()
                }
                Cell::Integer(n) => {
                    ws.write_number_with_format(r, col, *n as f64, year)?;
                    n.to_string().len()
                }
                Cell::Number { value, decimals } => {
                    let d = (*decimals).min(numbers.len() - 1);
                    ws.write_number_with_format(r, col, *value, &numbers[d])?;
                    // Digits, separators and decimals as shown.
                    let digits = format!("{:.0}", value.abs()).len();
                    digits + digits / 3 + d + 2
                }
                Cell::Blank => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 80) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

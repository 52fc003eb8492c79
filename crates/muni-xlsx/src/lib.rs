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
use muni_model::{Catalog, IndicatorMeta, Lang, Status, Text};

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
        tr(l, "plats i nätverket", "rank in the network"),
        tr(l, "plats i Sverige", "rank in Sweden"),
        tr(
            l,
            "förändring i plats, nätverket",
            "change in rank, network",
        ),
        tr(l, "förändring i plats, Sverige", "change in rank, Sweden"),
    ]
    .map(str::to_owned)
    .to_vec();
    let int = |v: Option<i64>| v.map_or(Cell::Blank, Cell::Integer);
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
                int(r.rank_network.map(i64::from)),
                int(r.rank_sweden.map(i64::from)),
                int(r.rank_network_change.map(i64::from)),
                int(r.rank_sweden_change.map(i64::from)),
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
/// licence, and from which data version; `meta` for a view's workbook with its indicator
/// file's `notes`, `None` for the dataset.
pub fn about(
    catalog: &Catalog,
    meta: Option<&IndicatorMeta>,
    notes: &[Text],
    l: Lang,
) -> Vec<(String, String)> {
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
        for n in notes {
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
    notes: &[Text],
    rows: &[ExtractRow],
    l: Lang,
) -> Result<Vec<u8>, String> {
    workbook(&[
        view_sheet(meta, rows, l),
        about_sheet(&about(catalog, Some(meta), notes, l), l),
    ])
}

/// The workbook of `sheets`, as the bytes of an `.xlsx` file (Office Open XML, SpreadsheetML:
/// inline strings, one style per number format, the header row frozen). The same sheets give
/// the same bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    package(sheets).map_err(|e| format!("xlsx: {e}"))
}

/// Styles (`cellXfs` indices): 0 plain, 1 bold header, 2 a year, 3 wrapped text, then a number
/// with 0 to [`MAX_DECIMALS`] decimals.
const BOLD: usize = 1;
const YEAR: usize = 2;
const WRAP: usize = 3;
const NUMBER: usize = 4;
const MAX_DECIMALS: usize = 6;

fn styles() -> String {
    let mut fmts = String::new();
    let mut xfs = String::from(
        r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    );
    for d in 0..=MAX_DECIMALS {
        // 3 is Excel's built-in `#,##0`; the others are ours from 164 on.
        let id = if d == 0 { 3 } else { 163 + d };
        if d > 0 {
            fmts.push_str(&format!(
                r#"<numFmt numFmtId="{id}" formatCode="{}"/>"#,
                number_format(d)
            ));
        }
        xfs.push_str(&format!(
            r#"<xf numFmtId="{id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="{}">{fmts}</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="{}">{xfs}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#,
        MAX_DECIMALS,
        NUMBER + MAX_DECIMALS + 1
    )
}

/// Text as XML character data: escaped, and without the control characters XML cannot hold.
pub fn xml_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
pub fn column_name(mut c: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A cell as SpreadsheetML: text is always an inline string (never a formula), numbers are
/// written in full (Rust's shortest round-trip form), blanks are left out.
fn cell_xml(r: usize, c: usize, cell: &Cell, style: Option<usize>, out: &mut String) {
    let at = format!("{}{}", column_name(c), r + 1);
    match cell {
        Cell::Blank => {}
        Cell::Text(t) => {
            out.push_str(&format!(r#"<c r="{at}" t="inlineStr""#));
            if let Some(s) = style {
                out.push_str(&format!(r#" s="{s}""#));
            }
            out.push_str(r#"><is><t xml:space="preserve">"#);
            xml_text(t, out);
            out.push_str("</t></is></c>");
        }
        Cell::Integer(n) => out.push_str(&format!(r#"<c r="{at}" s="{YEAR}"><v>{n}</v></c>"#)),
        Cell::Number { value, decimals } if value.is_finite() => {
            let s = NUMBER + (*decimals).min(MAX_DECIMALS);
            out.push_str(&format!(r#"<c r="{at}" s="{s}"><v>{value}</v></c>"#));
        }
        Cell::Number { .. } => {}
    }
}

/// The width a cell's content needs, in characters.
fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(s) => s.chars().count().min(80),
        Cell::Integer(n) => n.to_string().len(),
        Cell::Number { value, decimals } => {
            let digits = format!("{:.0}", value.abs()).len();
            digits + digits / 3 + decimals + 2
        }
        Cell::Blank => 0,
    }
}

fn sheet_xml(sheet: &Sheet) -> String {
    let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.chars().count()).collect();
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            if c >= widths.len() {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(shown_width(cell));
        }
    }
    // The used range, so that readers streaming the sheet know every row's width.
    let dimension = format!(
        "A1:{}{}",
        column_name(widths.len().max(1) - 1),
        sheet.rows.len() + 1
    );
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#,
    );
    for (c, w) in widths.iter().enumerate() {
        out.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
            (*w).clamp(6, 80) + 2,
            n = c + 1
        ));
    }
    out.push_str("</cols><sheetData><row r=\"1\">");
    for (c, h) in sheet.header.iter().enumerate() {
        cell_xml(0, c, &Cell::Text(h.clone()), Some(BOLD), &mut out);
    }
    out.push_str("</row>");
    for (i, row) in sheet.rows.iter().enumerate() {
        // A wrapped text gets the height of its lines (readers do not all fit rows on opening).
        let lines = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => t.chars().count().div_ceil(80).max(1),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            out.push_str(&format!(
                "<row r=\"{}\" ht=\"{}\" customHeight=\"1\">",
                i + 2,
                15 * lines
            ));
        } else {
            out.push_str(&format!("<row r=\"{}\">", i + 2));
        }
        for (c, cell) in row.iter().enumerate() {
            let wrap = matches!(cell, Cell::Text(t) if t.chars().count() > 80);
            cell_xml(i + 1, c, cell, wrap.then_some(WRAP), &mut out);
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

/// The parts of the workbook's package: (path, bytes).
fn parts(sheets: &[Sheet]) -> Result<Vec<(String, Vec<u8>)>, String> {
    if sheets.is_empty() {
        return Err("a workbook needs a sheet".into());
    }
    let mut names = std::collections::BTreeSet::new();
    for s in sheets {
        let bad = s.name.is_empty()
            || s.name.chars().count() > 31
            || s.name.contains(['[', ']', ':', '*', '?', '/', '\\']);
        if bad || !names.insert(s.name.to_lowercase()) {
            return Err(format!("sheet name {:?}", s.name));
        }
    }
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, text: String| out.push((name.to_owned(), text.into_bytes()));
    let n = sheets.len();
    let overrides: String = (1..=n)
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    add(
        "[Content_Types].xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
        ),
    );
    add(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#.to_owned(),
    );
    add(
        "docProps/core.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Industrikommunerna i siffror</dc:title><dc:creator>Industrikommunerna i siffror</dc:creator></cp:coreProperties>"#.to_owned(),
    );
    let mut sheet_list = String::new();
    let mut rels = String::new();
    for (i, s) in sheets.iter().enumerate() {
        let mut name = String::new();
        xml_text(&s.name, &mut name);
        sheet_list.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#,
            i + 1,
            i + 1
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#, i + 1, i + 1));
    }
    rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#, n + 1));
    add(
        "xl/workbook.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>{sheet_list}</sheets></workbook>"#
        ),
    );
    add(
        "xl/_rels/workbook.xml.rels",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    add("xl/styles.xml", styles());
    for (i, s) in sheets.iter().enumerate() {
        add(&format!("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(s));
    }
    Ok(out)
}

/// Natively the package is deflated by the `zip` crate (the whole dataset is ~50 MB of XML).
#[cfg(not(target_arch = "wasm32"))]
fn package(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts(sheets)? {
        z.start_file(name, opts).map_err(|e| e.to_string())?;
        z.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    z.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| e.to_string())
}

/// In the browser a view's workbook (a few kB) is stored, by [`stored_zip`]: the lazy module
/// carries neither a compressor nor the `zip` crate.
#[cfg(target_arch = "wasm32")]
fn package(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    stored_zip(&parts(sheets)?)
}

/// CRC-32 (IEEE 802.3, as zip files use it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    !bytes.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// A zip archive of `files`, uncompressed ("stored"), dated 1980-01-01 like the native one.
pub fn stored_zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    let small =
        |n: usize, what: &str| u32::try_from(n).map_err(|_| format!("{what} too large for a zip"));
    let (time, date) = (0u16, 0x21u16);
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in files {
        let offset = small(out.len(), "the archive")?;
        let (crc, size) = (crc32(bytes), small(bytes.len(), name)?);
        let name_len = u16::try_from(name.len()).map_err(|_| format!("name {name:?}"))?;
        for (v, sig) in [(&mut out, 0x0403_4b50u32), (&mut central, 0x0201_4b50)] {
            le32(v, sig);
            if sig == 0x0201_4b50 {
                le16(v, 20); // made by
            }
            for x in [20, 0, 0, time, date] {
                le16(v, x); // version needed, flags, stored, time, date
            }
            for x in [crc, size, size] {
                le32(v, x);
            }
            le16(v, name_len);
            le16(v, 0); // extra field
            if sig == 0x0201_4b50 {
                for x in [0, 0, 0] {
                    le16(v, x); // comment, disk, internal attributes
                }
                le32(v, 0); // external attributes
                le32(v, offset);
            }
            v.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(bytes);
    }
    let (cd_offset, cd_size) = (
        small(out.len(), "the archive")?,
        small(central.len(), "the directory")?,
    );
    let count = u16::try_from(files.len()).map_err(|_| "too many files for a zip".to_owned())?;
    out.extend_from_slice(&central);
    le32(&mut out, 0x0605_4b50);
    for x in [0, 0, count, count] {
        le16(&mut out, x);
    }
    le32(&mut out, cd_size);
    le32(&mut out, cd_offset);
    le16(&mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them_and_text_is_xml() {
        assert_eq!(
            [0, 25, 26, 51, 52, 701, 702].map(column_name),
            ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
        );
        let mut s = String::new();
        xml_text("<a & \"b\">\u{1}", &mut s);
        assert_eq!(s, "&lt;a &amp; &quot;b&quot;&gt;\u{fffd}");
        assert!(workbook(&[]).is_err());
        let bad = Sheet {
            name: "a/b".into(),
            header: vec![],
            rows: vec![],
        };
        assert!(workbook(&[bad]).unwrap_err().contains("a/b"));
        // The check value of CRC-32.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn the_browsers_stored_workbook_reads_back_like_the_deflated_one() {
        use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
        let sheet = Sheet {
            name: "Om data".into(),
            header: vec!["år".into(), "värde".into()],
            rows: vec![vec![
                Cell::Integer(2024),
                Cell::Number {
                    value: 1234.5,
                    decimals: 1,
                },
            ]],
        };
        let stored = stored_zip(&parts(std::slice::from_ref(&sheet)).unwrap()).unwrap();
        let deflated = workbook(&[sheet]).unwrap();
        assert_ne!(stored, deflated);
        for bytes in [stored, deflated] {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
            assert!(z.by_name("xl/workbook.xml").is_ok());
            let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let r = wb.worksheet_range("Om data").unwrap();
            assert_eq!(r.get((0, 0)), Some(&Data::String("år".into())));
            assert_eq!(r.get((1, 1)), Some(&Data::Float(1234.5)));
        }
    }
}

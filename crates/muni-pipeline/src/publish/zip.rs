//! The zip of the whole dataset for spreadsheets and scripts: both CSVs, the data dictionary
//! (one row per indicator) and a read-me with the data version.

use std::io::Write;
use std::path::Path;

use muni_model::{Catalog, Text};

use super::{FULL_CSV, FULL_CSV_EXCEL, FULL_ZIP};
use crate::error::{PipelineError, Result};
use crate::fsutil::csv_text;

/// The data dictionary: one row per indicator with its texts, unit, source, licence, years and
/// known gaps (the notes), in the machine CSV dialect.
fn dictionary_csv(catalog: &Catalog, notes: &[(&str, Vec<Text>)]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| PipelineError::Check(format!("data dictionary: {e}"));
    w.write_record([
        "indicator",
        "theme",
        "title_sv",
        "title_en",
        "definition_sv",
        "definition_en",
        "unit",
        "source",
        "table",
        "url",
        "licence",
        "retrieved",
        "first_year",
        "last_year",
        "status",
        "notes_sv",
        "notes_en",
    ])
    .map_err(err)?;
    for m in &catalog.indicators {
        let of = notes
            .iter()
            .find(|(id, _)| *id == m.id.as_str())
            .map_or(&[][..], |(_, n)| &n[..]);
        let notes = |sv: bool| {
            of.iter()
                .map(|n| if sv { n.sv.clone() } else { n.en.clone() })
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let year = |y: Option<&u16>| y.map(|y| y.to_string()).unwrap_or_default();
        let theme = serde_json::to_value(m.theme)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let status = if m.file.is_some() {
            "available"
        } else {
            "awaiting_fetch"
        };
        let row = [
            m.id.to_string(),
            theme,
            m.title.sv.clone(),
            m.title.en.clone(),
            m.definition.sv.clone(),
            m.definition.en.clone(),
            m.unit.label().sv,
            m.source.name.sv.clone(),
            m.source.table.clone(),
            m.source.url.clone(),
            m.source.licence.clone(),
            m.source.retrieved.clone(),
            year(m.years.first()),
            year(m.years.last()),
            status.to_owned(),
            notes(true),
            notes(false),
        ];
        w.write_record(row.iter().map(|s| csv_text(s)))
            .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| PipelineError::Check(format!("data dictionary: {e}")))
}

const ZIP_README: &str = "Industrikommunerna i siffror: hela datasetet / the whole dataset\r
\r
industrikommuner.csv           UTF-8, komma, decimalpunkt (pandas, R, polars)\r
industrikommuner_excel_sv.csv  UTF-8 med BOM, semikolon, decimalkomma (Excel, svenska)\r
dataordlista.csv               en rad per indikator: definition, enhet, källa, licens, år, kända luckor\r
\r
Kolumner / columns: indicator, region_code (fyra tecken, 0114; 00 = Riket; 01-25 = län;\r
network_sum, network_median = nätverket), region_name, year, value, unit, status, rank_national,\r
rank_network.\r
status: ok = publicerat värde; confidential = sekretess hos källan (\"..\"); missing = saknas;\r
incomplete = gruppvärde där någon medlem saknar värde (summor lämnas tomma, medianer över de\r
medlemmar som har värde). Ett värde saknas aldrig som 0.\r
Källor och licenser: se dataordlista.csv (SCB: CC0 1.0; Upphandlingsmyndigheten: se källraden).\r
";

/// The zip of the two CSVs, the data dictionary and a read-me; fixed timestamps, so that a
/// rebuild gives the same bytes.
pub(super) fn write_zip(dir: &Path, catalog: &Catalog, notes: &[(&str, Vec<Text>)]) -> Result<()> {
    use ::zip::write::SimpleFileOptions;
    let path = dir.join(FULL_ZIP);
    let file = std::fs::File::create(&path).map_err(|e| PipelineError::io(&path, e))?;
    let mut z = ::zip::ZipWriter::new(file);
    let opts = SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Deflated)
        .last_modified_time(::zip::DateTime::default());
    let zerr = |e: ::zip::result::ZipError| PipelineError::file(&path, e.to_string());
    let mut add = |name: &str, bytes: &[u8]| -> Result<()> {
        z.start_file(name, opts).map_err(zerr)?;
        z.write_all(bytes).map_err(|e| PipelineError::io(&path, e))
    };
    let mut readme = ZIP_README.to_owned();
    if let Some(v) = &catalog.data_version {
        readme.push_str(&format!(
            "\r\n{}. SHA-256: {}\r\n{}.\r\n",
            v.label(muni_model::Lang::Sv),
            v.sha256,
            v.label(muni_model::Lang::En)
        ));
    }
    add("LASMIG.txt", readme.as_bytes())?;
    add("dataordlista.csv", &dictionary_csv(catalog, notes)?)?;
    for name in [FULL_CSV, FULL_CSV_EXCEL] {
        let p = dir.join(name);
        let bytes = std::fs::read(&p).map_err(|e| PipelineError::io(&p, e))?;
        add(name.trim_start_matches("full/"), &bytes)?;
    }
    z.finish().map_err(zerr)?;
    Ok(())
}

//! Extracts for analysts: the tidy rows behind a view (one row per region × year × indicator ×
//! measure) and their CSV in two dialects. The dashboard's "download this view" and the command
//! line's `extract` both go through here, so a file holds exactly the numbers on screen.

use crate::{
    Catalog, IndicatorFile, IndicatorId, IndicatorMeta, Lang, Measure, Status, index_values,
};

/// One row of an extract.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractRow {
    pub region_code: String,
    pub region_name: String,
    pub indicator: IndicatorId,
    pub indicator_title: String,
    pub measure: String,
    pub unit: String,
    pub year: u16,
    /// The full-precision value (an index is computed from it), `None` when withheld or missing.
    pub value: Option<f64>,
    pub status: Status,
    pub source: String,
    /// The municipality's place that year among the network's members and in Sweden (1 =
    /// first in the indicator's order), for published values as published; `None` for
    /// counties, groups, an index, and a value that is not published.
    pub rank_network: Option<u16>,
    pub rank_sweden: Option<u16>,
    /// Places climbed (positive) or lost since the year before in the file, where both years
    /// have a place.
    pub rank_network_change: Option<i32>,
    pub rank_sweden_change: Option<i32>,
}

/// The CSV dialects analysts choose between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// UTF-8, `,`, decimal point: pandas, R, polars.
    Machine,
    /// UTF-8 with BOM, `;`, decimal comma: Excel with Swedish settings.
    ExcelSv,
}

impl Dialect {
    pub fn id(self) -> &'static str {
        match self {
            Dialect::Machine => "machine",
            Dialect::ExcelSv => "excel_sv",
        }
    }

    /// The file name of an extract in this dialect: the Swedish Excel file says so before its
    /// extension (`…_dv1a2b3c4d_excel_sv.csv`), so the two never overwrite each other.
    pub fn file_name(self, name: &str) -> String {
        match (self, name.strip_suffix(".csv")) {
            (Dialect::ExcelSv, Some(stem)) => format!("{stem}_excel_sv.csv"),
            _ => name.to_owned(),
        }
    }

    /// The field separator: `,`, or `;` where the decimal comma is.
    pub fn separator(self) -> char {
        match self {
            Dialect::Machine => ',',
            Dialect::ExcelSv => ';',
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "machine" | "csv" => Some(Dialect::Machine),
            "excel_sv" | "csv-excel" | "excel" => Some(Dialect::ExcelSv),
            _ => None,
        }
    }
}

/// The column names of an extract, in order (the places last, so that the first ten keep
/// their positions).
pub const COLUMNS: [&str; 14] = [
    "region_code",
    "region_name",
    "indicator",
    "indicator_title",
    "measure",
    "unit",
    "year",
    "value",
    "status",
    "source",
    "rank_network",
    "rank_sweden",
    "rank_network_change",
    "rank_sweden_change",
];

/// The measure's id in an extract: `value`, or `index_2009` (2009 = 100).
pub fn measure_id(m: Measure) -> String {
    match m {
        Measure::AsPublished => "value".into(),
        Measure::Index { base } => format!("index_{base}"),
    }
}

/// The rows of `regions` (codes as in the file: municipalities, counties, `00`, groups) for
/// `years`, in that order (region, then year). A region or year the file does not have gives
/// rows with status `missing`; an index without a base value is `missing` too.
pub fn view_rows(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    regions: &[String],
    years: &[u16],
    measure: Measure,
    lang: Lang,
) -> Vec<ExtractRow> {
    let source = source_line(meta, lang);
    let unit = match measure {
        Measure::AsPublished => meta.unit.label().get(lang).to_owned(),
        Measure::Index { base } => format!("index ({base} = 100)"),
    };
    let mut out = Vec::with_capacity(regions.len() * years.len());
    for code in regions {
        let series = file.series(code);
        let values: Vec<Option<f64>> = match (series, measure) {
            (Some(s), Measure::Index { base }) => index_values(&file.years, &s.values, base),
            (Some(s), Measure::AsPublished) => s.values.clone(),
            (None, _) => vec![None; file.years.len()],
        };
        for &year in years {
            let i = file.years.iter().position(|&y| y == year);
            let (value, status) = match (series, i) {
                (Some(s), Some(i)) => {
                    let v = values[i];
                    let st = match (v, s.status[i]) {
                        (None, Status::Ok) => Status::Missing,
                        (_, st) => st,
                    };
                    (v.filter(|_| st != Status::Missing), st)
                }
                _ => (None, Status::Missing),
            };
            // Places of published values (an index has none: it orders by growth, not value).
            let place = |scope: crate::Scope| -> (Option<u16>, Option<i32>) {
                let (Some(s), Some(i), Measure::AsPublished) = (series, i, measure) else {
                    return (None, None);
                };
                let now = s.rank(scope, i);
                let before = i.checked_sub(1).and_then(|j| s.rank(scope, j));
                let change = now.zip(before).map(|(n, b)| i32::from(b) - i32::from(n));
                (now, change)
            };
            let (rank_network, rank_network_change) = place(crate::Scope::Network);
            let (rank_sweden, rank_sweden_change) = place(crate::Scope::Sweden);
            out.push(ExtractRow {
                rank_network,
                rank_sweden,
                rank_network_change,
                rank_sweden_change,
                region_code: code.clone(),
                region_name: catalog.region_name(code, lang),
                indicator: meta.id.clone(),
                indicator_title: meta.title.get(lang).to_owned(),
                measure: measure_id(measure),
                unit: unit.clone(),
                year,
                value,
                status,
                source: source.clone(),
            });
        }
    }
    out
}

/// `Källa: SCB, … (EN0203), hämtad 2022-12-01. CC0 1.0`: the source line of charts and extracts.
pub fn source_line(meta: &IndicatorMeta, lang: Lang) -> String {
    let s = &meta.source;
    let (source, retrieved) = match lang {
        Lang::Sv => ("Källa", "hämtad"),
        Lang::En => ("Source", "retrieved"),
    };
    let mut line = format!("{source}: {} ({})", s.name.get(lang), s.table);
    if !s.retrieved.is_empty() {
        line.push_str(&format!(", {retrieved} {}", s.retrieved));
    }
    line.push_str(&format!(". {}", s.licence));
    line
}

/// Neutralises a text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab,
/// CR at the start) by prefixing an apostrophe. Numbers are not text cells and are not passed here.
pub fn csv_text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// A field quoted if it holds the separator, a quote or a line break.
fn field(s: &str, sep: char, out: &mut String) {
    if s.contains([sep, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// A number in full precision (the shortest text that reads back to the same `f64`), with a
/// decimal comma in the Swedish dialect. No thousands separator: both Excel and pandas read it.
pub fn csv_number(v: f64, dialect: Dialect) -> String {
    let s = format!("{v}");
    match dialect {
        Dialect::Machine => s,
        Dialect::ExcelSv => s.replace('.', ","),
    }
}

/// The CSV text of `rows` (with the BOM in the Swedish Excel dialect), `\n` line ends.
pub fn to_csv(rows: &[ExtractRow], dialect: Dialect) -> String {
    let sep = dialect.separator();
    let mut out = String::with_capacity(rows.len() * 160);
    if dialect == Dialect::ExcelSv {
        out.push('\u{feff}');
    }
    out.push_str(&COLUMNS.join(&sep.to_string()));
    out.push('\n');
    for r in rows {
        let texts = [
            csv_text(&r.region_code),
            csv_text(&r.region_name),
            csv_text(r.indicator.as_str()),
            csv_text(&r.indicator_title),
            csv_text(&r.measure),
            csv_text(&r.unit),
            r.year.to_string(),
            r.value.map_or_else(String::new, |v| csv_number(v, dialect)),
            r.status.as_str().to_owned(),
            csv_text(&r.source),
            r.rank_network.map_or_else(String::new, |n| n.to_string()),
            r.rank_sweden.map_or_else(String::new, |n| n.to_string()),
            r.rank_network_change
                .map_or_else(String::new, |n| n.to_string()),
            r.rank_sweden_change
                .map_or_else(String::new, |n| n.to_string()),
        ];
        csv_line(&texts, dialect, &mut out);
    }
    out
}

/// Text as a file-name part safe on every file system: lower case ASCII letters, digits and
/// single `_` (`Upplands Väsby` → `upplands_vasby`).
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().map(crate::fold_sv) {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ø' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if c == '_' && (slug.is_empty() || slug.ends_with('_')) {
            continue;
        }
        slug.push(c);
    }
    slug.trim_end_matches('_').to_owned()
}

/// One CSV line of `fields` (already neutralised with [`csv_text`] where they are text), in
/// the dialect's separator, quoted where needed, with `\n`.
pub fn csv_line(fields: &[String], dialect: Dialect, out: &mut String) {
    let sep = dialect.separator();
    for (k, t) in fields.iter().enumerate() {
        if k > 0 {
            out.push(sep);
        }
        field(t, sep, out);
    }
    out.push('\n');
}

/// A file name that says what is inside and from which data, safe on every file system:
/// `industrikommuner_energi_industri_per_invanare_2009-2020_dv1a2b3c4d.csv`.
pub fn file_name(
    meta: &IndicatorMeta,
    measure: Measure,
    years: (u16, u16),
    version: Option<&crate::DataVersion>,
    ext: &str,
) -> String {
    let slug = slug(&meta.title.sv);
    let index = match measure {
        Measure::AsPublished => String::new(),
        Measure::Index { base } => format!("_index{base}"),
    };
    let span = if years.0 == years.1 {
        years.0.to_string()
    } else {
        format!("{}-{}", years.0, years.1)
    };
    let version = version.map_or(String::new(), |v| format!("_dv{}", v.id));
    format!("industrikommuner_{slug}{index}_{span}{version}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Group, IndicatorStatus, MunicipalityCode, Region, RegionCode, RegionLevel, Source, Text,
        Theme, Unit,
    };

    fn fixture() -> (Catalog, IndicatorMeta, IndicatorFile) {
        let meta = IndicatorMeta {
            id: IndicatorId::new("energy_industry_per_inhabitant").unwrap(),
            theme: Theme::Energy,
            title: Text::new(
                "Industrins energianvändning per invånare",
                "Industry's energy use per inhabitant",
            ),
            definition: Text::new("d", "d"),
            unit: Unit::MwhPerInhabitant,
            source: Source {
                name: Text::new("SCB, =test", "Statistics Sweden"),
                table: "EN0203".into(),
                url: String::new(),
                licence: "CC0 1.0".into(),
                retrieved: "2022-12-01".into(),
            },
            status: IndicatorStatus::Available,
            years: vec![2019, 2020],
            file: None,
            rank_descending: true,
            additive: false,
            rate: false,
            breaks: vec![],
            measure_of: None,
        };
        let region = |c: &str, n: &str| Region {
            code: RegionCode::new(c).unwrap(),
            name: n.into(),
            level: RegionLevel::Municipality,
            county: None,
        };
        let catalog = Catalog {
            schema_version: crate::SCHEMA_VERSION,
            indicators: vec![meta.clone()],
            regions: vec![region("2284", "Örnsköldsvik"), region("0382", "=Östhammar")],
            groups: vec![Group {
                id: RegionCode::new("network").unwrap(),
                name: Text::new("n", "n"),
                members: vec![MunicipalityCode::new("2284").unwrap()],
                source: Text::new("s", "s"),
            }],
            headline: None,
            data_version: None,
        };
        let file = IndicatorFile::new(
            meta.id.clone(),
            vec![2019, 2020],
            true,
            catalog.network().to_vec(),
            vec![
                (
                    RegionCode::new("0382").unwrap(),
                    vec![None, Some(2.5)],
                    vec![Status::Confidential, Status::Ok],
                ),
                (
                    RegionCode::new("2284").unwrap(),
                    vec![Some(1234.5), Some(0.123_456_789_012_345_68)],
                    vec![Status::Ok, Status::Ok],
                ),
            ],
        )
        .unwrap();
        (catalog, meta, file)
    }

    #[test]
    fn rows_keep_full_precision_and_typed_gaps() {
        let (c, m, f) = fixture();
        let regions = vec!["2284".to_owned(), "0382".to_owned(), "9999".to_owned()];
        let rows = view_rows(
            &c,
            &m,
            &f,
            &regions,
            &[2019, 2020],
            Measure::AsPublished,
            Lang::Sv,
        );
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[1].value, Some(0.123_456_789_012_345_68));
        assert_eq!(
            (rows[2].value, rows[2].status),
            (None, Status::Confidential)
        );
        assert_eq!((rows[5].value, rows[5].status), (None, Status::Missing));
        let idx = view_rows(
            &c,
            &m,
            &f,
            &regions[1..2],
            &[2019, 2020],
            Measure::Index { base: 2019 },
            Lang::En,
        );
        // No base value: the index is missing, not 0 and not the value.
        assert_eq!(idx[1].status, Status::Missing);
        assert_eq!(idx[1].measure, "index_2019");
        assert!(idx[1].unit.starts_with("index (2019"));
    }

    #[test]
    fn both_dialects_and_no_formulas() {
        let (c, m, f) = fixture();
        let rows = view_rows(
            &c,
            &m,
            &f,
            &["2284".into(), "0382".into()],
            &[2019],
            Measure::AsPublished,
            Lang::Sv,
        );
        let machine = to_csv(&rows, Dialect::Machine);
        let mut lines = machine.lines();
        assert_eq!(lines.next().unwrap(), COLUMNS.join(","));
        assert_eq!(
            lines.next().unwrap(),
            "2284,Örnsköldsvik,energy_industry_per_inhabitant,Industrins energianvändning per invånare,value,MWh per invånare,2019,1234.5,ok,\"Källa: SCB, =test (EN0203), hämtad 2022-12-01. CC0 1.0\",1,1,,"
        );
        let osthammar = lines.next().unwrap();
        assert!(osthammar.starts_with("0382,'=Östhammar,"), "{osthammar}");
        assert!(osthammar.contains(",2019,,confidential,"), "{osthammar}");
        let excel = to_csv(&rows, Dialect::ExcelSv);
        assert!(excel.starts_with("\u{feff}region_code;region_name;"));
        assert!(excel.contains(";2019;1234,5;ok;"), "{excel}");
        assert_eq!(csv_number(-0.5, Dialect::ExcelSv), "-0,5");
        assert_eq!(
            csv_number(1e-7, Dialect::Machine).parse::<f64>().unwrap(),
            1e-7
        );
    }

    #[test]
    fn file_names_say_what_is_inside() {
        let (_, m, _) = fixture();
        assert_eq!(
            file_name(&m, Measure::AsPublished, (2009, 2020), None, "csv"),
            "industrikommuner_industrins_energianvandning_per_invanare_2009-2020.csv"
        );
        let v = crate::DataVersion {
            id: "0a1b2c3d".into(),
            sha256: String::new(),
            latest_year: 2020,
            retrieved: None,
        };
        assert_eq!(
            file_name(
                &m,
                Measure::Index { base: 2009 },
                (2019, 2019),
                Some(&v),
                "png"
            ),
            "industrikommuner_industrins_energianvandning_per_invanare_index2009_2019_dv0a1b2c3d.png"
        );
        assert_eq!(Dialect::parse("csv-excel"), Some(Dialect::ExcelSv));
        assert_eq!(
            Dialect::ExcelSv.file_name("a_dv01.csv"),
            "a_dv01_excel_sv.csv"
        );
        assert_eq!(Dialect::Machine.file_name("a_dv01.csv"), "a_dv01.csv");
    }
}

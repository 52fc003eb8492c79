//! `extract` on the committed public/data: both CSV dialects, Parquet and JSON read back (with
//! polars and with Python's csv module) to the published values; names with å/ä/ö survive;
//! bad requests name the problem and leave an existing file alone.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use muni_model::extract::Dialect;
use muni_model::{IndicatorFile, Lang, Status};
use muni_pipeline::extract::{ExtractRequest, Format, encode, rows};
use muni_pipeline::fsutil::write_atomic;
use polars::prelude::*;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

fn request(indicator: &str, regions: &str, format: Format) -> ExtractRequest {
    ExtractRequest {
        indicator: indicator.into(),
        regions: regions.split(',').map(str::to_owned).collect(),
        years: Some((2009, 2020)),
        measure: "value".into(),
        format,
        lang: Lang::Sv,
    }
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("muni-extract-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// The data version of the published catalog.
fn version() -> String {
    let c: muni_model::Catalog =
        serde_json::from_slice(&std::fs::read(data().join("catalog.json")).unwrap()).unwrap();
    c.data_version.expect("a data version").id
}

fn published(id: &str) -> IndicatorFile {
    serde_json::from_slice(&std::fs::read(data().join(format!("indicators/{id}.json"))).unwrap())
        .unwrap()
}

/// A row as polars reads it back: region, year, value, name, and the place in Sweden and its
/// change.
type Back = (String, i32, Option<f64>, String, (Option<i32>, Option<i32>));

/// (region, year) → value, as read back by polars from a CSV of either dialect.
fn read_with_polars(path: &Path, dialect: Dialect) -> Vec<Back> {
    let schema = Schema::from_iter([
        Field::new("region_code".into(), DataType::String),
        Field::new("region_name".into(), DataType::String),
        Field::new("indicator".into(), DataType::String),
        Field::new("indicator_title".into(), DataType::String),
        Field::new("measure".into(), DataType::String),
        Field::new("unit".into(), DataType::String),
        Field::new("year".into(), DataType::Int32),
        Field::new("value".into(), DataType::Float64),
        Field::new("status".into(), DataType::String),
        Field::new("source".into(), DataType::String),
        Field::new("rank_network".into(), DataType::Int32),
        Field::new("rank_sweden".into(), DataType::Int32),
        Field::new("rank_network_change".into(), DataType::Int32),
        Field::new("rank_sweden_change".into(), DataType::Int32),
    ]);
    let (sep, comma) = match dialect {
        Dialect::Machine => (b',', false),
        Dialect::ExcelSv => (b';', true),
    };
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .with_parse_options(
            CsvParseOptions::default()
                .with_separator(sep)
                .with_decimal_comma(comma),
        )
        .try_into_reader_with_file_path(Some(path.into()))
        .unwrap()
        .finish()
        .unwrap();
    let code = df.column("region_code").unwrap().str().unwrap().clone();
    let name = df.column("region_name").unwrap().str().unwrap().clone();
    let year = df.column("year").unwrap().i32().unwrap().clone();
    let value = df.column("value").unwrap().f64().unwrap().clone();
    let rank = df.column("rank_sweden").unwrap().i32().unwrap().clone();
    let change = df
        .column("rank_sweden_change")
        .unwrap()
        .i32()
        .unwrap()
        .clone();
    (0..df.height())
        .map(|i| {
            (
                code.get(i)
                    .unwrap()
                    .trim_start_matches('\u{feff}')
                    .to_owned(),
                year.get(i).unwrap(),
                value.get(i),
                name.get(i).unwrap().to_owned(),
                (rank.get(i), change.get(i)),
            )
        })
        .collect()
}

#[test]
fn both_dialects_read_back_to_the_published_values() {
    let id = "energy_final_use_industry_per_inhabitant";
    let file = published(id);
    for dialect in [Dialect::Machine, Dialect::ExcelSv] {
        let req = request(id, "2284,network,00,network_median", Format::Csv(dialect));
        let (rows, name) = rows(&data(), &req).unwrap();
        assert_eq!(
            name,
            format!(
                "industrikommuner_industrins_energianvandning_per_invanare_2009-2020_dv{}{}.csv",
                version(),
                if dialect == Dialect::ExcelSv {
                    "_excel_sv"
                } else {
                    ""
                }
            )
        );
        let path = tmp(&format!("{}.csv", dialect.id()));
        write_atomic(&path, &encode(&rows, Format::Csv(dialect)).unwrap()).unwrap();
        let back = read_with_polars(&path, dialect);
        assert_eq!(back.len(), rows.len());
        let mut checked = 0;
        let mut places = 0;
        for (code, year, value, region_name, (rank, change)) in &back {
            let (v, status) = file.value(code, *year as u16).unwrap();
            match status {
                Status::Ok | Status::Incomplete => assert_eq!(*value, v, "{code} {year}"),
                _ => assert_eq!(*value, None, "{code} {year}"),
            }
            if code == "2284" {
                assert_eq!(region_name, "Örnsköldsvik");
                // The place in Sweden as the file ranks it, and its change since the year before.
                let series = file.series("2284").unwrap();
                let i = file
                    .years
                    .iter()
                    .position(|y| i32::from(*y) == *year)
                    .unwrap();
                let now = series.rank(muni_model::Scope::Sweden, i);
                assert_eq!(*rank, now.map(i32::from), "{year}");
                let before = i
                    .checked_sub(1)
                    .and_then(|j| series.rank(muni_model::Scope::Sweden, j));
                assert_eq!(
                    *change,
                    now.zip(before).map(|(n, b)| i32::from(b) - i32::from(n)),
                    "{year}"
                );
                places += usize::from(change.is_some());
            } else if code.len() != 4 {
                assert_eq!(
                    *rank, None,
                    "{code}: a county, Riket or a group has no place"
                );
            }
            checked += usize::from(value.is_some());
        }
        assert!(checked > 200, "{checked} values compared");
        assert!(places > 5, "{places} changes of place compared");
    }
}

#[test]
fn pythons_csv_module_reads_the_same_values() {
    let Ok(status) = std::process::Command::new("python3")
        .arg("--version")
        .status()
    else {
        assert!(std::env::var_os("CI").is_none(), "python3 is needed in CI");
        return;
    };
    assert!(status.success());
    let id = "population";
    let mut values: Vec<Vec<String>> = Vec::new();
    for dialect in [Dialect::Machine, Dialect::ExcelSv] {
        let req = request(id, "2284,0180", Format::Csv(dialect));
        let (rows, _) = rows(&data(), &req).unwrap();
        let path = tmp(&format!("py-{}.csv", dialect.id()));
        write_atomic(&path, &encode(&rows, Format::Csv(dialect)).unwrap()).unwrap();
        let (enc, sep) = match dialect {
            Dialect::Machine => ("utf-8", ","),
            Dialect::ExcelSv => ("utf-8-sig", ";"),
        };
        // Python reads the file as Excel would: BOM, separator, decimal comma.
        let script = format!(
            "import csv,sys\nr=list(csv.DictReader(open(sys.argv[1],encoding='{enc}',newline=''),delimiter='{sep}'))\nfor x in r: print(x['region_code'],x['region_name'],x['year'],repr(float(x['value'].replace(',','.'))) if x['value'] else '-',sep='|')"
        );
        let out = std::process::Command::new("python3")
            .args(["-c", &script])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        values.push(
            String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect(),
        );
    }
    assert_eq!(values[0], values[1], "the two dialects read back alike");
    let file = published(id);
    let (v, _) = file.value("2284", 2020).unwrap();
    let expect = format!("2284|Örnsköldsvik|2020|{:?}", v.unwrap());
    assert!(
        values[0].contains(&expect),
        "{expect} in {:?}",
        &values[0][..3]
    );
}

#[test]
fn parquet_and_json_hold_the_same_rows() {
    let id = "electricity_production_total";
    let mut req = request(id, "0382", Format::Parquet);
    req.measure = "index:2009".into();
    let (rows, name) = rows(&data(), &req).unwrap();
    assert!(
        name.ends_with(&format!("_index2009_2009-2020_dv{}.parquet", version())),
        "{name}"
    );
    let path = tmp("x.parquet");
    write_atomic(&path, &encode(&rows, Format::Parquet).unwrap()).unwrap();
    let df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height(), rows.len());
    let value = df.column("value").unwrap().f64().unwrap();
    assert_eq!(value.get(0), Some(100.0), "2009 = 100");
    let measure = df.column("measure").unwrap().str().unwrap();
    assert_eq!(measure.get(0), Some("index_2009"));
    let json: serde_json::Value =
        serde_json::from_slice(&encode(&rows, Format::Json).unwrap()).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), rows.len());
    for (i, r) in list.iter().enumerate() {
        assert_eq!(r["value"].as_f64(), value.get(i));
    }
}

#[test]
fn bad_requests_say_what_is_wrong_and_leave_the_file_alone() {
    let out = tmp("keep.csv");
    std::fs::write(&out, "previous").unwrap();
    let cases = [
        (
            request("no_such", "network", Format::Csv(Dialect::Machine)),
            "unknown indicator \"no_such\"",
        ),
        (
            request("population", "0181,99x", Format::Csv(Dialect::Machine)),
            "\"99x\" is not a municipality code",
        ),
        (
            request("population", "lan99", Format::Csv(Dialect::Machine)),
            "\"lan99\" is not a county",
        ),
        (
            request(
                "electricity_production_solar",
                "network",
                Format::Csv(Dialect::Machine),
            ),
            "awaiting a fetch",
        ),
    ];
    for (req, says) in cases {
        let e = rows(&data(), &req).unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
    }
    let mut req = request("population", "0181", Format::Json);
    req.measure = "per_capita".into();
    let e = rows(&data(), &req).unwrap_err().to_string();
    assert!(e.contains("it has: value, index:YEAR"), "{e}");
    req.measure = "index:1800".into();
    assert!(
        rows(&data(), &req)
            .unwrap_err()
            .to_string()
            .contains("no published value in 1800")
    );
    req.measure = "value".into();
    req.years = Some((2030, 2040));
    assert!(
        rows(&data(), &req)
            .unwrap_err()
            .to_string()
            .contains("has values for")
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
}

#[test]
fn a_measure_is_named_by_kind_within_the_indicators_family() {
    // `share` of industry's energy use is `energy_industry_share`, though its id does not
    // start with the base's; `per_inhabitant` is the per-inhabitant variant.
    for (measure, id) in [
        ("share", "energy_industry_share"),
        ("per_inhabitant", "energy_final_use_industry_per_inhabitant"),
    ] {
        let mut req = request("energy_final_use_industry", "2284", Format::Json);
        req.measure = measure.into();
        let (rows, _) = rows(&data(), &req).unwrap();
        assert!(!rows.is_empty());
        assert!(
            rows.iter().all(|r| r.indicator.as_str() == id),
            "{measure}: {}",
            rows[0].indicator
        );
    }
    let mut req = request("energy_final_use_industry", "2284", Format::Json);
    req.measure = "per_1000".into();
    let e = rows(&data(), &req).unwrap_err().to_string();
    assert!(
        e.contains("it has: value, index:YEAR, per_inhabitant, share"),
        "{e}"
    );
}

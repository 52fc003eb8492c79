//! What analysts take away, read back by the readers they use: the whole dataset's workbook
//! and a view's workbook with openpyxl (every cell against the CSV), the data package with
//! `frictionless validate`, the DCAT-AP-SE description as RDF with rdflib, and the data version
//! (the content hash of the normalised tables) in the catalog, the file names and the zip.
//! Built from the committed `data/` into a temporary folder (`common::built`).

mod common;

use std::process::Command;

use common::{built, catalog, root, temp_dir};
use muni_model::Lang;
use muni_pipeline::extract::{ExtractRequest, Format, extract_file};
use muni_pipeline::fsutil::write_atomic;
use muni_pipeline::publish::{DATAPACKAGE, DCAT, FULL_CSV, FULL_XLSX};

/// A data folder in a temporary place holding a copy of the committed `data/normalised/`, for
/// a test to edit.
fn committed_copy(name: &str) -> std::path::PathBuf {
    let data = temp_dir(name);
    let normalised = data.join("normalised");
    std::fs::create_dir_all(&normalised).unwrap();
    for e in std::fs::read_dir(root().join("data/normalised")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, normalised.join(p.file_name().unwrap())).unwrap();
    }
    data
}

/// Runs a Python script with `args`; `None` (the test is skipped, saying so) when python3 or
/// one of `modules` is missing outside CI. Under CI a missing reader fails the test.
fn python(modules: &str, script: &str, args: &[&str]) -> Option<String> {
    let have = Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with {modules} is needed in CI (scripts/test.sh installs them)"
        );
        eprintln!("SKIPPED: python3 with {modules} is not installed");
        return None;
    }
    let out = Command::new("python3")
        .args(["-c", script])
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Compares every row of the workbook's Data sheet with the full CSV, cell by cell: codes as
/// text with their zeros, years as integers, values as the same numbers (empty where the CSV
/// is empty), statuses in Swedish, ranks as integers; and checks the number formats.
const FULL_CHECK: &str = r#"
import csv, sys, openpyxl
words = {"ok": "ok", "confidential": "sekretess", "missing": "saknas", "incomplete": "ofullständig"}
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
assert wb.sheetnames == ["Data", "Indikatorer", "Om data"], wb.sheetnames
ws = wb["Data"]
it = ws.iter_rows()
header = [c.value for c in next(it)]
assert header[:6] == ["indikator-id", "indikator", "regionkod", "region", "år", "värde"], header
n = 0
formats = set()
for csv_row, cells in zip(rows, it):
    v = [c.value for c in cells]
    assert v[0] == csv_row["indicator"], (n, v, csv_row)
    assert v[2] == csv_row["region_code"] and cells[2].data_type == "s", (n, v)
    assert v[3] == csv_row["region_name"], (n, v)
    assert v[4] == int(csv_row["year"]) and isinstance(v[4], int), (n, v)
    if csv_row["value"] == "":
        assert v[5] is None, (n, v)
    else:
        assert cells[5].data_type == "n" and abs(v[5] - float(csv_row["value"])) <= 1e-9 * max(1, abs(v[5])), (n, v, csv_row)
        formats.add(cells[5].number_format)
    assert v[7] == words[csv_row["status"]], (n, v)
    for i, k in ((8, "rank_national"), (9, "rank_network")):
        assert (v[i] is None) if csv_row[k] == "" else (v[i] == int(csv_row[k])), (n, k, v)
    n += 1
assert n == len(rows), (n, len(rows))
about = {r[0].value: r[1].value for r in wb["Om data"].iter_rows(min_row=2)}
print(n, sorted(formats), about.get("Dataversion"), sep="|")
"#;

#[test]
fn the_whole_datasets_workbook_holds_every_row_of_the_csv() {
    let dir = built();
    let xlsx = dir.join(FULL_XLSX);
    let csv = dir.join(FULL_CSV);
    let Some(out) = python(
        "openpyxl",
        FULL_CHECK,
        &[xlsx.to_str().unwrap(), csv.to_str().unwrap()],
    ) else {
        return;
    };
    let parts: Vec<&str> = out.trim().split('|').collect();
    let n: usize = parts[0].parse().unwrap();
    assert!(n > 100_000, "{n} rows compared");
    // Counts without decimals, shares and rates with one.
    assert_eq!(parts[1], "['#,##0', '#,##0.0']");
    let v = catalog(dir).data_version.unwrap();
    assert_eq!(parts[2], v.label(Lang::Sv));
}

/// Reads a view's workbook: header, every row, the About sheet's unit and version.
const VIEW_CHECK: &str = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Data"]
assert ws.freeze_panes == "A2", ws.freeze_panes
rows = ws.iter_rows(values_only=True)
print("|".join(repr(c) for c in next(rows)[:5]))
for r in rows:
    assert isinstance(r[2], int) and isinstance(r[0], str), r
    print(repr(r[0]), repr(r[1]), repr(r[2]), "" if r[3] is None else repr(float(r[3])), repr(r[4]), sep="|")
about = {r[0].value: r[1].value for r in wb["Om data"].iter_rows(min_row=2)}
print("about", about["Enhet"], about["Dataversion"], sep="|")
"#;

#[test]
fn a_views_workbook_has_the_csvs_numbers_and_says_its_unit_and_version() {
    let dir = built();
    let req = |format| ExtractRequest {
        indicator: "population".into(),
        regions: vec!["2284".into(), "0180".into(), "network".into()],
        years: Some((2020, 2022)),
        measure: "value".into(),
        format,
        lang: Lang::Sv,
    };
    let (bytes, name, n) = extract_file(dir, &req(Format::Xlsx)).unwrap();
    let v = catalog(dir).data_version.unwrap();
    assert!(
        name.ends_with(&format!("_2020-2022_dv{}.xlsx", v.id)),
        "{name}"
    );
    let (csv, csv_name, _) = extract_file(
        dir,
        &req(Format::Csv(muni_model::extract::Dialect::Machine)),
    )
    .unwrap();
    assert_eq!(csv_name.replace(".csv", ".xlsx"), name);
    let path = temp_dir("view-xlsx").join(&name);
    write_atomic(&path, &bytes).unwrap();
    let Some(out) = python("openpyxl", VIEW_CHECK, &[path.to_str().unwrap()]) else {
        return;
    };
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "'regionkod'|'region'|'år'|'värde (personer)'|'status'"
    );
    assert_eq!(lines.len(), n + 2, "{out}");
    // Every row as the CSV has it (code, name, year, value, status in Swedish).
    let mut r = csv::Reader::from_reader(csv.as_slice());
    let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), n);
    for (line, f) in lines[1..=n].iter().zip(&records) {
        let value = if f[7].is_empty() {
            String::new()
        } else {
            format!("{:?}", f[7].parse::<f64>().unwrap())
        };
        let status = muni_xlsx::status_word(muni_model::Status::parse(&f[8]).unwrap(), Lang::Sv);
        let expect = format!("'{}'|'{}'|{}|{}|'{status}'", &f[0], &f[1], &f[6], value);
        assert_eq!(*line, expect);
    }
    assert_eq!(
        lines[n + 1],
        format!("about|personer|{}", v.label(Lang::Sv))
    );
}

#[test]
fn the_data_package_validates_and_the_dcat_description_is_rdf() {
    let dir = built();
    let pkg = dir.join(DATAPACKAGE);
    let text = std::fs::read_to_string(&pkg).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let v = catalog(dir).data_version.unwrap();
    assert_eq!(json["version"], v.id.as_str());
    assert_eq!(
        json["resources"][0]["schema"]["primaryKey"],
        serde_json::json!(["indicator", "region_code", "year"])
    );
    let report = python(
        "frictionless, pandas",
        "import sys, frictionless\nr = frictionless.validate(sys.argv[1])\nprint(r.valid)\nif not r.valid: print(r.flatten(['rowNumber','fieldName','type','note'])[:20])",
        &[pkg.to_str().unwrap()],
    );
    if let Some(r) = report {
        assert!(r.starts_with("True"), "frictionless: {r}");
    }
    // The Parquet file has the CSV's columns, names and units included, as pandas reads it.
    let parquet = python(
        "pandas",
        "import sys, pandas as pd\ndf = pd.read_parquet(sys.argv[1])\nr = df[(df.region_code == '1496') & (df.indicator == 'population')].iloc[0]\nprint(','.join(df.columns), r.region_name, r.unit, sep='|')",
        &[dir.join("full/industrikommuner.parquet").to_str().unwrap()],
    );
    if let Some(r) = parquet {
        assert_eq!(
            r.trim(),
            "indicator,region_code,region_name,year,value,unit,status,rank_national,rank_network|Skövde|personer"
        );
    }
    let rdf = python(
        "rdflib",
        "import sys, rdflib\nfrom rdflib.namespace import DCAT, DCTERMS, RDF\ng = rdflib.Graph()\ng.parse(sys.argv[1], format='json-ld', publicID='https://example.org/industrikommuner/')\nds = list(g.subjects(RDF.type, DCAT.Dataset))\nprint(len(ds), len(list(g.objects(ds[0], DCAT.distribution))), len(list(g.objects(ds[0], DCTERMS.title))), g.value(ds[0], DCTERMS.license))",
        &[dir.join(DCAT).to_str().unwrap()],
    );
    if let Some(r) = rdf {
        assert_eq!(
            r.trim(),
            "1 4 2 http://creativecommons.org/publicdomain/zero/1.0/"
        );
    }
}

#[test]
fn the_data_version_is_the_hash_of_the_normalised_tables_and_changes_with_them() {
    let v = catalog(built()).data_version.unwrap();
    let normalised = root().join("data/normalised");
    let hash = muni_pipeline::normalised::content_hash(&normalised).unwrap();
    assert_eq!(v.sha256, hash);
    assert_eq!(v.id, hash[..8]);
    assert!(v.latest_year >= 2024, "{v:?}");
    // One byte more in one table: another version.
    let copy = committed_copy("version").join("normalised");
    assert_eq!(
        muni_pipeline::normalised::content_hash(&copy).unwrap(),
        hash
    );
    let members = copy.join("network_members.csv");
    let mut bytes = std::fs::read(&members).unwrap();
    bytes.push(b'\n');
    std::fs::write(&members, bytes).unwrap();
    assert_ne!(
        muni_pipeline::normalised::content_hash(&copy).unwrap(),
        hash
    );
}

// Long: one scenario (a previous build, a build on edited data, a rebuild on the same data),
// its checks reading the files those builds wrote.
#[test]
fn a_build_on_changed_data_records_what_changed_and_keeps_the_older_records() {
    use muni_pipeline::changes::{ChangeEntry, ChangeRecord};
    // The committed tables with two SYNTHETIC edits: Upplands Väsby 2010 revised, Stockholm
    // 2011 withdrawn (missing).
    let data = committed_copy("changed");
    let normalised = data.join("normalised");
    let pop = normalised.join("population.csv");
    let text = std::fs::read_to_string(&pop).unwrap();
    assert!(text.contains("\n0114,2010,population,39289,ok\n"));
    assert!(text.contains("\n0180,2011,population,864324,ok\n"));
    std::fs::write(
        &pop,
        text.replace(
            "\n0114,2010,population,39289,ok\n",
            "\n0114,2010,population,39300,ok\n",
        )
        .replace(
            "\n0180,2011,population,864324,ok\n",
            "\n0180,2011,population,,missing\n",
        ),
    )
    .unwrap();
    // The previous build: the committed data, as published.
    let out = temp_dir("changed-out").join("data");
    muni_pipeline::build(&root().join("data"), &out).unwrap();
    let before = catalog(&out).data_version.unwrap();
    let report = muni_pipeline::build(&data, &out).unwrap();
    let after = catalog(&out).data_version.unwrap();
    assert_ne!(before.id, after.id);
    let entry = report.changes.expect("a change record");
    assert_eq!(
        (entry.from.as_str(), entry.to.as_str()),
        (before.id.as_str(), after.id.as_str())
    );
    let record: ChangeRecord =
        serde_json::from_slice(&std::fs::read(out.join(&entry.file)).unwrap()).unwrap();
    let population: Vec<_> = record
        .revised
        .iter()
        .filter(|c| c.indicator == "population")
        .collect();
    let municipal: Vec<_> = population
        .iter()
        .filter(|c| c.region_code.len() == 4)
        .collect();
    assert_eq!(municipal.len(), 1, "{population:?}");
    let c = municipal[0];
    assert_eq!(
        (c.region_code.as_str(), c.year, c.before, c.after),
        ("0114", 2010, Some(39289.0), Some(39300.0))
    );
    // Stockholm's county and Riket are sums the build derives: 2010 follows the revision, and
    // 2011, without Stockholm, is no longer a population (incomplete, withheld), never a
    // smaller number.
    let derived: Vec<(&str, u16)> = population
        .iter()
        .filter(|c| c.region_code.len() < 4)
        .map(|c| (c.region_code.as_str(), c.year))
        .collect();
    assert_eq!(derived, [("00", 2010), ("01", 2010)]);
    for code in ["00", "01"] {
        assert!(
            record.withheld.iter().any(|c| c.indicator == "population"
                && c.region_code == code
                && c.year == 2011
                && c.status_after == muni_model::Status::Incomplete),
            "{code}: {:?}",
            record.withheld
        );
    }
    assert!(
        record
            .withheld
            .iter()
            .any(|c| c.indicator == "population" && c.region_code == "0180" && c.year == 2011),
        "{:?}",
        record.withheld
    );
    // Counties and groups follow from their members: only municipalities, counties and Riket
    // are listed, never the network.
    assert!(
        record
            .revised
            .iter()
            .all(|c| !c.region_code.starts_with("network"))
    );
    assert!(record.indicators_added.is_empty() && record.years_added.is_empty());
    let page = std::fs::read_to_string(out.join("changes.html")).unwrap();
    assert!(
        page.contains("Upplands Väsby")
            && page.contains("39\u{a0}289")
            && page.contains("39\u{a0}300")
    );
    assert!(page.contains("What's new in the data") && page.contains("Nytt i data"));
    // The same data again: no new record, the old one kept.
    let again = muni_pipeline::build(&data, &out).unwrap();
    assert!(again.changes.is_none());
    let index: Vec<ChangeEntry> =
        serde_json::from_slice(&std::fs::read(out.join("changes.json")).unwrap()).unwrap();
    assert_eq!(index, vec![entry]);
    assert!(out.join(&index[0].file).exists());
}

#[test]
fn retrieval_dates_reach_the_source_lines_the_data_version_and_the_catalogue() {
    // The committed tables with every source given a SYNTHETIC retrieval date.
    let data = committed_copy("retrieved");
    let normalised = data.join("normalised");
    let out = temp_dir("retrieved-out").join("data");
    let write = |rows: &str| {
        std::fs::write(
            normalised.join("retrieved.csv"),
            format!("source,retrieved,basis\n{rows}"),
        )
        .unwrap()
    };
    // One source without a date: the version does not claim a newest retrieval.
    write(
        "employment,2026-11-30,t\nenergy,2022-12-01,t\nlabour,,t\npopulation,2026-11-29,t\nprocurement,2026-11-28,t\n",
    );
    muni_pipeline::build(&data, &out).unwrap();
    let c = catalog(&out);
    assert_eq!(c.data_version.as_ref().unwrap().retrieved, None);
    let source = |id: &str| {
        c.indicators
            .iter()
            .find(|i| i.id == id)
            .unwrap()
            .source
            .retrieved
            .clone()
    };
    assert_eq!(source("employment_industry"), "2026-11-30");
    assert_eq!(
        source("employment_industry_per_1000"),
        "BAS 2026-11-30; BE0101 2026-11-29"
    );
    assert_eq!(source("labour_employment_rate"), "");
    // Every source dated: the newest is the version's; only the record of the sources changed,
    // and the change page says so.
    write(
        "employment,2026-11-30,t\nenergy,2022-12-01,t\nlabour,2026-12-01,t\npopulation,2026-11-29,t\nprocurement,2026-11-28,t\n",
    );
    let report = muni_pipeline::build(&data, &out).unwrap();
    let v = catalog(&out).data_version.unwrap();
    assert_eq!(v.retrieved.as_deref(), Some("2026-12-01"));
    assert!(
        v.label(Lang::Sv)
            .ends_with("källor hämtade till och med 2026-12-01)")
    );
    let entry = report.changes.expect("a new version, so a change record");
    assert_eq!(
        (entry.revised, entry.years_added, entry.indicators_added),
        (0, 0, 0)
    );
    let page = std::fs::read_to_string(out.join("changes.html")).unwrap();
    assert!(page.contains("Inga siffror ändrades") && page.contains("No figure changed"));
    // The catalogue carries the newest retrieval as its modification date, and the contact
    // address the publishers wrote (a SYNTHETIC one here).
    std::fs::write(
        data.join("publisher.json"),
        r#"{"email": "data@example.org", "homepage": "https://example.org/"}"#,
    )
    .unwrap();
    muni_pipeline::build(&data, &out).unwrap();
    let rdf = python(
        "rdflib",
        "import sys, rdflib\nfrom rdflib.namespace import DCAT, DCTERMS, RDF\nV = rdflib.Namespace('http://www.w3.org/2006/vcard/ns#')\ng = rdflib.Graph()\ng.parse(sys.argv[1], format='json-ld', publicID='https://example.org/industrikommuner/')\nds = list(g.subjects(RDF.type, DCAT.Dataset))[0]\ncp = g.value(ds, DCAT.contactPoint)\nprint(g.value(cp, V.hasEmail), g.value(ds, DCTERMS.modified), g.value(ds, DCAT.landingPage))",
        &[out.join(DCAT).to_str().unwrap()],
    );
    if let Some(r) = rdf {
        assert_eq!(
            r.trim(),
            "mailto:data@example.org 2026-12-01 https://example.org/"
        );
    }
    std::fs::write(
        data.join("publisher.json"),
        r#"{"email": "data at example"}"#,
    )
    .unwrap();
    let e = muni_pipeline::build(&data, &out).unwrap_err().to_string();
    assert!(
        e.contains("publisher.json") && e.contains("data at example"),
        "{e}"
    );
    std::fs::remove_file(data.join("publisher.json")).unwrap();
    // A malformed date stops the build, naming the file, line and value.
    write("employment,30/11/2026,t\n");
    let e = muni_pipeline::build(&data, &out).unwrap_err().to_string();
    assert!(
        e.contains("retrieved.csv:2") && e.contains("30/11/2026"),
        "{e}"
    );
}

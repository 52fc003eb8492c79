//! Mutation fuzzing at scale of every parser of outside data: SCB's JSON-stat 2.0 (answers and
//! metadata), PxWeb v1 `json`, PxWeb CSV exports (UTF-8 and Latin-1), RowStore pages (and the
//! import's rules on their rows), Kolada pages, the BAS employment panel and the skills panel. Not part of
//! `cargo test`; run
//!
//! ```sh
//! cargo run --release -p muni-pipeline --example fuzz -- 1000000
//! FUZZ_ONLY=panel cargo run --release -p muni-pipeline --example fuzz   # only the panels
//! ```
//!
//! Seeds are the real recorded answers (`tests/fixtures/api-examples/`, see its PROVENANCE)
//! and SYNTHETIC ones; each parser gets the given number of mutated inputs (default 1,000,000)
//! and must answer every one without a panic. Prints the counts.

use std::path::Path;
use std::time::Instant;

use muni_model::RegionLevel;
use muni_pipeline::fetch::{jsonstat::Cube, kolada, rowstore};
use muni_pipeline::fuzz::mutate;
use muni_pipeline::import::{
    employment, labour, procurement,
    regions::{RegionRow, Regions},
};

const JSON_ALPHABET: &[u8] = b"{}[]\":,0123456789-.eE nul";

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The first `n` lines of a file.
fn head(bytes: &[u8], n: usize) -> Vec<u8> {
    bytes
        .split(|&c| c == b'\n')
        .take(n)
        .collect::<Vec<_>>()
        .join(&b'\n')
}

fn run(
    name: &str,
    rounds: usize,
    seeds: &[Vec<u8>],
    alphabet: &[u8],
    parse: impl Fn(&[u8]) -> bool,
) {
    // `FUZZ_ONLY=panel` runs only the parsers whose name contains "panel".
    if std::env::var("FUZZ_ONLY").is_ok_and(|only| !name.contains(&only)) {
        return;
    }
    let t = Instant::now();
    let (tried, ok) = mutate(seeds, rounds, alphabet, parse);
    println!(
        "{name:<28} {tried:>9} inputs, 0 panics ({ok} accepted, {} refused) in {:.1} s",
        tried - ok,
        t.elapsed().as_secs_f64()
    );
}

// Long: one mutation loop per parser, listed together so that a new parser is added beside the
// others.
fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| {
            a.replace('_', "")
                .parse()
                .expect("a number of inputs per parser")
        })
        .unwrap_or(1_000_000);
    let data = fixture("api-examples/scb-pxwebapi-v2-TAB638-jsonstat2.json");
    let metadata = fixture("api-examples/scb-pxwebapi-v2-TAB638-metadata.json");
    let v1 = fixture("api-examples/scb-pxweb-v1-BefolkningNy-json.json");
    let page = fixture("api-examples/rowstore-a616c14a-kontrakterat-varde-page.json");

    // SYNTHETIC small seeds beside the real ones, so that mutations reach deep into each format.
    let small_stat = br#"{"id":["Region","Tid"],"size":[1,2],"dimension":{"Region":{"category":{"index":{"0181":0}}},"Tid":{"category":{"index":["2023","2024"]}}},"value":[1,".."],"status":{"1":".."}}"#.to_vec();
    run(
        "JSON-stat2 answers",
        rounds,
        &[data, small_stat],
        JSON_ALPHABET,
        |b| Cube::parse_answer(b, "fuzz").is_ok(),
    );
    let small_meta = br#"{"id":["Region","Tid"],"size":[2,1],"value":[],"dimension":{"Region":{"extension":{"elimination":true},"category":{"index":{"0181":0,"0382":1}}},"Tid":{"extension":{"elimination":false},"category":{"index":{"2024":0}}}}}"#.to_vec();
    run(
        "JSON-stat2 metadata",
        rounds,
        &[metadata, small_meta],
        JSON_ALPHABET,
        |b| Cube::parse_metadata(b, "fuzz").is_ok(),
    );
    run("PxWeb v1 json", rounds, &[v1], JSON_ALPHABET, |b| {
        Cube::parse_answer(b, "fuzz").is_ok()
    });

    let csv = vec![
        "\"region\";\"f\u{FFFD}rbrukarkategori\";\"br\u{FFFD}nsletyp\";\"2019\";\"2020\"\r\n\"0181 S\u{FFFD}dert\u{FFFD}lje\";\"slutanv. industri, byggverks.\";\"el\";12;..\r\n\"00 Riket\";\"summa br\u{FFFD}nsletyp\";\"el\";-;7\r\n".as_bytes().to_vec(),
        head(&fixture("upstream/scb-energy/ProdbrEl_2009-2013_latin1.csv"), 12),
    ];
    run(
        "PxWeb CSV (UTF-8, Latin-1)",
        rounds,
        &csv,
        b";,\"\r\n0123456789.- \xe4\xef\xbf\xbd",
        |b| {
            let (text, enc) = muni_pipeline::text::decode(b);
            muni_pipeline::import::pxweb::parse(Path::new("fuzz.csv"), &text, enc).is_ok()
        },
    );

    run(
        "RowStore pages + rules",
        rounds,
        &[page],
        JSON_ALPHABET,
        |b| {
            let Ok(p) = rowstore::parse_page(b, "fuzz") else {
                return false;
            };
            let Ok(sheet) = rowstore::to_sheet(&p.rows, "fuzz") else {
                return false;
            };
            procurement::notices_from_rows(Path::new("fuzz"), &sheet, procurement::Measure::Value)
                .is_ok()
        },
    );

    let kolada_seed = br#"{"values":[{"kpi":"N01951","municipality":"0382","period":2023,"values":[{"gender":"T","count":1,"status":"","value":22000},{"gender":"K","value":11000}]},{"kpi":"N02962","municipality":"0181","period":2023,"isdeleted":true,"values":[{"gender":"T","value":null,"status":"X"}]}],"next_url":"http://h/v3/x?page=2"}"#.to_vec();
    run("Kolada pages", rounds, &[kolada_seed], JSON_ALPHABET, |b| {
        kolada::parse_page(b, "fuzz").is_ok()
    });

    // The employment panel: the fixture's first two municipalities, complete, and a code list
    // of just those two.
    let panel = head(
        &fixture("upstream/scb-employment/panel_2020_2024_subset.csv"),
        11,
    );
    let mut regions = Regions::default();
    for line in String::from_utf8_lossy(&panel).lines().skip(1) {
        let mut f = line.split(',');
        let (code, name) = (f.next().unwrap(), f.next().unwrap());
        regions.by_code.insert(
            code.to_owned(),
            RegionRow {
                code: code.to_owned(),
                name: name.to_owned(),
                level: RegionLevel::Municipality,
                county: Some(code[..2].to_owned()),
            },
        );
    }
    assert!(
        employment::parse(
            Path::new("seed"),
            &String::from_utf8_lossy(&panel),
            &regions
        )
        .is_ok(),
        "the seed panel parses"
    );
    run(
        "BAS employment panel",
        rounds,
        &[panel],
        b",.0123456789e-\n \xc3\xa4",
        |b| {
            let (text, _) = muni_pipeline::text::decode(b);
            employment::parse(Path::new("fuzz.csv"), &text, &regions).is_ok()
        },
    );

    // The skills panel: the fixture's first two municipalities (7 years each), same code list.
    let labour_panel = head(
        &fixture("upstream/scb-labour/panel_2018_2024_labour_skills.csv"),
        15,
    );
    assert!(
        labour::parse(
            Path::new("seed"),
            &String::from_utf8_lossy(&labour_panel),
            &regions
        )
        .is_ok(),
        "the seed skills panel parses"
    );
    run(
        "skills and labour panel",
        rounds,
        &[labour_panel],
        b",.0123456789e-\n \xc3\xa4",
        |b| {
            let (text, _) = muni_pipeline::text::decode(b);
            labour::parse(Path::new("fuzz.csv"), &text, &regions).is_ok()
        },
    );
}

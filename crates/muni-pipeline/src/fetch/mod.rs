//! `fetch`: brings employment by industry from SCB's PxWebApi v2 (JSON-stat2), caches every raw
//! response under `data/raw/` with its URL, query and retrieval time, normalises it into
//! `data/normalised/employment.csv` and rebuilds `public/data/`. Nothing in `data/normalised/`
//! or `public/data/` changes unless every request, the normalisation and the rebuild succeeded.
//!
//! Series: RAMS 2008–2018 (TAB900), RAMS 2019–2021 (TAB5837, the series break in 2019: monthly
//! employer declarations), BAS 2022– (TAB3785). Each year comes from exactly one table.

pub mod http;
pub mod jsonstat;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::json;

use jsonstat::Cube;

/// The live PxWebApi v2.
pub const SCB_V2: &str = "https://statistikdatabasen.scb.se/api/v2";

/// One table of the employment series and the years it supplies.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub id: &'static str,
    pub name: &'static str,
    pub first: u16,
    /// `None`: to the latest year the table has.
    pub last: Option<u16>,
}

pub const EMPLOYMENT_TABLES: [Table; 3] = [
    Table {
        id: "TAB900",
        name: "RAMS DagSNI07KonK",
        first: 2008,
        last: Some(2018),
    },
    Table {
        id: "TAB5837",
        name: "RAMS DagSni07KonKN",
        first: 2019,
        last: Some(2021),
    },
    Table {
        id: "TAB3785",
        name: "BAS ArbStDoNArNN",
        first: 2022,
        last: None,
    },
];

/// One request: where, what, and the years its answer may supply.
#[derive(Debug, Clone)]
pub struct Request {
    pub table: Table,
    pub url: String,
    pub body: serde_json::Value,
    pub years: (u16, u16),
    /// Upper bound of the values asked for (SCB allows 100,000 a call).
    pub values: usize,
}

/// SNI 2007 sections, as the employment tables list them (an upper bound for request sizes).
const SNI_SECTIONS: usize = 18;

/// The requests for employment: one per table and year (≈ 290 × 18 values each, well under
/// SCB's 100,000), the open-ended BAS table as one request for every year from its first.
pub fn plan(base: &str, municipalities: &[String], since: u16, until: u16) -> Vec<Request> {
    let mut out = Vec::new();
    for t in EMPLOYMENT_TABLES {
        let first = t.first.max(since);
        let last = t.last.unwrap_or(until).min(until);
        if first > last {
            continue;
        }
        let url = format!(
            "{base}/tables/{}/data?lang=sv&outputFormat=json-stat2",
            t.id
        );
        let body = |tid: serde_json::Value| {
            json!({"selection": [
                {"variableCode": "Region", "valueCodes": municipalities},
                {"variableCode": "SNI2007", "valueCodes": ["*"]},
                {"variableCode": "ContentsCode", "valueCodes": ["*"]},
                {"variableCode": "Tid", "valueCodes": tid},
            ]})
        };
        if t.last.is_some() {
            for y in first..=last {
                out.push(Request {
                    table: t,
                    url: url.clone(),
                    body: body(json!([y.to_string()])),
                    years: (y, y),
                    values: municipalities.len() * SNI_SECTIONS * 2,
                });
            }
        } else {
            out.push(Request {
                table: t,
                url,
                body: body(json!([format!("from({first})")])),
                years: (first, until),
                values: municipalities.len() * SNI_SECTIONS * 2 * usize::from(until - first + 1),
            });
        }
    }
    out
}

/// The cache file of a request under `raw`: the table id and a hash of URL and body.
pub fn cache_path(raw: &Path, r: &Request) -> PathBuf {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in r.url.bytes().chain(r.body.to_string().into_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    raw.join(format!("{}_{h:016x}.json", r.table.id))
}

/// A normalised employment fact (a row of `employment.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub region: String,
    pub year: u16,
    pub variable: &'static str,
    pub value: Option<f64>,
    pub status: &'static str,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Employment in B+C (mining and manufacturing) and in total for every region and year of a
/// cube. Other dimensions (sex, region of birth) are summed; of several contents the day
/// population is taken; a withheld part withholds the sum.
pub fn normalise(
    cube: &Cube,
    what: &str,
    years: (u16, u16),
    known: &BTreeSet<String>,
) -> Result<Vec<Fact>, String> {
    let need = |id: &str| {
        cube.dimension(id)
            .ok_or_else(|| format!("{what}: no {id} dimension"))
    };
    let (dr, ds, dt) = (need("Region")?, need("SNI2007")?, need("Tid")?);
    let content: Option<(usize, usize)> = match cube.dimension("ContentsCode") {
        Some(dc) if cube.dimensions[dc].codes.len() > 1 => {
            let labels = &cube.dimensions[dc].labels;
            let day: Vec<usize> = (0..labels.len())
                .filter(|&i| lower(&labels[i]).contains("dag"))
                .collect();
            match day.as_slice() {
                [i] => Some((dc, *i)),
                _ => {
                    return Err(format!(
                        "{what}: cannot tell the day population among the contents {labels:?}"
                    ));
                }
            }
        }
        _ => None,
    };
    let sni = &cube.dimensions[ds];
    let total_code: Option<usize> = (0..sni.codes.len()).find(|&i| {
        let l = lower(&sni.labels[i]);
        l.starts_with("total") || l.starts_with("samtliga") || sni.codes[i] == "TOT"
    });
    let is_bc = |i: usize| matches!(sni.codes[i].as_str(), "B+C" | "B" | "C");
    if !(0..sni.codes.len()).any(is_bc) {
        return Err(format!(
            "{what}: no SNI 2007 section B+C among {:?}",
            sni.codes
        ));
    }
    // (region, year) → (b_c, total) with a withheld flag each.
    type Acc = ((f64, bool), (f64, bool));
    let mut acc: BTreeMap<(String, u16), Acc> = BTreeMap::new();
    for (i, v) in cube.values.iter().enumerate() {
        let c = cube.coords(i);
        if let Some((dc, keep)) = content
            && c[dc] != keep
        {
            continue;
        }
        let region = &cube.dimensions[dr].codes[c[dr]];
        let year_code = &cube.dimensions[dt].codes[c[dt]];
        let year: u16 = year_code
            .parse()
            .map_err(|_| format!("{what}: period {year_code:?} is not a year"))?;
        if year < years.0 || year > years.1 {
            continue;
        }
        if !known.contains(region) {
            return Err(format!(
                "{what}: unknown region code {region:?} (not one of Sweden's municipalities, counties or 00)"
            ));
        }
        let e = acc
            .entry((region.clone(), year))
            .or_insert(((0.0, false), (0.0, false)));
        let add = |slot: &mut (f64, bool)| match v {
            Some(x) => slot.0 += x,
            None => slot.1 = true,
        };
        if is_bc(c[ds]) {
            add(&mut e.0);
        }
        match total_code {
            Some(t) if c[ds] == t => add(&mut e.1),
            Some(_) => {}
            None => add(&mut e.1),
        }
    }
    let mut out = Vec::new();
    for ((region, year), ((bc, bc_w), (tot, tot_w))) in acc {
        for (variable, v, withheld) in [
            ("employment.b_c", bc, bc_w),
            ("employment.total", tot, tot_w),
        ] {
            out.push(Fact {
                region: region.clone(),
                year,
                variable,
                value: (!withheld).then_some(v),
                status: if withheld { "confidential" } else { "ok" },
            });
        }
    }
    Ok(out)
}

/// How a fetch runs.
pub struct Options {
    pub base: String,
    pub data: PathBuf,
    pub out: PathBuf,
    pub since: u16,
    pub until: u16,
    pub politeness: http::Politeness,
    /// Use cached responses when present (resume); otherwise download everything again.
    pub use_cache: bool,
    pub progress: bool,
}

#[derive(Debug)]
pub struct Report {
    pub requests: usize,
    pub from_cache: usize,
    pub facts: usize,
    pub years: (u16, u16),
    pub log: Vec<String>,
}

/// The municipality codes to ask for, and every code an answer may name (municipalities,
/// counties, `00`), from `data/normalised/regions.csv`.
pub fn municipalities(data: &Path) -> Result<(Vec<String>, BTreeSet<String>), String> {
    let rows: Vec<crate::publish::RegionRow> =
        crate::read_csv_rows(&data.join("normalised/regions.csv")).map_err(|e| e.to_string())?;
    let munis = rows
        .iter()
        .filter(|r| r.level == "municipality")
        .map(|r| r.code.clone())
        .collect();
    Ok((munis, rows.into_iter().map(|r| r.code).collect()))
}

/// Downloads (or reads from the cache), checks and normalises every response, then rebuilds.
pub fn fetch_employment(o: &Options) -> Result<Report, String> {
    let (munis, known) = municipalities(&o.data)?;
    let requests = plan(&o.base, &munis, o.since, o.until);
    let raw = o.data.join("raw");
    std::fs::create_dir_all(&raw).map_err(|e| format!("{}: {e}", raw.display()))?;
    let mut client = http::Client::new(o.politeness.clone())?;
    let mut facts = Vec::new();
    let mut from_cache = 0;
    for (k, r) in requests.iter().enumerate() {
        let path = cache_path(&raw, r);
        let body = match std::fs::read(&path) {
            Ok(b) if o.use_cache => {
                from_cache += 1;
                b
            }
            _ => {
                if o.progress {
                    eprintln!(
                        "[{}/{}] {} {}–{}",
                        k + 1,
                        requests.len(),
                        r.table.name,
                        r.years.0,
                        r.years.1
                    );
                }
                let b = client.send(&r.url, Some(&r.body))?;
                // Check before caching: a broken answer is never kept.
                Cube::parse(&b, &r.url)?;
                let meta = json!({
                    "url": r.url, "query": r.body, "table": r.table.id,
                    "retrieved": httpdate_now(),
                });
                crate::fsutil::write_atomic(&path, &b).map_err(|e| e.to_string())?;
                crate::fsutil::write_atomic(
                    &path.with_extension("meta.json"),
                    meta.to_string().as_bytes(),
                )
                .map_err(|e| e.to_string())?;
                b
            }
        };
        let what = format!("{} ({})", r.url, path.display());
        let cube = Cube::parse(&body, &what)?;
        facts.extend(normalise(&cube, &what, r.years, &known)?);
    }
    if facts.is_empty() {
        return Err("no employment figures in the answers".into());
    }
    let years = (
        facts.iter().map(|f| f.year).min().unwrap_or(0),
        facts.iter().map(|f| f.year).max().unwrap_or(0),
    );
    let csv = facts_csv(&facts);
    // Rebuild from a copy of data/ with the new file; only then swap anything into place.
    let stage = std::env::temp_dir().join(format!("industrikommuner-fetch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&stage);
    copy_dir(&o.data.join("normalised"), &stage.join("normalised"))?;
    std::fs::write(stage.join("normalised/employment.csv"), &csv).map_err(|e| e.to_string())?;
    let built = crate::build(&stage, &o.out)
        .map_err(|e| format!("the rebuild failed, nothing changed: {e}"));
    let _ = std::fs::remove_dir_all(&stage);
    built?;
    crate::fsutil::write_atomic(&o.data.join("normalised/employment.csv"), csv.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(Report {
        requests: requests.len(),
        from_cache,
        facts: facts.len(),
        years,
        log: client.log,
    })
}

fn facts_csv(facts: &[Fact]) -> String {
    let mut sorted: Vec<&Fact> = facts.iter().collect();
    sorted.sort_by(|a, b| (&a.region, a.year, a.variable).cmp(&(&b.region, b.year, b.variable)));
    let mut s = String::from("region_code,year,variable,value,status\n");
    for f in sorted {
        let v = f.value.map(|v| format!("{v}")).unwrap_or_default();
        s.push_str(&format!(
            "{},{},{},{v},{}\n",
            f.region, f.year, f.variable, f.status
        ));
    }
    s
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let e = e.map_err(|e| e.to_string())?;
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name()))
                .map_err(|x| format!("{}: {x}", e.path().display()))?;
        }
    }
    Ok(())
}

/// The retrieval time for the cache's metadata (UTC, seconds).
fn httpdate_now() -> String {
    let s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("unix:{s}")
}

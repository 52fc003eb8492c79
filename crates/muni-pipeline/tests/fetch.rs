//! The fetcher against a real HTTP server on 127.0.0.1 that answers in the real formats:
//! SCB's PxWebApi v2 (JSON-stat2 metadata and data) and PxWeb v1 (`variables` metadata, `json`
//! and `json-stat2` data), Upphandlingsmyndigheten's RowStore (paginated) and Kolada v3
//! (paginated with `next_url`). Every figure it serves is SYNTHETIC, computed from the codes
//! asked for so that totals add up; faults are injected on top: 429 with Retry-After, 500 then
//! success, a stalled connection, a truncated body, malformed JSON, a size that disagrees with
//! the values, an unknown region code, `..`, totals that do not add up, a dataset that changes
//! between pages. Every failure leaves `data/normalised/` and `public/data/` byte-identical.

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use muni_pipeline::fetch::{
    Api, Endpoints, FetchError, Options, Silent, Theme, http::Politeness, run,
};
use serde_json::{Value, json};

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    agent: String,
    body: String,
}

enum Reply {
    Ok(String),
    Status(u16, &'static str, String),
    Stall,
    Truncated(String),
}

/// What to do to the next data answers: replace them, or edit the fake's answer.
enum Fault {
    Reply(Reply),
    Edit(Box<dyn Fn(String) -> String + Send>),
}

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    faults: Arc<Mutex<VecDeque<Fault>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let faults: Arc<Mutex<VecDeque<Fault>>> = Arc::new(Mutex::new(VecDeque::new()));
        let (log, queue, me) = (seen.clone(), faults.clone(), base.clone());
        let fake = Fake::new();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut s = stream;
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut line = String::new();
                if r.read_line(&mut line).is_err() {
                    continue;
                }
                let mut len = 0usize;
                let mut agent = String::new();
                loop {
                    let mut h = String::new();
                    r.read_line(&mut h).unwrap();
                    if h.trim().is_empty() {
                        break;
                    }
                    let lower = h.to_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap();
                    }
                    if lower.starts_with("user-agent:") {
                        agent = h.trim().to_owned();
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).unwrap();
                let mut parts = line.split_whitespace();
                let req = Seen {
                    method: parts.next().unwrap_or_default().to_owned(),
                    target: parts.next().unwrap_or_default().to_owned(),
                    agent,
                    body: String::from_utf8_lossy(&body).into_owned(),
                };
                log.lock().unwrap().push(req.clone());
                let is_metadata = req.target.contains("/metadata")
                    || req.target.starts_with("/v3/kpi/")
                    || (req.target.contains("/OV0104/") && req.method == "GET");
                let fault = if is_metadata {
                    None
                } else {
                    queue.lock().unwrap().pop_front()
                };
                let reply = match fault {
                    Some(Fault::Reply(r)) => r,
                    Some(Fault::Edit(f)) => Reply::Ok(f(fake.answer(&req, &me).unwrap())),
                    None => match fake.answer(&req, &me) {
                        Ok(body) => Reply::Ok(body),
                        Err(body) => Reply::Status(400, "", body),
                    },
                };
                let (status, extra, text, truncate) = match reply {
                    Reply::Ok(b) => (200, "", b, false),
                    Reply::Status(c, h, b) => (c, h, b, false),
                    Reply::Stall => {
                        std::thread::sleep(Duration::from_secs(3));
                        continue;
                    }
                    Reply::Truncated(b) => (200, "", b, true),
                };
                let declared = if truncate { text.len() * 2 } else { text.len() };
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n{extra}Connection: close\r\n\r\n"
                );
                let _ = s.write_all(head.as_bytes());
                let _ = s.write_all(text.as_bytes());
            }
        });
        Server { base, seen, faults }
    }

    fn fault(&self, f: Fault) {
        self.faults.lock().unwrap().push_back(f);
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// SYNTHETIC statistics for every region of the code list, consistent with themselves.
struct Fake {
    /// (code, level) of every region.
    regions: Vec<(String, String)>,
}

const SECTORS: [&str; 9] = [
    "slutanv. jordbruk,skogsbruk,fiske",
    "slutanv. industri, byggverks.",
    "slutanv. offentlig verksamhet",
    "slutanv. transporter",
    "slutanv. övriga tjänster",
    "slutanv. småhus",
    "slutanv. flerbostadshus",
    "slutanv. fritidshus",
    "summa bränsletyp",
];
const LIVE_METHODS: [&str; 8] = ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4"];
const LIVE_METHOD_LABELS: [&str; 8] = [
    "vattenkraft",
    "vindkraft",
    "kärnkraft",
    "övrig kondenskraft",
    "kraftvärme",
    "industriellt mottryck",
    "solkraft",
    "Totalt",
];
const BAS_SNI: [&str; 6] = ["A", "B+C", "F", "G", "US", "A-U+US"];
const BAS_SNI_LABELS: [&str; 6] = [
    "jordbruk",
    "tillverkning och utvinning",
    "byggverksamhet",
    "handel",
    "okänd verksamhet",
    "A-U+US näringsgrenar och okänd",
];

/// Whether SCB refuses a request that leaves the variable out (`elimination: false`).
fn mandatory(table: &str, dim: &str) -> bool {
    matches!(dim, "ContentsCode" | "Tid") || (table == "TAB3204" && dim == "Kon")
}

/// A dimension of a fake table: id, codes and labels.
type Dim = (&'static str, Vec<String>, Vec<String>);

fn dim(id: &'static str, codes: &[&str], labels: &[&str]) -> Dim {
    (
        id,
        codes.iter().map(|s| (*s).to_owned()).collect(),
        labels.iter().map(|s| (*s).to_owned()).collect(),
    )
}

fn years(a: u16, b: u16) -> Vec<String> {
    (a..=b).map(|y| y.to_string()).collect()
}

fn num(code: &str) -> f64 {
    code.parse::<f64>().unwrap_or(0.0)
}

impl Fake {
    fn new() -> Fake {
        let text = std::fs::read_to_string(root().join("data/normalised/regions.csv")).unwrap();
        let regions = text
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f[0].to_owned(), f[2].to_owned())
            })
            .collect();
        Fake { regions }
    }

    fn munis_of(&self, code: &str) -> Vec<&str> {
        self.regions
            .iter()
            .filter(|(c, l)| l == "municipality" && (code == "00" || c.starts_with(code)))
            .map(|(c, _)| c.as_str())
            .collect()
    }

    /// The table's dimensions, as its metadata lists them.
    fn table(&self, id: &str) -> Vec<Dim> {
        let codes: Vec<String> = self.regions.iter().map(|r| r.0.clone()).collect();
        let region: Dim = ("Region", codes.clone(), codes);
        let sni = ["A", "B+C", "F", "G", "US"];
        let kon = dim("Kon", &["1", "2"], &["män", "kvinnor"]);
        match id {
            "TAB900" | "DagSNI07KonK" => vec![
                region,
                dim("SNI2007", &sni, &sni),
                kon,
                dim(
                    "ContentsCode",
                    &["00000544"],
                    &["Förvärvsarbetande 16+ år (dagbefolkning)"],
                ),
                ("Tid", years(2008, 2018), years(2008, 2018)),
            ],
            "TAB5837" | "DagSni07KonKN" => vec![
                region,
                dim("SNI2007", &sni, &sni),
                kon,
                dim(
                    "ContentsCode",
                    &["00000544"],
                    &["Förvärvsarbetande 16+ år (dagbefolkning)"],
                ),
                ("Tid", years(2019, 2021), years(2019, 2021)),
            ],
            // BAS as SCB labels it: the contents by where people work or live (no "dag"),
            // the total over sections `A-U+US` with a label that does not say total.
            "TAB3785" | "ArbStDoNArNN" => vec![
                region,
                dim("SNI2007", &BAS_SNI, &BAS_SNI_LABELS),
                kon,
                dim("Fodelseregion", &["1", "2"], &["Sverige", "utrikes"]),
                dim(
                    "ContentsCode",
                    &["000007EK", "000007EL"],
                    &[
                        "sysselsatta efter arbetsställets belägenhet",
                        "sysselsatta efter bostadens belägenhet",
                    ],
                ),
                ("Tid", years(2020, 2023), years(2020, 2023)),
            ],
            // The final register table: one year less than the preliminary one. Its `Kon` may
            // not be eliminated (SYNTHETIC: it exercises a mandatory variable).
            "TAB3204" | "ArRegArbStDoN" => vec![
                region,
                dim("SNI2007", &BAS_SNI, &BAS_SNI_LABELS),
                dim("Kon", &["1", "2", "1+2"], &["män", "kvinnor", "totalt"]),
                dim(
                    "ContentsCode",
                    &["000002XH", "000002XI"],
                    &[
                        "sysselsatta efter arbetsställets belägenhet",
                        "sysselsatta efter bostadens belägenhet",
                    ],
                ),
                ("Tid", years(2020, 2022), years(2020, 2022)),
            ],
            "TAB3654" | "SlutAnvSektor" => vec![
                region,
                dim(
                    "Forbrukningskategri",
                    &["911", "921", "931", "941", "951", "98", "97", "964", "999"],
                    &SECTORS,
                ),
                dim(
                    "Bransle",
                    &["16", "14", "955"],
                    &["el", "fjärrvärme", "summa förbrukarkategori"],
                ),
                dim("ContentsCode", &["EN0203AE"], &["Slutanvändning (MWh)"]),
                ("Tid", years(2009, 2023), years(2009, 2023)),
            ],
            // The live table: methods by code, solar included, the total labelled `Totalt`.
            "TAB3451" | "ProdbrEl" => vec![
                region,
                dim("Produktionssatt", &LIVE_METHODS, &LIVE_METHOD_LABELS),
                dim("Bransle", &["17", "100"], &["elproduktion", "biobränslen"]),
                dim("ContentsCode", &["EN0203AD"], &["Elproduktion (MWh)"]),
                ("Tid", years(2009, 2023), years(2009, 2023)),
            ],
            "TAB638" | "BefolkningNy" => vec![
                region,
                dim("Civilstand", &["OG", "G"], &["ogifta", "gifta"]),
                kon,
                dim(
                    "ContentsCode",
                    &["BE0101N1", "BE0101A9"],
                    &["Folkmängd", "Folkökning"],
                ),
                ("Tid", years(1968, 2024), years(1968, 2024)),
            ],
            other => panic!("no fake table {other}"),
        }
    }

    /// A SYNTHETIC municipal employment figure; 0382's construction 2023 is withheld.
    fn employment(region: &str, sni: &str, year: u16) -> Option<f64> {
        if region == "0382" && sni == "F" && year == 2023 {
            return None;
        }
        let i = ["A", "B+C", "F", "G", "US"]
            .iter()
            .position(|s| *s == sni)? as f64;
        Some((num(region) % 97.0 + 10.0) * (i + 1.0) + f64::from(year - 2000))
    }

    fn population(&self, region: &str, year: u16) -> f64 {
        self.munis_of(region)
            .iter()
            .map(|m| 1000.0 + (num(m) % 500.0) * 10.0 + f64::from(year - 1968))
            .sum()
    }

    /// Final use of a sector (position) and fuel (el, fjärrvärme, summa).
    fn energy_use(region: &str, sector: usize, fuel: usize, year: u16) -> f64 {
        let base = num(region) % 50.0 + f64::from(year - 2000);
        let one = |s: usize, f: usize| match f {
            0 => base + s as f64,
            1 => base * 2.0 + s as f64,
            _ => base * 3.0 + 2.0 * s as f64,
        };
        if sector == 8 {
            (0..8).map(|s| one(s, fuel)).sum()
        } else {
            one(sector, fuel)
        }
    }

    /// Production of a method (its position in `LIVE_METHODS`; 7 is the total).
    fn production(region: &str, method: usize, year: u16) -> f64 {
        let one = |m: usize| (num(region) % 30.0 + f64::from(year - 2000)) * (m as f64 + 1.0);
        if method == 7 {
            (0..7).map(one).sum()
        } else {
            one(method)
        }
    }

    /// The value of one cell, by the codes of the selection's dimensions.
    fn value(&self, table: &str, at: &BTreeMap<&str, (usize, String)>) -> Value {
        let code = |d: &str| at.get(d).map(|x| x.1.clone()).unwrap_or_default();
        let pos = |d: &str| at.get(d).map_or(0, |x| x.0);
        let region = code("Region");
        let year: u16 = code("Tid").parse().unwrap();
        let v = match table {
            "TAB900" | "TAB5837" | "TAB3785" | "TAB3204" | "DagSNI07KonK" | "DagSni07KonKN"
            | "ArbStDoNArNN" | "ArRegArbStDoN" => {
                let sni = code("SNI2007");
                let night = matches!(code("ContentsCode").as_str(), "000007EL" | "000002XI");
                let scale = if night { 2.0 } else { 1.0 };
                if sni == "TOT" || sni == "A-U+US" {
                    let parts: Option<Vec<f64>> = ["A", "B+C", "F", "G", "US"]
                        .iter()
                        .map(|s| Self::employment(&region, s, year).or(Some(1.0)))
                        .collect();
                    parts.map(|p| p.iter().sum::<f64>() * scale)
                } else {
                    Self::employment(&region, &sni, year).map(|v| v * scale)
                }
            }
            "TAB3654" | "SlutAnvSektor" => Some(Self::energy_use(
                &region,
                pos("Forbrukningskategri"),
                pos("Bransle"),
                year,
            )),
            "TAB3451" | "ProdbrEl" => Some(if code("Bransle") == "17" {
                Self::production(&region, pos("Produktionssatt"), year)
            } else {
                7.0
            }),
            _ => Some(if code("ContentsCode") == "BE0101A9" {
                12.0
            } else {
                self.population(&region, year)
            }),
        };
        v.map_or(json!(".."), |x| json!(x))
    }

    /// The answer to a request, or SCB's 400 with its message.
    fn answer(&self, req: &Seen, me: &str) -> Result<String, String> {
        let t = &req.target;
        if let Some(rest) = t.strip_prefix("/api/v2/tables/") {
            let id = rest.split('/').next().unwrap();
            let dims = self.table(id);
            if rest.contains("/metadata") {
                return Ok(json_stat2(&dims, None, &|d| mandatory(id, d)));
            }
            let body: Value = serde_json::from_str(&req.body).unwrap();
            let sel: Vec<(String, Vec<String>)> = body["selection"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["variableCode"].as_str().unwrap().to_owned(),
                        strings(&s["valueCodes"]),
                    )
                })
                .collect();
            if let Some(d) = dims
                .iter()
                .find(|d| mandatory(id, d.0) && !sel.iter().any(|(s, _)| s == d.0))
            {
                return Err(format!(
                    r#"{{"title":"Bad Request","detail":"Mandatory variable {} is missing"}}"#,
                    d.0
                ));
            }
            return Ok(self.data(id, &dims, &sel, false));
        }
        if let Some(path) = t.strip_prefix("/OV0104/v1/doris/sv/ssd/") {
            let id = path.rsplit('/').next().unwrap();
            let dims = self.table(id);
            if req.method == "GET" {
                let vars: Vec<Value> = dims
                    .iter()
                    .map(|(d, c, l)| {
                        json!({"code": d, "text": d.to_lowercase(), "values": c, "valueTexts": l,
                               "elimination": !mandatory(id, d),
                               "time": *d == "Tid"})
                    })
                    .collect();
                return Ok(json!({"title": id, "variables": vars}).to_string());
            }
            let body: Value = serde_json::from_str(&req.body).unwrap();
            let sel: Vec<(String, Vec<String>)> = body["query"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| {
                    (
                        q["code"].as_str().unwrap().to_owned(),
                        strings(&q["selection"]["values"]),
                    )
                })
                .collect();
            let v1_json = body["response"]["format"] == "json";
            return Ok(self.data(id, &dims, &sel, v1_json));
        }
        if let Some(rest) = t.strip_prefix("/rowstore/dataset/") {
            let id = rest.split('/').next().unwrap();
            let q = |k: &str| -> usize {
                rest.split(['?', '&'])
                    .find_map(|p| p.strip_prefix(&format!("{k}=")))
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            return Ok(rowstore_page(id, q("_offset"), q("_limit")));
        }
        if t.starts_with("/v3/data/kpi/") {
            return Ok(self.kolada(t, me));
        }
        if let Some(id) = t.strip_prefix("/v3/kpi/") {
            // SYNTHETIC titles in Kolada's words.
            let title = match id {
                "N01951" => "Invånare totalt, antal",
                "N45926" => "Elproduktion totalt inom det geografiska området, MWh",
                "N02962" => {
                    "Förvärvsarbetande i tillverkning och utvinning (dagbefolkning), andel (%)"
                }
                other => panic!("no fake KPI {other}"),
            };
            return Ok(json!({"count": 1, "values": [{"id": id, "title": title}]}).to_string());
        }
        panic!("no fake for {t}");
    }

    /// A data answer for a selection: JSON-stat2, or PxWeb v1 `json`.
    fn data(
        &self,
        table: &str,
        dims: &[Dim],
        sel: &[(String, Vec<String>)],
        v1_json: bool,
    ) -> String {
        let mut chosen: Vec<Dim> = Vec::new();
        for (d, codes) in sel {
            let full = dims
                .iter()
                .find(|x| x.0 == d)
                .unwrap_or_else(|| panic!("{table} has no {d}"));
            let labels = codes
                .iter()
                .map(|c| {
                    let i = full
                        .1
                        .iter()
                        .position(|x| x == c)
                        .unwrap_or_else(|| panic!("{table}: no {d} {c}"));
                    full.2[i].clone()
                })
                .collect();
            chosen.push((full.0, codes.clone(), labels));
        }
        let n: usize = chosen.iter().map(|d| d.1.len()).product();
        assert!(n <= 100_000, "{n} values asked in one call");
        let mut values = Vec::with_capacity(n);
        let mut rows = Vec::new();
        for i in 0..n {
            let mut rest = i;
            let mut at = BTreeMap::new();
            for d in chosen.iter().rev() {
                let p = rest % d.1.len();
                rest /= d.1.len();
                at.insert(d.0, (p, d.1[p].clone()));
            }
            let v = self.value(table, &at);
            if v1_json {
                let key: Vec<String> = chosen
                    .iter()
                    .filter(|d| d.0 != "ContentsCode")
                    .map(|d| at[d.0].1.clone())
                    .collect();
                let text = match &v {
                    Value::Number(x) => x.to_string(),
                    other => other.as_str().unwrap().to_owned(),
                };
                rows.push((key, text));
            }
            values.push(v);
        }
        if v1_json {
            // One row per key; the contents in the `values` array (here: one content).
            let mut columns: Vec<Value> = chosen
                .iter()
                .filter(|d| d.0 != "ContentsCode")
                .map(|d| json!({"code": d.0, "text": d.0.to_lowercase(), "type": if d.0 == "Tid" {"t"} else {"d"}}))
                .collect();
            let contents = chosen.iter().find(|d| d.0 == "ContentsCode").unwrap();
            assert_eq!(contents.1.len(), 1, "the fake's v1 json has one content");
            columns.push(json!({"code": contents.1[0], "text": contents.2[0], "type": "c"}));
            let data: Vec<Value> = rows
                .into_iter()
                .map(|(k, v)| json!({"key": k, "values": [v]}))
                .collect();
            return json!({"columns": columns, "comments": [], "data": data,
                          "metadata": [{"updated": "2025-01-01T00:00:00Z", "label": "SYNTHETIC", "source": "SYNTHETIC"}]})
            .to_string();
        }
        json_stat2(&chosen, Some(values), &|_| false)
    }

    fn kolada(&self, target: &str, me: &str) -> String {
        // /v3/data/kpi/{kpis}/municipality/{ids}/year/{years}[?page=2]
        let (path, page) = target.split_once("?page=").unwrap_or((target, "1"));
        let parts: Vec<&str> = path.split('/').collect();
        let munis: Vec<&str> = parts[6].split(',').collect();
        let years: Vec<u16> = parts[8].split(',').map(|y| y.parse().unwrap()).collect();
        assert!(munis.len() <= 25, "Kolada takes at most 25 ids");
        let y = *years.last().unwrap();
        let mut values = Vec::new();
        if page == "1" {
            // Agrees with the population the fake SCB serves; 0181 is 10 % off.
            for m in &munis {
                let mut v = self.population(m, y);
                if *m == "0181" {
                    v *= 1.1;
                }
                values.push(json!({"kpi": "N01951", "municipality": m, "period": y,
                    "values": [{"gender": "T", "count": 1, "status": "", "value": v}]}));
            }
            let next = format!("{me}{path}?page=2");
            return json!({"count": 2 * munis.len(), "values": values, "next_url": next})
                .to_string();
        }
        for m in &munis {
            values.push(json!({"kpi": "N45926", "municipality": m, "period": y,
                "values": [{"gender": "T", "value": Fake::production(m, 7, y)}]}));
        }
        json!({"count": 2 * munis.len(), "values": values}).to_string()
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect()
}

/// A JSON-stat 2.0 document: data (with `values`), or metadata (`"value": []` and each
/// variable's `extension.elimination`, as PxWebApi v2 answers).
fn json_stat2(
    dims: &[Dim],
    values: Option<Vec<Value>>,
    mandatory: &dyn Fn(&str) -> bool,
) -> String {
    let mut dimension = serde_json::Map::new();
    for (d, codes, labels) in dims {
        let index: serde_json::Map<String, Value> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), json!(i)))
            .collect();
        let label: serde_json::Map<String, Value> = codes
            .iter()
            .zip(labels)
            .map(|(c, l)| (c.clone(), json!(l)))
            .collect();
        dimension.insert(
            (*d).into(),
            json!({"label": d, "category": {"index": index, "label": label},
                   "extension": {"elimination": !mandatory(d)}}),
        );
    }
    let mut out = json!({
        "version": "2.0", "class": "dataset", "label": "SYNTHETIC", "source": "SYNTHETIC",
        "id": dims.iter().map(|d| d.0).collect::<Vec<_>>(),
        "size": dims.iter().map(|d| d.1.len()).collect::<Vec<_>>(),
        "dimension": dimension,
    });
    out["value"] = json!(values.unwrap_or_default());
    out.to_string()
}

/// SYNTHETIC RowStore: 1,201 notices of 2022–2023 (three pages of 500), by Luleå (known), Hjo
/// under a new organisation number (attributed by name) and a municipal company (not
/// attributed); in the count dataset every 50th row names no buyer (`Uppgift saknas`). As the
/// real datasets answer: column names lower case, one with a byte-order mark, every value a
/// string, the flags as sentences, dates with a time, the measures `antal upphandlingar, antal`
/// and `kontrakterat värde`.
const ROWSTORE_ROWS: usize = 1201;
const KINDS: [&str; 3] = ["Varor", "Tjänster", "Byggentreprenader"];

/// The buyer of row `i`: (name, organisation number, legal form).
fn rowstore_buyer(i: usize, value: bool) -> (&'static str, &'static str, &'static str) {
    if !value && i % 50 == 49 {
        return ("UPPGIFT SAKNAS", "Uppgift saknas", "Uppgift saknas");
    }
    match i % 3 {
        0 => ("LULEÅ KOMMUN", "212000-2742", "Kommuner"),
        1 => ("HJO KOMMUN", "212999-0001", "Kommuner"),
        _ => ("LULEÅ ENERGI AB", "556999-0002", "Övriga aktiebolag"),
    }
}

fn rowstore_page(dataset: &str, offset: usize, limit: usize) -> String {
    let value = dataset.starts_with("a616c14a");
    let rows: Vec<Value> = (offset..(offset + limit).min(ROWSTORE_ROWS))
        .map(|i| {
            let (name, org, form) = rowstore_buyer(i, value);
            let year = if i < 700 { 2022 } else { 2023 };
            let mut r = json!({
                "år": year.to_string(),
                "namn för köpare": name,
                "organisationsnummer för köpare": org,
                "juridisk form för köpare": form,
                "upphandlingsslag": KINDS[i % 3],
                "miljömässigt hållbar upphandling": if i % 4 == 0 { "Minskning av miljöpåverkan" } else { "Det tas inte hänsyn till miljö i upphandlingen" },
                "socialt hållbar upphandling": if i % 7 == 0 { "Uppgift saknas" } else { "Det tas inte hänsyn till sociala aspekter i upphandlingen" },
                "innovationsupphandling": if i % 10 == 0 { "Främjande av innovation" } else { "Det tas inte hänsyn till innovation i upphandlingen" },
                "\u{feff}upphandlings-id": format!("RS{i}"),
                "upphandlingens titel": format!("SYNTHETIC upphandling {i}"),
                "publiceringsdatum": format!("{year}-03-{:02} 00:00:00.0000000", 1 + i % 28),
            });
            if value {
                r["kontrakterat värde"] = json!((1000 * (i + 1)).to_string());
            } else {
                r["antal upphandlingar, antal"] = json!("1");
            }
            r
        })
        .collect();
    json!({"resultCount": ROWSTORE_ROWS, "offset": offset, "limit": limit, "queryTime": 3, "results": rows}).to_string()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scratch copy of data/ and an out folder built from it.
fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("muni-fetch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("normalised")).unwrap();
    for e in std::fs::read_dir(root().join("data/normalised")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), data.join("normalised").join(e.file_name())).unwrap();
    }
    std::fs::copy(
        root().join("data/buyer_attribution.csv"),
        data.join("buyer_attribution.csv"),
    )
    .unwrap();
    let out = dir.join("public");
    muni_pipeline::build(&data, &out).unwrap();
    (data, out)
}

fn options(base: &str, data: &Path, out: &Path, only: &[Theme]) -> Options {
    Options {
        endpoints: Endpoints::under(base),
        api: Api::V2,
        data: data.into(),
        out: out.into(),
        only: only.to_vec(),
        since: 2021,
        until: 2023,
        politeness: Politeness {
            max_calls: 1000,
            window: Duration::from_secs(1),
            attempts: 3,
            backoff: Duration::from_millis(20),
            timeout: Duration::from_millis(1500),
        },
        use_cache: false,
        progress: Box::new(Silent),
    }
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn indicator(out: &Path, id: &str) -> muni_model::IndicatorFile {
    serde_json::from_slice(&std::fs::read(out.join(format!("indicators/{id}.json"))).unwrap())
        .unwrap()
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(path).unwrap()
}

// Long: one fetch end to end through the replay server; its checks read the files that one run
// wrote.
#[test]
fn brings_every_theme_end_to_end() {
    let (data, out) = scratch("all");
    let server = Server::start();
    let all = [
        Theme::Employment,
        Theme::Energy,
        Theme::Population,
        Theme::Procurement,
        Theme::Kolada,
    ];
    let energy_before = read(data.join("normalised/energy.csv"));
    let report = run(&options(&server.base, &data, &out, &all)).unwrap();
    let seen = server.seen();
    assert!(
        seen.iter().all(|s| s.agent.contains("industrikommuner/")),
        "a User-Agent that says who calls"
    );
    // Metadata first, then data: BAS 2021–2022 from the final TAB3204 (its mandatory `Kon`
    // selected by its total), 2023 from the preliminary TAB3785, no RAMS (it ends in 2019).
    assert!(
        seen.iter()
            .any(|s| s.target == "/api/v2/tables/TAB3785/metadata?lang=sv")
    );
    let posts: Vec<&Seen> = seen.iter().filter(|s| s.method == "POST").collect();
    let asked = |table: &str| -> Vec<&Seen> {
        posts
            .iter()
            .filter(|s| {
                s.target
                    .starts_with(&format!("/api/v2/tables/{table}/data"))
            })
            .copied()
            .collect()
    };
    assert!(asked("TAB3204").iter().any(|s| {
        s.body
            .contains(r#"{"valueCodes":["2021","2022"],"variableCode":"Tid"}"#)
            && s.body
                .contains(r#"{"valueCodes":["1+2"],"variableCode":"Kon"}"#)
    }));
    assert!(!asked("TAB3785").is_empty());
    assert!(asked("TAB3785").iter().all(|s| {
        s.body
            .contains(r#"{"valueCodes":["2023"],"variableCode":"Tid"}"#)
    }));
    assert!(
        asked("TAB900").is_empty() && asked("TAB5837").is_empty(),
        "no RAMS year asked within 2021–2023"
    );

    // Employment: B+C and total, the withheld construction of 0382 in 2023 does not withhold
    // BAS's published total.
    let emp = read(data.join("normalised/employment.csv"));
    let bc = |r: &str, y: u16| (num(r) % 97.0 + 10.0) * 2.0 + f64::from(y - 2000);
    assert!(
        emp.contains(&format!(
            "0181,2022,employment.b_c,{},ok\n",
            bc("0181", 2022)
        )),
        "{}",
        &emp[..300]
    );
    assert!(
        emp.contains("0382,2023,employment.b_c,"),
        "B+C of 0382 is published"
    );
    let tot_0382_2023: f64 = ["A", "B+C", "F", "G", "US"]
        .iter()
        .map(|s| Fake::employment("0382", s, 2023).unwrap_or(1.0))
        .sum();
    assert!(emp.contains(&format!("0382,2023,employment.total,{tot_0382_2023},ok\n")));
    // BAS's total `A-U+US` is taken as the total (not added to the sections).
    let tot_0181_2021: f64 = ["A", "B+C", "F", "G", "US"]
        .iter()
        .map(|s| Fake::employment("0181", s, 2021).unwrap())
        .sum();
    assert!(emp.contains(&format!("0181,2021,employment.total,{tot_0181_2021},ok\n")));
    // The embedded BAS years outside the fetch (2020, 2024) are kept.
    assert!(
        emp.contains("0181,2024,employment.b_c,23534,ok\n"),
        "2024 kept"
    );
    let f = indicator(&out, "employment_industry");
    assert_eq!(
        f.value("0181", 2022),
        Some((Some(bc("0181", 2022)), muni_model::Status::Ok))
    );

    // Energy: 2021–2023 replaced or added, 2005–2020 kept byte for byte.
    let energy = read(data.join("normalised/energy.csv"));
    let industry_2022 = Fake::energy_use("0382", 1, 2, 2022);
    assert!(energy.contains(&format!(
        "0382,2022,final_use.industry,{industry_2022},ok\n"
    )));
    let old: Vec<&str> = energy_before
        .lines()
        .filter(|l| l.contains(",2019,"))
        .collect();
    assert!(!old.is_empty());
    for l in old {
        assert!(energy.contains(l), "kept: {l}");
    }
    let prod = Fake::production("2584", 7, 2023);
    assert!(energy.contains(&format!(
        "2584,2023,electricity_production.total,{prod},ok\n"
    )));
    // Solar, a method of the live table only, and nuclear + other condensing power added.
    let solar = Fake::production("2584", 6, 2023);
    assert!(energy.contains(&format!(
        "2584,2023,electricity_production.solar,{solar},ok\n"
    )));
    let thermal = Fake::production("2584", 2, 2023) + Fake::production("2584", 3, 2023);
    assert!(energy.contains(&format!(
        "2584,2023,electricity_production.other_thermal,{thermal},ok\n"
    )));
    let f = indicator(&out, "electricity_production_solar");
    assert_eq!(f.value("2584", 2023).unwrap().0, Some(solar));

    // Population to 2023, the county sums checked by the build against the published rows.
    let fake = Fake::new();
    let pop = read(data.join("normalised/population.csv"));
    assert!(pop.contains(&format!(
        "0382,2023,population,{},ok\n",
        fake.population("0382", 2023)
    )));
    let f = indicator(&out, "population");
    assert_eq!(
        f.value("00", 2022).unwrap().0,
        Some(fake.population("00", 2022))
    );

    // Procurement 2022–2023 from three pages of each dataset; 2021 kept.
    let p = report.theme(Theme::Procurement).unwrap();
    assert_eq!(p.requests, 6, "three pages of two datasets");
    assert_eq!(p.years, Some((2022, 2023)));
    let notices = read(data.join("normalised/procurement_notices.csv"));
    assert!(notices.contains(",2021,"), "2021 kept");
    assert_eq!(notices.matches(",RS").count(), ROWSTORE_ROWS);
    let buyers = read(data.join("normalised/procurement_buyers.csv"));
    assert!(
        buyers.contains("2129990001,HJO KOMMUN,Kommuner,1497,kommun_name\n"),
        "new buyer by name"
    );
    assert!(buyers.contains("5569990002,LULEÅ ENERGI AB,Övriga aktiebolag,,none\n"));
    // Rows naming no buyer are kept, under one unknown buyer that is never attributed.
    assert!(buyers.contains("Uppgift saknas,UPPGIFT SAKNAS,Uppgift saknas,,none\n"));
    assert_eq!(p.unknown_buyers, ROWSTORE_ROWS / 50);
    let count = indicator(&out, "procurement_count");
    let hjo_2022 = (0..700)
        .filter(|&i| rowstore_buyer(i, false).0 == "HJO KOMMUN")
        .count() as f64;
    assert_eq!(count.value("1497", 2022).unwrap().0, Some(hjo_2022));
    // Flags from sentences: every 10th notice promotes innovation.
    let innovation = indicator(&out, "procurement_innovation_count");
    let hjo_innovation = (0..700)
        .filter(|&i| rowstore_buyer(i, false).0 == "HJO KOMMUN" && i % 10 == 0)
        .count() as f64;
    assert_eq!(
        innovation.value("1497", 2022).unwrap().0,
        Some(hjo_innovation)
    );

    // Kolada: population agrees except Södertälje's, production agrees.
    let c = report.cross_check.as_ref().unwrap();
    let members = read(data.join("normalised/network_members.csv"))
        .lines()
        .count()
        - 1;
    assert_eq!(c.agree, 2 * members - 1, "{:?}", c.lines);
    assert_eq!(c.lines.len(), 1);
    assert!(
        c.lines[0].starts_with("N01951 (invånare totalt) 0181 2023: Kolada "),
        "{:?}",
        c.lines
    );
    let k = report.theme(Theme::Kolada).unwrap();
    assert_eq!(
        k.requests, 5,
        "three KPI titles, two pages, the second from next_url"
    );
    // The report says what was compared with what, in Kolada's words.
    assert_eq!(c.compared.len(), 3);
    assert!(
        c.compared[2].starts_with("N02962 \"Förvärvsarbetande i tillverkning och utvinning"),
        "{:?}",
        c.compared
    );

    // Every answer is cached with its URL and query.
    let raw: Vec<String> = std::fs::read_dir(data.join("raw"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for prefix in [
        "TAB3204_",
        "TAB3785_",
        "TAB3654_",
        "TAB638_",
        "rowstore-5ad00e4f_",
        "kolada_",
    ] {
        assert!(
            raw.iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(".meta.json")),
            "{prefix}: {raw:?}"
        );
    }
    let meta_file = raw
        .iter()
        .find(|n| n.starts_with("TAB638_") && n.ends_with(".meta.json"))
        .unwrap();
    let meta: Value = serde_json::from_str(&read(data.join("raw").join(meta_file))).unwrap();
    assert!(
        meta["url"]
            .as_str()
            .unwrap()
            .ends_with("/tables/TAB638/data?lang=sv&outputFormat=json-stat2")
    );
    assert_eq!(
        meta["query"]["selection"][1]["valueCodes"],
        json!(["BE0101N1"])
    );
    assert!(meta["retrieved"].as_str().unwrap().starts_with("unix:"));
    // Each fetched theme's retrieval is recorded as the day of its answers; labour, which fetch
    // does not bring, keeps what the import said.
    let today = muni_pipeline::retrieved::utc_date(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    );
    let r = muni_pipeline::retrieved::Retrieved::read(&data.join("normalised")).unwrap();
    for k in ["employment", "energy", "population", "procurement"] {
        assert_eq!(r.date(k), Some(today.as_str()), "{k}");
    }
    let committed =
        muni_pipeline::retrieved::Retrieved::read(&root().join("data/normalised")).unwrap();
    assert_eq!(r.date("labour"), committed.date("labour"));
    assert_eq!(
        indicator_source_retrieved(&out, "employment_industry"),
        today
    );
    // The newest retrieval is known once a fetch recorded one, and the version says it.
    let c: muni_model::Catalog = serde_json::from_str(&read(out.join("catalog.json"))).unwrap();
    assert_eq!(
        c.data_version.unwrap().retrieved.as_deref(),
        Some(today.as_str())
    );
}

/// The retrieval on an indicator's source line in the published catalog.
fn indicator_source_retrieved(out: &Path, id: &str) -> String {
    let c: muni_model::Catalog = serde_json::from_str(&read(out.join("catalog.json"))).unwrap();
    c.indicators
        .into_iter()
        .find(|i| i.id == id)
        .unwrap()
        .source
        .retrieved
}

#[test]
fn pxweb_v1_json_and_json_stat2_answers() {
    let (data, out) = scratch("v1");
    let server = Server::start();
    let mut o = options(
        &server.base,
        &data,
        &out,
        &[Theme::Population, Theme::Energy],
    );
    o.api = Api::V1;
    // The first energy answer in v1's json-stat2 instead of json (the format a v1 caller may ask).
    let fake_json_stat2 = {
        let fake = Fake::new();
        let dims = fake.table("SlutAnvSektor");
        move |_: String| -> String {
            let codes: Vec<String> = fake.regions.iter().map(|r| r.0.clone()).collect();
            let sel = vec![
                ("Region".to_owned(), codes),
                ("Forbrukningskategri".to_owned(), dims[1].1.clone()),
                ("Bransle".to_owned(), dims[2].1.clone()),
                ("ContentsCode".to_owned(), dims[3].1.clone()),
                ("Tid".to_owned(), years(2021, 2023)),
            ];
            fake.data("SlutAnvSektor", &dims, &sel, false)
        }
    };
    // Population is asked first: its one answer comes as v1 json; then energy's first.
    server.fault(Fault::Edit(Box::new(|s| s)));
    server.fault(Fault::Edit(Box::new(fake_json_stat2)));
    let report = run(&o).unwrap();
    let seen = server.seen();
    assert!(seen.iter().any(|s| s.method == "GET"
        && s.target == "/OV0104/v1/doris/sv/ssd/BE/BE0101/BE0101A/BefolkningNy"));
    let post = seen
        .iter()
        .find(|s| s.method == "POST" && s.target.ends_with("/BefolkningNy"))
        .unwrap();
    assert!(
        post.body.contains(r#""response":{"format":"json"}"#),
        "{}",
        post.body
    );
    assert_eq!(
        report.theme(Theme::Population).unwrap().years,
        Some((2021, 2023))
    );
    let fake = Fake::new();
    let pop = read(data.join("normalised/population.csv"));
    assert!(pop.contains(&format!(
        "2584,2023,population,{},ok\n",
        fake.population("2584", 2023)
    )));
    let energy = read(data.join("normalised/energy.csv"));
    assert!(energy.contains(&format!(
        "0382,2021,final_use.industry,{},ok\n",
        Fake::energy_use("0382", 1, 2, 2021)
    )));
    let f = indicator(&out, "population");
    assert_eq!(
        f.value("2584", 2023).unwrap().0,
        Some(fake.population("2584", 2023))
    );
}

#[test]
fn retries_then_resumes_from_the_cache() {
    let (data, out) = scratch("retry");
    let server = Server::start();
    server.fault(Fault::Reply(Reply::Status(
        429,
        "Retry-After: 1\r\n",
        "slow down".into(),
    )));
    server.fault(Fault::Reply(Reply::Status(500, "", "oops".into())));
    let t = std::time::Instant::now();
    let report = run(&options(&server.base, &data, &out, &[Theme::Population])).unwrap();
    assert!(
        t.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    assert_eq!(report.log.len(), 2, "{:?}", report.log);
    assert!(report.log[0].contains("HTTP 429"), "{:?}", report.log);
    let p = report.theme(Theme::Population).unwrap();
    assert_eq!((p.requests, p.from_cache), (1, 0));
    let before = snapshot(&data.join("normalised"));

    // A second run with the cache: the metadata is asked afresh, the data comes from data/raw.
    let n = server.seen().len();
    let mut o = options(&server.base, &data, &out, &[Theme::Population]);
    o.use_cache = true;
    let r = run(&o).unwrap();
    assert_eq!(r.theme(Theme::Population).unwrap().from_cache, 1);
    let again: Vec<Seen> = server.seen()[n..].to_vec();
    assert!(
        again
            .iter()
            .all(|s| s.method == "GET" && s.target.contains("/metadata")),
        "{again:?}"
    );
    assert!(
        before == snapshot(&data.join("normalised")),
        "the same answer, the same tables"
    );
}

// Long: one table of faults, each run against the same data and compared byte for byte.
#[test]
fn every_fault_leaves_the_old_data_byte_identical() {
    let (data, out) = scratch("faults");
    type Case = (&'static str, &'static [Theme], Vec<Fault>);
    let edit = |f: fn(String) -> String| Fault::Edit(Box::new(f));
    let cases: Vec<Case> = vec![
        (
            "not JSON",
            &[Theme::Population],
            vec![Fault::Reply(Reply::Ok("{\"id\":[\"Region\"".into()))],
        ),
        (
            "values, but the sizes",
            &[Theme::Population],
            vec![edit(|s| s.replacen("\"value\":[", "\"value\":[1,", 1))],
        ),
        (
            "unknown region code \"9999\"",
            &[Theme::Population],
            vec![edit(|s| s.replacen("\"0114\":", "\"9999\":", 2))],
        ),
        (
            "categories of Region, 312 were asked for",
            &[Theme::Population],
            vec![edit(|s| {
                // An answer for fewer regions than asked: one region and its values.
                let mut v: Value = serde_json::from_str(&s).unwrap();
                let years = v["size"][2].as_u64().unwrap() as usize;
                v["size"][0] = json!(1);
                v["dimension"]["Region"]["category"]["index"] = json!({"00": 0});
                let first: Vec<Value> = v["value"].as_array().unwrap()[..years].to_vec();
                v["value"] = json!(first);
                v.to_string()
            })],
        ),
        (
            "is neither a number nor a marker",
            &[Theme::Population],
            vec![edit(|s| {
                let mut v: Value = serde_json::from_str(&s).unwrap();
                v["value"][0] = json!("12x");
                v.to_string()
            })],
        ),
        (
            "disagrees with the sum of its 5 parts",
            &[Theme::Employment],
            vec![
                Fault::Edit(Box::new(|s| s)),
                edit(|s| {
                    // BAS (the preliminary table's 2023): a total that is not the sum of the
                    // sections. The layout is Region × SNI(6) × Contents(2) × Tid(1):
                    // `A-U+US` is SNI 5.
                    let mut v: Value = serde_json::from_str(&s).unwrap();
                    let n = v["value"].as_array().unwrap().len();
                    let i = 5 * 2;
                    assert!(i < n);
                    v["value"][i] = json!(1_000_000);
                    v.to_string()
                }),
            ],
        ),
        (
            "no answer within",
            &[Theme::Population],
            vec![
                Fault::Reply(Reply::Stall),
                Fault::Reply(Reply::Stall),
                Fault::Reply(Reply::Stall),
            ],
        ),
        (
            "body broke off",
            &[Theme::Population],
            vec![
                Fault::Reply(Reply::Truncated("{\"version\":\"2.0\"}".into())),
                Fault::Reply(Reply::Truncated("{\"version\":\"2.0\"}".into())),
                Fault::Reply(Reply::Truncated("{\"version\":\"2.0\"}".into())),
            ],
        ),
        (
            "HTTP 400",
            &[Theme::Population],
            vec![Fault::Reply(Reply::Status(400, "", "bad query".into()))],
        ),
        (
            "HTTP 503",
            &[Theme::Population],
            vec![
                Fault::Reply(Reply::Status(503, "", "".into())),
                Fault::Reply(Reply::Status(503, "", "".into())),
                Fault::Reply(Reply::Status(503, "", "".into())),
            ],
        ),
        (
            "the dataset changed while it was read",
            &[Theme::Procurement],
            vec![
                Fault::Edit(Box::new(|s| s)),
                edit(|s| s.replacen("\"resultCount\":1201", "\"resultCount\":1202", 1)),
            ],
        ),
        (
            "no municipality matches its name; add it to this mapping",
            &[Theme::Procurement],
            vec![edit(|s| s.replace("HJO KOMMUN", "PÅHITTADS KOMMUN"))],
        ),
        (
            "`Upphandlingsslag`",
            &[Theme::Procurement],
            vec![edit(|s| s.replacen("\"Varor\"", "\"=HYPERLINK(1)\"", 1))],
        ),
        (
            "is not under",
            &[Theme::Kolada],
            vec![edit(|s| {
                s.replace("http://127.0.0.1", "http://elsewhere.example")
            })],
        ),
    ];
    for (says, only, faults) in cases {
        let before = (snapshot(&data.join("normalised")), snapshot(&out));
        let server = Server::start();
        for f in faults {
            server.fault(f);
        }
        let err = run(&options(&server.base, &data, &out, only)).unwrap_err();
        let e = err.to_string();
        assert!(e.contains(says), "{says}: {e}");
        // Whose fault it is decides what the user is told: only the network's is "try again".
        let kind = match &err {
            FetchError::Unreachable { .. } => "network",
            FetchError::Refused { .. } => "refused",
            FetchError::Answer { .. } => "answer",
            FetchError::Local(_) => "local",
        };
        let expected = match says {
            "no answer within" | "body broke off" | "HTTP 503" => "network",
            "HTTP 400" => "refused",
            "no municipality matches its name; add it to this mapping" => "local",
            _ => "answer",
        };
        assert_eq!(kind, expected, "{says}: {e}");
        assert_eq!(err.is_network(), expected == "network");
        assert!(
            before.0 == snapshot(&data.join("normalised")),
            "{says}: data/normalised changed"
        );
        assert!(before.1 == snapshot(&out), "{says}: public/data changed");
    }
}

#[test]
fn a_dry_run_reads_metadata_and_lists_requests_without_making_them() {
    let (data, out) = scratch("dry");
    let server = Server::start();
    let o = options(
        &server.base,
        &data,
        &out,
        &[Theme::Employment, Theme::Procurement, Theme::Kolada],
    );
    let before = snapshot(&data.join("normalised"));
    let plan = muni_pipeline::fetch::plan(&o).unwrap();
    let labels: Vec<&str> = plan.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "BAS ArRegArbStDoN 2021–2022",
            "BAS ArbStDoNArNN (preliminär) 2023–2023",
            "antal upphandlingar rad 1–",
            "kontrakterat värde rad 1–",
            "Kolada sida 1",
        ]
    );
    assert!(plan.iter().all(|r| r.values <= 100_000));
    // Each request says its table, variables and size, for a reviewer to hold against SCB's
    // documentation: the final BAS table with its mandatory `Kon` at its total.
    let municipalities = Fake::new().munis_of("00").len();
    assert_eq!(
        plan[0].describe(),
        format!(
            "TAB3204 · BAS ArRegArbStDoN 2021–2022 · Region {municipalities} × SNI2007 6 × ContentsCode 2 × Kon 1 × Tid 2 = {} values",
            municipalities * 6 * 2 * 2
        )
    );
    assert_eq!(
        plan[2].describe(),
        "rowstore-5ad00e4f · antal upphandlingar rad 1– · up to 500 rows"
    );
    let seen = server.seen();
    assert_eq!(
        seen.len(),
        4,
        "the four employment tables' metadata only: {seen:?}"
    );
    assert!(
        seen.iter()
            .all(|s| s.method == "GET" && s.target.ends_with("/metadata?lang=sv"))
    );
    assert!(before == snapshot(&data.join("normalised")));
}

//! The fetcher against a real HTTP server on 127.0.0.1 that replays JSON-stat2 answers in
//! SCB's format (SYNTHETIC employment figures for a handful of municipalities) and injects
//! faults: 429 with Retry-After, 500 then success, a stalled connection, a truncated body,
//! malformed JSON, a size that disagrees with the values, an unknown region code, `..`.
//! Every failure leaves `data/normalised/` and `public/data/` byte-identical.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use muni_pipeline::fetch::{Options, fetch_employment, http::Politeness};

enum Reply {
    Ok(String),
    Status(u16, &'static str, String),
    Stall,
    Truncated(String),
}

/// Serves the replies in order, one per request; records the request lines and user agents.
fn replay(replies: Vec<Reply>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api/v2", listener.local_addr().unwrap());
    let queue = Arc::new(Mutex::new(VecDeque::from(replies)));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut s = stream;
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
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
            log.lock()
                .unwrap()
                .push(format!("{} | {agent}", line.trim()));
            let reply = queue.lock().unwrap().pop_front();
            let (status, extra, text, truncate) = match reply {
                Some(Reply::Ok(b)) => (200, "", b, false),
                Some(Reply::Status(c, h, b)) => (c, h, b, false),
                Some(Reply::Stall) => {
                    std::thread::sleep(Duration::from_secs(3));
                    continue;
                }
                Some(Reply::Truncated(b)) => (200, "", b, true),
                None => (404, "", "no more replies".into(), false),
            };
            let declared = if truncate { text.len() * 2 } else { text.len() };
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n{extra}Connection: close\r\n\r\n"
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(text.as_bytes());
        }
    });
    (base, seen)
}

/// SYNTHETIC: a JSON-stat2 answer like SCB's employment tables (day population by SNI 2007).
fn cube(regions: &[&str], values: &[&str], size_override: Option<usize>) -> String {
    let sni = ["B+C", "F", "G"];
    let n = size_override.unwrap_or(regions.len());
    let index: Vec<String> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| format!("\"{r}\":{i}"))
        .collect();
    format!(
        r#"{{"version":"2.0","class":"dataset","label":"SYNTHETIC","source":"SCB","id":["Region","SNI2007","ContentsCode","Tid"],"size":[{n},3,1,1],
        "dimension":{{"Region":{{"category":{{"index":{{{}}}}}}},
        "SNI2007":{{"category":{{"index":{{"B+C":0,"F":1,"G":2}},"label":{{"B+C":"tillverkning och utvinning","F":"byggverksamhet","G":"handel"}}}}}},
        "ContentsCode":{{"category":{{"index":{{"00000544":0}},"label":{{"00000544":"Förvärvsarbetande 16+ år med arbetsplats i regionen (dagbefolkning)"}}}}}},
        "Tid":{{"category":{{"index":{{"2019":0}}}}}}}},
        "value":[{}]}}"#,
        index.join(","),
        values.join(",")
    )
    .replace("{sni}", &sni.join(""))
}

fn good() -> String {
    cube(
        &["0181", "0382", "2284"],
        &[
            "5000", "1200", "3000", "800", "\"..\"", "400", "9000", "700", "2500",
        ],
        None,
    )
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scratch copy of data/normalised and an out folder built from it.
fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("muni-fetch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("normalised")).unwrap();
    for e in std::fs::read_dir(root().join("data/normalised")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), data.join("normalised").join(e.file_name())).unwrap();
    }
    let out = dir.join("public");
    muni_pipeline::build(&data, &out).unwrap();
    (data, out)
}

fn options(base: &str, data: &Path, out: &Path) -> Options {
    Options {
        base: base.into(),
        data: data.into(),
        out: out.into(),
        since: 2019,
        until: 2019,
        politeness: Politeness {
            max_calls: 100,
            window: Duration::from_secs(1),
            attempts: 3,
            backoff: Duration::from_millis(20),
            timeout: Duration::from_millis(1500),
        },
        use_cache: false,
        progress: false,
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

#[test]
fn retries_then_brings_employment_end_to_end() {
    let (data, out) = scratch("ok");
    let (base, seen_all) = replay(vec![
        Reply::Status(429, "Retry-After: 1\r\n", "slow down".into()),
        Reply::Status(500, "", "oops".into()),
        Reply::Ok(good()),
    ]);
    let t = std::time::Instant::now();
    let report = fetch_employment(&options(&base, &data, &out)).unwrap();
    assert!(
        t.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    assert_eq!(report.requests, 1);
    assert_eq!(report.years, (2019, 2019));
    assert_eq!(report.log.len(), 2, "{:?}", report.log);
    let seen = seen_all.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert!(
        seen[0].starts_with("POST /api/v2/tables/TAB5837/data?lang=sv&outputFormat=json-stat2"),
        "{seen:?}"
    );
    assert!(
        seen[0].contains("industrikommuner/"),
        "a User-Agent that says who calls: {seen:?}"
    );
    let csv = std::fs::read_to_string(data.join("normalised/employment.csv")).unwrap();
    assert!(csv.contains("0181,2019,employment.b_c,5000,ok\n"), "{csv}");
    assert!(
        csv.contains("0181,2019,employment.total,9200,ok\n"),
        "{csv}"
    );
    // 0382's F is withheld: its total is withheld, its B+C is not.
    assert!(
        csv.contains("0382,2019,employment.b_c,800,ok\n")
            && csv.contains("0382,2019,employment.total,,confidential\n"),
        "{csv}"
    );
    // The raw answer is cached with its URL and query.
    let raw: Vec<_> = std::fs::read_dir(data.join("raw"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        raw.iter()
            .any(|n| n.starts_with("TAB5837_") && n.ends_with(".meta.json")),
        "{raw:?}"
    );
    // The rebuilt catalog has employment, with figures.
    let catalog: muni_model::Catalog =
        serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap();
    let m = catalog.indicator("employment_industry").unwrap();
    assert_eq!(m.status, muni_model::IndicatorStatus::Available);
    assert_eq!(m.years, [2019]);
    let f: muni_model::IndicatorFile = serde_json::from_slice(
        &std::fs::read(out.join("indicators/employment_industry.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        f.value("0181", 2019),
        Some((Some(5000.0), muni_model::Status::Ok))
    );

    // A second run resumes from the cache: no request at all (the server has no replies left).
    drop(seen);
    let mut o = options(&base, &data, &out);
    o.use_cache = true;
    let r = fetch_employment(&o).unwrap();
    assert_eq!(r.from_cache, 1);
    assert_eq!(seen_all.lock().unwrap().len(), 3);
}

#[test]
fn every_fault_leaves_the_old_data_byte_identical() {
    let (data, out) = scratch("faults");
    let cases: Vec<(&str, Vec<Reply>)> = vec![
        ("not JSON", vec![Reply::Ok("{\"id\":[\"Region\"".into())]),
        (
            "3 values, but the sizes",
            vec![Reply::Ok(
                cube(&["0181"], &["1", "2", "3"], Some(2))
                    .replace(r#""0181":0"#, r#""0181":0,"0382":1"#),
            )],
        ),
        (
            "unknown region code \"9999\"",
            vec![Reply::Ok(cube(&["9999"], &["1", "2", "3"], None))],
        ),
        (
            "no answer within",
            vec![Reply::Stall, Reply::Stall, Reply::Stall],
        ),
        (
            "body broke off",
            vec![
                Reply::Truncated(good()),
                Reply::Truncated(good()),
                Reply::Truncated(good()),
            ],
        ),
        ("HTTP 400", vec![Reply::Status(400, "", "bad query".into())]),
        (
            "HTTP 503",
            vec![
                Reply::Status(503, "", "".into()),
                Reply::Status(503, "", "".into()),
                Reply::Status(503, "", "".into()),
            ],
        ),
    ];
    for (says, replies) in cases {
        let before = (snapshot(&data.join("normalised")), snapshot(&out));
        let (base, _) = replay(replies);
        let e = fetch_employment(&options(&base, &data, &out)).unwrap_err();
        assert!(e.contains(says), "{says}: {e}");
        assert!(
            before.0 == snapshot(&data.join("normalised")),
            "{says}: data/normalised changed"
        );
        assert!(before.1 == snapshot(&out), "{says}: public/data changed");
    }
}

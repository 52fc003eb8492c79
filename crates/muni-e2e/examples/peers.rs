//! The peers benchmark (not a test; `benches/peers.sh` runs it): the dashboard's first chart
//! against the same chart drawn from the same published files by ECharts, Chart.js and uPlot
//! (their npm packages, used only here), served gzip-compressed from 127.0.0.1 and loaded in
//! headless Chromium, unthrottled and on Lighthouse's mobile profile (150 ms round trip,
//! 1.6 Mbit/s down, 750 kbit/s up, 4× CPU), the cache off, median of 5 fresh loads.
//! Prints, per page: what is transferred before the first chart is on screen, the time to it,
//! and the ratios to the dashboard.
//!
//! `cargo run -p muni-e2e --example peers -- PEERS_DIR` with `dist/` built; PEERS_DIR holds
//! `echarts.min.js`, `chart.umd.js`, `uPlot.iife.min.js` and `uPlot.min.css`.

use std::path::PathBuf;

use muni_e2e::{Browser, copy_dir, dist, root, serve};
use serde_json::json;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Five fresh loads of `url`: the median time to its first chart and the median bytes
/// transferred before it. The dashboard's first chart is in its HTML (the first contentful
/// paint); a peer's is drawn when it marks `first-chart`.
fn measure(b: &Browser, url: &str, ours: bool) -> (f64, f64) {
    let when = if ours {
        "const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint'); return p ? p.startTime : null"
    } else {
        "const m = performance.getEntriesByName('first-chart')[0]; return m ? m.startTime : null"
    };
    let (mut times, mut bytes) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        b.goto("about:blank").unwrap();
        b.goto(url).unwrap();
        b.wait_until(&format!("return (function(){{{when}}})() !== null"), url)
            .unwrap();
        let t = b.js(when, json!([])).unwrap().as_f64().unwrap();
        let sent = b
            .js(
                "const t = arguments[0];
                 const nav = performance.getEntriesByType('navigation')[0].transferSize;
                 return nav + performance.getEntriesByType('resource')
                     .filter(r => r.responseEnd <= t).reduce((s, r) => s + r.transferSize, 0)",
                json!([t]),
            )
            .unwrap()
            .as_f64()
            .unwrap();
        times.push(t);
        bytes.push(sent);
    }
    (median(times), median(bytes))
}

fn main() {
    let peers = PathBuf::from(std::env::args().nth(1).expect("usage: peers PEERS_DIR"));
    let site = std::env::temp_dir().join(format!("muni-peers-site-{}", std::process::id()));
    copy_dir(&dist(), &site);
    let pages = site.join("peers");
    std::fs::create_dir_all(&pages).unwrap();
    for f in ["echarts.html", "chartjs.html", "uplot.html", "common.js"] {
        std::fs::copy(root().join("benches/peers").join(f), pages.join(f)).unwrap();
    }
    for f in [
        "echarts.min.js",
        "chart.umd.js",
        "uPlot.iife.min.js",
        "uPlot.min.css",
    ] {
        std::fs::copy(peers.join(f), pages.join(f)).unwrap();
    }
    let base = serve(&site);
    let b = Browser::start(1280, 900).expect("headless chromium");
    b.cdp("Network.enable", json!({})).unwrap();
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .unwrap();
    let list = [
        ("industrikommuner (this project)", base.clone(), true),
        (
            "ECharts 5 (SVG renderer)",
            format!("{base}peers/echarts.html"),
            false,
        ),
        ("Chart.js 4", format!("{base}peers/chartjs.html"), false),
        ("uPlot 1.6", format!("{base}peers/uplot.html"), false),
    ];
    let mobile = |on: bool| {
        let (latency, down, up, cpu) = if on {
            (150, 200_000, 93_750, 4)
        } else {
            (0, -1, -1, 1)
        };
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": latency, "downloadThroughput": down, "uploadThroughput": up }),
        )
        .unwrap();
        b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu }))
            .unwrap();
    };
    let mut rows = Vec::new();
    for (name, url, ours) in &list {
        mobile(false);
        let (fast, _) = measure(&b, url, *ours);
        // The bytes before the first chart as a phone meets them: unthrottled, downloads that
        // do not hold up the chart (the app's WebAssembly) can finish before it anyway.
        mobile(true);
        let (slow, bytes) = measure(&b, url, *ours);
        rows.push((*name, bytes, fast, slow));
    }
    mobile(false);
    let (_, ours_bytes, ours_fast, ours_slow) = rows[0];
    println!(
        "{:<34} {:>14} {:>14} {:>16}   ratios to this project (bytes, time, time on the mobile profile)",
        "first chart on screen", "transfer", "unthrottled", "mobile profile"
    );
    for (name, bytes, fast, slow) in &rows {
        println!(
            "{name:<34} {:>11.1} kB {:>11.0} ms {:>13.0} ms   {:.1}x {:.1}x {:.1}x",
            bytes / 1000.0,
            fast,
            slow,
            bytes / ours_bytes,
            fast / ours_fast,
            slow / ours_slow
        );
    }
    let fastest_peer = rows[1..].iter().map(|r| r.3).fold(f64::INFINITY, f64::min);
    println!(
        "goal: the first chart at least 2x faster than the fastest peer on the mobile profile: {:.1}x",
        fastest_peer / ours_slow
    );
    std::fs::remove_dir_all(&site).ok();
}

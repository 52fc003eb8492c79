//! The map, the tile grid and the peers in headless Chromium (the lazily loaded module does
//! the drawing): 290 shapes, a pointer shows a municipality's value and place as the table
//! gives them, a click selects it; the peers panel lists peers with their distance and values
//! and adds them to the comparison in one click.

use std::path::{Path, PathBuf};

use muni_e2e::{Browser, dist, ready, serve};
use serde_json::{Value, json};

fn shots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots")
}

/// The number of `<polygon>`s in the chart, once the map is drawn.
fn polygons(b: &Browser) -> u64 {
    b.wait_until(
        "return document.querySelectorAll('[data-testid=chart] svg polygon').length > 200",
        "the map",
    )
    .unwrap();
    b.js(
        "return document.querySelectorAll('[data-testid=chart] svg polygon').length",
        json!([]),
    )
    .unwrap()
    .as_u64()
    .unwrap()
}

/// Sends a pointer event of `kind` (`mousemove`, `click`, or `tap`: a finger's click) to the
/// middle of the `n`-th shape with a class colour.
fn point_at(b: &Browser, n: usize, kind: &str) {
    let script = "
        const chart = document.querySelector('[data-testid=chart]');
        const coloured = [...chart.querySelectorAll('svg polygon')].filter(p => {
            const f = (p.getAttribute('fill') || '').toUpperCase();
            return f && f !== '#AAAAAA' && f !== '#E8E8E8' && f !== '#FFFFFF';
        });
        const r = coloured[arguments[0]].getBoundingClientRect();
        const at = { bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
        // A click (mouse) or a tap (finger) comes after the pointer went down, as a browser
        // sends them.
        const kind = arguments[1];
        if (kind === 'click' || kind === 'tap') chart.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerType: kind === 'tap' ? 'touch' : 'mouse' }));
        chart.dispatchEvent(new MouseEvent(kind === 'tap' ? 'click' : kind, at));
        return coloured.length;";
    let n_coloured = b.js(script, json!([n, kind])).unwrap().as_u64().unwrap();
    assert!(n_coloured > 100, "{n_coloured} coloured shapes");
}

#[test]
fn the_map_shows_290_municipalities_tells_values_and_selects() {
    if !ready() {
        return;
    }
    std::fs::create_dir_all(shots()).unwrap();
    let base = serve(&dist());
    let b = Browser::start(1280, 1300).expect("headless chromium");

    // The outlines: every ring of the 290 municipalities is a shape.
    b.goto(&format!("{base}?i=energy_industry_share&v=map&t=2020"))
        .unwrap();
    let drawn = polygons(&b);
    let geo: Value = b
        .js(
            "return fetch('data/geo/municipalities.json').then(r => r.json()).then(g => [g.shapes.length, g.shapes.reduce((n, s) => n + s.rings.length, 0)])",
            json!([]),
        )
        .unwrap();
    assert_eq!(geo[0], 290);
    assert_eq!(drawn, geo[1].as_u64().unwrap(), "one polygon per ring");
    let svg = b.text("[data-testid=chart]").unwrap();
    assert!(
        svg.contains("Kvintiler: lika många kommuner i varje klass"),
        "the legend explains"
    );
    b.screenshot(&shots().join("map-1-outlines.png")).unwrap();

    // The tile grid: one square each.
    b.click("[data-testid=view-tiles]").unwrap();
    b.wait_until(
        "return location.search.includes('v=tiles')",
        "the tiles view",
    )
    .unwrap();
    b.wait_until(
        "return document.querySelectorAll('[data-testid=chart] svg polygon').length === 290",
        "290 tiles",
    )
    .unwrap();

    // Pointing at a tile tells its name, value and place; the table says the same.
    point_at(&b, 7, "mousemove");
    b.wait_for("[data-testid=map-tip]").unwrap();
    let tip = b.text("[data-testid=map-tip]").unwrap();
    let (name, rest) = tip.split_once(" 2020: ").unwrap_or_else(|| panic!("{tip}"));
    b.click("details.table summary").unwrap();
    b.wait_for("[data-testid=table] tbody tr").unwrap();
    let row: Vec<String> = serde_json::from_value(
        b.js(
            "const tr = [...document.querySelectorAll('[data-testid=table] tbody tr')].find(t => t.querySelector('th').textContent === arguments[0]);
             return [tr.dataset.code, ...[...tr.querySelectorAll('td')].map(c => c.textContent)];",
            json!([name]),
        )
        .unwrap(),
    )
    .unwrap();
    // [code, value, rank in the network, rank in Sweden, change]
    assert_eq!(
        rest,
        format!(
            "{} procent, plats {} av {}",
            row[1],
            row[3],
            rest.rsplit(' ').next().unwrap()
        ),
        "{tip} / {row:?}"
    );
    let rows = b
        .js(
            "return document.querySelectorAll('[data-testid=table] tbody tr').length",
            json!([]),
        )
        .unwrap();
    assert_eq!(rows, 290, "the map's table has every municipality");
    b.screenshot(&shots().join("map-2-tiles-tip.png")).unwrap();

    // A tap shows it with a button that adds it, and adds nothing by itself.
    point_at(&b, 7, "tap");
    b.wait_for("[data-testid=map-tip] [data-testid=tip-add]")
        .unwrap();
    let code = row[0].clone();
    assert!(b.text("[data-testid=tip-add]").unwrap().contains(name));
    assert!(!b.url().unwrap().contains(&code), "a tap added {code}");
    b.screenshot(&shots().join("map-3-tap.png")).unwrap();
    b.click("[data-testid=tip-add]").unwrap();
    b.wait_for(&format!("[data-testid=chips] [data-code='{code}']"))
        .unwrap();
    b.click(&format!("[data-testid=chips] [data-code='{code}'] button"))
        .unwrap();
    b.wait_until(
        &format!("return !location.search.includes('{code}')"),
        "the chip removed",
    )
    .unwrap();

    // A click selects it: a chip and the URL.
    point_at(&b, 7, "click");
    b.wait_for(&format!("[data-testid=chips] [data-code='{code}']"))
        .unwrap();
    assert!(b.url().unwrap().contains(&code), "{}", b.url().unwrap());
    // The summary now speaks of it, with the table's value.
    b.wait_until(
        &format!(
            "return document.querySelector('[data-testid=summary]').textContent.startsWith({})",
            json!(name)
        ),
        "a summary of the selection",
    )
    .unwrap();
    let summary = b.text("[data-testid=summary]").unwrap();
    assert!(
        summary.contains(&format!("({}\u{a0}%)", row[1])),
        "{summary} / {row:?}"
    );
}

#[test]
fn the_peers_are_listed_with_their_reasons_and_added_in_one_click() {
    if !ready() {
        return;
    }
    std::fs::create_dir_all(shots()).unwrap();
    let base = serve(&dist());
    let b = Browser::start(1280, 1300).expect("headless chromium");
    b.goto(&format!("{base}?i=energy_industry_share&r=1496"))
        .unwrap();
    b.wait_for("[data-testid=peers] summary").unwrap();
    assert_eq!(
        b.text("[data-testid=peers] summary").unwrap(),
        "Kommuner som liknar Skövde"
    );
    b.click("[data-testid=peers] summary").unwrap();
    b.wait_for("[data-testid=peers-table] tbody tr").unwrap();
    let rows: Vec<Vec<String>> = serde_json::from_value(
        b.js(
            "return [...document.querySelectorAll('[data-testid=peers-table] tbody tr')].map(tr => [tr.dataset.code, ...[...tr.children].map(c => c.textContent)])",
            json!([]),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(rows[0][0], "1496", "Skövde first");
    assert_eq!(rows.len(), 6, "five peers: {rows:?}");
    let header = b.text("[data-testid=peers-table] thead").unwrap();
    assert!(
        header.contains("Avstånd") && header.contains("Industrins andel av energianvändningen"),
        "{header}"
    );
    // Each peer: a distance, ascending, and the values it was compared on, with their years.
    let distances: Vec<f64> = rows[1..]
        .iter()
        .map(|r| r[2].replace(',', ".").parse().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(
        rows[1][3].ends_with(')'),
        "a value with its year: {:?}",
        rows[1]
    );
    let method = b.text("[data-testid=peers] .method").unwrap();
    assert!(method.contains("standardavvikelser"), "{method}");
    b.js(
        "document.querySelector('[data-testid=peers]').scrollIntoView()",
        json!([]),
    )
    .unwrap();
    b.screenshot(&shots().join("peers-1.png")).unwrap();

    b.click("[data-testid=add-peers]").unwrap();
    for r in &rows[1..] {
        b.wait_for(&format!("[data-testid=chips] [data-code='{}']", r[0]))
            .unwrap();
    }
    let url = b.url().unwrap();
    for r in &rows {
        assert!(url.contains(&r[0]), "{url} has {}", r[0]);
    }
    // The chart now draws all six.
    let svg = b.text("[data-testid=chart]").unwrap();
    for r in &rows {
        assert!(svg.contains(&r[1]), "{} in the chart", r[1]);
    }
    // In English, with the export panel open too.
    b.click("[data-testid=lang-en]").unwrap();
    b.wait_until(
        "return document.querySelector('[data-testid=peers] summary').textContent === 'Municipalities like Skövde'",
        "the peers in English",
    )
    .unwrap();
    b.wait_until(
        "return document.querySelector('[data-testid=peers-table] thead').textContent.includes('Distance')",
        "the peers table in English",
    )
    .unwrap();
    b.click("[data-testid=export] summary").unwrap();
    b.wait_for("[data-testid=download-csv]").unwrap();
    assert_eq!(
        b.text("[data-testid=download-csv]").unwrap(),
        "Download CSV"
    );
    b.js(
        "document.querySelector('[data-testid=peers]').scrollIntoView()",
        json!([]),
    )
    .unwrap();
    b.screenshot(&shots().join("peers-2-en-export.png"))
        .unwrap();
}

#[test]
fn the_map_fits_a_laptop_window() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 680).expect("headless chromium");
    b.goto(&format!("{base}?i=energy_industry_share&v=map&t=2020"))
        .unwrap();
    polygons(&b);
    let fit = b
        .js(
            "const s = document.querySelector('[data-testid=chart] svg'); return [s.getBoundingClientRect().height, innerHeight]",
            json!([]),
        )
        .unwrap();
    let (h, window) = (fit[0].as_f64().unwrap(), fit[1].as_f64().unwrap());
    assert!(
        h <= window,
        "the map {h} px tall in a window {window} px tall"
    );
    b.screenshot(&shots().join("map-laptop-680.png")).unwrap();
}

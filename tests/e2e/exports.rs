//! Analysts' and presenters' exports in headless Chromium: the view's CSV holds exactly the
//! table's numbers (in both dialects, the choice remembered), the PNG has the chosen pixel
//! size, and the embed snippet, pasted into a page on another origin, sizes its iframe from
//! the embed's height messages.

use muni_e2e::{Browser, dist, ready, serve};
use muni_view::contract::EXPORTS;
use serde_json::json;

/// Intercepts the next download link the page clicks; returns (file name, text or data URL).
fn capture(b: &Browser) {
    b.js(
        "window.__dl = null; HTMLAnchorElement.prototype.click = function () { window.__dl = { href: this.href, name: this.download }; }; return true",
        json!([]),
    )
    .unwrap();
}

fn captured(b: &Browser, as_text: bool) -> (String, String) {
    b.wait_until("return window.__dl !== null", "a download")
        .unwrap();
    let script = if as_text {
        "return fetch(window.__dl.href).then(r => r.arrayBuffer()).then(a => [window.__dl.name, new TextDecoder('utf-8', { ignoreBOM: true }).decode(a)])"
    } else {
        "return fetch(window.__dl.href).then(r => r.blob()).then(b => createImageBitmap(b)).then(i => [window.__dl.name, i.width + 'x' + i.height])"
    };
    let v = b.js(script, json!([])).unwrap();
    (
        v[0].as_str().unwrap().to_owned(),
        v[1].as_str().unwrap().to_owned(),
    )
}

/// The data version of the built dashboard's catalog (`dist/data/catalog.json`).
fn data_version() -> String {
    let c: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dist().join("data/catalog.json")).unwrap()).unwrap();
    c["data_version"]["id"].as_str().unwrap().to_owned()
}

/// The bytes of the next download, with its name.
fn captured_bytes(b: &Browser) -> (String, Vec<u8>) {
    b.wait_until("return window.__dl !== null", "a download")
        .unwrap();
    let v = b
        .js(
            "return fetch(window.__dl.href).then(r => r.arrayBuffer()).then(a => [window.__dl.name, Array.from(new Uint8Array(a))])",
            json!([]),
        )
        .unwrap();
    let bytes = v[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u8)
        .collect();
    (v[0].as_str().unwrap().to_owned(), bytes)
}

fn number(t: &str) -> Option<f64> {
    t.replace(['\u{a0}', ' '], "")
        .replace('\u{2212}', "-")
        .replace(',', ".")
        .parse()
        .ok()
}

#[test]
fn the_views_csv_is_the_table_and_pictures_have_their_size() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 1000).expect("headless chromium");
    b.goto(&format!(
        "{base}?i=electricity_production_total&r=0382,2284&g=&y=2012-2020&v=table"
    ))
    .unwrap();
    b.wait_for("[data-testid=table] tbody tr[data-code='0382']")
        .unwrap();
    let table: Vec<Vec<String>> = serde_json::from_value(
        b.js(
            "return [...document.querySelectorAll('[data-testid=table] tr')].map(r => [r.dataset.code || ''].concat([...r.children].map(c => c.textContent)))",
            json!([]),
        )
        .unwrap(),
    )
    .unwrap();
    let header = &table[0];
    b.click("[data-testid=export] summary").unwrap();
    b.wait_for("[data-testid=download-csv]").unwrap();
    for (dialect, sep) in [("machine", ','), ("excel", ';')] {
        b.click(&format!("[data-testid=dialect-{dialect}]"))
            .unwrap();
        capture(&b);
        b.click("[data-testid=download-csv]").unwrap();
        let (name, csv) = captured(&b, true);
        assert_eq!(
            name,
            format!(
                "industrikommuner_elproduktion_2012-2020_dv{}{}.csv",
                data_version(),
                if dialect == "excel" { "_excel_sv" } else { "" }
            )
        );
        assert_eq!(csv.starts_with('\u{feff}'), dialect == "excel");
        let lines: Vec<Vec<String>> = csv
            .trim_start_matches('\u{feff}')
            .lines()
            .map(|l| {
                // The source column is quoted and holds separators; the first nine are plain.
                l.splitn(10, sep).map(str::to_owned).collect()
            })
            .collect();
        assert_eq!(lines[0][1], "region_name");
        let mut compared = 0;
        for row in &table[1..] {
            let code = &row[0];
            for (k, cell) in row[2..].iter().enumerate() {
                let year = &header[k + 2];
                let line = lines
                    .iter()
                    .find(|l| &l[0] == code && &l[6] == year)
                    .unwrap_or_else(|| panic!("{code} {year} not in the CSV"));
                let value = number(&line[7]);
                match number(cell) {
                    // Production is shown in whole MWh; the CSV keeps full precision.
                    Some(shown) => {
                        let v = value.unwrap_or_else(|| panic!("{code} {year}: no value"));
                        assert!(
                            (v - shown).abs() <= 0.5,
                            "{code} {year}: {v} shown as {shown}"
                        );
                    }
                    None => {
                        assert_eq!(value, None, "{code} {year}: {cell}");
                        let status = if cell == ".." {
                            "confidential"
                        } else {
                            "missing"
                        };
                        assert_eq!(line[8], status, "{code} {year}");
                    }
                }
                compared += 1;
            }
        }
        assert_eq!(
            compared,
            lines.len() - 1,
            "the CSV has exactly the table's cells"
        );
        if dialect == "machine" {
            assert!(csv.contains(",Örnsköldsvik,"), "names survive");
        }
    }
    // The dialect is remembered across visits.
    b.refresh().unwrap();
    b.wait_for("[data-testid=export] summary").unwrap();
    b.click("[data-testid=export] summary").unwrap();
    b.wait_for("[data-testid=dialect-excel]").unwrap();
    let checked = b
        .js(
            "return document.querySelector('[data-testid=dialect-excel]').checked",
            json!([]),
        )
        .unwrap();
    assert_eq!(checked, json!(true));
    // PNG at the slide size chosen, SVG with the title.
    b.select("[data-testid=picture-size]", "1280").unwrap();
    capture(&b);
    b.click("[data-testid=download-png]").unwrap();
    let (name, size) = captured(&b, false);
    assert_eq!(
        name,
        format!(
            "industrikommuner_elproduktion_2012-2020_dv{}.png",
            data_version()
        )
    );
    assert_eq!(size, "1280x720");
    // Copying says what happened: copied, or why the browser refused (headless has no
    // clipboard permission); never silence.
    b.click("[data-testid=copy-png]").unwrap();
    b.wait_until(
        "const s = document.querySelector('[data-testid=export-status]').textContent; return s.startsWith('Bilden är kopierad') || s.startsWith('Det gick inte')",
        "a word on the copy",
    )
    .unwrap();
    capture(&b);
    b.click("[data-testid=download-svg]").unwrap();
    let (name, svg) = captured(&b, true);
    assert!(name.ends_with(".svg"));
    assert!(
        svg.contains("Elproduktion")
            && svg.contains("Källa: SCB")
            && svg.contains("width=\"1280\""),
        "{}",
        &svg[..200]
    );
}

#[test]
fn the_views_workbook_holds_the_tables_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 1000).expect("headless chromium");
    b.goto(&format!(
        "{base}?i=population&r=0382,2284&g=&y=2020-2022&v=table"
    ))
    .unwrap();
    b.wait_for("[data-testid=table] tbody tr[data-code='0382']")
        .unwrap();
    let shown: Vec<Vec<String>> = serde_json::from_value(
        b.js(
            "return [...document.querySelectorAll('[data-testid=table] tbody tr')].map(r => [r.dataset.code].concat([...r.children].slice(1).map(c => c.textContent)))",
            json!([]),
        )
        .unwrap(),
    )
    .unwrap();
    b.click("[data-testid=export] summary").unwrap();
    b.wait_for("[data-testid=download-xlsx]").unwrap();
    capture(&b);
    b.click("[data-testid=download-xlsx]").unwrap();
    let (name, bytes) = captured_bytes(&b);
    assert_eq!(
        name,
        format!(
            "industrikommuner_folkmangd_2020-2022_dv{}.xlsx",
            data_version()
        )
    );
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let data = wb.worksheet_range("Data").unwrap();
    let mut compared = 0;
    for row in &shown {
        for (k, cell) in row[1..].iter().enumerate() {
            let year = 2020 + k as u16;
            let found = data
                .rows()
                .find(|r| {
                    r[0] == Data::String(row[0].clone()) && r[2] == Data::Float(f64::from(year))
                })
                .unwrap_or_else(|| panic!("{} {year} not in the workbook", row[0]));
            assert_eq!(
                Some(found[3].clone()),
                number(cell).map(Data::Float),
                "{} {year}",
                row[0]
            );
            compared += 1;
        }
    }
    assert_eq!(
        compared,
        data.height() - 1,
        "the workbook has exactly the table's cells"
    );
    let about = wb.worksheet_range("Om data").unwrap();
    assert!(
        about.rows().any(|r| r[1]
            .to_string()
            .starts_with(&format!("Dataversion {}", data_version()))),
        "the About sheet names the data version"
    );
}

#[test]
fn a_link_made_on_other_data_says_so_and_links_carry_the_version() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 1000).expect("headless chromium");
    let dv = data_version();
    // Same version: no notice. Another one: a notice, and the page shows today's data.
    b.goto(&format!("{base}?i=population&dv={dv}")).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    assert!(
        b.text("[data-testid=data-version]")
            .unwrap()
            .contains(&format!("Dataversion {dv}"))
    );
    let notices = b
        .js(
            "return document.querySelectorAll('[data-testid=notice] li').length",
            json!([]),
        )
        .unwrap();
    assert_eq!(notices, json!(0));
    let other = if dv == "00000000" {
        "11111111"
    } else {
        "00000000"
    };
    b.goto(&format!("{base}?i=population&dv={other}")).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    b.wait_until(
        "return [...document.querySelectorAll('[data-testid=notice] li')].some(l => l.textContent.includes('andra data'))",
        "the notice of another data version",
    )
    .unwrap();
    assert!(
        b.text("[data-testid=notice] p")
            .unwrap()
            .starts_with("Om länken"),
        "the link is used, not ignored"
    );
    // What changed since for the indicator shown, from the change log: 00000000 (or 11111111)
    // was never a version of these data, so the log cannot say, and the notice says so.
    b.wait_until(
        "const p = document.querySelector('[data-testid=notice-changes]'); return p !== null && !p.hidden",
        "what changed since the link's version",
    )
    .unwrap();
    let said = b.text("[data-testid=notice-changes]").unwrap();
    assert!(
        said.starts_with(&format!("Dataversion {other} finns inte i ändringsloggen")),
        "{said}"
    );
    // The share panel's link carries today's version.
    b.click("[data-testid=export] summary").unwrap();
    b.wait_for("[data-testid=permalink]").unwrap();
    let link = b
        .js(
            "return document.querySelector('[data-testid=permalink]').value",
            json!([]),
        )
        .unwrap();
    let link = link.as_str().unwrap();
    assert!(
        link.ends_with(&format!("?i=population&v=series&dv={dv}")),
        "{link}"
    );
    // An embed has no footer: its source line says the version.
    b.goto(&format!("{base}?i=population&embed=1")).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    assert!(
        b.text("[data-testid=source]")
            .unwrap()
            .contains(&format!("Dataversion {dv}")),
        "the embed's source line names the data version"
    );
    b.goto(&format!("{base}?i=population")).unwrap();
    b.wait_for("[data-testid=downloads]").unwrap();
    // The footer's "Nytt i data" page is there.
    let page = b
        .js(
            "return fetch(document.querySelector('a[href=\"data/changes.html\"]').href).then(r => r.ok ? r.text() : 'HTTP ' + r.status)",
            json!([]),
        )
        .unwrap();
    assert!(page.as_str().unwrap().contains("Nytt i data"), "{page}");
}

#[test]
fn the_embed_snippet_sizes_its_iframe() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 1000).expect("headless chromium");
    b.goto(&format!("{base}?i=population&r=0180&g=")).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    b.click("[data-testid=export] summary").unwrap();
    b.wait_for("[data-testid=embed-snippet]").unwrap();
    let snippet = b
        .js(
            "return document.querySelector('[data-testid=embed-snippet]').value",
            json!([]),
        )
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        snippet.contains("embed=1") && snippet.contains("title=\"Folkmängd\""),
        "{snippet}"
    );
    // A host page on another origin, holding just the snippet.
    let host = std::env::temp_dir().join(format!("muni-embed-host-{}", std::process::id()));
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(
        host.join("index.html"),
        format!("<!doctype html><meta charset=utf-8><title>host</title><h1>Host</h1>{snippet}"),
    )
    .unwrap();
    let host_url = serve(&host);
    b.goto(&host_url).unwrap();
    b.wait_until(
        "const f = document.querySelector('iframe'); return f && f.style.height !== '640px' && parseInt(f.style.height) > 200",
        "the iframe resized by the embed's message",
    )
    .unwrap();
    let h = b
        .js(
            "return parseInt(document.querySelector('iframe').style.height)",
            json!([]),
        )
        .unwrap();
    assert!(h.as_i64().unwrap() < 2000, "{h}");
    // The table opened inside the embed: the iframe grows with it.
    b.frame(Some(0)).unwrap();
    b.wait_for("details.table summary").unwrap();
    b.click("details.table summary").unwrap();
    b.wait_until(
        "return document.querySelector('details.table').open",
        "the table open in the embed",
    )
    .unwrap();
    b.frame(None).unwrap();
    b.wait_until(
        &format!(
            "return parseInt(document.querySelector('iframe').style.height) > {} + 100",
            h.as_i64().unwrap()
        ),
        "the iframe grown with the table",
    )
    .unwrap();
    std::fs::remove_dir_all(&host).unwrap();
}

#[test]
fn the_lazy_module_exports_every_name_of_the_contract() {
    if !ready() {
        return;
    }
    // The dashboard calls the lazy module by these names (`muni_view::contract`); wasm-bindgen
    // spells the module's functions as written in `muni-lazy`. A rename on one side only fails
    // here, not at a reader's click.
    let js = std::fs::read_to_string(dist().join("lazy/muni_lazy.js")).unwrap();
    for name in EXPORTS {
        assert!(
            js.contains(&format!("export function {name}("))
                || js.contains(&format!("export async function {name}(")),
            "dist/lazy/muni_lazy.js does not export {name}"
        );
    }
}

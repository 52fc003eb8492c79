//! The municipality profile as a brief, in the browser: the controls that do nothing there
//! hidden, the headline figures first, a table per theme in the brief's order with a sparkline
//! on every row, the profile's CSV, no sideways scrolling on a phone, and the print layout (the
//! profile alone). Expectations are counted from the built site's own files.

use std::path::{Path, PathBuf};

use muni_e2e::{Browser, dist, ready, serve};
use serde_json::{Value, json};

fn shots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots")
}

/// How many indicators have a series for `code` in the site's files.
fn rows_for(code: &str) -> usize {
    let catalog: Value =
        serde_json::from_slice(&std::fs::read(dist().join("data/catalog.json")).unwrap()).unwrap();
    catalog["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["file"].as_str())
        .filter(|f| {
            let file: Value =
                serde_json::from_slice(&std::fs::read(dist().join("data").join(f)).unwrap())
                    .unwrap();
            file["series"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["region"] == code)
        })
        .count()
}

fn display(b: &Browser, css: &str) -> String {
    b.js(
        "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e).display : 'absent'",
        json!([css]),
    )
    .unwrap()
    .as_str()
    .unwrap()
    .to_owned()
}

#[test]
fn the_profile_is_a_brief_on_screen_on_a_phone_and_in_print() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let expected = rows_for("1496");
    assert!(expected > 20, "{expected}");
    std::fs::create_dir_all(shots()).unwrap();
    for (width, extra, name) in [
        (1440, "", "profile-sv-1440"),
        (390, "&lang=en&th=dark", "profile-en-dark-390"),
    ] {
        let b = Browser::start(width, 1000).expect("headless chromium");
        b.goto(&format!("{base}?v=profile&p=1496{extra}")).unwrap();
        b.wait_for("[data-testid=profile-table] tr[data-id=employment_industry]")
            .unwrap();
        // Nothing shown that does nothing here: indicator, measure, years, scope, search.
        for css in [
            "[data-testid=indicator]",
            "[data-testid=measure]",
            "[data-testid=scope]",
            "[data-testid=search]",
        ] {
            assert_eq!(
                b.js(
                    "return document.querySelector(arguments[0]).offsetParent === null",
                    json!([css])
                )
                .unwrap(),
                json!(true),
                "{css} is shown on the profile ({name})"
            );
        }
        let facts = b
            .js(
                "const t = document.querySelector('[data-testid=profile-table]');
                 const rows = [...t.querySelectorAll('tr[data-id]')];
                 return {
                   rows: rows.length,
                   sparks: rows.filter(r => r.querySelector('svg.spark path.own, svg.spark rect.own, svg.spark circle.own')).length,
                   themes: [...t.querySelectorAll('section.theme')].map(s => s.dataset.theme),
                   keys: [...document.querySelectorAll('[data-testid=key-figures] li')].map(l => l.dataset.id),
                   csvName: document.querySelector('[data-testid=profile-csv]').getAttribute('download'),
                   csv: decodeURIComponent(document.querySelector('[data-testid=profile-csv]').getAttribute('href').split(',').slice(1).join(',')),
                   scroll: document.documentElement.scrollWidth - window.innerWidth,
                 }",
                json!([]),
            )
            .unwrap();
        assert_eq!(facts["rows"], json!(expected), "{facts}");
        assert_eq!(
            facts["sparks"],
            json!(expected),
            "a sparkline on every row: {facts}"
        );
        assert_eq!(
            facts["themes"],
            json!([
                "employment",
                "energy",
                "procurement",
                "population",
                "skills"
            ])
        );
        assert_eq!(
            facts["keys"][0],
            json!("employment_industry"),
            "the headline figures start with industry jobs: {facts}"
        );
        let csv_name = facts["csvName"].as_str().unwrap();
        assert!(
            csv_name.contains("skovde") && csv_name.ends_with("_excel_sv.csv"),
            "{csv_name}"
        );
        let csv = facts["csv"].as_str().unwrap();
        assert_eq!(csv.lines().count(), expected + 1, "{csv}");
        assert!(csv.lines().nth(1).unwrap().starts_with("Skövde;"), "{csv}");
        assert!(
            facts["scroll"].as_i64().unwrap() <= 0,
            "the page scrolls sideways at {width} px: {facts}"
        );
        b.screenshot(&shots().join(format!("{name}.png"))).unwrap();
        // Printed: the profile alone (no header, choices, deck or downloads), the table kept.
        b.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}))
            .unwrap();
        assert_eq!(display(&b, "header"), "none");
        assert_eq!(display(&b, ".controls"), "none");
        assert_eq!(display(&b, ".profile-actions"), "none");
        assert_ne!(display(&b, "[data-testid=profile-table]"), "none");
        assert_ne!(display(&b, "[data-testid=data-version]"), "none");
        b.cdp("Emulation.setEmulatedMedia", json!({"media": ""}))
            .unwrap();
    }
}

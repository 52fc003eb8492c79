//! The first screen prerendered into `dist/index.html` (crates/muni-prerender): with
//! JavaScript off it shows the chart, the summary, the table, the sources and the files; with
//! it on, the app takes over in the same place; a link to another view never shows the copy.

use muni_e2e::{Browser, dist, ready, serve};
use serde_json::json;

fn top_of(b: &Browser, css: &str) -> f64 {
    b.js(
        "const e = document.querySelector(arguments[0]); return e ? e.getBoundingClientRect().top : null",
        json!([css]),
    )
    .unwrap()
    .as_f64()
    .unwrap_or_else(|| panic!("no {css}"))
}

#[test]
fn without_javascript_the_first_screen_is_there_and_the_app_takes_over_in_place() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 1000).expect("headless chromium");
    b.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    )
    .unwrap();
    b.goto(&base).unwrap();
    let count = |css: &str| {
        b.js(
            "return document.querySelectorAll(arguments[0]).length",
            json!([css]),
        )
        .unwrap()
        .as_u64()
        .unwrap()
    };
    // The chart at two widths (CSS shows the one that fits), no app.
    assert_eq!(count("#prerendered .chart svg"), 2);
    assert_eq!(count("[data-testid=chart]"), 0, "no script ran");
    let visible = b
        .js(
            "return [...document.querySelectorAll('#prerendered .chart svg')].filter(s => s.getBoundingClientRect().width > 0).length",
            json!([]),
        )
        .unwrap();
    assert_eq!(visible, json!(1), "one chart on screen at 1280 px");
    let text = b.text("#prerendered").unwrap();
    for said in [
        "Industrikommunerna i siffror",
        "Industrins andel av sysselsättningen 2024",
        "Nätverkets median",
        "Källa: SCB",
        "Dataversion",
    ] {
        assert!(text.contains(said), "{said} is on the page");
    }
    assert!(
        count("#prerendered table tbody tr") >= 24,
        "the table holds every member"
    );
    for file in [
        "industrikommuner.parquet",
        "industrikommuner.xlsx",
        "industrikommuner_csv.zip",
    ] {
        assert_eq!(
            count(&format!("#prerendered a[href='data/full/{file}']")),
            1,
            "{file}"
        );
    }
    let prerendered_chart = top_of(&b, "#prerendered .chart");
    b.screenshot(&std::env::temp_dir().join("prerendered-nojs.png"))
        .unwrap();

    // With scripts, the app replaces the copy, and its chart sits where the copy's was.
    b.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": false }),
    )
    .unwrap();
    b.goto(&base).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    assert_eq!(count("#prerendered"), 0);
    assert_eq!(count("h1"), 1, "one page, not two");
    let app_chart = top_of(&b, "[data-testid=chart]");
    assert!(
        (app_chart - prerendered_chart).abs() <= 2.0,
        "the chart moved from {prerendered_chart} to {app_chart} px when the app took over"
    );

    // A link to another view never shows the first screen's copy, even before the app runs.
    b.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    )
    .unwrap();
    b.goto(&format!("{base}?i=population&r=0181")).unwrap();
    assert_eq!(
        count("#prerendered"),
        1,
        "without scripts the copy is all there is"
    );
    b.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": false }),
    )
    .unwrap();
    b.goto(&format!("{base}?i=population&r=0181")).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    assert!(b.text("[data-testid=chart]").unwrap().contains("Folkmängd"));

    // An indicator's own page: its ranking prerendered (a link preview's image beside it), and
    // the app opens that view in place.
    b.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    )
    .unwrap();
    b.goto(&format!("{base}i/population/")).unwrap();
    assert!(
        b.text("#prerendered .chart")
            .unwrap()
            .contains("Folkmängd 2024")
    );
    let og = b
        .js(
            "return document.querySelector('meta[property=\"og:image\"]').content",
            json!([]),
        )
        .unwrap();
    assert_eq!(og, "i/population/og.png");
    b.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": false }),
    )
    .unwrap();
    b.goto(&format!("{base}i/population/")).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    // (The address becomes the site's own link to the view: the page's base is the site.)
    assert_eq!(b.url().unwrap(), format!("{base}?i=population&v=ranking"));
    assert!(
        b.text("[data-testid=chart]")
            .unwrap()
            .contains("Folkmängd 2024")
    );
    assert!(
        std::fs::read(dist().join("i/population/og.png"))
            .unwrap()
            .starts_with(b"\x89PNG"),
        "the preview image"
    );
}

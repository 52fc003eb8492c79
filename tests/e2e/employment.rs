//! The employment theme in the browser: the default view (industry jobs in the network, from
//! the embedded BAS figures), and, with fetched figures (a SYNTHETIC fixture in the format
//! `fetch` writes), the pipeline publishes them and the built dashboard charts them.

use std::path::{Path, PathBuf};

use muni_e2e::{Browser, copy_dir, dist, ready, root, serve};

fn shots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots")
}

#[test]
fn an_employment_chart_once_figures_are_there() {
    if !ready() {
        return;
    }
    let dist = dist();
    let dir = std::env::temp_dir().join(format!("muni-e2e-employment-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(
        &root().join("data/normalised"),
        &dir.join("data/normalised"),
    );
    // SYNTHETIC employment figures for three municipalities, 2019–2021.
    let mut csv = String::from("region_code,year,variable,value,status\n");
    for (code, bc, total) in [
        ("0181", 5000.0, 40000.0),
        ("0382", 1800.0, 9000.0),
        ("2284", 6200.0, 26000.0),
    ] {
        for (k, year) in [2019, 2020, 2021].iter().enumerate() {
            let f = 1.0 + 0.02 * k as f64;
            csv.push_str(&format!("{code},{year},employment.b_c,{},ok\n", bc * f));
            csv.push_str(&format!(
                "{code},{year},employment.total,{},ok\n",
                total * f
            ));
        }
    }
    std::fs::write(dir.join("data/normalised/employment.csv"), csv).unwrap();
    let site = dir.join("site");
    copy_dir(&dist, &site);
    std::fs::remove_dir_all(site.join("data")).unwrap();
    muni_pipeline::build(&dir.join("data"), &site.join("data")).unwrap();

    let base = serve(&site);
    let b = Browser::start(1280, 1000).expect("headless chromium");
    b.goto(&format!(
        "{base}?i=employment_industry_share&r=0181,2284&g="
    ))
    .unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    let text = b.text("[data-testid=chart]").unwrap();
    assert!(
        text.contains("Industrins andel av sysselsättningen"),
        "{text}"
    );
    assert!(
        text.contains("Södertälje") && text.contains("Örnsköldsvik"),
        "{text}"
    );
    // No "awaiting fetch" page any more, and the table has Södertälje's share: 12.5 %.
    assert!(
        b.js(
            "return document.querySelector('[data-testid=awaiting]') === null",
            serde_json::json!([])
        )
        .unwrap()
            == serde_json::json!(true)
    );
    b.click("[data-testid=view-table]").unwrap();
    b.wait_for("[data-testid=table] tr[data-code='0181']")
        .unwrap();
    let row = b.text("[data-testid=table] tr[data-code='0181']").unwrap();
    assert!(row.contains("12,5"), "{row}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The default view is the employment theme for the network: industry's share of the
/// employed, with the headline sentence on industry jobs, and a summary that states the
/// table's number.
#[test]
fn the_first_screen_is_industry_jobs_in_the_network() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    for (width, lang) in [(1280, "sv"), (390, "en")] {
        let b = Browser::start(width, 900).expect("headless chromium");
        let url = if lang == "sv" {
            base.clone()
        } else {
            format!("{base}?lang=en")
        };
        b.goto(&url).unwrap();
        b.wait_for("[data-testid=chart] svg").unwrap();
        b.wait_for("[data-testid=summary]").unwrap();
        let selected = b
            .js(
                "return document.querySelector('[data-testid=indicator]').value",
                serde_json::json!([]),
            )
            .unwrap();
        // One entry for industry jobs in the indicator menu; the share is its measure.
        assert_eq!(selected, serde_json::json!("employment_industry"));
        let measure = b
            .js(
                "const m = document.querySelector('[data-testid=measure]'); return [m.value, [...m.options].map(o => o.value).slice(0, 3)]",
                serde_json::json!([]),
            )
            .unwrap();
        assert_eq!(
            measure,
            serde_json::json!([
                "employment_industry_share",
                [
                    "employment_industry",
                    "employment_industry_share",
                    "employment_industry_per_1000"
                ]
            ])
        );
        // The SVG's text, wherever the chart is scrolled (WebDriver's text is what is visible).
        b.wait_until(
            "return document.querySelector('[data-testid=chart]').textContent.length > 0",
            "the chart's text",
        )
        .unwrap();
        let chart = b
            .js(
                "const c = document.querySelector('[data-testid=chart]'); return c.textContent + ' | ' + c.getAttribute('aria-label')",
                serde_json::json!([]),
            )
            .unwrap();
        let chart = chart.as_str().unwrap_or_default();
        let title = if lang == "sv" {
            "Industrins andel av sysselsättningen"
        } else {
            "Industry's share of employment"
        };
        assert!(chart.contains(title), "{chart}");
        // The headline: the network's and Sweden's employed in industry in 2024 (SCB BAS).
        let headline = b.text("[data-testid=headline]").unwrap();
        let (network, sweden) = if lang == "sv" {
            ("100\u{a0}246", "561\u{a0}718")
        } else {
            ("100,246", "561,718")
        };
        assert!(
            headline.contains("2024") && headline.contains(network) && headline.contains(sweden),
            "{headline}"
        );
        assert!(
            headline.contains("SCB") || headline.contains("Statistics Sweden"),
            "{headline}"
        );
        // The summary's median for 2024 is the table's.
        let summary = b.text("[data-testid=summary]").unwrap();
        let median = b
            .js(
                "const m = arguments[0].match(/2024: ([0-9][0-9\\u00a0,.]*[0-9])[\\s\\u00a0]?%/); return m ? m[1] : null",
                serde_json::json!([summary]),
            )
            .unwrap();
        let median = median
            .as_str()
            .unwrap_or_else(|| panic!("no 2024 median in {summary:?}"))
            .to_owned();
        b.screenshot(&shots().join(format!("employment-first-{lang}-{width}.png")))
            .unwrap();
        b.click("[data-testid=view-table]").unwrap();
        b.wait_for("[data-testid=table] tbody tr").unwrap();
        let row = b
            .js(
                "return [...document.querySelectorAll('[data-testid=table] tbody tr')].map(r => r.textContent).find(t => t.startsWith(arguments[0]))",
                serde_json::json!([if lang == "sv" { "Nätverkets median" } else { "Network median" }]),
            )
            .unwrap();
        let row = row.as_str().unwrap_or_default().to_owned();
        assert!(
            row.contains(&median),
            "median {median:?} in the summary, table row {row:?}"
        );
    }
}

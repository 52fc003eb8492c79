//! The skills and labour-market theme in the browser, on a site built from SYNTHETIC rates (the
//! committed tables with `labour.csv` replaced): unemployment ranks the lowest first, the
//! summary says Riket is not in the source, the measure menu offers no index for a rate, and a
//! link asking for one is told so.

use std::path::{Path, PathBuf};

use muni_e2e::{Browser, copy_dir, dist, ready, root, serve};

fn shots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots")
}

#[test]
fn rates_rank_lowest_unemployment_first_and_are_never_indexed() {
    if !ready() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("muni-e2e-skills-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(
        &root().join("data/normalised"),
        &dir.join("data/normalised"),
    );
    // SYNTHETIC unemployment rates for three members, 2021–2022.
    let mut csv = String::from("region_code,year,variable,value,status\n");
    for (code, rate) in [("0181", 9.5), ("0382", 2.5), ("2284", 4.0)] {
        for (k, year) in [2021, 2022].iter().enumerate() {
            csv.push_str(&format!(
                "{code},{year},labour.unemployment_rate,{},ok\n",
                rate + 0.5 * k as f64
            ));
        }
    }
    std::fs::write(dir.join("data/normalised/labour.csv"), csv).unwrap();
    let site = dir.join("site");
    copy_dir(&dist(), &site);
    std::fs::remove_dir_all(site.join("data")).unwrap();
    muni_pipeline::build(&dir.join("data"), &site.join("data")).unwrap();
    let base = serve(&site);

    for (width, lang) in [(1280, "sv"), (390, "en")] {
        let b = Browser::start(width, 1000).expect("headless chromium");
        b.goto(&format!(
            "{base}?i=labour_unemployment_rate&v=ranking&r=0181&lang={lang}"
        ))
        .unwrap();
        b.wait_for("[data-testid=chart] svg").unwrap();
        b.wait_for("[data-testid=summary]").unwrap();
        // Place 1 is the lowest rate: Östhammar 3,0 % in 2022, Södertälje last of three.
        let said = b.text("[data-testid=summary]").unwrap();
        if lang == "sv" {
            assert!(
                said.contains("plats 3 av 3") && said.contains("Riket: uppgift saknas i källan."),
                "{said}"
            );
        } else {
            assert!(
                said.contains("rank 3 of 3")
                    && said.contains("Sweden: not available in the source."),
                "{said}"
            );
        }
        b.click("details.table summary").unwrap();
        b.wait_for("[data-testid=table] tbody tr[data-code='0382']")
            .unwrap();
        let order = b
            .js(
                "return [...document.querySelectorAll('[data-testid=table] tbody tr[data-code]')].map(r => r.dataset.code).filter(c => c.length === 4)",
                serde_json::json!([]),
            )
            .unwrap();
        assert_eq!(order, serde_json::json!(["0382", "2284", "0181"]));
        // A rate has no index: the measure menu offers the values only.
        let measures = b
            .js(
                "return [...document.querySelectorAll('[data-testid=measure] option')].map(o => o.value)",
                serde_json::json!([]),
            )
            .unwrap();
        assert_eq!(measures, serde_json::json!(["labour_unemployment_rate"]));
        b.screenshot(&shots().join(format!("skills-ranking-{lang}.png")))
            .unwrap();
    }

    // A link that asks for an index of a rate: a notice, and the values shown.
    let b = Browser::start(1280, 1000).expect("headless chromium");
    b.goto(&format!(
        "{base}?i=labour_unemployment_rate&m=index&b=2021&r=0382"
    ))
    .unwrap();
    b.wait_for("[data-testid=notice]").unwrap();
    let notice = b.text("[data-testid=notice]").unwrap();
    assert!(
        notice.contains("b=2021") && notice.contains("procentenheter"),
        "{notice}"
    );
    b.wait_until(
        "return !location.search.includes('m=index')",
        "the index dropped from the URL",
    )
    .unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    let chart = b
        .js(
            "return document.querySelector('[data-testid=chart]').textContent",
            serde_json::json!([]),
        )
        .unwrap();
    let chart = chart.as_str().unwrap_or_default();
    assert!(
        chart.contains("axeln börjar inte vid 0") && !chart.contains("Index"),
        "{chart}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

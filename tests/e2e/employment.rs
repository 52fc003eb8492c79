//! With employment figures (a SYNTHETIC fixture in the format `fetch` writes), the pipeline
//! publishes the employment indicators and the built dashboard charts them.

use std::path::{Path, PathBuf};

use muni_e2e::{Browser, dist, ready, serve};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
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

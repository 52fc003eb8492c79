//! The built dashboard (`dist/`) in headless Chromium: the default view, search and chips,
//! indicator and measure, ranking, the URL round trip, English, the table against the chart,
//! and a corrupted link. Screenshots of each view go to `target/tmp/e2e-screenshots/`.
//!
//! Needs `trunk build --release` and Debian's chromium + chromium-driver (`scripts/test.sh`
//! does both). Without them the test says SKIPPED, except under CI, where it fails.

use std::path::{Path, PathBuf};

use muni_e2e::{Browser, dist, ready, serve};

fn shots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots")
}

/// Waits for the chart's SVG (the data has loaded and been drawn).
fn chart(b: &Browser) -> String {
    b.wait_for("[data-testid=chart] svg").unwrap();
    b.js(
        "return document.querySelector('[data-testid=chart]').innerHTML",
        serde_json::json!([]),
    )
    .unwrap()
    .as_str()
    .unwrap()
    .to_owned()
}

#[test]
fn dashboard_in_a_real_browser() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 1000).expect("headless chromium");

    // 1. The first screen: the network's ranking in the latest year, every member named with
    // its value, the median and Riket as reference lines, in Swedish.
    b.goto(&base).unwrap();
    let svg = chart(&b);
    // An icon for the tab and the bookmark, inside the page (no request that could fail).
    let icon = b
        .js(
            "const l = document.querySelector('link[rel=icon]'); return l ? l.href : ''",
            serde_json::json!([]),
        )
        .unwrap();
    assert!(
        icon.as_str().unwrap().starts_with("data:image/svg+xml,"),
        "{icon}"
    );
    assert!(b.url().unwrap().contains("v=ranking"));
    let text = b.text("[data-testid=chart]").unwrap();
    assert!(
        text.contains("Nätverkets median") && text.contains("Riket"),
        "the references are named: {text}"
    );
    assert!(svg.matches("<rect").count() > 20, "a bar for each member");
    for member in ["Olofström", "Skövde", "Luleå", "Kiruna"] {
        assert!(text.contains(member), "{member} is named");
    }
    assert_eq!(b.text("h1").unwrap(), "Industrikommunerna i siffror");
    assert!(
        b.text("[data-testid=source]")
            .unwrap()
            .starts_with("Källa: SCB")
    );
    b.screenshot(&shots().join("1-default.png")).unwrap();

    // Over time: the members as context lines, the median and Riket named at their ends.
    b.click("[data-testid=view-series]").unwrap();
    b.wait_until(
        "return document.querySelector('[data-testid=chart] svg') && document.querySelector('[data-testid=chart] svg').textContent.includes('Nätverkets median ')",
        "the series with its end labels",
    )
    .unwrap();
    let svg = chart(&b);
    assert!(
        svg.matches("<polyline").count() > 20,
        "the members' lines are drawn"
    );

    // 2. Search "Öst" and add Östhammar.
    b.type_into("[data-testid=search]", "Öst").unwrap();
    b.wait_for("[data-testid=hits] button[data-code='0382']")
        .unwrap();
    b.click("[data-testid=hits] button[data-code='0382']")
        .unwrap();
    b.wait_for("[data-testid=chips] [data-code='0382']")
        .unwrap();
    assert!(b.url().unwrap().contains("r=0382"));
    assert!(chart(&b).contains("Östhammar"));

    // 3. Another indicator, as an index.
    b.select("[data-testid=indicator]", "electricity_production_total")
        .unwrap();
    b.wait_until(
        "return location.search.includes('i=electricity_production_total')",
        "the indicator in the URL",
    )
    .unwrap();
    b.wait_until(
        "return document.querySelector('[data-testid=chart]').innerHTML.includes('Elproduktion')",
        "the new chart",
    )
    .unwrap();
    b.select("[data-testid=measure]", "2009").unwrap();
    b.wait_until("return document.querySelector('[data-testid=chart]').innerHTML.includes('Index, 2009 = 100')", "the index chart").unwrap();
    assert!(b.url().unwrap().contains("m=index&b=2009"));
    b.screenshot(&shots().join("3-index.png")).unwrap();

    // 4. The URL round-trips: a reload gives the same view.
    let before = b.url().unwrap();
    b.refresh().unwrap();
    let svg = chart(&b);
    assert_eq!(b.url().unwrap(), before);
    assert!(svg.contains("Index, 2009 = 100") && svg.contains("Östhammar"));
    b.wait_for("[data-testid=chips] [data-code='0382']")
        .unwrap();

    // 5. The table holds the chart's numbers: Östhammar's 2019 production as published.
    b.select("[data-testid=measure]", "electricity_production_total")
        .unwrap();
    b.click("[data-testid=view-table]").unwrap();
    b.wait_until(
        "return location.search.includes('v=table')",
        "the table view",
    )
    .unwrap();
    b.wait_until("return document.querySelector('[data-testid=table]').textContent.includes('24\u{a0}277\u{a0}961')", "Östhammar 2019 in the table").unwrap();
    let row = b
        .js("return [...document.querySelectorAll('[data-testid=table] tbody tr')].map(r => r.textContent).find(t => t.startsWith('Östhammar'))", serde_json::json!([]))
        .unwrap();
    assert!(
        row.as_str().unwrap().contains("24\u{a0}277\u{a0}961"),
        "{row}"
    );
    b.screenshot(&shots().join("5-table.png")).unwrap();

    // 6. A ranking of the network.
    b.click("[data-testid=view-ranking]").unwrap();
    b.wait_until("return document.querySelector('[data-testid=chart] svg') && document.querySelector('[data-testid=chart]').innerHTML.includes('nätverkets kommuner')", "the ranking").unwrap();
    assert!(b.url().unwrap().contains("v=ranking"));
    // The year picker of a ranking: 2019, when Östhammar produced 24,277,961 MWh.
    b.wait_for("[data-testid=ranking-year]").unwrap();
    b.select("[data-testid=ranking-year]", "2019").unwrap();
    b.wait_until("return document.querySelector('[data-testid=chart]').innerHTML.includes('Elproduktion 2019')", "the 2019 ranking").unwrap();
    // (innerHTML writes the no-break spaces as &nbsp;; the text has them as characters.)
    let text = b.text("[data-testid=chart]").unwrap();
    // Every bar carries its value at its end (the axis names them all).
    assert!(
        text.contains("Östhammar") && text.contains("24\u{a0}277\u{a0}961"),
        "{text}"
    );
    assert!(b.url().unwrap().contains("t=2019"));
    // The selected municipality's places, and how it moved since 2018.
    let said = b.text("[data-testid=summary]").unwrap();
    assert!(
        said.starts_with("Östhammar har nätverkets ") && said.contains("2018"),
        "{said}"
    );
    b.screenshot(&shots().join("6-ranking.png")).unwrap();
    // The table behind the ranking: in rank order, with the places the sentence gives.
    b.click("details.table summary").unwrap();
    b.wait_for("[data-testid=table] tbody tr[data-code='0382']")
        .unwrap();
    let cells = |code: &str| -> Vec<String> {
        let js = format!(
            "return [...document.querySelectorAll(\"[data-testid=table] tbody tr[data-code='{code}'] td\")].map(c => c.textContent)"
        );
        serde_json::from_value(b.js(&js, serde_json::json!([])).unwrap()).unwrap()
    };
    let osthammar = cells("0382");
    assert_eq!(osthammar[0], "24\u{a0}277\u{a0}961", "{osthammar:?}");
    assert!(
        said.contains(&format!("plats {} av ", osthammar[1])),
        "{said} / {osthammar:?}"
    );
    // The summary states the table's figures: value, unit and place; it is also the chart's
    // text alternative.
    let summary = b.text("[data-testid=summary]").unwrap();
    assert!(
        summary.starts_with("Östhammar har nätverkets ")
            && summary.contains(&format!(
                "elproduktion 2019 ({} MWh), plats {} av ",
                osthammar[0], osthammar[1]
            )),
        "{summary} / {osthammar:?}"
    );
    let described = b
        .js(
            "return document.querySelector('[data-testid=chart]').getAttribute('aria-description')",
            serde_json::json!([]),
        )
        .unwrap();
    assert_eq!(described.as_str(), Some(summary.as_str()));
    let column = |i: usize| -> Vec<String> {
        let js = format!(
            "return [...document.querySelectorAll('[data-testid=table] tbody tr')].map(r => r.children[{i}].textContent)"
        );
        serde_json::from_value(b.js(&js, serde_json::json!([])).unwrap()).unwrap()
    };
    let number = |t: &str| -> f64 {
        t.replace(['\u{a0}', ' '], "")
            .replace('\u{2212}', "-")
            .replace(',', ".")
            .parse()
            .unwrap_or(f64::NAN)
    };
    // Sorted, with the members without a value (no rank, "–") after the ranked ones.
    let in_order = |v: &[f64]| {
        let n = v.iter().take_while(|x| x.is_finite()).count();
        v[..n].windows(2).all(|w| w[0] <= w[1]) && v[n..].iter().all(|x| x.is_nan())
    };
    let ranks: Vec<f64> = column(2).iter().map(|t| number(t)).collect();
    assert_eq!(ranks[0], 1.0, "rank order: {ranks:?}");
    assert!(in_order(&ranks), "{ranks:?}");
    assert_eq!(ranks.len(), 24, "every member, ranked or not");
    // Sorting: the first click on a number column sorts highest first, the second lowest first.
    b.click("[data-testid=table] thead th:nth-child(2) button")
        .unwrap();
    b.wait_until("return document.querySelector('[data-testid=table] thead th:nth-child(2)').getAttribute('aria-sort') === 'descending'", "sorted descending").unwrap();
    b.click("[data-testid=table] thead th:nth-child(2) button")
        .unwrap();
    b.wait_until("return document.querySelector('[data-testid=table] thead th:nth-child(2)').getAttribute('aria-sort') === 'ascending'", "sorted ascending").unwrap();
    let values: Vec<f64> = column(1).iter().map(|t| number(t)).collect();
    assert!(values.len() >= 10, "{values:?}");
    let finite: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    assert!(
        finite.len() >= 10 && finite.windows(2).all(|w| w[0] <= w[1]),
        "{values:?}"
    );

    // 7. English.
    b.click("[data-testid=lang-en]").unwrap();
    b.wait_until("return document.querySelector('h1').textContent === \"Sweden's industrial municipalities in figures\"", "English").unwrap();
    assert!(b.url().unwrap().contains("lang=en"));
    assert!(chart(&b).contains("the network's municipalities"));
    // The page's language and title follow (screen readers, tabs, bookmarks).
    let (lang, title) = (
        b.js(
            "return document.documentElement.lang",
            serde_json::json!([]),
        )
        .unwrap(),
        b.js("return document.title", serde_json::json!([]))
            .unwrap(),
    );
    assert_eq!(lang, "en");
    assert_eq!(
        title,
        "Electricity production – Sweden's industrial municipalities in figures"
    );
    b.screenshot(&shots().join("7-english.png")).unwrap();

    // 8. A municipality's profile: every indicator, its latest value and ranks.
    b.goto(&format!("{base}?v=profile&p=0382")).unwrap();
    b.wait_for("[data-testid=profile-table] tr[data-id=electricity_production_total]")
        .unwrap();
    let row = b
        .text("[data-testid=profile-table] tr[data-id=electricity_production_total]")
        .unwrap();
    // Ranked among the municipalities with a published 2020 value (many are confidential).
    let file: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dist().join("data/indicators/electricity_production_total.json")).unwrap(),
    )
    .unwrap();
    let published = file["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            let code = s["region"].as_str().unwrap();
            code.len() == 4
                && code.bytes().all(|b| b.is_ascii_digit())
                && s["status"].as_str().unwrap().ends_with('o')
        })
        .count();
    assert!((100..290).contains(&published), "{published}");
    assert!(
        row.contains("22\u{a0}594\u{a0}907") && row.contains(&format!("1 / {published}")),
        "{row}"
    );
    assert_eq!(b.text("[data-testid=profile] h2").unwrap(), "Östhammar");
    b.screenshot(&shots().join("8-profile.png")).unwrap();
    // An indicator's title in the profile opens it over time.
    b.click("[data-testid=profile-table] tr[data-id=electricity_production_total] button")
        .unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    let url = b.url().unwrap();
    assert!(url.contains("i=electricity_production_total"), "{url}");
    assert!(!url.contains("v=profile"), "{url}");

    // 9. A corrupted link: a visible notice, and the rest of the view still works.
    b.goto(&format!("{base}?i=%3Cscript%3E&r=0382,99x&v=pie&lang=en"))
        .unwrap();
    b.wait_for("[data-testid=notice]").unwrap();
    let notice = b.text("[data-testid=notice]").unwrap();
    assert!(
        notice.contains("99x") && notice.contains("v=pie") && notice.contains("<script>"),
        "{notice}"
    );
    assert!(chart(&b).contains("Östhammar"));
    // The hostile indicator id was shown as text, never inserted as markup.
    let injected = b.js("return [...document.querySelectorAll('script')].some(s => s.textContent.includes('<script>') || s.outerHTML.includes('%3Cscript'))", serde_json::json!([])).unwrap();
    assert_eq!(injected, serde_json::json!(false));
    b.screenshot(&shots().join("9-notice.png")).unwrap();
    eprintln!("screenshots in {}", shots().display());
}

/// The dashboard without a mouse: skip link, search and Enter, view buttons, sortable headings.
#[test]
fn dashboard_by_keyboard() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 1000).expect("headless chromium");
    b.goto(&base).unwrap();
    chart(&b);
    let active = || {
        b.js(
            "const a = document.activeElement; return (a.dataset.testid || a.className || a.tagName) + '|' + a.textContent",
            serde_json::json!([]),
        )
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
    };
    // The first Tab reaches the skip link, and following it moves the focus to the chart.
    b.keys("\u{E004}").unwrap();
    assert_eq!(active(), "skip|Hoppa till diagrammet");
    b.keys("\u{E007}").unwrap();
    b.wait_until(
        "return document.activeElement.id === 'main'",
        "the focus on the chart",
    )
    .unwrap();
    // Search, and Enter adds the first match.
    b.js(
        "document.querySelector('[data-testid=search]').focus()",
        serde_json::json!([]),
    )
    .unwrap();
    b.keys("Skövde").unwrap();
    b.wait_until(
        "return [...document.querySelectorAll('.sr-only')].some(p => p.textContent.startsWith('1 träff,'))",
        "the match count read out",
    )
    .unwrap();
    b.keys("\u{E007}").unwrap();
    b.wait_for("[data-testid=chips] [data-code='1496']")
        .unwrap();
    assert!(b.url().unwrap().contains("r=1496"));
    // The focus stays in the search for the next one.
    b.wait_until(
        "return document.activeElement === document.querySelector('[data-testid=search]')",
        "the focus back in the search after adding",
    )
    .unwrap();
    // Members are marked in the hits, others not.
    b.keys("Sk").unwrap();
    b.wait_for("[data-testid=hits] button[data-code='1264']")
        .unwrap();
    let marks = b
        .js(
            "const t = c => document.querySelector(`[data-testid=hits] button[data-code='${c}']`).textContent; return [t('1496'), t('1264')]",
            serde_json::json!([]),
        )
        .unwrap();
    assert!(
        marks[0].as_str().unwrap().ends_with("i nätverket")
            && !marks[1].as_str().unwrap().contains("nätverket"),
        "{marks}"
    );
    b.js(
        "const i = document.querySelector('[data-testid=search]'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); return true",
        serde_json::json!([]),
    )
    .unwrap();
    // Removing a chip moves the focus to the chip in its place, or the search when none is left.
    let chips = || {
        b.js(
            "return document.querySelectorAll('[data-testid=chips] li').length",
            serde_json::json!([]),
        )
        .unwrap()
        .as_u64()
        .unwrap()
    };
    while chips() > 0 {
        let n = chips();
        b.js(
            "document.querySelector('[data-testid=chips] li button').click(); return true",
            serde_json::json!([]),
        )
        .unwrap();
        b.wait_until(
            &format!(
                "return document.querySelectorAll('[data-testid=chips] li').length === {}",
                n - 1
            ),
            "a chip removed",
        )
        .unwrap();
        let want = if n > 1 {
            "document.querySelector('[data-testid=chips] li button')"
        } else {
            "document.querySelector('[data-testid=search]')"
        };
        b.wait_until(
            &format!("return document.activeElement === {want}"),
            "the focus after removal",
        )
        .unwrap();
    }
    // A county removed can be chosen again.
    for _ in 0..2 {
        b.select("[data-testid=county]", "25").unwrap();
        b.wait_until(
            "return location.search.includes('lan25')",
            "Norrbotten added",
        )
        .unwrap();
        assert_eq!(
            b.js(
                "return document.querySelector('[data-testid=county]').value",
                serde_json::json!([])
            )
            .unwrap(),
            serde_json::json!(""),
            "the menu back at its prompt"
        );
        b.js(
            "document.querySelector('[data-testid=chips] li.group button').click(); return true",
            serde_json::json!([]),
        )
        .unwrap();
        b.wait_until(
            "return !location.search.includes('lan25')",
            "Norrbotten removed",
        )
        .unwrap();
    }
    b.type_into("[data-testid=search]", "Skövde").unwrap();
    b.keys("\u{E007}").unwrap();
    b.wait_for("[data-testid=chips] [data-code='1496']")
        .unwrap();
    // The view buttons and the table's headings answer to the keyboard.
    b.js(
        "document.querySelector('[data-testid=view-table]').focus()",
        serde_json::json!([]),
    )
    .unwrap();
    b.keys("\u{E007}").unwrap();
    b.wait_until(
        "return location.search.includes('v=table')",
        "the table view",
    )
    .unwrap();
    assert_eq!(
        b.text("[data-testid=view-table]").unwrap(),
        "Tabell",
        "the pressed view button"
    );
    b.wait_for("[data-testid=table] thead th:nth-child(1) button")
        .unwrap();
    b.js(
        "document.querySelector('[data-testid=table] thead th:nth-child(1) button').focus()",
        serde_json::json!([]),
    )
    .unwrap();
    b.keys(" ").unwrap();
    b.wait_until("return document.querySelector('[data-testid=table] thead th:nth-child(1)').getAttribute('aria-sort') === 'ascending'", "sorted by name").unwrap();
    let pressed = b
        .js("return document.querySelector('[data-testid=view-table]').getAttribute('aria-pressed')", serde_json::json!([]))
        .unwrap();
    assert_eq!(pressed, serde_json::json!("true"));
    // A visible focus ring.
    let outline = b
        .js(
            "return getComputedStyle(document.activeElement).outlineStyle",
            serde_json::json!([]),
        )
        .unwrap();
    assert_eq!(outline, serde_json::json!("solid"));
}

/// The text of the member line's tip, once there is one.
fn line_tip(b: &Browser) -> String {
    b.wait_for("[data-testid=line-tip]").unwrap();
    b.text("[data-testid=line-tip]").unwrap()
}

#[test]
fn the_other_members_lines_answer_to_keys_pointer_and_tap() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    for (w, h, shot) in [
        (1280, 1000, "line-highlight-1280.png"),
        (390, 844, "line-highlight-390.png"),
    ] {
        let b = Browser::start(w, h).expect("headless chromium");
        b.goto(&format!(
            "{base}?i=employment_industry_share&v=series&r=1496"
        ))
        .unwrap();
        chart(&b);
        b.wait_until(
            "return document.getElementById('prerendered') === null",
            "the app in place",
        )
        .unwrap();
        assert_eq!(
            b.js(
                "return document.querySelector('[data-testid=chart]').tabIndex",
                serde_json::json!([])
            )
            .unwrap(),
            serde_json::json!(0),
            "the series chart takes the focus"
        );
        b.js(
            "document.querySelector('[data-testid=chart]').focus(); return true",
            serde_json::json!([]),
        )
        .unwrap();
        // The first arrow: the highest of the other members in the latest year.
        b.keys("\u{E015}").unwrap(); // ↓
        let first = line_tip(&b);
        assert!(first.contains(" 2024: "), "{first}");
        assert!(
            !first.starts_with("Skövde"),
            "a member other than the selection: {first}"
        );
        b.keys("\u{E015}").unwrap();
        b.wait_until(
            &format!(
                "return document.querySelector('[data-testid=line-tip]').textContent !== {first:?}"
            ),
            "the next member down",
        )
        .unwrap();
        b.keys("\u{E012}").unwrap(); // ←
        b.wait_until(
            "return document.querySelector('[data-testid=line-tip]').textContent.includes(' 2023: ')",
            "the year before",
        )
        .unwrap();
        let line = b
            .js(
                "return document.querySelectorAll('.highlight-layer polyline').length",
                serde_json::json!([]),
            )
            .unwrap();
        assert!(
            line.as_u64().unwrap() >= 1,
            "the member's whole line drawn: {line}"
        );
        if w == 1280 {
            b.screenshot(&shots().join(shot)).unwrap();
        }
        b.keys("\u{E00C}").unwrap(); // Escape
        b.wait_until(
            "return document.querySelector('[data-testid=line-tip]') === null",
            "the highlight gone",
        )
        .unwrap();
        // The pointer (and a tap) on the point a member is drawn at shows that member.
        b.keys("\u{E015}").unwrap();
        let picked = line_tip(&b);
        let ring = b
            .js(
                "const r = document.querySelector('.highlight-layer circle').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]",
                serde_json::json!([]),
            )
            .unwrap();
        for event in ["mousemove", "click"] {
            b.keys("\u{E00C}").unwrap();
            b.wait_until(
                "return document.querySelector('[data-testid=line-tip]') === null",
                "the highlight gone",
            )
            .unwrap();
            b.js(
                &format!(
                    "const chart = document.querySelector('[data-testid=chart]'); chart.dispatchEvent(new MouseEvent({event:?}, {{clientX: arguments[0][0], clientY: arguments[0][1], bubbles: true}})); return true"
                ),
                serde_json::json!([ring]),
            )
            .unwrap();
            assert_eq!(line_tip(&b), picked, "{event} at the member's point");
        }
        // A tap does not add the member to the selection (the map's tap does; a line's says).
        assert!(!b.url().unwrap().contains(','), "{}", b.url().unwrap());
        if w != 1280 {
            b.screenshot(&shots().join(shot)).unwrap();
        }
    }
}

#[test]
fn measures_are_one_menu_and_a_new_indicator_keeps_the_measure_it_has() {
    if !ready() {
        return;
    }
    let base = serve(&dist());
    let b = Browser::start(1280, 900).expect("headless chromium");
    b.goto(&format!(
        "{base}?i=electricity_production_total&v=series&r=0382"
    ))
    .unwrap();
    chart(&b);
    // The per-inhabitant figure is not an entry of the indicator menu but a measure.
    let menu = b
        .js(
            "return [[...document.querySelectorAll('[data-testid=indicator] option')].map(o => o.value), [...document.querySelectorAll('[data-testid=measure] option')].map(o => o.value + '|' + o.textContent)]",
            serde_json::json!([]),
        )
        .unwrap();
    let indicators: Vec<&str> = menu[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        indicators.contains(&"electricity_production_total"),
        "{indicators:?}"
    );
    assert!(
        !indicators.contains(&"electricity_production_per_inhabitant"),
        "{indicators:?}"
    );
    assert!(
        !indicators.contains(&"employment_industry_share"),
        "{indicators:?}"
    );
    let measures: Vec<&str> = menu[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        &measures[..2],
        [
            "electricity_production_total|MWh",
            "electricity_production_per_inhabitant|MWh per invånare"
        ],
        "{measures:?}"
    );
    assert!(
        measures.contains(&"2009|MWh, index 2009 = 100"),
        "{measures:?}"
    );
    b.select(
        "[data-testid=measure]",
        "electricity_production_per_inhabitant",
    )
    .unwrap();
    b.wait_until(
        "return location.search.includes('i=electricity_production_per_inhabitant') && document.querySelector('[data-testid=chart]').innerHTML.includes('MWh per invånare')",
        "the per-inhabitant chart",
    )
    .unwrap();
    // Another indicator per inhabitant stays per inhabitant; one without it opens as published.
    b.select("[data-testid=indicator]", "electricity_use_total")
        .unwrap();
    b.wait_until(
        "return location.search.includes('i=electricity_use_per_inhabitant')",
        "electricity use per inhabitant",
    )
    .unwrap();
    assert_eq!(
        b.js(
            "return document.querySelector('[data-testid=indicator]').value",
            serde_json::json!([])
        )
        .unwrap(),
        serde_json::json!("electricity_use_total")
    );
    b.select("[data-testid=indicator]", "population").unwrap();
    b.wait_until(
        "return location.search.includes('i=population')",
        "population",
    )
    .unwrap();
    b.screenshot(&shots().join("measures.png")).unwrap();
}

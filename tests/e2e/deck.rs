//! The presenter's deck in headless Chromium: views added from the page, moved and retitled,
//! the deck in the URL and remembered for the next visit; presenter mode full screen at
//! 1920×1080 with text legible from the back of a room, the keys a clicker sends, light and
//! dark; the deck presented again with the network gone (the server down and the DevTools
//! protocol's offline mode); the PowerPoint file opened by python-pptx; the printed handout.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use muni_e2e::{Browser, dist, ready, serve_switchable};
use serde_json::json;

fn shots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots")
}

fn search(b: &Browser) -> String {
    b.js("return location.search", json!([]))
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

/// The `deck=` value of the page's address.
fn deck_param(b: &Browser) -> String {
    let s = search(b);
    s.split('&')
        .find_map(|p| p.strip_prefix("deck="))
        .unwrap_or("")
        .to_owned()
}

fn slide_count(b: &Browser) -> usize {
    b.js(
        "return document.querySelectorAll('[data-testid=deck-slides] li').length",
        json!([]),
    )
    .unwrap()
    .as_u64()
    .unwrap() as usize
}

fn add_view(b: &Browser, base: &str, view: &str, deck: &str) {
    let sep = if deck.is_empty() {
        String::new()
    } else {
        format!("&deck={deck}")
    };
    b.goto(&format!("{base}?{view}{sep}")).unwrap();
    b.wait_for("[data-testid=chart] svg").unwrap();
    b.wait_for("[data-testid=deck]").unwrap();
    let before = slide_count(b);
    b.js(
        "document.querySelector('[data-testid=deck]').open = true; return true",
        json!([]),
    )
    .unwrap();
    b.click("[data-testid=deck-add]").unwrap();
    b.wait_until(
        &format!(
            "return document.querySelectorAll('[data-testid=deck-slides] li').length === {}",
            before + 1
        ),
        "the slide added",
    )
    .unwrap();
}

fn wait_number(b: &Browser, want: &str) {
    b.wait_until(
        &format!(
            "const e = document.querySelector('[data-testid=present-number]'); return e !== null && e.textContent === {want:?} && document.querySelector('#present .slide.current[data-n=\"{}\"] svg') !== null",
            want.split(' ').next().unwrap()
        ),
        &format!("slide {want}"),
    )
    .unwrap_or_else(|e| {
        let state = b
            .js(
                "const p = document.getElementById('present'); return p ? p.outerHTML.slice(0, 600) + ' … ' + [...p.querySelectorAll('.slide')].map(s => s.className + s.dataset.n).join(' ') : 'no #present; ' + location.search",
                json!([]),
            )
            .unwrap_or_default();
        panic!("{e}: {state}")
    });
}

/// The smallest text on the current slide: the HTML's font size and the chart's text height,
/// in CSS pixels.
fn smallest_text(b: &Browser) -> (f64, f64) {
    let v = b
        .js(
            "const s = document.querySelector('#present .slide.current');
             const html = [...s.querySelectorAll('p')].map(p => parseFloat(getComputedStyle(p).fontSize));
             const svg = [...s.querySelectorAll('svg text')].filter(t => t.textContent.trim() !== '').map(t => [t.getBoundingClientRect().height, t.textContent]).sort((a, b) => a[0] - b[0]);
             return [Math.min(...html), svg[0][0], svg[0][1]]",
            json!([]),
        )
        .unwrap();
    let (html, svg) = (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
    if svg < 16.0 {
        eprintln!("the chart's smallest text: {:?} at {svg} px", v[2]);
    }
    (html, svg)
}

// Long: one presenter's evening and morning, in order: build the deck, present it, present it
// offline, take it away as PowerPoint and as a handout.
#[test]
fn a_deck_is_built_presented_offline_and_taken_away() {
    if !ready() {
        return;
    }
    let (base, down) = serve_switchable(&dist());
    let b = Browser::start(1920, 1080).expect("headless chromium");

    // Three views become slides; the deck is in the address all along.
    add_view(&b, &base, "i=population&v=ranking&r=1496", "");
    let deck = deck_param(&b);
    add_view(
        &b,
        &base,
        "i=employment_industry_share&v=series&r=1496,0181",
        &deck,
    );
    let deck = deck_param(&b);
    add_view(&b, &base, "i=population&v=map&r=1496", &deck);
    assert_eq!(slide_count(&b), 3);
    let placeholders = || {
        b.js(
            "return [...document.querySelectorAll('[data-testid=deck-slides] input')].map(i => i.placeholder)",
            json!([]),
        )
        .unwrap()
    };
    let first = placeholders()[0].clone();
    // Moved down, then retitled.
    b.click("[data-action=deck-down][data-n='0']").unwrap();
    b.wait_until(
        &format!("return document.querySelectorAll('[data-testid=deck-slides] input')[1].placeholder === {first}"),
        "the slide moved",
    )
    .unwrap();
    b.js(
        "const i = document.querySelector('[data-action=deck-title][data-n=\"0\"]'); i.value = 'Våra jobb & <vi>'; i.dispatchEvent(new Event('change', {bubbles: true})); return true",
        json!([]),
    )
    .unwrap();
    b.wait_until(
        "return document.querySelector('[data-action=deck-title][data-n=\"0\"]').value === 'Våra jobb & <vi>'",
        "the title kept",
    )
    .unwrap();
    let deck = deck_param(&b);
    assert!(
        deck.contains("~V%25C3%25A5ra") || deck.contains("~V%C3%A5ra"),
        "{deck}"
    );

    // Remembered: a bare address opens with the deck.
    b.goto(&base).unwrap();
    b.wait_for("[data-testid=deck]").unwrap();
    b.wait_until(
        "return location.search.includes('deck=')",
        "the remembered deck",
    )
    .unwrap();
    assert_eq!(slide_count(&b), 3);

    // Presenter mode: the first slide, the keys a clicker sends, the end.
    b.js(
        "document.querySelector('[data-testid=deck]').open = true; return true",
        json!([]),
    )
    .unwrap();
    b.click("[data-testid=deck-present]").unwrap();
    wait_number(&b, "1 / 3");
    b.wait_for("[data-testid=present-offline]").unwrap();
    // Headless Chromium's full screen is a small window: back to a projector's 1920×1080,
    // which the slide follows.
    b.js(
        "if (document.fullscreenElement) { document.exitFullscreen(); } return true",
        json!([]),
    )
    .unwrap();
    b.set_window(1920, 1080).unwrap();
    b.wait_until("return window.outerWidth === 1920", "the window at 1920 px")
        .unwrap();
    // The slides are drawn again for the new box (four fifths of its width), not scaled.
    b.wait_until(
        "const bw = Math.floor(Math.min(innerWidth, innerHeight * 16 / 9)); const s = document.querySelector('#present .slide.current svg'); return s !== null && Number(s.getAttribute('width')) === Math.floor(bw * 4 / 5)",
        "the slide drawn for the 1920 px window",
    )
    .unwrap();
    let offline = b.text("[data-testid=present-offline]").unwrap();
    assert!(
        offline.starts_with("Sparad för visning utan nät · Dataversion"),
        "{offline}"
    );
    let title = b.text("#present .slide.current svg").unwrap();
    assert!(
        title.contains("Våra jobb & <vi>"),
        "the presenter's title: {title}"
    );
    let (html, svg) = smallest_text(&b);
    assert!(
        html >= 20.0,
        "the slide's sentence, source and number at {html} px"
    );
    let smallest = b
        .js(
            "const t = [...document.querySelectorAll('#present .slide.current svg text')].filter(t => t.textContent.trim() !== '').sort((a, b) => a.getBoundingClientRect().height - b.getBoundingClientRect().height)[0]; return t.textContent + ' @ ' + t.getAttribute('font-size')",
            json!([]),
        )
        .unwrap();
    assert!(
        svg >= 16.0,
        "the chart's smallest text at {svg} px: {smallest}"
    );
    b.screenshot(&shots().join("present-1920-sv.png")).unwrap();
    for (key, want) in [
        ("\u{E014}", "2 / 3"), // →
        ("\u{E00F}", "3 / 3"), // Page Down
        ("\u{E014}", "3 / 3"), // no further than the last
        ("\u{E011}", "1 / 3"), // Home
        ("\u{E010}", "3 / 3"), // End
        ("\u{E00E}", "2 / 3"), // Page Up
    ] {
        b.keys(key).unwrap();
        wait_number(&b, want);
        // Every slide legible, the map's too, with the ranking beside it.
        let (html, svg) = smallest_text(&b);
        assert!(
            html >= 20.0 && svg >= 16.0,
            "slide {want}: {html} px, {svg} px"
        );
    }
    b.keys("\u{E010}").unwrap(); // End: the map
    wait_number(&b, "3 / 3");
    let ranked = b
        .js(
            "const s = document.querySelector('#present .slide.current svg'); return [...s.querySelectorAll('text')].some(t => t.textContent.trim() === 'Skövde') && s.querySelectorAll('polygon').length > 200",
            json!([]),
        )
        .unwrap();
    assert_eq!(
        ranked,
        json!(true),
        "the map slide has its ranking beside the map, in its picture"
    );
    b.keys("\u{E00E}").unwrap(); // Page Up
    wait_number(&b, "2 / 3");
    assert!(search(&b).contains("present=2"), "{}", search(&b));
    b.screenshot(&shots().join("present-1920-sv-2.png"))
        .unwrap();
    b.keys("\u{E00C}").unwrap(); // Escape
    b.wait_until(
        "return document.getElementById('present') === null",
        "presenter mode closed",
    )
    .unwrap();

    // Dark, in English: the same deck.
    let deck = deck_param(&b);
    b.goto(&format!(
        "{base}?v=ranking&lang=en&th=dark&deck={deck}&present=3"
    ))
    .unwrap();
    wait_number(&b, "3 / 3");
    b.wait_for("[data-testid=present-offline]").unwrap();
    assert!(
        b.text("[data-testid=present-offline]")
            .unwrap()
            .starts_with("Kept for use without a network")
    );
    b.screenshot(&shots().join("present-1920-en-dark.png"))
        .unwrap();

    // The network gone: the server answers nothing and the page is offline; presenter mode
    // still opens, at the slide of the address, and moves on.
    b.goto(&format!("{base}?v=ranking&deck={deck}&present=2"))
        .unwrap();
    wait_number(&b, "2 / 3");
    b.wait_for("[data-testid=present-offline]").unwrap();
    down.store(true, Ordering::SeqCst);
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .unwrap();
    b.refresh().unwrap();
    wait_number(&b, "2 / 3");
    b.keys("\u{E014}").unwrap();
    wait_number(&b, "3 / 3");
    b.screenshot(&shots().join("present-offline.png")).unwrap();
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .unwrap();
    down.store(false, Ordering::SeqCst);

    // The handout: printed, every slide on a page with its table.
    b.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}))
        .unwrap();
    let shown = b
        .js(
            "return [[...document.querySelectorAll('#present .slide')].filter(s => getComputedStyle(s).display !== 'none').length,
                     [...document.querySelectorAll('#present .slide-table')].filter(t => getComputedStyle(t).display === 'table').length,
                     getComputedStyle(document.querySelector('main')).display]",
            json!([]),
        )
        .unwrap();
    assert_eq!(shown, json!([3, 3, "none"]), "the handout");
    let pdf = b
        .cdp("Page.printToPDF", json!({"landscape": true}))
        .unwrap();
    let data = pdf["data"].as_str().unwrap_or_default();
    assert!(data.starts_with("JVBERi"), "a PDF");
    std::fs::create_dir_all(shots()).unwrap();
    std::fs::write(shots().join("handout.pdf.b64"), data).unwrap();
    b.cdp("Emulation.setEmulatedMedia", json!({"media": ""}))
        .unwrap();

    // PowerPoint: a slide per view, native charts, the map as a picture beside its ranking.
    b.js(
        "window.__dl = null; HTMLAnchorElement.prototype.click = function () { window.__dl = { href: this.href, name: this.download }; }; return true",
        json!([]),
    )
    .unwrap();
    b.keys("\u{E00C}").unwrap();
    b.wait_until(
        "return document.getElementById('present') === null",
        "presenter mode closed",
    )
    .unwrap();
    b.js(
        "document.querySelector('[data-testid=deck]').open = true; return true",
        json!([]),
    )
    .unwrap();
    b.click("[data-testid=deck-pptx]").unwrap();
    b.wait_until("return window.__dl !== null", "the PowerPoint download")
        .unwrap();
    let v = b
        .js(
            "return fetch(window.__dl.href).then(r => r.arrayBuffer()).then(a => [window.__dl.name, Array.from(new Uint8Array(a))])",
            json!([]),
        )
        .unwrap();
    let name = v[0].as_str().unwrap();
    assert!(
        name.starts_with("industrikommuner_presentation_") && name.ends_with(".pptx"),
        "{name}"
    );
    let bytes: Vec<u8> = v[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u8)
        .collect();
    let file = std::env::temp_dir().join(format!("muni-e2e-deck-{}.pptx", std::process::id()));
    std::fs::write(&file, &bytes).unwrap();
    let read = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, json\nfrom pptx import Presentation\np = Presentation(sys.argv[1])\nprint(json.dumps([[s.shapes.title.text, [str(sh.chart.chart_type) for sh in s.shapes if sh.has_chart], len([sh for sh in s.shapes if sh.shape_type == 13])] for s in p.slides]))",
        ])
        .arg(&file)
        .output()
        .expect("python3");
    assert!(
        read.status.success(),
        "python-pptx: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    let slides: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    let slides = slides.as_array().unwrap();
    assert_eq!(slides.len(), 3, "{slides:?}");
    assert_eq!(slides[0][0], json!("Våra jobb & <vi>"));
    assert_eq!(slides[0][1], json!(["LINE (4)"]));
    assert_eq!(slides[1][1], json!(["BAR_CLUSTERED (57)"]));
    // The map: a picture, and the ranking of its year as a chart beside it.
    assert_eq!(slides[2][1], json!(["BAR_CLUSTERED (57)"]));
    assert_eq!(slides[2][2], json!(1), "the map's picture");
}

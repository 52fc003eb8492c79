//! Accessibility as axe-core sees it (the npm package, installed by `scripts/test.sh` into
//! `.tools/axe/`, used only here): the dashboard's views, light and dark, Swedish and English,
//! on a laptop and a phone, with no critical or serious violation of WCAG 2.1 A and AA.

use std::path::PathBuf;

use muni_e2e::{Browser, dist, ready, root, serve};
use serde_json::json;

fn axe() -> Option<String> {
    let path: PathBuf = root().join(".tools/axe/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{}: {e} (scripts/test.sh installs axe-core)",
                path.display()
            );
            eprintln!("SKIPPED: {}: {e}", path.display());
            None
        }
    }
}

/// The critical and serious violations on the page as it is now, one line each.
fn violations(b: &Browser, axe: &str) -> Vec<String> {
    b.js(axe, json!([])).expect("axe-core loads");
    b.js(
        "window.__axe = undefined;
         axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
           .then(r => { window.__axePasses = r.passes.length; window.__axe = r.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
             .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' (' + (n.any.concat(n.all)[0] || {message: ''}).message + ')').join('; ')); })
           .catch(e => { window.__axe = ['axe failed: ' + e]; });
         return true",
        json!([]),
    )
    .unwrap();
    b.wait_until("return window.__axe !== undefined", "axe-core's answer")
        .unwrap();
    // axe ran its rules (a page it could not read would pass nothing).
    let passes = b.js("return window.__axePasses", json!([])).unwrap();
    assert!(
        passes.as_u64().unwrap_or(0) >= 10,
        "axe passed {passes} rules"
    );
    let v = b.js("return window.__axe", json!([])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn no_critical_or_serious_violation_in_any_view_or_theme() {
    if !ready() {
        return;
    }
    let Some(axe) = axe() else { return };
    let base = serve(&dist());
    let mut found = Vec::new();
    for (w, h) in [(1280, 900), (390, 844)] {
        let b = Browser::start(w, h).expect("headless chromium");
        for (view, ready_when) in [
            ("", "[data-testid=chart] svg"),
            ("v=series&r=1496,2181", "[data-testid=chart] svg"),
            ("v=map&r=1496", "[data-testid=chart] svg"),
            ("v=table&r=1496", "[data-testid=table] tbody tr"),
            ("v=profile&p=1496", "[data-testid=profile] table"),
        ] {
            for theme in ["", "&th=dark"] {
                for lang in ["", "&lang=en"] {
                    let url = format!("{base}?{view}{theme}{lang}");
                    b.goto(&url).unwrap();
                    b.wait_for(ready_when).unwrap();
                    // After the app has taken over from the prerendered copy.
                    b.wait_until(
                        "return document.getElementById('prerendered') === null",
                        "the app in place",
                    )
                    .unwrap();
                    for v in violations(&b, &axe) {
                        found.push(format!("{w}px ?{view}{theme}{lang}: {v}"));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

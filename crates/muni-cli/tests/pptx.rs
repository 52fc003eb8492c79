//! `chart --deck … --format pptx` end to end on a SYNTHETIC published folder: the file opened
//! by python-pptx (PyPI, installed by `scripts/test.sh`), a slide per view, each with its
//! title, a native chart of the right type whose series names and values are the view's, the
//! summary and the source line with the data version on the slide and in the notes.

mod common;
use common::{publish, tmp};

use std::path::Path;
use std::process::Command;

use muni_model::{ChartQuery, Unit};
use muni_view::fixture::{C, Spec, Synthetic, v};
use muni_view::view::{ViewChart, view_chart};

/// `industrikommuner chart <args> <what> --data <data> --out <out>`, run.
fn chart(args: &[&str], what: &Path, data: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_industrikommuner"))
        .arg("chart")
        .args(args)
        .arg(what)
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn synthetic() -> Synthetic {
    Synthetic::new().indicator(
        Spec::new("energy_x", Unit::Mwh).years(2018..=2020),
        &[
            ("0181", &[v(10.0), v(12.5), v(11.0)][..]),
            ("0382", &[v(4.0), C, v(5.0)]),
            ("0882", &[C, v(7.25), C]),
            ("1496", &[v(8.0), v(8.5), v(9.0)]),
        ],
    )
}

const READ: &str = r#"
import json, sys
from pptx import Presentation
p = Presentation(sys.argv[1])
out = {"width": p.slide_width, "height": p.slide_height, "slides": []}
for s in p.slides:
    charts = [sh.chart for sh in s.shapes if sh.has_chart]
    texts = [sh.text_frame.text for sh in s.shapes if sh.has_text_frame]
    c = charts[0] if charts else None
    out["slides"].append({
        "title": s.shapes.title.text if s.shapes.title is not None else None,
        "texts": texts,
        "notes": s.notes_slide.notes_text_frame.text,
        "chart_type": str(c.chart_type) if c else None,
        "categories": [str(x) for x in c.plots[0].categories] if c else [],
        "series": [[x.name, list(x.values)] for x in c.plots[0].series] if c else [],
    })
print(json.dumps(out))
"#;

fn chart_of(f: &Synthetic, query: &str) -> ViewChart {
    let (meta, file) = f.get("energy_x");
    let (q, _) = ChartQuery::parse(query);
    view_chart(&f.catalog, meta, file, None, &q).unwrap().0
}

// Long: one deck read back, slide by slide, against the views it was made of.
#[test]
fn a_pptx_deck_opens_in_python_pptx_with_the_views_figures() {
    let dir = tmp("pptx", "deck");
    let f = synthetic();
    publish(&f, &dir);
    let series = "i=energy_x&r=0181,0382&v=series";
    let ranking = "i=energy_x&v=ranking&t=2020&r=1496&lang=en";
    std::fs::write(
        dir.join("deck.toml"),
        format!("title = \"Energi <&>\"\n[[slide]]\nview = \"{series}\"\n[[slide]]\nview = \"{ranking}\"\n"),
    )
    .unwrap();
    let out = dir.join("deck.pptx");
    let run = chart(
        &["--format", "pptx", "--deck"],
        &dir.join("deck.toml"),
        &dir,
        &out,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = Command::new("python3")
        .args(["-c", READ])
        .arg(&out)
        .output()
        .expect("python3");
    assert!(
        read.status.success(),
        "python-pptx could not read the deck (pip install python-pptx): {}",
        String::from_utf8_lossy(&read.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    // 16:9.
    assert_eq!(
        (got["width"].as_i64(), got["height"].as_i64()),
        (Some(12_192_000), Some(6_858_000))
    );
    let slides = got["slides"].as_array().unwrap();
    assert_eq!(slides.len(), 2);

    // The time series: a line chart with every series of the view, values and gaps alike.
    let ViewChart::Line(line) = chart_of(&f, series) else {
        panic!("a line chart")
    };
    let s = &slides[0];
    assert_eq!(s["title"].as_str(), Some(line.title.as_str()));
    assert_eq!(s["chart_type"].as_str(), Some("LINE (4)"), "{s}");
    let years: Vec<String> = line.years.iter().map(|y| format!("{y}.0")).collect();
    let cats: Vec<String> = s["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert!(
        cats == years || cats == line.years.iter().map(u16::to_string).collect::<Vec<_>>(),
        "{cats:?}"
    );
    let got_series = s["series"].as_array().unwrap();
    assert_eq!(got_series.len(), line.series.len());
    for want in &line.series {
        let found = got_series
            .iter()
            .find(|g| g[0].as_str() == Some(want.label.as_str()))
            .unwrap_or_else(|| panic!("{} not in {got_series:?}", want.label));
        let values: Vec<Option<f64>> = found[1]
            .as_array()
            .unwrap()
            .iter()
            .map(serde_json::Value::as_f64)
            .collect();
        assert_eq!(values, want.values, "{}", want.label);
    }
    let texts = s["texts"].to_string();
    assert!(
        texts.contains("Dataversion 5e5e5e5e") && texts.contains("SYNTETISK"),
        "{texts}"
    );
    let notes = s["notes"].as_str().unwrap();
    assert!(
        notes.contains("Dataversion 5e5e5e5e") && notes.contains(series),
        "{notes}"
    );

    // The ranking, in English: a bar chart of the bars in order, the withheld said.
    let ViewChart::Ranking(r) = chart_of(&f, ranking) else {
        panic!("a ranking")
    };
    let s = &slides[1];
    assert_eq!(s["chart_type"].as_str(), Some("BAR_CLUSTERED (57)"), "{s}");
    let labels: Vec<&str> = r.bars.iter().map(|b| b.label.as_str()).collect();
    let cats: Vec<&str> = s["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(cats, labels);
    let values: Vec<f64> = s["series"][0][1]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(values, r.bars.iter().map(|b| b.value).collect::<Vec<_>>());
    let texts = s["texts"].to_string();
    assert!(
        texts.contains("Oskarshamn (confidential)") && texts.contains("Data version 5e5e5e5e"),
        "{texts}"
    );
}

#[test]
fn a_single_view_is_a_one_slide_pptx_and_a_bad_slide_writes_nothing() {
    let dir = tmp("pptx", "one");
    publish(&synthetic(), &dir);
    let out = dir.join("one.pptx");
    let run = chart(&["--view"], Path::new("i=energy_x&r=0181"), &dir, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip package, chosen by the extension");

    std::fs::write(
        dir.join("bad.toml"),
        "format = \"pptx\"\n[[slide]]\nview = \"i=energy_x\"\n[[slide]]\nview = \"i=nope\"\n",
    )
    .unwrap();
    let bad = dir.join("bad.pptx");
    let run = chart(&["--deck"], &dir.join("bad.toml"), &dir, &bad);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        !run.status.success() && err.contains("slide 2") && err.contains("nope"),
        "{err}"
    );
    assert!(!bad.exists(), "nothing written");
}

//! The package's structure (every part well-formed, typed, and reached by a relationship),
//! the charts' cached figures against the specs, escaping, and determinism; on SYNTHETIC specs.
//! `muni-cli/tests/pptx.rs` opens a deck with python-pptx.

use std::collections::BTreeMap;
use std::io::Read;

use muni_model::{ChartQuery, Lang, Unit};
use muni_view::fixture::{C, Spec, Synthetic, v};
use muni_view::view::{ViewChart, view_chart};

use super::*;

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

fn view(query: &str) -> ViewChart {
    let f = synthetic();
    let (meta, file) = f.get("energy_x");
    let (q, notices) = ChartQuery::parse(query);
    assert!(notices.is_empty(), "{notices:?}");
    view_chart(&f.catalog, meta, file, None, &q).unwrap().0
}

fn slide_of(c: ViewChart) -> Slide {
    let src = "Källa: SYNTETISK · Dataversion 5e5e5e5e".to_owned();
    match c {
        ViewChart::Line(l) => Slide::of_line(l, "En mening.".into(), src, "?i=energy_x".into()),
        ViewChart::Ranking(r) => {
            Slide::of_ranking(r, "En mening.".into(), src, "?i=energy_x".into())
        }
        ViewChart::Map(_) => unreachable!("no map here"),
    }
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

/// The relationships of `rels_part`: (type's last segment, the target resolved to a part name).
fn relationships(parts: &BTreeMap<String, Vec<u8>>, rels_part: &str) -> Vec<(String, String)> {
    let xml = text(parts, rels_part);
    // `ppt/slides/_rels/slide1.xml.rels` → the folder `ppt/slides`.
    let folder = rels_part.split("/_rels/").next().unwrap_or("");
    let folder = if rels_part == "_rels/.rels" {
        ""
    } else {
        folder
    };
    let mut out = Vec::new();
    let mut r = quick_xml::Reader::from_str(&xml);
    loop {
        match r.read_event().unwrap() {
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"Relationship" => {
                let attr = |k: &[u8]| {
                    let a = e.try_get_attribute(k).unwrap().unwrap();
                    String::from_utf8(a.value.to_vec()).unwrap()
                };
                let kind = attr(b"Type").rsplit('/').next().unwrap().to_owned();
                let mut path: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
                let target = attr(b"Target");
                for seg in target.split('/') {
                    match seg {
                        ".." => {
                            path.pop();
                        }
                        s => path.push(s),
                    }
                }
                out.push((kind, path.join("/")));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn every_part_is_well_formed_typed_and_reached() {
    let deck = deck(
        "Test",
        &[
            slide_of(view("i=energy_x&r=0382,0181&v=series")),
            slide_of(view("i=energy_x&v=ranking&t=2020")),
        ],
    )
    .unwrap();
    let parts = unzip(&deck);
    let types = text(&parts, "[Content_Types].xml");
    for (name, bytes) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let xml = std::str::from_utf8(bytes).unwrap();
            let mut r = quick_xml::Reader::from_str(xml);
            let mut depth = 0i32;
            loop {
                match r.read_event() {
                    Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                    Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{name}: {e}"),
                }
            }
            assert_eq!(depth, 0, "{name}: unbalanced");
        }
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            types.contains(&format!("PartName=\"/{name}\""))
                || types.contains(&format!("Extension=\"{ext}\"")),
            "{name} has no content type"
        );
    }
    // Every relationship's target is in the package, and every part but the package's own
    // is reached from the root.
    let mut reached = vec!["[Content_Types].xml".to_owned()];
    let mut todo = vec!["_rels/.rels".to_owned()];
    while let Some(rels) = todo.pop() {
        reached.push(rels.clone());
        for (kind, target) in relationships(&parts, &rels) {
            assert!(
                parts.contains_key(&target),
                "{rels}: {kind} {target} missing"
            );
            if reached.contains(&target) {
                continue;
            }
            reached.push(target.clone());
            let (dir, file) = target.rsplit_once('/').unwrap_or(("", &target));
            let own = format!("{dir}/_rels/{file}.rels");
            if parts.contains_key(&own) && !reached.contains(&own) {
                todo.push(own);
            }
        }
    }
    for name in parts.keys() {
        assert!(reached.contains(name), "{name} is not reached");
    }
    assert_eq!(
        relationships(&parts, "ppt/_rels/presentation.xml.rels")
            .iter()
            .filter(|(k, _)| k == "slide")
            .count(),
        2
    );
}

/// The `c:v` values of the `c:val` of each series in `chart`, with their indices.
fn cached_values(chart: &str) -> Vec<Vec<(usize, f64)>> {
    chart
        .split("<c:ser>")
        .skip(1)
        .map(|ser| {
            let val = ser
                .split("<c:val>")
                .nth(1)
                .unwrap()
                .split("</c:val>")
                .next()
                .unwrap();
            val.split("<c:pt idx=\"")
                .skip(1)
                .map(|p| {
                    let (i, rest) = p.split_once('"').unwrap();
                    let v = rest
                        .split("<c:v>")
                        .nth(1)
                        .unwrap()
                        .split("</c:v>")
                        .next()
                        .unwrap();
                    (i.parse().unwrap(), v.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_line_chart_caches_every_published_value_and_leaves_gaps() {
    let ViewChart::Line(line) = view("i=energy_x&r=0882,0181&v=series") else {
        panic!("a line chart")
    };
    let parts = unzip(&deck("T", &[slide_of(ViewChart::Line(line.clone()))]).unwrap());
    let chart = text(&parts, "ppt/charts/chart1.xml");
    assert!(chart.contains("<c:lineChart>") && chart.contains(r#"<c:dispBlanksAs val="gap"/>"#));
    let cached = cached_values(&chart);
    assert_eq!(cached.len(), line.series.len());
    // Each series is in the chart with exactly its published values; a withheld year has
    // no point (a gap), never 0.
    for s in &line.series {
        let want: Vec<(usize, f64)> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        assert!(
            cached.contains(&want),
            "{}: {want:?} not in {cached:?}",
            s.label
        );
        assert!(
            chart.contains(&format!("<c:v>{}</c:v>", s.label)),
            "{}",
            s.label
        );
    }
    // Oskarshamn's one value between two withheld years is marked as a point.
    assert!(chart.contains("<c:symbol val=\"circle\"/>"));
    // The embedded workbook holds the same figures.
    let book = &parts["ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx"];
    let sheet = text(&unzip(book), "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<v>7.25</v>") && sheet.contains("Oskarshamn"),
        "{sheet}"
    );
}

#[test]
fn a_ranking_is_a_bar_chart_in_order_with_the_selection_coloured() {
    let ViewChart::Ranking(r) = view("i=energy_x&v=ranking&t=2020&r=1496") else {
        panic!("a ranking")
    };
    let parts = unzip(&deck("T", &[slide_of(ViewChart::Ranking(r.clone()))]).unwrap());
    let chart = text(&parts, "ppt/charts/chart1.xml");
    assert!(chart.contains(r#"<c:barDir val="bar"/>"#));
    let want: Vec<(usize, f64)> = r
        .bars
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.value))
        .collect();
    assert_eq!(cached_values(&chart), vec![want]);
    // Skövde's bar carries its palette colour; the others are grey.
    let slot = r.bars.iter().position(|b| b.label == "Skövde").unwrap();
    let colour = muni_chart::palette::series_color(r.bars[slot].highlight.unwrap());
    let hex = format!("{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2);
    assert!(chart.contains(&format!(
        r#"<c:dPt><c:idx val="{slot}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{hex}"/>"#
    )));
    // Oskarshamn, withheld in 2020, is said beside the chart, not dropped.
    let slide = text(&parts, "ppt/slides/slide1.xml");
    assert!(slide.contains("Oskarshamn (sekretess)"), "{slide}");
}

#[test]
fn text_is_escaped_and_notes_carry_the_source() {
    let mut s = slide_of(view("i=energy_x&r=0181&v=series"));
    s.title = "<b>Tom & \"Jerry\"</b> =1+1".into();
    s.notes = "https://example.org/?a=1&b=2".into();
    let parts = unzip(&deck("A & B", &[s]).unwrap());
    let slide = text(&parts, "ppt/slides/slide1.xml");
    assert!(slide.contains("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; =1+1"));
    assert!(!slide.contains("<b>"));
    let notes = text(&parts, "ppt/notesSlides/notesSlide1.xml");
    assert!(notes.contains("Dataversion 5e5e5e5e") && notes.contains("a=1&amp;b=2"));
    assert!(text(&parts, "docProps/core.xml").contains("A &amp; B"));
}

#[test]
fn the_same_slides_give_the_same_bytes_and_an_empty_deck_is_refused() {
    let s = || slide_of(view("i=energy_x&r=0181,0382&v=series"));
    assert_eq!(deck("T", &[s()]).unwrap(), deck("T", &[s()]).unwrap());
    assert!(deck("T", &[]).unwrap_err().contains("no slides"));
    let en = {
        let mut s = s();
        s.lang = Lang::En;
        s
    };
    let parts = unzip(&deck("T", &[en]).unwrap());
    assert!(text(&parts, "ppt/slides/slide1.xml").contains(r#"lang="en-GB""#));
}

//! A slide's shapes (title, subtitle, chart or picture, the sentence panel, the source line) and
//! its speaker notes.

use muni_model::Lang;

use crate::parts::{self, NS, REL_CHART, REL_IMAGE, REL_LAYOUT, REL_NOTES_SLIDE, TREE_START};
use crate::{Body, Slide, chart, esc, lang_tag};

/// EMU per inch.
const IN: f64 = 914_400.0;

fn emu(inches: f64) -> i64 {
    (inches * IN).round() as i64
}

type Rect = (i64, i64, i64, i64);

fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
    (emu(x), emu(y), emu(w), emu(h))
}

/// One paragraph of a text box.
pub struct Para {
    pub text: String,
    /// In hundredths of a point.
    pub size: u32,
    pub bold: bool,
    pub colour: &'static str,
}

const TEXT: &str = "191919";
const SUBTLE: &str = "505050";

fn para(text: impl Into<String>, size: u32, colour: &'static str) -> Para {
    Para {
        text: text.into(),
        size,
        bold: false,
        colour,
    }
}

/// A text box (or the title placeholder, `title`), the text wrapped and shrunk to fit.
fn text_shape(id: u32, name: &str, r: Rect, paras: &[Para], title: bool, l: Lang) -> String {
    let (x, y, w, h) = r;
    let ph = if title {
        r#"<p:nvPr><p:ph type="title"/></p:nvPr>"#
    } else {
        "<p:nvPr/>"
    };
    let tx_box = if title { "" } else { r#" txBox="1""# };
    let tag = lang_tag(l);
    let body: String = paras
        .iter()
        .map(|p| {
            format!(
                r#"<a:p><a:pPr><a:spcAft><a:spcPts val="{}"/></a:spcAft></a:pPr><a:r><a:rPr lang="{tag}" sz="{}" b="{}" dirty="0"><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:latin typeface="+mn-lt"/></a:rPr><a:t>{}</a:t></a:r></a:p>"#,
                p.size / 3,
                p.size,
                u8::from(p.bold),
                p.colour,
                esc(&p.text)
            )
        })
        .collect();
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr{tx_box}/>{ph}</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:normAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>"#
    )
}

fn chart_frame(id: u32, r: Rect, rel: usize, alt: &str) -> String {
    let (x, y, w, h) = r;
    format!(
        r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="Chart {id}" descr="{}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId{rel}"/></a:graphicData></a:graphic></p:graphicFrame>"#,
        esc(alt)
    )
}

fn picture(id: u32, r: Rect, rel: usize, alt: &str) -> String {
    let (x, y, w, h) = r;
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="Map {id}" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(alt)
    )
}

/// A slide's XML, its relationships and the parts it brings (charts, workbooks, pictures).
pub struct Built {
    pub xml: String,
    pub rels: Vec<(&'static str, String)>,
    pub media: Vec<(String, Vec<u8>)>,
}

/// The lines beside a ranking: its references, then those without a value and why.
fn ranking_notes(c: &muni_view::spec::RankingChart) -> Vec<String> {
    let mut out: Vec<String> = c.references.iter().map(|r| r.label.clone()).collect();
    if !c.withheld.is_empty() {
        let list: Vec<String> = c
            .withheld
            .iter()
            .map(|w| format!("{} ({})", w.label, w.reason))
            .collect();
        let head = match c.lang {
            Lang::Sv => "Utan värde",
            Lang::En => "Without a value",
        };
        out.push(format!("{head}: {}", list.join(", ")));
    }
    out
}

type Rels = Vec<(&'static str, String)>;

/// Adds a chart part, its relationships and its workbook; returns the slide's `rId` of it.
fn add_chart(
    body: chart::Kind<'_>,
    l: Lang,
    charts: &mut usize,
    rels: &mut Rels,
    media: &mut Vec<(String, Vec<u8>)>,
) -> Result<usize, String> {
    *charts += 1;
    let n = *charts;
    let (xml, workbook) = chart::chart(body, l)?;
    let name = format!("Microsoft_Excel_Worksheet{n}.xlsx");
    media.push((format!("ppt/charts/chart{n}.xml"), xml.into_bytes()));
    media.push((
        format!("ppt/charts/_rels/chart{n}.xml.rels"),
        parts::rels(&[(parts::REL_PACKAGE, format!("../embeddings/{name}"))]).into_bytes(),
    ));
    media.push((format!("ppt/embeddings/{name}"), workbook));
    rels.push((REL_CHART, format!("../charts/chart{n}.xml")));
    Ok(rels.len())
}

/// The slide `s`; `charts` and `images` count the parts of the deck so far (names are numbered
/// across the deck).
// Long: a slide's shapes in the order they lie on it, one arm per kind of body.
pub fn slide(s: &Slide, charts: &mut usize, images: &mut usize) -> Result<Built, String> {
    let l = s.lang;
    let mut rels: Rels = vec![
        (REL_LAYOUT, "../slideLayouts/slideLayout1.xml".into()),
        (REL_NOTES_SLIDE, String::new()),
    ];
    let mut media = Vec::new();
    let mut shapes = String::new();
    shapes.push_str(&text_shape(
        2,
        "Title",
        parts::TITLE_BOX,
        &[Para {
            text: s.title.clone(),
            size: 2800,
            bold: true,
            colour: TEXT,
        }],
        true,
        l,
    ));
    shapes.push_str(&text_shape(
        3,
        "Subtitle",
        rect(0.4, 0.98, 12.53, 0.42),
        &[para(&s.subtitle, 1600, SUBTLE)],
        false,
        l,
    ));
    match &s.body {
        Body::Line(c) => {
            let rel = add_chart(chart::Kind::Line(c), l, charts, &mut rels, &mut media)?;
            shapes.push_str(&chart_frame(4, rect(0.3, 1.45, 8.75, 5.4), rel, &s.summary));
            shapes.push_str(&text_shape(
                5,
                "Summary",
                rect(9.2, 1.55, 3.73, 5.3),
                &[para(&s.summary, 1800, TEXT)],
                false,
                l,
            ));
        }
        Body::Ranking(c) => {
            let rel = add_chart(chart::Kind::Ranking(c), l, charts, &mut rels, &mut media)?;
            shapes.push_str(&chart_frame(4, rect(0.3, 1.45, 8.75, 5.4), rel, &s.summary));
            let mut paras = vec![para(&s.summary, 1800, TEXT)];
            paras.extend(ranking_notes(c).into_iter().map(|t| para(t, 1400, SUBTLE)));
            shapes.push_str(&text_shape(
                5,
                "Summary",
                rect(9.2, 1.55, 3.73, 5.3),
                &paras,
                false,
                l,
            ));
        }
        Body::Map {
            png,
            width,
            height,
            ranking,
        } => {
            *images += 1;
            let name = format!("ppt/media/image{}.png", *images);
            media.push((name.clone(), png.clone()));
            rels.push((REL_IMAGE, format!("../media/image{}.png", *images)));
            let rel = rels.len();
            // The map fits its half, its aspect kept.
            let (bw, bh) = (6.3, 4.75);
            let aspect = f64::from(*width) / f64::from((*height).max(1));
            let (w, h) = if aspect > bw / bh {
                (bw, bw / aspect)
            } else {
                (bh * aspect, bh)
            };
            shapes.push_str(&picture(
                4,
                rect(0.4 + (bw - w) / 2.0, 1.45, w, h),
                rel,
                &s.summary,
            ));
            if let Some(r) = ranking {
                let rel = add_chart(chart::Kind::Ranking(r), l, charts, &mut rels, &mut media)?;
                shapes.push_str(&chart_frame(6, rect(6.9, 1.45, 6.1, 4.75), rel, &s.summary));
            }
            shapes.push_str(&text_shape(
                5,
                "Summary",
                rect(0.4, 6.25, 12.53, 0.68),
                &[para(&s.summary, 1400, TEXT)],
                false,
                l,
            ));
        }
    }
    shapes.push_str(&text_shape(
        7,
        "Source",
        rect(0.4, 6.98, 12.53, 0.4),
        &[para(&s.source, 1100, SUBTLE)],
        false,
        l,
    ));
    let xml = format!(
        r#"{}<p:sld {NS}><p:cSld><p:spTree>{TREE_START}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#,
        parts::head()
    );
    Ok(Built { xml, rels, media })
}

/// Fills in the notes slide's target, which only the deck knows.
pub fn notes_target(rels: &mut [(&'static str, String)], n: usize) {
    if let Some(r) = rels.iter_mut().find(|r| r.0 == REL_NOTES_SLIDE) {
        r.1 = format!("../notesSlides/notesSlide{n}.xml");
    }
}

/// The speaker notes: the summary, the source line, and the caller's notes (the view's link).
pub fn notes(s: &Slide) -> String {
    let tag = lang_tag(s.lang);
    let paras: String = [&s.summary, &s.source, &s.notes]
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| {
            format!(
                r#"<a:p><a:r><a:rPr lang="{tag}" dirty="0"/><a:t>{}</a:t></a:r></a:p>"#,
                esc(t)
            )
        })
        .collect();
    format!(
        r#"{}<p:notes {NS}><p:cSld><p:spTree>{TREE_START}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="3"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#,
        parts::head()
    )
}

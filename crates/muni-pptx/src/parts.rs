//! The parts every deck has: content types, relationships, the presentation, one slide master
//! with one layout ("title only"), the notes master, the theme and the document properties.

use muni_model::Lang;

use crate::{esc, lang_tag};

pub const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
"#;
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
pub const REL_SLIDE: &str = "slide";
pub const REL_LAYOUT: &str = "slideLayout";
pub const REL_NOTES_MASTER: &str = "notesMaster";
pub const REL_NOTES_SLIDE: &str = "notesSlide";
pub const REL_CHART: &str = "chart";
pub const REL_IMAGE: &str = "image";
pub const REL_PACKAGE: &str = "package";

/// The slide's size: 16:9, 13.333 × 7.5 inches, in EMU.
pub const SLIDE_W: i64 = 12_192_000;
pub const SLIDE_H: i64 = 6_858_000;

/// A relationships part: `(type, target)`, numbered `rId1`, `rId2`, … in order.
pub fn rels(list: &[(&str, String)]) -> String {
    let mut out = format!(
        r#"{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (i, (kind, target)) in list.iter().enumerate() {
        let full = if kind.starts_with("http") {
            (*kind).to_owned()
        } else {
            format!("{R}{kind}")
        };
        out.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{full}" Target="{}"/>"#,
            i + 1,
            esc(target)
        ));
    }
    out.push_str("</Relationships>");
    out
}

fn content_types(slides: usize, charts: usize) -> String {
    const PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";
    let mut out = format!(
        r#"{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>"#
    );
    let mut over = |part: &str, kind: &str| {
        out.push_str(&format!(
            r#"<Override PartName="/{part}" ContentType="{kind}"/>"#
        ));
    };
    over(
        "ppt/presentation.xml",
        &format!("{PML}.presentation.main+xml"),
    );
    over(
        "ppt/slideMasters/slideMaster1.xml",
        &format!("{PML}.slideMaster+xml"),
    );
    over(
        "ppt/slideLayouts/slideLayout1.xml",
        &format!("{PML}.slideLayout+xml"),
    );
    over(
        "ppt/notesMasters/notesMaster1.xml",
        &format!("{PML}.notesMaster+xml"),
    );
    for t in 1..=2 {
        over(
            &format!("ppt/theme/theme{t}.xml"),
            "application/vnd.openxmlformats-officedocument.theme+xml",
        );
    }
    over("ppt/presProps.xml", &format!("{PML}.presProps+xml"));
    over("ppt/viewProps.xml", &format!("{PML}.viewProps+xml"));
    over("ppt/tableStyles.xml", &format!("{PML}.tableStyles+xml"));
    for n in 1..=slides {
        over(
            &format!("ppt/slides/slide{n}.xml"),
            &format!("{PML}.slide+xml"),
        );
        over(
            &format!("ppt/notesSlides/notesSlide{n}.xml"),
            &format!("{PML}.notesSlide+xml"),
        );
    }
    for n in 1..=charts {
        over(
            &format!("ppt/charts/chart{n}.xml"),
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        );
    }
    over(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over(
        "docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    );
    out.push_str("</Types>");
    out
}

fn presentation(slides: usize) -> String {
    let ids: String = (0..slides)
        .map(|i| format!(r#"<p:sldId id="{}" r:id="rId{}"/>"#, 256 + i, 7 + i))
        .collect();
    format!(
        r#"{HEAD}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#
    )
}

fn presentation_rels(slides: usize) -> String {
    let mut list = vec![
        ("slideMaster", "slideMasters/slideMaster1.xml".to_owned()),
        (REL_NOTES_MASTER, "notesMasters/notesMaster1.xml".into()),
        ("theme", "theme/theme1.xml".into()),
        ("presProps", "presProps.xml".into()),
        ("viewProps", "viewProps.xml".into()),
        ("tableStyles", "tableStyles.xml".into()),
    ];
    for n in 1..=slides {
        list.push((REL_SLIDE, format!("slides/slide{n}.xml")));
    }
    rels(&list)
}

/// An empty group's properties, as every shape tree starts.
pub const TREE_START: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;

/// A placeholder shape of a master or layout: `kind` (`title`, `body`, `sldImg`), its place.
fn placeholder(
    id: u32,
    kind: &str,
    idx: Option<u32>,
    (x, y, w, h): (i64, i64, i64, i64),
) -> String {
    let idx = idx.map(|i| format!(r#" idx="{i}""#)).unwrap_or_default();
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{kind} {id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{kind}"{idx}/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="sv-SE"/></a:p></p:txBody></p:sp>"#
    )
}

/// The title's place, shared by the master, the layout and every slide.
pub const TITLE_BOX: (i64, i64, i64, i64) = (365_760, 228_600, 11_460_480, 640_080);

fn master() -> String {
    let title = placeholder(2, "title", None, TITLE_BOX);
    format!(
        r#"{HEAD}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{TREE_START}{title}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn="l"><a:defRPr sz="2800" b="1"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>"#
    )
}

fn layout() -> String {
    let title = placeholder(2, "title", None, TITLE_BOX);
    format!(
        r#"{HEAD}<p:sldLayout {NS} type="titleOnly" preserve="1"><p:cSld name="Title Only"><p:spTree>{TREE_START}{title}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
    )
}

fn notes_master() -> String {
    let image = placeholder(
        2,
        "sldImg",
        Some(2),
        (381_000, 685_800, 6_096_000, 3_429_000),
    );
    let body = placeholder(
        3,
        "body",
        Some(3),
        (685_800, 4_343_400, 5_486_400, 4_114_800),
    );
    format!(
        r#"{HEAD}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{TREE_START}{image}{body}</p:spTree></p:cSld>{CLR_MAP}</p:notesMaster>"#
    )
}

/// The theme: the palette's colours as accents (a chart recoloured in PowerPoint stays
/// colour-blind-safe), Calibri.
fn theme() -> String {
    let accents: String = muni_chart::palette::SERIES
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                r#"<a:accent{n}><a:srgbClr val="{:02X}{:02X}{:02X}"/></a:accent{n}>"#,
                c.0,
                c.1,
                c.2,
                n = i + 1
            )
        })
        .collect();
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = |w: u32| {
        format!(r#"<a:ln w="{w}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#)
    };
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    let font = r#"<a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>"#;
    format!(
        r#"{HEAD}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Industrikommuner"><a:themeElements><a:clrScheme name="Industrikommuner"><a:dk1><a:srgbClr val="191919"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="505050"/></a:dk2><a:lt2><a:srgbClr val="F0F0F0"/></a:lt2>{accents}<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Industrikommuner"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme><a:fmtScheme name="Industrikommuner"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{}{}{}</a:lnStyleLst><a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
        line(6350),
        line(12700),
        line(19050)
    )
}

/// The parts that do not depend on the slides' content (the slides, their notes, charts and
/// pictures are added by the caller).
pub fn package(title: &str, lang: Lang, slides: usize, charts: usize) -> Vec<(String, String)> {
    let title = esc(title);
    let tag = lang_tag(lang);
    vec![
        ("[Content_Types].xml".into(), content_types(slides, charts)),
        (
            "_rels/.rels".into(),
            rels(&[
                ("officeDocument", "ppt/presentation.xml".into()),
                (
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml".into(),
                ),
                ("extended-properties", "docProps/app.xml".into()),
            ]),
        ),
        (
            "docProps/core.xml".into(),
            format!(
                r#"{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>Industrikommunerna</dc:creator><dc:language>{tag}</dc:language></cp:coreProperties>"#
            ),
        ),
        (
            "docProps/app.xml".into(),
            format!(
                r#"{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>industrikommuner</Application><Slides>{slides}</Slides></Properties>"#
            ),
        ),
        ("ppt/presentation.xml".into(), presentation(slides)),
        (
            "ppt/_rels/presentation.xml.rels".into(),
            presentation_rels(slides),
        ),
        ("ppt/slideMasters/slideMaster1.xml".into(), master()),
        (
            "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
            rels(&[
                (REL_LAYOUT, "../slideLayouts/slideLayout1.xml".into()),
                ("theme", "../theme/theme1.xml".into()),
            ]),
        ),
        ("ppt/slideLayouts/slideLayout1.xml".into(), layout()),
        (
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(),
            rels(&[("slideMaster", "../slideMasters/slideMaster1.xml".into())]),
        ),
        ("ppt/notesMasters/notesMaster1.xml".into(), notes_master()),
        (
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
            rels(&[("theme", "../theme/theme2.xml".into())]),
        ),
        ("ppt/theme/theme1.xml".into(), theme()),
        ("ppt/theme/theme2.xml".into(), theme()),
        (
            "ppt/presProps.xml".into(),
            format!("{HEAD}<p:presentationPr {NS}/>"),
        ),
        (
            "ppt/viewProps.xml".into(),
            format!(r#"{HEAD}<p:viewPr {NS}><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#),
        ),
        (
            "ppt/tableStyles.xml".into(),
            format!(
                r#"{HEAD}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>"#
            ),
        ),
    ]
}

pub fn head() -> &'static str {
    HEAD
}

//! PowerPoint decks: one 16:9 slide per view, with the view's title, its generated summary as
//! the slide's sentence, the source line (with the data version) on the slide and in the
//! speaker notes, and the chart as a native PowerPoint chart (a line chart or a bar chart)
//! whose figures are embedded as a workbook, so a presenter can restyle or edit it in
//! PowerPoint, Keynote or Google Slides. A map is a picture, with the ranking of the same year
//! as an editable chart beside it.
//!
//! Written as Office Open XML (PresentationML and DrawingML charts) by this crate, zipped by
//! [`muni_xlsx::stored_zip`]: the same code runs natively (`chart --deck … --format pptx`) and in
//! the browser's lazily loaded module, and the same slides give the same bytes.

mod chart;
mod parts;
mod shapes;

use muni_model::{Catalog, ChartQuery, IndicatorFile, IndicatorMeta, Lang, View};
use muni_view::spec::{LineChart, MapChart, RankingChart};
use muni_view::view::{ViewChart, view_chart};

/// What a slide shows under its title.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A time series: an editable line chart.
    Line(LineChart),
    /// A ranking: an editable bar chart, the references and those without a value beside it.
    Ranking(RankingChart),
    /// A map as a PNG picture (`width`×`height` pixels), the ranking of its year beside it.
    Map {
        png: Vec<u8>,
        width: u32,
        height: u32,
        ranking: Option<RankingChart>,
    },
}

/// One slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub title: String,
    /// Unit and measure ("MWh per invånare").
    pub subtitle: String,
    /// The generated summary: the slide's sentence, and the chart's text alternative.
    pub summary: String,
    /// The source line, with the data version.
    pub source: String,
    /// Speaker notes under the summary and the source: the view's link, for one.
    pub notes: String,
    pub lang: Lang,
    pub body: Body,
}

impl Slide {
    /// A slide of a line chart or a ranking as `muni_view` builds them for the view; the
    /// chart's caption, if any, is the summary unless `summary` is given.
    pub fn of_line(c: LineChart, summary: String, source: String, notes: String) -> Self {
        Slide {
            title: c.title.clone(),
            subtitle: c.subtitle.clone(),
            summary,
            source,
            notes,
            lang: c.lang,
            body: Body::Line(c),
        }
    }

    pub fn of_ranking(c: RankingChart, summary: String, source: String, notes: String) -> Self {
        Slide {
            title: c.title.clone(),
            subtitle: c.subtitle.clone(),
            summary,
            source,
            notes,
            lang: c.lang,
            body: Body::Ranking(c),
        }
    }
}

/// The slide of the view `q`, whose chart `muni_view::view::view_chart` made: the summary as
/// its sentence, the source line with the data version, and `link` (the view's address) in
/// the notes. A map is drawn by `map_png` (pixels, width, height) and gets the ranking of its
/// year beside it.
pub fn view_slide(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
    chart: ViewChart,
    link: &str,
    map_png: impl FnOnce(&MapChart) -> Result<(Vec<u8>, u32, u32), String>,
) -> Result<Slide, String> {
    let l = q.lang;
    let summary = muni_view::summary::summary(catalog, meta, file, q).join(" ");
    let version = catalog
        .data_version
        .as_ref()
        .map(|v| format!(" · {}", v.label(l)))
        .unwrap_or_default();
    let notes = match l {
        Lang::Sv => format!("Vyn i instrumentpanelen: {link}"),
        Lang::En => format!("The view in the dashboard: {link}"),
    };
    Ok(match chart {
        ViewChart::Line(c) => {
            let source = format!("{}{version}", c.source);
            Slide::of_line(c, summary, source, notes)
        }
        ViewChart::Ranking(c) => {
            let source = format!("{}{version}", c.source);
            Slide::of_ranking(c, summary, source, notes)
        }
        ViewChart::Map(m) => {
            let (png, width, height) = map_png(&m)?;
            let ranking_q = ChartQuery {
                view: View::Ranking,
                ..q.clone()
            };
            let ranking = match view_chart(catalog, meta, file, None, &ranking_q) {
                Some((ViewChart::Ranking(r), _)) => Some(r),
                _ => None,
            };
            Slide {
                title: m.title.clone(),
                subtitle: m.subtitle.clone(),
                summary,
                source: format!("{}{version}", m.source),
                notes,
                lang: l,
                body: Body::Map {
                    png,
                    width,
                    height,
                    ranking,
                },
            }
        }
    })
}

/// The pixels a map's picture is drawn at (the slide's left part, 4:3).
pub const MAP_PICTURE: (u32, u32) = (1260, 950);

/// The map as its slide's picture shows it: without the title, subtitle, caption and source
/// line, which the slide has, and without a ranking beside it (the slide has it as a chart).
pub fn map_picture(m: &MapChart) -> MapChart {
    MapChart {
        title: String::new(),
        subtitle: String::new(),
        source: String::new(),
        caption: String::new(),
        beside: None,
        ..m.clone()
    }
}

/// The language tag PowerPoint spells checks with.
fn lang_tag(l: Lang) -> &'static str {
    match l {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    }
}

/// Text as XML character data (escaped; no control characters).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    muni_xlsx::xml_text(s, &mut out);
    out
}

/// The `.pptx` file of `slides`, titled `title` in its properties. An empty deck is an error
/// (PowerPoint opens none).
pub fn deck(title: &str, slides: &[Slide]) -> Result<Vec<u8>, String> {
    if slides.is_empty() {
        return Err("pptx: the deck has no slides".into());
    }
    let lang = slides[0].lang;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: String, text: String| files.push((name, text.into_bytes()));
    let mut charts = 0usize;
    let mut images = 0usize;
    let mut slide_parts = Vec::new();
    for (i, s) in slides.iter().enumerate() {
        let n = i + 1;
        let built = shapes::slide(s, &mut charts, &mut images)
            .map_err(|e| format!("pptx: slide {n}: {e}"))?;
        let mut rels = built.rels;
        shapes::notes_target(&mut rels, n);
        add(format!("ppt/slides/slide{n}.xml"), built.xml);
        add(
            format!("ppt/slides/_rels/slide{n}.xml.rels"),
            parts::rels(&rels),
        );
        add(
            format!("ppt/notesSlides/notesSlide{n}.xml"),
            shapes::notes(s),
        );
        add(
            format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
            parts::rels(&[
                (
                    parts::REL_NOTES_MASTER,
                    "../notesMasters/notesMaster1.xml".into(),
                ),
                (parts::REL_SLIDE, format!("../slides/slide{n}.xml")),
            ]),
        );
        slide_parts.push(built.media);
    }
    for media in slide_parts {
        for (name, bytes) in media {
            files.push((name, bytes));
        }
    }
    for (name, text) in parts::package(title, lang, slides.len(), charts) {
        files.push((name, text.into_bytes()));
    }
    files.sort_by(|a, b| part_order(&a.0).cmp(&part_order(&b.0)).then(a.0.cmp(&b.0)));
    muni_xlsx::stored_zip(&files)
}

/// `[Content_Types].xml` first, as readers that stream the archive expect.
fn part_order(name: &str) -> u8 {
    match name {
        "[Content_Types].xml" => 0,
        "_rels/.rels" => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests;

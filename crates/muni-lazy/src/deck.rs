//! The presenter's deck (`deck=` in the query): presenter mode's slides, kept for use without a
//! network, and the deck as a PowerPoint file. Each slide is its view drawn by the same code as
//! the dashboard (`muni_view`, `muni_chart`) in the presenter's language and theme.

use muni_model::deck::DeckSlide;
use muni_model::{Catalog, ChartQuery, Html, IndicatorFile, Lang};
use muni_view::contract::DeckRequest;
use muni_view::table::{Table, ranking_table, rows_html, series_table};
use muni_view::view::{ViewChart, indicator, view_chart};
use wasm_bindgen::prelude::*;

use crate::export::{bytes_blob, download_blob, png_bytes, request};
use crate::{CATALOG, GEO, cached, view_data};

fn t(l: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match l {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

#[wasm_bindgen(inline_js = r#"
export async function keep_offline(urls) {
  if (!('serviceWorker' in navigator) || !('caches' in self)) {
    throw new Error('this browser keeps no copy for use without a network');
  }
  await navigator.serviceWorker.register(new URL('sw.js', document.baseURI).href);
  const same = (u) => { try { return new URL(u, document.baseURI).origin === location.origin; } catch (e) { return false; } };
  const shell = performance.getEntriesByType('resource').map((e) => e.name).filter(same);
  const all = [...new Set([location.href, ...shell, ...urls.map((u) => new URL(u, document.baseURI).href)])];
  const cache = await caches.open('industrikommuner-offline');
  await cache.addAll(all);
  return all.length;
}"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn keep_offline(urls: js_sys::Array) -> Result<JsValue, JsValue>;
}

/// One slide's view, its data read.
struct Loaded {
    q: ChartQuery,
    slide: DeckSlide,
    catalog: std::rc::Rc<Catalog>,
    file: std::rc::Rc<IndicatorFile>,
    chart: ViewChart,
}

/// Reads each slide's data (and the outlines for a map); the files read, for the offline copy.
async fn load(base: &str, deck_q: &ChartQuery) -> Result<(Vec<Loaded>, Vec<String>), String> {
    let mut urls = vec![format!("{base}/catalog.json")];
    let mut out = Vec::new();
    for (i, s) in deck_q.deck.slides.iter().enumerate() {
        let q = s.query(deck_q.lang, deck_q.dark);
        let at = |e: String| format!("{} {}: {e}", t(q.lang, "bild", "slide"), i + 1);
        let (catalog, file) = view_data(base, &q).await.map_err(at)?;
        let meta = indicator(&catalog, &q).ok_or_else(|| at("no indicator".into()))?;
        if let Some(path) = &meta.file {
            urls.push(format!("{base}/{path}"));
        }
        let geo = if q.view.is_map() {
            urls.push(format!("{base}/geo/municipalities.json"));
            Some(
                cached(&GEO, format!("{base}/geo/municipalities.json"))
                    .await
                    .map_err(at)?,
            )
        } else {
            None
        };
        let (mut chart, _) = view_chart(&catalog, meta, &file, geo.as_deref(), &q)
            .ok_or_else(|| at("no year to show".into()))?;
        // A map slide has its ranking beside it (PowerPoint's map picture leaves it out: the
        // slide shows it as a chart of its own).
        muni_view::view::with_ranking_beside(&catalog, meta, &file, &q, &mut chart);
        if let Some(title) = &s.title {
            chart.set_title(title.clone());
        }
        if let Some(v) = &catalog.data_version {
            chart.append_source(&format!(" · {}", v.label(q.lang)));
        }
        out.push(Loaded {
            q,
            slide: s.clone(),
            catalog,
            file,
            chart,
        });
    }
    urls.dedup();
    Ok((out, urls))
}

/// The table behind a slide's chart, for the handout.
fn table_of(l: &Loaded) -> Option<Table> {
    let meta = indicator(&l.catalog, &l.q)?;
    if l.q.view.one_year() {
        ranking_table(&l.catalog, meta, &l.file, &l.q)
    } else {
        Some(series_table(&l.catalog, meta, &l.file, &l.q))
    }
}

/// One slide of presenter mode: the chart (title, unit and source line drawn in it), the
/// summary as the slide's sentence, its number; the table under it for the printed handout.
/// A slide's texts: its label (for screen readers), the summary and the source line.
pub struct Texts<'a> {
    pub label: &'a str,
    pub summary: &'a str,
    pub source: &'a str,
}

pub fn section(
    (n, total): (usize, usize),
    Texts {
        label,
        summary,
        source,
    }: Texts<'_>,
    svg: Html,
    table: Option<&Table>,
    l: Lang,
) -> Html {
    let mut h = Html::new();
    let num = n.to_string();
    h.m(r#"<section class="slide" data-n=""#)
        .t(&num)
        .m(r#"" aria-roledescription=""#)
        .t(t(l, "bild", "slide"))
        .m(r#"" aria-label=""#)
        .t(&format!(
            "{} {n} {} {total}: {label}",
            t(l, "Bild", "Slide"),
            t(l, "av", "of")
        ))
        .m(r#""><div class="slide-chart">"#)
        .h(&svg)
        .m(r#"</div><p class="slide-summary">"#)
        .t(summary)
        .m(r#"</p><p class="slide-source">"#)
        .t(source)
        .m(r#"</p><p class="slide-number">"#)
        .t(&format!("{n} / {total}"))
        .m("</p>");
    if let Some(table) = table {
        h.m(r#"<table class="slide-table"><thead><tr>"#);
        for c in &table.header {
            h.m(r#"<th scope="col">"#).t(c).m("</th>");
        }
        h.m("</tr></thead><tbody>")
            .h(&rows_html(table))
            .m("</tbody></table>");
    }
    h.m("</section>");
    h
}

/// Presenter mode's slides (`contract::PRESENT_HTML`), each chart drawn at `width` × `height`,
/// then a note of whether the deck is kept for use without a network, and of which data.
#[wasm_bindgen]
pub async fn present_html(request_text: String) -> Result<String, JsValue> {
    let r: DeckRequest = request(&request_text)?;
    let (q, _) = ChartQuery::parse(&r.view.query);
    let (slides, urls) = load(&r.view.base, &q).await?;
    let total = slides.len();
    let mut html = Html::new();
    for (i, s) in slides.iter().enumerate() {
        // The source line under the slide, where it wraps at a legible size.
        let mut chart = s.chart.clone();
        let source = chart.take_source();
        let svg = muni_chart::view_svg(&chart, r.width, r.height).map_err(|e| e.to_string())?;
        let svg = if q.dark {
            muni_chart::palette::for_dark(&svg)
        } else {
            svg
        };
        let meta = indicator(&s.catalog, &s.q).ok_or("no indicator")?;
        let summary = muni_view::summary::summary(&s.catalog, meta, &s.file, &s.q).join(" ");
        let label = muni_view::deck::slide_label(&s.catalog, &s.slide, q.lang);
        let texts = Texts {
            label: &label,
            summary: &summary,
            source: &source,
        };
        html.h(&section(
            (i + 1, total),
            texts,
            Html::from_plotters_svg(svg),
            table_of(s).as_ref(),
            q.lang,
        ));
    }
    let list = js_sys::Array::new();
    for u in &urls {
        list.push(&JsValue::from_str(u));
    }
    let version = cached(&CATALOG, format!("{}/catalog.json", r.view.base))
        .await?
        .data_version
        .as_ref()
        .map(|v| v.label(q.lang))
        .unwrap_or_default();
    let note = match keep_offline(list).await {
        Ok(_) => format!(
            "{} · {version}",
            t(
                q.lang,
                "Sparad för visning utan nät",
                "Kept for use without a network"
            )
        ),
        Err(e) => format!(
            "{}: {}",
            t(
                q.lang,
                "Kunde inte sparas för visning utan nät",
                "Could not be kept for use without a network"
            ),
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default()
        ),
    };
    html.m(r#"<p class="present-offline" data-testid="present-offline" role="status">"#)
        .t(&note)
        .m("</p>");
    Ok(html.into_string())
}

/// Downloads the deck as PowerPoint (`contract::DECK_PPTX`): a slide per view with a native
/// chart and its data (`muni_pptx`), a map as a picture drawn on a canvas; answers the name.
#[wasm_bindgen]
pub async fn deck_pptx(request_text: String) -> Result<String, JsValue> {
    let r: DeckRequest = request(&request_text)?;
    let (q, _) = ChartQuery::parse(&r.view.query);
    // Light, whatever the screen: a deck is restyled in PowerPoint.
    let light = ChartQuery {
        dark: false,
        ..q.clone()
    };
    let (slides, _) = load(&r.view.base, &light).await?;
    let mut out = Vec::new();
    for s in slides {
        let meta = indicator(&s.catalog, &s.q).ok_or("no indicator")?;
        let link = format!("{}{}", r.page, s.q.to_query_string());
        let mut map_svg = None;
        let mut slide =
            muni_pptx::view_slide(&s.catalog, meta, &s.file, &s.q, s.chart, &link, |m| {
                let (w, h) = muni_pptx::MAP_PICTURE;
                map_svg = Some(
                    muni_chart::map::map_chart_svg(&muni_pptx::map_picture(m), w, h)
                        .map_err(|e| e.to_string())?,
                );
                // The picture is drawn below, on a canvas (asynchronously).
                Ok((Vec::new(), w, h))
            })?;
        if let (Some(svg), muni_pptx::Body::Map { png, .. }) = (map_svg, &mut slide.body) {
            let (w, h) = muni_pptx::MAP_PICTURE;
            *png = png_bytes(&svg, w, h).await?;
        }
        if let Some(title) = &s.slide.title {
            slide.title = title.clone();
        }
        out.push(slide);
    }
    let version = cached(&CATALOG, format!("{}/catalog.json", r.view.base))
        .await?
        .data_version
        .as_ref()
        .map(|v| v.id.clone())
        .unwrap_or_default();
    let title = t(
        q.lang,
        "Industrikommunerna – presentation",
        "Industrial municipalities – presentation",
    );
    let bytes = muni_pptx::deck(title, &out)?;
    let name = format!("industrikommuner_presentation_{version}.pptx");
    let mime = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    download_blob(&bytes_blob(&bytes, mime)?, &name)?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slide_section_is_escaped_and_numbered() {
        let table = Table {
            header: vec!["Region".into(), "2020 <b>".into()],
            rows: vec![],
        };
        let texts = Texts {
            label: "Energi <x>",
            summary: "Skövde & \"de andra\"",
            source: "Källa: SCB",
        };
        let h = section(
            (2, 5),
            texts,
            Html::markup("<svg></svg>"),
            Some(&table),
            Lang::Sv,
        )
        .into_string();
        assert!(
            h.contains(r#"aria-label="Bild 2 av 5: Energi &lt;x&gt;""#),
            "{h}"
        );
        assert!(h.contains("Skövde &amp; &quot;de andra&quot;") && h.contains("2 / 5"));
        assert!(h.contains("2020 &lt;b&gt;") && h.contains("<svg></svg>"));
        assert!(!h.contains("<x>") && !h.contains("<b>"));
    }
}

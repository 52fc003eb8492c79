//! The figure: the chart (drawn here, or the map by the lazy module), the pointer's tip on
//! the map, the table behind the chart, the summary and the source line.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{
    Catalog, ChartQuery, Html, IndicatorFile, IndicatorMeta, Lang, MunicipalityCode, View,
};

use super::highlight::{LineHit, Picked, at_pointer, overlay_html, step};
use super::*;
use muni_view::view::ViewChart;

#[component]
pub(super) fn AwaitingFetch(meta: IndicatorMeta, lang: Lang) -> impl IntoView {
    view! {
        <div class="awaiting" role="status" data-testid="awaiting">
            <h2>{meta.title.get(lang).to_owned()}</h2>
            <p>{t(lang, "Det finns inga siffror för den här indikatorn ännu: källan publicerar dem, men de ingår inte i den här versionen av dashboarden.", "There are no figures for this indicator yet: its source publishes them, but they are not in this version of the dashboard.")}</p>
            <p class="source">{muni_view::series::source_line(&meta, lang)}</p>
        </div>
    }
}

/// The SVG of the query's chart at `w`×`h`, the file name (without extension) of an export,
/// and for a series chart what its highlight needs.
pub(super) fn chart_svg(
    cat: &Catalog,
    m: &IndicatorMeta,
    f: &IndicatorFile,
    q: &ChartQuery,
    size: &dyn Fn(usize) -> (u32, u32),
    caption: bool,
) -> Option<(Html, String, Option<LineHit>)> {
    let (mut chart, stem) = muni_view::view::view_chart(cat, m, f, None, q)?;
    if caption {
        chart.set_caption(muni_view::summary::summary(cat, m, f, q).join(" "));
    }
    let (w, h) = size(chart.bars());
    let (mut svg, hit) = match chart {
        ViewChart::Line(c) => {
            let (svg, layout) = muni_chart::line_chart_svg_with_layout(&c, w, h).ok()?;
            let hit = LineHit {
                chart: c,
                layout,
                size: (w, h),
            };
            (svg, Some(hit))
        }
        other => (muni_chart::view_svg(&other, w, h).ok()?, None),
    };
    if q.dark {
        svg = muni_chart::palette::for_dark(&svg);
    }
    Some((Html::from_plotters_svg(svg), stem, hit))
}

// Long: a leptos component: the chart's signals, the map's lazy drawing, the tip and the view
// they feed live together (the table and the summary are their own functions).
#[component]
pub(super) fn Figure(
    catalog: Arc<Catalog>,
    meta: IndicatorMeta,
    file: Arc<IndicatorFile>,
    query: RwSignal<ChartQuery>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let (cat, m, f) = (catalog.clone(), meta.clone(), file.clone());
    // Drawn at the size it is shown: a phone gets a taller chart with legible text, not a
    // shrunken slide.
    let viewport = RwSignal::new(viewport_width());
    // The window's height, for a map that fits it; read when the width changes or the height
    // changes by more than a fifth (a phone's address bar coming and going redraws nothing).
    let window_h = RwSignal::new(viewport_height());
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let w = viewport_width();
        if w != viewport.get_untracked() {
            viewport.set(w);
        }
        let h = viewport_height();
        let before = window_h.get_untracked();
        if h.abs_diff(before) * 5 > before {
            window_h.set(h);
        }
    });
    on_cleanup(move || resize.remove());
    // A map is drawn by the lazily loaded module (see `lazy`), the other charts here.
    let map_svg = RwSignal::new(String::new());
    // The size the map on screen was drawn at (the pointer's hit test scales to it).
    let (map_w, map_h) = (RwSignal::new(0u32), RwSignal::new(0u32));
    Effect::new(move |_| {
        let (is_map, query_string) = query.with(|q| (q.view.is_map(), q.to_query_string()));
        let (w, h) = muni_view::view::map_size(viewport.get(), window_h.get());
        if is_map {
            leptos::task::spawn_local(async move {
                let drawn = crate::lazy::map_svg(&query_string, w, h).await;
                // A later map may have been asked for meanwhile: only the latest is shown.
                let latest = query.with_untracked(|q| q.to_query_string()) == query_string
                    && muni_view::view::map_size(
                        viewport.get_untracked(),
                        window_h.get_untracked(),
                    ) == (w, h);
                if latest {
                    map_w.set(w);
                    map_h.set(h);
                    let html =
                        drawn.unwrap_or_else(|e| Html::element("<p class=\"error\">", &e, "</p>"));
                    let html = html.into_string();
                    // Only colour codes change: the markup and the text stay as escaped.
                    let dark = query.with_untracked(|q| q.dark);
                    map_svg.set(if dark {
                        muni_chart::palette::for_dark(&html)
                    } else {
                        html
                    });
                }
            });
        }
    });
    // A series chart's member lines, one at a time (pointer, tap or arrow keys).
    let line_hit = StoredValue::new(None::<LineHit>);
    let picked = RwSignal::new(None::<Picked>);
    let svg = Memo::new(move |_| {
        let q = query.get();
        let vw = viewport.get();
        let empty =
            |sv, en| Html::element("<p class=\"empty\">", t(q.lang, sv, en), "</p>").into_string();
        line_hit.set_value(None);
        if q.view.is_map() {
            let svg = map_svg.get();
            return if svg.is_empty() {
                empty("Laddar kartan …", "Loading the map …")
            } else {
                svg
            };
        }
        match chart_svg(
            &cat,
            &m,
            &f,
            &q,
            &|bars| muni_view::view::chart_size(vw, bars, false),
            false,
        ) {
            Some((svg, _, hit)) => {
                line_hit.set_value(hit);
                svg.into_string()
            }
            None => empty(
                "Inga publicerade värden för urvalet.",
                "No published values for this selection.",
            ),
        }
    });
    // A new chart drops the highlight of the old one.
    Effect::new(move |_| {
        svg.track();
        picked.set(None);
    });
    // The member line under the pointer (in the drawn picture's pixels).
    let line_under = move |ev: &web_sys::MouseEvent| -> Option<Picked> {
        use wasm_bindgen::JsCast;
        let div: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
        let r = div.query_selector("svg").ok()??.get_bounding_client_rect();
        line_hit.with_value(|hit| {
            let hit = hit.as_ref()?;
            let k = f64::from(hit.size.0) / r.width().max(1.0);
            let xy = (
                (f64::from(ev.client_x()) - r.left()) * k,
                (f64::from(ev.client_y()) - r.top()) * k,
            );
            at_pointer(hit, xy, 14.0 * k)
        })
    };
    let overlay = move || {
        let p = picked.get()?;
        let l = lang.get();
        line_hit.with_value(|hit| hit.as_ref().map(|h| overlay_html(h, p, l)))
    };
    let line_keys = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let next = line_hit.with_value(|hit| step(hit.as_ref()?, picked.get_untracked(), &key));
        if let Some(next) = next {
            ev.prevent_default();
            picked.set(next);
        }
    };
    let is_series = Memo::new(move |_| query.with(|q| q.view == View::Series));
    // The municipality under the pointer, and where to show its tip.
    let under = move |ev: &web_sys::MouseEvent| -> Option<(String, f64, f64)> {
        use wasm_bindgen::JsCast;
        if !query.with_untracked(|q| q.view.is_map()) {
            return None;
        }
        let div: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
        let r = div.query_selector("svg").ok()??.get_bounding_client_rect();
        let (x, y) = (
            f64::from(ev.client_x()) - r.left(),
            f64::from(ev.client_y()) - r.top(),
        );
        let drawn = (map_w.get_untracked(), map_h.get_untracked());
        // The tip is placed in the chart's box, where the map (centred) may not start.
        let d = div.get_bounding_client_rect();
        Some((
            crate::lazy::map_hit(x, y, r.width(), r.height(), drawn)?,
            f64::from(ev.client_x()) - d.left(),
            f64::from(ev.client_y()) - d.top(),
        ))
    };
    // The tip as HTML text (escaped): one string signal rather than a new signal type.
    let tip = RwSignal::new(String::new());
    let (cat, m, f) = (catalog.clone(), meta.clone(), file.clone());
    // On a tap (touch) the tip stays and offers to add the municipality: a finger cannot
    // point without clicking. A mouse click adds it at once.
    let touch = StoredValue::new(false);
    let show_tip = move |found: Option<(String, f64, f64)>, tap: bool| {
        tip.set(found.map_or_else(String::new, |(code, x, y)| {
            let (text, l, chosen) = query.with_untracked(|q| {
                (
                    muni_view::table::map_tip(&cat, &m, &f, q, &code),
                    q.lang,
                    q.municipalities.iter().any(|c| c.as_str() == code),
                )
            });
            let mut h = Html::markup(if tap {
                "<div class=\"tip tap\" data-testid=\"map-tip\" role=\"status\" style=\"left:"
            } else {
                "<div class=\"tip\" data-testid=\"map-tip\" role=\"status\" style=\"left:"
            });
            h.t(&format!("{:.0}", x + 12.0))
                .m("px;top:")
                .t(&format!("{:.0}", y + 12.0))
                .m("px\">")
                .t(&text);
            if tap && !chosen {
                h.m("<button type=\"button\" data-testid=\"tip-add\" data-add=\"")
                    .t(&code)
                    .m("\">")
                    .t(&format!(
                        "{} {}",
                        t(l, "+ Lägg till", "+ Add"),
                        cat.region_name(&code, l)
                    ))
                    .m("</button>");
            }
            h.m("</div>");
            h.into_string()
        }));
    };
    // The tip's add button.
    let add_from_tip = move |ev: web_sys::MouseEvent| {
        use wasm_bindgen::JsCast;
        let code = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.get_attribute("data-add"))
            .and_then(|c| MunicipalityCode::new(&c).ok());
        if let Some(c) = code {
            query.update(|q| {
                if !q.municipalities.contains(&c) {
                    q.municipalities.push(c)
                }
            });
            tip.set(String::new());
        }
    };
    let show_tip_click = show_tip.clone();
    let (cat, m, f) = (catalog.clone(), meta.clone(), file.clone());
    // What the view says, in words: the chart's text alternative and talking points.
    let summary =
        Memo::new(move |_| query.with(|q| muni_view::summary::summary(&cat, &m, &f, q).join(" ")));
    let title_meta = meta.clone();
    let title_now = Memo::new(move |_| title_meta.title.get(lang.get()).to_owned());
    Effect::new(move |_| mark_first_chart());
    // An embed tells its host page its height whenever the chart changes.
    Effect::new(move |_| {
        svg.track();
        if query.with_untracked(|q| q.embed) {
            set_timeout(
                crate::export::post_height,
                std::time::Duration::from_millis(30),
            );
        }
    });
    let m = meta.clone();
    let notes = file.notes.clone();
    let version = catalog.data_version.clone();
    view! {
        <figure>
            <Show when=move || query.with(|q| q.view != View::Table)>
                <div class="chart-wrap">
                    <div class="chart" class:map=move || query.with(|q| q.view.is_map()) data-testid="chart" role="img" aria-label=title_now aria-description=move || summary.get() inner_html=move || svg.get()
                        tabindex=move || is_series.get().then_some("0")
                        on:keydown=line_keys
                        on:pointerdown=move |ev: web_sys::PointerEvent| touch.set_value(ev.pointer_type() == "touch")
                        on:pointermove=move |ev: web_sys::PointerEvent| touch.set_value(ev.pointer_type() == "touch")
                        on:mousemove={ let show = show_tip.clone(); move |ev| {
                            if touch.get_value() { return }
                            show(under(&ev), false);
                            if is_series.get_untracked() {
                                let now = line_under(&ev);
                                if now != picked.get_untracked() { picked.set(now) }
                            }
                        } }
                        // A finger lifted to press the tip's button "leaves" the chart: the tip stays.
                        on:mouseleave=move |_| if !touch.get_value() { tip.set(String::new()); picked.set(None) }
                        on:click={ let show_tip_click = show_tip_click.clone(); move |ev| {
                            // A tap on a member's line shows it, as the pointer does.
                            if is_series.get_untracked() {
                                picked.set(line_under(&ev));
                            }
                            // A click on the map shows the municipality and selects it; a tap
                            // shows it with a button that adds it.
                            let found = under(&ev);
                            let tap = touch.get_value();
                            if !tap && let Some(c) = found.as_ref().and_then(|(c, _, _)| MunicipalityCode::new(c).ok()) {
                                query.update(|q| if !q.municipalities.contains(&c) { q.municipalities.push(c) });
                            }
                            show_tip_click(found, tap);
                        }}></div>
                    <div on:click=add_from_tip inner_html=move || tip.get()></div>
                    <div class="highlight-layer" inner_html=move || overlay().unwrap_or_default()></div>
                </div>
            </Show>
            {summary_block(summary, lang)}
            <PeersPanel catalog=catalog.clone() query/>
            {values_table(catalog.clone(), meta.clone(), file.clone(), query, title_now)}
            {(!query.with_untracked(|q| q.embed)).then(|| view! { <Export catalog=catalog.clone() meta=meta.clone() file=file.clone() query/> })}
            <figcaption>
                <p class="source" data-testid="source">{move || {
                    // An embed has no footer: its source line says the data version.
                    let mut s = muni_view::series::source_line(&m, lang.get());
                    if let Some(v) = version.as_ref().filter(|_| query.with(|q| q.embed)) {
                        s.push_str(" · ");
                        s.push_str(&v.label(lang.get()));
                    }
                    s
                }}</p>
                <ul class="notes">{move || notes.iter().map(|n| view! { <li>{n.get(lang.get()).to_owned()}</li> }).collect_view()}</ul>
            </figcaption>
        </figure>
    }
}

/// The table of the chart's values, under the chart (or as the table view), sortable by any
/// column. Built only while it is shown, so that a change of the chart does not also rebuild a
/// hidden table.
fn values_table(
    catalog: Arc<Catalog>,
    meta: IndicatorMeta,
    file: Arc<IndicatorFile>,
    query: RwSignal<ChartQuery>,
    title_now: Memo<String>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let (cat, m, f) = (catalog, meta, file);
    // The table is built while it is shown (the table view, or the details opened under a
    // chart), so that a change of the chart does not also rebuild a hidden table.
    let table_open = RwSignal::new(false);
    let table_shown = Memo::new(move |_| table_open.get() || query.with(|q| q.view == View::Table));
    // Column and direction the reader sorted by; `None`: the chart's order.
    let sort = RwSignal::new(None::<(usize, bool)>);
    let table = Memo::new(move |_| {
        if !table_shown.get() {
            return None;
        }
        let mut t = query.with(|q| match q.view {
            View::Ranking | View::Map | View::Tiles => {
                muni_view::table::ranking_table(&cat, &m, &f, q)
            }
            _ => Some(muni_view::table::series_table(&cat, &m, &f, q)),
        })?;
        if let Some((col, asc)) = sort.get() {
            muni_view::table::sort_table(&mut t, col, asc);
        }
        Some(t)
    });
    // A new view or indicator starts in the chart's order again.
    let view_kind = Memo::new(move |_| query.with(|q| q.view));
    Effect::new(move |_| {
        view_kind.track();
        sort.set(None);
    });
    view! {
        <details class="table" prop:open=move || table_shown.get()
            on:toggle=move |ev| {
                let open = details_open(&ev);
                // In the table view the details are open by the view, not by the reader.
                if open != table_open.get_untracked() && query.with_untracked(|q| q.view != View::Table) { table_open.set(open) }
            }>
            <summary>{move || t(lang.get(), "Tabell med diagrammets värden", "Table of the chart's values")}</summary>
            <table data-testid="table">
                <caption class="sr-only">{move || format!("{}. {}", title_now.get(), t(lang.get(), "Klicka på en kolumnrubrik för att sortera.", "Select a column heading to sort."))}</caption>
                <thead><tr>{move || {
                    let header = table.get().map(|t| t.header).unwrap_or_default();
                    let current = sort.get();
                    header.into_iter().enumerate().map(|(col, h)| {
                        let state = match current {
                            Some((c, true)) if c == col => "ascending",
                            Some((c, false)) if c == col => "descending",
                            _ => "none",
                        };
                        // First click: names A–Ö, numbers highest first.
                        let next = match current {
                            Some((c, asc)) if c == col => !asc,
                            _ => col == 0,
                        };
                        view! { <th scope="col" aria-sort=state><button class="sort" on:click=move |_| sort.set(Some((col, next)))>{h}</button></th> }
                    }).collect_view()
                }}</tr></thead>
                <tbody inner_html=move || table.with(|t| t.as_ref().map(|t| muni_view::table::rows_html(t).into_string()).unwrap_or_default())></tbody>
            </table>
            <p class="legend">{move || t(lang.get(), ".. = sekretess (SCB lämnar inte ut värdet), – = saknas", ".. = confidential (withheld by SCB), – = missing")}</p>
        </details>
    }
}

/// What the view says, in words, with a button that copies it.
fn summary_block(summary: Memo<String>, lang: Memo<Lang>) -> impl IntoView {
    let copied = RwSignal::new(String::new());
    Effect::new(move |_| {
        summary.track();
        copied.set(String::new());
    });
    view! {
        <div class="summary">
            <p data-testid="summary">{move || summary.get()}</p>
            <button class="link" data-testid="copy-summary" on:click=move |_| {
                let text = summary.get_untracked();
                leptos::task::spawn_local(async move {
                    let l = lang.get_untracked();
                    copied.set(match crate::export::copy_text(text).await {
                        Ok(()) => t(l, "Kopierad.", "Copied."),
                        Err(_) => t(l, "Kunde inte kopiera: markera texten och kopiera den.", "Could not copy: select the text and copy it."),
                    }.to_owned());
                });
            }>{move || t(lang.get(), "Kopiera texten", "Copy the text")}</button>
            <span role="status">{move || copied.get()}</span>
        </div>
    }
}

//! The "download and share" panel: CSV, pictures, the clipboard and the embed snippet.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{Catalog, ChartQuery, Html, IndicatorFile, IndicatorMeta};

use muni_view::export::ExportAction;

use super::*;

/// "Download and share": the view's CSV in the dialect the reader chose (remembered), the chart
/// as PNG or SVG at slide sizes, a copy to the clipboard, and an embed snippet. The panel is
/// plain HTML whose controls are read when a button is pressed, and the work is done by the
/// lazily loaded module: none of it is in the first view's download.
// Long: a leptos component: the panel's signals, the effects that fill them and the view they
// feed live together.
#[component]
pub(super) fn Export(
    catalog: Arc<Catalog>,
    meta: IndicatorMeta,
    file: Arc<IndicatorFile>,
    query: RwSignal<ChartQuery>,
) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let said = RwSignal::new(String::new());
    let embed_dark = RwSignal::new(false);
    let open = RwSignal::new(false);
    let report = move |r: Result<String, String>| {
        said.set(match r {
            Ok(s) => s,
            Err(e) => format!(
                "{}: {e}",
                t(lang.get_untracked(), "Det gick inte", "That failed")
            ),
        })
    };
    // The panel is built by the lazy module when opened (and again when the view changes).
    let panel = RwSignal::new(String::new());
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let page = web_sys::window()
            .and_then(|w| {
                let l = w.location();
                Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
            })
            .unwrap_or_default();
        let qs = query.with(|q| q.to_query_string());
        let dark = embed_dark.get();
        let machine = crate::export::remembered("csv-dialect").as_deref() == Some("machine");
        leptos::task::spawn_local(async move {
            let html = crate::lazy::export_panel(&qs, page, machine, dark)
                .await
                .unwrap_or_else(|e| Html::element("<p class=\"error\">", &e, "</p>"));
            panel.set(html.into_string());
        });
    });
    let act = move |ev: web_sys::MouseEvent| {
        let element =
            |t: Option<web_sys::EventTarget>| t.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let (Some(target), Some(panel)) = (element(ev.target()), element(ev.current_target()))
        else {
            return;
        };
        let Some(action) = target
            .get_attribute("data-action")
            .and_then(|a| ExportAction::parse(&a))
        else {
            return;
        };
        let pick = |sel: &str| -> Option<String> {
            let e = panel.query_selector(sel).ok()??;
            match e.dyn_ref::<web_sys::HtmlSelectElement>() {
                Some(s) => Some(s.value()),
                None => e.get_attribute("value"),
            }
        };
        let (w, h) = match pick("select").as_deref() {
            Some("1280") => (1280, 720),
            Some("960") => (960, 540),
            _ => (1920, 1080),
        };
        let q = query.get_untracked();
        let qs = q.to_query_string();
        match action {
            ExportAction::Dialect => crate::export::remember(
                "csv-dialect",
                &pick("input[name=dialect]:checked").unwrap_or_default(),
            ),
            ExportAction::Dark => embed_dark.update(|d| *d = !*d),
            ExportAction::Csv => {
                let chosen = pick("input[name=dialect]:checked").unwrap_or_default();
                crate::export::remember("csv-dialect", &chosen);
                let selection = muni_view::export::view_selection(&catalog, &meta, &file, &q);
                // The panel's two radio values; anything else is said, not guessed.
                let dialect = muni_model::extract::Dialect::parse(&chosen)
                    .ok_or_else(|| format!("unknown CSV dialect {chosen:?}"));
                leptos::task::spawn_local(async move {
                    report(match dialect {
                        Ok(d) => crate::lazy::export_csv(&qs, selection, d).await,
                        Err(e) => Err(e),
                    })
                });
            }
            ExportAction::Xlsx => {
                let selection = muni_view::export::view_selection(&catalog, &meta, &file, &q);
                leptos::task::spawn_local(async move {
                    report(crate::lazy::export_xlsx(&qs, selection).await)
                });
            }
            ExportAction::Copy => {
                // Asked within the click: browsers refuse a later clipboard write.
                let copied = crate::lazy::copy_picture(&qs, w, h);
                leptos::task::spawn_local(async move {
                    report(copied.await.map(|()| {
                        t(
                            lang.get_untracked(),
                            "Bilden är kopierad",
                            "The picture is copied",
                        )
                        .to_owned()
                    }))
                });
            }
            ExportAction::Picture(kind) => {
                leptos::task::spawn_local(async move {
                    report(crate::lazy::export_picture(&qs, w, h, kind).await)
                });
            }
        }
    };
    view! {
        <details class="export" data-testid="export" on:toggle=move |ev| {
            let o = details_open(&ev);
            if o != open.get_untracked() { open.set(o) }
        }>
            <summary>{move || t(lang.get(), "Ladda ner och dela", "Download and share")}</summary>
            <div class="export-grid" on:click=act inner_html=move || panel.get()></div>
            <p class="said" role="status" data-testid="export-status">{move || said.get()}</p>
        </details>
    }
}

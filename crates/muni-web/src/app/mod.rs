//! The leptos components. State lives in the URL (`ChartQuery`): every control updates the
//! query, the query is written back with `history.replaceState`, and every view is derived
//! from it through the pure functions of `muni_view`.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{Catalog, ChartQuery, Lang, NoticeReason, QueryNotice, View};

mod controls;
mod deck;
mod export;
mod figure;
mod highlight;
mod peers;
mod picker;
mod profile;

use controls::*;
use deck::*;
use export::*;
use figure::*;
use peers::*;
use picker::*;
use profile::*;

/// Swedish or English.
pub(super) fn t(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// The page's width in CSS pixels (960 if unknown).
pub(super) fn viewport_width() -> u32 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .map_or(960, |w| w as u32)
}

pub(super) fn viewport_height() -> u32 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .map_or(800, |h| h as u32)
}

pub(super) fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

pub(super) fn write_url(query: &str) {
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        );
    }
}

/// Whether the `<details>` a `toggle` event came from is now open.
pub(super) fn details_open(ev: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}

/// Marks the moment the app's first chart is on screen, for the performance budget, and
/// takes over from the first screen prerendered into the page (`#prerendered`, which CSS shows
/// instead of the app until it is removed here).
pub(super) fn mark_first_chart() {
    let Some(w) = web_sys::window() else { return };
    if let Some(pre) = w
        .document()
        .and_then(|d| d.get_element_by_id("prerendered"))
    {
        pre.remove();
    }
    if let Some(p) = w.performance()
        && p.get_entries_by_name("first-chart").length() == 0
    {
        let _ = p.mark("first-chart");
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (mut initial, notices) = ChartQuery::parse(&location_search());
    if initial.embed {
        crate::export::observe_height();
    } else {
        remembered_deck(&mut initial);
    }
    let query = RwSignal::new(initial);
    let notices = RwSignal::new(notices);
    Effect::new(move |_| write_url(&query.with(|q| q.to_query_string())));
    let catalog = LocalResource::new(|| async { crate::api::catalog().await.map(Arc::new) });
    view! {
        <Suspense fallback=move || view! { <p class="loading">"Laddar … / Loading …"</p> }>
            {move || catalog.get().map(|result| match result {
                Ok(c) => view! { <Dashboard catalog=c query notices/> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{format!("Kunde inte läsa data / Could not load data: {e}")}</p> }.into_any(),
            })}
        </Suspense>
    }
}

// Long: a leptos component: the page's signals (the query, the URL, the catalog and the files
// it loads) and the effects between them, in the order they react.
#[component]
fn Dashboard(
    catalog: Arc<Catalog>,
    query: RwSignal<ChartQuery>,
    notices: RwSignal<Vec<QueryNotice>>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let cat = catalog.clone();
    let meta = Memo::new(move |_| query.with(|q| muni_view::view::indicator(&cat, q).cloned()));
    // What the catalog cannot show is dropped with a notice each (and the URL follows): a
    // stale indicator, an unknown code, a year the indicator lacks, another data version.
    let cat = catalog.clone();
    Effect::new(move |_| {
        if let Some((fixed, said)) = query.with(|q| muni_view::view::reconcile(&cat, q)) {
            notices.update(|n| n.extend(said));
            query.set(fixed);
        }
    });
    // The page's language and title follow the view (screen readers, tabs, bookmarks).
    Effect::new(move |_| {
        let l = lang.get();
        let site = t(
            l,
            "Industrikommunerna i siffror",
            "Sweden's industrial municipalities in figures",
        );
        let title = meta.with(|m| m.as_ref().map(|m| format!("{} – {site}", m.title.get(l))));
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&title.unwrap_or_else(|| site.to_owned()));
            if let Some(html) = d.document_element() {
                let _ = html.set_attribute("lang", t(l, "sv", "en"));
            }
        }
    });
    let file = LocalResource::new(move || {
        let path = meta.get().and_then(|m| m.file.clone());
        async move {
            match path {
                Some(p) => crate::api::indicator(&p).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let embed = move || query.with(|q| q.embed);
    // The network's claim about industry jobs, from the data (latest year, with its source).
    let headline_catalog = catalog.clone();
    let headline = move || {
        let c = headline_catalog.clone();
        c.headline.clone().map(|h| {
            view! { <p class="headline" data-testid="headline">{move || h.sentence(&c, lang.get())}</p> }
        })
    };
    let controls_catalog = catalog.clone();
    let version = catalog.data_version.clone();
    let version = Memo::new(move |_| {
        version
            .as_ref()
            .map(|v| v.label(lang.get()))
            .unwrap_or_default()
    });
    // Only a switch to or from the profile rebuilds the main area; other changes update in place.
    let is_profile = Memo::new(move |_| query.with(|q| q.view == View::Profile));
    // A handout asked for: printed once presenter mode's slides are in.
    let print = RwSignal::new(false);
    let deck_catalog = catalog.clone();
    view! {
        <div class="app" class:embed=embed class:dark=move || query.with(|q| q.dark) lang=move || t(lang.get(), "sv", "en")>
            <Show when=move || !embed()>
                <a class="skip" href="#main">{move || t(lang.get(), "Hoppa till diagrammet", "Skip to the chart")}</a>
                <header>
                    <h1>{move || t(lang.get(), "Industrikommunerna i siffror", "Sweden's industrial municipalities in figures")}</h1>
                    <LanguageSwitch query/>
                    {headline.clone()}
                </header>
                <Notices notices lang query/>
                <Controls catalog=controls_catalog.clone() query meta/>
            </Show>
            <main id="main" tabindex="-1">
                <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), "Laddar …", "Loading …")}</p> }>
                    {
                        let catalog = catalog.clone();
                        move || {
                            let catalog = catalog.clone();
                            let is_profile = is_profile.get();
                            file.get().map(move |r| match (r, meta.get()) {
                                _ if is_profile => view! { <Profile catalog=catalog.clone() query/> }.into_any(),
                                (Ok(Some(f)), Some(m)) => view! { <Figure catalog=catalog.clone() meta=m file=Arc::new(f) query/> }.into_any(),
                                (Ok(None), Some(m)) => view! { <AwaitingFetch meta=m lang=lang.get()/> }.into_any(),
                                (Err(e), _) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                                _ => view! { <p>"–"</p> }.into_any(),
                            })
                        }
                    }
                </Transition>
            </main>
            <Show when=move || !embed()>
                <DeckPanel catalog=deck_catalog.clone() query print/>
                <Presenter query print/>
                <footer class="downloads" data-testid="downloads">
                    <p>
                        {move || t(lang.get(), "Hela datasetet (alla indikatorer, regioner och år): ", "The whole dataset (every indicator, region and year): ")}
                        <a href="data/full/industrikommuner.parquet" download>"Parquet"</a>" · "
                        <a href="data/full/industrikommuner_csv.zip" download>{move || t(lang.get(), "CSV med dataordlista (zip)", "CSV with data dictionary (zip)")}</a>" · "
                        <a href="data/full/industrikommuner_excel_sv.csv" download>"CSV (Excel)"</a>" · "
                        <a href="data/full/industrikommuner.xlsx" download>"Excel (xlsx)"</a>" · "
                        <a href="data/changes.html">{move || t(lang.get(), "Nytt i data", "What's new")}</a>
                    </p>
                    <p class="version" data-testid="data-version">{move || version.get()}</p>
                </footer>
            </Show>
        </div>
    }
}

//! A municipality's profile: every indicator's latest value, places and change.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{Catalog, ChartQuery, Html, MunicipalityCode, RegionLevel, View};

use super::*;

#[component]
pub(super) fn Profile(catalog: Arc<Catalog>, query: RwSignal<ChartQuery>) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let cat = catalog.clone();
    let code = Memo::new(move |_| {
        query
            .with(|q| muni_view::profile::profile_code(&cat, q))
            .unwrap_or_default()
    });
    // The sentence and the table come from the lazy module (they read every indicator file).
    let body = RwSignal::new(String::new());
    Effect::new(move |_| {
        let qs = query.with(|q| q.to_query_string());
        leptos::task::spawn_local(async move {
            let html = crate::lazy::profile_html(&qs).await.unwrap_or_else(|e| {
                Html::element("<p class=\"error\" role=\"alert\">", &e, "</p>")
            });
            // Only the latest profile asked for is shown.
            if query.with_untracked(|q| q.to_query_string()) == qs {
                body.set(html.into_string());
            }
        });
    });
    // A click on an indicator's title opens it over time; the print button prints the page
    // (the print stylesheet keeps the profile only).
    let open = move |ev: web_sys::MouseEvent| {
        use wasm_bindgen::JsCast;
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target
            .as_ref()
            .and_then(|e| e.get_attribute("data-action"))
            .is_some_and(|a| a == "print")
        {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
            return;
        }
        let id = target
            .and_then(|e| e.get_attribute("data-indicator"))
            .and_then(|id| muni_model::IndicatorId::new(&id).ok());
        if let Some(id) = id {
            query.update(|q| {
                q.indicator = Some(id);
                q.view = View::Series;
            });
        }
    };
    let mut municipalities: Vec<(String, String)> = catalog
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .map(|r| (r.code.as_str().to_owned(), r.name.clone()))
        .collect();
    muni_model::sort::sort_by(&mut municipalities, |a, b| {
        muni_view::table::sv_key(&a.1).cmp(&muni_view::table::sv_key(&b.1))
    });
    view! {
        <section class="profile" data-testid="profile">
            <label>
                <span>{move || t(lang.get(), "Kommun", "Municipality")}</span>
                <select data-testid="profile-municipality" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Ok(c) = MunicipalityCode::new(&v) { query.update(|q| q.profile = Some(c)); }
                }>
                    {municipalities.into_iter().map(|(c, n)| {
                        let value = c.clone();
                        let sel = move || code.get() == c;
                        view! { <option value=value selected=sel>{n}</option> }
                    }).collect_view()}
                </select>
            </label>
            <h2>{move || catalog.region(&code.get()).map(|r| r.name.clone()).unwrap_or_default()}</h2>
            <div on:click=open inner_html=move || {
                let b = body.get();
                if b.is_empty() {
                    Html::element("<p class=\"loading\">", t(lang.get(), "Laddar alla indikatorer …", "Loading every indicator …"), "</p>").into_string()
                } else {
                    b
                }
            }></div>
            <p class="legend">{move || t(lang.get(), "Senaste år med ett publicerat värde; förändring sedan första publicerade år (andelar i procentenheter). Plats n / N: bland de N kommuner som har ett publicerat värde det året. Linjerna: kommunen (heldragen) mot nätverkets median (streckad).", "Latest year with a published value; change since the first published year (shares in percentage points). Rank n / N: among the N municipalities with a published value that year. The lines: the municipality (solid) against the network median (dashed).")}</p>
        </section>
    }
}

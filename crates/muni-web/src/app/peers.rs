//! "Municipalities like …": the peers panel.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{Catalog, ChartQuery, MunicipalityCode};

use super::*;

/// "Municipalities like …": the first selected municipality's peers by industry structure,
/// with the values they were compared on, and one click to compare with them all.
#[component]
pub(super) fn PeersPanel(catalog: Arc<Catalog>, query: RwSignal<ChartQuery>) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    // The first selected municipality ("" for none).
    let anchor = Memo::new(move |_| {
        query.with(|q| {
            q.municipalities
                .first()
                .map_or_else(String::new, |m| m.as_str().to_owned())
        })
    });
    let open = RwSignal::new(false);
    // The table: escaped HTML from the lazy module (a table of leptos views costs kBs).
    let html = RwSignal::new(String::new());
    // The peers shown, for "add them to the comparison" (codes, comma-separated: a string
    // signal, of which the app has many, rather than a new signal type).
    let peers = RwSignal::new(String::new());
    Effect::new(move |_| {
        if anchor.with(String::is_empty) || !open.get() {
            return;
        }
        let q = query.with(|q| q.to_query_string());
        leptos::task::spawn_local(async move {
            let answer = crate::lazy::peers_html(&q).await;
            peers.set(answer.peers.join(","));
            html.set(answer.html.into_string());
        });
    });
    let has_peers = Memo::new(move |_| peers.with(|p| !p.is_empty()));
    let add = move |_| {
        let codes = peers.get_untracked();
        query.update(|q| {
            for c in codes
                .split(',')
                .filter_map(|c| MunicipalityCode::new(c).ok())
            {
                if !q.municipalities.contains(&c) {
                    q.municipalities.push(c)
                }
            }
        })
    };
    let title = move || {
        let l = lang.get();
        format!(
            "{} {}",
            t(l, "Kommuner som liknar", "Municipalities like"),
            catalog.region_name(&anchor.get(), l)
        )
    };
    view! {
        <details class="peers" data-testid="peers" hidden=move || anchor.with(String::is_empty) on:toggle=move |ev| open.set(details_open(&ev))>
            <summary>{title}</summary>
            <div inner_html=move || { let h = html.get(); if h.is_empty() { muni_model::Html::text(t(lang.get(), "Laddar …", "Loading …")).into_string() } else { h } }></div>
            <button data-testid="add-peers" hidden=move || !has_peers.get() on:click=add>
                {move || t(lang.get(), "Jämför med alla i diagrammet", "Compare with all of them in the chart")}
            </button>
        </details>
    }
}

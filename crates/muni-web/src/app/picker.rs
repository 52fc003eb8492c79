//! Choosing municipalities: search with a live count, the chips of the selection.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{Catalog, ChartQuery, GroupId, Lang, MunicipalityCode, RegionLevel};
use wasm_bindgen::JsCast;

use super::*;

// Long: a leptos component: the search, its live count and the chips (in their chart colours)
// are one view.
#[component]
pub(super) fn MunicipalityPicker(
    catalog: Arc<Catalog>,
    query: RwSignal<ChartQuery>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let text = RwSignal::new(String::new());
    let search_box = NodeRef::<leptos::html::Input>::new();
    let cat = catalog.clone();
    let hits = move || {
        let t = text.get();
        let members = cat.network();
        muni_view::search::search(&cat, &t, 8)
            .into_iter()
            .map(|r| {
                let member = members.iter().any(|m| m.as_str() == r.code.as_str());
                (r.code.as_str().to_owned(), r.name.clone(), member)
            })
            .collect::<Vec<_>>()
    };
    let hits_on_enter = hits.clone();
    let hits_count = hits.clone();
    let add = move |code: String| {
        if let Ok(c) = MunicipalityCode::new(&code) {
            query.update(|q| {
                if !q.municipalities.contains(&c) {
                    q.municipalities.push(c);
                }
            });
        }
        text.set(String::new());
        // Back to the search, for the next one.
        if let Some(i) = search_box.get_untracked() {
            let _ = i.focus();
        }
    };
    // After a chip is removed, the focus goes to the chip that took its place (or the one
    // before, or the search when none is left), not to the top of the page.
    let focus_after_removal = move |index: usize| {
        request_animation_frame(move || {
            let Some(d) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let buttons = d.query_selector_all("[data-testid=chips] li button").ok();
            let n = buttons.as_ref().map_or(0, web_sys::NodeList::length);
            let next = buttons
                .filter(|_| n > 0)
                .and_then(|b| b.item((index as u32).min(n - 1)))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match next {
                Some(b) => {
                    let _ = b.focus();
                }
                None => {
                    if let Some(i) = search_box.get_untracked() {
                        let _ = i.focus();
                    }
                }
            }
        });
    };
    let cat = catalog.clone();
    let name_of = move |code: &str| {
        cat.region(code)
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let cat = catalog.clone();
    let group_name = move |g: GroupId, l: Lang| cat.group_name(g, l);
    let counties: Vec<(String, String)> = catalog
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::County)
        .map(|r| (r.code.as_str().to_owned(), r.name.clone()))
        .collect();
    let add_group = move |g: GroupId| {
        query.update(|q| {
            if !q.groups.contains(&g) {
                q.groups.push(g)
            }
        })
    };
    view! {
        <div class="picker">
            <label class="search">
                <span>{move || t(lang.get(), "Lägg till kommun", "Add municipality")}</span>
                <input type="search" data-testid="search" autocomplete="off" prop:value=move || text.get()
                    placeholder=move || t(lang.get(), "Sök bland 290 kommuner", "Search 290 municipalities")
                    on:input=move |ev| text.set(event_target_value(&ev))
                    node_ref=search_box
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && let Some((code, _, _)) = hits_on_enter().into_iter().next() {
                            add(code)
                        }
                    }/>
            </label>
            <ul class="hits" data-testid="hits" aria-label=move || t(lang.get(), "Träffar", "Matches")>
                {move || hits().into_iter().map(|(code, name, member)| {
                    let c = code.clone();
                    let mark = member.then(|| view! { <span class="member-mark">{t(lang.get(), "i nätverket", "in the network")}</span> });
                    view! { <li><button data-code=code on:click=move |_| add(c.clone())>{"+ "}{name}{mark}</button></li> }
                }).collect_view()}
            </ul>
            // Read out by screen readers as the reader types.
            <p class="sr-only" aria-live="polite">{move || {
                let n = if text.with(|t| t.trim().is_empty()) { None } else { Some(hits_count().len()) };
                match (n, lang.get()) {
                    (None, _) => String::new(),
                    (Some(0), l) => t(l, "Ingen kommun matchar", "No municipality matches").to_owned(),
                    (Some(1), Lang::Sv) => "1 träff, Enter lägger till den".to_owned(),
                    (Some(1), Lang::En) => "1 match, Enter adds it".to_owned(),
                    (Some(n), Lang::Sv) => format!("{n} träffar, Enter lägger till den första"),
                    (Some(n), Lang::En) => format!("{n} matches, Enter adds the first"),
                }
            }}</p>
            <div class="groups">
                <button data-testid="add-network" on:click=move |_| add_group(GroupId::Network)>{move || t(lang.get(), "+ Nätverket", "+ The network")}</button>
                <select data-testid="county" aria-label=move || t(lang.get(), "Lägg till ett län", "Add a county") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(g) = GroupId::parse(&format!("lan{v}")) { add_group(g) }
                    // Back to "+ Ett län", so the same county can be chosen again after removal.
                    if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                        sel.set_value("");
                    }
                }>
                    <option value="">{move || t(lang.get(), "+ Ett län", "+ A county")}</option>
                    {counties.into_iter().map(|(c, n)| view! { <option value=c>{n}</option> }).collect_view()}
                </select>
            </div>
            <ul class="chips" data-testid="chips" aria-label=move || t(lang.get(), "Valda", "Selected")>
                {move || query.with(|q| q.groups.clone()).into_iter().enumerate().map(|(i, g)| {
                    let label = group_name(g, lang.get());
                    let remove = g;
                    view! { <li class="chip group">{label.clone()}<button aria-label=format!("{} {label}", t(lang.get(), "Ta bort", "Remove")) on:click=move |_| { query.update(|q| q.groups.retain(|x| *x != remove)); focus_after_removal(i) }>"×"</button></li> }
                }).collect_view()}
                {move || {
                    let selected = query.with(|q| q.municipalities.clone());
                    // The chip carries its line's, bar's and outline's colour (muni_view::spec).
                    let codes: Vec<&str> = selected.iter().map(|m| m.as_str()).collect();
                    let slots = muni_view::spec::colour_slots(&codes);
                    let groups = query.with(|q| q.groups.len());
                    selected.into_iter().zip(slots).enumerate().map(|(i, (m, slot))| {
                    let label = name_of(m.as_str());
                    let code = m.as_str().to_owned();
                    view! { <li class=format!("chip c{slot}") data-code=code>{label.clone()}<button aria-label=format!("{} {label}", t(lang.get(), "Ta bort", "Remove")) on:click=move |_| { query.update(|q| q.municipalities.retain(|x| *x != m)); focus_after_removal(groups + i) }>"×"</button></li> }
                }).collect_view()}}
            </ul>
        </div>
    }
}

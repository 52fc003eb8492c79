//! The language switch, the notices about the URL, the indicator, view, measure, scope and
//! year controls.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{
    Catalog, ChartQuery, IndicatorMeta, IndicatorStatus, Lang, QueryNotice, Scope, Theme, View,
};

use super::*;

#[component]
pub(super) fn LanguageSwitch(query: RwSignal<ChartQuery>) -> impl IntoView {
    let set = move |l: Lang| query.update(|q| q.lang = l);
    view! {
        <div class="lang" role="group" aria-label="Språk / Language">
            <button data-testid="lang-sv" aria-pressed=move || (query.with(|q| q.lang) == Lang::Sv).to_string() on:click=move |_| set(Lang::Sv)>"Svenska"</button>
            <button data-testid="lang-en" aria-pressed=move || (query.with(|q| q.lang) == Lang::En).to_string() on:click=move |_| set(Lang::En)>"English"</button>
        </div>
    }
}

#[component]
pub(super) fn Notices(
    notices: RwSignal<Vec<QueryNotice>>,
    lang: Memo<Lang>,
    query: RwSignal<ChartQuery>,
) -> impl IntoView {
    // A link made on other data: what changed since for the indicator shown (the lazy module
    // reads the change log), asked once per version.
    let changed = RwSignal::new(String::new());
    let asked = RwSignal::new(String::new());
    Effect::new(move |_| {
        let other = notices.with(|n| {
            n.iter()
                .find(|x| x.reason == NoticeReason::OtherDataVersion)
                .map(|x| x.value.clone())
        });
        let Some(dv) = other.filter(|dv| *dv != asked.get_untracked()) else {
            return;
        };
        asked.set(dv.clone());
        let q = query.with_untracked(|q| q.to_query_string());
        leptos::task::spawn_local(async move {
            changed.set(
                crate::lazy::changes_since(&q, &dv)
                    .await
                    .unwrap_or_else(|e| e),
            );
        });
    });
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notice" role="status" data-testid="notice">
                <p>{move || {
                    // A link on other data is still used: say "about the link", not "ignored".
                    let only_version = notices.with(|n| n.iter().all(|x| x.reason == NoticeReason::OtherDataVersion));
                    if only_version {
                        t(lang.get(), "Om länken:", "About the link:")
                    } else {
                        t(lang.get(), "Delar av länken kunde inte användas och har ignorerats:", "Parts of the link could not be used and were ignored:")
                    }
                }}</p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li><code>{format!("{}={}", n.param, n.value)}</code>" – "{n.reason.text(lang.get())}</li> }).collect_view()}
                </ul>
                <p data-testid="notice-changes" hidden=move || changed.with(String::is_empty)>{move || changed.get()}</p>
                <button on:click=move |_| notices.set(Vec::new())>{move || t(lang.get(), "Stäng", "Dismiss")}</button>
            </div>
        </Show>
    }
}

// Long: a leptos component: the choices in the order the page shows them, each a control
// bound to the query.
#[component]
pub(super) fn Controls(
    catalog: Arc<Catalog>,
    query: RwSignal<ChartQuery>,
    meta: Memo<Option<IndicatorMeta>>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let cat = catalog.clone();
    // The menu lists each indicator once: a share or a figure per inhabitant is a measure of
    // its base (the measure menu), so the base is what is selected here.
    let indicator_options = move || {
        let l = lang.get();
        let current = meta
            .get()
            .map(|m| muni_view::measures::base(&cat, &m).id.to_string())
            .unwrap_or_default();
        Theme::ALL
            .into_iter()
            .map(|theme| {
                let opts = cat
                .indicators
                .iter()
                .filter(|i| i.theme == theme && muni_view::measures::in_menu(i))
                .map(|i| {
                    let mut label = i.title.get(l).to_owned();
                    if i.status == IndicatorStatus::AwaitingFetch {
                        label.push_str(t(l, " (inga data än)", " (no data yet)"));
                    }
                    view! { <option value=i.id.to_string() selected=i.id.as_str() == current>{label}</option> }
                })
                .collect_view();
                view! { <optgroup label=theme.name().get(l).to_owned()>{opts}</optgroup> }
            })
            .collect_view()
    };
    let cat = catalog.clone();
    let choose_indicator = move |v: String| {
        let Some(chosen) = cat.indicator(&v) else {
            return;
        };
        let id = muni_view::measures::switch_to(&cat, meta.get_untracked().as_ref(), chosen);
        query.update(|q| q.indicator = Some(id));
    };
    let cat = catalog.clone();
    let measure_options = move || {
        let Some(m) = meta.get() else {
            return Vec::new();
        };
        query.with(|q| muni_view::measures::measure_options(&cat, &m, q))
    };
    let view_tab = move |v: View, sv: &'static str, en: &'static str, id: &'static str| {
        view! {
            <button data-testid=id aria-pressed=move || (query.with(|q| q.view) == v).to_string()
                on:click=move |_| query.update(|q| q.view = v)>{move || t(lang.get(), sv, en)}</button>
        }
    };
    let years = move || meta.get().map(|m| m.years).unwrap_or_default();
    // A profile shows every indicator for one municipality: the indicator, measure, years,
    // scope and selection do nothing there and are hidden.
    let profile = move || query.with(|q| q.view == View::Profile);
    view! {
        <section class="controls" aria-label=move || t(lang.get(), "Val", "Choices")>
            <label hidden=profile>
                <span>{move || t(lang.get(), "Indikator", "Indicator")}</span>
                <select data-testid="indicator" on:change=move |ev| choose_indicator(event_target_value(&ev))>
                    {indicator_options}
                </select>
            </label>
            <p class="definition" data-testid="definition" hidden=profile>{move || meta.get().map(|m| m.definition.get(lang.get()).to_owned())}</p>
            <div class="tabs" role="group" aria-label=move || t(lang.get(), "Vy", "View")>
                {view_tab(View::Series, "Över tid", "Over time", "view-series")}
                {view_tab(View::Ranking, "Rangordning", "Ranking", "view-ranking")}
                {view_tab(View::Table, "Tabell", "Table", "view-table")}
                {view_tab(View::Profile, "Kommunprofil", "Municipality profile", "view-profile")}
                {view_tab(View::Map, "Karta", "Map", "view-map")}
                {view_tab(View::Tiles, "Rutnät", "Tile grid", "view-tiles")}
            </div>
            <div class="row" hidden=profile>
                <label>
                    <span>{move || t(lang.get(), "Mått", "Measure")}</span>
                    <select data-testid="measure" on:change=move |ev| {
                        if let Some(choice) = muni_view::measures::MeasureChoice::parse(&event_target_value(&ev)) {
                            query.update(|q| choice.apply(q));
                        }
                    }>
                        {move || measure_options().into_iter().map(|o| view! { <option value=o.value selected=o.selected>{o.label}</option> }).collect_view()}
                    </select>
                </label>
                <Show when=move || query.with(|q| q.view.one_year())
                    fallback=move || view! { <YearRange query years=Signal::derive(years)/> }>
                    <label>
                        <span>{move || t(lang.get(), "År", "Year")}</span>
                        <select data-testid="ranking-year" on:change=move |ev| { let v = event_target_value(&ev); query.update(|q| q.year = v.parse().ok()); }>
                            {move || {
                                let m = meta.get();
                                let current = m.as_ref().and_then(|m| query.with(|q| muni_view::view::ranking_year(m, q)));
                                years().into_iter().rev().map(|y| view! { <option value=y.to_string() selected=Some(y) == current>{y}</option> }).collect_view()
                            }}
                        </select>
                    </label>
                </Show>
                <label>
                    <span>{move || t(lang.get(), "Rangordna", "Rank")}</span>
                    <select data-testid="scope" on:change=move |ev| { let v = event_target_value(&ev); query.update(|q| q.scope = if v == "sweden" { Scope::Sweden } else { Scope::Network }); }>
                        <option value="network" selected=move || query.with(|q| q.scope == Scope::Network)>{move || t(lang.get(), "nätverket", "the network")}</option>
                        <option value="sweden" selected=move || query.with(|q| q.scope == Scope::Sweden)>{move || t(lang.get(), "alla 290 kommuner", "all 290 municipalities")}</option>
                    </select>
                </label>
            </div>
            <div class="picker-wrap" hidden=profile>
                <MunicipalityPicker catalog=catalog.clone() query/>
            </div>
        </section>
    }
}

#[component]
pub(super) fn YearRange(query: RwSignal<ChartQuery>, years: Signal<Vec<u16>>) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let bounds = move || {
        let ys = years.get();
        let (lo, hi) = (
            ys.first().copied().unwrap_or(0),
            ys.last().copied().unwrap_or(0),
        );
        query
            .with(|q| q.years)
            .map_or((lo, hi), |(a, b)| (a.clamp(lo, hi), b.clamp(lo, hi)))
    };
    let set = move |from: Option<u16>, to: Option<u16>| {
        let (a, b) = bounds();
        let (a, b) = (from.unwrap_or(a), to.unwrap_or(b));
        query.update(|q| q.years = Some((a.min(b), a.max(b))));
    };
    let options = move |is_from: bool| {
        let (a, b) = bounds();
        years
            .get()
            .into_iter()
            .map(move |y| {
                let sel = if is_from { y == a } else { y == b };
                view! { <option value=y.to_string() selected=sel>{y}</option> }
            })
            .collect_view()
    };
    view! {
        <label>
            <span>{move || t(lang.get(), "Från", "From")}</span>
            <select data-testid="year-from" on:change=move |ev| set(event_target_value(&ev).parse().ok(), None)>{move || options(true)}</select>
        </label>
        <label>
            <span>{move || t(lang.get(), "Till", "To")}</span>
            <select data-testid="year-to" on:change=move |ev| set(None, event_target_value(&ev).parse().ok())>{move || options(false)}</select>
        </label>
    }
}

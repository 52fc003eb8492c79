//! The leptos components. State lives in the URL (`ChartQuery`): every control updates the
//! query, the query is written back with `history.replaceState`, and every view is derived
//! from it through the pure functions of `muni_view`.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{
    Catalog, ChartQuery, GroupId, IndicatorFile, IndicatorMeta, IndicatorStatus, Lang, Measure,
    MunicipalityCode, NoticeReason, QueryNotice, RegionLevel, Scope, Theme, View,
};

/// Swedish or English.
fn t(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// The page's width in CSS pixels (960 if unknown).
fn viewport_width() -> u32 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .map_or(960, |w| w as u32)
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn write_url(query: &str) {
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
fn details_open(ev: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}

/// Marks the moment the first chart is on screen, for the performance budget.
fn mark_first_chart() {
    if let Some(p) = web_sys::window().and_then(|w| w.performance())
        && p.get_entries_by_name("first-chart").length() == 0
    {
        let _ = p.mark("first-chart");
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (initial, notices) = ChartQuery::parse(&location_search());
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

#[component]
fn Dashboard(
    catalog: Arc<Catalog>,
    query: RwSignal<ChartQuery>,
    notices: RwSignal<Vec<QueryNotice>>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let cat = catalog.clone();
    let meta = Memo::new(move |_| query.with(|q| muni_view::view::indicator(&cat, q).cloned()));
    // A stale indicator id in the URL: say so, show the default.
    let cat = catalog.clone();
    // An index asked for a rate (its changes are in percentage points): say so, show values.
    Effect::new(move |_| {
        let (stale, rate_index) = query.with(|q| {
            let rate_index = match q.measure {
                Measure::Index { base }
                    if muni_view::view::indicator(&cat, q).is_some_and(|m| m.rate) =>
                {
                    Some(base)
                }
                _ => None,
            };
            (
                q.indicator.clone().filter(|id| cat.indicator(id).is_none()),
                rate_index,
            )
        });
        if let Some(id) = stale {
            notices.update(|n| {
                n.push(QueryNotice {
                    param: "i".into(),
                    value: id,
                    reason: NoticeReason::UnknownIndicator,
                })
            });
            query.update(|q| q.indicator = None);
        } else if let Some(base) = rate_index {
            notices.update(|n| {
                n.push(QueryNotice {
                    param: "b".into(),
                    value: base.to_string(),
                    reason: NoticeReason::RateNotIndexed,
                })
            });
            query.update(|q| q.measure = Measure::AsPublished);
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
    // Only a switch to or from the profile rebuilds the main area; other changes update in place.
    let is_profile = Memo::new(move |_| query.with(|q| q.view == View::Profile));
    view! {
        <div class="app" class:embed=embed class:dark=move || query.with(|q| q.dark) lang=move || t(lang.get(), "sv", "en")>
            <Show when=move || !embed()>
                <a class="skip" href="#main">{move || t(lang.get(), "Hoppa till diagrammet", "Skip to the chart")}</a>
                <header>
                    <h1>{move || t(lang.get(), "Industrikommunerna i siffror", "Sweden's industrial municipalities in figures")}</h1>
                    <LanguageSwitch query/>
                    {headline.clone()}
                </header>
                <Notices notices lang/>
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
                <footer class="downloads" data-testid="downloads">
                    <p>
                        {move || t(lang.get(), "Hela datasetet (alla indikatorer, regioner och år): ", "The whole dataset (every indicator, region and year): ")}
                        <a href="data/full/industrikommuner.parquet" download>"Parquet"</a>" · "
                        <a href="data/full/industrikommuner_csv.zip" download>{move || t(lang.get(), "CSV med dataordlista (zip)", "CSV with data dictionary (zip)")}</a>" · "
                        <a href="data/full/industrikommuner_excel_sv.csv" download>"CSV (Excel)"</a>
                    </p>
                </footer>
            </Show>
        </div>
    }
}

/// "Municipalities like …": the first selected municipality's peers by industry structure,
/// with the values they were compared on, and one click to compare with them all.
#[component]
fn PeersPanel(catalog: Arc<Catalog>, query: RwSignal<ChartQuery>) -> impl IntoView {
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
            html.set(answer.html);
        });
    });
    let has_peers = Memo::new(move |_| peers.with(|p| !p.is_empty()));
    let add = move |_| {
        let codes = peers.get_untracked();
        query.update(|q| {
            for c in codes.split(',').filter_map(|c| MunicipalityCode::new(c).ok()) {
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
            <div inner_html=move || { let h = html.get(); if h.is_empty() { t(lang.get(), "Laddar …", "Loading …").to_owned() } else { h } }></div>
            <button data-testid="add-peers" hidden=move || !has_peers.get() on:click=add>
                {move || t(lang.get(), "Jämför med alla i diagrammet", "Compare with all of them in the chart")}
            </button>
        </details>
    }
}

#[component]
fn LanguageSwitch(query: RwSignal<ChartQuery>) -> impl IntoView {
    let set = move |l: Lang| query.update(|q| q.lang = l);
    view! {
        <div class="lang" role="group" aria-label="Språk / Language">
            <button data-testid="lang-sv" aria-pressed=move || (query.with(|q| q.lang) == Lang::Sv).to_string() on:click=move |_| set(Lang::Sv)>"Svenska"</button>
            <button data-testid="lang-en" aria-pressed=move || (query.with(|q| q.lang) == Lang::En).to_string() on:click=move |_| set(Lang::En)>"English"</button>
        </div>
    }
}

#[component]
fn Notices(notices: RwSignal<Vec<QueryNotice>>, lang: Memo<Lang>) -> impl IntoView {
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notice" role="status" data-testid="notice">
                <p>{move || t(lang.get(), "Delar av länken kunde inte användas och har ignorerats:", "Parts of the link could not be used and were ignored:")}</p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li><code>{format!("{}={}", n.param, n.value)}</code>" – "{n.reason.text(lang.get())}</li> }).collect_view()}
                </ul>
                <button on:click=move |_| notices.set(Vec::new())>{move || t(lang.get(), "Stäng", "Dismiss")}</button>
            </div>
        </Show>
    }
}

#[component]
fn Controls(
    catalog: Arc<Catalog>,
    query: RwSignal<ChartQuery>,
    meta: Memo<Option<IndicatorMeta>>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let cat = catalog.clone();
    let indicator_options = move || {
        let l = lang.get();
        let current = meta.get().map(|m| m.id).unwrap_or_default();
        Theme::ALL
            .into_iter()
            .map(|theme| {
                let opts = cat
                .indicators
                .iter()
                .filter(|i| i.theme == theme)
                .map(|i| {
                    let mut label = i.title.get(l).to_owned();
                    if i.status == IndicatorStatus::AwaitingFetch {
                        label.push_str(t(l, " (inga data än)", " (no data yet)"));
                    }
                    view! { <option value=i.id.clone() selected=i.id == current>{label}</option> }
                })
                .collect_view();
                view! { <optgroup label=theme.name().get(l).to_owned()>{opts}</optgroup> }
            })
            .collect_view()
    };
    let view_tab = move |v: View, sv: &'static str, en: &'static str, id: &'static str| {
        view! {
            <button data-testid=id aria-pressed=move || (query.with(|q| q.view) == v).to_string()
                on:click=move |_| query.update(|q| q.view = v)>{move || t(lang.get(), sv, en)}</button>
        }
    };
    let years = move || meta.get().map(|m| m.years).unwrap_or_default();
    view! {
        <section class="controls" aria-label=move || t(lang.get(), "Val", "Choices")>
            <label>
                <span>{move || t(lang.get(), "Indikator", "Indicator")}</span>
                <select data-testid="indicator" on:change=move |ev| { let v = event_target_value(&ev); query.update(|q| q.indicator = Some(v)); }>
                    {indicator_options}
                </select>
            </label>
            <p class="definition" data-testid="definition">{move || meta.get().map(|m| m.definition.get(lang.get()).to_owned())}</p>
            <div class="tabs" role="group" aria-label=move || t(lang.get(), "Vy", "View")>
                {view_tab(View::Series, "Över tid", "Over time", "view-series")}
                {view_tab(View::Ranking, "Rangordning", "Ranking", "view-ranking")}
                {view_tab(View::Table, "Tabell", "Table", "view-table")}
                {view_tab(View::Profile, "Kommunprofil", "Municipality profile", "view-profile")}
                {view_tab(View::Map, "Karta", "Map", "view-map")}
                {view_tab(View::Tiles, "Rutnät", "Tile grid", "view-tiles")}
            </div>
            <div class="row">
                <label>
                    <span>{move || t(lang.get(), "Mått", "Measure")}</span>
                    <select data-testid="measure" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        query.update(|q| {
                            q.measure = match v.parse::<u16>() {
                                Ok(base) => Measure::Index { base },
                                Err(_) => Measure::AsPublished,
                            }
                        });
                    }>
                        <option value="value" selected=move || query.with(|q| q.measure == Measure::AsPublished)>{move || t(lang.get(), "Värde", "Value")}</option>
                        {move || years().into_iter().filter(|_| !meta.with(|m| m.as_ref().is_some_and(|m| m.rate))).map(|y| {
                            let sel = query.with(|q| q.measure == Measure::Index { base: y });
                            view! { <option value=y.to_string() selected=sel>{format!("Index {y} = 100")}</option> }
                        }).collect_view()}
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
            <MunicipalityPicker catalog=catalog.clone() query/>
        </section>
    }
}

#[component]
fn YearRange(query: RwSignal<ChartQuery>, years: Signal<Vec<u16>>) -> impl IntoView {
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

#[component]
fn MunicipalityPicker(catalog: Arc<Catalog>, query: RwSignal<ChartQuery>) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let text = RwSignal::new(String::new());
    let cat = catalog.clone();
    let hits = move || {
        let t = text.get();
        muni_view::search::search(&cat, &t, 8)
            .into_iter()
            .map(|r| (r.code.as_str().to_owned(), r.name.clone()))
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
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && let Some((code, _)) = hits_on_enter().into_iter().next() {
                            add(code)
                        }
                    }/>
            </label>
            <ul class="hits" data-testid="hits" aria-label=move || t(lang.get(), "Träffar", "Matches")>
                {move || hits().into_iter().map(|(code, name)| {
                    let c = code.clone();
                    view! { <li><button data-code=code on:click=move |_| add(c.clone())>{"+ "}{name}</button></li> }
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
                <select data-testid="county" aria-label=move || t(lang.get(), "Lägg till ett län", "Add a county") on:change=move |ev| { let v = event_target_value(&ev); if let Some(g) = GroupId::parse(&format!("lan{v}")) { add_group(g) } }>
                    <option value="">{move || t(lang.get(), "+ Ett län", "+ A county")}</option>
                    {counties.into_iter().map(|(c, n)| view! { <option value=c>{n}</option> }).collect_view()}
                </select>
            </div>
            <ul class="chips" data-testid="chips" aria-label=move || t(lang.get(), "Valda", "Selected")>
                {move || query.with(|q| q.groups.clone()).into_iter().map(|g| {
                    let label = group_name(g, lang.get());
                    let remove = g;
                    view! { <li class="chip group">{label.clone()}<button aria-label=format!("{} {label}", t(lang.get(), "Ta bort", "Remove")) on:click=move |_| query.update(|q| q.groups.retain(|x| *x != remove))>"×"</button></li> }
                }).collect_view()}
                {move || query.with(|q| q.municipalities.clone()).into_iter().map(|m| {
                    let label = name_of(m.as_str());
                    let code = m.as_str().to_owned();
                    view! { <li class="chip" data-code=code>{label.clone()}<button aria-label=format!("{} {label}", t(lang.get(), "Ta bort", "Remove")) on:click=move |_| query.update(|q| q.municipalities.retain(|x| *x != m))>"×"</button></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn AwaitingFetch(meta: IndicatorMeta, lang: Lang) -> impl IntoView {
    view! {
        <div class="awaiting" role="status" data-testid="awaiting">
            <h2>{meta.title.get(lang).to_owned()}</h2>
            <p>{t(lang, "Det finns inga siffror för den här indikatorn ännu: källan har ingen kopia i projektet.", "There are no figures for this indicator yet: its source has no copy in the project.")}</p>
            <p>{t(lang, "Hämta dem med ", "Fetch them with ")}<code>"industrikommuner fetch"</code>{t(lang, " och bygg om data.", " and rebuild the data.")}</p>
            <p class="source">{muni_view::series::source_line(&meta, lang)}</p>
        </div>
    }
}

/// The SVG of the query's chart at `w`×`h`, and the file name (without extension) of an export.
fn chart_svg(
    cat: &Catalog,
    m: &IndicatorMeta,
    f: &IndicatorFile,
    q: &ChartQuery,
    size: &dyn Fn(usize) -> (u32, u32),
    caption: bool,
) -> Option<(String, String)> {
    let (mut chart, stem) = muni_view::view::view_chart(cat, m, f, None, q)?;
    if caption {
        chart.set_caption(muni_view::summary::summary(cat, m, f, q).join(" "));
    }
    let (w, h) = size(chart.bars());
    Some((muni_chart::view_svg(&chart, w, h).ok()?, stem))
}

/// "Download and share": the view's CSV in the dialect the reader chose (remembered), the chart
/// as PNG or SVG at slide sizes, a copy to the clipboard, and an embed snippet. The panel is
/// plain HTML whose controls are read when a button is pressed, and the work is done by the
/// lazily loaded module: none of it is in the first view's download.
#[component]
fn Export(
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
    let title = meta.title.clone();
    let panel = move || {
        if !open.get() {
            return String::new();
        }
        let page = web_sys::window()
            .and_then(|w| {
                let l = w.location();
                Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
            })
            .unwrap_or_default();
        let mut q = query.get();
        q.dark = embed_dark.get();
        let snippet = muni_view::export::embed_snippet(&page, &q, title.get(q.lang));
        let machine = crate::export::remembered("csv-dialect").as_deref() == Some("machine");
        muni_view::export::export_panel_html(q.lang, machine, q.dark, &snippet)
    };
    let act = move |ev: web_sys::MouseEvent| {
        let element =
            |t: Option<web_sys::EventTarget>| t.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let (Some(target), Some(panel)) = (element(ev.target()), element(ev.current_target()))
        else {
            return;
        };
        let Some(action) = target.get_attribute("data-action") else {
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
        match action.as_str() {
            "dialect" => crate::export::remember(
                "csv-dialect",
                &pick("input[name=dialect]:checked").unwrap_or_default(),
            ),
            "dark" => embed_dark.update(|d| *d = !*d),
            "csv" => {
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
            "copy" => {
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
            kind @ ("png" | "svg") => {
                use muni_view::contract::PictureKind;
                let kind = if kind == "png" {
                    PictureKind::Png
                } else {
                    PictureKind::Svg
                };
                leptos::task::spawn_local(async move {
                    report(crate::lazy::export_picture(&qs, w, h, kind).await)
                });
            }
            _ => {}
        }
    };
    view! {
        <details class="export" data-testid="export" on:toggle=move |ev| {
            let o = details_open(&ev);
            if o != open.get_untracked() { open.set(o) }
        }>
            <summary>{move || t(lang.get(), "Ladda ner och dela", "Download and share")}</summary>
            <div class="export-grid" on:click=act inner_html=panel></div>
            <p class="said" role="status" data-testid="export-status">{move || said.get()}</p>
        </details>
    }
}

#[component]
fn Figure(
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
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let w = viewport_width();
        if w != viewport.get_untracked() {
            viewport.set(w);
        }
    });
    on_cleanup(move || resize.remove());
    // A map is drawn by the lazily loaded module (see `lazy`), the other charts here.
    let map_svg = RwSignal::new(String::new());
    // The size the map on screen was drawn at (the pointer's hit test scales to it).
    let (map_w, map_h) = (RwSignal::new(0u32), RwSignal::new(0u32));
    Effect::new(move |_| {
        let (is_map, query_string) = query.with(|q| (q.view.is_map(), q.to_query_string()));
        let (w, h) = muni_view::view::chart_size(viewport.get(), 0, true);
        if is_map {
            leptos::task::spawn_local(async move {
                let drawn = crate::lazy::map_svg(&query_string, w, h).await;
                // A later map may have been asked for meanwhile: only the latest is shown.
                let latest = query.with_untracked(|q| q.to_query_string()) == query_string
                    && muni_view::view::chart_size(viewport.get_untracked(), 0, true) == (w, h);
                if latest {
                    map_w.set(w);
                    map_h.set(h);
                    map_svg.set(drawn.unwrap_or_else(|e| {
                        format!("<p class=\"error\">{}</p>", muni_model::html_escape(&e))
                    }));
                }
            });
        }
    });
    let svg = Memo::new(move |_| {
        let q = query.get();
        let vw = viewport.get();
        let empty = |sv, en| format!("<p class=\"empty\">{}</p>", t(q.lang, sv, en));
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
            Some((svg, _)) => svg,
            None => empty(
                "Inga publicerade värden för urvalet.",
                "No published values for this selection.",
            ),
        }
    });
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
        Some((
            crate::lazy::map_hit(x, y, r.width(), r.height(), drawn)?,
            x,
            y,
        ))
    };
    // The tip as HTML text (escaped): one string signal rather than a new signal type.
    let tip = RwSignal::new(String::new());
    let (cat, m, f) = (catalog.clone(), meta.clone(), file.clone());
    let show_tip = move |found: Option<(String, f64, f64)>| {
        tip.set(found.map_or_else(String::new, |(code, x, y)| {
            let text = query.with_untracked(|q| muni_view::table::map_tip(&cat, &m, &f, q, &code));
            format!(
                "<div class=\"tip\" data-testid=\"map-tip\" role=\"status\" style=\"left:{:.0}px;top:{:.0}px\">{}</div>",
                x + 12.0,
                y + 12.0,
                muni_model::html_escape(&text)
            )
        }));
    };
    let show_tip_click = show_tip.clone();
    let (cat, m, f) = (catalog.clone(), meta.clone(), file.clone());
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
    let (cat, m, f) = (catalog.clone(), meta.clone(), file.clone());
    // What the view says, in words: the chart's text alternative and talking points.
    let summary =
        Memo::new(move |_| query.with(|q| muni_view::summary::summary(&cat, &m, &f, q).join(" ")));
    let copied = RwSignal::new(String::new());
    Effect::new(move |_| {
        summary.track();
        copied.set(String::new());
    });
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
    let notes = meta.notes.clone();
    view! {
        <figure>
            <Show when=move || query.with(|q| q.view != View::Table)>
                <div class="chart-wrap">
                    <div class="chart" data-testid="chart" role="img" aria-label=title_now aria-description=move || summary.get() inner_html=move || svg.get()
                        on:mousemove={ let show = show_tip.clone(); move |ev| show(under(&ev)) }
                        on:mouseleave=move |_| tip.set(String::new())
                        on:click={ let show_tip_click = show_tip_click.clone(); move |ev| {
                            // A click (or tap) on the map shows the municipality and selects it.
                            let found = under(&ev);
                            if let Some(c) = found.as_ref().and_then(|(c, _, _)| MunicipalityCode::new(c).ok()) {
                                query.update(|q| if !q.municipalities.contains(&c) { q.municipalities.push(c) });
                            }
                            show_tip_click(found);
                        }}></div>
                    <div inner_html=move || tip.get()></div>
                </div>
            </Show>
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
            <PeersPanel catalog=catalog.clone() query/>
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
                    <tbody inner_html=move || table.with(|t| t.as_ref().map(muni_view::table::rows_html).unwrap_or_default())></tbody>
                </table>
                <p class="legend">{move || t(lang.get(), ".. = sekretess (SCB lämnar inte ut värdet), – = saknas", ".. = confidential (withheld by SCB), – = missing")}</p>
            </details>
            {(!query.with_untracked(|q| q.embed)).then(|| view! { <Export catalog=catalog.clone() meta=meta.clone() file=file.clone() query/> })}
            <figcaption>
                <p class="source" data-testid="source">{move || muni_view::series::source_line(&m, lang.get())}</p>
                <ul class="notes">{move || notes.iter().map(|n| view! { <li>{n.get(lang.get()).to_owned()}</li> }).collect_view()}</ul>
            </figcaption>
        </figure>
    }
}

#[component]
fn Profile(catalog: Arc<Catalog>, query: RwSignal<ChartQuery>) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let cat = catalog.clone();
    // Every indicator with data, loaded once for the profile.
    let files = LocalResource::new(move || {
        let cat = cat.clone();
        async move {
            let mut out = Vec::new();
            for m in &cat.indicators {
                if let Some(path) = &m.file {
                    out.push((m.clone(), crate::api::indicator(path).await?));
                }
            }
            Ok::<_, String>(Arc::new(out))
        }
    });
    let cat = catalog.clone();
    let code = Memo::new(move |_| {
        query
            .with(|q| muni_view::profile::profile_code(&cat, q))
            .unwrap_or_default()
    });
    let mut municipalities: Vec<(String, String)> = catalog
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .map(|r| (r.code.as_str().to_owned(), r.name.clone()))
        .collect();
    muni_model::sort::sort_by(&mut municipalities, |a, b| {
        muni_view::table::sv_key(&a.1).cmp(&muni_view::table::sv_key(&b.1))
    });
    let cat = catalog.clone();
    let cat_name = move |code: &str, l: Lang| cat.region_name(code, l);
    let rows = move || {
        files.get().map(|r| match r {
            Ok(files) => {
                let l = lang.get();
                let rows = muni_view::profile::profile(&files, &code.get(), l);
                let said = muni_view::profile::profile_summary(&rows, &cat_name(&code.get(), l), l);
                view! {
                    <p class="summary" data-testid="summary">{said}</p>
                    <table data-testid="profile-table">
                        <thead><tr>
                            <th scope="col">{t(l, "Indikator", "Indicator")}</th>
                            <th scope="col">{t(l, "År", "Year")}</th>
                            <th scope="col">{t(l, "Värde", "Value")}</th>
                            <th scope="col">{t(l, "Enhet", "Unit")}</th>
                            <th scope="col">{t(l, "Plats i Sverige", "Rank in Sweden")}</th>
                            <th scope="col">{t(l, "Plats i nätverket", "Rank in the network")}</th>
                            <th scope="col">{t(l, "Förändring", "Change")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| {
                                let id = r.id.clone();
                                view! {
                                    <tr data-id=r.id.clone()>
                                        <th scope="row"><button class="link" on:click=move |_| query.update(|q| { q.indicator = Some(id.clone()); q.view = View::Series; })>{r.title}</button></th>
                                        <td>{r.year.map(|y| y.to_string()).unwrap_or_default()}</td>
                                        <td>{r.value}</td>
                                        <td class="unit">{r.unit}</td>
                                        <td>{r.rank_national.map(muni_view::profile::Place::text)}</td>
                                        <td>{r.rank_network.map(muni_view::profile::Place::text)}</td>
                                        <td>{r.change}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        })
    };
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
            <Suspense fallback=move || view! { <p class="loading">{move || t(lang.get(), "Laddar alla indikatorer …", "Loading every indicator …")}</p> }>
                {rows}
            </Suspense>
            <p class="legend">{move || t(lang.get(), "Senaste år med ett publicerat värde; förändring sedan första publicerade år. Plats n / N: bland de N kommuner som har ett publicerat värde det året.", "Latest year with a published value; change since the first published year. Rank n / N: among the N municipalities with a published value that year.")}</p>
        </section>
    }
}

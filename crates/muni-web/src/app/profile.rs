//! A municipality's profile: every indicator's latest value, places and change.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{Catalog, ChartQuery, Lang, MunicipalityCode, RegionLevel, View};

use super::*;

#[component]
pub(super) fn Profile(catalog: Arc<Catalog>, query: RwSignal<ChartQuery>) -> impl IntoView {
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
                                    <tr data-id=r.id.to_string()>
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

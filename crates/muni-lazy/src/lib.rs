//! The dashboard's second WebAssembly module, loaded by `muni-web` only when a map, the tile grid
//! or the peers are first shown, so that the first view downloads none of it (see the budget in
//! the README). No leptos here: plain functions for the page's code to call.
//!
//! - [`map_svg`]: the map or tile grid of a dashboard query, drawn by `muni_chart::map`;
//! - [`map_hit`]: the municipality under a pixel of the map last drawn;
//! - [`peers_html`]: the table of a municipality's peers, as escaped HTML, and their codes.
//!
//! It reads the published files itself (`data/…`, relative to the page; the browser's cache
//! serves what the dashboard already read) and keeps them for the session.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use muni_chart::map::MapChart;
use muni_model::geo::Shapes;
use muni_model::peers::PeersFile;
use muni_model::{Catalog, ChartQuery, IndicatorFile, Lang, format_number};
use muni_view::contract::{MapRequest, PeersAnswer, PeersRequest, ViewRef, Wire};
use muni_view::view::{ViewChart, indicator, view_chart};
use wasm_bindgen::prelude::*;

pub mod deck;
pub mod export;
pub mod peers;

thread_local! {
    pub(crate) static CATALOG: RefCell<Option<Rc<Catalog>>> = const { RefCell::new(None) };
    static FILES: RefCell<HashMap<String, Rc<IndicatorFile>>> = RefCell::new(HashMap::new());
    pub(crate) static GEO: RefCell<Option<Rc<Shapes>>> = const { RefCell::new(None) };
    static PEERS: RefCell<Option<Rc<PeersFile>>> = const { RefCell::new(None) };
    static DRAWN: RefCell<Option<(MapChart, u32, u32)>> = const { RefCell::new(None) };
}

use muni_browser::get_json;

/// Reads `key` from a cache, or loads and keeps it.
pub(crate) async fn cached<T: serde::de::DeserializeOwned + 'static>(
    slot: &'static std::thread::LocalKey<RefCell<Option<Rc<T>>>>,
    url: String,
) -> Result<Rc<T>, String> {
    if let Some(v) = slot.with(|s| s.borrow().clone()) {
        return Ok(v);
    }
    let v = Rc::new(get_json::<T>(&url).await?);
    slot.with(|s| *s.borrow_mut() = Some(v.clone()));
    Ok(v)
}

pub(crate) async fn indicator_file(base: &str, path: &str) -> Result<Rc<IndicatorFile>, String> {
    if let Some(f) = FILES.with(|f| f.borrow().get(path).cloned()) {
        return Ok(f);
    }
    let f = Rc::new(get_json::<IndicatorFile>(&format!("{base}/{path}")).await?);
    FILES.with(|m| m.borrow_mut().insert(path.to_owned(), f.clone()));
    Ok(f)
}

/// The catalog and the file of the query's indicator.
pub(crate) async fn view_data(
    base: &str,
    q: &ChartQuery,
) -> Result<(Rc<Catalog>, Rc<IndicatorFile>), String> {
    let cat = cached(&CATALOG, format!("{base}/catalog.json")).await?;
    let meta = indicator(&cat, q).ok_or("the catalog has no indicators")?;
    let path = meta
        .file
        .as_deref()
        .ok_or("no figures for this indicator yet")?;
    let file = indicator_file(base, path).await?;
    Ok((cat, file))
}

/// The map (`v=map`) or tile grid (`v=tiles`) of the dashboard query `query` as SVG of `w` × `h`
/// pixels, with the view's summary under it when `caption` (exported slides). `base` is where
/// the published data is, relative to the page (`data`).
#[wasm_bindgen]
pub async fn map_svg(request_text: String) -> Result<String, JsValue> {
    let MapRequest {
        view: ViewRef { base, query },
        width: w,
        height: h,
        caption,
    } = export::request(&request_text)?;
    let (q, _) = ChartQuery::parse(&query);
    let (cat, file) = view_data(&base, &q).await?;
    let meta = indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    let geo = cached(&GEO, format!("{base}/geo/municipalities.json")).await?;
    let (mut chart, _) = view_chart(&cat, meta, &file, Some(&geo), &q).ok_or("no year to show")?;
    if caption {
        chart.set_caption(muni_view::summary::summary(&cat, meta, &file, &q).join(" "));
    }
    let svg = muni_chart::view_svg(&chart, w, h).map_err(|e| e.to_string())?;
    if let ViewChart::Map(c) = chart {
        DRAWN.with(|d| *d.borrow_mut() = Some((c, w, h)));
    }
    Ok(svg)
}

/// The code of the municipality under the pixel `(x, y)` of the map last drawn.
#[wasm_bindgen]
pub fn map_hit(x: f64, y: f64) -> Option<String> {
    DRAWN.with(|d| {
        let d = d.borrow();
        let (c, w, h) = d.as_ref()?;
        muni_chart::map::hit(c, *w, *h, x, y).map(|r| r.code.clone())
    })
}

/// The peers of the first municipality selected in the view, as a `PeersAnswer`.
#[wasm_bindgen]
pub async fn peers_html(request_text: String) -> Result<String, JsValue> {
    let PeersRequest {
        view: ViewRef { base, query },
    } = export::request(&request_text)?;
    let (q, _) = ChartQuery::parse(&query);
    let code = q
        .municipalities
        .first()
        .ok_or("no municipality selected")?
        .as_str()
        .to_owned();
    let cat = cached(&CATALOG, format!("{base}/catalog.json")).await?;
    let p = cached(&PEERS, format!("{base}/peers.json")).await?;
    let v = peers::view(&cat, &p, &code, q.lang);
    let answer = PeersAnswer {
        html: v.html,
        peers: v.peers,
    };
    Ok(answer.encode())
}

/// A number as the dashboard writes it.
fn number(v: f64, decimals: usize, lang: Lang) -> String {
    format_number(v, decimals, lang)
}

/// What changed for the view's indicator since a data version (`contract::CHANGES_SINCE`):
/// `changes.json` and the records from today's back to it, read through the browser's cache.
#[wasm_bindgen]
pub async fn changes_since(request_text: String) -> Result<String, JsValue> {
    use muni_model::changes::{ChangeEntry, ChangeRecord};
    let r: muni_view::contract::ChangesRequest = export::request(&request_text)?;
    let (q, _) = ChartQuery::parse(&r.view.query);
    let cat = cached(&CATALOG, format!("{}/catalog.json", r.view.base)).await?;
    let meta = muni_view::view::indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    let entries: Vec<ChangeEntry> = get_json(&format!("{}/changes.json", r.view.base)).await?;
    let records = match muni_view::changes::chain(&entries, &r.since) {
        Some(chain) => {
            let mut records: Vec<ChangeRecord> = Vec::new();
            for e in chain {
                records.push(get_json(&format!("{}/{}", r.view.base, e.file)).await?);
            }
            Some(records)
        }
        None => None,
    };
    Ok(muni_view::changes::since_sentence(
        records.as_deref(),
        &r.since,
        meta,
        q.lang,
    ))
}

/// A municipality's profile as HTML (`contract::PROFILE_HTML`): every indicator with data read
/// (through the browser's cache), the profile computed by `muni_view::profile`.
#[wasm_bindgen]
pub async fn profile_html(request_text: String) -> Result<String, JsValue> {
    let r: muni_view::contract::ProfileRequest = export::request(&request_text)?;
    let (q, _) = ChartQuery::parse(&r.view.query);
    let cat = cached(&CATALOG, format!("{}/catalog.json", r.view.base)).await?;
    let mut files = Vec::new();
    for m in &cat.indicators {
        if let Some(path) = &m.file {
            files.push((m.clone(), indicator_file(&r.view.base, path).await?));
        }
    }
    let code = muni_view::profile::profile_code(&cat, &q).ok_or("no municipality to profile")?;
    Ok(muni_view::profile::profile_html(&cat, &files, &code, q.lang).into_string())
}

//! The second module (`muni-lazy`, built beside the dashboard into `lazy/`): imported the first
//! time a map, the tile grid, the peers or an export is needed, so that the first view does not
//! download the map's drawing, the outlines or the peers. The calls and their requests are
//! typed in `muni_view::contract`, shared with the module.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use muni_model::Html;
use muni_view::contract::{
    self, ChangesRequest, CsvRequest, DeckRequest, MapRequest, PanelRequest, PeersAnswer,
    PeersRequest, PictureKind, PictureRequest, ProfileRequest, Selection, ViewRef, Wire,
    XlsxRequest,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::DATA;

#[wasm_bindgen(inline_js = r#"
export function load_lazy(url) { return import(url).then(async (m) => { await m.default(); return m; }); }
export function copy_lazy(url, name, request) {
  try {
    const png = load_lazy(url).then((m) => m[name](request));
    return navigator.clipboard.write([new ClipboardItem({ "image/png": png })]);
  } catch (e) { return Promise.reject(e); }
}"#)]
extern "C" {
    fn load_lazy(url: &str) -> Promise;
    fn copy_lazy(url: &str, name: &str, request: &str) -> Promise;
}

thread_local! {
    /// The imported module: a handle to JavaScript, kept once loaded (not page state).
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

fn text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Where the module is, resolved against the page (the site may live under any path).
fn url() -> Result<String, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let base = doc.base_uri().map_err(text)?.unwrap_or_default();
    Ok(web_sys::Url::new_with_base("lazy/muni_lazy.js", &base)
        .map_err(text)?
        .href())
}

/// The module, imported (and its wasm instantiated) once.
async fn module() -> Result<JsValue, String> {
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let m = JsFuture::from(load_lazy(&url()?)).await.map_err(text)?;
    MODULE.with(|s| *s.borrow_mut() = Some(m.clone()));
    Ok(m)
}

fn function(m: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(m, &name.into())
        .map_err(text)?
        .dyn_into()
        .map_err(|_| format!("lazy module: no {name}"))
}

/// Calls the export `name` with its one typed request and awaits its promise.
async fn call<R: Wire>(name: &str, request: &R) -> Result<JsValue, String> {
    let m = module().await?;
    let f = function(&m, name)?;
    let p: Promise = f
        .call1(&JsValue::NULL, &request.encode().into())
        .map_err(text)?
        .dyn_into()
        .map_err(|_| format!("{name}: no promise"))?;
    JsFuture::from(p).await.map_err(text)
}

fn view(query: &str) -> ViewRef {
    ViewRef {
        base: DATA.into(),
        query: query.into(),
    }
}

fn as_text(name: &str, v: Result<JsValue, String>) -> Result<String, String> {
    v?.as_string().ok_or_else(|| format!("{name}: not text"))
}

/// The map or tile grid of `query` (a dashboard query string) as SVG of `w` × `h` pixels,
/// drawn by plotters in the lazy module.
pub async fn map_svg(query: &str, w: u32, h: u32) -> Result<Html, String> {
    let request = MapRequest {
        view: view(query),
        width: w,
        height: h,
        caption: false,
    };
    as_text(contract::MAP_SVG, call(contract::MAP_SVG, &request).await).map(Html::from_plotters_svg)
}

/// The municipality under the point `(x, y)` of a map drawn at `drawn` pixels and shown at
/// `shown_w` × `shown_h` CSS pixels.
pub fn map_hit(x: f64, y: f64, shown_w: f64, shown_h: f64, drawn: (u32, u32)) -> Option<String> {
    let m = MODULE.with(|m| m.borrow().clone())?;
    let f = function(&m, contract::MAP_HIT).ok()?;
    let (x, y) = (
        x * f64::from(drawn.0) / shown_w.max(1.0),
        y * f64::from(drawn.1) / shown_h.max(1.0),
    );
    f.call2(&JsValue::NULL, &x.into(), &y.into())
        .ok()?
        .as_string()
}

/// The peers of the first municipality of `query`: their table (escaped HTML) and codes, or
/// the error as HTML and no codes.
pub async fn peers_html(query: &str) -> PeersAnswer {
    let request = PeersRequest { view: view(query) };
    let answer = as_text(
        contract::PEERS_HTML,
        call(contract::PEERS_HTML, &request).await,
    )
    .and_then(|text| PeersAnswer::decode(&text));
    answer.unwrap_or_else(|e| PeersAnswer {
        html: Html::element("<p class=\"error\" role=\"alert\">", &e, "</p>"),
        peers: Vec::new(),
    })
}

/// Downloads the view's CSV (the selection the table shows, in `dialect`); answers the file's
/// name.
pub async fn export_csv(
    query: &str,
    selection: Selection,
    dialect: muni_model::extract::Dialect,
) -> Result<String, String> {
    let request = CsvRequest {
        view: view(query),
        selection,
        dialect,
    };
    as_text(
        contract::EXPORT_CSV,
        call(contract::EXPORT_CSV, &request).await,
    )
}

/// The profile of the municipality `query` names (built by the lazy module).
pub async fn profile_html(query: &str) -> Result<Html, String> {
    let request = ProfileRequest { view: view(query) };
    as_text(
        contract::PROFILE_HTML,
        call(contract::PROFILE_HTML, &request).await,
    )
    .map(Html::from_module)
}

/// What changed for `query`'s indicator since the data version `since` (a sentence).
pub async fn changes_since(query: &str, since: &str) -> Result<String, String> {
    let request = ChangesRequest {
        view: view(query),
        since: since.to_owned(),
    };
    as_text(
        contract::CHANGES_SINCE,
        call(contract::CHANGES_SINCE, &request).await,
    )
}

/// The download-and-share panel of `query` (built by the lazy module).
pub async fn export_panel(
    query: &str,
    page: String,
    machine: bool,
    embed_dark: bool,
) -> Result<Html, String> {
    let request = PanelRequest {
        view: view(query),
        page,
        machine,
        embed_dark,
    };
    as_text(
        contract::EXPORT_PANEL,
        call(contract::EXPORT_PANEL, &request).await,
    )
    .map(Html::from_module)
}

/// Downloads the view's Excel workbook (the selection the table shows); answers its name.
pub async fn export_xlsx(query: &str, selection: Selection) -> Result<String, String> {
    let request = XlsxRequest {
        view: view(query),
        selection,
    };
    as_text(
        contract::EXPORT_XLSX,
        call(contract::EXPORT_XLSX, &request).await,
    )
}

/// Downloads the view's picture as `kind`; answers the file's name.
pub async fn export_picture(
    query: &str,
    w: u32,
    h: u32,
    kind: PictureKind,
) -> Result<String, String> {
    let request = PictureRequest {
        view: view(query),
        width: w,
        height: h,
        kind,
    };
    as_text(
        contract::EXPORT_PICTURE,
        call(contract::EXPORT_PICTURE, &request).await,
    )
}

/// Copies the view's picture to the clipboard. Call it within the click: the clipboard is asked
/// at once, with a promise of the picture.
pub fn copy_picture(
    query: &str,
    w: u32,
    h: u32,
) -> impl std::future::Future<Output = Result<(), String>> + use<> {
    let request = PictureRequest {
        view: view(query),
        width: w,
        height: h,
        kind: PictureKind::Png,
    };
    let asked = url().map(|u| copy_lazy(&u, contract::PICTURE_PNG, &request.encode()));
    async move { JsFuture::from(asked?).await.map(|_| ()).map_err(text) }
}

fn deck_request(query: &str, w: u32, h: u32) -> DeckRequest {
    let page = web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default();
    DeckRequest {
        view: view(query),
        page,
        width: w,
        height: h,
    }
}

/// Presenter mode's slides of the deck in `query`, each chart `w` × `h` pixels, and the note of
/// the offline copy (built by the lazy module).
pub async fn present_html(query: &str, w: u32, h: u32) -> Result<Html, String> {
    let r = deck_request(query, w, h);
    as_text(
        contract::PRESENT_HTML,
        call(contract::PRESENT_HTML, &r).await,
    )
    .map(Html::from_module)
}

/// Downloads the deck in `query` as PowerPoint; answers the file's name.
pub async fn deck_pptx(query: &str) -> Result<String, String> {
    let r = deck_request(query, 1920, 1080);
    as_text(contract::DECK_PPTX, call(contract::DECK_PPTX, &r).await)
}

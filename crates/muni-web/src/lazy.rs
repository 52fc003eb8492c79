//! The second module (`muni-lazy`, built beside the dashboard into `lazy/`): imported the first
//! time a map, the tile grid or the peers are shown, so that the first view does not download
//! the map's drawing, the outlines or the peers.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::DATA;

#[wasm_bindgen(inline_js = r#"
export function load_lazy(url) { return import(url).then(async (m) => { await m.default(); return m; }); }
export function copy_lazy(url, base, query, w, h) {
  try {
    const png = load_lazy(url).then((m) => m.picture_png(base, query, w, h));
    return navigator.clipboard.write([new ClipboardItem({ "image/png": png })]);
  } catch (e) { return Promise.reject(e); }
}"#)]
extern "C" {
    fn load_lazy(url: &str) -> Promise;
    fn copy_lazy(url: &str, base: &str, query: &str, w: u32, h: u32) -> Promise;
}

thread_local! {
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// The latest map asked for (a later one may finish first) and the size it was drawn at.
    static MAP: Cell<(u64, u32, u32)> = const { Cell::new((0, 0, 0)) };
    /// The peers last shown.
    static PEERS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
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

async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let m = module().await?;
    let f = function(&m, name)?;
    let p: Promise = f
        .apply(&JsValue::NULL, &args.iter().collect::<Array>())
        .map_err(text)?
        .dyn_into()
        .map_err(|_| format!("{name}: no promise"))?;
    JsFuture::from(p).await.map_err(text)
}

/// The map or tile grid of `query` (a dashboard query string) as SVG.
pub async fn map_svg(query: &str, w: u32, h: u32, caption: bool) -> Result<String, String> {
    let v = call(
        "map_svg",
        &[
            DATA.into(),
            query.into(),
            w.into(),
            h.into(),
            caption.into(),
        ],
    )
    .await?;
    v.as_string().ok_or_else(|| "map_svg: not text".into())
}

/// The map for the page: its SVG, or the error as HTML; `None` if a later map was asked for
/// meanwhile.
pub async fn draw_map(query: &str, w: u32, h: u32) -> Option<String> {
    let mine = MAP.get().0 + 1;
    MAP.set((mine, 0, 0));
    let drawn = map_svg(query, w, h, false).await;
    if MAP.get().0 != mine {
        return None;
    }
    MAP.set((mine, w, h));
    Some(
        drawn.unwrap_or_else(|e| format!("<p class=\"error\">{}</p>", muni_model::html_escape(&e))),
    )
}

/// The municipality under the point `(x, y)` of a map shown at `shown_w` × `shown_h` CSS pixels.
pub fn map_hit(x: f64, y: f64, shown_w: f64, shown_h: f64) -> Option<String> {
    let (_, w, h) = MAP.get();
    let m = MODULE.with(|m| m.borrow().clone())?;
    let f = function(&m, "map_hit").ok()?;
    let (x, y) = (
        x * f64::from(w) / shown_w.max(1.0),
        y * f64::from(h) / shown_h.max(1.0),
    );
    f.call2(&JsValue::NULL, &x.into(), &y.into())
        .ok()?
        .as_string()
}

/// The peers of the first municipality of `query` as a table (escaped HTML); their codes are
/// kept for [`peers`].
pub async fn peers_html(query: &str) -> String {
    let answer = call("peers_html", &[DATA.into(), query.into()]).await;
    let (html, codes) = match answer.and_then(|v| v.dyn_into::<Array>().map_err(text)) {
        Ok(v) => (
            v.get(0).as_string().unwrap_or_default(),
            v.get(1).as_string().unwrap_or_default(),
        ),
        Err(e) => (
            format!(
                "<p class=\"error\" role=\"alert\">{}</p>",
                muni_model::html_escape(&e)
            ),
            String::new(),
        ),
    };
    PEERS.with(|p| {
        *p.borrow_mut() = codes
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    });
    html
}

/// The peers last shown.
pub fn peers() -> Vec<String> {
    PEERS.with(|p| p.borrow().clone())
}

fn as_text(v: Result<JsValue, String>) -> Result<String, String> {
    v.map(|v| v.as_string().unwrap_or_default())
}

/// Downloads the view's CSV (see `muni_lazy::export::export_csv`); answers the file's name.
pub async fn export_csv(
    query: &str,
    codes: &[String],
    years: &[u16],
    index_base: u16,
    dialect: &str,
) -> Result<String, String> {
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    as_text(
        call(
            "export_csv",
            &[
                DATA.into(),
                query.into(),
                codes.join(",").into(),
                years.join(",").into(),
                index_base.into(),
                dialect.into(),
            ],
        )
        .await,
    )
}

/// Downloads the view's picture as `kind` (`png` or `svg`); answers the file's name.
pub async fn export_picture(query: &str, w: u32, h: u32, kind: &str) -> Result<String, String> {
    as_text(
        call(
            "export_picture",
            &[DATA.into(), query.into(), w.into(), h.into(), kind.into()],
        )
        .await,
    )
}

/// Copies the view's picture to the clipboard. Call it within the click: the clipboard is asked
/// at once, with a promise of the picture.
pub fn copy_picture(
    query: &str,
    w: u32,
    h: u32,
) -> impl std::future::Future<Output = Result<(), String>> + use<> {
    let asked = url().map(|u| copy_lazy(&u, DATA, query, w, h));
    async move { JsFuture::from(asked?).await.map(|_| ()).map_err(text) }
}

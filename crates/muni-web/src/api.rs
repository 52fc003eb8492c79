//! The only module that fetches: `catalog.json` and indicator files, relative to the page so
//! that the site works under any sub-path.

use muni_model::{Catalog, IndicatorFile};

/// Where the published data lives, relative to the page.
pub const DATA: &str = "data";

/// GETs `url` with the browser's `fetch` (no HTTP crate: it would only add to the download).
async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let fail = |e: wasm_bindgen::JsValue| {
        let msg = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}"));
        format!("{url}: {msg}")
    };
    let window = web_sys::window().ok_or_else(|| format!("{url}: no window"))?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(fail)?
        .unchecked_into();
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    // The browser parses the JSON; serde reads the parsed object (no JSON parser in the wasm).
    let value = JsFuture::from(resp.json().map_err(fail)?)
        .await
        .map_err(fail)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| format!("{url}: {e}"))
}

pub async fn catalog() -> Result<Catalog, String> {
    get_json(&format!("{DATA}/catalog.json")).await
}

/// `file` as given in the catalog (`indicators/<id>.json`).
pub async fn indicator(file: &str) -> Result<IndicatorFile, String> {
    get_json(&format!("{DATA}/{file}")).await
}

/// The map's outlines (loaded when a map is first shown).
pub async fn geo() -> Result<muni_model::geo::Shapes, String> {
    get_json(&format!("{DATA}/geo/municipalities.json")).await
}

/// Every municipality's peers (loaded when the peers are first shown).
pub async fn peers() -> Result<muni_model::peers::PeersFile, String> {
    get_json(&format!("{DATA}/peers.json")).await
}

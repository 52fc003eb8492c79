//! Shared by the dashboard (`muni-web`) and its lazily loaded module (`muni-lazy`): reading the
//! published JSON with the browser's `fetch` and `JSON.parse` (no HTTP or JSON crate in the
//! WebAssembly), then serde over the parsed object.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// GETs `url` (relative to the page) and reads its JSON as `T`; errors name the URL.
pub async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
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
    let value = JsFuture::from(resp.json().map_err(fail)?)
        .await
        .map_err(fail)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| format!("{url}: {e}"))
}

//! What stays in the first view of taking things away: the clipboard for the summary's text,
//! the dialect an analyst chose, and the embed's height for its host. Files (CSV, SVG, PNG) are
//! made by the lazily loaded module (`muni-lazy`, see `lazy`).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn err(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "browser error".into())
}

/// Copies text (the summary's talking points) to the clipboard.
pub async fn copy_text(text: String) -> Result<(), String> {
    clipboard("writeText", &text.into()).await
}

/// Calls `navigator.clipboard.<method>(arg)` and waits for it.
async fn clipboard(method: &str, arg: &JsValue) -> Result<(), String> {
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined())
        .ok_or("this browser has no clipboard here")?;
    let f: js_sys::Function = js_sys::Reflect::get(&clipboard, &method.into())
        .map_err(err)?
        .dyn_into()
        .map_err(|_| format!("no clipboard.{method}"))?;
    let p: js_sys::Promise = f
        .call1(&clipboard, arg)
        .map_err(err)?
        .dyn_into()
        .map_err(|_| format!("clipboard.{method} gave no promise"))?;
    JsFuture::from(p).await.map(|_| ()).map_err(err)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// A remembered choice (the CSV dialect), if the browser keeps local storage.
pub fn remembered(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

pub fn remember(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// An embed tells its host its height whenever its content's size changes: a chart drawn, a
/// table or a panel opened inside it (a `ResizeObserver` on the body).
pub fn observe_height() {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let changed = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(post_height);
    if let Ok(o) = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()) {
        o.observe(&body);
        // Both live as long as the page.
        changed.forget();
        std::mem::forget(o);
    }
}

/// Tells the page around an embed how tall the embed's content is.
pub fn post_height() {
    let Some(w) = web_sys::window() else { return };
    let Some(h) = w
        .document()
        .and_then(|d| d.document_element())
        .map(|e| e.scroll_height())
    else {
        return;
    };
    if let Ok(Some(parent)) = w.parent()
        && parent != w
    {
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"industrikommuner:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from(h));
        let _ = parent.post_message(&msg, "*");
    }
}

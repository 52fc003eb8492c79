//! Taking things away: files through a Blob and a link, PNGs from the chart's SVG through a
//! canvas (plotters' bitmap backend cannot draw text in WebAssembly; the browser's SVG renderer
//! can), the clipboard, the dialect an analyst chose, and the embed's height for its host.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn err(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "browser error".into())
}

/// Hands `blob` to the browser as a download named `name`.
pub fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has started; the URL can go once the click is handled.
    let _ = web_sys::window().map(|w| {
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)
    });
    Ok(())
}

/// A Blob of `text` with the MIME type `mime`.
pub fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)
}

/// Draws `svg` on a `w`×`h` canvas and returns it as a PNG Blob.
pub async fn png_blob(svg: &str, w: u32, h: u32) -> Result<web_sys::Blob, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let img = web_sys::HtmlImageElement::new().map_err(err)?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    let src = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(svg)
    );
    img.set_src(&src);
    JsFuture::from(loaded)
        .await
        .map_err(|_| "the SVG could not be drawn".to_owned())?;
    let canvas: web_sys::HtmlCanvasElement =
        doc.create_element("canvas").map_err(err)?.unchecked_into();
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(err)?
        .ok_or("no 2d canvas")?
        .unchecked_into();
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        f64::from(w),
        f64::from(h),
    )
    .map_err(err)?;
    let blob = js_sys::Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob(&resolve);
    });
    let blob = JsFuture::from(blob).await.map_err(err)?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| "the canvas gave no PNG".to_owned())
}

/// Copies the PNG of `svg` to the clipboard where the browser allows it (secure pages,
/// ClipboardItem). The clipboard is asked at once, within the click, with a promise of the
/// picture: browsers refuse a write that comes after the drawing has been awaited.
pub async fn copy_png(svg: String, w: u32, h: u32) -> Result<(), String> {
    let picture = wasm_bindgen_futures::future_to_promise(async move {
        png_blob(&svg, w, h)
            .await
            .map(JsValue::from)
            .map_err(|e| JsValue::from_str(&e))
    });
    let global = js_sys::global();
    let ctor = js_sys::Reflect::get(&global, &"ClipboardItem".into()).map_err(err)?;
    let Some(ctor) = ctor.dyn_ref::<js_sys::Function>() else {
        return Err("this browser does not copy images".into());
    };
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"image/png".into(), &picture).map_err(err)?;
    let item = js_sys::Reflect::construct(ctor, &js_sys::Array::of1(&data)).map_err(err)?;
    clipboard("write", &js_sys::Array::of1(&item).into()).await
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

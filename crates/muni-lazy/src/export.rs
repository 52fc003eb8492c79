//! Taking things away, on demand: the view's CSV, the chart as SVG or PNG (the SVG drawn on a
//! canvas: plotters' bitmap backend cannot draw text in WebAssembly, the browser can), each
//! handed to the browser as a download.

use muni_model::ChartQuery;
use muni_view::contract::{
    CsvRequest, PanelRequest, PictureKind, PictureRequest, Wire, XlsxRequest,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::{GEO, cached, view_data};

fn err(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "browser error".into())
}

/// Hands `blob` to the browser as a download named `name`.
pub(crate) fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
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

/// A Blob of `bytes` with the MIME type `mime`.
pub(crate) fn bytes_blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(err)
}

/// A Blob of `text` with the MIME type `mime`.
fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)
}

/// Draws `svg` on a `w`×`h` canvas and returns it as a PNG Blob.
async fn png_blob(svg: &str, w: u32, h: u32) -> Result<web_sys::Blob, String> {
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

/// `svg` drawn on a `w`×`h` canvas, as the bytes of a PNG.
pub(crate) async fn png_bytes(svg: &str, w: u32, h: u32) -> Result<Vec<u8>, String> {
    let blob = png_blob(svg, w, h).await?;
    let buf = JsFuture::from(blob.array_buffer()).await.map_err(err)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The view's picture at its size with its summary as the caption, and its file name stem.
async fn picture(r: &PictureRequest) -> Result<(String, String), String> {
    let (q, _) = ChartQuery::parse(&r.view.query);
    let (cat, file) = view_data(&r.view.base, &q).await?;
    let meta = muni_view::view::indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    let geo = if q.view.is_map() {
        Some(cached(&GEO, format!("{}/geo/municipalities.json", r.view.base)).await?)
    } else {
        None
    };
    let (mut chart, stem) = muni_view::view::view_chart(&cat, meta, &file, geo.as_deref(), &q)
        .ok_or("no year to show")?;
    muni_view::view::with_ranking_beside(&cat, meta, &file, &q, &mut chart);
    chart.set_caption(muni_view::summary::summary(&cat, meta, &file, &q).join(" "));
    Ok((
        muni_chart::view_svg(&chart, r.width, r.height).map_err(|e| e.to_string())?,
        stem,
    ))
}

/// Reads the request the dashboard sent (see `muni_view::contract`).
pub(crate) fn request<T: Wire>(text: &str) -> Result<T, String> {
    T::decode(text).map_err(|e| format!("a request the module does not understand: {e}"))
}

/// Downloads the view's picture (`contract::EXPORT_PICTURE`); answers the file's name.
#[wasm_bindgen]
pub async fn export_picture(request_text: String) -> Result<String, JsValue> {
    let r: PictureRequest = request(&request_text)?;
    let (svg, stem) = picture(&r).await?;
    let name = format!("{stem}.{}", r.kind.extension());
    let blob = match r.kind {
        PictureKind::Svg => text_blob(&svg, "image/svg+xml")?,
        PictureKind::Png => png_blob(&svg, r.width, r.height).await?,
    };
    download_blob(&blob, &name)?;
    Ok(name)
}

/// The view's picture as a PNG Blob, for the clipboard (`contract::PICTURE_PNG`).
#[wasm_bindgen]
pub async fn picture_png(request_text: String) -> Result<JsValue, JsValue> {
    let r: PictureRequest = request(&request_text)?;
    let (svg, _) = picture(&r).await?;
    Ok(png_blob(&svg, r.width, r.height).await?.into())
}

/// Downloads the view's CSV (`contract::EXPORT_CSV`): the selection the page shows, written by
/// the same function as every other CSV of a view (`muni_view::export::csv_file`); answers the
/// file's name.
#[wasm_bindgen]
pub async fn export_csv(request_text: String) -> Result<String, JsValue> {
    let r: CsvRequest = request(&request_text)?;
    let (q, _) = ChartQuery::parse(&r.view.query);
    let (cat, file) = view_data(&r.view.base, &q).await?;
    let meta = muni_view::view::indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    let (text, name) =
        muni_view::export::csv_file(&cat, meta, &file, &r.selection, r.dialect, q.lang)?;
    download_blob(&text_blob(&text, "text/csv;charset=utf-8")?, &name)?;
    Ok(name)
}

/// Downloads the view's Excel workbook (`contract::EXPORT_XLSX`): the CSV's selection and rows,
/// written by `muni_xlsx` as natively; answers the file's name.
#[wasm_bindgen]
pub async fn export_xlsx(request_text: String) -> Result<String, JsValue> {
    let r: XlsxRequest = request(&request_text)?;
    let (q, _) = ChartQuery::parse(&r.view.query);
    let (cat, file) = view_data(&r.view.base, &q).await?;
    let meta = muni_view::view::indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    if meta.rate && r.selection.measure != muni_model::Measure::AsPublished {
        return Err(format!("{}: a rate is not shown as an index", meta.id).into());
    }
    let s = &r.selection;
    let rows =
        muni_model::extract::view_rows(&cat, meta, &file, &s.codes, &s.years, s.measure, q.lang);
    let bytes = muni_xlsx::view_workbook(&cat, meta, &file.notes, &rows, q.lang)?;
    let name = muni_view::export::selection_file_name(&cat, meta, s, "xlsx");
    let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    download_blob(&bytes_blob(&bytes, mime)?, &name)?;
    Ok(name)
}

/// The download-and-share panel's HTML (`contract::EXPORT_PANEL`), escaped throughout.
#[wasm_bindgen]
pub async fn export_panel(request_text: String) -> Result<String, JsValue> {
    let r: PanelRequest = request(&request_text)?;
    let (q, _) = ChartQuery::parse(&r.view.query);
    let (cat, _) = view_data(&r.view.base, &q).await?;
    let meta = muni_view::view::indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    Ok(
        muni_view::export::share_panel(&cat, meta, &q, &r.page, r.machine, r.embed_dark)
            .into_string(),
    )
}

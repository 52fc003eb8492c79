//! Taking things away, on demand: the view's CSV, the chart as SVG or PNG (the SVG drawn on a
//! canvas: plotters' bitmap backend cannot draw text in WebAssembly, the browser can), each
//! handed to the browser as a download.

use muni_model::extract::{Dialect, file_name, to_csv, view_rows};
use muni_model::{ChartQuery, Measure};
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
fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
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

/// The view's picture at `w` × `h` with its summary as the caption, and its file name stem.
async fn picture(base: &str, query: &str, w: u32, h: u32) -> Result<(String, String), String> {
    let (q, _) = ChartQuery::parse(query);
    let (cat, file) = view_data(base, &q).await?;
    let meta = muni_view::view::indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    let geo = if q.view.is_map() {
        Some(cached(&GEO, format!("{base}/geo/municipalities.json")).await?)
    } else {
        None
    };
    let (mut chart, stem) = muni_view::view::view_chart(&cat, meta, &file, geo.as_deref(), &q)
        .ok_or("no year to show")?;
    chart.set_caption(muni_view::summary::summary(&cat, meta, &file, &q).join(" "));
    Ok((
        muni_chart::view_svg(&chart, w, h).map_err(|e| e.to_string())?,
        stem,
    ))
}

/// Downloads the view's picture as `kind` (`svg` or `png`); answers the file's name.
#[wasm_bindgen]
pub async fn export_picture(
    base: String,
    query: String,
    w: u32,
    h: u32,
    kind: String,
) -> Result<String, JsValue> {
    // An unknown kind is the caller's mistake, said, not silently a PNG.
    if kind != "svg" && kind != "png" {
        return Err(format!("unknown picture kind {kind:?} (svg or png)").into());
    }
    let (svg, stem) = picture(&base, &query, w, h).await?;
    let name = format!("{stem}.{kind}");
    let blob = if kind == "svg" {
        text_blob(&svg, "image/svg+xml")?
    } else {
        png_blob(&svg, w, h).await?
    };
    download_blob(&blob, &name)?;
    Ok(name)
}

/// The view's picture as a PNG Blob (for the clipboard).
#[wasm_bindgen]
pub async fn picture_png(base: String, query: String, w: u32, h: u32) -> Result<JsValue, JsValue> {
    let (svg, _) = picture(&base, &query, w, h).await?;
    Ok(png_blob(&svg, w, h).await?.into())
}

/// Downloads the view's CSV: the rows of `codes` (comma-separated, in the table's order) over
/// `years`, as published or as an index with base year `index_base` (0: as published), in
/// `dialect`; answers the file's name.
#[wasm_bindgen]
pub async fn export_csv(
    base: String,
    query: String,
    codes: String,
    years: String,
    index_base: u16,
    dialect: String,
) -> Result<String, JsValue> {
    let dialect = Dialect::parse(&dialect)
        .ok_or_else(|| format!("unknown CSV dialect {dialect:?} (excel_sv or machine)"))?;
    let (q, _) = ChartQuery::parse(&query);
    let (cat, file) = view_data(&base, &q).await?;
    let meta = muni_view::view::indicator(&cat, &q).ok_or("the catalog has no indicators")?;
    let codes: Vec<String> = codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    let years: Vec<u16> = years.split(',').filter_map(|y| y.parse().ok()).collect();
    let measure = match index_base {
        0 => Measure::AsPublished,
        _ if meta.rate => return Err("a rate is not shown as an index".into()),
        base => Measure::Index { base },
    };
    let rows = view_rows(&cat, meta, &file, &codes, &years, measure, q.lang);
    let span = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    let text = to_csv(&rows, dialect);
    let name = file_name(meta, measure, span, "csv");
    download_blob(&text_blob(&text, "text/csv;charset=utf-8")?, &name)?;
    Ok(name)
}

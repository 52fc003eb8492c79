//! The only module that fetches: `catalog.json` and indicator files, relative to the page so
//! that the site works under any sub-path.

use muni_model::{Catalog, IndicatorFile};

/// Where the published data lives, relative to the page.
pub const DATA: &str = "data";

async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let text = resp.text().await.map_err(|e| format!("{url}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{url}: {e}"))
}

pub async fn catalog() -> Result<Catalog, String> {
    get_json(&format!("{DATA}/catalog.json")).await
}

/// `file` as given in the catalog (`indicators/<id>.json`).
pub async fn indicator(file: &str) -> Result<IndicatorFile, String> {
    get_json(&format!("{DATA}/{file}")).await
}

//! The only module that fetches: `catalog.json` and indicator files, relative to the page so
//! that the site works under any sub-path.

use muni_model::{Catalog, IndicatorFile};

/// Where the published data lives, relative to the page.
pub const DATA: &str = "data";

use muni_browser::get_json;

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

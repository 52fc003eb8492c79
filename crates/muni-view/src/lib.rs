//! What a view shows, as pure functions of the catalog, an indicator file and the URL state
//! ([`ChartQuery`](muni_model::ChartQuery)): one path from a link to a chart spec, a table, a
//! sentence and a file, shared by the dashboard, its lazy module and the command line.
//!
//! - [`view`]: the selection (indicator, regions and groups expanded once, years, ranking
//!   year) and the chart spec of a view ([`view::view_chart`]);
//! - [`spec`]: the chart specs `muni-chart` draws ([`LineChart`], [`RankingChart`], the map's);
//! - [`series`]: building the specs from the published model;
//! - [`summary`]: the one or two sentences that say what a view shows;
//! - [`table`]: the tables behind the charts, their sorting, the map's tip;
//! - [`profile`]: a municipality's profile;
//! - [`export`]: what a view exports (the CSV's rows, years and measure) and the share panel;
//! - [`search`]: finding a municipality by name.
//!
//! No DOM, no drawing, no I/O: everything here is tested natively.

pub mod brief;
pub mod changes;
pub mod contract;
pub mod deck;
pub mod export;
pub mod fixture;
#[cfg(feature = "map")]
pub mod map;
pub mod measures;
pub mod profile;
pub mod search;
pub mod series;
pub mod spark;
pub mod spec;
pub mod summary;
pub mod table;
pub mod view;

pub use spec::{Bar, Fill, LineChart, LineSeries, MapChart, MapRegion, RankingChart, SeriesRole};

/// The Swedish or the English of a short text.
pub(crate) fn tr(lang: muni_model::Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        muni_model::Lang::Sv => sv,
        muni_model::Lang::En => en,
    }
}

//! Wire types shared by the data pipeline and the browser front-end.
//!
//! This crate is the boundary: everything that is written to `public/data/` or read by the
//! dashboard is defined here, and nothing here depends on polars, I/O or the DOM, so it builds
//! for `wasm32-unknown-unknown`.

mod catalog;
pub mod changes;
mod code;
pub mod deck;
pub mod extract;
mod format;
pub mod geo;
mod html;
mod indicator;
mod notice;
pub mod peers;
mod query;
pub mod sort;

pub use catalog::{
    Catalog, DataVersion, Group, Headline, IndicatorMeta, IndicatorStatus, Region, RegionLevel,
    SCHEMA_VERSION, Source, Text, Theme, Unit,
};
pub use code::{CodeError, MunicipalityCode, RegionCode};
pub use extract::source_line;
pub use format::{Lang, fold_sv, format_number, html_escape};
pub use html::Html;
pub use indicator::{IndicatorFile, Series, Status};
pub use query::{
    ChartQuery, GroupId, IndicatorId, Measure, NoticeReason, QueryNotice, Scope, View,
    index_values, percent_decode,
};

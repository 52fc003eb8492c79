//! What changed between two builds, as the build publishes it (`changes.json`, newest first,
//! and `changes/<version>.json`): written by the pipeline, read by the dashboard to say what
//! changed for the indicator on screen since the data version a link was made on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Status;

/// A value that changed between two builds (a region, a year, an indicator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub indicator: String,
    pub region_code: String,
    pub year: u16,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub status_before: Status,
    pub status_after: Status,
}

/// What one build changed relative to the one it replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// The data version replaced.
    pub from: String,
    /// The data version built.
    pub to: String,
    pub indicators_added: Vec<String>,
    pub indicators_removed: Vec<String>,
    /// Per indicator, the years that had no published value before and have one now.
    pub years_added: BTreeMap<String, Vec<u16>>,
    /// Published before and after, with another value.
    pub revised: Vec<Change>,
    /// Published before, confidential or missing now.
    pub withheld: Vec<Change>,
    /// Confidential or missing before (or not there), published now.
    pub published: Vec<Change>,
}

impl ChangeRecord {
    pub fn is_empty(&self) -> bool {
        self.indicators_added.is_empty()
            && self.indicators_removed.is_empty()
            && self.years_added.is_empty()
            && self.revised.is_empty()
            && self.withheld.is_empty()
            && self.published.is_empty()
    }
}

/// A line of `changes.json`: one record, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeEntry {
    pub from: String,
    pub to: String,
    /// `changes/<to>.json`, relative to `public/data/`.
    pub file: String,
    pub indicators_added: usize,
    pub years_added: usize,
    pub revised: usize,
    pub withheld: usize,
    pub published: usize,
}

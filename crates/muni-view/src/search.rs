//! Finding a municipality by a part of its name.

use muni_model::{Catalog, Region, RegionLevel};

use crate::table::sv_key;

/// Folds for search, forgiving what people type: lower case, letters without their marks
/// (`Goteborg`, `vasby`: å/ä → a, ö → o, é → e, ü → u), and spaces, hyphens and dots dropped
/// (`Upplands-Väsby` finds Upplands Väsby).
fn fold(s: &str) -> String {
    s.chars()
        .map(muni_model::fold_sv)
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{a0}'))
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'æ' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ê' => 'e',
            'ü' => 'u',
            c => c,
        })
        .collect()
}

/// Municipalities whose name contains `text` (case, marks, spaces and hyphens aside), those
/// starting with it first, then in Swedish alphabetical order; at most `limit`.
pub fn search<'a>(catalog: &'a Catalog, text: &str, limit: usize) -> Vec<&'a Region> {
    let t = fold(text.trim());
    if t.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(bool, &Region)> = catalog
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .filter_map(|r| {
            let name = fold(&r.name);
            name.contains(&t).then(|| (!name.starts_with(&t), r))
        })
        .collect();
    muni_model::sort::sort_by(&mut hits, |a, b| {
        a.0.cmp(&b.0)
            .then_with(|| sv_key(&a.1.name).cmp(&sv_key(&b.1.name)))
    });
    hits.into_iter().take(limit).map(|(_, r)| r).collect()
}

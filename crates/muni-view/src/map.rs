//! The map's spec: every municipality in quintile classes for one year, members and the
//! selection marked (drawn, and hit-tested, by `muni_chart::map`).

use muni_model::geo::Shapes;
use muni_model::{Catalog, IndicatorFile, IndicatorMeta, Lang, RegionLevel, Status, format_number};

use crate::series::{region_name, source_line};
use crate::spec::{Fill, MapChart, MapRegion};

/// Quintile breaks of `values` (fewer when values repeat): class `i` holds the values up to
/// `breaks[i]`, the last class the rest.
pub fn quintile_breaks(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    muni_model::sort::sort_by(&mut v, f64::total_cmp);
    if v.is_empty() {
        return Vec::new();
    }
    let mut breaks: Vec<f64> = (1..5)
        .map(|k| v[(k * v.len() / 5).min(v.len() - 1).saturating_sub(1)])
        .collect();
    breaks.dedup();
    if breaks.last() == v.last() {
        breaks.pop();
    }
    breaks
}

pub fn class_of(breaks: &[f64], x: f64) -> usize {
    breaks.iter().take_while(|b| x > **b).count()
}

/// The map of `year` (every municipality), with `selected` highlighted.
#[allow(clippy::too_many_arguments)]
pub fn map_chart(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    shapes: &Shapes,
    year: u16,
    selected: &[String],
    tiles: bool,
    lang: Lang,
) -> MapChart {
    let i = file.years.iter().position(|&y| y == year);
    let value = |code: &str| -> (Option<f64>, Status) {
        match (i, file.series(code)) {
            (Some(i), Some(s)) => (s.values[i], s.status[i]),
            _ => (None, Status::Missing),
        }
    };
    let published: Vec<f64> = file
        .series
        .iter()
        .filter(|s| s.region.level() == RegionLevel::Municipality)
        .filter_map(|s| match value(s.region.as_str()) {
            (Some(v), Status::Ok) => Some(v),
            _ => None,
        })
        .collect();
    let breaks = quintile_breaks(&published);
    let members = catalog.network();
    let slots = crate::spec::colour_slots(selected);
    let regions = shapes
        .shapes
        .iter()
        .map(|sh| {
            let code = sh.code.as_str();
            MapRegion {
                code: code.to_owned(),
                name: region_name(catalog, code, lang),
                rings: sh.points(),
                tile: sh.tile,
                fill: match value(code) {
                    (Some(v), Status::Ok) => Fill::Class(class_of(&breaks, v)),
                    (_, Status::Confidential) => Fill::Confidential,
                    _ => Fill::Missing,
                },
                member: members.iter().any(|m| m.as_str() == code),
                selected: selected.iter().position(|s| s == code).map(|k| slots[k]),
            }
        })
        .collect();
    let decimals = meta.unit.decimals();
    let n = |x: f64| format_number(x, decimals, lang);
    let lo = published.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = published.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut classes = Vec::new();
    if lo.is_finite() {
        let mut from = lo;
        for b in breaks.iter().copied().chain(std::iter::once(hi)) {
            classes.push(format!("{}\u{2013}{}", n(from), n(b)));
            from = b;
        }
    }
    MapChart {
        title: format!("{} {year}", meta.title.get(lang)),
        subtitle: meta.unit.label().get(lang).to_owned(),
        source: format!(
            "{}. {}.",
            source_line(meta, lang).trim_end_matches('.'),
            shapes.source.get(lang)
        ),
        caption: String::new(),
        lang,
        tiles,
        extent: (shapes.width, shapes.height),
        grid: (shapes.tile_columns, shapes.tile_rows),
        regions,
        classes,
        legend_title: match lang {
            Lang::Sv => "Kvintiler: lika många kommuner i varje klass".into(),
            Lang::En => "Quintiles: the same number of municipalities in each class".into(),
        },
        beside: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn quintiles_put_a_fifth_in_each_class_and_merge_repeats() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let b = quintile_breaks(&v);
        assert_eq!(b, [2.0, 4.0, 6.0, 8.0]);
        let counts: Vec<usize> = (0..5)
            .map(|c| v.iter().filter(|x| class_of(&b, **x) == c).count())
            .collect();
        assert_eq!(counts, [2, 2, 2, 2, 2]);
        // Many zeros: one class for them, not four empty ones.
        let z = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0];
        assert_eq!(quintile_breaks(&z), [0.0, 1.0]);
    }
}

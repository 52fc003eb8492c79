//! Municipality borders (GeoJSON, okfse/sweden-geojson) → the map's outlines: projected
//! (equirectangular, true to scale at 62°N), quantised to whole map units, simplified
//! (Douglas–Peucker, tolerance `TOLERANCE` units), delta-encoded; plus a tile grid in which
//! every municipality gets one equal square near its place on the map.

use std::collections::BTreeMap;
use std::path::Path;

use muni_model::geo::{Point, Shape, Shapes, encode};
use muni_model::{MunicipalityCode, Text};

use super::regions::Regions;
use crate::error::{PipelineError, Result};

/// Map units per degree of latitude.
const UNITS_PER_DEGREE: f64 = 200.0;
/// The latitude at which the projection keeps distances true.
const STANDARD_PARALLEL: f64 = 62.0;
/// Points closer than this to the simplified line are dropped (map units; the map is about
/// 2,750 units tall).
const TOLERANCE: f64 = 1.5;
/// Rings smaller than this (square map units) are dropped, unless a municipality's largest.
const MIN_AREA: f64 = 12.0;
const TILE_COLUMNS: u16 = 14;
const TILE_ROWS: u16 = 32;

fn perpendicular(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt()
    } else {
        ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
    }
}

/// Douglas–Peucker on an open polyline (keeps both ends).
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (mut far, mut dist) = (a, 0.0);
        for i in a + 1..b {
            let d = perpendicular(points[i], points[a], points[b]);
            if d > dist {
                (far, dist) = (i, d);
            }
        }
        if dist > tolerance {
            keep[far] = true;
            stack.push((a, far));
            stack.push((far, b));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

fn area(ring: &[Point]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            f64::from(a.0) * f64::from(b.1) - f64::from(b.0) * f64::from(a.1)
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

fn fail(path: &Path, feature: usize, value: impl Into<String>, msg: &str) -> PipelineError {
    // GeoJSON has no useful line numbers: the feature's position names it.
    PipelineError::input(
        path,
        feature as u64 + 1,
        value,
        format!("feature {feature}: {msg}"),
    )
}

/// Reads the GeoJSON and returns the map: one shape per municipality of the code list.
// Long: the GeoJSON's checks in the order of the file (collection, features, codes, rings),
// each next to the field it checks.
pub fn read(path: &Path, regions: &Regions) -> Result<Shapes> {
    let bytes = std::fs::read(path).map_err(|e| PipelineError::io(path, e))?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| PipelineError::input(path, e.line() as u64, "", format!("not JSON: {e}")))?;
    let features = v["features"]
        .as_array()
        .ok_or_else(|| PipelineError::file(path, "no `features` array"))?;
    let k = STANDARD_PARALLEL.to_radians().cos();
    let (west, north) = (10.5, 69.2);
    let project = |lon: f64, lat: f64| {
        (
            (lon - west) * k * UNITS_PER_DEGREE,
            (north - lat) * UNITS_PER_DEGREE,
        )
    };
    // code → (rings, centre of its points)
    type Outline = (Vec<Vec<Point>>, (f64, f64));
    let mut by_code: BTreeMap<String, Outline> = BTreeMap::new();
    for (i, f) in features.iter().enumerate() {
        let code = f["properties"]["id"].as_str().unwrap_or_default();
        if MunicipalityCode::new(code).is_err() || !regions.municipalities().any(|m| m.code == code)
        {
            return Err(fail(
                path,
                i,
                code,
                "`id` is not a municipality code of the code list",
            ));
        }
        let g = &f["geometry"];
        let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["coordinates"]],
            Some("MultiPolygon") => g["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            other => {
                return Err(fail(
                    path,
                    i,
                    format!("{other:?}"),
                    "geometry is neither Polygon nor MultiPolygon",
                ));
            }
        };
        let mut rings = Vec::new();
        let mut sum = (0.0, 0.0, 0usize);
        for poly in polygons {
            // The outer ring only: holes (lakes) are not drawn.
            let Some(outer) = poly.get(0).and_then(|r| r.as_array()) else {
                return Err(fail(path, i, code, "a polygon without rings"));
            };
            let mut pts = Vec::with_capacity(outer.len());
            for c in outer {
                let (Some(lon), Some(lat)) = (c[0].as_f64(), c[1].as_f64()) else {
                    return Err(fail(
                        path,
                        i,
                        c.to_string(),
                        "a coordinate is not two numbers",
                    ));
                };
                if !(10.0..25.0).contains(&lon) || !(55.0..69.2).contains(&lat) {
                    return Err(fail(
                        path,
                        i,
                        format!("{lon},{lat}"),
                        "a coordinate outside Sweden (longitude, latitude in degrees)",
                    ));
                }
                let p = project(lon, lat);
                sum = (sum.0 + p.0, sum.1 + p.1, sum.2 + 1);
                pts.push(p);
            }
            let q: Vec<Point> = simplify(&pts, TOLERANCE)
                .into_iter()
                .map(|(x, y)| (x.round() as i32, y.round() as i32))
                .collect::<Vec<_>>();
            let mut q: Vec<Point> = q.into_iter().fold(Vec::new(), |mut acc, p| {
                if acc.last() != Some(&p) {
                    acc.push(p);
                }
                acc
            });
            if q.len() > 1 && q.first() == q.last() {
                q.pop();
            }
            if q.len() >= 3 {
                rings.push(q);
            }
        }
        if rings.is_empty() {
            return Err(fail(path, i, code, "no ring left to draw"));
        }
        // Keep the largest ring and every island big enough to see.
        let largest = rings.iter().map(|r| area(r)).fold(0.0_f64, f64::max);
        rings.retain(|r| area(r) >= MIN_AREA.min(largest));
        let centre = (sum.0 / sum.2 as f64, sum.1 / sum.2 as f64);
        if by_code.insert(code.to_owned(), (rings, centre)).is_some() {
            return Err(fail(
                path,
                i,
                code,
                "a second feature for the same municipality",
            ));
        }
    }
    let missing: Vec<&str> = regions
        .municipalities()
        .map(|m| m.code.as_str())
        .filter(|c| !by_code.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(PipelineError::file(
            path,
            format!("no outline for the municipalities {missing:?}"),
        ));
    }
    let (width, height) = project(24.5, 55.0);
    let tiles = tile_grid(
        &by_code
            .iter()
            .map(|(c, (_, centre))| (c.clone(), *centre))
            .collect::<Vec<_>>(),
        (width, height),
    );
    let shapes = by_code
        .into_iter()
        .map(|(code, (rings, _))| Shape {
            tile: tiles[&code],
            code: MunicipalityCode::new(&code).expect("checked above"),
            rings: rings.iter().map(|r| encode(r)).collect(),
        })
        .collect();
    Ok(Shapes {
        schema_version: 1,
        source: Text::new(
            "Kommungränser: okfse/sweden-geojson (Valmyndigheten), förenklade",
            "Municipal borders: okfse/sweden-geojson (Election Authority), simplified",
        ),
        width: width.round() as i32,
        height: height.round() as i32,
        tile_columns: TILE_COLUMNS,
        tile_rows: TILE_ROWS,
        shapes,
    })
}

/// One cell per municipality: each, from the most crowded part of the map outwards, takes the
/// free cell nearest its centre (ties by code), so that neighbours stay neighbours.
fn tile_grid(centres: &[(String, (f64, f64))], extent: (f64, f64)) -> BTreeMap<String, (u16, u16)> {
    let cell = |(x, y): (f64, f64)| {
        (
            x / extent.0 * f64::from(TILE_COLUMNS),
            y / extent.1 * f64::from(TILE_ROWS),
        )
    };
    // Crowded first: the number of others within two cells.
    let mut order: Vec<(usize, &String, (f64, f64))> = centres
        .iter()
        .map(|(c, p)| {
            let here = cell(*p);
            let crowd = centres
                .iter()
                .filter(|(_, q)| {
                    let o = cell(*q);
                    (o.0 - here.0).abs() < 2.0 && (o.1 - here.1).abs() < 2.0
                })
                .count();
            (crowd, c, here)
        })
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut taken = vec![false; usize::from(TILE_COLUMNS) * usize::from(TILE_ROWS)];
    let mut out = BTreeMap::new();
    for (_, code, (cx, cy)) in order {
        let mut best: Option<(f64, usize)> = None;
        for (i, used) in taken.iter().enumerate() {
            if *used {
                continue;
            }
            let (col, row) = (i % usize::from(TILE_COLUMNS), i / usize::from(TILE_COLUMNS));
            let d = (col as f64 + 0.5 - cx).powi(2) + (row as f64 + 0.5 - cy).powi(2);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, i));
            }
        }
        let (_, i) = best.expect("the grid has more cells than municipalities");
        taken[i] = true;
        out.insert(
            code.clone(),
            (
                (i % usize::from(TILE_COLUMNS)) as u16,
                (i / usize::from(TILE_COLUMNS)) as u16,
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplification_keeps_corners_and_drops_noise() {
        let line: Vec<(f64, f64)> = vec![(0.0, 0.0), (5.0, 0.4), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(
            simplify(&line, 1.0),
            [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
        );
        assert_eq!(simplify(&line, 0.1).len(), 4);
    }

    #[test]
    fn every_municipality_gets_its_own_tile() {
        let centres: Vec<(String, (f64, f64))> = (0..50)
            .map(|i| (format!("{i:04}"), (10.0, 10.0 + f64::from(i) * 0.01)))
            .collect();
        let t = tile_grid(&centres, (100.0, 100.0));
        let mut cells: Vec<&(u16, u16)> = t.values().collect();
        cells.sort();
        cells.dedup();
        assert_eq!(cells.len(), 50, "all on one spot, still 50 cells");
    }
}

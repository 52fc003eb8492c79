//! `geo/municipalities.json`: Sweden's 290 municipalities as simplified, quantised outlines
//! (integer map units, each ring's points delta-encoded) and a tile-grid position each, for the
//! map and its equal-area alternative. Written by the pipeline, read by the dashboard and the
//! `chart` command.

use serde::{Deserialize, Serialize};

use crate::{MunicipalityCode, Text};

/// A point in map units: x to the east, y to the south (screen order).
pub type Point = (i32, i32);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shapes {
    pub schema_version: u32,
    /// Where the outlines come from and what was done to them.
    pub source: Text,
    /// The extent of the map in map units.
    pub width: i32,
    pub height: i32,
    /// Columns and rows of the tile grid.
    pub tile_columns: u16,
    pub tile_rows: u16,
    /// One per municipality, in code order.
    pub shapes: Vec<Shape>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    pub code: MunicipalityCode,
    /// Outer rings (a municipality with islands has several), each `x0, y0, dx1, dy1, …`.
    pub rings: Vec<Vec<i32>>,
    /// Column and row in the tile grid.
    pub tile: (u16, u16),
}

impl Shape {
    /// The rings as absolute points.
    pub fn points(&self) -> Vec<Vec<Point>> {
        self.rings.iter().map(|r| decode(r)).collect()
    }
}

/// `x0, y0, dx1, dy1, …` → points.
pub fn decode(ring: &[i32]) -> Vec<Point> {
    let mut out = Vec::with_capacity(ring.len() / 2);
    let (mut x, mut y) = (0i32, 0i32);
    for d in ring.chunks_exact(2) {
        x = x.saturating_add(d[0]);
        y = y.saturating_add(d[1]);
        out.push((x, y));
    }
    out
}

/// Points → `x0, y0, dx1, dy1, …`.
pub fn encode(points: &[Point]) -> Vec<i32> {
    let mut out = Vec::with_capacity(points.len() * 2);
    let (mut px, mut py) = (0, 0);
    for &(x, y) in points {
        out.push(x - px);
        out.push(y - py);
        (px, py) = (x, y);
    }
    out
}

/// Whether `p` lies inside the closed ring (even–odd rule).
pub fn inside(ring: &[Point], p: (f64, f64)) -> bool {
    let mut c = false;
    let n = ring.len();
    for i in 0..n {
        let (xi, yi) = (f64::from(ring[i].0), f64::from(ring[i].1));
        let (xj, yj) = (
            f64::from(ring[(i + n - 1) % n].0),
            f64::from(ring[(i + n - 1) % n].1),
        );
        if (yi > p.1) != (yj > p.1) && p.0 < (xj - xi) * (p.1 - yi) / (yj - yi) + xi {
            c = !c;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_round_trip_and_points_are_found_inside() {
        let square = vec![(10, 10), (20, 10), (20, 20), (10, 20)];
        let enc = encode(&square);
        assert_eq!(enc, [10, 10, 10, 0, 0, 10, -10, 0]);
        assert_eq!(decode(&enc), square);
        assert!(inside(&square, (15.0, 15.0)));
        assert!(!inside(&square, (25.0, 15.0)));
        assert!(!inside(&square, (15.0, 5.0)));
    }
}

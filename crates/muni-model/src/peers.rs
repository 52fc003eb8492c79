//! `peers.json`: for every municipality, the most similar municipalities by industry structure,
//! with the features that made them similar and the distance, so that the dashboard can say
//! *why* each peer was chosen.
//!
//! Similarity: each feature is a published indicator, each municipality's latest published value
//! in the indicator's last five years, made comparable as a z-score over Sweden's
//! municipalities (logarithms first for skewed magnitudes); the distance is the root mean square
//! difference over the features the municipality has (at least three), and a peer must have
//! every one of them. Nothing is estimated: a confidential value is left out, never guessed.

use serde::{Deserialize, Serialize};

use crate::{MunicipalityCode, Text};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeersFile {
    pub schema_version: u32,
    /// How the peers are chosen, for the reader.
    pub method: Text,
    pub features: Vec<Feature>,
    /// In code order.
    pub municipalities: Vec<Peers>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    /// The indicator it is read from.
    pub indicator: String,
    /// The years a value may come from (each municipality's latest published one).
    pub first_year: u16,
    pub last_year: u16,
    /// Compared on a logarithmic scale (population, production per inhabitant).
    pub log: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peers {
    pub code: MunicipalityCode,
    /// One per feature, as published (`None`: no published value in the feature's years).
    pub values: Vec<Option<f64>>,
    /// The year of each value.
    pub years: Vec<Option<u16>>,
    /// The most similar first.
    pub peers: Vec<Peer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    pub code: MunicipalityCode,
    /// Root mean square difference of z-scores (0: identical).
    pub distance: f64,
}

impl PeersFile {
    pub fn of(&self, code: &str) -> Option<&Peers> {
        self.municipalities.iter().find(|p| p.code.as_str() == code)
    }
}

/// Column means and standard deviations of `values` (rows × features), over present values.
fn moments(values: &[Vec<Option<f64>>], k: usize) -> (f64, f64) {
    let xs: Vec<f64> = values.iter().filter_map(|r| r[k]).collect();
    let n = xs.len().max(1) as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// The `n` nearest of every row (in `codes` order) by root mean square z-score difference over
/// the features the row has (at least `min_common`; a candidate must have all of them); ties by
/// code. `log` features are compared as `ln(1 + x)`.
pub fn nearest(
    codes: &[MunicipalityCode],
    values: &[Vec<Option<f64>>],
    log: &[bool],
    n: usize,
    min_common: usize,
) -> Vec<Vec<Peer>> {
    let k = log.len();
    let transformed: Vec<Vec<Option<f64>>> = values
        .iter()
        .map(|r| {
            (0..k)
                .map(|j| r[j].map(|x| if log[j] { x.max(0.0).ln_1p() } else { x }))
                .collect()
        })
        .collect();
    let stats: Vec<(f64, f64)> = (0..k).map(|j| moments(&transformed, j)).collect();
    let z: Vec<Vec<Option<f64>>> = transformed
        .iter()
        .map(|r| {
            (0..k)
                .map(|j| {
                    let (m, s) = stats[j];
                    r[j].filter(|_| s > 0.0).map(|x| (x - m) / s)
                })
                .collect()
        })
        .collect();
    (0..codes.len())
        .map(|a| {
            let mut d: Vec<(f64, usize)> = (0..codes.len())
                .filter(|&b| b != a)
                .filter_map(|b| {
                    let mut diffs = Vec::with_capacity(k);
                    for (za, zb) in z[a].iter().zip(&z[b]) {
                        if let Some(za) = za {
                            diffs.push(za - (*zb)?);
                        }
                    }
                    (diffs.len() >= min_common).then(|| {
                        let ms = diffs.iter().map(|x| x * x).sum::<f64>() / diffs.len() as f64;
                        (ms.sqrt(), b)
                    })
                })
                .collect();
            crate::sort::sort_by(&mut d, |x, y| {
                x.0.total_cmp(&y.0).then(codes[x.1].cmp(&codes[y.1]))
            });
            d.into_iter()
                .take(n)
                .map(|(dist, b)| Peer {
                    code: codes[b].clone(),
                    distance: (dist * 1000.0).round() / 1000.0,
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> MunicipalityCode {
        MunicipalityCode::new(c).unwrap()
    }

    #[test]
    fn nearest_by_standardised_features_with_gaps() {
        let codes = vec![code("0001"), code("0002"), code("0003"), code("0004")];
        // SYNTHETIC: 0001 and 0002 alike, 0003 far away, 0004 lacks a feature.
        let values = vec![
            vec![Some(10.0), Some(100.0), Some(1.0)],
            vec![Some(11.0), Some(110.0), Some(1.0)],
            vec![Some(50.0), Some(10_000.0), Some(9.0)],
            vec![Some(10.0), None, Some(1.0)],
        ];
        let log = [false, true, false];
        let p = nearest(&codes, &values, &log, 2, 2);
        // 0004 lacks a feature 0001 has: not its peer, however alike on the others.
        assert_eq!(p[0][0].code.as_str(), "0002");
        assert_eq!(p[0][1].code.as_str(), "0003");
        assert_eq!(p[2][0].code.as_str(), "0002", "the nearest of the outlier");
        // 0004 is compared on the two features it has: 0001 is identical there.
        assert_eq!(p[3][0].code.as_str(), "0001");
        assert_eq!(p[3][0].distance, 0.0);
        // With three features required, 0004 has no peers and is no one's peer.
        let p = nearest(&codes, &values, &log, 3, 3);
        assert!(p[3].is_empty());
        assert!(p[0].iter().all(|x| x.code.as_str() != "0004"));
    }
}

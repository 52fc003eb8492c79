//! An indicator file: one indicator's values for every region and year, columnar.

use serde::{Deserialize, Serialize};

use crate::{IndicatorId, MunicipalityCode, RegionCode, RegionLevel};

/// Why a value is or is not there. Missing values are typed, never `0` or `NaN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A published figure.
    Ok,
    /// The source withheld it (`..` in SCB's tables: too few companies, or one dominates).
    Confidential,
    /// The source has no figure for this region and year.
    Missing,
    /// A group figure over members of which at least one is confidential or missing: sums are
    /// withheld, medians are over the members that reported.
    Incomplete,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Confidential => "confidential",
            Status::Missing => "missing",
            Status::Incomplete => "incomplete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ok" => Status::Ok,
            "confidential" => Status::Confidential,
            "missing" => Status::Missing,
            "incomplete" => Status::Incomplete,
            _ => return None,
        })
    }
}

/// One region's values, aligned with [`IndicatorFile::years`].
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub region: RegionCode,
    pub values: Vec<Option<f64>>,
    pub status: Vec<Status>,
    /// Rank among Sweden's 290 municipalities (1 = highest, or lowest where the indicator says
    /// so; ties share the best rank); `None` outside municipalities or without a published
    /// value. Not on the wire: computed from the values when a file is made or read.
    pub rank_national: Vec<Option<u16>>,
    /// Rank within the network, likewise.
    pub rank_network: Vec<Option<u16>>,
}

impl Series {
    /// The rank in year index `i` among the network's members or all municipalities; `None`
    /// without a published value (or outside the network).
    pub fn rank(&self, scope: crate::Scope, i: usize) -> Option<u16> {
        match scope {
            crate::Scope::Network => self.rank_network.get(i).copied().flatten(),
            crate::Scope::Sweden => self.rank_national.get(i).copied().flatten(),
        }
    }
}

/// `indicators/<id>.json`: one indicator's values for every region and year.
///
/// On the wire (schema 2) the status of a series is one letter a year (`o`k, `c`onfidential,
/// `m`issing, `i`ncomplete) and the ranks are left out: they follow from the values, the
/// network's members and the direction, which the file carries, so the dashboard's first view
/// downloads a third less.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "WireFile", into = "WireFile")]
pub struct IndicatorFile {
    pub schema_version: u32,
    pub id: IndicatorId,
    pub years: Vec<u16>,
    /// Whether a higher value ranks first.
    pub rank_descending: bool,
    /// The network's members, for `rank_network`.
    pub network: Vec<MunicipalityCode>,
    /// Municipalities (in code order), then counties, Riket and groups (`network_sum`, `network_median`).
    pub series: Vec<Series>,
    /// Notes on breaks in series, confidentiality and attribution rules: read with the figures
    /// they explain (the catalog, which the first view loads whole, stays small).
    pub notes: Vec<crate::Text>,
}

impl IndicatorFile {
    /// A file with its ranks computed. Every series must have one value and status a year.
    pub fn new(
        id: IndicatorId,
        years: Vec<u16>,
        rank_descending: bool,
        network: Vec<MunicipalityCode>,
        series: Vec<(RegionCode, Vec<Option<f64>>, Vec<Status>)>,
    ) -> Result<Self, String> {
        let n = years.len();
        let series = series
            .into_iter()
            .map(|(region, values, status)| {
                if values.len() != n || status.len() != n {
                    return Err(format!(
                        "{id}: series {region} has {} values and {} statuses for {n} years",
                        values.len(),
                        status.len()
                    ));
                }
                Ok(Series {
                    region,
                    values,
                    status,
                    rank_national: vec![None; n],
                    rank_network: vec![None; n],
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut file = IndicatorFile {
            schema_version: crate::SCHEMA_VERSION,
            id,
            years,
            rank_descending,
            network,
            series,
            notes: Vec::new(),
        };
        file.rank();
        Ok(file)
    }

    /// Fills `rank_national` and `rank_network`: per year, over municipalities with a published
    /// value, 1 + the number of strictly better values (ties share the best rank).
    fn rank(&mut self) {
        let desc = self.rank_descending;
        let better = |a: f64, b: f64| if desc { a > b } else { a < b };
        for y in 0..self.years.len() {
            let published = |s: &Series| {
                (s.region.level() == RegionLevel::Municipality && s.status[y] == Status::Ok)
                    .then_some(s.values[y])
                    .flatten()
            };
            let mut all: Vec<f64> = self.series.iter().filter_map(published).collect();
            let mut net: Vec<f64> = self
                .series
                .iter()
                .filter(|s| self.network.iter().any(|m| m.as_str() == s.region.as_str()))
                .filter_map(published)
                .collect();
            // Best first, so the rank of v is 1 + the length of the prefix better than v.
            let order = |a: &f64, b: &f64| {
                if desc { b.total_cmp(a) } else { a.total_cmp(b) }
            };
            crate::sort::sort_by(&mut all, order);
            crate::sort::sort_by(&mut net, order);
            let rank_in =
                |sorted: &[f64], v: f64| (1 + sorted.partition_point(|&x| better(x, v))) as u16;
            for i in 0..self.series.len() {
                let Some(v) = published(&self.series[i]) else {
                    continue;
                };
                let in_network = self
                    .network
                    .iter()
                    .any(|m| m.as_str() == self.series[i].region.as_str());
                let s = &mut self.series[i];
                s.rank_national[y] = Some(rank_in(&all, v));
                if in_network {
                    s.rank_network[y] = Some(rank_in(&net, v));
                }
            }
        }
    }

    pub fn series(&self, region: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.region.as_str() == region)
    }

    /// How many municipalities have a rank in `scope` in year index `i`: the N of "n of N".
    pub fn ranked(&self, scope: crate::Scope, i: usize) -> usize {
        self.series
            .iter()
            .filter(|s| s.rank(scope, i).is_some())
            .count()
    }

    /// The value of `region` in `year`, with its status.
    pub fn value(&self, region: &str, year: u16) -> Option<(Option<f64>, Status)> {
        let i = self.years.iter().position(|&y| y == year)?;
        let s = self.series(region)?;
        Some((s.values[i], s.status[i]))
    }
}

#[derive(Serialize, Deserialize)]
struct WireFile {
    schema_version: u32,
    id: IndicatorId,
    years: Vec<u16>,
    rank_descending: bool,
    network: Vec<MunicipalityCode>,
    series: Vec<WireSeries>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<crate::Text>,
}

#[derive(Serialize, Deserialize)]
struct WireSeries {
    region: RegionCode,
    values: Vec<Option<f64>>,
    /// One letter a year.
    status: String,
}

impl Status {
    fn letter(self) -> char {
        match self {
            Status::Ok => 'o',
            Status::Confidential => 'c',
            Status::Missing => 'm',
            Status::Incomplete => 'i',
        }
    }

    fn from_letter(c: char) -> Option<Self> {
        Some(match c {
            'o' => Status::Ok,
            'c' => Status::Confidential,
            'm' => Status::Missing,
            'i' => Status::Incomplete,
            _ => return None,
        })
    }
}

impl TryFrom<WireFile> for IndicatorFile {
    type Error = String;

    fn try_from(w: WireFile) -> Result<Self, String> {
        if w.schema_version != crate::SCHEMA_VERSION {
            return Err(format!(
                "{}: schema version {}, this dashboard reads {}",
                w.id,
                w.schema_version,
                crate::SCHEMA_VERSION
            ));
        }
        let series = w
            .series
            .into_iter()
            .map(|s| {
                let status = s
                    .status
                    .chars()
                    .map(|c| {
                        Status::from_letter(c).ok_or_else(|| {
                            format!("{}: series {}: status letter {c:?}", w.id, s.region)
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((s.region, s.values, status))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let mut file = IndicatorFile::new(w.id, w.years, w.rank_descending, w.network, series)?;
        file.notes = w.notes;
        Ok(file)
    }
}

impl From<IndicatorFile> for WireFile {
    fn from(f: IndicatorFile) -> Self {
        WireFile {
            schema_version: f.schema_version,
            id: f.id,
            years: f.years,
            rank_descending: f.rank_descending,
            network: f.network,
            notes: f.notes,
            series: f
                .series
                .into_iter()
                .map(|s| WireSeries {
                    region: s.region,
                    values: s.values,
                    status: s.status.iter().map(|s| s.letter()).collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(c: &str) -> MunicipalityCode {
        MunicipalityCode::new(c).unwrap()
    }

    fn r(c: &str) -> RegionCode {
        RegionCode::new(c).unwrap()
    }

    #[test]
    fn wire_format_keeps_gaps_typed_and_codes_as_strings() {
        let file = IndicatorFile::new(
            IndicatorId::new("energy_final_use_industry").unwrap(),
            vec![2019, 2020],
            true,
            vec![m("0382")],
            vec![(
                r("0382"),
                vec![Some(1234.5), None],
                vec![Status::Ok, Status::Confidential],
            )],
        )
        .unwrap();
        let json = serde_json::to_string(&file).unwrap();
        assert_eq!(
            json,
            r#"{"schema_version":3,"id":"energy_final_use_industry","years":[2019,2020],"rank_descending":true,"network":["0382"],"series":[{"region":"0382","values":[1234.5,null],"status":"oc"}]}"#
        );
        let back: IndicatorFile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, file);
        // The notes travel with the figures they explain.
        let mut noted = file.clone();
        noted.notes = vec![crate::Text::new("Seriebrott 2020", "Series break 2020")];
        let json = serde_json::to_string(&noted).unwrap();
        assert!(
            json.ends_with(r#""notes":[{"sv":"Seriebrott 2020","en":"Series break 2020"}]}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<IndicatorFile>(&json).unwrap(), noted);
        assert_eq!(back.series[0].rank_national, [Some(1), None]);
        assert_eq!(back.value("0382", 2020), Some((None, Status::Confidential)));
        assert_eq!(back.value("0382", 2018), None);
        for s in [
            Status::Ok,
            Status::Confidential,
            Status::Missing,
            Status::Incomplete,
        ] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(Status::from_letter(s.letter()), Some(s));
        }
        assert_eq!(Status::parse("0"), None);
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let bad_letter = r#"{"schema_version":3,"id":"x","years":[2019],"rank_descending":true,"network":[],"series":[{"region":"0382","values":[1.0],"status":"z"}]}"#;
        let e = serde_json::from_str::<IndicatorFile>(bad_letter).unwrap_err();
        assert!(
            e.to_string().contains("series 0382: status letter 'z'"),
            "{e}"
        );
        let short = bad_letter.replace(r#""status":"z""#, r#""status":"oo""#);
        let e = serde_json::from_str::<IndicatorFile>(&short).unwrap_err();
        assert!(e.to_string().contains("1 values and 2 statuses"), "{e}");
        let old = bad_letter.replace(r#""schema_version":3"#, r#""schema_version":2"#);
        let e = serde_json::from_str::<IndicatorFile>(&old).unwrap_err();
        assert!(
            e.to_string()
                .contains("schema version 2, this dashboard reads 3"),
            "{e}"
        );
    }

    #[test]
    fn ranks_share_ties_skip_gaps_and_follow_the_direction() {
        let series = |desc| {
            IndicatorFile::new(
                IndicatorId::new("x").unwrap(),
                vec![2020],
                desc,
                vec![m("0114"), m("0115"), m("0117")],
                vec![
                    (r("00"), vec![Some(99.0)], vec![Status::Ok]),
                    (r("0114"), vec![Some(5.0)], vec![Status::Ok]),
                    (r("0115"), vec![Some(7.0)], vec![Status::Ok]),
                    (r("0116"), vec![Some(9.0)], vec![Status::Ok]),
                    (r("0117"), vec![Some(5.0)], vec![Status::Ok]),
                    (r("0120"), vec![None], vec![Status::Confidential]),
                    (r("network_sum"), vec![Some(17.0)], vec![Status::Ok]),
                ],
            )
            .unwrap()
        };
        let f = series(true);
        let nat: Vec<_> = f.series.iter().map(|s| s.rank_national[0]).collect();
        let net: Vec<_> = f.series.iter().map(|s| s.rank_network[0]).collect();
        assert_eq!(nat, [None, Some(3), Some(2), Some(1), Some(3), None, None]);
        assert_eq!(net, [None, Some(2), Some(1), None, Some(2), None, None]);
        // The same ranks by scope, and how many are ranked in each ("n of N").
        let by = |scope| -> Vec<_> { f.series.iter().map(|s| s.rank(scope, 0)).collect() };
        assert_eq!(
            (by(crate::Scope::Sweden), by(crate::Scope::Network)),
            (nat, net)
        );
        assert_eq!(
            (
                f.ranked(crate::Scope::Sweden, 0),
                f.ranked(crate::Scope::Network, 0)
            ),
            (4, 3)
        );
        assert_eq!(f.series[1].rank(crate::Scope::Sweden, 5), None);
        let f = series(false);
        let nat: Vec<_> = f.series.iter().map(|s| s.rank_national[0]).collect();
        assert_eq!(nat, [None, Some(1), Some(3), Some(4), Some(1), None, None]);
    }
}

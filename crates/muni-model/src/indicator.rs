//! An indicator file: one indicator's values for every region and year, columnar.

use serde::{Deserialize, Serialize};

use crate::RegionCode;

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub region: RegionCode,
    pub values: Vec<Option<f64>>,
    pub status: Vec<Status>,
    /// Rank among Sweden's 290 municipalities (1 = highest, or lowest where the indicator says
    /// so); `None` outside municipalities or without a value.
    pub rank_national: Vec<Option<u16>>,
    /// Rank within the network.
    pub rank_network: Vec<Option<u16>>,
}

/// `indicators/<id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFile {
    pub schema_version: u32,
    pub id: String,
    pub years: Vec<u16>,
    /// Municipalities (in code order), then counties, Riket and groups (`network_sum`, `network_median`).
    pub series: Vec<Series>,
}

impl IndicatorFile {
    pub fn series(&self, region: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.region.as_str() == region)
    }

    /// The value of `region` in `year`, with its status.
    pub fn value(&self, region: &str, year: u16) -> Option<(Option<f64>, Status)> {
        let i = self.years.iter().position(|&y| y == year)?;
        let s = self.series(region)?;
        Some((s.values[i], s.status[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format_keeps_gaps_typed_and_codes_as_strings() {
        let file = IndicatorFile {
            schema_version: crate::SCHEMA_VERSION,
            id: "energy_final_use_industry".into(),
            years: vec![2019, 2020],
            series: vec![Series {
                region: RegionCode::new("0382").unwrap(),
                values: vec![Some(1234.5), None],
                status: vec![Status::Ok, Status::Confidential],
                rank_national: vec![Some(3), None],
                rank_network: vec![Some(1), None],
            }],
        };
        let json = serde_json::to_string(&file).unwrap();
        assert_eq!(
            json,
            r#"{"schema_version":1,"id":"energy_final_use_industry","years":[2019,2020],"series":[{"region":"0382","values":[1234.5,null],"status":["ok","confidential"],"rank_national":[3,null],"rank_network":[1,null]}]}"#
        );
        let back: IndicatorFile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, file);
        assert_eq!(back.value("0382", 2020), Some((None, Status::Confidential)));
        assert_eq!(back.value("0382", 2018), None);
        for s in [
            Status::Ok,
            Status::Confidential,
            Status::Missing,
            Status::Incomplete,
        ] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("0"), None);
    }
}

//! Validated region codes: municipality codes are 4-character strings, never integers.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a string is not a valid code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error(
        "municipality code {0:?} is not four ASCII digits (codes are strings like \"0114\", never integers)"
    )]
    Municipality(String),
    #[error(
        "region code {0:?} is neither \"00\" (Riket), a 2-digit county, a 4-digit municipality nor a group id like \"network\""
    )]
    Region(String),
}

/// A municipality code such as `0114` (Upplands Väsby) or `2584` (Kiruna).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MunicipalityCode(String);

impl MunicipalityCode {
    pub fn new(code: &str) -> Result<Self, CodeError> {
        if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) && code != "0000" {
            Ok(Self(code.to_owned()))
        } else {
            Err(CodeError::Municipality(code.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-digit county code the municipality code starts with.
    pub fn county(&self) -> &str {
        &self.0[..2]
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for MunicipalityCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MunicipalityCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(&s).map_err(serde::de::Error::custom)
    }
}

/// Any region a figure can belong to: `00` (Riket), a county (`01`…`25`), a municipality
/// (`0114`) or a named group of municipalities (`network`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode(String);

impl RegionCode {
    /// Sweden as a whole.
    pub const RIKET: &'static str = "00";
    /// The network as one region: sums over its members where a figure adds up.
    pub const NETWORK: &'static str = "network";
    /// The median of the network's members.
    pub const NETWORK_MEDIAN: &'static str = "network_median";

    /// [`Self::RIKET`] as a code (no parsing, no failure).
    pub fn riket() -> Self {
        Self(Self::RIKET.to_owned())
    }

    /// [`Self::NETWORK`] as a code.
    pub fn network() -> Self {
        Self(Self::NETWORK.to_owned())
    }

    /// [`Self::NETWORK_MEDIAN`] as a code.
    pub fn network_median() -> Self {
        Self(Self::NETWORK_MEDIAN.to_owned())
    }

    pub fn new(code: &str) -> Result<Self, CodeError> {
        let digits = code.bytes().all(|b| b.is_ascii_digit());
        let group = !code.is_empty()
            && code.len() <= 32
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
            && code.as_bytes()[0].is_ascii_lowercase();
        let ok = (digits && (code.len() == 2 || code.len() == 4) && code != "0000") || group;
        if ok {
            Ok(Self(code.to_owned()))
        } else {
            Err(CodeError::Region(code.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> crate::RegionLevel {
        use crate::RegionLevel;
        if self.0 == Self::RIKET {
            RegionLevel::Country
        } else if self.0.len() == 2 && self.0.bytes().all(|b| b.is_ascii_digit()) {
            RegionLevel::County
        } else if self.0.len() == 4 && self.0.bytes().all(|b| b.is_ascii_digit()) {
            RegionLevel::Municipality
        } else {
            RegionLevel::Group
        }
    }
}

impl From<MunicipalityCode> for RegionCode {
    fn from(m: MunicipalityCode) -> Self {
        Self(m.0)
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for RegionCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RegionLevel;

    #[test]
    fn municipality_codes_keep_leading_zero_and_reject_integers() {
        let c = MunicipalityCode::new("0114").unwrap();
        assert_eq!(c.as_str(), "0114");
        assert_eq!(c.county(), "01");
        assert!(MunicipalityCode::new("114").is_err());
        assert!(MunicipalityCode::new("01140").is_err());
        assert!(MunicipalityCode::new("01a4").is_err());
        assert!(MunicipalityCode::new("0000").is_err());
    }

    #[test]
    fn serde_goes_through_the_checking_constructor() {
        let c: MunicipalityCode = serde_json::from_str("\"2584\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"2584\"");
        assert!(serde_json::from_str::<MunicipalityCode>("2584").is_err());
        assert!(serde_json::from_str::<MunicipalityCode>("\"584\"").is_err());
        let err = serde_json::from_str::<RegionCode>("\"Network!\"").unwrap_err();
        assert!(err.to_string().contains("Network!"), "{err}");
    }

    #[test]
    fn region_levels() {
        let lvl = |s: &str| RegionCode::new(s).unwrap().level();
        assert_eq!(lvl("00"), RegionLevel::Country);
        assert_eq!(lvl("25"), RegionLevel::County);
        assert_eq!(lvl("2584"), RegionLevel::Municipality);
        assert_eq!(lvl("network"), RegionLevel::Group);
        // The constructors without parsing give what parsing gives.
        for (c, s) in [
            (RegionCode::riket(), "00"),
            (RegionCode::network(), "network"),
            (RegionCode::network_median(), "network_median"),
        ] {
            assert_eq!(Some(c), RegionCode::new(s).ok());
        }
        assert!(RegionCode::new("123").is_err());
        assert!(RegionCode::new("").is_err());
    }
}

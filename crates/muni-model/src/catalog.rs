//! The catalog: which indicators exist, what they mean, where they come from, and the regions.

use serde::{Deserialize, Serialize};

use crate::{IndicatorId, MunicipalityCode, RegionCode};

/// Bumped whenever the shape of `catalog.json` or an indicator file changes.
pub const SCHEMA_VERSION: u32 = 3;

/// A text in Swedish (the default) and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub sv: String,
    pub en: String,
}

impl Text {
    pub fn new(sv: &str, en: &str) -> Self {
        Self {
            sv: sv.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Sv => &self.sv,
            crate::Lang::En => &self.en,
        }
    }
}

/// The themes the network argues about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Employment,
    Procurement,
    Energy,
    Population,
    /// Skills and labour supply (kompetensförsörjning): education, employment and
    /// unemployment rates, students.
    Skills,
}

impl Theme {
    /// Every theme, in the order menus list them.
    pub const ALL: [Theme; 5] = [
        Theme::Employment,
        Theme::Skills,
        Theme::Procurement,
        Theme::Energy,
        Theme::Population,
    ];

    /// The theme's name as menus show it.
    pub fn name(self) -> Text {
        let t = Text::new;
        match self {
            Theme::Employment => t("Industrijobb", "Industry jobs"),
            Theme::Skills => t("Kompetens och arbetsmarknad", "Skills and labour market"),
            Theme::Procurement => t("Offentlig upphandling", "Public procurement"),
            Theme::Energy => t("Energi", "Energy"),
            Theme::Population => t("Befolkning", "Population"),
        }
    }
}

/// The unit of an indicator's values, by meaning, so that front-ends format by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Mwh,
    MwhPerInhabitant,
    Sek,
    SekPerInhabitant,
    Count,
    CountPer10000Inhabitants,
    Persons,
    PerThousandInhabitants,
    Percent,
}

impl Unit {
    /// The unit as written on a chart.
    pub fn label(self) -> Text {
        let t = Text::new;
        match self {
            Unit::Mwh => t("MWh", "MWh"),
            Unit::MwhPerInhabitant => t("MWh per invånare", "MWh per inhabitant"),
            Unit::Sek => t("kronor", "SEK"),
            Unit::SekPerInhabitant => t("kronor per invånare", "SEK per inhabitant"),
            Unit::Count => t("antal", "number"),
            Unit::CountPer10000Inhabitants => {
                t("antal per 10 000 invånare", "number per 10,000 inhabitants")
            }
            Unit::Persons => t("personer", "persons"),
            Unit::PerThousandInhabitants => t("per 1 000 invånare", "per 1,000 inhabitants"),
            Unit::Percent => t("procent", "per cent"),
        }
    }

    /// How many decimals a displayed value gets.
    pub fn decimals(self) -> usize {
        match self {
            Unit::Mwh | Unit::Sek | Unit::Count | Unit::Persons => 0,
            Unit::SekPerInhabitant => 0,
            Unit::MwhPerInhabitant
            | Unit::CountPer10000Inhabitants
            | Unit::PerThousandInhabitants
            | Unit::Percent => 1,
        }
    }
}

/// Where the figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Publisher and statistic, e.g. "SCB, Kommunal och regional energistatistik".
    pub name: Text,
    /// Table or dataset id, e.g. "EN0203AE (SlutAnvSektor)".
    pub table: String,
    pub url: String,
    pub licence: String,
    /// When the copy we built from was retrieved or exported (ISO date).
    pub retrieved: String,
}

/// Whether an indicator has figures yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    /// Figures are published in `file`.
    Available,
    /// Defined, but its source has no offline copy: run the fetcher to get figures.
    AwaitingFetch,
}

/// One indicator: what it means and where its figures are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorMeta {
    /// A slug such as `energy_final_use_industry_per_inhabitant`.
    pub id: IndicatorId,
    pub theme: Theme,
    pub title: Text,
    /// A one-line definition shown under the chart.
    pub definition: Text,
    pub unit: Unit,
    pub source: Source,
    pub status: IndicatorStatus,
    /// Years with at least one published value (empty while awaiting a fetch).
    pub years: Vec<u16>,
    /// Path of the indicator file relative to `catalog.json`, when available.
    pub file: Option<String>,
    /// Whether a higher value ranks first (rank 1 = highest).
    pub rank_descending: bool,
    /// Whether the network aggregate is a sum (additive counts) or only a median (ratios).
    pub additive: bool,
    /// A rate the source publishes per municipality (employment rate, share with a degree):
    /// it has no sum, no network ratio and no index; the network median is its only group
    /// figure, and Riket or counties only where the source gives them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rate: bool,
    /// Years that start a new series (a new source or method): values on either side are not
    /// strictly comparable. Charts mark them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<u16>,
    /// Another measure of the indicator named here (per inhabitant, a share): the same
    /// numerator over a denominator. Menus list the indicator under it, as one of its measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_of: Option<IndicatorId>,
}

/// What kind of region a code denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Country,
    County,
    Municipality,
    Group,
}

/// A named region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: RegionCode,
    pub name: String,
    pub level: RegionLevel,
    /// The county of a municipality.
    pub county: Option<RegionCode>,
}

/// A named group of municipalities, with the source of its membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: RegionCode,
    pub name: Text,
    pub members: Vec<MunicipalityCode>,
    pub source: Text,
}

/// `catalog.json`: the index the front-end loads first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema_version: u32,
    pub indicators: Vec<IndicatorMeta>,
    pub regions: Vec<Region>,
    pub groups: Vec<Group>,
    /// The first screen's sentence on industry jobs, when the figures are there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<Headline>,
    /// Which data this build shows (absent in catalogs built before versions existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_version: Option<DataVersion>,
}

/// Which data a build shows: a content hash of the normalised tables it was built from
/// (`data/normalised/`: every figure and every input of the rules), and the latest year with a
/// published figure. Two builds with the same id show the same figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataVersion {
    /// The hash's first 8 hex digits: what pages, file names and links (`dv=`) carry.
    pub id: String,
    /// SHA-256 over the normalised files, each as its name, its length and its bytes, in name
    /// order.
    pub sha256: String,
    /// The latest year with a published figure in any indicator.
    pub latest_year: u16,
    /// The day the newest source was retrieved (`YYYY-MM-DD`), once it is known (a fetch
    /// recorded one, or every source has a date); absent while an undated copy may be newer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
}

impl DataVersion {
    /// Whether `s` looks like a version id (8 lower-case hex digits), as a URL's `dv=` must.
    pub fn is_id(s: &str) -> bool {
        s.len() == 8
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    /// "Dataversion 1a2b3c4d (uppgifter till och med 2024)", with ", källor hämtade
    /// 2026-12-01" when the newest retrieval is known.
    pub fn label(&self, lang: crate::Lang) -> String {
        let retrieved = |words: &str| {
            self.retrieved
                .as_ref()
                .map(|d| format!(", {words} {d}"))
                .unwrap_or_default()
        };
        match lang {
            crate::Lang::Sv => format!(
                "Dataversion {} (uppgifter till och med {}{})",
                self.id,
                self.latest_year,
                retrieved("källor hämtade till och med")
            ),
            crate::Lang::En => format!(
                "Data version {} (figures up to {}{})",
                self.id,
                self.latest_year,
                retrieved("sources retrieved up to")
            ),
        }
    }
}

/// How many people work in industry in the network's municipalities and in Sweden in the
/// latest year with figures: the claim the network's own texts make ("600 000 personer är
/// direkt sysselsatta inom industrin"), stated from the data with its year and source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// The indicator the counts are from (employed in industry, persons).
    pub indicator: String,
    pub year: u16,
    /// The sum over the members with a published value that year.
    pub network: f64,
    /// Members with a published value, out of `members`.
    pub reported: u32,
    pub members: u32,
    /// Sweden: the sum over its municipalities, when every one has a value.
    pub country: Option<f64>,
}

impl Headline {
    /// One sentence with the figures, the year and the source, e.g. "2024 arbetade 100 246
    /// personer i industrin i nätverkets 24 kommuner, av 561 718 i hela Sverige (…)".
    pub fn sentence(&self, catalog: &Catalog, lang: crate::Lang) -> String {
        use crate::{Lang, format_number};
        let n = |v: f64| format_number(v, 0, lang);
        let where_ = if self.reported == self.members {
            match lang {
                Lang::Sv => format!("i nätverkets {} kommuner", self.members),
                Lang::En => format!("in the network's {} municipalities", self.members),
            }
        } else {
            match lang {
                Lang::Sv => format!(
                    "i de {} av nätverkets {} kommuner som har ett publicerat värde",
                    self.reported, self.members
                ),
                Lang::En => format!(
                    "in the {} of the network's {} municipalities with a published value",
                    self.reported, self.members
                ),
            }
        };
        let country = self.country.filter(|c| *c > 0.0);
        let mut s = match lang {
            Lang::Sv => format!(
                "{} arbetade {} personer i industrin (gruvor och tillverkning, SNI B+C) {where_}",
                self.year,
                n(self.network)
            ),
            Lang::En => format!(
                "In {}, {} people worked in industry (mining and manufacturing, SNI B+C) {where_}",
                self.year,
                n(self.network)
            ),
        };
        if let Some(c) = country {
            let share = format_number(100.0 * self.network / c, 1, lang);
            s.push_str(&match lang {
                Lang::Sv => format!(", av {} i hela Sverige ({share}\u{a0}%)", n(c)),
                Lang::En => format!(", of {} in all of Sweden ({share}\u{a0}%)", n(c)),
            });
        }
        s.push('.');
        if let Some(meta) = catalog.indicator(&self.indicator) {
            s.push(' ');
            s.push_str(&match lang {
                Lang::Sv => format!("Källa: {}.", meta.source.name.get(lang)),
                Lang::En => format!("Source: {}.", meta.source.name.get(lang)),
            });
        }
        s
    }
}

impl Catalog {
    pub fn indicator(&self, id: &str) -> Option<&IndicatorMeta> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code.as_str() == code)
    }

    /// The display name of a region or group in `lang`.
    pub fn region_name(&self, code: &str, lang: crate::Lang) -> String {
        use crate::Lang;
        match (code, lang) {
            (RegionCode::NETWORK_MEDIAN, Lang::Sv) => "Nätverkets median".into(),
            (RegionCode::NETWORK_MEDIAN, Lang::En) => "Network median".into(),
            (RegionCode::NETWORK, Lang::Sv) => "Nätverket (summa)".into(),
            (RegionCode::NETWORK, Lang::En) => "The network (total)".into(),
            (RegionCode::RIKET, Lang::En) => "Sweden".into(),
            _ => self
                .region(code)
                .map_or_else(|| code.to_owned(), |r| r.name.clone()),
        }
    }

    /// The municipalities of a group, in code order: the network's members, or a county's
    /// municipalities. The one expansion of a group the dashboard, the lazy module and the
    /// command line share.
    pub fn group_members(&self, group: crate::GroupId) -> Vec<MunicipalityCode> {
        match group.county_code() {
            None => self.network().to_vec(),
            Some(county) => {
                let mut out: Vec<MunicipalityCode> = self
                    .regions
                    .iter()
                    .filter(|r| r.county.as_ref().is_some_and(|c| c.as_str() == county))
                    .filter_map(|r| MunicipalityCode::new(r.code.as_str()).ok())
                    .collect();
                crate::sort::sort_by(&mut out, |a, b| a.cmp(b));
                out
            }
        }
    }

    /// The display name of a group: the network, or the county's name.
    pub fn group_name(&self, group: crate::GroupId, lang: crate::Lang) -> String {
        match group.county_code() {
            None => match lang {
                crate::Lang::Sv => "Nätverket".into(),
                crate::Lang::En => "The network".into(),
            },
            Some(code) => self
                .region(&code)
                .map_or_else(|| group.to_string(), |r| r.name.clone()),
        }
    }

    /// Members of the network, in code order.
    pub fn network(&self) -> &[MunicipalityCode] {
        self.groups
            .iter()
            .find(|g| g.id.as_str() == RegionCode::NETWORK)
            .map_or(&[], |g| g.members.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_label_says_the_retrieval_only_when_known() {
        let mut v = DataVersion {
            id: "0a1b2c3d".into(),
            sha256: String::new(),
            latest_year: 2024,
            retrieved: None,
        };
        assert_eq!(
            v.label(crate::Lang::Sv),
            "Dataversion 0a1b2c3d (uppgifter till och med 2024)"
        );
        v.retrieved = Some("2026-12-01".into());
        assert_eq!(
            v.label(crate::Lang::Sv),
            "Dataversion 0a1b2c3d (uppgifter till och med 2024, källor hämtade till och med 2026-12-01)"
        );
        assert_eq!(
            v.label(crate::Lang::En),
            "Data version 0a1b2c3d (figures up to 2024, sources retrieved up to 2026-12-01)"
        );
        let json = serde_json::to_string(&v).unwrap();
        let back: DataVersion = serde_json::from_str(&json).unwrap();
        assert_eq!(back.retrieved.as_deref(), Some("2026-12-01"));
        let old: DataVersion =
            serde_json::from_str(r#"{"id":"0a1b2c3d","sha256":"","latest_year":2024}"#).unwrap();
        assert_eq!(old.retrieved, None);
    }
}

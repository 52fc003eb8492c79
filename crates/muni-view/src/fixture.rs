//! SYNTHETIC catalogs and indicator files for tests, built in code: real municipality codes
//! and names, invented figures. The views' tests run on these, not on the committed
//! `public/data/` (which the product's own `fetch` rewrites); the real published figures are
//! checked once, in `muni-pipeline/tests/known_figures.rs`.
//!
//! ```ignore
//! let f = Synthetic::new()
//!     .indicator(Spec::new("x", Unit::Mwh).years(2019..=2020), &[("0382", &[v(1.0), C])]);
//! ```

use muni_model::{
    Catalog, Group, IndicatorFile, IndicatorMeta, IndicatorStatus, MunicipalityCode, Region,
    RegionCode, RegionLevel, Source, Status, Text, Theme, Unit,
};

/// One value of a synthetic series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum V {
    Ok(f64),
    /// A group value over the members that reported (the network median's).
    Incomplete(f64),
    Confidential,
    Missing,
}

/// A published value.
pub fn v(x: f64) -> V {
    V::Ok(x)
}
/// A withheld value (`..`).
pub const C: V = V::Confidential;
/// No value.
pub const M: V = V::Missing;

/// The network's members in the fixture (real codes).
pub const MEMBERS: [&str; 8] = [
    "0181", "0382", "0882", "1382", "1496", "2181", "2284", "2584",
];

/// The synthetic catalog's data version.
pub const SYNTHETIC_VERSION: &str = "5e5e5e5e";

/// Every municipality of the fixture: the members and six others.
pub const MUNICIPALITIES: [(&str, &str); 14] = [
    ("0117", "Österåker"),
    ("0180", "Stockholm"),
    ("0181", "Södertälje"),
    ("0183", "Sundbyberg"),
    ("0382", "Östhammar"),
    ("0882", "Oskarshamn"),
    ("1256", "Östra Göinge"),
    ("1382", "Falkenberg"),
    ("1496", "Skövde"),
    ("2181", "Sandviken"),
    ("2281", "Sundsvall"),
    ("2284", "Örnsköldsvik"),
    ("2380", "Östersund"),
    ("2584", "Kiruna"),
];

const COUNTIES: [(&str, &str); 10] = [
    ("01", "Stockholms län"),
    ("03", "Uppsala län"),
    ("08", "Kalmar län"),
    ("12", "Skåne län"),
    ("13", "Hallands län"),
    ("14", "Västra Götalands län"),
    ("21", "Gävleborgs län"),
    ("22", "Västernorrlands län"),
    ("23", "Jämtlands län"),
    ("25", "Norrbottens län"),
];

/// A series for each of the fixture's municipalities: `values(k, code)` for the `k`-th of
/// [`MUNICIPALITIES`].
pub fn per_municipality(values: impl Fn(usize, &str) -> Vec<V>) -> Vec<(String, Vec<V>)> {
    MUNICIPALITIES
        .iter()
        .enumerate()
        .map(|(k, (c, _))| ((*c).to_owned(), values(k, c)))
        .collect()
}

/// What an indicator is: its id, unit and years; the rest has test defaults.
#[derive(Debug, Clone)]
pub struct Spec {
    pub meta: IndicatorMeta,
}

impl Spec {
    /// An indicator `id` in `unit`, 2019–2020, higher values ranked first, a ratio (Riket
    /// shares its scale) unless [`Spec::additive`].
    pub fn new(id: &str, unit: Unit) -> Self {
        Spec {
            meta: IndicatorMeta {
                id: muni_model::IndicatorId::new(id).unwrap_or_else(|e| panic!("fixture: {e}")),
                theme: Theme::Energy,
                title: Text::new(&format!("SYNTETISK {id}"), &format!("SYNTHETIC {id}")),
                definition: Text::new("Syntetiska värden för test.", "Synthetic test values."),
                unit,
                source: Source {
                    name: Text::new("SYNTETISK", "SYNTHETIC"),
                    table: "T1".into(),
                    url: String::new(),
                    licence: "CC0 1.0".into(),
                    retrieved: "2026-01-01".into(),
                },
                status: IndicatorStatus::Available,
                years: vec![2019, 2020],
                file: Some(format!("indicators/{id}.json")),
                rank_descending: true,
                additive: false,
                rate: false,
                breaks: vec![],
                measure_of: None,
            },
        }
    }

    pub fn title(mut self, sv: &str, en: &str) -> Self {
        self.meta.title = Text::new(sv, en);
        self
    }

    pub fn theme(mut self, theme: Theme) -> Self {
        self.meta.theme = theme;
        self
    }

    pub fn years(mut self, years: std::ops::RangeInclusive<u16>) -> Self {
        self.meta.years = years.collect();
        self
    }

    /// A total (sums over regions make sense; Riket does not share the scale).
    pub fn additive(mut self) -> Self {
        self.meta.additive = true;
        self
    }

    /// A rate (never summed, never indexed, a focused axis).
    pub fn rate(mut self) -> Self {
        self.meta.rate = true;
        self
    }

    /// Rank 1 is the lowest value.
    pub fn ascending(mut self) -> Self {
        self.meta.rank_descending = false;
        self
    }
}

/// A synthetic catalog and its indicator files.
#[derive(Debug, Clone)]
pub struct Synthetic {
    pub catalog: Catalog,
    pub files: Vec<IndicatorFile>,
}

impl Default for Synthetic {
    fn default() -> Self {
        Self::new()
    }
}

impl Synthetic {
    /// The fourteen municipalities, their counties and Riket; the network of [`MEMBERS`]; no
    /// indicators yet.
    pub fn new() -> Self {
        Self::with(&MUNICIPALITIES, &MEMBERS)
    }

    /// Like [`Synthetic::new`] with other `municipalities` (code, name) and network `members`
    /// (the network median is computed over these).
    pub fn with(municipalities: &[(&str, &str)], members: &[&str]) -> Self {
        let code = |c: &str| RegionCode::new(c).expect("a fixture code");
        let mut regions = vec![Region {
            code: code(RegionCode::RIKET),
            name: "Riket".into(),
            level: RegionLevel::Country,
            county: None,
        }];
        let counties = COUNTIES
            .iter()
            .filter(|(c, _)| municipalities.iter().any(|(m, _)| m.starts_with(c)));
        regions.extend(counties.map(|(c, n)| Region {
            code: code(c),
            name: (*n).into(),
            level: RegionLevel::County,
            county: None,
        }));
        regions.extend(municipalities.iter().map(|(c, n)| Region {
            code: code(c),
            name: (*n).into(),
            level: RegionLevel::Municipality,
            county: Some(code(&c[..2])),
        }));
        let catalog = Catalog {
            schema_version: muni_model::SCHEMA_VERSION,
            indicators: vec![],
            regions,
            groups: vec![Group {
                id: code(RegionCode::NETWORK),
                name: Text::new("Nätverket (SYNTETISKT)", "The network (SYNTHETIC)"),
                members: members
                    .iter()
                    .map(|m| MunicipalityCode::new(m).expect("a member code"))
                    .collect(),
                source: Text::new("SYNTETISK", "SYNTHETIC"),
            }],
            headline: None,
            data_version: Some(muni_model::DataVersion {
                id: SYNTHETIC_VERSION.into(),
                sha256: "SYNTHETIC".into(),
                latest_year: 2020,
                retrieved: None,
            }),
        };
        Synthetic {
            catalog,
            files: vec![],
        }
    }

    /// Adds an indicator with the series `rows` (a region's code and one value a year). The
    /// network median is computed from the members' published values (`incomplete` when a
    /// member has none) unless `rows` gives it.
    pub fn indicator<C: AsRef<str>, R: AsRef<[V]>>(mut self, spec: Spec, rows: &[(C, R)]) -> Self {
        let meta = spec.meta;
        let n = meta.years.len();
        let members = self.catalog.network().to_vec();
        let mut series: Vec<(RegionCode, Vec<Option<f64>>, Vec<Status>)> = rows
            .iter()
            .map(|(c, vals)| {
                let (c, vals) = (c.as_ref(), vals.as_ref());
                assert_eq!(vals.len(), n, "{}: {c} needs {n} values", meta.id);
                let values = vals
                    .iter()
                    .map(|x| match x {
                        V::Ok(x) | V::Incomplete(x) => Some(*x),
                        _ => None,
                    })
                    .collect();
                let status = vals
                    .iter()
                    .map(|x| match x {
                        V::Ok(_) => Status::Ok,
                        V::Incomplete(_) => Status::Incomplete,
                        V::Confidential => Status::Confidential,
                        V::Missing => Status::Missing,
                    })
                    .collect();
                (RegionCode::new(c).expect("a fixture code"), values, status)
            })
            .collect();
        if !rows
            .iter()
            .any(|(c, _)| c.as_ref() == RegionCode::NETWORK_MEDIAN)
        {
            let (values, status) = (0..n)
                .map(|i| {
                    let mut xs: Vec<f64> = rows
                        .iter()
                        .filter(|(c, _)| members.iter().any(|m| m.as_str() == c.as_ref()))
                        .filter_map(|(_, vals)| match vals.as_ref()[i] {
                            V::Ok(x) => Some(x),
                            _ => None,
                        })
                        .collect();
                    muni_model::sort::sort_by(&mut xs, f64::total_cmp);
                    let median = match xs.len() {
                        0 => None,
                        k if k % 2 == 1 => Some(xs[k / 2]),
                        k => Some((xs[k / 2 - 1] + xs[k / 2]) / 2.0),
                    };
                    let status = match median {
                        None => Status::Missing,
                        Some(_) if xs.len() < members.len() => Status::Incomplete,
                        Some(_) => Status::Ok,
                    };
                    (median, status)
                })
                .unzip();
            series.push((
                RegionCode::new(RegionCode::NETWORK_MEDIAN).expect("the median's code"),
                values,
                status,
            ));
        }
        let file = IndicatorFile::new(
            meta.id.clone(),
            meta.years.clone(),
            meta.rank_descending,
            self.catalog.network().to_vec(),
            series,
        )
        .expect("a consistent fixture");
        self.catalog.indicators.push(meta);
        self.files.push(file);
        self
    }

    /// The indicator `id`'s description and file.
    pub fn get(&self, id: &str) -> (&IndicatorMeta, &IndicatorFile) {
        let meta = self
            .catalog
            .indicator(id)
            .unwrap_or_else(|| panic!("no indicator {id} in the fixture"));
        let file = self
            .files
            .iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no file {id} in the fixture"));
        (meta, file)
    }

    /// Every indicator with its file (as the profile reads them).
    pub fn all(&self) -> Vec<(IndicatorMeta, IndicatorFile)> {
        self.catalog
            .indicators
            .iter()
            .cloned()
            .zip(self.files.iter().cloned())
            .collect()
    }
}

//! What a fetch asks for: the themes, the endpoints, one request per call, and where its raw
//! answer is cached.

use super::*;

/// What a fetch can bring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Theme {
    Employment,
    Energy,
    Population,
    Procurement,
    Kolada,
}

impl Theme {
    pub const ALL: [Theme; 5] = [
        Theme::Employment,
        Theme::Energy,
        Theme::Population,
        Theme::Procurement,
        Theme::Kolada,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Theme::Employment => "employment",
            Theme::Energy => "energy",
            Theme::Population => "population",
            Theme::Procurement => "procurement",
            Theme::Kolada => "kolada",
        }
    }

    pub fn parse(s: &str) -> Result<Theme, String> {
        Theme::ALL
            .into_iter()
            .find(|t| t.name() == s.trim())
            .ok_or_else(|| {
                format!(
                    "--only {s:?}: say one or more of employment, energy, population, procurement, kolada"
                )
            })
    }

    /// The SCB tables of a theme.
    pub fn tables(self) -> &'static [scb::Table] {
        match self {
            Theme::Employment => &scb::EMPLOYMENT_TABLES,
            Theme::Energy => &scb::ENERGY_TABLES,
            Theme::Population => &scb::POPULATION_TABLES,
            _ => &[],
        }
    }

    /// The fact file a theme's SCB figures go to.
    pub(super) fn file(self) -> &'static str {
        match self {
            Theme::Employment => "employment.csv",
            Theme::Energy => "energy.csv",
            _ => "population.csv",
        }
    }
}

/// Where each API lives.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub scb_v2: String,
    pub scb_v1: String,
    pub kolada: String,
    pub rowstore: String,
}

impl Endpoints {
    pub fn live() -> Endpoints {
        Endpoints {
            scb_v2: SCB_V2.into(),
            scb_v1: SCB_V1.into(),
            kolada: kolada::KOLADA.into(),
            rowstore: rowstore::ROWSTORE.into(),
        }
    }

    /// Every API under one server, with the live paths (a mirror, or a test's replay server).
    pub fn under(base: &str) -> Endpoints {
        let base = base.trim_end_matches('/');
        Endpoints {
            scb_v2: format!("{base}/api/v2"),
            scb_v1: format!("{base}/OV0104/v1/doris"),
            kolada: format!("{base}/v3"),
            rowstore: format!("{base}/rowstore/dataset"),
        }
    }
}

/// One request: where, what, and the years its answer may supply.
#[derive(Debug, Clone)]
pub struct Request {
    pub theme: Theme,
    pub label: String,
    /// Start of the cache file's name (table or dataset).
    pub cache_prefix: String,
    pub url: String,
    /// A POST body; `None` for a GET.
    pub body: Option<serde_json::Value>,
    pub years: (u16, u16),
    /// Upper bound of the values asked for (SCB allows 100,000 a call).
    pub values: usize,
}

impl Request {
    /// The variables a request selects with their number of codes, in the order sent:
    /// `[("Region", 290), ("SNI2007", 6), …]` (none for a GET).
    pub fn variables(&self) -> Vec<(String, usize)> {
        let Some(body) = &self.body else {
            return Vec::new();
        };
        let v2 = body["selection"].as_array().map(|s| {
            s.iter()
                .map(|x| {
                    (
                        x["variableCode"].as_str().unwrap_or("?").to_owned(),
                        x["valueCodes"].as_array().map_or(0, Vec::len),
                    )
                })
                .collect::<Vec<_>>()
        });
        let v1 = || {
            body["query"].as_array().map(|s| {
                s.iter()
                    .map(|x| {
                        (
                            x["code"].as_str().unwrap_or("?").to_owned(),
                            x["selection"]["values"].as_array().map_or(0, Vec::len),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        };
        v2.or_else(v1).unwrap_or_default()
    }

    /// One line for a reviewer: table or dataset, what, the variables and the size.
    /// `TAB3204 · BAS ArRegArbStDoN 2021–2022 · Region 290 × SNI2007 6 × … = 6960 values`
    pub fn describe(&self) -> String {
        let vars = self.variables();
        let mut s = format!("{} · {}", self.cache_prefix, self.label);
        if !vars.is_empty() {
            let list: Vec<String> = vars.iter().map(|(v, n)| format!("{v} {n}")).collect();
            s.push_str(&format!(" · {} = {} values", list.join(" × "), self.values));
        } else if self.values > 0 {
            s.push_str(&format!(" · up to {} rows", self.values));
        }
        s
    }
}

/// The cache file of a request under `raw`: its prefix and a hash of URL and body.
pub fn cache_path(raw: &Path, r: &Request) -> PathBuf {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let body = r.body.as_ref().map(|b| b.to_string()).unwrap_or_default();
    for b in r.url.bytes().chain(body.into_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    raw.join(format!("{}_{h:016x}.json", r.cache_prefix))
}

/// Progress of a fetch, for a progress bar (the command line) or nothing (tests).
pub trait Progress {
    /// A theme starts with `total` known requests (more may follow: pages).
    fn start(&self, _theme: &str, _total: usize) {}
    /// One request answered, from the network or the cache.
    fn step(&self, _label: &str, _from_cache: bool) {}
    /// More requests than first known (the pages of a dataset).
    fn grow(&self, _by: usize) {}
    fn finish(&self) {}
}

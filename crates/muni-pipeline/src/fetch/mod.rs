//! `fetch`: brings the live figures from SCB (employment by industry, energy, population),
//! Upphandlingsmyndigheten's RowStore (procurement) and, as a cross-check, Kolada; caches every
//! raw answer under `data/raw/` with its URL, query and retrieval time; normalises into the
//! tidy tables of `data/normalised/` and rebuilds `public/data/`.
//!
//! Nothing in `data/normalised/` or `public/data/` changes unless every request, every check
//! and the rebuild succeeded: the new tables are written to a staging copy, built from there,
//! and only then swapped into place.
//!
//! Fetched figures replace the embedded ones for the same region, year and variable (for
//! procurement: the same year); everything else is kept.

pub mod error;
pub mod http;
pub mod jsonstat;
pub mod kolada;
pub mod normalise;
pub mod rowstore;
pub mod scb;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::json;

pub use error::FetchError;
use jsonstat::{Cube, Dimension};
pub use normalise::Fact;
pub use scb::{Api, SCB_V1, SCB_V2};

use crate::import::procurement::{self, Buyer, Notice};

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
    fn file(self) -> &'static str {
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

/// No progress shown.
pub struct Silent;
impl Progress for Silent {}

/// How a fetch runs.
pub struct Options {
    pub endpoints: Endpoints,
    pub api: Api,
    pub data: PathBuf,
    pub out: PathBuf,
    pub only: Vec<Theme>,
    pub since: u16,
    pub until: u16,
    pub politeness: http::Politeness,
    /// Use cached answers when present (resume); otherwise download everything again. Table
    /// metadata is always asked afresh: it says which years exist.
    pub use_cache: bool,
    pub progress: Box<dyn Progress>,
}

/// What a theme brought.
#[derive(Debug, Clone)]
pub struct ThemeReport {
    pub theme: Theme,
    pub requests: usize,
    pub from_cache: usize,
    /// Facts (SCB), notices (procurement) or figures compared (Kolada).
    pub rows: usize,
    pub years: Option<(u16, u16)>,
    /// Procurement: notices whose buyer the dataset does not name (`Uppgift saknas`), kept and
    /// never attributed to a municipality.
    pub unknown_buyers: usize,
}

#[derive(Debug)]
pub struct Report {
    pub themes: Vec<ThemeReport>,
    /// Retries and waits.
    pub log: Vec<String>,
    /// Kolada's cross-check: agreements and differences.
    pub cross_check: Option<kolada::Comparison>,
}

impl Report {
    pub fn theme(&self, t: Theme) -> Option<&ThemeReport> {
        self.themes.iter().find(|r| r.theme == t)
    }
}

/// The municipality codes to ask for, and every code an answer may name (municipalities,
/// counties, `00`), from `data/normalised/regions.csv`.
pub fn municipalities(data: &Path) -> Result<(Vec<String>, BTreeSet<String>), String> {
    let rows = region_rows(data)?;
    let munis = rows
        .iter()
        .filter(|r| r.level == "municipality")
        .map(|r| r.code.clone())
        .collect();
    Ok((munis, rows.into_iter().map(|r| r.code).collect()))
}

fn region_rows(data: &Path) -> Result<Vec<crate::publish::RegionRow>, String> {
    crate::read_csv_rows(&data.join("normalised/regions.csv")).map_err(|e| e.to_string())
}

/// The requests a fetch would make (after reading each SCB table's metadata, which says which
/// years exist), for `--dry-run`. Datasets read in pages list their first page.
pub fn plan(o: &Options) -> Result<Vec<Request>, FetchError> {
    let mut f = Fetcher::new(o)?;
    let mut out = Vec::new();
    for theme in o.only.iter().copied() {
        match theme {
            Theme::Procurement => {
                for d in &rowstore::DATASETS {
                    out.push(f.page_request(d, 0));
                }
            }
            Theme::Kolada => out.extend(f.kolada_requests()?),
            _ => {
                for t in theme.tables() {
                    out.extend(f.plan_table(t)?);
                }
            }
        }
    }
    Ok(out)
}

/// Downloads (or reads from the cache), checks and normalises every answer, rebuilds from a
/// staging copy and only then replaces `data/normalised/` and `public/data/`.
pub fn run(o: &Options) -> Result<Report, FetchError> {
    let mut f = Fetcher::new(o)?;
    let mut facts: BTreeMap<&'static str, Vec<Fact>> = BTreeMap::new();
    let mut procurement_rows: Vec<(rowstore::Dataset, Vec<Notice>, Vec<Buyer>)> = Vec::new();
    let mut themes = Vec::new();
    for theme in o.only.iter().copied().filter(|t| *t != Theme::Kolada) {
        let before = (f.requests, f.from_cache);
        let mut unknown_buyers = 0;
        let (rows, years) = if theme == Theme::Procurement {
            let mut n = 0;
            let mut years = BTreeSet::new();
            for d in rowstore::DATASETS {
                let (notices, buyers) = f.dataset(&d)?;
                n += notices.len();
                if d.measure == procurement::Measure::Count {
                    unknown_buyers += notices
                        .iter()
                        .filter(|x| x.buyer_org_nr == procurement::UNKNOWN)
                        .count();
                }
                years.extend(notices.iter().map(|x| x.year));
                procurement_rows.push((d, notices, buyers));
            }
            if n == 0 {
                return Err(FetchError::Local(format!(
                    "procurement: no notices for {}–{} in the datasets",
                    o.since, o.until
                )));
            }
            (n, span(years))
        } else {
            let got = f.scb_theme(theme)?;
            if got.is_empty() {
                return Err(FetchError::Local(format!(
                    "{}: the tables have no years within {}–{}",
                    theme.name(),
                    o.since,
                    o.until
                )));
            }
            let n = got.len();
            let years = span(got.iter().map(|x| x.year));
            facts.entry(theme.file()).or_default().extend(got);
            (n, years)
        };
        o.progress.finish();
        themes.push(ThemeReport {
            theme,
            requests: f.requests - before.0,
            from_cache: f.from_cache - before.1,
            rows,
            years,
            unknown_buyers,
        });
    }

    // Stage: a copy of data/normalised with the merged tables.
    let stage = std::env::temp_dir().join(format!(
        "industrikommuner-fetch-{}-{}",
        std::process::id(),
        f.seq()
    ));
    let _ = std::fs::remove_dir_all(&stage);
    let result = (|| -> Result<Option<kolada::Comparison>, FetchError> {
        let staged = stage.join("normalised");
        copy_dir(&o.data.join("normalised"), &staged)?;
        for (file, new) in &facts {
            merge_facts(&staged.join(file), new)?;
        }
        if !procurement_rows.is_empty() {
            merge_procurement(o, &staged, &procurement_rows)?;
        }
        let mut cross_check = None;
        if o.only.contains(&Theme::Kolada) {
            let before = (f.requests, f.from_cache);
            let compared = f.kolada_titles()?;
            let (values, years) = f.kolada()?;
            let ours = read_facts(&staged)?;
            let mut c = kolada::compare(&values, &ours);
            c.compared = compared;
            o.progress.finish();
            themes.push(ThemeReport {
                theme: Theme::Kolada,
                requests: f.requests - before.0,
                from_cache: f.from_cache - before.1,
                rows: values.len(),
                years,
                unknown_buyers: 0,
            });
            cross_check = Some(c);
        }
        if !facts.is_empty() || !procurement_rows.is_empty() {
            crate::build(&stage, &o.out)
                .map_err(|e| format!("the rebuild failed, nothing changed: {e}"))?;
            crate::fsutil::replace_dir(&o.data.join("normalised"), |dir| {
                copy_dir(&staged, dir).map_err(crate::PipelineError::Check)
            })
            .map_err(|e| e.to_string())?;
        }
        Ok(cross_check)
    })();
    let _ = std::fs::remove_dir_all(&stage);
    let cross_check = result?;
    Ok(Report {
        themes,
        log: std::mem::take(&mut f.log),
        cross_check,
    })
}

/// A real recorded answer of the services (`tests/fixtures/api-examples/`, see its
/// PROVENANCE), for the parsers' tests.
#[cfg(test)]
pub(crate) fn recorded(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/api-examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A table's name in errors: `BAS ArRegArbStDoN (TAB3204)`.
fn table_name(t: &scb::Table) -> String {
    format!("{} ({})", t.name, t.id)
}

/// A request's source in errors: its label and its table or dataset.
fn source(r: &Request) -> String {
    format!("{} ({})", r.label, r.cache_prefix)
}

fn span(years: impl IntoIterator<Item = u16>) -> Option<(u16, u16)> {
    let y: BTreeSet<u16> = years.into_iter().collect();
    Some((*y.first()?, *y.last()?))
}

/// The clients, the cache and the counters of one fetch.
struct Fetcher<'a> {
    o: &'a Options,
    scb: http::Client,
    other: http::Client,
    raw: PathBuf,
    munis: Vec<String>,
    known: BTreeSet<String>,
    /// Each SCB table's metadata, by table id (labels for answers that carry codes only).
    meta: BTreeMap<&'static str, Vec<Dimension>>,
    requests: usize,
    from_cache: usize,
    log: Vec<String>,
}

impl<'a> Fetcher<'a> {
    fn new(o: &'a Options) -> Result<Fetcher<'a>, FetchError> {
        let (munis, known) = municipalities(&o.data)?;
        let raw = o.data.join("raw");
        std::fs::create_dir_all(&raw).map_err(|e| format!("{}: {e}", raw.display()))?;
        Ok(Fetcher {
            o,
            scb: http::Client::new(o.politeness.clone())?,
            other: http::Client::new(o.politeness.clone())?,
            raw,
            munis,
            known,
            meta: BTreeMap::new(),
            requests: 0,
            from_cache: 0,
            log: Vec::new(),
        })
    }

    fn seq(&self) -> u128 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    }

    /// The answer to `r`: from the cache when allowed, else from the network, checked by
    /// `check` before it is cached (a broken answer is never kept). Returns the body and the
    /// cache file (which names the answer in errors).
    fn answer(
        &mut self,
        r: &Request,
        scb: bool,
        check: impl Fn(&[u8], &str) -> Result<(), String>,
    ) -> Result<(Vec<u8>, String), FetchError> {
        let path = cache_path(&self.raw, r);
        let what = format!("{} ({})", r.url, path.display());
        self.requests += 1;
        if self.o.use_cache
            && let Ok(b) = std::fs::read(&path)
        {
            self.from_cache += 1;
            self.o.progress.step(&r.label, true);
            return Ok((b, what));
        }
        let client = if scb { &mut self.scb } else { &mut self.other };
        let sent = client.send(&r.url, r.body.as_ref());
        self.log.append(&mut client.log);
        let b = sent.map_err(|e| e.into_fetch(&source(r), &r.url))?;
        check(&b, &what).map_err(|e| FetchError::answer(source(r), &r.url, e))?;
        let meta = json!({
            "url": r.url, "query": r.body, "label": r.label,
            "retrieved": retrieved_now(),
        });
        crate::fsutil::write_atomic(&path, &b).map_err(|e| e.to_string())?;
        crate::fsutil::write_atomic(
            &path.with_extension("meta.json"),
            meta.to_string().as_bytes(),
        )
        .map_err(|e| e.to_string())?;
        self.o.progress.step(&r.label, false);
        Ok((b, what))
    }

    /// A table's metadata, always asked afresh.
    fn metadata(&mut self, t: &scb::Table) -> Result<Vec<Dimension>, FetchError> {
        let base = self.scb_base().to_owned();
        let url = scb::metadata_url(self.o.api, &base, t);
        let name = table_name(t);
        let sent = self.scb.send(&url, None);
        self.log.append(&mut self.scb.log);
        let b = sent.map_err(|e| e.into_fetch(&name, &url))?;
        Cube::parse_metadata(&b, &url).map_err(|e| FetchError::answer(name, &url, e))
    }

    fn scb_base(&self) -> &str {
        match self.o.api {
            Api::V1 => &self.o.endpoints.scb_v1,
            Api::V2 => &self.o.endpoints.scb_v2,
        }
    }

    fn plan_table(&mut self, t: &scb::Table) -> Result<Vec<Request>, FetchError> {
        let meta = self.metadata(t)?;
        self.meta.insert(t.id, meta.clone());
        let regions: Vec<String> = if t.all_regions {
            self.known.iter().cloned().collect()
        } else {
            self.munis.clone()
        };
        let base = self.scb_base().to_owned();
        // A preliminary table supplies only the years its final table does not have yet.
        let mut since = self.o.since;
        if let Some(final_id) = t.after {
            let last = self
                .meta
                .get(final_id)
                .and_then(|m| m.iter().find(|d| d.id == "Tid"))
                .and_then(|d| d.codes.iter().filter_map(|c| c.parse::<u16>().ok()).max());
            if let Some(last) = last {
                since = since.max(last + 1);
            }
        }
        scb::plan_table(self.o.api, &base, t, &meta, &regions, since, self.o.until).map_err(|e| {
            FetchError::answer(table_name(t), scb::metadata_url(self.o.api, &base, t), e)
        })
    }

    /// Every table of a theme: metadata, requests, answers, facts.
    fn scb_theme(&mut self, theme: Theme) -> Result<Vec<Fact>, FetchError> {
        let mut requests = Vec::new();
        for t in theme.tables() {
            requests.extend(self.plan_table(t)?);
        }
        self.o.progress.start(theme.name(), requests.len());
        let mut facts = Vec::new();
        for r in &requests {
            let (body, what) =
                self.answer(r, true, |b, what| Cube::parse_answer(b, what).map(|_| ()))?;
            let not_understood = |e: String| FetchError::answer(source(r), &r.url, e);
            let mut cube = Cube::parse_answer(&body, &what).map_err(not_understood)?;
            if let Some(meta) = self.meta.get(r.cache_prefix.as_str()) {
                cube.relabel(meta);
            }
            check_shape(&cube, r, &what).map_err(not_understood)?;
            facts.extend(
                match theme {
                    Theme::Employment => normalise::employment(&cube, &what, r.years, &self.known),
                    Theme::Energy => normalise::energy(&cube, &what, r.years, &self.known),
                    _ => normalise::population(&cube, &what, r.years, &self.known),
                }
                .map_err(not_understood)?,
            );
        }
        Ok(facts)
    }

    fn page_request(&self, d: &rowstore::Dataset, offset: usize) -> Request {
        Request {
            theme: Theme::Procurement,
            label: format!("{} rad {}–", d.name, offset + 1),
            cache_prefix: format!("rowstore-{}", &d.id[..8]),
            url: rowstore::page_url(&self.o.endpoints.rowstore, d, offset),
            body: None,
            years: (self.o.since, self.o.until),
            values: rowstore::PAGE,
        }
    }

    /// A RowStore dataset, every page, as notices of the years asked for and their buyers.
    fn dataset(&mut self, d: &rowstore::Dataset) -> Result<(Vec<Notice>, Vec<Buyer>), FetchError> {
        let name = format!("RowStore {} ({})", d.name, d.id);
        let mut rows = Vec::new();
        let mut count: Option<usize> = None;
        self.o.progress.start(Theme::Procurement.name(), 1);
        loop {
            let r = self.page_request(d, rows.len());
            let (body, what) = self.answer(&r, false, |b, what| {
                rowstore::parse_page(b, what).map(|_| ())
            })?;
            let not_understood = |e: String| FetchError::answer(&name, &r.url, e);
            let page = rowstore::parse_page(&body, &what).map_err(not_understood)?;
            match count {
                None => {
                    count = Some(page.count);
                    self.o
                        .progress
                        .grow(page.count.div_ceil(rowstore::PAGE).saturating_sub(1));
                }
                Some(c) if c != page.count => {
                    return Err(not_understood(format!(
                        "{what}: the dataset changed while it was read ({c} rows, now {}); run the fetch again with --refresh",
                        page.count
                    )));
                }
                Some(_) => {}
            }
            let total = count.unwrap_or(0);
            if page.rows.is_empty() && rows.len() < total {
                return Err(not_understood(format!(
                    "{what}: an empty page at row {}, but the dataset has {total} rows",
                    rows.len()
                )));
            }
            rows.extend(page.rows);
            if rows.len() >= total {
                if rows.len() > total {
                    return Err(not_understood(format!(
                        "{what}: {} rows, but the dataset says it has {total}",
                        rows.len()
                    )));
                }
                break;
            }
        }
        let what = format!(
            "{}/{} ({} rows)",
            self.o.endpoints.rowstore,
            d.id,
            rows.len()
        );
        let url = rowstore::page_url(&self.o.endpoints.rowstore, d, 0);
        let sheet =
            rowstore::to_sheet(&rows, &what).map_err(|e| FetchError::answer(&name, &url, e))?;
        let (notices, buyers) = procurement::notices_from_rows(Path::new(&what), &sheet, d.measure)
            .map_err(|e| FetchError::answer(&name, &url, e.to_string()))?;
        let notices: Vec<Notice> = notices
            .into_iter()
            .filter(|n| (self.o.since..=self.o.until).contains(&n.year))
            .collect();
        Ok((notices, buyers))
    }

    fn kolada_years(&self) -> Vec<u16> {
        let until = self.o.until;
        (until.saturating_sub(4).max(self.o.since)..=until).collect()
    }

    /// The first page of each group of at most 25 members.
    fn kolada_requests(&self) -> Result<Vec<Request>, FetchError> {
        let years = self.kolada_years();
        Ok(network_members(&self.o.data)?
            .chunks(kolada::MAX_IDS)
            .map(|chunk| {
                self.kolada_page(
                    kolada::first_url(&self.o.endpoints.kolada, chunk, &years),
                    1,
                )
            })
            .collect())
    }

    fn kolada_page(&self, url: String, page: usize) -> Request {
        Request {
            theme: Theme::Kolada,
            label: format!("Kolada sida {page}"),
            cache_prefix: "kolada".into(),
            url,
            body: None,
            years: (self.o.since, self.o.until),
            values: 0,
        }
    }

    /// Kolada's title of every KPI compared, checked to be what the cross-check means.
    fn kolada_titles(&mut self) -> Result<Vec<String>, FetchError> {
        let mut out = Vec::new();
        for k in &kolada::KPIS {
            let r = Request {
                label: format!("Kolada {}", k.id),
                cache_prefix: "kolada-kpi".into(),
                ..self.kolada_page(kolada::kpi_url(&self.o.endpoints.kolada, k.id), 0)
            };
            let (body, what) =
                self.answer(&r, false, |b, w| kolada::parse_kpi(b, k.id, w).map(|_| ()))?;
            let title = kolada::parse_kpi(&body, k.id, &what)
                .and_then(|t| kolada::check_title(k, &t).map(|()| t))
                .map_err(|e| FetchError::answer("Kolada", &r.url, e))?;
            out.push(format!("{} {title:?} with {}", k.id, k.compared_with));
        }
        Ok(out)
    }

    /// Kolada's figures for the network, every page.
    fn kolada(&mut self) -> Result<(kolada::Values, Option<(u16, u16)>), FetchError> {
        let firsts = self.kolada_requests()?;
        self.o
            .progress
            .start(Theme::Kolada.name(), firsts.len() + kolada::KPIS.len());
        let mut all = kolada::Values::new();
        for first in firsts {
            let mut next = Some(first);
            let mut pages = 0;
            while let Some(r) = next.take() {
                if !r.url.starts_with(&self.o.endpoints.kolada) {
                    return Err(FetchError::answer(
                        "Kolada",
                        &r.url,
                        format!(
                            "next page {:?} is not under {}",
                            r.url, self.o.endpoints.kolada
                        ),
                    ));
                }
                pages += 1;
                if pages > 1000 {
                    return Err(FetchError::answer("Kolada", &r.url, "more than 1000 pages"));
                }
                let (body, what) =
                    self.answer(&r, false, |b, w| kolada::parse_page(b, w).map(|_| ()))?;
                let (values, n) = kolada::parse_page(&body, &what)
                    .map_err(|e| FetchError::answer("Kolada", &r.url, e))?;
                all.extend(values);
                if let Some(url) = n {
                    self.o.progress.grow(1);
                    next = Some(self.kolada_page(url, pages + 1));
                }
            }
        }
        let years = span(all.keys().map(|k| k.2));
        Ok((all, years))
    }
}

fn network_members(data: &Path) -> Result<Vec<String>, String> {
    #[derive(serde::Deserialize)]
    struct Member {
        code: String,
    }
    let rows: Vec<Member> = crate::read_csv_rows(&data.join("normalised/network_members.csv"))
        .map_err(|e| e.to_string())?;
    Ok(rows.into_iter().map(|m| m.code).collect())
}

/// The answer has the regions and years asked for ("sizes match the metadata").
fn check_shape(cube: &Cube, r: &Request, what: &str) -> Result<(), String> {
    let asked_for = r.variables();
    let asked = |dim: &str| asked_for.iter().find(|(v, _)| v == dim).map(|(_, n)| *n);
    for dim in ["Region", "Tid"] {
        let (Some(want), Some(d)) = (asked(dim), cube.dimension(dim)) else {
            continue;
        };
        let got = cube.dimensions[d].codes.len();
        if got != want {
            return Err(format!(
                "{what}: the answer has {got} categories of {dim}, {want} were asked for"
            ));
        }
    }
    Ok(())
}

const FACT_HEADER: [&str; 5] = ["region_code", "year", "variable", "value", "status"];

/// Writes `new` into the fact file at `path`, replacing rows of the same region, year and
/// variable, keeping the others; sorted as `import` sorts (variable, region, year).
fn merge_facts(path: &Path, new: &[Fact]) -> Result<(), String> {
    let mut rows: BTreeMap<(String, String, u16), [String; 2]> = BTreeMap::new();
    if path.exists() {
        let mut r = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (i, rec) in r.records().enumerate() {
            let rec = rec.map_err(|e| format!("{}:{}: {e}", path.display(), i + 2))?;
            let year: u16 = rec[1]
                .parse()
                .map_err(|_| format!("{}:{}: year {:?}", path.display(), i + 2, &rec[1]))?;
            rows.insert(
                (rec[2].to_owned(), rec[0].to_owned(), year),
                [rec[3].to_owned(), rec[4].to_owned()],
            );
        }
    }
    for f in new {
        rows.insert(
            (f.variable.clone(), f.region.clone(), f.year),
            [
                f.value.map(|v| format!("{v}")).unwrap_or_default(),
                f.status.to_owned(),
            ],
        );
    }
    crate::fsutil::write_csv(
        path,
        &FACT_HEADER,
        rows.into_iter()
            .map(|((var, region, year), [v, s])| vec![region, year.to_string(), var, v, s]),
    )
    .map_err(|e| e.to_string())
}

/// Every fact of the staged tables: (region, year, variable) → value.
fn read_facts(dir: &Path) -> Result<BTreeMap<(String, u16, String), f64>, String> {
    let mut out = BTreeMap::new();
    for file in ["population.csv", "energy.csv", "employment.csv"] {
        let path = dir.join(file);
        if !path.exists() {
            continue;
        }
        let mut r =
            csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for rec in r.records() {
            let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
            if let (Ok(y), Ok(v)) = (rec[1].parse::<u16>(), rec[3].parse::<f64>()) {
                out.insert((rec[0].to_owned(), y, rec[2].to_owned()), v);
            }
        }
    }
    Ok(out)
}

/// Replaces the fetched years in the notice and value files, adds buyers first seen (and
/// attributes them by the reviewed mapping and the name rule).
fn merge_procurement(
    o: &Options,
    staged: &Path,
    fetched: &[(rowstore::Dataset, Vec<Notice>, Vec<Buyer>)],
) -> Result<(), String> {
    let buyers_path = staged.join("procurement_buyers.csv");
    let mut r = csv::Reader::from_path(&buyers_path)
        .map_err(|e| format!("{}: {e}", buyers_path.display()))?;
    let mut buyers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", buyers_path.display()))?;
        buyers.insert(rec[0].to_owned(), rec.iter().map(str::to_owned).collect());
    }
    let mut new: BTreeMap<String, Buyer> = BTreeMap::new();
    for (_, _, bs) in fetched {
        for b in bs {
            if !buyers.contains_key(&b.org_nr) {
                new.entry(b.org_nr.clone()).or_insert_with(|| b.clone());
            }
        }
    }
    let mut new: Vec<Buyer> = new.into_values().collect();
    let mapping_path = o.data.join("buyer_attribution.csv");
    let regions = regions_for_names(&o.data)?;
    let mapping = if mapping_path.exists() {
        procurement::read_mapping(&mapping_path, &regions).map_err(|e| e.to_string())?
    } else {
        Vec::new()
    };
    procurement::attribute_new(&mut new, &mapping, &mapping_path, &regions)
        .map_err(|e| e.to_string())?;
    for b in &new {
        buyers.insert(b.org_nr.clone(), procurement::buyer_record(b));
    }
    crate::fsutil::write_csv(
        &buyers_path,
        procurement::BUYER_HEADER,
        buyers.into_values(),
    )
    .map_err(|e| e.to_string())?;

    for (d, notices, _) in fetched {
        let path = staged.join(d.file);
        let with_value = d.measure == procurement::Measure::Value;
        let years: BTreeSet<String> = notices.iter().map(|n| n.year.to_string()).collect();
        let mut r =
            csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let header: Vec<String> = r
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .iter()
            .map(str::to_owned)
            .collect();
        let mut rows: Vec<Vec<String>> = Vec::new();
        for rec in r.records() {
            let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
            if !years.contains(&rec[1]) {
                rows.push(rec.iter().map(str::to_owned).collect());
            }
        }
        rows.extend(
            notices
                .iter()
                .map(|n| procurement::notice_record(n, with_value)),
        );
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        crate::fsutil::write_csv(&path, &header, rows).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The code list as the name rule needs it, from `regions.csv`.
fn regions_for_names(data: &Path) -> Result<crate::import::regions::Regions, String> {
    use crate::import::regions::{RegionRow, Regions};
    let mut out = Regions::default();
    for r in region_rows(data)? {
        let level = match r.level.as_str() {
            "country" => muni_model::RegionLevel::Country,
            "county" => muni_model::RegionLevel::County,
            _ => muni_model::RegionLevel::Municipality,
        };
        out.by_code.insert(
            r.code.clone(),
            RegionRow {
                code: r.code,
                name: r.name,
                level,
                county: (!r.county_code.is_empty()).then_some(r.county_code),
            },
        );
    }
    Ok(out)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let e = e.map_err(|e| e.to_string())?;
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name()))
                .map_err(|x| format!("{}: {x}", e.path().display()))?;
        }
    }
    Ok(())
}

/// The retrieval time for the cache's metadata (seconds since 1970, UTC).
fn retrieved_now() -> String {
    let s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("unix:{s}")
}

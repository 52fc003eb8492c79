//! One fetch at work: the clients, the cache, the metadata asked afresh, each theme's requests
//! and their answers normalised into facts.

use super::*;

/// The clients, the cache and the counters of one fetch.
pub(super) struct Fetcher<'a> {
    pub(super) o: &'a Options,
    pub(super) scb: http::Client,
    pub(super) other: http::Client,
    pub(super) raw: PathBuf,
    pub(super) munis: Vec<String>,
    pub(super) known: BTreeSet<String>,
    /// Each SCB table's metadata, by table id (labels for answers that carry codes only).
    pub(super) meta: BTreeMap<&'static str, Vec<Dimension>>,
    pub(super) requests: usize,
    pub(super) from_cache: usize,
    pub(super) log: Vec<String>,
    /// The retrieval time (seconds since 1970) of the newest answer used since the last
    /// `take_newest`: now for a download, the cache's record for a cached answer.
    pub(super) newest: Option<u64>,
}

impl<'a> Fetcher<'a> {
    pub(super) fn new(o: &'a Options) -> Result<Fetcher<'a>, FetchError> {
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
            newest: None,
        })
    }

    pub(super) fn seq(&self) -> u128 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    }

    /// The answer to `r`: from the cache when allowed, else from the network, checked by
    /// `check` before it is cached (a broken answer is never kept). Returns the body and the
    /// cache file (which names the answer in errors).
    pub(super) fn answer(
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
            self.saw(cached_retrieval(&path.with_extension("meta.json")));
            self.o.progress.step(&r.label, true);
            return Ok((b, what));
        }
        let client = if scb { &mut self.scb } else { &mut self.other };
        let sent = client.send(&r.url, r.body.as_ref());
        self.log.append(&mut client.log);
        let b = sent.map_err(|e| e.into_fetch(&source(r), &r.url))?;
        check(&b, &what).map_err(|e| FetchError::answer(source(r), &r.url, e))?;
        let now = unix_now();
        self.saw(Some(now));
        let meta = json!({
            "url": r.url, "query": r.body, "label": r.label,
            "retrieved": format!("unix:{now}"),
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

    fn saw(&mut self, at: Option<u64>) {
        self.newest = self.newest.max(at);
    }

    /// The UTC day of the newest answer used since the last call.
    pub(super) fn take_newest(&mut self) -> Option<String> {
        self.newest.take().map(crate::retrieved::utc_date)
    }

    /// A table's metadata, always asked afresh.
    pub(super) fn metadata(&mut self, t: &scb::Table) -> Result<Vec<Dimension>, FetchError> {
        let base = self.scb_base().to_owned();
        let url = scb::metadata_url(self.o.api, &base, t);
        let name = table_name(t);
        let sent = self.scb.send(&url, None);
        self.log.append(&mut self.scb.log);
        let b = sent.map_err(|e| e.into_fetch(&name, &url))?;
        Cube::parse_metadata(&b, &url).map_err(|e| FetchError::answer(name, &url, e))
    }

    pub(super) fn scb_base(&self) -> &str {
        match self.o.api {
            Api::V1 => &self.o.endpoints.scb_v1,
            Api::V2 => &self.o.endpoints.scb_v2,
        }
    }

    pub(super) fn plan_table(&mut self, t: &scb::Table) -> Result<Vec<Request>, FetchError> {
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
    pub(super) fn scb_theme(&mut self, theme: Theme) -> Result<Vec<Fact>, FetchError> {
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

    pub(super) fn page_request(&self, d: &rowstore::Dataset, offset: usize) -> Request {
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
    pub(super) fn dataset(
        &mut self,
        d: &rowstore::Dataset,
    ) -> Result<(Vec<Notice>, Vec<Buyer>), FetchError> {
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

    pub(super) fn kolada_years(&self) -> Vec<u16> {
        let until = self.o.until;
        (until.saturating_sub(4).max(self.o.since)..=until).collect()
    }

    /// The first page of each group of at most 25 members.
    pub(super) fn kolada_requests(&self) -> Result<Vec<Request>, FetchError> {
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

    pub(super) fn kolada_page(&self, url: String, page: usize) -> Request {
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
    pub(super) fn kolada_titles(&mut self) -> Result<Vec<String>, FetchError> {
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
    pub(super) fn kolada(&mut self) -> Result<(kolada::Values, Option<(u16, u16)>), FetchError> {
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

pub(super) fn network_members(data: &Path) -> Result<Vec<String>, String> {
    #[derive(serde::Deserialize)]
    struct Member {
        code: String,
    }
    let rows: Vec<Member> = crate::read_csv_rows(&data.join("normalised/network_members.csv"))
        .map_err(|e| e.to_string())?;
    Ok(rows.into_iter().map(|m| m.code).collect())
}

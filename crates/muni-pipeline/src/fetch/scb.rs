//! SCB's two APIs: the tables the fetcher reads, their metadata, and requests planned from the
//! metadata so that no call asks for more than SCB's 100,000 values (split by region and year).
//!
//! PxWebApi v2 (the default) answers JSON-stat2; PxWeb v1 (`--scb-api v1`) is asked for its
//! `json` format. Variables a table has but the plan does not select are left to SCB's
//! elimination (their total): sex, age, marital status, region of birth.

use serde_json::{Value, json};

use super::jsonstat::Dimension;
use super::{Request, Theme};

/// The live PxWebApi v2.
pub const SCB_V2: &str = "https://statistikdatabasen.scb.se/api/v2";
/// The live PxWeb API v1.
pub const SCB_V1: &str = "https://api.scb.se/OV0104/v1/doris";
/// SCB's limit of values per call.
pub const MAX_VALUES: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    V1,
    V2,
}

impl Api {
    pub fn parse(s: &str) -> Result<Api, String> {
        match s {
            "v1" => Ok(Api::V1),
            "v2" => Ok(Api::V2),
            other => Err(format!("--scb-api {other:?}: say v1 or v2")),
        }
    }
}

/// What to ask for in a dimension besides `Region` and `Tid`.
#[derive(Debug, Clone, Copy)]
pub enum Want {
    All,
    Codes(&'static [&'static str]),
}

/// One SCB table and the years it supplies to a series.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub theme: Theme,
    /// PxWebApi v2 id.
    pub id: &'static str,
    /// PxWeb v1 path under `ssd/`.
    pub path: &'static str,
    pub name: &'static str,
    pub first: u16,
    /// `None`: to the latest year the table has.
    pub last: Option<u16>,
    /// The dimensions to select; others are eliminated.
    pub select: &'static [(&'static str, Want)],
    /// Which regions to ask for: municipalities only, or also the counties and Riket.
    pub all_regions: bool,
    /// A preliminary table: only the years after the last year of this (final) table of the
    /// same theme, as its metadata lists them.
    pub after: Option<&'static str>,
}

const EMPLOYMENT_SELECT: &[(&str, Want)] = &[("SNI2007", Want::All), ("ContentsCode", Want::All)];

/// Employment by SNI 2007 section, day population. Each year comes from exactly one table;
/// RAMS → RAMS (2019: monthly employer declarations) → BAS (2020, the first year of BAS and
/// of the embedded panel) is a series break. RAMS's 2020–2021 are not taken: BAS covers them.
/// BAS comes from SCB's final register table (TAB3204) and, for the years it does not have
/// yet, from the preliminary one (TAB3785).
pub const EMPLOYMENT_TABLES: [Table; 4] = [
    Table {
        theme: Theme::Employment,
        id: "TAB900",
        path: "AM/AM0207/AM0207K/DagSNI07KonK",
        name: "RAMS DagSNI07KonK",
        first: 2008,
        last: Some(2018),
        select: EMPLOYMENT_SELECT,
        all_regions: false,
        after: None,
    },
    Table {
        theme: Theme::Employment,
        id: "TAB5837",
        path: "AM/AM0207/AM0207Z/DagSni07KonKN",
        name: "RAMS DagSni07KonKN",
        first: 2019,
        last: Some(2019),
        select: EMPLOYMENT_SELECT,
        all_regions: false,
        after: None,
    },
    Table {
        theme: Theme::Employment,
        id: "TAB3204",
        path: "AM/AM0210/AM0210A/ArRegArbStDoN",
        name: "BAS ArRegArbStDoN",
        first: 2020,
        last: None,
        select: EMPLOYMENT_SELECT,
        all_regions: false,
        after: None,
    },
    Table {
        theme: Theme::Employment,
        id: "TAB3785",
        path: "AM/AM0210/AM0210B/ArbStDoNArNN",
        name: "BAS ArbStDoNArNN (preliminär)",
        first: 2020,
        last: None,
        select: EMPLOYMENT_SELECT,
        all_regions: false,
        after: Some("TAB3204"),
    },
];

/// Final energy use by sector and fuel; electricity production by method (MWh).
pub const ENERGY_TABLES: [Table; 2] = [
    Table {
        theme: Theme::Energy,
        id: "TAB3654",
        path: "EN/EN0203/EN0203A/SlutAnvSektor",
        name: "SlutAnvSektor",
        first: 2009,
        last: None,
        select: &[
            ("Forbrukningskategri", Want::All),
            ("Bransle", Want::All),
            ("ContentsCode", Want::All),
        ],
        all_regions: true,
        after: None,
    },
    Table {
        theme: Theme::Energy,
        id: "TAB3451",
        path: "EN/EN0203/EN0203A/ProdbrEl",
        name: "ProdbrEl",
        first: 2009,
        last: None,
        select: &[
            ("Produktionssatt", Want::All),
            ("Bransle", Want::All),
            ("ContentsCode", Want::All),
        ],
        all_regions: true,
        after: None,
    },
];

/// Population on 31 December (age, sex and marital status eliminated).
pub const POPULATION_TABLES: [Table; 1] = [Table {
    theme: Theme::Population,
    id: "TAB638",
    path: "BE/BE0101/BE0101A/BefolkningNy",
    name: "BefolkningNy",
    first: 1968,
    last: None,
    select: &[("ContentsCode", Want::Codes(&["BE0101N1"]))],
    all_regions: true,
    after: None,
}];

pub fn metadata_url(api: Api, base: &str, t: &Table) -> String {
    match api {
        Api::V2 => format!("{base}/tables/{}/metadata?lang=sv", t.id),
        Api::V1 => format!("{base}/sv/ssd/{}", t.path),
    }
}

fn data_url(api: Api, base: &str, t: &Table) -> String {
    match api {
        Api::V2 => format!(
            "{base}/tables/{}/data?lang=sv&outputFormat=json-stat2",
            t.id
        ),
        Api::V1 => format!("{base}/sv/ssd/{}", t.path),
    }
}

fn body(api: Api, selection: &[(String, Vec<String>)]) -> Value {
    match api {
        Api::V2 => json!({"selection": selection.iter().map(|(d, codes)| {
            json!({"variableCode": d, "valueCodes": codes})
        }).collect::<Vec<_>>()}),
        Api::V1 => json!({
            "query": selection.iter().map(|(d, codes)| {
                json!({"code": d, "selection": {"filter": "item", "values": codes}})
            }).collect::<Vec<_>>(),
            "response": {"format": "json"},
        }),
    }
}

fn find<'a>(meta: &'a [Dimension], id: &str, t: &Table) -> Result<&'a Dimension, String> {
    meta.iter().find(|d| d.id == id).ok_or_else(|| {
        format!(
            "{} ({}): the metadata has no variable {id} (it has {:?}); the table has changed, the fetcher needs updating",
            t.name,
            t.id,
            meta.iter().map(|d| d.id.as_str()).collect::<Vec<_>>()
        )
    })
}

/// The data requests for a table, from its metadata: the years it has within `since..=until`
/// and the table's own span, the wanted regions it knows, split so that every call stays under
/// [`MAX_VALUES`].
pub fn plan_table(
    api: Api,
    base: &str,
    t: &Table,
    meta: &[Dimension],
    regions: &[String],
    since: u16,
    until: u16,
) -> Result<Vec<Request>, String> {
    let region_dim = find(meta, "Region", t)?;
    let time = find(meta, "Tid", t)?;
    let first = t.first.max(since);
    let last = t.last.unwrap_or(until).min(until);
    let years: Vec<&String> = time
        .codes
        .iter()
        .filter(|c| c.parse::<u16>().is_ok_and(|y| (first..=last).contains(&y)))
        .collect();
    let regions: Vec<String> = regions
        .iter()
        .filter(|r| region_dim.position(r).is_some())
        .cloned()
        .collect();
    if years.is_empty() || regions.is_empty() {
        return Ok(Vec::new());
    }
    let mut fixed: Vec<(String, Vec<String>)> = Vec::new();
    for (id, want) in t.select {
        let d = find(meta, id, t)?;
        let codes = match want {
            Want::All => d.codes.clone(),
            Want::Codes(list) => {
                for c in *list {
                    if d.position(c).is_none() {
                        return Err(format!(
                            "{} ({}): the metadata of {id} has no {c:?}; the table has changed",
                            t.name, t.id
                        ));
                    }
                }
                list.iter().map(|c| (*c).to_owned()).collect()
            }
        };
        fixed.push(((*id).to_owned(), codes));
    }
    // A variable SCB will not eliminate is selected even where the plan would leave it to
    // elimination: its total category where it has one, else every category (summed later).
    for d in meta.iter().filter(|d| d.mandatory) {
        if d.id == "Region" || d.id == "Tid" || fixed.iter().any(|(id, _)| *id == d.id) {
            continue;
        }
        let codes = match d.total() {
            Some(i) => vec![d.codes[i].clone()],
            None => d.codes.clone(),
        };
        fixed.push((d.id.clone(), codes));
    }
    let per_cell: usize = fixed.iter().map(|(_, c)| c.len().max(1)).product();
    if per_cell > MAX_VALUES {
        return Err(format!(
            "{}: {per_cell} values for one region and year exceed SCB's {MAX_VALUES}",
            t.name
        ));
    }
    let regions_per_call = (MAX_VALUES / per_cell).min(regions.len()).max(1);
    let years_per_call = (MAX_VALUES / (per_cell * regions_per_call)).max(1);
    let mut out = Vec::new();
    for rs in regions.chunks(regions_per_call) {
        for ys in years.chunks(years_per_call) {
            let mut sel = vec![("Region".to_owned(), rs.to_vec())];
            sel.extend(fixed.iter().cloned());
            sel.push(("Tid".to_owned(), ys.iter().map(|y| (*y).clone()).collect()));
            let y0: u16 = ys[0].parse().unwrap_or(first);
            let y1: u16 = ys[ys.len() - 1].parse().unwrap_or(last);
            out.push(Request {
                theme: t.theme,
                label: format!("{} {y0}–{y1}", t.name),
                cache_prefix: t.id.to_owned(),
                url: data_url(api, base, t),
                body: Some(body(api, &sel)),
                years: (y0, y1),
                values: per_cell * rs.len() * ys.len(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dim(id: &str, n: usize) -> Dimension {
        let codes: Vec<String> = (0..n).map(|i| format!("{i:04}")).collect();
        Dimension {
            id: id.into(),
            labels: codes.clone(),
            codes,
            mandatory: false,
        }
    }

    #[test]
    fn calls_stay_under_the_value_limit_and_cover_every_year_once() {
        let mut time = dim("Tid", 0);
        time.codes = (2009..=2024).map(|y| y.to_string()).collect();
        time.labels = time.codes.clone();
        let meta = vec![
            dim("Region", 312),
            dim("Forbrukningskategri", 9),
            dim("Bransle", 11),
            dim("ContentsCode", 1),
            time,
        ];
        let regions: Vec<String> = (0..312).map(|i| format!("{i:04}")).collect();
        let t = &ENERGY_TABLES[0];
        let reqs = plan_table(Api::V2, "http://x", t, &meta, &regions, 2000, 2030).unwrap();
        let mut years = Vec::new();
        for r in &reqs {
            assert!(r.values <= MAX_VALUES, "{} values", r.values);
            years.extend(r.years.0..=r.years.1);
        }
        assert_eq!(years, (2009..=2024).collect::<Vec<_>>());
        // 312 × 99 values a year: three years a call.
        assert_eq!(reqs.len(), 6);
        let v1 = plan_table(Api::V1, "http://x", t, &meta, &regions, 2020, 2021).unwrap();
        assert_eq!(v1.len(), 1);
        let body = v1[0].body.as_ref().unwrap();
        assert_eq!(body["response"]["format"], "json");
        assert_eq!(
            body["query"][4]["selection"]["values"],
            json!(["2020", "2021"])
        );
    }

    #[test]
    fn a_variable_that_cannot_be_eliminated_is_always_selected() {
        let mut time = dim("Tid", 1);
        time.codes = vec!["2020".into()];
        let mut sex = dim("Kon", 3);
        sex.labels = vec!["män".into(), "kvinnor".into(), "totalt".into()];
        sex.mandatory = true;
        let mut age = dim("Alder", 2);
        age.mandatory = true;
        let meta = vec![
            dim("Region", 3),
            sex,
            age,
            dim("Civilstand", 4),
            dim("ContentsCode", 1),
            time,
        ];
        let t = Table {
            select: &[("ContentsCode", Want::All)],
            ..POPULATION_TABLES[0]
        };
        let reqs =
            plan_table(Api::V2, "http://x", &t, &meta, &["0001".into()], 2000, 2030).unwrap();
        let sel = &reqs[0].body.as_ref().unwrap()["selection"];
        let vars: Vec<&str> = sel
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["variableCode"].as_str().unwrap())
            .collect();
        // Kon by its total, Alder with every category; Civilstand is left to elimination.
        assert_eq!(vars, ["Region", "ContentsCode", "Kon", "Alder", "Tid"]);
        assert_eq!(sel[2]["valueCodes"], json!(["0002"]));
        assert_eq!(sel[3]["valueCodes"], json!(["0000", "0001"]));
    }

    #[test]
    fn a_changed_table_is_named() {
        let meta = vec![dim("Region", 3), dim("Tid", 3)];
        let e = plan_table(
            Api::V2,
            "http://x",
            &POPULATION_TABLES[0],
            &meta,
            &["0001".into()],
            2000,
            2030,
        );
        // The years 0000–0002 are outside the span: nothing to ask.
        assert!(e.unwrap().is_empty());
        let mut time = dim("Tid", 1);
        time.codes = vec!["2020".into()];
        let meta = vec![dim("Region", 3), time];
        let e = plan_table(
            Api::V2,
            "http://x",
            &POPULATION_TABLES[0],
            &meta,
            &["0001".into()],
            2000,
            2030,
        )
        .unwrap_err();
        assert!(e.contains("no variable ContentsCode"), "{e}");
    }
}

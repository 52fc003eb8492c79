//! Kolada (RKA) v3 as a cross-check: the same key figures for the network's municipalities,
//! compared with the project's own after a fetch. Kolada never writes a figure: a difference is
//! reported, with both numbers, for a person to look into.

use std::collections::BTreeMap;

use serde_json::Value;

/// The live Kolada API.
pub const KOLADA: &str = "https://api.kolada.se/v3";
/// Kolada takes at most 25 ids in a path segment.
pub const MAX_IDS: usize = 25;

/// A key figure and how to compute it from the project's facts.
#[derive(Debug, Clone, Copy)]
pub struct Kpi {
    pub id: &'static str,
    pub name: &'static str,
    /// The project's variable, or the share `numerator / denominator × 100`.
    pub ours: Ours,
    /// Allowed difference: relative for counts, in percentage points for shares.
    pub tolerance: f64,
    /// Words Kolada's title of the KPI must contain (lower case) for the comparison to be of
    /// the same thing; checked against `/v3/kpi/{id}` before any figure is compared.
    pub title_has: &'static [&'static str],
    /// What the KPI is compared with, for the report.
    pub compared_with: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub enum Ours {
    Variable(&'static str),
    Share(&'static str, &'static str),
}

pub const KPIS: [Kpi; 3] = [
    Kpi {
        id: "N01951",
        name: "invånare totalt",
        ours: Ours::Variable("population"),
        tolerance: 0.001,
        title_has: &["invånare"],
        compared_with: "population (SCB BE0101)",
    },
    Kpi {
        id: "N45926",
        name: "elproduktion totalt, MWh",
        ours: Ours::Variable("electricity_production.total"),
        tolerance: 0.005,
        title_has: &["elproduktion"],
        compared_with: "electricity_production.total (SCB EN0203)",
    },
    Kpi {
        id: "N02962",
        name: "andel förvärvsarbetande i tillverkning och utvinning (dagbefolkning), %",
        ours: Ours::Share("employment.b_c", "employment.total"),
        tolerance: 1.0,
        title_has: &["tillverkning"],
        compared_with: "100 × employment.b_c / employment.total (SCB RAMS/BAS, day population)",
    },
];

pub fn first_url(base: &str, municipalities: &[String], years: &[u16]) -> String {
    let kpis: Vec<&str> = KPIS.iter().map(|k| k.id).collect();
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    format!(
        "{base}/data/kpi/{}/municipality/{}/year/{}",
        kpis.join(","),
        municipalities.join(","),
        years.join(",")
    )
}

/// The metadata of one KPI (its title).
pub fn kpi_url(base: &str, id: &str) -> String {
    format!("{base}/kpi/{id}")
}

/// The title of a KPI from `/v3/kpi/{id}`: `{"values":[{"id":…,"title":…}]}`.
pub fn parse_kpi(bytes: &[u8], id: &str, what: &str) -> Result<String, String> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("{what}: Kolada: not JSON ({e})"))?;
    v["values"]
        .as_array()
        .and_then(|vs| vs.iter().find(|k| k["id"] == id))
        .and_then(|k| k["title"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{what}: Kolada: no KPI {id} with a title"))
}

/// Whether Kolada's title says the KPI is what the cross-check compares.
pub fn check_title(k: &Kpi, title: &str) -> Result<(), String> {
    let t = title.to_lowercase();
    match k.title_has.iter().find(|w| !t.contains(*w)) {
        None => Ok(()),
        Some(w) => Err(format!(
            "Kolada titles {} {title:?}, without {w:?}: it is not the KPI compared with {} ({})",
            k.id, k.compared_with, k.name
        )),
    }
}

/// One page: (kpi, municipality, year) → value (gender T), and the next page's URL.
pub type Values = BTreeMap<(String, String, u16), Option<f64>>;

pub fn parse_page(bytes: &[u8], what: &str) -> Result<(Values, Option<String>), String> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("{what}: Kolada: not JSON ({e})"))?;
    let mut out = Values::new();
    for (i, row) in v["values"]
        .as_array()
        .ok_or_else(|| format!("{what}: Kolada: no values array"))?
        .iter()
        .enumerate()
    {
        let kpi = row["kpi"].as_str();
        let muni = row["municipality"].as_str();
        let year = row["period"].as_u64().and_then(|y| u16::try_from(y).ok());
        let (Some(kpi), Some(muni), Some(year)) = (kpi, muni, year) else {
            return Err(format!(
                "{what}: Kolada: value {i} lacks kpi, municipality or period"
            ));
        };
        // Kolada v3 keeps withdrawn values with `isdeleted: true`: they are not figures.
        if row["isdeleted"].as_bool() == Some(true) {
            continue;
        }
        let total = row["values"].as_array().and_then(|vs| {
            vs.iter()
                .find(|x| x["gender"] == "T" && x["isdeleted"].as_bool() != Some(true))
        });
        if let Some(t) = total {
            let value = match &t["value"] {
                Value::Null => None,
                Value::Number(n) => n.as_f64(),
                other => {
                    return Err(format!(
                        "{what}: Kolada: {kpi} {muni} {year}: value {other} is not a number"
                    ));
                }
            };
            out.insert((kpi.to_owned(), muni.to_owned(), year), value);
        }
    }
    let next = v["next_url"]
        .as_str()
        .or(v["next_page"].as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    Ok((out, next))
}

/// The outcome: how many figures agree, and one line per difference or figure only Kolada has.
#[derive(Debug, Default)]
pub struct Comparison {
    pub agree: usize,
    pub lines: Vec<String>,
    /// What was compared: each KPI with Kolada's title and the project's figure.
    pub compared: Vec<String>,
}

/// Compares Kolada's figures with ours: `ours` maps (region, year, variable) to a value.
pub fn compare(kolada: &Values, ours: &BTreeMap<(String, u16, String), f64>) -> Comparison {
    let mut c = Comparison::default();
    for ((kpi, muni, year), theirs) in kolada {
        let Some(k) = KPIS.iter().find(|k| k.id == kpi) else {
            continue;
        };
        let get = |v: &str| ours.get(&(muni.clone(), *year, v.to_owned())).copied();
        let mine = match k.ours {
            Ours::Variable(v) => get(v),
            Ours::Share(n, d) => match (get(n), get(d)) {
                (Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
                _ => None,
            },
        };
        match (theirs, mine) {
            (Some(t), Some(m)) => {
                let diff = match k.ours {
                    Ours::Variable(_) => (t - m).abs() / m.abs().max(1.0),
                    Ours::Share(..) => (t - m).abs(),
                };
                if diff <= k.tolerance {
                    c.agree += 1;
                } else {
                    c.lines.push(format!(
                        "{kpi} ({}) {muni} {year}: Kolada {t}, ours {m:.1}",
                        k.name
                    ));
                }
            }
            (Some(t), None) => c.lines.push(format!(
                "{kpi} ({}) {muni} {year}: Kolada {t}, ours has no figure",
                k.name
            )),
            _ => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_differences() {
        let body = r#"{"values":[
            {"kpi":"N01951","municipality":"0382","period":2023,"values":[{"gender":"T","count":1,"status":"","value":22000},{"gender":"K","value":11000}]},
            {"kpi":"N02962","municipality":"0382","period":2023,"values":[{"gender":"T","value":30.0}]},
            {"kpi":"N45926","municipality":"0382","period":2023,"values":[{"gender":"T","value":null,"status":"X"}]},
            {"kpi":"N01951","municipality":"0181","period":2023,"isdeleted":true,"values":[{"gender":"T","value":1}]},
            {"kpi":"N01951","municipality":"2284","period":2023,"values":[{"gender":"T","value":2,"isdeleted":true}]}],
            "next_url":"http://h/v3/data?page=2"}"#;
        let (v, next) = parse_page(body.as_bytes(), "t").unwrap();
        assert_eq!(next.as_deref(), Some("http://h/v3/data?page=2"));
        assert_eq!(v.len(), 3, "deleted values are skipped");
        let mut ours = BTreeMap::new();
        ours.insert(("0382".into(), 2023, "population".into()), 22_010.0);
        ours.insert(("0382".into(), 2023, "employment.b_c".into()), 2_000.0);
        ours.insert(("0382".into(), 2023, "employment.total".into()), 10_000.0);
        let c = compare(&v, &ours);
        assert_eq!(c.agree, 1, "population within 0.1 %");
        assert_eq!(c.lines.len(), 1, "{:?}", c.lines);
        assert!(c.lines[0].contains("Kolada 30, ours 20.0"), "{:?}", c.lines);
    }

    #[test]
    fn a_kpi_is_compared_only_if_kolada_titles_it_as_meant() {
        let body = r#"{"count":1,"values":[{"id":"N02962","title":"Förvärvsarbetande i tillverkning och utvinning (dagbefolkning), andel (%)"}]}"#;
        let title = parse_kpi(body.as_bytes(), "N02962", "t").unwrap();
        assert!(check_title(&KPIS[2], &title).is_ok());
        let e = check_title(&KPIS[2], "Förvärvsarbetande i handel, andel (%)").unwrap_err();
        assert!(
            e.contains("without \"tillverkning\"") && e.contains("N02962"),
            "{e}"
        );
        assert!(parse_kpi(br#"{"values":[]}"#, "N02962", "t").is_err());
    }

    #[test]
    fn fuzz_kolada_and_rowstore_pages_never_panic() {
        let seeds = vec![
            r#"{"values":[{"kpi":"N01951","municipality":"0382","period":2023,"values":[{"gender":"T","value":22000}]}],"next_url":"http://h/v3/x?page=2"}"#.as_bytes().to_vec(),
            r#"{"resultCount":2,"results":[{"\ufeffår":"2022","namn för köpare":"LULEÅ KOMMUN","innovationsupphandling":true},{"år":2023}]}"#.as_bytes().to_vec(),
        ];
        let (tried, ok) = crate::fuzz::mutate(&seeds, 20_000, b"{}[]\":,0123456789-.eE nul", |b| {
            let k = parse_page(b, "fuzz").is_ok();
            let r = crate::fetch::rowstore::parse_page(b, "fuzz")
                .and_then(|p| crate::fetch::rowstore::to_sheet(&p.rows, "fuzz"))
                .is_ok();
            k | r
        });
        println!("Kolada / RowStore fuzz: {tried} inputs without a panic ({ok} parsed)");
        assert_eq!(tried, 20_000);
    }
}

//! SCB answers (as [`Cube`]s) → the project's tidy facts: employment in B+C and in total,
//! final energy use and electricity use by sector, electricity production by method, and
//! population. Dimensions the facts do not keep are taken at their total when the table has
//! one, else summed; a withheld part withholds the sum. Totals are checked against their parts.

use std::collections::{BTreeMap, BTreeSet};

use super::jsonstat::{Cube, Dimension};
use crate::import::energy::{FUELS, Labels, METHODS, PRODUCTION, SECTORS, lookup};

use crate::normalised::{Fact, Figure};
use muni_model::Status;

/// A sum and whether a part of it was withheld (and which marker).
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    value: f64,
    withheld: Option<Status>,
}

fn status_of(marker: Option<&String>) -> Status {
    match marker.map(String::as_str) {
        Some("." | "-" | "") => Status::Missing,
        _ => Status::Confidential,
    }
}

/// The cube summed to the `keep` dimensions: `pick` fixes a category of some other
/// dimensions; the rest are taken at their total if they have one, else summed.
fn sums(cube: &Cube, keep: &[usize], pick: &[(usize, usize)]) -> BTreeMap<Vec<usize>, Sum> {
    let fixed: Vec<Option<usize>> = (0..cube.dimensions.len())
        .map(|d| {
            if keep.contains(&d) {
                None
            } else if let Some((_, i)) = pick.iter().find(|(pd, _)| *pd == d) {
                Some(*i)
            } else {
                cube.dimensions[d].total()
            }
        })
        .collect();
    let mut out: BTreeMap<Vec<usize>, Sum> = BTreeMap::new();
    for (i, v) in cube.values.iter().enumerate() {
        let c = cube.coords(i);
        if fixed
            .iter()
            .enumerate()
            .any(|(d, f)| f.is_some_and(|f| c[d] != f))
        {
            continue;
        }
        let k: Vec<usize> = keep.iter().map(|&d| c[d]).collect();
        let s = out.entry(k).or_default();
        match v {
            Some(x) => s.value += x,
            None => s.withheld = Some(status_of(cube.status.get(&i))),
        }
    }
    out
}

fn need(cube: &Cube, id: &str, what: &str) -> Result<usize, String> {
    cube.dimension(id)
        .ok_or_else(|| format!("{what}: no {id} dimension"))
}

/// Region and year of a key, checked: a region outside the code list or a period that is not a
/// year stops the fetch.
fn region_year<'a>(
    cube: &'a Cube,
    (dr, rk): (usize, usize),
    (dt, tk): (usize, usize),
    known: &BTreeSet<String>,
    what: &str,
) -> Result<(&'a str, u16), String> {
    let region = &cube.dimensions[dr].codes[rk];
    let period = &cube.dimensions[dt].codes[tk];
    let year: u16 = period
        .parse()
        .map_err(|_| format!("{what}: period {period:?} is not a year"))?;
    if !known.contains(region) {
        return Err(format!(
            "{what}: unknown region code {region:?} (not one of Sweden's municipalities, counties or 00)"
        ));
    }
    Ok((region, year))
}

fn fact(region: &str, year: u16, variable: String, s: Sum) -> Fact {
    match s.withheld {
        None => Fact::new(region, year, &variable, Figure::number(s.value), Status::Ok),
        Some(status) => Fact::without(region, year, &variable, status),
    }
}

/// Parts against their total: counts and MWh are published rounded to whole units, so `n`
/// parts may be off by up to `(n + 1) / 2`; BAS adds noise, hence a relative 0.5 % too.
fn check_total(total: Sum, parts: &[Sum], what: &str) -> Result<(), String> {
    if total.withheld.is_some() || parts.iter().any(|p| p.withheld.is_some()) {
        return Ok(());
    }
    let sum: f64 = parts.iter().map(|p| p.value).sum();
    let tolerance = parts.len().div_ceil(2) as f64 + total.value.abs() * 0.005;
    if (sum - total.value).abs() > tolerance {
        return Err(format!(
            "{what}: the total {} disagrees with the sum of its {} parts ({sum})",
            total.value,
            parts.len()
        ));
    }
    Ok(())
}

fn in_years(year: u16, years: (u16, u16)) -> bool {
    (years.0..=years.1).contains(&year)
}

/// Employment in B+C (mining and manufacturing) and in total. Of several contents the day
/// population is taken.
pub fn employment(
    cube: &Cube,
    what: &str,
    years: (u16, u16),
    known: &BTreeSet<String>,
) -> Result<Vec<Fact>, String> {
    let (dr, ds, dt) = (
        need(cube, "Region", what)?,
        need(cube, "SNI2007", what)?,
        need(cube, "Tid", what)?,
    );
    let mut pick = Vec::new();
    if let Some(dc) = cube.dimension("ContentsCode")
        && cube.dimensions[dc].codes.len() > 1
    {
        let labels = &cube.dimensions[dc].labels;
        let codes = &cube.dimensions[dc].codes;
        // The day population (people by where they work): RAMS says "dagbefolkning", BAS
        // "sysselsatta efter arbetsställets belägenhet"; TAB3204's code is 000002XH.
        let day: Vec<usize> = (0..labels.len())
            .filter(|&i| {
                let l = labels[i].to_lowercase();
                codes[i] == "000002XH" || l.contains("dag") || l.contains("arbetsställe")
            })
            .collect();
        match day.as_slice() {
            [i] => pick.push((dc, *i)),
            _ => {
                return Err(format!(
                    "{what}: cannot tell the day population among the contents {labels:?}"
                ));
            }
        }
    }
    let sni = &cube.dimensions[ds];
    let is_bc = |i: usize| matches!(sni.codes[i].as_str(), "B+C" | "B" | "C");
    if !(0..sni.codes.len()).any(is_bc) {
        return Err(format!(
            "{what}: no SNI 2007 section B+C among {:?}",
            sni.codes
        ));
    }
    let total = sni.total();
    let cells = sums(cube, &[dr, ds, dt], &pick);
    // (region, year) → per SNI category
    let mut by: BTreeMap<(usize, usize), Vec<(usize, Sum)>> = BTreeMap::new();
    for (k, s) in cells {
        by.entry((k[0], k[2])).or_default().push((k[1], s));
    }
    let mut out = Vec::new();
    for ((rk, tk), cats) in by {
        let (region, year) = region_year(cube, (dr, rk), (dt, tk), known, what)?;
        if !in_years(year, years) {
            continue;
        }
        let add = |parts: &mut dyn Iterator<Item = Sum>| {
            parts.fold(Sum::default(), |a, p| Sum {
                value: a.value + p.value,
                withheld: a.withheld.or(p.withheld),
            })
        };
        let bc = add(&mut cats.iter().filter(|(c, _)| is_bc(*c)).map(|(_, s)| *s));
        let parts: Vec<Sum> = cats
            .iter()
            .filter(|(c, _)| Some(*c) != total)
            .map(|(_, s)| *s)
            .collect();
        let tot = match total.and_then(|t| cats.iter().find(|(c, _)| *c == t)) {
            Some((_, t)) => {
                check_total(*t, &parts, &format!("{what}: employment {region} {year}"))?;
                *t
            }
            None => add(&mut parts.iter().copied()),
        };
        out.push(fact(region, year, "employment.b_c".into(), bc));
        out.push(fact(region, year, "employment.total".into(), tot));
    }
    Ok(out)
}

/// SCB's codes for the categories, from public client code, for tables whose labels differ
/// from the web exports'.
const SECTOR_CODES: &[(&str, &str)] = &[
    ("911", "agriculture"),
    ("921", "industry"),
    ("931", "public"),
    ("941", "transport"),
    ("951", "services"),
    ("964", "holiday_homes"),
    ("97", "apartment_blocks"),
    ("98", "detached_houses"),
    ("999", "total"),
];
/// The fuels by code, so that the fuel dimension is recognised whatever its labels; only the
/// total and electricity are published, the others count towards recognising the dimension.
const FUEL_CODES: &[(&str, &str)] = &[
    ("905", "liquid_fossil"),
    ("910", "solid_fossil"),
    ("915", "gas_fossil"),
    ("920", "liquid_renewable"),
    ("925", "solid_renewable"),
    ("930", "gas_renewable"),
    ("14", "district_heating"),
    ("16", "electricity"),
    ("955", "total"),
];

/// The production methods of the live ProdbrEl (TAB3451) by code: several codes may make one
/// method (nuclear and other condensing power; CHP and industrial back-pressure), which are
/// added; solar power is a method of its own there.
const METHOD_CODES: &[(&str, &str)] = &[
    ("4.1", "hydro"),
    ("4.2", "wind"),
    ("4.3", "other_thermal"),
    ("4.4", "other_thermal"),
    ("4.5", "chp"),
    ("4.6", "chp"),
    ("4.7", "solar"),
];
/// Labels of the live table beside the 2022 exports' (`METHODS`).
const METHOD_LABELS: &[(&str, &str)] = &[("totalt", "total"), ("solkraft", "solar")];

/// Every method published, the total last.
const PRODUCTION_METHODS: [&str; 6] = ["chp", "other_thermal", "hydro", "wind", "solar", "total"];

/// A dimension's categories as slugs of `labels` (by label, the way the web exports are read,
/// else by code).
fn slugs(
    d: &Dimension,
    labels: &[(&str, &'static str)],
    codes: Labels,
) -> Vec<Option<&'static str>> {
    (0..d.codes.len())
        .map(|i| {
            lookup(labels, &d.labels[i]).or_else(|| {
                codes
                    .iter()
                    .find(|(c, _)| *c == d.codes[i])
                    .map(|(_, s)| *s)
            })
        })
        .collect()
}

/// The dimension (other than region, time and contents) whose categories are mostly `labels`,
/// or (`any`) that has one of them.
fn classify(
    cube: &Cube,
    labels: &[(&str, &'static str)],
    codes: Labels,
    any: bool,
) -> Option<(usize, Vec<Option<&'static str>>)> {
    cube.dimensions
        .iter()
        .enumerate()
        .filter(|(_, d)| !matches!(d.id.as_str(), "Region" | "Tid" | "ContentsCode"))
        .map(|(i, d)| (i, slugs(d, labels, codes)))
        .find(|(_, s)| {
            let hits = s.iter().filter(|x| x.is_some()).count();
            if any {
                hits > 0
            } else {
                hits * 2 > s.len().max(1)
            }
        })
}

/// Final use by sector (all fuels and electricity) from SlutAnvSektor, or electricity
/// production by method from ProdbrEl, whichever the cube is.
// Long: both energy tables (SlutAnvSektor and ProdbrEl) map into facts the same way; one branch
// each keeps the shared checks in one place.
pub fn energy(
    cube: &Cube,
    what: &str,
    years: (u16, u16),
    known: &BTreeSet<String>,
) -> Result<Vec<Fact>, String> {
    let (dr, dt) = (need(cube, "Region", what)?, need(cube, "Tid", what)?);
    let mut pick = Vec::new();
    if let Some(dc) = cube.dimension("ContentsCode") {
        if cube.dimensions[dc].codes.len() != 1 {
            return Err(format!(
                "{what}: expected one content (MWh), found {:?}",
                cube.dimensions[dc].labels
            ));
        }
        pick.push((dc, 0));
    }
    let production: Labels = &[(PRODUCTION, "production")];
    let methods: Vec<(&str, &str)> = METHODS.iter().chain(METHOD_LABELS).copied().collect();
    let (rows, cols, kind) = if let Some(m) = classify(cube, &methods, METHOD_CODES, false) {
        let fuel = classify(cube, production, &[("17", "production")], true).ok_or_else(|| {
            format!("{what}: no fuel category \"{PRODUCTION}\" (electricity production)")
        })?;
        (m, fuel, "production")
    } else {
        let s = classify(cube, SECTORS, SECTOR_CODES, false).ok_or_else(|| {
            format!(
                "{what}: neither consumer categories nor production methods among the dimensions"
            )
        })?;
        let f = classify(cube, FUELS, FUEL_CODES, false)
            .ok_or_else(|| format!("{what}: no fuel dimension"))?;
        (s, f, "use")
    };
    let (da, a_slugs) = rows;
    let (db, b_slugs) = cols;
    let cells = sums(cube, &[dr, da, db, dt], &pick);
    // (region, year) → (row slug, column slug) → sum
    type Grid = BTreeMap<(&'static str, &'static str), Sum>;
    let mut by: BTreeMap<(usize, usize), Grid> = BTreeMap::new();
    for (k, s) in cells {
        if let (Some(a), Some(b)) = (a_slugs[k[1]], b_slugs[k[2]]) {
            // Categories of one slug (methods 4.3 and 4.4) are added.
            let cell = by
                .entry((k[0], k[3]))
                .or_default()
                .entry((a, b))
                .or_default();
            cell.value += s.value;
            cell.withheld = cell.withheld.or(s.withheld);
        }
    }
    let mut out = Vec::new();
    for ((rk, tk), grid) in by {
        let (region, year) = region_year(cube, (dr, rk), (dt, tk), known, what)?;
        if !in_years(year, years) {
            continue;
        }
        let at = |a: &str, b: &str| -> Result<Sum, String> {
            grid.get(&(a, b))
                .copied()
                .ok_or_else(|| format!("{what}: {region} {year} has no cell for {a} × {b}"))
        };
        let here = format!("{what}: {region} {year}");
        if kind == "production" {
            let mut parts = Vec::new();
            for m in PRODUCTION_METHODS {
                // Tables before 2009 have no separate wind, the 2022 exports no solar: a
                // method may be absent. Solar, where there, is one of the parts of the total.
                if let Some(s) = grid.get(&(m, "production")) {
                    if m != "total" {
                        parts.push(*s);
                    }
                    out.push(fact(
                        region,
                        year,
                        format!("electricity_production.{m}"),
                        *s,
                    ));
                }
            }
            check_total(at("total", "production")?, &parts, &here)?;
        } else {
            for (_, sector) in SECTORS {
                out.push(fact(
                    region,
                    year,
                    format!("final_use.{sector}"),
                    at(sector, "total")?,
                ));
                out.push(fact(
                    region,
                    year,
                    format!("electricity_use.{sector}"),
                    at(sector, "electricity")?,
                ));
            }
            for fuel in ["total", "electricity"] {
                let parts: Vec<Sum> = SECTORS
                    .iter()
                    .filter(|s| s.1 != "total")
                    .map(|s| at(s.1, fuel))
                    .collect::<Result<_, _>>()?;
                check_total(
                    at("total", fuel)?,
                    &parts,
                    &format!("{here} all sectors, {fuel}"),
                )?;
            }
        }
    }
    Ok(out)
}

/// Population on 31 December: the content `BE0101N1` (or the only one), other variables at
/// their totals.
pub fn population(
    cube: &Cube,
    what: &str,
    years: (u16, u16),
    known: &BTreeSet<String>,
) -> Result<Vec<Fact>, String> {
    let (dr, dt) = (need(cube, "Region", what)?, need(cube, "Tid", what)?);
    let mut pick = Vec::new();
    if let Some(dc) = cube.dimension("ContentsCode") {
        let d = &cube.dimensions[dc];
        let i = d
            .position("BE0101N1")
            .or((d.codes.len() == 1).then_some(0))
            .ok_or_else(|| format!("{what}: no population content among {:?}", d.codes))?;
        pick.push((dc, i));
    }
    let mut out = Vec::new();
    for (k, s) in sums(cube, &[dr, dt], &pick) {
        let (region, year) = region_year(cube, (dr, k[0]), (dt, k[1]), known, what)?;
        if in_years(year, years) {
            out.push(fact(region, year, "population".into(), s));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> BTreeSet<String> {
        ["00", "0181", "0382"].iter().map(|s| (*s).into()).collect()
    }

    #[test]
    fn population_from_a_v1_json_answer_sums_the_sexes() {
        let body = r#"{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Kon","text":"kön","type":"d"},{"code":"Tid","text":"år","type":"t"},{"code":"BE0101N1","text":"Folkmängd","type":"c"}],
          "data":[{"key":["0181","1","2024"],"values":["50000"]},{"key":["0181","2","2024"],"values":["49000"]},
                  {"key":["0382","1","2024"],"values":["11000"]},{"key":["0382","2","2024"],"values":[".."]}]}"#;
        let c = Cube::parse_answer(body.as_bytes(), "t").unwrap();
        let f = population(&c, "t", (2000, 2030), &known()).unwrap();
        assert_eq!(f[0].number(), Some(99_000.0));
        assert_eq!((f[1].number(), f[1].status), (None, Status::Confidential));
    }

    #[test]
    fn a_v1_json_answer_with_a_hole_is_refused() {
        let body = r#"{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Tid","text":"år","type":"t"},{"code":"BE0101N1","text":"Folkmängd","type":"c"}],
          "data":[{"key":["0181","2023"],"values":["1"]},{"key":["0382","2024"],"values":["2"]}]}"#;
        let e = Cube::parse_answer(body.as_bytes(), "t").unwrap_err();
        assert!(e.contains("2 of 4 cells are absent"), "{e}");
    }

    #[test]
    fn an_employment_total_that_disagrees_with_its_sections_stops() {
        let body = r#"{"id":["Region","SNI2007","Tid"],"size":[1,3,1],"dimension":{"Region":{"category":{"index":["0181"]}},
          "SNI2007":{"category":{"index":["B+C","G","TOT"],"label":{"TOT":"totalt"}}},"Tid":{"category":{"index":["2023"]}}},
          "value":[100,200,900]}"#;
        let c = Cube::parse(body.as_bytes(), "t").unwrap();
        let e = employment(&c, "t", (2000, 2030), &known()).unwrap_err();
        assert!(
            e.contains("total 900 disagrees with the sum of its 2 parts (300)"),
            "{e}"
        );
        let ok = body.replace("900]", "300]");
        let c = Cube::parse(ok.as_bytes(), "t").unwrap();
        let f = employment(&c, "t", (2000, 2030), &known()).unwrap();
        assert_eq!(
            f[1].number(),
            Some(300.0),
            "the published total, not parts + total"
        );
    }

    #[test]
    fn bas_day_population_by_its_labels_and_its_total_by_code() {
        // BAS as SCB labels it: no content says "dag"; the total `A-U+US` is labelled by its
        // sections, not "totalt". (SYNTHETIC figures.)
        let body = r#"{"id":["Region","SNI2007","ContentsCode","Tid"],"size":[1,3,2,1],"dimension":{"Region":{"category":{"index":["0181"]}},
          "SNI2007":{"category":{"index":["B+C","G","A-U+US"],"label":{"B+C":"tillverkning och utvinning","G":"handel","A-U+US":"A-U+US näringsgrenar och okänd"}}},
          "ContentsCode":{"category":{"index":["000002XH","000002XI"],"label":{"000002XH":"sysselsatta efter arbetsställets belägenhet","000002XI":"sysselsatta efter bostadens belägenhet"}}},
          "Tid":{"category":{"index":["2023"]}}},
          "value":[100,90, 200,210, 300,300]}"#;
        let c = Cube::parse(body.as_bytes(), "t").unwrap();
        let f = employment(&c, "t", (2000, 2030), &known()).unwrap();
        let get = |v: &str| f.iter().find(|x| x.variable == v).unwrap().number();
        assert_eq!(get("employment.b_c"), Some(100.0), "the workplace content");
        assert_eq!(
            get("employment.total"),
            Some(300.0),
            "the total, not doubled"
        );
        // The same by the labels alone (another code).
        let other = body.replace("000002XH", "X1");
        let c = Cube::parse(other.as_bytes(), "t").unwrap();
        let f = employment(&c, "t", (2000, 2030), &known()).unwrap();
        assert_eq!(f[0].number(), Some(100.0));
    }

    #[test]
    fn energy_by_label_and_by_code() {
        // Labels as the live table may have them; codes as public code names them.
        let body = r#"{"id":["Region","Forbrukningskategri","Bransle","ContentsCode","Tid"],"size":[1,9,3,1,1],
          "dimension":{"Region":{"category":{"index":["0382"]}},
          "Forbrukningskategri":{"category":{"index":["911","921","931","941","951","964","97","98","999"]}},
          "Bransle":{"category":{"index":["16","905","955"],"label":{"16":"el","905":"flytande (icke förnybara)","955":"summa förbrukarkategori"}}},
          "ContentsCode":{"category":{"index":["EN0203AE"]}},"Tid":{"category":{"index":["2022"]}}},
          "value":[1,1,2, 10,5,15, 1,0,1, 0,3,3, 1,0,1, 0,0,0, 1,0,1, 1,0,1, 15,9,24]}"#;
        let c = Cube::parse(body.as_bytes(), "t").unwrap();
        let f = energy(&c, "t", (2000, 2030), &known()).unwrap();
        let get = |v: &str| f.iter().find(|x| x.variable == v).unwrap().number();
        assert_eq!(get("final_use.industry"), Some(15.0));
        assert_eq!(get("electricity_use.industry"), Some(10.0));
        assert_eq!(get("final_use.total"), Some(24.0));
        let broken = body.replace("15,9,24]", "15,9,99]");
        let c = Cube::parse(broken.as_bytes(), "t").unwrap();
        let e = energy(&c, "t", (2000, 2030), &known()).unwrap_err();
        assert!(e.contains("0382 2022 all sectors, total"), "{e}");
    }

    #[test]
    fn fuels_are_recognised_by_code_when_the_labels_differ() {
        // Labels unlike the 2022 exports; the codes say what each fuel is. (SYNTHETIC figures.)
        let body = r#"{"id":["Region","Forbrukningskategri","Bransle","ContentsCode","Tid"],"size":[1,9,4,1,1],
          "dimension":{"Region":{"category":{"index":["0382"]}},
          "Forbrukningskategri":{"category":{"index":["911","921","931","941","951","964","97","98","999"]}},
          "Bransle":{"category":{"index":["910","925","16","955"],"label":{"910":"Kol och koks","925":"Biobränslen, fasta","16":"Elenergi","955":"Alla bränslen"}}},
          "ContentsCode":{"category":{"index":["EN0203AE"]}},"Tid":{"category":{"index":["2023"]}}},
          "value":[1,0,1,2, 4,6,10,20, 0,0,1,1, 0,0,3,3, 0,0,1,1, 0,0,0,0, 0,0,1,1, 0,0,1,1, 5,6,18,29]}"#;
        let c = Cube::parse(body.as_bytes(), "t").unwrap();
        let f = energy(&c, "t", (2000, 2030), &known()).unwrap();
        let get = |v: &str| f.iter().find(|x| x.variable == v).unwrap().number();
        assert_eq!(get("final_use.industry"), Some(20.0));
        assert_eq!(get("electricity_use.industry"), Some(10.0));
        assert_eq!(get("final_use.total"), Some(29.0));
    }

    #[test]
    fn live_production_methods_by_code_with_solar_in_the_total() {
        // ProdbrEl as the live table has it: methods by code, nuclear and other condensing
        // power apart, CHP and back-pressure apart, solar, a total labelled `Totalt`.
        // (SYNTHETIC figures.)
        let body = r#"{"id":["Region","Produktionssatt","Bransle","ContentsCode","Tid"],"size":[1,8,1,1,1],
          "dimension":{"Region":{"category":{"index":["0382"]}},
          "Produktionssatt":{"category":{"index":["4.1","4.2","4.3","4.4","4.5","4.6","4.7","4"],"label":{"4.1":"vattenkraft","4.2":"vindkraft","4.3":"kärnkraft","4.4":"övrig kondenskraft","4.5":"kraftvärme","4.6":"industriellt mottryck","4.7":"solkraft","4":"Totalt"}}},
          "Bransle":{"category":{"index":["17"],"label":{"17":"elproduktion"}}},
          "ContentsCode":{"category":{"index":["EN0203AD"]}},"Tid":{"category":{"index":["2023"]}}},
          "value":[10,20,1000,5,30,7,3,1075]}"#;
        let c = Cube::parse(body.as_bytes(), "t").unwrap();
        let f = energy(&c, "t", (2000, 2030), &known()).unwrap();
        let get = |v: &str| f.iter().find(|x| x.variable == v).unwrap().number();
        assert_eq!(get("electricity_production.hydro"), Some(10.0));
        assert_eq!(get("electricity_production.wind"), Some(20.0));
        assert_eq!(get("electricity_production.other_thermal"), Some(1005.0));
        assert_eq!(get("electricity_production.chp"), Some(37.0));
        assert_eq!(get("electricity_production.solar"), Some(3.0));
        assert_eq!(get("electricity_production.total"), Some(1075.0));
        // Without solar among the parts the total would not add up; with a wrong total it
        // does not either.
        let e = energy(
            &Cube::parse(body.replace("3,1075]", "3,1050]").as_bytes(), "t").unwrap(),
            "t",
            (2000, 2030),
            &known(),
        )
        .unwrap_err();
        assert!(e.contains("disagrees"), "{e}");
    }
}

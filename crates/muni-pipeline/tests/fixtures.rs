//! The importer on hand-written, SYNTHETIC fixtures in every upstream format (see
//! `fixtures/make_fixtures.py`): each quirk is handled, and each kind of bad input stops the
//! import with file, line and value, leaving the previous `data/normalised/` untouched.

mod common;

use std::path::{Path, PathBuf};

use common::{indicator, root, temp_dir, value};
use muni_model::Status;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// A data folder with the project's reviewed buyer mapping and a good import of the fixtures.
fn imported(name: &str) -> PathBuf {
    let data = temp_dir(name);
    std::fs::copy(
        root().join("data/buyer_attribution.csv"),
        data.join("buyer_attribution.csv"),
    )
    .unwrap();
    muni_pipeline::import::import_all(&fixtures().join("upstream"), &data)
        .expect("fixtures import");
    data
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn fact<'a>(rows: &'a [String], prefix: &str) -> &'a str {
    rows.iter()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting {prefix:?}"))
}

#[test]
fn quirks_of_every_format_are_handled() {
    let data = imported("quirks");
    let energy = lines(&data.join("normalised/energy.csv"));
    // Heby: 2005–2006 from the old code 1917, 2007–2008 from 0331, added under 0331.
    assert_eq!(
        fact(&energy, "0331,2005,final_use.agriculture,"),
        "0331,2005,final_use.agriculture,67941,ok"
    );
    assert_eq!(
        fact(&energy, "0331,2007,final_use.agriculture,"),
        "0331,2007,final_use.agriculture,37359,ok"
    );
    assert!(!energy.iter().any(|l| l.starts_with("1917,")));
    // `..` is confidential, never 0; the U+FFFD labels were matched.
    assert_eq!(
        fact(&energy, "0382,2009,final_use.industry,"),
        "0382,2009,final_use.industry,,confidential"
    );
    assert_eq!(
        fact(&energy, "0382,2019,electricity_production.other_thermal,"),
        "0382,2019,electricity_production.other_thermal,24277961,ok"
    );
    // No wind row before 2009: missing, not 0. Confidential wind stays confidential.
    assert_eq!(
        fact(&energy, "0181,2005,electricity_production.wind,"),
        "0181,2005,electricity_production.wind,,missing"
    );
    assert_eq!(
        fact(&energy, "0181,2010,electricity_production.wind,"),
        "0181,2010,electricity_production.wind,,confidential"
    );

    let members = std::fs::read_to_string(data.join("normalised/network_members.csv")).unwrap();
    assert!(members.contains("0382,Östhammar,03"), "{members}");

    let buyers = lines(&data.join("normalised/procurement_buyers.csv"));
    assert_eq!(
        fact(&buyers, "2120001132,"),
        "2120001132,LUNDS KOMMUN,Kommuner,1281,kommun_name"
    );
    assert_eq!(
        fact(&buyers, "2121850000,"),
        "2121850000,KARLSTADS KOMMUN,Kommuner,1780,kommun_name"
    );
    assert_eq!(
        fact(&buyers, "2120000803,"),
        "2120000803,REGION GOTLAND,Kommuner,0980,mapping"
    );
    assert_eq!(
        fact(&buyers, "5567701437,"),
        "5567701437,TELGE INKÖP AB,Övriga aktiebolag,0181,mapping"
    );
    assert_eq!(
        fact(&buyers, "5560123050,"),
        "5560123050,SANDVIKEN ENERGI AKTIEBOLAG,Övriga aktiebolag,,none"
    );
    assert_eq!(
        fact(&buyers, "0145076-7,"),
        "0145076-7,ÅLANDS LANDSKAPSREGERING,,,none"
    );
    // The reused Upphandlings-ID gives two notices, not an error.
    let notices = lines(&data.join("normalised/procurement_notices.csv"));
    assert_eq!(notices.iter().filter(|l| l.contains(",MT8,")).count(), 2);

    // And the fixtures build.
    let out = data.join("public");
    muni_pipeline::build(&data, &out).unwrap();
    let count = indicator(&out, "procurement_count");
    assert_eq!(value(&count, "2580", 2021), (Some(3.0), Status::Ok));
    assert_eq!(value(&count, "1780", 2021), (Some(2.0), Status::Ok));
    assert_eq!(value(&count, "0181", 2021), (Some(1.0), Status::Ok));
    assert_eq!(value(&count, "00", 2021), (Some(8.0), Status::Ok));
    // Östhammar has no attributed buyer: missing, so the network sum is withheld.
    assert_eq!(value(&count, "0382", 2021), (None, Status::Missing));
    assert_eq!(value(&count, "network", 2021), (None, Status::Incomplete));
    let innovation = indicator(&out, "procurement_innovation_share");
    let (v, st) = value(&innovation, "2580", 2021);
    assert_eq!(st, Status::Ok);
    assert!((v.unwrap() - 200.0 / 3.0).abs() < 1e-3, "{v:?}");
    let worth = indicator(&out, "procurement_value");
    assert_eq!(value(&worth, "2580", 2021), (Some(2_501_460.0), Status::Ok));
    let production = indicator(&out, "electricity_production_total");
    let (v, st) = value(&production, "0382", 2019);
    assert_eq!(st, Status::Ok);
    assert!(v.unwrap() > 24_277_961.0);
}

/// Imports a corrupted copy of the fixtures over a good import and checks the error and that
/// nothing was replaced.
fn assert_rejected(name: &str, corrupt: impl FnOnce(&Path), expect: &[&str]) {
    let data = imported(name);
    let before: Vec<(PathBuf, Vec<u8>)> = common::files(&data.join("normalised"))
        .into_iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::read(data.join("normalised").join(f)).unwrap(),
            )
        })
        .collect();
    let upstream = temp_dir(&format!("{name}-upstream"));
    copy_tree(&fixtures().join("upstream"), &upstream);
    corrupt(&upstream);
    let err = muni_pipeline::import::import_all(&upstream, &data)
        .expect_err("corrupted input must be rejected")
        .to_string();
    for e in expect {
        assert!(err.contains(e), "error {err:?} should contain {e:?}");
    }
    for (f, bytes) in before {
        assert_eq!(
            std::fs::read(data.join("normalised").join(&f)).unwrap(),
            bytes,
            "{} was touched",
            f.display()
        );
    }
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

/// The 1-based line of the first line containing `needle`.
fn line_of(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn non_numeric_value_is_rejected() {
    assert_rejected(
        "bad-value",
        |u| {
            edit(&u.join("scb-energy/EN0203AE_fixture_a.csv"), |t| {
                t.replacen(";109;", ";1O9;", 1)
            })
        },
        &[
            "EN0203AE_fixture_a.csv:2",
            "\"1O9\"",
            "neither a number nor `..`",
        ],
    );
}

#[test]
fn map_outlines_are_projected_simplified_and_checked() {
    let data = imported("geo");
    let shapes: muni_model::geo::Shapes = serde_json::from_slice(
        &std::fs::read(data.join("normalised/municipality_shapes.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(shapes.shapes.len(), 290);
    let osthammar = shapes
        .shapes
        .iter()
        .find(|s| s.code.as_str() == "0382")
        .unwrap();
    assert_eq!(osthammar.rings.len(), 2, "the island stays, the speck goes");
    for s in &shapes.shapes {
        for ring in s.points() {
            // A closed square: four corners, the closing point dropped.
            assert!(ring.len() >= 3, "{}", s.code.as_str());
            assert!(
                ring.iter()
                    .all(|&(x, y)| (0..=shapes.width).contains(&x)
                        && (0..=shapes.height).contains(&y))
            );
        }
    }
    let mut tiles: Vec<(u16, u16)> = shapes.shapes.iter().map(|s| s.tile).collect();
    tiles.sort();
    tiles.dedup();
    assert_eq!(tiles.len(), 290, "one tile each");
    // A feature naming no municipality stops the import with the file, feature and value.
    let file = "geo/swedish_municipalities.geojson";
    assert_rejected(
        "bad-geo",
        |u| {
            edit(&u.join(file), |t| {
                t.replacen("\"id\": \"0382\"", "\"id\": \"0399\"", 1)
            })
        },
        &[
            "swedish_municipalities.geojson",
            "0399",
            "not a municipality code",
        ],
    );
}

#[test]
fn unknown_region_code_is_rejected() {
    let file = "scb-energy/EN0203AD_fixture.csv";
    let line = line_of(&fixtures().join("upstream").join(file), "\"0382 ");
    assert_rejected(
        "bad-region",
        |u| edit(&u.join(file), |t| t.replace("\"0382 ", "\"0399 ")),
        &[
            &format!("EN0203AD_fixture.csv:{line}"),
            "0399",
            "unknown region code",
        ],
    );
}

#[test]
fn total_that_disagrees_with_its_parts_is_rejected() {
    let file = "scb-energy/EN0203AD_fixture.csv";
    let path = fixtures().join("upstream").join(file);
    let total = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .find(|l| l.starts_with("\"00 Riket\";\"summa br\u{FFFD}nsletyp\";\"elproduktion\""))
        .unwrap()
        .to_owned();
    let first: i64 = total.split(';').nth(3).unwrap().parse().unwrap();
    let line = line_of(&path, &total);
    let bad = total.replacen(&format!(";{first};"), &format!(";{};", first + 1000), 1);
    assert_rejected(
        "bad-total",
        |u| edit(&u.join(file), |t| t.replace(&total, &bad)),
        &[
            &format!("EN0203AD_fixture.csv:{line}"),
            &format!("\"{}\"", first + 1000),
            "disagrees with the sum of its parts",
        ],
    );
}

#[test]
fn duplicate_key_is_rejected() {
    let file = "scb-energy/EN0203AE_fixture_b.csv";
    let n = std::fs::read_to_string(fixtures().join("upstream").join(file))
        .unwrap()
        .lines()
        .count();
    assert_rejected(
        "bad-duplicate",
        |u| {
            edit(&u.join(file), |t| {
                let second = t.lines().nth(1).unwrap().to_owned();
                format!("{t}{second}\r\n")
            })
        },
        &[
            &format!("EN0203AE_fixture_b.csv:{}", n + 1),
            "duplicate figure",
            "EN0203AE_fixture_b.csv:2",
        ],
    );
}

#[test]
fn unknown_category_label_is_rejected() {
    let file = "scb-energy/EN0203AE_fixture_a.csv";
    let line = line_of(
        &fixtures().join("upstream").join(file),
        "slutanv. transporter",
    );
    assert_rejected(
        "bad-label",
        |u| {
            edit(&u.join(file), |t| {
                t.replace("slutanv. transporter", "slutanv. rymdfart")
            })
        },
        &[
            &format!("EN0203AE_fixture_a.csv:{line}"),
            "slutanv. rymdfart",
            "unknown category",
        ],
    );
}

#[test]
fn ragged_csv_line_is_rejected() {
    let file = "scb-energy/000000BS_fixture.csv";
    assert_rejected(
        "bad-ragged",
        |u| {
            edit(&u.join(file), |t| {
                let mut lines: Vec<String> = t.split("\r\n").map(str::to_owned).collect();
                lines[4] = lines[4].rsplit_once(';').unwrap().0.to_owned();
                lines.join("\r\n")
            })
        },
        &["000000BS_fixture.csv:5", "malformed CSV line"],
    );
}

#[test]
fn latin1_export_that_disagrees_is_rejected() {
    let file = "scb-energy/ProdbrEl_2009-2013_latin1.csv";
    assert_rejected(
        "bad-latin1",
        |u| {
            let p = u.join(file);
            let bytes = std::fs::read(&p).unwrap();
            let text: String = bytes.iter().map(|&b| b as char).collect(); // Latin-1 → chars
            let line = text.lines().nth(1).unwrap().to_owned();
            let (head, last) = line.rsplit_once(',').unwrap();
            let changed = format!("{head},{}", last.parse::<i64>().unwrap() + 7);
            let out: Vec<u8> = text
                .replacen(&line, &changed, 1)
                .chars()
                .map(|c| c as u8)
                .collect();
            std::fs::write(&p, out).unwrap();
        },
        &[
            "ProdbrEl_2009-2013_latin1.csv:2",
            "disagrees with the UTF-8 export",
        ],
    );
}

#[test]
fn duplicate_procurement_is_rejected() {
    assert_rejected(
        "bad-procurement",
        |u| {
            std::fs::copy(
                fixtures().join("bad_duplicate_procurement.xlsx"),
                u.join("procurement/number_of_procurements.xlsx"),
            )
            .unwrap();
        },
        &[
            "number_of_procurements.xlsx:14",
            "\"KA1\"",
            "duplicate procurement",
            "row 2",
        ],
    );
}

#[test]
fn member_with_wrong_name_is_rejected() {
    assert_rejected(
        "bad-member",
        |u| {
            edit(&u.join("network/members.csv"), |t| {
                t.replace("0382,Östhammar", "0382,Östhamar")
            })
        },
        &["members.csv:3", "Östhamar", "Östhammar"],
    );
}

#[test]
fn bad_normalised_status_stops_the_build_and_keeps_the_published_data() {
    let data = imported("bad-status");
    let out = data.join("public");
    muni_pipeline::build(&data, &out).unwrap();
    let catalog_before = std::fs::read(out.join("catalog.json")).unwrap();
    let energy = data.join("normalised/energy.csv");
    edit(&energy, |t| t.replacen(",ok\n", ",secret\n", 1));
    let err = muni_pipeline::build(&data, &out)
        .expect_err("unknown status")
        .to_string();
    assert!(
        err.contains("energy.csv:2") && err.contains("secret"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(out.join("catalog.json")).unwrap(),
        catalog_before
    );
}

const PANEL: &str = "scb-employment/panel_2020_2024_subset.csv";

/// Replaces line `line` (1-based) of the employment panel by what `f` makes of it.
fn edit_panel_line(u: &Path, line: usize, f: impl FnOnce(&str) -> String) {
    edit(&u.join(PANEL), |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_owned).collect();
        lines[line - 1] = f(&lines[line - 1]);
        lines.join("\n") + "\n"
    })
}

#[test]
fn the_employment_panel_becomes_employment_facts_and_extends_population() {
    let data = imported("employment");
    let employment = lines(&data.join("normalised/employment.csv"));
    assert_eq!(employment[0], "region_code,year,variable,value,status");
    // 290 municipalities × 5 years × 2 variables, municipalities only.
    assert_eq!(employment.len() - 1, 290 * 5 * 2);
    // Upplands Väsby 2020 in the fixture: 741 employed, share 15.5195… % → 115 in B+C.
    assert_eq!(
        fact(&employment, "0114,2020,employment.b_c,"),
        "0114,2020,employment.b_c,115,ok"
    );
    assert_eq!(
        fact(&employment, "0114,2020,employment.total,"),
        "0114,2020,employment.total,741,ok"
    );
    // The panel's 2024 population extends the series; 2020–2023 were checked against it.
    let population = lines(&data.join("normalised/population.csv"));
    assert_eq!(
        fact(&population, "0114,2024,population,"),
        "0114,2024,population,1510,ok"
    );
    // Built: Riket is the sum of the 290 municipalities, and the share is computed from it.
    let out = data.join("public");
    muni_pipeline::build(&data, &out).unwrap();
    let panel =
        std::fs::read_to_string(fixtures().join("upstream").join(PANEL)).unwrap_or_default();
    let (mut bc, mut total) = (0.0, 0.0);
    for l in panel.lines().skip(1).filter(|l| l.contains(",2024,")) {
        let c: Vec<&str> = l.split(',').collect();
        let t: f64 = c[4].parse().unwrap();
        bc += (c[5].parse::<f64>().unwrap() * t / 100.0).round();
        total += t;
    }
    let count = indicator(&out, "employment_industry");
    assert_eq!(value(&count, "00", 2024), (Some(bc), Status::Ok));
    let share = indicator(&out, "employment_industry_share");
    let (v, st) = value(&share, "00", 2024);
    assert_eq!(st, Status::Ok);
    assert!((v.unwrap() - 100.0 * bc / total).abs() < 0.0005, "{v:?}");
    // The catalog's headline sentence states the same sums.
    let catalog = common::catalog(&out);
    let h = catalog.headline.clone().expect("a headline");
    assert_eq!((h.year, h.country), (2024, Some(bc)));
    assert_eq!((h.reported, h.members), (3, 3));
    // No RAMS years: no series break is listed.
    let meta = catalog.indicator("employment_industry_share").unwrap();
    assert!(meta.breaks.is_empty(), "{:?}", meta.breaks);
}

#[test]
fn employment_share_that_is_not_a_whole_number_of_employed_is_rejected() {
    assert_rejected(
        "bad-employment-fraction",
        |u| {
            edit_panel_line(u, 2, |l| {
                let (head, _) = l.rsplit_once(',').unwrap();
                format!("{head},15.6")
            })
        },
        &[
            "panel_2020_2024_subset.csv:2",
            "\"15.6\"",
            "not a whole number of employed",
        ],
    );
}

#[test]
fn employment_panel_with_an_unknown_or_missing_code_is_rejected() {
    assert_rejected(
        "bad-employment-code",
        |u| edit_panel_line(u, 3, |l| l.replacen("0114,", "0199,", 1)),
        &[
            "panel_2020_2024_subset.csv:3",
            "\"0199\"",
            "not a municipality code",
        ],
    );
    assert_rejected(
        "bad-employment-nocode",
        |u| edit_panel_line(u, 4, |l| l.replacen("0114,", ",", 1)),
        &["panel_2020_2024_subset.csv:4", "kommun_kod is missing"],
    );
}

#[test]
fn employment_panel_with_a_year_outside_its_range_is_rejected() {
    assert_rejected(
        "bad-employment-year",
        |u| edit_panel_line(u, 6, |l| l.replacen(",2024,", ",2025,", 1)),
        &[
            "panel_2020_2024_subset.csv:6",
            "\"2025\"",
            "year is not one of 2020–2024",
        ],
    );
}

#[test]
fn employment_panel_with_a_duplicate_row_is_rejected() {
    assert_rejected(
        "bad-employment-duplicate",
        |u| {
            edit_panel_line(u, 3, |_| {
                "0114,Upplands Väsby,2020,1482.0,741.0,15.519568151147098".into()
            })
        },
        &[
            "panel_2020_2024_subset.csv:3",
            "\"0114 2020\"",
            "duplicate municipality and year",
        ],
    );
}

#[test]
fn employment_panel_with_a_non_numeric_value_is_rejected() {
    assert_rejected(
        "bad-employment-value",
        |u| edit_panel_line(u, 5, |l| l.replacen(".0,", ".0x,", 1)),
        &["panel_2020_2024_subset.csv:5", "folkmangd is not a number"],
    );
    assert_rejected(
        "bad-employment-employed",
        |u| {
            edit_panel_line(u, 5, |l| {
                let c: Vec<&str> = l.split(',').collect();
                format!("{},{},{},{},-{},{}", c[0], c[1], c[2], c[3], c[4], c[5])
            })
        },
        &[
            "panel_2020_2024_subset.csv:5",
            "sysselsatta_totalt is not a whole non-negative number",
        ],
    );
}

#[test]
fn employment_panel_population_that_disagrees_is_rejected() {
    assert_rejected(
        "bad-employment-population",
        |u| edit_panel_line(u, 2, |l| l.replacen(",1482.0,", ",1483.0,", 1)),
        &[
            "panel_2020_2024_subset.csv:2",
            "\"1483\"",
            "folkmangd differs from the population series",
        ],
    );
}

#[test]
fn employment_panel_without_every_municipality_is_rejected() {
    assert_rejected(
        "bad-employment-incomplete",
        |u| {
            edit(&u.join(PANEL), |t| {
                t.lines()
                    .filter(|l| !l.starts_with("2580,"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n"
            })
        },
        &["panel_2020_2024_subset.csv", "expected 1450 rows", "2580"],
    );
}

const LABOUR: &str = "scb-labour/panel_2018_2024_labour_skills.csv";

/// The labour panel's SYNTHETIC rows as (code, year) → the four rates as written.
fn labour_panel() -> std::collections::BTreeMap<(String, u16), Vec<String>> {
    let text = std::fs::read_to_string(fixtures().join("upstream").join(LABOUR)).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (
                (c[0].to_owned(), c[2].parse().unwrap()),
                c[3..7].iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn the_labour_panel_becomes_rates_with_a_median_and_no_sums() {
    let data = imported("labour");
    let labour = lines(&data.join("normalised/labour.csv"));
    assert_eq!(labour[0], "region_code,year,variable,value,status");
    // 290 municipalities × (5 + 5 + 7 + 6) years; values exactly as written.
    assert_eq!(labour.len() - 1, 290 * 23);
    let panel = labour_panel();
    let written = &panel[&("0114".to_owned(), 2019)][2];
    assert_eq!(
        fact(&labour, "0114,2019,labour.post_secondary_share,"),
        format!("0114,2019,labour.post_secondary_share,{written},ok")
    );
    // The empty cell in a year the others have is missing, never 0; years without the series
    // (employment rate 2018, students 2024) are not written at all.
    assert_eq!(
        fact(&labour, "2580,2021,labour.unemployment_rate,"),
        "2580,2021,labour.unemployment_rate,,missing"
    );
    assert!(
        !labour
            .iter()
            .any(|l| l.contains(",2018,labour.employment_rate"))
    );
    assert!(
        !labour
            .iter()
            .any(|l| l.contains(",2024,labour.students_share"))
    );

    let out = data.join("public");
    muni_pipeline::build(&data, &out).unwrap();
    let members = ["0181", "0382", "2580"];
    let rate = |code: &str, year: u16, k: usize| -> Option<f64> {
        panel[&(code.to_owned(), year)][k].parse().ok()
    };
    let median = |year: u16, k: usize| {
        let mut v: Vec<f64> = members.iter().filter_map(|m| rate(m, year, k)).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let employment = indicator(&out, "labour_employment_rate");
    assert_eq!(employment.years, vec![2020, 2021, 2022, 2023, 2024]);
    let (v, st) = value(&employment, "network_median", 2024);
    assert_eq!((v, st), (Some(median(2024, 0)), Status::Ok));
    // A sum of rates is meaningless: no network sum, no county, no Riket.
    for region in ["network", "00", "01"] {
        assert!(employment.series(region).is_none(), "{region}");
    }
    // Luleå has no unemployment rate in 2021: the median is over the two that reported, and
    // says it is incomplete.
    let unemployment = indicator(&out, "labour_unemployment_rate");
    let (v, st) = value(&unemployment, "network_median", 2021);
    let two = (rate("0181", 2021, 1).unwrap() + rate("0382", 2021, 1).unwrap()) / 2.0;
    assert_eq!(st, Status::Incomplete);
    assert!((v.unwrap() - two).abs() < 1e-9, "{v:?} {two}");
    // Rank 1 is the lowest unemployment.
    let lowest = panel
        .iter()
        .filter(|((_, y), r)| *y == 2024 && !r[1].is_empty())
        .min_by(|a, b| {
            a.1[1]
                .parse::<f64>()
                .unwrap()
                .total_cmp(&b.1[1].parse::<f64>().unwrap())
        })
        .unwrap();
    assert!(!unemployment.rank_descending);
    let s = unemployment.series(&lowest.0.0).unwrap();
    assert_eq!(s.rank_national[4], Some(1), "{}", lowest.0.0);
    let catalog = common::catalog(&out);
    let meta = catalog.indicator("labour_unemployment_rate").unwrap();
    assert!(meta.rate && !meta.additive);
    assert_eq!(meta.theme, muni_model::Theme::Skills);
}

/// Replaces line `line` (1-based) of the labour panel by what `f` makes of it.
fn edit_labour_line(u: &Path, line: usize, f: impl FnOnce(Vec<String>) -> Vec<String>) {
    edit(&u.join(LABOUR), |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_owned).collect();
        let cells = lines[line - 1].split(',').map(str::to_owned).collect();
        lines[line - 1] = f(cells).join(",");
        lines.join("\n") + "\n"
    })
}

#[test]
fn labour_panel_whose_lag_disagrees_with_the_previous_year_is_rejected() {
    // Line 5 is Upplands Väsby 2021: its lag1_sysselsattningsgrad repeats 2020's value.
    let panel = labour_panel();
    let previous = panel[&("0114".to_owned(), 2020)][0].clone();
    assert_rejected(
        "bad-labour-lag",
        |u| {
            edit_labour_line(u, 5, |mut c| {
                c[7] = "99.9".into();
                c
            })
        },
        &[
            "panel_2018_2024_labour_skills.csv:5",
            "\"99.9\"",
            &format!(
                "lag1_sysselsattningsgrad differs from sysselsattningsgrad of 0114 2020 ({previous})"
            ),
        ],
    );
}

#[test]
fn labour_panel_with_a_rate_that_is_not_a_per_cent_is_rejected() {
    assert_rejected(
        "bad-labour-value",
        |u| {
            edit_labour_line(u, 4, |mut c| {
                c[5] = "1O5.2".into();
                c
            })
        },
        &[
            "panel_2018_2024_labour_skills.csv:4",
            "\"1O5.2\"",
            "andel_eftergymnasial is not a per cent between 0 and 100",
        ],
    );
    assert_rejected(
        "bad-labour-range",
        |u| {
            edit_labour_line(u, 4, |mut c| {
                c[3] = "100.1".into();
                c
            })
        },
        &[
            "panel_2018_2024_labour_skills.csv:4",
            "\"100.1\"",
            "sysselsattningsgrad is not a per cent",
        ],
    );
}

#[test]
fn labour_panel_with_a_bad_code_name_year_or_row_count_is_rejected() {
    assert_rejected(
        "bad-labour-code",
        |u| {
            edit_labour_line(u, 3, |mut c| {
                c[0] = "0199".into();
                c
            })
        },
        &[
            "panel_2018_2024_labour_skills.csv:3",
            "\"0199\"",
            "not a municipality code",
        ],
    );
    assert_rejected(
        "bad-labour-name",
        |u| {
            edit_labour_line(u, 3, |mut c| {
                c[1] = "Upplands Vasby".into();
                c
            })
        },
        &[
            "panel_2018_2024_labour_skills.csv:3",
            "\"Upplands Vasby\"",
            "the code list names 0114",
        ],
    );
    assert_rejected(
        "bad-labour-year",
        |u| {
            edit_labour_line(u, 3, |mut c| {
                c[2] = "2017".into();
                c
            })
        },
        &[
            "panel_2018_2024_labour_skills.csv:3",
            "\"2017\"",
            "year is not one of 2018–2024",
        ],
    );
    assert_rejected(
        "bad-labour-duplicate",
        |u| {
            edit(&u.join(LABOUR), |t| {
                let second = t.lines().nth(1).unwrap().to_owned();
                format!("{t}{second}\n")
            })
        },
        &["\"0114 2018\"", "duplicate municipality and year"],
    );
    assert_rejected(
        "bad-labour-incomplete",
        |u| {
            edit(&u.join(LABOUR), |t| {
                t.lines()
                    .filter(|l| !l.starts_with("2580,Luleå,2024"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n"
            })
        },
        &[
            "panel_2018_2024_labour_skills.csv",
            "expected 2030 rows",
            "2580",
        ],
    );
}

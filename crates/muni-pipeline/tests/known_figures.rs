//! Known figures reproduced exactly from the committed `data/`, as published by the sources.

mod common;

use common::{built, catalog, indicator, root, value};
use muni_model::{IndicatorStatus, RegionLevel, Status};
use polars::prelude::*;

#[test]
fn riket_final_energy_use_2009_and_2020_to_the_mwh() {
    let f = indicator(built(), "energy_final_use_total");
    // 379.9 TWh and 364.3 TWh as published by SCB (EN0203AE, `summa`).
    assert_eq!(value(&f, "00", 2009), (Some(379_929_770.0), Status::Ok));
    assert_eq!(value(&f, "00", 2020), (Some(364_287_721.0), Status::Ok));
    // SCB withholds Riket's 2010 total: it stays confidential, never 0.
    assert_eq!(value(&f, "00", 2010), (None, Status::Confidential));
}

#[test]
fn osthammar_electricity_production_2019() {
    let f = indicator(built(), "electricity_production_total");
    assert_eq!(value(&f, "0382", 2019), (Some(24_277_961.0), Status::Ok));
    // SCB withholds Östhammar's 2015 figure: confidential, never 0; Oskarshamn's is missing.
    assert_eq!(value(&f, "0382", 2015), (None, Status::Confidential));
    assert_eq!(value(&f, "0882", 2019).0, None);
    // Riket 164.1 TWh in 2019.
    assert_eq!(value(&f, "00", 2019), (Some(164_098_691.0), Status::Ok));
}

#[test]
fn the_2007_zeros_of_electricity_production_are_as_the_note_says() {
    // The note on the production indicators (sources.rs ZEROS_2007) names these figures.
    let f = indicator(built(), "electricity_production_total");
    assert_eq!(value(&f, "0481", 2006), (Some(179_138.0), Status::Ok));
    assert_eq!(value(&f, "0481", 2007), (Some(0.0), Status::Ok));
    assert_eq!(value(&f, "0481", 2008), (Some(239_611.0), Status::Ok));
    let perstorp: Vec<_> = [2006, 2007, 2008].map(|y| value(&f, "1275", y).0).to_vec();
    assert_eq!(perstorp, [Some(33_562.0), Some(0.0), Some(26_988.0)]);
    let zero_between = f
        .series
        .iter()
        .filter(|s| s.region.level() == RegionLevel::Municipality)
        .filter(|s| {
            let v = |y: u16| value(&f, s.region.as_str(), y).0;
            v(2007) == Some(0.0)
                && v(2006).is_some_and(|x| x > 0.0)
                && v(2008).is_some_and(|x| x > 0.0)
        })
        .count();
    assert_eq!(zero_between, 13);
    let note = &f.notes;
    assert!(
        note.iter()
            .any(|n| n.sv.contains("0 år 2007 i 13 kommuner")),
        "{note:?}"
    );
}

#[test]
fn municipal_populations_2023_sum_to_riket() {
    let f = indicator(built(), "population");
    let cat = catalog(built());
    let municipalities: Vec<&str> = cat
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(municipalities.len(), 290);
    let sum: f64 = municipalities
        .iter()
        .map(|m| {
            value(&f, m, 2023)
                .0
                .expect("every municipality has a 2023 population")
        })
        .sum();
    assert_eq!(sum, 10_551_707.0);
    assert_eq!(value(&f, "00", 2023), (Some(10_551_707.0), Status::Ok));
    // 2022 from the 1950–2022 table (by name) sums to 10,521,556.
    assert_eq!(value(&f, "00", 2022), (Some(10_521_556.0), Status::Ok));
}

#[test]
fn innovation_procurements_2021_by_municipalities_and_nationally() {
    let dir = root().join("data/normalised");
    let notices =
        LazyCsvReader::new(PlRefPath::try_from_path(&dir.join("procurement_notices.csv")).unwrap())
            .with_has_header(true)
            .with_dtype_overwrite(Some(Arc::new(Schema::from_iter([Field::new(
                "buyer_org_nr".into(),
                DataType::String,
            )]))))
            .finish()
            .unwrap();
    let buyers =
        LazyCsvReader::new(PlRefPath::try_from_path(&dir.join("procurement_buyers.csv")).unwrap())
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .finish()
            .unwrap();
    let counts = notices
        .join(
            buyers,
            [col("buyer_org_nr")],
            [col("org_nr")],
            JoinArgs::new(JoinType::Left),
        )
        .select([
            col("innovation").sum().alias("national"),
            col("innovation")
                .filter(col("legal_form").eq(lit("Kommuner")))
                .sum()
                .alias("kommuner"),
            len().alias("rows"),
        ])
        .collect()
        .unwrap();
    let get = |c: &str| {
        counts
            .column(c)
            .unwrap()
            .cast(&DataType::Int64)
            .unwrap()
            .i64()
            .unwrap()
            .get(0)
            .unwrap()
    };
    assert_eq!(get("rows"), 18_421);
    assert_eq!(get("national"), 809);
    assert_eq!(get("kommuner"), 398);
    // The published indicator sums the attributed buyers: the 398, plus Telge Inköp AB's (none).
    let f = indicator(built(), "procurement_innovation_count");
    assert_eq!(value(&f, "00", 2021), (Some(398.0), Status::Ok));
}

#[test]
fn every_indicator_has_provenance_and_published_ones_have_years() {
    let cat = catalog(built());
    assert!(cat.indicators.len() >= 25);
    for i in &cat.indicators {
        let s = &i.source;
        for (what, text) in [
            ("name", &s.name.sv),
            ("name (en)", &s.name.en),
            ("table", &s.table),
            ("url", &s.url),
            ("licence", &s.licence),
        ] {
            assert!(!text.trim().is_empty(), "{}: source {what} is empty", i.id);
        }
        assert!(
            !i.title.sv.is_empty()
                && !i.title.en.is_empty()
                && !i.definition.sv.is_empty()
                && !i.definition.en.is_empty(),
            "{}",
            i.id
        );
        match i.status {
            IndicatorStatus::Available => {
                assert!(!i.years.is_empty(), "{}", i.id);
                assert!(
                    built().join(i.file.as_deref().unwrap()).exists(),
                    "{}",
                    i.id
                );
            }
            IndicatorStatus::AwaitingFetch => {
                assert!(i.file.is_none() && i.years.is_empty(), "{}", i.id)
            }
        }
    }
    // Employment is lit by the embedded BAS panel, 2020–2024.
    let e = cat.indicator("employment_industry").unwrap();
    assert_eq!(e.status, IndicatorStatus::Available);
    assert_eq!(e.years, (2020..=2024).collect::<Vec<u16>>());
    assert!(
        e.source.table.contains("AM0210F ArRegUtb"),
        "{}",
        e.source.table
    );
    assert!(
        e.source
            .table
            .contains("Lulea-statistik/Samband-inflyttning")
    );
}

#[test]
fn employed_in_industry_as_published_by_scb_bas() {
    let f = indicator(built(), "employment_industry");
    // Sweden (the sum of the 290 municipalities): 538,112 in 2020 and 561,718 in 2024.
    assert_eq!(value(&f, "00", 2020), (Some(538_112.0), Status::Ok));
    assert_eq!(value(&f, "00", 2024), (Some(561_718.0), Status::Ok));
    assert_eq!(value(&f, "0181", 2024), (Some(23_534.0), Status::Ok));
    assert_eq!(value(&f, "0114", 2020), (Some(1_131.0), Status::Ok));
    // The network: every member reports, 100,246 in 2024 (computed from the panel).
    assert_eq!(value(&f, "network", 2024), (Some(100_246.0), Status::Ok));
    let total = indicator(built(), "employment_total");
    assert_eq!(value(&total, "00", 2020), (Some(4_993_302.0), Status::Ok));
    assert_eq!(value(&total, "00", 2024), (Some(5_260_688.0), Status::Ok));
    // Industry's share of employment in Sweden: 10.7 % in 2024.
    let share = indicator(built(), "employment_industry_share");
    let (v, st) = value(&share, "00", 2024);
    assert_eq!(st, Status::Ok);
    assert!((v.unwrap() - 100.0 * 561_718.0 / 5_260_688.0).abs() < 0.0005);
    // Odd but as published: Färgelanda 2024 has 2,045 employed, 4.8 % of them in B+C.
    assert_eq!(value(&total, "1439", 2024), (Some(2_045.0), Status::Ok));
    // The headline sentence states those sums, with year and source.
    let cat = catalog(built());
    let h = cat.headline.clone().expect("a headline");
    assert_eq!(
        (h.year, h.network, h.country),
        (2024, 100_246.0, Some(561_718.0))
    );
    assert_eq!((h.reported, h.members), (24, 24));
    let sv = h.sentence(&cat, muni_model::Lang::Sv);
    assert!(
        sv.starts_with("2024 arbetade 100\u{a0}246 personer i industrin"),
        "{sv}"
    );
    assert!(
        sv.contains("av 561\u{a0}718 i hela Sverige (17,8\u{a0}%)"),
        "{sv}"
    );
    assert!(sv.contains("Källa: SCB"), "{sv}");
    let en = h.sentence(&cat, muni_model::Lang::En);
    assert!(
        en.starts_with("In 2024, 100,246 people worked in industry"),
        "{en}"
    );
    // Population 2024 comes from the same panel; Riket is the sum of the municipalities.
    let pop = indicator(built(), "population");
    assert_eq!(value(&pop, "0114", 2024), (Some(50_323.0), Status::Ok));
    assert_eq!(value(&pop, "00", 2024), (Some(10_587_710.0), Status::Ok));
}

#[test]
fn withheld_values_are_never_numbers() {
    let cat = catalog(built());
    let mut confidential = 0;
    for meta in cat.indicators.iter().filter(|i| i.file.is_some()) {
        let f = indicator(built(), meta.id.as_str());
        for s in &f.series {
            assert_eq!(s.values.len(), f.years.len());
            for (v, st) in s.values.iter().zip(&s.status) {
                if *st == Status::Ok {
                    assert!(
                        v.is_some_and(f64::is_finite),
                        "{} {}: ok without a value",
                        meta.id,
                        s.region
                    );
                } else if s.region.as_str() != "network_median" {
                    assert!(v.is_none(), "{} {}: {st:?} with a value", meta.id, s.region);
                }
                confidential += usize::from(*st == Status::Confidential);
            }
        }
    }
    assert!(
        confidential > 1000,
        "the energy tables have many confidential cells, found {confidential}"
    );
}

#[test]
fn industry_final_use_is_confidential_for_many_municipalities_and_the_network_is_incomplete() {
    let f = indicator(built(), "energy_final_use_industry");
    let year = 2020;
    let n = f
        .series
        .iter()
        .filter(|s| {
            s.region.as_str().len() == 4
                && value(&f, s.region.as_str(), year).1 == Status::Confidential
        })
        .count();
    assert!(
        (34..=128).contains(&n),
        "{n} municipalities confidential in {year}"
    );
    // Some member is confidential, so the network sum is withheld rather than understated.
    let members = &catalog(built()).groups[0].members;
    if members
        .iter()
        .any(|m| value(&f, m.as_str(), year).1 != Status::Ok)
    {
        assert_eq!(value(&f, "network", year), (None, Status::Incomplete));
    }
}

#[test]
fn network_sum_and_ranks_are_consistent() {
    let cat = catalog(built());
    let members = &cat.groups[0].members;
    assert_eq!(members.len(), 24);
    let f = indicator(built(), "population");
    let sum: f64 = members
        .iter()
        .map(|m| value(&f, m.as_str(), 2022).0.unwrap())
        .sum();
    assert_eq!(value(&f, "network", 2022), (Some(sum), Status::Ok));
    // Ranks within the network run 1..=24 and follow the values.
    let i = f.years.iter().position(|&y| y == 2022).unwrap();
    let mut ranked: Vec<(u16, f64)> = members
        .iter()
        .map(|m| {
            let s = f.series(m.as_str()).unwrap();
            (s.rank_network[i].unwrap(), s.values[i].unwrap())
        })
        .collect();
    ranked.sort_by_key(|r| r.0);
    assert_eq!(ranked.first().unwrap().0, 1);
    assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
    // Stockholm is Sweden's largest municipality.
    assert_eq!(f.series("0180").unwrap().rank_national[i], Some(1));
}

#[test]
fn peers_are_the_nearest_with_every_feature_and_distances_are_symmetric() {
    let p: muni_model::peers::PeersFile =
        serde_json::from_slice(&std::fs::read(built().join("peers.json")).unwrap()).unwrap();
    assert!(p.features.len() >= 3, "{:?}", p.features);
    assert_eq!(p.municipalities.len(), 290);
    let with_peers = p
        .municipalities
        .iter()
        .filter(|m| !m.peers.is_empty())
        .count();
    assert!(with_peers > 250, "{with_peers} municipalities have peers");
    for m in &p.municipalities {
        let has: Vec<bool> = m.values.iter().map(Option::is_some).collect();
        assert!(m.peers.len() <= 5);
        assert!(m.peers.windows(2).all(|w| w[0].distance <= w[1].distance));
        for peer in &m.peers {
            assert_ne!(peer.code, m.code);
            let other = p.of(peer.code.as_str()).unwrap();
            // A peer has a value wherever the municipality has one.
            for (j, h) in has.iter().enumerate() {
                assert!(
                    !h || other.values[j].is_some(),
                    "{} → {}",
                    m.code.as_str(),
                    peer.code.as_str()
                );
            }
            // Compared on the same features, the distance is the same both ways.
            if other.values.iter().map(Option::is_some).collect::<Vec<_>>() == has
                && let Some(back) = other.peers.iter().find(|x| x.code == m.code)
            {
                assert!((back.distance - peer.distance).abs() < 1e-9);
            }
        }
        // The values are the published ones of the year given.
        for (j, f) in p.features.iter().enumerate() {
            if let (Some(v), Some(y)) = (m.values[j], m.years[j]) {
                let file = indicator(built(), &f.indicator);
                assert!((f.first_year..=f.last_year).contains(&y));
                assert_eq!(value(&file, m.code.as_str(), y), (Some(v), Status::Ok));
            }
        }
    }
}

#[test]
fn the_map_has_all_290_municipalities_on_one_tile_each() {
    let s: muni_model::geo::Shapes =
        serde_json::from_slice(&std::fs::read(built().join("geo/municipalities.json")).unwrap())
            .unwrap();
    let cat = catalog(built());
    let codes: Vec<&str> = s.shapes.iter().map(|x| x.code.as_str()).collect();
    let munis: Vec<&str> = cat
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(codes, munis);
    // Gotland (0980) is an island east of the mainland: its outline lies east of Kalmar's.
    let east = |code: &str| {
        s.shapes
            .iter()
            .find(|x| x.code.as_str() == code)
            .unwrap()
            .points()[0]
            .iter()
            .map(|p| p.0)
            .min()
            .unwrap()
    };
    assert!(east("0980") > east("0880"));
    let mut tiles: Vec<(u16, u16)> = s.shapes.iter().map(|x| x.tile).collect();
    tiles.sort();
    tiles.dedup();
    assert_eq!(tiles.len(), 290);
}

/// The skills panel (scb-labour, 2024): figures computed from the file by hand and given in
/// `../shared/data/PROVENANCE.md` (medians over the 290: employment rate 82.5 %, range
/// 71.1–89.5; post-secondary share 34.9 %).
#[test]
fn skills_and_labour_market_2024() {
    let cat = catalog(built());
    let employment = indicator(built(), "labour_employment_rate");
    // The network's 24 members: median employment rate 83.05 % (82.9 and 83.2 in the middle).
    assert_eq!(
        value(&employment, "network_median", 2024),
        (Some(83.05), Status::Ok)
    );
    let municipal: Vec<f64> = cat
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .map(|r| value(&employment, r.code.as_str(), 2024).0.unwrap())
        .collect();
    let mut sorted = municipal.clone();
    sorted.sort_by(f64::total_cmp);
    assert_eq!(sorted.len(), 290);
    assert_eq!(
        (sorted[0], (sorted[144] + sorted[145]) / 2.0, sorted[289]),
        (71.1, 82.5, 89.5)
    );
    // No Riket, county or network sum: the source gives none and rates do not add up.
    assert!(employment.series("00").is_none() && employment.series("network").is_none());

    // Danderyd has the highest post-secondary share in Sweden, Luleå in the network.
    let education = indicator(built(), "labour_post_secondary_share");
    let danderyd = education.series("0162").unwrap();
    assert_eq!(danderyd.values[6], Some(76.54465975076663));
    assert_eq!(danderyd.rank_national[6], Some(1));
    let lulea = education.series("2580").unwrap();
    assert_eq!(
        (lulea.values[6], lulea.rank_network[6]),
        (Some(50.71752546657744), Some(1))
    );

    // Unemployment ranks the lowest first: Kiruna 1.6 % is first in Sweden and the network,
    // Perstorp 11.9 % last in both.
    let unemployment = indicator(built(), "labour_unemployment_rate");
    let kiruna = unemployment.series("2584").unwrap();
    assert_eq!(
        (
            kiruna.values[4],
            kiruna.rank_national[4],
            kiruna.rank_network[4]
        ),
        (Some(1.6), Some(1), Some(1))
    );
    let perstorp = unemployment.series("1275").unwrap();
    assert_eq!(
        (perstorp.rank_national[4], perstorp.rank_network[4]),
        (Some(290), Some(24))
    );
    assert_eq!(
        value(&unemployment, "network_median", 2024),
        (Some(5.2), Status::Ok)
    );
    // The students' share ends in 2023, as the panel does.
    let students = indicator(built(), "labour_students_share");
    assert_eq!(students.years.last(), Some(&2023));
}

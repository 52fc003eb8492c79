//! Chart specs built from the committed published data show exactly the published figures:
//! gaps where a value is withheld, references where they share the scale, sources in the
//! chosen language.

use std::path::{Path, PathBuf};

use muni_chart::series::{RankingScope, line_chart, ranking_chart, source_line};
use muni_chart::{SeriesRole, line_chart_svg, ranking_chart_svg};
use muni_model::{Catalog, IndicatorFile, Lang};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

fn load(id: &str) -> (Catalog, IndicatorFile) {
    let catalog: Catalog =
        serde_json::from_slice(&std::fs::read(data().join("catalog.json")).unwrap()).unwrap();
    let file = serde_json::from_slice(
        &std::fs::read(data().join(format!("indicators/{id}.json"))).unwrap(),
    )
    .unwrap();
    (catalog, file)
}

#[test]
fn line_chart_of_osthammar_electricity_production() {
    let (catalog, file) = load("electricity_production_total");
    let meta = catalog.indicator("electricity_production_total").unwrap();
    let chart = line_chart(
        &catalog,
        meta,
        &file,
        &["0382".into(), "0882".into()],
        &["0382".into(), "2584".into()],
        2015..=2020,
        Lang::Sv,
    );
    assert_eq!(chart.years, vec![2015, 2016, 2017, 2018, 2019, 2020]);
    assert_eq!(chart.series[0].label, "Östhammar");
    assert_eq!(chart.series[0].values[4], Some(24_277_961.0));
    // SCB withholds Östhammar's 2015 figure: a gap, not 0.
    assert_eq!(chart.series[0].values[0], None);
    // Oskarshamn's production is published only for 2010: no value in 2015–2020.
    assert_eq!(chart.series[1].label, "Oskarshamn");
    assert!(chart.series[1].values.iter().all(Option::is_none));
    // A total: the network median is a reference, Riket is not (it would flatten the chart).
    // Context lines (a group's members) come behind, without repeating a selected one.
    let roles: Vec<SeriesRole> = chart.series.iter().map(|s| s.role).collect();
    assert_eq!(
        roles,
        vec![
            SeriesRole::Selected(0),
            SeriesRole::Selected(1),
            SeriesRole::Member,
            SeriesRole::Median
        ]
    );
    assert_eq!(chart.series[2].label, "Kiruna");
    assert!(
        chart
            .source
            .starts_with("Källa: SCB, Kommunal och regional energistatistik")
    );
    assert!(chart.source.contains("hämtad 2022-12-01"));
    assert_eq!(chart.subtitle, "MWh");
    let svg = line_chart_svg(&chart, 1920, 1080).unwrap();
    assert!(svg.contains("\nÖsthammar\n"));
}

#[test]
fn ratios_get_riket_as_a_reference_and_english_labels() {
    let (catalog, file) = load("energy_industry_share");
    let meta = catalog.indicator("energy_industry_share").unwrap();
    let chart = line_chart(
        &catalog,
        meta,
        &file,
        &["2584".into()],
        &[],
        2009..=2020,
        Lang::En,
    );
    assert_eq!(chart.title, "Industry's share of energy use");
    assert_eq!(chart.subtitle, "per cent");
    assert!(chart.source.starts_with("Source: Statistics Sweden"));
    assert!(
        chart
            .series
            .iter()
            .any(|s| s.role == SeriesRole::Country && s.label == "Riket")
    );
    assert!(
        chart
            .series
            .iter()
            .any(|s| s.role == SeriesRole::Median && s.label == "Network median")
    );
}

#[test]
fn ranking_of_the_network_is_sorted_and_highlights_the_selection() {
    let (catalog, file) = load("population");
    let meta = catalog.indicator("population").unwrap();
    let chart = ranking_chart(
        &catalog,
        meta,
        &file,
        2023,
        RankingScope::Network,
        &["0382".into()],
        Lang::Sv,
    );
    assert_eq!(chart.bars.len(), 24);
    assert!(chart.bars.windows(2).all(|w| w[0].value >= w[1].value));
    assert_eq!(
        chart.bars[0].label, "Södertälje",
        "Södertälje is the network's largest municipality"
    );
    let highlighted: Vec<&str> = chart
        .bars
        .iter()
        .filter(|b| b.highlight.is_some())
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(highlighted, vec!["Östhammar"]);
    assert_eq!(chart.title, "Folkmängd 2023");
    let all = ranking_chart(
        &catalog,
        meta,
        &file,
        2023,
        RankingScope::Sweden,
        &[],
        Lang::Sv,
    );
    assert_eq!(all.bars.len(), 290);
    assert_eq!(all.bars[0].label, "Stockholm");
    assert!(ranking_chart_svg(&all, 1280, 720).is_ok());
}

#[test]
fn every_available_indicator_names_its_source() {
    let (catalog, _) = load("population");
    for meta in &catalog.indicators {
        let sv = source_line(meta, Lang::Sv);
        let en = source_line(meta, Lang::En);
        assert!(
            sv.starts_with("Källa: ") && en.starts_with("Source: "),
            "{}",
            meta.id
        );
        assert!(sv.contains(&meta.source.licence), "{}", meta.id);
    }
}

//! Chart specs built from a SYNTHETIC catalog (`muni_view::fixture`) show exactly its figures:
//! gaps where a value is withheld, references where they share the scale, sources in the
//! chosen language.

use muni_model::{Lang, Theme, Unit};
use muni_view::SeriesRole;
use muni_view::fixture::{C, M, MEMBERS, MUNICIPALITIES, Spec, Synthetic, V, per_municipality, v};
use muni_view::series::{RankingScope, line_chart, ranking_chart, source_line};
use muni_view::spec::{COLOUR_SLOTS, colour_slots};

fn fx() -> Synthetic {
    let mut share = per_municipality(|k, _| vec![v(k as f64), v(k as f64 + 0.5)]);
    share.push(("00".to_owned(), vec![v(3.0), v(3.5)]));
    let people = per_municipality(|_, c| {
        let n = match c {
            "0180" => 900_000.0,
            "0181" => 100_000.0,
            _ => 20_000.0 + f64::from(c.parse::<u16>().unwrap() % 89),
        };
        vec![v(n), v(n + 10.0)]
    });
    let production: [(&str, &[V]); 5] = [
        ("0382", &[C, v(5.0), v(6.0)]),
        ("0882", &[M, M, M]),
        ("2584", &[v(1.0), v(2.0), v(3.0)]),
        ("00", &[v(100.0), v(100.0), v(100.0)]),
        ("network_median", &[v(1.0), v(3.5), v(4.5)]),
    ];
    Synthetic::new()
        .indicator(
            Spec::new("electricity_production_total", Unit::Mwh)
                .additive()
                .title("Elproduktion", "Electricity production")
                .years(2018..=2020),
            &production,
        )
        .indicator(
            Spec::new("share", Unit::Percent)
                .theme(Theme::Employment)
                .title("Industrins andel", "Industry's share"),
            &share,
        )
        .indicator(
            Spec::new("population", Unit::Persons)
                .additive()
                .title("Folkmängd", "Population")
                .years(2022..=2023),
            &people,
        )
}

#[test]
fn line_chart_of_a_total_with_gaps_members_and_the_median() {
    let f = fx();
    let (meta, file) = f.get("electricity_production_total");
    let chart = line_chart(
        &f.catalog,
        meta,
        file,
        &["0382".into(), "0882".into()],
        &["0382".into(), "2584".into()],
        2019..=2020,
        Lang::Sv,
    );
    assert_eq!(chart.years, vec![2019, 2020]);
    assert_eq!(chart.series[0].label, "Östhammar");
    assert_eq!(chart.series[0].values, [Some(5.0), Some(6.0)]);
    // Oskarshamn has no value in the years shown: a series of gaps, never 0.
    assert_eq!(chart.series[1].label, "Oskarshamn");
    assert!(chart.series[1].values.iter().all(Option::is_none));
    // A total: the network median is a reference, Riket is not (it would flatten the chart).
    // Context lines (a group's members) come behind, without repeating a selected one.
    let roles: Vec<SeriesRole> = chart.series.iter().map(|s| s.role).collect();
    let slots = colour_slots(&["0382", "0882"]);
    assert_eq!(
        roles,
        vec![
            SeriesRole::Selected(slots[0]),
            SeriesRole::Selected(slots[1]),
            SeriesRole::Member,
            SeriesRole::Median
        ]
    );
    assert_eq!(chart.series[2].label, "Kiruna");
    assert_eq!(chart.source, source_line(meta, Lang::Sv));
    assert!(
        chart.source.starts_with("Källa: SYNTETISK"),
        "{}",
        chart.source
    );
    assert!(
        chart.source.contains("hämtad 2026-01-01"),
        "{}",
        chart.source
    );
    assert_eq!(chart.subtitle, "MWh");
    // The withheld 2018 is a gap too.
    let all = line_chart(
        &f.catalog,
        meta,
        file,
        &["0382".into()],
        &[],
        2018..=2020,
        Lang::Sv,
    );
    assert_eq!(all.series[0].values, [None, Some(5.0), Some(6.0)]);
}

#[test]
fn ratios_get_riket_as_a_reference_and_english_labels() {
    let f = fx();
    let (meta, file) = f.get("share");
    let chart = line_chart(
        &f.catalog,
        meta,
        file,
        &["2584".into()],
        &[],
        2019..=2020,
        Lang::En,
    );
    assert_eq!(chart.title, "Industry's share");
    assert_eq!(chart.subtitle, "per cent");
    assert!(
        chart.source.starts_with("Source: SYNTHETIC"),
        "{}",
        chart.source
    );
    let riket = chart
        .series
        .iter()
        .find(|s| s.role == SeriesRole::Country)
        .unwrap();
    assert_eq!(
        (riket.label.as_str(), &riket.values[..]),
        ("Sweden", &[Some(3.0), Some(3.5)][..])
    );
    let median = chart
        .series
        .iter()
        .find(|s| s.role == SeriesRole::Median)
        .unwrap();
    assert_eq!(median.label, "Network median");
    // The fixture's median: of the members' values (codes at positions 2, 4, 5, 7, 8, 9, 11, 13).
    assert_eq!(median.values[0], Some((7.0 + 8.0) / 2.0));
}

#[test]
fn ranking_of_the_network_is_sorted_and_highlights_the_selection() {
    let f = fx();
    let (meta, file) = f.get("population");
    let chart = ranking_chart(
        &f.catalog,
        meta,
        file,
        2023,
        RankingScope::Network,
        &["0382".into()],
        Lang::Sv,
    );
    assert_eq!(chart.bars.len(), MEMBERS.len());
    assert!(chart.bars.windows(2).all(|w| w[0].value >= w[1].value));
    assert_eq!(chart.bars[0].label, "Södertälje");
    let highlighted: Vec<&str> = chart
        .bars
        .iter()
        .filter(|b| b.highlight.is_some())
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(highlighted, vec!["Östhammar"]);
    assert_eq!(chart.title, "Folkmängd 2023");
    let all = ranking_chart(
        &f.catalog,
        meta,
        file,
        2023,
        RankingScope::Sweden,
        &[],
        Lang::Sv,
    );
    assert_eq!(all.bars.len(), MUNICIPALITIES.len());
    assert_eq!(all.bars[0].label, "Stockholm");
    // Rank 1 is the lowest value where the indicator says so.
    let mut asc = f.catalog.indicator("population").unwrap().clone();
    asc.rank_descending = false;
    let low = ranking_chart(
        &f.catalog,
        &asc,
        file,
        2023,
        RankingScope::Sweden,
        &[],
        Lang::Sv,
    );
    assert_eq!(low.bars.last().unwrap().label, "Stockholm");
}

#[test]
fn a_selected_region_keeps_its_colour_when_another_is_removed() {
    let all = ["0382", "0882", "2584", "0181", "1480", "0180"];
    let slots = colour_slots(&all);
    // Six regions, six colours: each its own.
    let mut distinct = slots.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), COLOUR_SLOTS, "{slots:?}");
    // Remove any one: the others keep theirs unless they had to step aside for it.
    for gone in 0..all.len() {
        let rest: Vec<&str> = all
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != gone)
            .map(|(_, c)| *c)
            .collect();
        let after = colour_slots(&rest);
        let own = colour_slots(&rest.iter().map(|c| [*c]).collect::<Vec<_>>().concat());
        assert_eq!(after, own);
        for (code, slot) in rest.iter().zip(&after) {
            let before = slots[all.iter().position(|c| c == code).unwrap()];
            let alone = colour_slots(&[*code])[0];
            assert!(
                *slot == before || before != alone,
                "{code} changed colour from {before} to {slot} when {} was removed",
                all[gone]
            );
        }
    }
    // The first region of any selection gets the colour of its own code, wherever it was.
    assert_eq!(colour_slots(&["2584"])[0], slots[2]);
    // More regions than colours: the slots are reused evenly.
    let many: Vec<String> = (0..13).map(|k| format!("{:04}", 100 + k)).collect();
    let s = colour_slots(&many);
    let max = (0..COLOUR_SLOTS)
        .map(|k| s.iter().filter(|&&x| x == k).count())
        .max();
    assert_eq!(max, Some(3), "{s:?}");
}

#[test]
fn a_far_outlier_among_the_context_gets_a_focused_scale_that_names_it() {
    let values = |k: usize| -> Vec<V> {
        match k {
            0 => vec![v(700.0), v(745.8)],
            _ => vec![v(20.0 + k as f64), v(21.0 + k as f64)],
        }
    };
    let f = Synthetic::new().indicator(
        Spec::new("energy", Unit::MwhPerInhabitant)
            .title("Energi per invånare", "Energy per inhabitant"),
        &per_municipality(|k, _| values(k)),
    );
    let (meta, file) = f.get("energy");
    let outlier = MUNICIPALITIES[0].0.to_owned();
    let context: Vec<String> = MEMBERS
        .iter()
        .map(|m| (*m).to_owned())
        .chain([outlier.clone()])
        .collect();
    let chart = line_chart(
        &f.catalog,
        meta,
        file,
        &[MEMBERS[1].to_owned()],
        &context,
        2019..=2020,
        Lang::Sv,
    );
    let c = chart.ceiling.as_ref().expect("a focused scale");
    assert!(c.value < 100.0 && c.value > 20.0, "{c:?}");
    assert_eq!(c.above.len(), 1);
    assert_eq!(c.above[0].1, 745.8);
    assert!(
        chart.subtitle.contains("Skalan slutar vid") && chart.subtitle.contains("(745,8)"),
        "{}",
        chart.subtitle
    );
    // Selected, the outlier is what the user asked to see: no cut.
    let chart = line_chart(
        &f.catalog,
        meta,
        file,
        &[outlier],
        &context,
        2019..=2020,
        Lang::En,
    );
    assert_eq!(chart.ceiling, None, "{}", chart.subtitle);
    assert!(!chart.subtitle.contains("scale"));
}

#[test]
fn a_ranking_shows_the_selection_the_references_and_who_has_no_bar() {
    let f = fx();
    // A selected non-member joins the network's ranking, marked as such.
    let (meta, file) = f.get("population");
    let chart = ranking_chart(
        &f.catalog,
        meta,
        file,
        2023,
        RankingScope::Network,
        &["0180".into()],
        Lang::Sv,
    );
    assert_eq!(chart.bars.len(), MEMBERS.len() + 1);
    assert_eq!(chart.bars[0].label, "Stockholm (ej medlem)");
    assert_eq!(chart.bars[0].highlight, Some(colour_slots(&["0180"])[0]));
    // A total: the median is a reference, Riket is not (it would dwarf every bar).
    let roles: Vec<SeriesRole> = chart.references.iter().map(|r| r.role).collect();
    assert_eq!(roles, [SeriesRole::Median]);
    // In Sweden's ranking Stockholm is one of all, not marked.
    let all = ranking_chart(
        &f.catalog,
        meta,
        file,
        2023,
        RankingScope::Sweden,
        &["0180".into()],
        Lang::En,
    );
    assert_eq!(all.bars[0].label, "Stockholm");
    // Withheld and missing members are listed with why, the selection keeps its colour.
    let (meta, file) = f.get("electricity_production_total");
    let chart = ranking_chart(
        &f.catalog,
        meta,
        file,
        2018,
        RankingScope::Network,
        &["0382".into()],
        Lang::Sv,
    );
    let bars: Vec<&str> = chart.bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(bars, ["Kiruna"]);
    let listed: Vec<(&str, &str)> = chart
        .withheld
        .iter()
        .map(|w| (w.label.as_str(), w.reason.as_str()))
        .collect();
    assert!(listed.contains(&("Östhammar", "sekretess")), "{listed:?}");
    assert!(
        listed.contains(&("Oskarshamn", "uppgift saknas")),
        "{listed:?}"
    );
    assert_eq!(
        listed.len(),
        MEMBERS.len() - 1,
        "every other member: {listed:?}"
    );
    let osthammar = chart
        .withheld
        .iter()
        .find(|w| w.label == "Östhammar")
        .unwrap();
    assert_eq!(osthammar.highlight, Some(colour_slots(&["0382"])[0]));
    assert_eq!(chart.references[0].label, "Nätverkets median 1");
    assert_eq!(chart.references[0].value, 1.0);
    // A ratio: Riket too, in the chart's language.
    let (meta, file) = f.get("share");
    let chart = ranking_chart(
        &f.catalog,
        meta,
        file,
        2020,
        RankingScope::Network,
        &[],
        Lang::En,
    );
    let labels: Vec<&str> = chart.references.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Network median 8.0", "Sweden 3.5"]);
}

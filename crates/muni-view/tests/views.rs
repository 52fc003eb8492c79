//! The dashboard's views on a SYNTHETIC catalog built in code (`muni_view::fixture`): search,
//! tables, rankings, the profile, the CSV of a view and the share panel. Real municipality
//! codes and names, invented figures; the real published figures are checked in
//! `muni-pipeline/tests/known_figures.rs`.

use muni_model::{ChartQuery, Lang, Theme, Unit, View, format_number};
use muni_view::export::*;
use muni_view::fixture::{C, M, MEMBERS, Spec, Synthetic, V, per_municipality, v};
use muni_view::profile::*;
use muni_view::search::search;
use muni_view::table::*;
use muni_view::view::*;

const MWH: f64 = 1_000_000.0;

/// Three SYNTHETIC indicators: a share over 2020–2024 (the default indicator), a total with
/// withheld and missing years over 2014–2020, and a population over 2000–2005.
fn fx() -> Synthetic {
    let mut share = per_municipality(|k, _| {
        (0..5)
            .map(|i| v(10.0 + k as f64 * 1.5 + f64::from(i) * 0.4))
            .collect()
    });
    share.push((
        "00".to_owned(),
        (0..5).map(|i| v(12.0 + f64::from(i) * 0.1)).collect(),
    ));
    let production: Vec<(&str, Vec<V>)> = vec![
        // 2014 … 2020. Östhammar: 4th in the network in 2018, 2nd in 2019; 2015 withheld.
        (
            "0382",
            vec![v(18.0), C, v(19.0), v(20.0), v(21.0), v(23.0), v(22.5)],
        ),
        ("2584", vec![v(30.0); 7]),
        ("0181", [vec![v(25.0); 5], vec![v(20.0), v(19.0)]].concat()),
        ("1496", [vec![v(22.0); 5], vec![v(10.0); 2]].concat()),
        ("0882", vec![M; 7]),
        ("1382", [vec![v(1.0); 6], vec![M]].concat()),
        ("2181", [vec![v(2.0); 6], vec![C]].concat()),
        ("2284", vec![v(3.0); 7]),
        ("0180", vec![v(0.5); 7]),
        ("0117", vec![v(0.1); 7]),
        ("0183", vec![M; 7]),
        ("1256", vec![v(4.0); 7]),
        ("2281", vec![v(8.0); 7]),
        ("2380", vec![v(6.0); 7]),
        ("00", vec![v(160.0); 7]),
    ];
    let production: Vec<(&str, Vec<V>)> = production
        .into_iter()
        .map(|(c, vals)| {
            let mwh = vals
                .into_iter()
                .map(|x| match x {
                    V::Ok(x) => v(x * MWH),
                    other => other,
                })
                .collect();
            (c, mwh)
        })
        .collect();
    let people = |c: &str| -> f64 {
        match c {
            "0180" => 900_000.0,
            "0181" => 100_000.0,
            "2281" => 98_000.0,
            _ => 10_000.0 + f64::from(c.parse::<u16>().unwrap() % 97) * 500.0,
        }
    };
    let population = per_municipality(|_, c| {
        (0..6)
            .map(|i| v(people(c) + f64::from(i) * 100.0))
            .collect()
    });
    Synthetic::new()
        .indicator(
            Spec::new(DEFAULT_INDICATOR, Unit::Percent)
                .theme(Theme::Employment)
                .title(
                    "Industrins andel av sysselsättningen",
                    "Industry's share of employment",
                )
                .years(2020..=2024),
            &share,
        )
        .indicator(
            Spec::new("electricity_production_total", Unit::Mwh)
                .additive()
                .title("Elproduktion", "Electricity production")
                .years(2014..=2020),
            &production,
        )
        .indicator(
            Spec::new("population", Unit::Persons)
                .additive()
                .theme(Theme::Population)
                .title("Folkmängd", "Population")
                .years(2000..=2005),
            &population,
        )
}

fn query(s: &str) -> ChartQuery {
    let (q, notices) = ChartQuery::parse(s);
    assert!(notices.is_empty(), "{s}: {notices:?}");
    q
}

#[test]
fn search_finds_by_prefix_then_substring_with_swedish_letters() {
    let f = fx();
    let c = &f.catalog;
    let names = |t: &str, n: usize| -> Vec<String> {
        search(c, t, n).iter().map(|r| r.name.clone()).collect()
    };
    // Prefix matches first, in Swedish order (å after z: Östersund before Österåker).
    assert_eq!(
        names("öst", 10),
        ["Östersund", "Österåker", "Östhammar", "Östra Göinge"]
    );
    // Then the names that contain the text.
    assert_eq!(names("sund", 10), ["Sundbyberg", "Sundsvall", "Östersund"]);
    assert_eq!(names("ÖSTHAMMAR", 10), ["Östhammar"]);
    assert_eq!(names("hammar", 10), ["Östhammar"]);
    assert!(names("  ", 10).is_empty());
    assert_eq!(names("a", 5).len(), 5);
    // Forgiving what people type: no marks, a hyphen for a space, capitals.
    assert_eq!(names("sodertalje", 10), ["Södertälje"]);
    assert_eq!(names("ornskoldsvik", 10), ["Örnsköldsvik"]);
    assert_eq!(names("Ostra-Goinge", 10), ["Östra Göinge"]);
    assert_eq!(names("östragöinge", 10), ["Östra Göinge"]);
    assert_eq!(names("skovde", 10), ["Skövde"]);
    assert!(names("-", 10).is_empty());
}

#[test]
fn default_view_shows_the_network_and_a_county_its_municipalities() {
    let f = fx();
    let c = &f.catalog;
    let q = query("");
    let meta = indicator(c, &q).unwrap();
    assert_eq!(meta.id, DEFAULT_INDICATOR);
    assert_eq!(group_members(c, &q), MEMBERS);
    let chart = series_chart(c, meta, f.get(meta.id.as_str()).1, &q);
    let members = chart
        .series
        .iter()
        .filter(|s| s.role == muni_view::SeriesRole::Member)
        .count();
    assert_eq!(members, MEMBERS.len(), "the members as context lines");
    assert!(
        chart.series.iter().any(|s| s.code == "network_median")
            && chart.series.iter().any(|s| s.code == "00"),
        "and the references"
    );
    let q = query("g=lan01");
    assert_eq!(group_members(c, &q), ["0117", "0180", "0181", "0183"]);
}

#[test]
fn table_has_the_charts_numbers_and_marks_withheld_values() {
    let f = fx();
    let c = &f.catalog;
    let q = query("i=electricity_production_total&r=0382&g=&y=2014-2020");
    let meta = indicator(c, &q).unwrap();
    let file = f.get(meta.id.as_str()).1;
    let chart = series_chart(c, meta, file, &q);
    let table = series_table(c, meta, file, &q);
    assert_eq!(
        table.header[1..],
        ["2014", "2015", "2016", "2017", "2018", "2019", "2020"]
    );
    let first = &table.rows[0];
    assert_eq!(
        (first.label.as_str(), first.code.as_str()),
        ("Östhammar", "0382")
    );
    assert_eq!(first.cells[5].text, "23\u{a0}000\u{a0}000");
    assert_eq!(first.cells[5].key, Some(23.0 * MWH));
    assert_eq!(first.cells[1].text, "..", "2015 is confidential");
    assert_eq!(first.cells[1].key, None);
    // A total: the network median is drawn, Riket is not (it would flatten the chart).
    let codes: Vec<&str> = table.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["0382", "network_median"]);
    for (s, row) in chart.series.iter().zip(&table.rows) {
        assert_eq!((&s.label, &s.code), (&row.label, &row.code));
        for (v, cell) in s.values.iter().zip(&row.cells) {
            if let Some(v) = v {
                assert_eq!(cell.text, format_number(*v, chart.decimals, Lang::Sv));
            }
        }
    }
    // The median of the members that reported: 2020 has five (Falkenberg and Oskarshamn
    // missing, Sandviken withheld), so it is incomplete, and still drawn with its number.
    let median = &table.rows[1].cells[6];
    assert_eq!(
        median.key,
        Some(19.0 * MWH),
        "median of 30, 22.5, 19, 10, 3"
    );
}

#[test]
fn a_share_in_the_profile_changes_in_percentage_points() {
    let f = fx();
    let files = vec![f.all()[0].clone()];
    let file = &files[0].1;
    let rows = profile(&files, "0181", Lang::Sv);
    let d =
        file.value("0181", 2024).unwrap().0.unwrap() - file.value("0181", 2020).unwrap().0.unwrap();
    assert!((d - 1.6).abs() < 1e-9, "{d}");
    assert_eq!(rows[0].change, "+1,6 procentenheter sedan 2020");
    let en = profile(&files, "0181", Lang::En);
    assert_eq!(en[0].change, "+1.6 percentage points since 2020");
}

#[test]
fn the_profiles_html_is_escaped_and_each_title_opens_its_indicator() {
    let f = fx();
    let files = f.all();
    let h = muni_view::profile::profile_html(&f.catalog, &files, "0382", Lang::Sv);
    let h = h.as_str();
    let rows = profile(&files, "0382", Lang::Sv);
    assert_eq!(h.matches("<tr data-id=").count(), rows.len());
    for r in &rows {
        assert!(
            h.contains(&format!("data-indicator=\"{}\">", r.id)),
            "{}",
            r.id
        );
    }
    assert!(h.contains("<th scope=\"col\">Plats i nätverket</th>"));
    assert!(
        h.starts_with("<p class=\"summary\" data-testid=\"summary\">Östhammar"),
        "{h}"
    );
    // A title from data is text, never markup.
    let g = muni_view::fixture::Synthetic::new().indicator(
        muni_view::fixture::Spec::new("x", muni_model::Unit::Mwh).title("<b>Ö&</b>", "<b>E</b>"),
        &[(
            "0382",
            vec![muni_view::fixture::v(1.0), muni_view::fixture::v(2.0)],
        )],
    );
    let h = muni_view::profile::profile_html(&g.catalog, &g.all(), "0382", Lang::Sv);
    assert!(
        h.as_str().contains(">&lt;b&gt;Ö&amp;&lt;/b&gt;</button>"),
        "{}",
        h.as_str()
    );
}

#[test]
fn profile_of_osthammar() {
    let f = fx();
    let files = f.all();
    let rows = profile(&files, "0382", Lang::Sv);
    assert_eq!(rows.len(), 3);
    let el = rows
        .iter()
        .find(|r| r.id == "electricity_production_total")
        .unwrap();
    assert_eq!(
        (el.year, el.value.as_str()),
        (Some(2020), "22\u{a0}500\u{a0}000")
    );
    // Out of the municipalities with a published value that year (10 in Sweden, 5 members),
    // not out of all 14 and all 8.
    assert_eq!(
        el.rank_national.map(|p| p.text(Lang::Sv)).as_deref(),
        Some("2 / 10")
    );
    assert_eq!(
        el.rank_network,
        Some(Place {
            rank: 2,
            of: 5,
            shared: 0
        })
    );
    // 2015 is withheld: the change runs from the first published year.
    assert_eq!(el.change, "+25,0\u{a0}% sedan 2014");
    let pop = rows.iter().find(|r| r.id == "population").unwrap();
    assert_eq!(pop.year, Some(2005));
    assert!(
        pop.change.starts_with('+') && pop.change.ends_with("sedan 2000"),
        "{pop:?}"
    );
    let q = query("v=profile&p=2584");
    assert_eq!(profile_code(&f.catalog, &q).as_deref(), Some("2584"));
    let q = query("v=profile");
    assert_eq!(profile_code(&f.catalog, &q).as_deref(), Some("0181"));
}

#[test]
fn index_measure_and_stale_indicator() {
    let f = fx();
    let c = &f.catalog;
    let q = query("i=population&r=0180&g=&m=index&b=2000&y=2000-2001");
    let meta = indicator(c, &q).unwrap();
    let chart = series_chart(c, meta, f.get("population").1, &q);
    assert_eq!(chart.series[0].values[0], Some(100.0));
    let expected = 100.0 * 900_100.0 / 900_000.0;
    assert!((chart.series[0].values[1].unwrap() - expected).abs() < 1e-9);
    assert!(chart.subtitle.contains("2000 = 100"));
    // The same measure under the ranking: the published values, said so in its subtitle.
    let q = query("i=population&r=0180&m=index&b=2000&v=ranking&t=2001");
    let r = muni_view::view::ranking(c, meta, f.get("population").1, &q).unwrap();
    assert!(
        r.subtitle
            .ends_with("publicerade värden (index 2000 = 100 gäller tidsserien)"),
        "{}",
        r.subtitle
    );
    let plain = query("i=population&r=0180&v=ranking&t=2001");
    let r0 = muni_view::view::ranking(c, meta, f.get("population").1, &plain).unwrap();
    assert!(!r0.subtitle.contains("index") && r0.bars == r.bars);
    let (q, _) = ChartQuery::parse("i=no_such_indicator");
    assert_eq!(indicator(c, &q).unwrap().id, DEFAULT_INDICATOR);
}

#[test]
fn ranking_table_is_in_rank_order_with_both_ranks_and_the_change() {
    let f = fx();
    let c = &f.catalog;
    let q = query("i=electricity_production_total&r=0382&v=ranking&t=2019");
    let meta = indicator(c, &q).unwrap();
    let file = f.get(meta.id.as_str()).1;
    let t = ranking_table(c, meta, file, &q).unwrap();
    assert!(t.header[4].ends_with("sedan 2018"), "{:?}", t.header);
    // 2019: seven members published; Oskarshamn has no value and is listed last, unranked.
    let names: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        names,
        [
            "Kiruna",
            "Östhammar",
            "Södertälje",
            "Skövde",
            "Örnsköldsvik",
            "Sandviken",
            "Falkenberg",
            "Oskarshamn"
        ]
    );
    let last = &t.rows[7].cells;
    assert_eq!((last[0].text.as_str(), last[1].text.as_str()), ("–", "–"));
    let o = &t.rows[1];
    assert_eq!(o.cells[0].text, "23\u{a0}000\u{a0}000");
    assert_eq!(
        (o.cells[1].text.as_str(), o.cells[3].text.as_str()),
        ("2", "+2"),
        "from 4th in 2018"
    );
    assert_eq!(o.cells[3].key, Some(2.0));
    assert_eq!(
        t.rows[2].cells[3].text, "\u{2212}1",
        "Södertälje lost a place"
    );
    // The summary gives the table's place and its change.
    let said = muni_view::summary::summary(c, meta, file, &q);
    assert!(
        said[0].contains("plats 2 av 7") || said[0].contains("näst högsta"),
        "{said:?}"
    );
    assert!(said[0].contains("upp 2 plats"), "{said:?}");
    // All of Sweden: every municipality with a published value.
    let q = query("i=electricity_production_total&r=0382&v=ranking&t=2019&s=sweden&lang=en");
    let t = ranking_table(c, meta, file, &q).unwrap();
    assert_eq!(t.rows.len(), 12, "14 less Oskarshamn and Sundbyberg");
    assert!(t.header[4].ends_with("since 2018"), "{:?}", t.header);
    let said = muni_view::summary::summary(c, meta, file, &q);
    assert!(said[0].starts_with("Östhammar has Sweden's "), "{said:?}");
    assert!(said[0].contains(" since 2018"), "{said:?}");
}

#[test]
fn a_confidential_value_is_said_and_not_ranked() {
    let f = fx();
    let c = &f.catalog;
    let q = query("i=electricity_production_total&r=0382&v=ranking&t=2015");
    let meta = indicator(c, &q).unwrap();
    let file = f.get(meta.id.as_str()).1;
    let said = muni_view::summary::summary(c, meta, file, &q);
    assert_eq!(
        said,
        [
            "Östhammar: värdet för elproduktion 2015 är sekretessbelagt (för få företag) och rangordnas inte."
        ]
    );
    // Listed with its status, after the ranked, never silently dropped.
    let t = ranking_table(c, meta, file, &q).unwrap();
    let codes: Vec<&str> = t.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes.len(), 8, "every member: {codes:?}");
    assert_eq!(&codes[6..], ["0882", "0382"], "Oskarshamn, Östhammar");
    assert_eq!(t.rows[7].cells[0].text, "..");
    assert_eq!(t.rows[7].cells[1].text, "–");
}

#[test]
fn the_views_csv_holds_exactly_the_tables_numbers() {
    use muni_model::extract::Dialect;
    let f = fx();
    let c = &f.catalog;
    for query_text in [
        "",
        "i=electricity_production_total&r=0382,2284&y=2014-2020",
        "i=population&r=2284&g=&m=index&b=2000&y=2000-2005",
        "i=electricity_production_total&r=0382&v=ranking&t=2019&s=sweden",
    ] {
        let q = query(query_text);
        let meta = indicator(c, &q).unwrap();
        let file = f.get(meta.id.as_str()).1;
        let (csv, name) = view_extract(c, meta, file, &q, Dialect::Machine).unwrap();
        assert!(
            name.starts_with("industrikommuner_") && name.ends_with(".csv"),
            "{name}"
        );
        let table = if q.view == View::Ranking {
            ranking_table(c, meta, file, &q).unwrap()
        } else {
            series_table(c, meta, file, &q)
        };
        // Every number in the table, in the CSV at full precision for the same region/year.
        let lines: Vec<Vec<String>> = csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect();
        let mut compared = 0;
        for row in &table.rows {
            let cells: Vec<&Cell> = if q.view == View::Ranking {
                vec![&row.cells[0]]
            } else {
                row.cells.iter().collect()
            };
            for (k, cell) in cells.into_iter().enumerate() {
                let year = if q.view == View::Ranking {
                    ranking_year(meta, &q).unwrap().to_string()
                } else {
                    table.header[k + 1].clone()
                };
                let line = lines
                    .iter()
                    .find(|l| l[0] == row.code && l[6] == year)
                    .unwrap_or_else(|| panic!("{} {year} missing from the CSV", row.code));
                let v: Option<f64> = line[7].parse().ok();
                match (v, cell.key) {
                    (Some(a), Some(b)) => assert!(
                        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                        "{query_text}: {} {year}: {a} vs {b}",
                        row.code
                    ),
                    (a, b) => assert_eq!(a, b, "{query_text}: {} {year}", row.code),
                }
                compared += 1;
            }
        }
        assert!(compared > 0, "{query_text}");
        assert_eq!(
            compared,
            lines.len(),
            "{query_text}: the CSV has nothing the table has not"
        );
    }
}

#[test]
fn tables_sort_by_numbers_with_gaps_last_and_names_the_swedish_way() {
    let row = |label: &str, v: Option<f64>| Row {
        code: label.into(),
        label: label.into(),
        cells: vec![Cell {
            text: String::new(),
            key: v,
        }],
    };
    let mut t = Table {
        header: vec![],
        rows: vec![
            row("Övertorneå", Some(2.0)),
            row("Arboga", None),
            row("Ängelholm", Some(10.0)),
            row("Åre", Some(-1.0)),
            row("Zinkgruvan", Some(2.0)),
        ],
    };
    let labels = |t: &Table| t.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>();
    sort_table(&mut t, 0, true);
    assert_eq!(
        labels(&t),
        ["Arboga", "Zinkgruvan", "Åre", "Ängelholm", "Övertorneå"]
    );
    sort_table(&mut t, 1, false);
    assert_eq!(
        labels(&t),
        ["Ängelholm", "Zinkgruvan", "Övertorneå", "Åre", "Arboga"]
    );
    sort_table(&mut t, 1, true);
    assert_eq!(
        labels(&t),
        ["Åre", "Zinkgruvan", "Övertorneå", "Ängelholm", "Arboga"]
    );
    sort_table(&mut t, 0, false);
    assert_eq!(labels(&t)[0], "Övertorneå");
}

#[test]
fn charts_are_drawn_at_the_size_they_are_shown() {
    assert_eq!(chart_size(1920, 0, false), (960, 540));
    assert_eq!(chart_size(1024, 0, false), (960, 540));
    let (w, h) = chart_size(390, 0, false);
    assert_eq!(w, 358);
    assert!(h > w, "taller than wide on a phone: {w}×{h}");
    assert_eq!(chart_size(200, 0, false).0, 320);
    // 24 named bars on a phone: at least 20 px each.
    let (_, h) = chart_size(390, 24, false);
    assert!(h >= 24 * 20, "{h}");
    // All 290: only the selected are named, the 16:9 frame is kept.
    assert_eq!(chart_size(1280, 290, false), (960, 540));
}

#[test]
fn the_embed_snippet_escapes_and_titles_the_iframe() {
    let (q, _) = ChartQuery::parse("i=population&r=0382");
    let s = embed_snippet("https://example.org/d/", &q, "Folkmängd \"<Östhammar>\"");
    assert!(
        s.starts_with("<iframe src=\"https://example.org/d/?i=population&amp;r=0382&amp;v=series&amp;embed=1\""),
        "{s}"
    );
    assert!(
        s.contains("title=\"Folkmängd &quot;&lt;Östhammar&gt;&quot;\""),
        "{s}"
    );
    assert!(s.contains("industrikommuner:height"));
}

#[test]
fn rows_are_escaped_html_with_their_codes() {
    let t = Table {
        header: vec![],
        rows: vec![Row {
            code: "0382".into(),
            label: "<Öst&hammar>".into(),
            cells: vec![Cell {
                text: "1\u{a0}234,5".into(),
                key: Some(1234.5),
            }],
        }],
    };
    assert_eq!(
        rows_html(&t).as_str(),
        "<tr data-code=\"0382\"><th scope=\"row\">&lt;Öst&amp;hammar&gt;</th><td>1\u{a0}234,5</td></tr>"
    );
}

#[test]
fn the_profile_in_a_sentence_names_the_best_places() {
    // "3 / 24", or "3 / 24 / 2": the place, of how many, and how many others share it.
    let place = |s: &str| {
        let mut parts = s.split(" / ").map(|n| n.parse().unwrap());
        let rank = parts.next()?;
        Some(Place {
            rank: rank as u16,
            of: parts.next().unwrap(),
            shared: parts.next().unwrap_or(0),
        })
    };
    let row = |title: &str, year, net: &str, nat: &str| ProfileRow {
        id: muni_model::IndicatorId::new("synthetic").unwrap(),
        theme: muni_model::Theme::Energy,
        title: title.into(),
        year: Some(year),
        value: String::new(),
        unit: String::new(),
        rank_national: if nat.is_empty() { None } else { place(nat) },
        rank_network: if net.is_empty() { None } else { place(net) },
        change: String::new(),
        change_value: String::new(),
        since: None,
        change_number: None,
        share: false,
        zero: false,
        raw: None,
        spark: Spark::default(),
    };
    let rows = vec![
        row("Folkmängd", 2023, "12 / 24", "80 / 290"),
        row("Elproduktion", 2020, "1 / 18", "2 / 250"),
        row("Industrins andel", 2020, "3 / 11", "20 / 158"),
    ];
    assert_eq!(
        profile_summary(&rows, "Östhammar", Lang::Sv),
        "Östhammar placerar sig bäst i nätverket: elproduktion (plats 1 av 18, 2020) och industrins andel (plats 3 av 11, 2020)."
    );
    let outside = vec![row("Folkmängd", 2023, "", "80 / 290")];
    assert_eq!(
        profile_summary(&outside, "Uppsala", Lang::En),
        "Uppsala ranks best in Sweden: folkmängd (rank 80 of 290, 2023)."
    );
    // A place most share, or a zero that means none, is no one's best; a place a few share
    // is said to be shared.
    let mut nuclear = row("Kärnkraft", 2020, "", "1 / 290 / 280");
    let mut none = row("Vindkraft", 2020, "", "5 / 290");
    none.zero = true;
    let shared = row("Vattenkraft", 2020, "", "3 / 290 / 2");
    assert_eq!(
        profile_summary(
            &[nuclear.clone(), none.clone(), shared.clone()],
            "Malung-Sälen",
            Lang::Sv
        ),
        "Malung-Sälen placerar sig bäst i Sverige: vattenkraft (delad plats 3 av 290 med 2 andra, 2020)."
    );
    nuclear.rank_national = place("4 / 290");
    assert!(
        profile_summary(&[nuclear, none], "X", Lang::En)
            .contains("kärnkraft (rank 4 of 290, 2020)")
    );
    assert_eq!(
        place("3 / 24 / 20").unwrap().text(Lang::Sv),
        "3 / 24 (delad med 20)"
    );
    assert_eq!(
        profile_summary(
            &[row("Kärnkraft", 2020, "", "1 / 290 / 280")],
            "Y",
            Lang::Sv
        ),
        "Y: ingen placering att lyfta fram (delade platser och nollvärden räknas inte)."
    );
    assert_eq!(
        profile_summary(&[], "X", Lang::Sv),
        "X: inga rangordnade värden."
    );
}

#[test]
fn a_rate_is_never_written_as_an_index() {
    use muni_model::Measure;
    use muni_model::extract::Dialect;
    use muni_view::contract::Selection;
    let rows: Vec<(String, Vec<V>)> = MEMBERS
        .iter()
        .map(|c| ((*c).to_owned(), vec![v(80.0), v(81.5)]))
        .collect();
    let f = Synthetic::new().indicator(Spec::new("rate", Unit::Percent).rate(), &rows);
    let (meta, file) = f.get("rate");
    // The view asks for an index: the selection keeps the rate as published.
    let q = query("i=rate&m=index&b=2019");
    let selection = view_selection(&f.catalog, meta, file, &q);
    assert_eq!(selection.measure, Measure::AsPublished);
    let (csv, _) = view_extract(&f.catalog, meta, file, &q, Dialect::Machine).unwrap();
    assert!(csv.contains(",80,") || csv.contains(",80.0,"), "{csv}");
    // A request that asks for it anyway is refused, not written.
    let asked = Selection {
        measure: Measure::Index { base: 2019 },
        ..selection
    };
    let e = csv_file(&f.catalog, meta, file, &asked, Dialect::Machine, Lang::Sv).unwrap_err();
    assert!(e.contains("rate"), "{e}");
}

#[test]
fn the_share_panel_escapes_the_snippet_and_checks_the_chosen_dialect() {
    let h = export_panel_html(
        Lang::Sv,
        true,
        false,
        "https://x.se/?r=0181\"&dv=5e5e5e5e",
        "<iframe title=\"a&b\">",
    );
    let h = h.as_str();
    assert!(
        h.contains(
            "aria-label=\"Kod för inbäddning\">&lt;iframe title=&quot;a&amp;b&quot;&gt;</textarea>"
        ),
        "{h}"
    );
    assert!(
        h.contains("data-testid=\"dialect-machine\" checked>"),
        "{h}"
    );
    assert!(h.contains("data-testid=\"dialect-excel\">"), "{h}");
    assert!(
        h.contains("value=\"https://x.se/?r=0181&quot;&amp;dv=5e5e5e5e\">"),
        "{h}"
    );
    let en = export_panel_html(Lang::En, false, true, "", "");
    assert!(
        en.as_str()
            .contains("data-action=\"dark\" checked> Dark theme</label>")
    );
}

#[test]
fn a_permalink_carries_the_data_version_and_never_the_embed() {
    let f = fx();
    let q = query("r=0181&embed=1&th=dark");
    let link = muni_view::export::permalink("https://x.se/", &f.catalog, &q);
    assert_eq!(
        link,
        format!(
            "https://x.se/?r=0181&v=series&th=dark&dv={}",
            muni_view::fixture::SYNTHETIC_VERSION
        )
    );
    let (back, notices) = ChartQuery::parse(link.trim_start_matches("https://x.se/"));
    assert!(notices.is_empty());
    assert_eq!(
        back.data_version.as_deref(),
        Some(muni_view::fixture::SYNTHETIC_VERSION)
    );
}

#[test]
fn every_export_action_is_in_the_panel_and_reads_back() {
    let h = export_panel_html(Lang::En, false, false, "", "");
    for a in ExportAction::ALL {
        assert_eq!(ExportAction::parse(a.id()), Some(a));
        assert!(
            h.as_str().contains(&format!(" data-action=\"{}\"", a.id())),
            "{a:?}"
        );
    }
    assert_eq!(ExportAction::parse("print"), None);
}

#[test]
fn what_the_catalog_cannot_show_is_dropped_with_a_notice_each() {
    use muni_model::{Measure, NoticeReason as R};
    let f = fx();
    let fix = |s: &str| reconcile(&f.catalog, &query(s));
    let said = |s: &str| -> Vec<(String, String, R)> {
        fix(s)
            .map(|(_, n)| {
                n.into_iter()
                    .map(|n| (n.param, n.value, n.reason))
                    .collect()
            })
            .unwrap_or_default()
    };
    // All of it can be shown: nothing to do.
    assert_eq!(fix("i=population&r=0181&t=2003&y=2001-2004&v=series"), None);
    // Well-formed codes that are no municipality or county, a profile of nobody.
    assert_eq!(
        said("r=0181,9999&g=lan02,network&p=0114"),
        [
            ("r".into(), "9999".into(), R::UnknownMunicipality),
            ("g".into(), "lan02".into(), R::UnknownCounty),
            ("p".into(), "0114".into(), R::UnknownMunicipality),
        ]
    );
    let (q, _) = fix("r=0181,9999&g=lan02,network&p=0114").unwrap();
    assert_eq!(q.to_query_string(), "?r=0181&v=series");
    // Years the indicator lacks: a ranking year, a range, a base year.
    let (q, n) = fix("i=population&v=ranking&t=1999").unwrap();
    assert_eq!((q.year, n[0].reason), (None, R::YearNotInData));
    let (q, n) = fix("i=population&y=1990-2003").unwrap();
    assert_eq!(
        (q.years, n[0].reason),
        (Some((2000, 2003)), R::YearsNotInData)
    );
    let (q, _) = fix("i=population&y=1990-2030").unwrap();
    assert_eq!(q.years, None, "the whole range is no range at all");
    let (q, n) = fix("i=population&m=index&b=1990").unwrap();
    assert_eq!(
        (q.measure, n[0].reason),
        (Measure::AsPublished, R::BaseYearNotInData)
    );
    // Switching indicator falls back visibly: 2022 is a year of the share, not of population.
    let mut q = query("v=ranking&t=2022");
    assert_eq!(reconcile(&f.catalog, &q), None);
    q.indicator = muni_model::IndicatorId::new("population").ok();
    let (fixed, n) = reconcile(&f.catalog, &q).unwrap();
    assert_eq!((fixed.year, n.len()), (None, 1));
    // A stale indicator and another data version: said, and the link still opens.
    assert_eq!(
        said("i=gone_indicator&dv=0a0b0c0d"),
        [
            ("dv".into(), "0a0b0c0d".into(), R::OtherDataVersion),
            ("i".into(), "gone_indicator".into(), R::UnknownIndicator),
        ]
    );
    // Today's version is dropped from the state without a word.
    let (q, n) = fix(&format!(
        "i=population&dv={}",
        muni_view::fixture::SYNTHETIC_VERSION
    ))
    .unwrap();
    assert!(n.is_empty() && q.data_version.is_none());
    // Fixed once, nothing is left to fix.
    let (q, _) = fix("r=9999&i=population&y=1990-2003&t=1999&m=index&b=1990").unwrap();
    assert_eq!(reconcile(&f.catalog, &q), None);
    // An indicator with a single year opens as a ranking, not a one-dot series.
    let one = Synthetic::new().indicator(
        Spec::new("procurement_count", Unit::Count)
            .title("Upphandlingar", "Procurements")
            .years(2021..=2021),
        &per_municipality(|k, _| vec![v(k as f64)]),
    );
    let (q, n) = reconcile(&one.catalog, &query("r=0181")).unwrap();
    assert_eq!((q.view, n[0].reason), (View::Ranking, R::SingleYear));
}

#[test]
fn a_map_fits_the_window() {
    use muni_view::view::{chart_size, map_size};
    // A laptop window 1280 x 650: the map no taller than the window, the width unchanged.
    assert_eq!(chart_size(1280, 0, true), (960, 768));
    assert_eq!(map_size(1280, 650), (960, 590));
    // A phone: the map's own height fits already.
    assert_eq!(map_size(390, 844), chart_size(390, 0, true));
    // Never squeezed below 420 px.
    assert_eq!(map_size(1280, 300).1, 420);
}

#[test]
fn the_profile_is_grouped_by_theme_headline_first_with_a_sparkline_per_row_and_its_csv() {
    let f = fx();
    let files = f.all();
    let h = muni_view::profile::profile_html(&f.catalog, &files, "0382", Lang::Sv);
    let h = h.as_str();
    // Industry jobs, then energy, then population: the brief's order, not the catalog's.
    let at = |t: &str| {
        h.find(&format!("data-theme=\"{t}\""))
            .unwrap_or_else(|| panic!("{t}"))
    };
    assert!(at("employment") < at("energy") && at("energy") < at("population"));
    let rows = profile(&files, "0382", Lang::Sv);
    // A sparkline per row, and one per key figure (population is one here).
    assert!(
        h.contains("data-testid=\"key-figures\"><li data-id=\"employment_industry_share\">"),
        "{h}"
    );
    assert!(h.contains("<li data-id=\"population\">"), "{h}");
    assert_eq!(h.matches("<svg class=\"spark\"").count(), rows.len() + 2);
    assert!(h.contains(
        "aria-label=\"Östhammar (heldragen) mot nätverkets median (streckad), 2014–2020\""
    ));
    // The withheld 2015 value is a gap: Östhammar's line starts again after it.
    let el = rows
        .iter()
        .find(|r| r.id == "electricity_production_total")
        .unwrap();
    assert_eq!(el.spark.values[1], None);
    let p = el.spark.paths(0.0, 0.0, 100.0, 20.0);
    assert_eq!(p.own.matches('M').count(), 2, "{}", p.own);
    assert_eq!(p.dots.len(), 1, "the isolated 2014 value is marked");
    assert_eq!(p.median.matches('M').count(), 1, "{}", p.median);
    // The CSV link holds every row, for Swedish Excel (BOM, `;`, decimal comma).
    let href = h
        .split("href=\"data:text/csv;charset=utf-8,")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let csv = muni_model::percent_decode(href);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}kommun;tema;indikator_id"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), rows.len() + 1);
    assert!(
        lines.contains(&"Östhammar;Energi;electricity_production_total;Elproduktion;2020;22500000;MWh;2;5;2;10;25;procent;2014"),
        "{csv}"
    );
    assert!(h.contains("download=\"industrikommuner_profil_osthammar_dv5e5e5e5e_excel_sv.csv\""));
    // English, and a machine-readable dialect.
    let en = profile_csv(
        &profile(&files, "0382", Lang::En),
        "Östhammar",
        muni_model::extract::Dialect::Machine,
        Lang::En,
    );
    assert!(en.starts_with("municipality,theme,indicator_id"), "{en}");
    assert!(
        en.contains(",2020,22500000,MWh,2,5,2,10,25,per cent,2014"),
        "{en}"
    );
    assert!(
        en.contains(",2024,17.6,per cent,7,8,10,14,1.6,percentage points,2020"),
        "{en}"
    );
}

#[test]
fn a_single_year_sparkline_is_a_bar_with_the_median_as_a_tick() {
    let s = Spark {
        years: vec![2021],
        values: vec![Some(50.0)],
        median: vec![Some(100.0)],
    };
    let p = s.paths(0.0, 0.0, 100.0, 10.0);
    assert_eq!(p.bar, Some((0.0, 50.0)));
    assert_eq!(p.tick, Some(100.0));
    assert!(p.own.is_empty() && p.dots.is_empty());
    // Nothing published: nothing drawn (never a zero line).
    let none = Spark {
        years: vec![2020, 2021],
        values: vec![None, None],
        median: vec![None, None],
    };
    assert_eq!(none.paths(0.0, 0.0, 100.0, 10.0), SparkPaths::default());
}

#[test]
fn a_long_ranking_beside_a_map_keeps_its_ends_and_the_selection_and_counts_the_rest() {
    use muni_view::spec::{Bar, RankingChart, Withheld};
    let bars = (0..290)
        .map(|k| Bar {
            label: format!("K{k}"),
            value: f64::from(290 - k),
            highlight: (k == 150).then_some(0),
        })
        .collect();
    let withheld = (0..15)
        .map(|k| Withheld {
            label: format!("W{k}"),
            reason: "sekretess".into(),
            highlight: (k == 3).then_some(1),
        })
        .collect();
    let mut r = RankingChart {
        title: String::new(),
        subtitle: "procent".into(),
        source: String::new(),
        bars,
        references: vec![],
        withheld,
        decimals: 1,
        lang: Lang::Sv,
        caption: String::new(),
    };
    top_and_bottom(&mut r, 10);
    let labels: Vec<&str> = r.bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels.len(), 21);
    assert_eq!(
        (labels[0], labels[9], labels[10], labels[11], labels[20]),
        ("K0", "K9", "K150", "K280", "K289")
    );
    assert_eq!(
        r.subtitle,
        "procent · de 10 första och 10 sista av 290 och urvalet"
    );
    // The selected one without a value stays named; the other 14 are counted.
    let w: Vec<(&str, &str)> = r
        .withheld
        .iter()
        .map(|w| (w.label.as_str(), w.reason.as_str()))
        .collect();
    assert_eq!(
        w,
        [
            ("W3", "sekretess"),
            ("14 kommuner till", "inget publicerat värde")
        ]
    );
    // A network's ranking (24) is left whole.
    let mut short = r.clone();
    short.bars.truncate(24);
    short.withheld.truncate(1);
    let before = short.clone();
    top_and_bottom(&mut short, 10);
    assert_eq!(short, before);
}

//! Snapshot tests: SYNTHETIC charts drawn to SVG and compared with the committed files in
//! `tests/snapshots/`. A change in drawing shows up here as a diff; when it is intended,
//! accept it with `UPDATE_SNAPSHOTS=1 cargo test -p muni-chart --test snapshots` and commit
//! the new SVGs (open them first). On a mismatch the new drawing is left beside the old one as
//! `*.new.svg`.

use std::path::PathBuf;

use muni_chart::{
    Bar, LineChart, LineSeries, RankingChart, SeriesRole, line_chart_svg, ranking_chart_svg,
};
use muni_model::Lang;
use muni_view::spec::{Reference, Withheld};

fn check(name: &str, svg: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let path = dir.join(format!("{name}.svg"));
    let new = dir.join(format!("{name}.new.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, svg).unwrap();
        let _ = std::fs::remove_file(&new);
        return;
    }
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if old != svg {
        std::fs::write(&new, svg).unwrap();
        let line = old
            .lines()
            .zip(svg.lines())
            .position(|(a, b)| a != b)
            .map_or(old.lines().count().min(svg.lines().count()), |i| i);
        panic!(
            "{name}.svg changed (first at line {}): compare {} with {}",
            line + 1,
            path.display(),
            new.display()
        );
    }
    let _ = std::fs::remove_file(&new);
}

/// SYNTHETIC: made-up values, for the drawing only.
fn line() -> LineChart {
    let s = |code: &str, label: &str, values: Vec<Option<f64>>, role| LineSeries {
        code: code.into(),
        label: label.into(),
        values,
        role,
    };
    LineChart {
        from_zero: true,
        ceiling: None,
        title: "SYNTHETIC Industrins energianvändning per invånare".into(),
        subtitle: "MWh per invånare".into(),
        source: "Källa: syntetiska testdata, inte SCB".into(),
        years: (2010..=2020).collect(),
        series: vec![
            s(
                "0382",
                "Östhammar",
                (0..11)
                    .map(|i| (i != 4).then_some(10.0 + f64::from(i)))
                    .collect(),
                SeriesRole::Selected(0),
            ),
            s(
                "2284",
                "Örnsköldsvik",
                (0..11).map(|i| Some(30.0 - 1.5 * f64::from(i))).collect(),
                SeriesRole::Selected(1),
            ),
            s(
                "0114",
                "Upplands Väsby",
                (0..11).map(|i| Some(5.0 + f64::from(i % 3))).collect(),
                SeriesRole::Member,
            ),
            s(
                "network_median",
                "Nätverkets median",
                (0..11).map(|i| Some(15.0 + 0.2 * f64::from(i))).collect(),
                SeriesRole::Median,
            ),
            s(
                "00",
                "Riket",
                (0..11).map(|i| Some(12.0 - 0.1 * f64::from(i))).collect(),
                SeriesRole::Country,
            ),
        ],
        decimals: 1,
        lang: Lang::Sv,
        breaks: vec![],
        caption: String::new(),
    }
}

fn ranking() -> RankingChart {
    RankingChart {
        title: "SYNTHETIC Elproduktion 2019".into(),
        subtitle: "MWh, nätverkets kommuner".into(),
        source: "Source: synthetic test data, not Statistics Sweden".into(),
        bars: (0..12)
            .map(|i| Bar {
                label: format!("Kommun {}", (b'A' + i as u8) as char),
                value: 1000.0 * (12 - i) as f64 + 0.5,
                highlight: (i == 3).then_some(0),
            })
            .collect(),
        references: vec![
            Reference {
                label: "Network median 6 500".into(),
                value: 6500.5,
                role: SeriesRole::Median,
            },
            Reference {
                label: "Sweden 4 000".into(),
                value: 4000.0,
                role: SeriesRole::Country,
            },
        ],
        withheld: vec![Withheld {
            label: "Kommun Z".into(),
            reason: "confidential".into(),
            highlight: None,
        }],
        decimals: 0,
        lang: Lang::En,
        caption: String::new(),
    }
}

#[test]
fn line_chart_slide() {
    check(
        "line_1280x720",
        &line_chart_svg(&line(), 1280, 720).unwrap(),
    );
}

#[test]
fn line_chart_phone() {
    check("line_358x447", &line_chart_svg(&line(), 358, 447).unwrap());
}

#[test]
fn ranking_chart_slide() {
    check(
        "ranking_1920x1080",
        &ranking_chart_svg(&ranking(), 1920, 1080).unwrap(),
    );
}

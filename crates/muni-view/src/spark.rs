//! Sparklines: a municipality's last years against the network median, as path data that
//! the profile's page (inline SVG) and the A4 brief draw alike.

use muni_model::{Html, IndicatorFile, Status};

/// A sparkline's figures: the municipality's values and the network median over the same
/// years (at most the last [`SPARK_YEARS`]), `None` where a value is not published.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spark {
    pub years: Vec<u16>,
    pub values: Vec<Option<f64>>,
    pub median: Vec<Option<f64>>,
}

/// How many years a sparkline spans at most.
pub const SPARK_YEARS: usize = 20;

impl Spark {
    pub(crate) fn of(file: &IndicatorFile, s: &muni_model::Series) -> Spark {
        let n = file.years.len();
        let from = n.saturating_sub(SPARK_YEARS);
        let ok = |s: &muni_model::Series, i: usize| {
            if s.status[i] == Status::Ok {
                s.values[i]
            } else {
                None
            }
        };
        let median = file.series(muni_model::RegionCode::NETWORK_MEDIAN);
        Spark {
            years: file.years[from..].to_vec(),
            values: (from..n).map(|i| ok(s, i)).collect(),
            // The median over the members that reported (`incomplete` included, as charts do).
            median: (from..n)
                .map(|i| median.and_then(|m| m.values[i]))
                .collect(),
        }
    }

    /// The value range both lines share, from 0 unless a value is negative.
    fn range(&self) -> Option<(f64, f64)> {
        let all = self.values.iter().chain(&self.median).flatten().copied();
        let (lo, hi) = all.fold((0.0_f64, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        if !hi.is_finite() {
            return None;
        }
        Some((lo, if hi > lo { hi } else { lo + 1.0 }))
    }

    /// The two lines as SVG path data in a `w`×`h` box at (`x`, `y`): the municipality's and
    /// the median's, each `M…L…` with a new `M` after a gap, and the isolated points (a value
    /// between two gaps) to mark with a dot. A single year is drawn as a bar and a tick.
    pub fn paths(&self, x: f64, y: f64, w: f64, h: f64) -> SparkPaths {
        let Some((lo, hi)) = self.range() else {
            return SparkPaths::default();
        };
        let n = self.years.len();
        let px = |i: usize| {
            if n > 1 {
                x + w * i as f64 / (n - 1) as f64
            } else {
                x
            }
        };
        let py = |v: f64| y + h - h * (v - lo) / (hi - lo);
        let line = |vals: &[Option<f64>]| {
            let mut d = String::new();
            let mut dots = Vec::new();
            for (i, v) in vals.iter().enumerate() {
                let Some(v) = v else { continue };
                let prev = i > 0 && vals[i - 1].is_some();
                let next = vals.get(i + 1).is_some_and(Option::is_some);
                d.push_str(&format!(
                    "{}{:.1} {:.1}",
                    if prev { "L" } else { "M" },
                    px(i),
                    py(*v)
                ));
                if !prev && !next {
                    dots.push((px(i), py(*v)));
                }
            }
            (d, dots)
        };
        if n == 1 {
            // One year: the value as a bar from the left, the median as a tick across it.
            let bar = |v: Option<f64>| v.map(|v| x + w * (v - lo) / (hi - lo));
            return SparkPaths {
                bar: bar(self.values[0]).map(|e| (x, e)),
                tick: bar(self.median[0]),
                ..SparkPaths::default()
            };
        }
        let (own, dots) = line(&self.values);
        let (median, _) = line(&self.median);
        SparkPaths {
            own,
            median,
            dots,
            bar: None,
            tick: None,
        }
    }
}

/// What [`Spark::paths`] draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparkPaths {
    pub own: String,
    pub median: String,
    pub dots: Vec<(f64, f64)>,
    /// A single year: the bar's left and right ends, and the median's x.
    pub bar: Option<(f64, f64)>,
    pub tick: Option<f64>,
}

/// The sparkline's colours: the municipality's in the first selection colour, the median grey.
pub const SPARK_OWN: &str = "#1f5fa8";
pub const SPARK_MEDIAN: &str = "#6b6b6b";

/// The sparkline as an inline SVG of `w`×`h` (for the page; the brief draws the same paths).
pub fn sparkline_svg(spark: &Spark, w: u32, h: u32, label: &str) -> Html {
    let p = spark.paths(2.0, 2.0, f64::from(w) - 4.0, f64::from(h) - 4.0);
    let mut out = Html::markup("<svg class=\"spark\" role=\"img\" width=\"");
    out.t(&w.to_string())
        .m("\" height=\"")
        .t(&h.to_string())
        .m("\" viewBox=\"0 0 ")
        .t(&format!("{w} {h}"))
        .m("\" aria-label=\"")
        .t(label)
        .m("\">");
    spark_elements(&p, f64::from(h), &mut out);
    out.m("</svg>");
    out
}

/// The SVG elements of a sparkline's paths (shared by the page and the brief).
pub fn spark_elements(p: &SparkPaths, h: f64, out: &mut Html) {
    if !p.median.is_empty() {
        out.m("<path class=\"median\" fill=\"none\" stroke=\"")
            .m(SPARK_MEDIAN)
            .m("\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\" d=\"")
            .t(&p.median)
            .m("\"/>");
    }
    if !p.own.is_empty() {
        out.m("<path class=\"own\" fill=\"none\" stroke=\"")
            .m(SPARK_OWN)
            .m("\" stroke-width=\"1.8\" d=\"")
            .t(&p.own)
            .m("\"/>");
    }
    for (x, y) in &p.dots {
        out.m("<circle class=\"own\" r=\"1.8\" fill=\"")
            .m(SPARK_OWN)
            .m("\" cx=\"")
            .t(&format!("{x:.1}"))
            .m("\" cy=\"")
            .t(&format!("{y:.1}"))
            .m("\"/>");
    }
    if let Some((a, b)) = p.bar {
        out.m("<rect class=\"own\" fill=\"")
            .m(SPARK_OWN)
            .m("\" x=\"")
            .t(&format!("{a:.1}"))
            .m("\" y=\"")
            .t(&format!("{:.1}", h * 0.3))
            .m("\" width=\"")
            .t(&format!("{:.1}", (b - a).max(0.8)))
            .m("\" height=\"")
            .t(&format!("{:.1}", h * 0.4))
            .m("\"/>");
    }
    if let Some(x) = p.tick {
        out.m("<path class=\"median\" stroke=\"")
            .m(SPARK_MEDIAN)
            .m("\" stroke-width=\"1.5\" d=\"")
            .t(&format!("M{x:.1} 1L{x:.1} {:.1}", h - 1.0))
            .m("\"/>");
    }
}

//! Chart specs: what a chart shows (values, labels, title, source line), built by this crate
//! from the published model and drawn by `muni-chart` onto any plotters backend.

use muni_model::Lang;
use muni_model::geo::Point;

/// Whether a line is one of the user's selection or a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesRole {
    /// A selected region, coloured from the palette's slot given by [`colour_slots`].
    Selected(usize),
    /// The network median: dashed grey.
    Median,
    /// Riket: dotted black.
    Country,
    /// Context, e.g. each member of a selected group: thin light grey, not in the legend.
    Member,
}

/// How many colours the palette has for selected regions (`muni_chart::palette::SERIES`).
pub const COLOUR_SLOTS: usize = 6;

/// The palette slot of each selected region, in the order given: a slot chosen by the code
/// itself (a hash), the next free one if an earlier region holds it. So a region keeps its
/// colour when another is removed (unless the two asked for the same slot), in the chart, the
/// ranking and the map alike, and the same link always draws the same colours.
pub fn colour_slots<S: AsRef<str>>(regions: &[S]) -> Vec<usize> {
    let mut taken = [0usize; COLOUR_SLOTS];
    regions
        .iter()
        .map(|code| {
            let h = code.as_ref().bytes().fold(0x811c_9dc5_u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            });
            let want = h as usize % COLOUR_SLOTS;
            // With more regions than colours, the least used slot after the wanted one.
            let least = *taken.iter().min().unwrap_or(&0);
            let slot = (0..COLOUR_SLOTS)
                .map(|k| (want + k) % COLOUR_SLOTS)
                .find(|&k| taken[k] == least)
                .unwrap_or(want);
            taken[slot] += 1;
            slot
        })
        .collect()
}

/// Where a focused scale cuts the context lines off, and who lies above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ceiling {
    /// The top of the value axis.
    pub value: f64,
    /// The context lines that rise above it: name and highest value, highest first.
    pub above: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    /// The region's code (`0382`, `network_median`), so a table can look up each value's status.
    pub code: String,
    pub label: String,
    /// One value per year of [`LineChart::years`]; `None` is a gap, never 0.
    pub values: Vec<Option<f64>>,
    pub role: SeriesRole,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub title: String,
    /// Unit and measure, e.g. "MWh per invånare".
    pub subtitle: String,
    /// e.g. "Källa: SCB, Kommunal och regional energistatistik (EN0203), hämtad 2022-12-01".
    pub source: String,
    pub years: Vec<u16>,
    pub series: Vec<LineSeries>,
    pub decimals: usize,
    pub lang: Lang,
    /// Years that start a new series, marked with a dashed vertical line.
    pub breaks: Vec<u16>,
    /// A sentence or two under the plot (exports: the generated summary); empty for none.
    pub caption: String,
    /// Whether the value axis starts at 0 (magnitudes). A rate that moves a few points around
    /// 80 % gets a focused axis instead, and its subtitle says the axis does not start at 0.
    pub from_zero: bool,
    /// A focused scale: one or a few context lines far above everything else would flatten
    /// the selection and the references onto the axis, so the axis stops here and those lines
    /// are cut off, marked and named in the subtitle (never silently).
    pub ceiling: Option<Ceiling>,
}

impl LineChart {
    /// The smallest and largest value drawn, if any.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let vals = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied());
        let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        lo.is_finite().then_some((lo, hi))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// `Some(i)`: the `i`-th selected region, coloured and labelled.
    pub highlight: Option<usize>,
}

/// A reference line across a ranking: the network median or Riket, at its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// "Nätverkets median 20,8", as drawn beside the line.
    pub label: String,
    pub value: f64,
    /// [`SeriesRole::Median`] (dashed) or [`SeriesRole::Country`] (dotted).
    pub role: SeriesRole,
}

/// A municipality of the ranking's scope without a published value that year: listed below
/// the bars with why ("sekretess", "uppgift saknas"), never silently left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Withheld {
    pub label: String,
    /// Why there is no bar, in the chart's language.
    pub reason: String,
    pub highlight: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankingChart {
    pub title: String,
    pub subtitle: String,
    pub source: String,
    /// Sorted as drawn: the first bar is at the top.
    pub bars: Vec<Bar>,
    /// The network median and Riket, drawn as lines across the bars.
    pub references: Vec<Reference>,
    /// Below the bars, in this order.
    pub withheld: Vec<Withheld>,
    pub decimals: usize,
    pub lang: Lang,
    /// A sentence or two under the plot (exports: the generated summary); empty for none.
    pub caption: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Class(usize),
    Confidential,
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapRegion {
    pub code: String,
    pub name: String,
    pub rings: Vec<Vec<Point>>,
    pub tile: (u16, u16),
    pub fill: Fill,
    pub member: bool,
    /// Position among the selected municipalities (their colour).
    pub selected: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapChart {
    pub title: String,
    pub subtitle: String,
    pub source: String,
    pub caption: String,
    pub lang: Lang,
    /// Draw the tile grid instead of the outlines.
    pub tiles: bool,
    /// Extent of the outlines and of the tile grid.
    pub extent: (i32, i32),
    pub grid: (u16, u16),
    pub regions: Vec<MapRegion>,
    /// One label per class (`12,3–45,6`), light to dark.
    pub classes: Vec<String>,
    pub legend_title: String,
    /// Pictures and slides: the ranking of the same year, drawn beside the map where the
    /// picture is wide, so a 16:9 slide is filled (`view::with_ranking_beside`); the
    /// dashboard's map has none.
    pub beside: Option<Box<RankingChart>>,
}

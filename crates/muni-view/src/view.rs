//! From URL state to a chart: which indicator, municipalities, years and measure a
//! [`ChartQuery`] asks for, and the chart spec it gives. Shared by the dashboard and the
//! command line's `chart`, so that a link and a slide draw the same figure.

use muni_model::{
    Catalog, ChartQuery, IndicatorFile, IndicatorMeta, Lang, Measure, NoticeReason, QueryNotice,
    Scope, View, index_values,
};

use crate::series::{RankingScope, line_chart, ranking_chart};
use crate::spec::{LineChart, RankingChart};

/// The chart a query shows: a time series, or a ranking for one year.
#[derive(Debug, Clone)]
pub enum ViewChart {
    Line(LineChart),
    Ranking(RankingChart),
    /// Built only with the `map` feature (the outlines' classes), drawn only by
    /// `muni-chart/map`; the variant exists in every build so that no match depends on which
    /// crate of a build asked for the feature.
    Map(crate::spec::MapChart),
}

impl ViewChart {
    /// The number of rows (bars, those without a value and the references' labels; 0 for a
    /// time series), for choosing a height.
    pub fn bars(&self) -> usize {
        match self {
            ViewChart::Ranking(c) => c.bars.len() + c.withheld.len() + c.references.len(),
            _ => 0,
        }
    }

    /// Gives the chart another title (a presenter's own, on a slide).
    pub fn set_title(&mut self, title: String) {
        match self {
            ViewChart::Line(c) => c.title = title,
            ViewChart::Ranking(c) => c.title = title,
            ViewChart::Map(c) => c.title = title,
        }
    }

    /// Takes the source line out of the chart (presenter mode writes it under the slide).
    pub fn take_source(&mut self) -> String {
        match self {
            ViewChart::Line(c) => std::mem::take(&mut c.source),
            ViewChart::Ranking(c) => std::mem::take(&mut c.source),
            ViewChart::Map(c) => std::mem::take(&mut c.source),
        }
    }

    /// Adds `text` to the source line (a slide's data version).
    pub fn append_source(&mut self, text: &str) {
        match self {
            ViewChart::Line(c) => c.source.push_str(text),
            ViewChart::Ranking(c) => c.source.push_str(text),
            ViewChart::Map(c) => c.source.push_str(text),
        }
    }

    /// Puts `text` under the plot (the summary under an exported slide).
    pub fn set_caption(&mut self, text: String) {
        match self {
            ViewChart::Line(c) => c.caption = text,
            ViewChart::Ranking(c) => c.caption = text,
            ViewChart::Map(c) => c.caption = text,
        }
    }
}

/// The chart of `q` (a ranking for `v=ranking`, a map for `v=map` or `v=tiles` given the
/// outlines, a time series otherwise) and the stem of a file name that says what is inside
/// (`industrikommuner_elproduktion_2019`). `None` when there is no year to show, or a map is
/// asked for without outlines.
pub fn view_chart(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    geo: Option<&muni_model::geo::Shapes>,
    q: &ChartQuery,
) -> Option<(ViewChart, String)> {
    let (chart, measure, span) = match q.view {
        #[cfg(not(feature = "map"))]
        muni_model::View::Map | muni_model::View::Tiles => {
            let _ = geo;
            return None;
        }
        #[cfg(feature = "map")]
        muni_model::View::Map | muni_model::View::Tiles => {
            let y = ranking_year(meta, q)?;
            let c = crate::map::map_chart(
                catalog,
                meta,
                file,
                geo?,
                y,
                &selected(q),
                q.view == muni_model::View::Tiles,
                q.lang,
            );
            (ViewChart::Map(c), Measure::AsPublished, (y, y))
        }
        muni_model::View::Ranking => {
            let y = ranking_year(meta, q)?;
            let c = ranking(catalog, meta, file, q)?;
            // A ranking shows the published values, whatever the measure of the series.
            (ViewChart::Ranking(c), Measure::AsPublished, (y, y))
        }
        _ => {
            let c = series_chart(catalog, meta, file, q);
            let span = (*c.years.first()?, *c.years.last()?);
            (ViewChart::Line(c), q.measure, span)
        }
    };
    Some((chart, stem(catalog, meta, q, measure, span)))
}

/// The stem of a file name that says what a view's picture shows
/// (`industrikommuner_elproduktion_2019_karta`).
pub fn stem(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    q: &ChartQuery,
    measure: Measure,
    span: (u16, u16),
) -> String {
    let mut stem = muni_model::extract::file_name(meta, measure, span, None, "")
        .trim_end_matches('.')
        .to_owned();
    match q.view {
        muni_model::View::Map => stem.push_str("_karta"),
        muni_model::View::Tiles => stem.push_str("_rutnat"),
        _ => {}
    }
    if let Some(v) = &catalog.data_version {
        stem.push_str("_dv");
        stem.push_str(&v.id);
    }
    stem
}

/// The indicator shown when the URL names none (or a stale one).
pub const DEFAULT_INDICATOR: &str = "employment_industry_share";

/// The indicator the query asks for, or the default; `None` only if the catalog has neither.
pub fn indicator<'a>(catalog: &'a Catalog, q: &ChartQuery) -> Option<&'a IndicatorMeta> {
    q.indicator
        .as_ref()
        .and_then(|id| catalog.indicator(id.as_str()))
        .or_else(|| catalog.indicator(DEFAULT_INDICATOR))
        .or(catalog.indicators.first())
}

/// What of `q` this catalog cannot show, dropped or narrowed with a notice each (the README's
/// promise: an unusable part of a link is said, never silently ignored), or `None` when all of
/// it can be shown. Run on every change of the query, so that switching to an indicator that
/// lacks the year, range or base year chosen falls back visibly, and the menu, the URL and the
/// notice agree.
// Long: one rule per parameter in the order the URL lists them; each says what it drops.
pub fn reconcile(catalog: &Catalog, q: &ChartQuery) -> Option<(ChartQuery, Vec<QueryNotice>)> {
    let mut out = q.clone();
    let mut notices: Vec<QueryNotice> = Vec::new();
    let mut note = |param: &str, value: String, reason: NoticeReason| {
        notices.push(QueryNotice {
            param: param.to_owned(),
            value,
            reason,
        })
    };
    if let Some(dv) = out.data_version.take()
        && catalog.data_version.as_ref().is_some_and(|v| v.id != dv)
    {
        note("dv", dv, NoticeReason::OtherDataVersion);
    }
    if let Some(id) = out
        .indicator
        .take_if(|id| catalog.indicator(id.as_str()).is_none())
    {
        note("i", id.to_string(), NoticeReason::UnknownIndicator);
    }
    let known = |c: &str| catalog.region(c).is_some();
    out.municipalities.retain(|m| {
        let ok = known(m.as_str());
        if !ok {
            note("r", m.to_string(), NoticeReason::UnknownMunicipality);
        }
        ok
    });
    out.groups.retain(|g| {
        let ok = g.county_code().is_none_or(|c| known(&c));
        if !ok {
            note("g", g.to_string(), NoticeReason::UnknownCounty);
        }
        ok
    });
    if let Some(p) = out.profile.take_if(|p| !known(p.as_str())) {
        note("p", p.to_string(), NoticeReason::UnknownMunicipality);
    }
    if let Some(meta) = indicator(catalog, &out) {
        let years = &meta.years;
        if let Measure::Index { base } = out.measure {
            let reason = if meta.rate {
                Some(NoticeReason::RateNotIndexed)
            } else if !years.contains(&base) {
                Some(NoticeReason::BaseYearNotInData)
            } else {
                None
            };
            if let Some(reason) = reason {
                note("b", base.to_string(), reason);
                out.measure = Measure::AsPublished;
            }
        }
        if let Some(t) = out.year.take_if(|t| !years.contains(t)) {
            note("t", t.to_string(), NoticeReason::YearNotInData);
        }
        if let (Some((a, b)), Some(&first), Some(&last)) = (out.years, years.first(), years.last())
            && (a < first || b > last)
        {
            note("y", format!("{a}-{b}"), NoticeReason::YearsNotInData);
            let (a, b) = (a.clamp(first, last), b.clamp(first, last));
            out.years = (a < b && (a, b) != (first, last)).then_some((a, b));
        }
        if years.len() == 1 && out.view == View::Series {
            note("v", "series".to_owned(), NoticeReason::SingleYear);
            out.view = View::Ranking;
        }
    }
    (out != *q).then_some((out, notices))
}

/// Members of the query's groups (`network`, `lanNN`), in code order.
pub fn group_members(catalog: &Catalog, q: &ChartQuery) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &g in &q.groups {
        out.extend(
            catalog
                .group_members(g)
                .iter()
                .map(|m| m.as_str().to_owned()),
        );
    }
    muni_model::sort::sort_by(&mut out, |a, b| a.cmp(b));
    out.dedup();
    out
}

pub fn selected(q: &ChartQuery) -> Vec<String> {
    q.municipalities
        .iter()
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// The year range of a series view, clamped to the indicator's years.
pub fn year_range(file: &IndicatorFile, q: &ChartQuery) -> (u16, u16) {
    let (first, last) = (
        file.years.first().copied().unwrap_or(0),
        file.years.last().copied().unwrap_or(0),
    );
    match q.years {
        Some((a, b)) => (a.clamp(first, last), b.clamp(first, last)),
        None => (first, last),
    }
}

/// The series chart of the view, with the index measure applied.
pub fn series_chart(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> LineChart {
    let (a, b) = year_range(file, q);
    let mut chart = line_chart(
        catalog,
        meta,
        file,
        &selected(q),
        &group_members(catalog, q),
        a..=b,
        q.lang,
    );
    // A rate is never indexed (the dashboard does not offer it; a URL asking is told so).
    if let (Measure::Index { base }, false) = (q.measure, meta.rate) {
        for s in &mut chart.series {
            s.values = index_values(&chart.years, &s.values, base);
        }
        chart.subtitle = match q.lang {
            Lang::Sv => format!("Index, {base} = 100"),
            Lang::En => format!("Index, {base} = 100"),
        };
        chart.decimals = 1;
    }
    chart
}

/// The ranking year: the query's if the indicator has it, else the latest with a published value.
pub fn ranking_year(meta: &IndicatorMeta, q: &ChartQuery) -> Option<u16> {
    q.year
        .filter(|y| meta.years.contains(y))
        .or(meta.years.last().copied())
}

/// A picture's or a slide's map gets the ranking of its year beside it, so a 16:9 picture is
/// filled (drawn beside only where the picture is wide); the title, caption and source line are
/// the map's, the ranking keeps its subtitle (unit and what it ranks).
pub fn with_ranking_beside(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
    chart: &mut ViewChart,
) {
    if let ViewChart::Map(m) = chart
        && let Some(mut r) = ranking(catalog, meta, file, q)
    {
        r.title.clear();
        r.source.clear();
        r.caption.clear();
        top_and_bottom(&mut r, BESIDE_ENDS);
        m.beside = Some(Box::new(r));
    }
}

/// How many of the first and of the last a ranking beside a map keeps of a long ranking.
pub const BESIDE_ENDS: usize = 10;

/// A long ranking (all 290) cut to its first and last `n` bars and the selection between them,
/// said in the subtitle; the municipalities without a value counted in one line. A bar beside
/// a map must stay readable: 290 bars in half a slide are not.
pub fn top_and_bottom(r: &mut RankingChart, n: usize) {
    let total = r.bars.len();
    if total > 3 * n {
        let mut k = 0;
        r.bars.retain(|b| {
            k += 1;
            k <= n || k > total - n || b.highlight.is_some()
        });
        r.subtitle.push_str(&match r.lang {
            Lang::Sv => format!(" · de {n} första och {n} sista av {total} och urvalet"),
            Lang::En => format!(" · the first {n} and last {n} of {total}, and the selection"),
        });
    }
    let without = r.withheld.iter().filter(|w| w.highlight.is_none()).count();
    if without > n {
        r.withheld.retain(|w| w.highlight.is_some());
        r.withheld.push(crate::spec::Withheld {
            label: match r.lang {
                Lang::Sv => format!("{without} kommuner till"),
                Lang::En => format!("{without} more municipalities"),
            },
            reason: crate::tr(r.lang, "inget publicerat värde", "no published value").into(),
            highlight: None,
        });
    }
}

pub fn ranking(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Option<RankingChart> {
    let year = ranking_year(meta, q)?;
    let scope = match q.scope {
        Scope::Network => RankingScope::Network,
        Scope::Sweden => RankingScope::Sweden,
    };
    let mut chart = ranking_chart(catalog, meta, file, year, scope, &selected(q), q.lang);
    // An index is a series' measure: the ranking ranks the published values, and says so.
    if let Measure::Index { base } = q.measure {
        chart.subtitle.push_str(&match q.lang {
            Lang::Sv => format!(" · publicerade värden (index {base} = 100 gäller tidsserien)"),
            Lang::En => {
                format!(" · published values (the index {base} = 100 applies to the series)")
            }
        });
    }
    Some(chart)
}

/// The pixel size to draw a chart at for a page `viewport` CSS pixels wide: the width it is
/// shown at (at most 960, at least 320); 16:9 on wide screens, taller on phones; a ranking tall
/// enough for each of its `bars` to be named when it names them all.
/// The map's size on a page `viewport` CSS pixels wide in a window `window_h` tall: as
/// [`chart_size`], and no taller than the window, so that the whole map is seen at once (the
/// controls above it scroll away); never shorter than 420 px.
pub fn map_size(viewport: u32, window_h: u32) -> (u32, u32) {
    let (w, h) = chart_size(viewport, 0, true);
    (w, h.min(window_h.saturating_sub(60)).max(420))
}

pub fn chart_size(viewport: u32, bars: usize, map: bool) -> (u32, u32) {
    let w = viewport.saturating_sub(32).clamp(320, 960);
    if map {
        // Sweden is tall: a map needs height more than width.
        return (w, (w * 4 / 5).max(560));
    }
    let h = if w >= 720 { w * 9 / 16 } else { w * 5 / 4 };
    let named = if bars <= 40 {
        bars as u32 * 20 + 170
    } else {
        0
    };
    (w, h.max(named))
}

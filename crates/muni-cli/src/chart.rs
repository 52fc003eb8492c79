//! `chart`: one chart, or a deck of slides, from the same parameters as the dashboard's URL,
//! drawn by the same plotters code (`muni_chart`), as SVG or PNG.

use std::path::{Path, PathBuf};

use muni_model::{Catalog, ChartQuery, IndicatorFile, View};
use muni_pipeline::extract::read_json;
use muni_pipeline::fsutil::write_atomic;
use muni_view::view::{ViewChart, indicator, view_chart};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    /// A PowerPoint deck: one slide per view, native charts with their data embedded.
    Pptx,
}

impl Format {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            "pptx" => Ok(Format::Pptx),
            other => Err(format!("format {other:?}: expected png, svg or pptx")),
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pptx => "pptx",
        }
    }
}

/// `1920x1080`, `1280x720`, `slide` (1920×1080), `small` (1280×720), `screen` (960×540).
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    match s {
        "slide" => return Ok((1920, 1080)),
        "small" => return Ok((1280, 720)),
        "screen" => return Ok((960, 540)),
        _ => {}
    }
    let bad = || format!("size {s:?}: expected WIDTHxHEIGHT (1920x1080), slide, small or screen");
    let (w, h) = s.split_once(['x', '×']).ok_or_else(bad)?;
    let (w, h): (u32, u32) = (w.parse().map_err(|_| bad())?, h.parse().map_err(|_| bad())?);
    if !(200..=8000).contains(&w) || !(150..=8000).contains(&h) {
        return Err(format!("size {s:?}: between 200×150 and 8000×8000 pixels"));
    }
    Ok((w, h))
}

/// The published data, read once for a deck.
pub struct Data {
    dir: PathBuf,
    catalog: Catalog,
    /// The map's outlines, read when a map is first asked for.
    geo: std::cell::OnceCell<muni_model::geo::Shapes>,
}

impl Data {
    pub fn open(dir: &Path) -> Result<Self, String> {
        let catalog: Catalog = read_json(&dir.join("catalog.json")).map_err(|e| e.to_string())?;
        Ok(Data {
            dir: dir.to_owned(),
            catalog,
            geo: std::cell::OnceCell::new(),
        })
    }

    fn geo(&self) -> Result<&muni_model::geo::Shapes, String> {
        if let Some(g) = self.geo.get() {
            return Ok(g);
        }
        let g =
            read_json(&self.dir.join(muni_pipeline::publish::GEO)).map_err(|e| e.to_string())?;
        Ok(self.geo.get_or_init(|| g))
    }

    /// The chart of `view` (a URL query: `i=population&r=0382&v=ranking`) and a file name
    /// that says what is inside.
    pub fn render(
        &self,
        view: &str,
        size: (u32, u32),
        format: Format,
    ) -> Result<(Vec<u8>, String), String> {
        self.render_query(&Self::query(view)?, size, format)
    }

    /// The view's query, checked: notices are errors here (a deck must show what it says).
    fn query(view: &str) -> Result<ChartQuery, String> {
        let (q, notices) = ChartQuery::parse(view.trim_start_matches('?'));
        if let Some(n) = notices.first() {
            return Err(format!(
                "view {view:?}: {}={} – {}",
                n.param, n.value, n.reason
            ));
        }
        Ok(q)
    }

    /// The indicator, its file and the chart of `q`, with the stem of a file name.
    fn prepare(
        &self,
        q: &ChartQuery,
    ) -> Result<(&muni_model::IndicatorMeta, IndicatorFile, ViewChart, String), String> {
        let c = &self.catalog;
        if let Some(id) = &q.indicator
            && c.indicator(id.as_str()).is_none()
        {
            return Err(format!(
                "unknown indicator {:?} (see catalog.json)",
                id.as_str()
            ));
        }
        let meta = indicator(c, q).ok_or("the catalog has no indicators")?;
        if meta.rate && matches!(q.measure, muni_model::Measure::Index { .. }) {
            return Err(format!(
                "{} is a rate: it is not shown as an index (its changes are in percentage points); leave out m=index",
                meta.id
            ));
        }
        let Some(path) = &meta.file else {
            return Err(format!(
                "{} has no figures yet (awaiting a fetch): run `industrikommuner fetch` first",
                meta.id
            ));
        };
        let file: IndicatorFile = read_json(&self.dir.join(path)).map_err(|e| e.to_string())?;
        if q.view == View::Profile {
            return Err("a profile is a table, not a chart: use v=series or v=ranking".into());
        }
        let geo = if q.view.is_map() {
            Some(self.geo()?)
        } else {
            None
        };
        let (chart, stem) = view_chart(c, meta, &file, geo, q).ok_or("no year to show")?;
        Ok((meta, file, chart, stem))
    }

    pub fn render_query(
        &self,
        q: &ChartQuery,
        (w, h): (u32, u32),
        format: Format,
    ) -> Result<(Vec<u8>, String), String> {
        if format == Format::Pptx {
            let (slide, stem) = self.slide(q)?;
            let title = slide.title.clone();
            let bytes = muni_pptx::deck(&title, &[slide])?;
            return Ok((bytes, format!("{stem}.pptx")));
        }
        let (meta, file, mut chart, stem) = self.prepare(q)?;
        muni_view::view::with_ranking_beside(&self.catalog, meta, &file, q, &mut chart);
        // A slide carries its talking point under the plot.
        chart.set_caption(muni_view::summary::summary(&self.catalog, meta, &file, q).join(" "));
        let bytes = match (format, &chart) {
            (Format::Svg | Format::Pptx, _) => {
                muni_chart::view_svg(&chart, w, h).map(String::into_bytes)
            }
            (Format::Png, ViewChart::Line(l)) => muni_chart::png::line_chart_png(l, w, h),
            (Format::Png, ViewChart::Ranking(r)) => muni_chart::png::ranking_chart_png(r, w, h),
            (Format::Png, ViewChart::Map(m)) => muni_chart::png::map_chart_png(m, w, h),
        }
        .map_err(|e| format!("{}: {e}", meta.id))?;
        Ok((bytes, format!("{stem}.{}", format.ext())))
    }

    /// The PowerPoint slide of `q` (`muni_pptx::view_slide`): a native chart, or the map as a
    /// picture beside the ranking of its year.
    pub fn slide(&self, q: &ChartQuery) -> Result<(muni_pptx::Slide, String), String> {
        let (meta, file, chart, stem) = self.prepare(q)?;
        let link = format!("?{}", q.to_query_string());
        let slide = muni_pptx::view_slide(&self.catalog, meta, &file, q, chart, &link, |m| {
            // The slide has the title and the source: the picture is the map and its legend.
            let (w, h) = muni_pptx::MAP_PICTURE;
            let png = muni_chart::png::map_chart_png(&muni_pptx::map_picture(m), w, h)
                .map_err(|e| format!("{}: {e}", meta.id))?;
            Ok((png, w, h))
        })?;
        Ok((slide, stem))
    }
}

/// A deck file: slides that share a size and format.
///
/// ```toml
/// title = "Energi i Östhammar"   # the PowerPoint file's title (optional)
/// size = "1920x1080"   # or slide, small, screen
/// format = "png"       # or svg, or pptx (one file, a slide per view)
/// [[slide]]
/// name = "01-energi"   # file name without extension (optional)
/// view = "i=energy_final_use_industry_per_inhabitant&r=0382&v=series"
/// ```
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    pub title: Option<String>,
    #[serde(default = "default_size")]
    pub size: String,
    #[serde(default = "default_format")]
    pub format: String,
    #[serde(rename = "slide")]
    pub slides: Vec<Slide>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slide {
    pub name: Option<String>,
    pub view: String,
    pub size: Option<String>,
}

fn default_size() -> String {
    "1920x1080".into()
}

fn default_format() -> String {
    "png".into()
}

/// A file name made safe: letters, digits, `-`, `_`, `.`; nothing that climbs out of the folder.
pub fn safe_stem(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let out = out.trim_matches('_').to_owned();
    if out.is_empty() { "slide".into() } else { out }
}

/// Renders every slide of `deck_path` into `out_dir` (for `pptx`, one file: `out_dir` itself
/// if it ends in `.pptx`, else a file in it named after the deck); nothing is written unless
/// every slide renders. `format` overrides the deck's. Returns the files written.
pub fn render_deck(
    deck_path: &Path,
    data: &Data,
    out_dir: &Path,
    format: Option<Format>,
) -> Result<Vec<PathBuf>, String> {
    let text =
        std::fs::read_to_string(deck_path).map_err(|e| format!("{}: {e}", deck_path.display()))?;
    let deck: Deck = toml::from_str(&text).map_err(|e| format!("{}: {e}", deck_path.display()))?;
    let format = match format {
        Some(f) => f,
        None => Format::parse(&deck.format).map_err(|e| format!("{}: {e}", deck_path.display()))?,
    };
    if format == Format::Pptx {
        return pptx_deck(deck_path, &deck, data, out_dir);
    }
    let mut rendered = Vec::new();
    for (i, s) in deck.slides.iter().enumerate() {
        let size = parse_size(s.size.as_deref().unwrap_or(&deck.size))
            .map_err(|e| format!("{}: slide {}: {e}", deck_path.display(), i + 1))?;
        let (bytes, name) = data
            .render(&s.view, size, format)
            .map_err(|e| format!("{}: slide {}: {e}", deck_path.display(), i + 1))?;
        let file = match &s.name {
            Some(n) => format!("{}.{}", safe_stem(n), format.ext()),
            None => format!("{:02}_{name}", i + 1),
        };
        rendered.push((file, bytes));
    }
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut written = Vec::new();
    for (file, bytes) in rendered {
        let path = out_dir.join(file);
        write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}

/// The deck as one PowerPoint file.
fn pptx_deck(
    deck_path: &Path,
    deck: &Deck,
    data: &Data,
    out: &Path,
) -> Result<Vec<PathBuf>, String> {
    let mut slides = Vec::new();
    for (i, s) in deck.slides.iter().enumerate() {
        let slide = Data::query(&s.view)
            .and_then(|q| data.slide(&q))
            .map_err(|e| format!("{}: slide {}: {e}", deck_path.display(), i + 1))?;
        slides.push(slide.0);
    }
    let stem = deck_path
        .file_stem()
        .map(|s| safe_stem(&s.to_string_lossy()))
        .unwrap_or_else(|| "deck".into());
    let title = deck.title.clone().unwrap_or_else(|| stem.clone());
    let bytes =
        muni_pptx::deck(&title, &slides).map_err(|e| format!("{}: {e}", deck_path.display()))?;
    let path = if out.extension().is_some_and(|e| e == "pptx") {
        out.to_owned()
    } else {
        std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
        out.join(format!("{stem}.pptx"))
    };
    write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
    Ok(vec![path])
}

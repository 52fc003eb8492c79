//! The map: Sweden's 290 municipalities coloured by an indicator in one year, in quintile
//! classes (the same number of municipalities in each, said in the legend), network members
//! outlined, selected municipalities highlighted; or the same as a tile grid where every
//! municipality gets an equal square. Drawn with plotters like every other chart; the same
//! layout function serves hit testing, so a pointer finds the municipality under it.

use muni_model::Lang;
use muni_model::geo::{Point, inside};
pub use muni_view::spec::{Fill, MapChart, MapRegion};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::palette::{self, series_color};
use crate::{ChartError, Scale, draw_err};

/// Five sequential classes, light to dark (viridis), told apart without colour vision too.
pub const CLASS_COLORS: [RGBColor; 5] = [
    RGBColor(253, 231, 37),
    RGBColor(122, 209, 81),
    RGBColor(34, 168, 132),
    RGBColor(42, 120, 142),
    RGBColor(65, 68, 135),
];
const CONFIDENTIAL: RGBColor = RGBColor(170, 170, 170);
const NO_VALUE: RGBColor = RGBColor(232, 232, 232);

/// How a municipality is filled.
/// Where the map lies in a picture of `w` × `h`: map units → pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub scale: f64,
    pub x0: f64,
    pub y0: f64,
    /// Left edge of the legend, in pixels.
    pub legend_x: i32,
    /// Left edge of the ranking beside the map, when it is drawn.
    pub ranking_x: Option<i32>,
    /// Top and bottom of the plot between the frame's bands, in pixels.
    pub plot: (i32, i32),
}

impl Layout {
    pub fn to_px(&self, p: Point) -> (i32, i32) {
        (
            (self.x0 + f64::from(p.0) * self.scale).round() as i32,
            (self.y0 + f64::from(p.1) * self.scale).round() as i32,
        )
    }
}

/// The layout of `chart` at `w` × `h`: the frame's bands, then the map (or grid) fitted to the
/// left part, the legend to its right.
pub fn layout(chart: &MapChart, w: u32, h: u32) -> Layout {
    let s = Scale::for_size(w, h);
    let (header, footer) = crate::frame_bands(
        &s,
        w,
        &chart.title,
        &chart.subtitle,
        &chart.caption,
        &chart.source,
    );
    let m = f64::from(s.margin);
    let legend_w = (s.label * 13.0).min(f64::from(w) * 0.45);
    // With a ranking beside, the map and its legend take at most the left half.
    let map_w = if beside(chart, w, h) {
        f64::from(w) / 2.0
    } else {
        f64::from(w)
    };
    let avail_w = (map_w - legend_w - 3.0 * m).max(10.0);
    let avail_h = (f64::from(h) - f64::from(header + footer) - 2.0 * m).max(10.0);
    let (ew, eh) = if chart.tiles {
        (f64::from(chart.grid.0), f64::from(chart.grid.1))
    } else {
        (f64::from(chart.extent.0), f64::from(chart.extent.1))
    };
    let scale = (avail_w / ew).min(avail_h / eh);
    let x0 = m;
    let y0 = f64::from(header) + m;
    let legend_x = (x0 + ew * scale + 2.0 * m) as i32;
    Layout {
        scale,
        x0,
        y0,
        legend_x,
        ranking_x: beside(chart, w, h).then(|| legend_x + (legend_w + 2.0 * m) as i32),
        plot: (y0 as i32 - s.margin, h as i32 - footer as i32),
    }
}

/// Whether the ranking is drawn beside the map: there is one, and the picture is wide.
fn beside(chart: &MapChart, w: u32, h: u32) -> bool {
    chart.beside.is_some() && f64::from(w) >= 1.3 * f64::from(h)
}

/// The municipality under the pixel `(px, py)` of a picture of `w` × `h`.
pub fn hit(chart: &MapChart, w: u32, h: u32, px: f64, py: f64) -> Option<&MapRegion> {
    let l = layout(chart, w, h);
    let (x, y) = ((px - l.x0) / l.scale, (py - l.y0) / l.scale);
    if chart.tiles {
        let (c, r) = (x.floor(), y.floor());
        return chart
            .regions
            .iter()
            .find(|g| f64::from(g.tile.0) == c && f64::from(g.tile.1) == r);
    }
    chart
        .regions
        .iter()
        .find(|g| g.rings.iter().any(|ring| inside(ring, (x, y))))
}

fn fill_color(f: Fill) -> RGBColor {
    match f {
        Fill::Class(i) => CLASS_COLORS[i.min(CLASS_COLORS.len() - 1)],
        Fill::Confidential => CONFIDENTIAL,
        Fill::Missing => NO_VALUE,
    }
}

/// A tile's corners in map units of the grid.
fn tile_ring(t: (u16, u16)) -> Vec<Point> {
    let (c, r) = (i32::from(t.0), i32::from(t.1));
    vec![(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]
}

// Long: the map's layers in the order they are drawn (fills, tile labels, members' outlines,
// the selection, the legend, the ranking beside), each a loop or a call.
pub fn draw_map_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &MapChart,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let s = Scale::for_size(w, h);
    area.fill(&WHITE).map_err(draw_err)?;
    if chart.regions.is_empty() {
        return Err(ChartError::Empty);
    }
    crate::frame(
        area,
        &s,
        &chart.title,
        &chart.subtitle,
        &chart.caption,
        &chart.source,
    )?;
    let l = layout(chart, w, h);
    let px_ring = |ring: &[Point]| -> Vec<(i32, i32)> {
        if chart.tiles {
            // A gap between tiles: shrink each by a tenth of a cell.
            let inset = |p: Point, sx: f64, sy: f64| {
                let (x, y) = l.to_px(p);
                (
                    x + (sx * l.scale * 0.06) as i32,
                    y + (sy * l.scale * 0.06) as i32,
                )
            };
            vec![
                inset(ring[0], 1.0, 1.0),
                inset(ring[1], -1.0, 1.0),
                inset(ring[2], -1.0, -1.0),
                inset(ring[3], 1.0, -1.0),
            ]
        } else {
            ring.iter().map(|p| l.to_px(*p)).collect()
        }
    };
    let rings_of = |g: &MapRegion| -> Vec<Vec<(i32, i32)>> {
        if chart.tiles {
            vec![px_ring(&tile_ring(g.tile))]
        } else {
            g.rings.iter().map(|r| px_ring(r)).collect()
        }
    };
    let thin = (f64::from(h) / 1500.0).max(0.5);
    // Fills first, with thin white borders; then members' outlines; then the selection on top.
    for g in &chart.regions {
        for ring in rings_of(g) {
            area.draw(&Polygon::new(ring.clone(), fill_color(g.fill).filled()))
                .map_err(draw_err)?;
            area.draw(&PathElement::new(
                closed(ring),
                ShapeStyle {
                    color: WHITE.to_rgba(),
                    filled: false,
                    stroke_width: thin.ceil() as u32,
                },
            ))
            .map_err(draw_err)?;
        }
    }
    let outline = |g: &MapRegion, color: RGBColor, width: u32| -> Result<(), ChartError> {
        for ring in rings_of(g) {
            area.draw(&PathElement::new(
                closed(ring),
                ShapeStyle {
                    color: color.to_rgba(),
                    filled: false,
                    stroke_width: width,
                },
            ))
            .map_err(draw_err)?;
        }
        Ok(())
    };
    if chart.tiles {
        draw_tile_labels(area, chart, &l)?;
    }
    let stroke = (f64::from(h) / 400.0).max(1.5) as u32;
    for g in chart.regions.iter().filter(|g| g.member) {
        outline(g, palette::TEXT, stroke)?;
    }
    for g in &chart.regions {
        if let Some(k) = g.selected {
            outline(g, series_color(k), stroke * 3)?;
        }
    }
    draw_legend(area, chart, &s, &l)?;
    if let (Some(x), Some(r)) = (l.ranking_x, &chart.beside) {
        let (top, bottom) = l.plot;
        let part = area.clone().shrink(
            (x, top),
            (w.saturating_sub(x as u32), (bottom - top).max(1) as u32),
        );
        crate::bar::draw_ranking(&part, r, s)?;
    }
    // Last: an SVG is closed here, and nothing may be drawn after it.
    area.present().map_err(draw_err)?;
    Ok(())
}

/// A tile's short label: the first three letters of the name (`Skövde` → `Skö`; the tip and
/// the table name it in full).
pub fn tile_label(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .collect()
}

/// Each tile's short label in its middle, dark on the light classes and white on the dark
/// ones; none where the tiles are too small to read them (a phone).
fn draw_tile_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &MapChart,
    l: &Layout,
) -> Result<(), ChartError> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let size = l.scale * 0.38;
    if size < 7.0 {
        return Ok(());
    }
    for g in &chart.regions {
        let (x, y) = l.to_px((i32::from(g.tile.0), i32::from(g.tile.1)));
        let centre = (x + (l.scale / 2.0) as i32, y + (l.scale / 2.0) as i32);
        let color = match g.fill {
            Fill::Class(i) if i >= 2 => WHITE,
            _ => palette::TEXT,
        };
        area.draw(&Text::new(
            tile_label(&g.name),
            centre,
            ("sans-serif", size)
                .into_font()
                .color(&color)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}

fn closed(mut ring: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    if let Some(first) = ring.first().copied() {
        ring.push(first);
    }
    ring
}

// Long: the legend is laid out as it is drawn (swatches, their labels, the absent classes),
// each row placed below the one before.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &MapChart,
    s: &Scale,
    l: &Layout,
) -> Result<(), ChartError> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let font = ("sans-serif", s.label)
        .into_font()
        .color(&palette::TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let x = l.legend_x;
    let mut y = l.y0 as i32;
    let line = (s.label * 1.6) as i32;
    let box_w = (s.label * 1.4) as i32;
    let (w, _) = area.dim_in_pixel();
    let right = l.ranking_x.map_or(f64::from(w), f64::from);
    let width = right - f64::from(x) - f64::from(s.margin);
    for t in crate::wrap(&chart.legend_title, width, s.label, false, 3) {
        area.draw(&Text::new(t, (x, y + line / 2), font.clone()))
            .map_err(draw_err)?;
        y += line;
    }
    let (lang, mut items): (Lang, Vec<(RGBColor, String)>) = (
        chart.lang,
        chart
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| (CLASS_COLORS[i.min(4)], c.clone()))
            .collect(),
    );
    items.push((
        CONFIDENTIAL,
        match lang {
            Lang::Sv => "Sekretess (..)".into(),
            Lang::En => "Confidential (..)".into(),
        },
    ));
    items.push((
        NO_VALUE,
        match lang {
            Lang::Sv => "Inget värde".into(),
            Lang::En => "No value".into(),
        },
    ));
    for (color, label) in items {
        area.draw(&Rectangle::new(
            [(x, y + 2), (x + box_w, y + line - 2)],
            color.filled(),
        ))
        .map_err(draw_err)?;
        area.draw(&Text::new(
            label,
            (x + box_w + s.margin, y + line / 2),
            font.clone(),
        ))
        .map_err(draw_err)?;
        y += line;
    }
    // The outlines' meaning.
    y += line / 2;
    let stroke = (s.label / 8.0).max(1.5) as u32;
    // The network's outline, then each selected municipality in its colour, by name.
    let mut keys: Vec<(RGBColor, u32, String)> = vec![(
        palette::TEXT,
        stroke,
        match lang {
            Lang::Sv => "Nätverkets kommuner".into(),
            Lang::En => "The network's municipalities".into(),
        },
    )];
    let mut selected: Vec<(usize, &str)> = chart
        .regions
        .iter()
        .filter_map(|g| Some((g.selected?, g.name.as_str())))
        .collect();
    muni_model::sort::sort_by(&mut selected, |a, b| a.0.cmp(&b.0));
    const NAMED: usize = 6;
    for (k, name) in selected.iter().take(NAMED) {
        keys.push((series_color(*k), stroke * 2, (*name).to_owned()));
    }
    for (color, width, label) in keys {
        area.draw(&Rectangle::new(
            [(x, y + 2), (x + box_w, y + line - 2)],
            ShapeStyle {
                color: color.to_rgba(),
                filled: false,
                stroke_width: width,
            },
        ))
        .map_err(draw_err)?;
        area.draw(&Text::new(
            label,
            (x + box_w + s.margin, y + line / 2),
            font.clone(),
        ))
        .map_err(draw_err)?;
        y += line;
    }
    if selected.len() > NAMED {
        let more = selected.len() - NAMED;
        let text = match lang {
            Lang::Sv => format!("och {more} till"),
            Lang::En => format!("and {more} more"),
        };
        area.draw(&Text::new(
            text,
            (x + box_w + s.margin, y + line / 2),
            font.clone(),
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}

/// The map as an SVG document of `width` × `height` pixels.
pub fn map_chart_svg(chart: &MapChart, width: u32, height: u32) -> Result<String, ChartError> {
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw_map_chart(&area, chart)?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(tiles: bool) -> MapChart {
        let region = |code: &str, x: i32, tile: (u16, u16), fill| MapRegion {
            code: code.into(),
            name: code.into(),
            rings: vec![vec![(x, 0), (x + 10, 0), (x + 10, 10), (x, 10)]],
            tile,
            fill,
            member: code == "0001",
            selected: (code == "0002").then_some(0),
        };
        MapChart {
            title: "SYNTHETIC map".into(),
            subtitle: "MWh".into(),
            source: "Källa: syntetiska data".into(),
            caption: String::new(),
            lang: Lang::Sv,
            tiles,
            extent: (30, 10),
            grid: (3, 1),
            regions: vec![
                region("0001", 0, (0, 0), Fill::Class(0)),
                region("0002", 10, (1, 0), Fill::Class(4)),
                region("0003", 20, (2, 0), Fill::Confidential),
            ],
            classes: vec!["1–2".into(), "2–3".into()],
            legend_title: "Kvintiler".into(),
            beside: None,
        }
    }

    /// The x of every vertical two-point piece (a reference's dashes) in an SVG.
    fn vertical_pieces(svg: &str) -> Vec<i32> {
        svg.split("points=\"")
            .skip(1)
            .filter_map(|rest| {
                let pts: Vec<(i32, i32)> = rest
                    .split('"')
                    .next()?
                    .split_whitespace()
                    .filter_map(|p| {
                        let (x, y) = p.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect();
                (pts.len() == 2 && pts[0].0 == pts[1].0).then_some(pts[0].0)
            })
            .collect()
    }

    #[test]
    fn a_wide_picture_has_the_ranking_beside_the_map() {
        use muni_view::spec::{Bar, RankingChart, Reference, SeriesRole};
        let ranking = RankingChart {
            title: String::new(),
            subtitle: "MWh, SYNTHETIC".into(),
            source: String::new(),
            bars: ["Alfa", "Beta", "Gamma"]
                .iter()
                .enumerate()
                .map(|(i, n)| Bar {
                    label: (*n).into(),
                    value: 30.0 - 10.0 * i as f64,
                    highlight: (i == 1).then_some(0),
                })
                .collect(),
            references: vec![Reference {
                label: "Riket 15".into(),
                value: 15.0,
                role: SeriesRole::Country,
            }],
            withheld: vec![],
            decimals: 0,
            lang: Lang::Sv,
            caption: String::new(),
        };
        let mut c = chart(false);
        c.beside = Some(Box::new(ranking.clone()));
        let l = layout(&c, 1920, 1080);
        let x = l.ranking_x.expect("beside at 16:9");
        let svg = map_chart_svg(&c, 1920, 1080).unwrap();
        assert!(svg.contains("Gamma") && svg.contains("Riket 15") && svg.contains("SYNTHETIC"));
        // One document: the ranking inside it, not after its end.
        assert_eq!(svg.matches("</svg>").count(), 1);
        assert!(
            svg.trim_end().ends_with("</svg>"),
            "{}",
            &svg[svg.len() - 200..]
        );
        // The reference line where the same ranking alone, at the part's size, draws it.
        let (top, bottom) = l.plot;
        // (drawn with the whole picture's text sizes).
        let mut alone = String::new();
        {
            let area =
                SVGBackend::with_string(&mut alone, (1920 - x as u32, (bottom - top) as u32))
                    .into_drawing_area();
            crate::bar::draw_ranking(&area, &ranking, Scale::for_size(1920, 1080)).unwrap();
        }
        let want: Vec<i32> = vertical_pieces(&alone).iter().map(|p| p + x).collect();
        let got = vertical_pieces(&svg);
        assert!(!want.is_empty() && got == want, "{got:?} != {want:?}");
        // The map keeps the left part, and the pointer still finds its squares.
        assert!(l.legend_x < x);
        let (px, py) = (l.x0 + 5.0 * l.scale, l.y0 + 5.0 * l.scale);
        assert_eq!(
            hit(&c, 1920, 1080, px, py).map(|r| r.code.as_str()),
            Some("0001")
        );
        // A tall picture has no room: the map alone.
        assert_eq!(layout(&c, 800, 1000).ranking_x, None);
        assert!(!map_chart_svg(&c, 800, 1000).unwrap().contains("Gamma"));
    }

    #[test]
    fn the_legend_names_the_selection_escaped_and_says_how_many_more() {
        let mut c = chart(false);
        let base = c.regions[0].clone();
        c.regions = (0..8)
            .map(|k| MapRegion {
                code: format!("{k:04}"),
                name: format!("<Kommun & {k}>"),
                selected: Some(k),
                ..base.clone()
            })
            .collect();
        let svg = map_chart_svg(&c, 1280, 720).unwrap();
        assert!(svg.contains("&lt;Kommun &amp; 5&gt;") && !svg.contains("<Kommun"));
        assert!(
            !svg.contains("Kommun &amp; 6") && svg.contains("och 2 till"),
            "{svg}"
        );
    }

    #[test]
    fn every_region_is_drawn_and_found_under_the_pointer() {
        for tiles in [false, true] {
            let c = chart(tiles);
            let svg = map_chart_svg(&c, 960, 540).unwrap();
            assert_eq!(svg.matches("<polygon").count(), 3, "one shape each");
            assert!(svg.contains("Sekretess (..)") && svg.contains("Kvintiler"));
            // Tiles carry their short labels (where they are large enough to read), maps not.
            assert_eq!(svg.contains("\n000\n"), tiles, "{svg}");
            // The legend names each selected municipality beside its colour.
            assert!(
                svg.contains("\n0002\n") && !svg.contains("\n0001\n"),
                "{svg}"
            );
            let l = layout(&c, 960, 540);
            for (k, g) in c.regions.iter().enumerate() {
                // The middle of each square (or tile).
                let centre = if tiles {
                    (k as f64 + 0.5, 0.5)
                } else {
                    (k as f64 * 10.0 + 5.0, 5.0)
                };
                let (px, py) = (l.x0 + centre.0 * l.scale, l.y0 + centre.1 * l.scale);
                assert_eq!(
                    hit(&c, 960, 540, px, py).map(|r| r.code.as_str()),
                    Some(g.code.as_str())
                );
            }
            assert!(
                hit(&c, 960, 540, 1.0, 1.0).is_none(),
                "the title is no municipality"
            );
        }
    }
}

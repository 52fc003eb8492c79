//! The first screen, rendered at build into `dist/index.html`.
//!
//! The dashboard's first view is drawn by WebAssembly, which a phone on a slow network waits
//! seconds for. This crate renders the same view natively, through the same code the browser
//! runs (`muni-view` for the view, `muni-chart` for the SVG), into the page itself: the first
//! chart, its summary, its table, its sources and the links to the files are on screen with the
//! HTML alone, and stay there with JavaScript off. The markup mirrors the app's (the same
//! elements and classes, so the same CSS lays it out); the app, once its own first chart is
//! drawn, removes the copy (`#prerendered`) in the same frame it shows itself (CSS hides the
//! app while the copy is there). A link with a query other than the first screen's removes the
//! copy at once (an inline script), so it never shows another view than the link's.
//!
//! Deterministic: the same published files give the same page.

use std::path::Path;

use muni_model::{
    Catalog, ChartQuery, Html, IndicatorFile, IndicatorMeta, IndicatorStatus, Lang, RegionLevel,
    Theme, View,
};

/// The prerendered block starts with this and ends with [`END`].
pub const START: &str = "<div id=\"prerendered\"";
pub const END: &str = "<!--/prerendered-->";

/// The first screen's query: the address without a query.
pub fn first_screen() -> ChartQuery {
    ChartQuery::parse("").0
}

/// The widths the chart is drawn at: a desktop's (the app's widest) and a phone's (390 px).
pub const WIDE: u32 = 992;
pub const NARROW: u32 = 390;

fn t(l: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match l {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// The header: the title, the language buttons and the headline sentence.
fn header(h: &mut Html, catalog: &Catalog, l: Lang) {
    h.m("<a class=\"skip\" href=\"#main\">")
        .t(t(l, "Hoppa till diagrammet", "Skip to the chart"))
        .m("</a><header><h1>")
        .t(t(
            l,
            "Industrikommunerna i siffror",
            "Sweden's industrial municipalities in figures",
        ))
        .m("</h1><div class=\"lang\" role=\"group\" aria-label=\"Språk / Language\">")
        .m("<button aria-pressed=\"true\">Svenska</button>")
        .m("<button aria-pressed=\"false\">English</button></div>");
    if let Some(headline) = &catalog.headline {
        h.m("<p class=\"headline\">")
            .t(&headline.sentence(catalog, l))
            .m("</p>");
    }
    h.m("</header>");
}

// Long: the app's choices in the order it draws them, each written as escaped markup.
/// The choices, as the app draws them for the first screen (inert until the app takes over).
fn controls(h: &mut Html, catalog: &Catalog, meta: &IndicatorMeta, q: &ChartQuery) {
    let l = q.lang;
    h.m("<section class=\"controls\" aria-label=\"")
        .t(t(l, "Val", "Choices"))
        .m("\"><label><span>")
        .t(t(l, "Indikator", "Indicator"))
        .m("</span><select>");
    let base = muni_view::measures::base(catalog, meta);
    for theme in Theme::ALL {
        h.m("<optgroup label=\"").t(theme.name().get(l)).m("\">");
        for i in catalog
            .indicators
            .iter()
            .filter(|i| i.theme == theme && muni_view::measures::in_menu(i))
        {
            h.m(if i.id == base.id {
                "<option selected>"
            } else {
                "<option>"
            })
            .t(i.title.get(l));
            if i.status == IndicatorStatus::AwaitingFetch {
                h.t(t(l, " (inga data än)", " (no data yet)"));
            }
            h.m("</option>");
        }
        h.m("</optgroup>");
    }
    h.m("</select></label><p class=\"definition\">")
        .t(meta.definition.get(l))
        .m("</p><div class=\"tabs\" role=\"group\" aria-label=\"")
        .t(t(l, "Vy", "View"))
        .m("\">");
    let tabs = [
        (View::Series, "Över tid", "Over time"),
        (View::Ranking, "Rangordning", "Ranking"),
        (View::Table, "Tabell", "Table"),
        (View::Profile, "Kommunprofil", "Municipality profile"),
        (View::Map, "Karta", "Map"),
        (View::Tiles, "Rutnät", "Tile grid"),
    ];
    for (v, sv, en) in tabs {
        h.m(if v == q.view {
            "<button aria-pressed=\"true\">"
        } else {
            "<button aria-pressed=\"false\">"
        })
        .t(t(l, sv, en))
        .m("</button>");
    }
    h.m("</div><div class=\"row\"><label><span>")
        .t(t(l, "Mått", "Measure"))
        .m("</span><select>");
    for o in muni_view::measures::measure_options(catalog, meta, q) {
        h.m(if o.selected {
            "<option selected>"
        } else {
            "<option>"
        })
        .t(&o.label)
        .m("</option>");
    }
    h.m("</select></label><label><span>")
        .t(t(l, "År", "Year"))
        .m("</span><select>");
    let year = muni_view::view::ranking_year(meta, q);
    for y in meta.years.iter().rev() {
        h.m(if Some(*y) == year {
            "<option selected>"
        } else {
            "<option>"
        })
        .t(&y.to_string())
        .m("</option>");
    }
    h.m("</select></label><label><span>")
        .t(t(l, "Rangordna", "Rank"))
        .m("</span><select><option selected>")
        .t(t(l, "nätverket", "the network"))
        .m("</option><option>")
        .t(t(l, "alla 290 kommuner", "all 290 municipalities"))
        .m("</option></select></label></div>");
    // The picker: search, groups, chips.
    h.m("<div class=\"picker\"><label class=\"search\"><span>")
        .t(t(l, "Lägg till kommun", "Add municipality"))
        .m("</span><input type=\"search\" autocomplete=\"off\" placeholder=\"")
        .t(t(l, "Sök bland 290 kommuner", "Search 290 municipalities"))
        .m("\"></label><ul class=\"hits\"></ul><div class=\"groups\"><button>")
        .t(t(l, "+ Nätverket", "+ The network"))
        .m("</button><select aria-label=\"")
        .t(t(l, "Lägg till ett län", "Add a county"))
        .m("\"><option>")
        .t(t(l, "+ Ett län", "+ A county"))
        .m("</option>");
    for r in catalog
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::County)
    {
        h.m("<option>").t(&r.name).m("</option>");
    }
    h.m("</select></div><ul class=\"chips\"><li class=\"chip group\">")
        .t(t(l, "Nätverket", "The network"))
        .m("<button>×</button></li></ul></div></section>");
}

/// The figure: the chart at both widths (CSS shows the one that fits), the summary, the table
/// behind the chart (closed, but there without JavaScript) and the sources.
fn figure(
    h: &mut Html,
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Result<(), String> {
    let l = q.lang;
    let summary = muni_view::summary::summary(catalog, meta, file, q).join(" ");
    h.m("<main id=\"main\" tabindex=\"-1\"><figure><div class=\"chart-wrap\"><div class=\"chart\" role=\"img\" aria-label=\"")
        .t(meta.title.get(l))
        .m("\" aria-description=\"")
        .t(&summary)
        .m("\">");
    for (class, viewport) in [("pre-wide", WIDE), ("pre-narrow", NARROW)] {
        let (chart, _) = muni_view::view::view_chart(catalog, meta, file, None, q)
            .ok_or("the first screen has no chart (no year with figures)")?;
        let (w, ht) = muni_view::view::chart_size(viewport, chart.bars(), false);
        let svg = muni_chart::view_svg(&chart, w, ht).map_err(|e| e.to_string())?;
        h.m("<div class=\"")
            .m(class)
            .m("\">")
            .h(&Html::from_plotters_svg(svg))
            .m("</div>");
    }
    h.m("</div></div><div class=\"summary\"><p>")
        .t(&summary)
        .m("</p></div><details class=\"table\"><summary>")
        .t(t(
            l,
            "Tabell med diagrammets värden",
            "Table of the chart's values",
        ))
        .m("</summary><table><thead><tr>");
    let table = muni_view::table::ranking_table(catalog, meta, file, q)
        .ok_or("the first screen has no table")?;
    for col in &table.header {
        h.m("<th scope=\"col\">").t(col).m("</th>");
    }
    h.m("</tr></thead><tbody>")
        .h(&muni_view::table::rows_html(&table))
        .m("</tbody></table><p class=\"legend\">")
        .t(t(
            l,
            ".. = sekretess (SCB lämnar inte ut värdet), – = saknas",
            ".. = confidential (withheld by SCB), – = missing",
        ))
        .m("</p></details><figcaption><p class=\"source\">")
        .t(&muni_view::series::source_line(meta, l))
        .m("</p><ul class=\"notes\">");
    for n in &file.notes {
        h.m("<li>").t(n.get(l)).m("</li>");
    }
    h.m("</ul></figcaption></figure></main>");
    Ok(())
}

/// The footer: the whole dataset's files and the data version.
fn footer(h: &mut Html, catalog: &Catalog, l: Lang) {
    h.m("<footer class=\"downloads\"><p>")
        .t(t(
            l,
            "Hela datasetet (alla indikatorer, regioner och år): ",
            "The whole dataset (every indicator, region and year): ",
        ))
        .m("<a href=\"data/full/industrikommuner.parquet\" download>Parquet</a> · ")
        .m("<a href=\"data/full/industrikommuner_csv.zip\" download>")
        .t(t(
            l,
            "CSV med dataordlista (zip)",
            "CSV with data dictionary (zip)",
        ))
        .m("</a> · <a href=\"data/full/industrikommuner_excel_sv.csv\" download>CSV (Excel)</a> · ")
        .m("<a href=\"data/full/industrikommuner.xlsx\" download>Excel (xlsx)</a> · ")
        .m("<a href=\"data/changes.html\">")
        .t(t(l, "Nytt i data", "What's new"))
        .m("</a></p><p class=\"version\">");
    if let Some(v) = &catalog.data_version {
        h.t(&v.label(l));
    }
    h.m("</p></footer>");
}

/// The first screen as the block to put at the start of `<body>`: the copy of the app's page,
/// then the script that removes it at once for a link to another view.
pub fn page(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Result<Html, String> {
    page_for(catalog, meta, file, q, FirstScreenScript::Root)
}

/// Which address keeps the copy: the site's own (no query, or the first screen's), or an
/// indicator page's (its query, which its head script puts in the address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstScreenScript {
    Root,
    Indicator,
}

fn page_for(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
    script: FirstScreenScript,
) -> Result<Html, String> {
    let mut h = Html::markup(START);
    h.m(" class=\"app\" lang=\"")
        .m(t(q.lang, "sv", "en"))
        .m("\">");
    header(&mut h, catalog, q.lang);
    controls(&mut h, catalog, meta, q);
    figure(&mut h, catalog, meta, file, q)?;
    footer(&mut h, catalog, q.lang);
    h.m("</div><script>(function(){var s=location.search;if(");
    match script {
        FirstScreenScript::Root => h.m("s&&s!==\"?v=ranking\""),
        // Script text is not HTML: the id (ASCII letters, digits and `_`, checked when read)
        // goes in as it is, and `&` as a JavaScript escape.
        FirstScreenScript::Indicator => {
            h.m("s!==\"?i=").t(meta.id.as_str()).m("\\u0026v=ranking\"")
        }
    };
    h.m("){var p=document.getElementById(\"prerendered\");if(p)p.remove()}})()</script>")
        .m(END);
    Ok(h)
}

/// `index` with `block` right after its `<body>` (replacing an earlier prerendered block).
pub fn insert(index: &str, block: &Html) -> Result<String, String> {
    let index = match (index.find(START), index.find(END)) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &index[..a], &index[b + END.len()..]),
        _ => index.to_owned(),
    };
    let body = index
        .find("<body")
        .and_then(|i| index[i..].find('>').map(|j| i + j + 1))
        .ok_or("index.html has no <body>")?;
    Ok(format!(
        "{}{}{}",
        &index[..body],
        block.as_str(),
        &index[body..]
    ))
}

/// An indicator's own page (`i/<id>/index.html`): the site's page with its base two folders
/// up, the indicator's title, link-preview metadata (`og:title`, `og:description` = the
/// summary, `og:image` = its chart as a 1200×630 PNG beside the page) and its ranking
/// prerendered; a head script makes the address the site's own link to the view (the base is
/// the site), so the app opens it and a reload or a copied link shows it.
pub fn indicator_page(
    index: &str,
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
) -> Result<(String, Vec<u8>), String> {
    let (q, _) = ChartQuery::parse(&format!("i={}&v=ranking", meta.id));
    let block = page_for(catalog, meta, file, &q, FirstScreenScript::Indicator)?;
    let summary = muni_view::summary::summary(catalog, meta, file, &q).join(" ");
    let title = format!(
        "{} – {}",
        meta.title.get(q.lang),
        t(
            q.lang,
            "Industrikommunerna i siffror",
            "Sweden's industrial municipalities in figures"
        )
    );
    let mut head = Html::markup(
        "<base href=\"../../\"><script>if(!location.search)history.replaceState(null,\"\",\"",
    );
    head.m("?i=")
        .t(meta.id.as_str())
        .m("\\u0026v=ranking\")</script><meta property=\"og:type\" content=\"website\"><meta property=\"og:title\" content=\"")
        .t(&title)
        .m("\"><meta property=\"og:description\" content=\"")
        .t(&summary)
        .m("\"><meta property=\"og:image\" content=\"i/")
        .t(meta.id.as_str())
        .m("/og.png\"><meta property=\"og:image:width\" content=\"1200\"><meta property=\"og:image:height\" content=\"630\"><meta name=\"twitter:card\" content=\"summary_large_image\">");
    // After `<head>`, or where it would be (a minified page leaves the optional tag out).
    let tag_end = |tag: &str| {
        index
            .find(tag)
            .and_then(|i| index[i..].find('>').map(|j| i + j + 1))
    };
    let at = tag_end("<meta charset")
        .or_else(|| tag_end("<head"))
        .or_else(|| tag_end("<html"))
        .ok_or("index.html has neither <head> nor <html>")?;
    let mut html = format!("{}{}{}", &index[..at], head.as_str(), &index[at..]);
    if let (Some(a), Some(b)) = (html.find("<title>"), html.find("</title>")) {
        let escaped = muni_model::html_escape(&title);
        html.replace_range(a + "<title>".len()..b, &escaped);
    }
    let html = insert(&html, &block)?;
    let (chart, _) = muni_view::view::view_chart(catalog, meta, file, None, &q)
        .ok_or_else(|| format!("{}: no chart", meta.id))?;
    let png = match &chart {
        muni_view::view::ViewChart::Ranking(c) => muni_chart::png::ranking_chart_png(c, 1200, 630),
        muni_view::view::ViewChart::Line(c) => muni_chart::png::line_chart_png(c, 1200, 630),
        muni_view::view::ViewChart::Map(_) => return Err("a ranking, not a map".into()),
    }
    .map_err(|e| format!("{}: {e}", meta.id))?;
    Ok((html, png))
}

/// Prerenders the first screen of the site in `dist` (its `data/` and `index.html`), writing
/// the page through a temporary file and a rename; answers the page's size in bytes.
pub fn prerender_dir(dist: &Path) -> Result<usize, String> {
    let read = |p: &Path| -> Result<String, String> {
        std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let data = dist.join("data");
    let catalog: Catalog = serde_json::from_str(&read(&data.join("catalog.json"))?)
        .map_err(|e| format!("{}: {e}", data.join("catalog.json").display()))?;
    let q = first_screen();
    let meta = muni_view::view::indicator(&catalog, &q).ok_or("the catalog has no indicators")?;
    let path = data.join(
        meta.file
            .as_ref()
            .ok_or_else(|| format!("{}: the first screen's indicator has no file", meta.id))?,
    );
    let file: IndicatorFile =
        serde_json::from_str(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    let block = page(&catalog, meta, &file, &q)?;
    let index_path = dist.join("index.html");
    let index = read(&index_path)?;
    // Each indicator's own page, from the page as Trunk wrote it (without the first screen).
    let plain = insert(&index, &Html::new())?;
    for m in catalog
        .indicators
        .iter()
        .filter(|m| m.file.is_some() && !m.years.is_empty())
    {
        let path = data.join(m.file.as_deref().unwrap_or_default());
        let f: IndicatorFile =
            serde_json::from_str(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
        let (html, png) = indicator_page(&plain, &catalog, m, &f)?;
        let dir = dist.join("i").join(m.id.as_str());
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write_atomic(&dir.join("index.html"), html.as_bytes())?;
        write_atomic(&dir.join("og.png"), &png)?;
    }
    let html = insert(&index, &block)?;
    write_atomic(&index_path, html.as_bytes())?;
    Ok(html.len())
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use muni_view::fixture::{Spec, Synthetic, per_municipality, v};

    fn fx() -> Synthetic {
        let mut share = per_municipality(|k, _| vec![v(10.0 + k as f64), v(11.0 + k as f64)]);
        share.push(("00".into(), vec![v(10.5), v(10.7)]));
        Synthetic::new().indicator(
            Spec::new(
                muni_view::view::DEFAULT_INDICATOR,
                muni_model::Unit::Percent,
            )
            .title("Industrins andel <&>", "Industry's share <&>"),
            &share,
        )
    }

    #[test]
    fn the_first_screen_is_the_apps_first_chart_summary_table_and_sources() {
        let f = fx();
        let (meta, file) = f.get(muni_view::view::DEFAULT_INDICATOR);
        let q = first_screen();
        assert_eq!(q.view, View::Ranking);
        let html = page(&f.catalog, meta, file, &q).unwrap().into_string();
        // The chart exactly as the app draws it at each width.
        for viewport in [WIDE, NARROW] {
            let (chart, _) = muni_view::view::view_chart(&f.catalog, meta, file, None, &q).unwrap();
            let (w, h) = muni_view::view::chart_size(viewport, chart.bars(), false);
            let svg = muni_chart::view_svg(&chart, w, h).unwrap();
            assert!(html.contains(&svg), "the {viewport} px chart");
        }
        let summary = muni_view::summary::summary(&f.catalog, meta, file, &q).join(" ");
        assert!(html.contains(&muni_model::html_escape(&summary)));
        assert!(
            html.contains(&muni_model::html_escape(&muni_view::series::source_line(
                meta,
                Lang::Sv
            )))
        );
        // The table's rows, and the files.
        let table = muni_view::table::ranking_table(&f.catalog, meta, file, &q).unwrap();
        assert!(html.contains(muni_view::table::rows_html(&table).as_str()));
        assert!(html.contains("href=\"data/full/industrikommuner.xlsx\""));
        // Text from data is escaped, in text and in attributes.
        assert!(html.contains("Industrins andel &lt;&amp;&gt;") && !html.contains("andel <&>"));
        assert!(html.starts_with(START) && html.ends_with(END));
        // Same files, same page.
        assert_eq!(
            html,
            page(&f.catalog, meta, file, &q).unwrap().into_string()
        );
    }

    #[test]
    fn the_block_goes_after_body_once_however_often_it_is_inserted() {
        let block = Html::markup("<div id=\"prerendered\">x</div><!--/prerendered-->");
        let index =
            "<html><head></head><body class=\"a\"><script src=\"m.js\"></script></body></html>";
        let once = insert(index, &block).unwrap();
        assert_eq!(
            once,
            "<html><head></head><body class=\"a\"><div id=\"prerendered\">x</div><!--/prerendered--><script src=\"m.js\"></script></body></html>"
        );
        assert_eq!(insert(&once, &block).unwrap(), once);
        assert!(insert("<html></html>", &block).is_err());
    }

    #[test]
    fn an_indicator_page_previews_its_chart_and_opens_its_view() {
        let f = fx();
        let (meta, file) = f.get(muni_view::view::DEFAULT_INDICATOR);
        let index = "<html><head><title>Industrikommunerna i siffror</title><link rel=\"modulepreload\" href=\"./m.js\"></head><body></body></html>";
        let (html, png) = indicator_page(index, &f.catalog, meta, file).unwrap();
        // The base first, so that the page's scripts, styles and data resolve from the site.
        assert!(
            html.starts_with("<html><head><base href=\"../../\">"),
            "{html}"
        );
        let q = format!("?i={}\\u0026v=ranking", meta.id);
        assert!(
            html.contains(&format!("history.replaceState(null,\"\",\"{q}\")")),
            "{html}"
        );
        assert!(html.contains(
            "<title>Industrins andel &lt;&amp;&gt; – Industrikommunerna i siffror</title>"
        ));
        assert!(
            html.contains(
                "<meta property=\"og:title\" content=\"Industrins andel &lt;&amp;&gt; – "
            )
        );
        let (query, _) = ChartQuery::parse(&format!("i={}&v=ranking", meta.id));
        let summary = muni_view::summary::summary(&f.catalog, meta, file, &query).join(" ");
        assert!(html.contains(&format!(
            "og:description\" content=\"{}\"",
            muni_model::html_escape(&summary)
        )));
        assert!(html.contains(&format!("og:image\" content=\"i/{}/og.png\"", meta.id)));
        // The copy stays for its own query only.
        assert!(html.contains(&format!("if(s!==\"{q}\")")));
        assert!(html.contains(START) && html.contains(END));
        // A 1200×630 PNG.
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
    }
}

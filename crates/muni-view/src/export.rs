//! What a view exports: the rows, years and measure of its CSV, the file itself, the
//! download-and-share panel and the embed snippet.

use muni_model::extract::Dialect;
use muni_model::{
    Catalog, ChartQuery, Html, IndicatorFile, IndicatorMeta, Lang, Measure, View, html_escape,
};

use crate::contract::{PictureKind, Selection};

use crate::table::ranking_table;
use crate::tr;
use crate::view::{ranking_year, series_chart};

/// The rows of the view as an analyst downloads them, and the file's name: for a series or a
/// table, every line of the chart over its years (index applied); for a ranking, every ranked
/// municipality in the ranking's year. Exactly the table's numbers, in full precision.
pub fn view_extract(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
    dialect: Dialect,
) -> Result<(String, String), String> {
    let selection = view_selection(catalog, meta, file, q);
    csv_file(catalog, meta, file, &selection, dialect, q.lang)
}

/// The CSV of `selection` in `dialect` and its file name: what the dashboard's download writes
/// (the lazy module calls this with the selection the page sent, see [`crate::contract`]).
/// An index of a rate is refused, never written.
pub fn csv_file(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    selection: &Selection,
    dialect: Dialect,
    lang: Lang,
) -> Result<(String, String), String> {
    use muni_model::extract::{to_csv, view_rows};
    if meta.rate && selection.measure != Measure::AsPublished {
        return Err(format!("{}: a rate is not shown as an index", meta.id));
    }
    let Selection {
        codes,
        years,
        measure,
    } = selection;
    let rows = view_rows(catalog, meta, file, codes, years, *measure, lang);
    Ok((
        to_csv(&rows, dialect),
        dialect.file_name(&selection_file_name(catalog, meta, selection, "csv")),
    ))
}

/// The name of a file of `selection` (its indicator, measure, years and data version).
pub fn selection_file_name(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    selection: &Selection,
    ext: &str,
) -> String {
    let span = (
        selection.years.first().copied().unwrap_or(0),
        selection.years.last().copied().unwrap_or(0),
    );
    muni_model::extract::file_name(
        meta,
        selection.measure,
        span,
        catalog.data_version.as_ref(),
        ext,
    )
}

/// What the view's CSV holds: the regions in the table's order, the years and the measure.
pub fn view_selection(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Selection {
    match q.view {
        View::Ranking | View::Map | View::Tiles => {
            let year = ranking_year(meta, q).unwrap_or(0);
            let codes = ranking_table(catalog, meta, file, q)
                .map(|t| t.rows.into_iter().map(|r| r.code).collect())
                .unwrap_or_default();
            Selection {
                codes,
                years: vec![year],
                measure: Measure::AsPublished,
            }
        }
        _ => {
            let chart = series_chart(catalog, meta, file, q);
            let codes = chart.series.into_iter().map(|s| s.code).collect();
            // A rate is never indexed (as the chart draws it).
            let measure = if meta.rate {
                Measure::AsPublished
            } else {
                q.measure
            };
            Selection {
                codes,
                years: chart.years,
                measure,
            }
        }
    }
}

/// What a control of the share panel does: its `data-action`, written by
/// [`export_panel_html`] and read back by the dashboard's one click handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportAction {
    /// A CSV dialect was chosen (remembered).
    Dialect,
    /// The embed's dark theme was switched.
    Dark,
    Csv,
    /// The view's rows as an Excel workbook.
    Xlsx,
    Picture(PictureKind),
    /// The picture to the clipboard.
    Copy,
}

impl ExportAction {
    pub const ALL: [ExportAction; 7] = [
        ExportAction::Dialect,
        ExportAction::Dark,
        ExportAction::Csv,
        ExportAction::Xlsx,
        ExportAction::Picture(PictureKind::Png),
        ExportAction::Picture(PictureKind::Svg),
        ExportAction::Copy,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ExportAction::Dialect => "dialect",
            ExportAction::Dark => "dark",
            ExportAction::Csv => "csv",
            ExportAction::Xlsx => "xlsx",
            ExportAction::Picture(PictureKind::Png) => "png",
            ExportAction::Picture(PictureKind::Svg) => "svg",
            ExportAction::Copy => "copy",
        }
    }

    pub fn parse(id: &str) -> Option<Self> {
        ExportAction::ALL.into_iter().find(|a| a.id() == id)
    }

    /// ` data-action="…"`.
    fn attr(self, h: &mut Html) {
        h.m(" data-action=\"").m(self.id()).m("\"");
    }
}

/// The "download and share" panel (the link and the embed snippet escaped): controls with the
/// test ids the browser tests use, buttons with a `data-action` for the panel's one handler.
pub fn export_panel_html(l: Lang, machine: bool, dark: bool, link: &str, snippet: &str) -> Html {
    let checked = |on: bool| if on { " checked" } else { "" };
    let mut h = Html::new();
    h.m("<fieldset><legend>")
        .t(tr(l, "Länk till vyn", "Link to this view"))
        .m("</legend><input type=\"text\" readonly data-testid=\"permalink\" aria-label=\"")
        .t(tr(
            l,
            "Länk till vyn, med dataversion",
            "Link to this view, with its data version",
        ))
        .m("\" value=\"")
        .t(link)
        .m("\"></fieldset><fieldset><legend>")
        .t(tr(
            l,
            "Data i den här vyn (CSV, Excel)",
            "Data in this view (CSV, Excel)",
        ))
        .m("</legend><label><input type=\"radio\" name=\"dialect\" value=\"excel_sv\"");
    ExportAction::Dialect.attr(&mut h);
    h.m(" data-testid=\"dialect-excel\"")
        .m(checked(!machine))
        .m(">")
        .t(tr(
            l,
            " Excel (svenska: semikolon, decimalkomma)",
            " Excel (Swedish: semicolon, decimal comma)",
        ))
        .m("</label><label><input type=\"radio\" name=\"dialect\" value=\"machine\"");
    ExportAction::Dialect.attr(&mut h);
    h.m(" data-testid=\"dialect-machine\"")
        .m(checked(machine))
        .m(">")
        .t(tr(
            l,
            " Maskinläsbar (komma, decimalpunkt: pandas, R)",
            " Machine-readable (comma, decimal point: pandas, R)",
        ))
        .m("</label><button");
    ExportAction::Csv.attr(&mut h);
    h.m(" data-testid=\"download-csv\">")
        .t(tr(l, "Ladda ner CSV", "Download CSV"))
        .m("</button><button");
    ExportAction::Xlsx.attr(&mut h);
    h.m(" data-testid=\"download-xlsx\">")
        .t(tr(l, "Ladda ner Excel (xlsx)", "Download Excel (xlsx)"))
        .m("</button></fieldset><fieldset><legend>")
        .t(tr(l, "Diagrammet som bild", "The chart as a picture"))
        .m("</legend><label>")
        .t(tr(l, "Storlek", "Size"))
        .m(" <select data-testid=\"picture-size\"><option value=\"1920\">1920 × 1080 (16:9)</option><option value=\"1280\">1280 × 720 (16:9)</option><option value=\"960\">")
        .t(tr(l, "960 × 540 (skärm)", "960 × 540 (screen)"))
        .m("</option></select></label>");
    for (kind, testid, label) in [
        (PictureKind::Png, "download-png", "PNG"),
        (PictureKind::Svg, "download-svg", "SVG"),
    ] {
        h.m("<button");
        ExportAction::Picture(kind).attr(&mut h);
        h.m(" data-testid=\"")
            .m(testid)
            .m("\">")
            .m(label)
            .m("</button>");
    }
    h.m("<button");
    ExportAction::Copy.attr(&mut h);
    h.m(" data-testid=\"copy-png\">")
        .t(tr(l, "Kopiera bild", "Copy picture"))
        .m("</button></fieldset><fieldset><legend>")
        .t(tr(l, "Bädda in", "Embed"))
        .m("</legend><label><input type=\"checkbox\"");
    ExportAction::Dark.attr(&mut h);
    h.m(checked(dark))
        .m(">")
        .t(tr(l, " Mörkt tema", " Dark theme"))
        .m("</label><textarea readonly rows=\"4\" data-testid=\"embed-snippet\" aria-label=\"")
        .t(tr(l, "Kod för inbäddning", "Embed code"))
        .m("\">")
        .t(snippet)
        .m("</textarea></fieldset>");
    h
}

/// The share panel of a view as the lazy module builds it: the view's permanent link, the
/// embed snippet (both with the data version) and the controls.
pub fn share_panel(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    q: &ChartQuery,
    page: &str,
    machine: bool,
    embed_dark: bool,
) -> Html {
    let link = permalink(page, catalog, q);
    let mut e = q.clone();
    e.dark = embed_dark;
    // An embed shows the view, not the presenter's deck.
    e.deck = muni_model::deck::Deck::default();
    e.present = None;
    e.data_version = catalog.data_version.as_ref().map(|v| v.id.clone());
    let snippet = embed_snippet(page, &e, meta.title.get(q.lang));
    export_panel_html(q.lang, machine, embed_dark, &link, &snippet)
}

/// The view's permanent link: `page` with the query and the data version it shows (`dv=`), so
/// that a reader of a later build is told the figures may differ. Never an embed, and without
/// the presenter's deck (the deck panel shares that).
pub fn permalink(page: &str, catalog: &Catalog, q: &ChartQuery) -> String {
    let mut p = q.clone();
    p.embed = false;
    p.deck = muni_model::deck::Deck::default();
    p.present = None;
    p.data_version = catalog.data_version.as_ref().map(|v| v.id.clone());
    format!("{page}{}", p.to_query_string())
}

/// The HTML a presenter pastes into a page: an iframe of the embed view with a title for
/// screen readers, and a script that sets its height from the embed's messages.
pub fn embed_snippet(page: &str, q: &ChartQuery, title: &str) -> String {
    let mut e = q.clone();
    e.embed = true;
    let src = format!("{page}{}", e.to_query_string());
    format!(
        "<iframe src=\"{}\" title=\"{}\" style=\"width:100%;height:640px;border:0\" loading=\"lazy\"></iframe>\n<script>addEventListener('message',function(e){{var d=e.data;if(!d||d.type!=='industrikommuner:height')return;document.querySelectorAll('iframe').forEach(function(f){{if(f.contentWindow===e.source)f.style.height=d.height+'px'}})}});</script>",
        html_escape(&src),
        html_escape(title)
    )
}

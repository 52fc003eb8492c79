//! The calls from the dashboard (`muni-web`) to its lazily loaded module (`muni-lazy`), in one
//! place: the names the module exports and the one request each takes. Both crates use these
//! types (a request travels as text, see [`Wire`]), so renaming a field fails to compile on
//! both sides instead of failing at run time; an unknown picture kind or CSV dialect, or a
//! missing field, is an error with a message instead of a silent default.
//!
//! `#[wasm_bindgen]` needs the names as literal identifiers: `muni-lazy` spells each function
//! as named here, and the browser tests check that the built module exports every name in
//! [`EXPORTS`] (`tests/e2e/exports.rs`).

use muni_model::extract::Dialect;
use muni_model::{Html, Measure};

/// `map_svg(MapRequest) -> Promise<string>`: the map or tile grid of a view as SVG.
pub const MAP_SVG: &str = "map_svg";
/// `map_hit(x, y) -> string | undefined`: the municipality under a pixel of the map last drawn.
pub const MAP_HIT: &str = "map_hit";
/// `peers_html(PeersRequest) -> Promise<PeersAnswer>`.
pub const PEERS_HTML: &str = "peers_html";
/// `export_csv(CsvRequest) -> Promise<string>`: downloads the view's CSV, answers its name.
pub const EXPORT_CSV: &str = "export_csv";
/// `export_xlsx(XlsxRequest) -> Promise<string>`: downloads the view's Excel workbook, answers
/// its name.
pub const EXPORT_XLSX: &str = "export_xlsx";
/// `export_panel(PanelRequest) -> Promise<string>`: the download-and-share panel's HTML (its
/// link and embed snippet carry the data version), built here to keep it out of the first view.
pub const EXPORT_PANEL: &str = "export_panel";
/// `profile_html(ProfileRequest) -> Promise<string>`: a municipality's profile (its sentence and
/// table over every indicator), built here so that the first view carries none of it.
pub const PROFILE_HTML: &str = "profile_html";
/// `export_picture(PictureRequest) -> Promise<string>`: downloads the picture, answers its name.
pub const EXPORT_PICTURE: &str = "export_picture";
/// `picture_png(PictureRequest) -> Promise<Blob>`: the picture as PNG (for the clipboard).
pub const PICTURE_PNG: &str = "picture_png";

/// `changes_since(ChangesRequest) -> Promise<string>`: what changed for the view's indicator
/// since the data version a link was made on (`muni_view::changes`).
pub const CHANGES_SINCE: &str = "changes_since";

/// `present_html(DeckRequest) -> Promise<string>`: every slide of the query's deck as an HTML
/// `<section>` (title, chart, summary, source), its data read (and so cached for offline use).
pub const PRESENT_HTML: &str = "present_html";
/// `deck_pptx(DeckRequest) -> Promise<string>`: downloads the deck as PowerPoint, answers its
/// name.
pub const DECK_PPTX: &str = "deck_pptx";

/// Every name the module exports for the dashboard.
pub const EXPORTS: [&str; 12] = [
    PRESENT_HTML,
    DECK_PPTX,
    CHANGES_SINCE,
    MAP_SVG,
    MAP_HIT,
    PEERS_HTML,
    PROFILE_HTML,
    EXPORT_CSV,
    EXPORT_XLSX,
    EXPORT_PANEL,
    EXPORT_PICTURE,
    PICTURE_PNG,
];

/// A request or answer as it crosses between the modules: `key=value` lines (`%` and line
/// breaks escaped), written by [`Wire::encode`] and read back by [`Wire::decode`], which names
/// a missing field or a value it cannot read. Text rather than a serde serialiser: writing it
/// costs the first view's module a few hundred bytes instead of kilobytes.
pub trait Wire: Sized {
    fn encode(&self) -> String;
    fn decode(text: &str) -> Result<Self, String>;
}

fn put(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push('=');
    for c in value.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            c => out.push(c),
        }
    }
    out.push('\n');
}

fn unescape(v: &str) -> String {
    v.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

/// The fields of an encoded request.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn parse(text: &str) -> Result<Self, String> {
        text.lines()
            .map(|l| {
                l.split_once('=')
                    .map(|(k, v)| (k.to_owned(), unescape(v)))
                    .ok_or_else(|| format!("a request line without `=`: {l:?}"))
            })
            .collect::<Result<_, _>>()
            .map(Fields)
    }

    fn text(&self, key: &str) -> Result<&str, String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| format!("the request has no {key}"))
    }

    fn number<T: std::str::FromStr>(&self, key: &str) -> Result<T, String> {
        let v = self.text(key)?;
        v.parse()
            .map_err(|_| format!("the request's {key} is not a number: {v:?}"))
    }

    fn flag(&self, key: &str) -> Result<bool, String> {
        match self.text(key)? {
            "1" => Ok(true),
            "0" => Ok(false),
            v => Err(format!("the request's {key} is not 0 or 1: {v:?}")),
        }
    }

    fn list(&self, key: &str) -> Result<Vec<String>, String> {
        Ok(self
            .text(key)?
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect())
    }

    fn view(&self) -> Result<ViewRef, String> {
        Ok(ViewRef {
            base: self.text("base")?.to_owned(),
            query: self.text("query")?.to_owned(),
        })
    }
}

/// Where the published data is (relative to the page, `data`) and the view, as its query
/// string: what every request starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewRef {
    pub base: String,
    pub query: String,
}

impl ViewRef {
    fn put(&self, out: &mut String) {
        put(out, "base", &self.base);
        put(out, "query", &self.query);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapRequest {
    pub view: ViewRef,
    pub width: u32,
    pub height: u32,
    /// The view's summary under the map (exported slides).
    pub caption: bool,
}

impl Wire for MapRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        put(&mut s, "width", &self.width.to_string());
        put(&mut s, "height", &self.height.to_string());
        put(&mut s, "caption", if self.caption { "1" } else { "0" });
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        let f = Fields::parse(text)?;
        Ok(MapRequest {
            view: f.view()?,
            width: f.number("width")?,
            height: f.number("height")?,
            caption: f.flag("caption")?,
        })
    }
}

/// The two picture formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    Svg,
    Png,
}

impl PictureKind {
    pub fn extension(self) -> &'static str {
        match self {
            PictureKind::Svg => "svg",
            PictureKind::Png => "png",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PictureRequest {
    pub view: ViewRef,
    pub width: u32,
    pub height: u32,
    pub kind: PictureKind,
}

impl Wire for PictureRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        put(&mut s, "width", &self.width.to_string());
        put(&mut s, "height", &self.height.to_string());
        put(&mut s, "kind", self.kind.extension());
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        let f = Fields::parse(text)?;
        let kind = match f.text("kind")? {
            "svg" => PictureKind::Svg,
            "png" => PictureKind::Png,
            k => return Err(format!("unknown picture kind {k:?} (svg or png)")),
        };
        Ok(PictureRequest {
            view: f.view()?,
            width: f.number("width")?,
            height: f.number("height")?,
            kind,
        })
    }
}

/// What a view's CSV holds: the regions in the table's order, the years and the measure
/// ([`crate::export::view_selection`] decides it; [`crate::export::csv_file`] writes it).
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub codes: Vec<String>,
    pub years: Vec<u16>,
    pub measure: Measure,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CsvRequest {
    pub view: ViewRef,
    pub selection: Selection,
    pub dialect: Dialect,
}

impl Wire for CsvRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        put(&mut s, "codes", &self.selection.codes.join(","));
        let years: Vec<String> = self.selection.years.iter().map(u16::to_string).collect();
        put(&mut s, "years", &years.join(","));
        let index = match self.selection.measure {
            Measure::AsPublished => 0,
            Measure::Index { base } => base,
        };
        put(&mut s, "index_base", &index.to_string());
        put(&mut s, "dialect", self.dialect.id());
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        let f = Fields::parse(text)?;
        let years = f
            .list("years")?
            .iter()
            .map(|y| {
                y.parse()
                    .map_err(|_| format!("the request's years: {y:?} is not a year"))
            })
            .collect::<Result<_, _>>()?;
        let measure = match f.number("index_base")? {
            0 => Measure::AsPublished,
            base => Measure::Index { base },
        };
        let d = f.text("dialect")?;
        let dialect = [Dialect::Machine, Dialect::ExcelSv]
            .into_iter()
            .find(|x| x.id() == d)
            .ok_or_else(|| format!("unknown CSV dialect {d:?} (excel_sv or machine)"))?;
        Ok(CsvRequest {
            view: f.view()?,
            selection: Selection {
                codes: f.list("codes")?,
                years,
                measure,
            },
            dialect,
        })
    }
}

/// The view's Excel workbook: the same selection as its CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct XlsxRequest {
    pub view: ViewRef,
    pub selection: Selection,
}

impl Wire for XlsxRequest {
    fn encode(&self) -> String {
        // The CSV's request with a dialect the workbook does not use.
        CsvRequest {
            view: self.view.clone(),
            selection: self.selection.clone(),
            dialect: Dialect::Machine,
        }
        .encode()
    }

    fn decode(text: &str) -> Result<Self, String> {
        let r = CsvRequest::decode(text)?;
        Ok(XlsxRequest {
            view: r.view,
            selection: r.selection,
        })
    }
}

/// The deck of the view's query (`deck=`), shown at `width` × `height` pixels (presenter mode)
/// or written as a file; `page` is the dashboard's address, for each slide's link.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckRequest {
    pub view: ViewRef,
    pub page: String,
    pub width: u32,
    pub height: u32,
}

impl Wire for DeckRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        put(&mut s, "page", &self.page);
        put(&mut s, "width", &self.width.to_string());
        put(&mut s, "height", &self.height.to_string());
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        let f = Fields::parse(text)?;
        Ok(DeckRequest {
            view: f.view()?,
            page: f.text("page")?.to_owned(),
            width: f.number("width")?,
            height: f.number("height")?,
        })
    }
}

/// The share panel of a view: the page's address (for the link and the embed), the dialect last
/// chosen and whether the embed is dark.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelRequest {
    pub view: ViewRef,
    pub page: String,
    pub machine: bool,
    pub embed_dark: bool,
}

impl Wire for PanelRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        put(&mut s, "page", &self.page);
        put(&mut s, "machine", if self.machine { "1" } else { "0" });
        put(
            &mut s,
            "embed_dark",
            if self.embed_dark { "1" } else { "0" },
        );
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        let f = Fields::parse(text)?;
        Ok(PanelRequest {
            view: f.view()?,
            page: f.text("page")?.to_owned(),
            machine: f.flag("machine")?,
            embed_dark: f.flag("embed_dark")?,
        })
    }
}

/// A profile: the view's query names the municipality (`p=`) and the language.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRequest {
    pub view: ViewRef,
}

impl Wire for ProfileRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        Ok(ProfileRequest {
            view: Fields::parse(text)?.view()?,
        })
    }
}

/// What changed for the view's indicator since the data version `since`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesRequest {
    pub view: ViewRef,
    pub since: String,
}

impl Wire for ChangesRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        put(&mut s, "since", &self.since);
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        let f = Fields::parse(text)?;
        let since = f.text("since")?;
        if !muni_model::DataVersion::is_id(since) {
            return Err(format!("since: {since:?} is not a data version"));
        }
        Ok(ChangesRequest {
            view: f.view()?,
            since: since.to_owned(),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeersRequest {
    pub view: ViewRef,
}

impl Wire for PeersRequest {
    fn encode(&self) -> String {
        let mut s = String::new();
        self.view.put(&mut s);
        s
    }

    fn decode(text: &str) -> Result<Self, String> {
        Ok(PeersRequest {
            view: Fields::parse(text)?.view()?,
        })
    }
}

/// The peers table (escaped HTML) and the peers' codes, for "add them to the comparison".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeersAnswer {
    pub html: Html,
    pub peers: Vec<String>,
}

/// The codes on the first line, the table after it as it is: the dashboard reads this with a
/// split, not the field parser (which its module then does not carry).
impl Wire for PeersAnswer {
    fn encode(&self) -> String {
        format!("{}\n{}", self.peers.join(","), self.html.as_str())
    }

    fn decode(text: &str) -> Result<Self, String> {
        let (codes, html) = text
            .split_once('\n')
            .ok_or("the peers answer has no line of codes")?;
        Ok(PeersAnswer {
            // Built as `Html` by the lazy module: escaped there.
            html: Html::from_module(html.to_owned()),
            peers: codes
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> ViewRef {
        ViewRef {
            base: "data".into(),
            query: "?i=x&r=0382&lang=en".into(),
        }
    }

    #[test]
    fn requests_round_trip_and_unknown_kinds_and_dialects_are_refused() {
        let r = CsvRequest {
            view: view(),
            selection: Selection {
                codes: vec!["0382".into(), "network_median".into()],
                years: vec![2019, 2020],
                measure: Measure::Index { base: 2019 },
            },
            dialect: Dialect::ExcelSv,
        };
        let text = r.encode();
        assert!(text.contains("dialect=excel_sv\n"), "{text}");
        assert_eq!(CsvRequest::decode(&text).unwrap(), r);
        let e = CsvRequest::decode(&text.replace("excel_sv", "excel_fi")).unwrap_err();
        assert!(e.contains("\"excel_fi\""), "{e}");
        let e = CsvRequest::decode(&text.replace("2019,2020", "2019,20x0")).unwrap_err();
        assert!(e.contains("20x0"), "{e}");
        let e = CsvRequest::decode(&text.replace("index_base=2019\n", "")).unwrap_err();
        assert!(e.contains("index_base"), "{e}");

        for kind in [PictureKind::Svg, PictureKind::Png] {
            let p = PictureRequest {
                view: view(),
                width: 1920,
                height: 1080,
                kind,
            };
            assert_eq!(PictureRequest::decode(&p.encode()).unwrap(), p);
        }
        let gif = PictureRequest {
            view: view(),
            width: 1,
            height: 1,
            kind: PictureKind::Png,
        }
        .encode()
        .replace("kind=png", "kind=gif");
        assert!(
            PictureRequest::decode(&gif)
                .unwrap_err()
                .contains("\"gif\"")
        );

        let m = MapRequest {
            view: view(),
            width: 960,
            height: 768,
            caption: true,
        };
        assert_eq!(MapRequest::decode(&m.encode()).unwrap(), m);
        let p = PeersRequest { view: view() };
        assert_eq!(PeersRequest::decode(&p.encode()).unwrap(), p);
        let d = DeckRequest {
            view: view(),
            page: "https://example.org/a b?".into(),
            width: 1920,
            height: 1080,
        };
        assert_eq!(DeckRequest::decode(&d.encode()).unwrap(), d);
        let e = DeckRequest::decode(&d.encode().replace("width=1920", "width=wide")).unwrap_err();
        assert!(e.contains("width") && e.contains("wide"), "{e}");

        let mut names = EXPORTS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EXPORTS.len(), "every export named once");
    }

    #[test]
    fn text_with_line_breaks_and_escapes_survives_the_trip() {
        let a = PeersAnswer {
            html: Html::markup("<p>Öst%0Ahammar\n100 %\r\n= =</p>"),
            peers: vec!["0382".into(), "2584".into()],
        };
        assert_eq!(PeersAnswer::decode(&a.encode()).unwrap(), a);
        let empty = PeersAnswer::default();
        assert_eq!(PeersAnswer::decode(&empty.encode()).unwrap(), empty);
    }
}

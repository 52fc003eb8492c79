//! A municipality's brief: its profile on one A4 page as SVG (595 × 842 pt), which the command
//! line turns into a PDF (`industrikommuner brief`). The same rows, sentence, places and
//! sparklines as the dashboard's profile ([`crate::profile`]); every text escaped.

use std::borrow::Borrow;

use muni_model::{Catalog, Html, IndicatorFile, IndicatorMeta, Lang};

use crate::profile::{
    ProfileRow, by_theme, key_figures, place_words, profile, profile_summary, spark_elements,
};
use crate::tr;

/// A4 in points.
pub const WIDTH: f64 = 595.0;
pub const HEIGHT: f64 = 842.0;
const MARGIN: f64 = 32.0;
/// The smallest text the brief writes (a cell's text is made smaller to fit, never cut).
pub const MIN_FONT: f64 = 5.5;
const FONT: &str = "DejaVu Sans, sans-serif";

/// The width of `s` in DejaVu Sans at `size` pt, from the font's advance widths (in 1/1000
/// em; letters outside the table as an average letter).
pub fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let em: u32 = s
        .chars()
        .map(|c| match c {
            ' ' | '\u{a0}' => 318,
            'i' | 'l' | 'j' | '\'' | '.' | ',' | ':' | ';' | '|' => 290,
            'f' => 352,
            't' => 392,
            'r' => 411,
            '(' | ')' | '/' | '-' => 390,
            's' => 521,
            'z' | 'c' => 540,
            'k' | 'v' | 'x' | 'y' => 592,
            'a' | 'e' | 'o' | 'å' | 'ä' | 'ö' | 'é' => 615,
            'b' | 'd' | 'g' | 'h' | 'n' | 'p' | 'q' | 'u' => 635,
            'w' => 818,
            'm' => 974,
            '0'..='9' | '+' | '−' | '–' | '=' => 636,
            '%' => 950,
            'I' => 295,
            'M' | 'W' => 900,
            c if c.is_uppercase() => 720,
            _ => 620,
        })
        .sum();
    f64::from(em) / 1000.0 * size * if bold { 1.1 } else { 1.0 }
}

/// The size at which `s` fits `width`, at most `size` and at least [`MIN_FONT`].
pub fn fit(s: &str, size: f64, width: f64, bold: bool) -> f64 {
    let w = text_width(s, size, bold);
    if w <= width {
        size
    } else {
        (size * width / w).max(MIN_FONT)
    }
}

/// `s` broken into lines no wider than `width` at `size`.
pub fn wrap(s: &str, size: f64, width: f64, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, bold) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    End,
}

/// A text's size (pt), weight, colour and anchor.
#[derive(Clone, Copy)]
struct St(f64, bool, &'static str, Anchor);

struct Page {
    svg: Html,
}

impl Page {
    fn text(&mut self, x: f64, y: f64, st: St, s: &str) {
        let St(size, bold, fill, a) = st;
        if s.is_empty() {
            return;
        }
        self.svg
            .m("<text x=\"")
            .t(&format!("{x:.1}"))
            .m("\" y=\"")
            .t(&format!("{y:.1}"))
            .m("\" font-size=\"")
            .t(&format!("{size:.2}"))
            .m("\" fill=\"")
            .m(fill)
            .m(match a {
                Anchor::Start => "\"",
                Anchor::End => "\" text-anchor=\"end\"",
            })
            .m(if bold { " font-weight=\"bold\">" } else { ">" })
            .t(s)
            .m("</text>");
    }

    /// Text in one line at `size` if it fits, else in two smaller lines ending at `y`, else
    /// one line made smaller.
    fn cell(&mut self, x: f64, y: f64, st: St, width: f64, s: &str) {
        let St(size, _, fill, a) = st;
        if text_width(s, size, false) <= width {
            return self.text(x, y, St(size, false, fill, a), s);
        }
        for small in [(size - 0.8).max(MIN_FONT), MIN_FONT] {
            if let [one, two] = wrap(s, small, width, false).as_slice()
                && text_width(one, small, false) <= width
                && text_width(two, small, false) <= width
            {
                self.text(x, y - small, St(small, false, fill, a), one);
                return self.text(x, y, St(small, false, fill, a), two);
            }
        }
        self.fitted(x, y, St(size, false, fill, a), width, s);
    }

    /// Text made smaller until it fits `width`.
    fn fitted(&mut self, x: f64, y: f64, st: St, width: f64, s: &str) {
        let St(size, bold, fill, a) = st;
        let size = fit(s, size, width, bold);
        self.text(x, y, St(size, bold, fill, a), s);
    }

    fn rule(&mut self, y: f64, stroke: &'static str) {
        self.svg
            .m("<path stroke=\"")
            .m(stroke)
            .m("\" stroke-width=\"0.5\" d=\"")
            .t(&format!("M{MARGIN} {y:.1}H{:.1}", WIDTH - MARGIN))
            .m("\"/>");
    }

    fn spark(&mut self, r: &ProfileRow, x: f64, y: f64, w: f64, h: f64) {
        let p = r.spark.paths(x, y, w, h);
        // Single-year bars and ticks are placed in the row (their y is the row's).
        self.svg
            .m("<g transform=\"translate(0 ")
            .t(&format!(
                "{:.1}",
                if p.bar.is_some() || p.tick.is_some() {
                    y
                } else {
                    0.0
                }
            ))
            .m(")\">");
        spark_elements(&p, h, &mut self.svg);
        self.svg.m("</g>");
    }
}

const INK: &str = "#1a1a1a";
const GREY: &str = "#555555";
const FAINT: &str = "#bbbbbb";

/// The columns of a row: where each starts (or, for figures, ends), and widths.
struct Columns {
    title: (f64, f64),
    spark: (f64, f64),
    value_end: f64,
    unit: (f64, f64),
    year: (f64, f64),
    network_end: f64,
    sweden_end: f64,
    change_end: f64,
}

const COLS: Columns = Columns {
    title: (MARGIN, 184.0),
    spark: (216.0, 46.0),
    value_end: 322.0,
    unit: (326.0, 56.0),
    year: (385.0, 34.0),
    network_end: 456.0,
    sweden_end: 504.0,
    change_end: WIDTH - MARGIN,
};

/// A place as the brief's narrow column writes it: `3 / 23`, or `=3 / 23` where others share
/// it (the footnote says so).
fn place_cell(p: Option<crate::profile::Place>) -> String {
    match p {
        Some(p) if p.shared > 0 => format!("={} / {}", p.rank, p.of),
        Some(p) => format!("{} / {}", p.rank, p.of),
        None => String::new(),
    }
}

// Long: one page drawn top to bottom (header, sentence, key figures, a table per theme,
// footer), each y advanced where the text is written.
/// The brief of municipality `code` as one A4 SVG page.
pub fn brief_svg<F: Borrow<IndicatorFile>>(
    catalog: &Catalog,
    files: &[(IndicatorMeta, F)],
    code: &str,
    l: Lang,
) -> String {
    let rows = profile(files, code, l);
    let name = catalog.region_name(code, l);
    let mut page = Page {
        svg: Html::markup(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"595\" height=\"842\" viewBox=\"0 0 595 842\" font-family=\"",
        ),
    };
    page.svg
        .m(FONT)
        .m("\"><rect width=\"595\" height=\"842\" fill=\"#ffffff\"/>");
    let content = WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN + 16.0;
    page.text(MARGIN, y, St(20.0, true, INK, Anchor::Start), &name);
    y += 14.0;
    let sub = format!(
        "{} · {}",
        tr(
            l,
            "Kommunprofil, Industrikommunerna i siffror",
            "Municipality profile, Sweden's industrial municipalities in figures"
        ),
        catalog
            .data_version
            .as_ref()
            .map(|v| v.label(l))
            .unwrap_or_default()
    );
    page.fitted(
        MARGIN,
        y,
        St(8.0, false, GREY, Anchor::Start),
        content,
        &sub,
    );
    y += 18.0;
    for line in wrap(&profile_summary(&rows, &name, l), 9.5, content, false) {
        page.text(MARGIN, y, St(9.5, false, INK, Anchor::Start), &line);
        y += 12.5;
    }
    // The headline figures, side by side.
    let keys = key_figures(&rows);
    if !keys.is_empty() {
        y += 4.0;
        let w = content / keys.len() as f64;
        for (k, r) in keys.iter().enumerate() {
            let x = MARGIN + w * k as f64;
            let inner = w - 8.0;
            page.fitted(x, y, St(7.0, false, GREY, Anchor::Start), inner, &r.title);
            page.fitted(
                x,
                y + 15.0,
                St(13.0, true, INK, Anchor::Start),
                inner,
                &r.value,
            );
            let unit = format!(
                "{}, {}",
                r.unit,
                r.year.map(|y| y.to_string()).unwrap_or_default()
            );
            page.fitted(
                x,
                y + 25.0,
                St(6.5, false, GREY, Anchor::Start),
                inner,
                &unit,
            );
            let place = r
                .rank_network
                .map(|p| place_words(p, true, l))
                .or_else(|| r.rank_national.map(|p| place_words(p, false, l)))
                .unwrap_or_default();
            page.fitted(
                x,
                y + 34.0,
                St(6.5, false, INK, Anchor::Start),
                inner,
                &place,
            );
            page.spark(r, x, y + 38.0, inner.min(90.0), 14.0);
        }
        y += 62.0;
    }
    // The column heads once, then a table per theme.
    let c = &COLS;
    page.rule(y, INK);
    y += 9.0;
    let heads = [
        (c.title.0, Anchor::Start, tr(l, "Indikator", "Indicator")),
        (c.spark.0, Anchor::Start, tr(l, "Mot median", "Vs median")),
        (c.value_end, Anchor::End, tr(l, "Värde", "Value")),
        (c.unit.0, Anchor::Start, tr(l, "Enhet", "Unit")),
        (c.year.0, Anchor::Start, tr(l, "År", "Year")),
        (c.network_end, Anchor::End, tr(l, "Nätverket", "Network")),
        (c.sweden_end, Anchor::End, tr(l, "Sverige", "Sweden")),
        (c.change_end, Anchor::End, tr(l, "Förändring", "Change")),
    ];
    for (x, a, s) in heads {
        page.text(x, y, St(6.5, true, GREY, a), s);
    }
    y += 4.0;
    let groups = by_theme(&rows);
    let n_rows: usize = groups.iter().map(|(_, g)| g.len()).sum();
    // Rows as tall as the page allows, between 11 and 15 pt.
    let room = HEIGHT - MARGIN - 40.0 - y - 17.0 * groups.len() as f64;
    let row_h = (room / n_rows.max(1) as f64).clamp(11.0, 15.0);
    for (theme, group) in groups {
        y += 13.0;
        page.text(
            MARGIN,
            y,
            St(9.0, true, INK, Anchor::Start),
            theme.name().get(l),
        );
        y += 4.0;
        page.rule(y, FAINT);
        for r in group {
            let base = y + row_h - 3.5;
            page.fitted(
                c.title.0,
                base,
                St(7.0, false, INK, Anchor::Start),
                c.title.1,
                &r.title,
            );
            page.spark(r, c.spark.0, y + 2.0, c.spark.1, row_h - 4.0);
            page.fitted(
                c.value_end,
                base,
                St(7.0, true, INK, Anchor::End),
                56.0,
                &r.value,
            );
            page.cell(
                c.unit.0,
                base,
                St(6.0, false, GREY, Anchor::Start),
                c.unit.1,
                &r.unit,
            );
            let span = match (r.since, r.year) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (None, Some(b)) => b.to_string(),
                _ => String::new(),
            };
            page.fitted(
                c.year.0,
                base,
                St(6.5, false, INK, Anchor::Start),
                c.year.1,
                &span,
            );
            let place_w = 42.0;
            page.fitted(
                c.network_end,
                base,
                St(6.5, false, INK, Anchor::End),
                place_w,
                &place_cell(r.rank_network),
            );
            page.fitted(
                c.sweden_end,
                base,
                St(6.5, false, INK, Anchor::End),
                place_w,
                &place_cell(r.rank_national),
            );
            page.cell(
                c.change_end,
                base,
                St(6.5, false, INK, Anchor::End),
                c.change_end - c.sweden_end - 6.0,
                &r.change_value,
            );
            y += row_h;
            page.rule(y, FAINT);
        }
    }
    // What the columns mean and where the figures come from.
    let notes = tr(
        l,
        "Värde: senaste år med ett publicerat värde; År: första–senaste publicerade år, förändringen mellan dem (andelar i procentenheter). Plats n / N bland de N kommuner med ett publicerat värde det året; =n: delad plats, samma värde som andra. Heldragen linje: kommunen, streckad: nätverkets median.",
        "Value: latest year with a published value; Year: first–latest published year, the change between them (shares in percentage points). Rank n / N among the N municipalities with a published value that year; =n: a shared place, the same value as others. Solid line: the municipality, dashed: the network median.",
    );
    let mut sources: Vec<String> = Vec::new();
    for (meta, _) in files {
        if !rows.iter().any(|r| r.id == meta.id) {
            continue;
        }
        for s in meta.source.name.get(l).split("; ") {
            if !sources.iter().any(|x| x == s) {
                sources.push(s.to_owned());
            }
        }
    }
    let src = format!("{}: {}.", tr(l, "Källor", "Sources"), sources.join("; "));
    let mut lines = wrap(notes, 6.0, content, false);
    lines.extend(wrap(&src, 6.0, content, false));
    let mut fy = HEIGHT - MARGIN - 7.5 * (lines.len() as f64 - 1.0);
    for line in lines {
        page.text(MARGIN, fy, St(6.0, false, GREY, Anchor::Start), &line);
        fy += 7.5;
    }
    page.svg.m("</svg>");
    page.svg.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{C, Spec, Synthetic, v};
    use muni_model::{Theme, Unit};

    fn synthetic() -> Synthetic {
        Synthetic::new()
            .indicator(
                Spec::new("employment_industry", Unit::Persons)
                    .theme(Theme::Employment)
                    .additive()
                    .title(
                        "Sysselsatta <i>i</i> industrin & co",
                        "Employed in industry",
                    )
                    .years(2020..=2022),
                &[
                    ("0382", &[v(100.0), v(110.0), v(120.0)][..]),
                    ("1496", &[v(200.0), C, v(210.0)]),
                    ("0181", &[v(300.0), v(310.0), v(320.0)]),
                ],
            )
            .indicator(
                Spec::new("energy_x", Unit::Mwh)
                    .title("Elproduktion i kärnkraft", "Nuclear")
                    .years(2020..=2020),
                &[
                    ("0382", &[v(0.0)][..]),
                    ("1496", &[v(0.0)]),
                    ("0181", &[v(0.0)]),
                ],
            )
    }

    /// Every `<text>`'s size and y.
    fn texts(svg: &str) -> Vec<(f64, f64, String)> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let attr = |name: &str| -> f64 {
                    t.split(&format!("{name}=\""))
                        .nth(1)
                        .and_then(|s| s.split('"').next())
                        .and_then(|s| s.parse().ok())
                        .unwrap()
                };
                let body = t.split('>').nth(1).unwrap().split("</text").next().unwrap();
                (attr("font-size"), attr("y"), body.to_owned())
            })
            .collect()
    }

    #[test]
    fn the_brief_is_one_a4_page_with_every_row_escaped_and_no_text_too_small_or_off_the_page() {
        let f = synthetic();
        let svg = brief_svg(&f.catalog, &f.all(), "1496", Lang::Sv);
        assert!(
            svg.starts_with(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"595\" height=\"842\""
            )
        );
        assert_eq!(svg.matches("<svg").count(), 1);
        let t = texts(&svg);
        assert!(t.iter().any(|(_, _, s)| s == "Skövde"));
        // A title from data is text, never markup.
        assert!(
            t.iter()
                .any(|(_, _, s)| s == "Sysselsatta &lt;i&gt;i&lt;/i&gt; industrin &amp; co"),
            "{t:?}"
        );
        assert!(!svg.contains("<i>"));
        for (size, y, s) in &t {
            assert!(*size >= MIN_FONT, "{s}: {size}");
            assert!(*y > 0.0 && *y < HEIGHT - 20.0, "{s}: y {y}");
        }
        // The shared zero is marked as shared in both scopes, and never praised.
        assert!(t.iter().any(|(_, _, s)| s == "=1 / 3"), "{t:?}");
        let summary = t.iter().find(|(_, _, s)| s.starts_with("Skövde ")).unwrap();
        assert!(!summary.2.contains("kärnkraft"), "{}", summary.2);
        // The change in percentage points or per cent, and the period it spans.
        assert!(t.iter().any(|(_, _, s)| s == "+5,0\u{a0}%"), "{t:?}");
        assert!(t.iter().any(|(_, _, s)| s == "2020–2022"), "{t:?}");
        assert!(
            t.iter().any(|(_, _, s)| s.starts_with("Källor: SYNTETISK")),
            "{t:?}"
        );
        // English.
        let en = brief_svg(&f.catalog, &f.all(), "1496", Lang::En);
        assert!(
            en.contains(">Rank n / N among") || en.contains(">Value: latest year"),
            "{en}"
        );
    }

    #[test]
    fn text_is_wrapped_within_the_width_and_fitted_no_smaller_than_the_minimum() {
        let s =
            "Skövde placerar sig bäst i nätverket: sysselsatta i industrin (plats 2 av 24, 2024)";
        let lines = wrap(s, 10.0, 150.0, false);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), s);
        for l in &lines[..lines.len() - 1] {
            assert!(text_width(l, 10.0, false) <= 150.0, "{l}");
        }
        assert_eq!(fit("kort", 7.0, 100.0, false), 7.0);
        let f = fit(
            "Elproduktion i kraftvärme och industriellt mottryck",
            7.0,
            120.0,
            false,
        );
        assert!((MIN_FONT..7.0).contains(&f), "{f}");
        assert_eq!(fit(&"x".repeat(500), 7.0, 50.0, false), MIN_FONT);
    }
}

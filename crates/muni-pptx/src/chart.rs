//! The native charts (DrawingML `c:chartSpace`): a line chart of a time series, a bar chart of
//! a ranking, each with its figures cached in the chart (what PowerPoint draws) and embedded
//! as a workbook (what "Edit data" opens), the two from the same rows.

use muni_chart::palette::{self, series_color};
use muni_model::Lang;
use muni_view::spec::{LineChart, LineSeries, RankingChart, SeriesRole};
use muni_xlsx::{Cell, Sheet, column_name};

use crate::{esc, lang_tag};

/// The chart a slide shows.
pub enum Kind<'a> {
    Line(&'a LineChart),
    Ranking(&'a RankingChart),
}

/// The number format of `decimals` decimals (PowerPoint shows its locale's separators).
fn number_format(decimals: usize) -> String {
    match decimals {
        0 => "#,##0".to_owned(),
        d => format!("#,##0.{}", "0".repeat(d.min(6))),
    }
}

/// `RRGGBB` of a palette colour.
macro_rules! hex {
    ($c:expr) => {{
        let c = $c;
        format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }};
}

/// A cached number series: `points` (index, value), `count` points in all, under `f`.
fn num_ref(f: &str, format: &str, count: usize, points: &[(usize, f64)]) -> String {
    let pts: String = points
        .iter()
        .map(|(i, v)| format!(r#"<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>"#))
        .collect();
    format!(
        r#"<c:numRef><c:f>{f}</c:f><c:numCache><c:formatCode>{}</c:formatCode><c:ptCount val="{count}"/>{pts}</c:numCache></c:numRef>"#,
        esc(format)
    )
}

fn str_ref(f: &str, texts: &[String]) -> String {
    let pts: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!(r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, esc(t)))
        .collect();
    format!(
        r#"<c:strRef><c:f>{f}</c:f><c:strCache><c:ptCount val="{}"/>{pts}</c:strCache></c:strRef>"#,
        texts.len()
    )
}

/// A range of the sheet `Data`: column `col` (0-based), rows `from..=to` (1-based).
fn range(col: usize, from: usize, to: usize) -> String {
    let c = column_name(col);
    if from == to {
        format!("Data!${c}${from}")
    } else {
        format!("Data!${c}${from}:${c}${to}")
    }
}

/// Text properties of a chart element: `size` in hundredths of a point, `colour`.
fn tx_pr(size: u32, colour: &str, l: Lang) -> String {
    format!(
        r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="{}"/></a:p></c:txPr>"#,
        lang_tag(l)
    )
}

/// How a line is drawn: colour, width (EMU), dash, whether it is in the legend.
fn line_style(s: &LineSeries) -> (String, u32, &'static str, bool) {
    match s.role {
        SeriesRole::Selected(slot) => (hex!(series_color(slot)), 31_750, "solid", true),
        SeriesRole::Median => (hex!(palette::REFERENCE), 22_225, "dash", true),
        SeriesRole::Country => (hex!(palette::TEXT), 22_225, "sysDot", true),
        SeriesRole::Member => (hex!(palette::CONTEXT), 9_525, "solid", false),
    }
}

/// The context lines first (drawn underneath), then the references, then the selection.
fn draw_order(s: &LineSeries) -> u8 {
    match s.role {
        SeriesRole::Member => 0,
        SeriesRole::Median | SeriesRole::Country => 1,
        SeriesRole::Selected(_) => 2,
    }
}

fn line_chart(c: &LineChart, l: Lang) -> (String, Sheet) {
    let mut series: Vec<&LineSeries> = c.series.iter().collect();
    series.sort_by_key(|s| draw_order(s));
    let n = c.years.len();
    let last_row = n + 1;
    let format = number_format(c.decimals);
    let years: Vec<(usize, f64)> = c
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| (i, f64::from(*y)))
        .collect();
    let cat = num_ref(&range(0, 2, last_row), "General", n, &years);
    let mut sers = String::new();
    let mut hidden = String::new();
    for (k, s) in series.iter().enumerate() {
        let (colour, width, dash, legend) = line_style(s);
        let points: Vec<(usize, f64)> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        // A value between two gaps is a point, not a line: marked.
        let isolated: String = points
            .iter()
            .filter(|(i, _)| {
                (*i == 0 || s.values[i - 1].is_none()) && s.values.get(i + 1).is_none_or(Option::is_none)
            })
            .map(|(i, _)| {
                format!(
                    r#"<c:dPt><c:idx val="{i}"/><c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker><c:bubble3D val="0"/></c:dPt>"#
                )
            })
            .collect();
        sers.push_str(&format!(
            r#"<c:ser><c:idx val="{k}"/><c:order val="{k}"/><c:tx>{}</c:tx><c:spPr><a:ln w="{width}" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:prstDash val="{dash}"/><a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>{isolated}<c:cat>{cat}</c:cat><c:val>{}</c:val><c:smooth val="0"/></c:ser>"#,
            str_ref(&range(k + 1, 1, 1), std::slice::from_ref(&s.label)),
            num_ref(&range(k + 1, 2, last_row), &format, n, &points)
        ));
        if !legend {
            hidden.push_str(&format!(
                r#"<c:legendEntry><c:idx val="{k}"/><c:delete val="1"/></c:legendEntry>"#
            ));
        }
    }
    let max = c
        .ceiling
        .as_ref()
        .map(|ceiling| format!(r#"<c:max val="{}"/>"#, ceiling.value))
        .unwrap_or_default();
    let min = if c.from_zero {
        r#"<c:min val="0"/>"#
    } else {
        ""
    };
    let axis_text = tx_pr(1200, &hex!(palette::SUBTLE_TEXT), l);
    let plot = format!(
        r#"<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{sers}<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart><c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="787878"/></a:solidFill></a:ln></c:spPr>{axis_text}<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>{max}{min}</c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="DCDCDC"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="{}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{axis_text}<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>"#,
        esc(&number_format(c.decimals.min(1)))
    );
    let legend = format!(
        r#"<c:legend><c:legendPos val="r"/>{hidden}<c:overlay val="0"/>{}</c:legend>"#,
        tx_pr(1200, &hex!(palette::TEXT), l)
    );
    let mut header = vec![match l {
        Lang::Sv => "år".to_owned(),
        Lang::En => "year".to_owned(),
    }];
    header.extend(series.iter().map(|s| s.label.clone()));
    let rows = (0..n)
        .map(|i| {
            let mut row = vec![Cell::Integer(i64::from(c.years[i]))];
            row.extend(series.iter().map(|s| {
                s.values[i].map_or(Cell::Blank, |value| Cell::Number {
                    value,
                    decimals: c.decimals,
                })
            }));
            row
        })
        .collect();
    let sheet = Sheet {
        name: "Data".into(),
        header,
        rows,
    };
    (
        format!("<c:plotArea><c:layout/>{plot}</c:plotArea>{legend}"),
        sheet,
    )
}

fn bar_chart(c: &RankingChart, l: Lang) -> (String, Sheet) {
    let n = c.bars.len();
    let last_row = n + 1;
    let format = number_format(c.decimals);
    let labels: Vec<String> = c.bars.iter().map(|b| b.label.clone()).collect();
    let points: Vec<(usize, f64)> = c
        .bars
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.value))
        .collect();
    let points_xml: String = c
        .bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let colour = hex!(b.highlight.map_or(palette::MUTED, series_color));
            format!(
                r#"<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr></c:dPt>"#
            )
        })
        .collect();
    let label_size = if n > 20 { 1000 } else { 1200 };
    let value_name = c.subtitle.clone();
    let ser = format!(
        r#"<c:ser><c:idx val="0"/><c:order val="0"/><c:tx>{}</c:tx><c:spPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>{points_xml}<c:dLbls><c:numFmt formatCode="{}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls><c:cat>{}</c:cat><c:val>{}</c:val></c:ser>"#,
        str_ref(&range(1, 1, 1), std::slice::from_ref(&value_name)),
        hex!(palette::MUTED),
        esc(&format),
        tx_pr(label_size, &hex!(palette::TEXT), l),
        str_ref(&range(0, 2, last_row), &labels),
        num_ref(&range(1, 2, last_row), &format, n, &points)
    );
    // The first bar at the top: the category axis runs from the top; the values are on the
    // bars, so the value axis is not drawn.
    let plot = format!(
        r#"<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>{ser}<c:gapWidth val="40"/><c:axId val="500000011"/><c:axId val="500000012"/></c:barChart><c:catAx><c:axId val="500000011"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="787878"/></a:solidFill></a:ln></c:spPr>{}<c:crossAx val="500000012"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="500000012"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="1"/><c:axPos val="t"/><c:numFmt formatCode="{}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000011"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>"#,
        tx_pr(label_size, &hex!(palette::TEXT), l),
        esc(&format)
    );
    let header = vec!["region".to_owned(), value_name];
    let rows = c
        .bars
        .iter()
        .map(|b| {
            vec![
                Cell::Text(b.label.clone()),
                Cell::Number {
                    value: b.value,
                    decimals: c.decimals,
                },
            ]
        })
        .collect();
    let sheet = Sheet {
        name: "Data".into(),
        header,
        rows,
    };
    (format!("<c:plotArea><c:layout/>{plot}</c:plotArea>"), sheet)
}

/// The chart part's XML and the workbook embedded in it.
pub fn chart(kind: Kind<'_>, l: Lang) -> Result<(String, Vec<u8>), String> {
    let (body, sheet) = match kind {
        Kind::Line(c) => line_chart(c, l),
        Kind::Ranking(c) => bar_chart(c, l),
    };
    let workbook = muni_xlsx::workbook(&[sheet])?;
    let xml = format!(
        r#"{}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:date1904 val="0"/><c:lang val="{}"/><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/>{body}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{}<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>"#,
        crate::parts::head(),
        lang_tag(l),
        tx_pr(1200, &hex!(palette::TEXT), l)
    );
    Ok((xml, workbook))
}

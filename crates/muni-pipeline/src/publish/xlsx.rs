//! The whole dataset as an Excel workbook (`full/industrikommuner.xlsx`): every indicator,
//! region and year in long form with numbers as numbers, the indicators' sources and
//! definitions, and the About sheet with the data version. Written by `muni_xlsx`, as the
//! dashboard's and the command line's workbooks of a view are.

use std::path::Path;

use muni_model::{Catalog, Lang};
use muni_xlsx::{Cell, Sheet, about, about_sheet, status_word};

use super::Table;
use crate::error::{PipelineError, Result};

/// Writes the workbook of the whole dataset to `path` (Swedish headers and words: the file
/// beside the Swedish Excel CSV).
pub(super) fn write_full_xlsx(path: &Path, catalog: &Catalog, t: &Table) -> Result<()> {
    let l = Lang::Sv;
    let names = super::region_names(catalog);
    let text = |s: &str| Cell::Text(s.to_owned());
    let mut rows = Vec::new();
    for meta in &catalog.indicators {
        let Some(by_region) = t.get(meta.id.as_str()) else {
            continue;
        };
        let unit = meta.unit.label().get(l).to_owned();
        let rank = |r: Option<u16>| r.map_or(Cell::Blank, |r| Cell::Integer(i64::from(r)));
        for (region, by_year) in by_region {
            for (year, c) in by_year {
                rows.push(vec![
                    text(meta.id.as_str()),
                    text(meta.title.get(l)),
                    text(region),
                    text(names.get(region.as_str()).copied().unwrap_or("")),
                    Cell::Integer(i64::from(*year)),
                    c.value.map_or(Cell::Blank, |value| Cell::Number {
                        value,
                        decimals: meta.unit.decimals(),
                    }),
                    text(&unit),
                    text(status_word(c.status, l)),
                    rank(c.rank_national),
                    rank(c.rank_network),
                ]);
            }
        }
    }
    let header = [
        "indikator-id",
        "indikator",
        "regionkod",
        "region",
        "år",
        "värde",
        "enhet",
        "status",
        "plats i Sverige",
        "plats i nätverket",
    ];
    let data = Sheet {
        name: "Data".into(),
        header: header.map(str::to_owned).to_vec(),
        rows,
    };
    let dictionary = Sheet {
        name: "Indikatorer".into(),
        header: [
            "indikator-id",
            "indikator",
            "definition",
            "enhet",
            "källa",
            "tabell",
            "länk",
            "licens",
            "första år",
            "sista år",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: catalog
            .indicators
            .iter()
            .map(|m| {
                let year =
                    |y: Option<&u16>| y.map_or(Cell::Blank, |y| Cell::Integer(i64::from(*y)));
                vec![
                    text(m.id.as_str()),
                    text(m.title.get(l)),
                    text(m.definition.get(l)),
                    text(m.unit.label().get(l)),
                    text(m.source.name.get(l)),
                    text(&m.source.table),
                    text(&m.source.url),
                    text(&m.source.licence),
                    year(m.years.first()),
                    year(m.years.last()),
                ]
            })
            .collect(),
    };
    let bytes = muni_xlsx::workbook(&[
        data,
        dictionary,
        about_sheet(&about(catalog, None, &[], l), l),
    ])
    .map_err(|e| PipelineError::file(path, e))?;
    std::fs::write(path, bytes).map_err(|e| PipelineError::io(path, e))
}

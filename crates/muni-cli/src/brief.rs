//! `industrikommuner brief`: a municipality's profile on one A4 page, as PDF or SVG, from the
//! published data. The page is `muni_view::brief::brief_svg`; the PDF is that SVG converted
//! natively by `svg2pdf`, its text in the bundled DejaVu Sans (embedded as subsets).

use std::path::Path;

use muni_model::{Catalog, IndicatorFile, IndicatorMeta, Lang, RegionLevel};

use muni_pipeline::extract::read_json;

/// The municipality `asked` names: a code (`1496`) or a name (`Skövde`, any case).
pub fn municipality(catalog: &Catalog, asked: &str) -> Result<String, String> {
    let folded = |s: &str| s.chars().map(muni_model::fold_sv).collect::<String>();
    catalog
        .regions
        .iter()
        .filter(|r| r.level == RegionLevel::Municipality)
        .find(|r| r.code.as_str() == asked || folded(&r.name) == folded(asked))
        .map(|r| r.code.as_str().to_owned())
        .ok_or_else(|| {
            format!(
                "--municipality {asked:?}: no municipality with that code or name in catalog.json (a code has 4 digits: 1496)"
            )
        })
}

/// Every indicator with a file, read from `dir`.
pub fn files(dir: &Path, catalog: &Catalog) -> Result<Vec<(IndicatorMeta, IndicatorFile)>, String> {
    catalog
        .indicators
        .iter()
        .filter_map(|m| m.file.as_ref().map(|f| (m, f)))
        .map(|(m, f)| {
            let file: IndicatorFile = read_json(&dir.join(f)).map_err(|e| e.to_string())?;
            Ok((m.clone(), file))
        })
        .collect()
}

/// The brief as SVG text and the file name it suggests (without extension).
pub fn brief(dir: &Path, asked: &str, lang: Lang) -> Result<(String, String), String> {
    let catalog: Catalog = read_json(&dir.join("catalog.json")).map_err(|e| e.to_string())?;
    let code = municipality(&catalog, asked)?;
    let files = files(dir, &catalog)?;
    let svg = muni_view::brief::brief_svg(&catalog, &files, &code, lang);
    let name = catalog.region_name(&code, lang);
    Ok((
        svg,
        muni_view::profile::profile_file_stem(&catalog, &name, lang),
    ))
}

/// An SVG page as a one-page PDF.
pub fn to_pdf(svg: &str) -> Result<Vec<u8>, String> {
    let mut opt = svg2pdf::usvg::Options::default();
    {
        let db = opt.fontdb_mut();
        for font in muni_chart::png::fonts() {
            db.load_font_data(font.to_vec());
        }
        db.set_sans_serif_family("DejaVu Sans");
    }
    let tree = svg2pdf::usvg::Tree::from_str(svg, &opt)
        .map_err(|e| format!("the brief's SVG could not be read: {e}"))?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| format!("the brief could not be written as PDF: {e}"))
}

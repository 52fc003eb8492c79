//! Writes sample charts from the published data to a folder, for looking at them:
//! `cargo run -p muni-chart --example render_samples -- public/data /tmp/charts`.

use muni_chart::{line_chart_svg, ranking_chart_svg};
use muni_model::{Catalog, IndicatorFile, Lang};
use muni_view::series::{RankingScope, line_chart, ranking_chart};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (data, out) = (
        std::path::Path::new(&args[1]),
        std::path::Path::new(&args[2]),
    );
    std::fs::create_dir_all(out)?;
    let catalog: Catalog = serde_json::from_slice(&std::fs::read(data.join("catalog.json"))?)?;
    let selected = vec!["0382".to_owned(), "2584".to_owned(), "0481".to_owned()];
    for id in [
        "energy_final_use_industry_per_inhabitant",
        "electricity_production_total",
        "procurement_innovation_share",
    ] {
        let meta = catalog.indicator(id).ok_or("no such indicator")?;
        let file: IndicatorFile = serde_json::from_slice(&std::fs::read(
            data.join(meta.file.as_deref().ok_or("no file")?),
        )?)?;
        let last = *file.years.last().ok_or("no years")?;
        for lang in [Lang::Sv, Lang::En] {
            let tag = if lang == Lang::Sv { "sv" } else { "en" };
            if file.years.len() > 1 {
                let c = line_chart(&catalog, meta, &file, &selected, &[], 2005..=2020, lang);
                std::fs::write(
                    out.join(format!("{id}_line_{tag}.svg")),
                    line_chart_svg(&c, 1280, 720)?,
                )?;
            }
            for (scope, name) in [
                (RankingScope::Network, "network"),
                (RankingScope::Sweden, "sweden"),
            ] {
                let c = ranking_chart(&catalog, meta, &file, last, scope, &selected, lang);
                std::fs::write(
                    out.join(format!("{id}_rank_{name}_{tag}.svg")),
                    ranking_chart_svg(&c, 1280, 720)?,
                )?;
            }
        }
    }
    Ok(())
}

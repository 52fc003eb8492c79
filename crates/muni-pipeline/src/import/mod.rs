//! Import: read the upstream files exactly as published and write the project's normalised,
//! tidy tables under `data/normalised/`. This module and `publish` are the only ones that touch
//! the file system.

pub mod employment;
pub mod energy;
pub mod excel;
pub mod geo;
pub mod labour;
pub mod members;
pub mod panel;
pub mod population;
pub mod procurement;
pub mod pxweb;
pub mod regions;

use std::path::{Path, PathBuf};

use muni_model::Status;

use crate::error::{PipelineError, Result};
use crate::fsutil::{replace_dir, write_csv};
use crate::normalised::{FACT_HEADER, REGION_HEADER, level_id};

/// One figure in tidy long form: `region_code, year, variable, value, status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub region: String,
    pub year: u16,
    pub variable: String,
    pub value: Option<i64>,
    pub status: Status,
}

impl Fact {
    pub fn ok(region: &str, year: u16, variable: &str, value: i64) -> Self {
        Self {
            region: region.to_owned(),
            year,
            variable: variable.to_owned(),
            value: Some(value),
            status: Status::Ok,
        }
    }

    pub fn from_cell(region: &str, year: u16, variable: &str, cell: pxweb::Cell) -> Self {
        let value = match cell {
            pxweb::Cell::Value(v) => Some(v),
            _ => None,
        };
        Self {
            region: region.to_owned(),
            year,
            variable: variable.to_owned(),
            value,
            status: cell.status(),
        }
    }
}

/// Where the upstream files are, relative to the shared data folder.
pub struct Upstream {
    pub root: PathBuf,
}

impl Upstream {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn glob(&self, dir: &str, prefix: &str) -> Result<Vec<PathBuf>> {
        let d = self.root.join(dir);
        let mut out: Vec<PathBuf> = std::fs::read_dir(&d)
            .map_err(|e| PipelineError::io(&d, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".csv"))
            })
            .collect();
        out.sort();
        if out.is_empty() {
            return Err(PipelineError::file(&d, format!("no {prefix}*.csv file")));
        }
        Ok(out)
    }
}

/// What an import found, for the user.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub facts: usize,
    pub notices: usize,
    pub buyers: usize,
    pub buyers_attributed: usize,
    pub notices_unattributed: usize,
    /// Unattributed notices by the buyer's legal form, most first.
    pub unattributed_by_legal_form: Vec<(String, usize)>,
}

fn fact_rows(facts: &[Fact]) -> Vec<Vec<String>> {
    let mut facts: Vec<&Fact> = facts.iter().collect();
    facts.sort_by(|a, b| (&a.variable, &a.region, a.year).cmp(&(&b.variable, &b.region, b.year)));
    facts
        .iter()
        .map(|f| {
            vec![
                f.region.clone(),
                f.year.to_string(),
                f.variable.clone(),
                f.value.map(|v| v.to_string()).unwrap_or_default(),
                f.status.as_str().to_owned(),
            ]
        })
        .collect()
}

/// The employment panel (BAS 2020–2024), relative to the shared data folder.
pub const EMPLOYMENT_PANEL: &str = "scb-employment/panel_2020_2024_subset.csv";

/// The skills and labour-market panel (2018–2024), relative to the shared data folder.
pub const LABOUR_PANEL: &str = "scb-labour/panel_2018_2024_labour_skills.csv";

/// The map's outlines under `data/normalised/`.
pub const SHAPES_FILE: &str = "municipality_shapes.json";

/// Reads everything under `upstream` and replaces `data_dir/normalised` with the result, only
/// after every file has been read and checked.
pub fn import_all(upstream: &Path, data_dir: &Path) -> Result<ImportReport> {
    let up = Upstream {
        root: upstream.to_owned(),
    };
    let regions = regions::read(&up.path("scb-regions/kommunlankod_2023.xls"))?;
    let members = members::read(&up.path("network/members.csv"), &regions)?;
    let shapes = geo::read(&up.path("geo/swedish_municipalities.geojson"), &regions)?;

    let mut population = population::read_1950_2022(
        &up.path("scb-population/folkmangd_kommuner_1950-2022.xlsx"),
        &regions,
    )?;
    population.extend(population::read_2023(
        &up.path("scb-population/be0101_tabhel2023.xlsx"),
        &regions,
    )?);
    let panel_path = up.path(EMPLOYMENT_PANEL);
    let panel = employment::read(&panel_path, &regions)?;
    population.extend(employment::extend_population(
        &panel_path,
        &panel,
        &population,
    )?);
    let employment = panel.facts;
    let labour = labour::read(&up.path(LABOUR_PANEL), &regions)?;

    let mut final_use = up.glob("scb-energy", "000000BS")?;
    final_use.extend(up.glob("scb-energy", "EN0203AE")?);
    let mut production = up.glob("scb-energy", "000000BQ")?;
    production.extend(up.glob("scb-energy", "EN0203AD")?);
    let crosscheck = up.path("scb-energy/ProdbrEl_2009-2013_latin1.csv");
    let energy = energy::read(
        &energy::EnergyFiles {
            final_use,
            production,
            production_crosscheck: crosscheck.exists().then_some(crosscheck),
        },
        &regions,
    )?;

    let mapping_path = data_dir.join("buyer_attribution.csv");
    let mapping = procurement::read_mapping(&mapping_path, &regions)?;
    let (notices, mut buyers) = procurement::read_notices(
        &up.path("procurement/number_of_procurements.xlsx"),
        procurement::Measure::Count,
    )?;
    let (values, value_buyers) = procurement::read_notices(
        &up.path("procurement/contracted_value.xlsx"),
        procurement::Measure::Value,
    )?;
    for vb in value_buyers {
        match buyers.iter().find(|b| b.org_nr == vb.org_nr) {
            Some(b) if b.legal_form != vb.legal_form => {
                return Err(PipelineError::file(
                    &up.path("procurement/contracted_value.xlsx"),
                    format!(
                        "buyer {} has legal form {:?} here and {:?} in the count file",
                        vb.org_nr, vb.legal_form, b.legal_form
                    ),
                ));
            }
            Some(_) => {}
            None => buyers.push(vb),
        }
    }
    buyers.sort_by(|a, b| a.org_nr.cmp(&b.org_nr));
    procurement::attribute(&mut buyers, &mapping, &mapping_path, &regions)?;

    let mut by_form: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let buyer_of: std::collections::BTreeMap<&str, &procurement::Buyer> =
        buyers.iter().map(|b| (b.org_nr.as_str(), b)).collect();
    for n in &notices {
        if let Some(b) = buyer_of
            .get(n.buyer_org_nr.as_str())
            .filter(|b| b.municipality.is_none())
        {
            let form = if b.legal_form.is_empty() {
                "(ingen juridisk form)"
            } else {
                b.legal_form.as_str()
            };
            *by_form.entry(form.to_owned()).or_default() += 1;
        }
    }
    let mut unattributed_by_legal_form: Vec<(String, usize)> = by_form.into_iter().collect();
    unattributed_by_legal_form.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let report = ImportReport {
        facts: population.len() + energy.len() + employment.len() + labour.len(),
        notices: notices.len(),
        buyers: buyers.len(),
        buyers_attributed: buyers.iter().filter(|b| b.municipality.is_some()).count(),
        notices_unattributed: unattributed_by_legal_form.iter().map(|(_, n)| n).sum(),
        unattributed_by_legal_form,
    };

    let target = data_dir.join("normalised");
    replace_dir(&target, |dir| {
        write_csv(
            &dir.join("regions.csv"),
            &REGION_HEADER,
            regions.by_code.values().map(|r| {
                vec![
                    r.code.clone(),
                    r.name.clone(),
                    level_id(r.level).to_owned(),
                    r.county.clone().unwrap_or_default(),
                ]
            }),
        )?;
        write_csv(
            &dir.join("network_members.csv"),
            &[
                "code",
                "name",
                "county_code",
                "listed_network_founding",
                "listed_manifesto_2016",
                "named_2022",
                "nuclear_host",
            ],
            members.iter().map(|m| {
                vec![
                    m.code.clone(),
                    m.name.clone(),
                    m.county_code.clone(),
                    m.listed_network_founding.clone(),
                    m.listed_manifesto_2016.clone(),
                    m.named_2022.clone(),
                    m.nuclear_host.clone(),
                ]
            }),
        )?;
        write_csv(
            &dir.join("population.csv"),
            &FACT_HEADER,
            fact_rows(&population),
        )?;
        write_csv(&dir.join("energy.csv"), &FACT_HEADER, fact_rows(&energy))?;
        write_csv(
            &dir.join("employment.csv"),
            &FACT_HEADER,
            fact_rows(&employment),
        )?;
        write_csv(&dir.join("labour.csv"), &FACT_HEADER, labour::rows(&labour))?;
        let shapes_path = dir.join(SHAPES_FILE);
        let json = serde_json::to_vec(&shapes)
            .map_err(|e| PipelineError::file(&shapes_path, e.to_string()))?;
        std::fs::write(&shapes_path, json).map_err(|e| PipelineError::io(&shapes_path, e))?;
        write_csv(
            &dir.join("procurement_notices.csv"),
            procurement::NOTICE_HEADER,
            notices.iter().map(|n| procurement::notice_record(n, false)),
        )?;
        let mut value_header = procurement::NOTICE_HEADER.to_vec();
        value_header.push("value_sek");
        write_csv(
            &dir.join("procurement_values.csv"),
            &value_header,
            values.iter().map(|n| procurement::notice_record(n, true)),
        )?;
        write_csv(
            &dir.join("procurement_buyers.csv"),
            procurement::BUYER_HEADER,
            buyers.iter().map(procurement::buyer_record),
        )?;
        Ok(())
    })?;
    Ok(report)
}

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

use crate::error::{PipelineError, Result};
use crate::fsutil::{replace_dir, write_csv};
use crate::normalised::{REGION_HEADER, level_id, write_facts};

pub use crate::normalised::Fact;
use crate::normalised::Figure;

impl Fact {
    /// A cell of an SCB table: a count, or withheld (`..`) or missing.
    pub fn from_cell(region: &str, year: u16, variable: &str, cell: pxweb::Cell) -> Self {
        let value = match cell {
            pxweb::Cell::Value(v) => Some(Figure::count(v)),
            _ => None,
        };
        Self::new(region, year, variable, value, cell.status())
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
    let retrieved = retrieved_from_names(final_use.iter().chain(&production));
    let crosscheck = up.path("scb-energy/ProdbrEl_2009-2013_latin1.csv");
    let energy = energy::read(
        &energy::EnergyFiles {
            final_use,
            production,
            production_crosscheck: crosscheck.exists().then_some(crosscheck),
        },
        &regions,
    )?;

    let (notices, values, buyers) = read_procurement(&up, data_dir, &regions)?;
    let unattributed_by_legal_form = unattributed_by_legal_form(&notices, &buyers);
    let report = ImportReport {
        facts: population.len() + energy.len() + employment.len() + labour.len(),
        notices: notices.len(),
        buyers: buyers.len(),
        buyers_attributed: buyers.iter().filter(|b| b.municipality.is_some()).count(),
        notices_unattributed: unattributed_by_legal_form.iter().map(|(_, n)| n).sum(),
        unattributed_by_legal_form,
    };

    let tables = Tables {
        regions,
        members,
        shapes,
        population,
        energy,
        employment,
        labour,
        notices,
        values,
        buyers,
        retrieved,
    };
    replace_dir(&data_dir.join("normalised"), |dir| {
        write_tables(dir, &tables)
    })?;
    Ok(report)
}

/// Everything an import read and checked, to be written under `data/normalised/`.
struct Tables {
    regions: regions::Regions,
    members: Vec<members::Member>,
    shapes: muni_model::geo::Shapes,
    population: Vec<Fact>,
    energy: Vec<Fact>,
    employment: Vec<Fact>,
    labour: Vec<Fact>,
    notices: Vec<procurement::Notice>,
    values: Vec<procurement::Notice>,
    buyers: Vec<procurement::Buyer>,
    retrieved: crate::retrieved::Retrieved,
}

/// What the copies say of their retrieval: the energy exports carry their export time in their
/// names (`EN0203AE_20221201-145253.csv`; the newest is recorded); the other copies carry none.
fn retrieved_from_names<'a>(
    energy: impl Iterator<Item = &'a PathBuf>,
) -> crate::retrieved::Retrieved {
    use crate::retrieved::{NOT_RECORDED, Retrieved, SOURCES, date_in_name};
    let mut r = Retrieved::default();
    for k in SOURCES {
        r.set(k, "", NOT_RECORDED);
    }
    let newest = energy
        .filter_map(|p| date_in_name(&p.file_name()?.to_string_lossy()))
        .max();
    if let Some(d) = newest {
        r.set(
            "energy",
            &d,
            "the newest export time in the PxWeb exports' file names",
        );
    }
    r
}

/// Writes the tables into `dir` (a fresh directory that replaces `data/normalised/` after).
fn write_tables(dir: &Path, t: &Tables) -> Result<()> {
    let Tables {
        regions,
        members,
        shapes,
        population,
        energy,
        employment,
        labour,
        notices,
        values,
        buyers,
        retrieved,
    } = t;
    retrieved.write(dir)?;
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
    write_facts(&dir.join("population.csv"), population.iter())?;
    write_facts(&dir.join("energy.csv"), energy.iter())?;
    write_facts(&dir.join("employment.csv"), employment.iter())?;
    write_facts(&dir.join("labour.csv"), labour.iter())?;
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
}

/// The procurement notices (counts and contracted values) and their buyers, attributed to
/// municipalities by `data/buyer_attribution.csv` and the name rule. A buyer whose legal form
/// differs between the two files stops the import.
fn read_procurement(
    up: &Upstream,
    data_dir: &Path,
    regions: &regions::Regions,
) -> Result<(
    Vec<procurement::Notice>,
    Vec<procurement::Notice>,
    Vec<procurement::Buyer>,
)> {
    let mapping_path = data_dir.join("buyer_attribution.csv");
    let mapping = procurement::read_mapping(&mapping_path, regions)?;
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
    procurement::attribute(&mut buyers, &mapping, &mapping_path, regions)?;

    Ok((notices, values, buyers))
}

/// Notices without an attributed buyer, by the buyer's legal form, most first.
fn unattributed_by_legal_form(
    notices: &[procurement::Notice],
    buyers: &[procurement::Buyer],
) -> Vec<(String, usize)> {
    let mut by_form: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let buyer_of: std::collections::BTreeMap<&str, &procurement::Buyer> =
        buyers.iter().map(|b| (b.org_nr.as_str(), b)).collect();
    for n in notices {
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
    let mut out: Vec<(String, usize)> = by_form.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

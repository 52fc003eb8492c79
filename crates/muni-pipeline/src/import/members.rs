//! The network's member list (`network/members.csv`), compiled from the network's documents.

use std::path::Path;

use super::regions::Regions;
use crate::error::{PipelineError, Result};

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Member {
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub listed_network_founding: String,
    pub listed_manifesto_2016: String,
    pub named_2022: String,
    pub nuclear_host: String,
}

pub fn read(path: &Path, regions: &Regions) -> Result<Vec<Member>> {
    let text = crate::text::read_text(path)?.0;
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let mut members: Vec<Member> = Vec::new();
    for (i, rec) in reader.deserialize::<Member>().enumerate() {
        let line = i as u64 + 2;
        let m =
            rec.map_err(|e| PipelineError::input(path, line, "", format!("malformed row: {e}")))?;
        let Some(region) = regions.by_code.get(&m.code).filter(|r| r.code.len() == 4) else {
            return Err(PipelineError::input(
                path,
                line,
                &m.code,
                "not a municipality code",
            ));
        };
        if region.name != m.name {
            return Err(PipelineError::input(
                path,
                line,
                &m.name,
                format!("the code list names {} {:?}", m.code, region.name),
            ));
        }
        if region.county.as_deref() != Some(m.county_code.as_str()) {
            return Err(PipelineError::input(
                path,
                line,
                &m.county_code,
                "county code does not match the municipality code",
            ));
        }
        for flag in [
            &m.listed_network_founding,
            &m.listed_manifesto_2016,
            &m.named_2022,
            &m.nuclear_host,
        ] {
            if !matches!(flag.as_str(), "" | "yes") {
                return Err(PipelineError::input(
                    path,
                    line,
                    flag,
                    "flag is neither `yes` nor empty",
                ));
            }
        }
        if members.iter().any(|o| o.code == m.code) {
            return Err(PipelineError::input(
                path,
                line,
                &m.code,
                "duplicate member",
            ));
        }
        members.push(m);
    }
    members.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(members)
}

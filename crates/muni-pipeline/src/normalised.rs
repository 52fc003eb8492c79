//! The tidy tables of `data/normalised/`, as far as they are shared: the headers of the fact
//! files and the rows of `regions.csv`, written by `import` and read by `build` and `fetch`
//! through these definitions (a region's level typed: an unknown level is an error naming the
//! file, line and value, never a municipality by default).

use muni_model::RegionLevel;
use serde::{Deserialize, Serialize};

/// The columns of every fact file (`employment.csv`, `energy.csv`, `population.csv`,
/// `labour.csv`): one figure in tidy long form.
pub const FACT_HEADER: [&str; 5] = ["region_code", "year", "variable", "value", "status"];

/// The columns of `regions.csv`.
pub const REGION_HEADER: [&str; 4] = ["code", "name", "level", "county_code"];

/// A row of `regions.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    /// `country`, `county` or `municipality`.
    pub level: RegionLevel,
    /// A municipality's county; empty for Riket and the counties.
    pub county_code: String,
}

/// A level as `regions.csv` writes it (the wire names of `RegionLevel`).
pub fn level_id(level: RegionLevel) -> &'static str {
    match level {
        RegionLevel::Country => "country",
        RegionLevel::County => "county",
        RegionLevel::Municipality => "municipality",
        RegionLevel::Group => "group",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_written_as_serde_reads_them_and_an_unknown_one_is_refused() {
        for level in [
            RegionLevel::Country,
            RegionLevel::County,
            RegionLevel::Municipality,
            RegionLevel::Group,
        ] {
            let csv = format!(
                "code,name,level,county_code\n0382,Östhammar,{},03\n",
                level_id(level)
            );
            let mut r = csv::Reader::from_reader(csv.as_bytes());
            let row: RegionRow = r.deserialize().next().unwrap().unwrap();
            assert_eq!(row.level, level);
        }
        let dir = std::env::temp_dir().join(format!("normalised-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("regions.csv");
        std::fs::write(
            &path,
            "code,name,level,county_code\n00,Riket,country,\n0382,Östhammar,kommun,03\n",
        )
        .unwrap();
        let e = crate::read_csv_rows::<RegionRow>(&path)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("regions.csv") && e.contains('3') && e.contains("kommun"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

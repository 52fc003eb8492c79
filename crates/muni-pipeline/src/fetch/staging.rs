//! Merging what was fetched into the staging copy of `data/normalised/`: facts replace the
//! same region, year and variable, procurement the same year; the rest is kept.

use super::*;

use crate::normalised;

/// Writes `new` into the fact file at `path`, replacing rows of the same region, year and
/// variable, keeping the others; sorted as `import` sorts (variable, region, year).
pub(super) fn merge_facts(path: &Path, new: &[Fact]) -> Result<(), String> {
    let mut rows: BTreeMap<(String, String, u16), Fact> = BTreeMap::new();
    let old = if path.exists() {
        normalised::read_facts(path).map_err(|e| e.to_string())?
    } else {
        Vec::new()
    };
    for f in old.into_iter().chain(new.iter().cloned()) {
        rows.insert((f.variable.clone(), f.region.clone(), f.year), f);
    }
    normalised::write_facts(path, rows.values()).map_err(|e| e.to_string())
}

/// Every published figure of the staged tables: (region, year, variable) → value.
pub(super) fn read_facts(dir: &Path) -> Result<BTreeMap<(String, u16, String), f64>, String> {
    let mut out = BTreeMap::new();
    for file in ["population.csv", "energy.csv", "employment.csv"] {
        let path = dir.join(file);
        if !path.exists() {
            continue;
        }
        for f in normalised::read_facts(&path).map_err(|e| e.to_string())? {
            if let Some(v) = f.number() {
                out.insert((f.region, f.year, f.variable), v);
            }
        }
    }
    Ok(out)
}

/// Replaces the fetched years in the notice and value files, adds buyers first seen (and
/// attributes them by the reviewed mapping and the name rule).
pub(super) fn merge_procurement(
    o: &Options,
    staged: &Path,
    fetched: &[(rowstore::Dataset, Vec<Notice>, Vec<Buyer>)],
) -> Result<(), String> {
    let buyers_path = staged.join("procurement_buyers.csv");
    let mut r = csv::Reader::from_path(&buyers_path)
        .map_err(|e| format!("{}: {e}", buyers_path.display()))?;
    let mut buyers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", buyers_path.display()))?;
        buyers.insert(rec[0].to_owned(), rec.iter().map(str::to_owned).collect());
    }
    let mut new: BTreeMap<String, Buyer> = BTreeMap::new();
    for (_, _, bs) in fetched {
        for b in bs {
            if !buyers.contains_key(&b.org_nr) {
                new.entry(b.org_nr.clone()).or_insert_with(|| b.clone());
            }
        }
    }
    let mut new: Vec<Buyer> = new.into_values().collect();
    let mapping_path = o.data.join("buyer_attribution.csv");
    let regions = regions_for_names(&o.data)?;
    let mapping = if mapping_path.exists() {
        procurement::read_mapping(&mapping_path, &regions).map_err(|e| e.to_string())?
    } else {
        Vec::new()
    };
    procurement::attribute_new(&mut new, &mapping, &mapping_path, &regions)
        .map_err(|e| e.to_string())?;
    for b in &new {
        buyers.insert(b.org_nr.clone(), procurement::buyer_record(b));
    }
    crate::fsutil::write_csv(
        &buyers_path,
        procurement::BUYER_HEADER,
        buyers.into_values(),
    )
    .map_err(|e| e.to_string())?;

    for (d, notices, _) in fetched {
        let path = staged.join(d.file);
        let with_value = d.measure == procurement::Measure::Value;
        let years: BTreeSet<String> = notices.iter().map(|n| n.year.to_string()).collect();
        let mut r =
            csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let header: Vec<String> = r
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .iter()
            .map(str::to_owned)
            .collect();
        let mut rows: Vec<Vec<String>> = Vec::new();
        for rec in r.records() {
            let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
            if !years.contains(&rec[1]) {
                rows.push(rec.iter().map(str::to_owned).collect());
            }
        }
        rows.extend(
            notices
                .iter()
                .map(|n| procurement::notice_record(n, with_value)),
        );
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        crate::fsutil::write_csv(&path, &header, rows).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The code list as the name rule needs it, from `regions.csv`.
pub(super) fn regions_for_names(data: &Path) -> Result<crate::import::regions::Regions, String> {
    use crate::import::regions::{RegionRow, Regions};
    let mut out = Regions::default();
    for r in region_rows(data)? {
        let level = r.level;
        out.by_code.insert(
            r.code.clone(),
            RegionRow {
                code: r.code,
                name: r.name,
                level,
                county: (!r.county_code.is_empty()).then_some(r.county_code),
            },
        );
    }
    Ok(out)
}

pub(super) fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let e = e.map_err(|e| e.to_string())?;
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name()))
                .map_err(|x| format!("{}: {x}", e.path().display()))?;
        }
    }
    Ok(())
}

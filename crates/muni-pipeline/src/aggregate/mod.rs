//! Aggregation with polars (lazy API): normalised facts → indicators per region × year, with
//! county, Riket and network aggregates and ranks.
//!
//! Everything here is `LazyFrame → LazyFrame`; the inputs are scanned from `data/normalised/`
//! with explicit schemas (codes stay strings) and the result is collected once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use muni_model::Status;

use crate::error::{PipelineError, Result};
use crate::indicators::Definition;

mod indicators;
mod procurement;

pub use indicators::{indicator, indicators};
use procurement::procurement_facts;

/// The statuses a source gives (`incomplete` is a group's, computed here).
const SOURCE_STATUSES: [Status; 3] = [Status::Ok, Status::Confidential, Status::Missing];

/// A status as the frames hold it: its wire name.
fn st(s: Status) -> Expr {
    lit(s.as_str())
}

/// The group ids under which network aggregates are published.
pub const NETWORK: &str = muni_model::RegionCode::NETWORK;
pub const NETWORK_MEDIAN: &str = muni_model::RegionCode::NETWORK_MEDIAN;

const FACT_FILES: &[&str] = &[
    "population.csv",
    "energy.csv",
    "employment.csv",
    "labour.csv",
];
/// Fact files a build does without (their indicators then await figures).
const OPTIONAL_FACT_FILES: &[&str] = &["employment.csv", "labour.csv"];

fn fact_schema() -> Schema {
    Schema::from_iter([
        Field::new("region_code".into(), DataType::String),
        Field::new("year".into(), DataType::Int32),
        Field::new("variable".into(), DataType::String),
        Field::new("value".into(), DataType::Float64),
        Field::new("status".into(), DataType::String),
    ])
}

fn scan(path: &Path, schema: Schema) -> Result<LazyFrame> {
    let p = PlRefPath::try_from_path(path)?;
    Ok(LazyCsvReader::new(p)
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .finish()?)
}

/// Inputs of one aggregation: the normalised directory and the network's members.
pub struct Inputs {
    pub dir: PathBuf,
    pub members: Vec<String>,
    pub municipalities: Vec<String>,
    /// Variables that are rates the source publishes (an employment rate, a share with a
    /// degree): never summed into a network, county or Riket figure.
    pub rates: Vec<String>,
}

fn str_series(name: &str, values: &[String]) -> Expr {
    lit(Series::new(name.into(), values.to_vec())).implode(false)
}

/// Reads the fact files that exist, with a `file` and 1-based `line` column for error messages.
fn source_facts(inputs: &Inputs) -> Result<LazyFrame> {
    let mut frames = Vec::new();
    for name in FACT_FILES {
        let path = inputs.dir.join(name);
        if !path.exists() {
            if OPTIONAL_FACT_FILES.contains(name) {
                continue;
            }
            return Err(PipelineError::file(
                &path,
                "missing normalised file; run `import` first",
            ));
        }
        frames.push(
            scan(&path, fact_schema())?
                .with_row_index("line", Some(2))
                .with_column(lit(path.display().to_string()).alias("file")),
        );
    }
    Ok(concat(frames, UnionArgs::default())?)
}

/// Checks that every fact names a known region and a valid status, that a value is present
/// exactly when the status is `ok`, and that no key repeats. Errors name file, line and value.
pub fn validate_facts(facts: LazyFrame, regions_file: &Path) -> Result<()> {
    let regions = scan(
        regions_file,
        Schema::from_iter([
            Field::new("code".into(), DataType::String),
            Field::new("name".into(), DataType::String),
            Field::new("level".into(), DataType::String),
            Field::new("county_code".into(), DataType::String),
        ]),
    )?;
    let first_bad = |df: DataFrame, message: &str, column: &str| -> Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        let file = df.column("file")?.str()?.get(0).unwrap_or("").to_owned();
        let line = df.column("line")?.idx()?.get(0).unwrap_or(0) as u64;
        let value = df.column(column)?.get(0)?.to_string();
        Err(PipelineError::input(Path::new(&file), line, value, message))
    };
    let unknown = facts
        .clone()
        .join(
            regions,
            [col("region_code")],
            [col("code")],
            JoinArgs::new(JoinType::Anti),
        )
        .sort(["file", "line"], SortMultipleOptions::default())
        .limit(1)
        .collect()?;
    first_bad(unknown, "unknown region code", "region_code")?;
    let bad_status = facts
        .clone()
        .filter(
            col("status")
                .is_in(
                    str_series("s", &SOURCE_STATUSES.map(|s| s.as_str().to_owned())),
                    false,
                )
                .not(),
        )
        .limit(1)
        .collect()?;
    first_bad(
        bad_status,
        "status is not ok, confidential or missing",
        "status",
    )?;
    let inconsistent = facts
        .clone()
        .filter(
            col("status")
                .eq(st(Status::Ok))
                .neq(col("value").is_not_null()),
        )
        .limit(1)
        .collect()?;
    first_bad(
        inconsistent,
        "a value must be given exactly when the status is ok",
        "value",
    )?;
    let bad_year = facts
        .clone()
        .filter(col("year").is_null().or(col("variable").is_null()))
        .limit(1)
        .collect()?;
    first_bad(bad_year, "year or variable missing", "year")?;
    let dups = facts
        .with_column(
            len()
                .over([col("region_code"), col("year"), col("variable")])?
                .alias("n"),
        )
        .filter(col("n").gt(lit(1)))
        .sort(["file", "line"], SortMultipleOptions::default())
        .limit(1)
        .collect()?;
    first_bad(
        dups,
        "duplicate key (region_code, year, variable)",
        "region_code",
    )?;
    Ok(())
}

/// County and Riket sums of municipal facts, for the variables whose source gives no such rows
/// (procurement; population before 2023; employment). Procurement sums are over the
/// municipalities with a value (a municipality without an attributed buyer adds nothing); an
/// employment or population sum with a municipality that lacks a value is `incomplete`, without
/// a value (a county's population without one of its municipalities is not its population).
fn derived_sums(municipal: LazyFrame) -> Result<LazyFrame> {
    let sum_of = |lf: LazyFrame| {
        lf.group_by([col("region_code"), col("year"), col("variable")])
            .agg([
                col("value")
                    .filter(col("status").eq(st(Status::Ok)))
                    .sum()
                    .alias("value"),
                col("status")
                    .neq(st(Status::Ok))
                    .cast(DataType::UInt32)
                    .sum()
                    .alias("n_absent"),
                col("status")
                    .eq(st(Status::Ok))
                    .cast(DataType::UInt32)
                    .sum()
                    .alias("n_ok"),
            ])
    };
    let county = sum_of(
        municipal.clone().with_column(
            col("region_code")
                .str()
                .slice(lit(0), lit(2))
                .alias("region_code"),
        ),
    );
    let riket = sum_of(municipal.with_column(lit("00").alias("region_code")));
    let strict = col("variable")
        .str()
        .starts_with(lit("employment."))
        .or(col("variable").eq(lit("population")));
    let incomplete = strict.and(col("n_absent").gt(lit(0)));
    Ok(concat([county, riket], UnionArgs::default())?
        .filter(col("n_ok").gt(lit(0)))
        .select([
            col("region_code"),
            col("year"),
            col("variable"),
            when(incomplete.clone())
                .then(lit(NULL).cast(DataType::Float64))
                .otherwise(col("value"))
                .alias("value"),
            when(incomplete)
                .then(st(Status::Incomplete))
                .otherwise(st(Status::Ok))
                .alias("status"),
        ]))
}

fn key() -> [Expr; 3] {
    [col("region_code"), col("year"), col("variable")]
}

/// The network as one region: sums over members, `incomplete` (and no value) unless every
/// member reported. Rates have no sum and are left out.
fn network_sums(facts: LazyFrame, members: &[String], rates: &[String]) -> LazyFrame {
    let n = members.len() as u32;
    facts
        .filter(col("region_code").is_in(str_series("m", members), false))
        .filter(col("variable").is_in(str_series("r", rates), false).not())
        .group_by([col("year"), col("variable")])
        .agg([
            col("value").sum().alias("sum"),
            col("status")
                .eq(st(Status::Ok))
                .cast(DataType::UInt32)
                .sum()
                .alias("n_ok"),
        ])
        .select([
            lit(NETWORK).alias("region_code"),
            col("year"),
            col("variable"),
            when(col("n_ok").eq(lit(n)))
                .then(col("sum"))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("value"),
            when(col("n_ok").eq(lit(n)))
                .then(st(Status::Ok))
                .otherwise(st(Status::Incomplete))
                .alias("status"),
        ])
}

/// All facts: the source's, derived county/Riket sums where the source has none, and the
/// network. Fails if a derived sum disagrees with a published total (population 2023).
pub fn all_facts(inputs: &Inputs) -> Result<LazyFrame> {
    let regions_file = inputs.dir.join("regions.csv");
    // Scanned and parsed once; validation and the later stages read the frame in memory.
    let source = source_facts(inputs)?.collect()?.lazy();
    validate_facts(source.clone(), &regions_file)?;
    let source = source.select([
        col("region_code"),
        col("year"),
        col("variable"),
        col("value"),
        col("status"),
    ]);
    let source = concat(
        [
            source,
            procurement_facts(inputs)?.select([
                col("region_code"),
                col("year"),
                col("variable"),
                col("value"),
                col("status"),
            ]),
        ],
        UnionArgs::default(),
    )?
    .collect()?
    .lazy();
    let municipal = source
        .clone()
        .filter(col("region_code").str().len_bytes().eq(lit(4)));
    let derived_vars = str_series("v", &["population".into()]);
    let derivable = municipal.clone().filter(
        col("variable")
            .is_in(derived_vars.clone(), false)
            .or(col("variable").str().starts_with(lit("procurement.")))
            .or(col("variable").str().starts_with(lit("employment."))),
    );
    let derived = derived_sums(derivable)?;
    let published = source
        .clone()
        .filter(col("region_code").str().len_bytes().lt(lit(4)));
    let disagree = derived
        .clone()
        .join(
            published.clone(),
            key(),
            key(),
            JoinArgs::new(JoinType::Inner).with_suffix(Some("_published".into())),
        )
        .filter(
            (col("value") - col("value_published"))
                .gt(lit(0.5))
                .or((col("value_published") - col("value")).gt(lit(0.5)))
                .or(col("status_published").neq(st(Status::Ok))),
        )
        .limit(1)
        .collect()?;
    if disagree.height() > 0 {
        return Err(PipelineError::Check(format!(
            "a published total disagrees with the sum of its municipalities: {}",
            disagree
        )));
    }
    let derived = derived.join(published, key(), key(), JoinArgs::new(JoinType::Anti));
    let with_derived = concat([source, derived], UnionArgs::default())?;
    let network = network_sums(with_derived.clone(), &inputs.members, &inputs.rates);
    Ok(concat([with_derived, network], UnionArgs::default())?)
}

//! Aggregation with polars (lazy API): normalised facts → indicators per region × year, with
//! county, Riket and network aggregates and ranks.
//!
//! Everything here is `LazyFrame → LazyFrame`; the inputs are scanned from `data/normalised/`
//! with explicit schemas (codes stay strings) and the result is collected once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use crate::error::{PipelineError, Result};
use crate::indicators::Definition;

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
                    str_series("s", &["ok".into(), "confidential".into(), "missing".into()]),
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
        .filter(col("status").eq(lit("ok")).neq(col("value").is_not_null()))
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

/// Procurement facts per municipality and year, from the notices and the buyer attribution.
fn procurement_facts(inputs: &Inputs) -> Result<LazyFrame> {
    let notice_fields = || {
        vec![
            Field::new("source_row".into(), DataType::Int64),
            Field::new("year".into(), DataType::Int32),
            Field::new("buyer_org_nr".into(), DataType::String),
            Field::new("procurement_id".into(), DataType::String),
            Field::new("published".into(), DataType::String),
            Field::new("kind".into(), DataType::String),
            Field::new("environmental".into(), DataType::Boolean),
            Field::new("social".into(), DataType::Boolean),
            Field::new("innovation".into(), DataType::Boolean),
        ]
    };
    let notices = scan(
        &inputs.dir.join("procurement_notices.csv"),
        Schema::from_iter(notice_fields()),
    )?;
    let mut value_fields = notice_fields();
    value_fields.push(Field::new("value_sek".into(), DataType::Float64));
    let values = scan(
        &inputs.dir.join("procurement_values.csv"),
        Schema::from_iter(value_fields),
    )?;
    let buyers = scan(
        &inputs.dir.join("procurement_buyers.csv"),
        Schema::from_iter([
            Field::new("org_nr".into(), DataType::String),
            Field::new("name".into(), DataType::String),
            Field::new("legal_form".into(), DataType::String),
            Field::new("municipality_code".into(), DataType::String),
            Field::new("attribution".into(), DataType::String),
        ]),
    )?
    .select([col("org_nr"), col("municipality_code")])
    .filter(col("municipality_code").is_not_null());

    let attribute = |lf: LazyFrame| {
        lf.join(
            buyers.clone(),
            [col("buyer_org_nr")],
            [col("org_nr")],
            JoinArgs::new(JoinType::Inner),
        )
        .rename(["municipality_code"], ["region_code"], true)
    };
    let flag_sum = |c: &str| {
        col(c)
            .cast(DataType::Float64)
            .sum()
            .alias(format!("procurement.{c}"))
    };
    let kind_sum = |k: &str| {
        col("kind")
            .eq(lit(k))
            .cast(DataType::Float64)
            .sum()
            .alias(format!("procurement.{k}"))
    };
    let counts = attribute(notices)
        .group_by([col("region_code"), col("year")])
        .agg([
            len().cast(DataType::Float64).alias("procurement.count"),
            flag_sum("innovation"),
            flag_sum("environmental"),
            flag_sum("social"),
            kind_sum("goods"),
            kind_sum("services"),
            kind_sum("works"),
        ]);
    let sums = attribute(values)
        .group_by([col("region_code"), col("year")])
        .agg([col("value_sek").sum().alias("procurement.value_sek")]);
    let variables_counts = [
        "procurement.count",
        "procurement.innovation",
        "procurement.environmental",
        "procurement.social",
        "procurement.goods",
        "procurement.services",
        "procurement.works",
    ];
    let long = |lf: LazyFrame, var: &str| {
        lf.select([
            col("region_code"),
            col("year"),
            lit(var).alias("variable"),
            col(var).alias("value"),
        ])
    };
    let mut parts: Vec<LazyFrame> = variables_counts
        .iter()
        .map(|v| long(counts.clone(), v))
        .collect();
    parts.push(long(sums, "procurement.value_sek"));
    let found = concat(parts, UnionArgs::default())?;

    // Every municipality × procurement year × variable: a municipality with no attributed buyer
    // is missing, not 0.
    let years = found
        .clone()
        .select([col("year")])
        .unique(None, UniqueKeepStrategy::Any);
    let municipalities = DataFrame::new_infer_height(vec![Column::new(
        "region_code".into(),
        inputs.municipalities.clone(),
    )])?
    .lazy();
    let mut all_vars: Vec<String> = variables_counts.iter().map(|s| s.to_string()).collect();
    all_vars.push("procurement.value_sek".into());
    let variables =
        DataFrame::new_infer_height(vec![Column::new("variable".into(), all_vars)])?.lazy();
    let grid = municipalities
        .cross_join(years, None)
        .cross_join(variables, None);
    Ok(grid
        .join(
            found,
            [col("region_code"), col("year"), col("variable")],
            [col("region_code"), col("year"), col("variable")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column(
            when(col("value").is_null())
                .then(lit("missing"))
                .otherwise(lit("ok"))
                .alias("status"),
        ))
}

/// County and Riket sums of municipal facts, for the variables whose source gives no such rows
/// (procurement; population before 2023; employment). Procurement and population are sums over
/// the municipalities with a value (a municipality without an attributed buyer adds nothing);
/// an employment sum with a municipality that lacks a value is `incomplete`, without a value.
fn derived_sums(municipal: LazyFrame) -> Result<LazyFrame> {
    let sum_of = |lf: LazyFrame| {
        lf.group_by([col("region_code"), col("year"), col("variable")])
            .agg([
                col("value")
                    .filter(col("status").eq(lit("ok")))
                    .sum()
                    .alias("value"),
                col("status")
                    .neq(lit("ok"))
                    .cast(DataType::UInt32)
                    .sum()
                    .alias("n_absent"),
                col("status")
                    .eq(lit("ok"))
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
    let strict = col("variable").str().starts_with(lit("employment."));
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
                .then(lit("incomplete"))
                .otherwise(lit("ok"))
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
                .eq(lit("ok"))
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
                .then(lit("ok"))
                .otherwise(lit("incomplete"))
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
                .or(col("status_published").neq(lit("ok"))),
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

fn status_rank(prefix: &str) -> Expr {
    // confidential > incomplete > missing > ok: the reason a value is absent that matters most.
    let s = col(prefix);
    when(s.clone().eq(lit("confidential")))
        .then(lit(3))
        .when(s.clone().eq(lit("incomplete")))
        .then(lit(2))
        .when(s.eq(lit("missing")))
        .then(lit(1))
        .otherwise(lit(0))
}

fn status_from_rank(e: Expr) -> Expr {
    when(e.clone().eq(lit(3)))
        .then(lit("confidential"))
        .when(e.clone().eq(lit(2)))
        .then(lit("incomplete"))
        .when(e.eq(lit(1)))
        .then(lit("missing"))
        .otherwise(lit("ok"))
}

/// One indicator's rows: `indicator, region_code, year, value, status`.
///
/// `facts_of(variable)` gives the facts of one variable (all regions and years).
pub fn indicator(facts_of: &dyn Fn(&str) -> LazyFrame, def: &Definition) -> Result<LazyFrame> {
    let parts = def.numerator.len() as u32;
    let numerators: Vec<LazyFrame> = def.numerator.iter().map(|v| facts_of(v)).collect();
    let num = concat(numerators, UnionArgs::default())?
        .group_by([col("region_code"), col("year")])
        .agg([
            col("value").sum().alias("num"),
            status_rank("status").max().alias("num_rank"),
            len().alias("num_parts"),
        ])
        .with_column(
            when(col("num_parts").eq(lit(parts)))
                .then(col("num_rank"))
                .otherwise(lit(1).cast(DataType::Int32))
                .alias("num_rank"),
        );
    let rounded = |e: Expr| {
        if def.additive() {
            e
        } else {
            e.round(3, RoundMode::HalfToEven)
        }
    };
    let out = match def.denominator {
        None => num.select([
            col("region_code"),
            col("year"),
            when(col("num_rank").eq(lit(0)))
                .then(col("num") * lit(def.factor))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("value"),
            status_from_rank(col("num_rank")).alias("status"),
        ]),
        Some(den) => {
            let den = facts_of(den).select([
                col("region_code"),
                col("year"),
                col("value").alias("den"),
                status_rank("status").alias("den_rank"),
            ]);
            num.join(
                den,
                [col("region_code"), col("year")],
                [col("region_code"), col("year")],
                JoinArgs::new(JoinType::Left),
            )
            .with_column(
                when(col("num_rank").gt(lit(0)))
                    .then(col("num_rank"))
                    .when(col("den_rank").is_null())
                    .then(lit(1))
                    .when(col("den_rank").gt(lit(0)))
                    .then(col("den_rank"))
                    .when(col("den").lt_eq(lit(0.0)))
                    .then(lit(1))
                    .otherwise(lit(0))
                    .alias("rank"),
            )
            .select([
                col("region_code"),
                col("year"),
                when(col("rank").eq(lit(0)))
                    .then(rounded(col("num") * lit(def.factor) / col("den")))
                    .otherwise(lit(NULL).cast(DataType::Float64))
                    .alias("value"),
                status_from_rank(col("rank")).alias("status"),
            ])
        }
    };
    Ok(out.with_column(lit(def.id).alias("indicator")))
}

/// The whole published table: `indicator, region_code, year, value, status, rank_national,
/// rank_network`, sorted by indicator, region and year.
pub fn indicators(inputs: &Inputs, defs: &[Definition]) -> Result<DataFrame> {
    // Collected once: every indicator reads the same facts.
    let t = std::time::Instant::now();
    let facts = all_facts(inputs)?.collect()?;
    if std::env::var_os("MUNI_TIMINGS").is_some() {
        eprintln!("facts: {} rows in {:?}", facts.height(), t.elapsed());
    }
    // Split once by variable: each indicator then reads only the few thousand rows it needs.
    let mut by_variable: std::collections::HashMap<String, DataFrame> =
        std::collections::HashMap::new();
    for def in defs {
        for v in def.numerator.iter().chain(def.denominator.as_ref()) {
            if !by_variable.contains_key(*v) {
                let part = facts
                    .clone()
                    .lazy()
                    .filter(col("variable").eq(lit(*v)))
                    .collect()?;
                by_variable.insert(v.to_string(), part);
            }
        }
    }
    let empty = facts.clear();
    let facts_of = |v: &str| by_variable.get(v).unwrap_or(&empty).clone().lazy();
    let frames = defs
        .iter()
        .map(|d| {
            Ok(indicator(&facts_of, d)?.select([
                col("indicator"),
                col("region_code"),
                col("year"),
                col("value"),
                col("status"),
            ]))
        })
        .collect::<Result<Vec<LazyFrame>>>()?;
    let rows = concat(frames, UnionArgs::default())?;
    let members = str_series("m", &inputs.members);
    let n = inputs.members.len() as u32;
    let median = rows
        .clone()
        .filter(col("region_code").is_in(members.clone(), false))
        .group_by([col("indicator"), col("year")])
        .agg([
            // Rounded to 6 decimals: the mean of two rates given to one decimal is 80.7, not
            // 80.69999999999999 (ratios carry 3 decimals and counts none, so no figure changes).
            col("value")
                .filter(col("status").eq(lit("ok")))
                .median()
                .round(6, RoundMode::HalfToEven)
                .alias("value"),
            col("status")
                .eq(lit("ok"))
                .cast(DataType::UInt32)
                .sum()
                .alias("n_ok"),
        ])
        .select([
            col("indicator"),
            lit(NETWORK_MEDIAN).alias("region_code"),
            col("year"),
            col("value"),
            when(col("n_ok").eq(lit(n)))
                .then(lit("ok"))
                .when(col("n_ok").eq(lit(0)))
                .then(lit("missing"))
                .otherwise(lit("incomplete"))
                .alias("status"),
        ]);
    let rows = concat([rows, median], UnionArgs::default())?;
    let opts = RankOptions {
        method: RankMethod::Min,
        descending: true,
    };
    // Rank 1 is the highest value, or the lowest where the definition says so (unemployment).
    let ascending: Vec<String> = defs
        .iter()
        .filter(|d| !d.rank_descending)
        .map(|d| d.id.to_owned())
        .collect();
    let ascending = str_series("a", &ascending);
    let ranked = |lf: LazyFrame, name: &str| -> Result<LazyFrame> {
        Ok(lf.filter(col("status").eq(lit("ok"))).select([
            col("indicator"),
            col("region_code"),
            col("year"),
            when(col("indicator").is_in(ascending.clone(), false))
                .then(lit(0.0) - col("value"))
                .otherwise(col("value"))
                .rank(opts, None)
                .over([col("indicator"), col("year")])?
                .cast(DataType::UInt32)
                .alias(name),
        ]))
    };
    let municipal = rows
        .clone()
        .filter(col("region_code").str().len_bytes().eq(lit(4)));
    let national = ranked(municipal.clone(), "rank_national")?;
    let network = ranked(
        municipal.filter(col("region_code").is_in(members, false)),
        "rank_network",
    )?;
    let k = || [col("indicator"), col("region_code"), col("year")];
    let out = rows
        .join(national, k(), k(), JoinArgs::new(JoinType::Left))
        .join(network, k(), k(), JoinArgs::new(JoinType::Left))
        .sort(
            ["indicator", "region_code", "year"],
            SortMultipleOptions::default(),
        )
        .collect()?;
    Ok(out)
}

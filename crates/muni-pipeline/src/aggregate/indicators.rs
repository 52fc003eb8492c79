//! Indicators from facts: `sum(numerator) × factor / denominator` per region and year, the
//! status of each value (the heaviest reason a part is absent), network medians and ranks.

use super::*;

/// Statuses by the weight of the reason a value is absent, least first: a region's figure
/// combined from several takes the heaviest (confidential > incomplete > missing > ok).
const BY_WEIGHT: [Status; 4] = [
    Status::Ok,
    Status::Missing,
    Status::Incomplete,
    Status::Confidential,
];

fn status_rank(prefix: &str) -> Expr {
    BY_WEIGHT
        .iter()
        .enumerate()
        .skip(1)
        .fold(lit(0), |acc, (rank, s)| {
            when(col(prefix).eq(st(*s)))
                .then(lit(rank as i32))
                .otherwise(acc)
        })
}

fn status_from_rank(e: Expr) -> Expr {
    BY_WEIGHT
        .iter()
        .enumerate()
        .skip(1)
        .fold(st(Status::Ok), |acc, (rank, s)| {
            when(e.clone().eq(lit(rank as i32)))
                .then(st(*s))
                .otherwise(acc)
        })
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
// Long: one lazy polars plan (facts per variable, each definition computed, medians, ranks),
// collected once; splitting it would hide which frames the plan shares.
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
                .filter(col("status").eq(st(Status::Ok)))
                .median()
                .round(6, RoundMode::HalfToEven)
                .alias("value"),
            col("status")
                .eq(st(Status::Ok))
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
                .then(st(Status::Ok))
                .when(col("n_ok").eq(lit(0)))
                .then(st(Status::Missing))
                .otherwise(st(Status::Incomplete))
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
        Ok(lf.filter(col("status").eq(st(Status::Ok))).select([
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

//! Procurement facts: the notices and contracted values of advertised procurements,
//! attributed to municipalities through their buyers.

use super::*;

/// Procurement facts per municipality and year, from the notices and the buyer attribution.
// Long: one lazy polars plan (notices, values and buyers joined, attributed, counted per
// municipality and year), collected once by the caller.
pub(super) fn procurement_facts(inputs: &Inputs) -> Result<LazyFrame> {
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
                .then(st(Status::Missing))
                .otherwise(st(Status::Ok))
                .alias("status"),
        ))
}

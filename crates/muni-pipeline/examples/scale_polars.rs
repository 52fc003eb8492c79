//! Scale benchmark, polars side: the procurement aggregation of the pipeline (attribute notices
//! to municipalities through the buyer table, then count and sum per municipality and year) on
//! SYNTHETIC Parquet microdata, with polars' streaming engine. Driven by `benches/run.py`.
//!
//! usage: scale_polars NOTICES.parquet BUYERS.parquet

use polars::prelude::*;

fn main() -> PolarsResult<()> {
    let args: Vec<String> = std::env::args().collect();
    let (notices, buyers) = match args.as_slice() {
        [_, n, b] => (n.clone(), b.clone()),
        _ => {
            eprintln!("usage: scale_polars NOTICES.parquet BUYERS.parquet");
            std::process::exit(2);
        }
    };
    let t = std::time::Instant::now();
    let notices =
        LazyFrame::scan_parquet(PlRefPath::new(notices.as_str()), ScanArgsParquet::default())?;
    let buyers =
        LazyFrame::scan_parquet(PlRefPath::new(buyers.as_str()), ScanArgsParquet::default())?
            .filter(col("municipality_code").is_not_null())
            .select([col("org_nr"), col("municipality_code")]);
    let kind = |k: &str| col("kind").eq(lit(k)).cast(DataType::UInt32).sum().alias(k);
    let flag = |c: &str| col(c).cast(DataType::UInt32).sum().alias(c);
    let out = notices
        .join(
            buyers,
            [col("buyer_org_nr")],
            [col("org_nr")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("municipality_code"), col("year")])
        .agg([
            len().alias("count"),
            flag("innovation"),
            flag("environmental"),
            flag("social"),
            kind("goods"),
            kind("services"),
            kind("works"),
            col("value_sek").sum().alias("value_sek"),
        ])
        .sort(
            ["municipality_code", "year"],
            SortMultipleOptions::default(),
        )
        .collect_with_engine(Engine::Streaming)?
        .unwrap_single();
    let total: u64 = out
        .column("count")?
        .cast(&DataType::UInt64)?
        .u64()?
        .sum()
        .unwrap_or(0);
    let value: f64 = out.column("value_sek")?.f64()?.sum().unwrap_or(0.0);
    let innovation: u64 = out
        .column("innovation")?
        .cast(&DataType::UInt64)?
        .u64()?
        .sum()
        .unwrap_or(0);
    // One line for the driver: groups, attributed notices, innovation count, value sum, seconds.
    println!(
        "groups={} count={total} innovation={innovation} value={value:.0} seconds={:.3}",
        out.height(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

#!/usr/bin/env python3
"""Scale benchmark, DuckDB and pandas sides: the same procurement aggregation as
crates/muni-pipeline/examples/scale_polars.rs on the same SYNTHETIC Parquet files.

usage: scale_query.py duckdb|pandas NOTICES.parquet BUYERS.parquet
"""
import sys
import time


def duck(notices, buyers):
    import duckdb
    con = duckdb.connect()
    return con.execute(f"""
        SELECT b.municipality_code, n.year, count(*) AS count,
               sum(n.innovation::INT) AS innovation, sum(n.environmental::INT) AS environmental,
               sum(n.social::INT) AS social, sum((n.kind = 'goods')::INT) AS goods,
               sum((n.kind = 'services')::INT) AS services, sum((n.kind = 'works')::INT) AS works,
               sum(n.value_sek) AS value_sek
        FROM read_parquet('{notices}') n
        JOIN (SELECT org_nr, municipality_code FROM read_parquet('{buyers}') WHERE municipality_code IS NOT NULL) b
          ON n.buyer_org_nr = b.org_nr
        GROUP BY ALL ORDER BY 1, 2""").df()


def pandas(notices, buyers):
    import pandas as pd
    n = pd.read_parquet(notices, columns=["buyer_org_nr", "year", "kind", "innovation", "environmental", "social", "value_sek"])
    b = pd.read_parquet(buyers, columns=["org_nr", "municipality_code"]).dropna()
    m = n.merge(b, left_on="buyer_org_nr", right_on="org_nr")
    for k in ("goods", "services", "works"):
        m[k] = m.kind == k
    return m.groupby(["municipality_code", "year"]).agg(
        count=("kind", "size"), innovation=("innovation", "sum"), environmental=("environmental", "sum"),
        social=("social", "sum"), goods=("goods", "sum"), services=("services", "sum"), works=("works", "sum"),
        value_sek=("value_sek", "sum")).reset_index()


def main():
    engine, notices, buyers = sys.argv[1:4]
    t = time.perf_counter()
    out = {"duckdb": duck, "pandas": pandas}[engine](notices, buyers)
    secs = time.perf_counter() - t
    print(f"groups={len(out)} count={int(out['count'].sum())} innovation={int(out['innovation'].sum())} "
          f"value={float(out['value_sek'].sum()):.0f} seconds={secs:.3f}")


if __name__ == "__main__":
    main()

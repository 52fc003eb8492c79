#!/usr/bin/env python3
"""Generates SYNTHETIC procurement microdata for the scale benchmark: N notices in the
normalised notice schema plus a buyer table (real municipality codes for 290 buyers, the rest
unattributed), as Parquet. Every figure is made up; the file names and the Parquet metadata say so.

usage: gen_scale.py ROWS OUT_DIR REGIONS_CSV
"""
import csv
import os
import sys

import duckdb


def main():
    rows, out, regions_csv = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    with open(regions_csv, encoding="utf-8") as f:
        munis = [r["code"] for r in csv.DictReader(f) if r["level"] == "municipality"]
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute("CREATE TABLE m(i INT, code VARCHAR)")
    con.executemany("INSERT INTO m VALUES (?, ?)", list(enumerate(munis)))
    # 1,200 buyers: the first 290 are municipalities, the others companies, regions, agencies.
    con.execute(f"""COPY (
        SELECT printf('%010d', 2120000000 + b.i) AS org_nr, 'SYNTETISK KÖPARE ' || b.i AS name,
               m.code AS municipality_code
        FROM range(1200) b(i) LEFT JOIN m ON m.i = b.i ORDER BY b.i
    ) TO '{out}/synthetic_buyers.parquet' (FORMAT parquet, KV_METADATA {{synthetic: 'true'}})""")
    con.execute(f"""COPY (
        SELECT i AS source_row,
               (2021 + i % 5)::INT AS year,
               printf('%010d', 2120000000 + (hash(i) % 1200)::INT) AS buyer_org_nr,
               'SYN' || i AS procurement_id,
               (['goods', 'services', 'works', 'unknown'])[1 + (hash(i + 1) % 4)::INT] AS kind,
               hash(i + 2) % 100 < 20 AS environmental,
               hash(i + 3) % 100 < 10 AS social,
               hash(i + 4) % 100 < 4 AS innovation,
               CASE WHEN hash(i + 5) % 2 = 0 THEN (hash(i + 6) % 10000000)::DOUBLE END AS value_sek
        FROM range({rows}) t(i)
    ) TO '{out}/synthetic_notices.parquet' (FORMAT parquet, ROW_GROUP_SIZE 32768, COMPRESSION zstd, KV_METADATA {{synthetic: 'true'}})""")
    print(f"wrote {rows} synthetic notices to {out}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The pipeline's `build` step done with pandas, for the benchmark in run.py.

It reads the same normalised tables under data/normalised/, does the same work (validation,
procurement attribution and aggregation, county/Riket sums, network sums, every indicator as
sum(numerator) * factor / denominator with status rules, network median, national and network
ranks) and writes the same kinds of output (one JSON per indicator, the full dataset as Parquet
and CSV) into OUT. It is a port for timing, not a second implementation to publish from.

usage: pandas_build.py DATA_DIR OUT_DIR
"""
import json
import os
import sys

import numpy as np
import pandas as pd

# (id, numerator variables, denominator, factor, additive)
DEFS = [
    ("procurement_count", ["procurement.count"], None, 1.0),
    ("procurement_count_per_10000", ["procurement.count"], "population", 10000.0),
    ("procurement_value", ["procurement.value_sek"], None, 1.0),
    ("procurement_value_per_inhabitant", ["procurement.value_sek"], "population", 1.0),
    ("procurement_innovation_count", ["procurement.innovation"], None, 1.0),
    ("procurement_innovation_share", ["procurement.innovation"], "procurement.count", 100.0),
    ("procurement_environmental_share", ["procurement.environmental"], "procurement.count", 100.0),
    ("procurement_social_share", ["procurement.social"], "procurement.count", 100.0),
    ("procurement_count_goods", ["procurement.goods"], None, 1.0),
    ("procurement_count_services", ["procurement.services"], None, 1.0),
    ("procurement_count_works", ["procurement.works"], None, 1.0),
    ("energy_final_use_total", ["final_use.total"], None, 1.0),
    ("energy_final_use_per_inhabitant", ["final_use.total"], "population", 1.0),
    ("energy_final_use_industry", ["final_use.industry"], None, 1.0),
    ("energy_final_use_industry_per_inhabitant", ["final_use.industry"], "population", 1.0),
    ("energy_industry_share", ["final_use.industry"], "final_use.total", 100.0),
    ("electricity_use_total", ["electricity_use.total"], None, 1.0),
    ("electricity_use_per_inhabitant", ["electricity_use.total"], "population", 1.0),
    ("electricity_use_industry", ["electricity_use.industry"], None, 1.0),
    ("electricity_production_total", ["electricity_production.total"], None, 1.0),
    ("electricity_production_per_inhabitant", ["electricity_production.total"], "population", 1.0),
    ("electricity_production_chp", ["electricity_production.chp"], None, 1.0),
    ("electricity_production_other_thermal", ["electricity_production.other_thermal"], None, 1.0),
    ("electricity_production_hydro", ["electricity_production.hydro"], None, 1.0),
    ("electricity_production_wind", ["electricity_production.wind"], None, 1.0),
    ("electricity_production_hydro_wind_share", ["electricity_production.hydro", "electricity_production.wind"], "electricity_production.total", 100.0),
    ("population", ["population"], None, 1.0),
]
RANK = {"ok": 0, "missing": 1, "incomplete": 2, "confidential": 3}
UNRANK = {v: k for k, v in RANK.items()}


def main(data, out):
    d = os.path.join(data, "normalised")
    str_cols = {"region_code": str, "variable": str, "status": str}
    regions = pd.read_csv(f"{d}/regions.csv", dtype=str, keep_default_na=False)
    members = list(pd.read_csv(f"{d}/network_members.csv", dtype=str)["code"])
    munis = list(regions.loc[regions.level == "municipality", "code"])
    facts = pd.concat([pd.read_csv(f"{d}/{f}", dtype=str_cols) for f in ("population.csv", "energy.csv")], ignore_index=True)
    # Validation, as the Rust build does.
    assert facts.region_code.isin(regions.code).all(), "unknown region"
    assert facts.status.isin(["ok", "confidential", "missing"]).all(), "bad status"
    assert ((facts.status == "ok") == facts.value.notna()).all(), "value iff ok"
    assert not facts.duplicated(["region_code", "year", "variable"]).any(), "duplicate key"

    notices = pd.read_csv(f"{d}/procurement_notices.csv", dtype={"buyer_org_nr": str})
    values = pd.read_csv(f"{d}/procurement_values.csv", dtype={"buyer_org_nr": str})
    buyers = pd.read_csv(f"{d}/procurement_buyers.csv", dtype=str)
    buyers = buyers.loc[buyers.municipality_code.notna(), ["org_nr", "municipality_code"]]
    n = notices.merge(buyers, left_on="buyer_org_nr", right_on="org_nr")
    for k in ("goods", "services", "works"):
        n[k] = n.kind == k
    agg = n.groupby(["municipality_code", "year"]).agg(
        count=("kind", "size"), innovation=("innovation", "sum"), environmental=("environmental", "sum"),
        social=("social", "sum"), goods=("goods", "sum"), services=("services", "sum"), works=("works", "sum"))
    v = values.merge(buyers, left_on="buyer_org_nr", right_on="org_nr").groupby(["municipality_code", "year"]).agg(value_sek=("value_sek", "sum"))
    found = agg.join(v, how="outer").reset_index().rename(columns={"municipality_code": "region_code"})
    found = found.melt(["region_code", "year"], var_name="variable", value_name="value").dropna(subset=["value"])
    found["variable"] = "procurement." + found.variable
    grid = pd.MultiIndex.from_product([munis, sorted(found.year.unique()), sorted(found.variable.unique())], names=["region_code", "year", "variable"]).to_frame(index=False)
    proc = grid.merge(found, how="left", on=["region_code", "year", "variable"])
    proc["status"] = np.where(proc.value.isna(), "missing", "ok")
    source = pd.concat([facts, proc], ignore_index=True)

    municipal = source[source.region_code.str.len() == 4]
    derivable = municipal[(municipal.variable == "population") | municipal.variable.str.startswith("procurement.")]
    ok = derivable[derivable.status == "ok"].copy()
    ok["county"] = ok.region_code.str[:2]
    county = ok.groupby(["county", "year", "variable"], as_index=False).value.sum().rename(columns={"county": "region_code"})
    riket = ok.groupby(["year", "variable"], as_index=False).value.sum().assign(region_code="00")
    derived = pd.concat([county, riket], ignore_index=True).assign(status="ok")
    published = source[source.region_code.str.len() < 4]
    both = derived.merge(published, on=["region_code", "year", "variable"], suffixes=("", "_p"))
    assert ((both.value - both.value_p).abs() <= 0.5).all(), "published total disagrees"
    key = ["region_code", "year", "variable"]
    derived = derived[~derived.set_index(key).index.isin(published.set_index(key).index)]
    allf = pd.concat([source, derived], ignore_index=True)
    mem = allf[allf.region_code.isin(members)]
    net = mem.groupby(["year", "variable"]).agg(sum=("value", "sum"), n_ok=("status", lambda s: (s == "ok").sum())).reset_index()
    full = net.n_ok == len(members)
    net = pd.DataFrame({"region_code": "network", "year": net.year, "variable": net.variable,
                        "value": np.where(full, net["sum"], np.nan), "status": np.where(full, "ok", "incomplete")})
    allf = pd.concat([allf, net], ignore_index=True)
    allf["srank"] = allf.status.map(RANK)

    frames = []
    for ind, num_vars, den, factor in DEFS:
        num = allf[allf.variable.isin(num_vars)].groupby(["region_code", "year"]).agg(num=("value", "sum"), nr=("srank", "max"), parts=("srank", "size")).reset_index()
        num.loc[num.parts != len(num_vars), "nr"] = 1
        if den is None:
            num["value"] = np.where(num.nr == 0, num.num * factor, np.nan)
            num["status"] = num.nr.map(UNRANK)
        else:
            dd = allf[allf.variable == den][["region_code", "year", "value", "srank"]].rename(columns={"value": "den", "srank": "dr"})
            num = num.merge(dd, how="left", on=["region_code", "year"])
            r = np.select([num.nr > 0, num.dr.isna(), num.dr > 0, num.den <= 0], [num.nr, 1, num.dr, 1], 0)
            num["value"] = np.where(r == 0, (num.num * factor / num.den).round(4), np.nan)
            num["status"] = pd.Series(r).map(UNRANK).values
        num["indicator"] = ind
        frames.append(num[["indicator", "region_code", "year", "value", "status"]])
    rows = pd.concat(frames, ignore_index=True)
    m = rows[rows.region_code.isin(members)]
    med = m.assign(v=m.value.where(m.status == "ok")).groupby(["indicator", "year"]).agg(value=("v", "median"), n_ok=("status", lambda s: (s == "ok").sum())).reset_index()
    med["status"] = np.select([med.n_ok == len(members), med.n_ok == 0], ["ok", "missing"], "incomplete")
    med["region_code"] = "network_median"
    rows = pd.concat([rows, med[["indicator", "region_code", "year", "value", "status"]]], ignore_index=True)
    okm = rows[(rows.region_code.str.len() == 4) & (rows.status == "ok")].copy()
    okm["rank_national"] = okm.groupby(["indicator", "year"]).value.rank(method="min", ascending=False)
    okn = okm[okm.region_code.isin(members)].copy()
    okn["rank_network"] = okn.groupby(["indicator", "year"]).value.rank(method="min", ascending=False)
    k = ["indicator", "region_code", "year"]
    rows = rows.merge(okm[k + ["rank_national"]], how="left", on=k).merge(okn[k + ["rank_network"]], how="left", on=k)
    rows = rows.sort_values(k).reset_index(drop=True)

    os.makedirs(f"{out}/indicators", exist_ok=True)
    os.makedirs(f"{out}/full", exist_ok=True)
    for ind, g in rows.groupby("indicator"):
        years = list(range(int(g.year.min()), int(g.year.max()) + 1))
        series = []
        for region, s in g.groupby("region_code"):
            s = s.set_index("year").reindex(years)
            series.append({
                "region": region,
                "values": [None if pd.isna(x) else float(x) for x in s.value],
                "status": [x if isinstance(x, str) else "missing" for x in s.status],
                "rank_national": [None if pd.isna(x) else int(x) for x in s.rank_national],
                "rank_network": [None if pd.isna(x) else int(x) for x in s.rank_network],
            })
        with open(f"{out}/indicators/{ind}.json", "w") as f:
            json.dump({"schema_version": 1, "id": ind, "years": years, "series": series}, f, separators=(",", ":"))
    rows.to_parquet(f"{out}/full/industrikommuner.parquet")
    names = dict(zip(regions.code, regions.name))
    rows.assign(region_name=rows.region_code.map(names)).to_csv(f"{out}/full/industrikommuner.csv", index=False)
    rows.assign(region_name=rows.region_code.map(names)).to_csv(f"{out}/full/industrikommuner_excel_sv.csv", index=False, sep=";", decimal=",", encoding="utf-8-sig")
    print(f"pandas: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

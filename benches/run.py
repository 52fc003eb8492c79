#!/usr/bin/env python3
"""Benchmarks of the pipeline, printing wall time, peak memory and ratios (not a test: no
thresholds fail here; the targets are in README.md and benches/README.md).

1. rebuild: `industrikommuner build` (release) from the committed data/ against the same work
   in pandas (benches/pandas_build.py), same inputs, same run; median of --repeat runs.
2. scale: the procurement aggregation on SYNTHETIC Parquet microdata (--rows, default 30
   million; generated once by gen_scale.py): polars streaming (Rust) against DuckDB and pandas.

usage: benches/run.py [--repeat 3] [--rows 30000000] [--skip-scale] [--skip-pandas-scale]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def measure_rss(cmd):
    """Runs cmd under GNU time -f to read its peak RSS; returns (seconds, MiB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd, capture_output=True, text=True)
        secs = time.perf_counter() - t
        if p.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
        kib = int(tf.read().strip().splitlines()[-1])
    return secs, kib / 1024, p.stdout


def row(name, secs, mib, extra=""):
    print(f"  {name:<28} {secs:8.3f} s  {mib:8.1f} MiB  {extra}")


def rebuild(repeat):
    print(f"rebuild from data/ (median of {repeat}):")
    binary = os.path.join(TARGET, "release", "industrikommuner")
    out = tempfile.mkdtemp(prefix="bench-build-")
    results = {}
    for name, cmd in [
        ("polars (industrikommuner build)", [binary, "build", "--data", os.path.join(ROOT, "data"), "--out", os.path.join(out, "polars")]),
        ("pandas (pandas_build.py)", [sys.executable, os.path.join(ROOT, "benches", "pandas_build.py"), os.path.join(ROOT, "data"), os.path.join(out, "pandas")]),
    ]:
        runs = [measure_rss(cmd) for _ in range(repeat)]
        secs = statistics.median(r[0] for r in runs)
        mib = max(r[1] for r in runs)
        results[name] = (secs, mib)
        row(name, secs, mib)
    shutil.rmtree(out, ignore_errors=True)
    (ps, pm), (qs, qm) = results.values()
    memory = f"{qm / pm:.1f}x less memory" if qm >= pm else f"{pm / qm:.1f}x more memory"
    print(f"  ratio: polars is {qs / ps:.1f}x faster than pandas and uses {memory} (target: >= 5x faster)")


def scale(rows, repeat, with_pandas):
    data = os.path.join(TARGET, "bench-data", f"synthetic-{rows}")
    notices = os.path.join(data, "synthetic_notices.parquet")
    buyers = os.path.join(data, "synthetic_buyers.parquet")
    if not os.path.exists(notices):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_scale.py"), str(rows), data,
                        os.path.join(ROOT, "data", "normalised", "regions.csv")], check=True)
    size = os.path.getsize(notices) / 2**20
    print(f"scale: {rows:,} SYNTHETIC notices ({size:.0f} MiB Parquet), join to buyers + group by municipality and year (median of {repeat}):")
    engines = [
        ("polars streaming (Rust)", [os.path.join(TARGET, "release", "examples", "scale_polars"), notices, buyers]),
        ("duckdb (Python)", [sys.executable, os.path.join(ROOT, "benches", "scale_query.py"), "duckdb", notices, buyers]),
    ]
    if with_pandas:
        engines.append(("pandas (Python)", [sys.executable, os.path.join(ROOT, "benches", "scale_query.py"), "pandas", notices, buyers]))
    results = {}
    answers = set()
    for name, cmd in engines:
        runs = [measure_rss(cmd) for _ in range(repeat if "pandas" not in name else 1)]
        secs = statistics.median(r[0] for r in runs)
        mib = max(r[1] for r in runs)
        answer = runs[0][2].strip().rsplit(" seconds=", 1)[0]
        answers.add(answer)
        results[name] = (secs, mib)
        row(name, secs, mib, answer)
    if len(answers) != 1:
        sys.exit(f"engines disagree: {answers}")
    ps, pm = results["polars streaming (Rust)"]
    for name, (s, m) in results.items():
        if not name.startswith("polars"):
            print(f"  against {name}: polars is {s / ps:.2f}x as fast and uses {pm / m:.2f}x its peak memory")
    print("  targets: polars at least as fast as DuckDB, with at most 2x its memory")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rows", type=int, default=30_000_000)
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--skip-pandas-scale", action="store_true")
    a = ap.parse_args()
    rebuild(a.repeat)
    if not a.skip_scale:
        scale(a.rows, a.repeat, not a.skip_pandas_scale)


if __name__ == "__main__":
    main()

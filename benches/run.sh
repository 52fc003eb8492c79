#!/usr/bin/env bash
# Builds the release binaries and runs the benchmarks (see benches/README.md). Installs the
# Python packages the comparison needs (pandas, pyarrow, duckdb) if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import pandas, pyarrow, duckdb" 2>/dev/null || python3 -m pip install --quiet pandas pyarrow duckdb
# --bins as well: with --example alone cargo builds the example, not the command line's binary
# (one command, so polars is built once, with the features both packages ask for).
cargo build --release --locked -p muni-cli -p muni-pipeline --bins --example scale_polars
exec python3 benches/run.py "$@"

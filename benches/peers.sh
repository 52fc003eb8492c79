#!/usr/bin/env bash
# The peers benchmark (not a test): the dashboard's first chart against ECharts, Chart.js and
# uPlot drawing the same chart from the same published files (crates/muni-e2e/examples/peers.rs).
# Installs the three npm packages into .tools/peers/ (used only here) and builds dist/ if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=.tools/peers
if [[ ! -d "$prefix/node_modules/uplot" ]]; then
    npm install --silent --no-fund --no-audit --prefix "$prefix" echarts@5 chart.js@4 uplot@1
fi
[[ -f dist/index.html ]] || { echo "error: build dist/ first (./scripts/run.sh or ./scripts/test.sh)" >&2; exit 1; }
lib="$prefix/node_modules"
libs=$(mktemp -d)
cp "$lib/echarts/dist/echarts.min.js" "$lib/chart.js/dist/chart.umd.js" \
   "$lib/uplot/dist/uPlot.iife.min.js" "$lib/uplot/dist/uPlot.min.css" "$libs/"
cargo run --locked -q -p muni-e2e --example peers -- "$libs"
rm -rf "$libs"

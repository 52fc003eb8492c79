#!/usr/bin/env bash
# Trunk hook (Trunk.toml, stage "post_build"): renders the first screen (the chart, its summary,
# table and sources) natively into the staging directory's index.html, so that it is on screen
# with the HTML alone, before any JavaScript or WebAssembly (crates/muni-prerender). Offline.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${TRUNK_STAGING_DIR:?run by trunk (see Trunk.toml)}"
cargo run -q -p muni-prerender --offline --locked -- "$dist"

#!/usr/bin/env bash
# Trunk hook (Trunk.toml, stage "build"): builds muni-lazy, the dashboard's second WebAssembly
# module, into the staging directory's lazy/. The page imports it only when a map, the tile grid
# or the peers are first shown, so the first view's download (the budget) does not carry them.
# Same profile, wasm-bindgen and wasm-opt as Trunk uses for the main module; offline.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TRUNK_STAGING_DIR:?run by trunk (see Trunk.toml)}/lazy"
if [[ "${TRUNK_PROFILE:-release}" == "debug" ]]; then
    profile=dev; dir=debug
else
    profile="wasm-release"; dir="wasm-release"
fi
cargo build -p muni-lazy --target wasm32-unknown-unknown --profile "$profile" --offline --locked
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$dir/muni_lazy.wasm"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "$wasm"
# binaryen 132 from npm (scripts/install-web-tools.sh): Debian's older wasm-opt breaks the
# externref table. Without it the module works, only larger.
opt=".tools/binaryen/node_modules/.bin/wasm-opt"
if [[ "$profile" == wasm-release && -x "$opt" ]]; then
    "$opt" -Oz "$out/muni_lazy_bg.wasm" -o "$out/muni_lazy_bg.wasm"
fi

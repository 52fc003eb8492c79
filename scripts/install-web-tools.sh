#!/usr/bin/env bash
# Installs what building the dashboard needs, each only if missing (idempotent):
# the wasm32 target, Trunk 0.21.14, and wasm-bindgen-cli equal to the wasm-bindgen in Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null

want_bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [[ "$have_bindgen" != "$want_bindgen" ]]; then
    echo "installing wasm-bindgen-cli $want_bindgen (a few minutes)"
    cargo install wasm-bindgen-cli --version "$want_bindgen"
fi

if [[ "$(trunk --version 2>/dev/null || true)" != "trunk 0.21.14" ]]; then
    echo "installing trunk 0.21.14 (about ten minutes)"
    cargo install trunk --version 0.21.14 --locked
fi

# wasm-opt: npm's binaryen 132 in a local prefix (Debian's binaryen 108 breaks the externref
# table and ships a blank page while reporting success). Callers put it on PATH.
if [[ "$(.tools/binaryen/node_modules/.bin/wasm-opt --version 2>/dev/null || true)" != *"version 132"* ]]; then
    echo "installing binaryen 132 (wasm-opt) from npm into .tools/"
    npm install --silent --no-fund --no-audit --prefix .tools/binaryen binaryen@132
fi

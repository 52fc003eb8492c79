#!/usr/bin/env bash
# Runs every check of the project: formatting, clippy, the browser boundary, and all tests.
# Installs what it needs (idempotently): the wasm32 target and rustfmt/clippy.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null
rustup target add wasm32-unknown-unknown >/dev/null

echo "== cargo fetch"
cargo fetch --locked
echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== the browser-side crates build for wasm32 and never depend on polars"
cargo check -p muni-model -p muni-chart --target wasm32-unknown-unknown --locked
for crate in muni-model muni-chart; do
    tree=$(cargo tree -p "$crate" --edges normal --prefix none --target wasm32-unknown-unknown --locked)
    if grep -E '^(polars|tokio|calamine|reqwest)' <<<"$tree"; then
        echo "error: $crate must not depend on polars or I/O crates" >&2
        exit 1
    fi
done
echo "== cargo test"
log=$(mktemp)
set +e
cargo test --workspace --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test binaries.
awk '/^test result:/ { for (i = 2; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"

#!/usr/bin/env bash
# Prints the transfer size of the dashboard's first view (gzip -9 of the HTML, JS, WebAssembly,
# CSS, catalog and default indicator in dist/) against its budget of 250 kB, and fails only if
# the budget is exceeded by more than 10 %.
set -euo pipefail
cd "$(dirname "$0")/../dist"
default=$(grep -o 'DEFAULT_INDICATOR: &str = "[a-z_0-9]*"' ../crates/muni-view/src/view.rs | sed 's/.*"\(.*\)"/\1/')
total=0
for f in index.html *.js *.wasm *.css data/catalog.json "data/indicators/$default.json"; do
    n=$(gzip -9c "$f" | wc -c)
    printf '  %-60s %8d B\n' "$f" "$n"
    total=$((total + n))
done
budget=250000
printf 'first view transfer (gzip): %d B of a %d B budget (%d %%)\n' "$total" "$budget" $((100 * total / budget))
if (( total > budget * 11 / 10 )); then
    echo "error: over budget by more than 10 %" >&2
    exit 1
fi

# The time budgets, measured in headless Chromium against dist/ (prints the medians).
cd ..
cargo test --locked -q -p muni-e2e --test budgets -- --nocapture 2>&1 | grep -E "first chart|re-render|panicked|over budget" || true

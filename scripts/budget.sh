#!/usr/bin/env bash
# Prints the transfer sizes (gzip -9) of the dashboard in dist/ and checks the first view's
# budget: everything fetched before the first chart is on screen, which is the page itself
# (the first screen is prerendered into index.html by crates/muni-prerender, its CSS inlined), at
# most 250 kB; the gate is the budget. Then the app that takes over (JavaScript, WebAssembly,
# the catalog and the default indicator), fetched while the first chart is already on screen:
# printed, and held by the time budgets below.
set -euo pipefail
cd "$(dirname "$0")/../dist"
grep -q 'id="prerendered"' index.html || {
    echo "error: dist/index.html has no prerendered first screen (scripts/prerender.sh)" >&2
    exit 1
}
default=$(grep -o 'DEFAULT_INDICATOR: &str = "[a-z_0-9]*"' ../crates/muni-view/src/view.rs | sed 's/.*"\(.*\)"/\1/')
sum() {
    local total=0 n
    for f in "$@"; do
        n=$(gzip -9c "$f" | wc -c)
        printf '  %-60s %8d B\n' "$f" "$n" >&2
        total=$((total + n))
    done
    echo "$total"
}
# The CSS is inlined into the page (index.html); a CSS file, if any, counts too.
shopt -s nullglob
echo "first view (the prerendered page and its CSS):"
first=$(sum index.html ./*.css)
echo "the app that takes over (after the first chart is on screen):"
app=$(sum ./*.js ./*.wasm data/catalog.json "data/indicators/$default.json")
budget=250000
printf 'first view transfer (gzip): %d B of a %d B budget (%d %%)\n' "$first" "$budget" $((100 * first / budget))
printf 'the app that takes over (gzip): %d B\n' "$app"
if (( first > budget )); then
    echo "error: the first view is over its budget" >&2
    exit 1
fi

# The time budgets, measured in headless Chromium against dist/ (prints the medians).
cd ..
cargo test --locked -q -p muni-e2e --test budgets -- --nocapture 2>&1 | grep -E "first chart|re-render|takes over|panicked|over budget" || true

#!/usr/bin/env bash
# Runs every check of the project: formatting, clippy, the browser boundary, the dashboard's
# build, and all tests, browser tests in headless Chromium included.
# Installs what it needs, each only if missing: rustfmt/clippy, the wasm32 target, Trunk,
# wasm-bindgen-cli (scripts/install-web-tools.sh), Debian's chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null
rustup target add wasm32-unknown-unknown >/dev/null
if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null; then
    echo "== installing chromium and chromium-driver"
    sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
./scripts/install-web-tools.sh
# Hygiene tools: shellcheck from Debian, cargo-machete (unused dependencies) from crates.io.
if ! command -v shellcheck >/dev/null; then
    echo "== installing shellcheck"
    sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq shellcheck >/dev/null
fi
# poppler-utils (pdfinfo, pdftotext, pdftoppm) read the brief's PDF back (crates/muni-cli/tests/brief.rs).
if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
    echo "== installing poppler-utils"
    sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils >/dev/null
fi
if ! cargo machete --version >/dev/null 2>&1; then
    echo "== installing cargo-machete (a minute)"
    cargo install cargo-machete --version 0.9.2 --locked
fi
if [[ "$(cargo deny --version 2>/dev/null || true)" != "cargo-deny 0.20.2" ]]; then
    echo "== installing cargo-deny (about five minutes)"
    cargo install cargo-deny --version 0.20.2 --locked
fi
# The readers analysts and presenters use, for the tests that read our files back (PyPI).
if ! python3 -c "import openpyxl, frictionless, pandas, rdflib, pptx" 2>/dev/null; then
    echo "== installing openpyxl, frictionless, pandas, rdflib and python-pptx (PyPI)"
    python3 -m pip install --quiet --disable-pip-version-check openpyxl "frictionless[parquet]" pandas rdflib python-pptx
fi
# axe-core, for the accessibility test (tests/e2e/accessibility.rs), from npm into .tools/axe/.
if [[ ! -f .tools/axe/node_modules/axe-core/axe.min.js ]]; then
    echo "== installing axe-core 4 (npm)"
    npm install --silent --no-fund --no-audit --prefix .tools/axe axe-core@4
fi
export PATH="$PWD/.tools/binaryen/node_modules/.bin:$PATH"

echo "== cargo fetch"
cargo fetch --locked
echo "== cargo fmt --check"
cargo fmt --all --check
echo "== shellcheck scripts/ .ci/run"
shellcheck scripts/*.sh .ci/run
echo "== file and function sizes (scripts/check-sizes.py)"
python3 scripts/check-sizes.py
echo "== cargo machete (no unused dependencies)"
cargo machete
echo "== cargo doc (warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== the browser-side crates build for wasm32 and never depend on polars"
cargo clippy -p muni-model -p muni-view -p muni-chart -p muni-browser -p muni-web -p muni-lazy -p muni-xlsx --target wasm32-unknown-unknown --locked -- -D warnings
# The boundary as a declared rule (deny-browser.toml): each browser crate alone as the root.
for crate in muni-model muni-view muni-chart muni-browser muni-web muni-lazy; do
    cargo deny --log-level error --manifest-path "crates/$crate/Cargo.toml" --config deny-browser.toml check bans
done
echo "== cargo deny: licences and bans (offline checks)"
cargo deny --log-level error check licenses bans
echo "== the dashboard (trunk build --release)"
trunk build --release
./scripts/budget.sh
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

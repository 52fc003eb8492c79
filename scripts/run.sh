#!/usr/bin/env bash
# Builds the published data (public/data/) from the embedded data (data/), builds the dashboard
# with Trunk into dist/ and serves it on http://127.0.0.1:${PORT:-8080}/ (offline throughout).
# With the upstream copies beside the project (../shared/data), pass --import to re-read them first.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--import" ]]; then
    cargo run --release --locked -p muni-cli -- import --upstream ../shared/data --data data
fi
cargo run --release --locked -p muni-cli -- build --data data --out public/data
./scripts/install-web-tools.sh
export PATH="$PWD/.tools/binaryen/node_modules/.bin:$PATH"
cargo fetch --locked
trunk build --release
port="${PORT:-8080}"
echo "serving dist/ on http://127.0.0.1:$port/ (Ctrl-C to stop)"
exec python3 -m http.server --bind 127.0.0.1 --directory dist "$port"

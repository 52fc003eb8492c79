#!/usr/bin/env bash
# Builds the published data (public/data/) from the embedded normalised data (data/).
# With the upstream copies beside the project (../shared/data), pass --import to re-read them first.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--import" ]]; then
    cargo run --release --locked -p muni-cli -- import --upstream ../shared/data --data data
fi
cargo run --release --locked -p muni-cli -- build --data data --out public/data

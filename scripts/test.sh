#!/usr/bin/env bash
# Runs every check and test of Soạn Báo Cáo: formatting, lints, the engine's and the CLI's tests
# (DOCX read back as XML, snapshots, the LibreOffice reader check). Ends with nextest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export INSTA_UPDATE=no
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests"
cargo nextest run --workspace --locked --no-fail-fast

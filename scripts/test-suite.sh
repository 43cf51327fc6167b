#!/usr/bin/env bash
# Every check and test of Soạn Báo Cáo: formatting and lints (Rust and UI), the UI's unit tests,
# the app driven end to end in its real window, the readers' mutation pass, and all Rust tests
# (DOCX read back as XML and checked against ECMA-376's sequences, snapshots, PDF through
# poppler/qpdf, LibreOffice agreement, CLI, bindings), and the Windows installer under Wine. Ends with nextest's summary.
# Run through scripts/test.sh (which installs what is missing and makes /tmp and HOME private).
# A failure fails the run: nothing here is retried.
set -euo pipefail
cd "$(dirname "$0")/.."

export INSTA_UPDATE=no
echo "== ui: typecheck, lint, unit tests, build"
(cd ui && npm run --silent typecheck && npm run --silent lint && npx vitest run --reporter=dot && npm run --silent build)
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo clippy for Windows (engine, CLI and app stay portable; docs/windows.md)"
cargo clippy --locked --target x86_64-pc-windows-gnu -p baocao-engine -p baocao-cli -p soan-bao-cao -- -D warnings
echo "== app: build and end-to-end tests in the real window"
cargo build --locked -p soan-bao-cao
cargo build --locked -p baocao-engine --example generate
bash tests/e2e/run.sh
echo "== Windows: the installer, cross-built here, installed and run under Wine (docs/windows.md)"
cargo build --locked -p baocao-cli
BAOCAO_SKIP_SETUP=1 bash scripts/package-windows.sh
bash tests/windows/run.sh
echo "== cargo tests"
cargo nextest run --workspace --locked --no-fail-fast

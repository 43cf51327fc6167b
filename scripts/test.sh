#!/usr/bin/env bash
# Runs every check and test of Soạn Báo Cáo: formatting and lints (Rust and UI), the UI's unit
# tests, the app driven end to end in its real window, and all Rust tests (DOCX read back as XML,
# snapshots, PDF through poppler/qpdf, LibreOffice agreement, CLI, bindings). Ends with
# nextest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export INSTA_UPDATE=no
echo "== ui: typecheck, lint, unit tests, build"
(cd ui && npm run --silent typecheck && npm run --silent lint && npx vitest run --reporter=dot && npm run --silent build)
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== app: build and end-to-end tests in the real window"
cargo build --locked -p soan-bao-cao
cargo build --locked -p baocao-engine --example generate
# The never-lost steps have failed intermittently on a loaded machine (a close request or an
# answer to the question not taking effect; cause not found yet, see docs/e2e.md): one failed run
# is repeated from scratch, and said so; two failures fail the suite.
bash tests/e2e/run.sh || {
  echo "== e2e: FAILED once; running the whole end-to-end suite again (known intermittent failure)"
  bash tests/e2e/run.sh
}
echo "== cargo tests"
cargo nextest run --workspace --locked --no-fail-fast

#!/usr/bin/env bash
# The main job: builds the `baocao` command and renders a report to an official-format DOCX.
# With no arguments it renders the built-in sample to ./bao-cao-mau.docx and ./bao-cao-mau.pdf.
#   bash scripts/run.sh                          # the built-in sample
#   bash scripts/run.sh render bao-cao.json -o bao-cao.docx
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cargo build --quiet --locked --manifest-path "$root/Cargo.toml" -p baocao-cli
bin="$root/target/debug/baocao"
if [ "$#" -eq 0 ]; then
  "$bin" render -o bao-cao-mau.docx
  exec "$bin" render -o bao-cao-mau.pdf
fi
exec "$bin" "$@"

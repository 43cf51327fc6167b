#!/usr/bin/env bash
# The main job: builds and starts the Soạn Báo Cáo app on the built-in sample report (or on a
# .baocao file given as argument).
#   bash scripts/run.sh                      # the app, on the built-in sample
#   bash scripts/run.sh bao-cao.baocao       # the app, on that file
#   bash scripts/run.sh render bao-cao.json -o bao-cao.pdf   # the command line (`baocao`)
# Without a display it renders the built-in sample to ./bao-cao-mau.docx and ./bao-cao-mau.pdf.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh"
case "${1:-}" in
  render|sample|validate|profile|schema|fidelity|templates|template|new|rollforward|--help|-h)
    cargo build --quiet --locked --manifest-path "$root/Cargo.toml" -p baocao-cli
    exec "$root/target/debug/baocao" "$@" ;;
esac
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Không có màn hình (DISPLAY): xuất báo cáo mẫu bằng dòng lệnh thay cho ứng dụng."
  cargo build --quiet --locked --manifest-path "$root/Cargo.toml" -p baocao-cli
  "$root/target/debug/baocao" render -o bao-cao-mau.docx
  exec "$root/target/debug/baocao" render -o bao-cao-mau.pdf
fi
(cd "$root/ui" && npm run --silent build)
cargo build --quiet --locked --manifest-path "$root/Cargo.toml" -p soan-bao-cao
if [ "$#" -eq 0 ]; then
  exec "$root/target/debug/soan-bao-cao" --mau
fi
exec "$root/target/debug/soan-bao-cao" "$@"

#!/usr/bin/env bash
# End-to-end tests of the real app window: tauri-driver + WebKitWebDriver under Xvfb.
# BAOCAO_APP may name another build of the app (default: target/debug/soan-bao-cao).
# Needs: the debug app built with the UI embedded (scripts/test.sh does it), tauri-driver,
# webkit2gtk-driver, xvfb, unzip. Prints "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
app="${BAOCAO_APP:-$root/target/debug/soan-bao-cao}"
[ -x "$app" ] || { echo "app binary missing: $app (build it first)"; exit 1; }
command -v tauri-driver >/dev/null || { echo "tauri-driver missing (cargo install tauri-driver --version ^2 --locked)"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BAOCAO_E2E_DIALOG_DIR="$work/files"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
mkdir -p "$BAOCAO_E2E_DIALOG_DIR"
export BAOCAO_APP="$app" BAOCAO_ARTIFACTS="$root/target/artifacts"
mkdir -p "$BAOCAO_ARTIFACTS"
# Every hop of a window close, with times (src-tauri/src/trace.rs); printed when a close fails.
export BAOCAO_TRACE_CLOSE="$BAOCAO_ARTIFACTS/close-trace.log"
: > "$BAOCAO_TRACE_CLOSE"

# A 30-page and a 100-page report for the preview-latency measurement.
gen="$root/target/debug/examples/generate"
[ -x "$gen" ] || { echo "report generator missing: $gen (cargo build -p baocao-engine --examples)"; exit 1; }
"$gen" 30 > "$work/files/dai-30-trang.baocao"
"$gen" 100 > "$work/files/dai-100-trang.baocao"
export BAOCAO_LONG_REPORTS="$work/files/dai-30-trang.baocao:$work/files/dai-100-trang.baocao"

# A recovery copy, as a crashed session leaves it: the app must offer to restore it.
mkdir -p "$XDG_DATA_HOME/vn.soanbaocao.app"
node -e '
  const fs = require("fs");
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  r.header.subject = "bản lưu tạm trước khi chương trình bị tắt (E2E)";
  fs.writeFileSync(process.argv[2], JSON.stringify(r));
' "$root/templates/samples/so-ket-03-nam-chi-thi-05.json" "$XDG_DATA_HOME/vn.soanbaocao.app/phuc-hoi.baocao"

# Xvfb has no GPU: WebKitGTK's accelerated compositing then draws through software GL and
# produces a frame every 40-50 ms even when idle (measured, docs/performance.md); without it
# frames come every ~20 ms. The latency figures are taken in that mode.
export WEBKIT_DISABLE_COMPOSITING_MODE="${WEBKIT_DISABLE_COMPOSITING_MODE:-1}"

port=$(( 4444 + RANDOM % 400 ))
native=$(( port + 1000 ))
export TAURI_DRIVER_PORT="$port"
# A display number of its own: with a private /tmp (scripts/private-env.sh) xvfb-run cannot see
# the lock files of another X server on the machine, whose socket (abstract, shared) would clash.
xvfb-run -a -n $(( 100 + RANDOM % 800 )) -s "-screen 0 1440x900x24" bash "$root/tests/e2e/with-driver.sh" "$port" "$native" "$work"

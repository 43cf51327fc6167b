#!/usr/bin/env bash
# Memory of the app against its floor (issue 9): an empty Tauri window of the same size
# (src-tauri/examples/empty_window.rs) and the app at its start screen, with the built-in sample
# open, and with a 100-page report open. Release builds, under Xvfb like the end-to-end tests.
# For each: the sum over the app's process and its WebKit child processes of RSS (counts shared
# libraries once per process) and of PSS (shares them out: the honest total), in MB.
# Usage: bash scripts/measure-memory.sh [seconds to settle, default 12]
set -euo pipefail
cd "$(dirname "$0")/.."
settle="${1:-12}"
(cd ui && npm run --silent build)
cargo build --release --locked --features custom-protocol --bin soan-bao-cao --example empty_window
cargo build --release --locked -p baocao-engine --example generate
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/examples/generate 100 > "$work/dai-100-trang.baocao"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export WEBKIT_DISABLE_COMPOSITING_MODE="${WEBKIT_DISABLE_COMPOSITING_MODE:-1}"

# The process and all its descendants.
tree() {
  local pids="$1" p
  for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do pids="$pids $(tree "$p")"; done
  echo "$pids"
}
measure() { # name, command...
  local name="$1"; shift
  "$@" >"$work/out.log" 2>&1 &
  local pid=$!
  sleep "$settle"
  local rss=0 pss=0 n=0 p detail=""
  for p in $(tree "$pid"); do
    [ -r "/proc/$p/smaps_rollup" ] || continue
    # The app (or the empty window) and WebKit's processes; not Xvfb nor the shells.
    grep -qE '^(soan-bao-cao|empty_window|WebKit)' "/proc/$p/comm" || continue
    rss=$(( rss + $(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup") ))
    pss=$(( pss + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup") ))
    n=$(( n + 1 ))
    detail="$detail $(cat "/proc/$p/comm") $(( $(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup") / 1024 ))/$(( $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup") / 1024 ));"
  done
  # The app and WebKit first (xvfb-run does not pass its signal on), then Xvfb with its wrapper.
  local all; all="$(tree "$pid")"
  for p in $all; do
    grep -qE '^(soan-bao-cao|empty_window|WebKit)' "/proc/$p/comm" 2>/dev/null && kill "$p" 2>/dev/null
  done
  sleep 1
  kill $all 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  printf '%-34s %3d processes  RSS %5d MB  PSS %5d MB  (RSS/PSS:%s)\n' "$name" "$n" $(( rss / 1024 )) $(( pss / 1024 )) "$detail"
}
run() { xvfb-run -a -s "-screen 0 1440x900x24" "$@"; }
echo "== memory after ${settle} s (release builds, Xvfb, WEBKIT_DISABLE_COMPOSITING_MODE=$WEBKIT_DISABLE_COMPOSITING_MODE)"
measure "empty Tauri window (floor)" run target/release/examples/empty_window
measure "app, start screen" run target/release/soan-bao-cao
measure "app, built-in sample open" run target/release/soan-bao-cao --mau
measure "app, 100-page report open" run target/release/soan-bao-cao "$work/dai-100-trang.baocao"

#!/usr/bin/env bash
# Runs inside xvfb-run: starts tauri-driver, waits until it answers, runs the test, stops it.
set -euo pipefail
port="$1"; native="$2"; work="$3"
tauri-driver --port "$port" --native-port "$native" > "$work/tauri-driver.log" 2>&1 &
drv=$!
trap 'kill $drv 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if curl -s "http://127.0.0.1:$port/status" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
kill -0 "$drv" || { echo "tauri-driver did not start:"; cat "$work/tauri-driver.log"; exit 1; }
node "$(dirname "$0")/app.e2e.mjs"

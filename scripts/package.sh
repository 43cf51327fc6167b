#!/usr/bin/env bash
# Builds the release app and its Debian package (target/release/bundle/deb/*.deb) with the npm
# Tauri CLI (ui/node_modules). AppImage is not built: it downloads tools at build time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh"
cd "$root"
ui/node_modules/.bin/tauri build --bundles deb
ls -l target/release/bundle/deb/*.deb

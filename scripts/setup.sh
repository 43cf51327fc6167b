#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine (with Rust and Node) lacks for building, running and
# testing Soạn Báo Cáo. Safe to run again: it only installs what is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

need_apt=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# hunspell-vi: the Vietnamese dictionary the spelling checks read at run time (GPL, not bundled).
# libreoffice-calc-nogui: the collect test reads forms re-saved as .ods/.xls, and renders a form.
# DejaVu: the CLI test that checks the message when Times New Roman resolves to a font without its metrics.
have_pkg fonts-dejavu-core || need_apt+=(fonts-dejavu-core)
# stress-ng: loads both cores for the never-lost runs under load described in docs/e2e.md (no test
# of the suite needs it).
have_pkg stress-ng || need_apt+=(stress-ng)
# MinGW: the suite's Windows check of the app runs its build script, which compiles the Windows
# resources (icon, version) with x86_64-w64-mingw32-windres (docs/windows.md).
have_pkg gcc-mingw-w64-x86-64-win32 || need_apt+=(gcc-mingw-w64-x86-64-win32)
# The Windows installer and its checks (scripts/package-windows.sh, tests/windows/run.sh): MinGW
# links the cross-built exes, makensis (nsis) builds the installer, Wine 8 (wine64) runs it,
# xdotool answers the app's message box under Xvfb; they are in the list below.
for pkg in build-essential pkg-config file curl unzip xvfb xauth \
           libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev \
           webkit2gtk-driver libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils qpdf util-linux \
           fontconfig fonts-liberation2 python3-xlib hunspell-vi nsis wine64 xdotool; do
  have_pkg "$pkg" || need_apt+=("$pkg")
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "== apt: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# The Windows target's standard library: the suite cross-builds the app and the CLI for Windows.
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "== rustup: target x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "== cargo: installing cargo-nextest"
  cargo install cargo-nextest --locked
fi
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "== cargo: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# The lock file decides every version (`npm ci`); ui/.npmrc sets engine-strict, so a package whose
# declared Node versions exclude this machine's Node (the README names Node 20.19 or later) fails
# the install instead of warning.
echo "== npm: ui dependencies (npm ci)"
(cd "$root/ui" && npm ci --no-fund --no-audit --loglevel=error)

echo "== cargo: fetching crates"
cargo fetch --locked --manifest-path "$root/Cargo.toml"

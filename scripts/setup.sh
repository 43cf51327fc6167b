#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine (with Rust and Node) lacks for building and testing
# Soạn Báo Cáo. Safe to run again: it only installs what is missing.
set -euo pipefail

need_apt=()
command -v soffice   >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf      >/dev/null 2>&1 || need_apt+=(qpdf)
command -v setpriv   >/dev/null 2>&1 || need_apt+=(util-linux)
command -v cc        >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)

if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "== apt: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! cargo nextest --version >/dev/null 2>&1; then
  echo "== cargo: installing cargo-nextest"
  cargo install cargo-nextest --locked
fi

echo "== cargo: fetching crates"
cargo fetch --locked

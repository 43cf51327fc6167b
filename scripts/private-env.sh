#!/usr/bin/env bash
# `private-env.sh COMMAND…`: runs COMMAND with a private, empty /tmp (a tmpfs in a mount namespace
# of its own) and a fresh, empty HOME, so that a test reading or writing a path it did not create
# fails here the first time instead of passing on a developer's leftovers.
#   As root: `unshare --mount` and a tmpfs on /tmp.
#   Otherwise: the same inside a user namespace (`unshare --user --map-root-user --mount`).
#   Neither possible: fails when CI=true; elsewhere warns and uses fresh TMPDIR and HOME folders.
# BAOCAO_SHARED_TMP=1 skips all this (to debug with the machine's own /tmp and HOME).
set -euo pipefail

# Rust, cargo and npm's tools stay where they are installed, whatever HOME becomes.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"

if [ "${BAOCAO_SHARED_TMP:-}" = "1" ]; then
  echo "== private-env: BAOCAO_SHARED_TMP=1, using the machine's /tmp and HOME"
  exec "$@"
fi

if [ "${BAOCAO_PRIVATE_INSIDE:-}" = "1" ]; then
  # Inside the new mount namespace: an empty tmpfs over /tmp, then a fresh HOME in it.
  mount -t tmpfs -o mode=1777,size=50% tmpfs /tmp
  if [ -n "$(ls -A /tmp)" ]; then echo "private-env: /tmp is not empty" >&2; exit 1; fi
  home="$(mktemp -d /tmp/home.XXXXXX)"
  echo "== private-env: empty tmpfs on /tmp, HOME=$home"
  unset BAOCAO_PRIVATE_INSIDE XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME TMPDIR
  exec env HOME="$home" "$@"
fi

self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
if [ "$(id -u)" -eq 0 ] && unshare --mount true 2>/dev/null; then
  exec env BAOCAO_PRIVATE_INSIDE=1 unshare --mount --propagation private bash "$self" "$@"
fi
if unshare --user --map-root-user --mount true 2>/dev/null; then
  exec env BAOCAO_PRIVATE_INSIDE=1 unshare --user --map-root-user --mount --propagation private bash "$self" "$@"
fi
if [ "${CI:-}" = "true" ]; then
  echo "private-env: cannot make a private /tmp here (unshare --mount refused); CI needs one" >&2
  exit 1
fi
echo "== private-env: no mount namespace here; fresh TMPDIR and HOME folders instead (/tmp stays shared)"
fresh="$(mktemp -d)"
mkdir -p "$fresh/tmp" "$fresh/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME
exec env TMPDIR="$fresh/tmp" HOME="$fresh/home" "$@"

#!/usr/bin/env bash
# What a new machine meets, without a new machine: a clean clone of the
# committed HEAD, built and tested by CI's own command with an empty cargo
# home (no registry, no crate cache), an empty npm cache and no target/,
# node_modules/ or dist/. Tools installed on PATH (trunk, wasm-bindgen,
# Chromium, Debian's toolchain) stay: scripts/setup.sh checks them and
# installs what is missing. Prints the time taken; exits as `.ci/run` does.
#
#   scripts/fresh-check.sh            # `make fresh-check`
#   KEEP=1 scripts/fresh-check.sh     # keep the clone for a look afterwards
#   REV=abc123 scripts/fresh-check.sh # another commit than HEAD
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${REV:-}" ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "fresh-check: uncommitted changes are not in the clone; it tests HEAD $(git rev-parse --short HEAD)" >&2
fi

root=$(mktemp -d -t paylink-fresh-XXXXXX)
cleanup() { if [ -z "${KEEP:-}" ]; then rm -rf "$root"; else echo "fresh-check: kept $root"; fi; }
trap cleanup EXIT

rev=$(git rev-parse --short "${REV:-HEAD}")
git clone --quiet --no-local . "$root/paylink"
git -C "$root/paylink" checkout --quiet --detach "$rev"
# CI runs with ../shared beside the clone: give it the same neighbour when there is one.
if [ -d ../shared ]; then ln -s "$(cd ../shared && pwd)" "$root/shared"; fi

# Tools installed by cargo stay reachable; the cache and registry do not.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_HOME="$root/cargo-home"
export npm_config_cache="$root/npm-cache"
unset CARGO_TARGET_DIR
mkdir -p "$CARGO_HOME" "$npm_config_cache"

echo "fresh-check: $rev in $root/paylink, CARGO_HOME and npm cache empty"
start=$(date +%s)
status=0
(cd "$root/paylink" && CI=true bash .ci/run) || status=$?
elapsed=$(( $(date +%s) - start ))
printf 'fresh-check: exit %s after %d min %02d s\n' "$status" $((elapsed / 60)) $((elapsed % 60))
exit "$status"

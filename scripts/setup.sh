#!/usr/bin/env bash
# Installs everything building and testing paylink needs on a Debian machine,
# and only checks when it is all there already (a second run takes seconds).
#
# It writes .tools/wasm.env: the environment a wasm build needs. Sourcing it is
# a no-op where rustup has the wasm32 target; elsewhere it selects Debian's
# compiler and builds std from source (the rustup download server is out of reach).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=version_132
WASM_SPLIT_VERSION=0.2.4
current_step="start"

step() { current_step="$1"; printf '==> setup: %s\n' "$1"; }
on_error() { printf '!!! setup failed at step "%s" (exit %s); see the output above.\n' "$current_step" "$1" >&2; }
trap 'on_error $?' ERR

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then echo "    already installed: $*"; return; fi
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  echo "    installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

wasm_bindgen_version() {
  # The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

cargo_home() { echo "${CARGO_HOME:-$HOME/.cargo}"; }

mkdir -p .tools

step "wasm32 standard library"
rustup_libdir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)
if [ -n "$rustup_libdir" ] && ls "$rustup_libdir"/libstd-*.rlib >/dev/null 2>&1; then
  echo "    rustup has the wasm32 target: using it"
  : > .tools/wasm.env
else
  echo "    no prebuilt wasm32 std: using Debian's rustc and building std from source"
  apt_install rustc-web cargo-web rust-web-src lld-22
  if ! rustup toolchain list | grep -q '^system'; then
    rustup toolchain link system /usr
  fi
  # Release bundles are built for size (each flag measured in docs/performance.md):
  # abort on panic without formatting a message (index.html shows a recovery
  # screen), no Debug formatting or panic locations, Leptos components type-erased.
  cat > .tools/wasm.env <<'EOF'
export RUSTUP_TOOLCHAIN=system RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export RELEASE_WASM_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg=erase_components"
EOF
fi

step "Chromium and chromedriver (browser and end-to-end tests)"
apt_install chromium chromium-driver

step "trunk $TRUNK_VERSION"
if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  echo "    trunk $TRUNK_VERSION present"
else
  echo "    building trunk from crates.io (about 10 minutes on 2 cores)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

step "wasm-bindgen CLI (the version in Cargo.lock)"
wbg=$(wasm_bindgen_version)
[ -n "$wbg" ] || { echo "    Cargo.lock names no wasm-bindgen version"; false; }
if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg" \
   && command -v wasm-bindgen-test-runner >/dev/null; then
  echo "    wasm-bindgen $wbg present"
else
  echo "    building wasm-bindgen-cli $wbg (about 8 minutes on 2 cores)"
  # Not --locked: the registry lacks one version its lockfile names.
  cargo install wasm-bindgen-cli --version "$wbg"
fi
if ! grep -q "wasm_bindgen = \"$wbg\"" Trunk.toml; then
  echo "    Trunk.toml pins another wasm-bindgen than Cargo.lock ($wbg): update [tools] in Trunk.toml"
  false
fi

step "wasm-split-cli $WASM_SPLIT_VERSION (splits the release wasm: scripts/split.mjs)"
# The tool Leptos' wasm_split_helpers targets; crates.io's `wasm-split-cli`
# crate is another project's.
if cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" \
   && command -v wasm-split-cli >/dev/null; then
  echo "    wasm-split-cli $WASM_SPLIT_VERSION present"
else
  echo "    building wasm_split_cli_support $WASM_SPLIT_VERSION (about 3 minutes on 2 cores)"
  cargo install wasm_split_cli_support --locked --version "$WASM_SPLIT_VERSION" --features build-binary
fi

step "Node packages (wasm-opt, esbuild, playwright-core) from package-lock.json"
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json .tools/package-lock.installed; then
  echo "    node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json .tools/package-lock.installed
fi
node_modules/.bin/wasm-opt --version | grep -q "$WASM_OPT_VERSION" \
  || { echo "    node_modules/.bin/wasm-opt is not $WASM_OPT_VERSION"; false; }
node_modules/.bin/esbuild --version >/dev/null \
  || { echo "    node_modules/.bin/esbuild does not run on this machine"; false; }

step "crates for offline builds (cargo fetch)"
# The release builds run offline (scripts/build.sh): every crate they need must
# be in the cargo cache first, std's own included when std is built from source.
# Without a target, cargo fetch takes the crates of every platform: the page's
# wasm dependencies, the sandbox, the native and browser tests, all from Cargo.lock.
cargo fetch --locked --quiet
(source .tools/wasm.env && cargo fetch --locked --quiet --target wasm32-unknown-unknown)
echo "    every crate of Cargo.lock (and std's, for wasm32) is in $(cargo_home)/registry"

step "done"

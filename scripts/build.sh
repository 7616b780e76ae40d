#!/usr/bin/env bash
# The release bundles, one per provider, and the designers' gallery:
#   dist/          the page speaking Colurs (what `make run` serves)
#   dist-belvo/    the page speaking Belvo
#   dist-gallery/  every screen of both, in fixed states (the sandbox serves it at /gallery/)
# A deployment ships the one bundle for its provider: each carries only its
# own wire format (Cargo features `colurs`, `belvo`; docs/deploying.md). The
# gallery stays out of both: its receipts look real, and must never be served
# from the payment origin.
# Run by `make build` while it holds target/dist.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bundle-stamp.sh
# The inputs as the wasm build sees them (its toolchain and flags).
inputs=$(source .tools/wasm.env && RUSTFLAGS="${RELEASE_WASM_RUSTFLAGS:-}" && bundle_inputs_hash)
if bundles_fresh "$inputs"; then
  echo "build: dist/, dist-belvo/ and dist-gallery/ are up to date (nothing they are built from changed)"
  exit 0
fi
rm -f "$BUNDLE_STAMP"
# Each bundle's index.html gets its provider's link path from the Rust
# provider itself (a native step, so before the wasm environment).
link_path() { cargo run -q --offline --example provider_meta -- "$1"; }
colurs_link_path=$(link_path colurs)
belvo_link_path=$(link_path belvo)
source .tools/wasm.env
export RUSTFLAGS="${RELEASE_WASM_RUSTFLAGS:-}"
# Trunk's own JS minifier cannot parse the wasm-bindgen glue (`export { … as
# default }`) and warns on every build; minify.mjs minifies the glue below.
# Trunk's other messages are kept.
TRUNK_LOG=(--log "error,trunk=info,trunk::processing::minify=error")

# The QR module of "continue on your phone" (qr/): a plain wasm with no glue,
# fetched by the page only when a payer asks for the code, so it is outside
# the first load; scripts/qr-module.mjs puts it and its loader (qr/loader.mjs)
# in each bundle below.
cargo build --release --offline --target wasm32-unknown-unknown -p paylink-qr
qr_wasm=target/wasm32-unknown-unknown/release/paylink_qr.opt.wasm
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  target/wasm32-unknown-unknown/release/paylink_qr.wasm -o "$qr_wasm"

# Each page bundle has its screens after Pay in a chunk (feature `split`;
# build.rs links the page with the relocations the split needs): split.mjs
# splits cargo's wasm, which the next trunk build overwrites.
raw_wasm=target/wasm32-unknown-unknown/release/paylink.wasm
trunk "${TRUNK_LOG[@]}" build --release --offline --no-default-features --features belvo,split --dist dist-belvo
node scripts/split.mjs "$raw_wasm" dist-belvo
node scripts/wasm-start.mjs dist-belvo
node scripts/provider-meta.mjs dist-belvo belvo "$belvo_link_path"
trunk "${TRUNK_LOG[@]}" build --release --offline --no-default-features --features colurs,split
node scripts/split.mjs "$raw_wasm" dist
node scripts/wasm-start.mjs dist
node scripts/provider-meta.mjs dist colurs "$colurs_link_path"
trunk "${TRUNK_LOG[@]}" build --release --offline --dist dist-gallery --public-url /gallery/ gallery.html
for dir in dist dist-belvo; do
  node scripts/minify.mjs "$dir"
  # After minify.mjs, which would minify the loader again.
  node scripts/qr-module.mjs "$qr_wasm" "$dir"
  node scripts/compress.mjs "$dir"
done
record_bundles "$inputs"

# Whether the built bundles are those of the current sources, so `make build`
# can skip trunk when nothing changed. Sourced by scripts/build.sh.
#
# The stamp holds two hashes written after a complete build: one of every
# input (the files trunk, cargo, the post-build scripts and esbuild read; the
# build's flags; the tools' versions) and one of every output file. The
# bundles are fresh only when both still match: a changed source rebuilds,
# and so does a bundle edited or removed by hand. A build that fails leaves
# no stamp. `rm target/bundle.stamp` forces a rebuild.

BUNDLE_STAMP=target/bundle.stamp
BUNDLE_DIRS=(dist dist-belvo dist-gallery)

# Everything the three bundles are made from, file by file, then the rest.
bundle_inputs_hash() {
  {
    find src style public .cargo examples qr -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum build.rs Cargo.toml Cargo.lock Trunk.toml index.html gallery.html package-lock.json \
      .tools/wasm.env scripts/build.sh scripts/bundle-stamp.sh scripts/provider-meta.mjs \
      scripts/minify.mjs scripts/compress.mjs scripts/qr-module.mjs scripts/split.mjs \
      scripts/wasm-start.mjs
    echo "RUSTFLAGS=${RUSTFLAGS:-}"
    rustc --version
    trunk --version
    wasm-bindgen --version
    sha256sum "$(command -v wasm-split-cli)"
    wasm-opt --version
    node --version
  } 2>&1 | sha256sum | cut -d' ' -f1
}

bundle_outputs_hash() {
  {
    find "${BUNDLE_DIRS[@]}" -type f -not -path '*/.stage/*' -print0 | sort -z | xargs -0 sha256sum
  } 2>&1 | sha256sum | cut -d' ' -f1
}

# `bundles_fresh INPUTS`: the stamp says these inputs made the bundles there.
bundles_fresh() {
  [[ -f $BUNDLE_STAMP ]] || return 1
  local dir
  for dir in "${BUNDLE_DIRS[@]}"; do
    [[ -f $dir/index.html ]] || return 1
  done
  [[ "$(cat "$BUNDLE_STAMP")" == "$1 $(bundle_outputs_hash)" ]]
}

# `record_bundles INPUTS`, with the inputs hashed before the build started:
# a source saved during the build then still counts as changed.
record_bundles() {
  mkdir -p "$(dirname "$BUNDLE_STAMP")"
  echo "$1 $(bundle_outputs_hash)" > "$BUNDLE_STAMP"
}

#!/usr/bin/env bash
# Runs every test layer, even after one fails, so each prints its summary;
# exits non-zero if any layer failed.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()

layer() {
  local name=$1; shift
  printf '\n==> test layer: %s\n' "$name"
  if ! make --no-print-directory "$@"; then failed+=("$name"); fi
}

layer native test-native
layer browser test-browser
layer end-to-end test-e2e

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED layers: ${failed[*]}"
  exit 1
fi
echo "all test layers passed"

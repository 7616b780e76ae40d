#!/usr/bin/env bash
# Runs every test layer, even after one fails, so each prints its summary;
# ends with one line adding them up and exits non-zero if any layer failed.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

layer() {
  local name=$1; shift
  printf '\n==> test layer: %s\n' "$name"
  if ! make --no-print-directory "$@" 2>&1 | tee -a "$log"; then failed+=("$name"); fi
}

layer native test-native
layer embed-script test-js
layer browser test-browser
layer size-budget test-size
layer end-to-end test-e2e
layer chaos test-chaos

# cargo and wasm-bindgen-test print "test result: ok. N passed; M failed";
# node's runner prints "# pass N" and "# fail M".
count() { grep -hoE "$1" "$log" | grep -oE '[0-9]+' | awk '{ sum += $1 } END { print sum + 0 }'; }
passed=$(count '([0-9]+ passed|^# pass [0-9]+)')
failures=$(count '([0-9]+ failed|^# fail [0-9]+)')
echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed layers: ${failed[*]}"
fi
echo "$passed passed, $failures failed"
[ ${#failed[@]} -eq 0 ]

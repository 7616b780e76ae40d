# The two commands a person needs: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
# The bundle `make run` serves on PORT: dist (Colurs) or dist-belvo (Belvo).
# With dist, the Belvo bundle is served too, on its own origin (PORT+2).
DIST ?= dist
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# Sourced before every wasm build: see scripts/setup.sh.
WASM_ENV := source .tools/wasm.env &&

.PHONY: setup build sandbox run test test-native test-js test-browser test-e2e test-size screenshots

setup:
	@scripts/setup.sh

## build: the release bundles, dist/ (Colurs) and dist-belvo/ (Belvo), and the gallery in dist-gallery/
## (skipped when nothing they are built from changed: scripts/bundle-stamp.sh)
build: setup
	@echo "==> build: release bundles (trunk)"
	@# One build of dist/ at a time: concurrent trunk runs share its staging directory.
	@# Trunk leaves the JS glue and public/embed.js unminified: minify.mjs (esbuild) does it, then compress.mjs.
	@mkdir -p target && flock target/dist.lock scripts/build.sh

sandbox:
	@echo "==> build: sandbox server"
	@cargo build -q -p paylink-sandbox

## run: the page against the sandbox on http://127.0.0.1:$(PORT) (the Belvo page on PORT+2)
run: build sandbox
	@PORT=$(PORT) DIST_DIR=$(DIST) $(if $(filter dist,$(DIST)),BELVO_DIST_DIR=dist-belvo) target/debug/paylink-sandbox

## test: every layer (native, browser, end to end); fails if any test fails
test: build sandbox
	@scripts/test.sh

## test-native: formatting and lints first (a review's gates), then every native test
test-native:
	@echo "==> cargo fmt --check"
	@cargo fmt --all --check
	@echo "==> cargo clippy (warnings are errors)"
	@cargo clippy --quiet --workspace --all-targets -- -D warnings
	@cargo test --workspace

## test-js: embed.js's rules in Node, on the cases the Rust tests share (no browser, no build)
test-js:
	@node --test tests/embed/

test-browser: setup
	@$(WASM_ENV) CHROMEDRIVER=/usr/bin/chromedriver cargo test -p paylink --target wasm32-unknown-unknown --test browser

## test-size: the size budgets of the built bundle (tests/size/budgets.json)
test-size: build
	@node --test tests/size/

test-e2e: build sandbox
	@node --test --test-concurrency=1 $(wildcard tests/e2e/*.test.mjs tests/e2e/*/*.test.mjs)

## chaos: FLOWS real payments (default 50) under random sandbox faults and payer behaviour, seeded by
## SEED (random and printed when unset); ONLY=<index> replays one flow (docs/reliability.md)
.PHONY: chaos test-chaos
SEED ?=
FLOWS ?= 50
ONLY ?=
chaos: build sandbox
	@SEED=$(SEED) FLOWS=$(FLOWS) ONLY=$(ONLY) node tests/chaos/run.mjs

## test-chaos: the short campaign of `make test`: 10 flows of fixed seeds, one test each
test-chaos: build sandbox
	@node --test --test-concurrency=1 tests/chaos/*.test.mjs

## bench: load, size and interaction figures of the release bundle (docs/performance.md),
## then Lighthouse's accessibility score of the main screens (docs/accessibility.md)
.PHONY: bench
bench: build sandbox
	@node bench/run.mjs
	@node bench/a11y.mjs

## histories: a long run of the random histories through the state machine (HISTORIES=1000000 by default)
.PHONY: histories
histories:
	@HISTORIES=$${HISTORIES:-1000000} cargo test -q -p paylink --test histories

## fresh-check: `.ci/run` in a clean clone of HEAD with an empty cargo home and npm cache
.PHONY: fresh-check
fresh-check:
	@scripts/fresh-check.sh

## screenshots: the gallery's states in light and dark, phone and desktop, into docs/screenshots/
screenshots: build sandbox
	@node scripts/screenshots.mjs

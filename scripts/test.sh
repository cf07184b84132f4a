#!/usr/bin/env bash
#! Runs every check and test: format, clippy (native and wasm32), native tests, the release
#! build, wasm-bindgen-test in headless Chromium, and end-to-end tests against dist/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "installing missing tools"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, native"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy, wasm32"
cargo clippy -p hallway --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests (core and CLI)"
cargo test -p hallway-core -p hallway-cli --locked

step "release build (trunk, offline)"
scripts/build.sh

step "sizes"
scripts/sizes.sh

step "first-load size budget (and the bench harness's own tests)"
node --test --test-concurrency=1 bench/size-budget.test.mjs bench/wasm-names.test.mjs bench/measure.test.mjs
scripts/size-budget.sh

step "wasm-bindgen-test in headless Chromium"
cargo test -p hallway --target wasm32-unknown-unknown --locked

step "end-to-end tests in headless Chromium against dist/"
node --test --test-concurrency=1 tests/e2e/*.test.mjs

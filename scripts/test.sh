#!/usr/bin/env bash
#! Runs every check and test: format, the release build of the app (first: the CLI embeds it),
#! clippy (native and wasm32), native tests, wasm-bindgen-test in headless Chromium, and
#! end-to-end tests against dist/ and against sites the `hallway` binary writes and serves.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "installing missing tools"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

# The app first: crates/cli/build.rs compiles dist/ into the `hallway` binary (for
# `build --site` and `serve`), and the CLI's site tests fail without it rather than skip.
step "release build (trunk, offline)"
scripts/build.sh

step "clippy, native"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy, wasm32"
cargo clippy -p hallway --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests (core and CLI)"
cargo test -p hallway-core -p hallway-cli --locked

# The tests that read third-party files beside the repository (../shared/data, not in it) are
# #[ignore]d and named shared_*: a clone without that folder passes the steps above, and this
# says in one line whether they ran.
step "extra suite (../shared/data)"
if [ -d "$ROOT/../shared/data" ]; then
  log="$(mktemp)"
  if ! cargo test -p hallway-core -p hallway-cli --locked -- --ignored shared_ >"$log" 2>&1; then
    cat "$log"
    echo "extra suite (../shared/data): ran, FAILED (output above)"
    exit 1
  fi
  passed="$(awk '/^test result: ok\./ { n += $4 } END { print n + 0 }' "$log")"
  rm -f "$log"
  if [ "$passed" -eq 0 ]; then
    echo "extra suite (../shared/data): ran, but no shared_* test was found"
    exit 1
  fi
  echo "extra suite (../shared/data): ran, $passed passed"
else
  echo "extra suite: skipped, ../shared/data not found"
fi

step "sizes"
scripts/sizes.sh

step "first-load size budget (and the bench harness's own tests)"
node --test --test-concurrency=1 bench/size-budget.test.mjs bench/wasm-names.test.mjs bench/measure.test.mjs
scripts/size-budget.sh

step "wasm-bindgen-test in headless Chromium"
cargo test -p hallway --target wasm32-unknown-unknown --locked

step "end-to-end tests in headless Chromium against dist/"
# publish.test.mjs and serve.test.mjs run the `hallway` binary: the one cargo built above,
# wherever CARGO_TARGET_DIR puts it (tests/e2e/hallway.mjs builds it when this is unset).
HALLWAY_BIN="$(cargo build --locked -p hallway-cli --bin hallway --message-format=json 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){try{const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.target.name==="hallway"&&m.executable)console.log(m.executable)}catch{}}})')"
export HALLWAY_BIN
node --test --test-concurrency=1 tests/e2e/*.test.mjs

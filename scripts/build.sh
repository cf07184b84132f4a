#!/usr/bin/env bash
#! Builds the release site into dist/ (trunk, offline, wasm-opt -Oz from binaryen 132).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
cargo fetch --locked >/dev/null
trunk build --release --offline
# The `hallway` binary compiles dist/ in (crates/cli/build.rs): build it after this script.
# A binary built while dist/ was missing watches only its build script: make it look again.
touch crates/cli/build.rs
echo "dist/ is ready; the next cargo build of hallway-cli carries it (hallway build --site, hallway serve)"

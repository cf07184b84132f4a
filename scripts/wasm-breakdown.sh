#!/usr/bin/env bash
#! Prints the app wasm's bytes by crate and its 25 largest functions (bench/wasm-breakdown.mjs).
#! Run scripts/build.sh first; --shipped measures the wasm-opt'd form (minutes), not cargo's output.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
exec node bench/wasm-breakdown.mjs "$@"

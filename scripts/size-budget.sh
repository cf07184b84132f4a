#!/usr/bin/env bash
#! Fails when the first load (what dist/index.html loads before first rows, gzip -9) grows more
#! than the tolerance over bench/size-budget.json, printing the files and the wasm by crate.
#! `scripts/size-budget.sh --update` writes today's figure (lower it as work lands).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
exec node bench/size-budget.mjs "$@"

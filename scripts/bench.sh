#!/usr/bin/env bash
#! Runs the browser benchmark (bench/run.mjs) and writes BENCHMARKS.md. RUNS=3 for a quick check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
[ -d tools/node_modules/playwright-core ] || (cd tools && npm ci)
exec node bench/run.mjs "$@"

#!/usr/bin/env bash
#! Runs the browser benchmark (bench/run.mjs) and writes BENCHMARKS.md: 5 runs per figure by default,
#! about 6 min on the shared 2-core machine (plus the release build and CLI build when they are stale;
#! SKIP_BUILD=1 measures the dist/ already built). RUNS=3 for a quick check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
[ -d tools/node_modules/playwright-core ] || (cd tools && npm ci)
exec node bench/run.mjs "$@"

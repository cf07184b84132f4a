#!/usr/bin/env bash
#! Installs what is missing, builds the release site and serves it at http://127.0.0.1:8080.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
exec node "$ROOT/tests/e2e/server.mjs" "$ROOT/dist" "${PORT:-8080}"

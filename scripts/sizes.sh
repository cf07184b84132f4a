#!/usr/bin/env bash
#! Prints the size of every file in dist/ (raw and gzip -9 -n) and the wasm+js+css total; the
#! first-load budget is scripts/size-budget.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DIST="${1:-$ROOT/dist}"
[ -d "$DIST" ] || { echo "no $DIST: run scripts/build.sh first" >&2; exit 1; }
printf '%-60s %12s %12s\n' file raw gzip-9
total_raw=0; total_gz=0
while IFS= read -r f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -n -c "$f" | wc -c)
  printf '%-60s %12d %12d\n' "${f#$DIST/}" "$raw" "$gz"
  case "$f" in *.wasm|*.js|*.css) total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz));; esac
done < <(find "$DIST" -type f | sort)
printf '%-60s %12d %12d\n' "app total (wasm + js + css)" "$total_raw" "$total_gz"

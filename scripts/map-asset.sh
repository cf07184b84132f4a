#!/usr/bin/env bash
#! Regenerates public/map/world.json (the map's country outlines) from the pinned world-atlas.
# world-atlas is a devDependency in tools/package.json; `cd tools && npm ci` installs it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/tools/node_modules/world-atlas/countries-50m.json"
if [ ! -f "$SRC" ]; then
  echo "error: $SRC is missing; run: (cd tools && npm ci)" >&2
  exit 2
fi
cd "$ROOT"
cargo run --quiet --release -p hallway-cli -- map-asset \
  --topojson "$SRC" --out public/map/world.json --tolerance 0.4
echo "gzip -9: $(gzip -9c public/map/world.json | wc -c) bytes"

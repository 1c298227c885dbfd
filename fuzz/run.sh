#!/usr/bin/env bash
# Runs fuzz targets for a while each, JOBS at a time, and prints one line per target:
# executions per second, corpus size, and any crash (its input is kept under
# fuzz/artifacts/TARGET/). Exits 1 when a target crashed, hung or ran out of memory.
#
#   fuzz/run.sh [SECONDS] [TARGET…]     (default 600 s; every target when none is named)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer needs unstable compiler flags;
# on a stable toolchain RUSTC_BOOTSTRAP=1 allows them. Targets are built without a
# sanitizer (our crates forbid unsafe code) and with debug assertions, so arithmetic
# overflow is caught too. JOBS (default 2), CARGO_TARGET_DIR and FUZZ_ARGS (more libFuzzer
# flags) may be set in the environment.
set -uo pipefail
FUZZ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$FUZZ"
SECONDS_EACH="${1:-600}"
shift || true
JOBS="${JOBS:-2}"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chancery-target-fuzz}"

all=(cvce tei dc jsonl csv oai_response encoding_decode detect ingest edtf written_parse
  written_find_all query_parse tei_write export_roundtrip cite tei_authorities csv_authorities
  json_authorities)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

dict_for() {
  case "$1" in
    tei | dc | oai_response | ingest | detect | encoding_decode | tei_authorities) echo "dicts/xml.dict" ;;
    jsonl | tei_write | export_roundtrip | cite | json_authorities) echo "dicts/json.dict" ;;
    query_parse) echo "dicts/query.dict" ;;
    edtf | written_parse | written_find_all) echo "dicts/edtf.dict" ;;
  esac
}

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2; exit 2; }
./seed.sh "${targets[@]}"
if ! build_log="$(cargo fuzz build -s none -a 2>&1)"; then
  printf '%s\n' "$build_log" >&2
  exit 2
fi
mkdir -p logs

run_one() {
  local target="$1" dict args=()
  dict="$(dict_for "$target")"
  [ -n "$dict" ] && args+=("-dict=$dict")
  mkdir -p "artifacts/$target"
  # shellcheck disable=SC2086
  cargo fuzz run -s none -a "$target" "corpus/$target" -- \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "${args[@]}" ${FUZZ_ARGS:-} >"logs/$target.log" 2>&1
  local status=$?
  local runs rate corpus found
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$target.log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$target.log" | tail -1)"
  corpus="$(find "corpus/$target" -type f | wc -l)"
  found="$(find "artifacts/$target" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' -o -name 'slow-unit-*' \) | wc -l)"
  if [ "$status" -eq 0 ]; then
    printf '%-18s ok     %10s runs %8s exec/s  corpus %6s  artifacts %s\n' "$target" "${runs:-?}" "${rate:-?}" "$corpus" "$found"
  else
    printf '%-18s FAILED (exit %s) %s runs  corpus %s  see fuzz/logs/%s.log and fuzz/artifacts/%s/\n' \
      "$target" "$status" "${runs:-?}" "$corpus" "$target" "$target"
    return 1
  fi
}

failed=0
running=0
pids=()
for target in "${targets[@]}"; do
  run_one "$target" &
  pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
exit "$failed"

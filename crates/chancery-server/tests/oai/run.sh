#!/usr/bin/env bash
# Harvests a running `chancery serve` with a real outside OAI-PMH client, Python's sickle:
# every verb and format, resumption across small pages, a deletion seen as a deleted record,
# and each error condition's protocol code. Run from anywhere; needs cargo and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chancery-target}"

python3 -c 'import sickle' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check sickle

cargo build --quiet --manifest-path "$root/Cargo.toml" -p chancery
bin="$CARGO_TARGET_DIR/debug/chancery"
work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

fixtures="$root/crates/chancery-formats/tests/fixtures"
"$bin" --data "$work/data" import --json \
  "$fixtures/cvce/aide_memoire.txt" "$fixtures/tei/frus-volume.xml" "$fixtures/csv/letters.csv" \
  "$fixtures/dc/listrecords.xml" >"$work/import.json"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$bin" --data "$work/data" serve --bind "127.0.0.1:$port" --oai-page-size 3 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# The documents an anonymous harvester may see: every fixture here is public.
expected="$("$bin" --data "$work/data" list --json --limit 100000 | wc -l)"
# One to delete while the harvest runs.
victim="$("$bin" --data "$work/data" list --json --limit 1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')"

python3 "$here/sickle_harvest.py" "http://127.0.0.1:$port/oai" "$expected" "$victim" "$bin" "$work/data"

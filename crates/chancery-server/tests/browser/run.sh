#!/usr/bin/env bash
# End-to-end browser test of the reading room: builds the chancery binary, imports fixture
# files into a temporary archive, serves it on a free port, and drives Debian's Chromium with
# playwright-core (search → facet → document → copy a citation, screenshots, axe-core).
#
# Installs what it needs: npm packages from the committed package-lock.json, and the
# chromium package when /usr/bin/chromium is missing. Screenshots go to $SCREENSHOT_DIR (a new
# temporary folder by default; the script prints it).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

(cd "$HERE" && npm ci --no-audit --no-fund --silent)

if [ -z "${CHANCERY_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --quiet -p chancery)
  CHANCERY_BIN="$TARGET/debug/chancery"
fi

WORK="$(mktemp -d /tmp/chancery-browser-XXXXXX)"
DATA="$WORK/data"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

FIXTURES="$ROOT/crates/chancery-formats/tests/fixtures"
"$CHANCERY_BIN" --data "$DATA" import --collection "Korean War" \
  "$FIXTURES/tei/frus-volume.xml" "$FIXTURES/cvce/aide_memoire.txt" >/dev/null
"$CHANCERY_BIN" --data "$DATA" import \
  "$FIXTURES/jsonl/documents.jsonl" "$FIXTURES/tei/essay.xml" \
  "$FIXTURES/csv/letters.csv" "$HERE/fixtures/structured.jsonl" >/dev/null

# An editor, for the editing pages.
printf 'browser editor password 1\n' \
  | "$CHANCERY_BIN" --data "$DATA" users add edith --role editor --password-stdin >/dev/null

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$CHANCERY_BIN" --data "$DATA" serve --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
    break
  fi
  sleep 0.1
done

export CHANCERY_URL="http://127.0.0.1:$PORT"
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$WORK/screenshots}"
mkdir -p "$SCREENSHOT_DIR"
node "$HERE/e2e.js"

#!/usr/bin/env bash
# Load benchmark of the reading room (not a test): serves DATA_DIR with the release binary
# and runs wrk with 32 connections on document pages and on search pages, each address taken
# in turn from a list made from the archive itself. Prints requests/s, latency percentiles
# and errors for each mix.
#
#   crates/chancery-server/tests/load/wrk.sh DATA_DIR [DURATION] [DOCUMENTS] [SEARCHES]
#
# DATA_DIR holds archive.db and index/ (e.g. from
# `chancery bench search --documents 100000 --keep DIR --no-baseline`). DURATION defaults
# to 20s; DOCUMENTS (default 5000) distinct document pages and SEARCHES (default 1000)
# distinct searches are requested. Each mix runs twice: first over the distinct addresses
# once as a cold pass, then the timed run.
#
# CONNECTIONS (default 32) sets wrk's connections. IMPORT names files or folders that
# `chancery import` takes in while the timed runs go (the server's index follows it), so
# that the figures are those of an archive at work; the import's summary is printed at the
# end.
set -euo pipefail

DATA="${1:?usage: wrk.sh DATA_DIR [DURATION] [DOCUMENTS] [SEARCHES]}"
DURATION="${2:-20s}"
DOCUMENTS="${3:-5000}"
SEARCHES="${4:-1000}"
CONNECTIONS="${CONNECTIONS:-32}"
IMPORT="${IMPORT:-}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ -z "${CHANCERY_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --quiet --release -p chancery)
  CHANCERY_BIN="$TARGET/release/chancery"
fi

WORK="$(mktemp -d /tmp/chancery-wrk-XXXXXX)"
SERVER_PID=""
IMPORT_PID=""
cleanup() {
  if [ -n "$IMPORT_PID" ]; then
    kill "$IMPORT_PID" 2>/dev/null || true
    wait "$IMPORT_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
RUST_LOG=warn "$CHANCERY_BIN" --data "$DATA" serve --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# Document addresses from the sitemap (public documents only), spread over the archive.
curl -fsS "$BASE/sitemap.xml" >"$WORK/sitemap.xml"
if grep -q "<sitemapindex" "$WORK/sitemap.xml"; then
  curl -fsS "$BASE/sitemaps/1.xml" >"$WORK/sitemap.xml"
fi
grep -o '<loc>[^<]*/documents/[^<]*</loc>' "$WORK/sitemap.xml" \
  | sed -e 's|<loc>[^/]*//[^/]*||' -e 's|</loc>||' \
  | awk -v n="$DOCUMENTS" 'NR % 7 == 1 && c < n { print; c++ }' >"$WORK/documents.txt"

# Searches: words of the generated vocabulary and the query language's filters.
python3 - "$SEARCHES" >"$WORK/searches.txt" <<'PY'
import random, sys, urllib.parse
n = int(sys.argv[1])
rng = random.Random(7)
words = ["treaty", "memorandum", "ambassador", "government", "minister", "conference",
         "security", "council", "embassy", "telegram", "agreement", "negotiations",
         "frontier", "delegation", "proposal", "declaration", "military", "economic",
         "report", "question", "state", "foreign", "policy", "note", "letter"]
types = ["telegram", "letter", "memorandum", "treaty", "report", "speech", "minutes", "note"]
out = set()
while len(out) < n:
    kind = rng.random()
    q = " ".join(rng.sample(words, rng.choice([1, 1, 2, 2, 3])))
    params = [("q", q)]
    if kind < 0.3:
        params.append(("type", rng.choice(types)))
    elif kind < 0.5:
        y = rng.randrange(1800, 1995)
        params += [("from", str(y)), ("to", str(y + rng.randrange(1, 20)))]
    elif kind < 0.6:
        params.append(("sort", rng.choice(["date", "-date"])))
    if rng.random() < 0.15:
        params.append(("page", str(rng.randrange(2, 6))))
    out.add("/search?" + urllib.parse.urlencode(params))
for line in sorted(out):
    print(line)
PY

echo "serving $DATA at $BASE: $(wc -l <"$WORK/documents.txt") document pages, $(wc -l <"$WORK/searches.txt") searches"
run() {
  local name="$1" list="$2" duration="$3"
  printf '%-10s ' "$name"
  URLS="$list" wrk -t2 -c"$CONNECTIONS" -d"$duration" --latency -s "$HERE/urls.lua" "$BASE" | tail -1
}
if [ -n "$IMPORT" ]; then
  # shellcheck disable=SC2086
  "$CHANCERY_BIN" --data "$DATA" import $IMPORT >"$WORK/import.log" 2>&1 &
  IMPORT_PID=$!
  echo "importing $IMPORT meanwhile"
fi
for mix in documents searches; do
  echo "== $mix: cold pass (every address once), then $DURATION with $CONNECTIONS connections"
  run "cold" "$WORK/$mix.txt" "$(( $(wc -l <"$WORK/$mix.txt") / 200 + 5 ))s"
  run "$mix" "$WORK/$mix.txt" "$DURATION"
done
if [ -n "$IMPORT_PID" ]; then
  if kill -0 "$IMPORT_PID" 2>/dev/null; then
    echo "the import was still running at the end of the timed runs (good: it covered them)"
  fi
  wait "$IMPORT_PID" || echo "the import exited with status $?"
  IMPORT_PID=""
  grep -E "^Read|documents/s|failures|No failures" "$WORK/import.log" | tail -3
fi

#!/usr/bin/env bash
# Crash test (not part of the normal suite; about two minutes): generates a large import —
# 60,000 small documents in JSON Lines files and FRUS-style TEI volumes — and kills
# `chancery import` with SIGKILL at 20 random moments (seeded, printed). After each kill:
#
#   - `chancery check` finds the store consistent;
#   - no document is half-present: every file is one unit, so each file's documents are
#     either all absent or all present, each complete (title, type, date, text as generated).
#
# Finally the same import runs to the end: exactly the generated documents, no duplicates,
# every one at revision 1, and `check` clean.
#
#   crates/chancery/tests/crash/kill-import.sh [SEED]
#
# CHANCERY_BIN names the binary to test (default: built here with cargo build --release);
# DOCUMENTS (default 60000) and KILLS (default 20) may be set in the environment.
set -euo pipefail

SEED="${1:-${SEED:-$(date +%s)}}"
DOCUMENTS="${DOCUMENTS:-60000}"
KILLS="${KILLS:-20}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ -z "${CHANCERY_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --quiet --release -p chancery)
  CHANCERY_BIN="$TARGET/release/chancery"
fi

WORK="$(mktemp -d /tmp/chancery-crash-XXXXXX)"
IMPORT_PID=""
cleanup() {
  if [ -n "$IMPORT_PID" ]; then kill -9 "$IMPORT_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "seed $SEED: $DOCUMENTS documents, $KILLS kills (rerun with: $0 $SEED)"
INPUT="$WORK/input"
# The generator writes the input and, in expected.json, every document's file and content.
python3 - "$INPUT" "$DOCUMENTS" "$WORK/expected.json" <<'PY'
import json, os, sys
out_dir, total, expected_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out_dir)
types = ["telegram", "memorandum", "letter", "report", "note-verbale"]
tei_docs = total // 10                 # a tenth in TEI volumes of 50 documents
per_volume, per_jsonl = 50, 100
expected = {}

def body(n):
    return (f"Paragraph one of document {n} about the treaty and the frontier.",
            f"Paragraph two with the unique word w{n}x.")

n = 0
for v in range(tei_docs // per_volume):
    name = f"volume-{v:04d}.xml"
    divs = []
    for d in range(per_volume):
        title = f"Volume {v} document {d} (doc {n})"
        date = f"19{n % 100:02d}-0{1 + n % 9}-1{n % 10}"
        one, two = body(n)
        divs.append(
            f'<div type="document" xml:id="d{d}"><head>{title}</head>'
            f'<dateline><date when="{date}">{date}</date></dateline>'
            f'<p>{one}</p><p>{two}</p></div>')
        # The reader keeps the head and the dateline as the text's first blocks.
        expected[title] = {"file": name, "date": date,
                           "text": "\n\n".join([title, date, one, two])}
        n += 1
    with open(os.path.join(out_dir, name), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="vol{v}"><teiHeader><fileDesc>'
                f'<titleStmt><title>Crash test volume {v}</title></titleStmt>'
                '<publicationStmt><p>Generated.</p></publicationStmt>'
                '<sourceDesc><p>Generated for the crash test.</p></sourceDesc></fileDesc>'
                '</teiHeader><text><body>' + "".join(divs) + '</body></text></TEI>\n')
f_index = 0
while n < total:
    name = f"part-{f_index:04d}.jsonl"
    with open(os.path.join(out_dir, name), "w") as f:
        for _ in range(min(per_jsonl, total - n)):
            title = f"Telegram {n}"
            date = f"19{n % 100:02d}-0{1 + n % 9}-1{n % 10}"
            one, two = body(n)
            f.write(json.dumps({
                "id": f"{n:08x}-0000-4000-8000-{n:012x}", "title": title,
                "type": types[n % len(types)], "date": date,
                "text": one + "\n\n" + two}) + "\n")
            expected[title] = {"file": name, "date": date, "text": one + "\n\n" + two,
                               "type": types[n % len(types)]}
            n += 1
    f_index += 1
json.dump(expected, open(expected_path, "w"))
print(f"generated {n} documents in {len(os.listdir(out_dir))} files")
PY

# verify DATA: the store is consistent and whole files only, each document complete.
verify() {
  local data="$1" label="$2"
  local check
  if ! check="$("$CHANCERY_BIN" --data "$data" check 2>&1)"; then
    echo "FAIL ($label): chancery check: $check"
    return 1
  fi
  if ! grep -q "The store is consistent." <<<"$check"; then
    echo "FAIL ($label): $check"
    return 1
  fi
  "$CHANCERY_BIN" --data "$data" export --all --format jsonl --output "$WORK/export.jsonl" 2>/dev/null
  python3 - "$WORK/expected.json" "$WORK/export.jsonl" "$label" <<'PY'
import json, sys, collections
expected = json.load(open(sys.argv[1]))
label = sys.argv[3]
per_file = collections.Counter(e["file"] for e in expected.values())
present = collections.Counter()
seen = set()
problems = []
for line in open(sys.argv[2]):
    doc = json.loads(line)
    title = doc["title"]
    want = expected.get(title)
    if want is None:
        problems.append(f"unexpected document {title!r}")
        continue
    if title in seen:
        problems.append(f"duplicate {title!r}")
    seen.add(title)
    present[want["file"]] += 1
    got_file = (doc.get("provenance") or {}).get("file", "")
    if not got_file.endswith("/" + want["file"]):
        problems.append(f"{title!r} from {got_file!r}, expected {want['file']}")
    if doc.get("text") != want["text"]:
        problems.append(f"{title!r}: text {doc.get('text')!r}")
    if (doc.get("date") or {}).get("edtf") != want["date"]:
        problems.append(f"{title!r}: date {doc.get('date')!r}")
    if "type" in want and doc.get("type") != want["type"]:
        problems.append(f"{title!r}: type {doc.get('type')!r}")
    if doc.get("revision") != 1:
        problems.append(f"{title!r}: revision {doc.get('revision')}")
for name, count in present.items():
    if count != per_file[name]:
        problems.append(f"{name}: {count} of its {per_file[name]} documents present")
files_whole = sum(1 for name in per_file if present[name] == per_file[name])
if problems:
    print(f"FAIL ({label}): " + "; ".join(problems[:10]) + f" ({len(problems)} problems)")
    sys.exit(1)
print(f"{len(seen)} documents in {files_whole} whole files of {len(per_file)}")
PY
}

# One run: start the import, kill it after DELAY seconds unless it finished first.
# Prints "killed" or "finished".
run_once() {
  local data="$1" delay="$2"
  "$CHANCERY_BIN" --data "$data" import "$INPUT" >"$WORK/import.log" 2>&1 &
  IMPORT_PID=$!
  sleep "$delay"
  if kill -0 "$IMPORT_PID" 2>/dev/null; then
    kill -9 "$IMPORT_PID"
    wait "$IMPORT_PID" 2>/dev/null || true
    IMPORT_PID=""
    echo killed
  else
    local status=0
    wait "$IMPORT_PID" || status=$?
    IMPORT_PID=""
    if [ "$status" -ne 0 ]; then
      echo "FAIL: the import exited with $status:" >&2
      cat "$WORK/import.log" >&2
      exit 1
    fi
    echo finished
  fi
}

# The moments: an uninterrupted import sets the scale, then each kill comes at a seeded
# random moment within that time; every kill interrupts the same archive, whose import
# resumes (rereading the files already in, which is quicker than taking them in).
started=$EPOCHREALTIME
"$CHANCERY_BIN" --data "$WORK/reference" import "$INPUT" >/dev/null 2>&1
full=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.2f}')")
rm -rf "$WORK/reference"
echo "an uninterrupted import takes ${full}s"
mapfile -t delays < <(python3 -c "
import random, sys
rng = random.Random($SEED)
full = float('$full')
for _ in range($KILLS):
    print(f'{rng.uniform(0.05, full):.2f}')
")

DATA="$WORK/data"
generation=1
kills=0
round=0
while [ "$kills" -lt "$KILLS" ]; do
  delay="${delays[$kills]}"
  round=$((round + 1))
  outcome="$(run_once "$DATA" "$delay")"
  if [ "$outcome" = killed ]; then
    kills=$((kills + 1))
    result="$(verify "$DATA" "kill $kills")" || { echo "$result"; exit 1; }
    printf 'kill %2d at %5ss (archive %d): check clean; %s\n' "$kills" "$delay" "$generation" "$result"
  else
    # The import finished before this moment: verify it whole, then start a new archive so
    # the remaining kills still land in the middle of an import.
    result="$(verify "$DATA" "finished run")" || { echo "$result"; exit 1; }
    printf 'run finished before %ss (archive %d): %s; starting a new archive\n' "$delay" "$generation" "$result"
    rm -rf "$DATA"
    generation=$((generation + 1))
  fi
done

# The same import, to the end.
"$CHANCERY_BIN" --data "$DATA" import "$INPUT" >"$WORK/import.log" 2>&1 || {
  echo "FAIL: the final import failed:"
  cat "$WORK/import.log"
  exit 1
}
result="$(verify "$DATA" "final")" || { echo "$result"; exit 1; }
count="$(python3 -c "import sys; print(sum(1 for _ in open('$WORK/export.jsonl')))")"
if [ "$count" -ne "$DOCUMENTS" ]; then
  echo "FAIL: $count documents after the final import, expected $DOCUMENTS"
  exit 1
fi
echo "final import: $result; exactly $DOCUMENTS documents, no duplicates, all at revision 1"
echo "crash test passed: $KILLS kills (seed $SEED)"

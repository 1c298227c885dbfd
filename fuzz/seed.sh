#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET with seed inputs made from the project's own test fixtures
# (crates/chancery-formats/tests/fixtures) and the line lists in fuzz/seeds/. Inputs the
# fuzzer found earlier stay; running it again only adds what is missing.
#
#   fuzz/seed.sh [TARGET…]      (every target when none is named)
set -euo pipefail
FUZZ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FIXTURES="$FUZZ/../crates/chancery-formats/tests/fixtures"
CORPUS="$FUZZ/corpus"
AUTHORITIES="$FUZZ/../crates/chancery/tests/fixtures"

# copy TARGET [PREFIX] FILE…: each file as a seed, its bytes after PREFIX (printf format).
copy() {
  local target="$1" prefix="$2"
  shift 2
  mkdir -p "$CORPUS/$target"
  for file in "$@"; do
    [ -f "$file" ] || continue
    local name
    name="$(basename "$(dirname "$file")")-$(basename "$file")"
    { printf "$prefix"; cat "$file"; } >"$CORPUS/$target/seed-$name"
  done
}

# named TARGET LIMIT FILE…: each file as "its name, NUL, its first LIMIT bytes".
named() {
  local target="$1" limit="$2"
  shift 2
  mkdir -p "$CORPUS/$target"
  for file in "$@"; do
    local name
    name="$(basename "$file")"
    { printf '%s\0' "$name"; head -c "$limit" "$file"; } \
      >"$CORPUS/$target/seed-$(basename "$(dirname "$file")")-$name"
  done
}

# lines TARGET PREFIX LIST: each line of LIST as a seed.
lines() {
  local target="$1" prefix="$2" list="$3" n=0
  mkdir -p "$CORPUS/$target"
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    { printf "$prefix"; printf '%s' "$line"; } >"$CORPUS/$target/seed-line-$n"
  done <"$list"
}

all=(cvce tei dc jsonl csv oai_response encoding_decode detect ingest edtf written_parse
  written_find_all query_parse tei_write export_roundtrip cite tei_authorities csv_authorities
  json_authorities)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
every=$(find "$FIXTURES" -type f | sort)
for target in "${targets[@]}"; do
  case "$target" in
    cvce) copy cvce "" "$FIXTURES"/cvce/* "$FIXTURES"/encoding/utf8.txt ;;
    tei)
      copy tei "0" "$FIXTURES"/tei/*
      copy tei "1" "$FIXTURES"/tei/essay.xml "$FIXTURES"/tei/frus-volume.xml
      ;;
    dc) copy dc "" "$FIXTURES"/dc/* ;;
    jsonl | tei_write | export_roundtrip | cite) copy "$target" "" "$FIXTURES"/jsonl/* ;;
    csv) copy csv "" "$FIXTURES"/csv/* "$FIXTURES"/encoding/utf8-bom.csv ;;
    oai_response) copy oai_response "" "$FIXTURES"/dc/listrecords.xml "$FIXTURES"/dc/single.xml "$FUZZ"/seeds/oai-*.xml ;;
    encoding_decode) copy encoding_decode "" "$FIXTURES"/encoding/* "$FIXTURES"/cvce/aide_memoire.txt ;;
    detect) named detect 2048 $every ;;
    ingest) named ingest 65536 $every ;;
    edtf) lines edtf "" "$FUZZ/seeds/edtf.txt" ;;
    written_parse) lines written_parse "" "$FUZZ/seeds/written.txt" ;;
    written_find_all) lines written_find_all '\x9e\x07' "$FUZZ/seeds/written.txt" ;;
    query_parse) lines query_parse "" "$FUZZ/seeds/queries.txt" ;;
    tei_authorities) copy tei_authorities "" "$AUTHORITIES"/authorities.tei.xml "$FIXTURES"/tei/frus-volume.xml ;;
    csv_authorities) copy csv_authorities "" "$AUTHORITIES"/authorities.csv ;;
    json_authorities) copy json_authorities "" "$FUZZ"/seeds/authorities-*.json* ;;
    *) echo "unknown target: $target" >&2; exit 2 ;;
  esac
done

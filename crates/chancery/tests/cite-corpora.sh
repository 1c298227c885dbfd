#!/usr/bin/env bash
# The citations of every document of ../shared/corpora, checked by processors written by
# others: imports the corpora into a temporary archive, exports CSL-JSON, BibTeX and RIS,
# and runs crates/chancery-formats/tests/cite-validate.sh on them (citeproc-py and
# citeproc-js for CSL-JSON, bibtexparser for BibTeX, rispy for RIS). Prints a notice and
# succeeds when the corpora are absent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
corpora="$(cd "$root/.." && pwd)/shared/corpora"
if [ ! -d "$corpora" ]; then
  echo "notice: $corpora is absent; skipping the corpus citation check"
  exit 0
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chancery-target}"
cargo build --quiet --manifest-path "$root/Cargo.toml" -p chancery
bin="$CARGO_TARGET_DIR/debug/chancery"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" --data "$work/data" import "$corpora/cvce" "$corpora/frus-history" "$corpora/milestones" >/dev/null 2>&1
mkdir "$work/samples"
"$bin" --data "$work/data" export --format csl-json -o "$work/samples/items.json" 2>/dev/null
"$bin" --data "$work/data" export --format bibtex -o "$work/samples/items.bib" 2>/dev/null
"$bin" --data "$work/data" export --format ris -o "$work/samples/items.ris" 2>/dev/null
echo "checking the citations of $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/samples/items.json") corpus documents"
CITE_SAMPLES_FROM="$work/samples" "$root/crates/chancery-formats/tests/cite-validate.sh" | tail -5

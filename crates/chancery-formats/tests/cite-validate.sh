#!/usr/bin/env bash
# Checks the citation writers' output with processors written by others:
#
#   CSL-JSON  citeproc-py (PyPI) and citeproc-js (npm `citeproc`, when npm is there) each
#             format every item with the CSL style and locale citeproc-py ships;
#   BibTeX    bibtexparser 2 (PyPI) parses every entry, and its LaTeX decoding gives back
#             each title exactly as the CSL-JSON has it;
#   RIS       rispy (PyPI) reads every record with the types and tags written;
#   HTML      Python's own HTML parser finds only the tags the writers may use, links only
#             to http(s), and the same words as the plain text.
#
# The samples come from `writes_samples_for_outside_validation` in tests/cite.rs, or from the
# folder named by CITE_SAMPLES_FROM (see crates/chancery/tests/cite-corpora.sh). Missing
# packages are installed quietly (npm's into ~/.cache/chancery-cite-validate). Prints one
# line per check and ends with "N passed, N failed"; exits non-zero when any check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chancery-target}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/chancery-cite-validate"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if ! python3 - <<'EOF'
import importlib.util, sys
ok = all(importlib.util.find_spec(m) for m in ("citeproc", "rispy", "bibtexparser", "pylatexenc"))
if ok:
    import bibtexparser
    ok = hasattr(bibtexparser, "parse_string")
sys.exit(0 if ok else 1)
EOF
then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    'citeproc-py>=0.6' 'bibtexparser>=2,<3' 'rispy>=0.7' >&2
fi

node_ok=0
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$cache/node_modules/citeproc" ]; then
    mkdir -p "$cache"
    npm install --silent --no-audit --no-fund --prefix "$cache" citeproc >/dev/null 2>&1 || true
  fi
  [ -d "$cache/node_modules/citeproc" ] && node_ok=1
fi

if [ -n "${CITE_SAMPLES_FROM:-}" ]; then
  # Samples made elsewhere (e.g. `chancery export --format csl-json|bibtex|ris` of a whole
  # archive): items.json, items.bib, items.ris, and formatted.json if any.
  cp "$CITE_SAMPLES_FROM"/* "$out/"
else
  (cd "$root" && CITE_SAMPLES_DIR="$out" cargo test --quiet -p chancery-formats --test cite \
    writes_samples_for_outside_validation >/dev/null)
fi

export CITE_OUT="$out" CITE_NODE_OK="$node_ok" NODE_PATH="$cache/node_modules"
python3 - <<'EOF'
import html.parser, json, os, re, subprocess, sys, warnings

out = os.environ["CITE_OUT"]
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))


def read(name):
    with open(os.path.join(out, name), encoding="utf-8", newline="") as f:
        return f.read()


items = json.loads(read("items.json"))
by_id = {item["id"]: item for item in items}
check("every sample has a distinct CSL-JSON id", len(by_id) == len(items))

# --- CSL-JSON: the shape the CSL-JSON schema asks for -------------------------------------
CSL_TYPES = {"personal_communication", "manuscript", "article"}


def valid_date(d):
    parts = d.get("date-parts")
    return (isinstance(parts, list) and 1 <= len(parts) <= 2
            and all(isinstance(p, list) and 1 <= len(p) <= 3 and all(type(x) is int for x in p)
                    for p in parts)
            and all(1 <= p[1] <= 12 for p in parts if len(p) > 1)
            and all(1 <= p[2] <= 31 for p in parts if len(p) > 2)
            and set(d) <= {"date-parts", "circa", "season"})


def valid_name(n):
    return (set(n) == {"literal"} and n["literal"].strip() != "") or (
        "family" in n and "given" in n and "literal" not in n and n["family"].strip() != "")


for item in items:
    problems = []
    if item.get("type") not in CSL_TYPES:
        problems.append(f"type {item.get('type')!r}")
    for key in ("issued", "accessed"):
        if key in item and not valid_date(item[key]):
            problems.append(f"{key} {item[key]}")
    for key in ("author", "recipient"):
        if key in item and not all(valid_name(n) for n in item[key]):
            problems.append(f"{key} {item[key]}")
    for key, value in item.items():
        if key not in ("issued", "accessed", "author", "recipient") and not isinstance(value, str):
            problems.append(f"{key} is not a string")
    check(f"CSL-JSON shape: {item.get('title', item['id'])[:50]}", not problems, "; ".join(problems))

# --- CSL-JSON through citeproc-py ---------------------------------------------------------
import citeproc
from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                      CitationStylesStyle, formatter)
from citeproc.source.json import CiteProcJSON

style_path = os.path.join(os.path.dirname(citeproc.__file__), "data", "styles",
                          "harvard-cite-them-right.csl")
locale_path = os.path.join(os.path.dirname(citeproc.__file__), "data", "locales",
                           "locales-en-GB.xml")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    source = CiteProcJSON(json.loads(json.dumps(items)))
    style = CitationStylesStyle(style_path, validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bib.bibliography()]
check("citeproc-py formats every item", len(rendered) == len(items),
      f"{len(rendered)} of {len(items)}")
joined = "\n".join(rendered)
for item in items:
    title = item.get("title")
    if title:
        check(f"citeproc-py shows the title: {title[:50]}", title.split()[0] in joined)
unsupported = sorted({str(w.message) for w in caught})
check("citeproc-py reads every field without a warning", not unsupported, " | ".join(unsupported))

# --- CSL-JSON through citeproc-js ---------------------------------------------------------
if os.environ.get("CITE_NODE_OK") == "1":
    script = r"""
const CSL = require('citeproc');
const fs = require('fs');
const [items, style, locale] = process.argv.slice(1).map(p => fs.readFileSync(p, 'utf8'));
const list = JSON.parse(items);
const byId = Object.fromEntries(list.map(i => [i.id, i]));
const engine = new CSL.Engine({retrieveLocale: () => locale, retrieveItem: id => byId[id]},
                              style, 'en-GB');
engine.updateItems(Object.keys(byId));
const [meta, entries] = engine.makeBibliography();
process.stdout.write(JSON.stringify({errors: meta.bibliography_errors, ids: meta.entry_ids, entries}));
"""
    proc = subprocess.run(["node", "-e", script, os.path.join(out, "items.json"), style_path,
                           locale_path], capture_output=True, text=True)
    ok = proc.returncode == 0
    check("citeproc-js runs", ok, proc.stderr.strip()[-500:])
    if ok:
        result = json.loads(proc.stdout)
        check("citeproc-js formats every item", len(result["entries"]) == len(items),
              f"{len(result['entries'])} of {len(items)}")
        check("citeproc-js reports no bibliography errors", not result["errors"],
              str(result["errors"]))
        for ids, entry in zip(result["ids"], result["entries"]):
            item = by_id[ids[0]]
            if "issued" in item:
                year = str(abs(item["issued"]["date-parts"][0][0]))
                check(f"citeproc-js gives the year {year}: {item.get('title', '')[:40]}",
                      year in entry, entry.strip())
else:
    print("note: npm or the citeproc package is not available; citeproc-js skipped")

# --- BibTeX through bibtexparser ----------------------------------------------------------
import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

bib_text = read("items.bib")
library = bibtexparser.parse_string(bib_text)
check("bibtexparser parses every block", not library.failed_blocks,
      "; ".join(str(b.error) for b in library.failed_blocks)[:500])
check("bibtexparser finds one entry per item", len(library.entries) == len(items),
      f"{len(library.entries)} of {len(items)}")
keys = [e.key for e in library.entries]
check("BibTeX keys are distinct", len(set(keys)) == len(keys))
check("BibTeX keys are lowercase ASCII with the id's start",
      all(re.fullmatch(r"[a-z0-9]+-[0-9a-f]{4}", k) for k in keys), ", ".join(keys))
decoded = bibtexparser.parse_string(bib_text, append_middleware=[LatexDecodingMiddleware()])
for entry, item in zip(decoded.entries, items):
    fields = {f.key: f.value for f in entry.fields}
    check(f"BibTeX @misc with url and urldate: {entry.key}",
          entry.entry_type == "misc" and "url" in fields and "urldate" in fields)
    if "title" in item:
        # pylatexenc decodes \textasciicircum{} (LaTeX's own name for ^) as U+02C6.
        title = fields.get("title", "").replace("\u02c6", "^")
        check(f"BibTeX title decodes to the original: {entry.key}",
              title == item["title"], f"{title!r} != {item['title']!r}")
    if "author" in item:
        check(f"BibTeX has one author per CSL author: {entry.key}",
              len(fields.get("author", "").split(" and ")) == len(item["author"]))

# --- RIS through rispy --------------------------------------------------------------------
import rispy

ris_text = read("items.ris")
lines = ris_text.split("\r\n")
check("RIS lines all end in CRLF", "\n" not in ris_text.replace("\r\n", ""))
check("RIS lines are tags or blank", all(l == "" or re.fullmatch(r"[A-Z][A-Z0-9]  - .*", l)
                                         for l in lines))
records = rispy.loads(ris_text)
check("rispy reads one record per item", len(records) == len(items),
      f"{len(records)} of {len(items)}")
RIS_TYPES = {"personal_communication": "PCOMM", "manuscript": "MANSCPT", "article": "GEN"}
for record, item in zip(records, items):
    problems = []
    if record.get("type_of_reference") != RIS_TYPES[item["type"]]:
        problems.append(f"type {record.get('type_of_reference')}")
    if record.get("id") != item["id"]:
        problems.append("id")
    if item.get("title") and record.get("title") != item["title"]:
        problems.append(f"title {record.get('title')!r}")
    if item.get("URL") and item["URL"] not in record.get("urls", []):
        problems.append("url")
    if len(record.get("authors", [])) != len(item.get("author", [])):
        problems.append("authors")
    if "issued" in item and not re.fullmatch(r"-?\d{4}/(\d\d)?/(\d\d)?/.*", record.get("date", "")):
        problems.append(f"date {record.get('date')!r}")
    check(f"rispy reads the record: {item.get('title', item['id'])[:50]}", not problems,
          "; ".join(problems))

# --- Formatted HTML -----------------------------------------------------------------------
ALLOWED = {"i", "b", "u", "sup", "sub", "span", "a"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.problems, self.open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)
        if tag not in ALLOWED:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if (tag, name) == ("a", "href"):
                if not re.match(r"https?://", value or ""):
                    self.problems.append(f"href {value!r}")
            elif (tag, name, value) != ("span", "style", "font-variant:small-caps"):
                self.problems.append(f"attribute {name} on <{tag}>")

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_data(self, data):
        self.text.append(data)


formatted = json.loads(read("formatted.json")) if os.path.exists(os.path.join(out, "formatted.json")) else {}
for name, styles in formatted.items():
    for style, out_ in styles.items():
        checker = Checker()
        checker.feed(out_["html"])
        checker.close()
        problems = checker.problems + (["unclosed tags"] if checker.open else [])
        if "".join(checker.text) != out_["text"]:
            problems.append("HTML text differs from the plain text")
        if not out_["text"].strip():
            problems.append("empty")
        check(f"HTML is safe and matches the text: {name} {style}", not problems,
              "; ".join(problems))

passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF

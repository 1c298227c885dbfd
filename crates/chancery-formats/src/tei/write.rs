//! Documents as TEI P5 files: the header from the metadata, the body from the blocks.

use chancery_model::{AccessLevel, DocDate, Document};

use super::escape;
use super::header::relation_name;
use super::mentions::{self, is_plain_iso};
use super::names::{CHANCERY_NS, COLLECTIONS_SCHEME, DOCTYPE_SCHEME, TEI_NS};
use super::write_body::{push_attr, push_text_attrs, write_body};

/// A complete TEI file for one document.
pub(crate) fn write(doc: &Document) -> String {
    let mut out =
        String::with_capacity(4096 + doc.body.iter().map(|b| b.text.len() * 2).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let mut fragments = 0;
    tei(&mut out, doc, &mut fragments, 0, true);
    out.push('\n');
    out
}

/// A `teiCorpus` holding one `TEI` per document.
pub(crate) fn write_corpus(docs: &[Document]) -> String {
    let mut corpus = CorpusWriter::default();
    let mut out = corpus.start();
    for doc in docs {
        out.push_str(&corpus.member(doc));
    }
    out.push_str(CorpusWriter::end());
    out
}

/// Writes a `teiCorpus` piece by piece, so that an export of any size streams: the start,
/// then one member per document, then the end.
#[derive(Debug, Default)]
pub struct CorpusWriter {
    /// Identifiers handed out to span fragments so far: unique across the whole corpus.
    fragments: u64,
}

impl CorpusWriter {
    /// The XML declaration, the `teiCorpus` start tag and the corpus header.
    pub fn start(&mut self) -> String {
        let mut out = String::with_capacity(1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<teiCorpus xmlns=\"{TEI_NS}\" xmlns:chancery=\"{CHANCERY_NS}\">"
        ));
        let mut x = Xml { out: &mut out };
        x.open(1, "teiHeader", &[]);
        x.open(2, "fileDesc", &[]);
        x.open(3, "titleStmt", &[]);
        x.leaf(4, "title", &[], "Documents exported from Chancery");
        x.close(3, "titleStmt");
        x.open(3, "publicationStmt", &[]);
        x.leaf(4, "p", &[], "Exported from a Chancery archive.");
        x.close(3, "publicationStmt");
        x.open(3, "sourceDesc", &[]);
        x.leaf(4, "p", &[], "Each document has its own header.");
        x.close(3, "sourceDesc");
        x.close(2, "fileDesc");
        x.close(1, "teiHeader");
        out
    }

    /// One document's `TEI` element.
    pub fn member(&mut self, doc: &Document) -> String {
        let mut out =
            String::with_capacity(4096 + doc.body.iter().map(|b| b.text.len() * 2).sum::<usize>());
        out.push('\n');
        tei(&mut out, doc, &mut self.fragments, 1, false);
        out
    }

    /// The end of the corpus.
    pub fn end() -> &'static str {
        "\n</teiCorpus>\n"
    }
}

fn tei(out: &mut String, doc: &Document, fragments: &mut u64, depth: usize, root: bool) {
    indent(out, depth);
    if root {
        out.push_str(&format!(
            "<TEI xmlns=\"{TEI_NS}\" xmlns:chancery=\"{CHANCERY_NS}\">"
        ));
    } else {
        out.push_str("<TEI>");
    }
    // The body first: the header says whether its markup holds all the mentions.
    let mut body = String::with_capacity(doc.body.iter().map(|b| b.text.len() * 2).sum());
    let marked = write_body(&mut body, &doc.body, &doc.mentions, fragments, depth + 3);
    header(out, doc, depth + 1, !markup_holds_mentions(doc, marked));
    let mut x = Xml { out };
    let text_attrs: Vec<(&str, &str)> = doc
        .language
        .iter()
        .map(|l| ("xml:lang", l.as_str()))
        .collect();
    x.open(depth + 1, "text", &text_attrs);
    x.open(depth + 2, "body", &[]);
    x.out.push_str(&body);
    x.close(depth + 2, "body");
    x.close(depth + 1, "text");
    x.close(depth, "TEI");
}

/// Whether reading the body's markup gives the document's mentions back as they are: all of
/// them were marked up (`marked` is how many), each says no more than the markup does, and
/// they stand in the order the reader gives.
fn markup_holds_mentions(doc: &Document, marked: usize) -> bool {
    marked == doc.mentions.len()
        && doc.mentions.iter().all(mentions::reads_back)
        && doc
            .mentions
            .windows(2)
            .all(|w| mentions::order_key(&w[0]) <= mentions::order_key(&w[1]))
}

/// The header; with `mentions_json`, the document's mentions as JSON in `xenoData` (for
/// those the body's markup cannot give back).
fn header(out: &mut String, doc: &Document, d: usize, mentions_json: bool) {
    let mut x = Xml { out };
    let source = doc.source.as_ref();
    x.open(d, "teiHeader", &[]);
    x.open(d + 1, "fileDesc", &[]);
    x.open(d + 2, "titleStmt", &[]);
    x.leaf(d + 3, "title", &[("type", "main")], &doc.title);
    x.close(d + 2, "titleStmt");

    x.open(d + 2, "publicationStmt", &[]);
    match source.and_then(|s| s.publisher.as_deref()) {
        Some(publisher) => x.leaf(d + 3, "publisher", &[], publisher),
        // TEI wants a responsible body first; the reader takes only `publisher`.
        None => x.leaf(d + 3, "authority", &[], "Chancery"),
    }
    if let Some(place) = source.and_then(|s| s.place.as_deref()) {
        x.leaf(d + 3, "pubPlace", &[], place);
    }
    if let Some(year) = source.and_then(|s| s.year) {
        let when = year_iso(year);
        x.leaf(
            d + 3,
            "date",
            &[("type", "published"), ("when", &when)],
            &year.to_string(),
        );
    }
    x.leaf(d + 3, "idno", &[("type", "chancery")], &doc.id.to_string());
    if let Some(url) = &doc.url {
        x.leaf(d + 3, "idno", &[("type", "URL")], url);
    }
    if let Some(updated) = doc.source_updated {
        let when = updated.to_string();
        x.leaf(
            d + 3,
            "date",
            &[("type", "source-updated"), ("when", &when)],
            &when,
        );
    }
    let status = if doc.rights.access == AccessLevel::Public {
        "free"
    } else {
        "restricted"
    };
    x.open(
        d + 3,
        "availability",
        &[("status", status), ("n", doc.rights.access.as_str())],
    );
    if doc.rights.statement.is_some() || doc.rights.uri.is_some() {
        let target: Vec<(&str, &str)> = doc
            .rights
            .uri
            .iter()
            .map(|u| ("target", u.as_str()))
            .collect();
        match &doc.rights.statement {
            Some(statement) => x.leaf(d + 4, "licence", &target, statement),
            None => x.empty(d + 4, "licence", &target),
        }
    }
    if let Some(until) = doc.rights.embargo_until {
        let when = until.to_string();
        x.nl(d + 4);
        x.out.push_str("<p><date type=\"embargo\"");
        push_attr(x.out, "when", &when);
        x.out.push_str("/></p>");
    }
    x.close(d + 3, "availability");
    x.close(d + 2, "publicationStmt");

    if !doc.relations.is_empty() {
        x.open(d + 2, "notesStmt", &[]);
        for relation in &doc.relations {
            let attrs = [
                ("type", relation_name(relation.kind)),
                ("target", relation.target.as_str()),
            ];
            match &relation.label {
                Some(label) => {
                    x.open(d + 3, "relatedItem", &attrs);
                    x.leaf(d + 4, "bibl", &[], label);
                    x.close(d + 3, "relatedItem");
                }
                None => x.empty(d + 3, "relatedItem", &attrs),
            }
        }
        x.close(d + 2, "notesStmt");
    }

    x.open(d + 2, "sourceDesc", &[]);
    match source {
        Some(source) => {
            match &source.text {
                Some(text) => x.leaf(d + 3, "bibl", &[], text),
                None => x.empty(d + 3, "bibl", &[]),
            }
            if source.title.is_some() || source.pages.is_some() || source.extent.is_some() {
                x.open(d + 3, "biblStruct", &[]);
                x.open(d + 4, "monogr", &[]);
                if let Some(title) = &source.title {
                    x.leaf(d + 5, "title", &[], title);
                }
                match &source.pages {
                    Some(pages) => {
                        x.open(d + 5, "imprint", &[]);
                        x.leaf(d + 6, "biblScope", &[("unit", "page")], pages);
                        x.close(d + 5, "imprint");
                    }
                    None => x.empty(d + 5, "imprint", &[]),
                }
                if let Some(extent) = &source.extent {
                    x.leaf(d + 5, "extent", &[], extent);
                }
                x.close(d + 4, "monogr");
                x.close(d + 3, "biblStruct");
            }
        }
        None => x.empty(d + 3, "p", &[]),
    }
    x.close(d + 2, "sourceDesc");
    x.close(d + 1, "fileDesc");

    let has_profile = doc.date.is_some()
        || doc.place.is_some()
        || doc.language.is_some()
        || doc.caption.is_some()
        || !doc.subjects.is_empty()
        || !doc.collections.is_empty()
        || doc.doc_type.is_some()
        || !doc.senders.is_empty()
        || !doc.recipients.is_empty();
    if has_profile {
        x.open(d + 1, "profileDesc", &[]);
        if doc.date.is_some() || doc.place.is_some() {
            x.open(d + 2, "creation", &[]);
            if let Some(date) = &doc.date {
                created_date(&mut x, d + 3, date);
            }
            if let Some(place) = &doc.place {
                x.leaf(d + 3, "placeName", &[], place);
            }
            x.close(d + 2, "creation");
        }
        if let Some(language) = &doc.language {
            x.open(d + 2, "langUsage", &[]);
            x.empty(d + 3, "language", &[("ident", language)]);
            x.close(d + 2, "langUsage");
        }
        if let Some(caption) = &doc.caption {
            x.open(d + 2, "abstract", &[]);
            x.leaf(d + 3, "p", &[], caption);
            x.close(d + 2, "abstract");
        }
        if !doc.subjects.is_empty() || !doc.collections.is_empty() || doc.doc_type.is_some() {
            x.open(d + 2, "textClass", &[]);
            for (terms, scheme) in [
                (&doc.subjects, None),
                (&doc.collections, Some(COLLECTIONS_SCHEME)),
            ] {
                if terms.is_empty() {
                    continue;
                }
                let attrs: Vec<(&str, &str)> = scheme.iter().map(|s| ("scheme", *s)).collect();
                x.open(d + 3, "keywords", &attrs);
                for term in terms {
                    x.leaf(d + 4, "term", &[], term);
                }
                x.close(d + 3, "keywords");
            }
            if let Some(doc_type) = doc.doc_type {
                x.leaf(
                    d + 3,
                    "classCode",
                    &[("scheme", DOCTYPE_SCHEME)],
                    doc_type.slug(),
                );
            }
            x.close(d + 2, "textClass");
        }
        if !doc.senders.is_empty() || !doc.recipients.is_empty() {
            x.open(d + 2, "correspDesc", &[]);
            for (agents, kind) in [(&doc.senders, "sent"), (&doc.recipients, "received")] {
                if agents.is_empty() {
                    continue;
                }
                x.open(d + 3, "correspAction", &[("type", kind)]);
                for agent in agents {
                    let attrs: Vec<(&str, &str)> =
                        agent.id.iter().map(|id| ("ref", id.as_str())).collect();
                    x.leaf(d + 4, "persName", &attrs, &agent.name);
                }
                x.close(d + 3, "correspAction");
            }
            x.close(d + 2, "correspDesc");
        }
        x.close(d + 1, "profileDesc");
    }
    if mentions_json {
        // Serializing plain data with string keys cannot fail.
        let json = serde_json::to_string(&doc.mentions).unwrap_or_default();
        x.open(d + 1, "xenoData", &[]);
        x.leaf(d + 2, "chancery:mentions", &[], &json);
        x.close(d + 1, "xenoData");
    }
    x.close(d, "teiHeader");
}

/// The date of writing: ISO dates in `@when`, which every TEI tool reads; other EDTF
/// (intervals, uncertain and approximate dates, unspecified digits) in `@when-custom`.
fn created_date(x: &mut Xml<'_>, depth: usize, date: &DocDate) {
    let edtf = date.edtf();
    let mut attrs = vec![("type", "created")];
    if is_plain_iso(edtf) {
        attrs.push(("when", edtf));
    } else {
        attrs.push(("when-custom", edtf));
        attrs.push(("datingMethod", "#edtf"));
    }
    match date.text() {
        Some(text) => x.leaf(depth, "date", &attrs, text),
        None => x.empty(depth, "date", &attrs),
    }
}

/// A year as `xsd:gYear` writes it (at least four digits, a minus before years before 1).
fn year_iso(year: i32) -> String {
    let year = i64::from(year);
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Small helpers for the header's elements, one per line.
struct Xml<'o> {
    out: &'o mut String,
}

impl Xml<'_> {
    fn nl(&mut self, depth: usize) {
        self.out.push('\n');
        indent(self.out, depth);
    }

    fn start(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.nl(depth);
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            push_attr(self.out, k, v);
        }
    }

    fn open(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.start(depth, name, attrs);
        self.out.push('>');
    }

    fn empty(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.start(depth, name, attrs);
        self.out.push_str("/>");
    }

    fn close(&mut self, depth: usize, name: &str) {
        self.nl(depth);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// An element holding only `text`, marked so it reads back as it is (whitespace kept,
    /// an empty value kept as empty rather than absent).
    fn leaf(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(depth, name, attrs);
        push_text_attrs(self.out, text);
        if text.is_empty() {
            self.out.push_str("/>");
        } else {
            self.out.push('>');
            escape::text(self.out, text);
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_written_as_xsd_years() {
        assert_eq!(year_iso(-44), "-0044");
        assert_eq!(year_iso(950), "0950");
        assert_eq!(year_iso(i32::MIN), "-2147483648");
    }
}

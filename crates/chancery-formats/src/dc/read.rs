//! Reading Dublin Core records into documents.

use chancery_model::{
    AgentRef, DocDate, DocType, Document, DocumentId, Relation, RelationKind, SourceCitation, body,
};
use roxmltree::Node;
use uuid::Uuid;

use super::{DC_NS, DCTERMS_NS};
use crate::records::{Batch, Positions, RecordAt, language};
use crate::xml;
use crate::{FormatError, ReadContext, ReadOutput};

/// The DCMI Type Vocabulary: what `dc:type` says of most records ("Text"), which tells
/// nothing about the kind of document and is passed over without a warning.
const DCMI_TYPES: &[&str] = &[
    "collection",
    "dataset",
    "event",
    "image",
    "interactiveresource",
    "interactive resource",
    "movingimage",
    "moving image",
    "physicalobject",
    "physical object",
    "service",
    "software",
    "sound",
    "stillimage",
    "still image",
    "text",
];

/// The fifteen Dublin Core elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Title,
    Creator,
    Subject,
    Description,
    Publisher,
    Contributor,
    Date,
    Type,
    Format,
    Identifier,
    Source,
    Language,
    Relation,
    Coverage,
    Rights,
}

impl Element {
    fn from_local_name(name: &str) -> Option<Self> {
        Some(match name {
            "title" => Element::Title,
            "creator" => Element::Creator,
            "subject" => Element::Subject,
            "description" => Element::Description,
            "publisher" => Element::Publisher,
            "contributor" => Element::Contributor,
            "date" => Element::Date,
            "type" => Element::Type,
            "format" => Element::Format,
            "identifier" => Element::Identifier,
            "source" => Element::Source,
            "language" => Element::Language,
            "relation" => Element::Relation,
            "coverage" => Element::Coverage,
            "rights" => Element::Rights,
            _ => return None,
        })
    }
}

/// The Dublin Core element `node` is, if it is one: an element of the DC (or DCMI terms)
/// namespace, or an element without a namespace directly under a `dc` or `simpledc`
/// element.
fn element_of(node: Node<'_, '_>) -> Option<Element> {
    if !node.is_element() {
        return None;
    }
    let name = node.tag_name();
    let in_dc = match name.namespace() {
        // The namespace without its final slash is a frequent slip; it means the same.
        Some(ns) => [DC_NS, DCTERMS_NS]
            .iter()
            .any(|dc| ns == *dc || Some(ns) == dc.strip_suffix('/')),
        None => node
            .parent_element()
            .is_some_and(|p| matches!(p.tag_name().name(), "dc" | "simpledc")),
    };
    if in_dc {
        Element::from_local_name(name.name())
    } else {
        None
    }
}

/// Whether `node` holds a record: an element, not a DC element itself, with DC children.
fn is_record(node: Node<'_, '_>) -> bool {
    node.is_element()
        && element_of(node).is_none()
        && node.children().any(|c| element_of(c).is_some())
}

/// The first child element of `node` with local name `name`.
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// An OAI-PMH record's header: its identifier, datestamp and whether it is deleted.
struct OaiHeader {
    identifier: Option<String>,
    datestamp: Option<String>,
    deleted: bool,
}

impl OaiHeader {
    /// The header of `record` when it is an OAI-PMH `record` element.
    fn of(record: Node<'_, '_>) -> Option<Self> {
        if record.tag_name().name() != "record" {
            return None;
        }
        let header = child(record, "header")?;
        let text_of = |name| {
            child(header, name)
                .map(xml::squeezed_text)
                .filter(|t| !t.is_empty())
        };
        Some(Self {
            identifier: text_of("identifier"),
            datestamp: text_of("datestamp"),
            deleted: header.attribute("status") == Some("deleted"),
        })
    }
}

/// Reads a Dublin Core file: one record or many.
///
/// Each record's elements become fields: the first `dc:title` the title; `dc:creator`
/// senders; `dc:subject` subjects; one `dc:description` the text, or with several, the
/// first the caption and the others the text, in order; `dc:date` the date (EDTF, or a
/// date as written); `dc:type` the document type; `dc:language` the language (ISO 639-2
/// codes and language names become BCP 47); `dc:identifier` the URL (the first http(s)
/// one) and the id (the UUID an identifier holds, else one derived from the first
/// identifier, the OAI identifier, or the record's place in the file); `dc:source` the
/// source citation, `dc:publisher` its publisher; `dc:coverage` the place, unless it is a
/// date; `dc:rights` the rights statement, or its URI when it is one; `dc:relation` a
/// `references` relation. In an OAI-PMH response, the header's identifier becomes the
/// provenance record and its datestamp the source's last update; deleted records are
/// skipped with a warning.
///
/// # Errors
///
/// XML that is malformed or carries a DOCTYPE; a file without any record; an OAI-PMH
/// error response; and records without a title or a description, or that fail the
/// model's validation, each at the record's line and column.
pub fn read(text: &str, ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    let xml = xml::parse(text).map_err(|e| vec![e])?;
    let root = xml.root_element();
    let mut batch = Batch::new("dc", ctx);
    let mut positions = Positions::new(text);

    if let Some(error) = child(root, "error").filter(|_| root.tag_name().name() == "OAI-PMH") {
        let code = error.attribute("code").unwrap_or("unknown");
        let message = xml::squeezed_text(error);
        if code == "noRecordsMatch" {
            batch.warn(format!("the OAI-PMH response holds no records ({message})"));
            return batch.finish();
        }
        return Err(vec![xml::error_at(
            text,
            error,
            format!("the OAI-PMH response is an error ({code}): {message}"),
        )]);
    }

    let mut deleted = 0;
    let mut n = 0;
    for node in root.descendants().filter(|n| n.is_element()) {
        if let Some(header) = OaiHeader::of(node).filter(|h| h.deleted) {
            deleted += 1;
            let at = positions.at(node.range().start);
            batch.warn(format!(
                "record {} (line {}) is deleted at the source{}; skipped",
                header.identifier.as_deref().unwrap_or("without identifier"),
                at.line,
                header
                    .datestamp
                    .map(|d| format!(" (datestamp {d})"))
                    .unwrap_or_default(),
            ));
        } else if is_record(node) {
            let oai = node.ancestors().find_map(OaiHeader::of);
            if oai.as_ref().is_some_and(|h| h.deleted) {
                continue;
            }
            n += 1;
            let at = positions.at(node.range().start);
            read_record(node, n, at, oai, &mut batch);
        }
    }
    if n == 0 && deleted == 0 {
        return Err(vec![xml::error_at(
            text,
            root,
            format!(
                "no Dublin Core record found: expected elements (such as oai_dc:dc) holding \
                 elements of the {DC_NS} namespace"
            ),
        )]);
    }
    if let Some(token) = root
        .descendants()
        .find(|n| n.tag_name().name() == "resumptionToken")
        .map(xml::squeezed_text)
        .filter(|t| !t.is_empty())
    {
        batch.warn(format!(
            "this OAI-PMH response is one page of a longer list (resumption token '{token}'); \
             the records of the other pages are not in this file"
        ));
    }
    batch.finish()
}

/// The values of a record's elements, in document order.
#[derive(Default)]
struct Values {
    of: Vec<(Element, String)>,
}

impl Values {
    fn read(record: Node<'_, '_>) -> Self {
        let of = record
            .children()
            .filter_map(|c| element_of(c).map(|e| (e, c)))
            .map(|(element, node)| {
                let value = if element == Element::Description {
                    raw_text(node)
                } else {
                    xml::squeezed_text(node)
                };
                (element, value)
            })
            .filter(|(_, value)| !value.trim().is_empty())
            .collect();
        Self { of }
    }

    fn all(&self, element: Element) -> impl Iterator<Item = &str> {
        self.of
            .iter()
            .filter(move |(e, _)| *e == element)
            .map(|(_, v)| v.as_str())
    }
}

/// The text of `node` and its descendants as written, line breaks kept.
fn raw_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

/// Text as paragraphs: lines holding only whitespace (indentation in pretty-printed XML)
/// count as blank, so they separate paragraphs.
fn paragraphs(text: &str) -> Vec<chancery_model::Block> {
    let tidy = text.lines().map(str::trim).collect::<Vec<_>>().join("\n");
    body::paragraphs(&tidy)
}

/// Reads the `n`th record, `record`, found at `at`.
fn read_record(
    record: Node<'_, '_>,
    n: usize,
    at: RecordAt,
    oai: Option<OaiHeader>,
    batch: &mut Batch<'_>,
) {
    let values = Values::read(record);
    let label = match oai.as_ref().and_then(|h| h.identifier.as_deref()) {
        Some(id) => format!("record {id} (line {})", at.line),
        None => format!("record {n} (line {})", at.line),
    };
    let title = values.all(Element::Title).next().map(str::to_string);
    let descriptions: Vec<&str> = values.all(Element::Description).collect();
    let mut failed = false;
    if title.is_none() {
        batch.error(at.error(format!("record {n}: no dc:title")));
        failed = true;
    }
    if descriptions.is_empty() {
        batch.error(at.error(format!("record {n}: no dc:description to hold the text")));
        failed = true;
    }
    if failed {
        return;
    }

    let mut warn = |message: String| batch.warn(format!("{label}: {message}"));
    let mut doc = Document::new(DocumentId::nil(), title.unwrap_or_default(), "");
    for extra in values.all(Element::Title).skip(1) {
        warn(format!(
            "dc:title '{extra}' ignored (the first title is kept)"
        ));
    }
    let (caption, text) = match descriptions.split_first() {
        Some((only, [])) => (None, std::slice::from_ref(only)),
        Some((first, rest)) => (Some(xml::squeeze(first)), rest),
        None => (None, &descriptions[..]),
    };
    doc.caption = caption.filter(|c| !c.is_empty());
    doc.body = text.iter().flat_map(|d| paragraphs(d)).collect();
    doc.senders = values.all(Element::Creator).map(AgentRef::named).collect();
    doc.subjects = values.all(Element::Subject).map(str::to_string).collect();
    doc.relations = values
        .all(Element::Relation)
        .map(|target| Relation {
            kind: RelationKind::References,
            target: target.to_string(),
            label: None,
        })
        .collect();
    for date in values.all(Element::Date) {
        match read_date(date) {
            Some(_) if doc.date.is_some() => {
                warn(format!("dc:date '{date}' ignored (the first date is kept)"))
            }
            Some(parsed) => doc.date = Some(parsed),
            None => warn(format!(
                "dc:date '{date}' is not a date this archive can read; left out"
            )),
        }
    }
    for name in values.all(Element::Type) {
        match DocType::from_name(name) {
            Some(t) if doc.doc_type.is_none() => doc.doc_type = Some(t),
            Some(t) if doc.doc_type == Some(t) => {}
            Some(_) => warn(format!(
                "dc:type '{name}' ignored (the first document type is kept)"
            )),
            None if DCMI_TYPES.contains(&name.trim().to_lowercase().as_str()) => {}
            None => warn(format!(
                "dc:type '{name}' is not a document type this archive knows; left out"
            )),
        }
    }
    for name in values.all(Element::Language) {
        match language::to_bcp47(name) {
            Some(tag) if doc.language.is_none() => doc.language = Some(tag),
            Some(tag) if doc.language.as_deref() == Some(tag.as_str()) => {}
            Some(_) => warn(format!(
                "dc:language '{name}' ignored (the first language is kept)"
            )),
            None => warn(format!(
                "dc:language '{name}' is not a language this archive knows; left out"
            )),
        }
    }
    for coverage in values.all(Element::Coverage) {
        if read_date(coverage).is_some() {
            // Temporal coverage is what the document is about, not when it was written.
            continue;
        }
        match doc.place {
            None => doc.place = Some(coverage.to_string()),
            Some(_) => warn(format!(
                "dc:coverage '{coverage}' ignored (the first place is kept)"
            )),
        }
    }
    let mut statements = Vec::new();
    for rights in values.all(Element::Rights) {
        if !is_uri(rights) {
            statements.push(rights);
        } else if doc.rights.uri.is_none() {
            doc.rights.uri = Some(rights.to_string());
        } else {
            warn(format!(
                "dc:rights '{rights}' ignored (the first rights URI is kept)"
            ));
        }
    }
    doc.rights.statement = (!statements.is_empty()).then(|| statements.join("\n\n"));
    let joined = |element| {
        let all: Vec<&str> = values.all(element).collect();
        (!all.is_empty()).then(|| all.join("; "))
    };
    let source = SourceCitation {
        text: joined(Element::Source),
        publisher: joined(Element::Publisher),
        ..SourceCitation::default()
    };
    doc.source = (source != SourceCitation::default()).then_some(source);
    let contributors: Vec<&str> = values.all(Element::Contributor).collect();
    if !contributors.is_empty() {
        warn(format!(
            "dc:contributor not kept ({}): a contributor may be a recipient, an editor or a \
             translator, and the record does not say which",
            contributors.join("; ")
        ));
    }
    let identifiers: Vec<&str> = values.all(Element::Identifier).collect();
    doc.url = identifiers
        .iter()
        .find(|i| is_uri(i))
        .map(|i| (*i).to_string());
    doc.id = identifiers
        .iter()
        .find_map(|i| find_uuid(i))
        .map(DocumentId::new)
        .or_else(|| {
            identifiers
                .first()
                .map(|i| DocumentId::from_key(&format!("dc:{i}")))
        })
        .or_else(|| {
            let oai_id = oai.as_ref()?.identifier.as_ref()?;
            Some(DocumentId::from_key(&format!("dc:{oai_id}")))
        })
        .unwrap_or_else(DocumentId::nil);
    if let Some(datestamp) = oai.as_ref().and_then(|h| h.datestamp.as_deref()) {
        match datestamp
            .get(..10)
            .and_then(|day| day.parse::<jiff::civil::Date>().ok())
        {
            Some(day) => doc.source_updated = Some(day),
            None => warn(format!(
                "OAI datestamp '{datestamp}' is not a day; left out"
            )),
        }
    }

    let record_name = match oai.and_then(|h| h.identifier) {
        Some(id) => id,
        None => format!("record {n}"),
    };
    batch.stamp(&mut doc, n, record_name);
    if let Err(problems) = doc.validate() {
        for problem in problems {
            batch.error(at.error(format!("record {n}: {problem}")));
        }
        return;
    }
    batch.add(doc, at);
}

/// A date as a record gives it: EDTF (which W3CDTF dates are), or as people write it.
fn read_date(value: &str) -> Option<DocDate> {
    DocDate::parse_edtf(value)
        .or_else(|_| DocDate::from_written(value))
        .ok()
}

/// Whether `value` is an http(s) address and nothing more.
fn is_uri(value: &str) -> bool {
    (value.starts_with("http://") || value.starts_with("https://"))
        && !value.contains(char::is_whitespace)
}

/// The last UUID written in `value` (hyphenated, not part of a longer run of hex digits),
/// as CVCE addresses end in one and `urn:uuid:` identifiers are one. The nil UUID does not
/// count: it means "no identifier".
fn find_uuid(value: &str) -> Option<Uuid> {
    const LENGTH: usize = 36;
    let bytes = value.as_bytes();
    let shaped = |window: &[u8]| {
        window.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
    };
    let hex_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
    (0..bytes.len().saturating_sub(LENGTH - 1))
        .rev()
        .filter(|&i| shaped(&bytes[i..i + LENGTH]))
        // Part of a longer run of hex digits is not a UUID.
        .filter(|&i| !hex_at(i + LENGTH) && (i == 0 || !hex_at(i - 1)))
        .filter_map(|i| {
            value
                .get(i..i + LENGTH)
                .and_then(|s| Uuid::parse_str(s).ok())
        })
        .find(|u| !u.is_nil())
}

#[cfg(test)]
mod tests {
    use chancery_model::BlockKind;

    use super::*;

    const OPEN: &str = r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">"#;

    fn record(fields: &str) -> String {
        format!("{OPEN}\n{fields}\n</oai_dc:dc>")
    }

    fn ctx() -> ReadContext {
        ReadContext::new("harvest/records.xml")
    }

    fn one(fields: &str) -> (Document, Vec<String>) {
        let mut out = read(&record(fields), &ctx()).unwrap();
        (out.documents.remove(0), out.warnings)
    }

    #[test]
    fn uuids_are_found_at_the_end_of_addresses() {
        let cvce = "http://www.cvce.eu/obj/united_states_aide_memoire_27_june_1950-en-5118690c-57ed-4ad7-a473-188be44d8d2e.html";
        assert_eq!(
            find_uuid(cvce).unwrap().to_string(),
            "5118690c-57ed-4ad7-a473-188be44d8d2e"
        );
        assert_eq!(
            find_uuid("urn:uuid:5118690C-57ED-4AD7-A473-188BE44D8D2E")
                .unwrap()
                .to_string(),
            "5118690c-57ed-4ad7-a473-188be44d8d2e"
        );
        assert_eq!(find_uuid("a5118690c-57ed-4ad7-a473-188be44d8d2e"), None);
        assert_eq!(
            find_uuid("urn:uuid:00000000-0000-0000-0000-000000000000"),
            None
        );
        assert_eq!(find_uuid("short"), None);
        assert_eq!(
            find_uuid("ééé5118690c-57ed-4ad7-a473-188be44d8d2eééé")
                .unwrap()
                .to_string(),
            "5118690c-57ed-4ad7-a473-188be44d8d2e"
        );
    }

    #[test]
    fn one_description_is_the_text_several_are_caption_then_text() {
        let (doc, _) = one(
            "<dc:title>T</dc:title><dc:description>\n    First.\n    \n    Second.\n  </dc:description>",
        );
        assert_eq!(doc.caption, None);
        assert_eq!(doc.text(), "First.\n\nSecond.");
        let (doc, _) = one(
            "<dc:title>T</dc:title><dc:description> A   caption </dc:description><dc:description>One.</dc:description><dc:description>Two.</dc:description>",
        );
        assert_eq!(doc.caption.as_deref(), Some("A caption"));
        assert_eq!(
            doc.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
            ["One.", "Two."]
        );
        assert!(doc.body.iter().all(|b| b.kind == BlockKind::Paragraph));
    }

    #[test]
    fn types_dates_and_languages_warn_when_unreadable() {
        let (doc, warnings) = one("<dc:title>T</dc:title><dc:description>x</dc:description>\
             <dc:type>Text</dc:type><dc:type>shopping list</dc:type><dc:type>aide-mémoire</dc:type>\
             <dc:date>sometime</dc:date><dc:date>27 June 1950</dc:date><dc:date>1951</dc:date>\
             <dc:language>Klingon</dc:language><dc:language>French</dc:language>");
        assert_eq!(doc.doc_type, Some(DocType::AideMemoire));
        assert_eq!(
            doc.date.as_ref().map(|d| (d.edtf(), d.text())),
            Some(("1950-06-27", Some("27 June 1950")))
        );
        assert_eq!(doc.language.as_deref(), Some("fr"));
        assert_eq!(
            warnings,
            [
                "record 1 (line 1): dc:date 'sometime' is not a date this archive can read; left out",
                "record 1 (line 1): dc:date '1951' ignored (the first date is kept)",
                "record 1 (line 1): dc:type 'shopping list' is not a document type this archive knows; left out",
                "record 1 (line 1): dc:language 'Klingon' is not a language this archive knows; left out",
            ]
        );
    }

    #[test]
    fn rights_coverage_sources_and_ids() {
        let (doc, warnings) = one("<dc:title>T</dc:title><dc:description>x</dc:description>\
             <dc:rights>All rights reserved.</dc:rights><dc:rights>http://rightsstatements.org/vocab/InC/1.0/</dc:rights><dc:rights>Ask first.</dc:rights>\
             <dc:coverage>1950-06</dc:coverage><dc:coverage>Moscow</dc:coverage>\
             <dc:source>Soviet News, 1950</dc:source><dc:publisher>Soviet News</dc:publisher>\
             <dc:identifier>ISBN 0-00-000000-0</dc:identifier><dc:identifier>https://example.org/doc/1</dc:identifier>\
             <dc:relation>urn:x:2</dc:relation><dc:contributor>Gromyko</dc:contributor><dc:format>text/html</dc:format>");
        assert_eq!(
            doc.rights.statement.as_deref(),
            Some("All rights reserved.\n\nAsk first.")
        );
        assert_eq!(
            doc.rights.uri.as_deref(),
            Some("http://rightsstatements.org/vocab/InC/1.0/")
        );
        assert_eq!(doc.place.as_deref(), Some("Moscow"));
        let source = doc.source.unwrap();
        assert_eq!(
            (source.text.as_deref(), source.publisher.as_deref()),
            (Some("Soviet News, 1950"), Some("Soviet News"))
        );
        assert_eq!(doc.url.as_deref(), Some("https://example.org/doc/1"));
        assert_eq!(doc.id, DocumentId::from_key("dc:ISBN 0-00-000000-0"));
        assert_eq!(doc.relations[0].target, "urn:x:2");
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("dc:contributor not kept (Gromyko)"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn records_without_identifiers_take_the_file_and_number() {
        let (doc, _) = one("<dc:title>T</dc:title><dc:description>x</dc:description>");
        assert_eq!(doc.id, DocumentId::from_key("dc:records#1"));
        assert_eq!(doc.provenance.unwrap().record.as_deref(), Some("record 1"));
    }

    #[test]
    fn bare_and_unprefixed_roots() {
        let bare = "<dc><title>Bare</title><description>x</description></dc>";
        assert_eq!(read(bare, &ctx()).unwrap().documents[0].title, "Bare");
        let simple = "<simpledc xmlns:dc=\"http://purl.org/dc/elements/1.1\"><dc:title>S</dc:title><dc:description>x</dc:description></simpledc>";
        assert_eq!(read(simple, &ctx()).unwrap().documents[0].title, "S");
        let terms = "<r xmlns:t=\"http://purl.org/dc/terms/\"><t:title>Q</t:title><t:description>x</t:description></r>";
        assert_eq!(read(terms, &ctx()).unwrap().documents[0].title, "Q");
    }

    #[test]
    fn missing_title_and_description_are_errors_at_the_record() {
        let text = format!(
            "<records>\n  {}\n  {OPEN}<dc:creator>K</dc:creator></oai_dc:dc>\n</records>",
            record("<dc:title>ok</dc:title><dc:description>x</dc:description>")
        );
        let errors = read(&text, &ctx()).unwrap_err();
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.column, e.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(5), Some(3), "record 2: no dc:title"),
                (
                    Some(5),
                    Some(3),
                    "record 2: no dc:description to hold the text"
                ),
            ]
        );
    }

    #[test]
    fn files_without_records_and_oai_errors() {
        let err = read("<html><body/></html>", &ctx()).unwrap_err();
        assert!(
            err[0].message.starts_with("no Dublin Core record found"),
            "{}",
            err[0]
        );
        let oai = r#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="badVerb">Illegal verb</error></OAI-PMH>"#;
        let err = read(oai, &ctx()).unwrap_err();
        assert_eq!(
            err[0].message,
            "the OAI-PMH response is an error (badVerb): Illegal verb"
        );
        let none = r#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="noRecordsMatch">none</error></OAI-PMH>"#;
        let out = read(none, &ctx()).unwrap();
        assert!(out.documents.is_empty());
        assert_eq!(
            out.warnings[0],
            "the OAI-PMH response holds no records (none)"
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "<",
            "<a/>",
            "<dc/>",
            "<dc><title/></dc>",
            "<dc><title>t</title><description> </description></dc>",
            "<dc><date>99999999999999999999</date><title>t</title><description>x</description></dc>",
            "<!DOCTYP€ dc><dc/>",
            "<!€€€€€€€€",
        ] {
            let _ = read(text, &ctx());
        }
    }
}

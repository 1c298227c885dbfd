//! Writing documents as Dublin Core records.
//!
//! Dublin Core holds less than a document: recipients, collections, the structure of the
//! text, the parts of a source citation other than its text and publisher, the date's
//! wording, agents' authority ids, relation kinds and labels, and the access level are not
//! written.

use chancery_model::Document;

use super::{DC_NS, OAI_DC_NS};

/// One `oai_dc:dc` element for `doc`, with its namespace declarations and no XML
/// declaration, ready to be embedded in an OAI-PMH response.
///
/// The caption and the text are written as two `dc:description` elements (the text alone
/// when there is no caption), which is how the reader tells them apart. The id is written
/// as a `urn:uuid:` identifier before the URL.
pub fn write_record(doc: &Document) -> String {
    let mut out =
        String::with_capacity(1024 + doc.body.iter().map(|b| b.text.len()).sum::<usize>());
    out.push_str("<oai_dc:dc xmlns:oai_dc=\"");
    out.push_str(OAI_DC_NS);
    out.push_str("\" xmlns:dc=\"");
    out.push_str(DC_NS);
    out.push_str(
        "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ \
         http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">\n",
    );
    let mut element = |name: &str, value: &str| {
        if value.trim().is_empty() {
            return;
        }
        out.push_str("  <dc:");
        out.push_str(name);
        out.push('>');
        escape_into(&mut out, value);
        out.push_str("</dc:");
        out.push_str(name);
        out.push_str(">\n");
    };
    element("title", &doc.title);
    for sender in &doc.senders {
        element("creator", &sender.name);
    }
    for subject in &doc.subjects {
        element("subject", subject);
    }
    if let Some(caption) = &doc.caption {
        element("description", caption);
    }
    element("description", &doc.text());
    let source = doc.source.as_ref();
    if let Some(publisher) = source.and_then(|s| s.publisher.as_deref()) {
        element("publisher", publisher);
    }
    if let Some(date) = &doc.date {
        element("date", date.edtf());
    }
    if let Some(doc_type) = doc.doc_type {
        element("type", doc_type.label());
    }
    if !doc.id.is_nil() {
        element("identifier", &format!("urn:uuid:{}", doc.id));
    }
    if let Some(url) = &doc.url {
        element("identifier", url);
    }
    if let Some(text) = source.and_then(|s| s.text.as_deref()) {
        element("source", text);
    }
    if let Some(language) = &doc.language {
        element("language", language);
    }
    if let Some(place) = &doc.place {
        element("coverage", place);
    }
    if let Some(statement) = &doc.rights.statement {
        element("rights", statement);
    }
    if let Some(uri) = &doc.rights.uri {
        element("rights", uri);
    }
    for relation in &doc.relations {
        element("relation", &relation.target);
    }
    out.push_str("</oai_dc:dc>");
    out
}

/// A whole file: an XML declaration and a `<records>` element holding one `oai_dc:dc`
/// record per document, which [`read`](super::read) reads back.
pub fn write_file<'a>(docs: impl IntoIterator<Item = &'a Document>) -> String {
    let mut out = String::from(FILE_START);
    for doc in docs {
        out.push_str(&write_record(doc));
        out.push('\n');
    }
    out.push_str(FILE_END);
    out
}

/// What a file of records starts with; between it and [`FILE_END`] go the records of
/// [`write_record`], each followed by a newline. Lets an export of any size stream.
pub const FILE_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n";

/// What a file of records ends with.
pub const FILE_END: &str = "</records>\n";

/// Appends `text` as XML character data: markup characters escaped, a carriage return as a
/// character reference (a parser would otherwise turn it into a line feed), and characters
/// XML 1.0 forbids dropped, so the output is always well-formed.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use chancery_model::{
        AgentRef, Block, DocDate, DocType, DocumentId, Relation, RelationKind, SourceCitation,
    };

    use super::*;
    use crate::ReadContext;

    fn dc_document() -> Document {
        let mut d = Document::new(
            DocumentId::from_key("dc-round-trip"),
            "United States aide-memoire (27 June 1950) <draft> & notes",
            "",
        );
        d.body = vec![
            Block::paragraph("“My Government has instructed me…”"),
            Block::paragraph("Second & last."),
        ];
        d.caption = Some("Kirk hands Gromyko an aide-memoire.".into());
        d.doc_type = Some(DocType::AideMemoire);
        d.date = Some(DocDate::parse_edtf("1950-06-27").unwrap());
        d.place = Some("Moscow".into());
        d.language = Some("en".into());
        d.url = Some("http://www.cvce.eu/obj/x.html?a=1&b=2".into());
        d.senders = vec![AgentRef::named("Alan G. Kirk")];
        d.subjects = vec!["Korean War".into()];
        d.source = Some(SourceCitation {
            text: Some(
                "The Soviet Union and the Korean Question. London: Soviet News, 1950.".into(),
            ),
            publisher: Some("Soviet News".into()),
            ..SourceCitation::default()
        });
        d.rights.statement = Some("All rights reserved.".into());
        d.rights.uri = Some("http://rightsstatements.org/vocab/InC/1.0/".into());
        d.relations = vec![Relation {
            kind: RelationKind::References,
            target: "urn:x:1".into(),
            label: None,
        }];
        d
    }

    #[test]
    fn the_fields_dc_holds_round_trip() {
        let original = dc_document();
        let xml = write_record(&original);
        assert!(!xml.contains("<?xml") && !xml.contains("DOCTYPE"));
        let out = super::super::read(&xml, &ReadContext::new("x")).unwrap();
        assert_eq!(out.warnings, Vec::<String>::new());
        let back = &out.documents[0];
        let mut expected = original.clone();
        expected.provenance = back.provenance.clone();
        assert_eq!(back, &expected);
        assert_eq!(back.content_hash(), original.content_hash());
    }

    #[test]
    fn a_file_reads_back_record_by_record() {
        let a = dc_document();
        let mut b = Document::new(DocumentId::from_key("b"), "Second", "Only text.");
        b.caption = None;
        let file = write_file([&a, &b]);
        assert!(
            file.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n<oai_dc:dc ")
        );
        let out = super::super::read(&file, &ReadContext::new("x")).unwrap();
        assert_eq!(out.documents.len(), 2);
        assert_eq!(out.documents[1].id, b.id);
        assert_eq!(out.documents[1].caption, None);
        assert_eq!(out.documents[1].text(), "Only text.");
    }

    #[test]
    fn escaping_keeps_the_output_well_formed() {
        let mut s = String::new();
        escape_into(&mut s, "a<b>&c\r\n\u{0}\u{7}\u{FFFF}\té");
        assert_eq!(s, "a&lt;b&gt;&amp;c&#13;\n\té");
        let mut d = Document::new(DocumentId::from_key("e"), "Bell\u{7} & <tag>", "x\r\ny");
        d.caption = Some("]]> in caption".into());
        let xml = write_record(&d);
        let back = super::super::read(&xml, &ReadContext::new("x")).unwrap();
        assert_eq!(back.documents[0].title, "Bell & <tag>");
        assert_eq!(back.documents[0].caption.as_deref(), Some("]]> in caption"));
    }
}

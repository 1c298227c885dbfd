//! The Dublin Core reader and writer against hand-made files.

// The helpers below are test code too, though clippy only treats `#[test]` functions so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chancery_formats::{Format, ReadContext, ReadOutput, dc, detect};
use chancery_model::{AgentRef, DocType, DocumentId, RelationKind};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/dc/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> ReadOutput {
    dc::read(&fixture(name), &ReadContext::new(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// Each error as (line, column, message).
fn errors(name: &str) -> Vec<(usize, usize, String)> {
    dc::read(&fixture(name), &ReadContext::new(name))
        .expect_err(name)
        .into_iter()
        .map(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0), e.message))
        .collect()
}

#[test]
fn a_single_record_maps_every_element() {
    let text = fixture("single.xml");
    assert_eq!(detect("single.xml", &text), Some(Format::Dc));
    let out = read("single.xml");
    assert_eq!(out.warnings, Vec::<String>::new());
    let d = &out.documents[0];
    assert_eq!(d.id.to_string(), "5118690c-57ed-4ad7-a473-188be44d8d2e");
    assert_eq!(d.title, "United States aide-memoire (27 June 1950)");
    assert_eq!(d.senders, [AgentRef::named("Alan G. Kirk")]);
    assert_eq!(d.subjects, ["Korean War", "Soviet Union"]);
    assert_eq!(
        d.caption.as_deref(),
        Some(
            "On 27 June 1950, the US Ambassador Alan G. Kirk presents Soviet Foreign Minister \
             Andrei Gromyko with an aide-memoire."
        )
    );
    let paragraphs: Vec<_> = d.body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        paragraphs,
        [
            "U.S. “aide-memoire” of June 27, 1950",
            "“My Government has instructed me to call your attention to the fact that North \
             Korean forces have crossed the 38th parallel & invaded the territory of the Republic \
             of Korea.”"
        ]
    );
    let source = d.source.as_ref().unwrap();
    assert_eq!(source.publisher.as_deref(), Some("Soviet News"));
    assert_eq!(
        source.text.as_deref(),
        Some(
            "The Soviet Union and the Korean Question: Documents. London: Soviet News, 1950. 99 p. p. 91."
        )
    );
    let date = d.date.as_ref().unwrap();
    assert_eq!(
        (date.edtf(), date.text()),
        ("1950-06-27", Some("27 June 1950"))
    );
    assert_eq!(d.doc_type, Some(DocType::AideMemoire));
    assert!(
        d.url
            .as_deref()
            .unwrap()
            .starts_with("http://www.cvce.eu/obj/united_states_aide_memoire")
    );
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.place.as_deref(), Some("Moscow"));
    assert_eq!(
        d.rights.statement.as_deref(),
        Some("All rights of reproduction are strictly reserved in all countries.")
    );
    assert_eq!(
        d.rights.uri.as_deref(),
        Some("http://rightsstatements.org/vocab/InC/1.0/")
    );
    assert_eq!(d.relations.len(), 1);
    assert_eq!(d.relations[0].kind, RelationKind::References);
    let p = d.provenance.as_ref().unwrap();
    assert_eq!(
        (p.format.as_deref(), p.record.as_deref()),
        (Some("dc"), Some("record 1"))
    );
}

#[test]
fn an_oai_pmh_list_keeps_identifiers_and_skips_deleted_records() {
    let text = fixture("listrecords.xml");
    assert_eq!(detect("listrecords.xml", &text), Some(Format::Dc));
    let out = read("listrecords.xml");
    assert_eq!(out.documents.len(), 2);
    let first = &out.documents[0];
    assert_eq!(
        first.title,
        "The Ambassador in the Soviet Union (Kirk) to the Secretary of State"
    );
    assert_eq!(first.doc_type, Some(DocType::Telegram));
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(first.date.as_ref().unwrap().edtf(), "1950-06-27");
    assert_eq!(
        first.caption.as_deref(),
        Some("Moscow, June 27, 1950—4 p.m.")
    );
    let paragraphs: Vec<_> = first.body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        paragraphs,
        ["Delivered aide-mémoire to Gromyko at 11 a.m.", "Kirk"]
    );
    assert_eq!(
        first.id,
        DocumentId::from_key("dc:https://history.example.org/historicaldocuments/frus1950v07/d123")
    );
    assert_eq!(first.source_updated, Some(jiff::civil::date(2015, 7, 3)));
    assert_eq!(
        first.provenance.as_ref().unwrap().record.as_deref(),
        Some("oai:history.example.org:frus1950v07-d123")
    );
    let second = &out.documents[1];
    assert_eq!(
        second.id.to_string(),
        "0c4b3f4e-8f4b-4b7a-9d55-2f8e3c1a9b77"
    );
    assert_eq!(second.doc_type, Some(DocType::MemorandumOfConversation));
    assert_eq!(second.language.as_deref(), Some("de"));
    assert_eq!(second.url, None);
    assert_eq!(
        out.warnings,
        [
            "record oai:history.example.org:frus1950v07-d124 (line 29) is deleted at the source \
             (datestamp 2016-01-01); skipped",
            "record oai:history.example.org:frus1950v07-d125 (line 41): dc:contributor not kept \
             (Dean Acheson): a contributor may be a recipient, an editor or a translator, and the \
             record does not say which",
            "this OAI-PMH response is one page of a longer list (resumption token \
             'frus1950v07-page2'); the records of the other pages are not in this file",
        ]
    );
}

#[test]
fn a_doctype_is_refused_where_it_stands() {
    assert_eq!(
        detect("doctype.xml", &fixture("doctype.xml")),
        Some(Format::Dc)
    );
    let errs = errors("doctype.xml");
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].0, errs[0].1), (2, 1));
    assert!(errs[0].2.contains("DOCTYPE"), "{}", errs[0].2);
}

#[test]
fn malformed_xml_is_placed() {
    let errs = errors("malformed.xml");
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].0, errs[0].1), (3, 27));
    assert_eq!(
        errs[0].2,
        "malformed XML: expected 'dc:title' tag, not 'dc:titel'"
    );
}

#[test]
fn every_faulty_record_is_reported() {
    let id = "5118690c-57ed-4ad7-a473-188be44d8d2e";
    assert_eq!(
        errors("records.xml"),
        [
            (
                7,
                3,
                "record 2: no dc:description to hold the text".to_string()
            ),
            (
                16,
                3,
                format!("duplicate id {id}: record 3 at 11:3 and record 4 at 16:3 both have it")
            ),
        ]
    );
}

#[test]
fn a_bare_record_without_namespaces() {
    let out = read("bare.xml");
    let d = &out.documents[0];
    assert_eq!(d.title, "A bare record");
    assert_eq!(d.senders, [AgentRef::named("Richard W. Leopold")]);
    assert_eq!(d.language.as_deref(), Some("en-US"));
    assert_eq!(d.text(), "Written without namespaces.");
    assert_eq!(d.id, DocumentId::from_key("dc:bare#1"));
}

#[test]
fn written_records_read_back() {
    let originals = read("single.xml").documents;
    let listed = read("listrecords.xml").documents;
    let all: Vec<_> = originals.iter().chain(&listed).collect();
    let file = dc::write_file(all.iter().copied());
    assert!(!file.contains("DOCTYPE"));
    let back = dc::read(&file, &ReadContext::new("export.xml")).unwrap();
    assert_eq!(back.warnings, Vec::<String>::new());
    for (a, b) in all.iter().zip(&back.documents) {
        assert_eq!(a.id, b.id, "{}", a.title);
        assert_eq!(a.title, b.title);
        assert_eq!(a.caption, b.caption);
        assert_eq!(a.body, b.body);
        assert_eq!(a.doc_type, b.doc_type);
        assert_eq!(a.language, b.language);
        assert_eq!(a.url, b.url);
        assert_eq!(a.place, b.place);
        assert_eq!(a.senders, b.senders);
        assert_eq!(a.subjects, b.subjects);
        assert_eq!(a.rights, b.rights);
        assert_eq!(a.source, b.source);
        assert_eq!(a.relations, b.relations);
        assert_eq!(
            a.date.as_ref().map(|d| d.edtf()),
            b.date.as_ref().map(|d| d.edtf())
        );
    }
}

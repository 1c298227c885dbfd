//! The JSON Lines reader and writer against hand-made files.

// The helpers below are test code too, though clippy only treats `#[test]` functions so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chancery_formats::{Format, ReadContext, ReadOutput, detect, jsonl};
use chancery_model::{AccessLevel, BlockKind, DocType, DocumentId, RelationKind, SpanStyle};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/jsonl/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> ReadOutput {
    jsonl::read(&fixture(name), &ReadContext::new(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// Each error as (line, column, message).
fn errors(name: &str) -> Vec<(usize, usize, String)> {
    jsonl::read(&fixture(name), &ReadContext::new(name))
        .expect_err(name)
        .into_iter()
        .map(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0), e.message))
        .collect()
}

#[test]
fn every_field_of_a_full_record() {
    let out = read("documents.jsonl");
    assert_eq!(out.warnings, Vec::<String>::new());
    assert_eq!(out.documents.len(), 4);
    let d = &out.documents[0];
    assert_eq!(d.id.to_string(), "5118690c-57ed-4ad7-a473-188be44d8d2e");
    assert_eq!(d.title, "United States aide-memoire (27 June 1950)");
    assert_eq!(d.doc_type, Some(DocType::AideMemoire));
    let date = d.date.as_ref().unwrap();
    assert_eq!(
        (date.edtf(), date.text()),
        ("1950-06-27", Some("27 June 1950"))
    );
    assert_eq!(d.place.as_deref(), Some("Moscow"));
    assert_eq!(d.language.as_deref(), Some("en"));
    assert!(
        d.caption
            .as_deref()
            .unwrap()
            .starts_with("On 27 June 1950, the US Ambassador")
    );
    let source = d.source.as_ref().unwrap();
    assert_eq!(source.publisher.as_deref(), Some("Soviet News"));
    assert_eq!(source.year, Some(1950));
    assert_eq!(source.pages.as_deref(), Some("91"));
    assert_eq!(source.extent.as_deref(), Some("99 p."));
    assert_eq!(d.rights.access, AccessLevel::Public);
    assert_eq!(
        d.rights.statement.as_deref(),
        Some("All rights of reproduction are strictly reserved in all countries.")
    );
    assert!(
        d.url
            .as_deref()
            .unwrap()
            .ends_with("-5118690c-57ed-4ad7-a473-188be44d8d2e.html")
    );
    assert_eq!(d.source_updated, Some(jiff::civil::date(2015, 7, 3)));
    assert_eq!(d.senders[0].id.as_deref(), Some("kirk-alan-goodrich"));
    assert_eq!(d.senders[0].name, "Alan G. Kirk");
    assert_eq!(d.recipients[0].name, "Andrei Gromyko");
    assert_eq!(d.body.len(), 2);
    assert_eq!(d.body[0].text, "U.S. “aide-memoire” of June 27, 1950");
    assert_eq!(d.collections, ["korea-1950"]);
    assert_eq!(d.subjects, ["Korean War", "Soviet Union"]);
    assert_eq!(d.relations[0].kind, RelationKind::References);
    assert_eq!(
        d.relations[0].label.as_deref(),
        Some("the Security Council resolution")
    );
    // What only the store sets is reset; provenance is the reader's.
    assert_eq!((d.revision, d.created, d.updated), (0, None, None));
    let p = d.provenance.as_ref().unwrap();
    assert_eq!(p.format.as_deref(), Some("jsonl"));
    assert_eq!(p.record.as_deref(), Some("line 1"));
    assert_eq!(p.file, None);
}

#[test]
fn unicode_records_blank_lines_crlf_and_derived_ids() {
    let out = read("documents.jsonl");
    let russian = &out.documents[1];
    assert_eq!(russian.title, "Памятная записка Советского правительства");
    assert_eq!(
        russian.text(),
        "Правительство СССР получило памятную записку."
    );
    assert_eq!(russian.doc_type, Some(DocType::AideMemoire));
    assert_eq!(russian.id, DocumentId::from_key("jsonl:documents#2"));
    assert_eq!(
        russian.provenance.as_ref().unwrap().record.as_deref(),
        Some("line 3")
    );
    let japanese = &out.documents[2];
    assert_eq!(japanese.doc_type, Some(DocType::Memorandum));
    assert_eq!(japanese.body.len(), 2);
    assert_eq!(japanese.date.as_ref().unwrap().edtf(), "1950?");
    assert_eq!(japanese.id, DocumentId::from_key("jsonl:documents#3"));
}

#[test]
fn a_body_without_text_keeps_its_structure() {
    let d = &read("documents.jsonl").documents[3];
    let kinds: Vec<_> = d.body.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BlockKind::Heading, BlockKind::Paragraph, BlockKind::Note]
    );
    assert_eq!(
        d.body[1].spans[1].style,
        SpanStyle::NoteRef { n: "1".into() }
    );
}

#[test]
fn every_broken_line_is_reported_with_its_position() {
    let errs = errors("broken.jsonl");
    assert_eq!(errs.len(), 5, "{errs:#?}");
    // serde_json places an unexpected end at the last character it read: the end of line 3.
    assert_eq!(errs[0], (3, 48, "EOF while parsing a string".to_string()));
    assert_eq!(errs[1].0, 5);
    assert!(
        errs[1].2.starts_with(
            "unknown document type 'shopping list' (known types: aide-memoire, note-verbale,"
        ),
        "{}",
        errs[1].2
    );
    assert_eq!(errs[2], (6, 3, "title: missing or empty".to_string()));
    assert_eq!(
        errs[3],
        (
            6,
            3,
            "language: 'not a tag!' is not a BCP 47 language tag".to_string()
        )
    );
    assert_eq!(errs[4].0, 7);
    assert!(
        errs[4].2.contains("'1950-02-30' is not a valid EDTF date"),
        "{}",
        errs[4].2
    );
}

#[test]
fn duplicate_ids_name_both_lines() {
    assert_eq!(
        errors("duplicates.jsonl"),
        [(
            4,
            1,
            "duplicate id 9d6c6296-c74d-4c8c-8a3e-000000000001: line 1 and line 4 both have it"
                .to_string()
        )]
    );
}

#[test]
fn an_array_numbers_its_records() {
    let out = read("array.json");
    assert_eq!(out.documents.len(), 2);
    assert_eq!(out.documents[0].doc_type, Some(DocType::Telegram));
    let second = &out.documents[1];
    assert_eq!(
        second.provenance.as_ref().unwrap().record.as_deref(),
        Some("record 2")
    );
    assert_eq!(second.id, DocumentId::from_key("jsonl:array#2"));
    assert_eq!(
        out.warnings,
        [format!(
            "unknown field 'author' ignored (record 2); the fields are: {}",
            "id, title, type, date, place, language, caption, source, rights, url, source_updated, \
             senders, recipients, text, body, collections, subjects, relations, provenance, \
             revision, created, updated"
        )]
    );
}

#[test]
fn errors_in_an_array_use_serde_positions() {
    assert_eq!(
        errors("array-broken.json"),
        [
            (
                3,
                35,
                "record 2: invalid type: integer `2`, expected a string".to_string()
            ),
            (4, 26, "record 3: expected `,` or `}`".to_string()),
        ]
    );
}

#[test]
fn a_pretty_printed_object_is_one_document() {
    let text = fixture("pretty.json");
    assert_eq!(detect("pretty.json", &text), Some(Format::Jsonl));
    let out = read("pretty.json");
    let d = &out.documents[0];
    assert_eq!(d.title, "A pretty-printed document");
    assert_eq!(d.senders[0].name, "George F. Kennan");
    assert_eq!(d.body.len(), 2);
    assert_eq!(
        d.provenance.as_ref().unwrap().record.as_deref(),
        Some("record 1")
    );
}

#[test]
fn written_lines_read_back_identical() {
    let original = read("documents.jsonl").documents;
    let mut out = Vec::new();
    for d in &original {
        jsonl::write_line(d, &mut out).unwrap();
    }
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), original.len());
    let back = jsonl::read(&text, &ReadContext::new("export.jsonl"))
        .unwrap()
        .documents;
    for (a, b) in original.iter().zip(&back) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.content_hash(), b.content_hash());
        assert_eq!(a.body, b.body);
    }
}

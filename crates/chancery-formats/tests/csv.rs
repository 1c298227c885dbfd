//! The CSV reader and writer against hand-made files.

// The helpers below are test code too, though clippy only treats `#[test]` functions so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chancery_formats::{Format, ReadContext, ReadOutput, csv, detect};
use chancery_model::{AccessLevel, AgentRef, DocType, DocumentId};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> ReadOutput {
    csv::read(&fixture(name), &ReadContext::new(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// Each error as (line, column, message).
fn errors(name: &str) -> Vec<(usize, usize, String)> {
    csv::read(&fixture(name), &ReadContext::new(name))
        .expect_err(name)
        .into_iter()
        .map(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0), e.message))
        .collect()
}

#[test]
fn a_row_with_quoted_multi_line_text() {
    let out = read("letters.csv");
    assert_eq!(out.documents.len(), 3);
    let d = &out.documents[0];
    assert_eq!(d.id.to_string(), "1f0e4c1a-3b9d-4d2e-9a51-6f7c2b8e0d11");
    assert_eq!(d.title, "Kennan to Leopold, 21 March 1957");
    assert_eq!(d.doc_type, Some(DocType::Letter));
    let date = d.date.as_ref().unwrap();
    assert_eq!(
        (date.edtf(), date.text()),
        ("1957-03-21", Some("March 21, 1957"))
    );
    assert_eq!(d.place.as_deref(), Some("Princeton, N.J."));
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.caption, None);
    let source = d.source.as_ref().unwrap();
    assert_eq!(
        source.title.as_deref(),
        Some("Foreign Relations history files")
    );
    assert_eq!(source.year, Some(1957));
    assert_eq!(d.rights.access, AccessLevel::Public);
    assert_eq!(
        d.senders,
        [AgentRef {
            id: Some("kennan-george-f".into()),
            name: "George F. Kennan".into()
        }]
    );
    assert_eq!(d.recipients, [AgentRef::named("Richard W. Leopold")]);
    let paragraphs: Vec<_> = d.body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        paragraphs,
        [
            "Dear Leopold:",
            "Thank you for your letter of March 15. I have read it with care.",
            "Sincerely yours, George F. Kennan"
        ]
    );
    assert_eq!(d.subjects, ["Historiography", "FRUS"]);
    let p = d.provenance.as_ref().unwrap();
    assert_eq!(
        (p.format.as_deref(), p.record.as_deref()),
        (Some("csv"), Some("row 1"))
    );
}

#[test]
fn unicode_escapes_and_derived_ids() {
    let out = read("letters.csv");
    let d = &out.documents[1];
    assert_eq!(d.title, "Lettre de Robert Schuman à Dean Acheson");
    assert_eq!(d.id, DocumentId::from_key("csv:letters#2"));
    assert_eq!(d.doc_type, Some(DocType::Letter));
    let date = d.date.as_ref().unwrap();
    assert_eq!(
        (date.edtf(), date.text()),
        ("1950-05-09", Some("9 mai 1950"))
    );
    assert_eq!(d.language.as_deref(), Some("fr"));
    assert_eq!(
        d.caption.as_deref(),
        Some("Schuman annonce la déclaration; \"une Europe organisée\".")
    );
    assert_eq!(
        d.recipients,
        [
            AgentRef {
                id: Some("acheson-dean".into()),
                name: "Dean Acheson".into()
            },
            AgentRef::named("Ernest Bevin")
        ]
    );
    assert_eq!(
        d.subjects,
        ["Communauté européenne du charbon et de l'acier; CECA"]
    );
    assert_eq!(
        d.text(),
        "Monsieur le Secrétaire d'État,\n\nJ'ai l'honneur…"
    );
    let minimal = &out.documents[2];
    assert_eq!(
        (minimal.title.as_str(), minimal.text()),
        ("Minimal row", "Just text.".to_string())
    );
    assert_eq!(
        minimal.provenance.as_ref().unwrap().record.as_deref(),
        Some("row 3")
    );
    assert_eq!(minimal.source, None);
}

#[test]
fn unknown_columns_are_warned() {
    let out = read("letters.csv");
    assert_eq!(out.warnings.len(), 1);
    assert!(
        out.warnings[0]
            .starts_with("unknown column 'notes' (column 16) ignored; the columns are: id, title,"),
        "{}",
        out.warnings[0]
    );
}

#[test]
fn a_header_without_title_names_the_column() {
    let text = fixture("missing-title.csv");
    assert_eq!(detect("missing-title.csv", &text), Some(Format::Csv));
    let errs = errors("missing-title.csv");
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].0, errs[0].1), (1, 1));
    assert!(
        errs[0].2.starts_with(
            "the header has no 'title' column; every document needs 'title' and 'text'"
        ),
        "{}",
        errs[0].2
    );
}

#[test]
fn each_bad_cell_is_named_with_its_line_and_column() {
    let errs = errors("bad-cells.csv");
    let positions: Vec<_> = errs.iter().map(|(l, c, m)| (*l, *c, m.as_str())).collect();
    assert_eq!(
        positions,
        [
            (
                3,
                10,
                "date: 'June 31st, 1950' is not a date this archive can read (try EDTF such as \
                 1950-06-27, 1950-06, 1950?, 195X or 1950-06-25/1950-06-27)"
            ),
            (4, 11, "source.year: 'MCML' is not a year"),
            (
                5,
                14,
                "rights.access: unknown access level 'secret' (expected public, registered, staff \
                 or embargoed)"
            ),
            (
                6,
                34,
                "rights.embargo_until: an embargoed document needs the date its embargo ends"
            ),
            (7, 18, "language: 'not a tag!' is not a BCP 47 language tag"),
            (
                8,
                14,
                "senders: '<kirk>' has an id but no name (write the agent as Name <id>)"
            ),
            (9, 1, "title: missing or empty"),
            (9, 14, "text: missing or empty"),
        ]
    );
}

#[test]
fn an_unclosed_quote_is_placed_where_it_opens() {
    assert_eq!(
        errors("unclosed-quote.csv"),
        [(
            3,
            3,
            "this quoted cell is never closed (a closing \" is missing)".to_string()
        )]
    );
}

#[test]
fn written_csv_reads_back() {
    let original = read("letters.csv").documents;
    let mut out = Vec::new();
    csv::write(&original, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let back = csv::read(&text, &ReadContext::new("letters.csv")).unwrap();
    assert_eq!(back.warnings, Vec::<String>::new());
    for (a, b) in original.iter().zip(&back.documents) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.content_hash(), b.content_hash(), "{}", a.title);
    }
}

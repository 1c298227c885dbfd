//! Enrichment of whole documents against fixtures written for the project: the CVCE seed
//! record (its caption, title, heading and text, written out here) with POCOM-shaped
//! authorities, headings of letters and telegrams, references, kept mentions, and inputs
//! that must never make enrichment panic.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use chancery_enrich::references::{DocumentLookup, Reference, ReferenceKind, relations};
use chancery_enrich::{Enrichment, Gazetteer, Options, enrich, enrich_with, pocom};
use chancery_model::{
    Block, BlockKind, DocDate, Document, DocumentId, Mention, MentionKind, MentionSource,
    MentionStatus, RelationKind,
};
use common::{check_seed, seed};

fn fixture_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn gazetteer_with_pocom_fixture() -> Gazetteer {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pocom");
    let files = fixture_files(&dir);
    let agents = pocom::read_pocom(files.iter().map(|(p, t)| (p.as_str(), t.as_str()))).unwrap();
    let mut builder = Gazetteer::builder().with_baseline();
    builder.add_agents(&agents);
    builder.build().unwrap()
}

/// The Done-when for the CVCE record: with POCOM as authorities, sender Kirk
/// linked to POCOM, recipient Gromyko, the states, the Security Council, the 38th parallel,
/// and the dates with "June 25" completed from the document's year.
#[test]
fn the_cvce_seed_record_with_pocom() {
    let g = gazetteer_with_pocom_fixture();
    let doc = seed();
    let e = enrich(&doc, &g);
    check_seed(&e);
}

#[test]
fn without_pocom_kirk_stays_unlinked_and_nothing_else_changes() {
    let g = Gazetteer::baseline().unwrap();
    let e = enrich(&seed(), &g);
    assert_eq!(e.senders[0].name, "Alan G. Kirk");
    assert_eq!(e.senders[0].id, None);
    assert_eq!(e.recipients[0].id.as_deref(), Some("gromyko-andrei"));
}

#[test]
fn ambassador_kirk_is_the_one_in_moscow_in_1950() {
    let g = gazetteer_with_pocom_fixture();
    let mut doc = Document::new(
        DocumentId::from_key("kirk"),
        "Telegram",
        "Ambassador Kirk called on the Foreign Ministry. Later Kirk reported to the Secretary of State.",
    );
    doc.date = Some(DocDate::parse_edtf("1950-07-06").unwrap());
    let e = enrich(&doc, &g);
    let persons: Vec<(&str, Option<&str>)> = e
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person)
        .map(|m| (m.text.as_str(), m.entity_id.as_deref()))
        .collect();
    assert_eq!(
        persons,
        [
            ("Kirk", Some("kirk-alan-goodrich")),
            ("Kirk", Some("kirk-alan-goodrich")),
            ("Secretary of State", Some("acheson-dean-gooderham")),
        ]
    );
}

#[test]
fn headings_of_frus_documents_give_correspondents() {
    let g = gazetteer_with_pocom_fixture();
    let mut doc = Document::new(
        DocumentId::from_key("frus"),
        "123. The Ambassador in the Soviet Union (Kirk) to the Secretary of State",
        "Moscow, June 29, 1950. Reference Deptel 456. In reply to your telegram 789 of June 27, \
         I saw Gromyko.",
    );
    doc.body.insert(
        0,
        Block::new(BlockKind::Dateline, "Moscow, June 29, 1950—7 p.m."),
    );
    let e = enrich(&doc, &g);
    assert_eq!(e.date.as_ref().map(|d| d.date.edtf()), Some("1950-06-29"));
    assert_eq!(e.senders[0].id.as_deref(), Some("kirk-alan-goodrich"));
    assert_eq!(
        e.recipients[0].id.as_deref(),
        Some("acheson-dean-gooderham")
    );
    let refs: Vec<(ReferenceKind, Option<&str>, Option<&str>)> = e
        .references
        .iter()
        .map(|r| (r.kind, r.number.as_deref(), r.date.as_deref()))
        .collect();
    assert_eq!(
        refs,
        [
            (ReferenceKind::Reference, Some("456"), None),
            (ReferenceKind::Reply, Some("789"), Some("1950-06-27")),
        ]
    );
    // Without references (as an import enriches), everything else is found the same.
    let options = Options {
        references: false,
        ..Options::default()
    };
    let without = enrich_with(&doc, &g, &options);
    assert!(without.references.is_empty());
    assert_eq!(
        Enrichment {
            references: e.references.clone(),
            ..without
        },
        e
    );
}

struct Archive;

impl DocumentLookup for Archive {
    fn find(&self, reference: &Reference, _context: &Document) -> Option<DocumentId> {
        (reference.number.as_deref() == Some("789")).then(|| DocumentId::from_key("telegram-789"))
    }
}

#[test]
fn references_become_relations_through_the_archive() {
    let doc = Document::new(
        DocumentId::from_key("reply"),
        "Telegram",
        "In reply to your telegram 789 of June 27. See also Deptel 456.",
    );
    let refs = chancery_enrich::references::find_references(&doc.text(), Some(1950), None);
    let rel = relations(&doc, &refs, &Archive);
    assert_eq!(rel.len(), 1);
    assert_eq!(rel[0].kind, RelationKind::InReplyTo);
    assert_eq!(
        rel[0].label.as_deref(),
        Some("your telegram 789 of June 27")
    );
}

#[test]
fn confirmed_markup_and_rejected_mentions_are_kept_and_never_proposed_again() {
    let g = Gazetteer::baseline().unwrap();
    let mut doc = Document::new(
        DocumentId::from_key("kept"),
        "Note",
        "Georgia and Jordan met in Paris on June 3, 1950.",
    );
    let text = doc.text();
    let span = |s: &str| {
        let at = text.find(s).unwrap();
        (at as u32, (at + s.len()) as u32)
    };
    let (gs, ge) = span("Georgia");
    let (js, je) = span("Jordan");
    let (ps, pe) = span("Paris");
    doc.mentions = vec![
        Mention {
            kind: MentionKind::Person,
            text: "Georgia".into(),
            start: gs,
            end: ge,
            entity_id: None,
            normalized: None,
            confidence: 1.0,
            status: MentionStatus::Confirmed,
            source: MentionSource::Editor,
            field: chancery_model::MentionField::Text,
        },
        Mention {
            kind: MentionKind::Place,
            text: "Jordan".into(),
            start: js,
            end: je,
            entity_id: Some("place:jordan".into()),
            normalized: None,
            confidence: 0.9,
            status: MentionStatus::Rejected,
            source: MentionSource::Gazetteer,
            field: chancery_model::MentionField::Text,
        },
        Mention {
            kind: MentionKind::Place,
            text: "Paris".into(),
            start: ps,
            end: pe,
            entity_id: Some("place:paris".into()),
            normalized: None,
            confidence: 0.9,
            status: MentionStatus::Automatic,
            source: MentionSource::Gazetteer,
            field: chancery_model::MentionField::Text,
        },
    ];
    let e = enrich(&doc, &g);
    let at = |s: u32| {
        e.mentions
            .iter()
            .filter(|m| m.start == s)
            .collect::<Vec<_>>()
    };
    // The editor's person stays, and no place is proposed over it.
    assert_eq!(at(gs).len(), 1);
    assert_eq!(at(gs)[0].status, MentionStatus::Confirmed);
    // The rejection stays, and the place is not proposed again.
    assert_eq!(at(js).len(), 1);
    assert_eq!(at(js)[0].status, MentionStatus::Rejected);
    // An automatic mention is found again (once).
    assert_eq!(at(ps).len(), 1);
    assert!(
        e.mentions
            .iter()
            .any(|m| m.normalized.as_deref() == Some("1950-06-03"))
    );
    let mut doc2 = doc.clone();
    e.apply(&mut doc2);
    assert_eq!(doc2.mentions.len(), 4);
    assert_eq!(
        doc2.date, None,
        "a date found in the text is no document date"
    );
}

#[test]
fn no_input_makes_enrichment_panic() {
    let g = Gazetteer::baseline().unwrap();
    let samples = [
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        "é".repeat(10_000),
        "Ngô Đình Diệm’s 1950s—“Союз Советских Социалистических Республик” 中华人民共和国 ﷽".into(),
        "U.S.S.R. U. S. A. ... -- 1950-06- 31.13.1950 June 32, 1950 0000 9999 99999999999999999999"
            .into(),
        "Mr. Mr. Mr. President President of of the the Secretary of State of".into(),
        "(((((((((())))))))))[[[[]]]]".into(),
        "A\u{0301}\u{0301}\u{0301} Z\u{200d}W \u{feff}Kirk’’’s’ O'' -Jr., III IV".into(),
        "In reply to your telegram 99999999999999999999999 of June 27 Deptel Deptel urtel".into(),
        "Washington ".repeat(5_000),
    ];
    for (i, text) in samples.iter().enumerate() {
        let mut doc = Document::new(DocumentId::from_key(&format!("p{i}")), text.clone(), text);
        doc.caption = Some(text.clone());
        let e = enrich(&doc, &g);
        let full = doc.text();
        for m in &e.mentions {
            assert!(
                full.get(m.start as usize..m.end as usize).is_some(),
                "sample {i}: {m:?}"
            );
        }
        for m in &e.title_mentions {
            assert!(doc.title.get(m.start as usize..m.end as usize).is_some());
        }
    }
    // Mentions pointing outside a shortened text are kept as given, without harm.
    let mut doc = Document::new(DocumentId::from_key("short"), "T", "Short.");
    doc.mentions.push(Mention {
        kind: MentionKind::Place,
        text: "Gone".into(),
        start: 400,
        end: 404,
        entity_id: None,
        normalized: None,
        confidence: 1.0,
        status: MentionStatus::Confirmed,
        source: MentionSource::Editor,
        field: chancery_model::MentionField::Text,
    });
    let e = enrich(&doc, &g);
    assert_eq!(e.mentions.len(), 1);
}

#[test]
fn a_large_text_is_enriched_whole() {
    // Speed is measured by `chancery bench enrich`; this checks that nothing is dropped or
    // misplaced when the text is long.
    let g = Gazetteer::baseline().unwrap();
    let paragraph = "On June 25, 1950 Ambassador Kirk met Andrei Gromyko in Moscow about Korea. ";
    let text = paragraph.repeat(2_000);
    let doc = Document::new(DocumentId::from_key("large"), "Large", &text);
    let e = enrich(&doc, &g);
    let places = e
        .mentions
        .iter()
        .filter(|m| m.entity_id.as_deref() == Some("place:moscow"))
        .count();
    assert_eq!(places, 2_000);
    for m in &e.mentions {
        assert_eq!(&text[m.start as usize..m.end as usize], m.text);
    }
}

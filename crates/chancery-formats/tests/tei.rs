//! The TEI reader and writer against hand-made fixtures, the round trip, and (when present)
//! the real corpora beside the project.

// The helpers of a test binary fail a test by panicking; the workspace's lints against
// panics only exempt `#[test]` functions themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chancery_formats::{ReadContext, ReadOutput, tei};
use chancery_model::{
    AccessLevel, AgentRef, Block, BlockKind, DocDate, DocType, Document, DocumentId, Mention,
    MentionField, MentionKind, MentionSource, MentionStatus, Relation, RelationKind, Rights,
    SourceCitation, Span, SpanStyle,
};
use expect_test::{Expect, expect};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tei")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str, split: Option<&str>) -> ReadOutput {
    let ctx = ReadContext::new(name).with_split_div(split.map(String::from));
    tei::read(&fixture(name), &ctx).unwrap_or_else(|errors| panic!("{name}: {errors:?}"))
}

fn errors(name: &str) -> Vec<String> {
    match tei::read(&fixture(name), &ReadContext::new(name)) {
        Ok(out) => panic!("{name} was read: {} documents", out.documents.len()),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// One line per block: kind, level, n, text, and spans with the text they cover.
fn blocks(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.body {
        let kind = serde_json::to_value(b.kind).unwrap();
        write!(out, "{}", kind.as_str().unwrap()).unwrap();
        if b.level != 0 {
            write!(out, "/{}", b.level).unwrap();
        }
        if let Some(n) = &b.n {
            write!(out, " n={n:?}").unwrap();
        }
        write!(out, " {:?}", b.text).unwrap();
        for s in &b.spans {
            let covered = &b.text[s.start as usize..s.end as usize];
            let style = serde_json::to_value(&s.style).unwrap();
            let name = style["style"].as_str().unwrap().to_string();
            let detail = ["n", "reason", "target"]
                .iter()
                .filter_map(|k| style.get(*k).map(|v| format!(" {k}={v}")))
                .collect::<String>();
            write!(out, " [{name}{detail} {}..{} {covered:?}]", s.start, s.end).unwrap();
        }
        out.push('\n');
    }
    out
}

fn check_blocks(doc: &Document, expected: Expect) {
    expected.assert_eq(&blocks(doc));
}

/// Panics unless every mention's offsets cover its text in the field it names.
#[track_caller]
fn assert_mentions_fit(doc: &Document) {
    let text = doc.text();
    for m in &doc.mentions {
        let field = match m.field {
            MentionField::Text => text.as_str(),
            MentionField::Title => doc.title.as_str(),
            MentionField::Caption => doc.caption.as_deref().unwrap_or_default(),
        };
        assert_eq!(
            field.get(m.start as usize..m.end as usize),
            Some(m.text.as_str()),
            "'{}': {m:?}",
            doc.title
        );
    }
}

/// One line per mention: kind, text, entity, normalized date.
fn mentions(doc: &Document) -> String {
    let mut out = String::new();
    for m in &doc.mentions {
        write!(out, "{} {:?}", m.kind.as_str(), m.text).unwrap();
        if let Some(id) = &m.entity_id {
            write!(out, " ref={id}").unwrap();
        }
        if let Some(n) = &m.normalized {
            write!(out, " edtf={n}").unwrap();
        }
        out.push('\n');
    }
    out
}

fn date(doc: &Document) -> (String, Option<String>) {
    let d = doc.date.as_ref().expect("a date");
    (d.edtf().to_string(), d.text().map(String::from))
}

/// Reading: fixtures written for the project.
mod tei_read {
    use super::*;

    // A FRUS-style volume

    #[test]
    fn frus_volume_gives_one_record_per_document_div() {
        let out = read("frus-volume.xml", None);
        let ids: Vec<_> = out
            .documents
            .iter()
            .map(|d| d.provenance.as_ref().unwrap().record.clone().unwrap())
            .collect();
        assert_eq!(ids, ["d1", "d2", "d3", "d4"]);
        for (doc, locator) in out.documents.iter().zip(&ids) {
            assert_eq!(
                doc.id,
                DocumentId::from_key(&format!("tei:frus1950test#{locator}"))
            );
            assert_eq!(
                doc.provenance.as_ref().unwrap().format.as_deref(),
                Some("tei")
            );
            assert!(doc.validate().is_ok());
        }
    }

    #[test]
    fn frus_document_fields() {
        let out = read("frus-volume.xml", None);
        let d1 = &out.documents[0];
        assert_eq!(
            d1.title,
            "1. Telegram From the Ambassador in Korea (Muccio) to the Secretary of State"
        );
        // The FRUS bounds win over the dateline's date element.
        assert_eq!(date(d1), ("1950-06-25".into(), None));
        assert_eq!(d1.place.as_deref(), Some("Seoul"));
        assert_eq!(d1.doc_type, Some(DocType::Telegram));
        assert_eq!(d1.language.as_deref(), Some("en"));
        assert_eq!(
            d1.url.as_deref(),
            Some("https://history.example.org/frus1950test")
        );
        assert_eq!(
            d1.rights,
            Rights {
                statement: Some("Public domain: a work of the United States Government.".into()),
                ..Rights::default()
            }
        );
        assert_eq!(
            d1.source,
            Some(SourceCitation {
                text: Some(
                    "Made for Chancery's tests in the shape of the published volumes.".into()
                ),
                title: Some("Foreign Relations of the United States, 1950, Test Volume".into()),
                place: Some("Washington".into()),
                publisher: Some("United States Government Printing Office".into()),
                year: Some(1976),
                pages: Some("1-2".into()),
                extent: None,
            })
        );
        check_blocks(
            d1,
            expect![[r#"
                heading/1 "1. Telegram From the Ambassador in Korea (Muccio) to the Secretary of State" [note_ref n="1" 75..75 ""]
                dateline "Seoul, June 25, 1950—10 a.m."
                salute "Mr. Secretary:"
                paragraph "North Korean forces invaded Republic territory at several points this morning. The attack appears to be an all-out offensive against the ROK." [note_ref n="2" 27..27 ""] [page n="2" 120..120 ""]
                paragraph "Points reported so far:"
                list_item/1 n="(a)" "Ongjin peninsula" [note_ref n="3" 16..16 ""]
                list_item/1 n="(b)" "Kaesong, taken at 0900" [italic 18..22 "0900"]
                paragraph "[…] has been informed." [gap reason="declassification" 0..5 "[…]"]
                signed "Muccio"
                note n="1" "Source: Department of State, Central Files, 795.00/6–2550. Secret; Niact." [italic 61..67 "Secret"]
                note n="2" "See Document 2."
                note n="3" "Not printed."
            "#]],
        );
        assert!(
            d1.text().contains("all-out offensive against the ROK."),
            "a page break splits no word"
        );
    }

    #[test]
    fn editorial_notes_tables_and_whole_period_dates() {
        let out = read("frus-volume.xml", None);
        let d2 = &out.documents[1];
        assert_eq!(d2.doc_type, Some(DocType::EditorialNote));
        assert_eq!(date(d2), ("1950-06".into(), None));
        assert_eq!(d2.source.as_ref().unwrap().pages.as_deref(), Some("2"));
        check_blocks(
            d2,
            expect![[r#"
                heading/1 "2. Editorial Note"
                paragraph "Figures on the forces engaged were compiled later:"
                caption "Forces, June 1950"
                table_row "Side\tDivisions"
                table_row "North\t7"
            "#]],
        );
        let d3 = &out.documents[2];
        assert_eq!(date(d3), ("1950".into(), None));
        assert_eq!(d3.doc_type, Some(DocType::Memorandum));
        assert_eq!(d3.source.as_ref().unwrap().pages.as_deref(), Some("3"));
        check_blocks(
            d3,
            expect![[r#"
                heading/1 "3. Memorandum by the Policy Planning Staff"
                paragraph "Undated. Top Secret." [small_caps 9..19 "Top Secret"]
                paragraph "First line second line."
                caption "Map of the front"
            "#]],
        );
    }

    #[test]
    fn an_invalid_date_attribute_warns_and_the_dateline_gives_the_date() {
        let out = read("frus-volume.xml", None);
        let d4 = &out.documents[3];
        assert_eq!(date(d4), ("1950-07-03".into(), Some("July 3, 1950".into())));
        assert_eq!(d4.place.as_deref(), Some("Washington"));
        assert_eq!(d4.doc_type, Some(DocType::Letter));
        check_blocks(
            d4,
            expect![[r#"
                heading/1 "4. Letter From the Secretary of State to the Ambassador in Korea"
                dateline "Washington, July 3, 1950."
                paragraph "Dear Mr. Ambassador: Your telegram has been received."
                quote "We stand with the Republic."
            "#]],
        );
        expect![[r#"
            [
                "38:23: text outside the divs of type 'document' belongs to no record and is left out",
                "114:17: frus:doc-dateTime-min/max: '1950-02-30' is not a valid EDTF date: invalid EDTF at offset 8: day is out of range for the month; the date is taken from the next source",
            ]
        "#]]
        .assert_debug_eq(&out.warnings);
    }

    #[test]
    fn front_matter_sections_split_on_request() {
        let out = read("frus-volume.xml", Some("section"));
        let titles: Vec<_> = out.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Preface", "Abbreviations and Terms"]);
        check_blocks(
            &out.documents[1],
            expect![[r#"
                heading/1 "Abbreviations and Terms"
                list_item/1 "ROK, Republic of Korea" [bold 0..4 "ROK,"]
            "#]],
        );
        assert_eq!(
            out.documents[0].source.as_ref().unwrap().pages.as_deref(),
            Some("III")
        );
    }

    // An essay

    #[test]
    fn an_essay_without_document_divs_is_one_record() {
        let out = read("essay.xml", None);
        assert_eq!(out.documents.len(), 1);
        let doc = &out.documents[0];
        assert_eq!(doc.id, DocumentId::from_key("tei:essay"));
        assert_eq!(doc.title, "Keeping the Record: An Essay");
        assert_eq!(doc.doc_type, Some(DocType::Article));
        assert_eq!(
            doc.date, None,
            "the publication date is not the date of writing"
        );
        assert_eq!(doc.language.as_deref(), Some("en"));
        assert_eq!(
            doc.caption.as_deref(),
            Some("How archives keep what governments publish.")
        );
        assert_eq!(doc.subjects, ["archives", "publication"]);
        assert_eq!(doc.rights.statement.as_deref(), Some("CC0 1.0"));
        assert_eq!(
            doc.rights.uri.as_deref(),
            Some("https://creativecommons.org/publicdomain/zero/1.0/")
        );
        assert_eq!(doc.rights.access, AccessLevel::Public);
        let source = doc.source.as_ref().unwrap();
        assert_eq!(
            source.text.as_deref(),
            Some("Written for Chancery's tests.")
        );
        assert_eq!(
            (source.publisher.as_deref(), source.year),
            (Some("Office of the Historian"), Some(2011))
        );
        check_blocks(
            doc,
            expect![[r#"
                heading/1 "Origins, 1861"
                paragraph "The series began in 1861 with Papers Relating to Foreign Affairs." [italic 30..64 "Papers Relating to Foreign Affairs"]
                heading/2 "A first volume"
                paragraph "It ran to over 400 pages." [link target="https://example.org/frus1861" 10..24 "over 400 pages"]
                heading/1 "Growth"
                paragraph "By 1900 the Foreign Relations series had grown." [italic 12..29 "Foreign Relations"]
                quote "It is the record of the nation."
                heading/1 "Today"
                paragraph "The work goes on."
            "#]],
        );
    }

    #[test]
    fn an_essay_splits_into_sections() {
        let out = read("essay.xml", Some("section"));
        let got: Vec<_> = out
            .documents
            .iter()
            .map(|d| (d.title.as_str(), d.id))
            .collect();
        assert_eq!(
            got,
            [
                ("Origins, 1861", DocumentId::from_key("tei:essay#origins")),
                ("Growth", DocumentId::from_key("tei:essay#growth")),
                ("Today", DocumentId::from_key("tei:essay#div3")),
            ]
        );
        // A bare year in a heading is its subject, not its date; sections get no guessed type.
        assert_eq!(out.documents[0].date, None);
        assert_eq!(out.documents[0].doc_type, None);
        assert_eq!(
            out.documents[0].source.as_ref().unwrap().title.as_deref(),
            Some("Keeping the Record: An Essay")
        );
        check_blocks(
            &out.documents[0],
            expect![[r#"
                heading/1 "Origins, 1861"
                paragraph "The series began in 1861 with Papers Relating to Foreign Affairs." [italic 30..64 "Papers Relating to Foreign Affairs"]
                heading/2 "A first volume"
                paragraph "It ran to over 400 pages." [link target="https://example.org/frus1861" 10..24 "over 400 pages"]
            "#]],
        );
    }

    // A corpus, embedded content

    #[test]
    fn a_corpus_is_read_member_by_member() {
        let out = read("corpus.xml", None);
        assert_eq!(out.documents.len(), 2);
        let note = &out.documents[0];
        assert_eq!(note.id, DocumentId::from_key("tei:kirk-note"));
        assert_eq!(note.title, "United States aide-memoire (27 June 1950)");
        assert_eq!(note.doc_type, Some(DocType::AideMemoire));
        assert_eq!(
            date(note),
            ("1950-06-27".into(), Some("27 June 1950".into()))
        );
        assert_eq!(note.place.as_deref(), Some("Moscow"));
        assert_eq!(
            note.senders,
            [AgentRef {
                id: Some("pocom:kirk-alan-goodrich".into()),
                name: "Alan G. Kirk".into()
            }]
        );
        assert_eq!(note.recipients, [AgentRef::named("Andrei Gromyko")]);
        assert_eq!(
            note.provenance.as_ref().unwrap().record.as_deref(),
            Some("kirk-note")
        );
        let memo = &out.documents[1];
        assert_eq!(memo.id, DocumentId::from_key("tei:corpus-2#memo"));
        assert_eq!(
            date(memo),
            ("1951-03-02".into(), Some("March 2, 1951".into()))
        );
        assert_eq!(
            memo.source.as_ref().unwrap().title.as_deref(),
            Some("Memoranda, 1951")
        );
    }

    // Names and dates marked up in the text

    #[test]
    fn marked_names_and_dates_become_confirmed_mentions() {
        let out = read("mentions.xml", None);
        let doc = &out.documents[0];
        assert_mentions_fit(doc);
        expect![[r#"
            person "Dulles" ref=p_AGD1
            place "Washington"
            date "March 5, 1953" edtf=1953-03-05
            organization "Central Intelligence Agency" ref=org:o_CIA
            person "Stalin" ref=p_JVS1
            place "Moscow" ref=place:pl_MOS
            date "March 5" edtf=1953-03-05
            person "John Foster Dulles" ref=p_DJF1
            organization "Embassy in Moscow"
            place "Moscow"
            date "2 and 6 March" edtf=1953-03-02/1953-03-06
            date "early March" edtf=1953-03/..
            date "later cable"
            person "Malenkov" ref=malenkov
            organization "Presidium"
            person "the envoy of 1953" ref=p_X1
            date "1953" edtf=1953
            place "Berlin"
            organization "National Archives" ref=org:nara
            date "March 4" edtf=1953-03-04
            person "Bohlen" ref=p_CEB1
            date "March 6" edtf=1953-03-06
        "#]]
        .assert_eq(&mentions(doc));
        for m in &doc.mentions {
            assert_eq!(
                (m.source, m.status, m.confidence, m.field),
                (
                    MentionSource::Markup,
                    MentionStatus::Confirmed,
                    1.0,
                    MentionField::Text
                ),
                "{m:?}"
            );
        }
        // Mentions in notes point into the notes at the end of the text.
        let bohlen = doc.mentions.iter().find(|m| m.text == "Bohlen").unwrap();
        assert!(doc.text()[..bohlen.start as usize].ends_with("[2] Confirmed by "));
        // The head is the title and a heading of the text; its mentions are the text's.
        assert!(doc.title.contains("(Dulles)"));
        assert!(doc.mentions.iter().all(|m| m.field == MentionField::Text));
    }

    #[test]
    fn the_frus_volume_links_its_persons() {
        let out = read("frus-volume.xml", None);
        let d1 = &out.documents[0];
        assert_mentions_fit(d1);
        expect![[r#"
            person "Muccio" ref=p_MJJ1
            place "Seoul"
            date "June 25, 1950—10 a.m." edtf=1950-06-25
            person "Muccio" ref=p_MJJ1
        "#]]
        .assert_eq(&mentions(d1));
    }

    #[test]
    fn embedded_players_and_scripts_are_dropped_with_a_warning() {
        let out = read("script.xml", None);
        let doc = &out.documents[0];
        assert_eq!(doc.text(), "Welcome to the series.");
        expect![[r#"
            [
                "21:17: 2 <script> elements were dropped: embedded content is not part of the document's text",
                "22:17: a <object> element was dropped: embedded content is not part of the document's text",
                "26:17: a <style> element was dropped: embedded content is not part of the document's text",
                "27:17: a <iframe> element was dropped: embedded content is not part of the document's text",
            ]
        "#]]
        .assert_debug_eq(&out.warnings);
    }

    // Hostile and broken files

    #[test]
    fn malformed_xml_is_an_error_with_its_position() {
        expect![[r#"
            [
                "6:9: malformed XML: expected 'p' tag, not 'body'",
            ]
        "#]]
        .assert_debug_eq(&errors("malformed.xml"));
    }

    #[test]
    fn a_doctype_is_refused_before_any_entity_is_expanded() {
        let errors = errors("doctype.xml");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("2:1: XML with a document type declaration"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_root_that_is_not_tei_is_named() {
        expect![[r#"
            [
                "2:1: the root element is <html> in the namespace http://www.w3.org/1999/xhtml; expected <TEI> or <teiCorpus> in the TEI namespace (http://www.tei-c.org/ns/1.0)",
            ]
        "#]]
        .assert_debug_eq(&errors("wrong-root.xml"));
        expect![[r#"
            [
                "2:1: the root element is <TEI> in no namespace; expected <TEI> or <teiCorpus> in the TEI namespace (http://www.tei-c.org/ns/1.0)",
            ]
        "#]]
        .assert_debug_eq(&errors("no-namespace.xml"));
    }

    #[test]
    fn every_bad_record_is_reported_and_the_file_fails() {
        expect![[r#"
            [
                "21:13: document div 'd2': title: missing or empty",
                "21:13: document div 'd2': text: missing or empty",
                "24:13: document div 'div3': title: missing or empty",
            ]
        "#]]
        .assert_debug_eq(&errors("bad-records.xml"));
    }

    #[test]
    fn the_deepest_nesting_the_parser_allows_is_walked_without_trouble() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<hi rend=\"italic\">", "</hi>"),
            ("<note>", "</note>"),
            ("<list><item>x", "</item></list>"),
            ("<quote><p>q", "</p></quote>"),
            ("<p>a", "</p>"),
        ] {
            // Just under the parser's bound of 256 nested elements.
            let depth = 248 / open.matches('<').count();
            let file = format!(
                "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Deep</title>\
                 </titleStmt></fileDesc></teiHeader><text><body><p>Top.</p>{}text{}</body></text></TEI>",
                open.repeat(depth),
                close.repeat(depth)
            );
            let out = tei::read(&file, &ReadContext::new("deep.xml"))
                .unwrap_or_else(|e| panic!("{open}: {e:?}"));
            assert!(out.documents[0].text().starts_with("Top."), "{open}");
        }
    }

    #[test]
    fn records_sharing_an_id_are_an_error_naming_both() {
        let id = DocumentId::from_key("tei:duplicate-ids#d7");
        assert_eq!(
            errors("duplicate-ids.xml"),
            [format!(
                "23:13: document div 'd7' has the same id {id} as document div 'd7' (line 19)"
            )]
        );
    }
}

/// Writing, and reading back what was written.
mod tei_write {
    use super::*;

    // The writer

    pub(crate) fn round_trip(doc: &Document) -> Document {
        let written = tei::write(doc);
        let out = tei::read(&written, &ReadContext::new("export.xml"))
            .unwrap_or_else(|errors| panic!("{errors:?}\n{written}"));
        assert_eq!(out.documents.len(), 1, "{written}");
        out.documents
            .into_iter()
            .next()
            .unwrap_or_else(|| unreachable!())
    }

    #[track_caller]
    fn assert_round_trips(doc: &Document) {
        assert!(
            doc.validate().is_ok(),
            "the test document is invalid: {:?}",
            doc.validate()
        );
        let back = round_trip(doc);
        if back.content_hash() != doc.content_hash() {
            let a = serde_json::to_string_pretty(doc).unwrap();
            let b = serde_json::to_string_pretty(&back).unwrap();
            let diff: Vec<_> = a
                .lines()
                .zip(b.lines())
                .filter(|(x, y)| x != y)
                .take(8)
                .collect();
            panic!(
                "round trip changed the document: {diff:#?}\n--- written:\n{}",
                tei::write(doc)
            );
        }
    }

    fn span(start: u32, end: u32, style: SpanStyle) -> Span {
        Span { start, end, style }
    }

    fn block(kind: BlockKind, text: &str) -> Block {
        Block::new(kind, text)
    }

    /// A document with every field set and every block kind.
    fn full_document() -> Document {
        let mut doc = Document::new(
            DocumentId::from_key("full"),
            "Aide-mémoire <draft> & \"notes\"",
            "",
        );
        doc.doc_type = Some(DocType::AideMemoire);
        doc.date = Some(DocDate::from_written("27 June 1950").unwrap());
        doc.place = Some("Moscow".into());
        doc.language = Some("en-GB".into());
        doc.caption = Some("Kirk hands Gromyko the United States' position.".into());
        doc.source = Some(SourceCitation {
            text: Some("CVCE, <Luxembourg> & \"Paris\"".into()),
            title: Some("Documents on Korea".into()),
            place: Some("Luxembourg".into()),
            publisher: Some("CVCE".into()),
            year: Some(2016),
            pages: Some("91-93".into()),
            extent: Some("99 p.".into()),
        });
        doc.rights = Rights {
            statement: Some("All rights reserved & more".into()),
            uri: Some("http://rightsstatements.org/vocab/InC/1.0/?a=1&b=2".into()),
            access: AccessLevel::Embargoed,
            embargo_until: Some("2030-01-01".parse().unwrap()),
        };
        doc.url = Some("https://www.cvce.eu/obj/x?a=1&b=\"2\"".into());
        doc.source_updated = Some("2016-07-08".parse().unwrap());
        doc.senders = vec![AgentRef {
            id: Some("pocom:kirk-alan-goodrich".into()),
            name: "Alan G. Kirk".into(),
        }];
        doc.recipients = vec![
            AgentRef::named("Андрей Громыко"),
            AgentRef {
                id: Some("x&y".into()),
                name: "B".into(),
            },
        ];
        doc.collections = vec!["korea-1950".into(), "cvce".into()];
        doc.subjects = vec!["Korean War".into(), "aide-mémoire".into()];
        doc.relations = vec![
            Relation {
                kind: RelationKind::InReplyTo,
                target: "urn:x:1".into(),
                label: Some("your note of 25 June".into()),
            },
            Relation {
                kind: RelationKind::PartOf,
                target: "vol-7".into(),
                label: None,
            },
        ];
        let mut heading = Block::heading(1, "United States aide-memoire");
        heading
            .spans
            .push(span(26, 26, SpanStyle::NoteRef { n: "1".into() }));
        let mut para = block(
            BlockKind::Paragraph,
            "My Government has instructed me to call upon you: «Ça va?» 1 < 2 & 3 > 2.",
        );
        para.spans = vec![
            span(3, 13, SpanStyle::Italic),
            span(14, 17, SpanStyle::Bold),
            span(18, 28, SpanStyle::Underline),
            span(29, 31, SpanStyle::SmallCaps),
            span(32, 36, SpanStyle::Superscript),
            span(
                37,
                41,
                SpanStyle::Link {
                    target: "https://example.org/?q=\"x\"&y=<z>".into(),
                },
            ),
            span(16, 16, SpanStyle::Page { n: "92".into() }),
            span(47, 47, SpanStyle::NoteRef { n: "2".into() }),
        ];
        let mut gap = block(BlockKind::Paragraph, "[…] withheld.");
        gap.spans.push(span(
            0,
            5,
            SpanStyle::Gap {
                reason: Some("declassification".into()),
            },
        ));
        let mut item = block(BlockKind::ListItem, "First point");
        item.level = 1;
        item.n = Some("(a)".into());
        let mut sub = block(BlockKind::ListItem, "A sub-point");
        sub.level = 2;
        let mut row = block(BlockKind::TableRow, "Side\tDivisions");
        row.spans.push(span(0, 4, SpanStyle::Bold));
        let mut note1 = block(BlockKind::Note, "Source: files 611.61/6-2750, Secret.");
        note1.n = Some("1".into());
        let mut note2 = block(BlockKind::Note, "See the reply of 29 June.");
        note2.n = Some("2".into());
        note2.spans.push(span(8, 13, SpanStyle::Italic));
        doc.body = vec![
            heading,
            block(BlockKind::Dateline, "Moscow, June 27, 1950"),
            block(BlockKind::Salute, "Mr. Minister:"),
            para,
            gap,
            block(BlockKind::Quote, "The Republic of Korea has been attacked."),
            item,
            sub,
            block(BlockKind::Caption, "Table 1"),
            row,
            block(BlockKind::TableRow, "North\t7"),
            Block::heading(2, "Annex"),
            block(BlockKind::Paragraph, "Nothing more."),
            block(BlockKind::Signed, "Alan G. Kirk"),
            note1,
            note2,
        ];
        doc
    }

    #[test]
    fn a_full_document_round_trips() {
        assert_round_trips(&full_document());
    }

    #[test]
    fn the_writer_escapes_and_never_writes_a_doctype() {
        let written = tei::write(&full_document());
        assert!(!written.contains("<!DOCTYPE"));
        assert!(
            written.contains("Aide-mémoire &lt;draft&gt; &amp; \"notes\""),
            "{written}"
        );
        assert!(written.contains("x&amp;y"), "{written}");
        assert!(
            written.contains(r#"target="https://example.org/?q=&quot;x&quot;&amp;y=&lt;z&gt;""#),
            "{written}"
        );
        // Notes stand at their anchors.
        assert!(
            written.contains("aide-memoire<note n=\"1\">Source: files"),
            "{written}"
        );
    }

    #[test]
    fn the_written_header_reads_as_tei() {
        let written = tei::write(&full_document());
        expect![[r#"
            <teiHeader>
              <fileDesc>
                <titleStmt>
                  <title type="main">Aide-mémoire &lt;draft&gt; &amp; "notes"</title>
                </titleStmt>
                <publicationStmt>
                  <publisher>CVCE</publisher>
                  <pubPlace>Luxembourg</pubPlace>
                  <date type="published" when="2016">2016</date>
                  <idno type="chancery">7ed5c3d9-9d2e-5631-84b9-f0e4867780c2</idno>
                  <idno type="URL">https://www.cvce.eu/obj/x?a=1&amp;b="2"</idno>
        "#]]
        .assert_eq(
            &written
                .lines()
                .skip(2)
                .take(11)
                .map(|l| format!("{}\n", &l[2..]))
                .collect::<String>(),
        );
    }

    /// Documents that test the corners: whitespace that would collapse, empty values, notes out
    /// of order or among the blocks, overlapping and unordered spans, spans across cells,
    /// levels the structure cannot give.
    fn corner_documents() -> Vec<Document> {
        let mut docs = Vec::new();

        let mut d = Document::new(DocumentId::from_key("ws"), "  Two  spaces\tand a tab ", "");
        d.caption = Some(String::new());
        d.place = Some(" Washington,\r\nD.C. ".into());
        d.date = Some(
            DocDate::parse_edtf("1950-06/1950-07")
                .unwrap()
                .with_text("June–July\n1950"),
        );
        d.source = Some(SourceCitation::default());
        d.rights.statement = Some(String::new());
        d.subjects = vec![String::new(), " x ".into()];
        d.senders = vec![AgentRef::named(""), AgentRef::named("  padded  ")];
        let mut p = block(BlockKind::Paragraph, "  leading and trailing  ");
        p.spans.push(span(2, 9, SpanStyle::Italic));
        let mut q = block(BlockKind::Paragraph, "word next");
        q.spans
            .push(span(5, 5, SpanStyle::NoteRef { n: "1".into() }));
        let mut r = block(BlockKind::TableRow, " a \t\tb\r");
        r.spans.push(span(1, 6, SpanStyle::Bold));
        let mut note = block(BlockKind::Note, " padded note ");
        note.n = Some("1".into());
        d.body = vec![p, q, r, block(BlockKind::Paragraph, "line\nbreak"), note];
        docs.push(d);

        let mut d = Document::new(DocumentId::from_key("notes"), "Notes out of order", "");
        let mut p = block(BlockKind::Paragraph, "one two three");
        p.spans = vec![
            span(3, 3, SpanStyle::NoteRef { n: "b".into() }),
            span(7, 7, SpanStyle::NoteRef { n: "a".into() }),
            span(13, 13, SpanStyle::NoteRef { n: "a".into() }),
            span(0, 3, SpanStyle::NoteRef { n: "wide".into() }),
            span(8, 13, SpanStyle::Page { n: "4".into() }),
            span(4, 7, SpanStyle::Gap { reason: None }),
            span(
                0,
                0,
                SpanStyle::Gap {
                    reason: Some("illegible".into()),
                },
            ),
            span(
                13,
                13,
                SpanStyle::Link {
                    target: String::new(),
                },
            ),
            span(1, 1, SpanStyle::Italic),
        ];
        let mut in_place = block(BlockKind::Note, "A note standing among the blocks.");
        in_place.n = Some("x".into());
        let mut unnumbered = block(BlockKind::Note, "Unnumbered.");
        unnumbered.n = None;
        let mut a = block(BlockKind::Note, "Note a, with a nested anchor.");
        a.n = Some("a".into());
        a.spans
            .push(span(6, 6, SpanStyle::NoteRef { n: "c".into() }));
        let mut b = block(BlockKind::Note, "Note b.");
        b.n = Some("b".into());
        let mut c = block(BlockKind::Note, "Note c.");
        c.n = Some("c".into());
        let mut orphan = block(BlockKind::Note, "");
        orphan.n = Some("orphan".into());
        d.body = vec![
            p,
            in_place,
            block(BlockKind::Paragraph, "After."),
            a,
            unnumbered,
            b,
            c,
            orphan,
        ];
        docs.push(d);

        let mut d = Document::new(DocumentId::from_key("spans"), "Overlaps", "");
        let mut p = block(BlockKind::Paragraph, "abcdefghij");
        p.spans = vec![
            span(5, 8, SpanStyle::Bold),
            span(0, 6, SpanStyle::Italic),
            span(2, 9, SpanStyle::Underline),
            span(2, 4, SpanStyle::Italic),
            span(0, 10, SpanStyle::SmallCaps),
            span(2, 9, SpanStyle::Underline),
        ];
        let mut row = block(BlockKind::TableRow, "ab\tcd\t\tef");
        row.spans = vec![
            span(1, 4, SpanStyle::Italic),
            span(2, 3, SpanStyle::Bold),
            span(2, 2, SpanStyle::Page { n: "9".into() }),
            span(
                3,
                3,
                SpanStyle::NoteRef {
                    n: "no such note".into(),
                },
            ),
            span(5, 7, SpanStyle::Underline),
        ];
        d.body = vec![p, row];
        docs.push(d);

        let mut d = Document::new(DocumentId::from_key("levels"), "Levels", "");
        let mut h0 = Block::heading(0, "Level zero");
        h0.n = Some("I".into());
        let mut para = block(BlockKind::Paragraph, "A paragraph with a level.");
        para.level = 3;
        para.n = Some("¶ 7".into());
        let mut l0 = block(BlockKind::ListItem, "Item at level zero");
        l0.level = 0;
        let mut l5 = block(BlockKind::ListItem, "Item at level five");
        l5.level = 5;
        l5.n = Some(String::new());
        let mut l1 = block(BlockKind::ListItem, "");
        l1.level = 1;
        let mut empty = block(BlockKind::Paragraph, "");
        empty
            .spans
            .push(span(0, 0, SpanStyle::Page { n: "5".into() }));
        d.body = vec![
            Block::heading(3, "Deep"),
            h0,
            para,
            Block::heading(40, "Very deep"),
            l0,
            l5,
            l1,
            Block::heading(1, "Back up"),
            empty,
            block(BlockKind::Quote, "Quoted."),
            block(BlockKind::Quote, "Quoted again."),
        ];
        docs.push(d);

        for edtf in [
            "1950?",
            "195X",
            "-0043-03-15",
            "../1900",
            "1950-06-25/1950-06-27",
            "1950~",
        ] {
            let mut d = Document::new(DocumentId::from_key(edtf), format!("Dated {edtf}"), "Text.");
            d.date = Some(DocDate::parse_edtf(edtf).unwrap());
            d.rights.access = AccessLevel::Staff;
            d.source = Some(SourceCitation {
                year: Some(-44),
                ..SourceCitation::default()
            });
            docs.push(d);
        }

        // Titles that would otherwise give a date and a type: nothing is guessed for an export.
        let mut d = Document::new(
            DocumentId::from_key("guess"),
            "HAC Meeting Minutes, November 1958",
            "Text.",
        );
        d.doc_type = None;
        docs.push(d);
        docs
    }

    #[test]
    fn corner_documents_round_trip() {
        for doc in corner_documents() {
            assert_round_trips(&doc);
        }
    }

    #[test]
    fn a_corpus_round_trips() {
        let mut docs = corner_documents();
        docs.push(full_document());
        let written = tei::write_corpus(&docs);
        let out = tei::read(&written, &ReadContext::new("export.xml"))
            .unwrap_or_else(|e| panic!("{e:?}\n{written}"));
        assert_eq!(out.documents.len(), docs.len());
        for (a, b) in docs.iter().zip(&out.documents) {
            assert_eq!(a.content_hash(), b.content_hash(), "{}", a.title);
        }
        let empty = tei::read(&tei::write_corpus(&[]), &ReadContext::new("empty.xml")).unwrap();
        assert!(empty.documents.is_empty());
    }

    // Mentions

    fn mention(kind: MentionKind, doc: &Document, text: &str, nth: usize) -> Mention {
        let plain = doc.text();
        let start = plain.match_indices(text).nth(nth).unwrap().0;
        Mention {
            kind,
            text: text.into(),
            start: start as u32,
            end: (start + text.len()) as u32,
            entity_id: None,
            normalized: None,
            confidence: 1.0,
            status: MentionStatus::Confirmed,
            source: MentionSource::Markup,
            field: MentionField::Text,
        }
    }

    #[test]
    fn marked_up_mentions_survive_tei_to_document_to_tei() {
        let file = fixture("mentions.xml");
        let doc = &tei::read(&file, &ReadContext::new("mentions.xml"))
            .unwrap()
            .documents[0];
        let written = tei::write(doc);
        for markup in [
            r#"(<persName ref="p_AGD1">Dulles</persName>)"#,
            r#"<orgName ref="nara">National Archives</orgName>"#,
            r#"<persName ref="p_DJF1"><hi rend="italic">John Foster</hi> Dulles</persName>"#,
            r#"<orgName>Embassy in <placeName>Moscow</placeName></orgName>"#,
            r#"<date from="1953-03-02" to="1953-03-06">2 and 6 March</date>"#,
            r##"<date when-custom="1953-03/.." datingMethod="#edtf">early March</date>"##,
            r#"<date>later cable</date>"#,
            r#"<persName ref="p_X1">the envoy of <date when="1953">1953</date></persName>"#,
            r#"<placeName>Ber<pb n="2"/>lin</placeName>"#,
        ] {
            assert!(written.contains(markup), "{markup}\n{written}");
        }
        // The markup says it all: no JSON beside it.
        assert!(!written.contains("chancery:mentions"), "{written}");
        let back = round_trip(doc);
        assert_eq!(back.mentions, doc.mentions);
        assert_eq!(back.content_hash(), doc.content_hash());
        assert_eq!(tei::write(&back), written);
    }

    #[test]
    fn only_kept_mentions_are_marked_up_and_the_rest_survive_beside_them() {
        let mut doc = Document::new(
            DocumentId::from_key("mentions"),
            "Kirk to Gromyko",
            "Alan Kirk met Andrei Gromyko in Moscow on 27 June 1950.",
        );
        doc.body[0].spans = vec![span(5, 13, SpanStyle::Italic)]; // "Kirk met"
        let editor = Mention {
            entity_id: Some("gromyko-andrei".into()),
            source: MentionSource::Editor,
            ..mention(MentionKind::Person, &doc, "Andrei Gromyko", 0)
        };
        let confirmed_date = Mention {
            normalized: Some("1950-06-27".into()),
            source: MentionSource::Rule,
            confidence: 0.9,
            ..mention(MentionKind::Date, &doc, "27 June 1950", 0)
        };
        let automatic = Mention {
            status: MentionStatus::Automatic,
            source: MentionSource::Gazetteer,
            confidence: 0.8,
            ..mention(MentionKind::Place, &doc, "Moscow", 0)
        };
        let rejected = Mention {
            status: MentionStatus::Rejected,
            source: MentionSource::Gazetteer,
            confidence: 0.4,
            ..mention(MentionKind::Person, &doc, "June", 0)
        };
        // Crosses the italic span: not marked up.
        let crossing = mention(MentionKind::Person, &doc, "Alan Kirk", 0);
        let title = Mention {
            field: MentionField::Title,
            start: 0,
            end: 4,
            ..mention(MentionKind::Person, &doc, "Kirk", 0)
        };
        doc.mentions = vec![crossing, editor, automatic, rejected, confirmed_date, title];
        let written = tei::write(&doc);
        assert!(
            written.contains(r#"<persName ref="gromyko-andrei">Andrei Gromyko</persName>"#),
            "{written}"
        );
        assert!(
            written.contains(r#"<date when="1950-06-27">27 June 1950</date>"#),
            "{written}"
        );
        assert!(
            written.contains(r#"Alan <hi rend="italic">Kirk met</hi>"#),
            "{written}"
        );
        assert!(!written.contains("<placeName>"), "{written}");
        assert_eq!(written.matches("<persName").count(), 1, "{written}");
        // What the markup cannot say travels as JSON in the header.
        assert!(written.contains("<chancery:mentions>"), "{written}");
        assert_round_trips(&doc);

        // JSON that does not fit the text is left for the markup, with a warning.
        let broken = written.replace(r#""text":"Moscow""#, r#""text":"Moskva""#);
        let out = tei::read(&broken, &ReadContext::new("broken.xml")).unwrap();
        assert!(
            out.warnings.iter().any(|w| w.contains("do not fit")),
            "{:?}",
            out.warnings
        );
        let kinds: Vec<_> = out.documents[0]
            .mentions
            .iter()
            .map(|m| (m.kind, m.text.as_str(), m.source))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (MentionKind::Person, "Andrei Gromyko", MentionSource::Markup),
                (MentionKind::Date, "27 June 1950", MentionSource::Markup),
            ]
        );
    }

    /// A small deterministic generator (xorshift), so the property test needs no dependency and
    /// fails the same way every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }

        fn text(&mut self, max_words: usize) -> String {
            const WORDS: &[&str] = &[
                "Kirk",
                "Gromyko",
                "aide-mémoire",
                "1950",
                "<b>",
                "&amp;",
                "\"q\"",
                "'s",
                "Ж",
                "漢字",
                "🙂",
                "[…]",
                ".",
                ",",
                "x",
                "note",
            ];
            const SPACES: &[&str] = &[" ", " ", " ", "", "  ", "\t", "\n", "\r\n", "\u{a0}"];
            let mut out = String::new();
            for _ in 0..self.below(max_words + 1) {
                out.push_str(self.pick(WORDS));
                out.push_str(self.pick(SPACES));
            }
            out
        }

        fn boundary(&mut self, text: &str) -> u32 {
            let mut at = self.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at as u32
        }

        fn style(&mut self, notes: &[String]) -> SpanStyle {
            match self.below(9) {
                0 => SpanStyle::Italic,
                1 => SpanStyle::Bold,
                2 => SpanStyle::Underline,
                3 => SpanStyle::SmallCaps,
                4 => SpanStyle::Superscript,
                5 => SpanStyle::NoteRef {
                    n: notes
                        .get(self.below(notes.len() + 1))
                        .cloned()
                        .unwrap_or_else(|| "9".into()),
                },
                6 => SpanStyle::Page {
                    n: self.below(1000).to_string(),
                },
                7 => SpanStyle::Gap {
                    reason: [None, Some("illegible".to_string())][self.below(2)].clone(),
                },
                _ => SpanStyle::Link {
                    target: self.text(1),
                },
            }
        }

        /// A range of `text` at character boundaries (inside `bounds`).
        fn range(&mut self, text: &str) -> (usize, usize) {
            let (a, b) = (self.boundary(text) as usize, self.boundary(text) as usize);
            (a.min(b), a.max(b))
        }

        /// Mentions of `doc`: with `clean`, only what markup gives (inside one block, trimmed,
        /// confirmed from markup, in the reader's order); otherwise anything.
        fn mentions(&mut self, doc: &Document, clean: bool) -> Vec<Mention> {
            const KINDS: &[MentionKind] = &[
                MentionKind::Person,
                MentionKind::Organization,
                MentionKind::Place,
                MentionKind::Date,
            ];
            const DATES: &[&str] = &["1950", "1950-06-27", "1950/1951-02", "1950?", "../1950"];
            let text = doc.text();
            let offsets = chancery_model::body::block_offsets(&doc.body);
            let mut out = Vec::new();
            for _ in 0..self.below(6) {
                let title = !clean && self.below(5) == 0;
                let (a, b) = if title {
                    self.range(&doc.title)
                } else if clean || self.below(2) == 0 {
                    let i = self.below(doc.body.len());
                    let Some(at) = offsets[i] else { continue };
                    let (a, b) = self.range(&doc.body[i].text);
                    (at + a, at + b)
                } else {
                    self.range(&text)
                };
                let field_text = if title { &doc.title } else { &text };
                let mut slice = &field_text[a..b];
                let mut start = a;
                if clean {
                    let trimmed = slice.trim_start_matches([' ', '\t', '\n', '\r']);
                    start += slice.len() - trimmed.len();
                    slice = trimmed.trim_end_matches([' ', '\t', '\n', '\r']);
                    if slice.is_empty() {
                        continue;
                    }
                }
                let kind = self.pick(KINDS);
                let linked = self.below(2) == 0;
                let (entity_id, normalized) = match (kind, clean) {
                    (MentionKind::Date, _) => (None, linked.then(|| self.pick(DATES).into())),
                    (_, true) => (linked.then(|| format!("p_{}", self.below(100))), None),
                    (_, false) => (linked.then(|| self.text(2)), None),
                };
                let (status, source, confidence) = if clean {
                    (MentionStatus::Confirmed, MentionSource::Markup, 1.0)
                } else {
                    (
                        self.pick(&[
                            MentionStatus::Automatic,
                            MentionStatus::Confirmed,
                            MentionStatus::Rejected,
                        ]),
                        self.pick(&[
                            MentionSource::Markup,
                            MentionSource::Gazetteer,
                            MentionSource::Rule,
                            MentionSource::Editor,
                        ]),
                        self.pick(&[1.0, 0.5, 0.25]),
                    )
                };
                out.push(Mention {
                    kind,
                    text: slice.to_string(),
                    start: start as u32,
                    end: (start + slice.len()) as u32,
                    entity_id,
                    normalized,
                    confidence,
                    status,
                    source,
                    field: if title {
                        MentionField::Title
                    } else {
                        MentionField::Text
                    },
                });
            }
            if clean {
                out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
            }
            out
        }

        fn block(&mut self, notes: &[String]) -> Block {
            const KINDS: &[BlockKind] = &[
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Dateline,
                BlockKind::Salute,
                BlockKind::Signed,
                BlockKind::Quote,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::TableRow,
                BlockKind::Caption,
                BlockKind::Note,
            ];
            let kind = self.pick(KINDS);
            let mut text = self.text(8);
            if kind == BlockKind::TableRow {
                text = format!("{}\t{}", text, self.text(3));
            }
            let level = match kind {
                BlockKind::Heading | BlockKind::ListItem => [1, 1, 2, 3, 0, 14][self.below(6)],
                _ => [0, 0, 0, 0, 0, 2][self.below(6)],
            };
            let n = match self.below(4) {
                0 => Some(self.text(1)),
                _ => None,
            };
            let mut spans = Vec::new();
            for _ in 0..self.below(5) {
                let a = self.boundary(&text);
                let b = if self.below(3) == 0 {
                    a
                } else {
                    self.boundary(&text)
                };
                spans.push(span(a.min(b), a.max(b), self.style(notes)));
            }
            Block {
                kind,
                text,
                level,
                n,
                spans,
            }
        }
    }

    #[test]
    fn random_documents_round_trip() {
        // TEI_ROUND_TRIP_CASES=100000 for a longer run; TEI_ROUND_TRIP_SEED for another sequence.
        let cases = std::env::var("TEI_ROUND_TRIP_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(400);
        let seed = std::env::var("TEI_ROUND_TRIP_SEED")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(0x5eed_cafe_f00d_0001);
        let mut rng = Rng(seed);
        // Documents whose mentions all travel as markup, with no JSON beside it.
        let mut by_markup_alone = 0;
        for case in 0..cases {
            let notes: Vec<String> = (0..rng.below(4)).map(|i| format!("{}", i + 1)).collect();
            let mut doc = Document::new(
                DocumentId::from_key(&format!("random-{case}")),
                format!("Title {case} {}", rng.text(3)),
                "",
            );
            let mut body: Vec<Block> = (0..rng.below(8)).map(|_| rng.block(&notes)).collect();
            for n in &notes {
                let mut note = rng.block(&notes);
                note.kind = BlockKind::Note;
                note.n = Some(n.clone());
                body.push(note);
            }
            if body.iter().all(|b| b.text.trim().is_empty()) {
                body.push(Block::paragraph("Some text."));
            }
            doc.body = body;
            let clean = rng.below(2) == 0;
            doc.mentions = rng.mentions(&doc, clean);
            if !doc.mentions.is_empty() && !tei::write(&doc).contains("chancery:mentions") {
                by_markup_alone += 1;
            }
            if rng.below(2) == 0 {
                doc.place = Some(rng.text(2));
                doc.subjects = vec![rng.text(2), rng.text(1)];
                doc.senders = vec![AgentRef {
                    id: Some(rng.text(1)),
                    name: rng.text(2),
                }];
            }
            assert_round_trips(&doc);
        }
        assert!(by_markup_alone * 20 > cases, "{by_markup_alone} of {cases}");
    }
}

/// The real corpora beside the project (skipped with a notice when absent).
mod tei_corpora {
    use super::*;
    use crate::tei_write::round_trip;

    // The real corpora beside the project

    fn corpora() -> Option<PathBuf> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
        if path.is_dir() {
            Some(path)
        } else {
            eprintln!(
                "notice: {} is absent; the corpus tests are skipped",
                path.display()
            );
            None
        }
    }

    fn xml_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        files
    }

    /// Reads every file of `dir`; panics listing every file that fails.
    fn read_all(dir: &Path, split: Option<&str>) -> Vec<(PathBuf, Document)> {
        let mut docs = Vec::new();
        let mut failures = Vec::new();
        for path in xml_files(dir) {
            let text = std::fs::read_to_string(&path).unwrap();
            let ctx =
                ReadContext::new(path.to_str().unwrap()).with_split_div(split.map(String::from));
            match tei::read(&text, &ctx) {
                Ok(out) => docs.extend(out.documents.into_iter().map(|d| (path.clone(), d))),
                Err(errors) => failures.push(format!("{}: {errors:?}", path.display())),
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
        docs
    }

    #[test]
    fn every_corpus_file_reads() {
        let Some(root) = corpora() else { return };
        for dir in [
            "frus-history/documents",
            "frus-history/articles",
            "milestones/chapters",
        ] {
            let docs = read_all(&root.join(dir), None);
            assert!(!docs.is_empty(), "{dir}");
            for (path, doc) in &docs {
                assert!(
                    !doc.title.trim().is_empty(),
                    "{}: a record without a title",
                    path.display()
                );
                assert!(
                    !doc.text().trim().is_empty(),
                    "{}: '{}' has no text",
                    path.display(),
                    doc.title
                );
                assert!(
                    !doc.text().to_lowercase().contains("brightcove"),
                    "{}: script content kept",
                    path.display()
                );
                assert!(
                    doc.validate().is_ok(),
                    "{}: {:?}",
                    path.display(),
                    doc.validate()
                );
            }
        }
    }

    #[test]
    fn corpus_mentions_point_at_their_text() {
        let Some(root) = corpora() else { return };
        let count = |dir: &str, split: Option<&str>| {
            let docs = read_all(&root.join(dir), split);
            for (_, doc) in &docs {
                assert_mentions_fit(doc);
            }
            docs.iter().map(|(_, d)| d.mentions.len()).sum::<usize>()
        };
        count("frus-history/documents", None);
        assert!(count("frus-history/articles", None) > 0);
        let whole = count("milestones/chapters", None);
        let split = count("milestones/chapters", Some("section"));
        // Every persName, placeName and date in the chapters' text, read either way.
        assert_eq!((whole, split), (805, 805));
    }

    #[test]
    fn frus_history_documents_give_73_dated_records() {
        let Some(root) = corpora() else { return };
        let dir = root.join("frus-history/documents");
        assert_eq!(xml_files(&dir).len(), 63);
        let docs = read_all(&dir, None);
        assert_eq!(docs.len(), 73);
        for (path, doc) in &docs {
            assert!(
                doc.date.is_some(),
                "{}: '{}' has no date",
                path.display(),
                doc.title
            );
        }
        let (_, kennan) = docs
            .iter()
            .find(|(p, d)| {
                p.ends_with("1957-03-21-kennan-to-leopold.xml")
                    && d.provenance.as_ref().and_then(|p| p.record.as_deref())
                        == Some("kennan-to-leopold")
            })
            .expect("the record kennan-to-leopold");
        assert_eq!(kennan.title, "George F. Kennan to Richard W. Leopold");
        assert_eq!(
            date(kennan),
            ("1957-03-21".into(), Some("21 March 1957".into()))
        );
        assert!(kennan.text().contains("I have been slow in replying"));
        assert_eq!(
            kennan.id,
            DocumentId::from_key("tei:1957-03-21-kennan-to-leopold#kennan-to-leopold")
        );
    }

    #[test]
    fn milestones_split_into_their_sections() {
        let Some(root) = corpora() else { return };
        let dir = root.join("milestones/chapters");
        let sections: usize = xml_files(&dir)
            .iter()
            .map(|p| {
                std::fs::read_to_string(p)
                    .unwrap()
                    .matches("<div type=\"section\"")
                    .count()
            })
            .sum();
        assert_eq!(
            read_all(&dir, None).len(),
            xml_files(&dir).len(),
            "one record per chapter"
        );
        let docs = read_all(&dir, Some("section"));
        assert_eq!(docs.len(), sections);
        assert_eq!(sections, 205);
    }

    #[test]
    fn corpus_records_survive_the_round_trip() {
        let Some(root) = corpora() else { return };
        let mut docs = read_all(&root.join("frus-history/documents"), None);
        docs.extend(read_all(&root.join("milestones/chapters"), Some("section")));
        for (path, doc) in docs.iter().step_by(3) {
            // The markup carries the mentions the markup gave.
            assert!(
                !tei::write(doc).contains("chancery:mentions"),
                "{}",
                path.display()
            );
            let back = round_trip(doc);
            assert_eq!(
                back.content_hash(),
                doc.content_hash(),
                "{}: '{}'",
                path.display(),
                doc.title
            );
        }
    }
}

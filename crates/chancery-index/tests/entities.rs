//! Persons, organizations and places: filters by authority identifier and by name, facets,
//! rejected mentions, senders and recipients, and what hidden documents must not reveal.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chancery_index::{FacetCount, Facets, SearchIndex, SearchRequest, Visibility};
use chancery_model::{
    AccessLevel, AgentRef, Document, DocumentId, Mention, MentionField, MentionKind, MentionSource,
    MentionStatus,
};
use chancery_store::SqliteStore;

use MentionKind::{Organization, Person, Place};
use MentionStatus::{Automatic, Confirmed, Rejected};

/// A mention of `text`, which must stand in the document's text (or title, for
/// [`MentionField::Title`]).
fn mention(
    doc: &Document,
    kind: MentionKind,
    text: &str,
    id: Option<&str>,
    status: MentionStatus,
    field: MentionField,
) -> Mention {
    let haystack = match field {
        MentionField::Title => doc.title.clone(),
        _ => doc.text(),
    };
    let start = haystack
        .find(text)
        .expect("the mention stands in the document");
    Mention {
        kind,
        text: text.into(),
        start: start as u32,
        end: (start + text.len()) as u32,
        entity_id: id.map(Into::into),
        normalized: None,
        confidence: 0.8,
        status,
        source: MentionSource::Gazetteer,
        field,
    }
}

/// A document with mentions given as (kind, text, identifier, status) in its text.
fn doc(
    key: &str,
    title: &str,
    text: &str,
    mentions: &[(MentionKind, &str, Option<&str>, MentionStatus)],
) -> Document {
    let mut d = Document::new(DocumentId::from_key(key), title, text);
    d.language = Some("en".into());
    d.mentions = mentions
        .iter()
        .map(|&(kind, name, id, status)| mention(&d, kind, name, id, status, MentionField::Text))
        .collect();
    d
}

fn agent(id: Option<&str>, name: &str) -> AgentRef {
    AgentRef {
        id: id.map(Into::into),
        name: name.into(),
    }
}

/// The documents every test searches.
fn documents() -> Vec<Document> {
    // Linked mentions of every kind, one in the title.
    let mut a = doc(
        "a",
        "NATO and the Soviet note",
        "Andrei Gromyko spoke in Moscow.",
        &[
            (Person, "Andrei Gromyko", Some("gromyko-andrei"), Automatic),
            (Place, "Moscow", Some("place:moscow"), Confirmed),
        ],
    );
    a.mentions.push(mention(
        &a,
        Organization,
        "NATO",
        Some("org:nato"),
        Confirmed,
        MentionField::Title,
    ));
    // An unlinked person, a place linked under another name, and linked correspondents.
    let mut b = doc(
        "b",
        "Telegram from Kirk",
        "Gromyko received the ambassador in Moskva.",
        &[
            (Person, "Gromyko", None, Automatic),
            (Place, "Moskva", Some("place:moscow"), Automatic),
        ],
    );
    b.senders = vec![agent(Some("kirk-alan-goodrich"), "Alan G. Kirk")];
    b.recipients = vec![agent(
        Some("place:soviet-union"),
        "Embassy in the Soviet Union",
    )];
    // Rejected mentions, linked or not, count for nothing; an organization as recipient.
    let mut c = doc(
        "c",
        "Memorandum",
        "Stalin in Paris, said the Tass report.",
        &[
            (Person, "Stalin", Some("stalin-joseph"), Rejected),
            (Place, "Paris", Some("place:paris"), Rejected),
            (Organization, "Tass", None, Rejected),
        ],
    );
    c.recipients = vec![agent(Some("org:un-security-council"), "Security Council")];
    // Staff only: hidden from the public.
    let mut d = doc(
        "d",
        "Staff note",
        "Gromyko again, in Moscow.",
        &[
            (Person, "Gromyko", Some("gromyko-andrei"), Confirmed),
            (Place, "Moscow", Some("place:moscow"), Automatic),
        ],
    );
    d.rights.access = AccessLevel::Staff;
    // Two names one after the other: a phrase must not run from one into the next.
    let e = doc(
        "e",
        "Conversation",
        "Dean Acheson, Andrei Vyshinsky.",
        &[
            (Person, "Dean Acheson", None, Automatic),
            (Person, "Andrei Vyshinsky", None, Automatic),
        ],
    );
    vec![a, b, c, d, e]
}

fn archive() -> (tempfile::TempDir, SqliteStore, SearchIndex) {
    let (dir, store, index) = common::open();
    common::commit(&store, &index, documents());
    (dir, store, index)
}

/// The keys of the documents `query` finds, sorted.
fn found(index: &SearchIndex, store: &SqliteStore, query: &str) -> Vec<&'static str> {
    let mut request = SearchRequest::new(query);
    request.limit = 100;
    request.snippets = false;
    let results = index.search(&request, store).unwrap();
    let mut keys: Vec<&'static str> = results
        .hits
        .iter()
        .map(|hit| {
            ["a", "b", "c", "d", "e"]
                .into_iter()
                .find(|k| DocumentId::from_key(k).to_string() == hit.id)
                .expect("a known document")
        })
        .collect();
    keys.sort_unstable();
    assert_eq!(results.total, keys.len() as u64, "{query}");
    keys
}

fn facets(index: &SearchIndex, store: &SqliteStore, query: &str, v: Visibility) -> Facets {
    let mut request = SearchRequest::new(query);
    request.facets = true;
    request.snippets = false;
    request.visibility = v;
    index.search(&request, store).unwrap().facets.unwrap()
}

fn counts(values: &[FacetCount]) -> Vec<(&str, u64)> {
    values.iter().map(|c| (c.value.as_str(), c.count)).collect()
}

fn public() -> Visibility {
    Visibility {
        levels: vec![AccessLevel::Public],
        today: None,
    }
}

#[test]
fn persons_by_identifier_and_by_name() {
    let (_dir, store, index) = archive();
    let cases: &[(&str, &[&str])] = &[
        ("person:gromyko-andrei", &["a", "d"]),
        ("person:Gromyko-Andrei", &["a", "d"]),
        // By name: linked or not.
        ("person:Gromyko", &["a", "b", "d"]),
        ("person:gromýko", &["a", "b", "d"]),
        ("person:\"Andrei Gromyko\"", &["a"]),
        ("person:\"andrei  gromyko\"", &["a"]),
        // Senders and recipients, by identifier and by name.
        ("person:kirk-alan-goodrich", &["b"]),
        ("person:Kirk", &["b"]),
        ("person:\"Alan G. Kirk\"", &["b"]),
        // A phrase stays within one name.
        ("person:\"Dean Acheson\"", &["e"]),
        ("person:\"Acheson Andrei\"", &[]),
        // Rejected mentions are not indexed, though the words stay in the text.
        ("person:stalin-joseph", &[]),
        ("person:Stalin", &[]),
        ("Stalin", &["c"]),
        // A word of the text that no mention names is no person.
        ("person:ambassador", &[]),
        // Combined with other clauses.
        ("person:Gromyko -person:gromyko-andrei", &["b"]),
        ("person:(Kirk OR Acheson)", &["b", "e"]),
        ("Moskva person:Gromyko", &["b"]),
    ];
    for (query, expected) in cases {
        assert_eq!(found(&index, &store, query), *expected, "{query}");
    }
}

#[test]
fn places_and_organizations_with_or_without_their_prefix() {
    let (_dir, store, index) = archive();
    let cases: &[(&str, &[&str])] = &[
        ("place:moscow", &["a", "b", "d"]),
        ("place:place:moscow", &["a", "b", "d"]),
        ("place:\"place:moscow\"", &["a", "b", "d"]),
        ("place:Moscow", &["a", "b", "d"]),
        // By name: only where the document writes it so.
        ("place:Moskva", &["b"]),
        ("place:soviet-union", &["b"]),
        ("place:\"Soviet Union\"", &["b"]),
        ("place:paris", &[]),
        ("place:Paris", &[]),
        ("org:nato", &["a"]),
        ("org:org:nato", &["a"]),
        ("org:NATO", &["a"]),
        ("organization:nato", &["a"]),
        ("Organisation:nato", &["a"]),
        ("org:un-security-council", &["c"]),
        ("org:\"Security Council\"", &["c"]),
        ("org:Tass", &[]),
        // An identifier belongs to its own kind only.
        ("person:place:moscow", &[]),
        ("place:org:nato", &[]),
        ("org:place:moscow", &[]),
        // Names are one field for every kind: a name matches whatever it names.
        ("person:Moscow", &["a", "d"]),
    ];
    for (query, expected) in cases {
        assert_eq!(found(&index, &store, query), *expected, "{query}");
    }
}

#[test]
fn facets_count_linked_identifiers_over_the_result_set() {
    let (_dir, store, index) = archive();
    let all = facets(&index, &store, "", Visibility::everything());
    assert_eq!(
        counts(&all.person),
        [("gromyko-andrei", 2), ("kirk-alan-goodrich", 1)]
    );
    assert_eq!(
        counts(&all.place),
        [("place:moscow", 3), ("place:soviet-union", 1)]
    );
    assert_eq!(
        counts(&all.org),
        [("org:nato", 1), ("org:un-security-council", 1)]
    );

    let gromyko = facets(&index, &store, "person:Gromyko", Visibility::everything());
    assert_eq!(
        counts(&gromyko.person),
        [("gromyko-andrei", 2), ("kirk-alan-goodrich", 1)]
    );
    assert_eq!(
        counts(&gromyko.place),
        [("place:moscow", 3), ("place:soviet-union", 1)]
    );
    assert_eq!(counts(&gromyko.org), [("org:nato", 1)]);

    let memo = facets(&index, &store, "Stalin", Visibility::everything());
    assert!(memo.person.is_empty() && memo.place.is_empty());
    assert_eq!(counts(&memo.org), [("org:un-security-council", 1)]);
}

#[test]
fn hidden_documents_are_neither_found_nor_counted() {
    let (_dir, store, index) = archive();
    let public_facets = facets(&index, &store, "", public());
    assert_eq!(
        counts(&public_facets.person),
        [("gromyko-andrei", 1), ("kirk-alan-goodrich", 1)]
    );
    assert_eq!(
        counts(&public_facets.place),
        [("place:moscow", 2), ("place:soviet-union", 1)]
    );

    let mut request = SearchRequest::new("person:gromyko-andrei");
    request.visibility = public();
    request.snippets = false;
    let results = index.search(&request, &store).unwrap();
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].id, DocumentId::from_key("a").to_string());
}

#[test]
fn facets_appear_in_the_json_answer() {
    let (_dir, store, index) = archive();
    let mut request = SearchRequest::new("place:moscow");
    request.facets = true;
    request.snippets = false;
    let results = index.search(&request, &store).unwrap();
    let json = serde_json::to_value(&results).unwrap();
    let facets = &json["facets"];
    assert_eq!(
        facets["person"],
        serde_json::json!([
            {"value": "gromyko-andrei", "count": 2},
            {"value": "kirk-alan-goodrich", "count": 1},
        ])
    );
    assert_eq!(
        facets["place"],
        serde_json::json!([
            {"value": "place:moscow", "count": 3},
            {"value": "place:soviet-union", "count": 1},
        ])
    );
    assert_eq!(
        facets["org"],
        serde_json::json!([{"value": "org:nato", "count": 1}])
    );
}

#[test]
fn an_editor_rejecting_a_mention_takes_it_out_of_the_index() {
    let (_dir, store, index) = archive();
    assert_eq!(found(&index, &store, "place:moscow"), ["a", "b", "d"]);
    let mut b = documents().swap_remove(1);
    for mention in &mut b.mentions {
        mention.status = Rejected;
    }
    b.senders.clear();
    common::commit(&store, &index, vec![b]);
    assert_eq!(found(&index, &store, "place:moscow"), ["a", "d"]);
    assert_eq!(found(&index, &store, "person:Gromyko"), ["a", "d"]);
    assert_eq!(found(&index, &store, "person:kirk-alan-goodrich"), [""; 0]);
    // The recipient is still there.
    assert_eq!(found(&index, &store, "place:soviet-union"), ["b"]);
    let all = facets(&index, &store, "", Visibility::everything());
    assert_eq!(counts(&all.person), [("gromyko-andrei", 2)]);
    assert_eq!(
        counts(&all.place),
        [("place:moscow", 2), ("place:soviet-union", 1)]
    );
}

#[test]
fn documents_naming_an_entity_at_every_access_level() {
    let (_dir, _store, index) = archive();
    let keys = |id: &str| {
        let mut keys: Vec<&str> = index
            .documents_naming(id)
            .unwrap()
            .iter()
            .map(|found| {
                ["a", "b", "c", "d", "e"]
                    .into_iter()
                    .find(|k| DocumentId::from_key(k).to_string() == *found)
                    .expect("a known document")
            })
            .collect();
        keys.sort_unstable();
        keys
    };
    // d is staff only: curation sees it.
    assert_eq!(keys("gromyko-andrei"), ["a", "d"]);
    assert_eq!(keys("place:moscow"), ["a", "b", "d"]);
    assert_eq!(keys("kirk-alan-goodrich"), ["b"]);
    assert_eq!(keys("org:un-security-council"), ["c"]);
    // Rejected links name nothing.
    assert!(keys("stalin-joseph").is_empty());
    assert!(keys("place:paris").is_empty());
}

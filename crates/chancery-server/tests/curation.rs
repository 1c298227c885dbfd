//! Curating enrichment through the real server: an editor reviews a document's mentions
//! (confirms, rejects, many at once, links one to another record, makes a new record of an
//! unlinked one; a stale page writes nothing), and merges a duplicate authority record into
//! another (documents relinked, the old address redirecting, search following). Readers
//! may do none of it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use chancery_model::authority::{Agent, AgentKind};
use chancery_model::{
    AgentRef, Authority, Block, Document, Mention, MentionField, MentionKind, MentionSource,
    MentionStatus,
};
use chancery_store::{Role, Store, WriteMeta};
use kit::{Browser, TestServer, id};

const KIRK: &str = "kirk-alan-goodrich";
const DUPLICATE: &str = "kirk-alan";

fn found(doc: &Document, kind: MentionKind, text: &str, entity: Option<&str>) -> Mention {
    let start = doc.text().find(text).expect(text);
    Mention {
        kind,
        text: text.into(),
        start: start as u32,
        end: (start + text.len()) as u32,
        entity_id: entity.map(str::to_string),
        normalized: None,
        confidence: 0.8,
        status: MentionStatus::Automatic,
        source: MentionSource::Gazetteer,
        field: MentionField::Text,
    }
}

/// The fixture documents; the aide-memoire with mentions 0 Kirk (linked to the duplicate
/// record), 1 Gromyko, 2 Moscow, 3 Zorin (unlinked, twice), 4 the second Zorin.
fn documents() -> Vec<Document> {
    let mut docs = kit::documents();
    for doc in &mut docs {
        if doc.id == id("aide") {
            doc.senders = vec![AgentRef {
                id: Some(DUPLICATE.into()),
                name: "Alan Kirk".into(),
            }];
            doc.body.push(Block::paragraph(
                "Kirk met Gromyko in Moscow. Zorin was there; later Zorin left.",
            ));
            let text = doc.text();
            let second = text.rfind("Zorin").unwrap();
            let mut zorin2 = found(doc, MentionKind::Person, "Zorin", None);
            zorin2.start = second as u32;
            zorin2.end = (second + 5) as u32;
            doc.mentions = vec![
                found(doc, MentionKind::Person, "Kirk", Some(DUPLICATE)),
                found(doc, MentionKind::Person, "Gromyko", Some("gromyko-andrei")),
                found(doc, MentionKind::Place, "Moscow", Some("place:moscow")),
                found(doc, MentionKind::Person, "Zorin", None),
                zorin2,
            ];
        }
    }
    docs
}

fn person(id: &str, name: &str, alternates: &[&str]) -> Authority {
    Authority::Agent(Agent {
        id: id.into(),
        kind: AgentKind::Person,
        preferred_name: name.into(),
        alternate_names: alternates.iter().map(|s| s.to_string()).collect(),
        dates: None,
        positions: vec![],
        identifiers: vec![],
        notes: None,
    })
}

async fn server() -> TestServer {
    let server = TestServer::with_documents(documents()).await;
    server
        .store
        .put_authorities(
            &[
                person(KIRK, "Alan Goodrich Kirk", &["Alan G. Kirk"]),
                person(DUPLICATE, "Alan Kirk", &["Admiral Kirk"]),
            ],
            WriteMeta::new("test", "fixture"),
        )
        .unwrap();
    server
}

async fn editor(server: &TestServer) -> Browser<'_> {
    server.add_user("edith", Role::Editor, "edith password 123");
    server.login("edith", "edith password 123").await
}

fn aide(server: &TestServer) -> Document {
    server.store.get(id("aide")).unwrap().unwrap().document
}

/// How many documents the API's search finds for `q` (as an anonymous caller).
async fn hits(server: &TestServer, q: &str) -> u64 {
    let path = format!("/api/v1/search?{}", kit::encode(&[("q", q)]));
    let (status, body) = server.get_text(&path).await;
    assert_eq!(status, 200, "{body}");
    let value: serde_json::Value = serde_json::from_str(&body).unwrap();
    value["total"].as_u64().unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn an_editor_confirms_rejects_links_and_creates_from_mentions() {
    let server = server().await;
    let path = format!("/documents/{}/mentions", id("aide"));
    let browser = editor(&server).await;

    let (status, html) = browser.get_text(&path).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<mark>Gromyko</mark>"), "{html}");
    assert!(html.contains("Kirk met "), "context is shown: {html}");
    assert!(html.contains("Not yet reviewed (5)"), "{html}");
    assert!(html.contains("name=\"revision\" value=\"1\""));
    // The document page offers the review.
    let (_, doc_page) = browser
        .get_text(&format!("/documents/{}", id("aide")))
        .await;
    assert!(doc_page.contains(&path), "{doc_page}");

    // Confirm one.
    let r = browser
        .post(&path, &[("revision", "1"), ("act", "confirm:1")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), path);
    let doc = aide(&server);
    assert_eq!(doc.revision, 2);
    assert_eq!(doc.mentions[1].status, MentionStatus::Confirmed);
    let history = server.store.history(id("aide")).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.actor, "edith");
    assert_eq!(last.reason, "confirmed 1 mention: «Gromyko»");

    // A page read before that change writes nothing.
    let r = browser
        .post(&path, &[("revision", "1"), ("act", "reject:2")])
        .await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("nothing was written"), "{body}");
    assert_eq!(aide(&server).revision, 2);

    // Reject several at once, with a reason.
    let r = browser
        .post(
            &path,
            &[
                ("revision", "2"),
                ("m", "2"),
                ("m", "0"),
                ("reason", "not these"),
                ("act", "reject:selected"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let doc = aide(&server);
    assert_eq!(doc.mentions[0].status, MentionStatus::Rejected);
    assert_eq!(doc.mentions[2].status, MentionStatus::Rejected);
    assert_eq!(
        server
            .store
            .history(id("aide"))
            .unwrap()
            .last()
            .unwrap()
            .reason,
        "not these"
    );
    // Nothing ticked, an unknown number, a record of another kind: clear errors, no write.
    for (fields, expected) in [
        (vec![("act", "confirm:selected")], "tick the mentions"),
        (vec![("act", "confirm:99")], "there is no number 99"),
        (
            vec![("act", "link:0"), ("entity", "place:moscow")],
            "is a place, and this mention names a person",
        ),
        (
            vec![("act", "link:0"), ("entity", "nobody-at-all")],
            "there is no record",
        ),
    ] {
        let mut all = vec![("revision", "3")];
        all.extend(fields);
        let r = browser.post(&path, &all).await;
        assert_eq!(r.status(), 400);
        let body = r.text().await.unwrap();
        assert!(body.contains(expected), "{expected}: {body}");
    }
    assert_eq!(aide(&server).revision, 3);

    // Link a mention to a record, by its page's address.
    let r = browser
        .post(
            &path,
            &[
                ("revision", "3"),
                ("act", "link:0"),
                ("entity", &server.url(&format!("/people/{KIRK}"))),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let doc = aide(&server);
    assert_eq!(doc.mentions[0].entity_id.as_deref(), Some(KIRK));
    assert_eq!(doc.mentions[0].status, MentionStatus::Confirmed);
    assert_eq!(doc.mentions[0].source, MentionSource::Editor);

    // A new record from an unlinked name: both mentions of it are linked.
    let r = browser
        .post(&path, &[("revision", "4"), ("act", "create:3")])
        .await;
    assert_eq!(r.status(), 303);
    let record = server
        .store
        .authority("zorin")
        .unwrap()
        .expect("new record");
    assert_eq!(record.preferred_name(), "Zorin");
    let doc = aide(&server);
    assert_eq!(doc.revision, 5);
    for m in &doc.mentions[3..5] {
        assert_eq!(m.entity_id.as_deref(), Some("zorin"));
        assert_eq!(m.status, MentionStatus::Confirmed);
    }
    let (status, person) = server.get_text("/people/zorin").await;
    assert_eq!(status, 200);
    assert!(person.contains("<h1>Zorin</h1>"), "{person}");
    // Search follows: the new record is a filter, the relinked mention counts for Kirk.
    assert_eq!(hits(&server, "person:zorin").await, 1);
    assert_eq!(hits(&server, "person:kirk-alan-goodrich").await, 1);

    // Filters.
    let (_, rejected) = browser.get_text(&format!("{path}?status=rejected")).await;
    assert!(rejected.contains("<mark>Moscow</mark>"), "{rejected}");
    assert!(!rejected.contains("<mark>Gromyko</mark>"), "{rejected}");
    // The audit log names the new record.
    let audit = server.store.audit_log(None, 20).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "create authority" && e.target.as_deref() == Some("zorin"))
    );
}

#[tokio::test]
async fn readers_cannot_review_or_merge() {
    let server = server().await;
    let path = format!("/documents/{}/mentions", id("aide"));
    let r = server.get(&path).await;
    assert_eq!(r.status(), 303, "anonymous: to the sign-in page");
    assert!(location(&r).starts_with("/login"));
    server.add_user("rita", Role::Registered, "rita password 123");
    let reader = server.login("rita", "rita password 123").await;
    let (status, _) = reader.get_text(&path).await;
    assert_eq!(status, 403);
    let r = reader
        .post(&path, &[("revision", "1"), ("act", "reject:0")])
        .await;
    assert_eq!(r.status(), 403);
    let r = reader
        .post(&format!("/people/{DUPLICATE}/merge"), &[("into", KIRK)])
        .await;
    assert_eq!(r.status(), 403);
    let (_, page) = reader.get_text(&format!("/people/{DUPLICATE}")).await;
    assert!(!page.contains("Merge this record"), "{page}");
    assert_eq!(aide(&server).revision, 1);
    assert!(server.store.authority(DUPLICATE).unwrap().is_some());
}

#[tokio::test]
async fn an_editor_merges_a_duplicate_record() {
    let server = server().await;
    let browser = editor(&server).await;
    let (status, page) = browser.get_text(&format!("/people/{DUPLICATE}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Merge this record"), "{page}");
    // Baseline entities cannot be merged away.
    let (_, baseline) = browser.get_text("/people/gromyko-andrei").await;
    assert!(!baseline.contains("Merge this record"));

    // Into a record of another kind: refused, nothing changed.
    let r = browser
        .post(
            &format!("/people/{DUPLICATE}/merge"),
            &[("into", "place:moscow")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("cannot merge"));
    assert!(server.store.authority(DUPLICATE).unwrap().is_some());

    let r = browser
        .post(
            &format!("/people/{DUPLICATE}/merge"),
            &[("into", KIRK), ("reason", "the same admiral")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/people/{KIRK}"));
    // The kept record has the duplicate's names; the duplicate is gone from lists.
    let kept = server.store.authority(KIRK).unwrap().unwrap();
    assert_eq!(
        kept.alternate_names(),
        ["Alan G. Kirk", "Alan Kirk", "Admiral Kirk"]
    );
    assert!(server.store.authority(DUPLICATE).unwrap().is_none());
    // The document is relinked, as a revision with the reason.
    let doc = aide(&server);
    assert_eq!(doc.revision, 2);
    assert_eq!(doc.senders[0].id.as_deref(), Some(KIRK));
    assert_eq!(doc.mentions[0].entity_id.as_deref(), Some(KIRK));
    let last = server.store.history(id("aide")).unwrap().pop().unwrap();
    assert_eq!(
        last.reason,
        format!("{DUPLICATE} merged into {KIRK}: the same admiral")
    );
    // The old addresses lead to the kept record.
    let r = server.get(&format!("/people/{DUPLICATE}")).await;
    assert_eq!(r.status(), 308);
    assert_eq!(location(&r), format!("/people/{KIRK}"));
    let r = server
        .get(&format!("/api/v1/authorities/{DUPLICATE}"))
        .await;
    assert_eq!(r.status(), 308);
    assert!(location(&r).ends_with(&format!("/api/v1/authorities/{KIRK}")));
    // Search follows the merge.
    assert_eq!(hits(&server, &format!("person:{KIRK}")).await, 1);
    assert_eq!(hits(&server, &format!("person:{DUPLICATE}")).await, 0);
    // The kept record's page lists the document.
    let (_, kirk) = server.get_text(&format!("/people/{KIRK}")).await;
    assert!(kirk.contains("Named in 1 document."), "{kirk}");
    // Merging again is refused with a message.
    let r = browser
        .post(&format!("/people/{DUPLICATE}/merge"), &[("into", KIRK)])
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("merged into"));
    let audit = server.store.audit_log(None, 20).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "merge authority" && e.target.as_deref() == Some(DUPLICATE))
    );
}

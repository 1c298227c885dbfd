//! Persons, organizations and places in the reading room and the API: entity pages with
//! their records, documents and correspondents; mentions linked in a document's text; facets
//! and chips with names; and the gate: a staff-only document naming a person never shows on
//! that person's page, in its counts, correspondents or facets for anyone who may not see it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use chancery_model::authority::{Agent, AgentKind, ExternalId, Position};
use chancery_model::{
    AgentRef, Authority, Block, DocDate, Document, Mention, MentionField, MentionKind,
    MentionSource, MentionStatus, Relation, RelationKind,
};
use chancery_store::{Role, Store, WriteMeta};
use kit::{TestServer, id};

const KIRK: &str = "kirk-alan-goodrich";
const GROMYKO: &str = "gromyko-andrei";
/// The staff-only document's correspondent: known to no record, named only there.
const HIDDEN_PERSON: &str = "zanzibarquokka-envoy";

fn agent(id: &str, name: &str) -> AgentRef {
    AgentRef {
        id: Some(id.into()),
        name: name.into(),
    }
}

fn mention(kind: MentionKind, text: &str, start: usize, entity: Option<&str>) -> Mention {
    Mention {
        kind,
        text: text.into(),
        start: start as u32,
        end: (start + text.len()) as u32,
        entity_id: entity.map(str::to_string),
        normalized: None,
        confidence: 0.9,
        status: MentionStatus::Automatic,
        source: MentionSource::Gazetteer,
        field: MentionField::Text,
    }
}

/// The mention of `text` (the `nth` occurrence) in `doc`'s plain text.
fn found(doc: &Document, kind: MentionKind, text: &str, entity: Option<&str>) -> Mention {
    let at = doc.text().find(text).expect(text);
    mention(kind, text, at, entity)
}

fn documents() -> Vec<Document> {
    let mut docs = kit::documents();
    for doc in &mut docs {
        if doc.id == id("aide") {
            doc.senders = vec![agent(KIRK, "Alan G. Kirk")];
            doc.recipients = vec![agent(GROMYKO, "Andrei Gromyko")];
            let at = doc.body.len() - 1;
            doc.body.insert(
                at,
                Block::paragraph("Kirk met Gromyko in Moscow on June 27 <about> it."),
            );
            let mut date = found(doc, MentionKind::Date, "June 27", None);
            date.normalized = Some("1950-06-27".into());
            let mut rejected = found(doc, MentionKind::Organization, "met", Some("org:nato"));
            rejected.status = MentionStatus::Rejected;
            // Crosses the start of the italic span over "Government": left unlinked.
            let crossing = found(
                doc,
                MentionKind::Organization,
                "My Gov",
                Some("org:un-security-council"),
            );
            doc.mentions = vec![
                found(doc, MentionKind::Person, "Kirk", Some(KIRK)),
                found(doc, MentionKind::Person, "Gromyko", Some(GROMYKO)),
                found(doc, MentionKind::Place, "Moscow", Some("place:moscow")),
                date,
                rejected,
                crossing,
            ];
        }
        if doc.id == id("telegram") {
            doc.senders = vec![agent(KIRK, "Kirk")];
            doc.recipients = vec![AgentRef::named("Secretary of State")];
            doc.relations = vec![
                Relation {
                    kind: RelationKind::InReplyTo,
                    target: id("aide").to_string(),
                    label: Some("your aide-memoire".into()),
                },
                Relation {
                    kind: RelationKind::References,
                    target: id("staff").to_string(),
                    label: None,
                },
            ];
        }
        if doc.id == id("staff") {
            doc.senders = vec![agent(KIRK, "Alan G. Kirk")];
            doc.recipients = vec![agent(HIDDEN_PERSON, "Zanzibarquokka Envoy")];
            // A staff-only answer to the public aide-memoire: never listed for readers.
            doc.relations = vec![Relation {
                kind: RelationKind::InReplyTo,
                target: id("aide").to_string(),
                label: None,
            }];
        }
    }
    docs
}

async fn server() -> TestServer {
    let server = TestServer::with_documents(documents()).await;
    let kirk = Agent {
        id: KIRK.into(),
        kind: AgentKind::Person,
        preferred_name: "Alan Goodrich Kirk".into(),
        alternate_names: vec!["Alan G. Kirk".into()],
        dates: Some(DocDate::parse_edtf("1888/1963").unwrap()),
        positions: vec![Position {
            title: "Ambassador to the Soviet Union".into(),
            organization: Some("place:united-states".into()),
            place: Some("place:soviet-union".into()),
            dates: Some(DocDate::parse_edtf("1949-07-04/1951-10-06").unwrap()),
        }],
        identifiers: vec![ExternalId {
            scheme: "wikidata".into(),
            value: "Q1346187".into(),
        }],
        notes: Some("Admiral <and> diplomat.".into()),
    };
    server
        .store
        .put_authorities(&[Authority::Agent(kirk)], WriteMeta::new("test", "fixture"))
        .unwrap();
    server
}

fn norm(body: &str) -> String {
    body.replace("&#38;", "&amp;")
        .replace("&#34;", "&quot;")
        .replace("&#60;", "&lt;")
        .replace("&#62;", "&gt;")
}

async fn page(server: &TestServer, path: &str) -> String {
    let (status, body) = server.get_text(path).await;
    assert_eq!(status, 200, "{path}: {body}");
    norm(&body)
}

#[tokio::test]
async fn a_person_page_shows_the_record_documents_and_correspondents() {
    let server = server().await;
    let body = page(&server, &format!("/people/{KIRK}")).await;
    assert!(body.contains("<h1>Alan Goodrich Kirk</h1>"), "{body}");
    assert!(body.contains("Alan G. Kirk"));
    assert!(body.contains("1888"), "{body}");
    assert!(body.contains("Ambassador to the Soviet Union"));
    // The position's place is a baseline identifier: linked by its name.
    assert!(
        body.contains("<a href=\"/places/place:soviet-union\">Soviet Union</a>"),
        "{body}"
    );
    assert!(body.contains("https://www.wikidata.org/wiki/Q1346187"));
    assert!(body.contains("Admiral &lt;and&gt; diplomat."));
    // Its visible documents (the aide-memoire and the telegram), oldest first.
    assert!(body.contains("Named in 2 documents."), "{body}");
    let aide = body.find(&format!("/documents/{}", id("aide"))).unwrap();
    let telegram = body
        .find(&format!("/documents/{}", id("telegram")))
        .unwrap();
    assert!(aide < telegram);
    assert!(body.contains("class=\"histogram\""));
    assert!(body.contains("/search?person=kirk-alan-goodrich&amp;from=1950&amp;to=1950"));
    // Correspondents: drawn and tabled, with links.
    assert!(body.contains("class=\"network\""), "{body}");
    assert!(body.contains("<a href=\"/people/gromyko-andrei\">Andrei Gromyko</a>"));
    assert!(body.contains("Secretary of State"));
    // Nothing of the staff-only document.
    for secret in [
        "zanzibarquokka",
        "Zanzibarquokka",
        "Staff-only",
        &id("staff").to_string(),
    ] {
        assert!(!body.contains(secret), "{secret}: {body}");
    }
}

#[tokio::test]
async fn baseline_and_unknown_entities() {
    let server = server().await;
    // In the baseline only, and named in a visible document.
    let body = page(&server, "/people/gromyko-andrei").await;
    assert!(body.contains("<h1>Andrei Gromyko</h1>"), "{body}");
    assert!(body.contains("the built-in gazetteer"));
    assert!(body.contains("<a href=\"/people/kirk-alan-goodrich\">Alan Goodrich Kirk</a>"));
    let place = page(&server, "/places/place:moscow").await;
    assert!(place.contains("<h1>Moscow</h1>"), "{place}");
    assert!(place.contains("Named in 1 document."), "{place}");
    // Unknown, malformed, the wrong kind, or named only by a hidden document: 404.
    for path in [
        "/people/nobody-at-all".to_string(),
        "/people/%3Cscript%3E".to_string(),
        "/people/place:moscow".to_string(),
        "/organizations/kirk-alan-goodrich".to_string(),
        format!("/people/{HIDDEN_PERSON}"),
    ] {
        let (status, body) = server.get_text(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("<html"), "{path}");
        assert!(!body.contains("Zanzibarquokka Envoy"), "{path}");
    }
    // The lists name what visible documents link.
    let people = page(&server, "/people").await;
    assert!(people.contains("Alan Goodrich Kirk"), "{people}");
    assert!(people.contains("/people/gromyko-andrei"));
    assert!(!people.to_lowercase().contains("zanzibarquokka"));
    let places = page(&server, "/places").await;
    assert!(places.contains("/places/place:moscow"));
}

#[tokio::test]
async fn an_editor_sees_what_the_staff_document_adds() {
    let server = server().await;
    server.add_user("ed", Role::Editor, "a long enough password");
    let editor = server.login("ed", "a long enough password").await;
    let (status, body) = editor.get_text(&format!("/people/{KIRK}")).await;
    assert_eq!(status, 200);
    let body = norm(&body);
    assert!(body.contains("Named in 3 documents."), "{body}");
    assert!(body.contains("Zanzibarquokka Envoy"), "{body}");
    let (status, _) = editor.get_text(&format!("/people/{HIDDEN_PERSON}")).await;
    assert_eq!(status, 200);
    let (_, search) = editor.get_text("/search?q=").await;
    assert!(
        search.contains(&format!("/search?person={HIDDEN_PERSON}")),
        "{search}"
    );
}

#[tokio::test]
async fn the_document_page_links_mentions_and_relations() {
    let server = server().await;
    let body = page(&server, &format!("/documents/{}", id("aide"))).await;
    // Senders and recipients link to their pages.
    assert!(
        body.contains("<a href=\"/people/kirk-alan-goodrich\">Alan G. Kirk</a>"),
        "{body}"
    );
    // Mentions wrap exactly their text; the rest stays escaped.
    assert!(
        body.contains(
            "<a class=\"mention\" href=\"/people/kirk-alan-goodrich\">Kirk</a> met \
         <a class=\"mention\" href=\"/people/gromyko-andrei\">Gromyko</a> in \
         <a class=\"mention\" href=\"/places/place:moscow\">Moscow</a> on June 27 &lt;about&gt; it."
        ),
        "{body}"
    );
    // A rejected mention is no link; one crossing a span is left out, markup intact.
    assert!(!body.contains("/organizations/org:nato"));
    assert!(
        body.contains("My <i>Government</i> has instructed"),
        "{body}"
    );
    // The list of what it names, and the dates.
    assert!(body.contains("People, organizations and places"));
    assert!(
        body.contains(
            "<a href=\"/organizations/org:un-security-council\">United Nations Security Council</a>"
        ),
        "{body}"
    );
    assert!(body.contains("Dates mentioned"));
    assert!(body.contains("/search?date=1950-06-27&amp;sort=date"));

    let telegram = page(&server, &format!("/documents/{}", id("telegram"))).await;
    assert!(telegram.contains("In reply to"), "{telegram}");
    assert!(telegram.contains(&format!("/documents/{}", id("aide"))));
    assert!(telegram.contains("your aide-memoire"));
    // The reference to the staff-only document shows nothing of it.
    assert!(!telegram.contains("Refers to"), "{telegram}");
    assert!(!telegram.contains(&id("staff").to_string()));
    // The other way: the aide-memoire lists the telegram answering it, with its wording,
    // and nothing of the staff-only answer.
    let answered = body.find("Answered by").expect("incoming relations");
    let listed = &body[answered..];
    assert!(
        listed.contains(&format!("/documents/{}", id("telegram"))),
        "{body}"
    );
    assert!(listed.contains("your aide-memoire"));
    assert!(!body.contains(&id("staff").to_string()), "{body}");
    // An editor sees the staff-only answer too; the staff document lists its reference.
    server.add_user("edith", Role::Editor, "edith password 123");
    let editor = server.login("edith", "edith password 123").await;
    let (_, aide) = editor.get_text(&format!("/documents/{}", id("aide"))).await;
    assert_eq!(aide.matches("Answered by").count(), 2, "{aide}");
    let (_, staff) = editor
        .get_text(&format!("/documents/{}", id("staff")))
        .await;
    assert!(staff.contains("Referred to by"), "{staff}");
    assert!(staff.contains(&format!("/documents/{}", id("telegram"))));
}

#[tokio::test]
async fn search_facets_and_chips_name_entities() {
    let server = server().await;
    let body = page(&server, "/search?q=").await;
    assert!(body.contains("id=\"facet-person\""), "{body}");
    assert!(body.contains("/search?person=kirk-alan-goodrich"));
    assert!(
        body.contains(
            "<span class=\"facet-label\">Alan Goodrich Kirk</span> <span class=\"count\">2</span>"
        ),
        "{body}"
    );
    assert!(!body.to_lowercase().contains("zanzibarquokka"));
    let filtered = page(&server, "/search?person=kirk-alan-goodrich").await;
    assert!(filtered.contains("2 documents match"), "{filtered}");
    assert!(
        filtered.contains("<span class=\"chip-field\">Person:</span> Alan Goodrich Kirk"),
        "{filtered}"
    );
    let (status, _) = server.get_text("/search?person=%22x%22").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_api_answers_authority_records() {
    let server = server().await;
    let response = server.get(&format!("/api/v1/authorities/{KIRK}")).await;
    assert_eq!(response.status(), 200);
    let record: serde_json::Value = response.json().await.unwrap();
    assert_eq!(record["kind"], "person");
    assert_eq!(record["preferred_name"], "Alan Goodrich Kirk");
    assert_eq!(record["source"], "archive");
    assert_eq!(record["dates"], "1888/1963");
    assert_eq!(record["positions"][0]["place"], "place:soviet-union");
    assert_eq!(record["page"], "/people/kirk-alan-goodrich");
    let baseline: serde_json::Value = server
        .get("/api/v1/authorities/place:moscow")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(baseline["kind"], "place");
    assert_eq!(baseline["source"], "baseline");
    assert_eq!(server.get("/api/v1/authorities/nobody").await.status(), 404);
    assert_eq!(
        server
            .get(&format!("/api/v1/authorities/{HIDDEN_PERSON}"))
            .await
            .status(),
        404
    );
    let list: serde_json::Value = server
        .get("/api/v1/authorities?kind=person&limit=1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["authorities"][0]["id"], KIRK);
    assert!(list["next_cursor"].is_null());
    assert_eq!(server.get("/api/v1/authorities?kind=x").await.status(), 400);
    assert_eq!(
        server.get("/api/v1/authorities?cursor=x").await.status(),
        400
    );
}

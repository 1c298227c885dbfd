//! The leak suite (issue 7): the staff-only fixture (marker `zanzibarquokka`), a document for
//! registered readers (marker `quokkareaders`) and the document embargoed until 2100 must
//! never show — not their markers, titles or identifiers, and not in any count — to a caller
//! who may not see them, on any path: the home page, search (hits, facets, the year
//! histogram, totals), document pages and their neighbours and related lists, history,
//! citations in every style, the timeline, collections, sitemaps, the JSON API (list, get,
//! search, facets, timeline, collections, revisions, citations), OAI-PMH (every verb) and
//! the editing and admin pages. An editor sees them everywhere a reader would look; when the
//! clock passes 2100-01-01 the embargoed document is public everywhere, with no job run.
//!
//! Callers: anonymous; a registered reader by session and by API token; an editor by session
//! and by API token.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use chancery_model::{AccessLevel, DocDate, DocType, Document};
use chancery_store::{Role, TokenScope};
use kit::{Browser, TestServer, id};
use serde_json::Value;

/// The fixtures, and one document for registered readers.
fn documents() -> Vec<Document> {
    let mut docs = kit::documents();
    let mut readers = Document::new(
        id("readers"),
        "Readers-only circular",
        "A circular quokkareaders for registered readers about Korea.",
    );
    readers.doc_type = Some(DocType::Memorandum);
    readers.date = Some(DocDate::parse_edtf("1950-06-26").unwrap());
    readers.rights.access = AccessLevel::Registered;
    readers.collections = vec!["korean-war".into()];
    docs.push(readers);
    // Kirk writes the aide-memoire (public) and the staff-only briefing, to a correspondent
    // named nowhere else.
    let kirk = || chancery_model::AgentRef {
        id: Some("kirk-alan-goodrich".into()),
        name: "Alan G. Kirk".into(),
    };
    for doc in &mut docs {
        if doc.id == id("aide") {
            doc.senders = vec![kirk()];
        }
        if doc.id == id("staff") {
            // It answers the public aide-memoire: the aide-memoire's page must not say so.
            doc.relations = vec![chancery_model::Relation {
                kind: chancery_model::RelationKind::InReplyTo,
                target: id("aide").to_string(),
                label: Some("zanzibarquokka answer".into()),
            }];
            doc.senders = vec![kirk()];
            doc.recipients = vec![chancery_model::AgentRef {
                id: Some(HIDDEN_PERSON.into()),
                name: "Envoy Zanzibarquokka".into(),
            }];
        }
    }
    docs
}

/// The correspondent only the staff-only document names.
const HIDDEN_PERSON: &str = "zanzibarquokka-envoy";

/// Secrets of the staff-only document.
fn staff_secrets() -> Vec<String> {
    vec![
        "zanzibarquokka".into(),
        "Staff-only briefing".into(),
        id("staff").to_string(),
    ]
}

/// Secrets of the document under embargo until 2100.
fn embargo_secrets() -> Vec<String> {
    vec![
        "Embargoed report".into(),
        "next century".into(),
        id("embargoed").to_string(),
    ]
}

/// Secrets of the registered readers' document.
fn reader_secrets() -> Vec<String> {
    vec![
        "quokkareaders".into(),
        "Readers-only circular".into(),
        id("readers").to_string(),
    ]
}

/// Every path that can reveal a document, for the staff-only one among others.
fn paths() -> Vec<String> {
    let staff = id("staff");
    let aide = id("aide");
    let telegram = id("telegram");
    let embargoed = id("embargoed");
    let readers = id("readers");
    let mut paths: Vec<String> = vec![
        "/".into(),
        "/search".into(),
        "/search?q=".into(),
        "/search?q=Korea".into(),
        "/search?q=zanzibarquokka".into(),
        "/search?q=quokkareaders".into(),
        "/search?q=briefing".into(),
        "/search?q=report".into(),
        "/search?q=&collection=korean-war".into(),
        "/search?q=&year=1950".into(),
        "/search?q=&decade=1950s&sort=date".into(),
        "/search?q=&type=memorandum".into(),
        "/search?q=&type=report".into(),
        "/search?date=1950-06-27".into(),
        "/search?q=&from=1950&to=1950".into(),
        "/timeline".into(),
        "/timeline/1950".into(),
        "/timeline/1950/06".into(),
        "/timeline/1990".into(),
        "/collections".into(),
        "/collections/korean-war".into(),
        "/collections/korean-war?q=Korea".into(),
        "/sitemap.xml".into(),
        "/sitemaps/pages.xml".into(),
        "/sitemaps/1.xml".into(),
        "/robots.txt".into(),
        // Neighbours and related lists of documents beside the hidden ones.
        format!("/documents/{aide}"),
        format!("/documents/{telegram}"),
        format!("/documents/{}", id("released")),
        format!("/documents/{}", id("undated")),
        format!("/documents/{aide}/history"),
        "/api/v1/documents".into(),
        "/api/v1/documents?limit=100".into(),
        "/api/v1/documents?collection=korean-war".into(),
        "/api/v1/documents?q=zanzibarquokka".into(),
        "/api/v1/documents?sort=-date&limit=100".into(),
        "/api/v1/search?q=&facets=true&limit=100".into(),
        "/api/v1/search?q=Korea&facets=true".into(),
        "/api/v1/search?q=zanzibarquokka&facets=true".into(),
        "/api/v1/search?q=quokkareaders".into(),
        "/api/v1/timeline".into(),
        "/api/v1/timeline?granularity=month".into(),
        "/api/v1/timeline?granularity=day".into(),
        "/api/v1/collections".into(),
        "/api/v1/collections/korean-war".into(),
        format!("/api/v1/documents/{aide}"),
        format!("/api/v1/documents/{aide}/revisions"),
        "/oai?verb=Identify".into(),
        "/oai?verb=ListSets".into(),
        "/oai?verb=ListMetadataFormats".into(),
        "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc".into(),
        "/oai?verb=ListRecords&metadataPrefix=oai_dc".into(),
        "/oai?verb=ListRecords&metadataPrefix=tei".into(),
        "/oai?verb=ListRecords&metadataPrefix=oai_dc&set=collection:korean-war".into(),
        "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:memorandum".into(),
        "/api/v1/openapi.json".into(),
        // Persons, organizations and places: pages, lists, facets, filters.
        "/people".into(),
        "/organizations".into(),
        "/places".into(),
        "/people/kirk-alan-goodrich".into(),
        "/people/kirk-alan-goodrich?page=2".into(),
        format!("/people/{HIDDEN_PERSON}"),
        "/search?person=kirk-alan-goodrich".into(),
        format!("/search?person={HIDDEN_PERSON}"),
        "/api/v1/search?q=person:kirk-alan-goodrich&facets=true".into(),
        format!("/api/v1/authorities/{HIDDEN_PERSON}"),
    ];
    // The hidden documents' own addresses: all must be "not found" (or a sign-in page).
    for hidden in [staff, embargoed, readers] {
        paths.extend([
            format!("/documents/{hidden}"),
            format!("/documents/{hidden}?revision=1"),
            format!("/documents/{hidden}/revisions/1"),
            format!("/documents/{hidden}/history"),
            format!("/documents/{hidden}/edit"),
            format!("/documents/{hidden}/mentions"),
            format!("/documents/{hidden}/mentions?status=rejected"),
            format!("/api/v1/documents/{hidden}"),
            format!("/api/v1/documents/{hidden}/revisions"),
            format!("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:{hidden}"),
            format!("/oai?verb=ListMetadataFormats&identifier=oai:127.0.0.1:{hidden}"),
        ]);
        for style in [
            "chicago",
            "chicago-bibliography",
            "apa",
            "mla",
            "bibtex",
            "ris",
            "csl-json",
        ] {
            paths.push(format!("/documents/{hidden}/cite?style={style}"));
            paths.push(format!("/api/v1/documents/{hidden}/citation?style={style}"));
        }
    }
    paths.extend([
        "/admin/audit".into(),
        "/admin/import".into(),
        "/account/tokens".into(),
        "/login".into(),
    ]);
    paths
}

/// Entities written the way these tests spell them.
fn norm(body: &str) -> String {
    body.replace("&#38;", "&amp;")
        .replace("&#34;", "&quot;")
        .replace("&#39;", "'")
}

/// Fails when `body` holds one of `secrets`, except a secret the request itself names (a
/// search for the marker, the hidden document's own address): that one may be echoed, and
/// nothing else of the document may show.
fn assert_hidden(who: &str, path: &str, status: u16, body: &str, secrets: &[String]) {
    let lower_path = path.to_lowercase();
    let lower = norm(body).to_lowercase();
    for secret in secrets {
        let s = secret.to_lowercase();
        if lower_path.contains(&s) {
            continue;
        }
        assert!(
            !lower.contains(&s),
            "{who}: {path} ({status}) reveals '{secret}'"
        );
    }
}

/// A document's own addresses answer as for a missing document.
fn assert_not_found(who: &str, path: &str, status: u16, hidden: &str) {
    if !path.contains(hidden) || path.starts_with("/oai") {
        return;
    }
    let ok = if path.ends_with("/edit") || path.contains("/mentions") {
        // Anonymous visitors are sent to sign in; readers are refused; neither sees it.
        matches!(status, 303 | 403 | 404)
    } else {
        status == 404
    };
    assert!(
        ok,
        "{who}: {path} answers {status}, not as for a missing document"
    );
}

/// A caller of the leak suite.
enum Who<'a> {
    /// No cookie, no token.
    Anonymous(&'a TestServer),
    /// A browser session.
    Session(&'a Browser<'a>),
    /// An API token.
    Token(&'a TestServer, String),
}

impl Who<'_> {
    async fn get(&self, path: &str) -> (u16, String) {
        match self {
            Who::Anonymous(server) => server.get_text(path).await,
            Who::Session(browser) => browser.get_text(path).await,
            Who::Token(server, token) => {
                let response = server.get_with_token(path, token).await;
                let status = response.status().as_u16();
                (status, response.text().await.unwrap())
            }
        }
    }

    /// GETs `path`, expecting 200.
    async fn text(&self, path: &str) -> String {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "{path}");
        body
    }
}

/// Fetches every path as `who` and checks it.
async fn check_all(label: &str, who: &Who<'_>, secrets: &[String], hidden_ids: &[String]) {
    for path in paths() {
        let (status, body) = who.get(&path).await;
        assert!(status < 500, "{label}: {path} answered {status}");
        assert_hidden(label, &path, status, &body, secrets);
        for hidden in hidden_ids {
            assert_not_found(label, &path, status, hidden);
        }
    }
}

async fn reader(server: &TestServer) -> (Browser<'_>, String) {
    let user = server.add_user("rita", Role::Registered, "reader password 1");
    let token = server.add_token(&user, TokenScope::Read);
    (server.login("rita", "reader password 1").await, token)
}

async fn editor(server: &TestServer) -> (Browser<'_>, String) {
    let user = server.add_user("edna", Role::Editor, "editor password 1");
    let token = server.add_token(&user, TokenScope::Read);
    (server.login("edna", "editor password 1").await, token)
}

#[tokio::test]
async fn nothing_restricted_shows_to_anonymous_visitors_on_any_path() {
    let server = TestServer::with_documents(documents()).await;
    let secrets: Vec<String> = [staff_secrets(), embargo_secrets(), reader_secrets()].concat();
    let hidden = vec![
        id("staff").to_string(),
        id("embargoed").to_string(),
        id("readers").to_string(),
    ];
    check_all("anonymous", &Who::Anonymous(&server), &secrets, &hidden).await;
}

#[tokio::test]
async fn registered_readers_see_their_documents_and_nothing_of_staff_or_embargoes() {
    let server = TestServer::with_documents(documents()).await;
    let (browser, token) = reader(&server).await;
    let secrets: Vec<String> = [staff_secrets(), embargo_secrets()].concat();
    let hidden = vec![id("staff").to_string(), id("embargoed").to_string()];
    check_all(
        "registered (session)",
        &Who::Session(&browser),
        &secrets,
        &hidden,
    )
    .await;
    check_all(
        "registered (token)",
        &Who::Token(&server, token.clone()),
        &secrets,
        &hidden,
    )
    .await;
    // The readers' document is theirs.
    let (status, page) = browser
        .get_text(&format!("/documents/{}", id("readers")))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("quokkareaders"));
    let api = server
        .get_with_token(&format!("/api/v1/documents/{}", id("readers")), &token)
        .await;
    assert_eq!(api.status(), 200);
}

async fn json(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn count_of(list: &Value, key: &str, value: &str) -> u64 {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e[key] == value)
        .map_or(0, |e| e["count"].as_u64().unwrap())
}

/// Totals, facets, the histogram and collection counts, as each caller sees them.
#[derive(Debug, PartialEq)]
struct Counts {
    total: u64,
    korean_war: u64,
    year_1950: u64,
    memoranda: u64,
    timeline_1950: u64,
    timeline_1990: u64,
    collection: u64,
    home: String,
}

async fn counts(get: Who<'_>) -> Counts {
    let search: Value =
        serde_json::from_str(&get.text("/api/v1/search?q=&facets=true").await).unwrap();
    let facets = &search["facets"];
    let timeline: Value = serde_json::from_str(&get.text("/api/v1/timeline").await).unwrap();
    let collection: Value =
        serde_json::from_str(&get.text("/api/v1/collections/korean-war").await).unwrap();
    let home = get.text("/").await;
    let home_total = home
        .split("It holds ")
        .nth(1)
        .and_then(|s| s.split('.').next())
        .unwrap_or_default()
        .to_string();
    Counts {
        total: search["total"].as_u64().unwrap(),
        korean_war: count_of(&facets["collection"], "value", "korean-war"),
        year_1950: count_of(&facets["year"], "value", "1950"),
        memoranda: count_of(&facets["type"], "value", "memorandum"),
        timeline_1950: count_of(&timeline["periods"], "period", "1950"),
        timeline_1990: count_of(&timeline["periods"], "period", "1990"),
        collection: collection["count"].as_u64().unwrap(),
        home: home_total,
    }
}

#[tokio::test]
async fn counts_do_not_betray_restricted_documents() {
    let server = TestServer::with_documents(documents()).await;
    // Visible to all: aide, telegram, note, treaty, undated, released, hostile.
    let anonymous = counts(Who::Anonymous(&server)).await;
    assert_eq!(
        anonymous,
        Counts {
            total: 7,
            korean_war: 2,
            year_1950: 2,
            memoranda: 1,
            timeline_1950: 2,
            timeline_1990: 0,
            collection: 2,
            home: "7 documents".into(),
        }
    );
    let (reader, _) = reader(&server).await;
    let registered = counts(Who::Session(&reader)).await;
    assert_eq!(
        registered,
        Counts {
            total: 8,
            korean_war: 3,
            year_1950: 3,
            memoranda: 2,
            timeline_1950: 3,
            timeline_1990: 0,
            collection: 3,
            home: "8 documents".into(),
        }
    );
    let (editor, _) = editor(&server).await;
    let staff = counts(Who::Session(&editor)).await;
    assert_eq!(
        staff,
        Counts {
            total: 10,
            korean_war: 4,
            year_1950: 4,
            memoranda: 3,
            timeline_1950: 4,
            timeline_1990: 1,
            collection: 4,
            home: "10 documents".into(),
        }
    );
    // The HTML collection and timeline pages count the same way.
    let (_, collection) = server.get_text("/collections/korean-war").await;
    assert!(collection.contains("2 documents"), "{collection}");
    let (_, collection) = editor.get_text("/collections/korean-war").await;
    assert!(collection.contains("4 documents"), "{collection}");
    // And the anonymous pages cached before do not leak into the editor's (or back).
    let (_, home) = server.get_text("/").await;
    assert!(home.contains("It holds 7 documents."));
}

#[tokio::test]
async fn editors_see_restricted_documents_everywhere() {
    let server = TestServer::with_documents(documents()).await;
    let (editor, token) = editor(&server).await;
    let staff = id("staff");
    let must_show = [
        format!("/documents/{staff}"),
        format!("/documents/{staff}/history"),
        format!("/documents/{staff}/revisions/1"),
        "/search?q=zanzibarquokka".into(),
        "/search?q=&collection=korean-war".into(),
        "/search?q=&year=1950".into(),
        "/collections/korean-war".into(),
        format!("/documents/{}", id("embargoed")),
        "/search?q=report".into(),
        format!("/documents/{staff}/edit"),
        format!("/documents/{staff}/mentions"),
        "/people/kirk-alan-goodrich".into(),
        format!("/people/{HIDDEN_PERSON}"),
        "/people".into(),
    ];
    for path in &must_show {
        let (status, body) = editor.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        let body = norm(&body);
        assert!(
            body.to_lowercase().contains("zanzibarquokka")
                || body.contains("Staff-only briefing")
                || body.contains("Embargoed report"),
            "{path} hides the restricted document from an editor"
        );
    }
    // Neighbours: the staff document (27 June 1950) is among the aide-memoire's related ones.
    let (_, aide) = editor.get_text(&format!("/documents/{}", id("aide"))).await;
    assert!(aide.contains("Staff-only briefing"), "related lists");
    for style in ["chicago", "apa", "mla", "bibtex", "ris", "csl-json"] {
        let (status, body) = editor
            .get_text(&format!("/documents/{staff}/cite?style={style}"))
            .await;
        assert_eq!(status, 200, "{style}");
        assert!(
            body.to_lowercase().contains("staff-only briefing"),
            "{style}: {body}"
        );
        let api = server
            .get_with_token(
                &format!("/api/v1/documents/{staff}/citation?style={style}"),
                &token,
            )
            .await;
        assert_eq!(api.status(), 200, "{style}");
    }
    for path in [
        format!("/api/v1/documents/{staff}"),
        format!("/api/v1/documents/{staff}/revisions"),
        "/api/v1/search?q=zanzibarquokka".into(),
        "/api/v1/documents?q=zanzibarquokka".into(),
    ] {
        let body = json(server.get_with_token(&path, &token).await).await;
        assert!(body.to_string().contains(&staff.to_string()), "{path}");
    }
    // OAI-PMH and sitemaps are for harvesters and search engines, anonymous by design: an
    // editor's session changes nothing there.
    for path in [
        "/oai?verb=ListRecords&metadataPrefix=oai_dc".to_string(),
        "/sitemap.xml".to_string(),
    ] {
        let (_, body) = editor.get_text(&path).await;
        assert!(!body.contains(&staff.to_string()), "{path}");
    }
}

#[tokio::test]
async fn hidden_documents_answer_exactly_like_missing_ones() {
    let server = TestServer::with_documents(documents()).await;
    let missing = chancery_model::DocumentId::from_key("never-there");
    for (hidden_path, missing_path) in [
        (
            format!("/api/v1/documents/{}", id("staff")),
            format!("/api/v1/documents/{missing}"),
        ),
        (
            format!("/api/v1/documents/{}/citation", id("staff")),
            format!("/api/v1/documents/{missing}/citation"),
        ),
        (
            format!("/documents/{}", id("staff")),
            format!("/documents/{missing}"),
        ),
        (
            format!("/people/{HIDDEN_PERSON}"),
            "/people/never-there-envoy".to_string(),
        ),
    ] {
        let (a_status, a) = server.get_text(&hidden_path).await;
        let (b_status, b) = server.get_text(&missing_path).await;
        assert_eq!(a_status, 404);
        assert_eq!((a_status, a), (b_status, b), "{hidden_path}");
    }
}

#[tokio::test]
async fn an_embargo_ends_by_itself_everywhere() {
    let server = TestServer::with_documents(documents()).await;
    let embargoed = id("embargoed");
    let (status, _) = server.get_text(&format!("/documents/{embargoed}")).await;
    assert_eq!(status, 404);
    let before = counts(Who::Anonymous(&server)).await;
    assert_eq!(before.timeline_1990, 0);
    // The clock passes the embargo's day: nothing is run, nothing is reindexed.
    server.clock.set("2100-01-01T00:00:01Z".parse().unwrap());
    let (status, page) = server.get_text(&format!("/documents/{embargoed}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Embargoed report"));
    let after = counts(Who::Anonymous(&server)).await;
    assert_eq!(after.total, before.total + 1);
    assert_eq!(after.timeline_1990, 1);
    for path in [
        "/search?q=report".to_string(),
        "/api/v1/search?q=report".to_string(),
        format!("/api/v1/documents/{embargoed}"),
        format!("/api/v1/documents/{embargoed}/citation?style=apa"),
        format!("/documents/{embargoed}/cite?style=bibtex"),
        "/sitemap.xml".to_string(),
        "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc".to_string(),
        format!("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:{embargoed}"),
        "/api/v1/documents?limit=100".to_string(),
    ] {
        let (status, body) = server.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            body.contains(&embargoed.to_string()) || body.contains("Embargoed report"),
            "{path} still hides the document whose embargo ended"
        );
        if path.contains("GetRecord") {
            assert!(body.contains("<GetRecord>"), "{body}");
        }
    }
    let (_, timeline) = server.get_text("/timeline").await;
    assert!(timeline.contains("href=\"/timeline/1990\""), "{timeline}");
    // The staff-only document stays hidden: only the embargo ended.
    let (status, _) = server
        .get_text(&format!("/documents/{}", id("staff")))
        .await;
    assert_eq!(status, 404);
}

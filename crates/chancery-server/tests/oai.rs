//! The OAI-PMH data provider: every verb, resumption across small pages while the archive
//! changes, deleted records, selective harvesting, each error condition, and nothing of what
//! an anonymous harvester may not see.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use chancery_server::OaiConfig;
use chancery_store::{Store, WriteMeta};

const NS: &str = "http://www.openarchives.org/OAI/2.0/";

async fn small_pages() -> kit::TestServer {
    kit::TestServer::configured(kit::documents(), |state| {
        state.with_oai(OaiConfig {
            page_size: 2,
            admin_email: "archivist@example.org".into(),
        })
    })
    .await
}

async fn oai(server: &kit::TestServer, query: &str) -> String {
    let response = server.get(&format!("/oai?{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    assert_eq!(
        response.headers()["content-type"],
        "text/xml; charset=utf-8"
    );
    let body = response.text().await.unwrap();
    assert!(
        !body.contains("zanzibarquokka"),
        "the staff-only marker leaked in {query}"
    );
    assert!(
        !body.contains(&kit::id("staff").to_string()),
        "the staff-only id leaked in {query}"
    );
    body
}

fn error_code(body: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(body).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name((NS, "error")))
        .and_then(|n| n.attribute("code"))
        .map(str::to_string)
}

fn texts(body: &str, tag: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(body).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((NS, tag)))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

fn token(body: &str) -> Option<(String, String, String)> {
    let doc = roxmltree::Document::parse(body).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name((NS, "resumptionToken")))
        .map(|n| {
            (
                n.text().unwrap_or_default().to_string(),
                n.attribute("completeListSize")
                    .unwrap_or_default()
                    .to_string(),
                n.attribute("cursor").unwrap_or_default().to_string(),
            )
        })
}

/// Harvests a whole list, following tokens.
async fn harvest(server: &kit::TestServer, verb: &str, args: &str) -> Vec<String> {
    let mut identifiers = Vec::new();
    let mut query = format!("verb={verb}&{args}");
    loop {
        let body = oai(server, &query).await;
        assert_eq!(error_code(&body), None, "{body}");
        identifiers.extend(texts(&body, "identifier"));
        match token(&body) {
            Some((t, _, _)) if !t.is_empty() => query = format!("verb={verb}&resumptionToken={t}"),
            _ => return identifiers,
        }
    }
}

/// The identifiers an anonymous harvester may see.
fn visible() -> Vec<String> {
    [
        "aide", "telegram", "note", "treaty", "undated", "released", "hostile",
    ]
    .iter()
    .map(|k| format!("oai:127.0.0.1:{}", kit::id(k)))
    .collect()
}

#[tokio::test]
async fn identify_formats_and_sets() {
    let server = small_pages().await;
    let body = oai(&server, "verb=Identify").await;
    assert_eq!(texts(&body, "protocolVersion"), ["2.0"]);
    assert_eq!(texts(&body, "deletedRecord"), ["persistent"]);
    assert_eq!(texts(&body, "granularity"), ["YYYY-MM-DDThh:mm:ssZ"]);
    assert_eq!(texts(&body, "adminEmail"), ["archivist@example.org"]);
    assert_eq!(texts(&body, "baseURL"), [server.url("/oai")]);
    assert_eq!(texts(&body, "earliestDatestamp"), ["2026-11-29T12:00:00Z"]);

    let body = oai(&server, "verb=ListMetadataFormats").await;
    assert_eq!(texts(&body, "metadataPrefix"), ["oai_dc", "tei"]);

    let body = oai(&server, "verb=ListSets").await;
    let sets = texts(&body, "setSpec");
    assert!(sets.contains(&"type:aide-memoire".to_string()), "{sets:?}");
    assert!(
        sets.contains(&"collection:korean-war".to_string()),
        "{sets:?}"
    );
}

#[tokio::test]
async fn harvesting_gives_every_visible_document_across_pages() {
    let server = small_pages().await;
    let mut got = harvest(&server, "ListIdentifiers", "metadataPrefix=oai_dc").await;
    got.sort();
    let mut want = visible();
    want.sort();
    assert_eq!(got, want);
    let first = oai(&server, "verb=ListRecords&metadataPrefix=oai_dc").await;
    let (_, size, cursor) = token(&first).unwrap();
    assert_eq!((size.as_str(), cursor.as_str()), ("7", "0"));
    assert_eq!(
        harvest(&server, "ListRecords", "metadataPrefix=tei")
            .await
            .len(),
        7
    );
    let sets = harvest(
        &server,
        "ListIdentifiers",
        "metadataPrefix=oai_dc&set=collection:korean-war",
    )
    .await;
    assert_eq!(
        sets.len(),
        2,
        "the staff-only member of the collection stays hidden"
    );
}

#[tokio::test]
async fn a_harvest_resumed_after_changes_skips_nothing_and_sees_deletions() {
    let server = small_pages().await;
    let first = oai(&server, "verb=ListIdentifiers&metadataPrefix=oai_dc").await;
    let (t, _, _) = token(&first).unwrap();
    let seen_first = texts(&first, "identifier");
    // Meanwhile: an edit of a document already harvested, and a deletion.
    let store = server.store.clone();
    let mut aide = store.get(kit::id("aide")).unwrap().unwrap().document;
    aide.title = "United States aide-memoire (27 June 1950), corrected".into();
    store
        .put(aide, WriteMeta::new("editor", "fix"), None)
        .unwrap();
    store
        .delete(
            kit::id("treaty"),
            WriteMeta::new("editor", "duplicate"),
            None,
        )
        .unwrap();
    let mut rest = Vec::new();
    let mut query = format!("verb=ListIdentifiers&resumptionToken={t}");
    let mut deleted = Vec::new();
    loop {
        let body = oai(&server, &query).await;
        let doc = roxmltree::Document::parse(&body).unwrap();
        for header in doc.descendants().filter(|n| n.has_tag_name((NS, "header"))) {
            let id = header
                .descendants()
                .find(|n| n.has_tag_name((NS, "identifier")))
                .unwrap()
                .text()
                .unwrap()
                .to_string();
            if header.attribute("status") == Some("deleted") {
                deleted.push(id.clone());
            }
            rest.push(id);
        }
        match token(&body) {
            Some((t, _, _)) if !t.is_empty() => {
                query = format!("verb=ListIdentifiers&resumptionToken={t}")
            }
            _ => break,
        }
    }
    let mut all: Vec<String> = seen_first.into_iter().chain(rest.iter().cloned()).collect();
    all.sort();
    all.dedup();
    let mut want = visible();
    want.sort();
    assert_eq!(all, want, "nothing skipped");
    assert_eq!(deleted, [format!("oai:127.0.0.1:{}", kit::id("treaty"))]);
    assert!(
        rest.contains(&format!("oai:127.0.0.1:{}", kit::id("aide"))),
        "the edited document comes again"
    );
    // GetRecord of the deleted one: a header with status deleted and no metadata.
    let body = oai(
        &server,
        &format!(
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:{}",
            kit::id("treaty")
        ),
    )
    .await;
    assert!(body.contains("status=\"deleted\""), "{body}");
    assert!(!body.contains("<metadata>"));
}

#[tokio::test]
async fn get_record_in_both_formats_and_selective_harvesting() {
    let server = small_pages().await;
    let id = format!("oai:127.0.0.1:{}", kit::id("aide"));
    let body = oai(
        &server,
        &format!("verb=GetRecord&metadataPrefix=oai_dc&identifier={id}"),
    )
    .await;
    assert!(
        body.contains("<dc:title>United States aide-memoire (27 June 1950)</dc:title>"),
        "{body}"
    );
    let body = oai(
        &server,
        &format!("verb=GetRecord&metadataPrefix=tei&identifier={id}"),
    )
    .await;
    let doc = roxmltree::Document::parse(&body).unwrap();
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name(("http://www.tei-c.org/ns/1.0", "TEI")))
    );
    assert!(!body.contains("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI"));

    assert_eq!(
        harvest(
            &server,
            "ListIdentifiers",
            "metadataPrefix=oai_dc&from=2026-11-29"
        )
        .await
        .len(),
        7
    );
    let none = oai(
        &server,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-11-30",
    )
    .await;
    assert_eq!(error_code(&none).as_deref(), Some("noRecordsMatch"));
    let until = oai(
        &server,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&until=2026-11-28T23:59:59Z",
    )
    .await;
    assert_eq!(error_code(&until).as_deref(), Some("noRecordsMatch"));
}

#[tokio::test]
async fn every_error_condition_has_its_code() {
    let server = small_pages().await;
    let staff = format!("oai:127.0.0.1:{}", kit::id("staff"));
    let cases = [
        ("verb=Dance", "badVerb"),
        ("", "badVerb"),
        ("verb=Identify&extra=1", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01",
            "badArgument",
        ),
        (
            "verb=ListRecords&resumptionToken=forged",
            "badResumptionToken",
        ),
        (
            "verb=ListRecords&metadataPrefix=marc21",
            "cannotDisseminateFormat",
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:00000000-0000-4000-8000-000000000000",
            "idDoesNotExist",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=type:treaty&from=2027-01-01",
            "noRecordsMatch",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=nonsense",
            "noRecordsMatch",
        ),
        ("verb=ListSets&resumptionToken=x", "badResumptionToken"),
    ];
    for (query, code) in cases {
        let body = oai(&server, query).await;
        assert_eq!(error_code(&body).as_deref(), Some(code), "{query}: {body}");
    }
    // The staff-only document does not exist here.
    let body = server
        .get(&format!(
            "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={staff}"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(error_code(&body).as_deref(), Some("idDoesNotExist"));
    // No metadata formats for a document that does not exist.
    let body = oai(
        &server,
        "verb=ListMetadataFormats&identifier=oai:127.0.0.1:nope",
    )
    .await;
    assert_eq!(error_code(&body).as_deref(), Some("idDoesNotExist"));
    // POST works like GET.
    let response = server
        .client
        .post(server.url("/oai"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("verb=Identify")
        .send()
        .await
        .unwrap();
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<protocolVersion>2.0</protocolVersion>")
    );
    // An empty archive has no sets.
    let empty = kit::TestServer::with_documents(Vec::new()).await;
    let body = oai(&empty, "verb=ListSets").await;
    assert_eq!(error_code(&body).as_deref(), Some("noSetHierarchy"));
}

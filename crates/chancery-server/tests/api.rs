//! The JSON API under `/api/v1`, end to end against the real server: every endpoint, every
//! error status and body, conditional requests, cursor pagination while documents are
//! added, CORS, the OpenAPI document and its page, and that nothing restricted ever shows.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

use chancery_model::{AccessLevel, DocDate, DocType, Document, DocumentId};
use chancery_store::{ImportedFile, NewImportRun, Store};
use serde_json::Value;

/// A GET's status, headers and JSON body.
async fn get_json(
    server: &kit::TestServer,
    path: &str,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = server.get(path).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {text}"));
    (status, headers, body)
}

/// A GET that must answer 200 with JSON.
async fn ok(server: &kit::TestServer, path: &str) -> Value {
    let (status, headers, body) = get_json(server, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{path}"
    );
    body
}

/// A GET that must answer `status` with the API's error shape and `code`.
async fn expect_error(server: &kit::TestServer, path: &str, status: u16, code: &str) -> Value {
    let (got, headers, body) = get_json(server, path).await;
    assert_eq!(got, status, "{path}: {body}");
    assert_eq!(headers["content-type"], "application/json", "{path}");
    let error = &body["error"];
    assert_eq!(error["code"], code, "{path}: {body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{path}: {body}"
    );
    assert!(error["details"].is_object(), "{path}: {body}");
    error.clone()
}

fn ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

fn id(key: &str) -> String {
    kit::id(key).to_string()
}

/// The fixture documents an anonymous visitor may see, in date order (undated last).
fn visible_in_date_order() -> Vec<String> {
    [
        "treaty", "aide", "telegram", "note", "hostile", "released", "undated",
    ]
    .iter()
    .map(|k| id(k))
    .collect()
}

/// Every page of a listing, following `next_cursor`.
async fn all_pages(server: &kit::TestServer, first: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut path = first.to_string();
    loop {
        let page = ok(server, &path).await;
        pages.push(ids(&page["items"]));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("{first}&cursor={cursor}"),
            None => break,
        }
        assert!(pages.len() < 100, "the pages never end");
    }
    pages
}

/// Adds documents through the store, as an import would, and waits until the server's
/// index has applied them.
async fn add(server: &kit::TestServer, docs: Vec<Document>) {
    let store = server.store.clone();
    tokio::task::spawn_blocking(move || {
        let run = store
            .begin_import(NewImportRun {
                actor: "test".into(),
                arguments: String::new(),
            })
            .unwrap();
        store
            .commit_import_batch(
                run,
                vec![ImportedFile {
                    path: "added".into(),
                    sha256: "1".into(),
                    size: 0,
                    format: Some("jsonl".into()),
                    documents: docs,
                    error: None,
                    warnings: vec![],
                }],
            )
            .unwrap();
    })
    .await
    .unwrap();
    let want = server.store.last_seq().unwrap();
    for _ in 0..100 {
        let health = ok(server, "/healthz").await;
        if health["index_seq"].as_u64() == Some(want) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the index did not catch up with the store");
}

fn dated(key: &str, title: &str, date: &str) -> Document {
    let mut doc = Document::new(kit::id(key), title, "Added while paging.");
    doc.date = Some(DocDate::parse_edtf(date).unwrap());
    doc.language = Some("en".into());
    doc
}

// ---------------------------------------------------------------------------------------------
// The document list

#[tokio::test]
async fn the_list_shows_visible_documents_in_date_order_with_summaries() {
    let server = kit::TestServer::start().await;
    let page = ok(&server, "/api/v1/documents").await;
    assert_eq!(page["total"], 7);
    assert_eq!(ids(&page["items"]), visible_in_date_order());
    assert_eq!(page["next_cursor"], Value::Null);
    let aide = &page["items"][1];
    assert_eq!(aide["title"], "United States aide-memoire (27 June 1950)");
    assert_eq!(aide["type"], "aide-memoire");
    assert_eq!(
        aide["date"],
        serde_json::json!({"edtf": "1950-06-27", "text": "27 June 1950", "earliest": "1950-06-27", "latest": "1950-06-27"})
    );
    assert_eq!(aide["language"], "en");
    assert_eq!(aide["revision"], 1);
    assert!(aide["updated"].as_str().unwrap().starts_with("2026-11-29"));
    assert_eq!(aide["url"], format!("/api/v1/documents/{}", id("aide")));
    let undated = &page["items"][6];
    assert_eq!(undated["date"], Value::Null);

    let newest = ok(&server, "/api/v1/documents?sort=-date").await;
    let mut expected = visible_in_date_order();
    let undated_id = expected.pop().unwrap();
    expected.reverse();
    expected.push(undated_id);
    assert_eq!(ids(&newest["items"]), expected);
}

#[tokio::test]
async fn the_list_filters_like_search() {
    let server = kit::TestServer::start().await;
    let check = |path: &'static str, keys: &'static [&'static str]| {
        let server = &server;
        async move {
            let page = ok(server, path).await;
            let want: Vec<String> = keys.iter().map(|k| id(k)).collect();
            assert_eq!(ids(&page["items"]), want, "{path}");
            assert_eq!(page["total"], keys.len(), "{path}");
        }
    };
    check("/api/v1/documents?type=telegram", &["telegram"]).await;
    check("/api/v1/documents?type=cable", &["telegram"]).await;
    check("/api/v1/documents?lang=fr", &["note"]).await;
    check("/api/v1/documents?lang=EN&type=treaty", &["treaty"]).await;
    check(
        "/api/v1/documents?collection=korean-war",
        &["aide", "telegram"],
    )
    .await;
    check(
        "/api/v1/documents?from=1950&to=1952",
        &["aide", "telegram", "note"],
    )
    .await;
    check(
        "/api/v1/documents?from=1950-06-28",
        &["telegram", "note", "hostile", "released"],
    )
    .await;
    check("/api/v1/documents?to=1800", &["treaty"]).await;
    check("/api/v1/documents?q=Gromyko", &["aide", "telegram"]).await;
    check("/api/v1/documents?q=Gromyko&type=telegram", &["telegram"]).await;
    check(
        "/api/v1/documents?q=-type:report+-type:telegram&from=1950&to=1980",
        &["aide", "note", "hostile"],
    )
    .await;
    check(
        "/api/v1/documents?q=Gromyko+OR+Paris&sort=-date",
        &["telegram", "aide", "treaty"],
    )
    .await;
    check(
        "/api/v1/documents?q=&cursor=&from=",
        &[
            "treaty", "aide", "telegram", "note", "hostile", "released", "undated",
        ],
    )
    .await;
    check("/api/v1/documents?q=nothingmatchesthis", &[]).await;
    // Relevance: the title match first.
    let page = ok(&server, "/api/v1/documents?q=treaty&sort=relevance").await;
    assert_eq!(ids(&page["items"])[0], id("treaty"));
}

#[tokio::test]
async fn pages_follow_each_other_by_cursor_in_every_order() {
    let server = kit::TestServer::start().await;
    for (sort, limit) in [
        ("date", 2),
        ("-date", 3),
        ("relevance", 1),
        ("date", 7),
        ("date", 6),
    ] {
        let first = format!("/api/v1/documents?sort={sort}&limit={limit}");
        let pages = all_pages(&server, &first).await;
        let all: Vec<String> = pages.concat();
        assert_eq!(all.len(), 7, "{first}: {pages:?}");
        assert_eq!(
            all.iter().collect::<HashSet<_>>().len(),
            7,
            "{first}: {pages:?}"
        );
        for page in &pages {
            assert!(
                page.len() <= limit && !page.is_empty(),
                "{first}: {pages:?}"
            );
        }
        let unpaged = ok(&server, &format!("/api/v1/documents?sort={sort}&limit=100")).await;
        assert_eq!(all, ids(&unpaged["items"]), "{first}");
    }
}

#[tokio::test]
async fn cursors_stay_correct_while_documents_are_added() {
    let server = kit::TestServer::start().await;
    // Date order, oldest first: treaty 1783, aide 1950-06-27, telegram 1950-06-28, note
    // 1952-03, hostile 1960, released 1975, undated.
    let first = ok(&server, "/api/v1/documents?limit=3").await;
    let page1 = ids(&first["items"]);
    assert_eq!(page1, visible_in_date_order()[..3]);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();

    // Documents land before the cursor (which would shift an offset), on the cursor's own
    // day on both sides of it, and after it.
    let mut added = vec![
        dated("early-1", "Added early", "1700"),
        dated("early-2", "Added early too", "1949"),
        dated("same-day", "Added on the cursor's day", "1950-06-28"),
        dated("late", "Added late", "1990"),
    ];
    let mut undated = Document::new(kit::id("undated-2"), "Added undated", "No date.");
    undated.language = Some("en".into());
    added.push(undated);
    let mut hidden = dated("hidden-late", "Added hidden", "1991");
    hidden.rights.access = AccessLevel::Staff;
    added.push(hidden);
    add(&server, added).await;

    let mut seen: Vec<String> = page1.clone();
    let mut path = format!("/api/v1/documents?limit=3&cursor={cursor}");
    loop {
        let page = ok(&server, &path).await;
        seen.extend(ids(&page["items"]));
        assert_eq!(
            page["total"], 12,
            "the total counts the documents now there"
        );
        match page["next_cursor"].as_str() {
            Some(next) => path = format!("/api/v1/documents?limit=3&cursor={next}"),
            None => break,
        }
    }
    // Nothing repeats, nothing that was there is skipped, and what was added after the
    // cursor shows in its place.
    assert_eq!(
        seen.len(),
        seen.iter().collect::<HashSet<_>>().len(),
        "{seen:?}"
    );
    for was_there in visible_in_date_order() {
        assert!(seen.contains(&was_there), "skipped {was_there}");
    }
    let after_cursor: Vec<String> = seen[3..].to_vec();
    let same_day = id("same-day");
    let telegram = id("telegram");
    let expect_same_day = same_day > telegram;
    assert_eq!(after_cursor.contains(&same_day), expect_same_day);
    assert!(after_cursor.contains(&id("late")));
    assert!(after_cursor.contains(&id("undated-2")));
    assert!(!seen.contains(&id("early-1")) && !seen.contains(&id("early-2")));
    assert!(!seen.contains(&id("hidden-late")));
    // The order is the listing's order.
    let fresh = ok(&server, "/api/v1/documents?limit=100").await;
    let order = ids(&fresh["items"]);
    let positions: Vec<usize> = seen
        .iter()
        .map(|s| order.iter().position(|o| o == s).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[tokio::test]
async fn relevance_cursors_stay_correct_while_documents_are_added() {
    let server = kit::TestServer::start().await;
    let first = ok(
        &server,
        "/api/v1/documents?q=memorandum+OR+report+OR+treaty+OR+Gromyko&sort=relevance&limit=2",
    )
    .await;
    let mut seen = ids(&first["items"]);
    let before: BTreeSet<String> = {
        let all = ok(&server, "/api/v1/documents?q=memorandum+OR+report+OR+treaty+OR+Gromyko&sort=relevance&limit=100").await;
        ids(&all["items"]).into_iter().collect()
    };
    // Many documents holding the query's words: with corpus statistics these would change
    // every score; the listing's scores depend on each document alone.
    let added: Vec<Document> = (0..20)
        .map(|i| {
            let mut d = Document::new(
                kit::id(&format!("bulk-{i}")),
                format!("Report {i} on the treaty"),
                "Report report report treaty memorandum Gromyko. "
                    .repeat(i + 1)
                    .trim(),
            );
            d.language = Some("en".into());
            d
        })
        .collect();
    add(&server, added).await;
    let mut cursor = first["next_cursor"].as_str().unwrap().to_string();
    loop {
        let page = ok(
            &server,
            &format!("/api/v1/documents?q=memorandum+OR+report+OR+treaty+OR+Gromyko&sort=relevance&limit=2&cursor={cursor}"),
        )
        .await;
        seen.extend(ids(&page["items"]));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => break,
        }
    }
    assert_eq!(
        seen.len(),
        seen.iter().collect::<HashSet<_>>().len(),
        "{seen:?}"
    );
    for was_there in &before {
        assert!(seen.contains(was_there), "skipped {was_there}");
    }
}

#[tokio::test]
async fn bad_list_parameters_name_the_parameter() {
    let server = kit::TestServer::start().await;
    for (query, parameter) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("limit=", "limit"),
        ("sort=newest", "sort"),
        ("type=pamphlet", "type"),
        ("type=", "type"),
        ("lang=english", "lang"),
        ("lang=", "lang"),
        ("collection=Korean%20War", "collection"),
        ("collection=", "collection"),
        ("from=June+1950", "from"),
        ("from=1950-13", "from"),
        ("to=1950%22", "to"),
        ("from=1960&to=1950", "to"),
        ("cursor=garbage", "cursor"),
        ("limt=5", "limt"),
        ("q=a&q=b", "q"),
    ] {
        let error = expect_error(
            &server,
            &format!("/api/v1/documents?{query}"),
            400,
            "bad_parameter",
        )
        .await;
        assert_eq!(error["details"]["parameter"], parameter, "{query}: {error}");
    }
    // A cursor belongs to its listing.
    let page = ok(&server, "/api/v1/documents?limit=2").await;
    let cursor = page["next_cursor"].as_str().unwrap();
    let error = expect_error(
        &server,
        &format!("/api/v1/documents?limit=2&type=letter&cursor={cursor}"),
        400,
        "bad_parameter",
    )
    .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("another listing")
    );
    assert_eq!(
        ok(
            &server,
            &format!("/api/v1/documents?limit=5&cursor={cursor}")
        )
        .await["items"]
            .as_array()
            .unwrap()
            .len(),
        5,
        "the page size may change between pages"
    );
}

#[tokio::test]
async fn malformed_queries_point_at_the_fault() {
    let server = kit::TestServer::start().await;
    for path in [
        "/api/v1/documents?q=date:+AND+x",
        "/api/v1/search?q=date:+AND+x",
        "/api/v1/timeline?q=date:+AND+x",
    ] {
        let error = expect_error(&server, path, 400, "bad_query").await;
        let details = &error["details"];
        assert_eq!(details["parameter"], "q", "{path}");
        assert_eq!(details["query"], "date: AND x");
        assert_eq!(details["start"], 6);
        assert_eq!(details["end"], 9);
        assert_eq!(details["column"], 7);
        assert_eq!(
            details["pointer"],
            "date: AND x\n      ^^^ expected a value after 'date:'"
        );
    }
    let error = expect_error(&server, "/api/v1/search?q=%22unclosed", 400, "bad_query").await;
    assert_eq!(error["details"]["column"], 1);
    // An unknown field is a bad query too, not a failure.
    expect_error(&server, "/api/v1/search?q=sender:Kirk", 400, "bad_query").await;
    let long = "a+".repeat(2000);
    expect_error(
        &server,
        &format!("/api/v1/search?q={long}"),
        400,
        "bad_query",
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// One document, its revisions, its citations

#[tokio::test]
async fn a_document_is_the_models_json_shape_with_validators() {
    let server = kit::TestServer::start().await;
    let path = format!("/api/v1/documents/{}", id("aide"));
    let response = server.get(&path).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let body: Value = response.json().await.unwrap();
    let stored = server.store.get(kit::id("aide")).unwrap().unwrap().document;
    assert_eq!(body, serde_json::to_value(&stored).unwrap());
    let etag = headers["etag"].to_str().unwrap().to_string();
    let modified = headers["last-modified"].to_str().unwrap().to_string();
    assert_eq!(modified, "Sun, 29 Nov 2026 12:00:00 GMT");
    assert_eq!(headers["cache-control"], "no-cache");

    let again = server
        .client
        .get(server.url(&path))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.text().await.unwrap().is_empty());
    let since = server
        .client
        .get(server.url(&path))
        .header("If-Modified-Since", &modified)
        .send()
        .await
        .unwrap();
    assert_eq!(since.status(), 304);
    let stale = server
        .client
        .get(server.url(&path))
        .header("If-None-Match", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200);
    // The embargo that ended shows; the hostile title comes back as data, unchanged.
    let released = ok(&server, &format!("/api/v1/documents/{}", id("released"))).await;
    assert_eq!(released["rights"]["access"], "embargoed");
    let hostile = ok(&server, &format!("/api/v1/documents/{}", id("hostile"))).await;
    assert_eq!(
        hostile["title"],
        "<script>alert('title')</script> & \"quotes\""
    );
}

#[tokio::test]
async fn unknown_malformed_and_invisible_documents_are_all_not_found() {
    let server = kit::TestServer::start().await;
    let unknown = DocumentId::from_key("never imported").to_string();
    for key in [
        unknown.as_str(),
        "not-a-uuid",
        "%FF%FE",
        &id("staff"),
        &id("embargoed"),
    ] {
        for suffix in ["", "/revisions", "/citation", "/citation?style=bibtex"] {
            let path = format!("/api/v1/documents/{key}{suffix}");
            let error = expect_error(&server, &path, 404, "not_found").await;
            assert!(!error.to_string().contains("zanzibarquokka"));
        }
    }
    let a = expect_error(
        &server,
        &format!("/api/v1/documents/{unknown}"),
        404,
        "not_found",
    )
    .await;
    let b = expect_error(
        &server,
        &format!("/api/v1/documents/{}", id("staff")),
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        a, b,
        "an invisible document is answered exactly like a missing one"
    );
    expect_error(
        &server,
        &format!("/api/v1/documents/{}?x=1", id("aide")),
        400,
        "bad_parameter",
    )
    .await;
}

#[tokio::test]
async fn revisions_list_the_history_of_visible_documents() {
    let server = kit::TestServer::start().await;
    let path = format!("/api/v1/documents/{}/revisions", id("telegram"));
    let body = ok(&server, &path).await;
    assert_eq!(body["id"], id("telegram"));
    assert_eq!(body["url"], format!("/api/v1/documents/{}", id("telegram")));
    let revisions = body["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 1);
    let first = &revisions[0];
    assert_eq!(first["revision"], 1);
    assert_eq!(first["kind"], "create");
    assert_eq!(first["actor"], "test");
    assert!(first["reason"].as_str().is_some());
    assert_eq!(first["at"], "2026-11-29T12:00:00Z");
    assert_eq!(first["hash"].as_str().unwrap().len(), 64);
    let etag = server.get(&path).await.headers()["etag"].clone();
    let again = server
        .client
        .get(server.url(&path))
        .header("If-None-Match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn citations_come_in_every_style_with_their_media_types() {
    let server = kit::TestServer::start().await;
    let base = format!("/api/v1/documents/{}/citation", id("aide"));
    for style in [
        "chicago",
        "chicago-note",
        "chicago-bibliography",
        "apa",
        "mla",
    ] {
        let body = ok(&server, &format!("{base}?style={style}")).await;
        let text = body["text"].as_str().unwrap();
        assert!(text.contains("Kirk"), "{style}: {text}");
        assert!(body["html"].as_str().unwrap().contains("Kirk"), "{style}");
        let expected = if style == "chicago" {
            "chicago-note"
        } else {
            style
        };
        assert_eq!(body["style"], expected);
    }
    let default = ok(&server, &base).await;
    assert_eq!(default["style"], "chicago-note");
    for (style, media_type, start) in [
        ("bibtex", "application/x-bibtex; charset=utf-8", "@misc{"),
        (
            "ris",
            "application/x-research-info-systems; charset=utf-8",
            "TY  - ",
        ),
        ("csl-json", "application/vnd.citationstyles.csl+json", "["),
    ] {
        let response = server.get(&format!("{base}?style={style}")).await;
        assert_eq!(response.status(), 200, "{style}");
        assert_eq!(response.headers()["content-type"], media_type);
        assert!(response.headers().contains_key("etag"));
        let text = response.text().await.unwrap();
        assert!(text.starts_with(start), "{style}: {text}");
        assert!(
            text.contains(&server.url(&format!("/documents/{}", id("aide")))),
            "{style}"
        );
    }
    let csl: Value = server
        .get(&format!("{base}?style=csl-json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(csl[0]["id"], id("aide"));
    let error = expect_error(
        &server,
        &format!("{base}?style=harvard"),
        400,
        "bad_parameter",
    )
    .await;
    assert_eq!(error["details"]["parameter"], "style");
}

// ---------------------------------------------------------------------------------------------
// Search, timeline, collections

#[tokio::test]
async fn search_answers_hits_snippets_and_facets() {
    let server = kit::TestServer::start().await;
    let body = ok(&server, "/api/v1/search?q=Gromyko&facets=true").await;
    assert_eq!(body["total"], 2);
    let hits = body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for hit in hits {
        for field in ["id", "title", "type", "date", "score", "snippet"] {
            assert!(hit.get(field).is_some(), "{field}: {hit}");
        }
    }
    assert!(hits.iter().any(|h| {
        h["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>Gromyko</mark>")
    }));
    let facets = &body["facets"];
    assert_eq!(
        facets["type"],
        serde_json::json!([{"value": "aide-memoire", "count": 1}, {"value": "telegram", "count": 1}])
    );
    assert_eq!(
        facets["collection"],
        serde_json::json!([{"value": "korean-war", "count": 2}])
    );
    assert_eq!(
        facets["year"],
        serde_json::json!([{"value": "1950", "count": 2}])
    );
    assert_eq!(
        facets["decade"],
        serde_json::json!([{"value": "1950s", "count": 2}])
    );
    assert!(body["took_ms"].is_number());
    let no_facets = ok(&server, "/api/v1/search?q=Gromyko").await;
    assert!(no_facets.get("facets").is_none());

    let all = ok(&server, "/api/v1/search").await;
    assert_eq!(all["total"], 7);
    let by_date = ok(&server, "/api/v1/search?sort=date&limit=2&offset=1").await;
    assert_eq!(ids(&by_date["hits"]), vec![id("aide"), id("telegram")]);
    let newest = ok(&server, "/api/v1/search?sort=-date&limit=1").await;
    assert_eq!(ids(&newest["hits"]), vec![id("released")]);
    // Containment: "1952-03" lies inside 1952, "June 1950" days do not lie inside June 27.
    let overlap = ok(&server, "/api/v1/search?q=date:1950-06-27..1950-06-28").await;
    assert_eq!(overlap["total"], 2);
    let contain = ok(&server, "/api/v1/search?q=date:1952&contain=true").await;
    assert_eq!(ids(&contain["hits"]), vec![id("note")]);
    let deep = ok(&server, "/api/v1/search?offset=10000").await;
    assert_eq!(deep["hits"], serde_json::json!([]));
    assert_eq!(deep["total"], 7);

    for (query, parameter) in [
        ("offset=10001", "offset"),
        ("offset=-1", "offset"),
        ("limit=101", "limit"),
        ("facets=yes", "facets"),
        ("contain=1", "contain"),
        ("sort=score", "sort"),
        ("page=2", "page"),
    ] {
        let error = expect_error(
            &server,
            &format!("/api/v1/search?{query}"),
            400,
            "bad_parameter",
        )
        .await;
        assert_eq!(error["details"]["parameter"], parameter, "{query}");
    }
    let error = expect_error(&server, "/api/v1/search?offset=20000", 400, "bad_parameter").await;
    assert_eq!(error["details"]["maximum"], 10_000);
}

#[tokio::test]
async fn the_timeline_counts_visible_documents_by_period() {
    let server = kit::TestServer::start().await;
    let years = ok(&server, "/api/v1/timeline").await;
    assert_eq!(years["granularity"], "year");
    assert_eq!(
        years["periods"],
        serde_json::json!([
            {"period": "1783", "count": 1},
            {"period": "1950", "count": 2},
            {"period": "1952", "count": 1},
            {"period": "1960", "count": 1},
            {"period": "1975", "count": 1},
        ])
    );
    let days = ok(&server, "/api/v1/timeline?granularity=day&q=date:1950").await;
    assert_eq!(
        days["periods"],
        serde_json::json!([
            {"period": "1950-06-27", "count": 1},
            {"period": "1950-06-28", "count": 1},
        ])
    );
    let months = ok(&server, "/api/v1/timeline?granularity=month&q=Gromyko").await;
    assert_eq!(
        months["periods"],
        serde_json::json!([{"period": "1950-06", "count": 2}])
    );
    let error = expect_error(
        &server,
        "/api/v1/timeline?granularity=week",
        400,
        "bad_parameter",
    )
    .await;
    assert_eq!(
        error["details"]["allowed"],
        serde_json::json!(["year", "month", "day"])
    );
}

#[tokio::test]
async fn collections_count_only_what_the_viewer_may_see() {
    let server = kit::TestServer::start().await;
    let list = ok(&server, "/api/v1/collections").await;
    assert_eq!(
        list["collections"],
        serde_json::json!([{
            "id": "korean-war",
            "count": 2,
            "url": "/api/v1/collections/korean-war",
            "documents": "/api/v1/documents?collection=korean-war",
        }])
    );
    let one = ok(&server, "/api/v1/collections/korean-war").await;
    assert_eq!(one["id"], "korean-war");
    assert_eq!(one["count"], 2);
    assert_eq!(one["documents"], "/api/v1/documents?collection=korean-war");
    assert_eq!(
        one["facets"]["year"],
        serde_json::json!([{"value": "1950", "count": 2}])
    );
    let documents = ok(&server, one["documents"].as_str().unwrap()).await;
    assert_eq!(documents["total"], 2);
    for missing in ["cold-war", "Korean-War", "korean%20war", "-x-", "%FF"] {
        expect_error(
            &server,
            &format!("/api/v1/collections/{missing}"),
            404,
            "not_found",
        )
        .await;
    }
}

#[tokio::test]
async fn a_collection_of_restricted_documents_only_does_not_exist() {
    let mut docs = kit::documents();
    let mut secret = Document::new(kit::id("secret"), "Secret file", "Hidden.");
    secret.rights.access = AccessLevel::Registered;
    secret.collections = vec!["secret-files".into()];
    docs.push(secret);
    let server = kit::TestServer::with_documents(docs).await;
    expect_error(
        &server,
        "/api/v1/collections/secret-files",
        404,
        "not_found",
    )
    .await;
    let list = ok(&server, "/api/v1/collections").await;
    assert!(!list.to_string().contains("secret-files"));
    let page = ok(&server, "/api/v1/documents?collection=secret-files").await;
    assert_eq!(page["total"], 0);
}

// ---------------------------------------------------------------------------------------------
// Caching, errors, CORS

#[tokio::test]
async fn lists_and_searches_answer_conditional_requests() {
    let server = kit::TestServer::start().await;
    for path in [
        "/api/v1/documents?limit=3",
        "/api/v1/search?q=Gromyko&facets=true",
        "/api/v1/timeline?granularity=month",
        "/api/v1/collections",
        "/api/v1/collections/korean-war",
        "/api/v1/openapi.json",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        let etag = response.headers()["etag"].clone();
        let again = server
            .client
            .get(server.url(path))
            .header("If-None-Match", etag.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        let other = path.replace("limit=3", "limit=4").replace("month", "day");
        if other != path {
            let different = server
                .client
                .get(server.url(&other))
                .header("If-None-Match", etag)
                .send()
                .await
                .unwrap();
            assert_eq!(different.status(), 200, "{other}");
        }
    }
    // A change to the archive changes the tags.
    let etag = server.get("/api/v1/documents").await.headers()["etag"].clone();
    add(&server, vec![dated("new", "A new document", "1955")]).await;
    let after = server
        .client
        .get(server.url("/api/v1/documents"))
        .header("If-None-Match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 200);
    assert_eq!(after.json::<Value>().await.unwrap()["total"], 8);
}

#[tokio::test]
async fn errors_are_json_everywhere_under_the_api() {
    let server = kit::TestServer::start().await;
    for path in [
        "/api/v1/nothing",
        "/api/v1/documents/",
        "/api/v1/documents/x/y/z",
        "/api/v1/collections/korean-war/documents",
        "/api/v2/documents",
    ] {
        let (status, headers, body) = get_json_or_text(&server, path).await;
        assert_eq!(status, 404, "{path}");
        if path.starts_with("/api/v1/") {
            assert_eq!(headers["content-type"], "application/json", "{path}");
            assert_eq!(body["error"]["code"], "not_found", "{path}");
        }
    }
    for method in [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
        reqwest::Method::PATCH,
    ] {
        for path in [
            "/api/v1/documents",
            "/api/v1/search",
            "/api/v1/openapi.json",
        ] {
            let response = server
                .client
                .request(method.clone(), server.url(path))
                .body("{}")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 405, "{method} {path}");
            assert!(
                response.headers()["allow"]
                    .to_str()
                    .unwrap()
                    .contains("GET")
            );
            assert_eq!(response.headers()["content-type"], "application/json");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"]["code"], "method_not_allowed");
        }
    }
    let head = server
        .client
        .head(server.url("/api/v1/documents"))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    assert!(head.headers().contains_key("etag"));
}

async fn get_json_or_text(
    server: &kit::TestServer,
    path: &str,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = server.get(path).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn reads_may_come_from_any_origin() {
    let server = kit::TestServer::start().await;
    let response = server
        .client
        .get(server.url("/api/v1/documents"))
        .header("Origin", "https://elsewhere.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("etag"), "{exposed}");
    let preflight = server
        .client
        .request(reqwest::Method::OPTIONS, server.url("/api/v1/search?q=x"))
        .header("Origin", "https://elsewhere.example")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    let methods = preflight.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        methods.contains("GET") && !methods.contains("POST"),
        "{methods}"
    );
    // Errors carry the header too, so that a page elsewhere can read them.
    let missing = server
        .client
        .get(server.url("/api/v1/documents/nothing"))
        .header("Origin", "https://elsewhere.example")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["access-control-allow-origin"], "*");
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document and the API page

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint_and_parameter() {
    let server = kit::TestServer::start().await;
    let spec = ok(&server, "/api/v1/openapi.json").await;
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(
        spec["info"]["description"]
            .as_str()
            .unwrap()
            .contains("/api/v1/docs/")
    );
    let paths = spec["paths"].as_object().unwrap();
    let expected: BTreeSet<&str> = [
        "/api/v1/documents",
        "/api/v1/documents/{id}",
        "/api/v1/documents/{id}/revisions",
        "/api/v1/documents/{id}/citation",
        "/api/v1/search",
        "/api/v1/timeline",
        "/api/v1/collections",
        "/api/v1/collections/{id}",
        "/api/v1/openapi.json",
        "/api/v1/documents/{id}/restore",
        "/api/v1/tokens",
        "/api/v1/tokens/{id}",
        "/api/v1/authorities",
        "/api/v1/authorities/{id}",
    ]
    .into_iter()
    .collect();
    assert_eq!(
        paths.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        expected
    );
    let query_parameters = |path: &str| -> BTreeSet<String> {
        paths[path]["get"]["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter(|p| p["in"] == "query")
                    .map(|p| p["name"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        query_parameters("/api/v1/documents"),
        names(chancery_server::api::documents::LIST_PARAMETERS)
    );
    assert_eq!(
        query_parameters("/api/v1/search"),
        names(chancery_server::api::search::SEARCH_PARAMETERS)
    );
    assert_eq!(
        query_parameters("/api/v1/timeline"),
        names(chancery_server::api::search::TIMELINE_PARAMETERS)
    );
    assert_eq!(
        query_parameters("/api/v1/documents/{id}/citation"),
        names(&["style"])
    );
    assert_eq!(
        query_parameters("/api/v1/authorities"),
        names(chancery_server::api::authorities::LIST_PARAMETERS)
    );
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let Some(responses) = operation["responses"].as_object() else {
                continue;
            };
            assert!(
                responses.contains_key("200") || responses.contains_key("201"),
                "{method} {path}"
            );
            assert!(responses.contains_key("400"), "{method} {path}");
            assert!(responses.contains_key("429"), "{method} {path}");
            assert!(operation["operationId"].is_string(), "{method} {path}");
            if path.contains('{') {
                assert!(responses.contains_key("404"), "{method} {path}");
            }
            // Operations that need an account say so, with their 401 and 403.
            if method != "get" || path.starts_with("/api/v1/tokens") {
                assert!(operation["security"].is_array(), "{method} {path}");
                assert!(responses.contains_key("401"), "{method} {path}");
                assert!(responses.contains_key("403"), "{method} {path}");
            }
        }
    }
    let schemes = spec["components"]["securitySchemes"].as_object().unwrap();
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["in"], "cookie");
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    for name in [
        "Document",
        "DocumentPage",
        "DocumentSummary",
        "SearchResults",
        "Error",
        "DocumentType",
        "RevisionList",
        "Timeline",
        "CollectionList",
    ] {
        assert!(schemas.contains_key(name), "{name}");
    }
    let types = schemas["DocumentType"]["enum"].as_array().unwrap();
    assert_eq!(types.len(), DocType::ALL.len());
}

#[tokio::test]
async fn the_api_page_serves_swagger_ui_from_this_server_under_its_own_policy() {
    let server = kit::TestServer::start().await;
    let redirect = server.get("/api/v1/docs").await;
    assert!(redirect.status().is_redirection());
    let response = server.get("/api/v1/docs/").await;
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    let page = response.text().await.unwrap();
    assert!(!page.contains("<script>"), "no inline script");
    // Every file the page loads is served from here.
    for asset in [
        "swagger-ui.css",
        "index.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "swagger-initializer.js",
        "favicon-32x32.png",
    ] {
        assert!(page.contains(asset), "{asset}");
        let response = server.get(&format!("/api/v1/docs/{asset}")).await;
        assert_eq!(response.status(), 200, "{asset}");
    }
    let initializer = server
        .get("/api/v1/docs/swagger-initializer.js")
        .await
        .text()
        .await
        .unwrap();
    assert!(initializer.contains("/api/v1/openapi.json"));
    assert!(!initializer.contains("petstore"));
    for root in ["/api", "/api/v1"] {
        let response = server.get(root).await;
        assert!(response.status().is_redirection(), "{root}");
        assert_eq!(response.headers()["location"], "/api/v1/docs/");
    }
}

// ---------------------------------------------------------------------------------------------
// Access: nothing restricted shows anywhere

#[tokio::test]
async fn restricted_documents_never_show_in_any_answer() {
    let server = kit::TestServer::start().await;
    let secrets = [
        "zanzibarquokka".to_string(),
        "Staff-only briefing".to_string(),
        id("staff"),
        "Embargoed report".to_string(),
        id("embargoed"),
    ];
    let paths = [
        "/api/v1/documents".to_string(),
        "/api/v1/documents?limit=100&sort=-date".to_string(),
        "/api/v1/documents?q=zanzibarquokka".to_string(),
        "/api/v1/documents?q=Korea&sort=relevance".to_string(),
        "/api/v1/documents?type=memorandum".to_string(),
        "/api/v1/documents?type=report".to_string(),
        "/api/v1/documents?collection=korean-war".to_string(),
        "/api/v1/documents?from=1950-06-27&to=1950-06-27".to_string(),
        "/api/v1/search?q=zanzibarquokka&facets=true".to_string(),
        "/api/v1/search?q=briefing+OR+embargoed+OR+Korea&facets=true&limit=100".to_string(),
        "/api/v1/search?facets=true&limit=100".to_string(),
        "/api/v1/search?q=date:1950-06-27&facets=true".to_string(),
        "/api/v1/timeline?granularity=day".to_string(),
        "/api/v1/timeline?granularity=year&q=zanzibarquokka".to_string(),
        "/api/v1/collections".to_string(),
        "/api/v1/collections/korean-war".to_string(),
        format!("/api/v1/documents/{}", id("staff")),
        format!("/api/v1/documents/{}/revisions", id("staff")),
        format!("/api/v1/documents/{}/citation?style=csl-json", id("staff")),
        format!("/api/v1/documents/{}", id("embargoed")),
        "/api/v1/openapi.json".to_string(),
    ];
    for path in &paths {
        let (status, text) = server.get_text(path).await;
        assert!(status == 200 || status == 404, "{path}: {status}");
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{path} shows {secret}: {text}"
            );
        }
    }
    // Counts do not betray them either.
    let marker = ok(&server, "/api/v1/search?q=zanzibarquokka&facets=true").await;
    assert_eq!(marker["total"], 0);
    let memoranda = ok(&server, "/api/v1/documents?type=memorandum").await;
    assert_eq!(memoranda["total"], 1, "the undated memorandum only");
    let reports = ok(&server, "/api/v1/search?q=type:report&facets=true").await;
    assert_eq!(reports["total"], 1, "the released report only");
    assert_eq!(
        reports["facets"]["decade"],
        serde_json::json!([{"value": "1970s", "count": 1}])
    );
    let day = ok(
        &server,
        "/api/v1/timeline?granularity=day&q=date:1950-06-27",
    )
    .await;
    assert_eq!(
        day["periods"],
        serde_json::json!([{"period": "1950-06-27", "count": 1}])
    );
    let all = ok(&server, "/api/v1/search?facets=true").await;
    let facets = &all["facets"];
    let sum = |facet: &str| -> u64 {
        facets[facet]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(all["total"], 7);
    assert_eq!(
        sum("type"),
        6,
        "every visible document but the untyped hostile one"
    );
    assert_eq!(sum("year"), 6, "every visible dated document");
}

#[tokio::test]
async fn a_document_made_restricted_disappears_and_one_made_public_appears() {
    let server = kit::TestServer::start().await;
    let mut aide = server.store.get(kit::id("aide")).unwrap().unwrap().document;
    aide.rights.access = AccessLevel::Staff;
    let mut staff = server
        .store
        .get(kit::id("staff"))
        .unwrap()
        .unwrap()
        .document;
    staff.rights.access = AccessLevel::Public;
    add(&server, vec![aide, staff]).await;
    expect_error(
        &server,
        &format!("/api/v1/documents/{}", id("aide")),
        404,
        "not_found",
    )
    .await;
    let now = ok(&server, &format!("/api/v1/documents/{}", id("staff"))).await;
    assert_eq!(now["revision"], 2);
    let list = ok(&server, "/api/v1/documents?collection=korean-war").await;
    assert_eq!(ids(&list["items"]), vec![id("staff"), id("telegram")]);
}

// ---------------------------------------------------------------------------------------------
// Answers conform to the OpenAPI document

/// Checks `value` against `schema` (the subset of JSON Schema the API's document uses:
/// `$ref`, `oneOf`, `anyOf`, `allOf`, `type`, `enum`, `properties`, `required`, `items`,
/// `format: uuid`), with properties the schema does not name refused, so that a field added
/// to the model but not to the description shows.
fn conforms(spec: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/schemas/");
        return conforms(spec, &spec["components"]["schemas"][name], value, at);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let errors: Vec<String> = options
                .iter()
                .filter_map(|o| conforms(spec, o, value, at).err())
                .collect();
            if errors.len() == options.len() {
                return Err(format!("{at}: no {key} branch fits: {errors:?}"));
            }
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for part in all {
            conforms(spec, part, value, at)?;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {allowed:?}"));
    }
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let fits = types.is_empty()
        || types.contains(&kind)
        || (kind == "integer" && types.contains(&"number"));
    if !fits {
        return Err(format!("{at}: {kind} where the schema says {types:?}"));
    }
    if schema.get("format").and_then(Value::as_str) == Some("uuid")
        && let Some(text) = value.as_str()
        && text.parse::<DocumentId>().is_err()
    {
        return Err(format!("{at}: '{text}' is not a UUID"));
    }
    if let Value::Object(object) = value
        && let Some(properties) = schema.get("properties").and_then(Value::as_object)
    {
        for (key, field) in object {
            let Some(property) = properties.get(key) else {
                return Err(format!("{at}: '{key}' is not in the schema"));
            };
            conforms(spec, property, field, &format!("{at}.{key}"))?;
        }
        for required in schema["required"].as_array().into_iter().flatten() {
            let required = required.as_str().unwrap();
            if !object.contains_key(required) {
                return Err(format!("{at}: '{required}' is required but missing"));
            }
        }
    }
    if let (Value::Array(items), Some(item)) = (value, schema.get("items")) {
        for (i, element) in items.iter().enumerate() {
            conforms(spec, item, element, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// The schema of the JSON answer of `path` (as written in the document) with `status`.
fn response_schema<'a>(spec: &'a Value, path: &str, status: u16) -> &'a Value {
    &spec["paths"][path]["get"]["responses"][status.to_string()]["content"]["application/json"]["schema"]
}

#[tokio::test]
async fn every_answer_conforms_to_the_openapi_document() {
    use chancery_model::{
        AgentRef, Block, BlockKind, Mention, MentionKind, MentionSource, MentionStatus, Provenance,
        Relation, RelationKind, Span, SpanStyle,
    };
    let mut rich = Document::new(kit::id("rich"), "A rich document", "");
    rich.doc_type = Some(DocType::Letter);
    rich.date = Some(
        DocDate::parse_edtf("1950-06~")
            .unwrap()
            .with_text("about June 1950"),
    );
    rich.language = Some("en-GB".into());
    rich.place = Some("London".into());
    rich.senders = vec![AgentRef {
        id: Some("bevin-ernest".into()),
        name: "Ernest Bevin".into(),
    }];
    rich.subjects = vec!["Korea".into()];
    rich.collections = vec!["korean-war".into(), "letters".into()];
    rich.relations = vec![Relation {
        kind: RelationKind::InReplyTo,
        target: id("telegram"),
        label: Some("your telegram".into()),
    }];
    rich.provenance = Some(Provenance {
        file: Some("letters/rich.xml".into()),
        format: Some("tei".into()),
        sha256: Some("0".repeat(64)),
        record: Some("d1".into()),
        ..Provenance::default()
    });
    rich.source_updated = Some(jiff::civil::date(2015, 7, 3));
    rich.url = Some("https://example.org/rich".into());
    let mut paragraph = Block::paragraph("Ernest Bevin wrote from London, see page 4 here.");
    for style in [
        SpanStyle::Italic,
        SpanStyle::Bold,
        SpanStyle::Underline,
        SpanStyle::SmallCaps,
        SpanStyle::Superscript,
        SpanStyle::NoteRef { n: "1".into() },
        SpanStyle::Page { n: "4".into() },
        SpanStyle::Gap {
            reason: Some("illegible".into()),
        },
        SpanStyle::Link {
            target: "https://example.org".into(),
        },
    ] {
        paragraph.spans.push(Span {
            start: 0,
            end: 6,
            style,
        });
    }
    let mut note = Block::new(BlockKind::Note, "A note.");
    note.n = Some("1".into());
    rich.body = vec![Block::heading(2, "Heading"), paragraph, note];
    rich.mentions = vec![Mention {
        kind: MentionKind::Person,
        text: "Ernest Bevin".into(),
        start: 0,
        end: 12,
        entity_id: Some("bevin-ernest".into()),
        normalized: None,
        confidence: 0.9,
        status: MentionStatus::Confirmed,
        source: MentionSource::Markup,
        field: chancery_model::MentionField::Text,
    }];
    let mut docs = kit::documents();
    docs.push(rich);
    let server = kit::TestServer::with_documents(docs).await;
    let spec = ok(&server, "/api/v1/openapi.json").await;

    let check = |template: &'static str, path: String, status: u16, body: Value| {
        let schema = response_schema(&spec, template, status);
        assert!(schema.is_object(), "{template} {status}: no JSON schema");
        if let Err(e) = conforms(&spec, schema, &body, "$") {
            panic!("{path} ({status}) does not conform: {e}\n{body}");
        }
    };
    let mut all = visible_in_date_order();
    all.push(id("rich"));
    for key in &all {
        let path = format!("/api/v1/documents/{key}");
        check(
            "/api/v1/documents/{id}",
            path.clone(),
            200,
            ok(&server, &path).await,
        );
        let path = format!("/api/v1/documents/{key}/revisions");
        check(
            "/api/v1/documents/{id}/revisions",
            path.clone(),
            200,
            ok(&server, &path).await,
        );
        let path = format!("/api/v1/documents/{key}/citation?style=apa");
        check(
            "/api/v1/documents/{id}/citation",
            path.clone(),
            200,
            ok(&server, &path).await,
        );
    }
    for path in [
        "/api/v1/documents?limit=100",
        "/api/v1/documents?limit=2&sort=relevance&q=report",
    ] {
        check(
            "/api/v1/documents",
            path.into(),
            200,
            ok(&server, path).await,
        );
    }
    for path in [
        "/api/v1/search?facets=true&limit=100",
        "/api/v1/search?q=Bevin",
    ] {
        check("/api/v1/search", path.into(), 200, ok(&server, path).await);
    }
    check(
        "/api/v1/timeline",
        "day".into(),
        200,
        ok(&server, "/api/v1/timeline?granularity=day").await,
    );
    check(
        "/api/v1/collections",
        "list".into(),
        200,
        ok(&server, "/api/v1/collections").await,
    );
    check(
        "/api/v1/collections/{id}",
        "one".into(),
        200,
        ok(&server, "/api/v1/collections/letters").await,
    );
    for (template, path) in [
        (
            "/api/v1/authorities/{id}",
            "/api/v1/authorities/bevin-ernest",
        ),
        (
            "/api/v1/authorities/{id}",
            "/api/v1/authorities/place:moscow",
        ),
        (
            "/api/v1/authorities",
            "/api/v1/authorities?kind=place&limit=5",
        ),
    ] {
        check(template, path.into(), 200, ok(&server, path).await);
    }
    let (_, _, body) = get_json(&server, "/api/v1/authorities/nobody-at-all").await;
    check("/api/v1/authorities/{id}", "missing".into(), 404, body);
    let (_, _, body) = get_json(&server, "/api/v1/authorities?limit=0").await;
    check("/api/v1/authorities", "bad limit".into(), 400, body);
    let (_, _, body) = get_json(&server, "/api/v1/search?q=%22").await;
    check("/api/v1/search", "bad query".into(), 400, body);
    let (_, _, body) = get_json(&server, "/api/v1/documents?limit=0").await;
    check("/api/v1/documents", "bad limit".into(), 400, body);
    let (_, _, body) = get_json(&server, "/api/v1/documents/nothing").await;
    check("/api/v1/documents/{id}", "missing".into(), 404, body);
}

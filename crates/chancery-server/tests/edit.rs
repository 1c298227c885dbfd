//! Editing through the real server: the edit form (metadata and text, a required reason, the
//! version field), concurrent edits (the second editor gets the form back with both
//! versions, nothing lost), restoring a revision from the history page, deleting and
//! undeleting, the API's PATCH (merge patch, If-Match or revision, 409/412/428), DELETE and
//! restore, uploads through the ingest pipeline with per-file results, and the audit log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use std::time::Duration;

use chancery_model::BlockKind;
use chancery_store::{Role, Store, TokenScope};
use kit::{Browser, TestServer, id};
use serde_json::{Value, json};

/// The edit form's fields of a page, as a browser would send them back.
fn form_fields(html: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for name in [
        "csrf",
        "revision",
        "title",
        "date",
        "place",
        "language",
        "rights_uri",
        "embargo_until",
        "reason",
    ] {
        fields.push((name.to_string(), input_value(html, name)));
    }
    for name in [
        "caption",
        "senders",
        "recipients",
        "collections",
        "rights",
        "text",
    ] {
        fields.push((name.to_string(), textarea(html, name)));
    }
    for name in ["type", "access"] {
        fields.push((name.to_string(), selected(html, name)));
    }
    fields
}

/// The value of the input `name` (its attributes in any order).
fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\"");
    let Some(at) = html.find(&marker) else {
        return String::new();
    };
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    let tag = &html[start..end];
    tag.split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .map(unescape)
        .unwrap_or_default()
}

fn unescape(s: &str) -> String {
    s.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&#60;", "<")
        .replace("&gt;", ">")
        .replace("&#62;", ">")
        .replace("&quot;", "\"")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

fn textarea(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\"");
    let Some(at) = html.find(&marker) else {
        return String::new();
    };
    let open = at + html[at..].find('>').unwrap() + 1;
    let close = open + html[open..].find("</textarea>").unwrap();
    unescape(&html[open..close])
}

fn selected(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\"");
    let at = html.find(&marker).unwrap();
    let end = at + html[at..].find("</select>").unwrap();
    let select = &html[at..end];
    select
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("\" selected"))
        .and_then(|o| o.split('"').next())
        .unwrap_or_default()
        .to_string()
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    for (k, v) in fields.iter_mut() {
        if k == name {
            *v = value.to_string();
        }
    }
}

async fn post_fields(
    browser: &Browser<'_>,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post(path, &pairs).await
}

async fn editor<'a>(server: &'a TestServer, name: &str) -> Browser<'a> {
    let password = format!("{name} password 123");
    server.add_user(name, Role::Editor, &password);
    server.login(name, &password).await
}

#[tokio::test]
async fn an_editor_edits_metadata_and_text_as_a_new_revision() {
    let server = TestServer::start().await;
    let browser = editor(&server, "edna").await;
    let aide = id("aide");
    let edit = format!("/documents/{aide}/edit");
    let (status, html) = browser.get_text(&edit).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"reason\""));
    assert!(html.contains("name=\"revision\" value=\"1\""));
    assert!(html.contains("My Government has instructed me"));
    let mut fields = form_fields(&html);
    // The document page offers editing to editors.
    let (_, page) = browser.get_text(&format!("/documents/{aide}")).await;
    assert!(page.contains(&format!("href=\"{edit}\"")));

    // No reason: nothing saved, the form comes back with what was typed.
    set(
        &mut fields,
        "title",
        "United States aide-memoire of 27 June 1950",
    );
    let refused = post_fields(&browser, &edit, &fields).await;
    assert_eq!(refused.status(), 400);
    let again = refused.text().await.unwrap();
    assert!(again.contains("United States aide-memoire of 27 June 1950"));
    assert_eq!(
        server.store.get(aide).unwrap().unwrap().document.revision,
        1
    );

    // A bad date is named.
    set(&mut fields, "reason", "clearer title");
    set(&mut fields, "date", "the day after tomorrow");
    let refused = post_fields(&browser, &edit, &fields).await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("is not a date"));

    set(&mut fields, "date", "28 June 1950");
    let text = textarea(&html, "text").replace("38th parallel", "thirty-eighth parallel");
    set(&mut fields, "text", &text);
    set(&mut fields, "senders", "Alan G. Kirk\nJohn Doe");
    set(&mut fields, "collections", "Korean War\nCold War");
    let saved = post_fields(&browser, &edit, &fields).await;
    let status = saved.status();
    let text = saved.text().await.unwrap();
    assert_eq!(
        status,
        303,
        "{}",
        text.split("form-error").nth(1).unwrap_or_default()
    );
    let stored = server.store.get(aide).unwrap().unwrap().document;
    assert_eq!(stored.revision, 2);
    assert_eq!(stored.title, "United States aide-memoire of 27 June 1950");
    assert_eq!(stored.date.as_ref().unwrap().edtf(), "1950-06-28");
    assert_eq!(stored.senders.len(), 2);
    assert_eq!(stored.collections, vec!["korean-war", "cold-war"]);
    assert!(stored.text().contains("thirty-eighth parallel"));
    // The unchanged heading and note kept their structure.
    assert_eq!(stored.body[0].kind, BlockKind::Heading);
    assert!(stored.body.iter().any(|b| b.kind == BlockKind::Note));
    let history = server.store.history(aide).unwrap();
    assert_eq!(history.last().unwrap().actor, "edna");
    assert_eq!(history.last().unwrap().reason, "clearer title");
    // The history shows who and why, and search finds the new wording at once.
    let (_, history) = browser
        .get_text(&format!("/documents/{aide}/history"))
        .await;
    assert!(history.contains("edna") && history.contains("clearer title"));
    let (_, found) = server.get_text("/search?q=thirty-eighth").await;
    assert!(
        found.contains(&aide.to_string()),
        "the index follows the edit"
    );
    let log = server.store.audit_log(None, 50).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "edit" && e.target.as_deref() == Some(&aide.to_string()))
    );

    // Saving the same content writes nothing.
    let (_, html) = browser.get_text(&edit).await;
    let mut fields = form_fields(&html);
    set(&mut fields, "reason", "no change");
    let same = post_fields(&browser, &edit, &fields).await;
    let status = same.status();
    let text = same.text().await.unwrap();
    assert_eq!(
        status,
        200,
        "{}",
        text.split("form-error").nth(1).unwrap_or_default()
    );
    assert!(text.contains("Nothing changed"));
    assert_eq!(
        server.store.get(aide).unwrap().unwrap().document.revision,
        2
    );
}

#[tokio::test]
async fn access_and_embargo_are_edited_and_the_gate_follows() {
    let server = TestServer::start().await;
    let browser = editor(&server, "edna").await;
    let note = id("note");
    let edit = format!("/documents/{note}/edit");
    let (_, html) = browser.get_text(&edit).await;
    let mut fields = form_fields(&html);
    set(&mut fields, "access", "embargoed");
    set(&mut fields, "embargo_until", "");
    set(&mut fields, "reason", "embargo");
    let refused = post_fields(&browser, &edit, &fields).await;
    assert_eq!(refused.status(), 400);
    set(&mut fields, "embargo_until", "2031-05-01");
    assert_eq!(post_fields(&browser, &edit, &fields).await.status(), 303);
    assert_eq!(
        server.get(&format!("/documents/{note}")).await.status(),
        404
    );
    server.clock.set("2031-05-01T00:00:00Z".parse().unwrap());
    assert_eq!(
        server.get(&format!("/documents/{note}")).await.status(),
        200
    );
}

#[tokio::test]
async fn the_second_editor_gets_both_versions_and_loses_nothing() {
    let server = TestServer::start().await;
    let first = editor(&server, "first").await;
    let second = editor(&server, "second").await;
    let treaty = id("treaty");
    let edit = format!("/documents/{treaty}/edit");
    let (_, a) = first.get_text(&edit).await;
    let (_, b) = second.get_text(&edit).await;
    let mut a = form_fields(&a);
    let mut b = form_fields(&b);
    set(&mut a, "title", "Treaty of Paris (1783)");
    set(&mut a, "reason", "year in the title");
    assert_eq!(post_fields(&first, &edit, &a).await.status(), 303);
    set(&mut b, "title", "Definitive Treaty of Peace");
    set(&mut b, "place", "Paris");
    set(&mut b, "reason", "official name");
    let conflict = post_fields(&second, &edit, &b).await;
    assert_eq!(conflict.status(), 409);
    let html = conflict.text().await.unwrap();
    assert!(html.contains("Someone else changed this document"));
    // Both versions side by side, the second editor's changes still in the form.
    assert!(html.contains("Treaty of Paris (1783)"));
    assert!(html.contains("Definitive Treaty of Peace"));
    assert!(html.contains("value=\"Paris\""));
    assert!(html.contains("<strong>first</strong>"));
    assert!(
        html.contains("name=\"revision\" value=\"2\""),
        "the form now names the current revision"
    );
    assert_eq!(
        server.store.get(treaty).unwrap().unwrap().document.title,
        "Treaty of Paris (1783)"
    );
    // Sending it again replaces the other version knowingly.
    let fields = form_fields(&html);
    assert_eq!(post_fields(&second, &edit, &fields).await.status(), 303);
    let stored = server.store.get(treaty).unwrap().unwrap().document;
    assert_eq!(stored.title, "Definitive Treaty of Peace");
    assert_eq!(stored.revision, 3);
}

#[tokio::test]
async fn any_revision_is_restored_from_the_history_page() {
    let server = TestServer::start().await;
    let browser = editor(&server, "edna").await;
    let telegram = id("telegram");
    let edit = format!("/documents/{telegram}/edit");
    let (_, html) = browser.get_text(&edit).await;
    let mut fields = form_fields(&html);
    set(&mut fields, "title", "A wrong title");
    set(&mut fields, "reason", "mistake");
    assert_eq!(post_fields(&browser, &edit, &fields).await.status(), 303);
    let (_, history) = browser
        .get_text(&format!("/documents/{telegram}/history"))
        .await;
    let action = format!("/documents/{telegram}/revisions/1/restore");
    assert!(history.contains(&action), "{history}");
    // Readers get no such button, and may not post it.
    server.add_user("rita", Role::Registered, "rita password 1");
    let reader = server.login("rita", "rita password 1").await;
    let (_, plain) = reader
        .get_text(&format!("/documents/{telegram}/history"))
        .await;
    assert!(!plain.contains("/restore"));
    assert_eq!(reader.post(&action, &[("reason", "x")]).await.status(), 403);
    let restored = browser
        .post(&action, &[("reason", "back to the original title")])
        .await;
    assert_eq!(restored.status(), 303);
    let stored = server.store.get(telegram).unwrap().unwrap().document;
    assert_eq!(
        stored.title,
        "The Ambassador in the Soviet Union (Kirk) to the Secretary of State"
    );
    assert_eq!(stored.revision, 3);
    assert!(
        server
            .store
            .audit_log(None, 50)
            .unwrap()
            .iter()
            .any(|e| e.action == "restore")
    );
}

#[tokio::test]
async fn documents_are_deleted_and_undeleted_from_their_page() {
    let server = TestServer::start().await;
    let browser = editor(&server, "edna").await;
    let note = id("note");
    let page = format!("/documents/{note}");
    let deleted = browser
        .post(
            &format!("{page}/delete"),
            &[("reason", "duplicate"), ("revision", "1")],
        )
        .await;
    assert_eq!(deleted.status(), 303);
    assert!(server.store.get(note).unwrap().unwrap().deleted);
    assert_eq!(server.get(&page).await.status(), 404);
    let (_, search) = server.get_text("/search?q=ministère").await;
    assert!(!search.contains(&note.to_string()));
    // The editor still sees it, withdrawn, with a way back.
    let (status, html) = browser.get_text(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("withdrawn"));
    assert!(html.contains(&format!("{page}/undelete")));
    // Without the token nothing happens.
    let forged = browser
        .post(&format!("{page}/undelete"), &[("csrf", "nope")])
        .await;
    assert_eq!(forged.status(), 403);
    assert_eq!(
        browser
            .post(&format!("{page}/undelete"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(server.get(&page).await.status(), 200);
    let history = server.store.history(note).unwrap();
    assert_eq!(history.len(), 3);
    let log = server.store.audit_log(None, 50).unwrap();
    assert!(log.iter().any(|e| e.action == "delete"));
    assert!(log.iter().any(|e| e.action == "undelete"));
}

fn patch(server: &TestServer, path: &str, token: &str) -> reqwest::RequestBuilder {
    server
        .client
        .patch(server.url(path))
        .bearer_auth(token)
        .header("content-type", "application/merge-patch+json")
}

#[tokio::test]
async fn the_api_patches_with_if_match_or_a_revision() {
    let server = TestServer::start().await;
    let user = server.add_user("api", Role::Editor, "api password 12");
    let token = server.add_token(&user, TokenScope::Write);
    let path = format!("/api/v1/documents/{}", id("aide"));
    let current = server.get_with_token(&path, &token).await;
    let etag = current.headers()["etag"].to_str().unwrap().to_string();
    // Anonymous: 401; a reader: 403.
    let anonymous = server
        .client
        .patch(server.url(&path))
        .header("content-type", "application/merge-patch+json")
        .body(r#"{"title":"x","reason":"r","revision":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let reader = server.add_user("reader", Role::Registered, "reader password");
    let reader_token = server.add_token(&reader, TokenScope::Write);
    let refused = patch(&server, &path, &reader_token)
        .body(r#"{"title":"x","reason":"r","revision":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    // No version: 428. No reason: 400.
    let r = patch(&server, &path, &token)
        .body(r#"{"title":"x","reason":"r"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 428);
    let r = patch(&server, &path, &token)
        .body(r#"{"title":"x","revision":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // With If-Match.
    let r = patch(&server, &path, &token)
        .header("if-match", &etag)
        .body(r#"{"caption": null, "place": "Moscow, USSR", "reason": "fuller place"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let new_etag = r.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(new_etag, etag);
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["revision"], 2);
    assert_eq!(doc["place"], "Moscow, USSR");
    assert!(doc.get("caption").is_none());
    // The old tag is stale now: 412. A stale revision: 409 naming the current one.
    let r = patch(&server, &path, &token)
        .header("if-match", &etag)
        .body(r#"{"title":"late","reason":"late"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 412);
    let r = patch(&server, &path, &token)
        .body(r#"{"title":"late","reason":"late","revision":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "conflict");
    assert_eq!(body["error"]["details"]["current_revision"], 2);
    // Text corrections keep the structure of unchanged paragraphs.
    let text = doc["text"]
        .as_str()
        .unwrap()
        .replace("38th", "thirty-eighth");
    let r = patch(&server, &path, &token)
        .json(&json!({"text": text, "reason": "spell out", "revision": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let stored = server.store.get(id("aide")).unwrap().unwrap().document;
    assert_eq!(stored.body[0].kind, BlockKind::Heading);
    assert!(stored.text().contains("thirty-eighth"));
    // Invalid documents and identifier changes are refused.
    let r = patch(&server, &path, &token)
        .json(&json!({"title": "", "reason": "r", "revision": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = patch(&server, &path, &token)
        .json(&json!({"id": id("note").to_string(), "reason": "r", "revision": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = patch(&server, &path, &token)
        .json(&json!({"rights": {"access": "secret"}, "reason": "r", "revision": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = patch(&server, &path, &token)
        .body("[1, 2]")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // The change log names the token's user and the reason.
    let last = server.store.history(id("aide")).unwrap().pop().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.reason.as_str()),
        ("api", "spell out")
    );
}

#[tokio::test]
async fn sessions_patch_with_their_anti_forgery_header() {
    let server = TestServer::start().await;
    let browser = editor(&server, "edna").await;
    let path = format!("/api/v1/documents/{}", id("treaty"));
    let without = server
        .client
        .patch(server.url(&path))
        .header("cookie", &browser.cookie)
        .header("content-type", "application/merge-patch+json")
        .body(r#"{"title":"x","reason":"r","revision":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), 403);
    let with = browser
        .api(reqwest::Method::PATCH, &path)
        .header("content-type", "application/merge-patch+json")
        .body(r#"{"title":"Treaty of Paris (1783)","reason":"r","revision":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), 200);
}

#[tokio::test]
async fn the_api_deletes_and_restores() {
    let server = TestServer::start().await;
    let user = server.add_user("api", Role::Editor, "api password 12");
    let token = server.add_token(&user, TokenScope::Write);
    let path = format!("/api/v1/documents/{}", id("undated"));
    let r = server
        .client
        .delete(server.url(&format!("{path}?reason=duplicate")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["deleted"], true);
    assert_eq!(server.get(&path).await.status(), 404);
    let again = server
        .client
        .delete(server.url(&path))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
    let r = server
        .client
        .post(server.url(&format!("{path}/restore")))
        .bearer_auth(&token)
        .json(&json!({"reason": "not a duplicate after all"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(server.get(&path).await.status(), 200);
    let r = server
        .client
        .post(server.url(&format!("{path}/restore")))
        .bearer_auth(&token)
        .json(&json!({"reason": "r", "revision": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "revision 2 is the tombstone");
}

/// A multipart upload body with the token first, then files.
fn multipart(csrf: &str, files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "chanceryboundary7d3f";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn uploads_go_through_the_pipeline_and_report_every_file() {
    let server = TestServer::start().await;
    let browser = editor(&server, "uma").await;
    let (status, page) = browser.get_text("/admin/import").await;
    assert_eq!(status, 200);
    assert!(page.contains("multiple"));
    assert!(page.contains("enctype=\"multipart/form-data\""));
    let good = br#"{"id": "2f1c0c4e-8a53-4a3c-9d55-6f0f6e9e0a01", "title": "Uploaded letter quokkaupload", "text": "A letter sent from the browser to the Soviet Union."}
"#;
    let bad = b"{\"title\": \"broken\"\n{not json at all\n";
    let (content_type, body) = multipart(
        &browser.csrf,
        &[
            ("letters.jsonl", good),
            ("broken.jsonl", bad),
            ("notes.png", b"\x89PNG...."),
        ],
    );
    let response = server
        .client
        .post(server.url("/admin/import"))
        .header("cookie", &browser.cookie)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let job = response.headers()["location"].to_str().unwrap().to_string();
    assert!(job.starts_with("/admin/import/jobs/"));
    // Poll as the script does, then read the results page.
    let mut done = false;
    for _ in 0..100 {
        let status: Value = browser
            .get(&format!("{job}/status"))
            .await
            .json()
            .await
            .unwrap();
        if status["phase"] != "running" {
            assert_eq!(status["phase"], "done");
            done = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(done, "the upload did not finish");
    let (status, results) = browser.get_text(&job).await;
    assert_eq!(status, 200);
    assert!(results.contains("letters.jsonl"));
    assert!(results.contains("outcome-new"), "{results}");
    assert!(results.contains("broken.jsonl"));
    assert!(results.contains("outcome-failed"));
    assert!(results.contains("line 2, column"), "{results}");
    assert!(results.contains("notes.png") && results.contains("outcome-skipped"));
    assert!(!results.contains("http-equiv=\"refresh\""));
    // The document is in the archive and found; the upload folder is gone.
    let (_, found) = server.get_text("/search?q=quokkaupload").await;
    assert!(found.contains("Uploaded letter"));
    // Enriched like `chancery import`: the Soviet Union is a linked mention.
    let uploaded = server
        .store
        .get("2f1c0c4e-8a53-4a3c-9d55-6f0f6e9e0a01".parse().unwrap())
        .unwrap()
        .unwrap()
        .document;
    assert!(
        uploaded
            .mentions
            .iter()
            .any(|m| m.entity_id.as_deref() == Some("place:soviet-union")),
        "{:?}",
        uploaded.mentions
    );
    let uploads = server.dir().join("uploads");
    let left: Vec<_> = std::fs::read_dir(&uploads)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
    let log = server.store.audit_log(None, 50).unwrap();
    assert!(log.iter().any(|e| e.action == "import" && e.actor == "uma"));
    // Someone else's job is not theirs to see.
    let (other, _) = (editor(&server, "vic").await, ());
    assert_eq!(other.get_text(&job).await.0, 404);
}

#[tokio::test]
async fn uploads_need_an_editor_and_the_token() {
    let server = TestServer::start().await;
    let browser = editor(&server, "uma").await;
    let (content_type, body) = multipart("forged", &[("a.jsonl", b"{}")]);
    let response = server
        .client
        .post(server.url("/admin/import"))
        .header("cookie", &browser.cookie)
        .header("content-type", content_type.clone())
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let anonymous = server
        .client
        .post(server.url("/admin/import"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 303);
    assert!(
        !server.dir().join("uploads").exists()
            || std::fs::read_dir(server.dir().join("uploads"))
                .unwrap()
                .next()
                .is_none()
    );
}

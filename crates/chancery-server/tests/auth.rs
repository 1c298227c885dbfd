//! Accounts through the real server: signing in through the forms (with their anti-forgery
//! tokens), sessions and their cookies, signing out, one-time passwords that must be changed,
//! roles, API tokens (made in the browser and through the API, scoped, revoked), cross-site
//! and token-less POSTs refused, sign-in and API rate limits, and the audit log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use chancery_server::auth::rate::ApiRate;
use chancery_store::{NewUser, Role, Store, TokenScope};
use kit::{TestServer, encode, hidden, set_cookies};
use serde_json::Value;

#[tokio::test]
async fn signing_in_sets_a_safe_session_cookie_and_signing_out_ends_it() {
    let server = TestServer::start().await;
    server.add_user("alice", Role::Editor, "alice password 1");
    let form = server.get("/login").await;
    assert_eq!(form.headers()["cache-control"], "no-store");
    let login_cookie = form.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(login_cookie.contains("HttpOnly") && login_cookie.contains("SameSite=Lax"));
    let html = form.text().await.unwrap();
    assert!(html.contains("name=\"csrf\""));
    assert!(html.contains("autocomplete=\"current-password\""));

    let (status, browser) = server.try_login("alice", "alice password 1").await;
    assert_eq!(status, 303);
    assert!(browser.cookie.len() > "chancery_session=".len() + 40);
    // The raw response's cookie attributes.
    let page = browser.get("/").await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "private, no-cache");
    assert!(
        page.headers()
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap().contains("Cookie"))
    );
    let body = page.text().await.unwrap();
    assert!(body.contains("Signed in as"), "{body}");
    assert!(body.contains("<strong>alice</strong>"));
    assert!(body.contains("action=\"/logout\""));
    assert!(
        body.contains("href=\"/admin/import\""),
        "editors may upload"
    );
    assert!(
        !body.contains("href=\"/admin/audit\""),
        "only administrators read the log"
    );
    // Only a hash of the secret is stored.
    let secret = browser.cookie.trim_start_matches("chancery_session=");
    assert!(server.store.session(secret).unwrap().is_none());
    assert!(
        server
            .store
            .session(&chancery_server::auth::hash_secret(secret))
            .unwrap()
            .is_some()
    );

    // Signing out needs the token, and ends the session.
    let refused = browser.post("/logout", &[("csrf", "forged")]).await;
    assert_eq!(refused.status(), 403);
    let out = browser.post("/logout", &[]).await;
    assert_eq!(out.status(), 303);
    let cleared = set_cookies(out.headers());
    assert!(
        cleared
            .iter()
            .any(|(k, v)| k == "chancery_session" && v.is_empty())
    );
    let (_, after) = browser.get_text("/").await;
    assert!(!after.contains("Signed in as"));
    assert!(after.contains("href=\"/login\""));
}

#[tokio::test]
async fn wrong_passwords_and_forged_forms_are_refused() {
    let server = TestServer::start().await;
    server.add_user("carol", Role::Registered, "carol password 1");
    let (status, _) = server.try_login("carol", "wrong password").await;
    assert_eq!(status, 401);
    let (status, _) = server.try_login("nobody", "whatever pass").await;
    assert_eq!(status, 401);
    // A sign-in without the form's cookie (a cross-site form) is refused.
    let response = server
        .client
        .post(server.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&[
            ("csrf", "made-up"),
            ("name", "carol"),
            ("password", "carol password 1"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // A browser's cross-site POST is refused even with a valid token.
    let browser = server.login("carol", "carol password 1").await;
    let response = server
        .client
        .post(server.url("/logout"))
        .header("cookie", &browser.cookie)
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&[("csrf", &browser.csrf)]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = server
        .client
        .post(server.url("/logout"))
        .header("cookie", &browser.cookie)
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&[("csrf", &browser.csrf)]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // A disabled account cannot sign in, and its sessions end.
    let user = server.store.user_by_name("carol").unwrap().unwrap();
    server
        .store
        .update_user(
            user.id,
            &chancery_store::UserChange {
                disabled: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let (_, page) = browser.get_text("/").await;
    assert!(!page.contains("Signed in as"));
    let (status, _) = server.try_login("carol", "carol password 1").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn five_failures_a_minute_lock_the_account_and_the_address() {
    let server = TestServer::start().await;
    server.add_user("dave", Role::Registered, "dave password 12");
    for _ in 0..5 {
        let (status, _) = server.try_login("dave", "not it at all").await;
        assert_eq!(status, 401);
    }
    // Even the right password waits now.
    let form = server.get("/login").await;
    let cookie = set_cookies(form.headers())
        .into_iter()
        .find(|(k, _)| k == "chancery_login")
        .unwrap()
        .1;
    let token = hidden(&form.text().await.unwrap(), "csrf").unwrap();
    let response = server
        .client
        .post(server.url("/login"))
        .header("cookie", format!("chancery_login={cookie}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&[
            ("csrf", &token),
            ("name", "dave"),
            ("password", "dave password 12"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // The address is locked for other accounts too.
    server.add_user("erin", Role::Registered, "erin password 12");
    let (status, _) = server.try_login("erin", "erin password 12").await;
    assert_eq!(status, 429);
    // Failures are in the audit log.
    let log = server.store.audit_log(None, 100).unwrap();
    assert_eq!(
        log.iter().filter(|e| e.action == "login-failed").count(),
        5,
        "{log:?}"
    );
    assert!(
        log.iter()
            .all(|e| e.address.as_deref() == Some("127.0.0.1"))
    );
}

#[tokio::test]
async fn a_one_time_password_must_be_changed_before_anything_else() {
    let server = TestServer::start().await;
    server
        .store
        .create_user(NewUser {
            name: "frank".into(),
            role: Role::Editor,
            password_hash: chancery_server::auth::password::hash("one time pass 1").unwrap(),
            must_change_password: true,
        })
        .unwrap();
    let form = server.get("/login").await;
    let cookie = set_cookies(form.headers())
        .into_iter()
        .find(|(k, _)| k == "chancery_login")
        .unwrap()
        .1;
    let token = hidden(&form.text().await.unwrap(), "csrf").unwrap();
    let response = server
        .client
        .post(server.url("/login"))
        .header("cookie", format!("chancery_login={cookie}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&[
            ("csrf", &token),
            ("name", "frank"),
            ("password", "one time pass 1"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/account/password");
    let session = set_cookies(response.headers())
        .into_iter()
        .find(|(k, _)| k == "chancery_session")
        .unwrap()
        .1;
    let cookie = format!("chancery_session={session}");
    // Every page sends the user to choose a password, and the gate sees an anonymous visitor.
    let page = server
        .client
        .get(server.url(&format!("/documents/{}", kit::id("staff"))))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()["location"], "/account/password");
    let api = server
        .client
        .get(server.url(&format!("/api/v1/documents/{}", kit::id("staff"))))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 404);
    let form = server
        .client
        .get(server.url("/account/password"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let html = form.text().await.unwrap();
    assert!(html.contains("one-time password"));
    let csrf = hidden(&html, "csrf").unwrap();
    let post = |fields: Vec<(&'static str, String)>| {
        let cookie = cookie.clone();
        let server = &server;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            server
                .client
                .post(server.url("/account/password"))
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(encode(&pairs))
                .send()
                .await
                .unwrap()
        }
    };
    let short = post(vec![
        ("csrf", csrf.clone()),
        ("current", "one time pass 1".into()),
        ("new", "short".into()),
        ("repeat", "short".into()),
    ])
    .await;
    assert_eq!(short.status(), 400);
    let wrong = post(vec![
        ("csrf", csrf.clone()),
        ("current", "not the password".into()),
        ("new", "a much better password".into()),
        ("repeat", "a much better password".into()),
    ])
    .await;
    assert_eq!(wrong.status(), 400);
    let done = post(vec![
        ("csrf", csrf.clone()),
        ("current", "one time pass 1".into()),
        ("new", "a much better password".into()),
        ("repeat", "a much better password".into()),
    ])
    .await;
    assert_eq!(done.status(), 303);
    // The old session ended; a new one came with the answer.
    let renewed = set_cookies(done.headers())
        .into_iter()
        .find(|(k, _)| k == "chancery_session")
        .unwrap()
        .1;
    assert_ne!(renewed, session);
    let user = server.store.user_by_name("frank").unwrap().unwrap();
    assert!(!user.must_change_password);
    let browser = server.login("frank", "a much better password").await;
    let (status, _) = browser
        .get_text(&format!("/documents/{}", kit::id("staff")))
        .await;
    assert_eq!(status, 200);
    let log = server.store.audit_log(None, 100).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "password-changed" && e.actor == "frank")
    );
}

#[tokio::test]
async fn roles_decide_the_pages() {
    let server = TestServer::start().await;
    server.add_user("reader", Role::Registered, "reader password 1");
    server.add_user("editor", Role::Editor, "editor password 1");
    server.add_user("admin", Role::Admin, "admin password 1");
    // Anonymous visitors are sent to sign in.
    for path in ["/admin/audit", "/admin/import", "/account/tokens"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert!(
            response.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login?next="),
            "{path}"
        );
    }
    let edit = format!("/documents/{}/edit", kit::id("aide"));
    let reader = server.login("reader", "reader password 1").await;
    for path in ["/admin/audit", "/admin/import", edit.as_str()] {
        let (status, _) = reader.get_text(path).await;
        assert_eq!(status, 403, "reader: {path}");
    }
    let editor = server.login("editor", "editor password 1").await;
    assert_eq!(editor.get_text("/admin/audit").await.0, 403);
    assert_eq!(editor.get_text("/admin/import").await.0, 200);
    assert_eq!(editor.get_text(&edit).await.0, 200);
    let admin = server.login("admin", "admin password 1").await;
    let (status, log) = admin.get_text("/admin/audit").await;
    assert_eq!(status, 200);
    // Sign-ins of all three are there, with their addresses.
    for who in ["reader", "editor", "admin"] {
        assert!(log.contains(&format!("<td>{who}</td>")), "{log}");
    }
    assert!(log.contains("login"));
    assert!(log.contains("127.0.0.1"));
    let (_, home) = admin.get_text("/").await;
    assert!(home.contains("href=\"/admin/audit\""));
}

#[tokio::test]
async fn api_tokens_are_made_in_the_browser_shown_once_scoped_and_revoked() {
    let server = TestServer::start().await;
    server.add_user("gina", Role::Editor, "gina password 12");
    let browser = server.login("gina", "gina password 12").await;
    let made = browser
        .post(
            "/account/tokens",
            &[("name", "harvest script"), ("scope", "read")],
        )
        .await;
    assert_eq!(made.status(), 201);
    assert_eq!(made.headers()["cache-control"], "no-store");
    let html = made.text().await.unwrap();
    let at = html.find("id=\"new-token\">").unwrap() + "id=\"new-token\">".len();
    let secret = html[at..].split('<').next().unwrap().to_string();
    assert!(secret.starts_with("chy_"), "{secret}");
    // Shown once: the list does not show it again, and the store keeps only its hash.
    let (_, page) = browser.get_text("/account/tokens").await;
    assert!(!page.contains(&secret));
    assert!(page.contains("harvest script"));
    let stored = server.store.api_tokens(None).unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, secret);
    // The token reads as its user: the staff-only document.
    let staff = format!("/api/v1/documents/{}", kit::id("staff"));
    assert_eq!(server.get_with_token(&staff, &secret).await.status(), 200);
    assert_eq!(server.get(&staff).await.status(), 404);
    // A read token may not write.
    let patch = server
        .client
        .patch(server.url(&format!("/api/v1/documents/{}", kit::id("aide"))))
        .bearer_auth(&secret)
        .header("content-type", "application/merge-patch+json")
        .body(r#"{"title": "x", "reason": "r", "revision": 1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(patch.status(), 403);
    // A wrong token is refused, not read as anonymous.
    let wrong = server
        .get_with_token("/api/v1/documents", "chy_nonsense")
        .await;
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().contains_key("www-authenticate"));
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
    // Revoked, it stops working at once.
    let id = stored[0].id;
    let revoked = browser
        .post(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(revoked.status(), 303);
    assert_eq!(server.get_with_token(&staff, &secret).await.status(), 401);
    let log = server.store.audit_log(None, 100).unwrap();
    assert!(log.iter().any(|e| e.action == "token-created"));
    assert!(log.iter().any(|e| e.action == "token-revoked"));
}

#[tokio::test]
async fn api_tokens_through_the_api() {
    let server = TestServer::start().await;
    let user = server.add_user("hana", Role::Registered, "hana password 12");
    let write = server.add_token(&user, TokenScope::Write);
    let read = server.add_token(&user, TokenScope::Read);
    // Anonymous: 401.
    let response = server.get("/api/v1/tokens").await;
    assert_eq!(response.status(), 401);
    let listed: Value = server
        .get_with_token("/api/v1/tokens", &read)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["tokens"].as_array().unwrap().len(), 2);
    // Making one needs write.
    let made = server
        .client
        .post(server.url("/api/v1/tokens"))
        .bearer_auth(&read)
        .json(&serde_json::json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 403);
    let made = server
        .client
        .post(server.url("/api/v1/tokens"))
        .bearer_auth(&write)
        .json(&serde_json::json!({"name": "laptop", "scope": "read"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let made: Value = made.json().await.unwrap();
    let secret = made["secret"].as_str().unwrap().to_string();
    assert_eq!(made["scope"], "read");
    assert_eq!(
        server
            .get_with_token("/api/v1/tokens", &secret)
            .await
            .status(),
        200
    );
    let bad = server
        .client
        .post(server.url("/api/v1/tokens"))
        .bearer_auth(&write)
        .json(&serde_json::json!({"name": "", "scope": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    // Revoking: someone else's token is not found.
    let other = server.add_user("ivan", Role::Registered, "ivan password 12");
    let others = server.add_token(&other, TokenScope::Read);
    let others_id = server
        .store
        .api_tokens(Some(other.id))
        .unwrap()
        .first()
        .unwrap()
        .id;
    let response = server
        .client
        .delete(server.url(&format!("/api/v1/tokens/{others_id}")))
        .bearer_auth(&write)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        server
            .get_with_token("/api/v1/tokens", &others)
            .await
            .status(),
        200
    );
    let id = made["id"].as_u64().unwrap();
    let response = server
        .client
        .delete(server.url(&format!("/api/v1/tokens/{id}")))
        .bearer_auth(&write)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        server
            .get_with_token("/api/v1/tokens", &secret)
            .await
            .status(),
        401
    );
    // A session may manage tokens too, with its anti-forgery header only.
    let browser = server.login("hana", "hana password 12").await;
    let without = server
        .client
        .post(server.url("/api/v1/tokens"))
        .header("cookie", &browser.cookie)
        .json(&serde_json::json!({"name": "s"}))
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), 403);
    let with = browser
        .api(reqwest::Method::POST, "/api/v1/tokens")
        .json(&serde_json::json!({"name": "s"}))
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), 201);
}

#[tokio::test]
async fn the_api_rate_is_limited_per_token_and_address() {
    let server = TestServer::configured(kit::documents(), |state| {
        state.with_api_rate(Some(ApiRate {
            per_minute: 60,
            burst: 5,
        }))
    })
    .await;
    for _ in 0..5 {
        assert_eq!(server.get("/api/v1/collections").await.status(), 200);
    }
    let limited = server.get("/api/v1/collections").await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests");
    // A token has a bucket of its own.
    let user = server.add_user("jo", Role::Registered, "jo password 123");
    let token = server.add_token(&user, TokenScope::Read);
    assert_eq!(
        server
            .get_with_token("/api/v1/collections", &token)
            .await
            .status(),
        200
    );
    // The reading room's pages are not limited.
    for _ in 0..20 {
        assert_eq!(server.get("/search?q=Korea").await.status(), 200);
    }
}

#[tokio::test]
async fn pages_for_signed_in_users_are_never_served_from_another_viewers_cache() {
    let server = TestServer::start().await;
    server.add_user("kim", Role::Editor, "kim password 123");
    server.add_user("lee", Role::Editor, "lee password 123");
    let aide = format!("/documents/{}", kit::id("aide"));
    // Warm the anonymous cache, then read as two editors: each page names its own user.
    let (_, anonymous) = server.get_text(&aide).await;
    assert!(!anonymous.contains("Signed in"));
    let kim = server.login("kim", "kim password 123").await;
    let lee = server.login("lee", "lee password 123").await;
    let (_, a) = kim.get_text(&aide).await;
    let (_, b) = lee.get_text(&aide).await;
    assert!(a.contains("<strong>kim</strong>") && !a.contains("<strong>lee</strong>"));
    assert!(b.contains("<strong>lee</strong>") && !b.contains("<strong>kim</strong>"));
    assert!(a.contains(&kim.csrf) && !a.contains(&lee.csrf));
    // Validators differ per viewer: an anonymous ETag never matches an editor's page.
    let anon = server.get(&aide).await;
    let etag = anon.headers()["etag"].to_str().unwrap().to_string();
    let conditional = server
        .client
        .get(server.url(&aide))
        .header("cookie", &kim.cookie)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(conditional.status(), 200);
    let (_, again) = server.get_text(&aide).await;
    assert!(!again.contains("Signed in"));
}

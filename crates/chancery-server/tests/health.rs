//! The server starts over an archive and reports its health.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

#[tokio::test]
async fn healthz_reports_the_index_in_step_with_the_store() {
    let server = kit::TestServer::start().await;
    let response = server.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert!(
        response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["store_seq"], body["index_seq"]);
    assert_eq!(body["documents_indexed"], kit::documents().len());
}

#[tokio::test]
async fn static_files_are_embedded_and_cached() {
    let server = kit::TestServer::start().await;
    let response = server.get("/static/chancery.css").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(server.get("/static/nothing.css").await.status(), 404);
}

//! The test kit: an archive in a temporary directory holding a few documents written for
//! the tests, served by the real server on a free port, and a client to ask it.
//!
//! Use it from an integration test with `mod kit;` and `#[tokio::test]`:
//!
//! ```ignore
//! let server = kit::TestServer::start().await;
//! let page = server.get("/").await;
//! ```

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use std::sync::Arc;

use chancery_index::SearchIndex;
use chancery_model::{
    AccessLevel, AgentRef, Block, BlockKind, DocDate, DocType, Document, DocumentId,
    SourceCitation, Span, SpanStyle,
};
use chancery_server::{AppState, SiteConfig};
use chancery_store::{
    FixedClock, ImportedFile, NewApiToken, NewImportRun, NewUser, Role, SqliteStore, Store,
    TokenScope, User,
};

/// The identifier of a fixture document by its key.
pub fn id(key: &str) -> DocumentId {
    DocumentId::from_key(&format!("server-test:{key}"))
}

/// The fixture documents: varied types, dates, languages and structure, one staff-only
/// document with a marker word, one embargoed until 2100 and one whose embargo ended, and
/// one with a hostile title and text.
pub fn documents() -> Vec<Document> {
    let mut docs = Vec::new();

    let mut aide = Document::new(id("aide"), "United States aide-memoire (27 June 1950)", "");
    aide.doc_type = Some(DocType::AideMemoire);
    aide.date = Some(
        DocDate::parse_edtf("1950-06-27")
            .unwrap()
            .with_text("27 June 1950"),
    );
    aide.language = Some("en".into());
    aide.place = Some("Moscow".into());
    aide.caption = Some(
        "Ambassador Alan G. Kirk hands Foreign Minister Andrei Gromyko an aide-memoire.".into(),
    );
    aide.senders = vec![AgentRef::named("Alan G. Kirk")];
    aide.recipients = vec![AgentRef::named("Andrei Gromyko")];
    aide.source = Some(SourceCitation {
        text: Some("The Soviet Union and the Korean Question: Documents. London: Soviet News, 1950. p. 91.".into()),
        title: Some("The Soviet Union and the Korean Question: Documents".into()),
        place: Some("London".into()),
        publisher: Some("Soviet News".into()),
        year: Some(1950),
        pages: Some("91".into()),
        extent: None,
    });
    aide.rights.statement = Some("All rights reserved.".into());
    aide.url =
        Some("http://www.cvce.eu/obj/example-en-5118690c-57ed-4ad7-a473-188be44d8d2e.html".into());
    aide.collections = vec!["korean-war".into()];
    let mut para = Block::paragraph(
        "My Government has instructed me to call your attention to the 38th parallel.",
    );
    para.spans.push(Span {
        start: 3,
        end: 13,
        style: SpanStyle::Italic,
    });
    para.spans.push(Span {
        start: 76,
        end: 76,
        style: SpanStyle::NoteRef { n: "1".into() },
    });
    let mut note = Block::new(BlockKind::Note, "Delivered in person.");
    note.n = Some("1".into());
    aide.body = vec![
        Block::heading(1, "U.S. aide-memoire of June 27, 1950"),
        para,
        note,
    ];
    docs.push(aide);

    let mut telegram = Document::new(
        id("telegram"),
        "The Ambassador in the Soviet Union (Kirk) to the Secretary of State",
        "Gromyko received the aide-memoire and said he would report it.\n\nKirk",
    );
    telegram.doc_type = Some(DocType::Telegram);
    telegram.date = Some(DocDate::parse_edtf("1950-06-28").unwrap());
    telegram.language = Some("en".into());
    telegram.collections = vec!["korean-war".into()];
    docs.push(telegram);

    let mut note = Document::new(
        id("note"),
        "Note verbale du gouvernement français",
        "Le ministère des affaires étrangères présente ses compliments.",
    );
    note.doc_type = Some(DocType::NoteVerbale);
    note.date = Some(DocDate::parse_edtf("1952-03").unwrap());
    note.language = Some("fr".into());
    docs.push(note);

    let mut old = Document::new(
        id("treaty"),
        "Treaty of Paris",
        "Definitive treaty of peace between the United States and Great Britain.",
    );
    old.doc_type = Some(DocType::Treaty);
    old.date = Some(DocDate::parse_edtf("1783-09-03").unwrap());
    old.language = Some("en".into());
    docs.push(old);

    let mut undated = Document::new(
        id("undated"),
        "Memorandum without a date",
        "An undated memorandum on procedure.",
    );
    undated.doc_type = Some(DocType::Memorandum);
    docs.push(undated);

    let mut staff = Document::new(
        id("staff"),
        "Staff-only briefing zanzibarquokka",
        "Restricted text zanzibarquokka about Korea.",
    );
    staff.doc_type = Some(DocType::Memorandum);
    staff.date = Some(DocDate::parse_edtf("1950-06-27").unwrap());
    staff.rights.access = AccessLevel::Staff;
    staff.collections = vec!["korean-war".into()];
    docs.push(staff);

    let mut embargoed = Document::new(
        id("embargoed"),
        "Embargoed report",
        "Embargoed until the next century.",
    );
    embargoed.doc_type = Some(DocType::Report);
    embargoed.date = Some(DocDate::parse_edtf("1990").unwrap());
    embargoed.rights.access = AccessLevel::Embargoed;
    embargoed.rights.embargo_until = Some(jiff::civil::date(2100, 1, 1));
    docs.push(embargoed);

    let mut released = Document::new(
        id("released"),
        "Released report",
        "This embargo ended in 2001.",
    );
    released.doc_type = Some(DocType::Report);
    released.date = Some(DocDate::parse_edtf("1975").unwrap());
    released.rights.access = AccessLevel::Embargoed;
    released.rights.embargo_until = Some(jiff::civil::date(2001, 1, 1));
    docs.push(released);

    let mut hostile = Document::new(
        id("hostile"),
        "<script>alert('title')</script> & \"quotes\"",
        "<img src=x onerror=alert(1)> text with </p> tags & ampersands",
    );
    hostile.caption = Some("<b>bold?</b>".into());
    hostile.date = Some(DocDate::parse_edtf("1960").unwrap());
    docs.push(hostile);

    docs
}

/// The fixed moment the test server believes it is.
pub const NOW: &str = "2026-11-29T12:00:00Z";

/// A running server over a temporary archive.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    /// An HTTP client that does not follow redirects.
    pub client: reqwest::Client,
    /// The archive's store, for tests that change it while the server runs.
    pub store: Arc<SqliteStore>,
    /// The server's clock.
    pub clock: Arc<FixedClock>,
    dir: tempfile::TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestServer {
    /// Starts a server over [`documents`].
    pub async fn start() -> Self {
        Self::with_documents(documents()).await
    }

    /// Starts a server over `docs`.
    pub async fn with_documents(docs: Vec<Document>) -> Self {
        Self::configured(docs, |state| state).await
    }

    /// Starts a server over `docs`, with its state adjusted by `configure` (e.g. a small
    /// OAI-PMH page size).
    pub async fn configured(
        docs: Vec<Document>,
        configure: impl FnOnce(AppState) -> AppState,
    ) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(NOW.parse().unwrap()));
        let store = Arc::new(
            SqliteStore::open_with_clock(dir.path().join("archive.db"), clock.clone()).unwrap(),
        );
        let run = store
            .begin_import(NewImportRun {
                actor: "test".into(),
                arguments: String::new(),
            })
            .unwrap();
        let file = ImportedFile {
            path: "fixtures".into(),
            sha256: "0".into(),
            size: 0,
            format: Some("jsonl".into()),
            documents: docs,
            error: None,
            warnings: vec![],
        };
        store.commit_import_batch(run, vec![file]).unwrap();
        let index = SearchIndex::open(&dir.path().join("index")).unwrap();
        index.catch_up(store.as_ref(), &mut |_| {}).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let site = SiteConfig {
            name: "Test Archive".into(),
            base_url: base.clone(),
        };
        let state = configure(AppState::new(store.clone(), index, clock.clone(), site));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(chancery_server::serve(state, listener, async move {
            let _ = rx.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            base,
            client,
            store,
            clock,
            dir,
            shutdown: Some(tx),
        }
    }

    /// The full address of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GETs `path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// GETs `path` and returns its status and body.
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// The temporary directory holding the archive.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Adds an account with `password` (no new password due).
    pub fn add_user(&self, name: &str, role: Role, password: &str) -> User {
        self.store
            .create_user(NewUser {
                name: name.into(),
                role,
                password_hash: chancery_server::auth::password::hash(password).unwrap(),
                must_change_password: false,
            })
            .unwrap()
    }

    /// Adds an API token for `user` and returns its secret.
    pub fn add_token(&self, user: &User, scope: TokenScope) -> String {
        let secret = format!("chy_test_{}_{}", user.id, scope.as_str());
        self.store
            .create_api_token(NewApiToken {
                user_id: user.id,
                name: format!("test {}", scope.as_str()),
                token_hash: chancery_server::auth::hash_secret(&secret),
                scope,
            })
            .unwrap();
        secret
    }

    /// Signs in through the real sign-in form (its double-submit token included) and
    /// returns a browser holding the session.
    pub async fn login(&self, name: &str, password: &str) -> Browser<'_> {
        let (status, browser) = self.try_login(name, password).await;
        assert_eq!(status, 303, "signing in as {name} failed");
        browser
    }

    /// Tries to sign in; returns the status of the form's answer and the browser.
    pub async fn try_login(&self, name: &str, password: &str) -> (u16, Browser<'_>) {
        let form = self.get("/login").await;
        assert_eq!(form.status(), 200);
        let login_cookie = set_cookies(form.headers())
            .into_iter()
            .find(|(k, _)| k == "chancery_login")
            .map(|(_, v)| v)
            .expect("the sign-in form sets its cookie");
        let html = form.text().await.unwrap();
        let token = hidden(&html, "csrf").expect("the sign-in form carries a token");
        let response = self
            .client
            .post(self.url("/login"))
            .header("cookie", format!("chancery_login={login_cookie}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(&[
                ("csrf", token.as_str()),
                ("name", name),
                ("password", password),
                ("next", "/"),
            ]))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let session = set_cookies(response.headers())
            .into_iter()
            .find(|(k, v)| k == "chancery_session" && !v.is_empty())
            .map(|(_, v)| v)
            .unwrap_or_default();
        let mut browser = Browser {
            server: self,
            cookie: format!("chancery_session={session}"),
            csrf: String::new(),
        };
        if status == 303 && !session.is_empty() {
            browser.refresh_csrf().await;
        }
        (status, browser)
    }

    /// GETs `path` with an API token.
    pub async fn get_with_token(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }
}

/// The cookies a response sets: (name, value).
pub fn set_cookies(headers: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The value of the first hidden field `name` in a page.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker)? + marker.len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

/// A form body.
pub fn encode(fields: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        out.append_pair(k, v);
    }
    out.finish()
}

/// A signed-in browser: the session cookie and the session's anti-forgery token.
pub struct Browser<'a> {
    server: &'a TestServer,
    /// The `Cookie` header's value.
    pub cookie: String,
    /// The session's anti-forgery token (from a page's sign-out form).
    pub csrf: String,
}

impl Browser<'_> {
    /// Reads the session's anti-forgery token from the home page.
    pub async fn refresh_csrf(&mut self) {
        let (_, body) = self.get_text("/account/tokens").await;
        self.csrf = hidden(&body, "csrf").unwrap_or_default();
    }

    /// GETs `path` with the session.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.server
            .client
            .get(self.server.url(path))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap()
    }

    /// GETs `path` and returns status and body.
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// POSTs a form (the session's token added as `csrf` unless given).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        if !fields.iter().any(|(k, _)| *k == "csrf") {
            all.push(("csrf", self.csrf.as_str()));
        }
        self.server
            .client
            .post(self.server.url(path))
            .header("cookie", &self.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(&all))
            .send()
            .await
            .unwrap()
    }

    /// A request with the session and its anti-forgery header, for the JSON API.
    pub fn api(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.server
            .client
            .request(method, self.server.url(path))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

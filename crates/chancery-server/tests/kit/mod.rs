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
use chancery_store::{FixedClock, ImportedFile, NewImportRun, SqliteStore, Store};

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
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

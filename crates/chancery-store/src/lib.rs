//! The archive's store: the truth every other part of Chancery derives from.
//!
//! Documents are kept as revisions — every write is a new revision with a full snapshot,
//! never an overwrite, and a deletion is a tombstone revision that can be undone. Each
//! revision is one entry in an append-only change log whose sequence numbers the search index
//! and OAI-PMH follow. Imports are journaled (runs, files, outcomes) and committed a batch at a
//! time, atomically. [`Store::check`] verifies all of it, down to each document's hash chain.
//!
//! [`Store`] is the trait every backend implements; [`SqliteStore`] is the embedded one.
//! The backend-independent test suite is in `conformance` (feature `conformance`).
//!
//! ```
//! use chancery_model::{Document, DocumentId};
//! use chancery_store::{
//!     DocOutcome, ImportedFile, ListFilter, NewImportRun, Page, RunStatus, SqliteStore, Store,
//!     WriteMeta,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let store = SqliteStore::open(dir.path().join("chancery.db"))?;
//!
//! // Import one file holding one document.
//! let doc = Document::new(
//!     DocumentId::from_key("example"),
//!     "United States aide-memoire (27 June 1950)",
//!     "My Government has instructed me…",
//! );
//! let run = store.begin_import(NewImportRun { actor: "archivist".into(), arguments: "import kirk.txt".into() })?;
//! let file = ImportedFile {
//!     path: "kirk.txt".into(),
//!     sha256: "0".repeat(64),
//!     size: 1234,
//!     format: Some("cvce".into()),
//!     documents: vec![doc.clone()],
//!     error: None,
//!     warnings: vec![],
//! };
//! let results = store.commit_import_batch(run, vec![file.clone()])?;
//! assert_eq!(results[0].documents, [(doc.id, DocOutcome::New)]);
//!
//! // Importing the same file again changes nothing.
//! let again = store.commit_import_batch(run, vec![file])?;
//! assert_eq!(again[0].documents, [(doc.id, DocOutcome::Unchanged)]);
//! store.finish_import(run, RunStatus::Completed)?;
//!
//! // An editor's change is a new revision; the first stays readable.
//! let mut edited = store.get(doc.id)?.expect("imported").document;
//! edited.title = "Aide-mémoire of the United States (27 June 1950)".into();
//! let outcome = store.put(edited, WriteMeta::new("editor", "fix the title"), Some(1))?;
//! assert_eq!(outcome.revision(), 2);
//! assert_eq!(store.get_revision(doc.id, 1)?.expect("kept").title, doc.title);
//!
//! // The change log holds both revisions, in order.
//! let changes = store.changes_since(0, 100)?;
//! assert_eq!(changes.iter().map(|c| c.revision).collect::<Vec<_>>(), [1, 2]);
//!
//! // Listing folds case and accents.
//! let filter = ListFilter { title_contains: Some("AIDE MEMOIRE".into()), ..ListFilter::default() };
//! assert_eq!(store.list(&filter, &Page::first(10))?.len(), 1);
//! assert!(store.check()?.is_clean());
//! # Ok(())
//! # }
//! ```

pub mod accounts;
mod clock;
pub mod error;
pub mod order;
pub mod revision;
pub mod sqlite;
pub mod store;
pub mod types;

#[cfg(feature = "conformance")]
pub mod conformance;

pub use accounts::{
    ApiToken, AuditEntry, NewApiToken, NewAuditEntry, NewUser, Role, Session, TokenScope, User,
    UserChange,
};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::StoreError;
pub use sqlite::{SqliteOptions, SqliteStore};
pub use store::Store;
pub use types::{
    AuthorityCounts, AuthorityWrite, Change, ChangeKind, CheckReport, DocOutcome, FileOutcome,
    FileRecord, FileResult, HarvestState, Head, HeadQuery, ImportRun, ImportRunId, ImportedFile,
    ListFilter, NewImportRun, Page, PutOutcome, RevisionInfo, RunStatus, StoredDocument, Summary,
    VisibleTo, WriteMeta,
};

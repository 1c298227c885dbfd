//! What the index's integration tests share: an empty archive in a temporary folder, and
//! committing documents to its store as one import with the index caught up.

use chancery_index::SearchIndex;
use chancery_model::Document;
use chancery_store::{ImportedFile, NewImportRun, SqliteStore, Store};

/// A fresh store and index in a temporary folder (kept alive by the returned guard).
pub fn open() -> (tempfile::TempDir, SqliteStore, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("archive.db")).unwrap();
    let index = SearchIndex::open(&dir.path().join("index")).unwrap();
    (dir, store, index)
}

/// Commits `docs` as one imported file, then brings the index up to date.
pub fn commit(store: &SqliteStore, index: &SearchIndex, docs: Vec<Document>) {
    store_only(store, docs);
    index.catch_up(store, &mut |_| {}).unwrap();
}

/// Commits `docs` as one imported file, leaving the index behind.
pub fn store_only(store: &SqliteStore, docs: Vec<Document>) {
    let run = store
        .begin_import(NewImportRun {
            actor: "test".into(),
            arguments: String::new(),
        })
        .unwrap();
    let file = ImportedFile {
        path: "x".into(),
        sha256: "0".into(),
        size: 0,
        format: None,
        documents: docs,
        error: None,
        warnings: vec![],
    };
    store.commit_import_batch(run, vec![file]).unwrap();
}

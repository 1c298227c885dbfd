//! What the conformance tests share: a fresh archive with a clock, and sample documents.

use std::error::Error;
use std::sync::Arc;

use chancery_model::{DocDate, Document, DocumentId};
use jiff::Timestamp;

use super::{Backend, TestResult};
use crate::clock::FixedClock;
use crate::error::StoreError;
use crate::store::Store;
use crate::types::{DocOutcome, ImportRunId, ImportedFile, NewImportRun, RunStatus, WriteMeta};

/// The time the suite's clock starts at.
pub(super) fn start_time() -> Timestamp {
    Timestamp::from_second(1_767_225_600).unwrap_or(Timestamp::UNIX_EPOCH) // 2026-01-01
}

/// A fresh archive of the backend under test, opened with a clock the test controls.
pub(super) struct Fixture<B: Backend> {
    pub(super) archive: B::Archive,
    pub(super) clock: Arc<FixedClock>,
    pub(super) store: Box<dyn Store>,
}

/// Makes a fresh archive and opens it at [`start_time`].
pub(super) fn fixture<B: Backend>(backend: &B) -> Result<Fixture<B>, Box<dyn Error>> {
    let archive = backend.create()?;
    let clock = Arc::new(FixedClock::new(start_time()));
    let store = backend.open(&archive, clock.clone())?;
    Ok(Fixture {
        archive,
        clock,
        store,
    })
}

/// A valid document whose identifier derives from `key`.
pub(super) fn doc(key: &str, title: &str) -> Document {
    Document::new(
        DocumentId::from_key(key),
        title,
        &format!("The text of {title}."),
    )
}

/// A valid document with an EDTF date.
pub(super) fn dated(key: &str, title: &str, edtf: &str) -> Result<Document, Box<dyn Error>> {
    let mut d = doc(key, title);
    d.date = Some(DocDate::parse_edtf(edtf)?);
    Ok(d)
}

/// An imported file holding `documents`.
pub(super) fn file(path: &str, documents: Vec<Document>) -> ImportedFile {
    ImportedFile {
        path: path.to_string(),
        sha256: format!("{:0>64}", path.len()),
        size: 100,
        format: Some("jsonl".into()),
        documents,
        error: None,
        warnings: Vec::new(),
    }
}

/// Begins an import run.
pub(super) fn run(store: &dyn Store) -> Result<ImportRunId, StoreError> {
    store.begin_import(NewImportRun {
        actor: "importer".into(),
        arguments: "import test".into(),
    })
}

/// Imports `documents` as one file in a run of their own, returning the outcomes.
pub(super) fn import(
    store: &dyn Store,
    path: &str,
    documents: Vec<Document>,
) -> Result<Vec<DocOutcome>, Box<dyn Error>> {
    let run = run(store)?;
    let results = store.commit_import_batch(run, vec![file(path, documents)])?;
    store.finish_import(run, RunStatus::Completed)?;
    let first = results.into_iter().next().ok_or("no file result")?;
    Ok(first
        .documents
        .into_iter()
        .map(|(_, outcome)| outcome)
        .collect())
}

/// An editor's write, for `reason`.
pub(super) fn editor(reason: &str) -> WriteMeta {
    WriteMeta::new("editor", reason)
}

/// The document's current content; an error when it is missing.
pub(super) fn current(store: &dyn Store, id: DocumentId) -> Result<Document, Box<dyn Error>> {
    Ok(store
        .get(id)?
        .ok_or_else(|| format!("document {id} missing"))?
        .document)
}

/// Fails the test when `check` finds anything.
pub(super) fn assert_clean(store: &dyn Store) -> TestResult {
    let report = store.check()?;
    assert!(
        report.is_clean(),
        "check found problems: {:#?}",
        report.problems
    );
    Ok(())
}

/// The identifiers of a listing, in order.
pub(super) fn ids(list: &[crate::types::Summary]) -> Vec<DocumentId> {
    list.iter().map(|s| s.id).collect()
}

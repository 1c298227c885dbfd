//! The import journal: failed files, run statuses.

use chancery_model::DocumentId;

use super::fixture::*;
use super::{Backend, TestResult};
use crate::error::StoreError;
use crate::types::{FileOutcome, ImportRunId, ImportedFile, RunStatus};

/// Files that could not be read are journaled with their message; runs add up their files.
pub fn failed_files_are_journaled<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let run = run(s)?;
    let broken = ImportedFile {
        error: Some("line 3, column 7: expected '>'".into()),
        format: Some("tei".into()),
        warnings: vec!["encoding guessed as windows-1252".into()],
        ..file("broken.xml", vec![])
    };
    let mut good = file(
        "good.jsonl",
        vec![doc("j1", "Journaled 1"), doc("j2", "Journaled 2")],
    );
    good.warnings = vec!["record 2: no date".into()];
    let results = s.commit_import_batch(run, vec![broken, good])?;
    assert_eq!(
        results.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(),
        ["broken.xml", "good.jsonl"]
    );
    assert!(results[0].documents.is_empty());
    s.finish_import(run, RunStatus::Completed)?;

    let files = s.import_files(run)?;
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].outcome, FileOutcome::Failed);
    assert_eq!(
        files[0].error.as_deref(),
        Some("line 3, column 7: expected '>'")
    );
    assert_eq!(files[0].warnings, ["encoding guessed as windows-1252"]);
    assert_eq!(files[0].format.as_deref(), Some("tei"));
    assert_eq!(files[1].outcome, FileOutcome::Imported);
    assert_eq!(
        (files[1].new, files[1].changed, files[1].unchanged),
        (2, 0, 0)
    );
    assert_eq!((files[1].size, files[1].sha256.len()), (100, 64));
    assert_eq!(files[1].at, start_time());

    let runs = s.import_runs(10)?;
    assert_eq!(runs.len(), 1);
    let r = &runs[0];
    assert_eq!(
        (r.id, r.status, r.files, r.failed_files, r.new, r.warnings),
        (run, RunStatus::Completed, 2, 1, 2, 2)
    );
    assert_eq!(
        (r.actor.as_str(), r.arguments.as_str()),
        ("importer", "import test")
    );
    assert_eq!(r.finished, Some(start_time()));
    Ok(())
}

/// Runs are listed newest first; one never finished shows as interrupted; a finished run
/// takes no more batches.
pub fn run_lifecycle<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let first = run(s)?;
    s.finish_import(first, RunStatus::Failed)?;
    let second = run(s)?;
    let third = run(s)?;
    s.finish_import(third, RunStatus::Interrupted)?;
    let runs = s.import_runs(10)?;
    assert_eq!(
        runs.iter().map(|r| r.id).collect::<Vec<_>>(),
        [third, second, first]
    );
    assert_eq!(
        runs.iter().map(|r| r.status).collect::<Vec<_>>(),
        [
            RunStatus::Interrupted,
            RunStatus::Interrupted,
            RunStatus::Failed
        ]
    );
    assert_eq!(
        runs[1].finished, None,
        "the unfinished run has no finish time"
    );
    assert_eq!(s.import_runs(1)?.len(), 1);

    assert!(matches!(
        s.finish_import(first, RunStatus::Completed),
        Err(StoreError::ImportRunFinished { .. })
    ));
    assert!(matches!(
        s.commit_import_batch(first, vec![file("x.jsonl", vec![doc("x", "X")])]),
        Err(StoreError::ImportRunFinished { .. })
    ));
    let missing = ImportRunId(999);
    assert!(matches!(
        s.commit_import_batch(missing, vec![]),
        Err(StoreError::ImportRunNotFound { .. })
    ));
    assert!(matches!(
        s.finish_import(missing, RunStatus::Completed),
        Err(StoreError::ImportRunNotFound { .. })
    ));
    assert!(matches!(
        s.import_files(missing),
        Err(StoreError::ImportRunNotFound { .. })
    ));
    assert!(s.get(DocumentId::from_key("x"))?.is_none());
    Ok(())
}

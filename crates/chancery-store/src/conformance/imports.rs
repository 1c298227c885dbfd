//! Imports: what each document outcome writes, and batches that are all or nothing.

use chancery_model::DocumentId;
use jiff::Timestamp;

use super::fixture::*;
use super::{Backend, TestResult};
use crate::error::StoreError;
use crate::types::{ChangeKind, DocOutcome, ImportedFile};

/// New, changed, unchanged and kept-deleted documents, and what each writes.
pub fn import_outcomes<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let (a, b, c) = (
        doc("a", "Telegram A"),
        doc("b", "Letter B"),
        doc("c", "Note C"),
    );
    let outcomes = import(s, "one.jsonl", vec![a.clone(), b.clone(), c.clone()])?;
    assert_eq!(outcomes, [DocOutcome::New; 3]);
    assert_eq!(s.last_seq()?, 3);

    s.delete(c.id, editor("duplicate"), None)?;
    let mut b2 = b.clone();
    b2.title = "Letter B, corrected".into();
    let outcomes = import(s, "one.jsonl", vec![a.clone(), b2.clone(), c.clone()])?;
    assert_eq!(
        outcomes,
        [
            DocOutcome::Unchanged,
            DocOutcome::Changed,
            DocOutcome::KeptDeleted
        ]
    );
    // Only the changed document got a revision (after the deletion's seq 4).
    let changes = s.changes_since(4, 100)?;
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].id, changes[0].revision, changes[0].kind),
        (b.id, 2, ChangeKind::Update)
    );
    assert!(
        changes[0].reason.contains("one.jsonl"),
        "{}",
        changes[0].reason
    );
    assert_eq!(changes[0].actor, "importer");
    assert_eq!(current(s, b.id)?.title, "Letter B, corrected");
    let deleted = s.get(c.id)?.ok_or("c missing")?;
    assert!(
        deleted.deleted,
        "an import must not resurrect a deleted document"
    );

    // Provenance is not content: the same record read from another path is unchanged.
    let mut moved = a.clone();
    moved.provenance = Some(chancery_model::Provenance {
        file: Some("elsewhere.jsonl".into()),
        ..Default::default()
    });
    assert_eq!(
        import(s, "elsewhere.jsonl", vec![moved])?,
        [DocOutcome::Unchanged]
    );
    assert_eq!(s.last_seq()?, 5);

    // The store fills in its own fields, whatever the import says.
    let mut d = doc("d", "Memorandum D");
    d.revision = 42;
    d.created = Some(Timestamp::UNIX_EPOCH);
    import(s, "two.jsonl", vec![d.clone()])?;
    let stored = current(s, d.id)?;
    assert_eq!(
        (stored.revision, stored.created, stored.updated),
        (1, Some(start_time()), Some(start_time()))
    );
    assert_clean(s)
}

/// The same identifier twice in one batch: the second sees the first.
pub fn duplicate_ids_in_one_batch<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let a = doc("a", "Telegram A");
    let mut a2 = a.clone();
    a2.title = "Telegram A (second reading)".into();
    let outcomes = import(s, "dup.jsonl", vec![a.clone(), a.clone(), a2.clone()])?;
    assert_eq!(
        outcomes,
        [DocOutcome::New, DocOutcome::Unchanged, DocOutcome::Changed]
    );
    assert_eq!(current(s, a.id)?.title, a2.title);
    assert_eq!(s.history(a.id)?.len(), 2);
    assert_clean(s)
}

/// Re-importing a source after an editor's change keeps the change.
pub fn reimport_after_edit_keeps_the_edit<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let a = doc("a", "Telegram A");
    import(s, "a.jsonl", vec![a.clone()])?;
    let mut edited = a.clone();
    edited.title = "Telegram A (edited)".into();
    s.put(edited.clone(), editor("better title"), Some(1))?;

    assert_eq!(
        import(s, "a.jsonl", vec![a.clone()])?,
        [DocOutcome::Unchanged]
    );
    assert_eq!(
        import(s, "a.jsonl", vec![a.clone()])?,
        [DocOutcome::Unchanged]
    );
    let now = current(s, a.id)?;
    assert_eq!(
        (now.title.as_str(), now.revision),
        ("Telegram A (edited)", 2)
    );

    // The editor's content arriving from the source is unchanged too.
    assert_eq!(import(s, "a.jsonl", vec![edited])?, [DocOutcome::Unchanged]);

    // A source that really changed wins again.
    let mut newer = a.clone();
    newer.title = "Telegram A (new source)".into();
    assert_eq!(
        import(s, "a.jsonl", vec![newer.clone()])?,
        [DocOutcome::Changed]
    );
    assert_eq!(current(s, a.id)?.title, newer.title);
    assert_eq!(current(s, a.id)?.revision, 3);
    // And re-importing it is unchanged.
    assert_eq!(import(s, "a.jsonl", vec![newer])?, [DocOutcome::Unchanged]);
    assert_clean(s)
}

/// One bad document in a batch leaves nothing of the batch: no documents, no log entries, no
/// journal rows.
pub fn failed_batch_leaves_nothing<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    import(s, "before.jsonl", vec![doc("existing", "Existing")])?;
    let seq = s.last_seq()?;
    let run = run(s)?;
    let mut invalid = doc("bad", "Bad");
    invalid.title = String::new();
    let mut changed = doc("existing", "Existing");
    changed.title = "Existing, changed".into();
    let batch = vec![
        file(
            "good.jsonl",
            vec![doc("g1", "Good 1"), doc("g2", "Good 2"), changed],
        ),
        ImportedFile {
            error: Some("unreadable".into()),
            ..file("broken.xml", vec![])
        },
        file("bad.jsonl", vec![doc("g3", "Good 3"), invalid]),
    ];
    match s.commit_import_batch(run, batch) {
        Err(StoreError::Invalid { path, id, .. }) => {
            assert_eq!(path.as_deref(), Some("bad.jsonl"));
            assert_eq!(id, DocumentId::from_key("bad"));
        }
        other => return Err(format!("expected the batch to fail, got {other:?}").into()),
    }
    assert_eq!(s.last_seq()?, seq);
    for key in ["g1", "g2", "g3", "bad"] {
        assert!(
            s.get(DocumentId::from_key(key))?.is_none(),
            "{key} must not be stored"
        );
    }
    assert_eq!(
        current(s, DocumentId::from_key("existing"))?.title,
        "Existing"
    );
    assert!(s.import_files(run)?.is_empty());
    // The run goes on: a good batch after the failed one commits.
    let results =
        s.commit_import_batch(run, vec![file("good.jsonl", vec![doc("g1", "Good 1")])])?;
    assert_eq!(results[0].documents[0].1, DocOutcome::New);
    assert_eq!(s.last_seq()?, seq + 1);
    assert_eq!(s.import_files(run)?.len(), 1);
    assert_clean(s)
}

//! Editing: optimistic locking, no-op writes, deletion and restore.

use chancery_model::{AccessLevel, DocumentId};
use jiff::SignedDuration;

use super::fixture::*;
use super::{Backend, TestResult};
use crate::error::StoreError;
use crate::types::{ChangeKind, DocOutcome, ListFilter, Page, PutOutcome};

/// A write that expected an older revision fails and names the current one.
pub fn stale_put_conflicts<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let mut d = doc("a", "First");
    // Expecting 0 means "create, it must not exist"; expecting more of a missing one fails.
    match s.put(d.clone(), editor("x"), Some(3)) {
        Err(StoreError::Conflict {
            current: 0,
            expected: 3,
            ..
        }) => {}
        other => return Err(format!("expected a conflict at revision 0, got {other:?}").into()),
    }
    s.put(d.clone(), editor("create"), Some(0))?;
    d.title = "Second".into();
    s.put(d.clone(), editor("edit"), Some(1))?;
    d.title = "Stale".into();
    match s.put(d.clone(), editor("stale edit"), Some(1)) {
        Err(
            err @ StoreError::Conflict {
                current: 2,
                expected: 1,
                ..
            },
        ) => {
            assert!(err.to_string().contains("revision 2"), "{err}");
        }
        other => return Err(format!("expected a conflict at revision 2, got {other:?}").into()),
    }
    assert!(matches!(
        s.put(d.clone(), editor("again"), Some(0)),
        Err(StoreError::Conflict { current: 2, .. })
    ));
    assert!(matches!(
        s.delete(d.id, editor("stale delete"), Some(1)),
        Err(StoreError::Conflict { current: 2, .. })
    ));
    assert_eq!(current(s, d.id)?.title, "Second");
    assert_eq!(s.last_seq()?, 2, "a refused write logs nothing");

    // An invalid document is refused whole.
    let mut bad = d.clone();
    bad.title = "  ".into();
    match s.put(bad, editor("blank"), None) {
        Err(StoreError::Invalid { problems, .. }) => assert_eq!(problems[0].field, "title"),
        other => return Err(format!("expected an invalid-document error, got {other:?}").into()),
    }
    assert_clean(s)
}

/// Writing the content a document already has is not a revision.
pub fn put_of_equal_content_writes_nothing<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let d = doc("a", "Same");
    s.put(d.clone(), editor("create"), None)?;
    let outcome = s.put(d.clone(), editor("no change"), Some(1))?;
    assert_eq!(outcome, PutOutcome::Unchanged { revision: 1 });
    assert_eq!(s.last_seq()?, 1);
    Ok(())
}

/// Deletion writes a tombstone; the document stays readable as deleted; restore brings an
/// earlier revision's content back as a new revision.
pub fn delete_is_a_tombstone_and_restore_brings_content_back<B: Backend>(
    backend: &B,
) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let mut d = doc("a", "Original");
    import(s, "a.jsonl", vec![d.clone()])?;
    d.title = "Edited".into();
    s.put(d.clone(), editor("edit"), Some(1))?;

    f.clock.advance(SignedDuration::from_secs(5));
    let tombstone = s.delete(d.id, editor("withdrawn"), Some(2))?;
    assert_eq!(
        (tombstone.revision, tombstone.kind, tombstone.seq),
        (3, ChangeKind::Delete, 3)
    );
    let stored = s.get(d.id)?.ok_or("deleted document vanished")?;
    assert!(stored.deleted);
    assert_eq!(
        stored.document.title, "Edited",
        "a deleted document keeps its last content"
    );
    assert_eq!(
        stored.document.revision, 3,
        "and shows the tombstone's revision"
    );
    assert_eq!(stored.document.updated, Some(tombstone.at));
    assert_eq!(
        s.get_revision(d.id, 3)?,
        None,
        "a tombstone holds no content"
    );
    assert_eq!(
        s.get_revision(d.id, 1)?.ok_or("revision 1")?.title,
        "Original"
    );

    assert_eq!(s.count(&ListFilter::default())?, 0);
    assert!(s.list(&ListFilter::default(), &Page::first(10))?.is_empty());
    let all = ListFilter {
        include_deleted: true,
        ..ListFilter::default()
    };
    let listed = s.list(&all, &Page::first(10))?;
    assert_eq!(listed.len(), 1);
    assert!(listed[0].deleted);
    assert_eq!(listed[0].revision, 3);

    assert!(matches!(
        s.delete(d.id, editor("again"), None),
        Err(StoreError::Deleted { revision: 3, .. })
    ));
    assert!(matches!(
        s.restore(d.id, 3, editor("x")),
        Err(StoreError::NoContent { revision: 3, .. })
    ));
    assert!(matches!(
        s.restore(d.id, 9, editor("x")),
        Err(StoreError::RevisionNotFound { revision: 9, .. })
    ));
    let nobody = DocumentId::from_key("nobody");
    assert!(matches!(
        s.restore(nobody, 1, editor("x")),
        Err(StoreError::DocumentNotFound { .. })
    ));
    assert!(matches!(
        s.delete(nobody, editor("x"), None),
        Err(StoreError::DocumentNotFound { .. })
    ));
    assert_eq!(
        import(s, "a.jsonl", vec![doc("a", "Original")])?,
        [DocOutcome::KeptDeleted]
    );

    let restored = s.restore(d.id, 1, editor("undo"))?;
    assert_eq!((restored.revision, restored.kind), (4, ChangeKind::Restore));
    let stored = s.get(d.id)?.ok_or("restored document missing")?;
    assert!(!stored.deleted);
    assert_eq!(
        (stored.document.title.as_str(), stored.document.revision),
        ("Original", 4)
    );
    assert_eq!(stored.document.created, Some(start_time()));
    assert_eq!(s.count(&ListFilter::default())?, 1);
    let kinds: Vec<_> = s.history(d.id)?.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Create,
            ChangeKind::Update,
            ChangeKind::Delete,
            ChangeKind::Restore
        ]
    );

    // After the restore, the source's content is what was imported last: unchanged.
    assert_eq!(
        import(s, "a.jsonl", vec![doc("a", "Original")])?,
        [DocOutcome::Unchanged]
    );

    // An editor may also write over a deleted document; that undeletes it.
    s.delete(d.id, editor("again"), Some(4))?;
    let mut fresh = doc("a", "Rewritten");
    fresh.rights.access = AccessLevel::Staff;
    let outcome = s.put(fresh, editor("rewrite"), Some(5))?;
    assert_eq!(outcome.revision(), 6);
    assert!(!s.get(d.id)?.ok_or("missing")?.deleted);
    assert_clean(s)
}

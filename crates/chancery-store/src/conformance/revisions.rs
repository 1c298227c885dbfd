//! Revisions and the change log.

use std::collections::BTreeSet;

use chancery_model::DocumentId;
use jiff::SignedDuration;

use super::fixture::*;
use super::{Backend, TestResult};
use crate::types::ChangeKind;

/// Every write is a new revision, each readable afterwards; the history lists them all.
pub fn revisions_are_never_overwritten<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let mut d = doc("a", "Version 1");
    s.put(d.clone(), editor("create"), Some(0))?;
    for n in 2..=5 {
        f.clock.advance(SignedDuration::from_secs(60));
        d.title = format!("Version {n}");
        let outcome = s.put(d.clone(), editor(&format!("edit {n}")), Some(n - 1))?;
        assert_eq!(outcome.revision(), n);
    }
    for n in 1..=5u64 {
        let old = s
            .get_revision(d.id, n)?
            .ok_or_else(|| format!("revision {n} missing"))?;
        assert_eq!(old.title, format!("Version {n}"));
        assert_eq!(old.revision, n);
        assert_eq!(
            old.created,
            Some(start_time()),
            "created is the first revision's time"
        );
        let minutes = i64::try_from(n - 1)?;
        assert_eq!(
            old.updated,
            Some(start_time() + SignedDuration::from_mins(minutes))
        );
    }
    assert_eq!(s.get_revision(d.id, 6)?, None);
    assert_eq!(s.get_revision(DocumentId::from_key("nothing"), 1)?, None);

    let history = s.history(d.id)?;
    assert_eq!(
        history.iter().map(|h| h.revision).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(history[0].kind, ChangeKind::Create);
    assert!(history[1..].iter().all(|h| h.kind == ChangeKind::Update));
    assert_eq!(history[3].reason, "edit 4");
    assert!(history.windows(2).all(|w| w[0].seq < w[1].seq));
    let hashes: BTreeSet<_> = history.iter().map(|h| h.hash.clone()).collect();
    assert_eq!(hashes.len(), 5, "each revision has its own hash");
    assert!(s.history(DocumentId::from_key("nothing"))?.is_empty());
    assert_clean(s)
}

/// Sequence numbers run without gaps; `changes_since` pages through them.
pub fn change_log_is_continuous_and_pages<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    assert_eq!(s.last_seq()?, 0);
    assert!(s.changes_since(0, 10)?.is_empty());
    let docs: Vec<_> = (0..7)
        .map(|i| doc(&format!("d{i}"), &format!("Document {i}")))
        .collect();
    import(s, "seven.jsonl", docs.clone())?;
    s.delete(docs[0].id, editor("gone"), None)?;
    s.restore(docs[0].id, 1, editor("back"))?;
    let mut edited = docs[1].clone();
    edited.title.push_str(" (edited)");
    s.put(edited, editor("edit"), None)?;
    assert_eq!(s.last_seq()?, 10);

    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let page = s.changes_since(after, 3)?;
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 3);
        after = page.last().map_or(after, |c| c.seq);
        seen.extend(page);
    }
    assert_eq!(
        seen.iter().map(|c| c.seq).collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );
    let kinds: Vec<_> = seen[7..].iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ChangeKind::Delete, ChangeKind::Restore, ChangeKind::Update]
    );
    assert_eq!((seen[8].id, seen[8].revision), (docs[0].id, 3));
    assert!(s.changes_since(10, 10)?.is_empty());
    assert!(s.changes_since(u64::MAX, 10)?.is_empty());
    assert!(s.changes_since(0, 0)?.is_empty());
    assert_clean(s)
}

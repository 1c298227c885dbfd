//! Merging duplicate authority records: an editor finds that two records name the same
//! person, organization or place and keeps one. The kept record takes in the duplicate's
//! names, identifiers, positions and notes (a new revision, see [`Authority::absorb`]); the
//! duplicate's address leads to it from then on; and every document linked to the
//! duplicate — in a mention, as sender or as recipient — is relinked to the kept record,
//! each as a revision with the editor's name and reason.
//!
//! The kept record may be an entity of the built-in baseline that the store does not hold
//! yet: it is then written to the store with the duplicate's names added. The duplicate
//! must be a record of the store.
//!
//! The caller says which documents to look at (the search index knows which documents name
//! the duplicate); each is read from the store and changed only if it does name it.

use chancery_model::{Authority, Document, DocumentId};
use chancery_store::{PutOutcome, Store, StoreError, WriteMeta};

/// How many times a document edited meanwhile is read again before it is left alone.
const ATTEMPTS: usize = 3;

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// The record kept.
    pub into: String,
    /// Documents relinked from the duplicate to the kept record.
    pub relinked: u64,
    /// Documents that kept changing while being relinked, left as they are (the next merge
    /// of the same records or an editor can relink them).
    pub conflicts: u64,
}

/// The record `id`: the store's, else the baseline's.
pub fn current_record(store: &dyn Store, id: &str) -> Result<Option<Authority>, StoreError> {
    if let Some(record) = store.authority(id)? {
        return Ok(Some(record));
    }
    Ok(chancery_enrich::baseline::entities()
        .iter()
        .find(|e| e.id == id)
        .and_then(|entity| entity.to_authority()))
}

/// Merges the record `duplicate` into `into`, then relinks those of `candidates` that name
/// the duplicate. Fails before changing anything when either record is missing or they
/// cannot be merged (the same record, different kinds, one merged already).
pub fn merge_authorities(
    store: &dyn Store,
    duplicate: &str,
    into: &str,
    candidates: &[DocumentId],
    meta: &WriteMeta,
) -> Result<MergeReport, StoreError> {
    let Some(old) = store.authority(duplicate)? else {
        return Err(match store.authority_merged_into(duplicate)? {
            Some(target) => StoreError::CannotMerge {
                message: format!("'{duplicate}' was merged into '{target}' already"),
            },
            None => StoreError::AuthorityNotFound {
                id: duplicate.to_string(),
            },
        });
    };
    let Some(mut kept) = current_record(store, into)? else {
        return Err(match store.authority_merged_into(into)? {
            Some(target) => StoreError::CannotMerge {
                message: format!("'{into}' was itself merged into '{target}': merge into that"),
            },
            None => StoreError::AuthorityNotFound { id: into.into() },
        });
    };
    if !kept.absorb(&old) {
        return Err(StoreError::CannotMerge {
            message: format!(
                "'{duplicate}' is a {} and '{into}' a {}",
                old.kind(),
                kept.kind()
            ),
        });
    }
    store.merge_authority(duplicate, &kept, meta.clone())?;
    let mut report = MergeReport {
        into: into.to_string(),
        ..MergeReport::default()
    };
    let reason = WriteMeta::new(
        meta.actor.clone(),
        format!("{duplicate} merged into {into}: {}", meta.reason),
    );
    for &id in candidates {
        match relink_document(store, id, duplicate, into, &reason)? {
            Relinked::Yes => report.relinked += 1,
            Relinked::No => {}
            Relinked::Conflict => report.conflicts += 1,
        }
    }
    Ok(report)
}

enum Relinked {
    Yes,
    No,
    Conflict,
}

fn relink_document(
    store: &dyn Store,
    id: DocumentId,
    from: &str,
    to: &str,
    meta: &WriteMeta,
) -> Result<Relinked, StoreError> {
    for _ in 0..ATTEMPTS {
        let Some(stored) = store.get(id)? else {
            return Ok(Relinked::No);
        };
        let revision = stored.document.revision;
        let mut doc = stored.document;
        if !relink(&mut doc, from, to) {
            return Ok(Relinked::No);
        }
        match store.put(doc, meta.clone(), Some(revision)) {
            Ok(PutOutcome::Written(_)) => return Ok(Relinked::Yes),
            Ok(PutOutcome::Unchanged { .. }) => return Ok(Relinked::No),
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(Relinked::Conflict)
}

/// Points every link of `doc` to `from` (mentions, senders, recipients) at `to`. Returns
/// whether anything changed.
pub fn relink(doc: &mut Document, from: &str, to: &str) -> bool {
    let mut changed = false;
    for mention in &mut doc.mentions {
        if mention.entity_id.as_deref() == Some(from) {
            mention.entity_id = Some(to.to_string());
            changed = true;
        }
    }
    for agent in doc.senders.iter_mut().chain(doc.recipients.iter_mut()) {
        if agent.id.as_deref() == Some(from) {
            agent.id = Some(to.to_string());
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_model::{AgentRef, Mention, MentionKind};

    #[test]
    fn every_link_to_the_duplicate_moves() {
        let mut doc = Document::new(DocumentId::from_key("a"), "Note", "Kirk met Kirk.");
        let mention = |start: u32, id: &str| Mention {
            kind: MentionKind::Person,
            text: "Kirk".into(),
            start,
            end: start + 4,
            entity_id: Some(id.into()),
            normalized: None,
            confidence: 0.9,
            status: Default::default(),
            source: Default::default(),
            field: Default::default(),
        };
        doc.mentions = vec![mention(0, "kirk-alan"), mention(9, "kirk-other")];
        doc.senders = vec![AgentRef {
            id: Some("kirk-alan".into()),
            ..AgentRef::named("Alan Kirk")
        }];
        doc.recipients = vec![AgentRef::named("Gromyko")];
        assert!(relink(&mut doc, "kirk-alan", "kirk-alan-goodrich"));
        assert_eq!(
            doc.mentions[0].entity_id.as_deref(),
            Some("kirk-alan-goodrich")
        );
        assert_eq!(doc.mentions[1].entity_id.as_deref(), Some("kirk-other"));
        assert_eq!(doc.senders[0].id.as_deref(), Some("kirk-alan-goodrich"));
        assert!(!relink(&mut doc, "kirk-alan", "kirk-alan-goodrich"));
    }
}

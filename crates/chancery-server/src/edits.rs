//! What editing in the browser and through the API share: every change is a revision in the
//! store with its actor and reason (the store refuses a stale revision), a line in the audit
//! log, and an index brought up to date at once so that search shows the change.
//!
//! Corrected text keeps the document's structure where it is unchanged: [`rebody`] matches
//! the new paragraphs against the old blocks and keeps every block whose text is the same
//! (headings, notes, spans and all); only new or changed paragraphs become plain paragraphs.

use chancery_index::IndexError;
use chancery_ingest::merge::{MergeReport, merge_authorities};
use chancery_model::{Authority, Block, Document, DocumentId, body};
use chancery_store::{Change, ChangeKind, NewAuditEntry, PutOutcome, WriteMeta};
use similar::{DiffOp, capture_diff_slices};

use crate::error::AppError;
use crate::state::AppState;

/// The longest reason for a change.
pub const MAX_REASON: usize = 1000;

/// Who changes, from where, and why.
#[derive(Debug, Clone)]
pub struct Author {
    /// The user's name.
    pub actor: String,
    /// The client's address.
    pub address: Option<String>,
    /// Why (required).
    pub reason: String,
}

impl Author {
    /// Checks the reason (required, at most [`MAX_REASON`] characters).
    pub fn new(actor: &str, address: Option<String>, reason: &str) -> Result<Self, AppError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::bad_parameter(
                "reason",
                "say why you make this change (the reason is kept with the revision)",
            ));
        }
        if reason.chars().count() > MAX_REASON {
            return Err(AppError::bad_parameter(
                "reason",
                format!("the reason may have at most {MAX_REASON} characters"),
            ));
        }
        Ok(Self {
            actor: actor.to_string(),
            address,
            reason: reason.to_string(),
        })
    }

    fn meta(&self) -> WriteMeta {
        WriteMeta::new(self.actor.clone(), self.reason.clone())
    }

    fn audit(&self, action: &str, id: DocumentId, detail: String) -> NewAuditEntry {
        self.audit_target(action, id.to_string(), detail)
    }

    fn audit_target(&self, action: &str, target: String, detail: String) -> NewAuditEntry {
        NewAuditEntry {
            actor: self.actor.clone(),
            action: action.into(),
            target: Some(target),
            detail: Some(format!("{detail}: {}", self.reason)),
            address: self.address.clone(),
        }
    }
}

/// Writes `doc` as a new revision if the document is still at `expected` (a stale revision
/// is [`AppError::Conflict`]); content equal to the current one writes nothing.
pub fn write(
    state: &AppState,
    author: &Author,
    doc: Document,
    expected: u64,
) -> Result<PutOutcome, AppError> {
    let id = doc.id;
    let store = state.store();
    let outcome = store.put(doc, author.meta(), Some(expected))?;
    if let PutOutcome::Written(change) = &outcome {
        store.append_audit(author.audit("edit", id, format!("revision {}", change.revision)))?;
        refresh_index(state);
    }
    Ok(outcome)
}

/// Deletes the document (a tombstone revision), if it is still at `expected` when given.
pub fn delete(
    state: &AppState,
    author: &Author,
    id: DocumentId,
    expected: Option<u64>,
) -> Result<Change, AppError> {
    let store = state.store();
    let change = store.delete(id, author.meta(), expected)?;
    store.append_audit(author.audit("delete", id, format!("revision {}", change.revision)))?;
    refresh_index(state);
    Ok(change)
}

/// Brings a deleted document back with the content it had before its deletion.
pub fn undelete(state: &AppState, author: &Author, id: DocumentId) -> Result<Change, AppError> {
    let store = state.store();
    let history = store.history(id)?;
    let Some(last) = history.iter().rev().find(|r| r.kind != ChangeKind::Delete) else {
        return Err(AppError::not_found(format!("no document {id}")));
    };
    if history.last().is_none_or(|r| r.kind != ChangeKind::Delete) {
        return Err(AppError::bad_parameter("id", "the document is not deleted"));
    }
    let change = store.restore(id, last.revision, author.meta())?;
    store.append_audit(author.audit(
        "undelete",
        id,
        format!("revision {} from {}", change.revision, last.revision),
    ))?;
    refresh_index(state);
    Ok(change)
}

/// Writes a new revision with the content of `revision`.
pub fn restore(
    state: &AppState,
    author: &Author,
    id: DocumentId,
    revision: u64,
) -> Result<Change, AppError> {
    let store = state.store();
    let change = store.restore(id, revision, author.meta())?;
    store.append_audit(author.audit(
        "restore",
        id,
        format!("revision {} from {revision}", change.revision),
    ))?;
    refresh_index(state);
    Ok(change)
}

/// Writes a new authority record (made by an editor from a mention).
pub fn create_authority(
    state: &AppState,
    author: &Author,
    record: &Authority,
) -> Result<(), AppError> {
    let store = state.store();
    store.put_authorities(std::slice::from_ref(record), author.meta())?;
    store.append_audit(author.audit_target(
        "create authority",
        record.id().to_string(),
        format!("{} {}", record.kind(), record.preferred_name()),
    ))?;
    Ok(())
}

/// Merges the authority record `duplicate` into `into` and relinks every document the index
/// says names the duplicate (each a revision); see [`chancery_ingest::merge`].
pub fn merge_authority(
    state: &AppState,
    author: &Author,
    duplicate: &str,
    into: &str,
) -> Result<MergeReport, AppError> {
    let store = state.store();
    refresh_index(state);
    let candidates: Vec<DocumentId> = state
        .index()
        .documents_naming(duplicate)?
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect();
    let report = merge_authorities(store.as_ref(), duplicate, into, &candidates, &author.meta())?;
    store.append_audit(author.audit_target(
        "merge authority",
        duplicate.to_string(),
        format!(
            "into {into}, {} documents relinked, {} left as they were",
            report.relinked, report.conflicts
        ),
    ))?;
    refresh_index(state);
    Ok(report)
}

/// Applies the store's new changes to the index now (the follower would within a moment);
/// an index another process holds is left to the follower.
pub fn refresh_index(state: &AppState) {
    let store = state.store();
    match state.index().catch_up(store.as_ref(), &mut |_| {}) {
        Ok(_) | Err(IndexError::Busy(_)) => {}
        Err(e) => tracing::warn!(error = %e, "the index could not follow an edit yet"),
    }
}

/// What a block reads as in the plain text (the form shown to editors).
fn block_text(block: &Block) -> String {
    body::plain_text(std::slice::from_ref(block))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body for `new_text` (paragraphs at blank lines), keeping the blocks of `old` whose
/// text is unchanged; when the text as a whole is unchanged, `old` itself.
pub fn rebody(old: &[Block], new_text: &str) -> Vec<Block> {
    if squeeze(&body::plain_text(old)) == squeeze(new_text) {
        return old.to_vec();
    }
    let new_blocks = body::paragraphs(new_text);
    let old_keys: Vec<String> = old.iter().map(|b| squeeze(&block_text(b))).collect();
    let new_keys: Vec<String> = new_blocks.iter().map(|b| squeeze(&b.text)).collect();
    let mut out = Vec::with_capacity(new_blocks.len());
    for op in capture_diff_slices(similar::Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                out.extend(old[old_index..old_index + len].iter().cloned())
            }
            DiffOp::Insert {
                new_index, new_len, ..
            }
            | DiffOp::Replace {
                new_index, new_len, ..
            } => out.extend(new_blocks[new_index..new_index + new_len].iter().cloned()),
            DiffOp::Delete { .. } => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_model::BlockKind;

    #[test]
    fn unchanged_blocks_keep_their_structure() {
        let mut note = Block::new(BlockKind::Note, "A note.");
        note.n = Some("1".into());
        let old = vec![
            Block::heading(1, "Heading"),
            Block::paragraph("First paragraph."),
            note,
        ];
        assert_eq!(rebody(&old, &body::plain_text(&old)), old);
        let new = rebody(
            &old,
            "Heading\n\nFirst paragraph, corrected.\n\n[1] A note.",
        );
        assert_eq!(new.len(), 3);
        assert_eq!(new[0].kind, BlockKind::Heading);
        assert_eq!(new[1].kind, BlockKind::Paragraph);
        assert_eq!(new[1].text, "First paragraph, corrected.");
        assert_eq!(new[2].kind, BlockKind::Note);
        let added = rebody(&old, "Heading\n\nNew.\n\nFirst paragraph.\n\n[1] A note.");
        assert_eq!(added.len(), 4);
        assert_eq!(added[1].text, "New.");
    }
}

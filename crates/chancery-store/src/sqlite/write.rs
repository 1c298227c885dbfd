//! Writing revisions: the one place that appends to `changes` and `revisions` and keeps
//! `documents` in step. Imports and edits both go through [`append_content`] and
//! [`append_tombstone`], inside a transaction their caller owns.

use chancery_model::fold::fold;
use chancery_model::{Document, DocumentId};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::codec::{id_text, int, micros, timestamp, uint};
use super::fail::{Fail, corrupt};
use crate::clock::Clock;
use crate::error::StoreError;
use crate::order::sort_day;
use crate::revision::{chain_hash, decode_snapshot, encode_snapshot};
use crate::types::{Change, ChangeKind, PutOutcome, WriteMeta};

/// A document's current state, as the writers need it.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    /// The internal key the document's rows are filed under.
    pub key: i64,
    pub revision: u64,
    pub deleted: bool,
    pub hash: String,
    pub content_hash: String,
    pub import_hash: Option<String>,
    pub created: Timestamp,
}

/// Who writes a revision, why, and when.
pub(crate) struct Author<'a> {
    pub actor: &'a str,
    pub reason: &'a str,
    pub at: Timestamp,
    /// The import run writing, if an import is.
    pub import_run: Option<i64>,
}

/// Starts a write transaction. IMMEDIATE takes the write lock at once, so a second process
/// waits (up to the busy timeout) here rather than failing after work was done.
pub(crate) fn begin(conn: &mut Connection) -> Result<Transaction<'_>, Fail> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// The time to record for a transaction's writes: the clock's, truncated to microseconds
/// (what is stored), and never before the latest change already logged — so change times
/// follow sequence order even when the system clock steps back, and an OAI-PMH harvest by
/// datestamp cannot miss a change.
pub(crate) fn write_time(tx: &Transaction<'_>, clock: &dyn Clock) -> Result<Timestamp, Fail> {
    let now = micros(clock.now());
    let last: Option<i64> = tx
        .prepare_cached("SELECT at_us FROM changes ORDER BY seq DESC LIMIT 1")?
        .query_row([], |row| row.get(0))
        .optional()?;
    timestamp(last.map_or(now, |last| last.max(now)))
}

/// Reads a document's current state.
pub(crate) fn load_head(tx: &Transaction<'_>, id: DocumentId) -> Result<Option<Head>, Fail> {
    let mut stmt = tx.prepare_cached(
        "SELECT key, head_revision, deleted, head_hash, content_hash, import_hash, created_us \
         FROM documents WHERE id = ?1",
    )?;
    let row = stmt
        .query_row([id_text(id)], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, bool>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, i64>(6)?,
            ))
        })
        .optional()?;
    let Some((key, revision, deleted, hash, content_hash, import_hash, created)) = row else {
        return Ok(None);
    };
    Ok(Some(Head {
        key,
        revision: uint(revision)?,
        deleted,
        hash,
        content_hash,
        import_hash,
        created: timestamp(created)?,
    }))
}

/// Appends a revision holding `doc` (its `revision`, `created` and `updated` are set here)
/// and brings the document's current state up to it. `content_hash` is `doc.content_hash()`,
/// which the caller has computed already.
pub(crate) fn append_content(
    tx: &Transaction<'_>,
    mut doc: Document,
    content_hash: String,
    head: Option<&Head>,
    kind: ChangeKind,
    author: &Author<'_>,
) -> Result<Change, Fail> {
    let revision = head.map_or(1, |h| h.revision + 1);
    let created = head.map_or(author.at, |h| h.created);
    doc.revision = revision;
    doc.created = Some(created);
    doc.updated = Some(author.at);
    let snapshot = encode_snapshot(&doc)?;
    let hash = chain_hash(head.map_or("", |h| h.hash.as_str()), Some(&snapshot));
    let import_hash = match author.import_run {
        Some(_) => Some(content_hash.as_str()),
        None => head.and_then(|h| h.import_hash.as_deref()),
    };
    let id = id_text(doc.id);
    let date = doc.date.as_ref();
    let state = params![
        id,
        int(revision),
        hash,
        content_hash,
        import_hash,
        doc.title,
        fold(&doc.title),
        doc.doc_type.map(|t| t.slug()),
        date.map(|d| d.edtf()),
        date.and_then(|d| d.text()),
        date.and_then(|d| d.earliest()),
        date.and_then(|d| d.latest()),
        sort_day(date),
        doc.rights.access.as_str(),
        doc.language,
        micros(created),
        micros(author.at),
        doc.rights.embargo_until.map(|d| d.to_string()),
    ];
    let key = match head {
        Some(head) => {
            tx.prepare_cached(
                "UPDATE documents SET head_revision = ?2, content_revision = ?2, deleted = 0, \
                 head_hash = ?3, content_hash = ?4, import_hash = ?5, title = ?6, \
                 title_folded = ?7, doc_type = ?8, date_edtf = ?9, date_text = ?10, \
                 date_earliest = ?11, date_latest = ?12, sort_day = ?13, access = ?14, \
                 language = ?15, created_us = ?16, updated_us = ?17, embargo_until = ?18 \
                 WHERE id = ?1",
            )?
            .execute(state)?;
            tx.prepare_cached("DELETE FROM document_collections WHERE document_key = ?1")?
                .execute([head.key])?;
            head.key
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO documents (id, head_revision, content_revision, deleted, head_hash, \
                 content_hash, import_hash, title, title_folded, doc_type, date_edtf, date_text, \
                 date_earliest, date_latest, sort_day, access, language, created_us, updated_us, \
                 embargo_until) \
                 VALUES (?1, ?2, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
                 ?16, ?17, ?18)",
            )?
            .execute(state)?;
            tx.last_insert_rowid()
        }
    };
    let mut add_collection = tx.prepare_cached(
        "INSERT OR IGNORE INTO document_collections (document_key, collection) VALUES (?1, ?2)",
    )?;
    for collection in &doc.collections {
        add_collection.execute(params![key, collection])?;
    }
    let change = log_change(tx, doc.id, &id, revision, kind, author)?;
    tx.prepare_cached(
        "INSERT INTO revisions (seq, document_key, revision, snapshot, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![int(change.seq), key, int(revision), snapshot, hash])?;
    Ok(change)
}

/// Appends a tombstone revision and marks the document deleted. Its listing columns keep the
/// last content, so a listing that includes deleted documents can still show it.
pub(crate) fn append_tombstone(
    tx: &Transaction<'_>,
    id: DocumentId,
    head: &Head,
    author: &Author<'_>,
) -> Result<Change, Fail> {
    let revision = head.revision + 1;
    let hash = chain_hash(&head.hash, None);
    let change = log_change(tx, id, &id_text(id), revision, ChangeKind::Delete, author)?;
    tx.prepare_cached(
        "INSERT INTO revisions (seq, document_key, revision, snapshot, hash) \
         VALUES (?1, ?2, ?3, NULL, ?4)",
    )?
    .execute(params![int(change.seq), head.key, int(revision), hash])?;
    tx.prepare_cached(
        "UPDATE documents SET head_revision = ?2, deleted = 1, head_hash = ?3, updated_us = ?4 \
         WHERE key = ?1",
    )?
    .execute(params![head.key, int(revision), hash, micros(author.at)])?;
    Ok(change)
}

fn log_change(
    tx: &Transaction<'_>,
    id: DocumentId,
    id_str: &str,
    revision: u64,
    kind: ChangeKind,
    author: &Author<'_>,
) -> Result<Change, Fail> {
    tx.prepare_cached(
        "INSERT INTO changes (document_id, revision, kind, actor, reason, at_us, import_run) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id_str,
        int(revision),
        kind.as_str(),
        author.actor,
        author.reason,
        micros(author.at),
        author.import_run
    ])?;
    Ok(Change {
        seq: uint(tx.last_insert_rowid())?,
        id,
        revision,
        kind,
        actor: author.actor.to_string(),
        reason: author.reason.to_string(),
        at: author.at,
    })
}

fn check_expected(id: DocumentId, head: Option<&Head>, expected: Option<u64>) -> Result<(), Fail> {
    let current = head.map_or(0, |h| h.revision);
    match expected {
        Some(expected) if expected != current => Err(StoreError::Conflict {
            id,
            expected,
            current,
        }
        .into()),
        _ => Ok(()),
    }
}

/// Writes an editor's version of a document.
pub(crate) fn put(
    conn: &mut Connection,
    clock: &dyn Clock,
    doc: Document,
    meta: &WriteMeta,
    expected: Option<u64>,
) -> Result<PutOutcome, Fail> {
    if let Err(problems) = doc.validate() {
        return Err(StoreError::Invalid {
            id: doc.id,
            path: None,
            problems,
        }
        .into());
    }
    let tx = begin(conn)?;
    let head = load_head(&tx, doc.id)?;
    check_expected(doc.id, head.as_ref(), expected)?;
    let content_hash = doc.content_hash();
    if let Some(head) = &head
        && !head.deleted
        && head.content_hash == content_hash
    {
        return Ok(PutOutcome::Unchanged {
            revision: head.revision,
        });
    }
    let kind = if head.is_some() {
        ChangeKind::Update
    } else {
        ChangeKind::Create
    };
    let author = Author {
        actor: &meta.actor,
        reason: &meta.reason,
        at: write_time(&tx, clock)?,
        import_run: None,
    };
    let change = append_content(&tx, doc, content_hash, head.as_ref(), kind, &author)?;
    tx.commit()?;
    Ok(PutOutcome::Written(change))
}

/// Deletes a document with a tombstone revision.
pub(crate) fn delete(
    conn: &mut Connection,
    clock: &dyn Clock,
    id: DocumentId,
    meta: &WriteMeta,
    expected: Option<u64>,
) -> Result<Change, Fail> {
    let tx = begin(conn)?;
    let head = load_head(&tx, id)?.ok_or(StoreError::DocumentNotFound { id })?;
    check_expected(id, Some(&head), expected)?;
    if head.deleted {
        return Err(StoreError::Deleted {
            id,
            revision: head.revision,
        }
        .into());
    }
    let author = Author {
        actor: &meta.actor,
        reason: &meta.reason,
        at: write_time(&tx, clock)?,
        import_run: None,
    };
    let change = append_tombstone(&tx, id, &head, &author)?;
    tx.commit()?;
    Ok(change)
}

/// Writes a new revision with the content of an earlier one.
pub(crate) fn restore(
    conn: &mut Connection,
    clock: &dyn Clock,
    id: DocumentId,
    revision: u64,
    meta: &WriteMeta,
) -> Result<Change, Fail> {
    let tx = begin(conn)?;
    let head = load_head(&tx, id)?.ok_or(StoreError::DocumentNotFound { id })?;
    let snapshot: Option<Option<String>> = tx
        .prepare_cached("SELECT snapshot FROM revisions WHERE document_key = ?1 AND revision = ?2")?
        .query_row(params![head.key, int(revision)], |row| row.get(0))
        .optional()?;
    let snapshot = match snapshot {
        None => return Err(StoreError::RevisionNotFound { id, revision }.into()),
        Some(None) => return Err(StoreError::NoContent { id, revision }.into()),
        Some(Some(snapshot)) => snapshot,
    };
    let doc = decode_snapshot(&snapshot).map_err(|e| {
        corrupt(format!(
            "revision {revision} of document {id} does not read back: {e}"
        ))
    })?;
    let content_hash = doc.content_hash();
    let author = Author {
        actor: &meta.actor,
        reason: &meta.reason,
        at: write_time(&tx, clock)?,
        import_run: None,
    };
    let change = append_content(
        &tx,
        doc,
        content_hash,
        Some(&head),
        ChangeKind::Restore,
        &author,
    )?;
    tx.commit()?;
    Ok(change)
}

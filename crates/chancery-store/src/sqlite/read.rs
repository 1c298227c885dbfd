//! Reading documents, revisions, listings and the change log.

use chancery_model::fold::fold;
use chancery_model::{Document, DocumentId};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::codec::{
    change_kind, doc_date, doc_type, id_text, int, micros, parse_id, timestamp, uint,
};
use super::fail::{Fail, corrupt};
use crate::error::StoreError;
use crate::order::parse_cursor;
use crate::revision::decode_snapshot;
use crate::types::{
    Change, Head, HeadQuery, ListFilter, Page, RevisionInfo, StoredDocument, Summary,
};

fn decode(snapshot: &str, id: &str, revision: i64) -> Result<Document, Fail> {
    decode_snapshot(snapshot).map_err(|e| {
        corrupt(format!(
            "revision {revision} of document {id} does not read back: {e}"
        ))
    })
}

/// The document as it stands.
pub(crate) fn get(conn: &Connection, id: DocumentId) -> Result<Option<StoredDocument>, Fail> {
    let id_str = id_text(id);
    let mut stmt = conn.prepare_cached(
        "SELECT d.head_revision, d.deleted, d.updated_us, d.content_revision, r.snapshot \
         FROM documents AS d \
         LEFT JOIN revisions AS r ON r.document_key = d.key AND r.revision = d.content_revision \
         WHERE d.id = ?1",
    )?;
    let row = stmt
        .query_row([&id_str], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, bool>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, Option<String>>(4)?,
            ))
        })
        .optional()?;
    let Some((head, deleted, updated, content_revision, snapshot)) = row else {
        return Ok(None);
    };
    let snapshot = snapshot.ok_or_else(|| {
        corrupt(format!(
            "document {id} has no snapshot at its content revision {content_revision}"
        ))
    })?;
    let mut document = decode(&snapshot, &id_str, content_revision)?;
    if deleted {
        // The tombstone is the revision an edit or restore must expect.
        document.revision = uint(head)?;
        document.updated = Some(timestamp(updated)?);
    }
    Ok(Some(StoredDocument { document, deleted }))
}

/// The document as it was at `revision`.
pub(crate) fn get_revision(
    conn: &Connection,
    id: DocumentId,
    revision: u64,
) -> Result<Option<Document>, Fail> {
    let id_str = id_text(id);
    let snapshot: Option<Option<String>> = conn
        .prepare_cached(
            "SELECT r.snapshot FROM documents AS d \
             JOIN revisions AS r ON r.document_key = d.key AND r.revision = ?2 WHERE d.id = ?1",
        )?
        .query_row(params![id_str, int(revision)], |row| row.get(0))
        .optional()?;
    snapshot
        .flatten()
        .map(|s| decode(&s, &id_str, int(revision)))
        .transpose()
}

/// Every revision of a document, oldest first.
pub(crate) fn history(conn: &Connection, id: DocumentId) -> Result<Vec<RevisionInfo>, Fail> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.revision, r.seq, c.kind, c.actor, c.reason, c.at_us, r.hash \
         FROM documents AS d JOIN revisions AS r ON r.document_key = d.key \
         JOIN changes AS c ON c.seq = r.seq \
         WHERE d.id = ?1 ORDER BY r.revision",
    )?;
    let mut rows = stmt.query([id_text(id)])?;
    let mut revisions = Vec::new();
    while let Some(row) = rows.next()? {
        revisions.push(RevisionInfo {
            revision: uint(row.get(0)?)?,
            seq: uint(row.get(1)?)?,
            kind: change_kind(row.get_ref(2)?.as_str()?)?,
            actor: row.get(3)?,
            reason: row.get(4)?,
            at: timestamp(row.get(5)?)?,
            hash: row.get(6)?,
        });
    }
    Ok(revisions)
}

/// A `WHERE` clause over `documents AS d` and its parameters.
struct Conditions {
    clauses: Vec<&'static str>,
    params: Vec<Value>,
}

impl Conditions {
    fn new(filter: &ListFilter) -> Self {
        let mut c = Conditions {
            clauses: Vec::new(),
            params: Vec::new(),
        };
        if !filter.include_deleted {
            c.clauses.push("d.deleted = 0");
        }
        if let Some(doc_type) = filter.doc_type {
            c.add("d.doc_type = ?", doc_type.slug().to_string());
        }
        if filter.date_from.is_some() || filter.date_to.is_some() {
            // A date filter asks about dated documents; an open bound reaches to infinity.
            c.clauses.push("d.date_edtf IS NOT NULL");
        }
        if let Some(from) = filter.date_from {
            c.add("(d.date_latest IS NULL OR d.date_latest >= ?)", from);
        }
        if let Some(to) = filter.date_to {
            // For a dated document the sort day is its earliest day, or the smallest number
            // when the start is open, so this is "earliest <= to, open counting as infinite"
            // in a form the listing-order index can bound its scan with.
            c.add("d.sort_day <= ?", to);
        }
        if let Some(needle) = &filter.title_contains {
            // Folding leaves only ASCII letters, digits and single spaces, so the needle has
            // no characters that instr() could treat specially. A needle that folds to
            // nothing (only punctuation) does not filter.
            let needle = fold(needle);
            if !needle.is_empty() {
                c.add("instr(d.title_folded, ?) > 0", needle);
            }
        }
        if let Some(collection) = &filter.collection {
            c.add(
                "EXISTS (SELECT 1 FROM document_collections AS dc \
                 WHERE dc.document_key = d.key AND dc.collection = ?)",
                collection.clone(),
            );
        }
        c
    }

    fn add(&mut self, clause: &'static str, param: impl Into<Value>) {
        self.clauses.push(clause);
        self.params.push(param.into());
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// One page of a listing.
pub(crate) fn list(
    conn: &Connection,
    filter: &ListFilter,
    page: &Page,
) -> Result<Vec<Summary>, Fail> {
    let mut conditions = Conditions::new(filter);
    if let Some(cursor) = &page.after {
        let (day, id) = parse_cursor(cursor)?;
        conditions.add("(d.sort_day, d.id) > (?, ?)", day);
        conditions.params.push(Value::Text(id_text(id)));
    }
    let sql = format!(
        "SELECT d.id, d.title, d.doc_type, d.date_edtf, d.date_text, d.head_revision, d.updated_us, \
                d.deleted \
         FROM documents AS d{} ORDER BY d.sort_day, d.id LIMIT ?",
        conditions.sql()
    );
    conditions
        .params
        .push(Value::Integer(int(page.limit as u64)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(conditions.params))?;
    let mut summaries = Vec::new();
    while let Some(row) = rows.next()? {
        summaries.push(summary(row)?);
    }
    Ok(summaries)
}

fn summary(row: &Row<'_>) -> Result<Summary, Fail> {
    Ok(Summary {
        id: parse_id(row.get_ref(0)?.as_str()?)?,
        title: row.get(1)?,
        doc_type: doc_type(row.get_ref(2)?.as_str_or_null()?)?,
        date: doc_date(
            row.get_ref(3)?.as_str_or_null()?,
            row.get_ref(4)?.as_str_or_null()?,
        )?,
        revision: uint(row.get(5)?)?,
        updated: timestamp(row.get(6)?)?,
        deleted: row.get(7)?,
    })
}

/// How many documents match.
pub(crate) fn count(conn: &Connection, filter: &ListFilter) -> Result<u64, Fail> {
    let conditions = Conditions::new(filter);
    let sql = format!("SELECT count(*) FROM documents AS d{}", conditions.sql());
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(conditions.params), |row| row.get(0))?;
    uint(n)
}

/// Every matching document's current content, streamed in listing order.
///
/// One statement reads them all, so the scan sees one consistent state of the archive (WAL
/// keeps it while writers go on) and holds one row in memory at a time.
pub(crate) fn scan(
    conn: &Connection,
    filter: &ListFilter,
    f: &mut dyn FnMut(Document) -> Result<(), StoreError>,
) -> Result<(), Fail> {
    let conditions = Conditions::new(filter);
    let sql = format!(
        "SELECT d.id, d.content_revision, r.snapshot FROM documents AS d \
         LEFT JOIN revisions AS r ON r.document_key = d.key AND r.revision = d.content_revision{} \
         ORDER BY d.sort_day, d.id",
        conditions.sql()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(conditions.params))?;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_str()?;
        let revision: i64 = row.get(1)?;
        let snapshot = row.get_ref(2)?.as_str_or_null()?.ok_or_else(|| {
            corrupt(format!(
                "document {id} has no snapshot at its content revision {revision}"
            ))
        })?;
        f(decode(snapshot, id, revision)?)?;
    }
    Ok(())
}

/// The latest sequence number.
pub(crate) fn last_seq(conn: &Connection) -> Result<u64, Fail> {
    let seq: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM changes")?
        .query_row([], |row| row.get(0))?;
    uint(seq)
}

/// Changes after `after_seq`.
pub(crate) fn changes_since(
    conn: &Connection,
    after_seq: u64,
    limit: usize,
) -> Result<Vec<Change>, Fail> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, document_id, revision, kind, actor, reason, at_us FROM changes \
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![int(after_seq), int(limit as u64)])?;
    let mut changes = Vec::new();
    while let Some(row) = rows.next()? {
        changes.push(change(row)?);
    }
    Ok(changes)
}

/// A change-log row read by `SELECT seq, document_id, revision, kind, actor, reason, at_us`.
pub(crate) fn change(row: &Row<'_>) -> Result<Change, Fail> {
    Ok(Change {
        seq: uint(row.get(0)?)?,
        id: parse_id(row.get_ref(1)?.as_str()?)?,
        revision: uint(row.get(2)?)?,
        kind: change_kind(row.get_ref(3)?.as_str()?)?,
        actor: row.get(4)?,
        reason: row.get(5)?,
        at: timestamp(row.get(6)?)?,
    })
}

/// The conditions of a heads query (all but the resumption point), as SQL and parameters.
fn head_conditions(query: &HeadQuery) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut params = Vec::new();
    if let Some(from) = query.from {
        sql.push_str(" AND c.at_us >= ?");
        params.push(Value::Integer(micros(from)));
    }
    if let Some(until) = query.until {
        sql.push_str(" AND c.at_us <= ?");
        params.push(Value::Integer(micros(until)));
    }
    if let Some(doc_type) = query.doc_type {
        sql.push_str(" AND d.doc_type = ?");
        params.push(Value::Text(doc_type.slug().to_string()));
    }
    if let Some(collection) = &query.collection {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM document_collections AS dc \
               WHERE dc.document_key = d.key AND dc.collection = ?)",
        );
        params.push(Value::Text(collection.clone()));
    }
    if let Some(visible) = &query.visible {
        let mut alternatives: Vec<String> = Vec::new();
        for level in &visible.levels {
            alternatives.push("d.access = ?".into());
            params.push(Value::Text(level.as_str().to_string()));
        }
        if let Some(day) = visible.embargo_ended_by {
            alternatives.push("(d.access = 'embargoed' AND d.embargo_until <= ?)".into());
            params.push(Value::Text(day.to_string()));
        }
        if alternatives.is_empty() {
            sql.push_str(" AND 0");
        } else {
            sql.push_str(&format!(" AND ({})", alternatives.join(" OR ")));
        }
    }
    (sql, params)
}

/// Current heads in change-log order after `query.after_seq`.
pub(crate) fn heads(conn: &Connection, query: &HeadQuery, limit: usize) -> Result<Vec<Head>, Fail> {
    let (conditions, mut params) = head_conditions(query);
    // Walking revisions by sequence and keeping those that are a document's head visits each
    // document once, at its latest change.
    let sql = format!(
        "SELECT d.id, r.seq, c.at_us, d.deleted, d.access, d.embargo_until, d.doc_type, d.key \
         FROM revisions AS r \
         JOIN documents AS d ON d.key = r.document_key AND d.head_revision = r.revision \
         JOIN changes AS c ON c.seq = r.seq \
         WHERE r.seq > ?{conditions} ORDER BY r.seq LIMIT ?"
    );
    params.insert(0, Value::Integer(int(query.after_seq)));
    params.push(Value::Integer(int(limit as u64)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut heads = Vec::new();
    let mut keys = Vec::new();
    while let Some(row) = rows.next()? {
        let access: String = row.get(4)?;
        let embargo: Option<String> = row.get(5)?;
        heads.push(Head {
            id: parse_id(row.get_ref(0)?.as_str()?)?,
            seq: uint(row.get(1)?)?,
            at: timestamp(row.get(2)?)?,
            deleted: row.get(3)?,
            access: access.parse().map_err(|e: String| corrupt(e))?,
            embargo_until: embargo
                .map(|e| {
                    e.parse::<jiff::civil::Date>()
                        .map_err(|err| corrupt(format!("embargo date '{e}': {err}")))
                })
                .transpose()?,
            doc_type: doc_type(row.get_ref(6)?.as_str_or_null()?)?,
            collections: Vec::new(),
        });
        keys.push(row.get::<_, i64>(7)?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT collection FROM document_collections WHERE document_key = ?1 ORDER BY collection",
    )?;
    for (head, key) in heads.iter_mut().zip(keys) {
        let mut rows = stmt.query([key])?;
        while let Some(row) = rows.next()? {
            head.collections.push(row.get(0)?);
        }
    }
    Ok(heads)
}

/// How many heads a query selects.
pub(crate) fn count_heads(conn: &Connection, query: &HeadQuery) -> Result<u64, Fail> {
    let (conditions, params) = head_conditions(query);
    let sql = format!(
        "SELECT COUNT(*) FROM documents AS d \
         JOIN revisions AS r ON r.document_key = d.key AND r.revision = d.head_revision \
         JOIN changes AS c ON c.seq = r.seq WHERE 1 = 1{conditions}"
    );
    let count: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(params), |row| row.get(0))?;
    uint(count)
}

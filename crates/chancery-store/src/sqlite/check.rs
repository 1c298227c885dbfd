//! `check`: verifies the archive's invariants and describes every breach in a sentence.
//!
//! Everything runs in one read transaction, so the report describes one consistent state even
//! while an import goes on. Revisions are streamed document by document; memory holds one
//! document's walk at a time.

use chancery_model::Document;
use chancery_model::fold::fold;
use rusqlite::{Connection, OptionalExtension, Row};

use super::codec::uint;
use super::fail::Fail;
use crate::order::sort_day;
use crate::revision::{chain_hash, decode_snapshot};
use crate::types::CheckReport;

/// Runs every check.
pub(crate) fn run(conn: &Connection) -> Result<CheckReport, Fail> {
    let tx = conn.unchecked_transaction()?;
    let mut report = CheckReport::default();
    sqlite_integrity(&tx, &mut report)?;
    change_log(&tx, &mut report)?;
    revisions_match_changes(&tx, &mut report)?;
    documents(&tx, &mut report)?;
    journal(&tx, &mut report)?;
    counts(&tx, &mut report)?;
    tx.finish()?;
    Ok(report)
}

/// SQLite's own page-level check and the foreign keys.
fn sqlite_integrity(conn: &Connection, report: &mut CheckReport) -> Result<(), Fail> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let line: String = row.get(0)?;
        if line != "ok" {
            report.problem(format!("SQLite finds the database file damaged: {line}"));
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let table: String = row.get(0)?;
        let rowid: Option<i64> = row.get(1)?;
        let parent: String = row.get(2)?;
        let rowid = rowid.map_or_else(|| "a row".to_string(), |id| format!("row {id}"));
        report.problem(format!(
            "{rowid} of table {table} refers to a missing row of table {parent}"
        ));
    }
    Ok(())
}

/// Sequence numbers run 1, 2, 3… with no gap up to the last one ever handed out, and change
/// times never go back.
fn change_log(conn: &Connection, report: &mut CheckReport) -> Result<(), Fail> {
    let mut stmt = conn.prepare("SELECT seq, at_us FROM changes ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut previous: Option<(u64, i64)> = None;
    while let Some(row) = rows.next()? {
        let seq = uint(row.get(0)?)?;
        let at: i64 = row.get(1)?;
        let (prev_seq, prev_at) = previous.unwrap_or((0, i64::MIN));
        if seq != prev_seq + 1 {
            let missing = if seq == prev_seq + 2 {
                format!("sequence {} is missing", prev_seq + 1)
            } else {
                format!("sequences {} to {} are missing", prev_seq + 1, seq - 1)
            };
            report.problem(format!(
                "the change log jumps from sequence {prev_seq} to {seq}: {missing}"
            ));
        }
        if at < prev_at {
            report.problem(format!(
                "change-log sequence {seq} is dated before sequence {prev_seq}"
            ));
        }
        previous = Some((seq, at));
    }
    let last = previous.map_or(0, |(seq, _)| seq);
    let handed_out: Option<i64> = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'changes'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let handed_out = handed_out.map(uint).transpose()?.unwrap_or(0);
    if handed_out > last {
        report.problem(format!(
            "the change log ends at sequence {last}, but sequence numbers up to {handed_out} were \
             handed out: the entries after {last} are missing"
        ));
    }
    Ok(())
}

/// Each revision has exactly one change-log entry, for the same document and revision, and
/// tombstones are exactly the revisions logged as deletions.
fn revisions_match_changes(conn: &Connection, report: &mut CheckReport) -> Result<(), Fail> {
    let mut stmt = conn.prepare(
        "SELECT c.seq, c.document_id, c.revision FROM changes AS c \
         LEFT JOIN revisions AS r ON r.seq = c.seq WHERE r.seq IS NULL ORDER BY c.seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (seq, id, revision) = seq_id_revision(row)?;
        report.problem(format!(
            "change-log sequence {seq} (document {id}, revision {revision}) has no stored revision"
        ));
    }
    let mut stmt = conn.prepare(
        "SELECT r.seq, COALESCE(d.id, 'with internal key ' || r.document_key), r.revision FROM revisions AS r \
         LEFT JOIN documents AS d ON d.key = r.document_key \
         LEFT JOIN changes AS c ON c.seq = r.seq WHERE c.seq IS NULL ORDER BY r.seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (seq, id, revision) = seq_id_revision(row)?;
        report.problem(format!(
            "revision {revision} of document {id} (sequence {seq}) has no change-log entry"
        ));
    }
    let mut stmt = conn.prepare(
        "SELECT r.seq, COALESCE(d.id, 'with internal key ' || r.document_key), r.revision, c.document_id, c.revision, c.kind, \
                r.snapshot IS NULL \
         FROM revisions AS r JOIN changes AS c ON c.seq = r.seq \
         LEFT JOIN documents AS d ON d.key = r.document_key \
         WHERE d.id IS NOT c.document_id OR r.revision != c.revision \
            OR ((c.kind = 'delete') != (r.snapshot IS NULL)) \
         ORDER BY r.seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (seq, id, revision) = seq_id_revision(row)?;
        let logged_id: String = row.get(3)?;
        let logged_revision: i64 = row.get(4)?;
        let kind: String = row.get(5)?;
        let tombstone: bool = row.get(6)?;
        if logged_id != id || logged_revision != revision {
            report.problem(format!(
                "change-log sequence {seq} names revision {logged_revision} of document \
                 {logged_id}, but the revision stored under it is revision {revision} of document {id}"
            ));
        } else if tombstone {
            report.problem(format!(
                "revision {revision} of document {id} (sequence {seq}) has no snapshot, but the \
                 change log calls it '{kind}', not a deletion"
            ));
        } else {
            report.problem(format!(
                "revision {revision} of document {id} (sequence {seq}) is logged as a deletion \
                 but holds a snapshot"
            ));
        }
    }
    Ok(())
}

fn seq_id_revision(row: &Row<'_>) -> Result<(i64, String, i64), Fail> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
}

/// What the walk through one document's revisions found.
struct Walk {
    /// The internal key the revisions are filed under.
    key: i64,
    /// The document's identifier, to name it in problems.
    id: String,
    next_revision: u64,
    last_revision: u64,
    last_hash: String,
    first_at: i64,
    last_at: i64,
    tombstone: bool,
    /// The latest revision with a snapshot, and the snapshot.
    content: Option<(u64, String)>,
    /// The latest revision written by an import, and its snapshot.
    imported: Option<(u64, String)>,
}

impl Walk {
    fn new(key: i64, id: String, at: i64) -> Self {
        Walk {
            key,
            id,
            next_revision: 1,
            last_revision: 0,
            last_hash: String::new(),
            first_at: at,
            last_at: at,
            tombstone: false,
            content: None,
            imported: None,
        }
    }
}

/// Walks every document's revisions: numbering, hash chain, and the current-state tables.
fn documents(conn: &Connection, report: &mut CheckReport) -> Result<(), Fail> {
    let mut stmt = conn.prepare(
        "SELECT r.document_key, COALESCE(d.id, 'with internal key ' || r.document_key), r.revision, r.snapshot, r.hash, c.at_us, \
                c.import_run \
         FROM revisions AS r LEFT JOIN changes AS c ON c.seq = r.seq \
         LEFT JOIN documents AS d ON d.key = r.document_key \
         ORDER BY r.document_key, r.revision",
    )?;
    let mut rows = stmt.query([])?;
    let mut walk: Option<Walk> = None;
    while let Some(row) = rows.next()? {
        let key: i64 = row.get(0)?;
        let id: String = row.get(1)?;
        let revision = uint(row.get(2)?)?;
        let snapshot: Option<String> = row.get(3)?;
        let hash: String = row.get(4)?;
        // A revision without a change-log entry was reported already; its time is unknown.
        let at: i64 = row.get::<_, Option<i64>>(5)?.unwrap_or(i64::MIN);
        let imported = row.get::<_, Option<i64>>(6)?.is_some();
        if walk.as_ref().is_none_or(|w| w.key != key) {
            if let Some(done) = walk.take() {
                finish_document(conn, report, done)?;
            }
            walk = Some(Walk::new(key, id.clone(), at));
        }
        let Some(w) = walk.as_mut() else { continue };
        if revision != w.next_revision {
            report.problem(format!(
                "document {id}: revision numbers jump from {} to {revision}",
                w.last_revision
            ));
        }
        if chain_hash(&w.last_hash, snapshot.as_deref()) != hash {
            report.problem(format!(
                "document {id}: revision {revision} does not match its hash (its snapshot or an \
                 earlier revision was altered)"
            ));
        }
        w.next_revision = revision + 1;
        w.last_revision = revision;
        w.last_hash = hash;
        w.last_at = at;
        w.tombstone = snapshot.is_none();
        if let Some(snapshot) = snapshot {
            if imported {
                w.imported = Some((revision, snapshot.clone()));
            }
            w.content = Some((revision, snapshot));
        }
    }
    if let Some(done) = walk.take() {
        finish_document(conn, report, done)?;
    }
    let mut stmt = conn.prepare(
        "SELECT d.id FROM documents AS d \
         WHERE NOT EXISTS (SELECT 1 FROM revisions AS r WHERE r.document_key = d.key) \
         ORDER BY d.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        report.problem(format!("document {id} is listed but has no revisions"));
    }
    Ok(())
}

/// The current-state row of one document, as stored.
struct StoredState {
    head_revision: i64,
    content_revision: i64,
    deleted: bool,
    head_hash: String,
    content_hash: String,
    import_hash: Option<String>,
    created_us: i64,
    updated_us: i64,
    listing: Listing,
}

/// The columns a listing reads, which must follow the content snapshot.
#[derive(Debug, PartialEq)]
struct Listing {
    title: String,
    title_folded: String,
    doc_type: Option<String>,
    date_edtf: Option<String>,
    date_text: Option<String>,
    date_earliest: Option<i64>,
    date_latest: Option<i64>,
    sort_day: i64,
    access: String,
    language: Option<String>,
    embargo_until: Option<String>,
    collections: Vec<String>,
}

impl Listing {
    fn of(doc: &Document) -> Self {
        let date = doc.date.as_ref();
        let mut collections = doc.collections.clone();
        collections.sort();
        collections.dedup();
        Listing {
            title: doc.title.clone(),
            title_folded: fold(&doc.title),
            doc_type: doc.doc_type.map(|t| t.slug().to_string()),
            date_edtf: date.map(|d| d.edtf().to_string()),
            date_text: date.and_then(|d| d.text()).map(str::to_string),
            date_earliest: date.and_then(|d| d.earliest()),
            date_latest: date.and_then(|d| d.latest()),
            sort_day: sort_day(date),
            access: doc.rights.access.as_str().to_string(),
            language: doc.language.clone(),
            embargo_until: doc.rights.embargo_until.map(|d| d.to_string()),
            collections,
        }
    }
}

fn stored_state(conn: &Connection, key: i64) -> Result<Option<StoredState>, Fail> {
    let state = conn
        .prepare_cached(
            "SELECT head_revision, content_revision, deleted, head_hash, content_hash, import_hash, \
                    created_us, updated_us, title, title_folded, doc_type, date_edtf, date_text, \
                    date_earliest, date_latest, sort_day, access, language, embargo_until \
             FROM documents WHERE key = ?1",
        )?
        .query_row([key], |row| {
            Ok(StoredState {
                head_revision: row.get(0)?,
                content_revision: row.get(1)?,
                deleted: row.get(2)?,
                head_hash: row.get(3)?,
                content_hash: row.get(4)?,
                import_hash: row.get(5)?,
                created_us: row.get(6)?,
                updated_us: row.get(7)?,
                listing: Listing {
                    title: row.get(8)?,
                    title_folded: row.get(9)?,
                    doc_type: row.get(10)?,
                    date_edtf: row.get(11)?,
                    date_text: row.get(12)?,
                    date_earliest: row.get(13)?,
                    date_latest: row.get(14)?,
                    sort_day: row.get(15)?,
                    access: row.get(16)?,
                    language: row.get(17)?,
                    embargo_until: row.get(18)?,
                    collections: Vec::new(),
                },
            })
        })
        .optional()?;
    let Some(mut state) = state else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT collection FROM document_collections WHERE document_key = ?1 ORDER BY collection",
    )?;
    let mut rows = stmt.query([key])?;
    while let Some(row) = rows.next()? {
        state.listing.collections.push(row.get(0)?);
    }
    Ok(Some(state))
}

/// Compares what the walk found with the document's current-state row.
fn finish_document(conn: &Connection, report: &mut CheckReport, walk: Walk) -> Result<(), Fail> {
    let id = walk.id.as_str();
    let Some(state) = stored_state(conn, walk.key)? else {
        report.problem(format!(
            "revisions are filed under internal document key {}, but no document has that key",
            walk.key
        ));
        return Ok(());
    };
    let mut differs = |what: &str, stored: String, actual: String| {
        if stored != actual {
            report.problem(format!(
                "document {id}: the documents table has {what} {stored}, but its revisions say {actual}"
            ));
        }
    };
    differs(
        "head revision",
        state.head_revision.to_string(),
        walk.last_revision.to_string(),
    );
    differs("head hash", state.head_hash.clone(), walk.last_hash.clone());
    differs(
        "deleted",
        state.deleted.to_string(),
        walk.tombstone.to_string(),
    );
    differs(
        "created time",
        state.created_us.to_string(),
        walk.first_at.to_string(),
    );
    differs(
        "updated time",
        state.updated_us.to_string(),
        walk.last_at.to_string(),
    );
    let Some((content_revision, snapshot)) = &walk.content else {
        report.problem(format!("document {id} has no revision with content"));
        return Ok(());
    };
    differs(
        "content revision",
        state.content_revision.to_string(),
        content_revision.to_string(),
    );
    let doc = match decode_snapshot(snapshot) {
        Ok(doc) => doc,
        Err(e) => {
            report.problem(format!(
                "document {id}: the snapshot of revision {content_revision} does not parse as a \
                 document: {e}"
            ));
            return Ok(());
        }
    };
    if doc.id.to_string() != id || doc.revision != *content_revision {
        report.problem(format!(
            "document {id}: the snapshot of revision {content_revision} says it is revision {} of \
             document {}",
            doc.revision, doc.id
        ));
    }
    let content_hash = doc.content_hash();
    if state.content_hash != content_hash {
        report.problem(format!(
            "document {id}: the stored content hash {} is not the hash of revision \
             {content_revision}'s content ({content_hash})",
            state.content_hash
        ));
    }
    let import_hash = match &walk.imported {
        None => None,
        Some((revision, _)) if revision == content_revision => Some(content_hash),
        Some((revision, snapshot)) => match decode_snapshot(snapshot) {
            Ok(imported) => Some(imported.content_hash()),
            Err(e) => {
                report.problem(format!(
                    "document {id}: the snapshot of revision {revision} does not parse as a document: {e}"
                ));
                return Ok(());
            }
        },
    };
    if state.import_hash != import_hash {
        report.problem(format!(
            "document {id}: the stored hash of the last imported content ({}) is not that of the \
             last revision written by an import ({})",
            state.import_hash.as_deref().unwrap_or("none"),
            import_hash.as_deref().unwrap_or("none")
        ));
    }
    let expected = Listing::of(&doc);
    if state.listing != expected {
        report.problem(format!(
            "document {id}: the listing columns ({:?}) do not follow the content of revision \
             {content_revision} ({expected:?})",
            state.listing
        ));
    }
    Ok(())
}

/// Journal rows and logged imports refer to runs that exist.
fn journal(conn: &Connection, report: &mut CheckReport) -> Result<(), Fail> {
    let mut stmt = conn.prepare(
        "SELECT f.id, f.path, f.run_id FROM import_files AS f \
         LEFT JOIN import_runs AS r ON r.id = f.run_id WHERE r.id IS NULL ORDER BY f.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (row_id, path, run): (i64, String, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
        report.problem(format!(
            "import journal row {row_id} (file {path}) belongs to import run {run}, which does not exist"
        ));
    }
    let mut stmt = conn.prepare(
        "SELECT c.seq, c.import_run FROM changes AS c \
         LEFT JOIN import_runs AS r ON r.id = c.import_run \
         WHERE c.import_run IS NOT NULL AND r.id IS NULL ORDER BY c.seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (seq, run): (i64, i64) = (row.get(0)?, row.get(1)?);
        report.problem(format!(
            "change-log sequence {seq} names import run {run}, which does not exist"
        ));
    }
    Ok(())
}

fn counts(conn: &Connection, report: &mut CheckReport) -> Result<(), Fail> {
    let count =
        |sql: &str| -> Result<u64, Fail> { uint(conn.query_row(sql, [], |row| row.get(0))?) };
    report.documents = count("SELECT count(*) FROM documents")?;
    report.deleted_documents = count("SELECT count(*) FROM documents WHERE deleted = 1")?;
    report.revisions = count("SELECT count(*) FROM revisions")?;
    report.changes = count("SELECT count(*) FROM changes")?;
    report.import_runs = count("SELECT count(*) FROM import_runs")?;
    report.import_files = count("SELECT count(*) FROM import_files")?;
    Ok(())
}

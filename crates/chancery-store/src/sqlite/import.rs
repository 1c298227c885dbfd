//! The import journal, and committing an import's documents with it.

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{int, micros, timestamp, uint};
use super::fail::{Fail, corrupt};
use super::write::{Author, append_content, begin, load_head, write_time};
use crate::clock::Clock;
use crate::error::StoreError;
use crate::types::{
    ChangeKind, DocOutcome, FileOutcome, FileRecord, FileResult, ImportRun, ImportRunId,
    ImportedFile, NewImportRun, RunStatus,
};

/// Records the start of a run.
pub(crate) fn begin_run(
    conn: &mut Connection,
    clock: &dyn Clock,
    run: &NewImportRun,
) -> Result<ImportRunId, Fail> {
    let tx = begin(conn)?;
    let at = write_time(&tx, clock)?;
    tx.execute(
        "INSERT INTO import_runs (actor, arguments, started_us, status) VALUES (?1, ?2, ?3, 'running')",
        params![run.actor, run.arguments, micros(at)],
    )?;
    let id = ImportRunId(uint(tx.last_insert_rowid())?);
    tx.commit()?;
    Ok(id)
}

/// Fails unless `run` exists and has not been finished.
fn require_running(conn: &Connection, run: ImportRunId) -> Result<(), Fail> {
    let status: Option<String> = conn
        .prepare_cached("SELECT status FROM import_runs WHERE id = ?1")?
        .query_row([int(run.0)], |row| row.get(0))
        .optional()?;
    match status.as_deref() {
        None => Err(StoreError::ImportRunNotFound { run }.into()),
        Some("running") => Ok(()),
        Some(_) => Err(StoreError::ImportRunFinished { run }.into()),
    }
}

/// Per-file tallies for the journal row.
#[derive(Default)]
struct Tally {
    new: u64,
    changed: u64,
    unchanged: u64,
    kept_deleted: u64,
}

impl Tally {
    fn add(&mut self, outcome: DocOutcome) {
        match outcome {
            DocOutcome::New => self.new += 1,
            DocOutcome::Changed => self.changed += 1,
            DocOutcome::Unchanged => self.unchanged += 1,
            DocOutcome::KeptDeleted => self.kept_deleted += 1,
        }
    }
}

/// Commits one batch of files in one transaction: every document write and journal row, or
/// (when anything fails, including one invalid document) none of them.
pub(crate) fn commit_batch(
    conn: &mut Connection,
    clock: &dyn Clock,
    run: ImportRunId,
    files: Vec<ImportedFile>,
) -> Result<Vec<FileResult>, Fail> {
    let tx = begin(conn)?;
    require_running(&tx, run)?;
    let at = write_time(&tx, clock)?;
    let actor: String = tx
        .prepare_cached("SELECT actor FROM import_runs WHERE id = ?1")?
        .query_row([int(run.0)], |row| row.get(0))?;
    let mut results = Vec::with_capacity(files.len());
    for file in files {
        let ImportedFile {
            path,
            sha256,
            size,
            format,
            documents,
            error,
            warnings,
        } = file;
        let mut tally = Tally::default();
        let mut outcomes = Vec::with_capacity(documents.len());
        if error.is_none() {
            let reason = format!("import run {run}: {path}");
            let author = Author {
                actor: &actor,
                reason: &reason,
                at,
                import_run: Some(int(run.0)),
            };
            for doc in documents {
                let id = doc.id;
                let outcome = import_document(&tx, doc, &path, &author)?;
                tally.add(outcome);
                outcomes.push((id, outcome));
            }
        }
        let outcome = if error.is_some() {
            FileOutcome::Failed
        } else {
            FileOutcome::Imported
        };
        let warnings_json = serde_json::to_string(&warnings)
            .map_err(|e| corrupt(format!("warnings of {path}: {e}")))?;
        tx.prepare_cached(
            "INSERT INTO import_files (run_id, path, sha256, size, format, outcome, error, warnings, \
             new, changed, unchanged, kept_deleted, at_us) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            int(run.0),
            path,
            sha256,
            int(size),
            format,
            outcome.as_str(),
            error,
            warnings_json,
            int(tally.new),
            int(tally.changed),
            int(tally.unchanged),
            int(tally.kept_deleted),
            micros(at),
        ])?;
        results.push(FileResult {
            path,
            documents: outcomes,
        });
    }
    tx.commit()?;
    Ok(results)
}

fn import_document(
    tx: &rusqlite::Transaction<'_>,
    doc: chancery_model::Document,
    path: &str,
    author: &Author<'_>,
) -> Result<DocOutcome, Fail> {
    if let Err(problems) = doc.validate() {
        return Err(StoreError::Invalid {
            id: doc.id,
            path: Some(path.to_string()),
            problems,
        }
        .into());
    }
    let content_hash = doc.content_hash();
    let head = load_head(tx, doc.id)?;
    Ok(match head {
        None => {
            append_content(tx, doc, content_hash, None, ChangeKind::Create, author)?;
            DocOutcome::New
        }
        // An import never brings back what an editor deleted.
        Some(head) if head.deleted => DocOutcome::KeptDeleted,
        // Equal to the current content, or to what an import last wrote (an editor has
        // changed it since, and re-importing the same source must not undo that).
        Some(head)
            if head.content_hash == content_hash
                || head.import_hash.as_deref() == Some(content_hash.as_str()) =>
        {
            DocOutcome::Unchanged
        }
        Some(head) => {
            append_content(
                tx,
                doc,
                content_hash,
                Some(&head),
                ChangeKind::Update,
                author,
            )?;
            DocOutcome::Changed
        }
    })
}

/// Records how a run ended.
pub(crate) fn finish(
    conn: &mut Connection,
    clock: &dyn Clock,
    run: ImportRunId,
    status: RunStatus,
) -> Result<(), Fail> {
    let tx = begin(conn)?;
    require_running(&tx, run)?;
    let at = write_time(&tx, clock)?;
    tx.execute(
        "UPDATE import_runs SET status = ?2, finished_us = ?3 WHERE id = ?1",
        params![int(run.0), status.as_str(), micros(at)],
    )?;
    tx.commit()?;
    Ok(())
}

/// The latest runs, newest first.
pub(crate) fn runs(conn: &Connection, limit: usize) -> Result<Vec<ImportRun>, Fail> {
    // Limit the runs first, then add up only their files.
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.actor, r.arguments, r.started_us, r.finished_us, r.status, \
                COUNT(f.id), COALESCE(SUM(f.outcome = 'failed'), 0), COALESCE(SUM(f.new), 0), \
                COALESCE(SUM(f.changed), 0), COALESCE(SUM(f.unchanged), 0), \
                COALESCE(SUM(f.kept_deleted), 0), COALESCE(SUM(json_array_length(f.warnings)), 0) \
         FROM (SELECT * FROM import_runs ORDER BY id DESC LIMIT ?1) AS r \
         LEFT JOIN import_files AS f ON f.run_id = r.id \
         GROUP BY r.id ORDER BY r.id DESC",
    )?;
    let mut rows = stmt.query([int(limit as u64)])?;
    let mut runs = Vec::new();
    while let Some(row) = rows.next()? {
        let status: String = row.get(5)?;
        let status = match status.as_str() {
            "completed" => RunStatus::Completed,
            "failed" => RunStatus::Failed,
            // A run still marked running was never finished: the process stopped (or is
            // still at work; the journal cannot tell).
            "interrupted" | "running" => RunStatus::Interrupted,
            other => return Err(corrupt(format!("import run status '{other}' is unknown"))),
        };
        runs.push(ImportRun {
            id: ImportRunId(uint(row.get(0)?)?),
            actor: row.get(1)?,
            arguments: row.get(2)?,
            started: timestamp(row.get(3)?)?,
            finished: row.get::<_, Option<i64>>(4)?.map(timestamp).transpose()?,
            status,
            files: uint(row.get(6)?)?,
            failed_files: uint(row.get(7)?)?,
            new: uint(row.get(8)?)?,
            changed: uint(row.get(9)?)?,
            unchanged: uint(row.get(10)?)?,
            kept_deleted: uint(row.get(11)?)?,
            warnings: uint(row.get(12)?)?,
        });
    }
    Ok(runs)
}

/// The journal rows of one run.
pub(crate) fn files(conn: &Connection, run: ImportRunId) -> Result<Vec<FileRecord>, Fail> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM import_runs WHERE id = ?1)")?
        .query_row([int(run.0)], |row| row.get(0))?;
    if !exists {
        return Err(StoreError::ImportRunNotFound { run }.into());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT path, sha256, size, format, outcome, error, warnings, new, changed, unchanged, \
                kept_deleted, at_us \
         FROM import_files WHERE run_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([int(run.0)])?;
    let mut files = Vec::new();
    while let Some(row) = rows.next()? {
        let path: String = row.get(0)?;
        let outcome = match row.get_ref(4)?.as_str()? {
            "imported" => FileOutcome::Imported,
            "failed" => FileOutcome::Failed,
            other => {
                return Err(corrupt(format!(
                    "journal outcome '{other}' of {path} is unknown"
                )));
            }
        };
        let warnings: Vec<String> =
            serde_json::from_str(row.get_ref(6)?.as_str()?).map_err(|e| {
                corrupt(format!(
                    "the journaled warnings of {path} do not read back: {e}"
                ))
            })?;
        files.push(FileRecord {
            sha256: row.get(1)?,
            size: uint(row.get(2)?)?,
            format: row.get(3)?,
            outcome,
            error: row.get(5)?,
            warnings,
            new: uint(row.get(7)?)?,
            changed: uint(row.get(8)?)?,
            unchanged: uint(row.get(9)?)?,
            kept_deleted: uint(row.get(10)?)?,
            at: timestamp(row.get(11)?)?,
            path,
        });
    }
    Ok(files)
}

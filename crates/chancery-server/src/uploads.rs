//! Uploads through the one ingest pipeline: files an editor sends from the browser are
//! written to a fresh folder under the data directory (`DATA/uploads/…`), imported there by
//! [`chancery_ingest::import`] on a blocking thread, and the folder is removed when the run
//! ends (the documents' provenance keeps each file's name and checksum). Each upload is a
//! [`Job`] kept in memory (the latest [`MAX_JOBS`]) that its page polls: how many files are
//! read and committed, then every file's outcome (new, changed, unchanged documents; for a
//! failure each problem with its line and column).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chancery_ingest::{ImportOptions, Observer};
use chancery_store::{FileOutcome, NewAuditEntry};

use crate::edits::refresh_index;
use crate::state::AppState;

/// Upload jobs kept for their pages.
pub const MAX_JOBS: usize = 100;

/// What a job is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Importing.
    Running,
    /// Done: every file's outcome.
    Done,
    /// The import could not go on (the store refused a write); the message says why.
    Failed(String),
}

/// One file's outcome.
#[derive(Debug, Clone, Default)]
pub struct FileResult {
    /// The file's name as uploaded.
    pub name: String,
    /// `new`, `changed`, `unchanged`, `failed` or `skipped` (no reader handles it).
    pub outcome: &'static str,
    /// Documents written as new.
    pub new: u64,
    /// Documents written as changed.
    pub changed: u64,
    /// Documents found unchanged.
    pub unchanged: u64,
    /// Documents an editor deleted, left deleted.
    pub kept_deleted: u64,
    /// For a failure: each problem, with line and column where known.
    pub problems: Vec<String>,
    /// What the reader noticed.
    pub warnings: Vec<String>,
}

/// An upload and its import.
#[derive(Debug)]
pub struct Job {
    /// The job's identifier (random: it is in the page's address).
    pub id: String,
    /// Who uploaded (only they and administrators see the job).
    pub owner: u64,
    /// The files' names, in the order sent.
    pub names: Vec<String>,
    /// Files read so far.
    pub read: AtomicUsize,
    /// Files committed so far.
    pub committed: AtomicUsize,
    /// Where the job stands.
    pub phase: Mutex<Phase>,
    /// The outcomes, when done.
    pub results: Mutex<Vec<FileResult>>,
    /// The import run in the journal.
    pub run: AtomicU64,
}

impl Job {
    /// Where the job stands.
    pub fn phase(&self) -> Phase {
        match self.phase.lock() {
            Ok(p) => p.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// The outcomes (empty while running).
    pub fn results(&self) -> Vec<FileResult> {
        match self.results.lock() {
            Ok(r) => r.clone(),
            Err(r) => r.into_inner().clone(),
        }
    }

    fn set_phase(&self, phase: Phase) {
        match self.phase.lock() {
            Ok(mut p) => *p = phase,
            Err(p) => *p.into_inner() = phase,
        }
    }
}

/// Jobs by identifier, and their identifiers oldest first.
type Registry = (HashMap<String, Arc<Job>>, Vec<String>);

/// The jobs of this server.
#[derive(Debug, Default)]
pub struct Jobs {
    jobs: Mutex<Registry>,
}

impl Jobs {
    /// Keeps a new job (forgetting the oldest beyond [`MAX_JOBS`]).
    pub fn add(&self, job: Arc<Job>) {
        let mut guard = match self.jobs.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let (map, order) = &mut *guard;
        order.push(job.id.clone());
        map.insert(job.id.clone(), job);
        while order.len() > MAX_JOBS {
            let old = order.remove(0);
            map.remove(&old);
        }
    }

    /// A job by identifier.
    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        let guard = match self.jobs.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        guard.0.get(id).cloned()
    }
}

/// A file's name made safe to write in the upload folder: no folders, no leading dots, no
/// control characters; `upload` when nothing is left.
pub fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    let cleaned: String = cleaned.chars().take(200).collect();
    if cleaned.is_empty() {
        "upload".into()
    } else {
        cleaned
    }
}

/// A problem in a file, with its line and column when known.
fn problem(e: &chancery_formats::FormatError) -> String {
    match (e.line, e.column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: {}", e.message),
        (Some(l), None) => format!("line {l}: {}", e.message),
        _ => e.message.clone(),
    }
}

/// The folder of a new upload: `DATA/uploads/job-ID`.
pub fn folder(state: &AppState, job: &str) -> PathBuf {
    state.data_dir().join("uploads").join(format!("job-{job}"))
}

struct Progress<'a>(&'a Job);

impl Observer for Progress<'_> {
    fn file_read(&self, _path: &str, _documents: usize, _failed: bool) {
        self.0.read.fetch_add(1, Ordering::SeqCst);
    }
    fn committed(&self, files: usize, _documents: usize) {
        self.0.committed.fetch_add(files, Ordering::SeqCst);
    }
}

/// Imports the files in `dir` (written there under the names in `files`: stored name →
/// name as uploaded) for `job`, then removes the folder. Runs on a blocking thread.
pub fn run(
    state: &AppState,
    job: &Job,
    dir: &Path,
    files: &BTreeMap<String, String>,
    actor: &str,
    address: Option<String>,
) {
    let store = state.store();
    // Uploads are enriched like `chancery import`, against the archive's records as they
    // are now (so records made or merged by editors count at once).
    let enrich = match chancery_ingest::Enricher::from_store(store.as_ref()) {
        Ok(enricher) => Some(enricher),
        Err(e) => {
            tracing::warn!(error = %e, "uploads are imported without enrichment");
            None
        }
    };
    let options = ImportOptions {
        actor: actor.to_string(),
        arguments: format!("upload by {actor}: {}", job.names.join(", ")),
        enrich,
        ..ImportOptions::default()
    };
    let outcome = chancery_ingest::import(
        store.as_ref(),
        &[dir.to_path_buf()],
        &options,
        &Progress(job),
        &AtomicBool::new(false),
    );
    let display = |path: &str| -> String {
        Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| files.get(n))
            .cloned()
            .unwrap_or_else(|| path.to_string())
    };
    match outcome {
        Ok(summary) => {
            if let Some(run) = summary.run {
                job.run.store(run.0, Ordering::SeqCst);
            }
            let mut results: Vec<FileResult> = Vec::new();
            let journal = summary
                .run
                .map(|run| store.import_files(run))
                .transpose()
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "the upload's journal could not be read");
                    None
                })
                .unwrap_or_default();
            for record in journal {
                let failure = summary.failures.iter().find(|f| f.path == record.path);
                let outcome = if record.outcome == FileOutcome::Failed || failure.is_some() {
                    "failed"
                } else if record.new > 0 {
                    "new"
                } else if record.changed > 0 {
                    "changed"
                } else {
                    "unchanged"
                };
                results.push(FileResult {
                    name: display(&record.path),
                    outcome,
                    new: record.new,
                    changed: record.changed,
                    unchanged: record.unchanged,
                    kept_deleted: record.kept_deleted,
                    problems: failure
                        .map(|f| f.errors.iter().map(problem).collect())
                        .or_else(|| record.error.clone().map(|e| vec![e]))
                        .unwrap_or_default(),
                    warnings: record.warnings.clone(),
                });
            }
            for failure in &summary.failures {
                if !results.iter().any(|r| r.name == display(&failure.path)) {
                    results.push(FileResult {
                        name: display(&failure.path),
                        outcome: "failed",
                        problems: failure.errors.iter().map(problem).collect(),
                        ..FileResult::default()
                    });
                }
            }
            for skipped in &summary.files_skipped {
                results.push(FileResult {
                    name: display(skipped),
                    outcome: "skipped",
                    problems: vec![
                        "no reader handles this kind of file (CVCE text, TEI, Dublin Core, \
                         JSON Lines, CSV)"
                            .into(),
                    ],
                    ..FileResult::default()
                });
            }
            results.sort_by(|a, b| a.name.cmp(&b.name));
            let detail = format!(
                "{} files: {} new, {} changed, {} unchanged documents, {} failed files",
                job.names.len(),
                summary.new,
                summary.changed,
                summary.unchanged,
                summary.failures.len()
            );
            if let Err(e) = store.append_audit(NewAuditEntry {
                actor: actor.to_string(),
                action: "import".into(),
                target: summary.run.map(|r| format!("import run {}", r.0)),
                detail: Some(detail),
                address,
            }) {
                tracing::warn!(error = %e, "the upload could not be written to the audit log");
            }
            match job.results.lock() {
                Ok(mut r) => *r = results,
                Err(p) => *p.into_inner() = results,
            }
            refresh_index(state);
            job.set_phase(Phase::Done);
        }
        Err(e) => {
            tracing::error!(error = %e, "an upload could not be imported");
            job.set_phase(Phase::Failed(
                "the archive could not store the upload; the error was logged".into(),
            ));
        }
    }
    if let Err(e) = std::fs::remove_dir_all(dir) {
        tracing::warn!(error = %e, dir = %dir.display(), "an upload folder could not be removed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\x\\a.xml"), "a.xml");
        assert_eq!(safe_name(".hidden"), "hidden");
        assert_eq!(safe_name(""), "upload");
        assert_eq!(safe_name("a<b>.txt"), "a_b_.txt");
    }
}

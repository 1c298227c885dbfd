//! The import run: read files in parallel, commit them to the store in atomic batches, and
//! account for every file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chancery_formats::FormatError;
use chancery_model::DocumentId;
use chancery_store::{
    DocOutcome, ImportRunId, ImportedFile, NewImportRun, RunStatus, Store, StoreError,
};

use crate::enrichment::Enricher;
use crate::read::{FileRead, ReadOptions, read_file};
use crate::summary::{Failure, ImportSummary};
use crate::walk::walk;

/// How an import runs.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// How each file is read.
    pub read: ReadOptions,
    /// Stop at the first file that fails.
    pub strict: bool,
    /// Who is importing (recorded in the journal and change log).
    pub actor: String,
    /// The command line, for the journal.
    pub arguments: String,
    /// Commit once this many documents are waiting.
    pub batch_documents: usize,
    /// Threads reading and parsing files (the committing thread is extra).
    pub readers: usize,
    /// Enrichment applied to every document read, on the reader threads; none when unset.
    pub enrich: Option<Enricher>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self {
            read: ReadOptions::default(),
            strict: false,
            actor: "import".into(),
            arguments: String::new(),
            batch_documents: 1000,
            readers: cores.saturating_sub(1).max(1),
            enrich: None,
        }
    }
}

/// Told about progress as the import goes; the CLI draws a progress bar or writes log lines.
pub trait Observer: Sync {
    /// The files to read are known.
    fn started(&self, _files: usize) {}
    /// A file has been read (its documents may not be committed yet).
    fn file_read(&self, _path: &str, _documents: usize, _failed: bool) {}
    /// A batch was committed.
    fn committed(&self, _files: usize, _documents: usize) {}
}

/// An observer that ignores everything.
pub struct Silent;

impl Observer for Silent {}

/// Why an import could not go on at all (as opposed to a file failing).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The store refused a write; nothing of the failing batch was kept.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Imports everything under `paths` into `store`.
///
/// Files are read by `options.readers` threads and committed by the calling thread in
/// batches; each batch is one transaction, so an interrupted import (even `kill -9`) leaves
/// whole files or nothing, and running it again finishes the job. Setting `cancel` stops
/// the run after the batch in progress.
pub fn import(
    store: &dyn Store,
    paths: &[PathBuf],
    options: &ImportOptions,
    observer: &dyn Observer,
    cancel: &AtomicBool,
) -> Result<ImportSummary, IngestError> {
    let started = Instant::now();
    let walked = walk(paths);
    let run = store.begin_import(NewImportRun {
        actor: options.actor.clone(),
        arguments: options.arguments.clone(),
    })?;
    let mut summary = ImportSummary {
        run: Some(run),
        ..ImportSummary::default()
    };
    summary.files_skipped = walked
        .skipped
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    for (path, reason) in &walked.unreadable {
        summary.failures.push(Failure {
            path: path.display().to_string(),
            errors: vec![FormatError::whole(reason.clone())],
        });
    }
    observer.started(walked.files.len());

    let result = run_batches(
        store,
        run,
        &walked.files,
        options,
        observer,
        cancel,
        &mut summary,
    );
    let stopped_early = cancel.load(Ordering::SeqCst);
    let status = match &result {
        Err(_) => RunStatus::Failed,
        Ok(()) if stopped_early => RunStatus::Interrupted,
        Ok(()) => RunStatus::Completed,
    };
    summary.interrupted = stopped_early;
    // Record how the run ended even when it failed; a second failure here adds nothing.
    let finished = store.finish_import(run, status);
    result?;
    finished?;
    summary.failures.sort_by(|a, b| a.path.cmp(&b.path));
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Reads files on worker threads and commits them here, in batches.
///
/// This thread reads too whenever no file read by the workers is waiting, so that when
/// reading is the slower stage (enrichment makes it so) both stages keep the cores busy
/// without starting more threads than there are cores.
fn run_batches(
    store: &dyn Store,
    run: ImportRunId,
    files: &[PathBuf],
    options: &ImportOptions,
    observer: &dyn Observer,
    cancel: &AtomicBool,
    summary: &mut ImportSummary,
) -> Result<(), IngestError> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Claims the next file and reads it; `None` when every file is claimed or the run stops.
    let read_next = || -> Option<FileRead> {
        if stop.load(Ordering::SeqCst) || cancel.load(Ordering::SeqCst) {
            return None;
        }
        let path = files.get(next.fetch_add(1, Ordering::SeqCst))?;
        let mut read = read_file(path, &options.read);
        if let (Some(enricher), Ok(docs)) = (&options.enrich, &mut read.outcome) {
            docs.iter_mut().for_each(|doc| enricher.apply(doc));
        }
        Some(read)
    };
    let readers = options.readers.max(1);
    let (sender, receiver) = crossbeam_channel::bounded::<FileRead>(readers * 4);
    std::thread::scope(|scope| {
        for _ in 0..readers {
            let sender = sender.clone();
            let read_next = &read_next;
            scope.spawn(move || {
                while let Some(read) = read_next() {
                    if sender.send(read).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut batch = Batch::default();
        let mut outcome = Ok(());
        loop {
            let read = match receiver.try_recv() {
                Ok(read) => read,
                Err(crossbeam_channel::TryRecvError::Empty) => match read_next() {
                    Some(read) => read,
                    None => match receiver.recv() {
                        Ok(read) => read,
                        Err(_) => break,
                    },
                },
                Err(crossbeam_channel::TryRecvError::Disconnected) => break,
            };
            let failed = read.outcome.is_err();
            observer.file_read(
                &read.path,
                read.outcome.as_ref().map_or(0, Vec::len),
                failed,
            );
            batch.add(read, summary);
            if failed && options.strict {
                stop.store(true, Ordering::SeqCst);
            }
            let due =
                batch.documents >= options.batch_documents || batch.age() > Duration::from_secs(2);
            if due && let Err(e) = batch.commit(store, run, observer, summary) {
                outcome = Err(e);
                stop.store(true, Ordering::SeqCst);
                break;
            }
        }
        // Drain what the readers still send so they can finish, then commit the rest.
        for _ in receiver.iter() {}
        outcome?;
        batch.commit(store, run, observer, summary)
    })
}

/// Files waiting to be committed together.
#[derive(Default)]
struct Batch {
    files: Vec<ImportedFile>,
    documents: usize,
    since: Option<Instant>,
    /// Identifiers already read in this run, and from which file: a second file giving the
    /// same identifier fails instead of silently replacing the first.
    seen: HashMap<DocumentId, String>,
}

impl Batch {
    fn age(&self) -> Duration {
        self.since.map_or(Duration::ZERO, |s| s.elapsed())
    }

    fn add(&mut self, read: FileRead, summary: &mut ImportSummary) {
        self.since.get_or_insert_with(Instant::now);
        for w in &read.warnings {
            summary.warnings.push((read.path.clone(), w.clone()));
        }
        let outcome = read.outcome.and_then(|docs| {
            let clashes: Vec<FormatError> = docs
                .iter()
                .filter_map(|d| {
                    self.seen.get(&d.id).map(|other| {
                        FormatError::whole(format!(
                            "document {} ('{}') was already read from {other} in this run",
                            d.id, d.title
                        ))
                    })
                })
                .collect();
            if clashes.is_empty() {
                Ok(docs)
            } else {
                Err(clashes)
            }
        });
        let (documents, error) = match outcome {
            Ok(docs) => {
                for d in &docs {
                    self.seen.insert(d.id, read.path.clone());
                }
                summary.files_read += 1;
                (docs, None)
            }
            Err(errors) => {
                let message = errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                summary.failures.push(Failure {
                    path: read.path.clone(),
                    errors,
                });
                (Vec::new(), Some(message))
            }
        };
        self.documents += documents.len();
        self.files.push(ImportedFile {
            path: read.path,
            sha256: read.sha256,
            size: read.size,
            format: read.format.map(|f| f.name().to_string()),
            documents,
            error,
            warnings: read.warnings,
        });
    }

    fn commit(
        &mut self,
        store: &dyn Store,
        run: ImportRunId,
        observer: &dyn Observer,
        summary: &mut ImportSummary,
    ) -> Result<(), IngestError> {
        if self.files.is_empty() {
            return Ok(());
        }
        let files = std::mem::take(&mut self.files);
        let (file_count, doc_count) = (files.len(), self.documents);
        let results = store.commit_import_batch(run, files)?;
        for result in results {
            for (_, outcome) in result.documents {
                match outcome {
                    DocOutcome::New => summary.new += 1,
                    DocOutcome::Changed => summary.changed += 1,
                    DocOutcome::Unchanged => summary.unchanged += 1,
                    DocOutcome::KeptDeleted => summary.kept_deleted += 1,
                }
            }
        }
        self.documents = 0;
        self.since = None;
        observer.committed(file_count, doc_count);
        Ok(())
    }
}

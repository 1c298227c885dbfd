//! The values that cross the [`Store`](crate::Store) trait: import journal records, revisions,
//! change-log entries, list filters and pages, and the integrity report.

use std::fmt;
use std::str::FromStr;

use chancery_model::{DocDate, DocType, Document, DocumentId};
use jiff::Timestamp;

use crate::order;

// ---------------------------------------------------------------------------------------------
// The import journal

/// The number of an import run, counted from 1 in the order runs began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImportRunId(pub u64);

impl fmt::Display for ImportRunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What is recorded when an import run begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportRun {
    /// Who runs it (a user name, or the system user for the CLI).
    pub actor: String,
    /// The command line or request that started it, for the journal.
    pub arguments: String,
}

/// One file read by an import, with the documents read from it or the error that stopped it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFile {
    /// The path as given to the importer.
    pub path: String,
    /// The SHA-256 of the file's bytes, in hex.
    pub sha256: String,
    /// The file's size in bytes.
    pub size: u64,
    /// The reader that read it (`cvce`, `tei`, …), when one was chosen.
    pub format: Option<String>,
    /// The documents read from it (empty when `error` is set).
    pub documents: Vec<Document>,
    /// Why the file could not be read; such a file only gets a journal row.
    pub error: Option<String>,
    /// Things the reader noticed but got past.
    pub warnings: Vec<String>,
}

/// What an import did with one file's documents, in the order they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileResult {
    /// The path as given.
    pub path: String,
    /// Each document's identifier and outcome.
    pub documents: Vec<(DocumentId, DocOutcome)>,
}

/// What an import did with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocOutcome {
    /// It was not in the archive: revision 1 was written.
    New,
    /// Its content differed: a new revision was written.
    Changed,
    /// Its content equals the current content or the last imported content: nothing written.
    Unchanged,
    /// It is deleted in the archive, and an import never brings it back: nothing written.
    KeptDeleted,
}

impl DocOutcome {
    /// The outcome's name, as the journal and summaries write it.
    pub fn as_str(self) -> &'static str {
        match self {
            DocOutcome::New => "new",
            DocOutcome::Changed => "changed",
            DocOutcome::Unchanged => "unchanged",
            DocOutcome::KeptDeleted => "kept deleted",
        }
    }
}

/// How an import run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunStatus {
    /// Every file was handled (some may have failed on their own).
    Completed,
    /// The run stopped on an error.
    Failed,
    /// The run was stopped (a signal), or never finished (a crash, or still running).
    Interrupted,
}

impl RunStatus {
    /// The status's name as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Completed => "completed",
            RunStatus::Failed => "failed",
            RunStatus::Interrupted => "interrupted",
        }
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An import run as the journal holds it, with its files' outcomes added up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    /// Its number.
    pub id: ImportRunId,
    /// Who ran it.
    pub actor: String,
    /// The command line or request that started it.
    pub arguments: String,
    /// When it began.
    pub started: Timestamp,
    /// When it was finished; `None` for a run that never finished (it shows as interrupted).
    pub finished: Option<Timestamp>,
    /// How it ended.
    pub status: RunStatus,
    /// Files journaled.
    pub files: u64,
    /// Files that failed.
    pub failed_files: u64,
    /// Documents written as new.
    pub new: u64,
    /// Documents written as changed.
    pub changed: u64,
    /// Documents found unchanged.
    pub unchanged: u64,
    /// Documents left deleted.
    pub kept_deleted: u64,
    /// Warnings recorded across its files.
    pub warnings: u64,
}

/// Whether a journaled file went in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileOutcome {
    /// Its documents were committed (each may still be unchanged or kept deleted).
    Imported,
    /// It could not be read; the error is kept.
    Failed,
}

impl FileOutcome {
    /// The outcome's name as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            FileOutcome::Imported => "imported",
            FileOutcome::Failed => "failed",
        }
    }
}

/// One file's row in the import journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// The path as given to the importer.
    pub path: String,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// The reader that read it.
    pub format: Option<String>,
    /// Whether it went in.
    pub outcome: FileOutcome,
    /// Why it failed.
    pub error: Option<String>,
    /// What the reader noticed.
    pub warnings: Vec<String>,
    /// Documents written as new.
    pub new: u64,
    /// Documents written as changed.
    pub changed: u64,
    /// Documents found unchanged.
    pub unchanged: u64,
    /// Documents left deleted.
    pub kept_deleted: u64,
    /// When its batch was committed.
    pub at: Timestamp,
}

// ---------------------------------------------------------------------------------------------
// Documents, revisions and the change log

/// A document as the store holds it now.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    /// The content with `revision`, `created` and `updated` filled in. For a deleted document
    /// this is the content of the last revision before the deletion, while `revision` and
    /// `updated` are the tombstone's (the revision an edit or restore must expect).
    pub document: Document,
    /// Whether the current revision is a deletion.
    pub deleted: bool,
}

/// What a change-log entry did to its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Revision 1.
    Create,
    /// New content.
    Update,
    /// A tombstone: the document is deleted, its earlier revisions kept.
    Delete,
    /// An earlier revision's content brought back as a new revision (also undeletes).
    Restore,
}

impl ChangeKind {
    /// The kind's name as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Create => "create",
            ChangeKind::Update => "update",
            ChangeKind::Delete => "delete",
            ChangeKind::Restore => "restore",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ChangeKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "create" => Ok(ChangeKind::Create),
            "update" => Ok(ChangeKind::Update),
            "delete" => Ok(ChangeKind::Delete),
            "restore" => Ok(ChangeKind::Restore),
            other => Err(format!("unknown change kind '{other}'")),
        }
    }
}

/// One entry of the append-only change log: one revision of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The sequence number: increasing by one with every revision, never reused.
    pub seq: u64,
    /// The document.
    pub id: DocumentId,
    /// The revision written.
    pub revision: u64,
    /// What the revision did.
    pub kind: ChangeKind,
    /// Who wrote it.
    pub actor: String,
    /// Why (e.g. `import run 12: path/to/file.xml`).
    pub reason: String,
    /// When, in UTC (stored to the microsecond).
    pub at: Timestamp,
}

/// One revision in a document's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionInfo {
    /// The revision number, from 1.
    pub revision: u64,
    /// Its change-log sequence number.
    pub seq: u64,
    /// What it did.
    pub kind: ChangeKind,
    /// Who wrote it.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// When.
    pub at: Timestamp,
    /// Its link in the document's hash chain (hex SHA-256).
    pub hash: String,
}

/// Who writes, and why; recorded in the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteMeta {
    /// Who writes (a user name).
    pub actor: String,
    /// Why (an editor's note).
    pub reason: String,
}

impl WriteMeta {
    /// Who and why.
    pub fn new(actor: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            actor: actor.into(),
            reason: reason.into(),
        }
    }
}

/// What [`Store::put`](crate::Store::put) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    /// A new revision was written.
    Written(Change),
    /// The content equals the current revision's (and the document is not deleted), so
    /// nothing was written.
    Unchanged {
        /// The current revision.
        revision: u64,
    },
}

impl PutOutcome {
    /// The document's revision after the call.
    pub fn revision(&self) -> u64 {
        match self {
            PutOutcome::Written(change) => change.revision,
            PutOutcome::Unchanged { revision } => *revision,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Listing

/// Which documents to list, count or scan. The default is every live document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only documents of this type.
    pub doc_type: Option<DocType>,
    /// Only dated documents whose interval reaches this day number or later.
    pub date_from: Option<i64>,
    /// Only dated documents whose interval starts on this day number or earlier.
    pub date_to: Option<i64>,
    /// Only documents whose title contains this text, ignoring case, accents and punctuation.
    pub title_contains: Option<String>,
    /// Only documents in this collection.
    pub collection: Option<String>,
    /// Deleted documents too.
    pub include_deleted: bool,
}

/// One page of a listing: at most `limit` items after the cursor `after`.
///
/// Items are ordered by the start of their date (open starts first, undated documents last)
/// and then by identifier, so paging by cursor is stable while documents are added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The most items to return.
    pub limit: usize,
    /// The cursor of the last item of the previous page ([`Summary::cursor`]).
    pub after: Option<String>,
}

impl Page {
    /// The first page.
    pub fn first(limit: usize) -> Self {
        Self { limit, after: None }
    }

    /// The page after the item whose cursor is `cursor`.
    pub fn after(limit: usize, cursor: impl Into<String>) -> Self {
        Self {
            limit,
            after: Some(cursor.into()),
        }
    }
}

/// A document as a listing shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The identifier.
    pub id: DocumentId,
    /// The title.
    pub title: String,
    /// The type.
    pub doc_type: Option<DocType>,
    /// The date.
    pub date: Option<DocDate>,
    /// The current revision.
    pub revision: u64,
    /// When the current revision was written.
    pub updated: Timestamp,
    /// Whether the document is deleted.
    pub deleted: bool,
}

impl Summary {
    /// The cursor to pass as [`Page::after`] for the page that follows this item.
    pub fn cursor(&self) -> String {
        order::cursor(self.date.as_ref(), self.id)
    }
}

// ---------------------------------------------------------------------------------------------
// Integrity

/// What [`Store::check`](crate::Store::check) found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Each problem as a sentence naming the document or sequence number; empty when clean.
    pub problems: Vec<String>,
    /// Problems found beyond those listed (the list stops at [`CheckReport::MAX_LISTED`]).
    pub unlisted_problems: u64,
    /// Documents in the archive, deleted ones included.
    pub documents: u64,
    /// Deleted documents.
    pub deleted_documents: u64,
    /// Revisions.
    pub revisions: u64,
    /// Change-log entries.
    pub changes: u64,
    /// Import runs.
    pub import_runs: u64,
    /// Files in the import journal.
    pub import_files: u64,
}

impl CheckReport {
    /// How many problems a report lists before it only counts them.
    pub const MAX_LISTED: usize = 1000;

    /// Whether no problem was found.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.unlisted_problems == 0
    }

    /// Records a problem.
    pub fn problem(&mut self, sentence: impl Into<String>) {
        if self.problems.len() < Self::MAX_LISTED {
            self.problems.push(sentence.into());
        } else {
            self.unlisted_problems += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Harvesting

/// Which documents' current heads to walk, in change-log order (for OAI-PMH).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadQuery {
    /// Only heads written after this change-log sequence (a resumption point).
    pub after_seq: u64,
    /// Only heads written at or after this time.
    pub from: Option<Timestamp>,
    /// Only heads written at or before this time.
    pub until: Option<Timestamp>,
    /// Only documents of this type.
    pub doc_type: Option<DocType>,
    /// Only documents in this collection.
    pub collection: Option<String>,
    /// Only documents a viewer may see, as the access gate decided.
    pub visible: Option<VisibleTo>,
}

/// What a viewer may see, as the access gate decided it, in terms the store can apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleTo {
    /// Access levels visible whatever the date.
    pub levels: Vec<chancery_model::AccessLevel>,
    /// Embargoed documents whose embargo ended on or before this day are visible too.
    pub embargo_ended_by: Option<jiff::civil::Date>,
}

/// A document's current head: its latest revision, when it was written, and what the access
/// gate needs to judge it without reading the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The document.
    pub id: DocumentId,
    /// The change-log sequence of the head revision.
    pub seq: u64,
    /// When the head revision was written.
    pub at: Timestamp,
    /// Whether the head is a tombstone.
    pub deleted: bool,
    /// The access level of the latest content.
    pub access: chancery_model::AccessLevel,
    /// The end of an embargo.
    pub embargo_until: Option<jiff::civil::Date>,
    /// The type of the latest content.
    pub doc_type: Option<DocType>,
    /// The collections of the latest content.
    pub collections: Vec<String>,
}

/// Where an OAI-PMH harvest of one source stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HarvestState {
    /// The provider's `responseDate` at the start of the last completed harvest: the next
    /// harvest asks for records from then on.
    pub next_from: Option<String>,
    /// The resumption token after the last page stored, while a harvest is unfinished.
    pub token: Option<String>,
    /// The provider's `responseDate` at the start of the unfinished harvest.
    pub run_started: Option<String>,
}

/// What writing a set of authority records did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AuthorityWrite {
    /// Records new to the archive.
    pub added: u64,
    /// Records that changed (a new revision each).
    pub changed: u64,
    /// Records equal to what the archive holds (nothing written).
    pub unchanged: u64,
}

/// How many authority records the archive holds, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AuthorityCounts {
    /// Persons.
    pub persons: u64,
    /// Organizations.
    pub organizations: u64,
    /// Places.
    pub places: u64,
}

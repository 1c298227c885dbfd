//! The [`Store`] trait: what every backend (SQLite now, PostgreSQL later) provides.

use chancery_model::{Authority, Document, DocumentId};

use crate::accounts::{
    ApiToken, AuditEntry, NewApiToken, NewAuditEntry, NewUser, Session, User, UserChange,
};
use crate::error::StoreError;
use crate::types::{
    AuthorityCounts, AuthorityWrite, Change, CheckReport, FileRecord, FileResult, HarvestState,
    Head, HeadQuery, ImportRun, ImportRunId, ImportedFile, ListFilter, NewImportRun, Page,
    PutOutcome, RevisionInfo, RunStatus, StoredDocument, Summary, WriteMeta,
};

/// The archive's store: documents kept as revisions, an append-only change log, and the
/// import journal.
///
/// Every write is a new revision and one change-log entry in the same transaction; nothing is
/// overwritten in place, and a deletion is a tombstone revision that can be undone. The
/// change log's sequence numbers increase by one with every revision and are never reused,
/// so the search index and OAI-PMH can follow it with [`Store::changes_since`].
///
/// Every backend passes the suite in `chancery_store::conformance` (feature `conformance`).
pub trait Store: Send + Sync {
    // --- The import journal, and documents written by imports ---

    /// Starts an import run in the journal. A run that is never finished shows as
    /// interrupted.
    fn begin_import(&self, run: NewImportRun) -> Result<ImportRunId, StoreError>;

    /// Commits a batch of files read by `run`, atomically: every document revision, change-log
    /// entry and journal row of the batch is written, or (on any error) none of them.
    ///
    /// For each document: a document the archive lacks is written as revision 1 (`New`); one
    /// whose content hash equals the current content's, or the content last written by an
    /// import, is left alone (`Unchanged`, so re-importing neither repeats revisions nor
    /// undoes an editor's later edit); one that is deleted stays deleted (`KeptDeleted`);
    /// any other gets a new revision (`Changed`). A file with `error` set gets only a journal
    /// row that keeps the message. Results come back in the order given.
    fn commit_import_batch(
        &self,
        run: ImportRunId,
        files: Vec<ImportedFile>,
    ) -> Result<Vec<FileResult>, StoreError>;

    /// Records how a run ended. A run can be finished once.
    fn finish_import(&self, run: ImportRunId, status: RunStatus) -> Result<(), StoreError>;

    /// The latest `limit` runs, newest first, with their files' outcomes added up.
    fn import_runs(&self, limit: usize) -> Result<Vec<ImportRun>, StoreError>;

    /// The journal rows of one run's files, in the order they were committed.
    fn import_files(&self, run: ImportRunId) -> Result<Vec<FileRecord>, StoreError>;

    // --- Reading ---

    /// The document as it stands, or `None` when the archive never had it. A deleted
    /// document comes back with `deleted` set and its last content.
    fn get(&self, id: DocumentId) -> Result<Option<StoredDocument>, StoreError>;

    /// The document as it was at `revision`; `None` when there is no such revision or it is
    /// a tombstone.
    fn get_revision(&self, id: DocumentId, revision: u64) -> Result<Option<Document>, StoreError>;

    /// Every revision of the document, oldest first (empty when the document is unknown).
    fn history(&self, id: DocumentId) -> Result<Vec<RevisionInfo>, StoreError>;

    /// One page of the documents matching `filter`, ordered by date and identifier.
    fn list(&self, filter: &ListFilter, page: &Page) -> Result<Vec<Summary>, StoreError>;

    /// How many documents match `filter`.
    fn count(&self, filter: &ListFilter) -> Result<u64, StoreError>;

    /// Calls `f` with every document matching `filter`, in listing order, one at a time
    /// (memory stays flat whatever the archive's size). An error from `f` stops the scan and
    /// is returned.
    fn scan(
        &self,
        filter: &ListFilter,
        f: &mut dyn FnMut(Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    // --- The change log ---

    /// The sequence number of the latest change (0 for an empty archive).
    fn last_seq(&self) -> Result<u64, StoreError>;

    /// Up to `limit` changes with sequence numbers above `after_seq`, in order.
    fn changes_since(&self, after_seq: u64, limit: usize) -> Result<Vec<Change>, StoreError>;

    /// Documents' current heads in the order of their latest change, after
    /// `query.after_seq`: a document written again moves to the end, so a walk resumed from
    /// the last sequence seen never skips one (OAI-PMH resumption).
    fn heads(&self, query: &HeadQuery, limit: usize) -> Result<Vec<Head>, StoreError>;

    /// How many heads `query` (ignoring `after_seq`) selects.
    fn count_heads(&self, query: &HeadQuery) -> Result<u64, StoreError>;

    /// Where the harvest of `source` stands, if it was ever harvested.
    fn harvest_state(&self, source: &str) -> Result<Option<HarvestState>, StoreError>;

    /// Records where the harvest of `source` stands.
    fn save_harvest_state(&self, source: &str, state: &HarvestState) -> Result<(), StoreError>;

    // --- Authorities ---

    /// Writes authority records in one transaction; each changed record is a new revision.
    fn put_authorities(
        &self,
        records: &[Authority],
        meta: WriteMeta,
    ) -> Result<AuthorityWrite, StoreError>;

    /// The authority record `id`.
    fn authority(&self, id: &str) -> Result<Option<Authority>, StoreError>;

    /// Every authority record, or those of one kind (`person`, `organization`, `place`), in
    /// name order.
    fn authorities(&self, kind: Option<&str>) -> Result<Vec<Authority>, StoreError>;

    /// How many authority records there are, by kind.
    fn count_authorities(&self) -> Result<AuthorityCounts, StoreError>;

    /// Merges the record `duplicate` into `merged`, in one transaction. `merged` is the
    /// record the duplicate is a duplicate of, with the duplicate's names and identifiers
    /// already taken in ([`Authority::absorb`]); it is written as a new revision (or created,
    /// for a baseline entity not yet in the store). The duplicate gets a revision naming
    /// where it went and from then on is left out of [`Store::authority`], lists and counts
    /// ([`Store::authority_merged_into`] says where it went). Fails with
    /// [`StoreError::AuthorityNotFound`] or [`StoreError::CannotMerge`] (the same record,
    /// different kinds, or either merged already).
    fn merge_authority(
        &self,
        duplicate: &str,
        merged: &Authority,
        meta: WriteMeta,
    ) -> Result<(), StoreError>;

    /// The record that `id` was merged into, if it was.
    fn authority_merged_into(&self, id: &str) -> Result<Option<String>, StoreError>;

    // --- Editing ---

    /// Writes `doc` as the document's new revision (creating it when new, undeleting it when
    /// deleted). With `expected_revision`, the write happens only if the document is at that
    /// revision (0: does not exist yet); otherwise it fails with [`StoreError::Conflict`]
    /// naming the current revision. Content equal to the current content writes nothing.
    fn put(
        &self,
        doc: Document,
        meta: WriteMeta,
        expected_revision: Option<u64>,
    ) -> Result<PutOutcome, StoreError>;

    /// Deletes the document by writing a tombstone revision; its earlier revisions stay and
    /// [`Store::restore`] brings it back.
    fn delete(
        &self,
        id: DocumentId,
        meta: WriteMeta,
        expected_revision: Option<u64>,
    ) -> Result<Change, StoreError>;

    /// Writes a new revision holding the content of `revision` (undeleting the document if
    /// it is deleted).
    fn restore(&self, id: DocumentId, revision: u64, meta: WriteMeta)
    -> Result<Change, StoreError>;

    // --- Accounts

    /// Creates a user; a taken name is [`StoreError::NameTaken`].
    fn create_user(&self, user: NewUser) -> Result<User, StoreError>;

    /// A user by number.
    fn user(&self, id: u64) -> Result<Option<User>, StoreError>;

    /// A user by login name.
    fn user_by_name(&self, name: &str) -> Result<Option<User>, StoreError>;

    /// Every user, by name.
    fn users(&self) -> Result<Vec<User>, StoreError>;

    /// Changes a user; a disabled account or a new password also ends the user's sessions.
    fn update_user(&self, id: u64, change: &UserChange) -> Result<User, StoreError>;

    /// Records a browser session.
    fn create_session(&self, session: &Session) -> Result<(), StoreError>;

    /// A live session and its (enabled) user, by the hash of its secret; expired sessions
    /// are not found.
    fn session(&self, token_hash: &str) -> Result<Option<(Session, User)>, StoreError>;

    /// Ends a session (logout).
    fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// Creates an API token.
    fn create_api_token(&self, token: NewApiToken) -> Result<ApiToken, StoreError>;

    /// A token that is not revoked, and its enabled user, by the hash of its secret.
    fn api_token(&self, token_hash: &str) -> Result<Option<(ApiToken, User)>, StoreError>;

    /// A user's tokens (or everyone's), revoked ones included.
    fn api_tokens(&self, user_id: Option<u64>) -> Result<Vec<ApiToken>, StoreError>;

    /// Revokes a token.
    fn revoke_api_token(&self, id: u64) -> Result<(), StoreError>;

    /// Appends a line to the audit log.
    fn append_audit(&self, entry: NewAuditEntry) -> Result<(), StoreError>;

    /// The audit log, newest first, before sequence `before` when given.
    fn audit_log(&self, before: Option<u64>, limit: usize) -> Result<Vec<AuditEntry>, StoreError>;

    // --- Integrity ---

    /// Verifies the archive's invariants (hash chains, revision numbering, the change log's
    /// continuity, the current-state table against the revisions, the journal) and lists
    /// every problem found; an empty list means the archive is sound.
    fn check(&self) -> Result<CheckReport, StoreError>;
}

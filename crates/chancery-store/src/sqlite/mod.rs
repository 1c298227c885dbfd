//! The SQLite backend: one file in the data directory, opened in WAL mode.
//!
//! One writer connection sits behind a mutex (SQLite has one writer at a time anyway, and
//! writes go in `BEGIN IMMEDIATE` transactions so they queue on the lock instead of failing
//! mid-way); readers take connections from a small pool and, thanks to WAL, never wait for
//! the writer. Each public operation runs in one transaction on one connection.

mod accounts;
mod authorities;
mod check;
mod codec;
mod fail;
mod import;
mod read;
mod schema;
mod write;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chancery_model::{Authority, Document, DocumentId};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use self::fail::Fail;
use self::schema::Migration;
use crate::accounts::{
    ApiToken, AuditEntry, NewApiToken, NewAuditEntry, NewUser, Session, User, UserChange,
};
use crate::clock::{Clock, SystemClock};
use crate::error::StoreError;
use crate::store::Store;
use crate::types::{
    AuthorityCounts, AuthorityWrite, Change, CheckReport, FileRecord, FileResult, HarvestState,
    Head, HeadQuery, ImportRun, ImportRunId, ImportedFile, ListFilter, NewImportRun, Page,
    PutOutcome, RevisionInfo, RunStatus, StoredDocument, Summary, WriteMeta,
};

pub use self::schema::SCHEMA_VERSION;

/// How a [`SqliteStore`] is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteOptions {
    /// How long a write waits for another process's write lock before giving up with
    /// [`StoreError::Locked`].
    pub busy_timeout: Duration,
    /// How many idle reader connections are kept for reuse; more are opened when needed.
    pub idle_readers: usize,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        Self {
            busy_timeout: Duration::from_secs(5),
            idle_readers: 4,
        }
    }
}

/// The store in a SQLite database file.
///
/// ```
/// use chancery_store::{SqliteStore, Store};
///
/// let dir = tempfile::tempdir().unwrap();
/// let store = SqliteStore::open(dir.path().join("chancery.db")).unwrap();
/// assert_eq!(store.last_seq().unwrap(), 0);
/// ```
pub struct SqliteStore {
    path: PathBuf,
    clock: Arc<dyn Clock>,
    options: SqliteOptions,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the archive database at `path`, with the system clock.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::open_with(path, Arc::new(SystemClock), SqliteOptions::default())
    }

    /// Opens the archive database at `path`, taking the time of every write from `clock`.
    pub fn open_with_clock(
        path: impl AsRef<Path>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, StoreError> {
        Self::open_with(path, clock, SqliteOptions::default())
    }

    /// Opens the archive database at `path` with `clock` and `options`.
    ///
    /// The database is created when missing and its schema brought up to date; a database
    /// written by a newer Chancery is refused with [`StoreError::NewerSchema`].
    pub fn open_with(
        path: impl AsRef<Path>,
        clock: Arc<dyn Clock>,
        options: SqliteOptions,
    ) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        refuse_read_only(&path)?;
        let context = || format!("opening the archive at {}", path.display());
        let mut writer = Connection::open(&path).map_err(|e| fail::classify(&path, e, context))?;
        let migration = (|| {
            schema::configure(&writer, options.busy_timeout, true)?;
            schema::enable_wal(&writer)?;
            schema::migrate(&mut writer)
        })()
        .map_err(|f| f.into_store_error(&path, context))?;
        if let Migration::Newer(found) = migration {
            return Err(StoreError::NewerSchema {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Self {
            path,
            clock,
            options,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a consistent copy of the archive to `dest` (a file that must not exist), while
    /// imports and edits go on: `VACUUM INTO` reads one snapshot, so the copy holds exactly
    /// what was committed when it began. The copy is written beside `dest` and renamed into
    /// place only when complete.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::CannotOpen {
                path: dest.to_path_buf(),
                detail: "a file is already there; a backup never overwrites".into(),
            });
        }
        let mut partial = dest.as_os_str().to_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        // A leftover of an interrupted backup is ours to replace.
        let _ = std::fs::remove_file(&partial);
        let target = partial.to_str().ok_or_else(|| StoreError::CannotOpen {
            path: partial.clone(),
            detail: "the backup path is not valid UTF-8".into(),
        })?;
        let result = self.read(
            || format!("backing up to {}", dest.display()),
            |conn| {
                conn.execute("VACUUM INTO ?1", [target])?;
                Ok(())
            },
        );
        if let Err(e) = result {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&partial, dest))
            .map_err(|e| StoreError::CannotOpen {
                path: dest.to_path_buf(),
                detail: e.to_string(),
            })
    }

    /// Runs `f` on the writer connection.
    fn write<T>(
        &self,
        context: impl FnOnce() -> String,
        f: impl FnOnce(&mut Connection, &dyn Clock) -> Result<T, Fail>,
    ) -> Result<T, StoreError> {
        // A poisoned lock means a panic elsewhere while writing; the transaction it held was
        // rolled back when its guard dropped, so the connection is still usable.
        let mut conn = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut conn, self.clock.as_ref()).map_err(|fail| fail.into_store_error(&self.path, context))
    }

    /// Runs `f` on a reader connection from the pool.
    fn read<T>(
        &self,
        context: impl FnOnce() -> String,
        f: impl FnOnce(&Connection) -> Result<T, Fail>,
    ) -> Result<T, StoreError> {
        let pooled = self.pool().pop();
        let result = pooled
            .map_or_else(|| self.open_reader(), Ok)
            .and_then(|conn| {
                let result = f(&conn);
                let mut pool = self.pool();
                if pool.len() < self.options.idle_readers {
                    pool.push(conn);
                }
                result
            });
        result.map_err(|fail| fail.into_store_error(&self.path, context))
    }

    fn pool(&self) -> MutexGuard<'_, Vec<Connection>> {
        // The pool is a plain list of connections; a poisoned lock leaves it whole.
        self.readers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn open_reader(&self) -> Result<Connection, Fail> {
        // Read-only connections cannot write by mistake; the writer created the WAL files.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        schema::configure(&conn, self.options.busy_timeout, false)?;
        Ok(conn)
    }
}

/// Refuses, with a clear error, an archive whose file or directory is marked read-only.
///
/// SQLite would open such a file read-only and fail only at the first write; and a process
/// running as root would write to it regardless of the marking, which an operator who made
/// an archive read-only does not expect.
fn refuse_read_only(path: &Path) -> Result<(), StoreError> {
    let read_only = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(StoreError::CannotOpen {
            path: path.to_path_buf(),
            detail: format!("the directory {} does not exist", dir.display()),
        });
    }
    if read_only(path) || read_only(dir) {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

impl Store for SqliteStore {
    fn begin_import(&self, run: NewImportRun) -> Result<ImportRunId, StoreError> {
        self.write(
            || "starting an import run".into(),
            |conn, clock| import::begin_run(conn, clock, &run),
        )
    }

    fn commit_import_batch(
        &self,
        run: ImportRunId,
        files: Vec<ImportedFile>,
    ) -> Result<Vec<FileResult>, StoreError> {
        self.write(
            || format!("committing a batch of import run {run}"),
            |conn, clock| import::commit_batch(conn, clock, run, files),
        )
    }

    fn finish_import(&self, run: ImportRunId, status: RunStatus) -> Result<(), StoreError> {
        self.write(
            || format!("finishing import run {run}"),
            |conn, clock| import::finish(conn, clock, run, status),
        )
    }

    fn import_runs(&self, limit: usize) -> Result<Vec<ImportRun>, StoreError> {
        self.read(
            || "reading the import journal".into(),
            |conn| import::runs(conn, limit),
        )
    }

    fn import_files(&self, run: ImportRunId) -> Result<Vec<FileRecord>, StoreError> {
        self.read(
            || format!("reading the files of import run {run}"),
            |conn| import::files(conn, run),
        )
    }

    fn get(&self, id: DocumentId) -> Result<Option<StoredDocument>, StoreError> {
        self.read(
            || format!("reading document {id}"),
            |conn| read::get(conn, id),
        )
    }

    fn get_revision(&self, id: DocumentId, revision: u64) -> Result<Option<Document>, StoreError> {
        self.read(
            || format!("reading revision {revision} of document {id}"),
            |conn| read::get_revision(conn, id, revision),
        )
    }

    fn history(&self, id: DocumentId) -> Result<Vec<RevisionInfo>, StoreError> {
        self.read(
            || format!("reading the history of document {id}"),
            |conn| read::history(conn, id),
        )
    }

    fn list(&self, filter: &ListFilter, page: &Page) -> Result<Vec<Summary>, StoreError> {
        self.read(
            || "listing documents".into(),
            |conn| read::list(conn, filter, page),
        )
    }

    fn count(&self, filter: &ListFilter) -> Result<u64, StoreError> {
        self.read(
            || "counting documents".into(),
            |conn| read::count(conn, filter),
        )
    }

    fn scan(
        &self,
        filter: &ListFilter,
        f: &mut dyn FnMut(Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(
            || "reading all documents".into(),
            |conn| read::scan(conn, filter, f),
        )
    }

    fn last_seq(&self) -> Result<u64, StoreError> {
        self.read(|| "reading the change log".into(), read::last_seq)
    }

    fn changes_since(&self, after_seq: u64, limit: usize) -> Result<Vec<Change>, StoreError> {
        self.read(
            || format!("reading the change log after {after_seq}"),
            |conn| read::changes_since(conn, after_seq, limit),
        )
    }

    fn heads(&self, query: &HeadQuery, limit: usize) -> Result<Vec<Head>, StoreError> {
        self.read(
            || "reading document heads".into(),
            |conn| read::heads(conn, query, limit),
        )
    }

    fn count_heads(&self, query: &HeadQuery) -> Result<u64, StoreError> {
        self.read(
            || "counting document heads".into(),
            |conn| read::count_heads(conn, query),
        )
    }

    fn harvest_state(&self, source: &str) -> Result<Option<HarvestState>, StoreError> {
        self.read(
            || format!("reading the harvest state of {source}"),
            |conn| {
                let mut stmt = conn.prepare_cached(
                    "SELECT next_from, token, run_started FROM harvests WHERE source = ?1",
                )?;
                let state = stmt
                    .query_row([source], |row| {
                        Ok(HarvestState {
                            next_from: row.get(0)?,
                            token: row.get(1)?,
                            run_started: row.get(2)?,
                        })
                    })
                    .optional()?;
                Ok(state)
            },
        )
    }

    fn save_harvest_state(&self, source: &str, state: &HarvestState) -> Result<(), StoreError> {
        self.write(
            || format!("recording the harvest state of {source}"),
            |conn, clock| {
                let at = self::codec::micros(clock.now());
                conn.prepare_cached(
                    "INSERT INTO harvests (source, next_from, token, run_started, updated_us) \
                     VALUES (?1, ?2, ?3, ?4, ?5) \
                     ON CONFLICT (source) DO UPDATE SET next_from = ?2, token = ?3, run_started = ?4, \
                     updated_us = ?5",
                )?
                .execute(rusqlite::params![source, state.next_from, state.token, state.run_started, at])?;
                Ok(())
            },
        )
    }

    fn put_authorities(
        &self,
        records: &[Authority],
        meta: WriteMeta,
    ) -> Result<AuthorityWrite, StoreError> {
        self.write(
            || format!("writing {} authority records", records.len()),
            |conn, clock| authorities::put(conn, clock, records, &meta),
        )
    }

    fn authority(&self, id: &str) -> Result<Option<Authority>, StoreError> {
        self.read(
            || format!("reading authority {id}"),
            |conn| authorities::get(conn, id),
        )
    }

    fn authorities(&self, kind: Option<&str>) -> Result<Vec<Authority>, StoreError> {
        self.read(
            || "reading the authority records".into(),
            |conn| authorities::all(conn, kind),
        )
    }

    fn merge_authority(
        &self,
        duplicate: &str,
        merged: &Authority,
        meta: WriteMeta,
    ) -> Result<(), StoreError> {
        self.write(
            || format!("merging authority {duplicate} into {}", merged.id()),
            |conn, clock| authorities::merge(conn, clock, duplicate, merged, &meta),
        )
    }

    fn authority_merged_into(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.read(
            || format!("reading authority {id}"),
            |conn| authorities::merged_into(conn, id),
        )
    }

    fn count_authorities(&self) -> Result<AuthorityCounts, StoreError> {
        self.read(
            || "counting the authority records".into(),
            |conn| {
                let [persons, organizations, places] = authorities::counts(conn)?;
                Ok(AuthorityCounts {
                    persons,
                    organizations,
                    places,
                })
            },
        )
    }

    fn put(
        &self,
        doc: Document,
        meta: WriteMeta,
        expected_revision: Option<u64>,
    ) -> Result<PutOutcome, StoreError> {
        let id = doc.id;
        self.write(
            || format!("writing document {id}"),
            |conn, clock| write::put(conn, clock, doc, &meta, expected_revision),
        )
    }

    fn delete(
        &self,
        id: DocumentId,
        meta: WriteMeta,
        expected_revision: Option<u64>,
    ) -> Result<Change, StoreError> {
        self.write(
            || format!("deleting document {id}"),
            |conn, clock| write::delete(conn, clock, id, &meta, expected_revision),
        )
    }

    fn restore(
        &self,
        id: DocumentId,
        revision: u64,
        meta: WriteMeta,
    ) -> Result<Change, StoreError> {
        self.write(
            || format!("restoring revision {revision} of document {id}"),
            |conn, clock| write::restore(conn, clock, id, revision, &meta),
        )
    }

    fn create_user(&self, user: NewUser) -> Result<User, StoreError> {
        let name = user.name.clone();
        self.write(
            || format!("creating the user '{name}'"),
            |conn, clock| accounts::create_user(conn, clock, user),
        )
    }

    fn user(&self, id: u64) -> Result<Option<User>, StoreError> {
        self.read(
            || format!("reading user {id}"),
            |conn| accounts::user_by_id(conn, id),
        )
    }

    fn user_by_name(&self, name: &str) -> Result<Option<User>, StoreError> {
        self.read(
            || format!("reading the user '{name}'"),
            |conn| accounts::user_by_name(conn, name),
        )
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.read(|| "listing users".into(), accounts::users)
    }

    fn update_user(&self, id: u64, change: &UserChange) -> Result<User, StoreError> {
        self.write(
            || format!("changing user {id}"),
            |conn, _| accounts::update_user(conn, id, change),
        )
    }

    fn create_session(&self, session: &Session) -> Result<(), StoreError> {
        self.write(
            || "recording a session".into(),
            |conn, _| accounts::create_session(conn, session),
        )
    }

    fn session(&self, token_hash: &str) -> Result<Option<(Session, User)>, StoreError> {
        let clock = Arc::clone(&self.clock);
        self.read(
            || "reading a session".into(),
            |conn| accounts::session(conn, clock.as_ref(), token_hash),
        )
    }

    fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.write(
            || "ending a session".into(),
            |conn, clock| accounts::delete_session(conn, clock, token_hash),
        )
    }

    fn create_api_token(&self, token: NewApiToken) -> Result<ApiToken, StoreError> {
        self.write(
            || "creating an API token".into(),
            |conn, clock| accounts::create_api_token(conn, clock, token),
        )
    }

    fn api_token(&self, token_hash: &str) -> Result<Option<(ApiToken, User)>, StoreError> {
        self.read(
            || "reading an API token".into(),
            |conn| accounts::api_token(conn, token_hash),
        )
    }

    fn api_tokens(&self, user_id: Option<u64>) -> Result<Vec<ApiToken>, StoreError> {
        self.read(
            || "listing API tokens".into(),
            |conn| accounts::api_tokens(conn, user_id),
        )
    }

    fn revoke_api_token(&self, id: u64) -> Result<(), StoreError> {
        self.write(
            || format!("revoking API token {id}"),
            |conn, clock| accounts::revoke_api_token(conn, clock, id),
        )
    }

    fn append_audit(&self, entry: NewAuditEntry) -> Result<(), StoreError> {
        self.write(
            || "writing the audit log".into(),
            |conn, clock| accounts::append_audit(conn, clock, entry),
        )
    }

    fn audit_log(&self, before: Option<u64>, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        self.read(
            || "reading the audit log".into(),
            |conn| accounts::audit_log(conn, before, limit),
        )
    }

    fn check(&self) -> Result<CheckReport, StoreError> {
        self.read(|| "checking the archive".into(), check::run)
    }
}

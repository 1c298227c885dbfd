//! The errors the store reports, worded for the people who run the archive.

use std::path::PathBuf;

use chancery_model::{DocumentId, ValidationError};

use crate::types::ImportRunId;

/// Everything that can go wrong in the store.
///
/// The variants that name a situation (locked, read-only, disk full, corrupt, newer schema)
/// say what to do about it; the catch-all [`StoreError::Sqlite`] carries what the store was
/// doing when the database refused.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another connection holds the write lock for longer than the busy timeout.
    #[error(
        "the archive at {path} is locked (database is locked): another chancery process may be \
         importing or editing; try again when it has finished"
    )]
    Locked {
        /// The database file.
        path: PathBuf,
    },
    /// The database file or its directory cannot be written.
    #[error(
        "the archive at {path} is read-only: the database file or its directory cannot be \
         written (check the permissions and that the disk is mounted read-write)"
    )]
    ReadOnly {
        /// The database file.
        path: PathBuf,
    },
    /// The disk holding the archive is full.
    #[error(
        "the disk holding the archive at {path} is full: free some space and try again (nothing of the failed write was kept)"
    )]
    DiskFull {
        /// The database file.
        path: PathBuf,
    },
    /// The database file is damaged or is not a database at all.
    #[error(
        "the archive at {path} is damaged: {detail} (restore it from a backup; `chancery check` tells more)"
    )]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What was found to be wrong.
        detail: String,
    },
    /// The database file cannot be opened (missing directory, permissions, not a file).
    #[error("cannot open the archive at {path}: {detail}")]
    CannotOpen {
        /// The database file.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// The database was written by a newer version of Chancery.
    #[error(
        "the archive at {path} has schema version {found}, but this chancery knows only up to \
         version {supported}: it was written by a newer chancery; upgrade chancery to open it"
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// The schema version found in the file.
        found: u32,
        /// The newest schema version this build knows.
        supported: u32,
    },
    /// No document has this identifier.
    #[error("document {id} not found")]
    DocumentNotFound {
        /// The identifier asked for.
        id: DocumentId,
    },
    /// The document exists but has no such revision.
    #[error("document {id} has no revision {revision}")]
    RevisionNotFound {
        /// The document.
        id: DocumentId,
        /// The revision asked for.
        revision: u64,
    },
    /// No import run has this number.
    #[error("import run {run} not found")]
    ImportRunNotFound {
        /// The run asked for.
        run: ImportRunId,
    },
    /// The import run was already finished; nothing more can be added to it.
    #[error("import run {run} is already finished; start a new run")]
    ImportRunFinished {
        /// The run.
        run: ImportRunId,
    },
    /// The document changed since the revision the writer read (optimistic locking).
    #[error("{}", conflict_message(*.id, *.expected, *.current))]
    Conflict {
        /// The document.
        id: DocumentId,
        /// The revision the writer expected to replace.
        expected: u64,
        /// The document's current revision (0 when it does not exist).
        current: u64,
    },
    /// The document is deleted, and the operation needs a live one.
    #[error("document {id} is deleted (revision {revision}); restore it first")]
    Deleted {
        /// The document.
        id: DocumentId,
        /// The tombstone revision.
        revision: u64,
    },
    /// The revision asked to restore is a deletion and holds no content.
    #[error("revision {revision} of document {id} is a deletion and holds no content to restore")]
    NoContent {
        /// The document.
        id: DocumentId,
        /// The tombstone revision.
        revision: u64,
    },
    /// The document fails the model's validation.
    #[error("{}", invalid_message(*.id, .path.as_deref(), .problems))]
    Invalid {
        /// The document.
        id: DocumentId,
        /// The file it was imported from, when it came from an import.
        path: Option<String>,
        /// Every problem found.
        problems: Vec<ValidationError>,
    },
    /// A document could not be written as JSON.
    #[error("document {id} could not be encoded as JSON: {detail}")]
    Encoding {
        /// The document.
        id: DocumentId,
        /// What the encoder said.
        detail: String,
    },
    /// The list cursor given is not one this store produced.
    #[error(
        "'{cursor}' is not a valid list cursor (use the cursor of the last item of the previous page)"
    )]
    InvalidCursor {
        /// The cursor given.
        cursor: String,
    },
    /// An account name is taken already.
    #[error("there is already an account named '{name}'")]
    NameTaken {
        /// The name.
        name: String,
    },
    /// No such account or token.
    #[error("no {what}")]
    AccountNotFound {
        /// What was looked for, e.g. "user 'alice'" or "API token 7".
        what: String,
    },
    /// No authority record with this identifier (or it was merged into another).
    #[error("no authority record '{id}'")]
    AuthorityNotFound {
        /// The identifier looked for.
        id: String,
    },
    /// Two authority records cannot be merged (the same record, different kinds, or one
    /// merged already).
    #[error("cannot merge: {message}")]
    CannotMerge {
        /// Why.
        message: String,
    },
    /// An error raised by a caller's callback (such as the writer that `scan` feeds), passed
    /// through unchanged.
    #[error(transparent)]
    External(Box<dyn std::error::Error + Send + Sync>),
    /// Any other SQLite failure, with what the store was doing.
    #[error("{context}: {source}")]
    Sqlite {
        /// What the store was doing, e.g. "reading document 3f2…".
        context: String,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
}

fn conflict_message(id: DocumentId, expected: u64, current: u64) -> String {
    if current == 0 {
        format!("document {id} does not exist, but the change expected it at revision {expected}")
    } else {
        format!(
            "document {id} is now at revision {current}, not revision {expected}: someone else \
             changed it meanwhile; reload it and apply the change again"
        )
    }
}

fn invalid_message(id: DocumentId, path: Option<&str>, problems: &[ValidationError]) -> String {
    let list = problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    match path {
        Some(path) => format!("document {id} from {path} is not valid: {list}"),
        None => format!("document {id} is not valid: {list}"),
    }
}

impl StoreError {
    /// Wraps a caller's own error, e.g. from the callback given to [`crate::Store::scan`].
    pub fn external(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        StoreError::External(err.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_names_both_revisions() {
        let id = DocumentId::from_key("x");
        let err = StoreError::Conflict {
            id,
            expected: 2,
            current: 3,
        };
        let text = err.to_string();
        assert!(
            text.contains("revision 3") && text.contains("revision 2"),
            "{text}"
        );
        let err = StoreError::Conflict {
            id,
            expected: 2,
            current: 0,
        };
        assert!(err.to_string().contains("does not exist"));
    }

    #[test]
    fn invalid_lists_every_problem_and_the_file() {
        let err = StoreError::Invalid {
            id: DocumentId::from_key("x"),
            path: Some("a/b.xml".into()),
            problems: vec![
                ValidationError {
                    field: "title",
                    message: "missing or empty".into(),
                },
                ValidationError {
                    field: "text",
                    message: "missing or empty".into(),
                },
            ],
        };
        let text = err.to_string();
        assert!(
            text.contains("a/b.xml")
                && text.contains("title: missing")
                && text.contains("text: missing")
        );
    }
}

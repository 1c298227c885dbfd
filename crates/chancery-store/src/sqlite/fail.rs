//! Failures inside the SQLite backend, and how they become [`StoreError`]s.
//!
//! Inner functions return [`Fail`] so they can use `?` on SQLite calls without knowing the
//! database path; each public operation turns it into a [`StoreError`] at its boundary,
//! naming the path and what it was doing. SQLite's result codes for the situations an
//! operator can act on (locked, read-only, disk full, corrupt) become their own variants.

use std::path::Path;

use rusqlite::ErrorCode;

use crate::error::StoreError;

/// A failure inside the backend.
#[derive(Debug)]
pub(crate) enum Fail {
    /// SQLite refused.
    Sql(rusqlite::Error),
    /// Stored data does not read back (a damaged or tampered file).
    Corrupt(String),
    /// A failure that is already a store error (not found, conflict, invalid, callbacks).
    Store(StoreError),
}

impl From<rusqlite::Error> for Fail {
    fn from(err: rusqlite::Error) -> Self {
        Fail::Sql(err)
    }
}

impl From<rusqlite::types::FromSqlError> for Fail {
    fn from(err: rusqlite::types::FromSqlError) -> Self {
        // A stored value of the wrong type: the schema's STRICT tables prevent it, so the
        // file was changed behind the store's back.
        Fail::Corrupt(format!("a stored value has the wrong type: {err}"))
    }
}

impl From<StoreError> for Fail {
    fn from(err: StoreError) -> Self {
        Fail::Store(err)
    }
}

impl Fail {
    /// The store error for a failure while doing `context` on the database at `path`.
    pub(crate) fn into_store_error(
        self,
        path: &Path,
        context: impl FnOnce() -> String,
    ) -> StoreError {
        match self {
            Fail::Store(err) => err,
            Fail::Corrupt(detail) => StoreError::Corrupt {
                path: path.to_path_buf(),
                detail,
            },
            Fail::Sql(err) => classify(path, err, context),
        }
    }
}

/// Gives SQLite's result codes that an operator can act on their own error variants.
pub(crate) fn classify(
    path: &Path,
    err: rusqlite::Error,
    context: impl FnOnce() -> String,
) -> StoreError {
    let path_buf = || path.to_path_buf();
    if let rusqlite::Error::SqliteFailure(code, message) = &err {
        let detail = || message.clone().unwrap_or_else(|| code.to_string());
        match code.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Locked { path: path_buf() };
            }
            ErrorCode::ReadOnly => return StoreError::ReadOnly { path: path_buf() },
            ErrorCode::DiskFull => return StoreError::DiskFull { path: path_buf() },
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                return StoreError::Corrupt {
                    path: path_buf(),
                    detail: detail(),
                };
            }
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                return StoreError::CannotOpen {
                    path: path_buf(),
                    detail: detail(),
                };
            }
            _ => {}
        }
    }
    StoreError::Sqlite {
        context: context(),
        source: err,
    }
}

/// A stored value that does not read back.
pub(crate) fn corrupt(what: impl Into<String>) -> Fail {
    Fail::Corrupt(what.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn result_codes_become_clear_errors() {
        let path = Path::new("/data/chancery.db");
        let ctx = || "doing".to_string();
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_BUSY), ctx),
            StoreError::Locked { .. }
        ));
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_READONLY), ctx),
            StoreError::ReadOnly { .. }
        ));
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_FULL), ctx),
            StoreError::DiskFull { .. }
        ));
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_NOTADB), ctx),
            StoreError::Corrupt { .. }
        ));
        let other = classify(path, failure(rusqlite::ffi::SQLITE_CONSTRAINT), ctx);
        assert!(other.to_string().starts_with("doing: "), "{other}");
        let locked = classify(path, failure(rusqlite::ffi::SQLITE_BUSY), ctx).to_string();
        assert!(
            locked.contains("database is locked") && locked.contains("another chancery process"),
            "{locked}"
        );
    }
}

//! What can go wrong with the index.

use chancery_store::StoreError;

use crate::query::QueryError;

/// An index or search failure.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The query could not be understood; the error points at the problem.
    #[error("{0}")]
    Query(#[from] QueryError),
    /// A filter the query language knows but this archive cannot answer yet.
    #[error("{0}")]
    Unsupported(String),
    /// Another process holds the index writer.
    #[error(
        "another chancery process (probably `chancery serve`) is updating the index in {0}; \
         it applies new changes from the store itself"
    )]
    Busy(String),
    /// The index on disk was built by another version of Chancery with other fields; it must
    /// be rebuilt from the store (`chancery reindex`, which the commands do by themselves).
    #[error("the search index in {0} was built by another version of Chancery and must be rebuilt")]
    Outdated(String),
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The index's files could not be read or written.
    #[error("index in {path}: {message}")]
    Io {
        /// The index directory.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// tantivy reported an error.
    #[error("search engine: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

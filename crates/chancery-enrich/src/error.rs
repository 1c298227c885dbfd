//! Errors of the enrichment crate.

/// What can go wrong when building a gazetteer or reading authority files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnrichError {
    /// The name automaton could not be built (too many or too long names).
    #[error("the gazetteer could not be compiled: {0}")]
    Gazetteer(String),
    /// An authority file could not be read.
    #[error("{path}: {message}")]
    Authority {
        /// The file as given.
        path: String,
        /// What is wrong, with the line and column when known.
        message: String,
    },
}

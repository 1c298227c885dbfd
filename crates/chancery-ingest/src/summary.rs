//! The account of an import run that the user reads at the end.

use std::time::Duration;

use chancery_formats::FormatError;
use chancery_store::ImportRunId;

/// A file that could not go in, and every problem found in it.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The file.
    pub path: String,
    /// What was wrong, with line and column where known.
    pub errors: Vec<FormatError>,
}

/// What an import run did.
#[derive(Debug, Default)]
pub struct ImportSummary {
    /// The journal's identifier for the run.
    pub run: Option<ImportRunId>,
    /// Files read successfully.
    pub files_read: usize,
    /// Files found in folders that no reader handles.
    pub files_skipped: Vec<String>,
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents whose content changed: a new revision each.
    pub changed: usize,
    /// Documents already stored exactly so: nothing written.
    pub unchanged: usize,
    /// Documents an editor deleted, which the import left deleted.
    pub kept_deleted: usize,
    /// Files that could not go in.
    pub failures: Vec<Failure>,
    /// Warnings, by file.
    pub warnings: Vec<(String, String)>,
    /// Whether the run was stopped before it finished.
    pub interrupted: bool,
    /// How long the run took.
    pub elapsed: Duration,
}

impl ImportSummary {
    /// Documents read from the files that went in.
    pub fn documents(&self) -> usize {
        self.new + self.changed + self.unchanged + self.kept_deleted
    }

    /// Whether every file went in and the run was not interrupted.
    pub fn is_complete(&self) -> bool {
        self.failures.is_empty() && !self.interrupted
    }
}

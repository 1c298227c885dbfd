//! The one ingest pipeline (DESIGN.md, principle 4): read bytes → detect format and encoding
//! → parse to documents → validate → commit to the store in a transaction. A new format is
//! one reader in `chancery-formats`; nothing here changes.
//!
//! ```no_run
//! use std::path::{Path, PathBuf};
//! use std::sync::atomic::AtomicBool;
//! use chancery_ingest::{import, ImportOptions, Silent};
//! use chancery_store::SqliteStore;
//!
//! let store = SqliteStore::open(Path::new("chancery-data/archive.db")).unwrap();
//! let paths = [PathBuf::from("records/")];
//! let summary = import(&store, &paths, &ImportOptions::default(), &Silent, &AtomicBool::new(false)).unwrap();
//! println!("{} new, {} failures", summary.new, summary.failures.len());
//! ```

pub mod enrichment;
pub mod harvest;
pub mod merge;
pub mod pipeline;
pub mod read;
pub mod relations;
pub mod summary;
pub mod walk;

pub use enrichment::{Enricher, EnricherError};
pub use pipeline::{ImportOptions, IngestError, Observer, Silent, import};
pub use read::{DEFAULT_MAX_FILE_SIZE, FileRead, ReadOptions, read_file};
pub use summary::{Failure, ImportSummary};

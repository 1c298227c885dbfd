//! The data directory: where the store (and later the index) live.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chancery_store::SqliteStore;

/// The store's file inside the data directory.
const STORE_FILE: &str = "archive.db";

/// An archive's data directory.
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The data directory at `root` (not touched yet).
    pub fn new(root: &Path) -> Self {
        Self { root: root.to_path_buf() }
    }

    /// The store's path.
    pub fn store_path(&self) -> PathBuf {
        self.root.join(STORE_FILE)
    }

    /// Opens the archive, creating the directory and an empty store when absent.
    pub fn create_or_open(&self) -> anyhow::Result<SqliteStore> {
        std::fs::create_dir_all(&self.root)
            .with_context(|| format!("cannot create the data directory {}", self.root.display()))?;
        SqliteStore::open(&self.store_path())
            .with_context(|| format!("cannot open the archive in {}", self.root.display()))
    }

    /// Opens an existing archive; an absent one is an error that says how to make one.
    pub fn open_existing(&self) -> anyhow::Result<SqliteStore> {
        if !self.store_path().is_file() {
            bail!(
                "no archive in {} (import documents first: chancery --data {} import PATH…)",
                self.root.display(),
                self.root.display()
            );
        }
        SqliteStore::open(&self.store_path())
            .with_context(|| format!("cannot open the archive in {}", self.root.display()))
    }
}

//! The data directory: where the store (and later the index) live.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use std::sync::atomic::{AtomicBool, Ordering};

use chancery_index::{CatchUp, IndexError, SearchIndex};
use chancery_ingest::{ImportOptions, ImportSummary, Observer};
use chancery_store::{SqliteStore, Store};

/// The store's file inside the data directory.
const STORE_FILE: &str = "archive.db";

/// The search index's directory inside the data directory.
const INDEX_DIR: &str = "index";

/// An archive's data directory.
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The data directory at `root` (not touched yet).
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
        }
    }

    /// The data directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The store's path.
    pub fn store_path(&self) -> PathBuf {
        self.root.join(STORE_FILE)
    }

    /// The search index's root directory.
    pub fn index_path(&self) -> PathBuf {
        self.root.join(INDEX_DIR)
    }

    /// Opens the search index and brings it up to date with the store. When another process
    /// (a running server) holds the index writer, the index is used as it is: that process
    /// applies the changes itself.
    pub fn current_index(
        &self,
        store: &dyn Store,
        progress: &mut dyn FnMut(usize),
    ) -> anyhow::Result<SearchIndex> {
        let index = self.open_index(store)?;
        match index.catch_up(store, progress) {
            Ok(_) => {}
            Err(IndexError::Busy(_)) => {
                tracing::info!("the index is being updated by another process");
                index.reload()?;
            }
            Err(e) => return Err(e).context("cannot bring the search index up to date"),
        }
        Ok(index)
    }

    /// Opens the search index; an index built by another version of Chancery is rebuilt
    /// from the store first.
    pub fn open_index(&self, store: &dyn Store) -> anyhow::Result<SearchIndex> {
        let root = self.index_path();
        match SearchIndex::open(&root) {
            Err(IndexError::Outdated(_)) => {
                eprintln!(
                    "rebuilding the search index (it was built by another version of Chancery)…"
                );
                let (index, done) = SearchIndex::rebuild(&root, store, &mut |_| {})
                    .context("cannot rebuild the search index")?;
                eprintln!("rebuilt the search index: {} documents", done.documents);
                Ok(index)
            }
            other => {
                other.with_context(|| format!("cannot open the search index in {}", root.display()))
            }
        }
    }

    /// Imports `paths` while the search index follows the store's change log on another
    /// thread, so that indexing overlaps storing; returns the import's summary and how the
    /// index fared (an index error does not undo the import: the next start catches up).
    pub fn import_and_index(
        &self,
        store: &SqliteStore,
        paths: &[PathBuf],
        options: &ImportOptions,
        observer: &dyn Observer,
        cancel: &AtomicBool,
    ) -> anyhow::Result<(ImportSummary, anyhow::Result<CatchUp>)> {
        let index = self.open_index(store);
        self.import_into(store, &index, paths, options, observer, cancel)
    }

    /// [`Self::import_and_index`] with the index already open (or failed to open, which the
    /// result reports). The index's writer stays with it, merges still running included.
    pub fn import_into(
        &self,
        store: &SqliteStore,
        index: &anyhow::Result<SearchIndex>,
        paths: &[PathBuf],
        options: &ImportOptions,
        observer: &dyn Observer,
        cancel: &AtomicBool,
    ) -> anyhow::Result<(ImportSummary, anyhow::Result<CatchUp>)> {
        // A server holds the index: it indexes what this import stores. The import then
        // runs at a lower priority (its reader threads inherit it), so that the reading
        // room stays responsive while it works.
        if let Ok(index) = index
            && let Ok(false) = index.claim_writer()
        {
            eprintln!(
                "a server is serving this archive: it indexes the documents as they are stored, \
                 and this import runs at a lower priority so that readers come first"
            );
            if let Err(e) = chancery_index::priority::run_in_background() {
                tracing::debug!(error = %e, "the import runs at normal priority");
            }
        }
        let done = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let follower = index.as_ref().ok().map(|index| {
                scope.spawn(|| {
                    index.follow(store, &done, &mut |n| {
                        tracing::debug!("indexed {n} documents")
                    })
                })
            });
            let summary = chancery_ingest::import(store, paths, options, observer, cancel);
            done.store(true, Ordering::SeqCst);
            let indexed = match (follower, index) {
                (Some(handle), _) => match handle.join() {
                    Ok(Ok(caught)) => Ok(caught),
                    Ok(Err(IndexError::Busy(_))) => Ok(CatchUp {
                        documents: 0,
                        seq: 0,
                    }),
                    Ok(Err(e)) => Err(anyhow::Error::new(e)),
                    Err(_) => Err(anyhow::anyhow!("the indexing thread failed")),
                },
                (None, Err(e)) => Err(anyhow::anyhow!("{e:#}")),
                (None, Ok(_)) => Err(anyhow::anyhow!("the index was not followed")),
            };
            // A store failure (a full disk, a lock held too long, a file made read-only)
            // stops the import between batches: say where, and that a rerun finishes it.
            let summary = summary.with_context(|| {
                format!(
                    "the import into the data directory {} stopped (every batch committed \
                     before it is kept: run the same import again once this is solved)",
                    self.root.display()
                )
            })?;
            Ok((summary, indexed))
        })
    }

    /// Opens the archive, creating the directory and an empty store when absent.
    pub fn create_or_open(&self) -> anyhow::Result<SqliteStore> {
        std::fs::create_dir_all(&self.root)
            .with_context(|| format!("cannot create the data directory {}", self.root.display()))?;
        SqliteStore::open(self.store_path())
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
        SqliteStore::open(self.store_path())
            .with_context(|| format!("cannot open the archive in {}", self.root.display()))
    }

    /// Refuses `path` as the place to write `what` (an export, a backup) when it lies inside
    /// the data directory, however it is spelled (`..`, symbolic links, a folder still to be
    /// made): writing there could replace the store or the index with the export itself.
    pub fn refuse_inside(&self, path: &Path, what: &str) -> anyhow::Result<()> {
        let Some(root) = resolved(&self.root) else {
            return Ok(());
        };
        if resolved(path).is_some_and(|p| p.starts_with(&root)) {
            bail!(
                "refusing to write {what} to {}: it is inside the data directory {} (the \
                 archive's own files could be overwritten); choose a place outside it",
                path.display(),
                self.root.display()
            );
        }
        Ok(())
    }
}

/// `path` made absolute with symbolic links and `..` resolved, as far as it exists; the
/// missing rest is appended with its `..` applied. `None` when no part of it can be resolved.
fn resolved(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let parts: Vec<Component<'_>> = absolute.components().collect();
    for split in (1..=parts.len()).rev() {
        let prefix: PathBuf = parts[..split].iter().collect();
        if let Ok(mut out) = prefix.canonicalize() {
            for part in &parts[split..] {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(name) => out.push(name),
                    Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
                }
            }
            return Some(out);
        }
    }
    None
}

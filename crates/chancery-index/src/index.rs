//! The search index of an archive: a tantivy index that follows the store's change log
//! (DESIGN.md, principle 3). Each commit records, in tantivy's commit payload, the last
//! change-log sequence it applied; opening the index and calling [`SearchIndex::catch_up`]
//! applies everything after it, so a crash between a store commit and an index commit loses
//! nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use chancery_store::{ListFilter, Store};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::analysis;
use crate::error::IndexError;
use crate::layout;
use crate::schema::Fields;

/// Memory the index writer may use before it flushes a segment.
const WRITER_MEMORY: usize = 256 * 1024 * 1024;

/// Commit at least this often while catching up, so that a crash replays little.
const COMMIT_EVERY: usize = 100_000;

/// Setting this environment variable makes the process abort just before an index commit,
/// after the store has committed: the crash test uses it to prove nothing is lost.
pub const CRASH_BEFORE_INDEX_COMMIT: &str = "CHANCERY_CRASH_BEFORE_INDEX_COMMIT";

/// What a catch-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatchUp {
    /// Documents (re)indexed or removed.
    pub documents: usize,
    /// The change-log sequence the index now reflects.
    pub seq: u64,
}

/// An archive's search index.
pub struct SearchIndex {
    root: PathBuf,
    generation: String,
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    threads: usize,
}

impl SearchIndex {
    /// Opens the live generation under `root` (e.g. `chancery-data/index`), creating an
    /// empty index when there is none.
    pub fn open(root: &Path) -> Result<Self, IndexError> {
        let generation = match layout::current(root)? {
            Some(name) => name,
            None => {
                let name = layout::next_generation(root)?;
                create_generation(root, &name)?;
                layout::make_current(root, &name)?;
                name
            }
        };
        Self::open_generation(root, &generation)
    }

    fn open_generation(root: &Path, generation: &str) -> Result<Self, IndexError> {
        let dir = layout::generation_dir(root, generation);
        let mut index = Index::open_in_dir(&dir).map_err(|e| IndexError::Io {
            path: dir.display().to_string(),
            message: format!(
                "cannot open the index ({e}); `chancery reindex` rebuilds it from the store"
            ),
        })?;
        // The schema is the index's version: an index built with other fields (or other
        // options) was built by another version of Chancery and is rebuilt from the store.
        let (schema, fields) = Fields::build();
        if index.schema() != schema {
            return Err(IndexError::Outdated(dir.display().to_string()));
        }
        analysis::register(&index);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        // A search visits the segments on as many threads as there are cores: one person's
        // slow query (a phrase of common words over a million documents) then takes half
        // the time on two cores, rather than leaving one idle.
        if threads > 1 {
            index.set_multithread_executor(threads)?;
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            root: root.to_path_buf(),
            generation: generation.to_string(),
            index,
            fields,
            reader,
            writer: Mutex::new(None),
            threads,
        })
    }

    /// The generation directory in use.
    pub fn generation(&self) -> &str {
        &self.generation
    }

    /// The index root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether a rebuild has made another generation live since this one was opened.
    pub fn is_stale(&self) -> Result<bool, IndexError> {
        Ok(layout::current(&self.root)?.as_deref() != Some(self.generation.as_str()))
    }

    /// The last change-log sequence the index reflects (0 for a new index).
    pub fn applied_seq(&self) -> Result<u64, IndexError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(parse_payload)
            .unwrap_or(0))
    }

    /// How many documents the index holds (as of the last reload).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>, IndexError> {
        let mut guard = self.writer.lock().map_err(|_| IndexError::Io {
            path: self.root.display().to_string(),
            message: "the index writer was poisoned by an earlier failure".into(),
        })?;
        if guard.is_none() {
            let writer = self
                .index
                .writer_with_num_threads(self.threads, WRITER_MEMORY)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => {
                        IndexError::Busy(self.root.display().to_string())
                    }
                    other => IndexError::Tantivy(other),
                })?;
            *guard = Some(writer);
        }
        Ok(guard)
    }

    /// Lets the segment merges the writer has started finish (and those they lead to), then
    /// releases the writer and reloads. Dropping the writer instead abandons merges still
    /// running; they go on using the processor until they end, and their work is lost.
    pub fn finish_merges(&self) -> Result<(), IndexError> {
        let writer = self
            .writer
            .lock()
            .map_err(|_| IndexError::Io {
                path: self.root.display().to_string(),
                message: "the index writer was poisoned by an earlier failure".into(),
            })?
            .take();
        if let Some(writer) = writer {
            writer.wait_merging_threads()?;
            self.reader.reload()?;
        }
        Ok(())
    }

    /// Takes the index writer now (rather than at the first change to apply), so that its
    /// threads start from the calling thread and inherit its priority. Returns `false` when
    /// another process holds it.
    pub fn claim_writer(&self) -> Result<bool, IndexError> {
        match self.writer() {
            Ok(_) => Ok(true),
            Err(IndexError::Busy(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Applies every change the store logged after [`Self::applied_seq`], then commits and
    /// reloads. Calls `progress` with the number of documents applied so far.
    pub fn catch_up(
        &self,
        store: &dyn Store,
        progress: &mut dyn FnMut(usize),
    ) -> Result<CatchUp, IndexError> {
        let done = AtomicBool::new(true);
        self.follow(store, &done, progress)
    }

    /// Applies the store's changes as they come, while another thread writes them (an
    /// import), until `done` is set and the log is drained; then commits and reloads. The
    /// index work then overlaps the store's instead of following it.
    pub fn follow(
        &self,
        store: &dyn Store,
        done: &AtomicBool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<CatchUp, IndexError> {
        let mut seq = self.applied_seq()?;
        if done.load(Ordering::SeqCst) && seq >= store.last_seq()? {
            return Ok(CatchUp { documents: 0, seq });
        }
        let mut guard = self.writer()?;
        let Some(writer) = guard.as_mut() else {
            return Err(IndexError::Busy(self.root.display().to_string()));
        };
        let mut applied = 0usize;
        let mut since_commit = 0usize;
        loop {
            // Read `done` before looking at the log, so that nothing written before it was
            // set can be missed.
            let finished = done.load(Ordering::SeqCst);
            let changes = store.changes_since(seq, 5000)?;
            let Some(last) = changes.last() else {
                if finished {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
                continue;
            };
            let last_seq = last.seq;
            // Several changes to one document in a page need applying once: the current
            // state is what the index shows.
            let mut seen = HashSet::new();
            for change in changes.iter().rev() {
                if !seen.insert(change.id) {
                    continue;
                }
                let id = change.id.to_string();
                writer.delete_term(Term::from_field_text(self.fields.id, &id));
                if let Some(stored) = store.get(change.id)?
                    && !stored.deleted
                {
                    writer.add_document(self.fields.document(&stored.document))?;
                }
            }
            applied += seen.len();
            since_commit += seen.len();
            seq = last_seq;
            progress(applied);
            if since_commit >= COMMIT_EVERY {
                commit(writer, seq)?;
                since_commit = 0;
            }
        }
        if applied > 0 {
            commit(writer, seq)?;
        }
        drop(guard);
        self.reader.reload()?;
        Ok(CatchUp {
            documents: applied,
            seq,
        })
    }

    /// Rebuilds the index from the store into a new generation and swaps it in atomically;
    /// the old generation serves until the swap. Returns the new index.
    pub fn rebuild(
        root: &Path,
        store: &dyn Store,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(Self, CatchUp), IndexError> {
        let name = layout::next_generation(root)?;
        create_generation(root, &name)?;
        let built = Self::open_generation(root, &name)?;
        // Everything up to this sequence is in the scan; later changes are caught up below
        // (applying a change twice is harmless: it replaces the document).
        let start_seq = store.last_seq()?;
        let mut count = 0usize;
        {
            let mut guard = built.writer()?;
            let Some(writer) = guard.as_mut() else {
                return Err(IndexError::Busy(root.display().to_string()));
            };
            let fields = &built.fields;
            store.scan(&ListFilter::default(), &mut |doc| {
                writer
                    .add_document(fields.document(&doc))
                    .map_err(chancery_store::StoreError::external)?;
                count += 1;
                if count.is_multiple_of(10_000) {
                    progress(count);
                }
                Ok(())
            })?;
            commit(writer, start_seq)?;
        }
        built.reader.reload()?;
        let caught = built.catch_up(store, progress)?;
        layout::make_current(root, &name)?;
        layout::remove_other_generations(root, &name)?;
        progress(count + caught.documents);
        Ok((
            built,
            CatchUp {
                documents: count + caught.documents,
                seq: caught.seq,
            },
        ))
    }

    /// Reloads the searcher to see the latest commit (another process's, too).
    pub fn reload(&self) -> Result<(), IndexError> {
        self.reader.reload()?;
        Ok(())
    }
}

fn create_generation(root: &Path, name: &str) -> Result<(), IndexError> {
    let dir = layout::generation_dir(root, name);
    std::fs::create_dir_all(&dir).map_err(|e| IndexError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    let (schema, _) = Fields::build();
    Index::create_in_dir(&dir, schema)?;
    Ok(())
}

fn commit(writer: &mut IndexWriter, seq: u64) -> Result<(), IndexError> {
    if std::env::var_os(CRASH_BEFORE_INDEX_COMMIT).is_some() {
        std::process::abort();
    }
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&format!("{{\"seq\":{seq}}}"));
    prepared.commit()?;
    Ok(())
}

fn parse_payload(payload: &str) -> Option<u64> {
    let value: serde_json::Value = serde_json::from_str(payload).ok()?;
    value.get("seq")?.as_u64()
}

#[cfg(test)]
mod tests {
    use tantivy::Index;
    use tantivy::schema::Schema;

    use super::{IndexError, SearchIndex, parse_payload};
    use crate::layout;
    use crate::schema::Fields;

    #[test]
    fn payload_round_trips() {
        assert_eq!(parse_payload("{\"seq\":42}"), Some(42));
        assert_eq!(parse_payload("garbage"), None);
    }

    #[test]
    fn an_index_without_the_named_entity_fields_is_outdated() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let root = dir.path().join("index");
        // The schema before persons, organizations and places were indexed.
        let (schema, _) = Fields::build();
        let mut older = Schema::builder();
        for (_, entry) in schema.fields() {
            if !["person", "org", "place", "names"].contains(&entry.name()) {
                older.add_field(entry.clone());
            }
        }
        let name = layout::next_generation(&root).expect("a generation name");
        let generation = layout::generation_dir(&root, &name);
        std::fs::create_dir_all(&generation).expect("the generation directory");
        Index::create_in_dir(&generation, older.build()).expect("an index");
        layout::make_current(&root, &name).expect("made current");
        assert!(matches!(
            SearchIndex::open(&root),
            Err(IndexError::Outdated(_))
        ));
    }
}

//! The SQLite backend: the whole conformance suite, then what only SQLite can show — damage
//! done to the file behind the store's back, locks held by other processes, permissions,
//! schema versions, and a writer killed at random moments.

// The helpers below run only inside tests, where a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chancery_model::{Document, DocumentId};
use chancery_store::conformance::{Backend, TestResult};
use chancery_store::{
    Clock, FixedClock, ImportedFile, ListFilter, NewImportRun, Page, RunStatus, SqliteOptions,
    SqliteStore, Store, StoreError, WriteMeta,
};
use tempfile::TempDir;

/// Archives in temporary directories.
struct Sqlite;

impl Backend for Sqlite {
    type Archive = TempDir;

    fn create(&self) -> Result<TempDir, Box<dyn Error>> {
        Ok(tempfile::tempdir()?)
    }

    fn open(&self, dir: &TempDir, clock: Arc<dyn Clock>) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(SqliteStore::open_with_clock(
            db_path(dir.path()),
            clock,
        )?))
    }
}

chancery_store::conformance_tests!(Sqlite);

fn db_path(dir: &Path) -> PathBuf {
    dir.join("chancery.db")
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new("2026-01-01T00:00:00Z".parse().unwrap()))
}

fn doc(key: &str, title: &str) -> Document {
    Document::new(
        DocumentId::from_key(key),
        title,
        &format!("The text of {title}."),
    )
}

fn file(path: &str, documents: Vec<Document>) -> ImportedFile {
    ImportedFile {
        path: path.into(),
        sha256: "0".repeat(64),
        size: 1,
        format: None,
        documents,
        error: None,
        warnings: vec![],
    }
}

fn new_run() -> NewImportRun {
    NewImportRun {
        actor: "tester".into(),
        arguments: "import".into(),
    }
}

/// A store with three documents, one of them edited (two revisions).
fn populated() -> (TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_with_clock(db_path(dir.path()), clock()).unwrap();
    let run = store.begin_import(new_run()).unwrap();
    store
        .commit_import_batch(
            run,
            vec![file(
                "a.jsonl",
                vec![doc("a", "Original A"), doc("b", "B"), doc("c", "C")],
            )],
        )
        .unwrap();
    store.finish_import(run, RunStatus::Completed).unwrap();
    store
        .put(
            doc("a", "Edited A"),
            WriteMeta::new("editor", "edit"),
            Some(1),
        )
        .unwrap();
    assert!(store.check().unwrap().is_clean());
    (dir, store)
}

/// Changes the database through a connection of its own, as a careless hand with the sqlite3
/// shell would (where foreign keys are off by default).
fn tamper(dir: &TempDir, sql: &str) {
    let conn = rusqlite::Connection::open(db_path(dir.path())).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    conn.execute_batch(sql).unwrap();
}

fn problems(store: &SqliteStore) -> Vec<String> {
    let report = store.check().unwrap();
    assert!(!report.is_clean());
    report.problems
}

fn assert_mentions(problems: &[String], needles: &[&str]) {
    assert!(
        problems
            .iter()
            .any(|p| needles.iter().all(|n| p.contains(n))),
        "no problem mentions {needles:?}: {problems:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// check() finds damage

#[test]
fn check_detects_a_tampered_snapshot() {
    let (dir, store) = populated();
    let a = DocumentId::from_key("a").to_string();
    tamper(
        &dir,
        &format!(
            "UPDATE revisions SET snapshot = replace(snapshot, 'Original A', 'Forged A') \
         WHERE document_key = (SELECT key FROM documents WHERE id = '{a}') AND revision = 1"
        ),
    );
    let found = problems(&store);
    assert_mentions(&found, &[&a, "revision 1 does not match its hash"]);
    // Revision 1 was the imported one, so the stored hash of the imported content no longer
    // matches it either; nothing else is blamed (revision 2 chains from the stored hash).
    assert_mentions(&found, &[&a, "last imported content"]);
    assert_eq!(found.len(), 2, "{found:#?}");

    // Tampering with the head's content is caught by the content hash as well.
    let b = DocumentId::from_key("b").to_string();
    tamper(
        &dir,
        &format!(
            "UPDATE revisions SET snapshot = replace(snapshot, '\"B\"', '\"Forged B\"') WHERE document_key = (SELECT key FROM documents WHERE id = '{b}')"
        ),
    );
    let found = problems(&store);
    assert_mentions(&found, &[&b, "does not match its hash"]);
    assert_mentions(&found, &[&b, "content hash"]);
}

#[test]
fn check_detects_a_snapshot_that_is_not_a_document() {
    let (dir, store) = populated();
    let c = DocumentId::from_key("c").to_string();
    tamper(
        &dir,
        &format!(
            "UPDATE revisions SET snapshot = '{{\"title\": 5}}' WHERE document_key = (SELECT key FROM documents WHERE id = '{c}')"
        ),
    );
    assert_mentions(&problems(&store), &[&c, "does not parse as a document"]);
}

#[test]
fn check_detects_a_gap_in_the_change_log() {
    let (dir, store) = populated();
    tamper(&dir, "DELETE FROM changes WHERE seq = 2");
    let found = problems(&store);
    assert_mentions(
        &found,
        &["jumps from sequence 1 to 3", "sequence 2 is missing"],
    );
    assert_mentions(
        &found,
        &[
            "(sequence 2) has no change-log entry",
            &DocumentId::from_key("b").to_string(),
        ],
    );
    assert_mentions(&found, &["refers to a missing row of table changes"]);
}

#[test]
fn check_detects_missing_entries_at_the_end_of_the_change_log() {
    let (dir, store) = populated();
    tamper(
        &dir,
        "DELETE FROM revisions WHERE seq = 4; DELETE FROM changes WHERE seq = 4;",
    );
    assert_mentions(
        &problems(&store),
        &["ends at sequence 3", "up to 4 were handed out"],
    );
}

#[test]
fn check_detects_a_wrong_head() {
    let (dir, store) = populated();
    let a = DocumentId::from_key("a").to_string();
    tamper(
        &dir,
        &format!("UPDATE documents SET head_revision = 1 WHERE id = '{a}'"),
    );
    assert_mentions(
        &problems(&store),
        &[&a, "head revision 1, but its revisions say 2"],
    );
}

#[test]
fn check_detects_a_wrong_deleted_flag_and_stale_listing_columns() {
    let (dir, store) = populated();
    let b = DocumentId::from_key("b").to_string();
    tamper(
        &dir,
        &format!("UPDATE documents SET deleted = 1, title = 'Renamed' WHERE id = '{b}'"),
    );
    let found = problems(&store);
    assert_mentions(&found, &[&b, "deleted true, but its revisions say false"]);
    assert_mentions(&found, &[&b, "listing columns"]);
}

#[test]
fn check_detects_a_gap_in_revision_numbers_and_orphan_journal_rows() {
    let (dir, store) = populated();
    let a = DocumentId::from_key("a").to_string();
    tamper(
        &dir,
        &format!(
            "UPDATE revisions SET revision = 3 WHERE document_key = (SELECT key FROM documents WHERE id = '{a}') AND revision = 2; \
         UPDATE changes SET revision = 3 WHERE document_id = '{a}' AND revision = 2; \
         UPDATE import_files SET run_id = 77;"
        ),
    );
    let found = problems(&store);
    assert_mentions(&found, &[&a, "revision numbers jump from 1 to 3"]);
    assert_mentions(
        &found,
        &["file a.jsonl", "import run 77, which does not exist"],
    );
}

// ---------------------------------------------------------------------------------------------
// Atomicity

#[test]
fn an_error_injected_midway_leaves_nothing_of_the_batch() {
    let (dir, store) = populated();
    let seq = store.last_seq().unwrap();
    let victim = DocumentId::from_key("victim").to_string();
    tamper(
        &dir,
        &format!(
            "CREATE TRIGGER inject BEFORE INSERT ON revisions WHEN (SELECT count(*) FROM changes WHERE seq = NEW.seq AND document_id = '{victim}') > 0 \
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ),
    );
    let run = store.begin_import(new_run()).unwrap();
    let batch = vec![
        file("first.jsonl", vec![doc("n1", "N1"), doc("n2", "N2")]),
        ImportedFile {
            error: Some("unreadable".into()),
            ..file("bad.xml", vec![])
        },
        file(
            "second.jsonl",
            vec![doc("n3", "N3"), doc("victim", "Victim"), doc("n4", "N4")],
        ),
    ];
    let err = store.commit_import_batch(run, batch.clone()).unwrap_err();
    assert!(err.to_string().contains("injected failure"), "{err}");
    assert!(
        err.to_string().contains(&format!("import run {run}")),
        "{err}"
    );
    assert_eq!(store.last_seq().unwrap(), seq);
    assert!(store.import_files(run).unwrap().is_empty());
    for key in ["n1", "n2", "n3", "victim", "n4"] {
        assert!(
            store.get(DocumentId::from_key(key)).unwrap().is_none(),
            "{key}"
        );
    }
    assert!(store.check().unwrap().is_clean());

    tamper(&dir, "DROP TRIGGER inject");
    let results = store.commit_import_batch(run, batch).unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(store.last_seq().unwrap(), seq + 5);
    assert!(store.check().unwrap().is_clean());
}

/// In child mode (set by `a_writer_killed_at_any_moment_leaves_whole_batches`), commits
/// batches until killed; otherwise does nothing.
#[test]
fn crash_child_writes_until_killed() {
    let Ok(path) = std::env::var("CHANCERY_STORE_CRASH_DB") else {
        return;
    };
    let round: usize = std::env::var("CHANCERY_STORE_CRASH_ROUND")
        .unwrap()
        .parse()
        .unwrap();
    let store = SqliteStore::open(&path).unwrap();
    let run = store.begin_import(new_run()).unwrap();
    for batch in 0.. {
        let docs = (0..CRASH_BATCH)
            .map(|i| doc(&format!("{round}-{batch}-{i}"), "Crash test"))
            .collect();
        store
            .commit_import_batch(run, vec![file(&format!("{round}-{batch}.jsonl"), docs)])
            .unwrap();
    }
}

const CRASH_BATCH: usize = 100;

#[test]
fn a_writer_killed_at_any_moment_leaves_whole_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(dir.path());
    drop(SqliteStore::open(&path).unwrap());
    let exe = std::env::current_exe().unwrap();
    for round in 0..5 {
        let mut child = std::process::Command::new(&exe)
            .args([
                "crash_child_writes_until_killed",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CHANCERY_STORE_CRASH_DB", &path)
            .env("CHANCERY_STORE_CRASH_ROUND", round.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a different moment each round, mid-batch more often than not.
        std::thread::sleep(Duration::from_millis(250 + 137 * round));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    let report = store.check().unwrap();
    assert!(report.is_clean(), "{:#?}", report.problems);
    let runs = store.import_runs(100).unwrap();
    assert_eq!(runs.len(), 5);
    let mut journaled = 0;
    for run in &runs {
        assert_eq!(run.status, RunStatus::Interrupted);
        for f in store.import_files(run.id).unwrap() {
            assert_eq!(
                f.new, CRASH_BATCH as u64,
                "{} is journaled as a partial batch",
                f.path
            );
            journaled += f.new;
        }
    }
    assert!(journaled > 0, "no batch was committed before the kills");
    let stored = store.count(&ListFilter::default()).unwrap();
    assert_eq!(
        stored, journaled,
        "documents and journal rows went in together"
    );
    assert_eq!(store.last_seq().unwrap(), stored);
}

// ---------------------------------------------------------------------------------------------
// Other processes, permissions, versions

fn quick(path: &Path) -> SqliteStore {
    let options = SqliteOptions {
        busy_timeout: Duration::from_millis(200),
        ..SqliteOptions::default()
    };
    SqliteStore::open_with(path, clock(), options).unwrap()
}

#[test]
fn a_locked_database_gives_the_locked_error_and_readers_go_on() {
    let (dir, store) = populated();
    drop(store);
    let store = quick(&db_path(dir.path()));
    let other = rusqlite::Connection::open(db_path(dir.path())).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE; INSERT INTO import_runs (actor, arguments, started_us, status) VALUES ('x', '', 0, 'running');").unwrap();

    let err = store.begin_import(new_run()).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("database is locked")
            && text.contains("another chancery process may be importing"),
        "{text}"
    );
    let err = store
        .put(doc("z", "Z"), WriteMeta::new("e", "r"), None)
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");

    // Readers are not held up by the other process's write (a blocked reader would give up
    // after the 200 ms busy timeout with a locked error).
    assert_eq!(
        store
            .get(DocumentId::from_key("a"))
            .unwrap()
            .unwrap()
            .document
            .title,
        "Edited A"
    );
    assert_eq!(
        store
            .list(&ListFilter::default(), &Page::first(10))
            .unwrap()
            .len(),
        3
    );
    assert_eq!(store.last_seq().unwrap(), 4);

    other.execute_batch("ROLLBACK").unwrap();
    store.begin_import(new_run()).unwrap();
}

#[test]
fn two_stores_on_one_file_interleave_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(dir.path());
    let (one, two) = (
        SqliteStore::open(&path).unwrap(),
        SqliteStore::open(&path).unwrap(),
    );
    std::thread::scope(|scope| {
        for (name, store) in [("one", &one), ("two", &two)] {
            scope.spawn(move || {
                let run = store.begin_import(new_run()).unwrap();
                for batch in 0..10 {
                    let docs = (0..20)
                        .map(|i| doc(&format!("{name}-{batch}-{i}"), "Interleaved"))
                        .collect();
                    store
                        .commit_import_batch(run, vec![file("x.jsonl", docs)])
                        .unwrap();
                }
                store.finish_import(run, RunStatus::Completed).unwrap();
            });
        }
    });
    assert_eq!(one.last_seq().unwrap(), 400);
    assert_eq!(two.count(&ListFilter::default()).unwrap(), 400);
    assert!(one.check().unwrap().is_clean());
}

#[cfg(unix)]
#[test]
fn a_read_only_database_file_gives_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = populated();
    drop(store);
    let path = db_path(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().contains("read-only"), "{err}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();

    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
}

#[test]
fn a_newer_schema_is_refused() {
    let (dir, store) = populated();
    drop(store);
    tamper(&dir, "PRAGMA user_version = 99");
    let err = SqliteStore::open(db_path(dir.path())).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer chancery"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        db_path(dir.path()),
        "These are not the pages you are looking for.".repeat(100),
    )
    .unwrap();
    let err = SqliteStore::open(db_path(dir.path())).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
}

#[test]
fn a_missing_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = SqliteStore::open(dir.path().join("nowhere").join("chancery.db")).unwrap_err();
    assert!(matches!(err, StoreError::CannotOpen { .. }), "{err:?}");
    assert!(err.to_string().contains("nowhere"), "{err}");
}

#[test]
fn the_schema_is_applied_once_and_versioned() {
    let (dir, store) = populated();
    drop(store);
    let conn = rusqlite::Connection::open(db_path(dir.path())).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, chancery_store::sqlite::SCHEMA_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page_size, 16 * 1024);
    drop(conn);
    // Opening again applies nothing and keeps the data.
    let store = SqliteStore::open(db_path(dir.path())).unwrap();
    assert_eq!(store.count(&ListFilter::default()).unwrap(), 3);
}

#[test]
fn listing_uses_the_order_index() -> TestResult {
    let (dir, _store) = populated();
    let conn = rusqlite::Connection::open(db_path(dir.path()))?;
    let plan: Vec<String> = conn
        .prepare(
            "EXPLAIN QUERY PLAN SELECT d.id FROM documents AS d WHERE d.deleted = 0 \
             AND (d.sort_day, d.id) > (?1, ?2) ORDER BY d.sort_day, d.id LIMIT 10",
        )?
        .query_map(
            [
                rusqlite::types::Value::Integer(0),
                rusqlite::types::Value::Text(String::new()),
            ],
            |r| r.get(3),
        )?
        .collect::<Result<_, _>>()?;
    let plan = plan.join(" | ");
    assert!(
        plan.contains("documents_order") && !plan.contains("TEMP B-TREE"),
        "{plan}"
    );
    Ok(())
}

#[test]
fn a_backup_taken_while_importing_holds_everything_committed_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(db_path(dir.path())).unwrap());
    let run = store.begin_import(new_run()).unwrap();
    let before: Vec<Document> = (0..200)
        .map(|i| doc(&format!("before-{i}"), "Before"))
        .collect();
    store
        .commit_import_batch(run, vec![file("before.jsonl", before)])
        .unwrap();
    let committed = store.last_seq().unwrap();
    // Imports go on in another thread while the backup runs.
    let writer = {
        let store = Arc::clone(&store);
        std::thread::spawn(move || {
            for batch in 0..20 {
                let docs = (0..100)
                    .map(|i| doc(&format!("during-{batch}-{i}"), "During"))
                    .collect();
                store
                    .commit_import_batch(run, vec![file(&format!("during-{batch}.jsonl"), docs)])
                    .unwrap();
            }
        })
    };
    let dest = dir.path().join("backup.db");
    store.backup_to(&dest).unwrap();
    writer.join().unwrap();
    assert!(!dir.path().join("backup.db.partial").exists());
    let copy = SqliteStore::open(&dest).unwrap();
    assert!(copy.check().unwrap().is_clean());
    assert!(copy.last_seq().unwrap() >= committed);
    for i in 0..200 {
        assert!(
            copy.get(DocumentId::from_key(&format!("before-{i}")))
                .unwrap()
                .is_some()
        );
    }
    // A backup never overwrites.
    assert!(store.backup_to(&dest).is_err());
}

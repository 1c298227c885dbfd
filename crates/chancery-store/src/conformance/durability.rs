//! Integrity, reopening, time and concurrent readers.

use jiff::SignedDuration;

use super::fixture::*;
use super::{Backend, TestResult};
use crate::types::{ImportedFile, ListFilter, PutOutcome};

/// `check` is clean after imports, edits, deletions and restores, and counts what it saw.
pub fn check_is_clean_after_every_kind_of_write<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let report = s.check()?;
    assert!(report.is_clean() && report.documents == 0);
    let docs: Vec<_> = (0..10)
        .map(|i| doc(&format!("c{i}"), &format!("Checked {i}")))
        .collect();
    import(s, "c.jsonl", docs.clone())?;
    let mut e = docs[1].clone();
    e.title = "Checked, edited".into();
    s.put(e, editor("edit"), None)?;
    s.delete(docs[2].id, editor("delete"), None)?;
    s.delete(docs[3].id, editor("delete"), None)?;
    s.restore(docs[3].id, 1, editor("restore"))?;
    let report = s.check()?;
    assert!(report.is_clean(), "{:#?}", report.problems);
    assert_eq!(
        (
            report.documents,
            report.deleted_documents,
            report.revisions,
            report.changes
        ),
        (10, 1, 14, 14)
    );
    assert_eq!((report.import_runs, report.import_files), (1, 1));
    Ok(())
}

/// Everything written is there after the store is closed and opened again.
pub fn reopening_keeps_everything<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let d = doc("r", "Reopened");
    let run = {
        let s = f.store.as_ref();
        import(s, "r.jsonl", vec![d.clone()])?;
        let mut e = d.clone();
        e.title = "Reopened, edited".into();
        s.put(e, editor("edit"), Some(1))?;
        let run = run(s)?;
        s.commit_import_batch(
            run,
            vec![ImportedFile {
                error: Some("bad".into()),
                ..file("bad.xml", vec![])
            }],
        )?;
        run
    };
    let before = (
        f.store.get(d.id)?,
        f.store.history(d.id)?,
        f.store.changes_since(0, 100)?,
        f.store.import_runs(10)?,
        f.store.import_files(run)?,
    );
    drop(f.store);
    let s = backend.open(&f.archive, f.clock.clone())?;
    let after = (
        s.get(d.id)?,
        s.history(d.id)?,
        s.changes_since(0, 100)?,
        s.import_runs(10)?,
        s.import_files(run)?,
    );
    assert_eq!(before, after);
    // Sequence numbers go on where they stopped.
    let mut e = current(s.as_ref(), d.id)?;
    e.title = "Third".into();
    let PutOutcome::Written(change) = s.put(e, editor("after reopen"), Some(2))? else {
        return Err("the edit after reopening wrote nothing".into());
    };
    assert_eq!((change.seq, change.revision), (3, 3));
    assert_clean(s.as_ref())
}

/// Times come from the injected clock, and change times never go back even when it does.
pub fn times_come_from_the_clock_and_never_go_back<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let precise = start_time() + SignedDuration::from_micros(123_456);
    f.clock.set(precise);
    let d = doc("t", "Timed");
    let PutOutcome::Written(first) = s.put(d.clone(), editor("create"), None)? else {
        return Err("nothing written".into());
    };
    assert_eq!(first.at, precise, "times keep their microseconds");
    f.clock.set(precise - SignedDuration::from_hours(1));
    let mut e = d.clone();
    e.title = "Timed, edited while the clock stepped back".into();
    let PutOutcome::Written(second) = s.put(e, editor("edit"), None)? else {
        return Err("nothing written".into());
    };
    assert!(
        second.at >= first.at,
        "{} is before {}",
        second.at,
        first.at
    );
    let stored = current(s, d.id)?;
    assert_eq!(
        (stored.created, stored.updated),
        (Some(precise), Some(second.at))
    );
    assert_clean(s)
}

/// Readers running beside an import see whole batches or nothing of them.
pub fn readers_see_whole_batches_only<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let run = run(s)?;
    const BATCH: usize = 50;
    const BATCHES: usize = 8;
    let done = std::sync::atomic::AtomicBool::new(false);
    let observed = std::thread::scope(|scope| -> Result<Vec<u64>, String> {
        let reader = scope.spawn(|| -> Result<Vec<u64>, String> {
            let mut counts = Vec::new();
            loop {
                // Read the flag first: a count taken after the writer finished is final.
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                counts.push(s.count(&ListFilter::default()).map_err(|e| e.to_string())?);
                counts.push(s.last_seq().map_err(|e| e.to_string())?);
                if finished {
                    return Ok(counts);
                }
            }
        });
        let mut written = Ok(());
        for b in 0..BATCHES {
            let docs = (0..BATCH)
                .map(|i| doc(&format!("w{b}-{i}"), &format!("Written {b}/{i}")))
                .collect();
            if let Err(e) = s.commit_import_batch(run, vec![file("w.jsonl", docs)]) {
                written = Err(e.to_string());
                break;
            }
        }
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        let counts = reader
            .join()
            .map_err(|_| "the reader thread panicked".to_string())??;
        written.map(|()| counts)
    })?;
    assert_eq!(observed.last().copied(), Some((BATCH * BATCHES) as u64));
    for n in observed {
        assert_eq!(n % BATCH as u64, 0, "a reader saw part of a batch: {n}");
    }
    Ok(())
}

//! Import throughput of the SQLite store: commits generated ~2 KB documents in batches of
//! 1,000 (one file of 1,000 documents per batch, as the ingest sends them) and prints
//! documents per second and memory as the archive grows, then re-imports a slice of them to
//! time the unchanged path.
//!
//! `cargo bench -p chancery-store --bench import [-- DOCUMENTS]` (100,000 by default). The
//! archive goes to a temporary directory under `$CHANCERY_BENCH_DIR` (default: the system's).

use std::error::Error;
use std::time::{Duration, Instant};

use chancery_model::{AccessLevel, AgentRef, DocDate, DocType, Document, DocumentId, Provenance};
use chancery_store::revision::encode_snapshot;
use chancery_store::{DocOutcome, ImportedFile, NewImportRun, RunStatus, SqliteStore, Store};

const BATCH: usize = 1_000;

const WORDS: &[&str] = &[
    "government",
    "instructed",
    "ambassador",
    "memorandum",
    "conversation",
    "minister",
    "foreign",
    "affairs",
    "republic",
    "treaty",
    "council",
    "delegation",
    "question",
    "position",
    "soviet",
    "united",
    "states",
    "korea",
    "forces",
    "peace",
    "security",
    "nations",
    "note",
    "reply",
    "proposal",
    "agreement",
    "conference",
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "with",
];

/// A document of about 2 KB of JSON content, different for every `n`.
fn document(n: usize) -> Result<Document, Box<dyn Error>> {
    let mut seed = n.wrapping_mul(2_654_435_761) | 1;
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        WORDS[seed % WORDS.len()]
    };
    let mut text = String::with_capacity(1_800);
    for paragraph in 0..5 {
        if paragraph > 0 {
            text.push_str("\n\n");
        }
        for _ in 0..45 {
            text.push_str(word());
            text.push(' ');
        }
        text.push('.');
    }
    let title = format!(
        "Memorandum {n} on the {} {} of the {}",
        word(),
        word(),
        word()
    );
    let mut doc = Document::new(DocumentId::from_key(&format!("bench:{n}")), title, &text);
    doc.doc_type = Some(DocType::ALL[n % DocType::ALL.len()]);
    let (year, month, day) = (1900 + (n % 100), 1 + (n % 12), 1 + (n % 28));
    doc.date = Some(DocDate::parse_edtf(&format!(
        "{year:04}-{month:02}-{day:02}"
    ))?);
    doc.language = Some("en".into());
    doc.place = Some("Washington".into());
    doc.caption = Some(format!("Caption of memorandum {n}."));
    doc.senders = vec![AgentRef::named("Alan G. Kirk")];
    doc.recipients = vec![AgentRef::named("Andrei Gromyko")];
    doc.collections = vec!["bench".into(), format!("decade-{}", year / 10)];
    doc.rights.access = AccessLevel::Public;
    doc.rights.statement = Some("In copyright. Educational use permitted.".into());
    doc.provenance = Some(Provenance {
        file: Some(format!("bench/{}.jsonl", n / BATCH)),
        format: Some("jsonl".into()),
        sha256: Some("0".repeat(64)),
        record: Some(n.to_string()),
        datestamp: None,
    });
    Ok(doc)
}

fn batch(first: usize) -> Result<ImportedFile, Box<dyn Error>> {
    Ok(ImportedFile {
        path: format!("bench/{}.jsonl", first / BATCH),
        sha256: "0".repeat(64),
        size: 2_000_000,
        format: Some("jsonl".into()),
        documents: (first..first + BATCH)
            .map(document)
            .collect::<Result<_, _>>()?,
        error: None,
        warnings: Vec::new(),
    })
}

/// Resident and peak resident memory in MiB, from /proc (zero where there is none).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|kib| kib.parse::<u64>().ok())
            .map_or(0, |kib| kib / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn per_second(count: usize, time: Duration) -> f64 {
    count as f64 / time.as_secs_f64().max(1e-9)
}

fn main() -> Result<(), Box<dyn Error>> {
    // `cargo bench` passes `--bench`; the first number among the arguments is the count.
    let total = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(100_000);
    let total = total.div_ceil(BATCH) * BATCH;
    let base = std::env::var_os("CHANCERY_BENCH_DIR").map_or_else(std::env::temp_dir, Into::into);
    let dir = tempfile::tempdir_in(base)?;
    let store = SqliteStore::open(dir.path().join("chancery.db"))?;
    let sample = document(0)?;
    let (json, snapshot) = (serde_json::to_string(&sample)?, encode_snapshot(&sample)?);
    println!(
        "store import benchmark: {total} documents in batches of {BATCH}; one document is {} \
         bytes of JSON ({} bytes of body text), {} bytes as a stored snapshot",
        json.len(),
        sample.text().len(),
        snapshot.len()
    );

    let run = store.begin_import(NewImportRun {
        actor: "bench".into(),
        arguments: "bench".into(),
    })?;
    let (mut committing, mut batch_times) = (Duration::ZERO, Vec::new());
    let started = Instant::now();
    for first in (0..total).step_by(BATCH) {
        let file = batch(first)?;
        let t = Instant::now();
        let results = store.commit_import_batch(run, vec![file])?;
        let took = t.elapsed();
        if results[0]
            .documents
            .iter()
            .any(|(_, o)| *o != DocOutcome::New)
        {
            return Err("a generated document was not new".into());
        }
        committing += took;
        batch_times.push(took);
        let done = first + BATCH;
        if done.is_multiple_of((total / 10).max(BATCH)) {
            let (rss, _) = memory();
            println!(
                "  {done:>8} documents: last batch {:>6.1} ms, commit {:>8.0} docs/s so far, RSS {rss} MiB",
                took.as_secs_f64() * 1e3,
                per_second(done, committing)
            );
        }
    }
    let wall = started.elapsed();
    batch_times.sort();
    let pct =
        |p: f64| batch_times[((batch_times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;

    // The unchanged path: re-import the first tenth.
    let again = (total / 10).max(BATCH);
    let mut unchanged = Duration::ZERO;
    for first in (0..again).step_by(BATCH) {
        let file = batch(first)?;
        let t = Instant::now();
        store.commit_import_batch(run, vec![file])?;
        unchanged += t.elapsed();
    }
    store.finish_import(run, RunStatus::Completed)?;
    let (rss, peak) = memory();
    let db_bytes: u64 = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();

    println!(
        "new documents:       {:>8.0} docs/s committing ({:.1} s), {:>8.0} docs/s with generation ({:.1} s)",
        per_second(total, committing),
        committing.as_secs_f64(),
        per_second(total, wall),
        wall.as_secs_f64()
    );
    println!(
        "batch of {BATCH} new:   median {:.1} ms, 90th percentile {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.9),
        pct(1.0)
    );
    println!(
        "unchanged documents: {:>8.0} docs/s committing ({again} re-imported)",
        per_second(again, unchanged)
    );
    println!("memory:              RSS {rss} MiB at the end, peak {peak} MiB");
    println!(
        "archive on disk:     {:.0} MiB ({} bytes per document)",
        db_bytes as f64 / 1048576.0,
        db_bytes / total as u64
    );
    let report = store.check()?;
    println!(
        "check:               {} problems, {} documents, {} revisions",
        report.problems.len(),
        report.documents,
        report.revisions
    );
    Ok(())
}

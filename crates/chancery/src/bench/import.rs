//! The import benchmark: generated JSON Lines files through the real pipeline into a fresh
//! store, reporting documents per second and memory as the count grows.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::Context;
use chancery_formats::jsonl;
use chancery_ingest::{ImportOptions, Observer};
use chancery_store::SqliteStore;

use super::generate::{Generator, Shape};
use super::memory_mib;
use crate::Outcome;

/// Samples memory as batches are committed.
struct MemorySampler {
    committed: Mutex<(usize, Vec<(usize, f64)>)>,
}

impl Observer for MemorySampler {
    fn committed(&self, _files: usize, documents: usize) {
        if let Ok(mut state) = self.committed.lock() {
            state.0 += documents;
            let total = state.0;
            state.1.push((total, memory_mib().0));
        }
    }
}

pub fn run(documents: usize, per_file: usize, keep: Option<&Path>) -> anyhow::Result<Outcome> {
    let temp;
    let root = match keep {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir.to_path_buf()
        }
        None => {
            temp = tempfile::tempdir()?;
            temp.path().to_path_buf()
        }
    };
    let input = root.join("input");
    std::fs::create_dir_all(&input)?;
    let started = Instant::now();
    let mut generator = Generator::new(42, Shape::two_kilobytes());
    let mut bytes = 0u64;
    let per_file = per_file.max(1);
    for file_index in 0..documents.div_ceil(per_file) {
        let path = input.join(format!("part-{file_index:05}.jsonl"));
        let mut out = BufWriter::new(File::create(&path)?);
        for _ in 0..per_file.min(documents - file_index * per_file) {
            let doc = generator.document();
            bytes += doc.text().len() as u64;
            jsonl::write_line(&doc, &mut out)?;
        }
        out.flush()?;
    }
    println!(
        "generated {documents} documents ({:.0} bytes of text on average) in {:.1} s",
        bytes as f64 / documents.max(1) as f64,
        started.elapsed().as_secs_f64()
    );

    // Parsing alone, to tell the reader's share from the store's.
    let (parsed, took) = super::read_all(&input)?;
    println!(
        "parse only (one thread): {parsed} documents in {:.2} s = {:.0} documents/s",
        took.secs,
        parsed as f64 / took.secs
    );

    let store_path = root.join("archive.db");
    let _ = std::fs::remove_file(&store_path);
    let store = SqliteStore::open(&store_path).context("cannot create the benchmark store")?;
    let sampler = MemorySampler {
        committed: Mutex::new((0, Vec::new())),
    };
    let started = Instant::now();
    let summary = chancery_ingest::import(
        &store,
        &[input],
        &ImportOptions::default(),
        &sampler,
        &AtomicBool::new(false),
    )?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "import (parse + normalize + commit): {} documents in {secs:.2} s = {:.0} documents/s; {} failures",
        summary.new,
        summary.new as f64 / secs,
        summary.failures.len()
    );
    let samples = sampler
        .committed
        .lock()
        .map(|s| s.1.clone())
        .unwrap_or_default();
    for fraction in [0.1, 0.25, 0.5, 0.75, 1.0] {
        let target = (documents as f64 * fraction) as usize;
        if let Some((count, rss)) = samples.iter().find(|(c, _)| *c >= target) {
            println!("  resident memory after {count:>8} documents: {rss:.1} MiB");
        }
    }
    let (_, peak) = memory_mib();
    let db_size = std::fs::metadata(&store_path).map(|m| m.len()).unwrap_or(0);
    println!(
        "peak resident memory {peak:.1} MiB; store size {:.1} MiB",
        db_size as f64 / 1048576.0
    );
    Ok(if summary.failures.is_empty() {
        Outcome::Success
    } else {
        Outcome::Partial
    })
}

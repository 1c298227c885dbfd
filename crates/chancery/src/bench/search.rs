//! The search benchmark: generated documents through the real import (store and index),
//! then a fixed mix of queries, each class measured for median and 99th-percentile latency
//! and throughput; the same documents and queries on tantivy alone give the ratio of what
//! Chancery adds.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::Context;
use chancery_formats::jsonl;
use chancery_index::{SearchIndex, SearchRequest, Sort};
use chancery_ingest::{ImportOptions, Silent};
use chancery_store::SqliteStore;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::baseline::Baseline;
use super::generate::{Generator, Shape};
use super::{Stage, Took, dir_size_mib, memory_mib};
use crate::Outcome;

/// A class of queries and the queries of that class.
struct QueryClass {
    name: &'static str,
    facets: bool,
    queries: Vec<String>,
}

/// Options of the search benchmark.
pub struct Options<'a> {
    pub documents: usize,
    pub queries: usize,
    pub keep: Option<&'a Path>,
    pub baseline: bool,
}

pub fn run(options: Options<'_>) -> anyhow::Result<Outcome> {
    let temp;
    let root = match options.keep {
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
    let store_path = root.join("archive.db");
    let index_path = root.join("index");
    let mut generator = Generator::new(7, Shape::search());
    let reuse = store_path.exists() && options.keep.is_some();
    let mut parts = None;
    if !reuse {
        generate(&input, &mut generator, options.documents)?;
        if options.baseline {
            parts = Some((read_alone(&input)?, store_alone(&root, &input)?));
        }
    } else {
        println!("reusing the archive in {}", root.display());
    }

    let store = SqliteStore::open(&store_path).context("cannot open the benchmark store")?;
    let mut import_took = None;
    if !reuse {
        // The real import path: store, with the index following on another thread.
        let data = crate::archive::DataDir::new(&root);
        let stage = Stage::start();
        let index = data.open_index(&store);
        let (summary, indexed) = data.import_into(
            &store,
            &index,
            std::slice::from_ref(&input),
            &ImportOptions::default(),
            &Silent,
            &AtomicBool::new(false),
        )?;
        indexed?;
        let took = stage.took();
        took.report("import (store + index, overlapped)", summary.new as u64);
        import_took = Some((summary.new as u64, took));
        // Merges the import started go on after it returns; the queries are timed once they
        // are done, not while they compete for the processor.
        let started = Instant::now();
        index?.finish_merges()?;
        println!(
            "index merges still running after the import: {:.1} s more",
            started.elapsed().as_secs_f64()
        );
    }
    let index = SearchIndex::open(&index_path)?;
    index.catch_up(&store, &mut |_| {})?;
    println!(
        "store {:.0} MiB, index {:.0} MiB, peak memory {:.0} MiB",
        std::fs::metadata(&store_path)
            .map(|m| m.len() as f64 / 1048576.0)
            .unwrap_or(0.0),
        dir_size_mib(&index_path),
        memory_mib().1
    );

    let classes = query_mix(&mut generator, options.queries);
    println!(
        "\n{:<22} {:>9} {:>9} {:>9} {:>10}",
        "query class (Chancery)", "p50 ms", "p99 ms", "mean ms", "queries/s"
    );
    let mut ours = Vec::new();
    for class in &classes {
        let times = time_queries(&class.queries, |q| {
            let mut request = SearchRequest::new(q);
            request.facets = class.facets;
            request.sort = Sort::Relevance;
            index.search(&request, &store).map(|r| r.total)
        })?;
        print_row(class.name, &times);
        ours.push(times);
    }

    if options.baseline {
        let documents = summary_count(&store)?;
        let stage = Stage::start();
        let baseline = Baseline::build(&root.join("baseline"), &input)?;
        let took = stage.took();
        let secs = took.secs - baseline.merge_secs;
        println!(
            "\ntantivy alone (reading the files and indexing): {documents} documents in {secs:.1} s \
             ({:.0}/s), index {:.0} MiB; merges after the commit: {:.1} s more{}",
            documents as f64 / secs,
            dir_size_mib(&root.join("baseline")),
            baseline.merge_secs,
            took.processor_note(documents)
        );
        if let (Some((read, stored)), Some((imported, import))) = (parts, import_took) {
            print_ceiling(read, stored, took, (imported, import));
        }
        println!(
            "{:<22} {:>9} {:>9} {:>9} {:>10} {:>12}",
            "query class (tantivy)", "p50 ms", "p99 ms", "mean ms", "queries/s", "ratio p50"
        );
        for (class, our) in classes.iter().zip(&ours) {
            let times = time_queries(&class.queries, |q| baseline.search(q, class.facets))?;
            print_row(class.name, &times);
            println!(
                "{:>74.2}",
                percentile(our, 0.5) / percentile(&times, 0.5).max(1e-6)
            );
        }
    }
    Ok(Outcome::Success)
}

/// Reading alone, printed: the share of the store's and tantivy's figures that both include.
fn read_alone(input: &Path) -> anyhow::Result<(u64, Took)> {
    let (documents, took) = super::read_all(input)?;
    took.report("reading alone (parse and check the files)", documents);
    Ok((documents, took))
}

/// The same import into a store of its own with no index, then removed: what the store's
/// side of an import costs.
fn store_alone(root: &Path, input: &Path) -> anyhow::Result<(u64, Took)> {
    let dir = root.join("store-alone");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let took = {
        let store = SqliteStore::open(dir.join("archive.db"))
            .context("cannot create the store-alone benchmark store")?;
        let stage = Stage::start();
        let summary = chancery_ingest::import(
            &store,
            &[input.to_path_buf()],
            &ImportOptions::default(),
            &Silent,
            &AtomicBool::new(false),
        )?;
        let took = stage.took();
        took.report(
            "store alone (reading and storing, no index)",
            summary.new as u64,
        );
        (summary.new as u64, took)
    };
    std::fs::remove_dir_all(&dir)?;
    Ok(took)
}

/// What the parts' processor times allow: an import that stores like the store alone and
/// indexes like tantivy alone, reading each file once and keeping every core busy, could not
/// go faster than this. Printed next to what the import used.
fn print_ceiling(read: (u64, Took), store: (u64, Took), tantivy: Took, import: (u64, Took)) {
    let each = |(n, took): (u64, Took)| took.cpu_micros_each(n);
    let (Some(read), Some(store), Some(tantivy), Some(ours)) = (
        each(read),
        each(store),
        tantivy.cpu_micros_each(import.0),
        each(import),
    ) else {
        return;
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let parts = store + tantivy - read;
    println!(
        "\nprocessor time a document: store alone {store:.0} µs + tantivy alone {tantivy:.0} µs \
         - reading, counted in both, {read:.0} µs = {parts:.0} µs: an import doing both and \
         nothing more could not pass {:.0} documents/s on {cores} cores. Chancery's import used \
         {ours:.0} µs a document ({:.2} times that).",
        cores * 1e6 / parts,
        ours / parts
    );
}

fn summary_count(store: &SqliteStore) -> anyhow::Result<u64> {
    use chancery_store::Store;
    Ok(store.count(&chancery_store::ListFilter::default())?)
}

fn generate(input: &Path, generator: &mut Generator, documents: usize) -> anyhow::Result<()> {
    std::fs::create_dir_all(input)?;
    let started = Instant::now();
    let per_file = 1000;
    let mut bytes = 0u64;
    for file_index in 0..documents.div_ceil(per_file) {
        let mut out = BufWriter::new(File::create(
            input.join(format!("part-{file_index:05}.jsonl")),
        )?);
        for _ in 0..per_file.min(documents - file_index * per_file) {
            let doc = generator.document();
            bytes += doc.text().len() as u64;
            jsonl::write_line(&doc, &mut out)?;
        }
        out.flush()?;
    }
    println!(
        "generated {documents} documents ({:.0} MiB of text, {:.0} bytes each on average) in {:.1} s",
        bytes as f64 / 1048576.0,
        bytes as f64 / documents.max(1) as f64,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The fixed query mix: words of middle frequency (ranks 50–2,000 of the Zipf vocabulary),
/// so that queries match a realistic share of the archive.
fn query_mix(generator: &mut Generator, per_class: usize) -> Vec<QueryClass> {
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    let words: Vec<String> = generator
        .words()
        .iter()
        .skip(50)
        .take(1950)
        .cloned()
        .collect();
    let pick = |rng: &mut ChaCha8Rng| words[rng.random_range(0..words.len())].clone();
    let mut class = |name, facets, make: &mut dyn FnMut(&mut ChaCha8Rng) -> String| QueryClass {
        name,
        facets,
        queries: (0..per_class).map(|_| make(&mut rng)).collect(),
    };
    vec![
        class("one term + facets", true, &mut |r| pick(r)),
        class("two terms + facets", true, &mut |r| {
            format!("{} {}", pick(r), pick(r))
        }),
        class("phrase", false, &mut |r| {
            format!("\"{} {}\"", generator_phrase_word(r), pick(r))
        }),
        class("term + date range", false, &mut |r| {
            let year = r.random_range(1800..1990);
            format!("{} date:{year}..{}", pick(r), year + r.random_range(1..10))
        }),
        class("term + facets", true, &mut |r| pick(r)),
        class("fuzzy term", false, &mut |r| {
            let word = pick(r);
            format!("{word}~")
        }),
    ]
}

/// Phrases start with a frequent word ("the", "of", …) so that they occur in the texts.
fn generator_phrase_word(rng: &mut ChaCha8Rng) -> &'static str {
    ["the", "of", "and", "to", "in", "a", "that"][rng.random_range(0..7)]
}

fn time_queries(
    queries: &[String],
    mut run: impl FnMut(&str) -> Result<u64, chancery_index::IndexError>,
) -> anyhow::Result<Vec<f64>> {
    // Warm up caches with the first few queries, then time every query.
    for q in queries.iter().take(5) {
        run(q)?;
    }
    let mut times = Vec::with_capacity(queries.len());
    for q in queries {
        let started = Instant::now();
        run(q)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn print_row(name: &str, times: &[f64]) {
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    println!(
        "{name:<22} {:>9.2} {:>9.2} {:>9.2} {:>10.0}",
        percentile(times, 0.5),
        percentile(times, 0.99),
        mean,
        1000.0 / mean.max(1e-6)
    );
}

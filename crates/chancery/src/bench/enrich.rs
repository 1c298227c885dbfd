//! The enrichment benchmark: the same generated documents imported twice into fresh stores,
//! without and with enrichment against a generated set of authority names, so that the cost
//! of enrichment reads as a share of plain import time.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::Context;
use chancery_enrich::Gazetteer;
use chancery_formats::jsonl;
use chancery_ingest::{Enricher, ImportOptions, ReadOptions, Silent, read_file};
use chancery_model::{Agent, AgentKind, Block, Place};
use chancery_store::SqliteStore;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::generate::{Generator, Shape};
use crate::Outcome;

/// Authority names generated: persons (each with a full and an initialled name),
/// organizations and places.
struct Names {
    agents: Vec<Agent>,
    places: Vec<Place>,
    /// Every name, to sprinkle over the documents.
    all: Vec<String>,
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `count` names: 40% for persons (a full and an initialled name each), 10% for
/// organizations, the rest for places.
fn authorities(words: &[String], count: usize, rng: &mut ChaCha8Rng) -> Names {
    // Rare words make names, so that names do not collide with the prose.
    let rare = &words[words.len() / 4..];
    let pick = |rng: &mut ChaCha8Rng| capitalized(&rare[rng.random_range(0..rare.len())]);
    let mut names = Names {
        agents: Vec::new(),
        places: Vec::new(),
        all: Vec::new(),
    };
    let persons = count * 4 / 10 / 2;
    for i in 0..persons {
        let (given, surname) = (pick(rng), pick(rng));
        let full = format!("{given} {surname}");
        let initialled = format!(
            "{}. {surname}",
            &given[..given.chars().next().map_or(1, char::len_utf8)]
        );
        names.all.push(full.clone());
        names.all.push(initialled.clone());
        names.agents.push(Agent {
            id: format!("person-{i}"),
            kind: AgentKind::Person,
            preferred_name: full,
            alternate_names: vec![initialled],
            dates: None,
            positions: vec![],
            identifiers: vec![],
            notes: None,
        });
    }
    for i in 0..count / 10 {
        let name = format!("{} {} Committee", pick(rng), pick(rng));
        names.all.push(name.clone());
        names.agents.push(Agent {
            id: format!("org:bench-{i}"),
            kind: AgentKind::Organization,
            preferred_name: name,
            alternate_names: vec![],
            dates: None,
            positions: vec![],
            identifiers: vec![],
            notes: None,
        });
    }
    while names.all.len() < count {
        let name = pick(rng);
        names.all.push(name.clone());
        names.places.push(Place {
            id: format!("place:bench-{}", names.places.len()),
            preferred_name: name,
            alternate_names: vec![],
            identifiers: vec![],
            notes: None,
        });
    }
    names
}

/// What [`run`] measures.
pub struct Options<'a> {
    /// Documents of about 2 KB to generate.
    pub documents: usize,
    /// Authority names to generate.
    pub names: usize,
    /// Rounds of the two imports.
    pub rounds: u32,
    /// Reader threads (the import's default when `None`).
    pub readers: Option<usize>,
    /// Where to keep the files and archives (a temporary folder when `None`).
    pub keep: Option<&'a Path>,
}

/// Runs the benchmark.
pub fn run(options: Options<'_>) -> anyhow::Result<Outcome> {
    let Options {
        documents,
        names,
        rounds,
        readers,
        keep,
    } = options;
    let temp;
    let root: PathBuf = match keep {
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
    let mut generator = Generator::new(42, Shape::two_kilobytes());
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let authorities = authorities(generator.words(), names, &mut rng);
    // Each document names a few of them, as diplomatic documents do.
    let per_file = 1000;
    for file_index in 0..documents.div_ceil(per_file) {
        let path = input.join(format!("part-{file_index:05}.jsonl"));
        let mut out = BufWriter::new(File::create(&path)?);
        for _ in 0..per_file.min(documents - file_index * per_file) {
            let mut doc = generator.document();
            let pick = |rng: &mut ChaCha8Rng| {
                authorities.all[rng.random_range(0..authorities.all.len())].clone()
            };
            let sentence = format!(
                "Ambassador {} met {} of the {} in {} on June 25.",
                pick(&mut rng),
                pick(&mut rng),
                pick(&mut rng),
                pick(&mut rng)
            );
            doc.body.push(Block::paragraph(sentence));
            jsonl::write_line(&doc, &mut out)?;
        }
        out.flush()?;
    }
    let started = Instant::now();
    let mut builder = Gazetteer::builder().with_baseline();
    builder.add_agents(&authorities.agents);
    builder.add_places(&authorities.places);
    let gazetteer = builder.build()?;
    println!(
        "generated {documents} documents and {} authority names ({} entities with the baseline's, {} names); gazetteer compiled in {:.2} s",
        authorities.all.len(),
        gazetteer.len(),
        gazetteer.name_count(),
        started.elapsed().as_secs_f64()
    );
    let enricher = Enricher::new(Arc::new(gazetteer));
    enrich_only(&input, &enricher)?;

    // Plain and enriched imports alternate, so that both meet the machine's slow moments.
    let mut plain = Vec::new();
    let mut enriched = Vec::new();
    for round in 1..=rounds {
        for (label, enrich) in [("plain", None), ("enriched", Some(enricher.clone()))] {
            let secs = import_once(&root, &input, label, enrich, readers, round)?;
            if label == "plain" {
                plain.push(secs);
            } else {
                enriched.push(secs);
            }
        }
    }
    let (plain, enriched) = (median(&mut plain), median(&mut enriched));
    let overhead = (enriched - plain) / plain * 100.0;
    println!(
        "medians of {rounds} round(s): plain {plain:.2} s ({:.0} documents/s), enriched {enriched:.2} s ({:.0} documents/s)",
        documents as f64 / plain,
        documents as f64 / enriched
    );
    println!("enrichment adds {overhead:.1}% to plain import time (target: under 30%)");
    Ok(Outcome::Success)
}

/// Imports the generated files into a fresh store and returns the seconds it took.
fn import_once(
    root: &Path,
    input: &Path,
    label: &str,
    enrich: Option<Enricher>,
    readers: Option<usize>,
    round: u32,
) -> anyhow::Result<f64> {
    let store_path = root.join(format!("{label}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", store_path.display()));
    }
    let store = SqliteStore::open(&store_path).context("cannot create the benchmark store")?;
    let defaults = ImportOptions::default();
    let options = ImportOptions {
        enrich,
        readers: readers.unwrap_or(defaults.readers),
        ..defaults
    };
    let started = Instant::now();
    let summary = chancery_ingest::import(
        &store,
        &[input.to_path_buf()],
        &options,
        &Silent,
        &AtomicBool::new(false),
    )?;
    let secs = started.elapsed().as_secs_f64();
    let mentions = count_mentions(&store)?;
    println!(
        "round {round}, import {label:<8}: {} documents in {secs:.2} s = {:.0} documents/s; {mentions} mentions stored",
        summary.new,
        summary.new as f64 / secs
    );
    Ok(secs)
}

/// The median of `values` (the mean of the middle two for an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Enrichment alone on one thread, over the parsed documents.
fn enrich_only(input: &Path, enricher: &Enricher) -> anyhow::Result<()> {
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(input)? {
        let read = read_file(&entry?.path(), &ReadOptions::default());
        docs.extend(read.outcome.unwrap_or_default());
    }
    let started = Instant::now();
    for doc in &mut docs {
        enricher.apply(doc);
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "enrichment alone (one thread): {} documents in {secs:.2} s = {:.1} µs a document",
        docs.len(),
        secs * 1e6 / docs.len().max(1) as f64
    );
    Ok(())
}

fn count_mentions(store: &SqliteStore) -> anyhow::Result<usize> {
    let mut n = 0;
    chancery_store::Store::scan(store, &Default::default(), &mut |doc| {
        n += doc.mentions.len();
        Ok(())
    })?;
    Ok(n)
}

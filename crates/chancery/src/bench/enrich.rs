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

/// Runs the benchmark on `documents` documents of about 2 KB and `names` authority names.
pub fn run(
    documents: usize,
    names: usize,
    readers: Option<usize>,
    keep: Option<&Path>,
) -> anyhow::Result<Outcome> {
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

    let mut timings = Vec::new();
    for (label, enrich) in [("plain", None), ("enriched", Some(enricher))] {
        let store_path = root.join(format!("{label}.db"));
        let _ = std::fs::remove_file(&store_path);
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
            std::slice::from_ref(&input),
            &options,
            &Silent,
            &AtomicBool::new(false),
        )?;
        let secs = started.elapsed().as_secs_f64();
        let mentions = count_mentions(&store)?;
        println!(
            "import {label:<8}: {} documents in {secs:.2} s = {:.0} documents/s; {mentions} mentions stored",
            summary.new,
            summary.new as f64 / secs
        );
        timings.push(secs);
    }
    let overhead = (timings[1] - timings[0]) / timings[0] * 100.0;
    println!("enrichment adds {overhead:.1}% to plain import time (target: under 30%)");
    Ok(Outcome::Success)
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

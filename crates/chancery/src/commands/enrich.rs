//! `chancery enrich`: enrichment again over the whole archive.

use std::time::Instant;

use anyhow::Context;
use chancery_ingest::Enricher;
use chancery_ingest::relations::ArchiveLookup;
use chancery_store::{ListFilter, PutOutcome, Store, StoreError, WriteMeta};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::EnrichArgs;

/// Enriches every document again (with the archive's current authorities), links
/// references between documents, writes a revision for each document whose findings
/// changed, and leaves the index current.
pub fn run(data: &DataDir, args: EnrichArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let store = data.open_existing()?;
    let enricher = Enricher::from_store(&store).context("cannot prepare enrichment")?;
    // First pass: what every document is once enriched (senders found by enrichment are
    // what references are matched against).
    let mut lookup = ArchiveLookup::new();
    store.scan(&ListFilter::default(), &mut |mut doc| {
        enricher.apply(&mut doc);
        lookup.add(&doc);
        Ok(())
    })?;
    // Second pass: write what changed.
    let meta = || WriteMeta::new(crate::commands::operator(), "enrichment run again");
    let (mut documents, mut changed, mut relations, mut conflicts) = (0u64, 0u64, 0u64, 0u64);
    store.scan(&ListFilter::default(), &mut |mut doc| {
        documents += 1;
        let revision = doc.revision;
        relations += enricher.apply_and_relate(&mut doc, &lookup) as u64;
        match store.put(doc, meta(), Some(revision)) {
            Ok(PutOutcome::Written(_)) => changed += 1,
            Ok(PutOutcome::Unchanged { .. }) => {}
            // Edited meanwhile: the editor's revision stands; the next run takes it.
            Err(StoreError::Conflict { .. }) => conflicts += 1,
            Err(e) => return Err(e),
        }
        Ok(())
    })?;
    let indexed = data.current_index(&store, &mut |_| {});
    let summary = format!(
        "{documents} documents enriched: {changed} changed, {} unchanged{}; {relations} new \
         relations between documents ({:.1} s)",
        documents - changed - conflicts,
        if conflicts > 0 {
            format!(", {conflicts} edited meanwhile and left for the next run")
        } else {
            String::new()
        },
        started.elapsed().as_secs_f64()
    );
    crate::commands::audit(&store, "enrich", None, Some(summary.clone()));
    if let Err(e) = indexed {
        eprintln!(
            "warning: the documents are stored, but the search index is not yet current: {e:#}"
        );
    }
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "documents": documents,
                "changed": changed,
                "conflicts": conflicts,
                "relations": relations,
                "seconds": started.elapsed().as_secs_f64(),
            })
        );
    } else {
        println!("{summary}");
    }
    Ok(Outcome::Success)
}

//! `chancery harvest URL`

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use chancery_ingest::Enricher;
use chancery_ingest::harvest::{HarvestOptions, HarvestSummary, HttpFetch};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::HarvestArgs;

/// Harvests a provider into the archive and leaves the index current.
pub fn run(data: &DataDir, args: HarvestArgs) -> anyhow::Result<Outcome> {
    let store = data.create_or_open()?;
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    if let Err(e) = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\nstopping after the current page (Ctrl-C again to leave at once)…");
    }) {
        tracing::warn!("cannot catch Ctrl-C: {e}");
    }
    let options = HarvestOptions {
        url: args.url.trim_end_matches('?').to_string(),
        metadata_prefix: args.metadata_prefix.clone(),
        set: args.set.clone(),
        from: args.from.clone(),
        actor: "harvest".into(),
        collections: args.collections.clone(),
        enrich: if args.no_enrich {
            None
        } else {
            Some(Enricher::from_store(&store).context("cannot prepare enrichment")?)
        },
    };
    let fetch = HttpFetch::new(args.retries);
    let summary = chancery_ingest::harvest::harvest(&store, &options, &fetch, &cancel)?;
    if let Err(e) = data.current_index(&store, &mut |_| {}) {
        eprintln!(
            "warning: the documents are stored, but the search index is not yet current: {e:#}"
        );
    }
    if args.json {
        println!("{}", summary_json(&summary));
    } else {
        print_summary(&options, &summary);
    }
    Ok(if summary.interrupted {
        Outcome::Interrupted
    } else if summary.failures.is_empty() {
        Outcome::Success
    } else {
        Outcome::Partial
    })
}

fn print_summary(options: &HarvestOptions, s: &HarvestSummary) {
    let how = match (&s.from, s.resumed) {
        (_, true) => "resuming an interrupted harvest".to_string(),
        (Some(from), _) => format!("records changed since {from}"),
        (None, _) => "everything".to_string(),
    };
    println!(
        "Harvested {} ({how}): {} pages, {} records: {} new, {} changed, {} unchanged, {} deleted at the source.",
        options.url, s.pages, s.records, s.new, s.changed, s.unchanged, s.deleted
    );
    if !s.failures.is_empty() {
        println!("Failures ({} records could not go in):", s.failures.len());
        for f in &s.failures {
            for e in &f.errors {
                println!("  {}: {e}", f.path);
            }
        }
    }
    if s.interrupted {
        println!("Interrupted: run the same command again to continue where it stopped.");
    }
}

fn summary_json(s: &HarvestSummary) -> serde_json::Value {
    serde_json::json!({
        "pages": s.pages,
        "records": s.records,
        "documents": {"new": s.new, "changed": s.changed, "unchanged": s.unchanged, "deleted": s.deleted},
        "failures": s.failures.iter().map(|f| serde_json::json!({
            "record": f.path,
            "errors": f.errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "resumed": s.resumed,
        "from": s.from,
        "interrupted": s.interrupted,
    })
}

//! `chancery import PATH…`

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use chancery_ingest::{Enricher, ImportOptions, ImportSummary, ReadOptions};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::ImportArgs;
use crate::progress::ImportProgress;

/// Runs an import and prints its summary.
pub fn run(data: &DataDir, args: ImportArgs) -> anyhow::Result<Outcome> {
    let store = data.create_or_open()?;
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    // The first Ctrl-C stops after the batch in progress; a second one leaves at once (the
    // store's transactions keep it whole either way).
    let handler = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\nstopping after the current batch (Ctrl-C again to leave at once)…");
    });
    if let Err(e) = handler {
        tracing::warn!("cannot catch Ctrl-C: {e}");
    }
    let options = ImportOptions {
        read: ReadOptions {
            format: args.format,
            split_div: args.split.clone(),
            max_file_size: args.max_file_size,
            collections: args.collections.clone(),
        },
        strict: args.strict,
        arguments: std::env::args().skip(1).collect::<Vec<_>>().join(" "),
        enrich: if args.no_enrich {
            None
        } else {
            Some(Enricher::from_store(&store).context("cannot prepare enrichment")?)
        },
        ..ImportOptions::default()
    };
    let progress = ImportProgress::new();
    // The import leaves the search index current (or to a running server, which holds the
    // index and follows the change log itself).
    let result = data.import_and_index(&store, &args.paths, &options, &progress, &cancel);
    progress.finish();
    let (summary, indexed) = result?;
    crate::commands::audit(
        &store,
        "import",
        summary.run.map(|r| format!("import run {}", r.0)),
        Some(format!(
            "{} files: {} new, {} changed, {} unchanged documents, {} failed files{}",
            summary.files_read + summary.failures.len(),
            summary.new,
            summary.changed,
            summary.unchanged,
            summary.failures.len(),
            if summary.interrupted {
                " (interrupted)"
            } else {
                ""
            }
        )),
    );
    if let Err(e) = &indexed {
        eprintln!(
            "warning: the documents are stored, but the search index is not yet current: {e:#}"
        );
    }
    if args.json {
        println!("{}", summary_json(&summary));
    } else {
        print_summary(&summary);
    }
    Ok(if summary.interrupted {
        Outcome::Interrupted
    } else if summary.is_complete() {
        Outcome::Success
    } else {
        Outcome::Partial
    })
}

fn print_summary(s: &ImportSummary) {
    let secs = s.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        s.documents() as f64 / secs
    } else {
        0.0
    };
    println!(
        "Read {} files in {:.1} s: {} documents ({} new, {} changed, {} unchanged{}) at {:.0} documents/s.",
        s.files_read,
        secs,
        s.documents(),
        s.new,
        s.changed,
        s.unchanged,
        if s.kept_deleted > 0 {
            format!(", {} kept deleted", s.kept_deleted)
        } else {
            String::new()
        },
        rate
    );
    if !s.files_skipped.is_empty() {
        println!(
            "Skipped {} files no reader handles: {}.",
            s.files_skipped.len(),
            s.files_skipped.join(", ")
        );
    }
    if !s.warnings.is_empty() {
        println!("Warnings ({}):", s.warnings.len());
        for (path, w) in &s.warnings {
            println!("  {path}: {w}");
        }
    }
    if s.failures.is_empty() {
        println!("No failures.");
    } else {
        println!("Failures ({} files could not go in):", s.failures.len());
        for f in &s.failures {
            for e in &f.errors {
                let sep = if e.line.is_some() { ":" } else { ": " };
                println!("  {}{sep}{e}", f.path);
            }
        }
    }
    if s.interrupted {
        println!("Interrupted: run the same command again to finish the job.");
    }
}

fn summary_json(s: &ImportSummary) -> serde_json::Value {
    serde_json::json!({
        "run": s.run.map(|r| r.0),
        "files_read": s.files_read,
        "files_skipped": s.files_skipped,
        "documents": {
            "new": s.new,
            "changed": s.changed,
            "unchanged": s.unchanged,
            "kept_deleted": s.kept_deleted,
        },
        "failures": s.failures.iter().map(|f| serde_json::json!({
            "file": f.path,
            "errors": f.errors.iter().map(|e| serde_json::json!({
                "line": e.line,
                "column": e.column,
                "message": e.message,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "warnings": s.warnings.iter().map(|(file, message)| serde_json::json!({"file": file, "message": message})).collect::<Vec<_>>(),
        "interrupted": s.interrupted,
        "elapsed_seconds": s.elapsed.as_secs_f64(),
    })
}

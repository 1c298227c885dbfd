//! `chancery eval PATH…`: enrichment measured against TEI markup.

use std::path::PathBuf;

use anyhow::Context;
use chancery_enrich::eval::{self, Keyed, Report};
use chancery_ingest::Enricher;
use chancery_model::MentionKind;

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::EvalArgs;

/// Reads the answer keys, enriches their plain text with the baseline and the archive's
/// authorities (when there is an archive), and prints the figures.
pub fn run(data: &DataDir, args: EvalArgs) -> anyhow::Result<Outcome> {
    let enricher = if data.store_path().is_file() {
        Enricher::from_store(&data.open_existing()?)?
    } else {
        Enricher::baseline()?
    };
    let mut keyed: Vec<Keyed> = Vec::new();
    for file in tei_files(&args.paths)? {
        let xml = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {} as UTF-8 text", file.display()))?;
        let name = file.display().to_string();
        keyed.extend(eval::answer_key(&name, &xml)?);
    }
    let report = eval::evaluate(&keyed, enricher.gazetteer());
    if args.json {
        println!("{}", figures_json(&report));
    } else {
        print_figures(&report);
    }
    if args.misses {
        print_misses(&report);
    }
    if let Some(n) = args.sample {
        for (i, kind) in [MentionKind::Person, MentionKind::Place]
            .into_iter()
            .enumerate()
        {
            let seed = args.seed + i as u64;
            println!(
                "\n## Sample of found {} mentions (seed {seed})",
                kind.as_str()
            );
            for (i, m) in eval::sample(&report.found, kind, n, seed)
                .iter()
                .enumerate()
            {
                println!(
                    "{}. `{}` [{}] {} — {}",
                    i + 1,
                    m.text,
                    m.entity_id.as_deref().unwrap_or("unlinked"),
                    m.context,
                    m.place
                );
            }
        }
    }
    Ok(Outcome::Success)
}

/// The `.xml` files among `paths` (folders walked, in name order).
fn tei_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.with_context(|| format!("cannot read {}", path.display()))?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "xml") {
                out.push(entry.into_path());
            }
        }
    }
    Ok(out)
}

fn figures_json(r: &Report) -> serde_json::Value {
    let recall = |x: &eval::Recall| serde_json::json!({"marked": x.marked, "found": x.found, "recall": x.rate()});
    let (ok, all) = r.dates_correct();
    let (aok, aall) = r.dates_correct_adjusted();
    serde_json::json!({
        "sections": r.texts,
        "persons": recall(&r.persons),
        "places": recall(&r.places),
        "organizations": recall(&r.organizations),
        "dates": recall(&r.dates),
        "dates_normalized": {"correct": ok, "checked": all, "rate": rate(ok, all)},
        "dates_normalized_without_markup_errors": {"correct": aok, "checked": aall, "rate": rate(aok, aall)},
        "found": r.found.len(),
    })
}

fn rate(ok: usize, all: usize) -> f64 {
    ok as f64 / all.max(1) as f64
}

fn print_figures(r: &Report) {
    let (ok, all) = r.dates_correct();
    let (aok, aall) = r.dates_correct_adjusted();
    let count = |k: MentionKind| r.found.iter().filter(|m| m.kind == k).count();
    println!("sections:        {}", r.texts);
    for (label, x) in [
        ("persons", &r.persons),
        ("places", &r.places),
        ("organizations", &r.organizations),
        ("dates", &r.dates),
    ] {
        println!(
            "{label:<14} recall {}/{} = {:.3}",
            x.found,
            x.marked,
            x.rate()
        );
    }
    println!(
        "dates normalized to the markup's value: {ok}/{all} = {:.3}",
        rate(ok, all)
    );
    println!(
        "  without the markup's own errors:      {aok}/{aall} = {:.3} ({} left out; --misses lists them)",
        rate(aok, aall),
        all - aall
    );
    println!(
        "found: {} persons, {} places, {} organizations, {} dates",
        count(MentionKind::Person),
        count(MentionKind::Place),
        count(MentionKind::Organization),
        count(MentionKind::Date)
    );
}

fn print_misses(r: &Report) {
    println!("\n## Marked names not found");
    for m in &r.misses {
        println!(
            "- {} `{}` — {} ({})",
            m.kind.as_str(),
            m.text,
            m.context,
            m.place
        );
    }
    println!("\n## Dates not normalized to the markup's value");
    for c in r
        .date_checks
        .iter()
        .filter(|c| c.found.as_deref() != Some(c.marked.as_str()))
    {
        println!(
            "- `{}` marked {} found {}{} ({})",
            c.text,
            c.marked,
            c.found.as_deref().unwrap_or("nothing"),
            c.markup_problem
                .as_deref()
                .map(|p| format!(" — markup: {p}"))
                .unwrap_or_default(),
            c.place
        );
    }
}

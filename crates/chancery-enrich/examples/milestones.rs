//! Evaluates enrichment on TEI files with `persName`/`placeName`/`date` markup and prints
//! the figures, the misses, the date checks and the precision samples:
//!
//! ```sh
//! cargo run --release -p chancery-enrich --example milestones -- ../shared/corpora/milestones/chapters \
//!     [--pocom ../shared/corpora/pocom] [--no-baseline-persons] [--samples] [--misses] [--unlinked] [--names]
//! ```

use std::path::{Path, PathBuf};

use chancery_enrich::eval::{self, Report};
use chancery_enrich::{Gazetteer, pocom};
use chancery_model::MentionKind;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let folder = args.iter().find(|a| !a.starts_with("--")).map_or_else(
        || PathBuf::from("../shared/corpora/milestones/chapters"),
        PathBuf::from,
    );
    // `--no-baseline-persons` measures what the rules and POCOM find without the baseline's
    // famous persons.
    let mut builder = Gazetteer::builder();
    let skip_persons = args.iter().any(|a| a == "--no-baseline-persons");
    for e in chancery_enrich::baseline::entities() {
        if !(skip_persons && e.kind == chancery_enrich::EntityKind::Person) {
            builder.add(e.clone());
        }
    }
    if let Some(i) = args.iter().position(|a| a == "--pocom") {
        let dir = PathBuf::from(args.get(i + 1).ok_or("--pocom needs a folder")?);
        let files = read_tree(&dir)?;
        let agents = pocom::read_pocom(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))?;
        builder.add_agents(&agents);
    }
    let gazetteer = builder.build()?;
    let mut keyed = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    for f in &files {
        let xml = std::fs::read_to_string(f)?;
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        keyed.extend(eval::answer_key(&name, &xml)?);
    }
    let report = eval::evaluate(&keyed, &gazetteer);
    print_figures(&report);
    if args.iter().any(|a| a == "--misses") {
        println!("\n## Marked names not found");
        for m in &report.misses {
            println!("- {:?} `{}` — {} ({})", m.kind, m.text, m.context, m.place);
        }
        println!("\n## Dates not normalized to the markup's value");
        for c in report
            .date_checks
            .iter()
            .filter(|c| c.found.as_deref() != Some(c.marked.as_str()))
        {
            println!(
                "- `{}` marked {} found {:?}{} ({})",
                c.text,
                c.marked,
                c.found,
                c.markup_problem
                    .as_deref()
                    .map(|p| format!(" — markup: {p}"))
                    .unwrap_or_default(),
                c.place
            );
        }
    }
    if args.iter().any(|a| a == "--names") {
        let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
        for m in &report.found {
            *counts
                .entry((
                    m.kind.as_str().to_string(),
                    m.entity_id.clone().unwrap_or_default(),
                ))
                .or_default() += 1;
        }
        println!("\n## Entities found, by kind");
        for ((kind, id), n) in counts {
            println!("{kind}\t{id}\t{n}");
        }
    }
    if args.iter().any(|a| a == "--unlinked") {
        println!("\n## Unlinked persons and organizations found");
        for m in report.found.iter().filter(|m| {
            m.entity_id.is_none()
                && matches!(m.kind, MentionKind::Person | MentionKind::Organization)
        }) {
            println!("- {:?} `{}` — {}", m.kind, m.text, m.context);
        }
    }
    if args.iter().any(|a| a == "--samples") {
        for (kind, seed) in [
            (MentionKind::Person, 20_261_129),
            (MentionKind::Place, 20_261_130),
        ] {
            println!(
                "\n## Sample of found {} mentions (seed {seed})",
                kind.as_str()
            );
            for (i, m) in eval::sample(&report.found, kind, 100, seed)
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
    Ok(())
}

fn print_figures(r: &Report) {
    let (ok, all) = r.dates_correct();
    let (aok, aall) = r.dates_correct_adjusted();
    let count = |k: MentionKind| r.found.iter().filter(|m| m.kind == k).count();
    println!("sections: {}", r.texts);
    println!(
        "persons recall: {}/{} = {:.3}",
        r.persons.found,
        r.persons.marked,
        r.persons.rate()
    );
    println!(
        "places recall:  {}/{} = {:.3}",
        r.places.found,
        r.places.marked,
        r.places.rate()
    );
    println!(
        "orgs recall:    {}/{} = {:.3}",
        r.organizations.found,
        r.organizations.marked,
        r.organizations.rate()
    );
    println!(
        "dates found:    {}/{} = {:.3}",
        r.dates.found,
        r.dates.marked,
        r.dates.rate()
    );
    println!(
        "dates correct:  {ok}/{all} = {:.3} (raw)",
        ok as f64 / all.max(1) as f64
    );
    println!(
        "dates correct:  {aok}/{aall} = {:.3} (markup errors left out: {})",
        aok as f64 / aall.max(1) as f64,
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

fn read_tree(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "xml") {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path)?));
            }
        }
    }
    Ok(out)
}

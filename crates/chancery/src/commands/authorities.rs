//! `chancery authorities import|list|show|merge`

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chancery_enrich::{authorities, pocom};
use chancery_ingest::merge::merge_authorities;
use chancery_model::Authority;
use chancery_store::{Store, WriteMeta};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::{AuthoritiesArgs, AuthoritiesCommand, AuthoritiesMergeArgs};

/// Runs an authority command.
pub fn run(data: &DataDir, args: AuthoritiesArgs) -> anyhow::Result<Outcome> {
    match args.what {
        AuthoritiesCommand::Import(a) => import(data, &a.paths),
        AuthoritiesCommand::List(a) => {
            let store = data.open_existing()?;
            let records = store.authorities(a.kind.as_deref())?;
            for record in &records {
                if a.json {
                    println!("{}", serde_json::to_string(record)?);
                } else {
                    println!(
                        "{:<40} {:<12} {}",
                        record.id(),
                        record.kind(),
                        record.preferred_name()
                    );
                }
            }
            if !a.json {
                eprintln!("{} records", records.len());
            }
            Ok(Outcome::Success)
        }
        AuthoritiesCommand::Show(a) => {
            let store = data.open_existing()?;
            match store.authority(&a.id)? {
                Some(record) => {
                    println!("{}", serde_json::to_string_pretty(&record)?);
                    Ok(Outcome::Success)
                }
                None => match store.authority_merged_into(&a.id)? {
                    Some(into) => bail!("'{}' was merged into '{into}'", a.id),
                    None => bail!("no authority record '{}' in this archive", a.id),
                },
            }
        }
        AuthoritiesCommand::Merge(a) => merge(data, &a),
    }
}

/// Merges one record into another and relinks the documents the index says name it.
fn merge(data: &DataDir, args: &AuthoritiesMergeArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let index = data.current_index(&store, &mut |_| {})?;
    let candidates = index
        .documents_naming(&args.duplicate)
        .context("cannot ask the search index which documents name the record")?
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect::<Vec<_>>();
    let meta = WriteMeta::new(crate::commands::operator(), args.reason.clone());
    let report = merge_authorities(&store, &args.duplicate, &args.into, &candidates, &meta)?;
    let summary = format!(
        "{} merged into {}: {} documents relinked{}",
        args.duplicate,
        report.into,
        report.relinked,
        if report.conflicts > 0 {
            format!(
                ", {} changed meanwhile and left as they were (merge again to relink them)",
                report.conflicts
            )
        } else {
            String::new()
        }
    );
    crate::commands::audit(
        &store,
        "authorities merge",
        Some(args.duplicate.clone()),
        Some(format!("{summary}: {}", args.reason)),
    );
    if let Err(e) = data.current_index(&store, &mut |_| {}) {
        eprintln!(
            "warning: the documents are relinked, but the search index is not yet current: {e:#}"
        );
    }
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "duplicate": args.duplicate,
                "into": report.into,
                "relinked": report.relinked,
                "conflicts": report.conflicts,
            })
        );
    } else {
        println!("{summary}");
    }
    Ok(Outcome::Success)
}

fn import(data: &DataDir, paths: &[PathBuf]) -> anyhow::Result<Outcome> {
    // Read everything first: a file that does not read leaves the archive as it was.
    let mut records: Vec<Authority> = Vec::new();
    for path in paths {
        let read = read_path(path)?;
        eprintln!("{}: {} records", path.display(), read.len());
        records.extend(read);
    }
    let store = data.create_or_open()?;
    let meta = WriteMeta::new(
        crate::commands::operator(),
        format!(
            "authorities import: {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    );
    let written = store.put_authorities(&records, meta)?;
    let summary = format!(
        "{} authority records: {} new, {} changed, {} unchanged",
        records.len(),
        written.added,
        written.changed,
        written.unchanged
    );
    crate::commands::audit(&store, "authorities import", None, Some(summary.clone()));
    println!("{summary}");
    if written.added + written.changed > 0 && store.last_seq()? > 0 {
        println!("run `chancery enrich` to link the documents already in the archive");
    }
    Ok(Outcome::Success)
}

/// Reads one path: a POCOM folder, or a file chosen by its extension: `.xml` is TEI
/// (`listPerson`, `listOrg`, `listPlace`), `.csv` is CSV, anything else JSON / JSON Lines.
fn read_path(path: &Path) -> anyhow::Result<Vec<Authority>> {
    if path.is_dir() {
        if !path.join("people").is_dir() {
            bail!(
                "{}: a folder is read as POCOM and needs a people/ subfolder; give JSON, \
                 TEI or CSV files by name",
                path.display()
            );
        }
        let files = xml_files(path)?;
        let agents = pocom::read_pocom(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
            .with_context(|| format!("cannot read POCOM from {}", path.display()))?;
        return Ok(agents.into_iter().map(Authority::Agent).collect());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
    let name = path.display().to_string();
    let extension = path
        .extension()
        .map(|x| x.to_string_lossy().to_ascii_lowercase());
    let read = match extension.as_deref() {
        Some("xml") => chancery_enrich::tei_authorities::read_tei(&name, &text)?,
        Some("csv") => chancery_enrich::csv_authorities::read_csv(&name, &text)?,
        _ => authorities::read_json(&name, &text)?,
    };
    Ok(read
        .agents
        .into_iter()
        .map(Authority::Agent)
        .chain(read.places.into_iter().map(Authority::Place))
        .collect())
}

/// Every `.xml` file under `dir`, as (path relative to `dir` with `/`, contents).
fn xml_files(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read the folder {}", dir.display()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|x| x != "xml") {
            continue;
        }
        let relative = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
        out.push((relative, text));
    }
    Ok(out)
}

//! `chancery authorities import|list|show`

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chancery_enrich::{authorities, pocom};
use chancery_model::Authority;
use chancery_store::{Store, WriteMeta};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::{AuthoritiesArgs, AuthoritiesCommand};

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
                None => bail!("no authority record '{}' in this archive", a.id),
            }
        }
    }
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

/// Reads one path: a POCOM folder, or a JSON / JSON Lines file.
fn read_path(path: &Path) -> anyhow::Result<Vec<Authority>> {
    if path.is_dir() {
        if !path.join("people").is_dir() {
            bail!(
                "{}: a folder is read as POCOM and needs a people/ subfolder; give JSON \
                 files by name",
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
    let read = authorities::read_json(&path.display().to_string(), &text)?;
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

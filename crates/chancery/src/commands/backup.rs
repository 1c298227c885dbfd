//! `chancery backup DEST` and `chancery --data NEW restore DIR`.
//!
//! A backup is a folder holding `archive.db` (a consistent copy of the store, taken in one
//! snapshot while the archive goes on working) and `backup.json` (when, what, and the copy's
//! SHA-256). The search index is not copied: it is derived, and a restore rebuilds it.

use std::path::Path;

use anyhow::{Context, bail};
use chancery_index::SearchIndex;
use chancery_store::{ListFilter, SqliteStore, Store};
use sha2::{Digest, Sha256};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::{BackupArgs, RestoreArgs};

const MANIFEST: &str = "backup.json";
const STORE: &str = "archive.db";

fn empty_or_absent(dir: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", dir.display())),
    }
}

fn sha256_of(path: &Path) -> anyhow::Result<String> {
    use std::io::Read;
    let mut file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Writes a backup folder.
pub fn backup(data: &DataDir, args: BackupArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    // A backup inside the archive it protects is lost with it (and could overwrite it).
    data.refuse_inside(&args.dest, "the backup")?;
    if !empty_or_absent(&args.dest)? {
        bail!(
            "{} is not empty: a backup goes into a new folder",
            args.dest.display()
        );
    }
    std::fs::create_dir_all(&args.dest)
        .with_context(|| format!("cannot create {}", args.dest.display()))?;
    let started = jiff::Timestamp::now();
    let copy = args.dest.join(STORE);
    store
        .backup_to(&copy)
        .with_context(|| format!("cannot back up to {}", args.dest.display()))?;
    let copied = SqliteStore::open(&copy)?;
    let manifest = serde_json::json!({
        "chancery": env!("CARGO_PKG_VERSION"),
        "started": started.to_string(),
        "last_seq": copied.last_seq()?,
        "documents": copied.count(&ListFilter { include_deleted: true, ..ListFilter::default() })?,
        "sha256": "",
    });
    drop(copied);
    // The checksum is of the file as it rests, after the copy was opened (and closed).
    let mut manifest = manifest;
    manifest["sha256"] = sha256_of(&copy)?.into();
    std::fs::write(
        args.dest.join(MANIFEST),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    println!(
        "Backed up {} documents (change-log sequence {}) to {}.",
        manifest["documents"],
        manifest["last_seq"],
        args.dest.display()
    );
    Ok(Outcome::Success)
}

/// Restores a backup folder into the (empty or absent) data directory.
pub fn restore(data: &DataDir, args: RestoreArgs) -> anyhow::Result<Outcome> {
    let root = data
        .store_path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    if !empty_or_absent(&root)? {
        bail!(
            "{} is not empty: restore into a new data directory (--data NEW)",
            root.display()
        );
    }
    let source = args.backup.join(STORE);
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(args.backup.join(MANIFEST)).with_context(|| {
            format!(
                "{} is not a Chancery backup (no {MANIFEST})",
                args.backup.display()
            )
        })?,
    )
    .with_context(|| format!("{MANIFEST} in {} is not readable", args.backup.display()))?;
    let expected = manifest["sha256"].as_str().unwrap_or_default();
    let actual = sha256_of(&source)?;
    if expected != actual {
        bail!(
            "{} is damaged: its checksum is {actual}, the backup recorded {expected}",
            source.display()
        );
    }
    std::fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;
    let partial = root.join("archive.db.partial");
    std::fs::copy(&source, &partial)
        .with_context(|| format!("cannot copy into {}", root.display()))?;
    std::fs::File::open(&partial).and_then(|f| f.sync_all())?;
    std::fs::rename(&partial, data.store_path())?;
    let store = data.open_existing()?;
    let report = store.check()?;
    if !report.is_clean() {
        bail!(
            "the restored store fails its check: {}",
            report.problems.join("; ")
        );
    }
    let (_, done) = SearchIndex::rebuild(&data.index_path(), &store, &mut |_| {})?;
    println!(
        "Restored {} documents (change-log sequence {}) into {}; the store is consistent and the index rebuilt.",
        report.documents,
        done.seq,
        root.display()
    );
    Ok(Outcome::Success)
}

//! BagIt packages (RFC 8493, version 1.0) for preservation: the documents as JSON Lines (the
//! lossless shape) under `data/`, a SHA-256 payload manifest, `bag-info.txt` with the
//! payload's size, and a tag manifest. The bag is written beside its final place and renamed
//! into it once complete.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use super::Export;
use crate::cli::ExportFormat;

/// Writes the bag at `dir` (which must not exist yet) and returns the documents in it.
pub(crate) fn write(export: &Export<'_>, dir: &Path) -> anyhow::Result<usize> {
    if dir.exists() {
        bail!(
            "{} exists already: a BagIt export writes a new folder",
            dir.display()
        );
    }
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    let partial = dir.with_file_name(name);
    if partial.exists() {
        std::fs::remove_dir_all(&partial)
            .with_context(|| format!("cannot clear {}", partial.display()))?;
    }
    let result = fill(export, &partial);
    match result {
        Ok(count) => {
            std::fs::rename(&partial, dir)
                .with_context(|| format!("cannot move the bag to {}", dir.display()))?;
            Ok(count)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&partial);
            Err(e)
        }
    }
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn fill(export: &Export<'_>, bag: &Path) -> anyhow::Result<usize> {
    let data = bag.join("data");
    std::fs::create_dir_all(&data).with_context(|| format!("cannot create {}", data.display()))?;
    let mut count = 0;
    let (documents, documents_bytes) = payload(bag, "data/documents.jsonl", &mut |out| {
        count = export.write(ExportFormat::Jsonl, out)?;
        Ok(())
    })?;
    // The authority records the documents link to, as `chancery authorities import` reads
    // them (they hold no document text, so they go with every export).
    let records = export.store.authorities(None)?;
    let (authorities, authorities_bytes) = payload(bag, "data/authorities.jsonl", &mut |out| {
        for record in &records {
            serde_json::to_writer(&mut *out, record)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    let payload_bytes = documents_bytes + authorities_bytes;
    let digest =
        format!("{documents}  data/documents.jsonl\n{authorities}  data/authorities.jsonl\n");
    write_tag(
        bag,
        "bagit.txt",
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
    )?;
    write_tag(bag, "manifest-sha256.txt", &digest)?;
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let info = format!(
        "Source-Organization: {}\nBagging-Date: {today}\nPayload-Oxum: {payload_bytes}.2\n\
         Bag-Software-Agent: Chancery {}\nExternal-Description: {count} documents exported \
         from a Chancery archive as JSON Lines (the documented document shape) and {} \
         authority records; `chancery authorities import data/authorities.jsonl` and \
         `chancery import --no-enrich data/documents.jsonl` read them back as they were.\n",
        one_line(&export_name(export)),
        env!("CARGO_PKG_VERSION"),
        records.len(),
    );
    write_tag(bag, "bag-info.txt", &info)?;
    let mut tags = String::new();
    for tag in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] {
        let bytes = std::fs::read(bag.join(tag))?;
        tags.push_str(&format!(
            "{}  {tag}\n",
            hex(Sha256::digest(&bytes).as_slice())
        ));
    }
    write_tag(bag, "tagmanifest-sha256.txt", &tags)?;
    Ok(count)
}

/// Writes one payload file through `fill`, synced; returns its SHA-256 in hex and its size.
fn payload(
    bag: &Path,
    name: &str,
    fill: &mut dyn FnMut(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<(String, u64)> {
    let file = std::fs::File::create(bag.join(name))
        .with_context(|| format!("cannot create {}", bag.join(name).display()))?;
    let mut out = Hashing {
        inner: std::io::BufWriter::new(file),
        hasher: Sha256::new(),
        bytes: 0,
    };
    fill(&mut out)?;
    out.flush()?;
    out.inner.get_ref().sync_all()?;
    Ok((hex(out.hasher.finalize().as_slice()), out.bytes))
}

fn export_name(export: &Export<'_>) -> String {
    export.args.name.clone()
}

/// Tag values are single lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_tag(bag: &Path, name: &str, text: &str) -> anyhow::Result<()> {
    let path = bag.join(name);
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

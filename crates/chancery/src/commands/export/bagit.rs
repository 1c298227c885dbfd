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
    let payload = "data/documents.jsonl";
    let file = std::fs::File::create(bag.join(payload))?;
    let mut out = Hashing {
        inner: std::io::BufWriter::new(file),
        hasher: Sha256::new(),
        bytes: 0,
    };
    let count = export.write(ExportFormat::Jsonl, &mut out)?;
    out.flush()?;
    let digest = hex(out.hasher.finalize().as_slice());
    out.inner.get_ref().sync_all()?;
    let payload_bytes = out.bytes;

    write_tag(
        bag,
        "bagit.txt",
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
    )?;
    write_tag(
        bag,
        "manifest-sha256.txt",
        &format!("{digest}  {payload}\n"),
    )?;
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let info = format!(
        "Source-Organization: {}\nBagging-Date: {today}\nPayload-Oxum: {payload_bytes}.1\n\
         Bag-Software-Agent: Chancery {}\nExternal-Description: {count} documents exported \
         from a Chancery archive as JSON Lines (the documented document shape); `chancery \
         import data/documents.jsonl` reads them back.\n",
        one_line(&export_name(export)),
        env!("CARGO_PKG_VERSION"),
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

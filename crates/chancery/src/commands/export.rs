//! `chancery export`

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chancery_formats::{csv, dc, jsonl, tei};
use chancery_store::{Store, StoreError};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::{ExportArgs, ExportFormat};
use crate::commands::list_filter;

/// Writes every document matching the filters, streaming, to standard output or a file.
pub fn run(data: &DataDir, args: ExportArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let filter = list_filter(&args.filter)?;
    match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let count = write_all(&store, &filter, args.format, &mut out)?;
            out.flush()?;
            eprintln!("exported {count} documents");
        }
        Some(path) => {
            // Write beside the target, then rename: a reader never sees a half-written export.
            let partial = partial_path(path);
            let file = File::create(&partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            let mut out = BufWriter::new(file);
            let result = write_all(&store, &filter, args.format, &mut out).and_then(|count| {
                out.flush()?;
                out.get_ref().sync_all()?;
                Ok(count)
            });
            let count = match result {
                Ok(count) => count,
                Err(e) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(e);
                }
            };
            std::fs::rename(&partial, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("exported {count} documents to {}", path.display());
        }
    }
    Ok(Outcome::Success)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn write_all(
    store: &dyn Store,
    filter: &chancery_store::ListFilter,
    format: ExportFormat,
    out: &mut dyn Write,
) -> anyhow::Result<usize> {
    let mut count = 0usize;
    match format {
        ExportFormat::Jsonl => {
            let mut out = out;
            store.scan(filter, &mut |doc| {
                count += 1;
                jsonl::write_line(&doc, &mut out).map_err(StoreError::external)
            })?;
        }
        ExportFormat::Tei => {
            let mut corpus = tei::CorpusWriter::default();
            out.write_all(corpus.start().as_bytes())?;
            store.scan(filter, &mut |doc| {
                count += 1;
                out.write_all(corpus.member(&doc).as_bytes())
                    .map_err(StoreError::external)
            })?;
            out.write_all(tei::CorpusWriter::end().as_bytes())?;
        }
        ExportFormat::Dc => {
            out.write_all(dc::FILE_START.as_bytes())?;
            store.scan(filter, &mut |doc| {
                count += 1;
                out.write_all(dc::write_record(&doc).as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
                    .map_err(StoreError::external)
            })?;
            out.write_all(dc::FILE_END.as_bytes())?;
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::new(out)?;
            store.scan(filter, &mut |doc| {
                count += 1;
                writer.write(&doc).map_err(StoreError::external)
            })?;
            writer.finish()?;
        }
    }
    Ok(count)
}

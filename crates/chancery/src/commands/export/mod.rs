//! `chancery export`

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chancery_formats::{cite, csv, dc, jsonl, tei};
use chancery_model::Document;
use chancery_server::access::{Gate, Viewer};
use chancery_store::{ListFilter, Store, StoreError};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::{ExportArgs, ExportFormat};
use crate::commands::list_filter;

mod bagit;

/// Writes every document matching the filters, streaming, to standard output or a file
/// (a folder for BagIt). Only what anonymous visitors may see, unless `--all`.
pub fn run(data: &DataDir, args: ExportArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let filter = list_filter(&args.filter)?;
    let now = jiff::Timestamp::now();
    let gate = Gate::new(
        if args.all {
            Viewer::Admin
        } else {
            Viewer::Anonymous
        },
        now,
    );
    let export = Export {
        store: &store,
        filter: &filter,
        gate,
        args: &args,
        accessed: now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
    };
    if let Some(output) = &args.output {
        data.refuse_inside(output, "the export")?;
    }
    if args.format == ExportFormat::Bagit {
        let Some(dir) = &args.output else {
            bail!("a BagIt package is a folder: name it with --output DIR");
        };
        let count = bagit::write(&export, dir)?;
        audit_export(&store, &args, count, &dir.display().to_string());
        eprintln!(
            "exported {count} documents as a BagIt package in {}",
            dir.display()
        );
        return Ok(Outcome::Success);
    }
    match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let count = export.write(args.format, &mut out)?;
            out.flush()?;
            audit_export(&store, &args, count, "standard output");
            eprintln!("exported {count} documents");
        }
        Some(path) => {
            let count = write_atomically(path, |out| export.write(args.format, out))?;
            audit_export(&store, &args, count, &path.display().to_string());
            eprintln!("exported {count} documents to {}", path.display());
        }
    }
    Ok(Outcome::Success)
}

/// Records an export in the audit log.
fn audit_export(store: &dyn Store, args: &ExportArgs, count: usize, to: &str) {
    crate::commands::audit(
        store,
        "export",
        Some(to.to_string()),
        Some(format!(
            "{count} documents as {:?}{}",
            args.format,
            if args.all {
                ", all access levels"
            } else {
                ", public only"
            }
        )),
    );
}

/// Writes a file beside `path`, then renames it into place: a reader never sees a
/// half-written export.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<usize>,
) -> anyhow::Result<usize> {
    let partial = partial_path(path);
    let file =
        File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut out = BufWriter::new(file);
    let result = write(&mut out).and_then(|count| {
        out.flush()?;
        out.get_ref().sync_all()?;
        Ok(count)
    });
    match result {
        Ok(count) => {
            std::fs::rename(&partial, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(count)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// One export: the documents to write and how.
pub(crate) struct Export<'a> {
    store: &'a dyn Store,
    filter: &'a ListFilter,
    gate: Gate,
    args: &'a ExportArgs,
    accessed: jiff::civil::Date,
}

impl Export<'_> {
    /// Calls `f` with every document to export.
    fn each(&self, f: &mut dyn FnMut(Document) -> Result<(), StoreError>) -> anyhow::Result<usize> {
        let mut count = 0usize;
        let gate = self.gate;
        self.store.scan(self.filter, &mut |doc| {
            if !gate.allows(&doc) {
                return Ok(());
            }
            count += 1;
            f(doc)
        })?;
        Ok(count)
    }

    fn cite_context(&self, doc: &Document) -> cite::CiteContext {
        cite::CiteContext {
            archive: self.args.name.clone(),
            archive_url: format!(
                "{}/documents/{}",
                self.args.base_url.trim_end_matches('/'),
                doc.id
            ),
            accessed: self.accessed,
        }
    }

    /// Writes the documents in `format` (anything but BagIt) to `out`.
    pub(crate) fn write(&self, format: ExportFormat, out: &mut dyn Write) -> anyhow::Result<usize> {
        let io = StoreError::external;
        let count = match format {
            ExportFormat::Jsonl => {
                let mut out = out;
                self.each(&mut |doc| jsonl::write_line(&doc, &mut out).map_err(io))?
            }
            ExportFormat::Tei => {
                let mut corpus = tei::CorpusWriter::default();
                out.write_all(corpus.start().as_bytes())?;
                let count = self
                    .each(&mut |doc| out.write_all(corpus.member(&doc).as_bytes()).map_err(io))?;
                out.write_all(tei::CorpusWriter::end().as_bytes())?;
                count
            }
            ExportFormat::Dc => {
                out.write_all(dc::FILE_START.as_bytes())?;
                let count = self.each(&mut |doc| {
                    out.write_all(dc::write_record(&doc).as_bytes())
                        .and_then(|()| out.write_all(b"\n"))
                        .map_err(io)
                })?;
                out.write_all(dc::FILE_END.as_bytes())?;
                count
            }
            ExportFormat::Csv => {
                let mut writer = csv::Writer::new(&mut *out)?;
                let count = self.each(&mut |doc| writer.write(&doc).map_err(io))?;
                writer.finish()?;
                count
            }
            ExportFormat::CslJson => {
                // A JSON array, written item by item.
                out.write_all(b"[\n")?;
                let mut first = true;
                let count = self.each(&mut |doc| {
                    let item = cite::csl_json(&doc, &self.cite_context(&doc));
                    let separator: &[u8] = if first { b"" } else { b",\n" };
                    first = false;
                    out.write_all(separator)
                        .and_then(|()| {
                            serde_json::to_writer(&mut *out, &item).map_err(std::io::Error::other)
                        })
                        .map_err(io)
                })?;
                out.write_all(b"\n]\n")?;
                count
            }
            ExportFormat::Bibtex => self.each(&mut |doc| {
                out.write_all(cite::bibtex(&doc, &self.cite_context(&doc)).as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
                    .map_err(io)
            })?,
            ExportFormat::Ris => self.each(&mut |doc| {
                out.write_all(cite::ris(&doc, &self.cite_context(&doc)).as_bytes())
                    .map_err(io)
            })?,
            ExportFormat::Bagit => bail!("a BagIt package is written by bagit::write"),
        };
        Ok(count)
    }
}

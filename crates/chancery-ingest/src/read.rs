//! Reading one file: bytes, checksum, encoding, format, documents.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chancery_formats::{Format, FormatError, ReadContext, detect, encoding};
use chancery_model::{Document, DocumentId, Provenance};
use sha2::{Digest, Sha256};

use crate::walk::describe_io_error;

/// The default largest file the importer reads: 64 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// How files are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Use this reader for every file instead of detecting the format.
    pub format: Option<Format>,
    /// For TEI: split records at `div type="…"` instead of `document`.
    pub split_div: Option<String>,
    /// Files larger than this many bytes are refused.
    pub max_file_size: u64,
    /// Collections every imported document is added to.
    pub collections: Vec<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            format: None,
            split_div: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            collections: Vec::new(),
        }
    }
}

/// One file, read.
#[derive(Debug)]
pub struct FileRead {
    /// The path as the user gave it or as found in a folder.
    pub path: String,
    /// SHA-256 of the bytes, in hex (empty when the file could not be read).
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// The reader used, when one was chosen.
    pub format: Option<Format>,
    /// Things the user should know that did not stop the file.
    pub warnings: Vec<String>,
    /// The documents, or the problems that kept the file out.
    pub outcome: Result<Vec<Document>, Vec<FormatError>>,
}

impl FileRead {
    fn failed(
        path: String,
        size: u64,
        sha256: String,
        format: Option<Format>,
        error: FormatError,
    ) -> Self {
        Self {
            path,
            sha256,
            size,
            format,
            warnings: Vec::new(),
            outcome: Err(vec![error]),
        }
    }
}

/// Reads the file at `path` with `options`. Never panics and never fails as a whole: every
/// problem ends up in the returned [`FileRead`].
pub fn read_file(path: &Path, options: &ReadOptions) -> FileRead {
    let display = path.display().to_string();
    let bytes = match read_bytes(path, options.max_file_size) {
        Ok(bytes) => bytes,
        Err((size, message)) => {
            return FileRead::failed(
                display,
                size,
                String::new(),
                None,
                FormatError::whole(message),
            );
        }
    };
    let size = bytes.len() as u64;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let decoded = match encoding::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(e) => return FileRead::failed(display, size, sha256, None, e),
    };
    drop(bytes);
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let format = match options.format {
        Some(format) => format,
        None => {
            let head = prefix(&decoded.text, 8192);
            match detect::detect(&display, head) {
                Some(format) => format,
                None => {
                    return FileRead::failed(
                        display,
                        size,
                        sha256,
                        None,
                        FormatError::whole(
                            "cannot tell the format of this file (expected a CVCE text record, TEI, \
                             Dublin Core XML, JSON Lines or CSV); name it with --format",
                        ),
                    );
                }
            }
        }
    };
    let ctx = ReadContext::new(&display).with_split_div(options.split_div.clone());
    let outcome = chancery_formats::read(format, &decoded.text, &ctx).and_then(|out| {
        warnings.extend(out.warnings);
        finish_documents(
            out.documents,
            &display,
            &sha256,
            format,
            &options.collections,
        )
    });
    FileRead {
        path: display,
        sha256,
        size,
        format: Some(format),
        warnings,
        outcome,
    }
}

/// Reads at most `limit` bytes, refusing larger files before reading them.
fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, (u64, String)> {
    let file = std::fs::File::open(path)
        .map_err(|e| (0, format!("cannot open: {}", describe_io_error(&e))))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err((size, too_large(size, limit)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the limit so that a file growing while we read is still refused.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| (size, format!("cannot read: {}", describe_io_error(&e))))?;
    if bytes.len() as u64 > limit {
        return Err((bytes.len() as u64, too_large(bytes.len() as u64, limit)));
    }
    Ok(bytes)
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "file is {} bytes, over the limit of {} bytes ({} MiB); raise it with --max-file-size",
        size,
        limit,
        limit / (1024 * 1024)
    )
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Records provenance, adds the requested collections, validates and refuses duplicate
/// identifiers within the file.
fn finish_documents(
    mut docs: Vec<Document>,
    path: &str,
    sha256: &str,
    format: Format,
    collections: &[String],
) -> Result<Vec<Document>, Vec<FormatError>> {
    let mut errors = Vec::new();
    let mut seen: HashMap<DocumentId, usize> = HashMap::new();
    if docs.is_empty() {
        errors.push(FormatError::whole("the file holds no documents"));
    }
    for (index, doc) in docs.iter_mut().enumerate() {
        let record = doc.provenance.as_ref().and_then(|p| p.record.clone());
        let datestamp = doc.provenance.as_ref().and_then(|p| p.datestamp.clone());
        doc.provenance = Some(Provenance {
            file: Some(path.to_string()),
            format: Some(format.name().to_string()),
            sha256: Some(sha256.to_string()),
            record: record.clone(),
            datestamp,
        });
        // Collections are identifiers: "Korean War" and "korean-war" are one collection.
        let mut ids: Vec<String> = Vec::new();
        for c in doc.collections.iter().chain(collections) {
            let id = chancery_model::authority::slug(c);
            if !id.is_empty() && !ids.contains(&id) {
                ids.push(id);
            }
        }
        doc.collections = ids;
        let name = record.unwrap_or_else(|| format!("record {}", index + 1));
        if let Err(problems) = doc.validate() {
            for p in problems {
                errors.push(FormatError::whole(format!("{name}: {p}")));
            }
        }
        if let Some(first) = seen.insert(doc.id, index) {
            errors.push(FormatError::whole(format!(
                "{name}: identifier {} is also used by record {} of this file",
                doc.id,
                first + 1
            )));
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        let options = ReadOptions {
            max_file_size: 1024,
            ..ReadOptions::default()
        };
        let read = read_file(&path, &options);
        let errors = read.outcome.unwrap_err();
        assert!(
            errors[0].message.contains("over the limit of 1024 bytes"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn missing_files_say_so() {
        let read = read_file(Path::new("/nonexistent/x.xml"), &ReadOptions::default());
        assert_eq!(
            read.outcome.unwrap_err()[0].message,
            "cannot open: no such file or folder"
        );
    }

    #[test]
    fn prefixes_end_on_char_boundaries() {
        assert_eq!(prefix("aé", 2), "a");
        assert_eq!(prefix("abc", 10), "abc");
    }
}

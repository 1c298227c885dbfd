//! What every record-based reader (JSON Lines, CSV, Dublin Core) does once it holds a
//! document: give it an identifier when the record carries none, stamp its provenance,
//! forget the store's own fields, refuse a second record with the same identifier, and
//! gather the problems of the whole file so that one run reports all of them.

pub(crate) mod language;

use std::collections::HashMap;

use chancery_model::{Document, DocumentId, Provenance};

use crate::{FormatError, ReadContext, ReadOutput};

/// A file reports at most this many problems; the rest are counted in a last line, so a
/// file that is wrong on every line does not bury the summary.
pub(crate) const MAX_ERRORS: usize = 50;

/// Where a record starts in its file, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordAt {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl RecordAt {
    /// An error at this position.
    pub(crate) fn error(self, message: impl Into<String>) -> FormatError {
        FormatError::at(self.line, self.column, message)
    }
}

/// The documents, warnings and errors of one file, collected record by record.
pub(crate) struct Batch<'c> {
    format: &'static str,
    ctx: &'c ReadContext,
    documents: Vec<Document>,
    warnings: Vec<String>,
    errors: Vec<FormatError>,
    errors_left_out: usize,
    first_seen: HashMap<DocumentId, String>,
}

impl<'c> Batch<'c> {
    /// An empty batch for a file read by the reader named `format`.
    pub(crate) fn new(format: &'static str, ctx: &'c ReadContext) -> Self {
        Self {
            format,
            ctx,
            documents: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            errors_left_out: 0,
            first_seen: HashMap::new(),
        }
    }

    /// Records a problem that keeps the file from being imported.
    pub(crate) fn error(&mut self, error: FormatError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        } else {
            self.errors_left_out += 1;
        }
    }

    /// Records something the user should know that does not stop the import.
    pub(crate) fn warn(&mut self, warning: impl Into<String>) {
        self.warnings.push(warning.into());
    }

    /// Prepares a document as read from record `n` (from 1) found at `record` (e.g.
    /// `line 3`): derives its identifier from the file's stem and `n` when the record gave
    /// none, sets the provenance, and resets what only the store may set.
    pub(crate) fn stamp(&self, doc: &mut Document, n: usize, record: String) {
        if doc.id.is_nil() {
            doc.id = self.derived_id(n);
        }
        doc.provenance = Some(Provenance {
            file: None,
            format: Some(self.format.to_string()),
            sha256: None,
            record: Some(record),
            datestamp: None,
        });
        doc.revision = 0;
        doc.created = None;
        doc.updated = None;
    }

    /// The identifier of record `n` when it carries none: stable as long as the file keeps
    /// its name and the record its place.
    pub(crate) fn derived_id(&self, n: usize) -> DocumentId {
        DocumentId::from_key(&format!("{}:{}#{n}", self.format, self.ctx.stem))
    }

    /// Adds a stamped, validated document found at `at`, unless an earlier record of the
    /// file has the same identifier.
    pub(crate) fn add(&mut self, doc: Document, at: RecordAt) {
        let label = record_label(&doc, at);
        if let Some(first) = self.first_seen.get(&doc.id) {
            let message = format!("duplicate id {}: {first} and {label} both have it", doc.id);
            self.error(at.error(message));
            return;
        }
        self.first_seen.insert(doc.id, label);
        // Once the file has failed its documents will not be used: stop holding them.
        if self.errors.is_empty() {
            self.documents.push(doc);
        }
    }

    /// The documents and warnings, or every problem found.
    pub(crate) fn finish(mut self) -> Result<ReadOutput, Vec<FormatError>> {
        if self.errors.is_empty() {
            if self.documents.is_empty() {
                self.warnings
                    .push("the file holds no documents".to_string());
            }
            return Ok(ReadOutput {
                documents: self.documents,
                warnings: self.warnings,
            });
        }
        if self.errors_left_out > 0 {
            let more = self.errors_left_out;
            let noun = if more == 1 { "problem" } else { "problems" };
            self.errors
                .push(FormatError::whole(format!("… and {more} more {noun}")));
        }
        Err(self.errors)
    }
}

/// How messages name a record: by its line when the record is a line, else by its
/// locator and position (`row 3 at 4:1`, `record 2 at 1:57`).
fn record_label(doc: &Document, at: RecordAt) -> String {
    match doc.provenance.as_ref().and_then(|p| p.record.as_deref()) {
        Some(record) if record == format!("line {}", at.line) => record.to_string(),
        Some(record) => format!("{record} at {}:{}", at.line, at.column),
        None => format!("the record at {}:{}", at.line, at.column),
    }
}

/// Turns byte offsets into positions for a reader that visits its records in file order,
/// counting lines and columns only over the text between one offset and the next, so a
/// file with many records (even all on one line) is measured once.
pub(crate) struct Positions<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'t> Positions<'t> {
    /// Positions in `text`, starting at its beginning.
    pub(crate) fn new(text: &'t str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    /// Offsets before the last one asked are measured from the start of the text.
    pub(crate) fn at(&mut self, offset: usize) -> RecordAt {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        let between = &self.text[self.offset..offset];
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.column = between[last + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.offset = offset;
        RecordAt {
            line: self.line,
            column: self.column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(key: &str) -> Document {
        Document::new(DocumentId::from_key(key), "T", "Text.")
    }

    #[test]
    fn stamping_derives_ids_sets_provenance_and_resets_store_fields() {
        let ctx = ReadContext::new("dir/notes.jsonl");
        let batch = Batch::new("jsonl", &ctx);
        let mut d = Document::new(DocumentId::nil(), "T", "Text.");
        d.revision = 9;
        d.created = Some(jiff::Timestamp::UNIX_EPOCH);
        batch.stamp(&mut d, 2, "line 3".into());
        assert_eq!(d.id, DocumentId::from_key("jsonl:notes#2"));
        assert_eq!(d.revision, 0);
        assert_eq!(d.created, None);
        let p = d.provenance.unwrap();
        assert_eq!(p.format.as_deref(), Some("jsonl"));
        assert_eq!(p.record.as_deref(), Some("line 3"));
    }

    #[test]
    fn duplicates_name_both_records() {
        let ctx = ReadContext::new("x.jsonl");
        let mut batch = Batch::new("jsonl", &ctx);
        for line in [2, 7] {
            let mut d = doc("a");
            batch.stamp(&mut d, line, format!("line {line}"));
            batch.add(d, RecordAt { line, column: 1 });
        }
        let mut d = doc("a");
        batch.stamp(&mut d, 3, "record 3".into());
        batch.add(d, RecordAt { line: 9, column: 4 });
        let errors = batch.finish().unwrap_err();
        let id = DocumentId::from_key("a");
        assert_eq!(errors[0].line, Some(7));
        assert_eq!(
            errors[0].message,
            format!("duplicate id {id}: line 2 and line 7 both have it")
        );
        assert_eq!(
            errors[1].message,
            format!("duplicate id {id}: line 2 and record 3 at 9:4 both have it")
        );
    }

    #[test]
    fn positions_follow_the_text() {
        let text = "ab\ncdé\nf";
        let mut p = Positions::new(text);
        let at = |p: &mut Positions<'_>, o| {
            let r = p.at(o);
            (r.line, r.column)
        };
        assert_eq!(at(&mut p, 0), (1, 1));
        assert_eq!(at(&mut p, 1), (1, 2));
        assert_eq!(at(&mut p, 4), (2, 2));
        assert_eq!(at(&mut p, 7), (2, 4));
        assert_eq!(at(&mut p, 6), (2, 3));
        assert_eq!(at(&mut p, 8), (3, 1));
        assert_eq!(at(&mut p, 99), (3, 2));
        for offset in 0..=text.len() {
            let r = Positions::new(text).at(offset);
            assert_eq!((r.line, r.column), crate::error::line_column(text, offset));
        }
    }

    #[test]
    fn errors_are_capped_with_a_count_of_the_rest() {
        let ctx = ReadContext::new("x.jsonl");
        let mut batch = Batch::new("jsonl", &ctx);
        for line in 1..=MAX_ERRORS + 3 {
            batch.error(FormatError::at(line, 1, "bad"));
        }
        let errors = batch.finish().unwrap_err();
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        assert_eq!(errors[MAX_ERRORS].message, "… and 3 more problems");
    }

    #[test]
    fn an_empty_file_is_read_with_a_warning() {
        let ctx = ReadContext::new("x.jsonl");
        let out = Batch::new("jsonl", &ctx).finish().unwrap();
        assert!(out.documents.is_empty());
        assert_eq!(out.warnings, ["the file holds no documents"]);
    }
}

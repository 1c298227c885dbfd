//! JSON Lines (one document object per line) and JSON files holding one document or an
//! array of documents, in the model's JSON shape.
//!
//! Which of these a file is follows from its first non-blank character: `[` starts an
//! array; a `{` whose line is a whole object (or is followed by a line that starts another
//! object) starts JSON Lines; any other `{` starts one or more objects written over many
//! lines.
//!
//! ```
//! use chancery_formats::{jsonl, ReadContext};
//!
//! let text = "{\"title\":\"A note\",\"text\":\"First.\\n\\nSecond.\",\"type\":\"note verbale\"}\n\n";
//! let out = jsonl::read(text, &ReadContext::new("notes.jsonl")).unwrap();
//! let doc = &out.documents[0];
//! assert_eq!(doc.body.len(), 2);
//! assert_eq!(doc.provenance.as_ref().unwrap().record.as_deref(), Some("line 1"));
//!
//! let mut line = Vec::new();
//! jsonl::write_line(doc, &mut line).unwrap();
//! let again = jsonl::read(std::str::from_utf8(&line).unwrap(), &ReadContext::new("x")).unwrap();
//! assert_eq!(again.documents[0].content_hash(), doc.content_hash());
//! ```

use std::fmt;
use std::io::Write;

use chancery_model::Document;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::records::{Batch, Positions, RecordAt};
use crate::{FormatError, ReadContext, ReadOutput};

/// The top-level fields of the JSON shape; any other is reported once per file.
const FIELDS: &[&str] = &[
    "id",
    "title",
    "type",
    "date",
    "place",
    "language",
    "caption",
    "source",
    "rights",
    "url",
    "source_updated",
    "senders",
    "recipients",
    "text",
    "body",
    "collections",
    "subjects",
    "relations",
    "provenance",
    "revision",
    "created",
    "updated",
];

/// Unknown field names reported per file, at most; a file full of invented fields needs
/// only the first few named.
const MAX_UNKNOWN_FIELDS: usize = 20;

/// Reads a JSON Lines file, or a JSON file holding one document object or an array of them.
///
/// Only `title` and `text` (or `body`) are required. A record without an `id` gets one
/// derived from the file's stem and its record number; `revision`, `created`, `updated`
/// and `provenance` given in the file are ignored.
///
/// # Errors
///
/// Every record that is not valid JSON, does not fit the document shape, or fails the
/// model's validation, and every repeated id, each with its line and column (at most 50,
/// then a count of the rest).
pub fn read(text: &str, ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = Reader {
        text,
        batch: Batch::new("jsonl", ctx),
        positions: Positions::new(text),
        unknown: Vec::new(),
    };
    match layout(text) {
        Layout::Empty => {}
        Layout::Lines => reader.lines(),
        Layout::Array(start) => reader.values(start, true),
        Layout::Objects(start) => reader.values(start, false),
    }
    reader.finish()
}

/// Writes `doc` as one compact JSON object and a newline.
///
/// # Errors
///
/// Whatever `out` reports.
pub fn write_line(doc: &Document, out: &mut impl Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, doc)?;
    out.write_all(b"\n")
}

/// How the documents are laid out in the file.
#[derive(Debug, PartialEq, Eq)]
enum Layout {
    /// Nothing but whitespace.
    Empty,
    /// One object per line.
    Lines,
    /// An array of objects starting at this byte.
    Array(usize),
    /// Objects over several lines, one after the other, the first at this byte.
    Objects(usize),
}

fn layout(text: &str) -> Layout {
    let Some(start) = text.find(|c: char| !c.is_whitespace()) else {
        return Layout::Empty;
    };
    match text.as_bytes()[start] {
        b'[' => Layout::Array(start),
        b'{' => {
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            if serde_json::from_str::<IgnoredAny>(&text[start..line_end]).is_ok() {
                return Layout::Lines;
            }
            // A broken first line in a JSON Lines file still has its neighbours starting
            // objects of their own; a pretty-printed object continues with its fields.
            let next = text[line_end..]
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty());
            match next {
                Some(line) if !line.starts_with('{') => Layout::Objects(start),
                _ => Layout::Lines,
            }
        }
        _ => Layout::Lines,
    }
}

struct Reader<'t, 'c> {
    text: &'t str,
    batch: Batch<'c>,
    positions: Positions<'t>,
    /// Unknown field names: the first record that used each, and how many did.
    unknown: Vec<(String, String, usize)>,
}

impl Reader<'_, '_> {
    fn lines(&mut self) {
        let text = self.text;
        let mut n = 0;
        for (index, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let content = line.trim_start();
            if content.trim_end().is_empty() {
                continue;
            }
            n += 1;
            let line_no = index + 1;
            let indent = &line[..line.len() - content.len()];
            let at = RecordAt {
                line: line_no,
                column: indent.chars().count() + 1,
            };
            match serde_json::from_str::<Document>(line) {
                Ok(doc) => {
                    let record = format!("line {line_no}");
                    self.note_unknown_fields(line, &record);
                    self.accept(doc, n, record, at, "");
                }
                Err(e) => {
                    let column = line[..offset_in(line, &e)].chars().count() + 1;
                    self.batch
                        .error(FormatError::at(line_no, column, message_of(&e)));
                }
            }
        }
    }

    /// Reads an array (`array`) or a run of objects starting at byte `start`.
    fn values(&mut self, start: usize, array: bool) {
        let bytes = self.text.as_bytes();
        let mut pos = if array { start + 1 } else { start };
        let mut n = 0;
        loop {
            pos = skip_whitespace(bytes, pos);
            if array && bytes.get(pos) == Some(&b']') && n == 0 {
                pos += 1;
                break;
            }
            if !array && pos >= bytes.len() {
                return;
            }
            let Some(end) = value_end(bytes, pos) else {
                return self.structure_error();
            };
            n += 1;
            self.value(pos, end, n);
            pos = skip_whitespace(bytes, end);
            if !array {
                continue;
            }
            match bytes.get(pos) {
                Some(b',') if bytes.get(skip_whitespace(bytes, pos + 1)) == Some(&b']') => {
                    let at = self.positions.at(pos);
                    return self
                        .batch
                        .error(at.error("a comma after the last record (JSON allows none)"));
                }
                Some(b',') => pos += 1,
                Some(b']') => {
                    pos += 1;
                    break;
                }
                _ => return self.structure_error(),
            }
        }
        let rest = skip_whitespace(bytes, pos);
        if rest < bytes.len() {
            let at = self.positions.at(rest);
            self.batch
                .error(at.error("text after the ']' that closes the array"));
        }
    }

    /// Reads the `n`th value, at bytes `start..end`.
    fn value(&mut self, start: usize, end: usize, n: usize) {
        let slice = &self.text[start..end];
        let at = self.positions.at(start);
        match serde_json::from_str::<Document>(slice) {
            Ok(doc) => {
                let record = format!("record {n}");
                self.note_unknown_fields(slice, &record);
                self.accept(doc, n, record, at, &format!("record {n}: "));
            }
            Err(e) => {
                let at = self.positions.at(start + offset_in(slice, &e));
                self.batch
                    .error(at.error(format!("record {n}: {}", message_of(&e))));
            }
        }
    }

    /// Reports the first place where the file stops being JSON, as serde_json sees it.
    fn structure_error(&mut self) {
        let stream = serde_json::Deserializer::from_str(self.text).into_iter::<IgnoredAny>();
        let error = stream.filter_map(Result::err).next().map_or_else(
            || FormatError::whole("the file is not a JSON array or run of JSON objects"),
            |e| {
                let offset = offset_in(self.text, &e);
                let at = self.positions.at(offset);
                at.error(message_of(&e))
            },
        );
        self.batch.error(error);
    }

    fn accept(&mut self, mut doc: Document, n: usize, record: String, at: RecordAt, prefix: &str) {
        self.batch.stamp(&mut doc, n, record);
        if let Err(problems) = doc.validate() {
            for problem in problems {
                self.batch.error(at.error(format!("{prefix}{problem}")));
            }
            return;
        }
        self.batch.add(doc, at);
    }

    /// Remembers the top-level fields of `object` that are not part of the shape, so the
    /// user learns that they were dropped.
    fn note_unknown_fields(&mut self, object: &str, record: &str) {
        let Ok(TopLevelKeys(names)) = serde_json::from_str::<TopLevelKeys>(object) else {
            return;
        };
        for name in names {
            if let Some(seen) = self.unknown.iter_mut().find(|(n, _, _)| *n == name) {
                seen.2 += 1;
            } else if self.unknown.len() < MAX_UNKNOWN_FIELDS {
                self.unknown.push((name, record.to_string(), 1));
            }
        }
    }

    fn finish(mut self) -> Result<ReadOutput, Vec<FormatError>> {
        for (name, first, count) in std::mem::take(&mut self.unknown) {
            let others = match count {
                1 => String::new(),
                2 => " and 1 more record".to_string(),
                _ => format!(" and {} more records", count - 1),
            };
            self.batch.warn(format!(
                "unknown field '{name}' ignored ({first}{others}); the fields are: {}",
                FIELDS.join(", ")
            ));
        }
        self.batch.finish()
    }
}

/// The byte offset in `slice` that serde_json's line and column (of bytes, from 1) point at.
fn offset_in(slice: &str, e: &serde_json::Error) -> usize {
    if e.line() == 0 {
        return 0;
    }
    let line_start = match e.line() {
        1 => 0,
        line => memchr::memchr_iter(b'\n', slice.as_bytes())
            .nth(line - 2)
            .map_or(slice.len(), |i| i + 1),
    };
    let offset = (line_start + e.column().saturating_sub(1)).min(slice.len());
    // A column may point into a multi-byte character; step back to its start.
    (0..=offset)
        .rev()
        .find(|&o| slice.is_char_boundary(o))
        .unwrap_or(0)
}

/// serde_json's message without the "at line L column C" it appends: the position is
/// reported in the error's own fields, relative to the file.
fn message_of(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&suffix) {
        Some(message) => message.to_string(),
        None => full,
    }
}

fn skip_whitespace(bytes: &[u8], mut pos: usize) -> usize {
    while bytes
        .get(pos)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        pos += 1;
    }
    pos
}

/// The end of the JSON value starting at `start`: after its closing bracket for objects
/// and arrays (strings inside taken into account), after its closing quote for strings,
/// before the next delimiter for anything else. `None` when the text ends first.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match *bytes.get(start)? {
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut in_string = false;
            let mut escaped = false;
            for (i, &b) in bytes.iter().enumerate().skip(start) {
                if in_string {
                    match b {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b'"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        b'"' => {
            let mut escaped = false;
            for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => return Some(i + 1),
                    _ => {}
                }
            }
            None
        }
        _ => {
            let end = bytes[start..]
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                .map_or(bytes.len(), |i| start + i);
            (end > start).then_some(end)
        }
    }
}

/// The top-level keys of a JSON object that are not fields of the document shape.
struct TopLevelKeys(Vec<String>);

impl<'de> Deserialize<'de> for TopLevelKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(KeysVisitor)
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = TopLevelKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut unknown = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            if let Key::Unknown(name) = key {
                unknown.push(name);
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(TopLevelKeys(unknown))
    }
}

/// A key, allocated only when it is not a known field.
enum Key {
    Known,
    Unknown(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(if FIELDS.contains(&v) {
            Key::Known
        } else {
            Key::Unknown(v.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use chancery_model::{
        AccessLevel, AgentRef, Block, BlockKind, DocDate, DocType, DocumentId, Relation,
        RelationKind, SourceCitation, Span, SpanStyle,
    };

    use super::*;

    fn ctx() -> ReadContext {
        ReadContext::new("batch.jsonl")
    }

    fn read_ok(text: &str) -> ReadOutput {
        read(text, &ctx()).unwrap()
    }

    fn errors(text: &str) -> Vec<(Option<usize>, Option<usize>, String)> {
        read(text, &ctx())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.line, e.column, e.message))
            .collect()
    }

    fn full_document() -> Document {
        let mut d = Document::new(
            DocumentId::from_key("full"),
            "United States aide-memoire (27 June 1950)",
            "",
        );
        d.doc_type = Some(DocType::AideMemoire);
        d.date = Some(DocDate::from_written("27 June 1950").unwrap());
        d.place = Some("Moscow".into());
        d.language = Some("en".into());
        d.caption = Some("Kirk hands Gromyko an aide-memoire.".into());
        d.source = Some(SourceCitation {
            text: Some("The Soviet Union and the Korean Question. London, 1950. p. 91.".into()),
            title: Some("The Soviet Union and the Korean Question".into()),
            place: Some("London".into()),
            publisher: Some("Soviet News".into()),
            year: Some(1950),
            pages: Some("91".into()),
            extent: Some("99 p.".into()),
        });
        d.rights.statement = Some("All rights reserved.".into());
        d.rights.uri = Some("http://rightsstatements.org/vocab/InC/1.0/".into());
        d.rights.access = AccessLevel::Embargoed;
        d.rights.embargo_until = Some(jiff::civil::date(2030, 1, 1));
        d.url = Some("http://www.cvce.eu/obj/x.html".into());
        d.source_updated = Some(jiff::civil::date(2015, 7, 3));
        d.senders = vec![AgentRef {
            id: Some("kirk-alan-goodrich".into()),
            name: "Alan G. Kirk".into(),
        }];
        d.recipients = vec![AgentRef::named("Andrei Gromyko")];
        let mut para = Block::paragraph("“My Government has instructed me…”¹");
        para.spans.push(Span {
            start: 0,
            end: 3,
            style: SpanStyle::Italic,
        });
        let mut note = Block::new(BlockKind::Note, "Source: Soviet News.");
        note.n = Some("1".into());
        d.body = vec![Block::heading(1, "U.S. aide-memoire"), para, note];
        d.collections = vec!["korea-1950".into()];
        d.subjects = vec!["Korean War".into(), "Soviet Union".into()];
        d.relations = vec![Relation {
            kind: RelationKind::InReplyTo,
            target: "urn:x".into(),
            label: Some("your note".into()),
        }];
        d
    }

    #[test]
    fn lines_with_blank_lines_and_crlf() {
        let text =
            "{\"title\":\"One\",\"text\":\"A.\"}\r\n\r\n  {\"title\":\"Two\",\"text\":\"B.\"}\r\n";
        let out = read_ok(text);
        assert_eq!(out.documents.len(), 2);
        assert_eq!(out.warnings, Vec::<String>::new());
        let second = &out.documents[1];
        assert_eq!(second.title, "Two");
        assert_eq!(second.id, DocumentId::from_key("jsonl:batch#2"));
        let p = second.provenance.as_ref().unwrap();
        assert_eq!(
            (p.format.as_deref(), p.record.as_deref()),
            (Some("jsonl"), Some("line 3"))
        );
    }

    #[test]
    fn given_ids_are_kept_and_store_fields_reset() {
        let id = DocumentId::from_key("mine");
        let text = format!(
            "{{\"id\":\"{id}\",\"title\":\"T\",\"text\":\"X.\",\"revision\":7,\"created\":\"2020-01-01T00:00:00Z\",\
             \"provenance\":{{\"file\":\"elsewhere\",\"format\":\"tei\"}}}}"
        );
        let doc = &read_ok(&text).documents[0];
        assert_eq!(doc.id, id);
        assert_eq!(doc.revision, 0);
        assert_eq!(doc.created, None);
        let p = doc.provenance.as_ref().unwrap();
        assert_eq!(
            (p.file.as_deref(), p.format.as_deref()),
            (None, Some("jsonl"))
        );
    }

    #[test]
    fn every_bad_line_is_reported_with_its_position() {
        let text = "{\"title\":\"ok\",\"text\":\"x\"}\n{\"title\":\"é\",\"text\":}\n{\"title\":\"\",\"text\":\"x\"}\n{\"title\":\"t\",\"text\":\"x\",\"type\":\"shopping list\"}\n";
        let errs = errors(text);
        assert_eq!(errs[0], (Some(2), Some(21), "expected value".to_string()));
        assert_eq!(
            errs[1],
            (Some(3), Some(1), "title: missing or empty".to_string())
        );
        assert_eq!(errs[2].0, Some(4));
        assert!(
            errs[2]
                .2
                .starts_with("unknown document type 'shopping list' (known types: aide-memoire"),
            "{}",
            errs[2].2
        );
        assert_eq!(errs.len(), 3);
    }

    #[test]
    fn many_bad_lines_are_capped() {
        let text = "nope\n".repeat(60);
        let errs = errors(&text);
        assert_eq!(errs.len(), 51);
        assert_eq!(errs[49].0, Some(50));
        assert_eq!(errs[50], (None, None, "… and 10 more problems".to_string()));
    }

    #[test]
    fn duplicate_ids_name_both_lines() {
        let id = DocumentId::from_key("dup");
        let line = format!("{{\"id\":\"{id}\",\"title\":\"T\",\"text\":\"X.\"}}\n");
        let errs = errors(&format!("{line}\n{line}"));
        assert_eq!(
            errs,
            [(
                Some(3),
                Some(1),
                format!("duplicate id {id}: line 1 and line 3 both have it")
            )]
        );
    }

    #[test]
    fn arrays_number_records_and_place_errors() {
        let text = "[\n  {\"title\":\"A\",\"text\":\"x\"},\n  {\"title\":\"B\",\n   \"text\":12},\n  {\"title\":\"C\",\"text\":\"y\",\"language\":\"not a tag!\"}\n]\n";
        let errs = errors(text);
        assert_eq!(
            errs[0],
            (
                Some(4),
                Some(12),
                "record 2: invalid type: integer `12`, expected a string".to_string()
            )
        );
        assert_eq!(
            errs[1],
            (
                Some(5),
                Some(3),
                "record 3: language: 'not a tag!' is not a BCP 47 language tag".to_string()
            )
        );
        let out = read_ok("[{\"title\":\"A\",\"text\":\"x\"}, {\"title\":\"B\",\"text\":\"y\"}]");
        let records: Vec<_> = out
            .documents
            .iter()
            .map(|d| d.provenance.as_ref().unwrap().record.clone().unwrap())
            .collect();
        assert_eq!(records, ["record 1", "record 2"]);
        assert_eq!(out.documents[1].id, DocumentId::from_key("jsonl:batch#2"));
    }

    #[test]
    fn broken_arrays_report_serde_positions() {
        assert_eq!(
            errors("[{\"title\":\"A\",\"text\":\"x\"},\n]"),
            [(
                Some(1),
                Some(26),
                "a comma after the last record (JSON allows none)".to_string()
            )]
        );
        assert_eq!(
            errors("[{\"title\":\"A\",\"text\":\"x\"}\n{\"title\":\"B\"}]"),
            [(Some(2), Some(1), "expected `,` or `]`".to_string())]
        );
        assert_eq!(
            errors("[{\"title\":\"A\",\"text\":\"x}]"),
            [(Some(1), Some(25), "EOF while parsing a string".to_string())]
        );
        assert_eq!(
            errors("[{\"title\":\"A\",\"text\":\"x\"}] x"),
            [(
                Some(1),
                Some(28),
                "text after the ']' that closes the array".to_string()
            )]
        );
        let out = read_ok(" [ ] ");
        assert!(out.documents.is_empty());
    }

    #[test]
    fn one_pretty_object_or_several() {
        let one = "{\n  \"title\": \"Pretty\",\n  \"text\": \"Body.\"\n}\n";
        let out = read_ok(one);
        assert_eq!(out.documents[0].title, "Pretty");
        assert_eq!(
            out.documents[0]
                .provenance
                .as_ref()
                .unwrap()
                .record
                .as_deref(),
            Some("record 1")
        );
        let two = format!("{one}\n{one}");
        assert_eq!(read_ok(&two).documents.len(), 2);
        let broken = "{\n  \"title\": \"Pretty\",\n  \"text\": Body\n}\n";
        assert_eq!(
            errors(broken),
            [(Some(3), Some(11), "record 1: expected value".to_string())]
        );
        let unclosed = "{\n  \"title\": \"Pretty\",\n";
        assert_eq!(
            errors(unclosed),
            [(Some(3), Some(1), "EOF while parsing an object".to_string())]
        );
    }

    #[test]
    fn a_broken_first_line_is_still_json_lines() {
        let text = "{\"title\":\"A\",\"text\":\n{\"title\":\"B\",\"text\":\"y\"}\n";
        assert_eq!(layout(text), Layout::Lines);
        let errs = errors(text);
        assert_eq!(
            errs,
            [(Some(1), Some(20), "EOF while parsing a value".to_string())]
        );
    }

    #[test]
    fn unknown_fields_are_warned_once_per_file() {
        let text = "{\"title\":\"A\",\"text\":\"x\",\"author\":\"K\"}\n{\"title\":\"B\",\"text\":\"y\",\"author\":\"G\",\"notes\":[1]}\n";
        let out = read_ok(text);
        assert_eq!(out.warnings.len(), 2);
        assert!(out.warnings[0].starts_with("unknown field 'author' ignored (line 1 and 1 more record); the fields are: id, title"), "{}", out.warnings[0]);
        assert!(
            out.warnings[1].starts_with("unknown field 'notes' ignored (line 2);"),
            "{}",
            out.warnings[1]
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\u{FEFF}",
            "[",
            "]",
            "{",
            "}",
            "[{",
            "[\"",
            "\"",
            "[1,",
            "{\"title\":1e999999}",
            "[{}]",
            "[null]",
            "é",
            "{\"a\":\"é",
            "{}\n{}",
            "\u{FEFF}{\"title\":\"t\",\"text\":\"x\"}",
        ] {
            let _ = read(text, &ctx());
        }
        assert!(read("", &ctx()).unwrap().documents.is_empty());
    }

    #[test]
    fn write_then_read_gives_the_document_back() {
        let original = full_document();
        assert!(original.validate().is_ok());
        let mut out = Vec::new();
        write_line(&original, &mut out).unwrap();
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
        let text = String::from_utf8(out).unwrap();
        let back = &read_ok(&text).documents[0];
        assert_eq!(back.id, original.id);
        assert_eq!(back.content_hash(), original.content_hash());
        let mut expected = original.clone();
        expected.provenance = back.provenance.clone();
        assert_eq!(back, &expected);
    }
}

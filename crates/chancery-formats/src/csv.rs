//! CSV with a header row whose column names are the document's JSON field paths.
//!
//! Only `title` and `text` are required; empty cells are absent values. Cells holding
//! several values (`senders`, `recipients`, `collections`, `subjects`) separate them with
//! `;`, an agent linked to an authority is written `Name <id>`, and a backslash escapes a
//! `;`, `<`, `>` or `\` that belongs to a value. The text's paragraphs are separated by
//! blank lines inside its quoted cell. The delimiter is a comma, or a semicolon or tab
//! when the header uses one.
//!
//! CSV holds no structure below the paragraph: headings, notes and inline features
//! (spans) become plain paragraphs when a document is written, and relations are not
//! written at all.
//!
//! ```
//! use chancery_formats::{csv, ReadContext};
//!
//! let text = "title,date,senders,text\n\
//!             Aide-memoire,1950-06-27,Alan G. Kirk <kirk-alan-goodrich>,\"First.\n\nSecond.\"\n";
//! let out = csv::read(text, &ReadContext::new("sheet.csv")).unwrap();
//! let doc = &out.documents[0];
//! assert_eq!(doc.body.len(), 2);
//! assert_eq!(doc.senders[0].id.as_deref(), Some("kirk-alan-goodrich"));
//!
//! let mut written = Vec::new();
//! csv::write([doc], &mut written).unwrap();
//! let again = csv::read(std::str::from_utf8(&written).unwrap(), &ReadContext::new("x")).unwrap();
//! assert_eq!(again.documents[0].content_hash(), doc.content_hash());
//! ```

mod cells;
mod lists;

use std::io::Write;

use chancery_model::{AccessLevel, DocDate, DocType, Document, DocumentId, SourceCitation};

use self::cells::{Row, Rows};
use crate::records::{Batch, RecordAt, language};
use crate::{FormatError, ReadContext, ReadOutput};

/// A column the reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Title,
    Type,
    Date,
    DateText,
    Place,
    Language,
    Caption,
    SourceText,
    SourceTitle,
    SourcePlace,
    SourcePublisher,
    SourceYear,
    SourcePages,
    SourceExtent,
    RightsStatement,
    RightsUri,
    RightsAccess,
    RightsEmbargoUntil,
    Url,
    SourceUpdated,
    Senders,
    Recipients,
    Text,
    Collections,
    Subjects,
}

/// The columns, by name, in the order the writer writes them.
const COLUMNS: [(&str, Column); 26] = [
    ("id", Column::Id),
    ("title", Column::Title),
    ("type", Column::Type),
    ("date", Column::Date),
    ("date_text", Column::DateText),
    ("place", Column::Place),
    ("language", Column::Language),
    ("caption", Column::Caption),
    ("source.text", Column::SourceText),
    ("source.title", Column::SourceTitle),
    ("source.place", Column::SourcePlace),
    ("source.publisher", Column::SourcePublisher),
    ("source.year", Column::SourceYear),
    ("source.pages", Column::SourcePages),
    ("source.extent", Column::SourceExtent),
    ("rights.statement", Column::RightsStatement),
    ("rights.uri", Column::RightsUri),
    ("rights.access", Column::RightsAccess),
    ("rights.embargo_until", Column::RightsEmbargoUntil),
    ("url", Column::Url),
    ("source_updated", Column::SourceUpdated),
    ("senders", Column::Senders),
    ("recipients", Column::Recipients),
    ("text", Column::Text),
    ("collections", Column::Collections),
    ("subjects", Column::Subjects),
];

impl Column {
    fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("?", |(name, _)| name)
    }

    fn index(self) -> usize {
        COLUMNS.iter().position(|(_, c)| *c == self).unwrap_or(0)
    }

    /// The column that holds the field a validation error names.
    fn of_field(field: &str) -> Option<Column> {
        match field {
            "body" => Some(Column::Text),
            other => COLUMNS
                .iter()
                .find(|(name, _)| *name == other)
                .map(|(_, c)| *c),
        }
    }
}

fn column_names() -> String {
    COLUMNS
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a CSV file: a header row naming the columns, then one document per row.
///
/// A row without an `id` gets one derived from the file's stem and its row number (row 1
/// is the first after the header; blank rows are skipped and not counted).
///
/// # Errors
///
/// A header without `title` or `text`, or naming a column twice; malformed quoting; and,
/// for every row, each cell that cannot be read (a date, a year, an access level, an id)
/// and each problem the model's validation finds, at the line and column of the cell (at
/// most 50, then a count of the rest).
pub fn read(text: &str, ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Rows::new(text, cells::sniff_delimiter(text));
    let header_row = loop {
        match rows.next() {
            None => {
                return Err(vec![FormatError::whole(
                    "no header row: the first line must name the columns, e.g. title,text",
                )]);
            }
            Some(Err(e)) => return Err(vec![e]),
            Some(Ok(row)) if row.is_blank() => {}
            Some(Ok(row)) => break row,
        }
    };
    let mut batch = Batch::new("csv", ctx);
    let header = Header::read(text, &header_row, &mut batch)?;
    let mut n = 0;
    for row in rows {
        match row {
            Ok(row) if row.is_blank() => {}
            Ok(row) => {
                n += 1;
                read_row(text, &header, &row, n, &mut batch);
            }
            Err(e) => batch.error(e),
        }
    }
    batch.finish()
}

/// Which column each cell of a row belongs to.
struct Header {
    /// By cell position: the column, or `None` for an unknown column.
    columns: Vec<Option<Column>>,
    /// By [`Column::index`]: the cell position of that column.
    positions: [Option<usize>; COLUMNS.len()],
}

impl Header {
    fn read(text: &str, row: &Row<'_>, batch: &mut Batch<'_>) -> Result<Self, Vec<FormatError>> {
        let mut header = Header {
            columns: Vec::with_capacity(row.cells.len()),
            positions: [None; COLUMNS.len()],
        };
        let mut errors = Vec::new();
        for (i, cell) in row.cells.iter().enumerate() {
            let name = cell.raw.trim().to_ascii_lowercase();
            let column = COLUMNS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c);
            match column {
                Some(column) => match header.positions[column.index()] {
                    Some(first) => errors.push(row.at(text, cell.start).error(format!(
                        "column '{name}' appears twice (columns {} and {})",
                        first + 1,
                        i + 1
                    ))),
                    None => header.positions[column.index()] = Some(i),
                },
                None if name.is_empty() => {
                    batch.warn(format!(
                        "column {} has no name; its cells are ignored",
                        i + 1
                    ));
                }
                None => batch.warn(format!(
                    "unknown column '{}' (column {}) ignored; the columns are: {}",
                    cell.raw.trim(),
                    i + 1,
                    column_names()
                )),
            }
            header.columns.push(column);
        }
        for required in [Column::Title, Column::Text] {
            if header.positions[required.index()].is_none() {
                errors.push(row.start_at().error(format!(
                    "the header has no '{}' column; every document needs 'title' and 'text' \
                     (the columns are: {})",
                    required.name(),
                    column_names()
                )));
            }
        }
        if errors.is_empty() {
            Ok(header)
        } else {
            Err(errors)
        }
    }
}

/// Reads one data row, the `n`th, into the batch.
fn read_row(text: &str, header: &Header, row: &Row<'_>, n: usize, batch: &mut Batch<'_>) {
    let mut cells = RowCells {
        text,
        header,
        row,
        errors: Vec::new(),
    };
    if let Some(extra) = row
        .cells
        .iter()
        .skip(header.columns.len())
        .find(|c| c.value().is_some())
    {
        cells.fail_at(
            extra.start,
            format!(
                "a cell beyond the last column (the header names {} columns)",
                header.columns.len()
            ),
        );
    }
    let doc = cells.document();
    let mut doc = doc;
    batch.stamp(&mut doc, n, format!("row {n}"));
    if let Err(problems) = doc.validate() {
        for problem in problems {
            let at = Column::of_field(problem.field)
                .and_then(|c| cells.start_of(c))
                .or_else(|| {
                    // An embargo without its date column is best shown on the access cell.
                    (problem.field == "rights.embargo_until")
                        .then(|| cells.start_of(Column::RightsAccess))
                        .flatten()
                });
            match at {
                Some(offset) => cells.fail_at(offset, problem.to_string()),
                None => cells.errors.push(row.start_at().error(problem.to_string())),
            }
        }
    }
    let failed = !cells.errors.is_empty();
    for error in cells.errors {
        batch.error(error);
    }
    if !failed {
        batch.add(
            doc,
            RecordAt {
                line: row.line,
                column: 1,
            },
        );
    }
}

/// The cells of one row, looked up by column, with the problems found in them.
struct RowCells<'a, 't> {
    text: &'t str,
    header: &'a Header,
    row: &'a Row<'t>,
    errors: Vec<FormatError>,
}

impl RowCells<'_, '_> {
    fn cell(&self, column: Column) -> Option<&cells::Cell<'_>> {
        self.header.positions[column.index()].and_then(|i| self.row.cells.get(i))
    }

    /// The value of `column` in this row, when the cell is there and not empty.
    fn get(&self, column: Column) -> Option<String> {
        self.cell(column)
            .and_then(|c| c.value())
            .map(str::to_string)
    }

    /// Where the cell of `column` starts, when the row has it.
    fn start_of(&self, column: Column) -> Option<usize> {
        self.cell(column).map(|c| c.start)
    }

    fn fail_at(&mut self, offset: usize, message: String) {
        self.errors
            .push(self.row.at(self.text, offset).error(message));
    }

    fn fail(&mut self, column: Column, message: String) {
        let offset = self.start_of(column).unwrap_or(self.row.start);
        self.fail_at(offset, format!("{}: {message}", column.name()));
    }

    /// Reads `column` with `parse`, recording a failure.
    fn parse<T>(
        &mut self,
        column: Column,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let value = self.get(column)?;
        match parse(&value) {
            Ok(v) => Some(v),
            Err(message) => {
                self.fail(column, message);
                None
            }
        }
    }

    fn document(&mut self) -> Document {
        let id = self
            .parse(Column::Id, |s| {
                s.parse::<DocumentId>()
                    .map_err(|_| format!("'{s}' is not a UUID"))
            })
            .unwrap_or_else(DocumentId::nil);
        let title = self.get(Column::Title).unwrap_or_default();
        let text = self.get(Column::Text).unwrap_or_default();
        let mut doc = Document::new(id, title, &text);
        doc.doc_type = self.parse(Column::Type, |s| {
            s.parse::<DocType>().map_err(|e| e.to_string())
        });
        doc.date = self.date();
        doc.place = self.get(Column::Place);
        doc.language = self
            .get(Column::Language)
            .map(|l| language::to_bcp47(&l).unwrap_or(l));
        doc.caption = self.get(Column::Caption);
        doc.source = self.source();
        doc.rights.statement = self.get(Column::RightsStatement);
        doc.rights.uri = self.get(Column::RightsUri);
        doc.rights.access = self
            .parse(Column::RightsAccess, |s| s.parse::<AccessLevel>())
            .unwrap_or_default();
        doc.rights.embargo_until = self.parse(Column::RightsEmbargoUntil, parse_day);
        doc.url = self.get(Column::Url);
        doc.source_updated = self.parse(Column::SourceUpdated, parse_day);
        doc.senders = self
            .parse(Column::Senders, lists::agents)
            .unwrap_or_default();
        doc.recipients = self
            .parse(Column::Recipients, lists::agents)
            .unwrap_or_default();
        doc.collections = self
            .get(Column::Collections)
            .map_or_else(Vec::new, |c| lists::values(&c));
        doc.subjects = self
            .get(Column::Subjects)
            .map_or_else(Vec::new, |c| lists::values(&c));
        doc
    }

    /// The date: `date` as EDTF or as written, its wording from `date_text` when given; or,
    /// with no `date`, `date_text` read as a written date.
    fn date(&mut self) -> Option<DocDate> {
        let wording = self.get(Column::DateText);
        if self.get(Column::Date).is_some() {
            let date = self.parse(Column::Date, |s| {
                DocDate::parse_edtf(s)
                    .or_else(|_| DocDate::from_written(s))
                    .map_err(|e| e.to_string())
            })?;
            return Some(match wording {
                Some(wording) => date.with_text(&wording),
                None => date,
            });
        }
        self.parse(Column::DateText, |s| {
            DocDate::from_written(s).map_err(|e| {
                format!(
                    "{e}; give the date as EDTF in the 'date' column and keep this wording here"
                )
            })
        })
    }

    fn source(&mut self) -> Option<SourceCitation> {
        let source = SourceCitation {
            text: self.get(Column::SourceText),
            title: self.get(Column::SourceTitle),
            place: self.get(Column::SourcePlace),
            publisher: self.get(Column::SourcePublisher),
            year: self.parse(Column::SourceYear, |s| {
                s.parse::<i32>().map_err(|_| format!("'{s}' is not a year"))
            }),
            pages: self.get(Column::SourcePages),
            extent: self.get(Column::SourceExtent),
        };
        (source != SourceCitation::default()).then_some(source)
    }
}

fn parse_day(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|_| format!("'{s}' is not a day written YYYY-MM-DD"))
}

/// Writes `docs` as CSV with a header row naming every column the reader knows.
///
/// # Errors
///
/// Whatever `out` reports.
pub fn write<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    out: impl Write,
) -> std::io::Result<()> {
    let mut writer = Writer::new(out)?;
    for doc in docs {
        writer.write(doc)?;
    }
    writer.finish()
}

/// Writes CSV one document at a time, so that an export of any size streams.
pub struct Writer<W: Write> {
    out: W,
    line: String,
}

impl<W: Write> Writer<W> {
    /// Starts the file: writes the header row.
    ///
    /// # Errors
    ///
    /// Whatever `out` reports.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        let header = COLUMNS
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(",");
        out.write_all(header.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(Self {
            out,
            line: String::new(),
        })
    }

    /// Writes one document's row.
    ///
    /// # Errors
    ///
    /// Whatever the output reports.
    pub fn write(&mut self, doc: &Document) -> std::io::Result<()> {
        self.line.clear();
        for (i, (_, column)) in COLUMNS.iter().enumerate() {
            if i > 0 {
                self.line.push(',');
            }
            push_cell(&mut self.line, &cell_of(doc, *column));
        }
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())
    }

    /// Flushes the output.
    ///
    /// # Errors
    ///
    /// Whatever the output reports.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The text of `doc`'s cell in `column`.
fn cell_of(doc: &Document, column: Column) -> String {
    let source = doc.source.as_ref();
    let source_field =
        |f: fn(&SourceCitation) -> Option<&String>| source.and_then(f).cloned().unwrap_or_default();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match column {
        Column::Id if doc.id.is_nil() => String::new(),
        Column::Id => doc.id.to_string(),
        Column::Title => doc.title.clone(),
        Column::Type => doc
            .doc_type
            .map(|t| t.slug().to_string())
            .unwrap_or_default(),
        Column::Date => doc
            .date
            .as_ref()
            .map(|d| d.edtf().to_string())
            .unwrap_or_default(),
        Column::DateText => doc
            .date
            .as_ref()
            .and_then(|d| d.text())
            .unwrap_or_default()
            .to_string(),
        Column::Place => opt(&doc.place),
        Column::Language => opt(&doc.language),
        Column::Caption => opt(&doc.caption),
        Column::SourceText => source_field(|s| s.text.as_ref()),
        Column::SourceTitle => source_field(|s| s.title.as_ref()),
        Column::SourcePlace => source_field(|s| s.place.as_ref()),
        Column::SourcePublisher => source_field(|s| s.publisher.as_ref()),
        Column::SourceYear => source
            .and_then(|s| s.year)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        Column::SourcePages => source_field(|s| s.pages.as_ref()),
        Column::SourceExtent => source_field(|s| s.extent.as_ref()),
        Column::RightsStatement => opt(&doc.rights.statement),
        Column::RightsUri => opt(&doc.rights.uri),
        Column::RightsAccess => doc.rights.access.as_str().to_string(),
        Column::RightsEmbargoUntil => doc
            .rights
            .embargo_until
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Column::Url => opt(&doc.url),
        Column::SourceUpdated => doc
            .source_updated
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Column::Senders => lists::write_agents(&doc.senders),
        Column::Recipients => lists::write_agents(&doc.recipients),
        Column::Text => doc.text(),
        Column::Collections => lists::write_values(&doc.collections),
        Column::Subjects => lists::write_values(&doc.subjects),
    }
}

/// Appends `value` as a cell, quoted when it holds a delimiter, quote or line break, or
/// begins or ends with whitespace (which the reader drops from unquoted cells).
fn push_cell(line: &mut String, value: &str) {
    let needs_quotes = value.contains([',', ';', '\t', '"', '\n', '\r'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if !needs_quotes {
        line.push_str(value);
        return;
    }
    line.push('"');
    line.push_str(&value.replace('"', "\"\""));
    line.push('"');
}

#[cfg(test)]
mod tests {
    use chancery_model::{AgentRef, Block, BlockKind, Relation, RelationKind};

    use super::*;

    fn ctx() -> ReadContext {
        ReadContext::new("sheets/letters.csv")
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
            DocumentId::from_key("csv-full"),
            "Kennan to Leopold, 21 March 1957",
            "",
        );
        d.doc_type = Some(DocType::Letter);
        d.date = Some(
            DocDate::parse_edtf("1957-03-21")
                .unwrap()
                .with_text("March 21, 1957"),
        );
        d.place = Some("Princeton, N.J.".into());
        d.language = Some("en-US".into());
        d.caption = Some("On \"the\" series, with commas, and; semicolons.".into());
        d.source = Some(SourceCitation {
            text: Some("FRUS history files".into()),
            title: Some("Toward \"Thorough, Accurate, and Reliable\"".into()),
            place: Some("Washington".into()),
            publisher: Some("Office of the Historian".into()),
            year: Some(-44),
            pages: Some("12-14".into()),
            extent: Some("99 p.".into()),
        });
        d.rights.statement = Some("Public domain.\nNo restrictions.".into());
        d.rights.uri = Some("http://rightsstatements.org/vocab/NoC-US/1.0/".into());
        d.rights.access = AccessLevel::Embargoed;
        d.rights.embargo_until = Some(jiff::civil::date(2031, 12, 31));
        d.url = Some("https://history.state.gov/x?a=1,2".into());
        d.source_updated = Some(jiff::civil::date(2015, 7, 3));
        d.senders = vec![AgentRef {
            id: Some("kennan-george-f".into()),
            name: "George F. Kennan".into(),
        }];
        d.recipients = vec![
            AgentRef::named("Richard W. Leopold"),
            AgentRef::named("Smith; John <Jr.>"),
        ];
        d.body = vec![
            Block::paragraph("Dear Leopold:"),
            Block::paragraph("  I have your letter, \"of course\".  "),
        ];
        d.body[1].text = "I have your letter, \"of course\".".into();
        d.collections = vec!["frus-history".into()];
        d.subjects = vec!["Historiography".into(), "Declassification; access".into()];
        d
    }

    #[test]
    fn a_full_document_round_trips() {
        let original = full_document();
        assert!(original.validate().is_ok());
        let mut out = Vec::new();
        write([&original], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("id,title,type,date,date_text,place,language,caption,source.text,")
        );
        let read_back = read(&text, &ctx()).unwrap();
        assert_eq!(read_back.warnings, Vec::<String>::new());
        let back = &read_back.documents[0];
        assert_eq!(back.id, original.id);
        let mut expected = original.clone();
        expected.provenance = back.provenance.clone();
        assert_eq!(back, &expected);
        assert_eq!(back.content_hash(), original.content_hash());
    }

    #[test]
    fn structure_flattens_and_relations_are_not_written() {
        let mut d = Document::new(DocumentId::from_key("s"), "T", "");
        let mut note = Block::new(BlockKind::Note, "A note.");
        note.n = Some("1".into());
        d.body = vec![
            Block::heading(1, "Heading"),
            Block::paragraph("Para."),
            note,
        ];
        d.relations = vec![Relation {
            kind: RelationKind::References,
            target: "x".into(),
            label: None,
        }];
        let mut out = Vec::new();
        write([&d], &mut out).unwrap();
        let back = read(std::str::from_utf8(&out).unwrap(), &ctx())
            .unwrap()
            .documents
            .remove(0);
        let texts: Vec<_> = back
            .body
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (BlockKind::Paragraph, "Heading"),
                (BlockKind::Paragraph, "Para."),
                (BlockKind::Paragraph, "[1] A note.")
            ]
        );
        assert!(back.relations.is_empty());
    }

    #[test]
    fn minimal_rows_get_ids_and_provenance() {
        let text = "Title,TEXT,author\n\n\"A\",\"Body one.\",x\n,,\nB,Body two.,y\n";
        let out = read(text, &ctx()).unwrap();
        assert_eq!(out.documents.len(), 2);
        let b = &out.documents[1];
        assert_eq!(b.id, DocumentId::from_key("csv:letters#2"));
        let p = b.provenance.as_ref().unwrap();
        assert_eq!(
            (p.format.as_deref(), p.record.as_deref()),
            (Some("csv"), Some("row 2"))
        );
        assert_eq!(out.warnings.len(), 1);
        assert!(
            out.warnings[0].starts_with("unknown column 'author' (column 3) ignored"),
            "{}",
            out.warnings[0]
        );
    }

    #[test]
    fn header_problems() {
        let errs = errors("id,title,caption\nx,y,z\n");
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].0, errs[0].1), (Some(1), Some(1)));
        assert!(
            errs[0].2.starts_with("the header has no 'text' column"),
            "{}",
            errs[0].2
        );
        let errs = errors("\n\ntitle,text,Title\n");
        assert_eq!(
            errs,
            [(
                Some(3),
                Some(12),
                "column 'title' appears twice (columns 1 and 3)".to_string()
            )]
        );
        assert_eq!(
            errors("")[0].2,
            "no header row: the first line must name the columns, e.g. title,text"
        );
    }

    #[test]
    fn cell_errors_name_line_and_column() {
        let text = "title,date,source.year,rights.access,id,text\n\
                    Ok,1950-06-27,1950,public,,Fine.\n\
                    Bad,\"the 32nd\",MCML,secret,not-a-uuid,\"Line one\n\nline two\"\n\
                    Émile,,,embargoed,,x\n";
        let errs = errors(text);
        let got: Vec<_> = errs
            .iter()
            .map(|(l, c, m)| {
                (
                    l.unwrap(),
                    c.unwrap(),
                    m.split(':').next().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (3, 28, "id".to_string()),
                (3, 5, "date".to_string()),
                (3, 16, "source.year".to_string()),
                (3, 21, "rights.access".to_string()),
                (6, 9, "rights.embargo_until".to_string()),
            ]
        );
        assert_eq!(errs[0].2, "id: 'not-a-uuid' is not a UUID");
        assert_eq!(errs[2].2, "source.year: 'MCML' is not a year");
        assert!(
            errs[3]
                .2
                .starts_with("rights.access: unknown access level 'secret'"),
            "{}",
            errs[3].2
        );
    }

    #[test]
    fn validation_errors_point_at_the_cell() {
        let text = "title,language,url,text\n  ,english,ftp://x,\"  \"\n";
        let errs = errors(text);
        assert_eq!(
            errs,
            [
                (Some(2), Some(1), "title: missing or empty".to_string()),
                (Some(2), Some(20), "text: missing or empty".to_string()),
                (
                    Some(2),
                    Some(12),
                    "url: 'ftp://x' is not an http(s) address".to_string()
                ),
            ]
        );
    }

    #[test]
    fn languages_are_normalized() {
        let out = read("title,text,language\nA,x,French\nB,y,ger\n", &ctx()).unwrap();
        assert_eq!(out.documents[0].language.as_deref(), Some("fr"));
        assert_eq!(out.documents[1].language.as_deref(), Some("de"));
    }

    #[test]
    fn dates_from_either_column() {
        let text = "title,text,date,date_text\nA,x,27 June 1950,\nB,x,1950-06,June 1950\nC,x,,\"June 27, 1950\"\nD,x,,sometime\n";
        let errs = errors(text);
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].0, errs[0].1), (Some(5), Some(6)));
        assert!(
            errs[0].2.starts_with("date_text: 'sometime' is not a date"),
            "{}",
            errs[0].2
        );
        let out = read(&text.replace("D,x,,sometime\n", ""), &ctx()).unwrap();
        let dates: Vec<_> = out
            .documents
            .iter()
            .map(|d| d.date.clone().unwrap())
            .collect();
        assert_eq!(
            (dates[0].edtf(), dates[0].text()),
            ("1950-06-27", Some("27 June 1950"))
        );
        assert_eq!(
            (dates[1].edtf(), dates[1].text()),
            ("1950-06", Some("June 1950"))
        );
        assert_eq!(
            (dates[2].edtf(), dates[2].text()),
            ("1950-06-27", Some("June 27, 1950"))
        );
    }

    #[test]
    fn extra_cells_and_short_rows() {
        let errs = errors("title,text\nA,x,oops\n");
        assert_eq!(
            errs,
            [(
                Some(2),
                Some(5),
                "a cell beyond the last column (the header names 2 columns)".to_string()
            )]
        );
        let out = read("title,text,place\nA,x\nB,y,,,\n", &ctx()).unwrap();
        assert_eq!(out.documents.len(), 2);
    }

    #[test]
    fn semicolon_and_tab_delimited_files() {
        let out = read("title;text;subjects\nA;\"x; y\";\"War; Peace\"\n", &ctx()).unwrap();
        assert_eq!(out.documents[0].subjects, ["War", "Peace"]);
        let out = read("title\ttext\nA\tBody\n", &ctx()).unwrap();
        assert_eq!(out.documents[0].text(), "Body");
    }

    #[test]
    fn duplicate_ids_name_both_rows() {
        let id = DocumentId::from_key("d");
        let errs = errors(&format!("id,title,text\n{id},A,x\n{id},B,y\n"));
        assert_eq!(
            errs,
            [(
                Some(3),
                Some(1),
                format!("duplicate id {id}: row 1 at 2:1 and row 2 at 3:1 both have it")
            )]
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "\"",
            "title,text\n\"",
            "title,text\n\"a\"\"",
            ",\n,",
            "\u{FEFF}title,text\né,è",
            "title,text\n\r\r\n",
            "title,text,source.year\na,b,99999999999999999999",
        ] {
            let _ = read(text, &ctx());
        }
    }
}

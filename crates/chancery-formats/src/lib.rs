//! Readers and writers for the formats archives already hold.
//!
//! Every reader takes the decoded text of one file and gives the documents in it, or the
//! problems that keep it from being read, each with a line and column. Readers are pure:
//! no I/O, no clock. The ingest crate finds files, decodes bytes (see [`encoding`]), picks a
//! reader (see [`detect`]) and stores the result.
//!
//! ```
//! use chancery_formats::{read, Format, ReadContext};
//!
//! let text = "{\"title\":\"A note\",\"text\":\"Hello.\"}\n";
//! let out = read(Format::Jsonl, text, &ReadContext::new("notes.jsonl")).unwrap();
//! assert_eq!(out.documents[0].title, "A note");
//! ```

pub mod cite;
pub mod csv;
pub mod cvce;
pub mod dc;
pub mod detect;
pub mod encoding;
pub mod error;
pub mod jsonl;
pub mod oai;
mod records;
pub mod tei;
mod xml;

use std::fmt;
use std::str::FromStr;

use chancery_model::Document;

pub use detect::detect;
pub use error::FormatError;

/// The formats Chancery reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A CVCE-style text record (title, `Caption:`, `Source:`, `Copyright:`, `URL:`,
    /// `Last updated:`, then the document).
    Cvce,
    /// TEI P5: one record per `div type="document"`, or the whole text as one record.
    Tei,
    /// Dublin Core XML: one `oai_dc:dc` record or a file of many.
    Dc,
    /// JSON Lines (one document per line) or a JSON file holding one document or an array.
    Jsonl,
    /// CSV with a header row naming the document fields.
    Csv,
}

impl Format {
    /// Every format, in the order detection tries them.
    pub const ALL: &'static [Format] = &[
        Format::Cvce,
        Format::Tei,
        Format::Dc,
        Format::Jsonl,
        Format::Csv,
    ];

    /// The format's short name, as used by `--format` and in provenance.
    pub fn name(self) -> &'static str {
        match self {
            Format::Cvce => "cvce",
            Format::Tei => "tei",
            Format::Dc => "dc",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown format '{s}' (expected cvce, tei, dc, jsonl or csv)"))
    }
}

/// What a reader needs to know about the file besides its text.
#[derive(Debug, Clone)]
pub struct ReadContext {
    /// The file's name without folders or extension; with a record locator it makes the
    /// stable key of records that carry no identifier of their own.
    pub stem: String,
    /// For TEI: the `div` type that makes one record (default `document`).
    pub split_div: Option<String>,
}

impl ReadContext {
    /// The context for a file at `path` (only its stem is kept).
    pub fn new(path: &str) -> Self {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let stem = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => name,
        };
        Self {
            stem: stem.to_string(),
            split_div: None,
        }
    }

    /// The same context, splitting TEI at `div type="{div}"`.
    #[must_use]
    pub fn with_split_div(mut self, div: Option<String>) -> Self {
        self.split_div = div;
        self
    }
}

/// What a reader found in one file.
#[derive(Debug, Clone, Default)]
pub struct ReadOutput {
    /// The documents, in file order.
    pub documents: Vec<Document>,
    /// Things worth telling the user that did not stop the file from being read.
    pub warnings: Vec<String>,
}

/// Reads `text` (already decoded) as `format`.
pub fn read(format: Format, text: &str, ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    match format {
        Format::Cvce => cvce::read(text, ctx),
        Format::Tei => tei::read(text, ctx),
        Format::Dc => dc::read(text, ctx),
        Format::Jsonl => jsonl::read(text, ctx),
        Format::Csv => csv::read(text, ctx),
    }
}

//! TEI P5: the reader and the writer.
//!
//! ```
//! use chancery_formats::{ReadContext, tei};
//!
//! let file = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0">
//!   <teiHeader><fileDesc>
//!     <titleStmt><title>Papers</title></titleStmt>
//!     <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>
//!   </fileDesc></teiHeader>
//!   <text><body>
//!     <div type="document" xml:id="d1">
//!       <head>1. Kirk to Gromyko<note n="1">Source: files.</note></head>
//!       <dateline><placeName>Moscow</placeName>, <date when="1950-06-27">June 27, 1950</date></dateline>
//!       <p>My Government has instructed me.</p>
//!     </div>
//!   </body></text>
//! </TEI>"#;
//! let out = tei::read(file, &ReadContext::new("papers.xml")).unwrap();
//! let doc = &out.documents[0];
//! assert_eq!(doc.title, "1. Kirk to Gromyko");
//! assert_eq!(doc.date.as_ref().unwrap().edtf(), "1950-06-27");
//! assert_eq!(doc.place.as_deref(), Some("Moscow"));
//! assert_eq!(doc.text(), "1. Kirk to Gromyko\n\nMoscow, June 27, 1950\n\nMy Government has instructed me.\n\n[1] Source: files.");
//!
//! // What the writer writes, the reader reads back.
//! let back = tei::read(&tei::write(doc), &ReadContext::new("export.xml")).unwrap();
//! assert_eq!(back.documents[0].content_hash(), doc.content_hash());
//! ```
//!
//! # Records
//!
//! Every `div` whose `type` is the split type (`document` unless the [`ReadContext`] says
//! otherwise) is one record, wherever it stands (front, body, back); a split div inside
//! another is a record of its own and is left out of the outer one. A paragraph beginning
//! "Source:" outside the split divs (where frus-history files put the archival citation) is
//! the `source.text` of every record of the file; other text outside them belongs to no
//! record (a warning says so). A file with no split div is one record
//! holding its whole `text`. In a `teiCorpus`, each `TEI` is read as if it were a file.
//!
//! A record's id is the UUID of `idno type="chancery"` in the header (Chancery's own
//! exports; it applies to whole-file records only), else the UUID v5 of
//! `tei:{volume}#{div}` (`volume`: the `TEI`'s `xml:id`, else the file stem, followed by
//! `-{k}` for the k-th member of a corpus; `div`: the div's `xml:id`, else `div{n}` by
//! position among the split divs) or `tei:{volume}` for a whole file. Two records of a file
//! with one id are an error naming both.
//!
//! # Metadata
//!
//! | model | read from (split records / whole files) |
//! | --- | --- |
//! | title | the div's `head` (notes removed); a div without one takes the header title, with a warning / `titleStmt/title` of type `complete`, else `main`, else the first |
//! | date | `frus:doc-dateTime-min`/`-max` on the div; the dateline's `date` (`when-custom` as EDTF, `when`, `from`/`to`, `notBefore`/`notAfter`); the dateline's wording; a date of at least month precision in the head; the header's creation date / the header's creation date (`date type="created"`, `creation/date`, the date of `correspAction type="sent"`); a date of at least month precision in the title |
//! | place | the dateline's `placeName`, else its words before the date; else `creation/placeName` |
//! | doc type | `subtype="editorial-note"`; the vocabulary term in the title; `subtype`/`type` naming a type / `classCode scheme="https://chancery.invalid/doctype"`; the title; `text/@type`; else `article` |
//! | language | the nearest `xml:lang`, else `langUsage/language/@ident` |
//! | caption | `profileDesc/abstract` |
//! | source | `publicationStmt`: `publisher`, `pubPlace`, the year of its `date`; `sourceDesc`: the text of its first `bibl` (or of its `p`s), `title`, `biblScope unit="page"`, `extent`; for split records the source title is the file's title and the pages are those of the `pb`s the record spans |
//! | url | `publicationStmt/idno type="URL"` (http and https only) |
//! | rights | `availability`: its `licence` and `p` texts, `licence/@target`; the access level in `@n` (Chancery's), else `status="restricted"` reads as staff-only; `date type="embargo" when=…` in it |
//! | source updated | `date type="source-updated" when=…` |
//! | subjects, collections | `textClass/keywords/term`; keywords with `scheme="https://chancery.invalid/collections"` are collections |
//! | senders, recipients | `correspDesc/correspAction type="sent"`/`"received"`: `persName`, `orgName`, `name`, `rs`, with `@ref` (else `@key`) as the agent id |
//! | relations | `notesStmt/relatedItem type="in_reply_to|references|encloses|translation_of|part_of" target=…`, its `bibl` as the label |
//!
//! A file carrying `idno type="chancery"` is Chancery's own export, whose header says all
//! there is: nothing is guessed for it (no date or type from the title, no `article` default).
//!
//! # Body
//!
//! `head` → heading (level: divisions entered inside the record, the record's own head is 1;
//! inside `figure`, `table` and `list` → caption); `p`, `ab` → paragraph; `list/item` → list
//! item (level: list depth; a `label` before it → `n`); `quote`/`q` at block level → quote
//! (each `p` of a quote holding paragraphs); `dateline`, `salute`, `signed` → their kinds;
//! loose text in a `closer` → signed; `table/row` → row, cells joined by tabs; `note` → a note
//! block (number: `@n`, else its position) appended after all other blocks, with a
//! zero-width note reference where it stood; `hi` (`italic`, `bold`/`strong`, `underline`,
//! `smallcaps`, `sup`), `title` and `emph` → styles; `ref target=…` → link; `pb n=…` →
//! zero-width page mark (no space added); `lb` → a space; `gap` → `[…]` (or its `desc`) under
//! a gap span; `choice` → the correction, regularization or abbreviation. Dropped with their
//! text: `script`, `style`, `object`, `param`, `iframe` and other embedded content (with a
//! warning), `graphic`, `figDesc`, `del`, `fw`, comments, processing instructions. XML
//! whitespace collapses to single spaces unless `xml:space="preserve"`.
//!
//! # Mentions
//!
//! Names and dates marked up in the text of a record become its mentions (source `markup`,
//! status `confirmed`, confidence 1, field `text`), their offsets covering exactly their
//! text in [`Document::text`] (whitespace at their ends left out): `persName`, `orgName`,
//! `placeName`, `date`, and `name` or `rs` whose `type` is `person`, `org`/`organization`
//! or `place` (also `country`, `settlement`, `city`). The entity is `@ref`, else `@corresp`
//! (FRUS points into the volume's list of persons with `corresp="#p_AGD1"`), without a
//! leading `#`, else `@key`; a date's EDTF comes from `@when-custom`, `@when`, `@from`/`@to`
//! or `@notBefore`/`@notAfter`, in its canonical form, and is left out when it is not
//! valid. Mentions nest (a date inside a name is a mention of its own), and those in notes
//! point into the notes at the end of the text. Marks in a list label, and marks cut by a
//! structure inside them, are left out; the record's head is a heading of the text, so its
//! mentions are the text's (none are given for the title).
//!
//! The writer marks up again the mentions of the text given by markup or an editor, or
//! confirmed, and not rejected (`persName`, `orgName`, `placeName` with `ref`; `date` with
//! `when`, `from`/`to`, or `when-custom` for other EDTF), when a mention lies inside one
//! block (one cell of a row) and nests with its spans; a mention that would have to be cut
//! is not marked up. Automatic mentions are not marked up: enrichment finds them again.
//!
//! # What the writer adds
//!
//! The writer puts every field where the tables above read it, and the body as TEI elements.
//! Where TEI structure cannot carry what a document holds, it says so in a few attributes of
//! the namespace `https://chancery.invalid/ns/tei` (prefix `chancery`), so that reading a
//! written document gives the same document back (equal [`content_hash`]):
//!
//! - `xml:space="preserve"` on text whose whitespace would otherwise collapse;
//! - `chancery:level` on a block whose level its nesting does not give;
//! - `chancery:keep="true"` on an element whose value is the empty string;
//! - `chancery:span-order` on a block whose spans are not in order of their start;
//! - `chancery:in-place="true"` on a note block standing among other blocks, and
//!   `chancery:unnumbered="true"` on a note without a number;
//! - spans that overlap other spans or cross table cells are cut into fragments linked by
//!   `xml:id` and `prev`; a note reference that cannot hold its note is
//!   `ref type="noteref" n=…`, and a non-zero-width page span is `seg type="page"`;
//! - `xenoData/chancery:mentions` in the header, holding the JSON of all the document's
//!   mentions, when reading the markup would not give them back as they are (mentions that
//!   are automatic, rejected, of the title or caption, not marked up, or that say more than
//!   their markup: another source, status or confidence). A file read as one record takes
//!   its mentions from there, unless they do not fit its text (a warning says so).
//!
//! Characters XML 1.0 cannot carry (control characters other than tab, line feed and
//! carriage return) are written as U+FFFD.
//!
//! [`content_hash`]: chancery_model::Document::content_hash

mod body;
mod dates;
mod escape;
mod header;
mod mentions;
mod names;
mod read;
mod text;
mod write;
mod write_body;

use chancery_model::Document;

use crate::{FormatError, ReadContext, ReadOutput};

/// Reads a TEI P5 file (a `TEI` or a `teiCorpus`): one document per split `div`, or the
/// whole text as one document. Returns every problem found, each with its line and column;
/// the file fails as a whole if any record fails.
pub fn read(text: &str, ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    read::read(text, ctx)
}

/// Writes one document as a complete TEI P5 file.
pub fn write(doc: &Document) -> String {
    write::write(doc)
}

pub use write::CorpusWriter;

/// Writes documents as a `teiCorpus` holding one `TEI` per document.
pub fn write_corpus(docs: &[Document]) -> String {
    write::write_corpus(docs)
}

//! Citations of a document: CSL-JSON, BibTeX, RIS, and formatted citations in the Chicago
//! (notes and bibliography), APA and MLA styles.
//!
//! ```
//! use chancery_formats::cite::{self, CiteContext, Style};
//! use chancery_model::{AgentRef, DocDate, DocType, Document, DocumentId};
//!
//! let mut doc = Document::new(
//!     DocumentId::from_key("example"),
//!     "United States aide-memoire (27 June 1950)",
//!     "My Government has instructed me…",
//! );
//! doc.doc_type = Some(DocType::AideMemoire);
//! doc.date = Some(DocDate::parse_edtf("1950-06-27").unwrap());
//! doc.senders = vec![AgentRef::named("Alan G. Kirk")];
//! doc.recipients = vec![AgentRef::named("Andrei Gromyko")];
//! let ctx = CiteContext {
//!     archive: "Test Archive".into(),
//!     archive_url: format!("https://archive.example.org/documents/{}", doc.id),
//!     accessed: jiff::civil::date(2026, 11, 30),
//! };
//!
//! let note = cite::formatted(&doc, &ctx, Style::ChicagoNote).unwrap();
//! assert!(note.text.starts_with("Alan G. Kirk, “United States Aide-Memoire (27 June 1950),” Aide-mémoire to Andrei Gromyko"));
//! assert_eq!(cite::csl_json(&doc, &ctx)["author"][0]["family"], "Kirk");
//! assert!(cite::bibtex(&doc, &ctx).starts_with("@misc{kirk1950united-"));
//! assert!(cite::ris(&doc, &ctx).ends_with("ER  - \r\n"));
//! ```
//!
//! Every writer works from one digest of the document, so the formats and the styles agree.
//! The formatted citations come from a real CSL processor, [hayagriva], with the CSL styles
//! it bundles (Chicago Manual of Style 18th edition notes and bibliography, APA 7th edition,
//! MLA 9th edition), fed the very CSL-JSON item that [`csl_json`] returns.
//!
//! # How a document becomes a citation
//!
//! | document | CSL-JSON | BibTeX (`@misc`) | RIS |
//! | --- | --- | --- | --- |
//! | id | `id` | the key's last part | `ID` |
//! | type (see below) | `type` | — | `TY` |
//! | title | `title` | `title` | `TI` |
//! | type label ("Aide-mémoire") | `genre` | `type` | `M3` |
//! | senders | `author` | `author` | `AU` |
//! | recipients | `recipient` | `note` ("Addressed to …") | `N1` |
//! | date (EDTF) | `issued` | `date` (EDTF), `year` | `PY`, `DA` |
//! | source title | `container-title` | `howpublished` | `T2` |
//! | source publisher, place | `publisher`, `publisher-place` | `howpublished` | `PB`, `CY` |
//! | source pages | `page` | `howpublished` | `SP`, `EP` |
//! | source as written (no title) | `note` ("Printed in …") | `howpublished` | `N1` |
//! | language | `language` | `language` | `LA` |
//! | caption | `abstract` | `abstract` | `AB` |
//! | [`CiteContext::archive`] | `archive` | `note` | `DB` |
//! | [`CiteContext::archive_url`] | `URL` | `url` | `UR` |
//! | url (the original's address) | `note` ("Original online at …") | `note` | a second `UR`, `N1` |
//! | [`CiteContext::accessed`] | `accessed` | `urldate` | `Y2` |
//!
//! **Types.** Correspondence — letters, telegrams, airgrams, despatches, instructions, notes,
//! notes verbales, aide-mémoires, and any other document that names recipients — is CSL
//! `personal_communication` (RIS `PCOMM`), so that styles name the recipient ("Aide-mémoire
//! to Andrei Gromyko"). Articles, editorial notes and chronologies are CSL `article` (RIS
//! `GEN`), with their type as the genre (without one, CSL styles call an `article` a
//! "preprint"). Everything else is CSL `manuscript` (RIS `MANSCPT`). BibTeX
//! uses `@misc` for all of them: it is the one type every BibTeX and biblatex style knows,
//! and biblatex's `@letter` and `@unpublished` print the same fields.
//!
//! **Addresses.** The citation cites the document as read in this archive: `URL` is the
//! archive's page, which is what `archive` and `accessed` describe. The original's own
//! address (a CVCE or FRUS page), when it has one, goes in the `note` (CSL has one URL
//! variable) and in a second RIS `UR`; the formatted styles do not print CSL notes.
//!
//! **Dates.** EDTF days, months, seasons and years become CSL `date-parts`; spans (including
//! `195X`, the 1950s) become two `date-parts`; uncertain and approximate dates set CSL's
//! `circa`, which Chicago writes as "[June 1950?]", APA as "ca. 1950" and MLA as "Circa June
//! 1950"; open or unknown ends, sets and years beyond ±9999 give no date ("n.d."). When the
//! document has no usable date of its own, the year of the publication it was printed in is
//! the item's `issued` date. CSL has no date for a container apart from the item's, so when
//! the document has its own date the source's year appears only in BibTeX's
//! `howpublished`. Years follow CSL in CSL-JSON (44 BCE is `-44`) and EDTF elsewhere.
//!
//! **Names.** A sender or recipient is split into family and given names only when the
//! string clearly is a personal name ("Alan G. Kirk" → Kirk, Alan G.; "Charles de Gaulle"
//! keeps "de" as a particle); organizations, names with titles ("Ambassador Kirk"), single
//! words and names in scripts without letter case stay literal, as written.
//!
//! **What hayagriva cannot represent**, and what is done instead. It reads one date per
//! variable (a span makes it panic), so a span is rendered once with each end and the two
//! renderings joined where they differ, in the style's own date form ("June 25–27, 1950",
//! "25 June–2 July 1950"). Its bundled styles print no page for a manuscript or letter in
//! a Chicago bibliography entry, so the Chicago note gives the page as its locator instead.
//! It does not print CSL `note` or `abstract`, so the original's address and an unstructured
//! source appear in CSL-JSON, BibTeX and RIS but not in formatted citations. The document's
//! `language` only decides title casing: titles become title case in Chicago and MLA, and
//! sentence case in APA, only when the language is English or unknown. Any panic inside
//! hayagriva is caught and returned as a [`CiteError`].
//!
//! [hayagriva]: https://docs.rs/hayagriva

mod bibtex;
mod csl;
mod dates;
mod names;
mod record;
mod ris;
mod styles;

use std::fmt;
use std::str::FromStr;

use chancery_model::Document;

use record::Record;

/// Where and when the document is cited from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteContext {
    /// The archive's name, e.g. "Chancery" or "Test Archive".
    pub archive: String,
    /// The document's page in this archive, e.g.
    /// `https://archive.example.org/documents/<id>`. Only an http(s) address is given out.
    pub archive_url: String,
    /// The day the reader consulted the document.
    pub accessed: jiff::civil::Date,
}

/// A citation style for [`formatted`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// Chicago Manual of Style (18th edition), a full note.
    ChicagoNote,
    /// Chicago Manual of Style (18th edition), a bibliography entry.
    ChicagoBibliography,
    /// APA (7th edition), a reference-list entry.
    Apa,
    /// MLA (9th edition), a works-cited entry.
    Mla,
}

impl Style {
    /// Every style, in the order a "cite this" box lists them.
    pub const ALL: &'static [Style] = &[
        Style::ChicagoNote,
        Style::ChicagoBibliography,
        Style::Apa,
        Style::Mla,
    ];

    /// The style's machine name: `chicago-note`, `chicago-bibliography`, `apa`, `mla`.
    pub fn name(self) -> &'static str {
        match self {
            Style::ChicagoNote => "chicago-note",
            Style::ChicagoBibliography => "chicago-bibliography",
            Style::Apa => "apa",
            Style::Mla => "mla",
        }
    }

    /// The name shown to readers, e.g. "Chicago (note)".
    pub fn label(self) -> &'static str {
        match self {
            Style::ChicagoNote => "Chicago (note)",
            Style::ChicagoBibliography => "Chicago (bibliography)",
            Style::Apa => "APA",
            Style::Mla => "MLA",
        }
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Style {
    type Err = CiteError;

    /// Reads a style's machine name, ignoring case; `chicago` is the Chicago note.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        if wanted == "chicago" {
            return Ok(Style::ChicagoNote);
        }
        Style::ALL
            .iter()
            .copied()
            .find(|style| style.name() == wanted)
            .ok_or_else(|| {
                CiteError::new(format!(
                    "unknown citation style '{}' (expected chicago-note, chicago-bibliography, apa or mla)",
                    s.trim()
                ))
            })
    }
}

/// A formatted citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// Plain text (Unicode quotation marks and dashes, no markup).
    pub text: String,
    /// HTML: every text escaped, `<i>` for titles (and `<b>`, `<sup>`, `<sub>`, `<u>` where
    /// a style asks), `<a href>` only for http(s) addresses. Safe to embed in a page.
    pub html: String,
}

/// Why a citation could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CiteError(String);

impl CiteError {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// The document formatted in one citation style.
///
/// Fails only when the CSL processor cannot format the document (it is guarded, so a
/// failure inside it is an error here, never a panic).
pub fn formatted(doc: &Document, ctx: &CiteContext, style: Style) -> Result<Formatted, CiteError> {
    let record = Record::new(doc, ctx);
    let item = csl::item(&record);
    styles::render(&record, &item, style)
}

/// The document as one CSL-JSON item (an object), its `id` the document's UUID.
pub fn csl_json(doc: &Document, ctx: &CiteContext) -> serde_json::Value {
    csl::item(&Record::new(doc, ctx))
}

/// The document as one BibTeX `@misc` entry, ending in a newline.
pub fn bibtex(doc: &Document, ctx: &CiteContext) -> String {
    bibtex::entry(&Record::new(doc, ctx))
}

/// The document as one RIS record, CRLF line endings, ending in `ER  - `.
pub fn ris(doc: &Document, ctx: &CiteContext) -> String {
    ris::record(&Record::new(doc, ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_round_trip() {
        for style in Style::ALL {
            assert_eq!(style.name().parse::<Style>().unwrap(), *style);
            assert_eq!(style.to_string(), style.name());
        }
        assert_eq!("Chicago".parse::<Style>().unwrap(), Style::ChicagoNote);
        assert_eq!(" APA ".parse::<Style>().unwrap(), Style::Apa);
        let err = "harvard".parse::<Style>().unwrap_err();
        assert!(err.to_string().contains("'harvard'"), "{err}");
    }
}

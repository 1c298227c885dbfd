//! Dublin Core XML: one `oai_dc:dc` record, or a file of many (an OAI-PMH `ListRecords`
//! or `GetRecord` response, a `<records>` wrapper, any root holding record elements).
//!
//! A record is any element whose children include elements of the Dublin Core namespace
//! `http://purl.org/dc/elements/1.1/` (or of DCMI terms, `http://purl.org/dc/terms/`, for
//! the same fifteen names); under a root named `dc` or `simpledc` the elements may also be
//! written without a namespace. How each element becomes a document field is set out in
//! `docs/formats.md` and in [`read`].
//!
//! ```
//! use chancery_formats::{dc, ReadContext};
//!
//! let text = r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
//!                          xmlns:dc="http://purl.org/dc/elements/1.1/">
//!   <dc:title>United States aide-memoire (27 June 1950)</dc:title>
//!   <dc:date>1950-06-27</dc:date>
//!   <dc:language>eng</dc:language>
//!   <dc:identifier>http://www.cvce.eu/obj/aide_memoire-en-5118690c-57ed-4ad7-a473-188be44d8d2e.html</dc:identifier>
//!   <dc:description>My Government has instructed me…</dc:description>
//! </oai_dc:dc>"#;
//! let doc = &dc::read(text, &ReadContext::new("kirk.xml")).unwrap().documents[0];
//! assert_eq!(doc.id.to_string(), "5118690c-57ed-4ad7-a473-188be44d8d2e");
//! assert_eq!(doc.language.as_deref(), Some("en"));
//!
//! let again = dc::read(&dc::write_record(doc), &ReadContext::new("x")).unwrap();
//! assert_eq!(again.documents[0].content_hash(), doc.content_hash());
//! ```

mod read;
mod write;

pub use read::read;
pub use write::{FILE_END, FILE_START, write_file, write_record};

/// The Dublin Core elements namespace.
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
/// The DCMI terms namespace, whose fifteen core names mean what the elements do.
const DCTERMS_NS: &str = "http://purl.org/dc/terms/";
/// The OAI-PMH Dublin Core record namespace.
const OAI_DC_NS: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";

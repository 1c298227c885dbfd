//! The domain of Chancery: documents, their dates, types, rights and structure, and the
//! authorities they speak of. This crate does no I/O.
//!
//! ```
//! use chancery_model::{DocDate, DocType, Document, DocumentId};
//!
//! let mut doc = Document::new(
//!     DocumentId::from_key("example"),
//!     "United States aide-memoire (27 June 1950)",
//!     "My Government has instructed me…",
//! );
//! doc.doc_type = DocType::from_title(&doc.title);
//! doc.date = Some(DocDate::from_written("27 June 1950").unwrap());
//! assert_eq!(doc.doc_type, Some(DocType::AideMemoire));
//! assert!(doc.validate().is_ok());
//! ```

pub mod authority;
pub mod body;
pub mod date;
pub mod doctype;
pub mod document;
pub mod fold;
pub mod id;
pub mod mention;

pub use authority::{Agent, AgentKind, Authority, Collection, ExternalId, Place, Position};
pub use body::{Block, BlockKind, Span, SpanStyle};
pub use date::{DateError, DocDate};
pub use doctype::DocType;
pub use document::{
    AccessLevel, AgentRef, Document, Provenance, Relation, RelationKind, Rights, SourceCitation,
    ValidationError,
};
pub use id::DocumentId;
pub use mention::{Mention, MentionField, MentionKind, MentionSource, MentionStatus};

//! Enrichment for Chancery: who, where and when a document speaks of, who wrote it to whom,
//! and which other documents it answers. Pure functions over the model: no I/O, no store.
//!
//! A [`Gazetteer`] compiles the names of persons, organizations and places — the built-in
//! [`baseline`] (states past and present, international organizations, regions, cities and
//! sites, persons famous in diplomatic history), authority records such as POCOM's
//! ([`pocom::read_pocom`]) or an archive's own (JSON: [`authorities::read_json`]; TEI
//! `listPerson`, `listOrg`, `listPlace`: [`tei_authorities::read_tei`]; CSV:
//! [`csv_authorities::read_csv`]) — into one
//! Aho–Corasick automaton. [`enrich`] then finds in a document:
//!
//! - mentions of persons, organizations and places: gazetteer names (case and diacritics
//!   folded, on word boundaries, possessives allowed), persons found by rules (titles, given
//!   names, initials), titles and roles resolved against positions held at the document's
//!   date ("the Secretary of State" in 1950 is Dean Acheson), surnames that refer back to a
//!   person named in full, each linked with a confidence;
//! - every written date, normalized to EDTF (with the document's year for "June 25"), and
//!   the document's own date when it has none ([`dates::document_date`]);
//! - senders and recipients from headings and captions ([`correspondence`]);
//! - references to other documents ([`references`]), which a [`references::DocumentLookup`]
//!   over the archive turns into relations.
//!
//! Mentions given by markup or an editor, and mentions an editor confirmed or rejected, are
//! kept as they are and never proposed again.
//!
//! ```
//! use chancery_enrich::{enrich, Gazetteer};
//! use chancery_model::{Document, DocumentId, MentionKind};
//!
//! let gazetteer = Gazetteer::baseline().unwrap();
//! let mut doc = Document::new(
//!     DocumentId::from_key("example"),
//!     "United States aide-memoire (27 June 1950)",
//!     "North Korean forces have crossed the 38th parallel and invaded the territory of the \
//!      Republic of Korea. The Soviet representative did not attend the Security Council on \
//!      June 25.",
//! );
//! doc.caption = Some(
//!     "On 27 June 1950, the US Ambassador Alan G. Kirk presents Soviet Foreign Minister \
//!      Andrei Gromyko with an aide-memoire."
//!         .into(),
//! );
//! let found = enrich(&doc, &gazetteer);
//!
//! assert_eq!(found.date.as_ref().map(|d| d.date.edtf()), Some("1950-06-27"));
//! let linked: Vec<_> = found.mentions.iter().filter_map(|m| m.entity_id.as_deref()).collect();
//! assert!(linked.contains(&"place:south-korea"));
//! assert!(linked.contains(&"org:un-security-council"));
//! let dates: Vec<_> = found.mentions.iter().filter_map(|m| m.normalized.as_deref()).collect();
//! assert_eq!(dates, ["1950-06-25"]);
//! assert_eq!(found.recipients[0].id.as_deref(), Some("gromyko-andrei"));
//! assert!(found.caption_mentions.iter().any(|m| m.kind == MentionKind::Person));
//!
//! found.apply(&mut doc);
//! assert_eq!(doc.senders[0].name, "Alan G. Kirk");
//! ```

pub mod authorities;
pub mod baseline;
pub mod correspondence;
pub mod csv_authorities;
pub mod dates;
mod enrich;
pub mod entity;
pub mod error;
pub mod eval;
mod fold;
pub mod gazetteer;
mod link;
mod mentions;
mod names;
pub mod offices;
mod persons;
mod places;
pub mod pocom;
pub mod references;
pub mod tei_authorities;
mod tokens;
mod xml;

pub use enrich::{Enrichment, Options, enrich, enrich_with, is_kept};
pub use entity::{DaySpan, Entity, EntityKind, Name, Role};
pub use error::EnrichError;
pub use gazetteer::{Gazetteer, GazetteerBuilder};

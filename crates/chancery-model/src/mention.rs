//! Mentions: the persons, organizations, places and dates a document's text speaks of, each
//! a span of the plain text ([`Document::text`](crate::Document::text)) linked, where known,
//! to an authority record.

use serde::{Deserialize, Serialize};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A person.
    Person,
    /// An organization, government, state or office.
    Organization,
    /// A place.
    Place,
    /// A date.
    Date,
}

impl MentionKind {
    /// The kind's name as written in JSON and queries.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Person => "person",
            MentionKind::Organization => "organization",
            MentionKind::Place => "place",
            MentionKind::Date => "date",
        }
    }
}

/// Whether an editor has judged a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionStatus {
    /// Found by the archive, not yet reviewed.
    #[default]
    Automatic,
    /// Confirmed by an editor (or given by the source's own markup).
    Confirmed,
    /// Rejected by an editor: kept so that enrichment does not propose it again.
    Rejected,
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionSource {
    /// The source's own markup (TEI `persName`, `placeName`, `orgName`, `date`).
    Markup,
    /// A name of an authority record, found in the text.
    #[default]
    Gazetteer,
    /// A rule (a title before a capitalized name, a written date).
    Rule,
    /// An editor.
    Editor,
}

/// The part of a document a mention's offsets point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionField {
    /// The plain text ([`crate::Document::text`]).
    #[default]
    Text,
    /// The title.
    Title,
    /// The caption.
    Caption,
}

impl MentionField {
    /// Whether this is the plain text (the default, left out of JSON).
    pub fn is_text(&self) -> bool {
        *self == MentionField::Text
    }
}

/// A span of a document's plain text (or of its title or caption) naming a person, organization, place or date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// What it names.
    pub kind: MentionKind,
    /// The text as written.
    pub text: String,
    /// Byte offset of the first character in the document's plain text.
    pub start: u32,
    /// Byte offset just past the mention.
    pub end: u32,
    /// The authority record it names, when linked (for dates: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// For dates: the EDTF expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<String>,
    /// How sure the link (or, unlinked, the finding) is, from 0 to 1.
    pub confidence: f32,
    /// Whether an editor has judged it.
    #[serde(default)]
    pub status: MentionStatus,
    /// How it was found.
    #[serde(default)]
    pub source: MentionSource,
    /// Where the offsets point: the text (the default), the title or the caption.
    #[serde(default, skip_serializing_if = "MentionField::is_text")]
    pub field: MentionField,
}

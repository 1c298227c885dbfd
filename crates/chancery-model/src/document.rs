//! The document: what an archive keeps about one primary source, and its JSON shape.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::body::{self, Block};
use crate::date::DocDate;
use crate::doctype::DocType;
use crate::id::DocumentId;
use crate::mention::Mention;

/// One primary source: metadata, text with its structure, rights and provenance.
///
/// The JSON shape (`show --json`, JSON Lines export and import, the API) is fixed by the
/// field names here; `text` is derived from `body` on output, and on input a `text` without a
/// `body` is split into paragraphs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "DocumentJson")]
pub struct Document {
    /// The identifier; nil on input means "not given", and the reader derives one.
    pub id: DocumentId,
    /// The title.
    pub title: String,
    /// The kind of document.
    pub doc_type: Option<DocType>,
    /// When the document was written.
    pub date: Option<DocDate>,
    /// Where it was written.
    pub place: Option<String>,
    /// Its language, as a BCP 47 tag.
    pub language: Option<String>,
    /// A short description, as archives write under a document's title.
    pub caption: Option<String>,
    /// The publication or archival file the document is taken from.
    pub source: Option<SourceCitation>,
    /// Who may read it and on what terms.
    pub rights: Rights,
    /// Its canonical address on the web.
    pub url: Option<String>,
    /// When the source last updated its copy.
    pub source_updated: Option<jiff::civil::Date>,
    /// Senders or authors.
    pub senders: Vec<AgentRef>,
    /// Recipients.
    pub recipients: Vec<AgentRef>,
    /// The text with its structure.
    pub body: Vec<Block>,
    /// Collections it belongs to (collection identifiers).
    pub collections: Vec<String>,
    /// Subject terms.
    pub subjects: Vec<String>,
    /// Links to other documents.
    pub relations: Vec<Relation>,
    /// The persons, organizations, places and dates its text speaks of.
    pub mentions: Vec<Mention>,
    /// Where it came from.
    pub provenance: Option<Provenance>,
    /// The store's revision number (0 before it is stored).
    pub revision: u64,
    /// When the store first received it.
    pub created: Option<jiff::Timestamp>,
    /// When the store last changed it.
    pub updated: Option<jiff::Timestamp>,
}

/// A citation of the publication or file a document is taken from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceCitation {
    /// The citation as written in the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The title of the publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Place of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Year of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The pages the document occupies in it, e.g. `91` or `91-93`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// The size of the publication, e.g. `99 p.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extent: Option<String>,
}

/// Who may see a document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum AccessLevel {
    /// Anyone.
    #[default]
    Public,
    /// Signed-in readers.
    Registered,
    /// Editors and administrators.
    Staff,
    /// Staff until `embargo_until`, then anyone.
    Embargoed,
}

impl AccessLevel {
    /// The level's name as written in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::Public => "public",
            AccessLevel::Registered => "registered",
            AccessLevel::Staff => "staff",
            AccessLevel::Embargoed => "embargoed",
        }
    }
}

impl std::str::FromStr for AccessLevel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "public" => Ok(AccessLevel::Public),
            "registered" => Ok(AccessLevel::Registered),
            "staff" => Ok(AccessLevel::Staff),
            "embargoed" => Ok(AccessLevel::Embargoed),
            other => Err(format!(
                "unknown access level '{other}' (expected public, registered, staff or embargoed)"
            )),
        }
    }
}

/// Rights and access.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rights {
    /// The rights statement as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// A RightsStatements.org or Creative Commons URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Who may read the document.
    #[serde(default)]
    pub access: AccessLevel,
    /// The day an embargoed document becomes public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo_until: Option<jiff::civil::Date>,
}

/// A sender, author or recipient: a name, and the authority it is linked to when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentRef {
    /// The authority record's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name as the document gives it.
    pub name: String,
}

impl AgentRef {
    /// An unlinked name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            id: None,
            name: name.into(),
        }
    }
}

/// How one document relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// This document answers the target.
    InReplyTo,
    /// This document refers to the target.
    References,
    /// This document encloses the target.
    Encloses,
    /// This document is a translation of the target.
    TranslationOf,
    /// This document is part of the target (a volume, a file).
    PartOf,
}

/// A link from this document to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// The kind of link.
    pub kind: RelationKind,
    /// The other document's identifier, or an outside reference.
    pub target: String,
    /// How the link was written ("your telegram 123").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Provenance {
    /// The file it was read from, as given to the importer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The reader that read it (`cvce`, `tei`, `dc`, `jsonl`, `csv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The SHA-256 of the file's bytes, in hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Where in the file the record is (`xml:id`, record number, OAI identifier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// For harvested records: the provider's datestamp of the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datestamp: Option<String>,
}

/// A problem that makes a document unfit to store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// The field at fault.
    pub field: &'static str,
    /// What is wrong with it.
    pub message: String,
}

impl Document {
    /// A document with a title and text as paragraphs, and nothing else.
    pub fn new(id: DocumentId, title: impl Into<String>, text: &str) -> Self {
        Self {
            id,
            title: title.into(),
            doc_type: None,
            date: None,
            place: None,
            language: None,
            caption: None,
            source: None,
            rights: Rights::default(),
            url: None,
            source_updated: None,
            senders: Vec::new(),
            recipients: Vec::new(),
            body: body::paragraphs(text),
            collections: Vec::new(),
            subjects: Vec::new(),
            relations: Vec::new(),
            mentions: Vec::new(),
            provenance: None,
            revision: 0,
            created: None,
            updated: None,
        }
    }

    /// The plain text, derived from the body.
    pub fn text(&self) -> String {
        body::plain_text(&self.body)
    }

    /// Checks what the store requires of every document.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message: String| errors.push(ValidationError { field, message });
        if self.id.is_nil() {
            fail("id", "missing".into());
        }
        if self.title.trim().is_empty() {
            fail("title", "missing or empty".into());
        }
        if self.body.iter().all(|b| b.text.trim().is_empty()) {
            fail("text", "missing or empty".into());
        }
        if let Some(lang) = &self.language
            && language_tags::LanguageTag::parse(lang).is_err()
        {
            fail("language", format!("'{lang}' is not a BCP 47 language tag"));
        }
        if let Some(url) = &self.url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            fail("url", format!("'{url}' is not an http(s) address"));
        }
        match (self.rights.access, self.rights.embargo_until) {
            (AccessLevel::Embargoed, None) => fail(
                "rights.embargo_until",
                "an embargoed document needs the date its embargo ends".into(),
            ),
            (level, Some(_)) if level != AccessLevel::Embargoed => fail(
                "rights.embargo_until",
                format!("given, but access is '{}', not 'embargoed'", level.as_str()),
            ),
            _ => {}
        }
        if let Err(message) = body::check_spans(&self.body) {
            fail("body", message);
        }
        for (field, text) in self.texts() {
            if let Some(c) = first_not_in_xml(text) {
                fail(
                    field,
                    format!(
                        "contains the control character U+{:04X}, which no archive format \
                         (XML, TEI, Dublin Core) can hold",
                        u32::from(c)
                    ),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The free texts of the document, each with the field it is in.
    fn texts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("title", Some(self.title.as_str())),
            ("caption", self.caption.as_deref()),
            ("place", self.place.as_deref()),
            ("rights.statement", self.rights.statement.as_deref()),
        ]
        .into_iter()
        .chain(self.source.iter().flat_map(|s| {
            [
                ("source.text", s.text.as_deref()),
                ("source.title", s.title.as_deref()),
                ("source.place", s.place.as_deref()),
                ("source.publisher", s.publisher.as_deref()),
                ("source.pages", s.pages.as_deref()),
                ("source.extent", s.extent.as_deref()),
            ]
        }))
        .filter_map(|(field, text)| text.map(|t| (field, t)))
        .chain(self.body.iter().map(|b| ("text", b.text.as_str())))
        .chain(self.subjects.iter().map(|s| ("subjects", s.as_str())))
        .chain(
            self.senders
                .iter()
                .chain(&self.recipients)
                .map(|a| ("senders/recipients", a.name.as_str())),
        )
    }

    /// The SHA-256 (hex) of the document's content: everything but the store's own fields
    /// (revision, created, updated) and provenance. Two imports of the same record give the
    /// same hash even when read from different paths.
    pub fn content_hash(&self) -> String {
        let mut content = self.view("");
        content.revision = 0;
        content.created = None;
        content.updated = None;
        content.provenance = None;
        // Serializing plain data with string keys cannot fail.
        let bytes = serde_json::to_vec(&content).unwrap_or_default();
        hex::encode(Sha256::digest(&bytes))
    }

    /// The document's JSON without the `text` derived from the body: what the store keeps
    /// of each revision.
    pub fn to_json_without_text(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(&self.view(""))
    }

    /// The document's fields borrowed for writing, with `text` as given.
    fn view<'a>(&'a self, text: &'a str) -> DocumentView<'a> {
        DocumentView {
            id: &self.id,
            title: &self.title,
            doc_type: self.doc_type.as_ref(),
            date: self.date.as_ref(),
            place: self.place.as_deref(),
            language: self.language.as_deref(),
            caption: self.caption.as_deref(),
            source: self.source.as_ref(),
            rights: &self.rights,
            url: self.url.as_deref(),
            source_updated: self.source_updated.as_ref(),
            senders: &self.senders,
            recipients: &self.recipients,
            text,
            body: &self.body,
            collections: &self.collections,
            subjects: &self.subjects,
            relations: &self.relations,
            mentions: &self.mentions,
            provenance: self.provenance.as_ref(),
            revision: self.revision,
            created: self.created.as_ref(),
            updated: self.updated.as_ref(),
        }
    }
}

impl Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = body::plain_text(&self.body);
        self.view(&text).serialize(serializer)
    }
}

/// The first character of `text` that XML 1.0 cannot hold: a control other than tab, line
/// feed and carriage return, or the non-characters U+FFFE and U+FFFF. Every document is
/// checked on import, so the common case (none) is a plain byte scan.
fn first_not_in_xml(text: &str) -> Option<char> {
    let suspect = |b: u8| (b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8. Most texts have neither: test
    // 64 bytes at a time without stopping early, so that the compiler can use vector code.
    let clean = text
        .as_bytes()
        .chunks(64)
        .all(|chunk| !chunk.iter().fold(false, |seen, &b| seen | suspect(b)));
    if clean {
        return None;
    }
    text.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    })
}

/// The wire shape of a document, as read.
#[derive(Deserialize)]
struct DocumentJson {
    #[serde(default)]
    id: DocumentId,
    #[serde(default)]
    title: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    doc_type: Option<DocType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<DocDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<SourceCitation>,
    #[serde(default)]
    rights: Rights,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_updated: Option<jiff::civil::Date>,
    #[serde(default)]
    senders: Vec<AgentRef>,
    #[serde(default)]
    recipients: Vec<AgentRef>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    body: Vec<Block>,
    #[serde(default)]
    collections: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    subjects: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    relations: Vec<Relation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Mention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    provenance: Option<Provenance>,
    #[serde(default)]
    revision: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<jiff::Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated: Option<jiff::Timestamp>,
}

/// The wire shape of a document, borrowed for writing: the fields, their order and what is
/// left out when empty are [`DocumentJson`]'s, so that the bytes (and the content hashes the
/// store keeps) are the same as ever.
#[derive(Serialize)]
struct DocumentView<'a> {
    id: &'a DocumentId,
    title: &'a str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    doc_type: Option<&'a DocType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a DocDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a SourceCitation>,
    rights: &'a Rights,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_updated: Option<&'a jiff::civil::Date>,
    senders: &'a [AgentRef],
    recipients: &'a [AgentRef],
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    body: &'a [Block],
    collections: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    subjects: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    relations: &'a [Relation],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    mentions: &'a [Mention],
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a Provenance>,
    revision: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a jiff::Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a jiff::Timestamp>,
}

/// Whether two texts have the same words, whatever the whitespace between them.
fn same_words(a: &str, b: &str) -> bool {
    // A text written from the body (as Chancery writes it) is equal byte for byte: one
    // comparison of memory instead of splitting both into words.
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

impl TryFrom<DocumentJson> for Document {
    type Error = String;

    fn try_from(j: DocumentJson) -> Result<Self, Self::Error> {
        // The body carries the structure; a text that says something else was edited on its
        // own, and the edit wins (the structure is rebuilt as paragraphs).
        let body = if j.body.is_empty()
            || (!j.text.is_empty() && !same_words(&j.text, &body::plain_text(&j.body)))
        {
            body::paragraphs(&j.text)
        } else {
            j.body
        };
        body::check_spans(&body)?;
        Ok(Self {
            id: j.id,
            title: j.title,
            doc_type: j.doc_type,
            date: j.date,
            place: j.place,
            language: j.language,
            caption: j.caption,
            source: j.source,
            rights: j.rights,
            url: j.url,
            source_updated: j.source_updated,
            senders: j.senders,
            recipients: j.recipients,
            body,
            collections: j.collections,
            subjects: j.subjects,
            relations: j.relations,
            mentions: j.mentions,
            provenance: j.provenance,
            revision: j.revision,
            created: j.created,
            updated: j.updated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_xml_cannot_hold_are_refused_by_field() {
        // Found by fuzzing: a NUL in a title came back from TEI as U+FFFD.
        let mut doc = Document::new(DocumentId::from_key("c"), "A pretty-print\0ument", "Text.");
        doc.caption = Some("Tab\tand\nnew lines are fine.".into());
        let errors = doc.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "title");
        assert!(
            errors[0].message.contains("U+0000"),
            "{}",
            errors[0].message
        );
        doc.title = "A pretty-print document".into();
        doc.body[0].text = "Bell\u{7} in the text".into();
        assert_eq!(doc.validate().unwrap_err()[0].field, "text");
        doc.body[0].text = "Not a character: \u{FFFE}; fine: \u{FEFF} \u{FFFD} …".into();
        assert!(doc.validate().unwrap_err()[0].message.contains("U+FFFE"));
        doc.body[0].text = "Fine: \u{FEFF} \u{FFFD} ﬁ …".into();
        assert!(doc.validate().is_ok());
    }

    fn sample() -> Document {
        let mut d = Document::new(DocumentId::from_key("t"), "A note", "First.\n\nSecond.");
        d.doc_type = Some(DocType::Note);
        d.date = Some(DocDate::parse_edtf("1950-06-27").unwrap());
        d
    }

    #[test]
    fn json_round_trips_and_names_fields_as_documented() {
        let d = sample();
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["type"], "note");
        assert_eq!(json["text"], "First.\n\nSecond.");
        assert_eq!(json["date"]["edtf"], "1950-06-27");
        assert_eq!(json["rights"]["access"], "public");
        let back: Document = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn minimal_input_needs_only_title_and_text() {
        let d: Document =
            serde_json::from_str(r#"{"title":"T","text":"Body text.","date":"1950?"}"#).unwrap();
        assert!(d.id.is_nil());
        assert_eq!(d.body.len(), 1);
        assert_eq!(d.date.unwrap().edtf(), "1950?");
    }

    #[test]
    fn an_edited_text_wins_over_a_stale_body() {
        let mut json = serde_json::to_value(sample()).unwrap();
        json["text"] = "Corrected.".into();
        let back: Document = serde_json::from_value(json).unwrap();
        assert_eq!(back.text(), "Corrected.");
    }

    #[test]
    fn validation_names_each_problem() {
        let mut d = Document::new(DocumentId::nil(), " ", "");
        d.language = Some("not a tag!".into());
        d.rights.access = AccessLevel::Embargoed;
        let fields: Vec<_> = d
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["id", "title", "text", "language", "rights.embargo_until"]
        );
    }

    #[test]
    fn content_hash_ignores_store_fields_and_provenance() {
        let a = sample();
        let mut b = sample();
        b.revision = 7;
        b.provenance = Some(Provenance {
            file: Some("x".into()),
            ..Provenance::default()
        });
        assert_eq!(a.content_hash(), b.content_hash());
        b.title.push('!');
        assert_ne!(a.content_hash(), b.content_hash());
    }
}

#[cfg(test)]
mod stable_hash {
    use super::*;
    use crate::mention::{MentionField, MentionKind, MentionSource, MentionStatus};

    /// A document with every field set.
    pub(super) fn rich() -> Document {
        let mut d = Document::new(
            DocumentId::from_key("rich"),
            "Aide-mémoire \"quoted\"",
            "First paragraph.\n\nSecond — with ünïcode.",
        );
        d.doc_type = Some(DocType::AideMemoire);
        d.date = Some(
            DocDate::parse_edtf("1950-06-27")
                .unwrap()
                .with_text("27 June 1950"),
        );
        d.place = Some("Moscow".into());
        d.language = Some("en".into());
        d.caption = Some("Kirk hands Gromyko a note.".into());
        d.source = Some(SourceCitation {
            text: Some("Soviet News, 1950".into()),
            year: Some(1950),
            ..SourceCitation::default()
        });
        d.rights.statement = Some("Public domain".into());
        d.url = Some("https://example.org/doc".into());
        d.source_updated = Some("2020-01-02".parse().unwrap());
        d.senders = vec![AgentRef {
            id: Some("kirk-alan-goodrich".into()),
            name: "Alan G. Kirk".into(),
        }];
        d.recipients = vec![AgentRef::named("Andrei Gromyko")];
        d.collections = vec!["korea".into()];
        d.subjects = vec!["Korean War".into()];
        d.relations = vec![Relation {
            kind: RelationKind::InReplyTo,
            target: "x".into(),
            label: Some("your note".into()),
        }];
        d.mentions = vec![Mention {
            kind: MentionKind::Person,
            text: "Kirk".into(),
            start: 0,
            end: 4,
            entity_id: Some("kirk-alan-goodrich".into()),
            normalized: None,
            confidence: 0.75,
            status: MentionStatus::Confirmed,
            source: MentionSource::Gazetteer,
            field: MentionField::Caption,
        }];
        d.provenance = Some(Provenance {
            file: Some("a.xml".into()),
            ..Provenance::default()
        });
        d.revision = 3;
        d.created = Some("2026-01-01T00:00:00Z".parse().unwrap());
        d.updated = Some("2026-01-02T00:00:00Z".parse().unwrap());
        d
    }

    /// Stored archives keep these hashes: the bytes hashed must never change.
    #[test]
    fn content_hashes_and_json_stay_as_they_were() {
        assert_eq!(
            rich().content_hash(),
            "21c1142fca8f7393b1d4a43db84c947e45160c3103d40425a38c1162dc27c58b"
        );
        expect_test::expect![[r#"{"id":"be301d67-5540-55cb-83f0-ac1137899244","title":"Aide-mémoire \"quoted\"","type":"aide-memoire","date":{"edtf":"1950-06-27","text":"27 June 1950","earliest":"1950-06-27","latest":"1950-06-27"},"place":"Moscow","language":"en","caption":"Kirk hands Gromyko a note.","source":{"text":"Soviet News, 1950","year":1950},"rights":{"statement":"Public domain","access":"public"},"url":"https://example.org/doc","source_updated":"2020-01-02","senders":[{"id":"kirk-alan-goodrich","name":"Alan G. Kirk"}],"recipients":[{"name":"Andrei Gromyko"}],"text":"First paragraph.\n\nSecond — with ünïcode.","body":[{"kind":"paragraph","text":"First paragraph."},{"kind":"paragraph","text":"Second — with ünïcode."}],"collections":["korea"],"subjects":["Korean War"],"relations":[{"kind":"in_reply_to","target":"x","label":"your note"}],"mentions":[{"kind":"person","text":"Kirk","start":0,"end":4,"entity_id":"kirk-alan-goodrich","confidence":0.75,"status":"confirmed","source":"gazetteer","field":"caption"}],"provenance":{"file":"a.xml"},"revision":3,"created":"2026-01-01T00:00:00Z","updated":"2026-01-02T00:00:00Z"}"#]]
        .assert_eq(&serde_json::to_string(&rich()).unwrap());
        let without = rich().to_json_without_text().unwrap();
        assert!(
            !without.contains("\"text\":\"First paragraph.\\n"),
            "{without}"
        );
        assert_eq!(serde_json::from_str::<Document>(&without).unwrap(), rich());
    }
}

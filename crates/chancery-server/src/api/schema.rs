//! OpenAPI schemas of what the API answers with, for the types defined in other crates.
//!
//! The JSON shape of a document is the model's serde (`chancery_model::Document`), and a
//! search answer is the index's `SearchResults`; neither crate knows OpenAPI, so the shapes
//! are described here, field for field. The API tests (`every_answer_conforms_to_the_openapi_document`,
//! which refuses fields the description lacks) and the schemathesis run check the real
//! answers against these descriptions, so a drift shows.

use std::borrow::Cow;

use chancery_model::DocType;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{RefOr, SchemaFormat};
use utoipa::{PartialSchema, ToSchema};

/// A document type, by its slug in the controlled vocabulary.
pub struct DocTypeSlug;

impl PartialSchema for DocTypeSlug {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "A document type from the controlled vocabulary, by its slug.",
            ))
            .enum_values(Some(DocType::ALL.iter().map(|t| t.slug())))
            .into()
    }
}

impl ToSchema for DocTypeSlug {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("DocumentType")
    }
}

/// A day as `YYYY-MM-DD` (years may have more digits or a minus sign: `-0043-03-15`).
pub struct Day;

impl PartialSchema for Day {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "A day, ISO 8601 proleptic Gregorian (`1950-06-27`; `-0043-03-15` before the \
                 common era).",
            ))
            .examples([serde_json::json!("1950-06-27")])
            .into()
    }
}

impl ToSchema for Day {}

/// A moment in UTC, RFC 3339.
pub struct Moment;

impl PartialSchema for Moment {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::DateTime,
            )))
            .description(Some("A moment in UTC (RFC 3339)."))
            .into()
    }
}

impl ToSchema for Moment {}

/// A document's date: EDTF, as written, and its first and last days.
#[derive(ToSchema)]
#[schema(as = DocumentDate)]
pub struct DocDateSchema {
    /// The date in EDTF (ISO 8601-2): `1950-06-27`, `1950-06`, `1950?`, `195X`,
    /// `1950-06-25/1950-06-27`, `../1900`.
    pub edtf: String,
    /// The date as the source writes it, when it differs from the EDTF.
    pub text: Option<String>,
    /// The first day the date may mean; null when the date is open at its start.
    #[schema(value_type = Option<Day>, required = true)]
    pub earliest: Option<String>,
    /// The last day the date may mean; null when the date is open at its end.
    #[schema(value_type = Option<Day>, required = true)]
    pub latest: Option<String>,
}

/// The publication or archival file a document is taken from.
#[derive(ToSchema)]
#[schema(as = SourceCitation)]
pub struct SourceSchema {
    /// The citation as written in the record.
    pub text: Option<String>,
    /// The title of the publication.
    pub title: Option<String>,
    /// Place of publication.
    pub place: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Year of publication.
    pub year: Option<i32>,
    /// The pages the document occupies in it.
    pub pages: Option<String>,
    /// The size of the publication.
    pub extent: Option<String>,
}

/// Who may read a document.
#[derive(ToSchema)]
#[schema(as = AccessLevel)]
#[allow(missing_docs)]
pub enum AccessSchema {
    #[schema(rename = "public")]
    Public,
    #[schema(rename = "registered")]
    Registered,
    #[schema(rename = "staff")]
    Staff,
    #[schema(rename = "embargoed")]
    Embargoed,
}

/// Rights and access.
#[derive(ToSchema)]
#[schema(as = Rights)]
pub struct RightsSchema {
    /// The rights statement as the source gives it.
    pub statement: Option<String>,
    /// A RightsStatements.org or Creative Commons URI.
    pub uri: Option<String>,
    /// Who may read the document.
    pub access: AccessSchema,
    /// The day an embargoed document becomes public.
    #[schema(value_type = Option<Day>)]
    pub embargo_until: Option<String>,
}

/// A sender, author or recipient.
#[derive(ToSchema)]
#[schema(as = AgentRef)]
pub struct AgentRefSchema {
    /// The authority record's identifier, when linked.
    pub id: Option<String>,
    /// The name as the document gives it.
    pub name: String,
}

/// The kind of a block of text.
#[derive(ToSchema)]
#[schema(as = BlockKind)]
#[allow(missing_docs)]
pub enum BlockKindSchema {
    #[schema(rename = "heading")]
    Heading,
    #[schema(rename = "paragraph")]
    Paragraph,
    #[schema(rename = "dateline")]
    Dateline,
    #[schema(rename = "salute")]
    Salute,
    #[schema(rename = "signed")]
    Signed,
    #[schema(rename = "quote")]
    Quote,
    #[schema(rename = "list_item")]
    ListItem,
    #[schema(rename = "table_row")]
    TableRow,
    #[schema(rename = "caption")]
    Caption,
    #[schema(rename = "note")]
    Note,
}

/// The style of an inline span.
#[derive(ToSchema)]
#[schema(as = SpanStyle)]
#[allow(missing_docs)]
pub enum SpanStyleSchema {
    #[schema(rename = "italic")]
    Italic,
    #[schema(rename = "bold")]
    Bold,
    #[schema(rename = "underline")]
    Underline,
    #[schema(rename = "small_caps")]
    SmallCaps,
    #[schema(rename = "superscript")]
    Superscript,
    #[schema(rename = "note_ref")]
    NoteRef,
    #[schema(rename = "page")]
    Page,
    #[schema(rename = "gap")]
    Gap,
    #[schema(rename = "link")]
    Link,
}

/// An inline feature of a block's text, from byte `start` to byte `end` of the block's text.
#[derive(ToSchema)]
#[schema(as = Span)]
pub struct SpanSchema {
    /// Byte offset where the feature starts.
    pub start: u32,
    /// Byte offset where it ends (equal to `start` for point features).
    pub end: u32,
    /// What the feature is.
    pub style: SpanStyleSchema,
    /// The note or page number (`note_ref`, `page`).
    pub n: Option<String>,
    /// Why text is missing (`gap`).
    pub reason: Option<String>,
    /// Where a link points (`link`).
    pub target: Option<String>,
}

/// A block of the document's text.
#[derive(ToSchema)]
#[schema(as = Block)]
pub struct BlockSchema {
    /// What the block is.
    pub kind: BlockKindSchema,
    /// Its text.
    pub text: String,
    /// The heading level (headings only).
    pub level: Option<u8>,
    /// The note's number (notes) or the item's label.
    pub n: Option<String>,
    /// Inline features.
    pub spans: Option<Vec<SpanSchema>>,
}

/// How one document relates to another.
#[derive(ToSchema)]
#[schema(as = RelationKind)]
#[allow(missing_docs)]
pub enum RelationKindSchema {
    #[schema(rename = "in_reply_to")]
    InReplyTo,
    #[schema(rename = "references")]
    References,
    #[schema(rename = "encloses")]
    Encloses,
    #[schema(rename = "translation_of")]
    TranslationOf,
    #[schema(rename = "part_of")]
    PartOf,
}

/// A link to another document.
#[derive(ToSchema)]
#[schema(as = Relation)]
pub struct RelationSchema {
    /// The kind of link.
    pub kind: RelationKindSchema,
    /// The other document's identifier, or an outside reference.
    pub target: String,
    /// How the link was written.
    pub label: Option<String>,
}

/// What a mention names.
#[derive(ToSchema)]
#[schema(as = MentionKind)]
#[allow(missing_docs)]
pub enum MentionKindSchema {
    #[schema(rename = "person")]
    Person,
    #[schema(rename = "organization")]
    Organization,
    #[schema(rename = "place")]
    Place,
    #[schema(rename = "date")]
    Date,
}

/// Whether an editor has judged a mention.
#[derive(ToSchema)]
#[schema(as = MentionStatus)]
#[allow(missing_docs)]
pub enum MentionStatusSchema {
    #[schema(rename = "automatic")]
    Automatic,
    #[schema(rename = "confirmed")]
    Confirmed,
    #[schema(rename = "rejected")]
    Rejected,
}

/// How a mention was found.
#[derive(ToSchema)]
#[schema(as = MentionSource)]
#[allow(missing_docs)]
pub enum MentionSourceSchema {
    #[schema(rename = "markup")]
    Markup,
    #[schema(rename = "gazetteer")]
    Gazetteer,
    #[schema(rename = "rule")]
    Rule,
    #[schema(rename = "editor")]
    Editor,
}

/// A person, organization, place or date the text speaks of.
#[derive(ToSchema)]
#[schema(as = Mention)]
pub struct MentionSchema {
    /// What it names.
    pub kind: MentionKindSchema,
    /// The text as written.
    pub text: String,
    /// Byte offset in the document's plain text.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// The authority record it is linked to.
    pub entity_id: Option<String>,
    /// A normalized form (an EDTF date, a canonical name).
    pub normalized: Option<String>,
    /// How sure the archive is, from 0 to 1.
    pub confidence: f32,
    /// Whether an editor has judged it.
    pub status: MentionStatusSchema,
    /// How it was found.
    pub source: MentionSourceSchema,
}

/// Where a document came from.
#[derive(ToSchema)]
#[schema(as = Provenance)]
pub struct ProvenanceSchema {
    /// The file it was read from.
    pub file: Option<String>,
    /// The reader that read it.
    pub format: Option<String>,
    /// The SHA-256 of the file's bytes, in hex.
    pub sha256: Option<String>,
    /// Where in the file the record is (`xml:id`, record number, OAI identifier).
    pub record: Option<String>,
    /// For harvested records: the provider's datestamp of the record.
    pub datestamp: Option<String>,
}

/// A document: the JSON shape of `chancery show --json` and of JSON Lines exports.
#[derive(ToSchema)]
#[schema(as = Document)]
pub struct DocumentSchema {
    /// The identifier (a UUID).
    #[schema(format = Uuid)]
    pub id: String,
    /// The title.
    pub title: String,
    /// The kind of document.
    #[schema(rename = "type", value_type = Option<DocTypeSlug>)]
    pub doc_type: Option<String>,
    /// When it was written.
    #[schema(value_type = Option<DocDateSchema>)]
    pub date: Option<DocDateSchema>,
    /// Where it was written.
    pub place: Option<String>,
    /// Its language (BCP 47).
    pub language: Option<String>,
    /// A short description.
    pub caption: Option<String>,
    /// The publication or file it is taken from.
    pub source: Option<SourceSchema>,
    /// Who may read it and on what terms.
    pub rights: RightsSchema,
    /// Its canonical address on the web.
    pub url: Option<String>,
    /// When the source last updated its copy.
    #[schema(value_type = Option<Day>)]
    pub source_updated: Option<String>,
    /// Senders or authors.
    pub senders: Vec<AgentRefSchema>,
    /// Recipients.
    pub recipients: Vec<AgentRefSchema>,
    /// The plain text (derived from `body`).
    pub text: Option<String>,
    /// The text with its structure.
    pub body: Option<Vec<BlockSchema>>,
    /// Collection identifiers.
    pub collections: Vec<String>,
    /// Subject terms.
    pub subjects: Option<Vec<String>>,
    /// Links to other documents.
    pub relations: Option<Vec<RelationSchema>>,
    /// The persons, organizations, places and dates its text speaks of.
    pub mentions: Option<Vec<MentionSchema>>,
    /// Where it came from.
    pub provenance: Option<ProvenanceSchema>,
    /// The store's revision number.
    pub revision: u64,
    /// When the archive first received it.
    #[schema(value_type = Option<Moment>)]
    pub created: Option<String>,
    /// When the archive last changed it.
    #[schema(value_type = Option<Moment>)]
    pub updated: Option<String>,
}

/// One search result.
#[derive(ToSchema)]
#[schema(as = SearchHit)]
pub struct HitSchema {
    /// The document's identifier.
    #[schema(format = Uuid)]
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its type's slug.
    #[schema(rename = "type", value_type = Option<DocTypeSlug>, required = true)]
    pub doc_type: Option<String>,
    /// Its date in EDTF.
    #[schema(required = true)]
    pub date: Option<String>,
    /// Its relevance score (also when sorted by date).
    pub score: f32,
    /// The best passage as HTML: the text escaped, query words in `<mark>`.
    #[schema(required = true)]
    pub snippet: Option<String>,
}

/// One value of a facet and how many results have it.
#[derive(ToSchema)]
#[schema(as = FacetCount)]
pub struct FacetCountSchema {
    /// The value (a type slug, language code, collection identifier, year or decade).
    pub value: String,
    /// Results with that value.
    pub count: u64,
}

/// Facet counts over all matches.
#[derive(ToSchema)]
#[schema(as = Facets)]
pub struct FacetsSchema {
    /// By type, most frequent first.
    #[schema(rename = "type")]
    pub doc_type: Vec<FacetCountSchema>,
    /// By language, most frequent first.
    pub language: Vec<FacetCountSchema>,
    /// By collection, most frequent first.
    pub collection: Vec<FacetCountSchema>,
    /// By year of the date's start, in order.
    pub year: Vec<FacetCountSchema>,
    /// By decade (`1950s`), in order.
    pub decade: Vec<FacetCountSchema>,
    /// By linked person (authority id), most frequent first; at most 100.
    pub person: Vec<FacetCountSchema>,
    /// By linked organization (authority id), most frequent first; at most 100.
    pub org: Vec<FacetCountSchema>,
    /// By linked place (authority id), most frequent first; at most 100.
    pub place: Vec<FacetCountSchema>,
}

/// The answer to a search.
#[derive(ToSchema)]
#[schema(as = SearchResults)]
pub struct SearchResultsSchema {
    /// How many documents match in all.
    pub total: u64,
    /// The requested page of them.
    pub hits: Vec<HitSchema>,
    /// Facet counts over all matches (only with `facets=true`).
    pub facets: Option<FacetsSchema>,
    /// Milliseconds spent.
    pub took_ms: f64,
}

/// The stable machine names of errors.
#[derive(ToSchema)]
#[schema(as = ErrorCode)]
#[allow(missing_docs)]
pub enum ErrorCodeSchema {
    #[schema(rename = "not_found")]
    NotFound,
    #[schema(rename = "bad_parameter")]
    BadParameter,
    #[schema(rename = "bad_query")]
    BadQuery,
    #[schema(rename = "bad_request")]
    BadRequest,
    #[schema(rename = "method_not_allowed")]
    MethodNotAllowed,
    #[schema(rename = "not_acceptable")]
    NotAcceptable,
    #[schema(rename = "timeout")]
    Timeout,
    #[schema(rename = "too_large")]
    TooLarge,
    #[schema(rename = "internal")]
    Internal,
    #[schema(rename = "unauthorized")]
    Unauthorized,
    #[schema(rename = "forbidden")]
    Forbidden,
    #[schema(rename = "conflict")]
    Conflict,
    #[schema(rename = "precondition_failed")]
    PreconditionFailed,
    #[schema(rename = "precondition_required")]
    PreconditionRequired,
    #[schema(rename = "too_many_requests")]
    TooManyRequests,
    #[schema(rename = "invalid_document")]
    InvalidDocument,
}

/// What went wrong.
#[derive(ToSchema)]
#[schema(as = ErrorDetail)]
pub struct ErrorDetailSchema {
    /// A stable machine name.
    pub code: ErrorCodeSchema,
    /// What is wrong, for people.
    pub message: String,
    /// Structured details: `parameter` names the parameter at fault; a malformed query adds
    /// `query`, `start` and `end` (byte offsets), `column` (characters, from 1) and
    /// `pointer` (the query with carets under the fault).
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

/// Every error answer of the API.
#[derive(ToSchema)]
#[schema(as = Error)]
pub struct ErrorSchema {
    /// What went wrong.
    pub error: ErrorDetailSchema,
}

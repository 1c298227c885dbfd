//! `/api/v1/documents`: the list (filtered like search, paged by cursor), one document, its
//! revisions and its citations.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chancery_formats::cite::{self, CiteContext, Style};
use chancery_index::query::{self, DateRange, Node};
use chancery_index::{DateMode, ListKey, ListOrder, ListRequest};
use chancery_model::{DocDate, DocType, Document, DocumentId, authority};
use chancery_store::StoredDocument;
use serde::Serialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::params::{Params, PathId};
use super::schema::{DocTypeSlug, DocumentSchema, ErrorSchema};
use super::{cached_json, cursor, from_index, index_error, not_modified};
use crate::access::Gate;
use crate::auth::caller::Caller;
use crate::error::{ApiError, AppError};
use crate::http::caching::Validator;
use crate::state::AppState;

/// The most documents one page of the list holds.
pub const MAX_PAGE: usize = 100;

/// The page size when `limit` is not given.
pub const DEFAULT_PAGE: usize = 20;

/// The parameters of `GET /api/v1/documents`.
pub const LIST_PARAMETERS: &[&str] = &[
    "q",
    "type",
    "lang",
    "collection",
    "from",
    "to",
    "sort",
    "limit",
    "cursor",
];

/// The pattern a collection identifier matches (what `collection:` and import make of a
/// collection's name).
pub const COLLECTION_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// Filters of the document list (the query language's filters, as parameters).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ListParams {
    /// A query in the archive's query language (words, "phrases", -exclusions, OR,
    /// title:, type:, lang:, collection:, date:, year:, decade:); empty or absent lists
    /// everything.
    #[param(example = "Gromyko date:1950-06")]
    q: Option<String>,
    /// Only documents of this type (a slug of the vocabulary; names and synonyms work too).
    #[param(value_type = Option<DocTypeSlug>, rename = "type")]
    doc_type: Option<String>,
    /// Only documents in this language: a two- or three-letter primary language subtag.
    #[param(pattern = "^[A-Za-z]{2,3}$", example = "en")]
    lang: Option<String>,
    /// Only documents in this collection, by its identifier.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", example = "korean-war")]
    collection: Option<String>,
    /// Only documents dated on or after the start of this EDTF date (intervals overlap, as
    /// with `date:`): `1950`, `1950-06`, `1950-06-27`, `195X`.
    #[param(example = "1950-06")]
    from: Option<String>,
    /// Only documents dated on or before the end of this EDTF date.
    #[param(example = "1950-07")]
    to: Option<String>,
    /// The order: `date` (oldest first, the default), `-date` (newest first), or
    /// `relevance` (best match first by a score that depends on the query and the document
    /// alone, so that paging stays stable). Undated documents come last; ties are broken by
    /// identifier.
    #[param(inline)]
    sort: Option<ListSort>,
    /// Documents per page.
    #[param(minimum = 1, maximum = 100, default = 20)]
    limit: Option<u32>,
    /// The `next_cursor` of the previous page (opaque), to get the next one; the other
    /// parameters must be the same.
    cursor: Option<String>,
}

/// The order of the document list.
#[derive(ToSchema, Clone, Copy)]
#[allow(dead_code)]
pub enum ListSort {
    /// Oldest first.
    #[schema(rename = "date")]
    Date,
    /// Newest first.
    #[schema(rename = "-date")]
    DateDescending,
    /// Best match first.
    #[schema(rename = "relevance")]
    Relevance,
}

/// A document as the list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentSummary {
    /// The identifier.
    #[schema(value_type = String, format = Uuid)]
    pub id: DocumentId,
    /// The title.
    pub title: String,
    /// The type's slug.
    #[serde(rename = "type")]
    #[schema(value_type = Option<DocTypeSlug>, required = true)]
    pub doc_type: Option<DocType>,
    /// The date.
    #[schema(value_type = Option<super::schema::DocDateSchema>, required = true)]
    pub date: Option<DocDate>,
    /// The language (BCP 47).
    #[schema(required = true)]
    pub language: Option<String>,
    /// The current revision.
    pub revision: u64,
    /// When the current revision was written.
    #[schema(value_type = Option<super::schema::Moment>, required = true)]
    pub updated: Option<jiff::Timestamp>,
    /// The document in this API.
    pub url: String,
}

impl DocumentSummary {
    fn of(doc: &Document) -> Self {
        Self {
            id: doc.id,
            title: doc.title.clone(),
            doc_type: doc.doc_type,
            date: doc.date.clone(),
            language: doc.language.clone(),
            revision: doc.revision,
            updated: doc.updated,
            url: document_url(doc.id),
        }
    }
}

/// A page of the document list.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentPage {
    /// The page's documents.
    pub items: Vec<DocumentSummary>,
    /// How many documents match in all (now).
    pub total: u64,
    /// The cursor of the next page, or null on the last page.
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

/// The address of a document in the API.
pub fn document_url(id: DocumentId) -> String {
    format!("/api/v1/documents/{id}")
}

/// A listing asked for: the query tree with the filters, its order and its page.
struct Listing {
    query: Node,
    normalized: String,
    order: ListOrder,
    limit: usize,
    after: Option<ListKey>,
    fingerprint: String,
}

impl Listing {
    fn from_params(params: &Params) -> Result<Self, AppError> {
        params.accept_only(LIST_PARAMETERS)?;
        let mut clauses: Vec<Node> = Vec::new();
        if let Some(q) = params.text("q") {
            let parsed = query::parse(q).map_err(|error| AppError::Query {
                query: q.to_string(),
                error,
            })?;
            match parsed.root {
                Node::MatchAll => {}
                Node::And(children) => clauses.extend(children),
                other => clauses.push(other),
            }
        }
        if let Some(value) = params.raw("type") {
            let doc_type = DocType::from_name(value).ok_or_else(|| AppError::BadRequest {
                code: "bad_parameter",
                message: format!("'{value}' is not a document type of the vocabulary"),
                details: json!({
                    "parameter": "type",
                    "value": value,
                    "allowed": DocType::ALL.iter().map(|t| t.slug()).collect::<Vec<_>>(),
                }),
            })?;
            clauses.push(Node::Type(doc_type));
        }
        if let Some(value) = params.raw("lang") {
            clauses.push(Node::Lang(language(value)?));
        }
        if let Some(value) = params.raw("collection") {
            clauses.push(Node::Collection(collection_id(value).ok_or_else(|| {
                AppError::bad_parameter(
                    "collection",
                    format!(
                        "'{value}' is not a collection identifier (lowercase letters and digits \
                         in words joined by hyphens, such as korean-war)"
                    ),
                )
            })?));
        }
        let from = params
            .text("from")
            .map(|v| date_bounds("from", v))
            .transpose()?;
        let to = params
            .text("to")
            .map(|v| date_bounds("to", v))
            .transpose()?;
        if from.is_some() || to.is_some() {
            let range = DateRange {
                earliest: from.and_then(|r| r.earliest),
                latest: to.and_then(|r| r.latest),
            };
            if let (Some(first), Some(last)) = (range.earliest, range.latest)
                && first > last
            {
                return Err(AppError::bad_parameter(
                    "to",
                    "'to' ends before 'from' begins: the range runs backwards",
                ));
            }
            // A date open at both ends (from=../1900 with no `to`) limits nothing but still
            // asks for a dated document, as `date:..` does.
            clauses.push(Node::Date(range));
        }
        let query = match clauses.len() {
            0 => Node::MatchAll,
            1 => clauses.remove(0),
            _ => {
                if clauses.iter().all(|c| matches!(c, Node::Not(_))) {
                    clauses.insert(0, Node::MatchAll);
                }
                Node::And(clauses)
            }
        };
        let order = params.choice(
            "sort",
            &[
                ("date", ListOrder::DateAscending),
                ("-date", ListOrder::DateDescending),
                ("relevance", ListOrder::Relevance),
            ],
            ListOrder::DateAscending,
        )?;
        let limit = params.integer("limit", DEFAULT_PAGE, 1, MAX_PAGE)?;
        let normalized = query.to_string();
        let fingerprint = cursor::fingerprint(order, &normalized);
        let after = params
            .text("cursor")
            .map(|c| cursor::decode(c, order, &fingerprint))
            .transpose()?;
        Ok(Self {
            query,
            normalized,
            order,
            limit,
            after,
            fingerprint,
        })
    }
}

/// A `lang` parameter: a primary language subtag of two or three letters, lowercased.
fn language(value: &str) -> Result<String, AppError> {
    if (2..=3).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(AppError::BadRequest {
            code: "bad_parameter",
            message: format!(
                "'lang' takes a two- or three-letter primary language subtag such as en, fr or \
                 ru, not '{value}'"
            ),
            details: json!({ "parameter": "lang", "value": value }),
        })
    }
}

/// A collection identifier as given, if it is one (its own slug).
pub fn collection_id(value: &str) -> Option<String> {
    let slug = authority::slug(value);
    (!slug.is_empty() && slug == value).then_some(slug)
}

/// The days an EDTF date given as parameter `name` covers.
fn date_bounds(name: &str, value: &str) -> Result<DateRange, AppError> {
    let bad = |message: String| AppError::BadRequest {
        code: "bad_parameter",
        message: format!("'{name}': {message}"),
        details: json!({ "parameter": name, "value": value }),
    };
    if value.contains(['"', '“', '”', '„']) || value.chars().any(char::is_whitespace) {
        return Err(bad(format!(
            "'{value}' is not a date; dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?"
        )));
    }
    match query::parse(&format!("date:\"{value}\"")) {
        Ok(parsed) => match parsed.root {
            Node::Date(range) => Ok(range),
            _ => Err(bad(format!("'{value}' is not a date"))),
        },
        Err(error) => Err(bad(error.message)),
    }
}

/// Documents, filtered like search, in pages that stay correct while the archive changes.
///
/// The filters combine (all must hold). Pages follow one another by `cursor`: pass the
/// `next_cursor` of a page, with the same other parameters, to get the next. A cursor names
/// a place in the order (date or stable score, then identifier), not an offset, so documents
/// added or removed between two pages never make a page repeat or skip one that was there.
#[utoipa::path(
    get,
    path = "/api/v1/documents",
    tag = "documents",
    operation_id = "list_documents",
    params(ListParams),
    responses(
        (status = 200, description = "A page of documents", body = DocumentPage,
            headers(("ETag" = String, description = "Validator of this answer"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A parameter is wrong (`bad_parameter`, naming it) or the query is malformed (`bad_query`, pointing into it)", body = ErrorSchema),
    )
)]
pub async fn list_documents(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    let listing = Listing::from_params(&params)?;
    let parameters = vec![
        listing.fingerprint.clone(),
        listing.normalized.clone(),
        listing.limit.to_string(),
        params.text("cursor").unwrap_or("").to_string(),
    ];
    from_index(
        &state,
        caller.gate(),
        &headers,
        "api:documents",
        parameters,
        move |state, gate| {
            let request = ListRequest {
                query: listing.query,
                order: listing.order,
                after: listing.after,
                limit: listing.limit,
                date_mode: DateMode::Overlap,
                visibility: gate.visibility(),
            };
            let page = state
                .index()
                .list(&request)
                .map_err(|e| index_error(&listing.normalized, e))?;
            let store = state.store();
            let mut items = Vec::with_capacity(page.items.len());
            for key in &page.items {
                if let Some(doc) = visible(store.as_ref(), &gate, &key.id)? {
                    items.push(DocumentSummary::of(&doc));
                }
            }
            let next_cursor = match (page.more, page.items.last()) {
                (true, Some(last)) => {
                    Some(cursor::encode(listing.order, &listing.fingerprint, last))
                }
                _ => None,
            };
            Ok(DocumentPage {
                items,
                total: page.total,
                next_cursor,
            })
        },
    )
    .await
}

/// The current content of the document `id` (a string from the index or a path) if it
/// exists, is not deleted and the viewer may see it.
fn visible(
    store: &dyn chancery_store::Store,
    gate: &Gate,
    id: &str,
) -> Result<Option<Document>, AppError> {
    let Ok(id) = id.parse::<DocumentId>() else {
        return Ok(None);
    };
    Ok(match store.get(id)? {
        Some(StoredDocument {
            document,
            deleted: false,
        }) if gate.allows(&document) => Some(document),
        _ => None,
    })
}

/// The document `id` for this request's viewer, or 404 (unknown, malformed, deleted and
/// invisible documents alike).
pub(crate) async fn visible_document(
    state: &AppState,
    gate: Gate,
    id: &str,
) -> Result<Document, AppError> {
    let key = id.to_string();
    let found = state
        .blocking(move |state| visible(state.store().as_ref(), &gate, &key))
        .await?;
    // The identifier is not echoed: the answer is the same for every document not shown.
    found.ok_or_else(|| {
        AppError::not_found("no document with this identifier (or none this caller may see)")
    })
}

/// One document in the archive's JSON shape.
///
/// An identifier that is malformed, unknown, deleted or names a document the caller may not
/// see is answered alike: 404 `not_found`.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}",
    tag = "documents",
    operation_id = "get_document",
    params(("id" = String, Path, format = Uuid, description = "The document's identifier")),
    responses(
        (status = 200, description = "The document", body = DocumentSchema,
            headers(
                ("ETag" = String, description = "Changes with the document's revision"),
                ("Last-Modified" = String, description = "When the revision was written"),
            )),
        (status = 304, description = "The copy named in `If-None-Match` (or dated by `If-Modified-Since`) is current"),
        (status = 400, description = "A query parameter was given (there are none)", body = ErrorSchema),
        (status = 404, description = "No such document (or not one the caller may see)", body = ErrorSchema),
    )
)]
pub async fn get_document(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let doc = visible_document(&state, caller.gate(), &id).await?;
    let validator = document_validator(&caller.gate(), &doc, "api:document");
    Ok(cached_json(&headers, &validator, &doc))
}

/// The validator of a document's answers (`what` names the answer): its revision and what
/// the viewer sees. The `ETag` of `GET /api/v1/documents/{id}` is what `If-Match` takes.
pub(crate) fn document_validator(gate: &Gate, doc: &Document, what: &str) -> Validator {
    Validator::from_parts(&[
        what,
        &doc.id.to_string(),
        &doc.revision.to_string(),
        gate.cache_tag(),
    ])
    .modified(doc.updated)
}

/// One revision of a document.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionEntry {
    /// The revision number, from 1.
    pub revision: u64,
    /// What it did: `create`, `update`, `delete` or `restore`.
    #[schema(value_type = String, example = "create")]
    pub kind: String,
    /// Who wrote it.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// When.
    #[schema(value_type = super::schema::Moment)]
    pub at: jiff::Timestamp,
    /// Its link in the document's hash chain (hex SHA-256).
    pub hash: String,
}

/// A document's revision history, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionList {
    /// The document.
    #[schema(value_type = String, format = Uuid)]
    pub id: DocumentId,
    /// The document in this API.
    pub url: String,
    /// Every revision, oldest first.
    pub revisions: Vec<RevisionEntry>,
}

/// The revision history of a document the caller may see.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}/revisions",
    tag = "documents",
    operation_id = "get_revisions",
    params(("id" = String, Path, format = Uuid, description = "The document's identifier")),
    responses(
        (status = 200, description = "The revisions, oldest first", body = RevisionList,
            headers(("ETag" = String, description = "Changes with the document's revision"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A query parameter was given (there are none)", body = ErrorSchema),
        (status = 404, description = "No such document (or not one the caller may see)", body = ErrorSchema),
    )
)]
pub async fn get_revisions(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let doc = visible_document(&state, caller.gate(), &id).await?;
    let validator = document_validator(&caller.gate(), &doc, "api:revisions");
    if validator.is_fresh(&headers) {
        return Ok(not_modified(&validator));
    }
    let doc_id = doc.id;
    let history = state
        .blocking(move |state| Ok(state.store().history(doc_id)?))
        .await?;
    let list = RevisionList {
        id: doc_id,
        url: document_url(doc_id),
        revisions: history
            .into_iter()
            .map(|r| RevisionEntry {
                revision: r.revision,
                kind: r.kind.as_str().to_string(),
                actor: r.actor,
                reason: r.reason,
                at: r.at,
                hash: r.hash,
            })
            .collect(),
    };
    Ok(cached_json(&headers, &validator, &list))
}

/// The citation styles and formats of `GET /api/v1/documents/{id}/citation`.
#[derive(ToSchema, Clone, Copy)]
#[allow(dead_code)]
pub enum CitationStyle {
    /// Chicago, a full note (same as `chicago-note`).
    #[schema(rename = "chicago")]
    Chicago,
    /// Chicago (18th edition), a full note.
    #[schema(rename = "chicago-note")]
    ChicagoNote,
    /// Chicago (18th edition), a bibliography entry.
    #[schema(rename = "chicago-bibliography")]
    ChicagoBibliography,
    /// APA (7th edition).
    #[schema(rename = "apa")]
    Apa,
    /// MLA (9th edition).
    #[schema(rename = "mla")]
    Mla,
    /// A BibTeX `@misc` entry.
    #[schema(rename = "bibtex")]
    Bibtex,
    /// An RIS record.
    #[schema(rename = "ris")]
    Ris,
    /// CSL-JSON: an array holding one item.
    #[schema(rename = "csl-json")]
    CslJson,
}

/// What a citation request asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CitationFormat {
    Formatted(Style),
    Bibtex,
    Ris,
    CslJson,
}

/// A citation formatted in a style.
#[derive(Debug, Serialize, ToSchema)]
pub struct FormattedCitation {
    /// The style's machine name (`chicago-note`, `chicago-bibliography`, `apa`, `mla`).
    pub style: String,
    /// Plain text.
    pub text: String,
    /// HTML (escaped, `<i>` for titles), safe to embed.
    pub html: String,
}

/// Parameters of the citation endpoint.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct CitationParams {
    /// The style or format: a formatted citation (`chicago` = `chicago-note`,
    /// `chicago-bibliography`, `apa`, `mla`) answered as JSON `{style, text, html}`, or a
    /// record for reference managers: `bibtex` (`application/x-bibtex`), `ris`
    /// (`application/x-research-info-systems`), `csl-json`
    /// (`application/vnd.citationstyles.csl+json`, an array of one item). The default is
    /// `chicago-note`.
    #[param(inline)]
    style: Option<CitationStyle>,
}

/// A citation of a document the caller may see: formatted (Chicago, APA, MLA) or as a
/// record for reference managers (BibTeX, RIS, CSL-JSON).
///
/// The citation cites the document as read in this archive: its reading-room page, the
/// archive's name and today's date as the access date.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}/citation",
    tag = "documents",
    operation_id = "get_citation",
    params(
        ("id" = String, Path, format = Uuid, description = "The document's identifier"),
        CitationParams,
    ),
    responses(
        (status = 200, description = "The citation",
            content(
                (FormattedCitation = "application/json"),
                (String = "application/x-bibtex"),
                (String = "application/x-research-info-systems"),
                (Vec<Object> = "application/vnd.citationstyles.csl+json"),
            ),
            headers(("ETag" = String, description = "Changes with the document's revision and the day"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "Unknown style or parameter", body = ErrorSchema),
        (status = 404, description = "No such document (or not one the caller may see)", body = ErrorSchema),
    )
)]
pub async fn get_citation(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&["style"])?;
    let format = params.choice(
        "style",
        &[
            ("chicago", CitationFormat::Formatted(Style::ChicagoNote)),
            (
                "chicago-note",
                CitationFormat::Formatted(Style::ChicagoNote),
            ),
            (
                "chicago-bibliography",
                CitationFormat::Formatted(Style::ChicagoBibliography),
            ),
            ("apa", CitationFormat::Formatted(Style::Apa)),
            ("mla", CitationFormat::Formatted(Style::Mla)),
            ("bibtex", CitationFormat::Bibtex),
            ("ris", CitationFormat::Ris),
            ("csl-json", CitationFormat::CslJson),
        ],
        CitationFormat::Formatted(Style::ChicagoNote),
    )?;
    let doc = visible_document(&state, caller.gate(), &id).await?;
    let today = super::today(&state);
    let style_name = match format {
        CitationFormat::Formatted(style) => style.name(),
        CitationFormat::Bibtex => "bibtex",
        CitationFormat::Ris => "ris",
        CitationFormat::CslJson => "csl-json",
    };
    // The access date is part of the citation, so the tag changes with the day.
    let validator = Validator::from_parts(&[
        "api:citation",
        &doc.id.to_string(),
        &doc.revision.to_string(),
        caller.gate().cache_tag(),
        style_name,
        &today,
        &state.site().name,
        &state.site().base_url,
    ]);
    if validator.is_fresh(&headers) {
        return Ok(not_modified(&validator));
    }
    let accessed = state
        .now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let context = CiteContext {
        archive: state.site().name.clone(),
        archive_url: format!("{}/documents/{}", state.site().base_url, doc.id),
        accessed,
    };
    let response = state
        .blocking(move |_| {
            Ok(match format {
                CitationFormat::Formatted(style) => {
                    let formatted = cite::formatted(&doc, &context, style).map_err(|e| {
                        AppError::Internal(format!("citation of {} in {style}: {e}", doc.id))
                    })?;
                    axum::Json(FormattedCitation {
                        style: style.name().to_string(),
                        text: formatted.text,
                        html: formatted.html,
                    })
                    .into_response()
                }
                CitationFormat::Bibtex => text_response(
                    "application/x-bibtex; charset=utf-8",
                    cite::bibtex(&doc, &context),
                ),
                CitationFormat::Ris => text_response(
                    "application/x-research-info-systems; charset=utf-8",
                    cite::ris(&doc, &context),
                ),
                CitationFormat::CslJson => text_response(
                    "application/vnd.citationstyles.csl+json",
                    json!([cite::csl_json(&doc, &context)]).to_string(),
                ),
            })
        })
        .await?;
    let mut response = response;
    validator.apply(&mut response);
    Ok(response)
}

fn text_response(content_type: &'static str, body: String) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

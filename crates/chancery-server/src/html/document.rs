//! A document's page: its metadata, its full text with structure and footnotes, its source,
//! rights and provenance, "Cite this", its neighbours in date order, related documents, and
//! the machine-readable metadata in the head. Old revisions are shown at
//! `/documents/{id}/revisions/{n}` (or `?revision=n`).
//!
//! The page carries an `ETag` made of everything it depends on (the revision, the index's
//! content tag for the neighbour and related lists, the viewer, the day) and the document's
//! `Last-Modified`; a conditional GET that matches is answered 304 before any work.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chancery_index::{DateMode, SearchRequest};
use chancery_model::{Document, DocumentId};

use super::cite::{self, Citation, Download};
use super::enrichment::{self, DateMention, Enriched, EntityGroup, RelationView};
use super::entities::NameLink;
use super::error::{OrPage, PageError};
use super::markup::Markup;
use super::meta::{self, MetaTag};
use super::render::{self, RenderedBody};
use super::view::{self, DocLink};
use super::{Chrome, Section, cached_page, html_bytes, html_cached, url};
use crate::access::Gate;
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::http::caching::Validator;
use crate::state::AppState;

/// Related documents listed per kind.
const RELATED: usize = 6;

/// The current document (or `None`), visible to the viewer: a missing, deleted or hidden
/// document is the same "not found".
pub fn load_visible(state: &AppState, gate: &Gate, id: &str) -> Result<Document, AppError> {
    let not_found = || AppError::not_found(format!("no document {id}"));
    let id: DocumentId = id.trim().parse().map_err(|_| not_found())?;
    match state.store().get(id)? {
        Some(stored) if !stored.deleted && gate.allows(&stored.document) => Ok(stored.document),
        _ => Err(not_found()),
    }
}

/// The document (current content) for a viewer who may edit, deleted or not, with whether
/// it is deleted; for anyone else exactly [`load_visible`].
pub fn load_for(state: &AppState, gate: &Gate, id: &str) -> Result<(Document, bool), AppError> {
    if !gate.viewer().may_edit() {
        return load_visible(state, gate, id).map(|d| (d, false));
    }
    let not_found = || AppError::not_found(format!("no document {id}"));
    let id: DocumentId = id.trim().parse().map_err(|_| not_found())?;
    match state.store().get(id)? {
        Some(stored) => Ok((stored.document, stored.deleted)),
        None => Err(not_found()),
    }
}

/// What an editor may do from a document's page.
#[derive(Debug, Clone)]
pub struct EditorTools {
    /// The edit form's address.
    pub edit_href: String,
    /// The mention review's address.
    pub mentions_href: String,
    /// Where the delete form posts.
    pub delete_action: String,
    /// Where the undelete form posts.
    pub undelete_action: String,
    /// The session's anti-forgery token.
    pub csrf: String,
    /// Whether the document is deleted (then it can only be undeleted).
    pub deleted: bool,
    /// The revision the forms act on.
    pub revision: u64,
}

/// A labelled value in the "about this document" list.
#[derive(Debug, Clone)]
pub struct Fact {
    /// The label.
    pub label: &'static str,
    /// The value.
    pub value: String,
    /// A link, when the value is an address or leads somewhere.
    pub href: Option<String>,
    /// Whether the value is code-like (a checksum, a file name).
    pub code: bool,
}

impl Fact {
    fn text(label: &'static str, value: impl Into<String>) -> Self {
        Self {
            label,
            value: value.into(),
            href: None,
            code: false,
        }
    }
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    page: Chrome,
    lang: String,
    title: String,
    doc_type: String,
    doc_type_href: String,
    date: String,
    datetime: String,
    date_note: String,
    place: String,
    senders: Vec<NameLink>,
    recipients: Vec<NameLink>,
    entity_groups: Vec<EntityGroup>,
    dates_mentioned: Vec<DateMention>,
    relations: Vec<RelationView>,
    incoming: Vec<RelationView>,
    caption: String,
    body: RenderedBody,
    source: Vec<Fact>,
    rights: Vec<Fact>,
    provenance: Vec<Fact>,
    collections: Vec<(String, String)>,
    subjects: Vec<String>,
    revision: u64,
    updated: String,
    history_href: String,
    old_revision: Option<OldRevision>,
    citations: Vec<Citation>,
    downloads: Vec<Download>,
    prev: Option<DocLink>,
    next: Option<DocLink>,
    same_day: Vec<DocLink>,
    same_day_href: String,
    correspondents: Vec<DocLink>,
    correspondents_href: String,
    meta: Vec<MetaTag>,
    json_ld: Markup,
    tools: Option<EditorTools>,
}

/// The banner of an old revision.
#[derive(Debug, Clone)]
pub struct OldRevision {
    /// The revision shown.
    pub shown: u64,
    /// The current revision.
    pub current: u64,
    /// The current version's address.
    pub current_href: String,
}

/// `GET /documents/{id}` (and `?revision=n`).
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let revision = match url::parse_query(raw.as_deref())
        .into_iter()
        .find(|(k, _)| k == "revision")
    {
        Some((_, v)) => Some(v.trim().parse::<u64>().map_err(|_| {
            PageError::new(
                &state,
                AppError::bad_parameter("revision", format!("'{v}' is not a revision number")),
            )
        })?),
        None => None,
    };
    respond(state, caller, id, revision, headers).await
}

/// `GET /documents/{id}/revisions/{n}`: the document as it was at revision `n`.
pub async fn revision_page(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, n)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let n: u64 = n
        .parse()
        .map_err(|_| PageError::new(&state, AppError::not_found(format!("no revision {n}"))))?;
    respond(state, caller, id, Some(n), headers).await
}

/// What a document page needs from the store and the index.
struct Loaded {
    doc: Document,
    current_revision: u64,
    prev: Option<DocLink>,
    next: Option<DocLink>,
    same_day: Vec<DocLink>,
    same_day_query: Option<String>,
    correspondents: Vec<DocLink>,
    correspondents_query: Option<String>,
    enriched: Enriched,
}

async fn respond(
    state: AppState,
    caller: Caller,
    id: String,
    revision: Option<u64>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let gate = caller.gate();
    // First the document and the validator, so that a fresh copy costs no more.
    let key = id.clone();
    let (doc, current_revision, index_tag, deleted) = state
        .blocking(move |state| {
            let (current, deleted) = load_for(&state, &gate, &key)?;
            let current_revision = current.revision;
            let doc = match revision {
                Some(n) if n != current_revision => {
                    match state.store().get_revision(current.id, n)? {
                        Some(mut old) if gate.allows(&old) => {
                            old.revision = n;
                            old
                        }
                        _ => return Err(AppError::not_found(format!("no revision {n} of {key}"))),
                    }
                }
                _ => current,
            };
            let index_tag = state.index().content_tag();
            Ok((doc, current_revision, index_tag, deleted))
        })
        .await
        .or_page(&state)?;
    let today = state
        .now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let validator = Validator::from_parts(&[
        "document",
        &doc.id.to_string(),
        &doc.revision.to_string(),
        &current_revision.to_string(),
        &index_tag,
        gate.cache_tag(),
        &caller.page_tag(),
        if deleted { "deleted" } else { "live" },
        &today,
        &state.site().base_url,
        &state.site().name,
    ])
    .modified(doc.updated);
    if validator.is_fresh(&headers) {
        return Ok(validator.respond(&headers, not_modified));
    }
    let key = format!("document {}", validator.etag());
    if let Some(body) = cached_page(&caller, &key) {
        return Ok(validator.respond(&headers, || html_bytes(body)));
    }
    let loaded = state
        .blocking(move |state| load_related(&state, doc, current_revision, &gate))
        .await
        .or_page(&state)?;
    let tools = caller.viewer().may_edit().then(|| EditorTools {
        edit_href: format!("{}/edit", url::document_id(loaded.doc.id)),
        mentions_href: format!("{}/mentions", url::document_id(loaded.doc.id)),
        delete_action: format!("{}/delete", url::document_id(loaded.doc.id)),
        undelete_action: format!("{}/undelete", url::document_id(loaded.doc.id)),
        csrf: caller.csrf().unwrap_or_default().to_string(),
        deleted,
        revision: current_revision,
    });
    let mut page = build(&state, &caller, loaded);
    page.tools = tools;
    Ok(validator.respond(&headers, || html_cached(&caller, &key, &page)))
}

/// The body of a 304 (`Validator::respond` answers fresh copies itself).
fn not_modified() -> Response {
    use axum::response::IntoResponse;
    axum::http::StatusCode::NOT_MODIFIED.into_response()
}

fn load_related(
    state: &AppState,
    doc: Document,
    current_revision: u64,
    gate: &Gate,
) -> Result<Loaded, AppError> {
    let visibility = &gate.visibility();
    let enriched = enrichment::load(state, gate, &doc)?;
    let index = state.index();
    let store = state.store();
    let id = doc.id.to_string();
    let (prev, next) = index.neighbours(&id, visibility)?;
    let link = |n: chancery_index::Neighbour| DocLink::new(&n.id, &n.title, n.date.as_deref());
    let related = |query: &str, mode: DateMode| -> Result<Vec<DocLink>, AppError> {
        let mut request = SearchRequest::new(query);
        request.limit = RELATED + 1;
        request.snippets = false;
        request.date_mode = mode;
        request.sort = chancery_index::Sort::DateAscending;
        request.visibility = visibility.clone();
        let results = index.search(&request, store.as_ref())?;
        Ok(results
            .hits
            .iter()
            .filter(|h| h.id != id)
            .take(RELATED)
            .map(DocLink::from_hit)
            .collect())
    };
    // Documents of the same day, when the date is a day.
    let same_day_query = doc
        .date
        .as_ref()
        .filter(|d| d.earliest().is_some() && d.earliest() == d.latest())
        .and_then(|d| d.earliest_iso())
        .map(|day| format!("date:{day}"));
    let same_day = match &same_day_query {
        Some(q) => related(q, DateMode::Contain)?,
        None => Vec::new(),
    };
    // Documents naming the same correspondents.
    let names: Vec<String> = doc
        .senders
        .iter()
        .chain(&doc.recipients)
        .filter_map(|a| phrase(&a.name))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .take(6)
        .collect();
    let correspondents_query = (!names.is_empty()).then(|| names.join(" OR "));
    let correspondents = match &correspondents_query {
        // A name the index cannot search (no searchable word) leaves the list empty.
        Some(q) => related(q, DateMode::Overlap).unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(Loaded {
        doc,
        current_revision,
        prev: prev.map(link),
        next: next.map(link),
        same_day,
        same_day_query,
        correspondents,
        correspondents_query,
        enriched,
    })
}

/// A correspondent's surname as a phrase of the query language: the last word of "Alan G.
/// Kirk", the part before the comma of "Kirk, Alan G." (documents name people by surname far
/// more often than in full). `None` when no searchable word is left.
fn phrase(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '(' | ')') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let surname = match cleaned.split_once(',') {
        Some((before, _)) => before.split_whitespace().collect::<Vec<_>>().join(" "),
        None => cleaned
            .split_whitespace()
            .rev()
            .find(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
            .unwrap_or_default()
            .to_string(),
    };
    surname
        .chars()
        .any(char::is_alphanumeric)
        .then(|| format!("\"{surname}\""))
}

fn build(state: &AppState, caller: &Caller, loaded: Loaded) -> DocumentPage {
    let Loaded {
        doc,
        current_revision,
        prev,
        next,
        same_day,
        same_day_query,
        correspondents,
        correspondents_query,
        enriched,
    } = loaded;
    let site = state.site();
    let current_href = url::document_id(doc.id);
    let page_url = format!("{}{}", site.base_url, current_href);
    let meta_site = meta::Site {
        name: &site.name,
        base_url: &site.base_url,
        page_url: &page_url,
    };
    let old = doc.revision != current_revision;
    let mut chrome = Chrome::new(state, caller, doc.title.clone(), Section::Document);
    chrome.canonical = Some(page_url.clone());
    chrome.noindex = old;

    let (date, datetime, date_note) = match &doc.date {
        Some(d) => {
            let readable = d.readable();
            let note = match d.text() {
                Some(text) if text != readable => format!("given as “{text}”"),
                _ => String::new(),
            };
            (readable, view::machine_date(d), note)
        }
        None => ("Undated".to_string(), String::new(), String::new()),
    };

    let mut source = Vec::new();
    if let Some(s) = &doc.source {
        if let Some(text) = &s.text {
            source.push(Fact::text("Source", text.clone()));
        } else {
            let parts: Vec<String> = [
                s.title.clone(),
                s.place.clone(),
                s.publisher.clone(),
                s.year.map(|y| y.to_string()),
                s.pages.as_ref().map(|p| format!("p. {p}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !parts.is_empty() {
                source.push(Fact::text("Source", parts.join(", ")));
            }
        }
    }
    if let Some(u) = &doc.url {
        source.push(Fact {
            label: "Original address",
            value: u.clone(),
            href: render::is_web_address(u).then(|| u.clone()),
            code: false,
        });
    }
    if let Some(updated) = doc.source_updated {
        source.push(Fact::text(
            "Source last updated",
            updated.strftime("%-d %B %Y").to_string(),
        ));
    }
    source.push(Fact {
        label: "Permanent address",
        value: page_url.clone(),
        href: Some(page_url.clone()),
        code: false,
    });

    let mut rights = Vec::new();
    if let Some(statement) = &doc.rights.statement {
        rights.push(Fact::text("Rights", statement.clone()));
    }
    if let Some(uri) = &doc.rights.uri {
        rights.push(Fact {
            label: "Rights statement",
            value: uri.clone(),
            href: render::is_web_address(uri).then(|| uri.clone()),
            code: false,
        });
    }
    if let Some(until) = doc.rights.embargo_until {
        rights.push(Fact::text(
            "Embargo",
            format!("Embargoed until {}", until.strftime("%-d %B %Y")),
        ));
    }

    let mut provenance = Vec::new();
    if let Some(p) = &doc.provenance {
        if let Some(file) = &p.file {
            provenance.push(Fact {
                code: true,
                ..Fact::text("File", file.clone())
            });
        }
        if let Some(format) = &p.format {
            provenance.push(Fact::text("Format", format_name(format)));
        }
        if let Some(record) = &p.record {
            provenance.push(Fact {
                code: true,
                ..Fact::text("Record", record.clone())
            });
        }
        if let Some(sha) = &p.sha256 {
            provenance.push(Fact {
                code: true,
                ..Fact::text("SHA-256", sha.clone())
            });
        }
    }
    provenance.push(Fact {
        code: true,
        ..Fact::text("Identifier", doc.id.to_string())
    });

    let ctx = cite::context(state, &doc);
    let citations = cite::citations(&doc, &ctx);
    let downloads = cite::downloads(&doc);
    let body = render::body_linked(&doc.body, &enriched.text_links);
    let lang = doc.language.clone().unwrap_or_default();
    DocumentPage {
        meta: meta::tags(&doc, &meta_site),
        json_ld: meta::json_ld(&doc, &meta_site),
        page: chrome,
        lang,
        title: doc.title.clone(),
        doc_type: doc
            .doc_type
            .map(|t| t.label().to_string())
            .unwrap_or_default(),
        doc_type_href: doc
            .doc_type
            .map(|t| url::with_query("/search", [("type", t.slug())]))
            .unwrap_or_default(),
        date,
        datetime,
        date_note,
        place: doc.place.clone().unwrap_or_default(),
        senders: enriched.senders,
        recipients: enriched.recipients,
        entity_groups: enriched.groups,
        dates_mentioned: enriched.dates,
        relations: enriched.relations,
        incoming: enriched.incoming,
        caption: doc.caption.clone().unwrap_or_default(),
        body,
        source,
        rights,
        provenance,
        collections: doc
            .collections
            .iter()
            .map(|c| (view::collection_name(c), url::collection(c)))
            .collect(),
        subjects: doc.subjects.clone(),
        revision: doc.revision,
        updated: doc.updated.map(view::timestamp).unwrap_or_default(),
        history_href: format!("{current_href}/history"),
        old_revision: old.then(|| OldRevision {
            shown: doc.revision,
            current: current_revision,
            current_href: current_href.clone(),
        }),
        citations,
        downloads,
        prev,
        next,
        same_day,
        same_day_href: same_day_query
            .map(|q| {
                let day = q.trim_start_matches("date:").to_string();
                url::with_query("/search", [("date", day.as_str()), ("sort", "date")])
            })
            .unwrap_or_default(),
        correspondents,
        correspondents_href: correspondents_query
            .map(|q| url::with_query("/search", [("q", q.as_str()), ("sort", "date")]))
            .unwrap_or_default(),
        tools: None,
    }
}

/// The name of a reader, for people.
fn format_name(format: &str) -> String {
    match format {
        "cvce" => "CVCE text record".into(),
        "tei" => "TEI P5 XML".into(),
        "dc" => "Dublin Core XML".into(),
        "jsonl" => "JSON Lines".into(),
        "csv" => "CSV".into(),
        other => other.to_string(),
    }
}

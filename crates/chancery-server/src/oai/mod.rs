//! The OAI-PMH 2.0 data provider at `/oai`: the six verbs, `oai_dc` and `tei` metadata, sets
//! for document types (`type:telegram`) and collections (`collection:korean-war`), selective
//! harvesting by datestamp (the time of each document's latest change, to the second),
//! stateless resumption tokens that stay correct while the archive changes, and persistent
//! deleted records from tombstones. Only what the access gate lets an anonymous harvester see
//! is exposed: other documents do not exist here, not even as deleted records.

mod request;
mod token;
mod xml;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chancery_formats::{dc, tei};
use chancery_index::SearchRequest;
use chancery_model::{DocType, Document, DocumentId};
use chancery_store::{Head, HeadQuery};

use self::request::{Echo, ListArgs, OaiError, Request, Selection};
use self::token::Token;
use self::xml::Xml;
use crate::error::AppError;
use crate::state::AppState;

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";
const SCHEMA_LOCATION: &str =
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";

/// The metadata formats: prefix, schema, namespace.
const FORMATS: &[(&str, &str, &str)] = &[
    (
        "oai_dc",
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    ),
    (
        "tei",
        "https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd",
        "http://www.tei-c.org/ns/1.0",
    ),
];

/// `GET /oai` and `POST /oai` (form-encoded).
pub fn routes() -> Router<AppState> {
    Router::new().route("/oai", get(get_request).post(post_request))
}

async fn get_request(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let pairs = pairs(query.as_deref().unwrap_or_default().as_bytes());
    answer(state, pairs).await
}

async fn post_request(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let pairs = if form { pairs(&body) } else { Vec::new() };
    answer(state, pairs).await
}

fn pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

async fn answer(state: AppState, pairs: Vec<(String, String)>) -> Response {
    let result = state
        .blocking(move |state| Ok(respond(&state, &pairs)))
        .await;
    let body = match result {
        Ok(body) => body,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml; charset=utf-8"),
    );
    response
}

/// The whole response document for a request.
fn respond(state: &AppState, pairs: &[(String, String)]) -> String {
    let base_url = format!("{}/oai", state.site().base_url);
    let mut x = Xml::new();
    x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.open(
        "OAI-PMH",
        &[
            ("xmlns", OAI_NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
        ],
    );
    x.leaf("responseDate", &[], &datestamp(state.now()));
    match request::parse(pairs) {
        Err(error) => {
            // A bad verb or argument: the request element carries no attributes.
            x.leaf("request", &[], &base_url);
            x.leaf("error", &[("code", error.code)], &error.message);
        }
        Ok((request, echo)) => {
            let attrs: Vec<(&str, &str)> =
                echo.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            x.leaf("request", &attrs, &base_url);
            let mut body = Xml::new();
            match verb(state, &request, &echo, &mut body) {
                Ok(()) => x.raw(&body.finish()),
                Err(Failure::Oai(error)) => {
                    x.leaf("error", &[("code", error.code)], &error.message)
                }
                Err(Failure::Internal(e)) => {
                    tracing::error!(error = %e, "OAI-PMH request failed");
                    x.leaf(
                        "error",
                        &[("code", "badArgument")],
                        "the repository could not answer this request; the error was logged",
                    );
                }
            }
        }
    }
    x.close("OAI-PMH");
    x.finish()
}

enum Failure {
    Oai(OaiError),
    Internal(String),
}

impl From<OaiError> for Failure {
    fn from(e: OaiError) -> Self {
        Failure::Oai(e)
    }
}

impl<E: Into<AppError>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Internal(e.into().to_string())
    }
}

fn verb(state: &AppState, request: &Request, _echo: &Echo, x: &mut Xml) -> Result<(), Failure> {
    match request {
        Request::Identify => identify(state, x),
        Request::ListMetadataFormats { identifier } => {
            if let Some(identifier) = identifier {
                visible_document(state, identifier)?;
            }
            x.open("ListMetadataFormats", &[]);
            for (prefix, schema, namespace) in FORMATS {
                x.open("metadataFormat", &[]);
                x.leaf("metadataPrefix", &[], prefix);
                x.leaf("schema", &[], schema);
                x.leaf("metadataNamespace", &[], namespace);
                x.close("metadataFormat");
            }
            x.close("ListMetadataFormats");
            Ok(())
        }
        Request::ListSets { token } => list_sets(state, token.as_ref(), x),
        Request::ListIdentifiers(args) => list(state, args, false, x),
        Request::ListRecords(args) => list(state, args, true, x),
        Request::GetRecord {
            identifier,
            metadata_prefix,
        } => {
            check_format(metadata_prefix)?;
            let (head, doc) = visible_document(state, identifier)?;
            x.open("GetRecord", &[]);
            record(state, &head, doc.as_ref(), metadata_prefix, true, x);
            x.close("GetRecord");
            Ok(())
        }
    }
}

fn identify(state: &AppState, x: &mut Xml) -> Result<(), Failure> {
    let store = state.store();
    let earliest = store
        .changes_since(0, 1)?
        .first()
        .map_or_else(|| state.now(), |c| c.at);
    let site = state.site();
    x.open("Identify", &[]);
    x.leaf("repositoryName", &[], &site.name);
    x.leaf("baseURL", &[], &format!("{}/oai", site.base_url));
    x.leaf("protocolVersion", &[], "2.0");
    x.leaf("adminEmail", &[], &state.oai().admin_email);
    x.leaf("earliestDatestamp", &[], &datestamp(earliest));
    x.leaf("deletedRecord", &[], "persistent");
    x.leaf("granularity", &[], "YYYY-MM-DDThh:mm:ssZ");
    x.open("description", &[]);
    x.open(
        "oai-identifier",
        &[
            ("xmlns", "http://www.openarchives.org/OAI/2.0/oai-identifier"),
            ("xsi:schemaLocation", "http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"),
        ],
    );
    x.leaf("scheme", &[], "oai");
    x.leaf("repositoryIdentifier", &[], &repository_id(state));
    x.leaf("delimiter", &[], ":");
    x.leaf(
        "sampleIdentifier",
        &[],
        &format!(
            "oai:{}:5118690c-57ed-4ad7-a473-188be44d8d2e",
            repository_id(state)
        ),
    );
    x.close("oai-identifier");
    x.close("description");
    x.close("Identify");
    Ok(())
}

fn list_sets(state: &AppState, token: Option<&Token>, x: &mut Xml) -> Result<(), Failure> {
    if token.is_some() {
        // Every set comes in one answer, so no token of ours can continue this list.
        return Err(OaiError::new(
            "badResumptionToken",
            "ListSets answers in one page; there is nothing to resume",
        )
        .into());
    }
    let mut request = SearchRequest::new("");
    request.facets = true;
    request.limit = 1;
    request.snippets = false;
    request.visibility = state.anonymous_gate().visibility();
    let results = state.index().search(&request, state.store().as_ref())?;
    let facets = results.facets.unwrap_or_default();
    if facets.doc_type.is_empty() && facets.collection.is_empty() {
        return Err(OaiError::new("noSetHierarchy", "this repository holds no sets yet").into());
    }
    x.open("ListSets", &[]);
    for t in &facets.doc_type {
        let label = DocType::from_name(&t.value).map_or(t.value.clone(), |d| d.label().to_string());
        x.open("set", &[]);
        x.leaf("setSpec", &[], &format!("type:{}", t.value));
        x.leaf("setName", &[], &format!("Documents of type: {label}"));
        x.close("set");
    }
    for c in &facets.collection {
        x.open("set", &[]);
        x.leaf("setSpec", &[], &format!("collection:{}", c.value));
        x.leaf(
            "setName",
            &[],
            &format!("Collection: {}", c.value.replace('-', " ")),
        );
        x.close("set");
    }
    x.close("ListSets");
    Ok(())
}

fn check_format(prefix: &str) -> Result<(), OaiError> {
    if FORMATS.iter().any(|(p, _, _)| *p == prefix) {
        Ok(())
    } else {
        Err(OaiError::new(
            "cannotDisseminateFormat",
            format!("'{prefix}' is not a metadata format of this repository (oai_dc, tei)"),
        ))
    }
}

/// The head query of a selection, restricted to what an anonymous harvester may see.
/// `None` when the set cannot exist.
fn head_query(
    state: &AppState,
    selection: &Selection,
    after_seq: u64,
) -> Result<Option<HeadQuery>, OaiError> {
    let mut query = HeadQuery {
        after_seq,
        from: selection.from,
        until: selection.until,
        visible: Some(state.anonymous_gate().store_visibility()),
        ..HeadQuery::default()
    };
    if let Some(set) = &selection.set {
        match set.split_once(':') {
            Some(("type", slug)) => match DocType::from_name(slug).filter(|t| t.slug() == slug) {
                Some(t) => query.doc_type = Some(t),
                None => return Ok(None),
            },
            Some(("collection", id)) if !id.is_empty() => query.collection = Some(id.to_string()),
            _ => return Ok(None),
        }
    }
    Ok(Some(query))
}

fn list(state: &AppState, args: &ListArgs, records: bool, x: &mut Xml) -> Result<(), Failure> {
    let (selection, after_seq, cursor, size) = match args {
        ListArgs::Start(selection) => (selection.clone(), 0, 0, None),
        ListArgs::Resume(token) => (
            token.selection.clone(),
            token.after_seq,
            token.cursor,
            Some(token.size),
        ),
    };
    check_format(&selection.metadata_prefix)?;
    let no_match = || {
        Failure::Oai(OaiError::new(
            "noRecordsMatch",
            "no record matches these arguments",
        ))
    };
    let Some(query) = head_query(state, &selection, after_seq)? else {
        return Err(no_match());
    };
    let store = state.store();
    let size = match size {
        Some(size) => size,
        None => store.count_heads(&HeadQuery {
            after_seq: 0,
            ..query.clone()
        })?,
    };
    let page_size = state.oai().page_size.max(1);
    let mut heads = store.heads(&query, page_size + 1)?;
    let more = heads.len() > page_size;
    heads.truncate(page_size);
    if heads.is_empty() && cursor == 0 {
        return Err(no_match());
    }
    let element = if records {
        "ListRecords"
    } else {
        "ListIdentifiers"
    };
    x.open(element, &[]);
    let gate = state.anonymous_gate();
    for head in &heads {
        if records {
            let doc = if head.deleted {
                None
            } else {
                match store.get(head.id)? {
                    Some(stored) if gate.allows(&stored.document) => Some(stored.document),
                    // Changed since the head was read: the next harvest sees it again.
                    _ => continue,
                }
            };
            record(
                state,
                head,
                doc.as_ref(),
                &selection.metadata_prefix,
                true,
                x,
            );
        } else {
            header(state, head, x);
        }
    }
    let next_cursor = cursor + heads.len() as u64;
    if more {
        let token = Token {
            selection,
            after_seq: heads.last().map_or(after_seq, |h| h.seq),
            cursor: next_cursor,
            size,
        };
        x.leaf(
            "resumptionToken",
            &[
                ("completeListSize", &size.to_string()),
                ("cursor", &cursor.to_string()),
            ],
            &token.encode(),
        );
    } else if cursor > 0 {
        // The last page of a resumed list ends with an empty token.
        x.leaf(
            "resumptionToken",
            &[
                ("completeListSize", &size.to_string()),
                ("cursor", &cursor.to_string()),
            ],
            "",
        );
    }
    x.close(element);
    Ok(())
}

/// The head and (unless deleted) the document behind an OAI identifier, if the harvester may
/// see it; otherwise `idDoesNotExist`.
fn visible_document(
    state: &AppState,
    identifier: &str,
) -> Result<(Head, Option<Document>), Failure> {
    let missing = || {
        Failure::Oai(OaiError::new(
            "idDoesNotExist",
            format!("'{identifier}' is not an identifier of this repository"),
        ))
    };
    let prefix = format!("oai:{}:", repository_id(state));
    let id: DocumentId = identifier
        .strip_prefix(&prefix)
        .and_then(|s| s.parse().ok())
        .ok_or_else(missing)?;
    let Some(stored) = state.store().get(id)? else {
        return Err(missing());
    };
    // The gate judges the content even of a deleted document: a document nobody may see
    // does not exist here, not even as a deleted record.
    if !state.anonymous_gate().allows(&stored.document) {
        return Err(missing());
    }
    let doc = stored.document;
    let head = Head {
        id,
        seq: 0,
        at: doc.updated.unwrap_or_else(|| state.now()),
        deleted: stored.deleted,
        access: doc.rights.access,
        embargo_until: doc.rights.embargo_until,
        doc_type: doc.doc_type,
        collections: doc.collections.clone(),
    };
    Ok((head, (!stored.deleted).then_some(doc)))
}

fn header(state: &AppState, head: &Head, x: &mut Xml) {
    let attrs: &[(&str, &str)] = if head.deleted {
        &[("status", "deleted")]
    } else {
        &[]
    };
    x.open("header", attrs);
    x.leaf("identifier", &[], &oai_identifier(state, head.id));
    x.leaf("datestamp", &[], &datestamp(head.at));
    if let Some(t) = head.doc_type {
        x.leaf("setSpec", &[], &format!("type:{}", t.slug()));
    }
    for c in &head.collections {
        x.leaf("setSpec", &[], &format!("collection:{c}"));
    }
    x.close("header");
}

fn record(
    state: &AppState,
    head: &Head,
    doc: Option<&Document>,
    prefix: &str,
    with_metadata: bool,
    x: &mut Xml,
) {
    x.open("record", &[]);
    header(state, head, x);
    if let (Some(doc), true) = (doc, with_metadata) {
        x.open("metadata", &[]);
        match prefix {
            "tei" => {
                let file = tei::write(doc);
                // The record holds the TEI element, not a file: no XML declaration.
                let element = match file.strip_prefix("<?xml") {
                    Some(rest) => rest
                        .split_once("?>")
                        .map_or(rest, |(_, after)| after)
                        .trim_start(),
                    None => file.as_str(),
                };
                x.raw(element);
            }
            _ => x.raw(&dc::write_record(doc)),
        }
        x.close("metadata");
    }
    x.close("record");
}

/// The repository identifier: the host of the public address.
fn repository_id(state: &AppState) -> String {
    let base = &state.site().base_url;
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost");
    if host.is_empty() {
        "localhost".into()
    } else {
        host.to_ascii_lowercase()
    }
}

fn oai_identifier(state: &AppState, id: DocumentId) -> String {
    format!("oai:{}:{id}", repository_id(state))
}

/// A datestamp to the second, in UTC.
fn datestamp(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

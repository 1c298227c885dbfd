//! Persons, organizations and places: the lists of those named in documents the viewer may
//! see (`/people`, `/organizations`, `/places`, from the index's facets), and one entity's
//! page (`/people/{id}`, …): its authority record (names, dates, positions, identifiers,
//! notes), its documents in date order with a histogram of years, and for persons their
//! correspondents, drawn as a network and listed as a table.
//!
//! Everything about documents goes through the caller's gate: the documents come from a
//! search with the gate's visibility, and the correspondents from those documents, each
//! loaded from the store only after [`crate::access::Gate::allows`]. An identifier that is
//! neither an authority record (the archive's or the baseline's) nor named by a visible
//! document is not found, exactly like an unknown one.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chancery_index::{MAX_LIMIT, SearchRequest, SearchResults, Sort};
use chancery_model::{AgentRef, Authority, DocumentId};

use super::error::{OrPage, PageError};
use super::histogram::{self, Histogram};
use super::home::{CountLink, count_links};
use super::merge::MergeForm;
use super::network::{self, Correspondent};
use super::search::{self, MAX_PAGE, PAGE_SIZE, Pagination, Params};
use super::view::{self, DocLink};
use super::{Chrome, Section, cached_page, html_bytes, html_cached, url};
use crate::access::Gate;
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::http::caching::Validator;
use crate::names::{self, Kind, Origin};
use crate::state::AppState;

/// `GET /people`.
pub async fn people(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    list(state, caller, Kind::Person, headers).await
}

/// `GET /organizations`.
pub async fn organizations(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    list(state, caller, Kind::Organization, headers).await
}

/// `GET /places`.
pub async fn places(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    list(state, caller, Kind::Place, headers).await
}

/// `GET /people/{id}`.
pub async fn person(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    page(state, caller, Kind::Person, id, raw, headers).await
}

/// `GET /organizations/{id}`.
pub async fn organization(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    page(state, caller, Kind::Organization, id, raw, headers).await
}

/// `GET /places/{id}`.
pub async fn place(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    page(state, caller, Kind::Place, id, raw, headers).await
}

/// The plural heading of a kind.
fn heading(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "People",
        Kind::Organization => "Organizations",
        Kind::Place => "Places",
    }
}

/// The validator of a page that depends on the index, the viewer and the day, and `parts`.
fn validator(state: &AppState, caller: &Caller, gate: &Gate, parts: &[&str]) -> Validator {
    let today = state
        .now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let index_tag = state.index().content_tag();
    let page_tag = caller.page_tag();
    let mut all: Vec<&str> = vec![
        &index_tag,
        gate.cache_tag(),
        &page_tag,
        &today,
        &state.site().base_url,
        &state.site().name,
    ];
    all.extend_from_slice(parts);
    Validator::from_parts(&all)
}

#[derive(Template)]
#[template(path = "entities.html")]
struct ListPage {
    page: Chrome,
    heading: &'static str,
    noun: &'static str,
    entities: Vec<CountLink>,
    limit: usize,
}

async fn list(
    state: AppState,
    caller: Caller,
    kind: Kind,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let gate = caller.gate();
    let validator = validator(&state, &caller, &gate, &["entities", kind.as_str()]);
    if validator.is_fresh(&headers) {
        return Ok(validator.respond(&headers, || StatusCode::NOT_MODIFIED.into_response()));
    }
    let key = format!("entities {}", validator.etag());
    if let Some(body) = cached_page(&caller, &key) {
        return Ok(validator.respond(&headers, || html_bytes(body)));
    }
    let visibility = gate.visibility();
    let entities = state
        .blocking(move |state| {
            let mut request = SearchRequest::new("");
            request.limit = 1;
            request.facets = true;
            request.snippets = false;
            request.visibility = visibility;
            let facets = state
                .index()
                .search(&request, state.store().as_ref())?
                .facets
                .unwrap_or_default();
            let counts = match kind {
                Kind::Person => facets.person,
                Kind::Organization => facets.org,
                Kind::Place => facets.place,
            };
            let store = state.store();
            let mut out = Vec::with_capacity(counts.len());
            for count in counts {
                let resolved = state.names().resolve(store.as_ref(), &count.value)?;
                out.push((resolved.name, count.count, kind.href(&count.value)));
            }
            Ok(out)
        })
        .await
        .or_page(&state)?;
    let mut chrome = Chrome::new(&state, &caller, heading(kind), Section::Other);
    chrome.canonical = Some(format!("{}{}", state.site().base_url, kind.section()));
    let page = ListPage {
        page: chrome,
        heading: heading(kind),
        noun: match kind {
            Kind::Person => "people",
            Kind::Organization => "organizations",
            Kind::Place => "places",
        },
        entities: count_links(entities),
        limit: chancery_index::ENTITY_FACET_LIMIT,
    };
    Ok(validator.respond(&headers, || html_cached(&caller, &key, &page)))
}

/// A position held, as shown.
#[derive(Debug, Clone)]
pub struct PositionView {
    /// The title.
    pub title: String,
    /// Whose office it is, when known.
    pub organization: Option<NameLink>,
    /// Where it was held, when known.
    pub place: Option<NameLink>,
    /// When, readable, or empty.
    pub dates: String,
}

/// A name, linked to its page when it is a known identifier.
#[derive(Debug, Clone)]
pub struct NameLink {
    /// The name.
    pub name: String,
    /// Its page.
    pub href: Option<String>,
}

/// An identifier in another authority file, as shown.
#[derive(Debug, Clone)]
pub struct IdentifierView {
    /// The authority file.
    pub scheme: String,
    /// The identifier there.
    pub value: String,
    /// The record there, for files whose addresses are known.
    pub href: Option<String>,
}

/// A correspondent's row in the table.
#[derive(Debug, Clone)]
pub struct CorrespondentRow {
    /// Who, with their page.
    pub link: NameLink,
    /// Documents the person sent them.
    pub sent: u64,
    /// Documents they sent the person.
    pub received: u64,
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    page: Chrome,
    section_href: &'static str,
    section_heading: &'static str,
    kind_label: &'static str,
    name: String,
    id: String,
    alternate_names: Vec<String>,
    dates: String,
    positions: Vec<PositionView>,
    identifiers: Vec<IdentifierView>,
    notes: String,
    origin: &'static str,
    total: String,
    summary: String,
    search_href: String,
    hits: Vec<DocLink>,
    first_number: usize,
    pagination: Pagination,
    histogram: Option<Histogram>,
    network: Option<super::markup::Markup>,
    correspondents: Vec<CorrespondentRow>,
    correspondents_partial: bool,
    merge: Option<MergeForm>,
}

/// What an entity's page needs from the store and the index.
struct Loaded {
    record: Option<(Authority, Origin)>,
    name: String,
    results: SearchResults,
    correspondents: Vec<CorrespondentRow>,
    partial: bool,
    positions: Vec<PositionView>,
}

async fn page(
    state: AppState,
    caller: Caller,
    kind: Kind,
    id: String,
    raw: Option<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let not_found = || {
        PageError::new(
            &state,
            AppError::not_found(format!("no {} {id}", kind.as_str())),
        )
    };
    if !names::is_valid_id(&id) {
        return Err(not_found());
    }
    let asked = Params::parse(raw.as_deref()).or_page(&state)?;
    let mut params = Params::parse(None).or_page(&state)?;
    params.page = asked.page;
    let gate = caller.gate();
    // The record first (it is part of the validator): a record of another kind is not this
    // kind's page.
    let key_id = id.clone();
    let (record, merged_into) = state
        .blocking(move |state| {
            let store = state.store();
            let record = state.names().record(store.as_ref(), &key_id)?;
            let merged_into = match record {
                Some(_) => None,
                None => store.authority_merged_into(&key_id)?,
            };
            Ok((record, merged_into))
        })
        .await
        .or_page(&state)?;
    // A record merged into another lives on at the other's address.
    if let Some(into) = merged_into {
        return Ok(Redirect::permanent(&Kind::of_id(&into).href(&into)).into_response());
    }
    let actual = record
        .as_ref()
        .map_or_else(|| Kind::of_id(&id), |(r, _)| Kind::of_record(r));
    if actual != kind {
        return Err(not_found());
    }
    let record_tag = record
        .as_ref()
        .map(|(r, o)| {
            format!(
                "{}:{}",
                o.as_str(),
                serde_json::to_string(r).unwrap_or_default()
            )
        })
        .unwrap_or_default();
    let page_text = params.page.to_string();
    let validator = validator(
        &state,
        &caller,
        &gate,
        &["entity", kind.as_str(), &id, &page_text, &record_tag],
    );
    if validator.is_fresh(&headers) {
        return Ok(validator.respond(&headers, || StatusCode::NOT_MODIFIED.into_response()));
    }
    let key = format!("entity {}", validator.etag());
    if let Some(body) = cached_page(&caller, &key) {
        return Ok(validator.respond(&headers, || html_bytes(body)));
    }
    let page_number = params.page;
    let for_load = id.clone();
    let loaded = state
        .blocking(move |state| load(&state, &gate, kind, &for_load, record, page_number))
        .await
        .or_page(&state)?;
    if loaded.record.is_none() && loaded.results.total == 0 {
        return Err(not_found());
    }
    let page = build(&state, &caller, kind, &id, &params, loaded);
    Ok(validator.respond(&headers, || html_cached(&caller, &key, &page)))
}

fn load(
    state: &AppState,
    gate: &Gate,
    kind: Kind,
    id: &str,
    record: Option<(Authority, Origin)>,
    page: usize,
) -> Result<Loaded, AppError> {
    let store = state.store();
    let index = state.index();
    let query = format!("{}:\"{id}\"", kind.query_field());
    let mut request = SearchRequest::new(query.clone());
    request.sort = Sort::DateAscending;
    request.limit = PAGE_SIZE;
    request.offset = (page - 1) * PAGE_SIZE;
    request.facets = true;
    request.snippets = false;
    request.visibility = gate.visibility();
    let results = index.search(&request, store.as_ref())?;
    let name = match &record {
        Some((r, _)) => r.preferred_name().to_string(),
        None => names::humanize(id),
    };
    let positions = match &record {
        Some((Authority::Agent(agent), _)) => {
            let mut out = Vec::with_capacity(agent.positions.len());
            for p in &agent.positions {
                let link = |value: &Option<String>| -> Result<Option<NameLink>, AppError> {
                    value.as_deref().map(|v| name_link(state, v)).transpose()
                };
                out.push(PositionView {
                    title: p.title.clone(),
                    organization: link(&p.organization)?,
                    place: link(&p.place)?,
                    dates: p.dates.as_ref().map(|d| d.readable()).unwrap_or_default(),
                });
            }
            out
        }
        _ => Vec::new(),
    };
    let (correspondents, partial) = if kind == Kind::Person {
        correspondents(state, gate, id, &query)?
    } else {
        (Vec::new(), false)
    };
    Ok(Loaded {
        record,
        name,
        results,
        correspondents,
        partial,
        positions,
    })
}

/// A value that may be an identifier (linked, by its name) or a name as written.
fn name_link(state: &AppState, value: &str) -> Result<NameLink, AppError> {
    if names::is_valid_id(value) {
        let resolved = state.names().resolve(state.store().as_ref(), value)?;
        if resolved.known {
            return Ok(NameLink {
                href: Some(resolved.href()),
                name: resolved.name,
            });
        }
    }
    Ok(NameLink {
        name: value.to_string(),
        href: None,
    })
}

/// Who wrote to the person `id` and to whom they wrote, from the senders and recipients of
/// the documents naming them that the viewer may see (at most [`MAX_LIMIT`] documents; the
/// flag says whether there were more). The most frequent first.
fn correspondents(
    state: &AppState,
    gate: &Gate,
    id: &str,
    query: &str,
) -> Result<(Vec<CorrespondentRow>, bool), AppError> {
    let store = state.store();
    let mut request = SearchRequest::new(query);
    request.sort = Sort::DateAscending;
    request.limit = MAX_LIMIT;
    request.snippets = false;
    request.visibility = gate.visibility();
    let results = state.index().search(&request, store.as_ref())?;
    let partial = results.total > results.hits.len() as u64;
    // Key (identifier, or the folded name) → (shown as, sent, received).
    let mut counts: HashMap<String, (AgentRef, u64, u64)> = HashMap::new();
    let is_them = |a: &AgentRef| a.id.as_deref() == Some(id);
    for hit in &results.hits {
        let Ok(doc_id) = hit.id.parse::<DocumentId>() else {
            continue;
        };
        let Some(stored) = store.get(doc_id)? else {
            continue;
        };
        if stored.deleted || !gate.allows(&stored.document) {
            continue;
        }
        let doc = stored.document;
        let sent = doc.senders.iter().any(is_them);
        let received = doc.recipients.iter().any(is_them);
        let mut count = |other: &AgentRef, to_them: bool| {
            if is_them(other) || (other.name.trim().is_empty() && other.id.is_none()) {
                return;
            }
            let key = match &other.id {
                Some(id) => id.clone(),
                None => format!("name:{}", other.name.trim().to_lowercase()),
            };
            let entry = counts.entry(key).or_insert_with(|| (other.clone(), 0, 0));
            if to_them {
                entry.2 += 1;
            } else {
                entry.1 += 1;
            }
        };
        if sent {
            for r in &doc.recipients {
                count(r, false);
            }
        }
        if received {
            for s in &doc.senders {
                count(s, true);
            }
        }
    }
    let mut rows = Vec::with_capacity(counts.len());
    for (agent, sent, received) in counts.into_values() {
        let link = match agent.id.as_deref().filter(|i| names::is_valid_id(i)) {
            Some(other) => {
                let resolved = state.names().resolve(store.as_ref(), other)?;
                NameLink {
                    href: Some(resolved.href()),
                    name: resolved.name,
                }
            }
            None => {
                let phrase: String = agent.name.chars().filter(|c| *c != '"').collect();
                NameLink {
                    href: Some(url::search(&format!("\"{}\"", phrase.trim()))),
                    name: agent.name.clone(),
                }
            }
        };
        rows.push(CorrespondentRow {
            link,
            sent,
            received,
        });
    }
    rows.sort_by(|a, b| {
        (b.sent + b.received)
            .cmp(&(a.sent + a.received))
            .then_with(|| a.link.name.cmp(&b.link.name))
    });
    Ok((rows, partial))
}

fn build(
    state: &AppState,
    caller: &Caller,
    kind: Kind,
    id: &str,
    params: &Params,
    loaded: Loaded,
) -> EntityPage {
    let path = kind.href(id);
    let results = &loaded.results;
    let pages_total = usize::try_from(results.total)
        .unwrap_or(usize::MAX)
        .div_ceil(PAGE_SIZE)
        .max(1);
    let pagination = search::pagination(
        params,
        pages_total.min(MAX_PAGE),
        pages_total > MAX_PAGE,
        &path,
    );
    let mut chrome = Chrome::new(state, caller, loaded.name.clone(), Section::Other);
    chrome.canonical = Some(format!("{}{}", state.site().base_url, path));
    chrome.noindex = params.page > 1;
    if let Some(prev) = &pagination.prev {
        chrome.links.push(("prev", prev.clone()));
    }
    if let Some(next) = &pagination.next {
        chrome.links.push(("next", next.clone()));
    }
    let field = kind.query_field();
    let years: Vec<(i64, u64)> = results
        .facets
        .as_ref()
        .map(|f| f.year.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|f| Some((f.value.parse::<i64>().ok()?, f.count)))
        .collect();
    let histogram = histogram::draw(
        &years,
        |first, last| {
            let (first, last) = (first.to_string(), last.to_string());
            url::with_query(
                "/search",
                [
                    (field, id),
                    ("from", first.as_str()),
                    ("to", last.as_str()),
                    ("sort", "date"),
                ],
            )
        },
        |_| false,
    );
    let hits: Vec<DocLink> = results.hits.iter().map(DocLink::from_hit).collect();
    let first = (params.page - 1) * PAGE_SIZE + 1;
    let summary = if results.total == 0 {
        "No document you may see names them.".to_string()
    } else if hits.is_empty() {
        "There are no more documents.".to_string()
    } else {
        format!(
            "Showing {}–{} of {}, oldest first.",
            view::thousands(first as u64),
            view::thousands((first + hits.len() - 1) as u64),
            view::count_noun(results.total, "document", "documents"),
        )
    };
    let graph: Vec<Correspondent> = loaded
        .correspondents
        .iter()
        .map(|c| Correspondent {
            name: c.link.name.clone(),
            href: c.link.href.clone().unwrap_or_default(),
            sent: c.sent,
            received: c.received,
        })
        .collect();
    let (alternate_names, dates, identifiers, notes, origin) = match &loaded.record {
        Some((record, origin)) => {
            let (dates, identifiers, notes) = match record {
                Authority::Agent(a) => (
                    a.dates.as_ref().map(|d| d.readable()).unwrap_or_default(),
                    &a.identifiers,
                    a.notes.clone().unwrap_or_default(),
                ),
                Authority::Place(p) => (
                    String::new(),
                    &p.identifiers,
                    p.notes.clone().unwrap_or_default(),
                ),
            };
            (
                record.alternate_names().to_vec(),
                dates,
                identifiers
                    .iter()
                    .map(|i| IdentifierView {
                        href: identifier_href(&i.scheme, &i.value),
                        scheme: i.scheme.clone(),
                        value: i.value.clone(),
                    })
                    .collect(),
                notes,
                match origin {
                    Origin::Archive => "the archive's authority records",
                    Origin::Baseline => "the built-in gazetteer",
                },
            )
        }
        None => (Vec::new(), String::new(), Vec::new(), String::new(), ""),
    };
    EntityPage {
        page: chrome,
        section_href: kind.section(),
        section_heading: heading(kind),
        kind_label: match kind {
            Kind::Person => "Person",
            Kind::Organization => "Organization",
            Kind::Place => "Place",
        },
        network: network::draw(&loaded.name, &path, &graph),
        name: loaded.name,
        id: id.to_string(),
        alternate_names,
        dates,
        positions: loaded.positions,
        identifiers,
        notes,
        origin,
        total: view::count_noun(results.total, "document", "documents"),
        summary,
        search_href: url::with_query("/search", [(field, id), ("sort", "date")]),
        hits,
        first_number: first,
        pagination,
        histogram,
        correspondents: loaded.correspondents,
        correspondents_partial: loaded.partial,
        // Only the archive's own records can be merged away (the baseline is built in).
        merge: matches!(loaded.record, Some((_, Origin::Archive)))
            .then(|| MergeForm::for_caller(caller, kind, id))
            .flatten(),
    }
}

/// The address of a record in a well-known authority file, when the value has that file's
/// shape.
fn identifier_href(scheme: &str, value: &str) -> Option<String> {
    let value = value.trim();
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    match scheme.to_ascii_lowercase().as_str() {
        "wikidata"
            if value.len() > 1
                && value.starts_with('Q')
                && value[1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(format!("https://www.wikidata.org/wiki/{value}"))
        }
        "viaf" if digits => Some(format!("https://viaf.org/viaf/{value}")),
        "geonames" if digits => Some(format!("https://www.geonames.org/{value}")),
        "pocom" if names::is_valid_id(value) && !value.contains(':') => Some(format!(
            "https://history.state.gov/departmenthistory/people/{value}"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_link_only_in_their_shape() {
        assert_eq!(
            identifier_href("wikidata", "Q123").as_deref(),
            Some("https://www.wikidata.org/wiki/Q123")
        );
        assert_eq!(identifier_href("wikidata", "Q12<x"), None);
        assert_eq!(identifier_href("viaf", "javascript:1"), None);
        assert_eq!(identifier_href("other", "1"), None);
    }
}

//! Collections: the list of them (from the index's facet over what the viewer may see), and
//! one collection's documents in date order, with facets, a search within it, and pages.
//!
//! A collection has no title record yet: its name is made from its identifier.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chancery_index::{SearchRequest, SearchResults};

use super::error::{OrPage, PageError};
use super::home::{CountLink, count_links};
use super::search::{
    self, Chip, FacetGroup, HitView, MAX_PAGE, PAGE_SIZE, Pagination, Params, SortLink,
};
use super::view::{self, DocLink};
use super::{Chrome, Section, html_ok, url};
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::names::Labels;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "collections.html")]
struct CollectionsPage {
    page: Chrome,
    collections: Vec<CountLink>,
}

/// `GET /collections`.
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let visibility = caller.gate().visibility();
    let results = state
        .blocking(move |state| {
            let mut request = SearchRequest::new("");
            request.limit = 1;
            request.facets = true;
            request.snippets = false;
            request.visibility = visibility;
            Ok(state.index().search(&request, state.store().as_ref())?)
        })
        .await
        .or_page(&state)?;
    let mut facets = results.facets.unwrap_or_default().collection;
    facets.sort_by_key(|f| view::collection_name(&f.value).to_lowercase());
    let collections = count_links(facets.iter().map(|f| {
        (
            view::collection_name(&f.value),
            f.count,
            url::collection(&f.value),
        )
    }));
    let mut chrome = Chrome::new(&state, &caller, "Collections", Section::Collections);
    chrome.canonical = Some(format!("{}/collections", state.site().base_url));
    Ok(html_ok(&CollectionsPage {
        page: chrome,
        collections,
    }))
}

#[derive(Template)]
#[template(path = "collection.html")]
struct CollectionPage {
    page: Chrome,
    name: String,
    id: String,
    path: String,
    total: String,
    summary: String,
    q: String,
    hits: Vec<HitView>,
    first_number: usize,
    facets: Vec<FacetGroup>,
    chips: Vec<Chip>,
    sorts: Vec<SortLink>,
    pagination: Pagination,
}

/// `GET /collections/{id}`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let slug = chancery_model::authority::slug(&id);
    if slug.is_empty() {
        return Err(PageError::new(
            &state,
            AppError::not_found(format!("no collection {id}")),
        ));
    }
    let mut params = Params::parse(raw.as_deref()).or_page(&state)?;
    // The collection is the page itself, not a filter to show or remove.
    let path = url::collection(&slug);
    if let Err(error) = chancery_index::query::parse(&params.q) {
        return Err(PageError::new(
            &state,
            AppError::Query {
                query: params.q.clone(),
                error,
            },
        ));
    }
    params
        .filters
        .retain(|(f, _)| *f != search::Field::Collection);
    let sort = params.effective_sort();
    let full = format!("{} collection:{slug}", params.index_query(true));
    let visibility = caller.gate().visibility();
    let page_number = params.page;
    let collection_query = format!("collection:{slug}");
    let for_labels = params.clone();
    let (in_collection, results, labels): (u64, SearchResults, Labels) = state
        .blocking(move |state| {
            let store = state.store();
            let index = state.index();
            let mut count = SearchRequest::new(collection_query);
            count.limit = 1;
            count.snippets = false;
            count.visibility = visibility.clone();
            let in_collection = index.search(&count, store.as_ref())?.total;
            let mut request = SearchRequest::new(full);
            request.sort = match sort {
                search::SortKey::Relevance => chancery_index::Sort::Relevance,
                search::SortKey::Date => chancery_index::Sort::DateAscending,
                search::SortKey::DateDesc => chancery_index::Sort::DateDescending,
            };
            request.limit = PAGE_SIZE;
            request.offset = (page_number - 1) * PAGE_SIZE;
            request.facets = true;
            request.snippets = true;
            request.visibility = visibility;
            let results = index.search(&request, store.as_ref())?;
            let labels = search::entity_labels(&state, &for_labels, results.facets.as_ref())?;
            Ok((in_collection, results, labels))
        })
        .await
        .or_page(&state)?;
    if in_collection == 0 {
        return Err(PageError::new(
            &state,
            AppError::not_found(format!("no collection {slug}")),
        ));
    }
    let name = view::collection_name(&slug);
    let mut facets = results.facets.clone().unwrap_or_default();
    facets.collection.retain(|f| f.value != slug);
    let pages_total = usize::try_from(results.total)
        .unwrap_or(usize::MAX)
        .div_ceil(PAGE_SIZE)
        .max(1);
    let pagination = search::pagination(
        &params,
        pages_total.min(MAX_PAGE),
        pages_total > MAX_PAGE,
        &path,
    );
    let mut chrome = Chrome::new(&state, &caller, name.clone(), Section::Collections);
    chrome.canonical = Some(format!("{}{}", state.site().base_url, path));
    chrome.noindex = params.has_filters() || !params.q.is_empty() || params.page > 1;
    if let Some(prev) = &pagination.prev {
        chrome.links.push(("prev", prev.clone()));
    }
    if let Some(next) = &pagination.next {
        chrome.links.push(("next", next.clone()));
    }
    let hits: Vec<HitView> = results
        .hits
        .iter()
        .map(|hit| HitView {
            link: DocLink::from_hit(hit),
            snippet: if params.q.trim().is_empty() {
                Default::default()
            } else {
                hit.passage
                    .as_ref()
                    .map(search::snippet_markup)
                    .unwrap_or_default()
            },
        })
        .collect();
    let first = (params.page - 1) * PAGE_SIZE + 1;
    let summary = if results.total == 0 {
        "No documents of this collection match.".to_string()
    } else {
        format!(
            "Showing {}–{} of {}.",
            view::thousands(first as u64),
            view::thousands((first + hits.len() - 1) as u64),
            view::count_noun(results.total, "document", "documents"),
        )
    };
    Ok(html_ok(&CollectionPage {
        page: chrome,
        total: view::count_noun(in_collection, "document", "documents"),
        id: slug,
        summary,
        q: params.q.clone(),
        first_number: first,
        facets: search::facet_groups(&params, &facets, &path, &labels),
        chips: search::chips_on(&params, &path, &labels),
        sorts: search::sort_links(&params, &path),
        pagination,
        hits,
        name,
        path,
    }))
}

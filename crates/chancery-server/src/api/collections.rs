//! `/api/v1/collections`: the collections that hold documents the caller may see, with
//! their counts (the index's facet counts over visible documents).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use chancery_index::{Facets, SearchRequest};
use serde::Serialize;
use utoipa::ToSchema;

use super::documents::collection_id;
use super::from_index;
use super::params::{Params, PathId};
use super::schema::{ErrorSchema, FacetsSchema};
use crate::access::Gate;
use crate::auth::caller::Caller;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// A collection and how many documents the caller may see in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CollectionSummary {
    /// The collection's identifier.
    #[schema(example = "korean-war")]
    pub id: String,
    /// How many documents it holds that the caller may see.
    pub count: u64,
    /// The collection in this API.
    pub url: String,
    /// Its documents in this API (`/api/v1/documents?collection=…`).
    pub documents: String,
}

impl CollectionSummary {
    fn new(id: String, count: u64) -> Self {
        Self {
            url: format!("/api/v1/collections/{id}"),
            documents: format!("/api/v1/documents?collection={id}"),
            id,
            count,
        }
    }
}

/// The collections.
#[derive(Debug, Serialize, ToSchema)]
pub struct CollectionList {
    /// Every collection with visible documents, the largest first.
    pub collections: Vec<CollectionSummary>,
}

/// One collection, with counts of its documents by type, language, year and decade.
#[derive(Debug, Serialize, ToSchema)]
pub struct CollectionDetail {
    /// The collection's identifier.
    #[schema(example = "korean-war")]
    pub id: String,
    /// How many documents it holds that the caller may see.
    pub count: u64,
    /// The collection in this API.
    pub url: String,
    /// Its documents in this API (`/api/v1/documents?collection=…`).
    pub documents: String,
    /// Its visible documents counted by type, language, collection (other collections they
    /// also belong to), year and decade.
    #[schema(value_type = FacetsSchema)]
    pub facets: Facets,
}

/// Counts the visible documents matching `query`, with facets.
fn count(state: &AppState, gate: &Gate, query: &str) -> Result<(u64, Facets), AppError> {
    let request = SearchRequest {
        query: query.to_string(),
        limit: 1,
        facets: true,
        snippets: false,
        visibility: gate.visibility(),
        ..SearchRequest::new("")
    };
    let results = state.index().search(&request, state.store().as_ref())?;
    Ok((results.total, results.facets.unwrap_or_default()))
}

/// The collections holding documents the caller may see, with their counts.
#[utoipa::path(
    get,
    path = "/api/v1/collections",
    tag = "collections",
    operation_id = "list_collections",
    responses(
        (status = 200, description = "The collections, the largest first", body = CollectionList,
            headers(("ETag" = String, description = "Validator of this answer"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A query parameter was given (there are none)", body = ErrorSchema),
    )
)]
pub async fn list_collections(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    from_index(
        &state,
        caller.gate(),
        &headers,
        "api:collections",
        vec![],
        |state, gate| {
            let facets = count(&state, &gate, "")?.1;
            Ok(CollectionList {
                collections: facets
                    .collection
                    .into_iter()
                    .map(|f| CollectionSummary::new(f.value, f.count))
                    .collect(),
            })
        },
    )
    .await
}

/// One collection: how many documents the caller may see in it, and a link to them. A
/// collection with no such document is not found.
#[utoipa::path(
    get,
    path = "/api/v1/collections/{id}",
    tag = "collections",
    operation_id = "get_collection",
    params(("id" = String, Path, description = "The collection's identifier",
        pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", example = "korean-war")),
    responses(
        (status = 200, description = "The collection", body = CollectionDetail,
            headers(("ETag" = String, description = "Validator of this answer"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A query parameter was given (there are none)", body = ErrorSchema),
        (status = 404, description = "No collection with documents the caller may see", body = ErrorSchema),
    )
)]
pub async fn get_collection(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let missing = || {
        ApiError(AppError::not_found(
            "no collection with documents by this identifier",
        ))
    };
    let Some(id) = collection_id(&id) else {
        return Err(missing());
    };
    from_index(
        &state,
        caller.gate(),
        &headers,
        "api:collection",
        vec![id.clone()],
        move |state, gate| {
            let (total, facets) = count(&state, &gate, &format!("collection:{id}"))?;
            if total == 0 {
                return Err(missing().0);
            }
            let summary = CollectionSummary::new(id, total);
            Ok(CollectionDetail {
                id: summary.id,
                count: summary.count,
                url: summary.url,
                documents: summary.documents,
                facets,
            })
        },
    )
    .await
}

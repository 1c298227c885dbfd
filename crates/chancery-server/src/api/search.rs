//! `/api/v1/search` (the reading room's search: hits with snippets, facets) and
//! `/api/v1/timeline` (counts by year, month or day).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use chancery_index::query;
use chancery_index::{DateMode, Granularity, PeriodCount, SearchRequest, Sort};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::params::Params;
use super::schema::{ErrorSchema, SearchResultsSchema};
use super::{from_index, index_error};
use crate::auth::caller::Caller;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// The most hits one page holds.
pub const MAX_LIMIT: usize = 100;

/// The page size when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 20;

/// The deepest offset a search may ask for: deep pages cost a collection of `offset + limit`
/// hits, so they are bounded (use `/api/v1/documents` with its cursor to walk everything).
pub const MAX_OFFSET: usize = 10_000;

/// The parameters of `GET /api/v1/search`.
pub const SEARCH_PARAMETERS: &[&str] = &["q", "sort", "limit", "offset", "facets", "contain"];

/// The parameters of `GET /api/v1/timeline`.
pub const TIMELINE_PARAMETERS: &[&str] = &["q", "granularity"];

/// Parameters of a search.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// The query, in the archive's query language: words, "phrases", -exclusions, OR,
    /// (groups), prefix*, fuzzy~, and the fields title:, type:, lang:, collection:, date:,
    /// year:, decade:, person:, org:, place:. Empty or absent finds everything.
    #[param(example = "\"aide memoire\" Gromyko date:1950-06")]
    q: Option<String>,
    /// The order: `relevance` (the default), `date` (oldest first) or `-date` (newest
    /// first); relevance breaks ties in date order.
    #[param(inline)]
    sort: Option<SearchSort>,
    /// Hits per page.
    #[param(minimum = 1, maximum = 100, default = 20)]
    limit: Option<u32>,
    /// How many hits to skip (at most 10000).
    #[param(minimum = 0, maximum = 10000, default = 0)]
    offset: Option<u32>,
    /// Whether to count facets (type, language, collection, year, decade, person, org,
    /// place) over all matches.
    #[param(default = false)]
    facets: Option<bool>,
    /// Whether date filters keep only documents whose date lies wholly inside the range
    /// asked for (by default a date that overlaps it is enough).
    #[param(default = false)]
    contain: Option<bool>,
}

/// The order of search hits.
#[derive(ToSchema, Clone, Copy)]
#[allow(dead_code)]
pub enum SearchSort {
    /// Best match first.
    #[schema(rename = "relevance")]
    Relevance,
    /// Oldest first.
    #[schema(rename = "date")]
    Date,
    /// Newest first.
    #[schema(rename = "-date")]
    DateDescending,
}

/// Search the archive: hits with highlighted snippets, the total, and facet counts.
///
/// A malformed query is answered 400 `bad_query`, whose details point into it (`start` and
/// `end` in bytes, `column` in characters, and `pointer`, the query with carets under the
/// fault).
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "search",
    operation_id = "search",
    params(SearchParams),
    responses(
        (status = 200, description = "The hits of the page, the total and (when asked) the facets", body = SearchResultsSchema,
            headers(("ETag" = String, description = "Validator of this answer"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A parameter is wrong (`bad_parameter`) or the query is malformed (`bad_query`)", body = ErrorSchema),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(SEARCH_PARAMETERS)?;
    let q = params.text("q").unwrap_or("").to_string();
    let normalized = normalize(&q)?;
    let sort = params.choice(
        "sort",
        &[
            ("relevance", Sort::Relevance),
            ("date", Sort::DateAscending),
            ("-date", Sort::DateDescending),
        ],
        Sort::Relevance,
    )?;
    let limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?;
    let offset = params.integer("offset", 0, 0, MAX_OFFSET)?;
    let facets = params.boolean("facets", false)?;
    let contain = params.boolean("contain", false)?;
    let parameters = vec![
        normalized,
        params.raw("sort").unwrap_or("relevance").to_string(),
        limit.to_string(),
        offset.to_string(),
        facets.to_string(),
        contain.to_string(),
    ];
    from_index(
        &state,
        caller.gate(),
        &headers,
        "api:search",
        parameters,
        move |state, gate| {
            let request = SearchRequest {
                query: q.clone(),
                sort,
                limit,
                offset,
                facets,
                date_mode: if contain {
                    DateMode::Contain
                } else {
                    DateMode::Overlap
                },
                visibility: gate.visibility(),
                snippets: true,
            };
            let store = state.store();
            let mut results = state
                .index()
                .search(&request, store.as_ref())
                .map_err(|e| index_error(&q, e))?;
            // The index applies the gate's visibility; the store is asked again for each hit
            // so that a change of access not yet indexed shows nothing.
            let mut kept = Vec::with_capacity(results.hits.len());
            for hit in results.hits {
                let allowed = match hit.id.parse() {
                    Ok(id) => matches!(
                        store.get(id)?,
                        Some(stored) if !stored.deleted && gate.allows(&stored.document)
                    ),
                    Err(_) => false,
                };
                if allowed {
                    kept.push(hit);
                }
            }
            results.hits = kept;
            Ok(results)
        },
    )
    .await
}

/// The query's normalized form (for validators), or the error pointing into it.
fn normalize(q: &str) -> Result<String, AppError> {
    query::parse(q)
        .map(|parsed| parsed.root.to_string())
        .map_err(|error| AppError::Query {
            query: q.to_string(),
            error,
        })
}

/// Parameters of the timeline.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct TimelineParams {
    /// Only documents matching this query (the query language of `/api/v1/search`).
    #[param(example = "Korea")]
    q: Option<String>,
    /// The period counted: `year` (the default), `month` or `day`.
    #[param(inline)]
    granularity: Option<TimelineGranularity>,
}

/// How finely the timeline counts.
#[derive(ToSchema, Clone, Copy)]
#[allow(dead_code)]
pub enum TimelineGranularity {
    /// By year (`1950`).
    #[schema(rename = "year")]
    Year,
    /// By month (`1950-06`).
    #[schema(rename = "month")]
    Month,
    /// By day (`1950-06-27`).
    #[schema(rename = "day")]
    Day,
}

/// How many documents start in one period.
#[derive(ToSchema)]
#[schema(as = PeriodCount)]
#[allow(dead_code)]
pub struct PeriodCountSchema {
    /// The period: `1950`, `1950-06` or `1950-06-27` (`-0043` before the common era).
    period: String,
    /// Documents whose date starts in it.
    count: u64,
}

/// Document counts by period.
#[derive(Debug, Serialize, ToSchema)]
pub struct Timeline {
    /// The period counted: `year`, `month` or `day`.
    pub granularity: String,
    /// Every period with documents, in order. Undated documents, and dates open at their
    /// start, belong to no period.
    #[schema(value_type = Vec<PeriodCountSchema>)]
    pub periods: Vec<PeriodCount>,
}

/// How many documents (matching a query) start in each year, month or day.
#[utoipa::path(
    get,
    path = "/api/v1/timeline",
    tag = "search",
    operation_id = "timeline",
    params(TimelineParams),
    responses(
        (status = 200, description = "Counts by period", body = Timeline,
            headers(("ETag" = String, description = "Validator of this answer"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A parameter is wrong (`bad_parameter`) or the query is malformed (`bad_query`)", body = ErrorSchema),
    )
)]
pub async fn timeline(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(TIMELINE_PARAMETERS)?;
    let q = params.text("q").unwrap_or("").to_string();
    let normalized = normalize(&q)?;
    let (name, granularity) = params.choice(
        "granularity",
        &[
            ("year", ("year", Granularity::Year)),
            ("month", ("month", Granularity::Month)),
            ("day", ("day", Granularity::Day)),
        ],
        ("year", Granularity::Year),
    )?;
    let parameters = vec![normalized, name.to_string()];
    from_index(
        &state,
        caller.gate(),
        &headers,
        "api:timeline",
        parameters,
        move |state, gate| {
            let periods = state
                .index()
                .date_histogram(&q, &gate.visibility(), granularity)
                .map_err(|e| index_error(&q, e))?;
            Ok(Timeline {
                granularity: name.to_string(),
                periods,
            })
        },
    )
    .await
}

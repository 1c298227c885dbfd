//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document generated from the
//! code at `/api/v1/openapi.json`, with Swagger UI at `/api/v1/docs/`.
//!
//! | address | what |
//! | --- | --- |
//! | `GET /api/v1/documents` | documents, filtered like search, in pages with a cursor ([`cursor`]) |
//! | `GET /api/v1/documents/{id}` | one document in the JSON shape of the model |
//! | `GET /api/v1/documents/{id}/revisions` | its revision history |
//! | `GET /api/v1/documents/{id}/citation?style=…` | a citation or a reference-manager record |
//! | `GET /api/v1/search` | the search of the reading room: hits, snippets, facets |
//! | `GET /api/v1/collections`, `/api/v1/collections/{id}` | collections and their counts |
//! | `GET /api/v1/timeline` | document counts by year, month or day |
//! | `GET /api/v1/authorities`, `/api/v1/authorities/{id}` | persons, organizations and places ([`authorities`]) |
//! | `PATCH`, `DELETE /api/v1/documents/{id}`, `POST …/restore` | editing ([`edit`]) |
//! | `GET`, `POST /api/v1/tokens`, `DELETE /api/v1/tokens/{id}` | the caller's API tokens ([`tokens`]) |
//! | `GET /api/v1/openapi.json`, `/api/v1/docs/` | this description, and a page that shows it |
//!
//! What holds for every endpoint:
//!
//! - Every answer that can reveal a document goes through the caller's access gate (a
//!   session cookie or an `Authorization: Bearer` API token names the caller; without
//!   either the caller is anonymous): a document the caller may not see is answered exactly
//!   like a missing one (404) and counts nowhere.
//! - Writes need an editor: an API token with the `write` scope, or a session and its
//!   `X-CSRF-Token` header; otherwise 401 (nobody) or 403 (not allowed).
//! - When `chancery serve` limits the API's rate, a caller over it gets 429 with
//!   `Retry-After` ([`crate::auth::rate`]).
//! - Errors are JSON, `{"error": {"code", "message", "details"}}`, for every status this
//!   router gives, including unknown paths under `/api/v1/` (404), wrong methods (405, with
//!   `Allow`) and bad query strings (400 naming the parameter); see [`json_errors`].
//! - Reads may come from any origin (CORS: `GET`, `HEAD`, `OPTIONS`).
//! - Answers carry an `ETag` and `Cache-Control: no-cache`; documents also `Last-Modified`;
//!   a conditional GET whose copy is current gets 304. List and search tags are made from
//!   the index's content, the viewer, the day (embargoes end by the calendar) and the
//!   normalized parameters.

pub mod authorities;
pub mod collections;
pub mod cursor;
pub mod documents;
pub mod edit;
pub mod params;
pub mod schema;
pub mod search;
pub mod tokens;

use std::sync::OnceLock;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get};
use chancery_index::IndexError;
use serde::Serialize;
use tower_http::cors::{Any, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::Gate;
use crate::error::{ApiError, AppError};
use crate::http::caching::Validator;
use crate::state::AppState;

/// Where the API lives.
pub const BASE: &str = "/api/v1";

/// The address of the OpenAPI document.
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// The address of the API page (Swagger UI).
pub const DOCS_PATH: &str = "/api/v1/docs/";

/// The Content-Security-Policy of the API page: the site's policy, except that Swagger UI
/// injects `<style>` elements from its script (headless Chromium reports the violation under
/// `style-src 'self'`), so inline styles are allowed on this page and nowhere else. Scripts
/// still come from this origin only, and the page makes no request elsewhere (its validator
/// badge is off).
pub const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Chancery API",
        description = "A Chancery archive of historical primary sources: documents in the \
archive's JSON shape, search with the archive's query language, facets, collections and a \
timeline; for editors, changing, deleting and restoring documents.\n\n\
An interactive page showing this description is at [/api/v1/docs/](/api/v1/docs/).\n\n\
**Errors** are JSON: `{\"error\": {\"code\", \"message\", \"details\"}}`.\n\n\
**Access.** Reading needs no account; an API token (`Authorization: Bearer …`, made at \
/account/tokens or with POST /api/v1/tokens) or a session cookie lets a registered reader or \
an editor see what their role may see. A document the caller may not see is answered exactly \
like a missing one (404) and counts in no total, facet or timeline.\n\n\
**Writes** need an editor or administrator: a token with the `write` scope, or a session \
with its anti-forgery token in `X-CSRF-Token`; without one the answer is 401, without the \
right 403. Each change is a revision with the caller as author and the `reason` given.\n\n\
**Rate.** A server may limit requests per token or per client address; over the limit the \
answer is 429 with `Retry-After`.\n\n\
**Paging.** `/api/v1/documents` pages with an opaque `cursor`: pass the `next_cursor` of a \
page, with the same filters and sort, to get the next one; `next_cursor` is null on the last \
page. Pages stay correct while documents are added: none that was there repeats or is \
skipped. `/api/v1/search` pages with `offset` (at most 10000).\n\n\
**Caching.** Answers carry an `ETag` (documents also `Last-Modified`); send it back in \
`If-None-Match` to get 304 Not Modified while nothing changed.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    tags(
        (name = "documents", description = "Documents and their revisions"),
        (name = "search", description = "Search, and counts over time"),
        (name = "collections", description = "Collections of documents"),
        (name = "authorities", description = "Persons, organizations and places documents are linked to"),
        (name = "tokens", description = "The caller's API tokens"),
        (name = "meta", description = "This description"),
    ),
    components(schemas(schema::ErrorSchema)),
    modifiers(&Security)
)]
struct ApiDoc;

/// The security schemes: API tokens as bearer tokens, and the browser's session cookie.
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token made at /account/tokens or with POST /api/v1/tokens",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::session::COOKIE,
                "A browser session (writes also need the session's X-CSRF-Token header)",
            ))),
        );
    }
}

/// Every operation may answer 429 when the server limits the API's rate (applied to the
/// finished document: the operations are added after `ApiDoc`'s own modifiers run).
struct RateLimited;

impl utoipa::Modify for RateLimited {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::ResponseBuilder;
        use utoipa::openapi::header::HeaderBuilder;
        let response = ResponseBuilder::new()
            .description("Too many requests from this token or address: wait `Retry-After` seconds")
            .header(
                "Retry-After",
                HeaderBuilder::new()
                    .schema(
                        utoipa::openapi::schema::Object::with_type(
                            utoipa::openapi::schema::Type::Integer,
                        )
                        .into(),
                    )
                    .description(Some("Seconds to wait"))
                    .build(),
            )
            .content(
                "application/json",
                utoipa::openapi::ContentBuilder::new()
                    .schema(Some(utoipa::openapi::Ref::from_schema_name("Error")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.post,
                &mut item.patch,
                &mut item.delete,
                &mut item.put,
            ]
            .into_iter()
            .flatten()
            {
                operation
                    .responses
                    .responses
                    .entry("429".into())
                    .or_insert_with(|| response.clone().into());
            }
        }
    }
}

/// The API's routes, with CORS, JSON errors and the API page.
pub fn routes() -> Router<AppState> {
    let (api, mut openapi) = api_router().split_for_parts();
    utoipa::Modify::modify(&RateLimited, &mut openapi);
    // The document is built once per router; the handler serves the same bytes each time.
    let _ = OPENAPI_JSON.set(openapi.to_pretty_json().unwrap_or_else(|_| "{}".into()));
    let docs: Router<AppState> = utoipa_swagger_ui::SwaggerUi::new(DOCS_PATH)
        .config(
            utoipa_swagger_ui::Config::new([OPENAPI_PATH])
                .validator_url("none")
                .try_it_out_enabled(true),
        )
        .into();
    let docs = docs.layer(SetResponseHeaderLayer::overriding(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DOCS_CONTENT_SECURITY_POLICY),
    ));
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
        .allow_headers([
            header::ACCEPT,
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
        ])
        .expose_headers([header::ETAG, header::LAST_MODIFIED, header::CACHE_CONTROL])
        .max_age(Duration::from_secs(86_400));
    Router::new()
        .merge(api)
        .merge(docs)
        .route("/api/v1/{*rest}", any(unknown_path))
        .route("/api/v1", get(|| async { Redirect::to(DOCS_PATH) }))
        .route("/api", get(|| async { Redirect::to(DOCS_PATH) }))
        .layer(axum::middleware::map_response(json_errors))
        .layer(cors)
}

/// The OpenAPI document of [`routes`].
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut openapi = api_router().into_openapi();
    utoipa::Modify::modify(&RateLimited, &mut openapi);
    openapi
}

/// The documented operations.
fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(documents::list_documents))
        .routes(routes!(
            documents::get_document,
            edit::patch_document,
            edit::delete_document
        ))
        .routes(routes!(edit::restore_document))
        .routes(routes!(tokens::list_tokens, tokens::create_token_api))
        .routes(routes!(tokens::revoke_token_api))
        .routes(routes!(documents::get_revisions))
        .routes(routes!(documents::get_citation))
        .routes(routes!(search::search))
        .routes(routes!(search::timeline))
        .routes(routes!(collections::list_collections))
        .routes(routes!(collections::get_collection))
        .routes(routes!(authorities::list_authorities))
        .routes(routes!(authorities::get_authority))
        .routes(routes!(openapi_json))
}

static OPENAPI_JSON: OnceLock<String> = OnceLock::new();

/// The OpenAPI 3.1 document of this API.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    operation_id = "openapi",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json", body = Object),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A parameter was given (there are none)", body = schema::ErrorSchema),
    )
)]
async fn openapi_json(headers: HeaderMap, params: params::Params) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let json = match OPENAPI_JSON.get() {
        Some(json) => json.clone(),
        None => openapi().to_pretty_json().map_err(|e| {
            AppError::Internal(format!("the OpenAPI document could not be written: {e}"))
        })?,
    };
    let validator = Validator::from_parts(&["api:openapi", &json]);
    Ok(validator.respond(&headers, || {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            json,
        )
            .into_response()
    }))
}

/// Any other address under `/api/v1/`.
async fn unknown_path() -> ApiError {
    ApiError(AppError::not_found(
        "no such address in this API; the OpenAPI document at /api/v1/openapi.json lists them",
    ))
}

/// Turns every error answer of the API that is not JSON yet — axum's rejections (plain
/// text), 405 Method Not Allowed (empty), a Swagger UI file that does not exist — into the
/// API's JSON error shape, keeping the status and headers such as `Allow`.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let said = axum::body::to_bytes(body, 4096)
        .await
        .ok()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let (code, default_message) = match status {
        StatusCode::BAD_REQUEST => ("bad_request", "the request is malformed".to_string()),
        StatusCode::NOT_FOUND => ("not_found", "nothing here".to_string()),
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = parts
                .headers
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("GET, HEAD")
                .to_string();
            (
                "method_not_allowed",
                format!("this address answers {allowed} only"),
            )
        }
        StatusCode::NOT_ACCEPTABLE => ("not_acceptable", "no acceptable representation".into()),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long".into()),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "the request is too large".into()),
        StatusCode::UNAUTHORIZED => ("unauthorized", "sign in or send an API token".into()),
        StatusCode::FORBIDDEN => ("forbidden", "not allowed".into()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("bad_request", "unsupported media type".into()),
        s if s.is_server_error() => (
            "internal",
            "the archive could not answer this request".into(),
        ),
        _ => ("bad_request", "the request cannot be answered".into()),
    };
    let message = match (status, said) {
        (s, Some(said)) if s.is_client_error() && said.len() < 500 => said,
        _ => default_message,
    };
    let body = serde_json::json!({
        "error": { "code": code, "message": message, "details": {} }
    });
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(body.to_string()))
}

/// A JSON answer with its validator's headers, or 304 when the client's copy is current.
pub(crate) fn cached_json<T: Serialize>(
    request: &HeaderMap,
    validator: &Validator,
    body: &T,
) -> Response {
    validator.respond(request, || axum::Json(body).into_response())
}

/// 304 Not Modified with the validator's headers.
pub(crate) fn not_modified(validator: &Validator) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    validator.apply(&mut response);
    response
}

/// Answers with JSON computed from the index by `work`, or 304 when the client's copy is
/// current. The validator changes when the index's content, the viewer, the day (embargoes
/// end by the calendar) or the `parameters` change; it is taken before the work, on the
/// blocking pool with it, so it is never newer than the answer.
pub(crate) async fn from_index<T, F>(
    state: &AppState,
    gate: Gate,
    request: &HeaderMap,
    what: &'static str,
    parameters: Vec<String>,
    work: F,
) -> Result<Response, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(AppState, Gate) -> Result<T, AppError> + Send + 'static,
{
    let conditions = request.clone();
    let (validator, body) = state
        .blocking(move |state| {
            let today = today(&state);
            let content = state.index().content_tag();
            let mut parts: Vec<&str> = vec![what, &content, gate.cache_tag(), &today];
            parts.extend(parameters.iter().map(String::as_str));
            let validator = Validator::from_parts(&parts);
            if validator.is_fresh(&conditions) {
                return Ok((validator, None));
            }
            let body = work(state, gate)?;
            Ok((validator, Some(body)))
        })
        .await?;
    Ok(match body {
        Some(body) => cached_json(request, &validator, &body),
        None => not_modified(&validator),
    })
}

/// Today (UTC) as `YYYY-MM-DD`.
pub(crate) fn today(state: &AppState) -> String {
    state
        .now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// An index error while answering for `query`: a malformed query points into it.
pub(crate) fn index_error(query: &str, error: IndexError) -> AppError {
    match error {
        IndexError::Query(error) => AppError::Query {
            query: query.to_string(),
            error,
        },
        other => other.into(),
    }
}

//! The reading room and the JSON API: `chancery serve`.
//!
//! Server-rendered HTML pages that work without JavaScript (`html`), a JSON API under
//! `/api/v1` described by an OpenAPI document generated from the code (`api`), and what both
//! share: the state (`state`), display names of persons, organizations and places
//! (`names`), the one access gate (`access`), who is calling (`auth`:
//! accounts, sessions, API tokens, anti-forgery tokens, rate limits), errors with a JSON and an
//! HTML face (`error`), caching and security headers (`http`), embedded static files
//! (`assets`), and the task that keeps the search index following the store (`follow`).
//!
//! Architecture invariant: only this crate knows HTTP. Handlers never decide who may see a
//! document: they ask the caller's [`access::Gate`] ([`auth::caller::Caller::gate`]).

pub mod access;
pub mod api;
pub mod assets;
pub mod auth;
pub mod edits;
pub mod error;
pub mod follow;
pub mod html;
pub mod http;
pub mod names;
pub mod oai;
pub mod state;
pub mod uploads;

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use state::{AppState, OaiConfig, SiteConfig};

/// The largest request body accepted (uploads raise it on their own route:
/// [`html::admin::MAX_UPLOAD_BYTES`]).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The longest a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Every route of the server, with its middleware.
pub fn router(state: AppState) -> Router {
    let limited = Router::new()
        .route("/healthz", get(healthz))
        .merge(assets::routes())
        .merge(html::routes())
        .merge(api::routes())
        .merge(oai::routes())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));
    let mut router = limited
        .merge(html::admin::import_routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::caller::middleware,
        ))
        .with_state(state)
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http());
    for layer in http::security::layers() {
        router = router.layer(layer);
    }
    router
}

/// `GET /healthz`: the server answers, and how far the index has followed the store.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> impl IntoResponse {
    let result = state
        .blocking(|state| {
            let store_seq = state.store().last_seq()?;
            let index = state.index();
            let index_seq = index.applied_seq()?;
            Ok(serde_json::json!({
                "status": "ok",
                "store_seq": store_seq,
                "index_seq": index_seq,
                "documents_indexed": index.num_docs(),
            }))
        })
        .await;
    match result {
        Ok(body) => (StatusCode::OK, axum::Json(body)).into_response(),
        Err(e) => error::ApiError(e).into_response(),
    }
}

/// Serves `state` on `listener` until `shutdown` completes, then finishes the requests in
/// flight. The index follower runs alongside.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let follower = tokio::spawn(follow::run(state.clone()));
    let app = router(state);
    let result = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    follower.abort();
    result
}

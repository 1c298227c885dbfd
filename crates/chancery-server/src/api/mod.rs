//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document generated from the
//! code at `/api/v1/openapi.json`.

use axum::Router;

use crate::state::AppState;

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
}

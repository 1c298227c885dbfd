//! The reading room: server-rendered HTML pages that work without JavaScript.

use axum::Router;

use crate::state::AppState;

/// The pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
}

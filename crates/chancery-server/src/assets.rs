//! Static files embedded in the binary (no files to install), served with long-lived
//! caching: pages link them with the program's version in the query (`?v=0.1.0`).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

/// A static file: its name under `/static/`, its media type and its bytes.
struct Asset {
    name: &'static str,
    media_type: &'static str,
    bytes: &'static [u8],
}

/// The embedded files.
const ASSETS: &[Asset] = &[
    Asset {
        name: "chancery.css",
        media_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../static/chancery.css"),
    },
    Asset {
        name: "chancery.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../static/chancery.js"),
    },
    Asset {
        name: "favicon.svg",
        media_type: "image/svg+xml",
        bytes: include_bytes!("../static/favicon.svg"),
    },
];

/// The version query that busts caches when the program changes.
pub const VERSION_QUERY: &str = concat!("?v=", env!("CARGO_PKG_VERSION"));

/// `GET /static/{name}`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/static/{name}", get(serve_asset))
}

async fn serve_asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(asset) => {
            let mut response = asset.bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.media_type),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            response
        }
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

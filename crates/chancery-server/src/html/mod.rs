//! The reading room: server-rendered HTML pages that work without JavaScript.
//!
//! One module per page area (`home`, `search`, `document`, `history`, `timeline`,
//! `collections`, `sitemap`, `cite`), the body renderer (`render`), the SVG histogram
//! (`histogram`), the page metadata (`meta`) and the error pages (`error`). Templates live in
//! the crate's `templates/` folder; styles and the small script in `static/`.
//!
//! Every page that can reveal a document asks the access gate ([`crate::access::Gate`]):
//! documents come from the store only after [`crate::access::Gate::allows`], and every index
//! query carries the gate's [`chancery_index::Visibility`], so counts, facets, histograms,
//! neighbours and related lists hold only what the viewer may see.

pub mod cache;
pub mod cite;
pub mod collections;
pub mod document;
pub mod error;
pub mod histogram;
pub mod history;
pub mod home;
pub mod markup;
pub mod meta;
pub mod render;
pub mod search;
pub mod sitemap;
pub mod timeline;
pub mod url;
pub mod view;

use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

pub use error::PageError;

/// The pages' routes, and the page for every address no route knows.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/search", get(search::page))
        .route("/documents/{id}", get(document::page))
        .route(
            "/documents/{id}/revisions/{n}",
            get(document::revision_page),
        )
        .route("/documents/{id}/history", get(history::page))
        .route("/documents/{id}/cite", get(cite::download))
        .route("/timeline", get(timeline::years))
        .route("/timeline/{year}", get(timeline::months))
        .route("/timeline/{year}/{month}", get(timeline::days))
        .route("/collections", get(collections::list))
        .route("/collections/{id}", get(collections::page))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{page}", get(sitemap::page))
        .route("/robots.txt", get(sitemap::robots))
        .fallback(error::not_found_page)
}

/// What every page shows around its content: the site's name, where the reader is, the
/// search box's text.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The archive's name.
    pub site_name: String,
    /// The page's title (before the site's name in the window title).
    pub title: String,
    /// Which main section the page belongs to, for `aria-current` in the navigation.
    pub section: Section,
    /// The text to put in the header's search box.
    pub query: String,
    /// The page's canonical address, when it has one.
    pub canonical: Option<String>,
    /// Links such as `rel=next` and `rel=prev`: (rel, href).
    pub links: Vec<(&'static str, String)>,
    /// Whether search engines should leave the page out of their index.
    pub noindex: bool,
    /// The stylesheet's address (with the version that busts caches).
    pub stylesheet: &'static str,
    /// The script's address.
    pub script: &'static str,
    /// The icon's address.
    pub icon: &'static str,
}

/// The main sections of the reading room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The home page.
    Home,
    /// Search and its results.
    Search,
    /// Browsing by date.
    Timeline,
    /// Collections.
    Collections,
    /// A document and its history.
    Document,
    /// Anything else (error pages).
    Other,
}

impl Chrome {
    /// The chrome of a page titled `title` in `section`.
    pub fn new(state: &AppState, title: impl Into<String>, section: Section) -> Self {
        Self {
            site_name: state.site().name.clone(),
            title: title.into(),
            section,
            query: String::new(),
            canonical: None,
            links: Vec::new(),
            noindex: false,
            stylesheet: concat!("/static/chancery.css?v=", env!("CARGO_PKG_VERSION")),
            script: concat!("/static/chancery.js?v=", env!("CARGO_PKG_VERSION")),
            icon: concat!("/static/favicon.svg?v=", env!("CARGO_PKG_VERSION")),
        }
    }

    /// `aria-current="page"` for the navigation entry of `section`.
    pub fn current(&self, section: &str) -> &'static str {
        let name = match self.section {
            Section::Home => "home",
            Section::Search => "search",
            Section::Timeline => "timeline",
            Section::Collections => "collections",
            Section::Document | Section::Other => "",
        };
        if name == section { "page" } else { "false" }
    }
}

/// Renders a template as an HTML response with `status`.
pub fn html_response(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(body) => {
            let mut response = (status, body).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "a page could not be rendered");
            error::fallback_500()
        }
    }
}

/// Renders a template as a 200 HTML response.
pub fn html_ok(template: &impl Template) -> Response {
    html_response(StatusCode::OK, template)
}

/// A 200 HTML response with a body rendered before.
pub fn html_bytes(body: axum::body::Bytes) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// Renders a template, keeps the page in the cache under `key`, and answers 200 with it.
pub fn html_cached(key: &str, template: &impl Template) -> Response {
    match template.render() {
        Ok(body) => {
            let body = axum::body::Bytes::from(body);
            cache::pages().put(key, body.clone());
            html_bytes(body)
        }
        Err(e) => {
            tracing::error!(error = %e, "a page could not be rendered");
            error::fallback_500()
        }
    }
}

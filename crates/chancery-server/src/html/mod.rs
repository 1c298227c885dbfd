//! The reading room: server-rendered HTML pages that work without JavaScript.
//!
//! One module per page area (`home`, `search`, `document`, `history`, `timeline`,
//! `collections`, `entities` (persons, organizations, places), `sitemap`, `cite`; for signed-in users `account` (sign-in, password, API
//! tokens), `edit` (editing, deleting, restoring) and `admin` (the audit log, uploads)), the
//! body renderer (`render`), the SVG histogram (`histogram`) and correspondents' network
//! (`network`), the page metadata (`meta`) and
//! the error pages (`error`). Templates live in the crate's `templates/` folder; styles and the
//! small script in `static/`.
//!
//! Every page that can reveal a document asks the caller's access gate
//! ([`crate::auth::caller::Caller::gate`]): documents come from the store only after
//! [`crate::access::Gate::allows`], and every index query carries the gate's
//! [`chancery_index::Visibility`], so counts, facets, histograms, neighbours and related lists
//! hold only what the viewer may see. Validators and the page cache key on the viewer too
//! ([`crate::auth::caller::Caller::page_tag`]); pages for signed-in users are never cached.

pub mod account;
pub mod admin;
pub mod cache;
pub mod cite;
pub mod collections;
pub mod document;
pub mod edit;
pub mod enrichment;
pub mod entities;
pub mod error;
pub mod form;
pub mod histogram;
pub mod history;
pub mod home;
pub mod markup;
pub mod mentions;
pub mod merge;
pub mod meta;
pub mod network;
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
use axum::routing::{get, post};

use crate::auth::caller::Caller;
use crate::names::Kind;
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
        .route("/people", get(entities::people))
        .route("/people/{id}", get(entities::person))
        .route("/people/{id}/merge", merge::route(Kind::Person))
        .route("/organizations", get(entities::organizations))
        .route("/organizations/{id}", get(entities::organization))
        .route(
            "/organizations/{id}/merge",
            merge::route(Kind::Organization),
        )
        .route("/places", get(entities::places))
        .route("/places/{id}", get(entities::place))
        .route("/places/{id}/merge", merge::route(Kind::Place))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{page}", get(sitemap::page))
        .route("/robots.txt", get(sitemap::robots))
        .route("/login", get(account::login_page).post(account::login))
        .route("/logout", post(account::logout))
        .route(
            "/account/password",
            get(account::password_page).post(account::change_password),
        )
        .route(
            "/account/tokens",
            get(account::tokens_page).post(account::create_token_route),
        )
        .route(
            "/account/tokens/{id}/revoke",
            post(account::revoke_token_route),
        )
        .route(
            "/documents/{id}/edit",
            get(edit::edit_page).post(edit::save),
        )
        .route(
            "/documents/{id}/mentions",
            get(mentions::page).post(mentions::save),
        )
        .route("/documents/{id}/delete", post(edit::delete))
        .route("/documents/{id}/undelete", post(edit::undelete))
        .route("/documents/{id}/revisions/{n}/restore", post(edit::restore))
        .route("/admin/audit", get(admin::audit_page))
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
    /// Who is signed in (the header names them and offers to sign out).
    pub account: Option<ChromeAccount>,
}

/// The signed-in user, as the header shows them.
#[derive(Debug, Clone)]
pub struct ChromeAccount {
    /// The user's name.
    pub name: String,
    /// The role, for people.
    pub role: &'static str,
    /// The session's anti-forgery token, for the sign-out form.
    pub csrf: String,
    /// Whether the user may edit (the header links to uploads).
    pub may_edit: bool,
    /// Whether the user is an administrator (the header links to the audit log).
    pub is_admin: bool,
}

impl ChromeAccount {
    /// The header's account for `caller`, when signed in by session.
    pub fn of(caller: &Caller) -> Option<Self> {
        let user = caller.user()?;
        let viewer = caller.viewer();
        Some(Self {
            name: user.name.clone(),
            role: match user.role {
                chancery_store::Role::Admin => "administrator",
                chancery_store::Role::Editor => "editor",
                chancery_store::Role::Registered => "reader",
            },
            csrf: caller.csrf().unwrap_or_default().to_string(),
            may_edit: viewer.may_edit(),
            is_admin: viewer.is_admin(),
        })
    }
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
    /// Anything else (persons, organizations and places; error pages).
    Other,
}

impl Chrome {
    /// The chrome of a page titled `title` in `section`, for `caller`.
    pub fn new(
        state: &AppState,
        caller: &Caller,
        title: impl Into<String>,
        section: Section,
    ) -> Self {
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
            account: ChromeAccount::of(caller),
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

/// The page kept in the cache under `key`, for an anonymous caller (signed-in callers'
/// pages are never cached).
pub fn cached_page(caller: &Caller, key: &str) -> Option<axum::body::Bytes> {
    if caller.account.is_some() {
        return None;
    }
    cache::pages().get(key)
}

/// A 200 HTML response that must not be kept by any cache (forms with secrets, one-time
/// secrets shown once).
pub fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
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

/// Renders a template, keeps the page in the cache under `key` (only for anonymous
/// callers: a signed-in user's page names them and carries their session's token), and
/// answers 200 with it.
pub fn html_cached(caller: &Caller, key: &str, template: &impl Template) -> Response {
    match template.render() {
        Ok(body) => {
            let body = axum::body::Bytes::from(body);
            if caller.account.is_none() {
                cache::pages().put(key, body.clone());
            }
            html_bytes(body)
        }
        Err(e) => {
            tracing::error!(error = %e, "a page could not be rendered");
            error::fallback_500()
        }
    }
}

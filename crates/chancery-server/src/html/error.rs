//! The HTML face of [`AppError`]: a page in the reading room's layout for a missing page
//! (404, also for documents the viewer may not see), a bad request (400; for a malformed
//! query the query is shown with the problem pointed at, and the query help), and a failure
//! of the archive (500, without internals: those are logged).

use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chancery_index::query::{HELP, QueryError};

use super::{Chrome, Section, html_response};
use crate::error::AppError;
use crate::state::AppState;

/// An error answered with an HTML page.
#[derive(Debug)]
pub struct PageError {
    error: AppError,
    site_name: String,
}

impl PageError {
    /// The page for `error` on this site.
    pub fn new(state: &AppState, error: AppError) -> Self {
        Self {
            error,
            site_name: state.site().name.clone(),
        }
    }

    /// The error.
    pub fn error(&self) -> &AppError {
        &self.error
    }
}

/// Turns an [`AppError`] into a [`PageError`] with the site's name.
pub trait OrPage<T> {
    /// The result with its error as a page of `state`'s site.
    fn or_page(self, state: &AppState) -> Result<T, PageError>;
}

impl<T> OrPage<T> for Result<T, AppError> {
    fn or_page(self, state: &AppState) -> Result<T, PageError> {
        self.map_err(|e| PageError::new(state, e))
    }
}

/// A malformed query shown with the fault pointed at: the text before it, the fault itself
/// (a single space when something is missing there) and the text after it.
#[derive(Debug, Clone)]
pub struct QueryFault {
    /// The query as typed.
    pub query: String,
    /// The text before the fault.
    pub before: String,
    /// The fault.
    pub at: String,
    /// Whether the fault is something missing (an empty range).
    pub missing: bool,
    /// The text after the fault.
    pub after: String,
    /// What is wrong.
    pub message: String,
    /// The character column of the fault, from 1.
    pub column: usize,
    /// The query with a line of carets under the fault, as a terminal would show it.
    pub rendered: String,
}

impl QueryFault {
    /// The fault `error` in `query`.
    pub fn new(query: &str, error: &QueryError) -> Self {
        let start = floor_boundary(query, error.start);
        let end = floor_boundary(query, error.end.max(start));
        Self {
            query: query.to_string(),
            before: query[..start].to_string(),
            at: query[start..end].to_string(),
            missing: start == end,
            after: query[end..].to_string(),
            message: error.message.clone(),
            column: error.column,
            rendered: error.render(query),
        }
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Chrome,
    status: u16,
    heading: String,
    message: String,
    fault: Option<QueryFault>,
    help: &'static str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.error.status();
        let (heading, message, fault) = match &self.error {
            AppError::NotFound(_) => (
                "Page not found".to_string(),
                "There is nothing at this address. The document may have been moved or \
                 withdrawn, or the address may be mistyped."
                    .to_string(),
                None,
            ),
            AppError::Query { query, error } => (
                "The search could not be read".to_string(),
                error.message.clone(),
                Some(QueryFault::new(query, error)),
            ),
            AppError::BadRequest { message, .. } => (
                "The request could not be read".to_string(),
                message.clone(),
                None,
            ),
            AppError::TooLarge(message) => (
                "The request is too large".to_string(),
                message.clone(),
                None,
            ),
            AppError::Unauthorized(_) => (
                "Sign in to continue".to_string(),
                "This page is for signed-in users. Sign in at /login and try again.".to_string(),
                None,
            ),
            AppError::Forbidden(message) => ("Not allowed".to_string(), message.clone(), None),
            AppError::Conflict { message, .. }
            | AppError::PreconditionFailed(message)
            | AppError::PreconditionRequired(message) => {
                ("The document changed".to_string(), message.clone(), None)
            }
            AppError::TooManyRequests { message, .. } => {
                ("Too many attempts".to_string(), message.clone(), None)
            }
            AppError::Internal(message) => {
                tracing::error!(error = %message, "internal error");
                (
                    "Something went wrong".to_string(),
                    "The archive could not answer this request. The error was logged; \
                     please try again in a moment."
                        .to_string(),
                    None,
                )
            }
        };
        let mut chrome = Chrome {
            site_name: self.site_name,
            ..Chrome::blank(&heading)
        };
        chrome.noindex = true;
        if let Some(f) = &fault {
            chrome.query = f.query.clone();
        }
        let page = ErrorPage {
            page: chrome,
            status: status.as_u16(),
            heading,
            message,
            fault,
            help: HELP,
        };
        let mut response = html_response(status, &page);
        if let AppError::TooManyRequests { retry_after, .. } = &self.error
            && let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}

impl Chrome {
    /// A chrome with no site behind it (error pages fill in the site's name).
    fn blank(title: &str) -> Self {
        Self {
            site_name: String::new(),
            title: title.to_string(),
            section: Section::Other,
            query: String::new(),
            canonical: None,
            links: Vec::new(),
            noindex: true,
            stylesheet: concat!("/static/chancery.css?v=", env!("CARGO_PKG_VERSION")),
            script: concat!("/static/chancery.js?v=", env!("CARGO_PKG_VERSION")),
            icon: concat!("/static/favicon.svg?v=", env!("CARGO_PKG_VERSION")),
            account: None,
        }
    }
}

/// The 404 page for every address no route knows.
pub async fn not_found_page(State(state): State<AppState>, uri: OriginalUri) -> Response {
    PageError::new(
        &state,
        AppError::not_found(format!("no page at {}", uri.0.path())),
    )
    .into_response()
}

/// A plain 500 page for when even the error page cannot be rendered.
pub fn fallback_500() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Error</title>\
         <h1>Something went wrong</h1><p>The archive could not answer this request.</p></html>",
    )
        .into_response()
}

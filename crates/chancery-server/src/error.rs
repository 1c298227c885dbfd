//! Errors of the reading room and the API, each with two faces: a JSON body
//! `{"error": {"code", "message", "details"}}` for the API and an HTML page for browsers.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chancery_index::IndexError;
use chancery_index::query::QueryError;
use chancery_store::StoreError;
use serde_json::json;

/// What went wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing here (or nothing this viewer may see: the two are indistinguishable).
    #[error("{0}")]
    NotFound(String),
    /// A parameter is wrong.
    #[error("{message}")]
    BadRequest {
        /// A stable machine name, e.g. `bad_parameter`.
        code: &'static str,
        /// What is wrong, for people.
        message: String,
        /// Structured details (the parameter, the position).
        details: serde_json::Value,
    },
    /// The search query is malformed.
    #[error("the query is malformed: {error}")]
    Query {
        /// The query as given.
        query: String,
        /// Where and what.
        error: QueryError,
    },
    /// The request is larger, slower or more frequent than allowed.
    #[error("{0}")]
    TooLarge(String),
    /// The caller must sign in (or send an API token) first.
    #[error("{0}")]
    Unauthorized(String),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The document changed since the caller read it.
    #[error("{message}")]
    Conflict {
        /// What happened, for people.
        message: String,
        /// The document's current revision.
        current_revision: u64,
    },
    /// `If-Match` names a version that is no longer current.
    #[error("{0}")]
    PreconditionFailed(String),
    /// A write must say which version it changes (`If-Match` or `revision`).
    #[error("{0}")]
    PreconditionRequired(String),
    /// Too many requests: try again after `retry_after` seconds.
    #[error("{message}")]
    TooManyRequests {
        /// What happened, for people.
        message: String,
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The archive could not answer.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// A missing resource.
    pub fn not_found(what: impl Into<String>) -> Self {
        AppError::NotFound(what.into())
    }

    /// A bad parameter.
    pub fn bad_parameter(parameter: &str, message: impl Into<String>) -> Self {
        AppError::BadRequest {
            code: "bad_parameter",
            message: message.into(),
            details: json!({ "parameter": parameter }),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest { .. } | AppError::Query { .. } => StatusCode::BAD_REQUEST,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            AppError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine name of the error.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "not_found",
            AppError::BadRequest { code, .. } => code,
            AppError::Query { .. } => "bad_query",
            AppError::TooLarge(_) => "too_large",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::Conflict { .. } => "conflict",
            AppError::PreconditionFailed(_) => "precondition_failed",
            AppError::PreconditionRequired(_) => "precondition_required",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::Internal(_) => "internal",
        }
    }

    /// Structured details for the API.
    pub fn details(&self) -> serde_json::Value {
        match self {
            AppError::BadRequest { details, .. } => details.clone(),
            AppError::Query { query, error } => json!({
                "parameter": "q",
                "query": query,
                "start": error.start,
                "end": error.end,
                "column": error.column,
                "pointer": error.render(query),
            }),
            AppError::Conflict {
                current_revision, ..
            } => json!({ "current_revision": current_revision }),
            AppError::TooManyRequests { retry_after, .. } => {
                json!({ "retry_after": retry_after })
            }
            _ => json!({}),
        }
    }

    /// The message shown to people; internal errors are logged, not shown.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(_) => {
                "the archive could not answer this request; the error was logged".into()
            }
            other => other.to_string(),
        }
    }

    /// The JSON body of the API's errors.
    pub fn json_body(&self) -> serde_json::Value {
        json!({ "error": { "code": self.code(), "message": self.public_message(), "details": self.details() } })
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::DocumentNotFound { id } => AppError::NotFound(format!("no document {id}")),
            StoreError::Conflict { current, .. } => AppError::Conflict {
                message: "the document changed since it was read: read it again, and apply \
                          the change to the current revision"
                    .into(),
                current_revision: current,
            },
            StoreError::Invalid { problems, .. } => AppError::BadRequest {
                code: "invalid_document",
                message: format!(
                    "the document would not be valid: {}",
                    problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                details: json!({
                    "problems": problems
                        .iter()
                        .map(|p| json!({ "field": p.field, "message": p.message }))
                        .collect::<Vec<_>>()
                }),
            },
            StoreError::Deleted { id, .. } => {
                AppError::NotFound(format!("document {id} is deleted; undelete it first"))
            }
            StoreError::RevisionNotFound { id, revision } => {
                AppError::NotFound(format!("document {id} has no revision {revision}"))
            }
            StoreError::NoContent { id, revision } => AppError::BadRequest {
                code: "bad_parameter",
                message: format!(
                    "revision {revision} of document {id} is a deletion and holds no content"
                ),
                details: json!({ "parameter": "revision" }),
            },
            StoreError::NameTaken { name } => AppError::BadRequest {
                code: "bad_parameter",
                message: format!("there is already an account named '{name}'"),
                details: json!({ "parameter": "name" }),
            },
            StoreError::AccountNotFound { what } => AppError::NotFound(format!("no {what}")),
            StoreError::AuthorityNotFound { id } => {
                AppError::NotFound(format!("no authority record '{id}'"))
            }
            StoreError::CannotMerge { message } => {
                AppError::bad_parameter("into", format!("cannot merge: {message}"))
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<IndexError> for AppError {
    fn from(e: IndexError) -> Self {
        match e {
            IndexError::Unsupported(message) => AppError::BadRequest {
                code: "bad_query",
                message,
                details: json!({ "parameter": "q" }),
            },
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("a worker failed: {e}"))
    }
}

/// An error answered as JSON (the API).
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let AppError::Internal(message) = &self.0 {
            tracing::error!(error = %message, "internal error");
        }
        let mut response = (self.0.status(), axum::Json(self.0.json_body())).into_response();
        if let AppError::TooManyRequests { retry_after, .. } = &self.0
            && let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}

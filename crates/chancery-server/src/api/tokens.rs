//! `/api/v1/tokens`: the caller's API tokens — list (any signed-in caller), create and
//! revoke (a session with its `X-CSRF-Token` header, or a token with the `write` scope).
//! A new token's secret is in the creation's answer and nowhere else: the archive keeps only
//! its SHA-256.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chancery_store::{ApiToken, TokenScope};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::edit::session_checks;
use super::params::{Params, PathId};
use super::schema::ErrorSchema;
use crate::auth::caller::{Account, Caller, Via};
use crate::error::{ApiError, AppError};
use crate::html::account::{create_token, revoke_token, token_request};
use crate::state::AppState;

/// An API token, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenInfo {
    /// Its number.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// `read` or `write`.
    #[schema(example = "read")]
    pub scope: String,
    /// When it was made.
    #[schema(value_type = super::schema::Moment)]
    pub created: jiff::Timestamp,
    /// When it was revoked (null while it works).
    #[schema(value_type = Option<super::schema::Moment>, required = true)]
    pub revoked: Option<jiff::Timestamp>,
}

impl From<ApiToken> for TokenInfo {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id,
            name: t.name,
            scope: t.scope.as_str().to_string(),
            created: t.created,
            revoked: t.revoked,
        }
    }
}

/// The caller's tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenList {
    /// Every token of the caller, revoked ones included, oldest first.
    pub tokens: Vec<TokenInfo>,
}

/// A token to make.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewToken {
    /// A name to tell tokens apart (1 to 100 characters).
    pub name: String,
    /// `read` (the default) or `write`.
    #[schema(example = "read")]
    pub scope: Option<String>,
}

/// A token just made, with its secret (shown this once).
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    /// The token.
    #[serde(flatten)]
    pub token: TokenInfo,
    /// The secret to send as `Authorization: Bearer …`.
    pub secret: String,
}

/// What a revocation did.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevokedToken {
    /// The token's number.
    pub id: u64,
    /// Always true.
    pub revoked: bool,
}

/// Creating and revoking: a session with its anti-forgery header, or a `write` token.
fn manager<'a>(
    state: &AppState,
    caller: &'a Caller,
    headers: &HeaderMap,
) -> Result<&'a Account, AppError> {
    let account = caller.signed_in()?;
    if let Via::Token {
        scope: TokenScope::Read,
        ..
    } = account.via
    {
        return Err(AppError::Forbidden(
            "a read-only token cannot make or revoke tokens".into(),
        ));
    }
    session_checks(state, account, caller, headers)?;
    Ok(account)
}

/// The caller's API tokens.
#[utoipa::path(
    get,
    path = "/api/v1/tokens",
    tag = "tokens",
    operation_id = "list_tokens",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The caller's tokens", body = TokenList),
        (status = 400, description = "A query parameter was given (there are none)", body = ErrorSchema),
        (status = 401, description = "No session or API token", body = ErrorSchema),
        (status = 403, description = "A new password is due first", body = ErrorSchema),
    )
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let user = caller.signed_in()?.user.id;
    let tokens = state
        .blocking(move |state| Ok(state.store().api_tokens(Some(user))?))
        .await?;
    let mut response = axum::Json(TokenList {
        tokens: tokens.into_iter().map(TokenInfo::from).collect(),
    })
    .into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// Make an API token; its secret is in this answer only.
#[utoipa::path(
    post,
    path = "/api/v1/tokens",
    tag = "tokens",
    operation_id = "create_token",
    request_body(content = NewToken, content_type = "application/json"),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 201, description = "The token and its secret", body = CreatedToken),
        (status = 400, description = "The name or scope is wrong", body = ErrorSchema),
        (status = 401, description = "No session or API token", body = ErrorSchema),
        (status = 403, description = "A read-only token, or a session without its X-CSRF-Token", body = ErrorSchema),
    )
)]
pub async fn create_token_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let account = manager(&state, &caller, &headers)?;
    let request: NewToken = serde_json::from_slice(&body).map_err(|e| AppError::BadRequest {
        code: "bad_request",
        message: format!("expected {{\"name\": …, \"scope\": \"read\" or \"write\"}}: {e}"),
        details: serde_json::json!({}),
    })?;
    let (name, scope) = token_request(&request.name, request.scope.as_deref().unwrap_or(""))?;
    let user = account.user.clone();
    let address = caller.address_text();
    let (token, secret) = state
        .blocking(move |state| create_token(&state, &user.name, user.id, &name, scope, address))
        .await?;
    let mut response = (
        StatusCode::CREATED,
        axum::Json(CreatedToken {
            token: token.into(),
            secret,
        }),
    )
        .into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// Revoke one of the caller's API tokens (an administrator may revoke anyone's).
#[utoipa::path(
    delete,
    path = "/api/v1/tokens/{id}",
    tag = "tokens",
    operation_id = "revoke_token",
    params(("id" = u64, Path, description = "The token's number")),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The token is revoked", body = RevokedToken),
        (status = 400, description = "A query parameter was given (there are none)", body = ErrorSchema),
        (status = 401, description = "No session or API token", body = ErrorSchema),
        (status = 403, description = "A read-only token, or a session without its X-CSRF-Token", body = ErrorSchema),
        (status = 404, description = "No such token of the caller's", body = ErrorSchema),
    )
)]
pub async fn revoke_token_api(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let account = manager(&state, &caller, &headers)?;
    let id: u64 = id
        .trim()
        .parse()
        .map_err(|_| AppError::not_found("no such token"))?;
    let user = account.user.clone();
    let address = caller.address_text();
    state
        .blocking(move |state| revoke_token(&state, &user, id, address))
        .await?;
    Ok(axum::Json(RevokedToken { id, revoked: true }).into_response())
}

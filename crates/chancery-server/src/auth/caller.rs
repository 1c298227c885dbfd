//! Who is calling: the [`Caller`] of a request, resolved once by [`middleware`] from a
//! session cookie or an `Authorization: Bearer` API token, and the access gate that follows
//! from it.
//!
//! Resolution costs nothing for an anonymous visitor (no cookie, no header: no store call).
//! A session cookie that no longer names a live session is ignored (and cleared); a bearer
//! token that names no live token is refused with 401, so a client never reads less than
//! it expects without knowing.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chancery_store::{Role, TokenScope, User};

use super::rate::retry_after_seconds;
use super::{hash_secret, session};
use crate::access::{Gate, Viewer};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// How a signed-in caller proved who they are.
#[derive(Debug, Clone)]
pub enum Via {
    /// A browser session.
    Session {
        /// The SHA-256 of the cookie's secret (the session's key in the store).
        token_hash: String,
        /// The session's anti-forgery token.
        csrf: String,
    },
    /// An API token.
    Token {
        /// The token's number.
        id: u64,
        /// What it may do.
        scope: TokenScope,
    },
}

/// A signed-in caller.
#[derive(Debug, Clone)]
pub struct Account {
    /// The user.
    pub user: User,
    /// How they signed in.
    pub via: Via,
}

/// The caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The signed-in user, if any.
    pub account: Option<Account>,
    /// The client's network address (the TCP peer), when known.
    pub address: Option<IpAddr>,
    /// The moment the request is judged at (the server's clock).
    pub now: jiff::Timestamp,
    /// Whether the request carried a session cookie that names no live session.
    pub stale_cookie: bool,
}

impl Caller {
    /// An anonymous caller at `now`.
    pub fn anonymous(now: jiff::Timestamp, address: Option<IpAddr>) -> Self {
        Self {
            account: None,
            address,
            now,
            stale_cookie: false,
        }
    }

    /// The user, if signed in.
    pub fn user(&self) -> Option<&User> {
        self.account.as_ref().map(|a| &a.user)
    }

    /// Whether the signed-in user must choose a new password before anything else.
    pub fn must_change_password(&self) -> bool {
        self.user().is_some_and(|u| u.must_change_password)
    }

    /// Who the gate sees: the user's role, or anonymous (also while a new password is due).
    pub fn viewer(&self) -> Viewer {
        match self.user() {
            Some(user) if !user.must_change_password => Viewer::from_role(user.role),
            _ => Viewer::Anonymous,
        }
    }

    /// The access gate of this request.
    pub fn gate(&self) -> Gate {
        Gate::new(self.viewer(), self.now)
    }

    /// The name written in the change log and the audit log.
    pub fn actor(&self) -> String {
        self.user()
            .map_or_else(|| "anonymous".to_string(), |u| u.name.clone())
    }

    /// The client's address as text, for the audit log.
    pub fn address_text(&self) -> Option<String> {
        self.address.map(|a| a.to_string())
    }

    /// The session's anti-forgery token, when signed in by session.
    pub fn csrf(&self) -> Option<&str> {
        match &self.account {
            Some(Account {
                via: Via::Session { csrf, .. },
                ..
            }) => Some(csrf),
            _ => None,
        }
    }

    /// The session's key, when signed in by session.
    pub fn session_hash(&self) -> Option<&str> {
        match &self.account {
            Some(Account {
                via: Via::Session { token_hash, .. },
                ..
            }) => Some(token_hash),
            _ => None,
        }
    }

    /// What pages for this caller depend on besides the documents: nothing for anonymous
    /// visitors; the session for signed-in ones (the header names the user and carries the
    /// session's anti-forgery token), so no cached page or validator is ever shared between
    /// two sessions.
    pub fn page_tag(&self) -> String {
        match &self.account {
            None => "anonymous".into(),
            Some(Account {
                via: Via::Session { token_hash, .. },
                user,
            }) => format!(
                "session:{token_hash}:{}:{}",
                user.role.as_str(),
                user.must_change_password
            ),
            Some(Account {
                via: Via::Token { id, .. },
                user,
            }) => format!("token:{id}:{}", user.role.as_str()),
        }
    }

    /// The signed-in account, or 401.
    pub fn signed_in(&self) -> Result<&Account, AppError> {
        match &self.account {
            Some(account) if !account.user.must_change_password => Ok(account),
            Some(_) => Err(AppError::Forbidden(
                "choose a new password first (/account/password)".into(),
            )),
            None => Err(AppError::Unauthorized(
                "sign in, or send an API token as 'Authorization: Bearer …'".into(),
            )),
        }
    }

    /// The signed-in account if it may change documents (an editor or administrator, by
    /// session or by a token with the write scope); else 401 or 403.
    pub fn editor(&self) -> Result<&Account, AppError> {
        let account = self.signed_in()?;
        if !matches!(account.user.role, Role::Editor | Role::Admin) {
            return Err(AppError::Forbidden(
                "only editors and administrators may change documents".into(),
            ));
        }
        if let Via::Token {
            scope: TokenScope::Read,
            ..
        } = account.via
        {
            return Err(AppError::Forbidden(
                "this API token may only read (its scope is 'read')".into(),
            ));
        }
        Ok(account)
    }

    /// The signed-in account if it is an administrator's; else 401 or 403.
    pub fn admin(&self) -> Result<&Account, AppError> {
        let account = self.signed_in()?;
        if account.user.role != Role::Admin {
            return Err(AppError::Forbidden(
                "only administrators may do this".into(),
            ));
        }
        Ok(account)
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        resolve(state, &parts.headers, address)
            .await
            .map_err(|e| ApiError(e).into_response())
    }
}

/// Finds the caller of a request with these headers.
pub async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    address: Option<IpAddr>,
) -> Result<Caller, AppError> {
    let now = state.now();
    if let Some(authorization) = headers.get(header::AUTHORIZATION) {
        let secret = authorization
            .to_str()
            .ok()
            .and_then(|v| {
                let (scheme, rest) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                AppError::Unauthorized(
                    "the Authorization header must be 'Bearer' and an API token".into(),
                )
            })?
            .to_string();
        let hash = hash_secret(&secret);
        let found = state
            .blocking(move |state| Ok(state.store().api_token(&hash)?))
            .await?;
        let Some((token, user)) = found else {
            return Err(AppError::Unauthorized(
                "this API token is unknown or revoked, or its account is disabled".into(),
            ));
        };
        return Ok(Caller {
            account: Some(Account {
                user,
                via: Via::Token {
                    id: token.id,
                    scope: token.scope,
                },
            }),
            address,
            now,
            stale_cookie: false,
        });
    }
    let Some(secret) = session::cookie(headers, session::COOKIE) else {
        return Ok(Caller::anonymous(now, address));
    };
    let hash = hash_secret(secret);
    let key = hash.clone();
    let found = state
        .blocking(move |state| Ok(state.store().session(&key)?))
        .await?;
    Ok(match found {
        Some((session, user)) => Caller {
            account: Some(Account {
                user,
                via: Via::Session {
                    token_hash: session.token_hash,
                    csrf: session.csrf,
                },
            }),
            address,
            now,
            stale_cookie: false,
        },
        None => Caller {
            stale_cookie: true,
            ..Caller::anonymous(now, address)
        },
    })
}

/// Addresses that never need a caller (static files, health, and what is anonymous by
/// design: OAI-PMH, sitemaps, robots.txt).
fn needs_no_caller(path: &str) -> bool {
    path.starts_with("/static/")
        || path == "/healthz"
        || path == "/oai"
        || path == "/robots.txt"
        || path == "/sitemap.xml"
        || path.starts_with("/sitemaps/")
}

/// Resolves the caller once per request (handlers take it with the [`Caller`] extractor),
/// limits the API's rate, sends a user whose password must change to the page that changes
/// it, and marks answers that depend on the caller (`Vary: Cookie, Authorization`; for
/// signed-in callers `Cache-Control: private`).
pub async fn middleware(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if needs_no_caller(&path) {
        return next.run(request).await;
    }
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let is_api = path.starts_with("/api/");
    let caller = match resolve(&state, request.headers(), address).await {
        Ok(caller) => caller,
        Err(e) => return with_vary(ApiError(e).into_response()),
    };
    if is_api {
        let key = match &caller.account {
            Some(Account {
                via: Via::Token { id, .. },
                ..
            }) => format!("token:{id}"),
            Some(Account { user, .. }) => format!("user:{}", user.id),
            None => format!(
                "address:{}",
                address.map_or_else(|| "unknown".to_string(), |a| a.to_string())
            ),
        };
        if let Err(wait) = state.api_limit().take(&key) {
            return with_vary(
                ApiError(AppError::TooManyRequests {
                    message: "too many requests to the API; try again after the time in \
                              Retry-After"
                        .into(),
                    retry_after: retry_after_seconds(wait),
                })
                .into_response(),
            );
        }
    }
    if caller.must_change_password()
        && !is_api
        && request.method() == Method::GET
        && path != "/account/password"
    {
        return with_vary(Redirect::to("/account/password").into_response());
    }
    let signed_in = caller.account.is_some();
    let stale = caller.stale_cookie;
    request.extensions_mut().insert(caller);
    let mut response = next.run(request).await;
    if signed_in {
        let headers = response.headers_mut();
        let no_store = headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("no-store"));
        if !no_store {
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            );
        }
    }
    if stale && !response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().append(
            header::SET_COOKIE,
            session::clear_cookie(session::COOKIE, state.secure_cookies()),
        );
    }
    with_vary(response)
}

fn with_vary(mut response: Response) -> Response {
    response.headers_mut().append(
        header::VARY,
        HeaderValue::from_static("Cookie, Authorization"),
    );
    if response.status() == StatusCode::UNAUTHORIZED
        && !response.headers().contains_key(header::WWW_AUTHENTICATE)
    {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"chancery\""),
        );
    }
    response
}

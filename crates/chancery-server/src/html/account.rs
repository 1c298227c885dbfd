//! Accounts in the browser: signing in and out, choosing a new password (forced after a
//! one-time password), and API tokens (create — the secret is shown once —, list, revoke).
//!
//! Every form carries an anti-forgery token (the session's, or before signing in a
//! double-submit cookie's); sign-in failures are limited per account and per address
//! ([`crate::auth::rate::LoginLimiter`]); every sign-in, failure, sign-out, password change
//! and token change goes into the audit log.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chancery_store::{NewApiToken, NewAuditEntry, TokenScope, UserChange};

use super::error::{OrPage, PageError};
use super::form::{Form, check_post, local_path};
use super::{Chrome, Section, html_response, no_store, url, view};
use crate::auth::caller::Caller;
use crate::auth::rate::retry_after_seconds;
use crate::auth::{TOKEN_PREFIX, csrf, hash_secret, new_secret, password, session};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Chrome,
    csrf: String,
    name: String,
    next: String,
    error: String,
}

/// A page with the sign-in form, a fresh double-submit token in its cookie and field.
fn login_form(
    state: &AppState,
    caller: &Caller,
    status: StatusCode,
    name: &str,
    next: &str,
    error: &str,
) -> Result<Response, AppError> {
    let token = new_secret()?;
    let mut chrome = Chrome::new(state, caller, "Sign in", Section::Other);
    chrome.noindex = true;
    let page = LoginPage {
        page: chrome,
        csrf: token.clone(),
        name: name.to_string(),
        next: next.to_string(),
        error: error.to_string(),
    };
    let mut response = no_store(html_response(status, &page));
    response.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(
            csrf::LOGIN_COOKIE,
            &token,
            csrf::LOGIN_TOKEN_SECONDS,
            state.secure_cookies(),
        ),
    );
    Ok(response)
}

/// `GET /login?next=/path`.
pub async fn login_page(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let next = url::parse_query(raw.as_deref())
        .into_iter()
        .find(|(k, _)| k == "next")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let next = local_path(&next).unwrap_or("/").to_string();
    login_form(&state, &caller, StatusCode::OK, "", &next, "").or_page(&state)
}

/// What a sign-in attempt came to.
enum Attempt {
    /// Signed in: the session's secret, and whether a new password is due.
    In(String, bool),
    /// The name or password is wrong (or the account disabled).
    Wrong,
}

/// `POST /login`.
pub async fn login(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let name = form.get("name").trim().to_string();
    let next = local_path(form.get("next")).unwrap_or("/").to_string();
    let cookie_token = session::cookie(&headers, csrf::LOGIN_COOKIE).unwrap_or_default();
    if !csrf::same_origin(&headers, &state.site().base_url)
        || !csrf::tokens_match(form.get(csrf::FIELD), cookie_token)
    {
        return login_form(
            &state,
            &caller,
            StatusCode::FORBIDDEN,
            &name,
            &next,
            "The sign-in form expired or came from another site. Please sign in again.",
        )
        .or_page(&state);
    }
    let address = caller.address_text();
    let keys = vec![
        format!("account:{}", name.to_lowercase()),
        format!("address:{}", address.as_deref().unwrap_or("unknown")),
    ];
    if let Some(wait) = state.logins().blocked(&keys) {
        return Err(PageError::new(
            &state,
            AppError::TooManyRequests {
                message: "Too many failed sign-ins: wait a minute before trying again.".into(),
                retry_after: retry_after_seconds(wait),
            },
        ));
    }
    let secret = form.get("password").to_string();
    let attempt = {
        let name = name.clone();
        let address = address.clone();
        state
            .blocking(move |state| {
                let store = state.store();
                let user = store.user_by_name(&name)?;
                let ok = match &user {
                    Some(user) => password::verify(&secret, &user.password_hash) && !user.disabled,
                    None => {
                        password::verify_nothing(&secret);
                        false
                    }
                };
                let audit = |action: &str, detail: Option<String>| NewAuditEntry {
                    actor: name.chars().take(100).collect(),
                    action: action.into(),
                    target: None,
                    detail,
                    address: address.clone(),
                };
                match user {
                    Some(user) if ok => {
                        let cookie = session::start(store.as_ref(), &user, state.now())?;
                        store.append_audit(audit("login", None))?;
                        Ok(Attempt::In(cookie, user.must_change_password))
                    }
                    other => {
                        let why = match other {
                            None => "no such account",
                            Some(u) if u.disabled => "the account is disabled",
                            Some(_) => "wrong password",
                        };
                        store.append_audit(audit("login-failed", Some(why.into())))?;
                        Ok(Attempt::Wrong)
                    }
                }
            })
            .await
            .or_page(&state)?
    };
    match attempt {
        Attempt::Wrong => {
            state.logins().failed(&keys);
            login_form(
                &state,
                &caller,
                StatusCode::UNAUTHORIZED,
                &name,
                &next,
                "The name or the password is wrong.",
            )
            .or_page(&state)
        }
        Attempt::In(cookie, must_change) => {
            if let Some(key) = keys.first() {
                state.logins().clear(key);
            }
            let to = if must_change {
                "/account/password"
            } else {
                next.as_str()
            };
            let mut response = Redirect::to(to).into_response();
            let secure = state.secure_cookies();
            let headers = response.headers_mut();
            headers.append(header::SET_COOKIE, session::session_cookie(&cookie, secure));
            headers.append(
                header::SET_COOKIE,
                session::clear_cookie(csrf::LOGIN_COOKIE, secure),
            );
            Ok(response)
        }
    }
}

/// `POST /logout`: ends the session.
pub async fn logout(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let Some(hash) = caller.session_hash().map(str::to_string) else {
        return Ok(Redirect::to("/").into_response());
    };
    check_post(&state, &caller, &headers, form.get(csrf::FIELD)).or_page(&state)?;
    let entry = NewAuditEntry {
        actor: caller.actor(),
        action: "logout".into(),
        address: caller.address_text(),
        ..NewAuditEntry::default()
    };
    state
        .blocking(move |state| {
            let store = state.store();
            store.delete_session(&hash)?;
            store.append_audit(entry)?;
            Ok(())
        })
        .await
        .or_page(&state)?;
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        session::clear_cookie(session::COOKIE, state.secure_cookies()),
    );
    Ok(response)
}

/// Signed-in pages send anonymous visitors to sign in first, and back here after.
fn sign_in_first(path: &str) -> Response {
    Redirect::to(&url::with_query("/login", [("next", path)])).into_response()
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    page: Chrome,
    csrf: String,
    forced: bool,
    error: String,
    min_length: usize,
}

fn password_form(state: &AppState, caller: &Caller, status: StatusCode, error: &str) -> Response {
    let mut chrome = Chrome::new(state, caller, "Choose a new password", Section::Other);
    chrome.noindex = true;
    no_store(html_response(
        status,
        &PasswordPage {
            page: chrome,
            csrf: caller.csrf().unwrap_or_default().to_string(),
            forced: caller.must_change_password(),
            error: error.to_string(),
            min_length: password::MIN_LENGTH,
        },
    ))
}

/// `GET /account/password`.
pub async fn password_page(State(state): State<AppState>, caller: Caller) -> Response {
    if caller.csrf().is_none() {
        return sign_in_first("/account/password");
    }
    password_form(&state, &caller, StatusCode::OK, "")
}

/// `POST /account/password`: checks the current password, sets the new one, ends the
/// user's other sessions and starts a new one.
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let account = check_post(&state, &caller, &headers, form.get(csrf::FIELD)).or_page(&state)?;
    let user = account.user.clone();
    let current = form.get("current").to_string();
    let new = form.get("new").to_string();
    if new != form.get("repeat") {
        return Ok(password_form(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            "The two new passwords differ.",
        ));
    }
    if let Err(message) = password::check_new(&user.name, &new) {
        return Ok(password_form(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            &format!("This password cannot be used: {message}."),
        ));
    }
    if new == current {
        return Ok(password_form(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            "The new password must differ from the current one.",
        ));
    }
    let address = caller.address_text();
    let outcome = state
        .blocking(move |state| {
            if !password::verify(&current, &user.password_hash) {
                return Ok(None);
            }
            let store = state.store();
            let hash = password::hash(&new)?;
            let updated = store.update_user(
                user.id,
                &UserChange {
                    password_hash: Some(hash),
                    must_change_password: Some(false),
                    ..UserChange::default()
                },
            )?;
            let cookie = session::start(store.as_ref(), &updated, state.now())?;
            store.append_audit(NewAuditEntry {
                actor: updated.name.clone(),
                action: "password-changed".into(),
                target: Some(updated.name.clone()),
                detail: None,
                address,
            })?;
            Ok(Some(cookie))
        })
        .await
        .or_page(&state)?;
    let Some(cookie) = outcome else {
        return Ok(password_form(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            "The current password is wrong.",
        ));
    };
    let mut response = Redirect::to("/account/tokens").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        session::session_cookie(&cookie, state.secure_cookies()),
    );
    Ok(response)
}

/// An API token as the tokens page lists it.
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// Its number.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// `read` or `write`.
    pub scope: &'static str,
    /// When it was made.
    pub created: String,
    /// When it was revoked (empty when live).
    pub revoked: String,
    /// Where its revoke form posts.
    pub revoke_action: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    page: Chrome,
    csrf: String,
    name: String,
    role: &'static str,
    tokens: Vec<TokenRow>,
    created_secret: String,
    created_name: String,
    error: String,
}

async fn tokens_response(
    state: &AppState,
    caller: &Caller,
    status: StatusCode,
    created: Option<(String, String)>,
    error: &str,
) -> Result<Response, PageError> {
    let Some(user) = caller.user().cloned() else {
        return Ok(sign_in_first("/account/tokens"));
    };
    let user_id = user.id;
    let tokens = state
        .blocking(move |state| Ok(state.store().api_tokens(Some(user_id))?))
        .await
        .or_page(state)?;
    let rows = tokens
        .into_iter()
        .rev()
        .map(|t| TokenRow {
            revoke_action: format!("/account/tokens/{}/revoke", t.id),
            id: t.id,
            name: t.name,
            scope: t.scope.as_str(),
            created: view::timestamp(t.created),
            revoked: t.revoked.map(view::timestamp).unwrap_or_default(),
        })
        .collect();
    let mut chrome = Chrome::new(state, caller, "Your account", Section::Other);
    chrome.noindex = true;
    let (created_name, created_secret) = created.unwrap_or_default();
    Ok(no_store(html_response(
        status,
        &TokensPage {
            page: chrome,
            csrf: caller.csrf().unwrap_or_default().to_string(),
            name: user.name,
            role: user.role.as_str(),
            tokens: rows,
            created_secret,
            created_name,
            error: error.to_string(),
        },
    )))
}

/// `GET /account/tokens`: the account and its API tokens.
pub async fn tokens_page(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, PageError> {
    tokens_response(&state, &caller, StatusCode::OK, None, "").await
}

/// The longest token name.
const MAX_TOKEN_NAME: usize = 100;

/// Makes an API token for `user_id` and records it in the audit log; returns the token's
/// number and its secret (shown once, never stored).
pub fn create_token(
    state: &AppState,
    actor: &str,
    user_id: u64,
    name: &str,
    scope: TokenScope,
    address: Option<String>,
) -> Result<(chancery_store::ApiToken, String), AppError> {
    let secret = format!("{TOKEN_PREFIX}{}", new_secret()?);
    let store = state.store();
    let token = store.create_api_token(NewApiToken {
        user_id,
        name: name.to_string(),
        token_hash: hash_secret(&secret),
        scope,
    })?;
    store.append_audit(NewAuditEntry {
        actor: actor.to_string(),
        action: "token-created".into(),
        target: Some(format!("token {}", token.id)),
        detail: Some(format!("'{}', scope {}", token.name, scope.as_str())),
        address,
    })?;
    Ok((token, secret))
}

/// Checks a token's name and scope as given in a form or the API.
pub fn token_request(name: &str, scope: &str) -> Result<(String, TokenScope), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_TOKEN_NAME {
        return Err(AppError::bad_parameter(
            "name",
            format!("a token needs a name of 1 to {MAX_TOKEN_NAME} characters"),
        ));
    }
    let scope = if scope.trim().is_empty() {
        TokenScope::Read
    } else {
        scope
            .parse::<TokenScope>()
            .map_err(|message| AppError::bad_parameter("scope", message))?
    };
    Ok((name.to_string(), scope))
}

/// `POST /account/tokens`: makes a token and shows its secret once.
pub async fn create_token_form(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let account = check_post(&state, &caller, &headers, form.get(csrf::FIELD)).or_page(&state)?;
    if account.user.must_change_password {
        return Ok(Redirect::to("/account/password").into_response());
    }
    let (name, scope) = match token_request(form.get("name"), form.get("scope")) {
        Ok(request) => request,
        Err(e) => {
            return tokens_response(
                &state,
                &caller,
                StatusCode::BAD_REQUEST,
                None,
                &e.to_string(),
            )
            .await;
        }
    };
    let user = account.user.clone();
    let address = caller.address_text();
    let (token, secret) = state
        .blocking(move |state| create_token(&state, &user.name, user.id, &name, scope, address))
        .await
        .or_page(&state)?;
    tokens_response(
        &state,
        &caller,
        StatusCode::CREATED,
        Some((token.name, secret)),
        "",
    )
    .await
}

/// `POST /account/tokens` (the route).
pub async fn create_token_route(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    create_token_form(state, caller, headers, body).await
}

/// Revokes the token `id` of `user_id` (an administrator may revoke anyone's) and records it.
pub fn revoke_token(
    state: &AppState,
    actor: &chancery_store::User,
    id: u64,
    address: Option<String>,
) -> Result<(), AppError> {
    let store = state.store();
    let owned = store
        .api_tokens(if actor.role == chancery_store::Role::Admin {
            None
        } else {
            Some(actor.id)
        })?
        .into_iter()
        .any(|t| t.id == id);
    if !owned {
        return Err(AppError::not_found(format!("no API token {id} of yours")));
    }
    store.revoke_api_token(id)?;
    store.append_audit(NewAuditEntry {
        actor: actor.name.clone(),
        action: "token-revoked".into(),
        target: Some(format!("token {id}")),
        detail: None,
        address,
    })?;
    Ok(())
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token_route(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let account = check_post(&state, &caller, &headers, form.get(csrf::FIELD)).or_page(&state)?;
    let id: u64 = id
        .parse()
        .map_err(|_| PageError::new(&state, AppError::not_found("no such token")))?;
    let user = account.user.clone();
    let address = caller.address_text();
    state
        .blocking(move |state| revoke_token(&state, &user, id, address))
        .await
        .or_page(&state)?;
    let mut response = Redirect::to("/account/tokens").into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

//! HTML forms: reading a submitted form, and the checks every POST of the reading room
//! passes (same origin, a signed-in session, its anti-forgery token).

use axum::body::Bytes;
use axum::http::{HeaderMap, header};

use crate::auth::caller::{Account, Caller};
use crate::auth::csrf;
use crate::error::AppError;
use crate::state::AppState;

/// A submitted `application/x-www-form-urlencoded` form, its fields in order.
#[derive(Debug, Clone, Default)]
pub struct Form {
    fields: Vec<(String, String)>,
}

impl Form {
    /// Reads a form body; another media type is refused.
    pub fn parse(headers: &HeaderMap, body: &Bytes) -> Result<Self, AppError> {
        let form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !form {
            return Err(AppError::BadRequest {
                code: "bad_request",
                message: "a form must be sent as application/x-www-form-urlencoded".into(),
                details: serde_json::json!({}),
            });
        }
        Ok(Self {
            fields: form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        })
    }

    /// The first value of `name` (empty when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The checks of a POST by a signed-in user: the request comes from this site and carries
/// the session's anti-forgery token. Returns the account.
pub fn check_post<'a>(
    state: &AppState,
    caller: &'a Caller,
    headers: &HeaderMap,
    token: &str,
) -> Result<&'a Account, AppError> {
    if !csrf::same_origin(headers, &state.site().base_url) {
        return Err(AppError::Forbidden(
            "this form was sent from another site, and is refused".into(),
        ));
    }
    let Some(expected) = caller.csrf() else {
        return Err(AppError::Unauthorized("sign in first".into()));
    };
    if !csrf::tokens_match(token, expected) {
        return Err(AppError::Forbidden(
            "the form's security token is missing or out of date: reload the page and send \
             it again"
                .into(),
        ));
    }
    caller
        .account
        .as_ref()
        .ok_or_else(|| AppError::Unauthorized("sign in first".into()))
}

/// Whether `next` is an address on this site to go back to after signing in (a path, not
/// `//host` or a scheme).
pub fn local_path(next: &str) -> Option<&str> {
    (next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && next.len() < 2000)
        .then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/documents/x"), Some("/documents/x"));
        assert_eq!(local_path("//evil.example"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil.example"), None);
    }
}

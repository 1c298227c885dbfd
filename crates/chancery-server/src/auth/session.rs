//! Browser sessions: a cookie holding a random secret, the store holding its SHA-256, the
//! user and the session's anti-forgery token.
//!
//! The cookie is `HttpOnly` (no script reads it), `SameSite=Lax` (browsers do not send it
//! with cross-site POSTs), `Path=/`, and `Secure` when the site's public address is https.
//! A session lasts [`LIFETIME`] from sign-in, whatever the activity: a fixed lifetime is
//! simpler to reason about than a sliding one and needs no write per request; signing in
//! again starts a new one. Signing out deletes it from the store; a new password or a
//! disabled account ends all of a user's sessions (the store does that).

use axum::http::{HeaderMap, HeaderValue, header};
use chancery_store::{Session, Store, User};

use super::{hash_secret, new_secret};
use crate::error::AppError;

/// The session cookie's name.
pub const COOKIE: &str = "chancery_session";

/// How long a session lasts from sign-in.
pub const LIFETIME: jiff::SignedDuration = jiff::SignedDuration::from_hours(12);

/// A new session for `user` at `now`: its secret (for the cookie) and what the store keeps.
pub fn start(store: &dyn Store, user: &User, now: jiff::Timestamp) -> Result<String, AppError> {
    let secret = new_secret()?;
    let session = Session {
        token_hash: hash_secret(&secret),
        user_id: user.id,
        csrf: new_secret()?,
        created: now,
        expires: now
            .checked_add(LIFETIME)
            .map_err(|e| AppError::Internal(format!("a session's end overflows: {e}")))?,
    };
    store.create_session(&session)?;
    Ok(secret)
}

/// A `Set-Cookie` value that stores `value` under `name` for `max_age` seconds.
pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax");
    if secure {
        cookie.push_str("; Secure");
    }
    // Names and values are ours: base64url and fixed names, always valid header text.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` value that removes the cookie `name`.
pub fn clear_cookie(name: &str, secure: bool) -> HeaderValue {
    set_cookie(name, "", 0, secure)
}

/// The session cookie's `Set-Cookie` value for `secret`.
pub fn session_cookie(secret: &str, secure: bool) -> HeaderValue {
    set_cookie(COOKIE, secret, LIFETIME.as_secs(), secure)
}

/// The value of the cookie `name` in a request, if sent (the first one when repeated).
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_written_and_read() {
        let set = session_cookie("abc", true);
        let text = set.to_str().unwrap();
        assert!(text.starts_with("chancery_session=abc;"));
        for part in [
            "HttpOnly",
            "SameSite=Lax",
            "Path=/",
            "Secure",
            "Max-Age=43200",
        ] {
            assert!(text.contains(part), "{text}");
        }
        assert!(
            !session_cookie("abc", false)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; chancery_session=xyz; b=2"),
        );
        assert_eq!(cookie(&headers, COOKIE), Some("xyz"));
        assert_eq!(cookie(&headers, "c"), None);
    }
}

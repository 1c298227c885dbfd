//! Cross-site request forgery: every form carries an anti-forgery token in a hidden field,
//! checked on every POST, and POSTs a browser marks as cross-site are refused outright.
//!
//! - Signed in, the token is the session's own (kept in the store with it) and the JSON
//!   API's writes by session take it in the `X-CSRF-Token` header. API tokens sent as
//!   `Authorization: Bearer` need none: browsers never add that header by themselves.
//! - Before signing in, the sign-in form uses a double-submit token: a random value in a
//!   short-lived `HttpOnly` cookie and the same value in the form.
//! - `Sec-Fetch-Site: cross-site` (or `same-site`) refuses a POST, and so does an `Origin`
//!   that is neither the site's public address nor the address the request was sent to.

use axum::http::{HeaderMap, header};
use subtle::ConstantTimeEq;

/// The hidden field of every form.
pub const FIELD: &str = "csrf";

/// The header of session-authenticated API writes.
pub const HEADER: &str = "x-csrf-token";

/// The cookie of the sign-in form's double-submit token.
pub const LOGIN_COOKIE: &str = "chancery_login";

/// How long the sign-in form's token lasts, in seconds.
pub const LOGIN_TOKEN_SECONDS: i64 = 3600;

/// Whether a presented token equals the expected one (in constant time; empty tokens never
/// match).
pub fn tokens_match(presented: &str, expected: &str) -> bool {
    !expected.is_empty()
        && presented.len() == expected.len()
        && bool::from(presented.as_bytes().ct_eq(expected.as_bytes()))
}

/// Whether a state-changing request may come from where the browser says it comes from:
/// not from another site, and from this site's origin when the browser names one.
pub fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // No Origin: a client that is not a browser, or an old one; the token decides.
        return true;
    };
    let origin = origin.trim_end_matches('/');
    if origin.eq_ignore_ascii_case(&site_origin(base_url)) {
        return true;
    }
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|host| {
            origin.eq_ignore_ascii_case(&format!("http://{host}"))
                || origin.eq_ignore_ascii_case(&format!("https://{host}"))
        })
}

/// The origin (`scheme://host[:port]`) of an address.
fn site_origin(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split('/').next().unwrap_or(rest);
            format!("{scheme}://{host}")
        }
        None => base_url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_match_exactly() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abd", "abc"));
        assert!(!tokens_match("ab", "abc"));
        assert!(!tokens_match("", ""));
    }

    #[test]
    fn cross_site_posts_are_refused() {
        let base = "https://archive.example.org/";
        let mut h = HeaderMap::new();
        assert!(same_origin(&h, base));
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!same_origin(&h, base));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://archive.example.org"),
        );
        assert!(same_origin(&h, base));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&h, base));
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_origin(&h, base));
    }
}

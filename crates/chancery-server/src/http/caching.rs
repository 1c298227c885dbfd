//! Caching headers: a strong `ETag` (and `Last-Modified` where a document has one), and
//! conditional GETs answered with 304 Not Modified.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// A validator for a representation: everything its bytes depend on goes into the tag.
#[derive(Debug, Clone)]
pub struct Validator {
    etag: String,
    last_modified: Option<jiff::Timestamp>,
}

impl Validator {
    /// A validator from the parts a response depends on (revision, viewer, parameters, the
    /// index's sequence, the program's version).
    pub fn from_parts(parts: &[&str]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        for part in parts {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        let digest = hasher.finalize();
        Self {
            etag: format!("\"{}\"", hex::encode(&digest[..12])),
            last_modified: None,
        }
    }

    /// The same validator with a modification time.
    #[must_use]
    pub fn modified(mut self, at: Option<jiff::Timestamp>) -> Self {
        self.last_modified = at;
        self
    }

    /// The entity tag, quoted.
    pub fn etag(&self) -> &str {
        &self.etag
    }

    /// Whether the request's conditions say the client's copy is current
    /// (`If-None-Match` wins over `If-Modified-Since`, as RFC 9110 says).
    pub fn is_fresh(&self, request: &HeaderMap) -> bool {
        if let Some(tags) = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
        {
            return tags
                .split(',')
                .map(str::trim)
                .any(|t| t == "*" || t.trim_start_matches("W/") == self.etag);
        }
        if let (Some(since), Some(modified)) = (
            request
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_http_date),
            self.last_modified,
        ) {
            return modified.as_second() <= since.as_second();
        }
        false
    }

    /// Adds `ETag`, `Last-Modified` and `Cache-Control` to a response.
    pub fn apply(&self, response: &mut Response) {
        let headers = response.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&self.etag) {
            headers.insert(header::ETAG, v);
        }
        if let Some(at) = self.last_modified
            && let Ok(v) = HeaderValue::from_str(&http_date(at))
        {
            headers.insert(header::LAST_MODIFIED, v);
        }
        // Revalidate every time: answers are cheap to confirm with the tag.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }

    /// 304 Not Modified when the client's copy is current, else `build()` with the headers.
    pub fn respond(&self, request: &HeaderMap, build: impl FnOnce() -> Response) -> Response {
        let mut response = if self.is_fresh(request) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            build()
        };
        self.apply(&mut response);
        response
    }
}

/// An HTTP date (IMF-fixdate), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(at: jiff::Timestamp) -> String {
    at.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn parse_http_date(text: &str) -> Option<jiff::Timestamp> {
    let datetime = jiff::fmt::strtime::parse("%a, %d %b %Y %H:%M:%S GMT", text.trim())
        .ok()?
        .to_datetime()
        .ok()?;
    datetime
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_change_with_their_parts_and_match_conditions() {
        let a = Validator::from_parts(&["doc", "1"]);
        let b = Validator::from_parts(&["doc", "2"]);
        assert_ne!(a.etag(), b.etag());
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(a.etag()).unwrap(),
        );
        assert!(a.is_fresh(&headers));
        assert!(!b.is_fresh(&headers));
    }

    #[test]
    fn http_dates_round_trip() {
        let at: jiff::Timestamp = "1994-11-06T08:49:37Z".parse().unwrap();
        assert_eq!(http_date(at), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(at));
        let v = Validator::from_parts(&["x"]).modified(Some(at));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        assert!(v.is_fresh(&headers));
    }
}

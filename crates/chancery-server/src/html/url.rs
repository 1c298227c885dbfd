//! Addresses of the reading room's pages, with query parameters percent-encoded.

use chancery_model::DocumentId;

/// The address of a document's page.
pub fn document(id: &str) -> String {
    format!("/documents/{}", path_segment(id))
}

/// The address of a document's page, from its identifier.
pub fn document_id(id: DocumentId) -> String {
    format!("/documents/{id}")
}

/// The address of a collection's page.
pub fn collection(id: &str) -> String {
    format!("/collections/{}", path_segment(id))
}

/// `path` with the query parameters `params` (names and values percent-encoded); no `?`
/// when there are none.
pub fn with_query<'a>(path: &str, params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (name, value) in params {
        serializer.append_pair(name, value);
        any = true;
    }
    if any {
        format!("{path}?{}", serializer.finish())
    } else {
        path.to_string()
    }
}

/// The search page for `query` alone.
pub fn search(query: &str) -> String {
    with_query("/search", [("q", query)])
}

/// Percent-encodes one path segment (everything but unreserved characters).
pub fn path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The query parameters of a request, in order, decoded (invalid UTF-8 replaced).
pub fn parse_query(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| {
        form_urlencoded::parse(q.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_encoded() {
        assert_eq!(
            with_query("/search", [("q", "a&b=c \"d\""), ("type", "letter")]),
            "/search?q=a%26b%3Dc+%22d%22&type=letter"
        );
        assert_eq!(with_query("/search", []), "/search");
        assert_eq!(collection("korean war/x"), "/collections/korean%20war%2Fx");
    }
}

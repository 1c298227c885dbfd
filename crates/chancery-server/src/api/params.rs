//! Query-string parameters, read strictly and answered with JSON errors.
//!
//! axum's `Query<T>` rejects a bad request with a plain-text body and no parameter name; the
//! API instead reads the raw pairs ([`Params`]) and each endpoint takes its parameters by
//! name, so that every error says which parameter is wrong and why, in the API's
//! `{"error": …}` shape. Unknown and repeated parameters are refused (a typo such as `limt`
//! would otherwise be silently ignored). An empty value counts as absent for text
//! parameters.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde_json::json;

use crate::error::{ApiError, AppError};

/// The query string of a request, as decoded pairs in order.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Params::parse(parts.uri.query().unwrap_or("")))
    }
}

/// The one path parameter of an address (`/api/v1/documents/{id}`), as text. A path that
/// cannot be decoded names nothing: 404, like an unknown identifier.
#[derive(Debug, Clone)]
pub struct PathId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(PathId(id)),
            Err(_) => Err(ApiError(AppError::not_found("nothing here"))),
        }
    }
}

impl Params {
    /// Decodes a query string (`application/x-www-form-urlencoded`; invalid UTF-8 becomes
    /// U+FFFD, so decoding itself never fails).
    pub fn parse(query: &str) -> Self {
        Self {
            pairs: form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    /// Refuses parameters not in `known` and parameters given more than once.
    pub fn accept_only(&self, known: &[&str]) -> Result<(), AppError> {
        for (index, (name, _)) in self.pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                let expected = if known.is_empty() {
                    "this endpoint takes no parameters".to_string()
                } else {
                    format!("the parameters are {}", known.join(", "))
                };
                return Err(AppError::BadRequest {
                    code: "bad_parameter",
                    message: format!("unknown parameter '{name}'; {expected}"),
                    details: json!({ "parameter": name, "known": known }),
                });
            }
            if self.pairs[..index].iter().any(|(n, _)| n == name) {
                return Err(AppError::BadRequest {
                    code: "bad_parameter",
                    message: format!("the parameter '{name}' is given more than once"),
                    details: json!({ "parameter": name }),
                });
            }
        }
        Ok(())
    }

    /// The raw value of `name`, if given (possibly empty).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of a text parameter, trimmed; `None` when absent or empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.raw(name).map(str::trim).filter(|v| !v.is_empty())
    }

    /// An integer parameter within `min..=max`, or `default` when absent.
    pub fn integer(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, AppError> {
        let Some(value) = self.raw(name) else {
            return Ok(default);
        };
        let bad = |why: String| AppError::BadRequest {
            code: "bad_parameter",
            message: format!("'{name}' {why}"),
            details: json!({ "parameter": name, "value": value, "minimum": min, "maximum": max }),
        };
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(format!(
                "must be a whole number from {min} to {max}, not '{value}'"
            )));
        }
        match value.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(bad(format!("must be from {min} to {max}, not {value}"))),
        }
    }

    /// A boolean parameter (`true` or `false`), or `default` when absent.
    pub fn boolean(&self, name: &str, default: bool) -> Result<bool, AppError> {
        match self.raw(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(AppError::BadRequest {
                code: "bad_parameter",
                message: format!("'{name}' must be true or false, not '{other}'"),
                details: json!({ "parameter": name, "value": other, "allowed": ["true", "false"] }),
            }),
        }
    }

    /// A parameter taking one of `choices` (by name), or `default` when absent.
    pub fn choice<T: Copy>(
        &self,
        name: &str,
        choices: &[(&str, T)],
        default: T,
    ) -> Result<T, AppError> {
        let Some(value) = self.raw(name) else {
            return Ok(default);
        };
        choices
            .iter()
            .find(|(n, _)| *n == value)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let allowed: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
                AppError::BadRequest {
                    code: "bad_parameter",
                    message: format!(
                        "'{name}' must be one of {}, not '{value}'",
                        allowed.join(", ")
                    ),
                    details: json!({ "parameter": name, "value": value, "allowed": allowed }),
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_decoded_and_checked() {
        let p = Params::parse("q=aide+m%C3%A9moire&limit=5&facets=true&x=");
        assert_eq!(p.text("q"), Some("aide mémoire"));
        assert_eq!(p.integer("limit", 20, 1, 100).unwrap(), 5);
        assert!(p.boolean("facets", false).unwrap());
        assert_eq!(p.text("x"), None);
        assert!(p.accept_only(&["q", "limit", "facets"]).is_err());
        assert!(p.accept_only(&["q", "limit", "facets", "x"]).is_ok());
        assert!(
            Params::parse("q=a&q=b")
                .accept_only(&["q"])
                .unwrap_err()
                .to_string()
                .contains("more than once")
        );
    }

    #[test]
    fn numbers_and_booleans_are_strict() {
        for bad in [
            "",
            "+5",
            "-1",
            "5.0",
            "0",
            "101",
            "99999999999999999999999",
            "five",
        ] {
            let p = Params::parse(&format!("limit={bad}"));
            assert!(p.integer("limit", 20, 1, 100).is_err(), "{bad}");
        }
        assert_eq!(Params::default().integer("limit", 20, 1, 100).unwrap(), 20);
        for bad in ["1", "yes", "True", ""] {
            let p = Params::parse(&format!("facets={bad}"));
            assert!(p.boolean("facets", false).is_err(), "{bad}");
        }
        let p = Params::parse("sort=-date");
        assert_eq!(
            p.choice("sort", &[("date", 1), ("-date", 2)], 1).unwrap(),
            2
        );
        assert!(
            Params::parse("sort=up")
                .choice("sort", &[("date", 1)], 1)
                .is_err()
        );
    }
}

//! Resumption tokens. A token carries everything needed to continue (the selection, the
//! change-log sequence reached, the cursor and the list's size), so the server keeps no
//! state and tokens never expire. Documents are walked in the order of their latest change:
//! one written during a harvest moves behind the token and is harvested again in its new
//! state; none is skipped.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::request::{OaiError, Selection};

/// Where a list left off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// What the list selects (for ListSets: unused but for the cursor).
    pub(crate) selection: Selection,
    /// The last change-log sequence returned.
    pub(crate) after_seq: u64,
    /// Items returned before this page.
    pub(crate) cursor: u64,
    /// The list's size when it started.
    pub(crate) size: u64,
}

const VERSION: &str = "c1";

impl Token {
    /// The token's text.
    pub(crate) fn encode(&self) -> String {
        let s = &self.selection;
        let fields = [
            VERSION.to_string(),
            s.metadata_prefix.clone(),
            s.from
                .map(|t| t.as_microsecond().to_string())
                .unwrap_or_default(),
            s.until
                .map(|t| t.as_microsecond().to_string())
                .unwrap_or_default(),
            s.set.clone().unwrap_or_default(),
            self.after_seq.to_string(),
            self.cursor.to_string(),
            self.size.to_string(),
        ];
        URL_SAFE_NO_PAD.encode(fields.join("\n"))
    }

    /// Reads a token; anything else is `badResumptionToken`.
    pub(crate) fn parse(text: &str) -> Result<Self, OaiError> {
        let bad = || {
            OaiError::new(
                "badResumptionToken",
                "the resumption token is not one this repository issued",
            )
        };
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| bad())?;
        let decoded = String::from_utf8(bytes).map_err(|_| bad())?;
        let fields: Vec<&str> = decoded.split('\n').collect();
        let [version, prefix, from, until, set, after, cursor, size] = fields.as_slice() else {
            return Err(bad());
        };
        if *version != VERSION || prefix.is_empty() {
            return Err(bad());
        }
        let time = |t: &str| -> Result<Option<jiff::Timestamp>, OaiError> {
            if t.is_empty() {
                return Ok(None);
            }
            let micros: i64 = t.parse().map_err(|_| bad())?;
            jiff::Timestamp::from_microsecond(micros)
                .map(Some)
                .map_err(|_| bad())
        };
        Ok(Self {
            selection: Selection {
                metadata_prefix: (*prefix).to_string(),
                from: time(from)?,
                until: time(until)?,
                set: (!set.is_empty()).then(|| (*set).to_string()),
            },
            after_seq: after.parse().map_err(|_| bad())?,
            cursor: cursor.parse().map_err(|_| bad())?,
            size: size.parse().map_err(|_| bad())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_refuse_forgeries() {
        let token = Token {
            selection: Selection {
                metadata_prefix: "oai_dc".into(),
                from: Some("2026-01-01T00:00:00Z".parse().unwrap()),
                until: None,
                set: Some("type:telegram".into()),
            },
            after_seq: 42,
            cursor: 100,
            size: 1234,
        };
        assert_eq!(Token::parse(&token.encode()).unwrap(), token);
        assert_eq!(
            Token::parse("not-a-token").unwrap_err().code,
            "badResumptionToken"
        );
        assert_eq!(
            Token::parse(&URL_SAFE_NO_PAD.encode("c1\n\n\n\n\n1\n2\n3"))
                .unwrap_err()
                .code,
            "badResumptionToken"
        );
    }
}

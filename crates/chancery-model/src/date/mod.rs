//! Historical dates: EDTF (ISO 8601-2) expressions kept with their original wording and
//! reduced to an interval of [day numbers](days) for searching and sorting.
//!
//! ```
//! use chancery_model::date::DocDate;
//!
//! let june = DocDate::parse_edtf("1950-06").unwrap();
//! assert_eq!(june.earliest_iso().as_deref(), Some("1950-06-01"));
//! assert_eq!(june.latest_iso().as_deref(), Some("1950-06-30"));
//!
//! let written = DocDate::from_written("27 June 1950").unwrap();
//! assert_eq!(written.edtf(), "1950-06-27");
//! assert_eq!(written.text(), Some("27 June 1950"));
//! ```

pub mod days;
pub mod readable;
pub mod written;

use std::fmt;

use edtf_core::{Bound, Edtf};
use serde::{Deserialize, Serialize};

/// Why a date could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not a valid EDTF expression.
    #[error("'{input}' is not a valid EDTF date: {reason}")]
    InvalidEdtf {
        /// The text given.
        input: String,
        /// What the EDTF parser objected to.
        reason: String,
    },
    /// The text is neither EDTF nor a written date this parser knows.
    #[error(
        "'{0}' is not a date this archive can read (try EDTF such as 1950-06-27, 1950-06, 1950?, 195X or 1950-06-25/1950-06-27)"
    )]
    Unrecognized(String),
}

/// A document's date: an EDTF expression, the original wording, and its day-number bounds.
///
/// The bounds are derived from the EDTF expression and never stored on their own.
/// `None` for a bound means the interval is open (or unknown) on that side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocDate {
    edtf: String,
    text: Option<String>,
    earliest: Option<i64>,
    latest: Option<i64>,
    uncertain: bool,
    approximate: bool,
}

impl DocDate {
    /// Parses an EDTF expression (levels 0, 1 and 2).
    pub fn parse_edtf(input: &str) -> Result<Self, DateError> {
        let trimmed = input.trim();
        let parsed = Edtf::parse(trimmed).map_err(|e| DateError::InvalidEdtf {
            input: trimmed.to_string(),
            reason: e.to_string(),
        })?;
        let bounds = parsed.bounds();
        Ok(Self {
            edtf: parsed.to_string(),
            text: None,
            earliest: bound_day(bounds.earliest),
            latest: bound_day(bounds.latest),
            uncertain: parsed.is_uncertain(),
            approximate: parsed.is_approximate(),
        })
    }

    /// Reads a date as people write it ("27 June 1950", "June 27, 1950", "3.2.1957",
    /// "February–March 1957", "circa 1950", "1950s") or as EDTF, keeping the wording.
    pub fn from_written(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        let edtf =
            written::parse(trimmed).ok_or_else(|| DateError::Unrecognized(trimmed.into()))?;
        Ok(Self::parse_edtf(&edtf)?.with_text(trimmed))
    }

    /// The same date with its original wording recorded.
    #[must_use]
    pub fn with_text(mut self, text: &str) -> Self {
        let text = text.trim();
        self.text = (!text.is_empty()).then(|| text.to_string());
        self
    }

    /// The canonical EDTF expression.
    pub fn edtf(&self) -> &str {
        &self.edtf
    }

    /// The wording the date was read from, when it was not EDTF already.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The earliest day the date may denote, as a day number; `None` when open.
    pub fn earliest(&self) -> Option<i64> {
        self.earliest
    }

    /// The latest day the date may denote, as a day number; `None` when open.
    pub fn latest(&self) -> Option<i64> {
        self.latest
    }

    /// The earliest day as `YYYY-MM-DD`.
    pub fn earliest_iso(&self) -> Option<String> {
        self.earliest.map(days::format)
    }

    /// The latest day as `YYYY-MM-DD`.
    pub fn latest_iso(&self) -> Option<String> {
        self.latest.map(days::format)
    }

    /// Whether any part of the date is marked uncertain (`?`).
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }

    /// Whether any part of the date is marked approximate (`~`).
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// The date as a reader would write it ("27 June 1950", "circa 1950", "the 1950s").
    pub fn readable(&self) -> String {
        readable::readable(&self.edtf)
    }

    /// The year the date starts in, when it has a start.
    pub fn year(&self) -> Option<i64> {
        self.earliest.map(|d| days::to_civil(d).0)
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.edtf)
    }
}

/// Years beyond this many (either way) have no day number: EDTF allows years such as
/// `Y9E18`, whose day counts would overflow, and no archive dates a document there.
const MAX_YEAR_FOR_DAYS: i64 = 100_000_000;

fn bound_day(bound: Bound) -> Option<i64> {
    match bound {
        Bound::Date(d) if d.year.abs() <= MAX_YEAR_FOR_DAYS => {
            Some(days::from_civil(d.year, d.month, d.day))
        }
        _ => None,
    }
}

/// The JSON form: `{edtf, text, earliest, latest}` with ISO day strings for the bounds.
#[derive(Serialize, Deserialize)]
struct DocDateJson {
    edtf: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default)]
    earliest: Option<String>,
    #[serde(default)]
    latest: Option<String>,
}

/// On input a date may be a plain EDTF string or the object form.
#[derive(Deserialize)]
#[serde(untagged)]
enum DocDateInput {
    Edtf(String),
    Object(DocDateJson),
}

impl Serialize for DocDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DocDateJson {
            edtf: self.edtf.clone(),
            text: self.text.clone(),
            earliest: self.earliest_iso(),
            latest: self.latest_iso(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The bounds given on input are ignored: they are always derived from the EDTF.
        let (edtf, text) = match DocDateInput::deserialize(deserializer)? {
            DocDateInput::Edtf(edtf) => (edtf, None),
            DocDateInput::Object(obj) => (obj.edtf, obj.text),
        };
        let date = DocDate::parse_edtf(&edtf).map_err(serde::de::Error::custom)?;
        Ok(match text {
            Some(text) => date.with_text(&text),
            None => date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(edtf: &str) -> (String, String) {
        let d = DocDate::parse_edtf(edtf).unwrap();
        (
            d.earliest_iso().unwrap_or_else(|| "..".into()),
            d.latest_iso().unwrap_or_else(|| "..".into()),
        )
    }

    #[test]
    fn intervals_for_the_forms_historians_use() {
        assert_eq!(
            bounds("1950-06-27"),
            ("1950-06-27".into(), "1950-06-27".into())
        );
        assert_eq!(
            bounds("1950-06"),
            ("1950-06-01".into(), "1950-06-30".into())
        );
        assert_eq!(bounds("1950?"), ("1950-01-01".into(), "1950-12-31".into()));
        assert_eq!(
            bounds("1950-06-25/1950-06-27"),
            ("1950-06-25".into(), "1950-06-27".into())
        );
        assert_eq!(bounds("195X"), ("1950-01-01".into(), "1959-12-31".into()));
        assert_eq!(bounds("../1900"), ("..".into(), "1900-12-31".into()));
        assert_eq!(
            bounds("1492-10-12"),
            ("1492-10-12".into(), "1492-10-12".into())
        );
        assert_eq!(
            bounds("-0043-03-15"),
            ("-0043-03-15".into(), "-0043-03-15".into())
        );
    }

    #[test]
    fn huge_years_have_no_day_numbers() {
        let d = DocDate::parse_edtf("Y9E18").unwrap();
        assert_eq!((d.earliest(), d.latest()), (None, None));
        let d = DocDate::parse_edtf("Y-170000002").unwrap();
        assert_eq!(d.earliest(), None);
    }

    #[test]
    fn qualifiers_are_reported() {
        let d = DocDate::parse_edtf("1950?").unwrap();
        assert!(d.is_uncertain() && !d.is_approximate());
        let d = DocDate::parse_edtf("1950~").unwrap();
        assert!(d.is_approximate());
    }

    #[test]
    fn invalid_edtf_says_why() {
        let err = DocDate::parse_edtf("1950-02-30").unwrap_err();
        assert!(err.to_string().contains("1950-02-30"), "{err}");
    }

    #[test]
    fn json_accepts_string_or_object_and_writes_object() {
        let d: DocDate = serde_json::from_str(r#""1950-06""#).unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"edtf":"1950-06","earliest":"1950-06-01","latest":"1950-06-30"}"#
        );
        let d: DocDate = serde_json::from_str(
            r#"{"edtf":"1950-06-27","text":"27 June 1950","earliest":"1900-01-01"}"#,
        )
        .unwrap();
        assert_eq!(d.text(), Some("27 June 1950"));
        assert_eq!(d.earliest_iso().as_deref(), Some("1950-06-27"));
        assert!(serde_json::from_str::<DocDate>(r#""June 1950""#).is_err());
    }
}

//! Conversions between the model's values and SQLite columns.

use chancery_model::{DocDate, DocType, DocumentId};
use jiff::Timestamp;

use super::fail::{Fail, corrupt};
use crate::types::ChangeKind;

/// A document identifier as stored: the hyphenated lowercase UUID, readable in the sqlite3
/// shell and identical to the identifier in URLs and exports.
pub(crate) fn id_text(id: DocumentId) -> String {
    id.to_string()
}

/// Reads a stored identifier.
pub(crate) fn parse_id(text: &str) -> Result<DocumentId, Fail> {
    text.parse()
        .map_err(|_| corrupt(format!("'{text}' is not a document identifier")))
}

/// A time as stored: microseconds since 1970-01-01 UTC.
pub(crate) fn micros(ts: Timestamp) -> i64 {
    ts.as_microsecond()
}

/// Reads a stored time.
pub(crate) fn timestamp(us: i64) -> Result<Timestamp, Fail> {
    Timestamp::from_microsecond(us)
        .map_err(|_| corrupt(format!("{us} is not a time in microseconds")))
}

/// A count or number as SQLite stores it. Revision and sequence numbers stay far below
/// 2^63, so this only fails for values no caller can mean.
pub(crate) fn int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Reads a stored count or number, which is never negative.
pub(crate) fn uint(n: i64) -> Result<u64, Fail> {
    u64::try_from(n).map_err(|_| {
        corrupt(format!(
            "{n} is negative where a count or number was expected"
        ))
    })
}

/// Reads a stored change kind.
pub(crate) fn change_kind(text: &str) -> Result<ChangeKind, Fail> {
    text.parse().map_err(corrupt)
}

/// Reads a stored document type slug.
pub(crate) fn doc_type(slug: Option<&str>) -> Result<Option<DocType>, Fail> {
    slug.map(|s| {
        s.parse()
            .map_err(|e: chancery_model::doctype::UnknownDocType| corrupt(e.to_string()))
    })
    .transpose()
}

/// Rebuilds a stored date from its EDTF and original wording.
pub(crate) fn doc_date(edtf: Option<&str>, text: Option<&str>) -> Result<Option<DocDate>, Fail> {
    let Some(edtf) = edtf else { return Ok(None) };
    let date = DocDate::parse_edtf(edtf).map_err(|e| corrupt(e.to_string()))?;
    Ok(Some(match text {
        Some(text) => date.with_text(text),
        None => date,
    }))
}

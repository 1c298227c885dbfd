//! The order of listings and their cursors, shared by every backend so a cursor from one
//! node works on another.
//!
//! Documents are ordered by a *sort day* and then by identifier. The sort day is the first day
//! of the document's date interval; a date open at its start sorts before every other date
//! (it reaches back indefinitely), and an undated document after every dated one.

use chancery_model::{DocDate, DocumentId};

use crate::error::StoreError;

/// The sort day of a date open at its start.
pub const OPEN_START: i64 = i64::MIN;

/// The sort day of an undated document.
pub const UNDATED: i64 = i64::MAX;

/// The day a document sorts by.
pub fn sort_day(date: Option<&DocDate>) -> i64 {
    match date {
        None => UNDATED,
        Some(date) => date.earliest().unwrap_or(OPEN_START),
    }
}

/// The cursor for the item with `date` and `id`: `<sort day>_<uuid>`, URL-safe as it is.
pub fn cursor(date: Option<&DocDate>, id: DocumentId) -> String {
    format!("{}_{id}", sort_day(date))
}

/// Reads a cursor back into its sort day and identifier.
pub fn parse_cursor(cursor: &str) -> Result<(i64, DocumentId), StoreError> {
    let invalid = || StoreError::InvalidCursor {
        cursor: cursor.to_string(),
    };
    let (day, id) = cursor.split_once('_').ok_or_else(invalid)?;
    let day = day.parse::<i64>().map_err(|_| invalid())?;
    let id = id.parse::<DocumentId>().map_err(|_| invalid())?;
    Ok((day, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let id = DocumentId::from_key("x");
        let date = DocDate::parse_edtf("1492-10-12").unwrap();
        let c = cursor(Some(&date), id);
        assert_eq!(parse_cursor(&c).unwrap(), (date.earliest().unwrap(), id));
        assert_eq!(parse_cursor(&cursor(None, id)).unwrap(), (UNDATED, id));
        let open = DocDate::parse_edtf("../1900").unwrap();
        assert_eq!(
            parse_cursor(&cursor(Some(&open), id)).unwrap(),
            (OPEN_START, id)
        );
    }

    #[test]
    fn bad_cursors_are_refused() {
        for bad in ["", "12", "x_y", "12_not-a-uuid"] {
            assert!(
                matches!(parse_cursor(bad), Err(StoreError::InvalidCursor { .. })),
                "{bad}"
            );
        }
    }
}

//! The opaque cursors of `GET /api/v1/documents`.
//!
//! A cursor names a position in a listing's total order — the key ([`ListKey`]: sort day,
//! stable score, identifier) of the last item of the page it came with — together with the
//! order and a fingerprint of the normalized query and filters it belongs to. The next page
//! holds the documents strictly after that key ([`chancery_index::SearchIndex::list`]), so
//! documents added or removed between two requests never make a page repeat or skip one of
//! the documents that were there: keys are values, not offsets, and a document's key depends
//! on that document alone.
//!
//! On the wire a cursor is URL-safe base64 (no padding) of
//! `1~<order>~<fingerprint>~<day>~<score bits>~<id>`; clients must treat it as opaque. A
//! cursor used with other filters than its own is refused (400 `bad_parameter`), as is any
//! string that is not a cursor.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chancery_index::{ListKey, ListOrder};
use chancery_model::DocumentId;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// The format version written first in every cursor.
const VERSION: &str = "1";

/// The fingerprint of a listing: its order and its normalized query.
pub fn fingerprint(order: ListOrder, normalized_query: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(order_tag(order).as_bytes());
    hasher.update([0]);
    hasher.update(normalized_query.as_bytes());
    hex::encode(&hasher.finalize()[..8])
}

/// The cursor after `key` in the listing with `fingerprint`.
pub fn encode(order: ListOrder, fingerprint: &str, key: &ListKey) -> String {
    let raw = format!(
        "{VERSION}~{}~{fingerprint}~{}~{:08x}~{}",
        order_tag(order),
        key.day,
        key.score.to_bits(),
        key.id
    );
    URL_SAFE_NO_PAD.encode(raw.as_bytes())
}

/// Reads a cursor given for the listing with `order` and `fingerprint`.
pub fn decode(cursor: &str, order: ListOrder, fingerprint: &str) -> Result<ListKey, AppError> {
    let invalid = |why: &str| AppError::BadRequest {
        code: "bad_parameter",
        message: format!(
            "'cursor' {why}; pass the next_cursor of the previous page unchanged, with the same \
             q, type, lang, collection, from, to and sort"
        ),
        details: json!({ "parameter": "cursor" }),
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim().as_bytes())
        .map_err(|_| invalid("is not a cursor of this API"))?;
    let text = String::from_utf8(bytes).map_err(|_| invalid("is not a cursor of this API"))?;
    let parts: Vec<&str> = text.split('~').collect();
    let [version, tag, print, day, score, id] = parts.as_slice() else {
        return Err(invalid("is not a cursor of this API"));
    };
    if *version != VERSION {
        return Err(invalid("comes from another version of this API"));
    }
    if *tag != order_tag(order) || *print != fingerprint {
        return Err(invalid(
            "belongs to another listing (other filters or order)",
        ));
    }
    let day = day
        .parse::<i64>()
        .map_err(|_| invalid("is not a cursor of this API"))?;
    let score = u32::from_str_radix(score, 16)
        .map(f32::from_bits)
        .ok()
        .filter(|s| s.is_finite())
        .ok_or_else(|| invalid("is not a cursor of this API"))?;
    let id = id
        .parse::<DocumentId>()
        .map_err(|_| invalid("is not a cursor of this API"))?;
    Ok(ListKey {
        day,
        score,
        id: id.to_string(),
    })
}

fn order_tag(order: ListOrder) -> &'static str {
    match order {
        ListOrder::DateAscending => "d",
        ListOrder::DateDescending => "D",
        ListOrder::Relevance => "r",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_belong_to_their_listing() {
        let key = ListKey {
            day: -7_000,
            score: 3.25,
            id: DocumentId::from_key("x").to_string(),
        };
        let print = fingerprint(ListOrder::Relevance, "(and a b)");
        let cursor = encode(ListOrder::Relevance, &print, &key);
        assert!(
            cursor
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(decode(&cursor, ListOrder::Relevance, &print).unwrap(), key);
        assert!(decode(&cursor, ListOrder::DateAscending, &print).is_err());
        let other = fingerprint(ListOrder::Relevance, "(and a c)");
        assert!(decode(&cursor, ListOrder::Relevance, &other).is_err());
        for bad in [
            "",
            "x",
            "%%%",
            "MX5-",
            &URL_SAFE_NO_PAD.encode("1~r~x~1~0~y"),
        ] {
            assert!(decode(bad, ListOrder::Relevance, &print).is_err(), "{bad}");
        }
    }

    #[test]
    fn undated_and_open_keys_survive() {
        let print = fingerprint(ListOrder::DateAscending, "*");
        for day in [i64::MIN, i64::MAX, 0] {
            let key = ListKey {
                day,
                score: 0.0,
                id: DocumentId::from_key("y").to_string(),
            };
            let cursor = encode(ListOrder::DateAscending, &print, &key);
            assert_eq!(
                decode(&cursor, ListOrder::DateAscending, &print).unwrap(),
                key
            );
        }
    }
}

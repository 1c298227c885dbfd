//! Revision snapshots and the per-document hash chain, shared by every backend so that a
//! snapshot written by one verifies in another.
//!
//! A snapshot is the document's JSON in the model's serde shape, with the store's fields
//! (`revision`, `created`, `updated`) filled in and without the top-level `text`: the model
//! derives `text` from `body` and rebuilds the same document from `body` alone, so keeping
//! both would store every document's words twice. Each revision's hash is
//! `sha256(previous hash || "\n" || snapshot bytes)` in hex, with an empty previous hash for
//! revision 1 and empty snapshot bytes for a tombstone, so changing, removing or reordering
//! any revision breaks every hash after it.

use chancery_model::Document;
use sha2::{Digest, Sha256};

use crate::error::StoreError;

/// The JSON snapshot of `doc`: its JSON without the `text` derived from the body.
pub fn encode_snapshot(doc: &Document) -> Result<String, StoreError> {
    doc.to_json_without_text()
        .map_err(|e| StoreError::Encoding {
            id: doc.id,
            detail: e.to_string(),
        })
}

/// Reads a snapshot back.
pub fn decode_snapshot(snapshot: &str) -> Result<Document, serde_json::Error> {
    serde_json::from_str(snapshot)
}

/// The hash of a revision whose predecessor's hash is `previous` (empty for revision 1) and
/// whose snapshot is `snapshot` (`None` for a tombstone).
pub fn chain_hash(previous: &str, snapshot: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    if let Some(snapshot) = snapshot {
        hasher.update(snapshot.as_bytes());
    }
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use chancery_model::{Block, DocDate, DocumentId};

    use super::*;

    #[test]
    fn snapshots_leave_out_the_derived_text_and_read_back_whole() {
        let mut doc = Document::new(DocumentId::from_key("s"), "Title", "First.\n\nSecond.");
        doc.body.push(Block::heading(2, "A heading"));
        doc.date = Some(
            DocDate::parse_edtf("1950-06")
                .unwrap()
                .with_text("June 1950"),
        );
        doc.revision = 3;
        let snapshot = encode_snapshot(&doc).unwrap();
        let json: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
        assert!(json.get("text").is_none(), "{snapshot}");
        assert_eq!(json["body"][0]["text"], "First.");
        let back = decode_snapshot(&snapshot).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back.text(), doc.text());
        assert_eq!(back.content_hash(), doc.content_hash());
    }

    #[test]
    fn chain_hash_depends_on_predecessor_and_snapshot() {
        let first = chain_hash("", Some("{}"));
        assert_eq!(first, hex::encode(Sha256::digest(b"\n{}")));
        assert_ne!(chain_hash(&first, Some("{}")), first);
        assert_ne!(chain_hash(&first, None), chain_hash(&first, Some("{}")));
        assert_eq!(first.len(), 64);
    }
}

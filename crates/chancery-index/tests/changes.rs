//! The index follows the change log: each document once, in its latest state, however its
//! changes fall between catch-ups.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chancery_index::SearchRequest;
use chancery_model::{Document, DocumentId};

fn note(key: &str, text: &str) -> Document {
    Document::new(DocumentId::from_key(key), "Note", text)
}

fn hits(index: &chancery_index::SearchIndex, store: &chancery_store::SqliteStore, q: &str) -> u64 {
    index.search(&SearchRequest::new(q), store).unwrap().total
}

#[test]
fn created_then_changed_documents_are_indexed_once_in_their_latest_state() {
    let (_dir, store, index) = common::open();
    common::store_only(&store, vec![note("a", "first"), note("b", "first")]);
    // "a" created, then changed, before the index looks: one catch-up applies both.
    common::store_only(&store, vec![note("a", "second"), note("c", "first")]);
    index.catch_up(&store, &mut |_| {}).unwrap();
    assert_eq!(index.num_docs(), 3);
    assert_eq!(hits(&index, &store, "first"), 2);
    assert_eq!(hits(&index, &store, "second"), 1);
    // "b" changed after the index applied its creation: replaced, not added again.
    common::commit(
        &store,
        &index,
        vec![note("b", "second"), note("d", "first")],
    );
    assert_eq!(index.num_docs(), 4);
    assert_eq!(hits(&index, &store, "first"), 2);
    assert_eq!(hits(&index, &store, "second"), 2);
}

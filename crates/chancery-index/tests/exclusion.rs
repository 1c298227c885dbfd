//! Excluding a phrase: documents are left out exactly when they hold the phrase, wherever the
//! phrase's first match lies in a segment relative to the other clauses' documents.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chancery_index::SearchRequest;
use chancery_model::{Document, DocumentId};

/// Tantivy's exclusion asks a phrase whether it holds a document the phrase has already gone
/// past; the answer ("no") is right, and must not trip an assertion in a debug build (the
/// workspace turns tantivy's debug assertions off for that reason).
#[test]
fn a_phrase_excluded_after_documents_without_it() {
    // Three documents without the phrase, then one with it, ten times: every segment the
    // indexing threads make holds documents before and after a match.
    let docs: Vec<Document> = (0..40)
        .map(|i| {
            let text = if i % 4 == 3 {
                "alpha beta gamma"
            } else {
                "alpha gamma beta"
            };
            Document::new(DocumentId::from_key(&format!("d{i}")), "Note", text)
        })
        .collect();
    let (_dir, store, index) = common::open();
    common::commit(&store, &index, docs);
    let mut request = SearchRequest::new("alpha -\"beta gamma\"");
    request.limit = 100;
    request.snippets = false;
    let results = index.search(&request, &store).unwrap();
    assert_eq!(results.total, 30);
    let phrase = index
        .search(&SearchRequest::new("\"beta gamma\""), &store)
        .unwrap();
    assert_eq!(phrase.total, 10);
}

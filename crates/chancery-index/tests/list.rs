//! Keyset listing: pages in a total order that stay put while documents are added, across
//! segments, with many documents on one day, undated ones and dates open at their start.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chancery_index::query::{self, Node};
use chancery_index::{DateMode, ListKey, ListOrder, ListRequest, SearchIndex, UNDATED, Visibility};
use chancery_model::{AccessLevel, DocDate, Document, DocumentId};
use chancery_store::SqliteStore;

fn doc(key: &str, date: Option<&str>, words: &str) -> Document {
    let mut d = Document::new(
        DocumentId::from_key(key),
        format!("Document {key}"),
        &format!("Text {words}."),
    );
    d.date = date.map(|e| DocDate::parse_edtf(e).unwrap());
    d.language = Some("en".into());
    d
}

/// Documents on a few days (many on each), undated ones and open starts, in three commits
/// (so in several segments).
fn archive() -> (tempfile::TempDir, SqliteStore, SearchIndex) {
    let (dir, store, index) = common::open();
    let dates = [
        Some("1950-06-27"),
        Some("1950-06"),
        None,
        Some("../1900"),
        Some("1783-09-03"),
        Some("1950-06-27"),
    ];
    for batch in 0..3 {
        let docs = (0..20)
            .map(|i| {
                let n = batch * 20 + i;
                let words = if n % 3 == 0 {
                    "treaty treaty"
                } else {
                    "treaty"
                };
                doc(&format!("d{n}"), dates[n % dates.len()], words)
            })
            .collect();
        common::commit(&store, &index, docs);
    }
    (dir, store, index)
}

fn request(query: &str, order: ListOrder, after: Option<ListKey>, limit: usize) -> ListRequest {
    ListRequest {
        query: query::parse(query).unwrap().root,
        order,
        after,
        limit,
        date_mode: DateMode::Overlap,
        visibility: Visibility::everything(),
    }
}

fn walk(index: &SearchIndex, query: &str, order: ListOrder, limit: usize) -> Vec<ListKey> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = index.list(&request(query, order, after, limit)).unwrap();
        assert!(page.items.len() <= limit);
        all.extend(page.items.iter().cloned());
        if !page.more {
            break;
        }
        after = page.items.last().cloned();
    }
    all
}

#[test]
fn pages_walk_the_total_order_in_every_order() {
    let (_dir, _store, index) = archive();
    for order in [
        ListOrder::DateAscending,
        ListOrder::DateDescending,
        ListOrder::Relevance,
    ] {
        for limit in [1, 7, 60, 100] {
            let walked = walk(&index, "treaty", order, limit);
            assert_eq!(walked.len(), 60, "{order:?} {limit}");
            assert!(
                walked
                    .windows(2)
                    .all(|w| order.compare(&w[0], &w[1]).is_lt()),
                "{order:?} {limit}: not strictly ordered"
            );
        }
    }
    let ascending = walk(&index, "", ListOrder::DateAscending, 100);
    assert_eq!(
        ascending.first().unwrap().day,
        i64::MIN,
        "open starts first"
    );
    assert_eq!(ascending.last().unwrap().day, UNDATED, "undated last");
    let descending = walk(&index, "", ListOrder::DateDescending, 100);
    assert_eq!(
        descending.first().unwrap().day,
        chancery_model::date::days::from_civil(1950, 6, 27),
        "newest first"
    );
    assert_eq!(descending.last().unwrap().day, UNDATED, "undated last");
    let relevance = walk(&index, "treaty", ListOrder::Relevance, 100);
    assert!(
        relevance[0].score > relevance[59].score,
        "two treaties rank higher"
    );
}

#[test]
fn documents_added_between_pages_neither_repeat_nor_hide_those_that_were_there() {
    let (_dir, store, index) = archive();
    for order in [
        ListOrder::DateAscending,
        ListOrder::DateDescending,
        ListOrder::Relevance,
    ] {
        let before: Vec<String> = walk(&index, "treaty", order, 100)
            .into_iter()
            .map(|k| k.id)
            .collect();
        let first = index.list(&request("treaty", order, None, 9)).unwrap();
        let mut seen: Vec<String> = first.items.iter().map(|k| k.id.clone()).collect();
        // More of everything, on the same days and with more of the query's words (corpus
        // statistics would change every score).
        let tag = format!("{order:?}");
        common::commit(
            &store,
            &index,
            (0..30)
                .map(|i| {
                    doc(
                        &format!("{tag}-added-{i}"),
                        [Some("1950-06-27"), None, Some("1700")][i % 3],
                        &"treaty ".repeat(i + 1),
                    )
                })
                .collect(),
        );
        let mut after = first.items.last().cloned();
        loop {
            let page = index.list(&request("treaty", order, after, 9)).unwrap();
            seen.extend(page.items.iter().map(|k| k.id.clone()));
            if !page.more {
                break;
            }
            after = page.items.last().cloned();
        }
        let unique: std::collections::HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "{order:?}: a document repeats");
        for id in &before {
            assert!(seen.contains(id), "{order:?}: {id} was skipped");
        }
    }
}

#[test]
fn listings_apply_the_visibility_and_filters() {
    let (_dir, store, index) = common::open();
    let mut hidden = doc("hidden", Some("1950"), "treaty");
    hidden.rights.access = AccessLevel::Staff;
    common::commit(
        &store,
        &index,
        vec![hidden, doc("shown", Some("1950"), "treaty")],
    );
    let mut req = request("treaty", ListOrder::DateAscending, None, 10);
    req.visibility = Visibility {
        levels: vec![AccessLevel::Public],
        today: Some(0),
    };
    let page = index.list(&req).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].id, DocumentId::from_key("shown").to_string());
    req.query = Node::And(vec![
        query::parse("treaty").unwrap().root,
        query::parse("date:1951").unwrap().root,
    ]);
    assert_eq!(index.list(&req).unwrap().total, 0);
}

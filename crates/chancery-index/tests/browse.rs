//! The timeline's counts and a document's neighbours in date order, both respecting what
//! the viewer may see.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chancery_index::{Granularity, SearchIndex, Visibility};
use chancery_model::{AccessLevel, DocDate, Document, DocumentId};
use chancery_store::SqliteStore;

fn doc(key: &str, date: &str, access: AccessLevel) -> Document {
    let mut d = Document::new(
        DocumentId::from_key(key),
        format!("Document {key}"),
        "Some text.",
    );
    d.date = Some(DocDate::parse_edtf(date).unwrap());
    d.rights.access = access;
    d
}

fn archive(docs: Vec<Document>) -> (tempfile::TempDir, SqliteStore, SearchIndex) {
    let (dir, store, index) = common::open();
    common::commit(&store, &index, docs);
    (dir, store, index)
}

fn public() -> Visibility {
    Visibility {
        levels: vec![AccessLevel::Public],
        today: Some(0),
    }
}

#[test]
fn timeline_counts_by_year_month_and_day() {
    let (_dir, _store, index) = archive(vec![
        doc("a", "1950-06-25", AccessLevel::Public),
        doc("b", "1950-06-27", AccessLevel::Public),
        doc("c", "1950-07", AccessLevel::Public),
        doc("d", "1951", AccessLevel::Public),
        doc("e", "1950-06-27", AccessLevel::Staff),
    ]);
    let years = index
        .date_histogram("", &public(), Granularity::Year)
        .unwrap();
    let years: Vec<(String, u64)> = years.into_iter().map(|p| (p.period, p.count)).collect();
    assert_eq!(years, [("1950".to_string(), 3), ("1951".to_string(), 1)]);
    let months = index
        .date_histogram("date:1950", &public(), Granularity::Month)
        .unwrap();
    let months: Vec<(String, u64)> = months.into_iter().map(|p| (p.period, p.count)).collect();
    assert_eq!(
        months,
        [("1950-06".to_string(), 2), ("1950-07".to_string(), 1)]
    );
    let days = index
        .date_histogram("date:1950-06", &Visibility::everything(), Granularity::Day)
        .unwrap();
    let days: Vec<(String, u64)> = days.into_iter().map(|p| (p.period, p.count)).collect();
    assert_eq!(
        days,
        [("1950-06-25".to_string(), 1), ("1950-06-27".to_string(), 2)]
    );
}

#[test]
fn neighbours_follow_date_order_and_skip_what_is_hidden() {
    let (_dir, _store, index) = archive(vec![
        doc("a", "1950-06-25", AccessLevel::Public),
        doc("b", "1950-06-27", AccessLevel::Public),
        doc("hidden", "1950-06-28", AccessLevel::Staff),
        doc("c", "1950-07", AccessLevel::Public),
    ]);
    let id = |k: &str| DocumentId::from_key(k).to_string();
    let (before, after) = index.neighbours(&id("b"), &public()).unwrap();
    assert_eq!(before.unwrap().id, id("a"));
    assert_eq!(after.unwrap().id, id("c"));
    let (_, after) = index
        .neighbours(&id("b"), &Visibility::everything())
        .unwrap();
    assert_eq!(after.unwrap().title, "Document hidden");
    let (before, _) = index.neighbours(&id("a"), &public()).unwrap();
    assert!(before.is_none());
    assert_eq!(
        index.neighbours("no-such-id", &public()).unwrap(),
        (None, None)
    );
}

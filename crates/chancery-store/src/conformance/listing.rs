//! Listing, counting and scanning: filters, order and pagination.

use std::collections::BTreeSet;
use std::error::Error;

use chancery_model::{DocType, Document, DocumentId};

use super::fixture::*;
use super::{Backend, TestResult};
use crate::error::StoreError;
use crate::types::{ListFilter, Page};

/// Filters by type, date interval (open bounds, dates before 1677), folded title text and
/// collection, alone and together.
pub fn list_filters<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let with = |mut d: Document, t: Option<DocType>, collections: &[&str]| {
        d.doc_type = t;
        d.collections = collections.iter().map(|c| c.to_string()).collect();
        d
    };
    let kirk = with(
        dated(
            "kirk",
            "United States Aide-Mémoire (27 June 1950)",
            "1950-06-27",
        )?,
        Some(DocType::AideMemoire),
        &["korea"],
    );
    let june = with(
        dated("june", "Telegram from Moscow", "1950-06")?,
        Some(DocType::Telegram),
        &["korea", "moscow"],
    );
    let columbus = with(
        dated("columbus", "Letter of Columbus", "1492-10-12")?,
        Some(DocType::Letter),
        &[],
    );
    let caesar = with(
        dated("caesar", "Senatus consultum", "-0043-03-15")?,
        Some(DocType::Resolution),
        &[],
    );
    let before = with(
        dated("before", "Undated memorandum, before 1900", "../1900")?,
        Some(DocType::Memorandum),
        &[],
    );
    let after = with(
        dated("after", "Note verbale, 1960 or later", "1960/..")?,
        Some(DocType::NoteVerbale),
        &["moscow"],
    );
    let undated = with(
        doc("undated", "Communiqué without a date"),
        Some(DocType::Communique),
        &["korea"],
    );
    let all = vec![
        kirk.clone(),
        june.clone(),
        columbus.clone(),
        caesar.clone(),
        before.clone(),
        after.clone(),
        undated.clone(),
    ];
    import(s, "all.jsonl", all)?;
    let day = |y, m, d| chancery_model::date::days::from_civil(y, m, d);
    let query = |filter: ListFilter| -> Result<BTreeSet<DocumentId>, Box<dyn Error>> {
        let listed: BTreeSet<_> = ids(&s.list(&filter, &Page::first(100))?)
            .into_iter()
            .collect();
        assert_eq!(
            s.count(&filter)?,
            listed.len() as u64,
            "count agrees with list for {filter:?}"
        );
        let mut scanned = BTreeSet::new();
        s.scan(&filter, &mut |d| {
            scanned.insert(d.id);
            Ok(())
        })?;
        assert_eq!(scanned, listed, "scan agrees with list for {filter:?}");
        Ok(listed)
    };
    let set = |docs: &[&Document]| docs.iter().map(|d| d.id).collect::<BTreeSet<_>>();

    assert_eq!(query(ListFilter::default())?.len(), 7);
    assert_eq!(
        query(ListFilter {
            doc_type: Some(DocType::Telegram),
            ..Default::default()
        })?,
        set(&[&june])
    );
    // 27 June 1950 overlaps June 1950 and 1960/.. does not; ../1900 does not reach 1950.
    let in_june = ListFilter {
        date_from: Some(day(1950, 6, 27)),
        date_to: Some(day(1950, 6, 27)),
        ..Default::default()
    };
    assert_eq!(query(in_june)?, set(&[&kirk, &june]));
    // Everything up to 1500: the open start and Columbus and Caesar.
    let early = ListFilter {
        date_to: Some(day(1500, 1, 1)),
        ..Default::default()
    };
    assert_eq!(query(early)?, set(&[&columbus, &caesar, &before]));
    // Only before the common era.
    let bce = ListFilter {
        date_from: Some(day(-100, 1, 1)),
        date_to: Some(day(0, 1, 1)),
        ..Default::default()
    };
    assert_eq!(query(bce)?, set(&[&caesar, &before]));
    // From 1955 on: only the open end.
    let late = ListFilter {
        date_from: Some(day(1955, 1, 1)),
        ..Default::default()
    };
    assert_eq!(query(late)?, set(&[&after]));
    // Title text ignores case, accents and punctuation.
    for needle in ["aide-memoire", "AIDE MÉMOIRE", "Aide–Mémoire (27"] {
        let filter = ListFilter {
            title_contains: Some(needle.into()),
            ..Default::default()
        };
        assert_eq!(query(filter)?, set(&[&kirk]), "{needle}");
    }
    let communique = ListFilter {
        title_contains: Some("communique".into()),
        ..Default::default()
    };
    assert_eq!(query(communique)?, set(&[&undated]));
    let nothing = ListFilter {
        title_contains: Some("zanzibar".into()),
        ..Default::default()
    };
    assert!(query(nothing)?.is_empty());
    assert_eq!(
        query(ListFilter {
            collection: Some("korea".into()),
            ..Default::default()
        })?,
        set(&[&kirk, &june, &undated])
    );
    assert!(
        query(ListFilter {
            collection: Some("kor".into()),
            ..Default::default()
        })?
        .is_empty()
    );
    let combined = ListFilter {
        collection: Some("moscow".into()),
        date_to: Some(day(1951, 1, 1)),
        title_contains: Some("moscow".into()),
        doc_type: Some(DocType::Telegram),
        date_from: None,
        include_deleted: false,
    };
    assert_eq!(query(combined)?, set(&[&june]));

    // Order: open start first, then by first day (BCE before 1492), undated last.
    let order = ids(&s.list(&ListFilter::default(), &Page::first(100))?);
    assert_eq!(order[0], before.id);
    assert_eq!(&order[1..3], &[caesar.id, columbus.id]);
    assert_eq!(order.last(), Some(&undated.id));
    let summaries = s.list(&ListFilter::default(), &Page::first(100))?;
    let kirk_summary = summaries
        .iter()
        .find(|x| x.id == kirk.id)
        .ok_or("kirk missing")?;
    assert_eq!(kirk_summary.doc_type, Some(DocType::AideMemoire));
    assert_eq!(
        kirk_summary.date.as_ref().map(|d| d.edtf()),
        Some("1950-06-27")
    );
    assert_eq!(kirk_summary.title, kirk.title);

    // An edit that changes the listed fields is what listings show.
    let mut moved = kirk.clone();
    moved.collections = vec!["moscow".into()];
    moved.doc_type = Some(DocType::Note);
    s.put(moved, editor("reclassify"), None)?;
    assert_eq!(
        query(ListFilter {
            collection: Some("korea".into()),
            ..Default::default()
        })?,
        set(&[&june, &undated])
    );
    assert_eq!(
        query(ListFilter {
            doc_type: Some(DocType::Note),
            ..Default::default()
        })?,
        set(&[&kirk])
    );
    assert_clean(s)
}

/// Pages by cursor cover every document exactly once, even when documents are added between
/// pages; a bad cursor is refused.
pub fn keyset_pagination_is_stable<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let mut docs = Vec::new();
    for i in 0..25 {
        // Several documents share a day, so the identifier breaks ties.
        docs.push(dated(
            &format!("p{i}"),
            &format!("Paper {i}"),
            &format!("1950-06-{:02}", 1 + i % 5),
        )?);
    }
    docs.push(doc("undated-1", "Undated 1"));
    docs.push(dated("open", "Open", "../1900")?);
    import(s, "papers.jsonl", docs)?;
    let full = ids(&s.list(&ListFilter::default(), &Page::first(1000))?);
    assert_eq!(full.len(), 27);

    let mut paged = Vec::new();
    let mut page = Page::first(7);
    let mut added = false;
    loop {
        let items = s.list(&ListFilter::default(), &page)?;
        if items.is_empty() {
            break;
        }
        assert!(items.len() <= 7);
        paged.extend(ids(&items));
        let cursor = items.last().ok_or("empty page")?.cursor();
        if !added {
            // A document that sorts before the cursor does not shift later pages.
            import(
                s,
                "late.jsonl",
                vec![dated("early-arrival", "Early", "1900-01-01")?],
            )?;
            added = true;
        }
        page = Page::after(7, cursor);
    }
    assert_eq!(paged, full, "pages concatenate to the full listing");
    let distinct: BTreeSet<_> = paged.iter().collect();
    assert_eq!(distinct.len(), paged.len());

    assert!(matches!(
        s.list(&ListFilter::default(), &Page::after(5, "not a cursor")),
        Err(StoreError::InvalidCursor { .. })
    ));
    assert!(s.list(&ListFilter::default(), &Page::first(0))?.is_empty());
    Ok(())
}

/// Scan yields every matching document with its content, and stops on the caller's error.
pub fn scan_streams_everything<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let docs: Vec<_> = (0..120)
        .map(|i| doc(&format!("s{i}"), &format!("Scanned {i}")))
        .collect();
    let run = run(s)?;
    for chunk in docs.chunks(40) {
        s.commit_import_batch(run, vec![file("scan.jsonl", chunk.to_vec())])?;
    }
    s.delete(docs[0].id, editor("gone"), None)?;
    let mut seen = Vec::new();
    s.scan(&ListFilter::default(), &mut |d| {
        seen.push((d.id, d.title.clone(), d.revision, d.text()));
        Ok(())
    })?;
    assert_eq!(seen.len(), 119);
    assert!(
        seen.iter()
            .all(|(_, _, revision, text)| *revision == 1 && text.starts_with("The text of"))
    );
    let listed = ids(&s.list(&ListFilter::default(), &Page::first(1000))?);
    assert_eq!(
        seen.iter().map(|x| x.0).collect::<Vec<_>>(),
        listed,
        "scan follows listing order"
    );

    let mut with_deleted = 0;
    s.scan(
        &ListFilter {
            include_deleted: true,
            ..Default::default()
        },
        &mut |_| {
            with_deleted += 1;
            Ok(())
        },
    )?;
    assert_eq!(with_deleted, 120);

    let mut calls = 0;
    let result = s.scan(&ListFilter::default(), &mut |_| {
        calls += 1;
        if calls == 3 {
            Err(StoreError::external("disk full while exporting"))
        } else {
            Ok(())
        }
    });
    match result {
        Err(StoreError::External(e)) => assert_eq!(e.to_string(), "disk full while exporting"),
        other => return Err(format!("expected the callback's error, got {other:?}").into()),
    }
    assert_eq!(calls, 3, "the scan stops at the first error");
    Ok(())
}

//! Search over the real documents of `../shared/corpora` (skipped with a notice when the
//! folder is absent): every title finds its document first, five consecutive words of any
//! paragraph find theirs in the top three, and the seed record answers its queries.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use chancery_index::{SearchIndex, SearchRequest, analysis};
use chancery_ingest::{ImportOptions, Silent};
use chancery_model::{BlockKind, Document};
use chancery_store::{ListFilter, SqliteStore, Store};

fn corpora() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "notice: {} is absent; skipping the corpus search tests",
            path.display()
        );
        None
    }
}

fn ids(
    index: &SearchIndex,
    store: &dyn Store,
    query: &str,
    limit: usize,
) -> Vec<(String, String, f32)> {
    let mut request = SearchRequest::new(query);
    request.limit = limit;
    request.snippets = false;
    let results = index
        .search(&request, store)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    results
        .hits
        .into_iter()
        .map(|h| (h.id, h.title, h.score))
        .collect()
}

#[test]
fn the_corpora_are_searchable() {
    let Some(root) = corpora() else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("archive.db")).unwrap();
    let paths = [
        root.join("frus-history"),
        root.join("milestones"),
        root.join("cvce"),
    ];
    let summary = chancery_ingest::import(
        &store,
        &paths,
        &ImportOptions::default(),
        &Silent,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    let index = SearchIndex::open(&dir.path().join("index")).unwrap();
    let caught = index.catch_up(&store, &mut |_| {}).unwrap();
    assert_eq!(caught.seq, store.last_seq().unwrap());

    let mut docs: Vec<Document> = Vec::new();
    store
        .scan(&ListFilter::default(), &mut |d| {
            docs.push(d);
            Ok(())
        })
        .unwrap();
    assert_eq!(index.num_docs(), docs.len() as u64);

    // Every exact title finds its document first; where several documents share the
    // title, they come first together, in any order.
    for doc in &docs {
        let hits = ids(&index, &store, &doc.title, 20);
        let position = hits.iter().position(|h| h.0 == doc.id.to_string());
        let first = position.is_some_and(|p| hits[..p].iter().all(|h| h.1 == doc.title));
        assert!(
            first,
            "title {:?} did not find {} first: {:?}",
            doc.title,
            doc.id,
            &hits[..hits.len().min(3)]
        );
    }

    // Five consecutive words of every paragraph find their document in the top three.
    // The middle five are tried first; when more than three documents hold those words
    // (the 1925 order is quoted in an essay, minutes repeat formulas), other windows of the
    // paragraph are tried; a paragraph with no distinctive window at all is shared text, and
    // its document must then be among all the matches.
    let mut analyzer = analysis::exact_analyzer();
    let (mut phrases, mut shared) = (0, 0);
    for doc in &docs {
        for block in doc.body.iter().filter(|b| b.kind == BlockKind::Paragraph) {
            let words = analysis::words(&mut analyzer, &block.text);
            if words.len() < 5 {
                continue;
            }
            phrases += 1;
            let middle = (words.len() - 5) / 2;
            let starts = std::iter::once(middle).chain((0..=words.len() - 5).step_by(5));
            let mut found = false;
            for start in starts.take(40) {
                let phrase: Vec<&str> = words[start..start + 5]
                    .iter()
                    .map(|w| w.term.as_str())
                    .collect();
                let query = format!("\"{}\"", phrase.join(" "));
                let hits = ids(&index, &store, &query, 1000);
                assert!(
                    hits.iter().any(|h| h.0 == doc.id.to_string()),
                    "{query} does not find {} at all",
                    doc.id
                );
                if hits.len() <= 3 || hits[..3].iter().any(|h| h.0 == doc.id.to_string()) {
                    found = true;
                    break;
                }
            }
            if !found {
                shared += 1;
                if shared <= 5 {
                    eprintln!(
                        "shared paragraph of {} ({}): {:.100}",
                        doc.id, doc.title, block.text
                    );
                }
            }
        }
    }
    eprintln!(
        "{phrases} paragraphs searched by five of their words; {shared} share all their words with more than three documents"
    );
    assert!(phrases > 1000, "only {phrases} paragraphs were tried");
    assert!(
        shared * 100 < phrases,
        "{shared} of {phrases} paragraphs could not be told apart"
    );

    // The seed record.
    let seed = "5118690c-57ed-4ad7-a473-188be44d8d2e";
    assert_eq!(ids(&index, &store, "aide memoire Gromyko", 3)[0].0, seed);
    assert!(
        ids(&index, &store, "date:1950-06", 200)
            .iter()
            .any(|h| h.0 == seed)
    );
    assert!(
        !ids(&index, &store, "date:1951", 200)
            .iter()
            .any(|h| h.0 == seed)
    );
}

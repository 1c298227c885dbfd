//! Walking documents' heads in change order, as OAI-PMH harvesting does.

use chancery_model::{AccessLevel, DocType};
use jiff::SignedDuration;

use super::fixture::*;
use super::{Backend, TestResult};
use crate::types::{HarvestState, HeadQuery, VisibleTo};

/// Heads come in the order of each document's latest change, once each; a document written
/// again moves behind the resumption point, deletions show as deleted heads, and time, type
/// and collection filters select what they say.
pub fn heads_follow_the_latest_change<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let mut a = doc("a", "A");
    a.doc_type = Some(DocType::Telegram);
    a.collections = vec!["korea".into()];
    let mut b = doc("b", "B");
    b.rights.access = AccessLevel::Embargoed;
    b.rights.embargo_until = Some(jiff::civil::date(2100, 1, 1));
    let c = doc("c", "C");
    import(s, "one.jsonl", vec![a.clone(), b.clone(), c.clone()])?;
    let first_time = crate::clock::Clock::now(f.clock.as_ref());
    f.clock.advance(SignedDuration::from_secs(60));

    let all = s.heads(&HeadQuery::default(), 10)?;
    let ids: Vec<_> = all.iter().map(|h| h.id).collect();
    assert_eq!(ids, vec![a.id, b.id, c.id]);
    assert_eq!(all[0].doc_type, Some(DocType::Telegram));
    assert_eq!(all[0].collections, vec!["korea".to_string()]);
    assert_eq!(all[1].access, AccessLevel::Embargoed);
    assert_eq!(all[1].embargo_until, Some(jiff::civil::date(2100, 1, 1)));

    // A harvest paused after the first head; meanwhile `a` is edited and `c` deleted.
    let resume_after = all[0].seq;
    let mut edited = current(s, a.id)?;
    edited.title = "A, edited".into();
    s.put(edited, editor("edit"), None)?;
    s.delete(c.id, editor("delete"), None)?;
    let rest = s.heads(
        &HeadQuery {
            after_seq: resume_after,
            ..HeadQuery::default()
        },
        10,
    )?;
    let rest_ids: Vec<_> = rest.iter().map(|h| (h.id, h.deleted)).collect();
    assert_eq!(
        rest_ids,
        vec![(b.id, false), (a.id, false), (c.id, true)],
        "nothing skipped"
    );
    assert_eq!(s.count_heads(&HeadQuery::default())?, 3);

    // Selective harvesting.
    let later = HeadQuery {
        from: Some(first_time + SignedDuration::from_secs(1)),
        ..HeadQuery::default()
    };
    let later_ids: Vec<_> = s.heads(&later, 10)?.iter().map(|h| h.id).collect();
    assert_eq!(later_ids, vec![a.id, c.id]);
    assert_eq!(s.count_heads(&later)?, 2);
    let earlier = HeadQuery {
        until: Some(first_time),
        ..HeadQuery::default()
    };
    assert_eq!(s.heads(&earlier, 10)?.len(), 1);
    let typed = HeadQuery {
        doc_type: Some(DocType::Telegram),
        ..HeadQuery::default()
    };
    assert_eq!(s.heads(&typed, 10)?.len(), 1);
    let in_korea = HeadQuery {
        collection: Some("korea".into()),
        ..HeadQuery::default()
    };
    assert_eq!(s.count_heads(&in_korea)?, 1);
    // Only what a viewer may see: the embargo of `b` ends in 2100.
    let public = HeadQuery {
        visible: Some(VisibleTo {
            levels: vec![AccessLevel::Public],
            embargo_ended_by: Some(jiff::civil::date(2030, 1, 1)),
        }),
        ..HeadQuery::default()
    };
    assert_eq!(s.count_heads(&public)?, 2);
    let after_embargo = HeadQuery {
        visible: Some(VisibleTo {
            levels: vec![AccessLevel::Public],
            embargo_ended_by: Some(jiff::civil::date(2100, 1, 1)),
        }),
        ..HeadQuery::default()
    };
    assert_eq!(s.count_heads(&after_embargo)?, 3);
    let nobody = HeadQuery {
        visible: Some(VisibleTo {
            levels: vec![],
            embargo_ended_by: None,
        }),
        ..HeadQuery::default()
    };
    assert_eq!(s.count_heads(&nobody)?, 0);
    // Pages.
    let page = s.heads(&HeadQuery::default(), 2)?;
    assert_eq!(page.len(), 2);
    let next = s.heads(
        &HeadQuery {
            after_seq: page[1].seq,
            ..HeadQuery::default()
        },
        2,
    )?;
    assert_eq!(next.len(), 1);
    assert_clean(s)
}

/// Where a harvest stands is remembered per source, and survives reopening.
pub fn harvest_states_are_remembered<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    assert_eq!(s.harvest_state("http://a/oai oai_dc")?, None);
    let unfinished = HarvestState {
        next_from: None,
        token: Some("page-2".into()),
        run_started: Some("2026-01-01T00:00:00Z".into()),
    };
    s.save_harvest_state("http://a/oai oai_dc", &unfinished)?;
    assert_eq!(s.harvest_state("http://a/oai oai_dc")?, Some(unfinished));
    let done = HarvestState {
        next_from: Some("2026-01-01T00:00:00Z".into()),
        token: None,
        run_started: None,
    };
    s.save_harvest_state("http://a/oai oai_dc", &done)?;
    drop(f.store);
    let reopened = backend.open(&f.archive, f.clock.clone())?;
    assert_eq!(reopened.harvest_state("http://a/oai oai_dc")?, Some(done));
    assert_eq!(reopened.harvest_state("http://b/oai oai_dc")?, None);
    Ok(())
}

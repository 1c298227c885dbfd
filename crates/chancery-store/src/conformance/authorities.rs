//! Authority records: written in sets, revised only when they change, read back whole.

use chancery_model::{Agent, AgentKind, Authority, Place};

use super::fixture::*;
use super::{Backend, TestResult};
use crate::error::StoreError;
use crate::types::{AuthorityCounts, AuthorityWrite, WriteMeta};

fn person(id: &str, name: &str) -> Authority {
    Authority::Agent(Agent {
        id: id.into(),
        kind: AgentKind::Person,
        preferred_name: name.into(),
        alternate_names: vec![],
        dates: None,
        positions: vec![],
        identifiers: vec![],
        notes: None,
    })
}

fn place(id: &str, name: &str) -> Authority {
    Authority::Place(Place {
        id: id.into(),
        preferred_name: name.into(),
        alternate_names: vec!["Moskva".into()],
        identifiers: vec![],
        notes: None,
    })
}

/// New records are added, equal ones left alone, changed ones revised; they read back whole,
/// by id, by kind in name order, and after reopening.
pub fn authorities_are_kept_and_revised<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let meta = || WriteMeta::new("tester", "authorities import");
    let first = [
        person("kirk-alan-goodrich", "Alan Goodrich Kirk"),
        person("acheson-dean", "Dean Acheson"),
        place("place:moscow", "Moscow"),
    ];
    assert_eq!(
        s.put_authorities(&first, meta())?,
        AuthorityWrite {
            added: 3,
            changed: 0,
            unchanged: 0
        }
    );
    let second = [
        person("kirk-alan-goodrich", "Alan G. Kirk"),
        place("place:moscow", "Moscow"),
    ];
    assert_eq!(
        s.put_authorities(&second, meta())?,
        AuthorityWrite {
            added: 0,
            changed: 1,
            unchanged: 1
        }
    );
    assert_eq!(s.authority("kirk-alan-goodrich")?, Some(second[0].clone()));
    assert_eq!(s.authority("place:moscow")?, Some(second[1].clone()));
    assert_eq!(s.authority("nobody")?, None);
    let persons: Vec<String> = s
        .authorities(Some("person"))?
        .iter()
        .map(|a| a.id().to_string())
        .collect();
    assert_eq!(persons, ["kirk-alan-goodrich", "acheson-dean"]);
    assert_eq!(s.authorities(None)?.len(), 3);
    assert_eq!(
        s.count_authorities()?,
        AuthorityCounts {
            persons: 2,
            organizations: 0,
            places: 1
        }
    );
    drop(f.store);
    let reopened = backend.open(&f.archive, f.clock.clone())?;
    assert_eq!(
        reopened.authority("kirk-alan-goodrich")?,
        Some(second[0].clone())
    );
    Ok(())
}

/// A duplicate merged into another record leaves lookups, lists and counts and says where
/// it went; the record it went into is revised; merges earlier into the duplicate follow
/// it; bad merges are refused and change nothing; a later import of the duplicate does not
/// bring it back.
pub fn duplicates_merge_into_one_record<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let meta = || WriteMeta::new("editor", "same person");
    s.put_authorities(
        &[
            person("kirk-alan-goodrich", "Alan Goodrich Kirk"),
            person("kirk-alan", "Alan Kirk"),
            person("kirk-a", "A. Kirk"),
            place("place:moscow", "Moscow"),
        ],
        meta(),
    )?;
    // kirk-a into kirk-alan, then kirk-alan into kirk-alan-goodrich.
    let mut into = s.authority("kirk-alan")?.ok_or("kirk-alan")?;
    into.absorb(&s.authority("kirk-a")?.ok_or("kirk-a")?);
    s.merge_authority("kirk-a", &into, meta())?;
    let mut keep = s.authority("kirk-alan-goodrich")?.ok_or("keep")?;
    keep.absorb(&into);
    s.merge_authority("kirk-alan", &keep, meta())?;

    assert_eq!(s.authority("kirk-alan")?, None);
    assert_eq!(s.authority("kirk-a")?, None);
    assert_eq!(
        s.authority_merged_into("kirk-alan")?.as_deref(),
        Some("kirk-alan-goodrich")
    );
    assert_eq!(
        s.authority_merged_into("kirk-a")?.as_deref(),
        Some("kirk-alan-goodrich"),
        "a record merged into a duplicate follows it"
    );
    assert_eq!(s.authority_merged_into("kirk-alan-goodrich")?, None);
    let kept = s.authority("kirk-alan-goodrich")?.ok_or("kept")?;
    assert_eq!(kept.alternate_names(), ["Alan Kirk", "A. Kirk"]);
    assert_eq!(s.authorities(Some("person"))?.len(), 1);
    assert_eq!(s.count_authorities()?.persons, 1);

    let refused = |r: Result<(), StoreError>| matches!(r, Err(StoreError::CannotMerge { .. }));
    assert!(
        refused(s.merge_authority("kirk-alan", &kept, meta())),
        "merged already"
    );
    assert!(
        refused(s.merge_authority("kirk-alan-goodrich", &kept, meta())),
        "itself"
    );
    assert!(
        refused(s.merge_authority("place:moscow", &kept, meta())),
        "kinds differ"
    );
    assert!(matches!(
        s.merge_authority("nobody", &kept, meta()),
        Err(StoreError::AuthorityNotFound { .. })
    ));
    assert!(s.authority("place:moscow")?.is_some());

    // Importing the duplicate again revises it but leaves it merged.
    s.put_authorities(&[person("kirk-alan", "Alan Kirk, Admiral")], meta())?;
    assert_eq!(s.authority("kirk-alan")?, None);
    assert_eq!(s.count_authorities()?.persons, 1);
    Ok(())
}

//! Authority records: written in sets, revised only when they change, read back whole.

use chancery_model::{Agent, AgentKind, Authority, Place};

use super::fixture::*;
use super::{Backend, TestResult};
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

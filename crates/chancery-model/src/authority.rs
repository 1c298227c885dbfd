//! Authority records: the persons, organizations and places documents speak of, and the
//! collections documents are gathered in.

use serde::{Deserialize, Serialize};

use crate::date::DocDate;

/// Whether an agent is a person or an organization (states count as organizations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentKind {
    /// A person.
    Person,
    /// An organization, government, state or office.
    Organization,
}

/// A person or organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// A stable identifier, e.g. the POCOM slug `kirk-alan-goodrich`.
    pub id: String,
    /// Person or organization.
    pub kind: AgentKind,
    /// The name to show.
    pub preferred_name: String,
    /// Other names and spellings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternate_names: Vec<String>,
    /// Life (persons) or existence (organizations) dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<DocDate>,
    /// Positions held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    /// Identifiers in other authority files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<ExternalId>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A position held, e.g. Ambassador to the Soviet Union, 1949–1951.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The title of the position.
    pub title: String,
    /// The organization or post it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The country or place of the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// When it was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<DocDate>,
}

/// An identifier in another authority file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalId {
    /// The authority file: `viaf`, `wikidata`, `pocom`, …
    pub scheme: String,
    /// The identifier there.
    pub value: String,
}

/// A place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// A stable identifier.
    pub id: String,
    /// The name to show.
    pub preferred_name: String,
    /// Other names and spellings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternate_names: Vec<String>,
    /// Identifiers in other gazetteers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<ExternalId>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A named group of documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    /// A short stable identifier (a slug).
    pub id: String,
    /// The collection's title.
    pub title: String,
    /// What it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Turns a name into a collection identifier: lowercase ASCII words joined by hyphens.
pub fn slug(name: &str) -> String {
    crate::fold::fold(name).replace(' ', "-")
}

/// An authority record of any kind: a person or organization, or a place. In JSON it is the
/// agent's or the place's shape with its `kind` (`person`, `organization` or `place`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Authority {
    /// A person or organization.
    Agent(Agent),
    /// A place.
    Place(Place),
}

impl Authority {
    /// The record's identifier.
    pub fn id(&self) -> &str {
        match self {
            Authority::Agent(a) => &a.id,
            Authority::Place(p) => &p.id,
        }
    }

    /// The preferred name.
    pub fn preferred_name(&self) -> &str {
        match self {
            Authority::Agent(a) => &a.preferred_name,
            Authority::Place(p) => &p.preferred_name,
        }
    }

    /// The other names it is known by.
    pub fn alternate_names(&self) -> &[String] {
        match self {
            Authority::Agent(a) => &a.alternate_names,
            Authority::Place(p) => &p.alternate_names,
        }
    }

    /// Takes in a duplicate record of the same entity (an editor's merge): its preferred and
    /// other names become other names of this record, and its identifiers, positions, dates
    /// and notes are added where this record lacks them. Returns `false`, changing nothing,
    /// when the two are not of the same kind.
    pub fn absorb(&mut self, duplicate: &Authority) -> bool {
        if self.kind() != duplicate.kind() {
            return false;
        }
        let preferred = self.preferred_name().to_string();
        let names: Vec<String> = std::iter::once(duplicate.preferred_name())
            .chain(duplicate.alternate_names().iter().map(String::as_str))
            .map(str::to_string)
            .collect();
        let (alternates, identifiers, notes) = match self {
            Authority::Agent(a) => (&mut a.alternate_names, &mut a.identifiers, &mut a.notes),
            Authority::Place(p) => (&mut p.alternate_names, &mut p.identifiers, &mut p.notes),
        };
        for name in names {
            if name != preferred && !alternates.contains(&name) {
                alternates.push(name);
            }
        }
        let (their_ids, their_notes) = match duplicate {
            Authority::Agent(a) => (&a.identifiers, &a.notes),
            Authority::Place(p) => (&p.identifiers, &p.notes),
        };
        for id in their_ids {
            if !identifiers.contains(id) {
                identifiers.push(id.clone());
            }
        }
        match (notes.as_mut(), their_notes) {
            (None, Some(theirs)) => *notes = Some(theirs.clone()),
            (Some(ours), Some(theirs)) if !ours.contains(theirs.as_str()) => {
                ours.push_str("\n\n");
                ours.push_str(theirs);
            }
            _ => {}
        }
        if let (Authority::Agent(ours), Authority::Agent(theirs)) = (self, duplicate) {
            if ours.dates.is_none() {
                ours.dates = theirs.dates.clone();
            }
            for position in &theirs.positions {
                if !ours.positions.contains(position) {
                    ours.positions.push(position.clone());
                }
            }
        }
        true
    }

    /// `person`, `organization` or `place`.
    pub fn kind(&self) -> &'static str {
        match self {
            Authority::Agent(a) => match a.kind {
                AgentKind::Person => "person",
                AgentKind::Organization => "organization",
            },
            Authority::Place(_) => "place",
        }
    }
}

impl Serialize for Authority {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// A place written with its kind, so that a list of records reads back.
        #[derive(Serialize)]
        struct KindedPlace<'a> {
            kind: &'static str,
            #[serde(flatten)]
            place: &'a Place,
        }
        match self {
            Authority::Agent(agent) => agent.serialize(serializer),
            Authority::Place(place) => KindedPlace {
                kind: "place",
                place,
            }
            .serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug("Korean War, 1950–1953"), "korean-war-1950-1953");
        assert_eq!(
            slug("Relations franco-allemandes"),
            "relations-franco-allemandes"
        );
    }

    #[test]
    fn agent_json_is_compact() {
        let a = Agent {
            id: "kirk-alan-goodrich".into(),
            kind: AgentKind::Person,
            preferred_name: "Alan Goodrich Kirk".into(),
            alternate_names: vec!["Alan G. Kirk".into()],
            dates: Some(DocDate::parse_edtf("1888/1963").unwrap()),
            positions: vec![],
            identifiers: vec![],
            notes: None,
        };
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            json.starts_with(r#"{"id":"kirk-alan-goodrich","kind":"person""#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Agent>(&json).unwrap(), a);
    }

    #[test]
    fn a_merge_keeps_every_name_and_fills_gaps() {
        let mut keep = Authority::Agent(Agent {
            id: "kirk-alan-goodrich".into(),
            kind: AgentKind::Person,
            preferred_name: "Alan Goodrich Kirk".into(),
            alternate_names: vec!["Alan G. Kirk".into()],
            dates: None,
            positions: vec![],
            identifiers: vec![ExternalId {
                scheme: "pocom".into(),
                value: "kirk-alan-goodrich".into(),
            }],
            notes: Some("Admiral.".into()),
        });
        let duplicate = Authority::Agent(Agent {
            id: "kirk-alan".into(),
            kind: AgentKind::Person,
            preferred_name: "Alan Kirk".into(),
            alternate_names: vec!["Alan G. Kirk".into(), "Alan Goodrich Kirk".into()],
            dates: Some(DocDate::parse_edtf("1888/1963").unwrap()),
            positions: vec![Position {
                title: "Ambassador".into(),
                organization: None,
                place: Some("place:soviet-union".into()),
                dates: None,
            }],
            identifiers: vec![ExternalId {
                scheme: "viaf".into(),
                value: "123".into(),
            }],
            notes: Some("Ambassador in Moscow.".into()),
        });
        assert!(keep.absorb(&duplicate));
        let Authority::Agent(a) = &keep else { panic!() };
        assert_eq!(a.id, "kirk-alan-goodrich");
        assert_eq!(a.preferred_name, "Alan Goodrich Kirk");
        assert_eq!(a.alternate_names, ["Alan G. Kirk", "Alan Kirk"]);
        assert_eq!(a.dates.as_ref().unwrap().edtf(), "1888/1963");
        assert_eq!(a.positions.len(), 1);
        assert_eq!(a.identifiers.len(), 2);
        assert_eq!(
            a.notes.as_deref(),
            Some("Admiral.\n\nAmbassador in Moscow.")
        );
        let place = Authority::Place(Place {
            id: "place:moscow".into(),
            preferred_name: "Moscow".into(),
            alternate_names: vec![],
            identifiers: vec![],
            notes: None,
        });
        assert!(!keep.clone().absorb(&place), "kinds differ");
    }

    #[test]
    fn authorities_say_their_kind_and_read_back() {
        let place = Authority::Place(Place {
            id: "place:pyongyang".into(),
            preferred_name: "Pyongyang".into(),
            alternate_names: vec![],
            identifiers: vec![],
            notes: None,
        });
        let json = serde_json::to_string(&place).unwrap();
        assert!(
            json.starts_with(r#"{"kind":"place","id":"place:pyongyang""#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Authority>(&json).unwrap(), place);
        let agent: Authority = serde_json::from_str(
            r#"{"id":"k","kind":"person","preferred_name":"K","dates":"1888/1963"}"#,
        )
        .unwrap();
        assert_eq!(agent.kind(), "person");
        let again = serde_json::to_string(&agent).unwrap();
        assert_eq!(serde_json::from_str::<Authority>(&again).unwrap(), agent);
    }
}

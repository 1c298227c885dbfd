//! Entities: the persons, organizations and places the gazetteer knows, in the shape
//! matching needs (names with the times they were in use, a life or existence span and
//! positions as day numbers), converted from and to the model's authority records.

use chancery_model::authority::{Agent, AgentKind, ExternalId, Place, Position};
use chancery_model::date::days;
use chancery_model::{Authority, DocDate, MentionKind};

use crate::offices::Office;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization, office or alliance.
    Organization,
    /// A place: a state past or present, a region, a city, a sea, a site.
    Place,
}

impl EntityKind {
    /// The kind of mention that names such an entity.
    pub fn mention_kind(self) -> MentionKind {
        match self {
            EntityKind::Person => MentionKind::Person,
            EntityKind::Organization => MentionKind::Organization,
            EntityKind::Place => MentionKind::Place,
        }
    }
}

/// A span of days (day numbers, see [`chancery_model::date::days`]), both ends included;
/// `None` leaves that end open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DaySpan {
    /// The first day, or open.
    pub from: Option<i64>,
    /// The last day, or open.
    pub to: Option<i64>,
}

impl DaySpan {
    /// The span open at both ends (always).
    pub const ALWAYS: DaySpan = DaySpan {
        from: None,
        to: None,
    };

    /// The span of a date (its earliest and latest days).
    pub fn of_date(date: &DocDate) -> DaySpan {
        DaySpan {
            from: date.earliest(),
            to: date.latest(),
        }
    }

    /// Reads `1949`, `1949-05-21/1951-10-06`, `1888/1963`, `1991/..` or `../1922`. Returns
    /// `None` for anything else; an empty text is [`DaySpan::ALWAYS`].
    pub fn parse(text: &str) -> Option<DaySpan> {
        let text = text.trim();
        if text.is_empty() {
            return Some(DaySpan::ALWAYS);
        }
        DocDate::parse_edtf(text).ok().map(|d| DaySpan::of_date(&d))
    }

    /// The span from the start of `from` to the end of `to`, each an EDTF date or empty.
    pub fn between(from: &str, to: &str) -> Option<DaySpan> {
        let start = match from.trim() {
            "" | ".." => None,
            f => DocDate::parse_edtf(f).ok()?.earliest(),
        };
        let end = match to.trim() {
            "" | ".." => None,
            t => DocDate::parse_edtf(t).ok()?.latest(),
        };
        Some(DaySpan {
            from: start,
            to: end,
        })
    }

    /// Whether the span is open at both ends.
    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether `day` falls within the span.
    pub fn contains(&self, day: i64) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }

    /// How many days `day` lies outside the span (0 inside).
    pub fn distance(&self, day: i64) -> i64 {
        match (self.from, self.to) {
            (Some(f), _) if day < f => f - day,
            (_, Some(t)) if day > t => day - t,
            _ => 0,
        }
    }

    /// The span as EDTF (`1949-05-21/1951-10-06`, `1888-01-01/..`), or `None` when open
    /// at both ends.
    pub fn to_edtf(&self) -> Option<String> {
        match (self.from, self.to) {
            (None, None) => None,
            (Some(f), Some(t)) if f == t => Some(days::format(f)),
            (f, t) => Some(format!(
                "{}/{}",
                f.map_or_else(|| "..".to_string(), days::format),
                t.map_or_else(|| "..".to_string(), days::format)
            )),
        }
    }

    /// The span as a model date, when it has a bound.
    pub fn to_date(&self) -> Option<DocDate> {
        self.to_edtf()
            .and_then(|e| DocDate::parse_edtf(&compact_edtf(&e)).ok())
    }
}

/// Writes whole-year bounds as years: `1888-01-01/1963-12-31` → `1888/1963`.
fn compact_edtf(edtf: &str) -> String {
    edtf.split('/')
        .enumerate()
        .map(|(i, part)| {
            let whole_year = if i == 0 {
                part.ends_with("-01-01")
            } else {
                part.ends_with("-12-31")
            };
            if whole_year && part.len() >= 10 {
                part[..part.len() - 6].to_string()
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A name of an entity and the time it was in use ("Leningrad", 1924–1991).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as written.
    pub text: String,
    /// When the name was in use; [`DaySpan::ALWAYS`] when it does not matter.
    pub valid: DaySpan,
    /// A surname used alone ("Truman"): it names the entity only within `valid`, and
    /// outside it a mention is kept without a link.
    pub short: bool,
}

impl Name {
    /// A name in use at any time.
    pub fn new(text: impl Into<String>) -> Name {
        Name {
            text: text.into(),
            valid: DaySpan::ALWAYS,
            short: false,
        }
    }
}

/// A position held: an office, whose it is (`of`: a state or organization), where it is
/// held (`at`: the country an envoy is posted to), and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The title as the source gives it.
    pub title: String,
    /// The office the title names, when known.
    pub office: Option<Office>,
    /// The state or organization the office belongs to: an entity id or a name.
    pub of: Option<String>,
    /// The country or organization the holder is posted to: an entity id or a name.
    pub at: Option<String>,
    /// When it was held.
    pub span: DaySpan,
}

/// A person, organization or place the gazetteer can find in texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// A stable identifier (`kirk-alan-goodrich`, `place:soviet-union`, `org:nato`).
    pub id: String,
    /// Person, organization or place.
    pub kind: EntityKind,
    /// Its names; the first is the preferred one.
    pub names: Vec<Name>,
    /// Life (persons) or existence (states, organizations).
    pub span: DaySpan,
    /// Positions held (persons).
    pub roles: Vec<Role>,
    /// Entities it is part of: a city's country, an organ's organization (ids).
    pub within: Vec<String>,
    /// Adjectives for a state's people and government ("Soviet", "American").
    pub demonyms: Vec<String>,
    /// Whether a person's names are written family name first ("Mao Zedong").
    pub family_name_first: bool,
    /// Identifiers in other authority files.
    pub identifiers: Vec<ExternalId>,
}

impl Entity {
    /// An entity with one name and nothing else.
    pub fn new(id: impl Into<String>, kind: EntityKind, name: impl Into<String>) -> Entity {
        Entity {
            id: id.into(),
            kind,
            names: vec![Name::new(name)],
            span: DaySpan::ALWAYS,
            roles: Vec::new(),
            within: Vec::new(),
            demonyms: Vec::new(),
            family_name_first: false,
            identifiers: Vec::new(),
        }
    }

    /// The preferred name (empty when it has none).
    pub fn preferred_name(&self) -> &str {
        self.names.first().map_or("", |n| n.text.as_str())
    }

    /// The entity for an authority agent: its names, life or existence dates, and positions
    /// (organization → `of`, place → `at`, as names or ids the gazetteer resolves).
    pub fn from_agent(agent: &Agent) -> Entity {
        let kind = match agent.kind {
            AgentKind::Person => EntityKind::Person,
            AgentKind::Organization => EntityKind::Organization,
        };
        let mut entity = Entity::new(agent.id.clone(), kind, agent.preferred_name.clone());
        for alt in &agent.alternate_names {
            entity.add_name(Name::new(alt.clone()));
        }
        if let Some(dates) = &agent.dates {
            entity.span = DaySpan::of_date(dates);
        }
        entity.roles = agent
            .positions
            .iter()
            .map(|p| Role {
                title: p.title.clone(),
                office: Office::from_title(&p.title),
                of: p.organization.clone(),
                at: p.place.clone(),
                span: p.dates.as_ref().map_or(DaySpan::ALWAYS, DaySpan::of_date),
            })
            .collect();
        entity.identifiers = agent.identifiers.clone();
        entity
    }

    /// The entity for an authority place.
    pub fn from_place(place: &Place) -> Entity {
        let mut entity = Entity::new(
            place.id.clone(),
            EntityKind::Place,
            place.preferred_name.clone(),
        );
        for alt in &place.alternate_names {
            entity.add_name(Name::new(alt.clone()));
        }
        entity.identifiers = place.identifiers.clone();
        entity
    }

    /// Adds a name unless the entity already has it (compared folded).
    pub fn add_name(&mut self, name: Name) {
        let key = crate::fold::key(&name.text);
        if key.is_empty() {
            return;
        }
        if !self
            .names
            .iter()
            .any(|n| crate::fold::key(&n.text) == key && n.valid == name.valid)
        {
            self.names.push(name);
        }
    }

    /// The authority agent for a person or organization (`None` for places). Role `of`
    /// and `at` are written as they are held: ids when the gazetteer resolved them.
    pub fn to_agent(&self) -> Option<Agent> {
        let kind = match self.kind {
            EntityKind::Person => AgentKind::Person,
            EntityKind::Organization => AgentKind::Organization,
            EntityKind::Place => return None,
        };
        Some(Agent {
            id: self.id.clone(),
            kind,
            preferred_name: self.preferred_name().to_string(),
            alternate_names: self.alternate_names(),
            dates: self.span.to_date(),
            positions: self
                .roles
                .iter()
                .map(|r| Position {
                    title: r.title.clone(),
                    organization: r.of.clone(),
                    place: r.at.clone(),
                    dates: r.span.to_date(),
                })
                .collect(),
            identifiers: self.identifiers.clone(),
            notes: None,
        })
    }

    /// The authority place for a place (`None` otherwise). The model's `Place` has no
    /// dates: the existence span is written into the notes.
    pub fn to_place(&self) -> Option<Place> {
        if self.kind != EntityKind::Place {
            return None;
        }
        Some(Place {
            id: self.id.clone(),
            preferred_name: self.preferred_name().to_string(),
            alternate_names: self.alternate_names(),
            identifiers: self.identifiers.clone(),
            notes: self.span.to_edtf().map(|e| format!("existed {e}")),
        })
    }

    /// The authority record for the entity, whatever its kind.
    pub fn to_authority(&self) -> Option<Authority> {
        match self.to_agent() {
            Some(agent) => Some(Authority::Agent(agent)),
            None => self.to_place().map(Authority::Place),
        }
    }

    fn alternate_names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in self.names.iter().skip(1) {
            if n.text != self.preferred_name() && !out.contains(&n.text) {
                out.push(n.text.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_parse_and_compare() {
        let s = DaySpan::parse("1949-05-21/1951-10-06").unwrap();
        assert!(s.contains(days::from_civil(1950, 6, 27)));
        assert!(!s.contains(days::from_civil(1952, 1, 1)));
        assert_eq!(s.distance(days::from_civil(1951, 10, 8)), 2);
        let open = DaySpan::between("1991-12-25", "").unwrap();
        assert!(open.contains(days::from_civil(2020, 1, 1)));
        assert_eq!(DaySpan::parse(""), Some(DaySpan::ALWAYS));
        assert_eq!(DaySpan::parse("nonsense"), None);
    }

    #[test]
    fn agents_convert_both_ways() {
        let agent = Agent {
            id: "kirk-alan-goodrich".into(),
            kind: AgentKind::Person,
            preferred_name: "Alan Goodrich Kirk".into(),
            alternate_names: vec!["Alan G. Kirk".into()],
            dates: Some(DocDate::parse_edtf("1888/1963").unwrap()),
            positions: vec![Position {
                title: "Ambassador Extraordinary and Plenipotentiary".into(),
                organization: Some("United States".into()),
                place: Some("Soviet Union".into()),
                dates: Some(DocDate::parse_edtf("1949-07-04/1951-10-06").unwrap()),
            }],
            identifiers: vec![],
            notes: None,
        };
        let entity = Entity::from_agent(&agent);
        assert_eq!(entity.names.len(), 2);
        assert_eq!(entity.roles[0].office, Some(Office::Ambassador));
        let back = entity.to_agent().unwrap();
        assert_eq!(back.dates.unwrap().edtf(), "1888/1963");
        assert_eq!(
            back.positions[0].dates.as_ref().unwrap().edtf(),
            "1949-07-04/1951-10-06"
        );
    }
}

//! The built-in baseline: states past and present, regions, seas, cities and sites;
//! international organizations and their organs; persons famous in diplomatic history; and a
//! list of given names. The data live in `data/*.tsv` (their headers say where the facts come
//! from) and are compiled into the crate.

use std::sync::OnceLock;

use chancery_model::authority::{Agent, Place};
use rustc_hash::FxHashSet;

use crate::entity::{DaySpan, Entity, EntityKind, Name, Role};
use crate::offices::Office;

const PLACES: &str = include_str!("../data/places.tsv");
const ORGANIZATIONS: &str = include_str!("../data/organizations.tsv");
const PERSONS: &str = include_str!("../data/persons.tsv");
const GIVEN_NAMES: &str = include_str!("../data/given-names.txt");

/// A line of the baseline data that could not be read (the data tests keep this empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    /// The data file.
    pub file: &'static str,
    /// The line number (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

struct Parsed {
    entities: Vec<Entity>,
    problems: Vec<DataProblem>,
}

fn parsed() -> &'static Parsed {
    static PARSED: OnceLock<Parsed> = OnceLock::new();
    PARSED.get_or_init(parse_all)
}

/// The baseline entities: places first, then organizations, then persons.
pub fn entities() -> &'static [Entity] {
    &parsed().entities
}

/// Lines of the baseline data that could not be read (none in a correct build).
pub fn problems() -> &'static [DataProblem] {
    &parsed().problems
}

/// The baseline persons and organizations as authority agents, for storing in an archive's
/// authority tables.
pub fn agents() -> Vec<Agent> {
    entities().iter().filter_map(Entity::to_agent).collect()
}

/// The baseline places as authority places.
pub fn places() -> Vec<Place> {
    entities().iter().filter_map(Entity::to_place).collect()
}

/// The given names the person rules know, as written in the data file.
pub fn given_names() -> impl Iterator<Item = &'static str> {
    data_lines(GIVEN_NAMES).map(|(_, line)| line.trim())
}

/// The given names, folded, as a set.
pub(crate) fn given_name_keys() -> &'static FxHashSet<String> {
    static KEYS: OnceLock<FxHashSet<String>> = OnceLock::new();
    KEYS.get_or_init(|| given_names().map(crate::fold::key).collect())
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn parse_all() -> Parsed {
    let mut out = Parsed {
        entities: Vec::new(),
        problems: Vec::new(),
    };
    let org_ids: FxHashSet<&str> = data_lines(ORGANIZATIONS)
        .filter_map(|(_, l)| l.split('\t').next())
        .collect();
    parse_places(&mut out);
    parse_organizations(&mut out);
    parse_persons(&mut out, &org_ids);
    out
}

fn problem(out: &mut Parsed, file: &'static str, line: usize, message: impl Into<String>) {
    out.problems.push(DataProblem {
        file,
        line,
        message: message.into(),
    });
}

/// Reads `Name`, `Name@1924/1991`, and the markers `^` (family name first) and `~` (a
/// surname used alone). Returns the name, whether it was marked `^`, and whether `~`.
fn parse_name(raw: &str) -> Option<(Name, bool, bool)> {
    let mut text = raw.trim();
    let family_first = text.starts_with('^');
    text = text.trim_start_matches('^');
    let short = text.starts_with('~');
    text = text.trim_start_matches('~');
    let (text, valid) = match text.rsplit_once('@') {
        Some((name, span)) => {
            let (from, to) = span.split_once('/').unwrap_or((span, span));
            (name, DaySpan::between(from, to)?)
        }
        None => (text, DaySpan::ALWAYS),
    };
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some((
        Name {
            text: text.to_string(),
            valid,
            short,
        },
        family_first,
        short,
    ))
}

fn parse_names(field: &str) -> Option<(Vec<Name>, bool)> {
    let mut names = Vec::new();
    let mut family_first = false;
    for (i, raw) in field.split('|').enumerate() {
        let (name, family, _) = parse_name(raw)?;
        if i == 0 {
            family_first = family;
        }
        names.push(name);
    }
    (!names.is_empty()).then_some((names, family_first))
}

fn span_of(from: &str, to: &str) -> Option<DaySpan> {
    DaySpan::between(from, to)
}

fn list(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_places(out: &mut Parsed) {
    for (line, text) in data_lines(PLACES) {
        let cols: Vec<&str> = text.split('\t').collect();
        let [id, _kind, names, from, to, within, demonyms] = cols[..] else {
            problem(out, "places.tsv", line, "expected 7 tab-separated columns");
            continue;
        };
        let (Some((names, _)), Some(span)) = (parse_names(names), span_of(from, to)) else {
            problem(out, "places.tsv", line, "unreadable names or dates");
            continue;
        };
        let mut entity = Entity::new(format!("place:{id}"), EntityKind::Place, "");
        entity.names = names;
        entity.span = span;
        if !within.trim().is_empty() {
            entity.within.push(format!("place:{}", within.trim()));
        }
        entity.demonyms = list(demonyms);
        out.entities.push(entity);
    }
}

fn parse_organizations(out: &mut Parsed) {
    for (line, text) in data_lines(ORGANIZATIONS) {
        let cols: Vec<&str> = text.split('\t').collect();
        let [id, _kind, names, from, to, within, _] = cols[..] else {
            problem(
                out,
                "organizations.tsv",
                line,
                "expected 7 tab-separated columns",
            );
            continue;
        };
        let (Some((names, _)), Some(span)) = (parse_names(names), span_of(from, to)) else {
            problem(out, "organizations.tsv", line, "unreadable names or dates");
            continue;
        };
        let mut entity = Entity::new(format!("org:{id}"), EntityKind::Organization, "");
        entity.names = names;
        entity.span = span;
        let within = within.trim();
        if !within.is_empty() {
            entity.within.push(if within.starts_with("place:") {
                within.to_string()
            } else {
                format!("org:{within}")
            });
        }
        out.entities.push(entity);
    }
}

fn parse_persons(out: &mut Parsed, org_ids: &FxHashSet<&str>) {
    for (line, text) in data_lines(PERSONS) {
        let cols: Vec<&str> = text.split('\t').collect();
        let [id, names, born, died, roles] = cols[..] else {
            problem(out, "persons.tsv", line, "expected 5 tab-separated columns");
            continue;
        };
        let (Some((mut names, family_first)), Some(span)) =
            (parse_names(names), span_of(born, died))
        else {
            problem(out, "persons.tsv", line, "unreadable names or dates");
            continue;
        };
        // A surname used alone names the person only while active: from twenty years after
        // birth to death.
        let active = DaySpan {
            from: span.from.map(|b| b + 20 * 365),
            to: span.to,
        };
        for name in names.iter_mut().filter(|n| n.short && n.valid.is_always()) {
            name.valid = active;
        }
        let mut entity = Entity::new(id.trim(), EntityKind::Person, "");
        entity.names = names;
        entity.span = span;
        entity.family_name_first = family_first;
        for raw in roles.split(", ").map(str::trim).filter(|r| !r.is_empty()) {
            match parse_role(raw, org_ids) {
                Some(role) => entity.roles.push(role),
                None => problem(
                    out,
                    "persons.tsv",
                    line,
                    format!("unreadable position '{raw}'"),
                ),
            }
        }
        out.entities.push(entity);
    }
}

/// Reads `foreign-minister@soviet-union 1957/1985` or `envoy@united-states>france 1785/1789`.
fn parse_role(raw: &str, org_ids: &FxHashSet<&str>) -> Option<Role> {
    let (what, when) = raw.split_once(' ')?;
    let (office, whose) = what.split_once('@')?;
    let office = Office::from_key(office)?;
    let (of, at) = match whose.split_once('>') {
        Some((of, at)) => (of, Some(at)),
        None => (whose, None),
    };
    let qualify = |id: &str| {
        if org_ids.contains(id) {
            format!("org:{id}")
        } else {
            format!("place:{id}")
        }
    };
    let (from, to) = when.split_once('/').unwrap_or((when, when));
    Some(Role {
        title: office.label().to_string(),
        office: Some(office),
        of: Some(qualify(of)),
        at: at.map(qualify),
        span: DaySpan::between(from, to)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_files_read_without_problems() {
        assert_eq!(problems(), &[] as &[DataProblem]);
        let places = entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Place)
            .count();
        let persons = entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .count();
        assert!(places > 800, "{places}");
        assert!(persons > 600, "{persons}");
        assert!(given_names().count() > 900);
    }

    #[test]
    fn ids_are_unique() {
        let mut seen = FxHashSet::default();
        for e in entities() {
            assert!(seen.insert(e.id.as_str()), "duplicate id {}", e.id);
        }
    }

    #[test]
    fn references_point_at_baseline_entities() {
        let ids: FxHashSet<&str> = entities().iter().map(|e| e.id.as_str()).collect();
        for e in entities() {
            for w in &e.within {
                assert!(ids.contains(w.as_str()), "{} within unknown {w}", e.id);
            }
            for r in &e.roles {
                for target in r.of.iter().chain(&r.at) {
                    assert!(
                        ids.contains(target.as_str()),
                        "{} role at unknown {target}",
                        e.id
                    );
                }
            }
        }
    }

    #[test]
    fn names_carry_their_years() {
        let leningrad = entities()
            .iter()
            .find(|e| e.id == "place:st-petersburg")
            .unwrap();
        let name = leningrad
            .names
            .iter()
            .find(|n| n.text == "Leningrad")
            .unwrap();
        assert!(
            name.valid
                .contains(chancery_model::date::days::from_civil(1950, 1, 1))
        );
        assert!(
            !name
                .valid
                .contains(chancery_model::date::days::from_civil(1910, 1, 1))
        );
        let mao = entities().iter().find(|e| e.id == "mao-zedong").unwrap();
        assert!(mao.family_name_first);
    }
}

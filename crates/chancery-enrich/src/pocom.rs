//! POCOM — the Principal Officers and Chiefs of Mission of the U.S. Department of State — read
//! into authority agents: every person with the names written for them and derived from
//! them ("Alan Goodrich Kirk", "Alan G. Kirk", "Alan Kirk"), birth and death years, and the
//! posts they held with their dates.
//!
//! The reader is a pure function over file contents (`(path, text)` pairs: the caller reads
//! the folder). It uses `people/`, `missions-countries/`, `missions-orgs/`,
//! `positions-principals/` and `roles-country-chiefs/` and ignores the rest. A chief of
//! mission's post is written as a baseline place id where POCOM's territory maps to one at
//! the time of the post (`russia` in 1949 is `place:soviet-union`, `china` in 1962 is
//! `place:roc`), else as the territory's name; the office belongs to `place:united-states`.
//!
//! XML is read the way the rest of Chancery reads it: no DTDs (so no entity is ever
//! expanded), bounded size and depth, errors with line and column.

use chancery_model::DocDate;
use chancery_model::authority::{Agent, AgentKind, ExternalId, Position};
use rustc_hash::FxHashMap;

use crate::error::EnrichError;
use crate::xml::parse;

struct Person {
    id: String,
    surname: String,
    forename: String,
    generation: Option<String>,
    alternates: Vec<String>,
    birth: Option<String>,
    death: Option<String>,
}

struct Appointment {
    person: String,
    title: String,
    place: Option<String>,
    organization: String,
    start: Option<String>,
    end: Option<String>,
}

/// Reads POCOM files into agents, sorted by id. Fails on the first file that is not
/// well-formed XML, naming it with the line and column.
pub fn read_pocom<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Agent>, EnrichError> {
    let mut people: Vec<Person> = Vec::new();
    let mut roles: FxHashMap<String, String> = FxHashMap::default();
    // Appointments whose title is a role id to look up once all roles are read.
    let mut pending: Vec<(Appointment, Option<String>)> = Vec::new();
    for (path, text) in files {
        let area = area_of(path);
        if area == Area::Other {
            continue;
        }
        let doc = parse(path, text)?;
        let root = doc.root_element();
        match area {
            Area::People => {
                if let Some(p) = person(root) {
                    people.push(p);
                }
            }
            Area::Roles => {
                if let (Some(id), Some(name)) = (child_text(root, "id"), singular(root)) {
                    roles.insert(id, name);
                }
            }
            Area::Countries => {
                let territory = child_text(root, "territory-id").unwrap_or_default();
                for chief in root.descendants().filter(|n| n.has_tag_name("chief")) {
                    let contemporary = child_text(chief, "contemporary-territory-id")
                        .unwrap_or_else(|| territory.clone());
                    let (start, end) = dates_of(chief);
                    let Some(person) = child_text(chief, "person-id") else {
                        continue;
                    };
                    let place = Some(territory_place(&contemporary, start.as_deref()));
                    pending.push((
                        Appointment {
                            person,
                            title: String::new(),
                            place,
                            organization: "place:united-states".into(),
                            start,
                            end,
                        },
                        child_text(chief, "role-title-id"),
                    ));
                }
            }
            Area::Organizations => {
                let id = child_text(root, "id").unwrap_or_default();
                let title = singular(root).unwrap_or_else(|| humanize(&id));
                for chief in root.descendants().filter(|n| n.has_tag_name("chief")) {
                    let (start, end) = dates_of(chief);
                    let Some(person) = child_text(chief, "person-id") else {
                        continue;
                    };
                    pending.push((
                        Appointment {
                            person,
                            title: title.clone(),
                            place: Some(organization_of_mission(&id, start.as_deref())),
                            organization: "place:united-states".into(),
                            start,
                            end,
                        },
                        None,
                    ));
                }
            }
            Area::Principals => {
                let title = singular(root).unwrap_or_default();
                for principal in root.descendants().filter(|n| n.has_tag_name("principal")) {
                    let (start, end) = dates_of(principal);
                    let Some(person) = child_text(principal, "person-id") else {
                        continue;
                    };
                    pending.push((
                        Appointment {
                            person,
                            title: title.clone(),
                            place: None,
                            organization: "org:us-department-of-state".into(),
                            start,
                            end,
                        },
                        None,
                    ));
                }
            }
            Area::Other => {}
        }
    }
    let mut positions: FxHashMap<String, Vec<Position>> = FxHashMap::default();
    for (mut appointment, role) in pending {
        if let Some(role) = role {
            appointment.title = roles.get(&role).cloned().unwrap_or_else(|| humanize(&role));
        }
        let dates = span_edtf(appointment.start.as_deref(), appointment.end.as_deref())
            .and_then(|e| DocDate::parse_edtf(&e).ok());
        positions
            .entry(appointment.person)
            .or_default()
            .push(Position {
                title: appointment.title,
                organization: Some(appointment.organization),
                place: appointment.place,
                dates,
            });
    }
    let mut agents: Vec<Agent> = people
        .into_iter()
        .map(|p| {
            let mut held = positions.remove(&p.id).unwrap_or_default();
            held.sort_by(|a, b| {
                let key = |x: &Position| x.dates.as_ref().and_then(DocDate::earliest);
                key(a).cmp(&key(b))
            });
            agent(p, held)
        })
        .collect();
    agents.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(agents)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    People,
    Roles,
    Countries,
    Organizations,
    Principals,
    Other,
}

fn area_of(path: &str) -> Area {
    let path = path.replace('\\', "/");
    if !path.ends_with(".xml") {
        return Area::Other;
    }
    let has =
        |dir: &str| path.starts_with(&format!("{dir}/")) || path.contains(&format!("/{dir}/"));
    if has("people") {
        Area::People
    } else if has("roles-country-chiefs") {
        Area::Roles
    } else if has("missions-countries") {
        Area::Countries
    } else if has("missions-orgs") {
        Area::Organizations
    } else if has("positions-principals") {
        Area::Principals
    } else {
        Area::Other
    }
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

/// The trimmed text of a child element, when not empty.
fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    let text: String = child(node, name)?
        .descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

fn singular(root: roxmltree::Node<'_, '_>) -> Option<String> {
    child(root, "names").and_then(|n| child_text(n, "singular"))
}

/// When an appointment began (started, else appointed) and ended.
fn dates_of(node: roxmltree::Node<'_, '_>) -> (Option<String>, Option<String>) {
    let date = |name: &str| child(node, name).and_then(|n| child_text(n, "date"));
    (date("started").or_else(|| date("appointed")), date("ended"))
}

fn span_edtf(start: Option<&str>, end: Option<&str>) -> Option<String> {
    let valid = |d: &str| DocDate::parse_edtf(d).is_ok();
    match (start.filter(|s| valid(s)), end.filter(|e| valid(e))) {
        (Some(s), Some(e)) if s <= e => Some(format!("{s}/{e}")),
        (Some(s), Some(_)) => Some(s.to_string()),
        (Some(s), None) => Some(format!("{s}/..")),
        (None, Some(e)) => Some(format!("../{e}")),
        (None, None) => None,
    }
}

fn person(root: roxmltree::Node<'_, '_>) -> Option<Person> {
    let id = child_text(root, "id")?;
    let names = child(root, "persName")?;
    let surname = child_text(names, "surname").unwrap_or_default();
    let forename = child_text(names, "forename").unwrap_or_default();
    if surname.is_empty() && forename.is_empty() {
        return None;
    }
    Some(Person {
        id,
        surname,
        forename,
        generation: child_text(names, "genName"),
        alternates: names
            .children()
            .filter(|c| c.has_tag_name("altname"))
            .filter_map(|c| c.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .collect(),
        birth: child_text(root, "birth"),
        death: child_text(root, "death"),
    })
}

fn agent(p: Person, positions: Vec<Position>) -> Agent {
    // "Henry A. (Heinz Alfred)": the parenthesis is another spelling, not a name to write.
    let forename = match p.forename.find('(') {
        Some(at) => p.forename[..at].trim().to_string(),
        None => p.forename.clone(),
    };
    let suffix = p.generation.as_deref().map(|g| {
        if g.starts_with(['I', 'V']) {
            format!(" {g}")
        } else {
            format!(", {g}")
        }
    });
    let with_suffix = |name: String| match &suffix {
        Some(s) => format!("{name}{s}"),
        None => name,
    };
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let preferred = with_suffix(join(&[&forename, &p.surname]));
    let mut alternates: Vec<String> = Vec::new();
    let mut add = |name: String| {
        if name != preferred && !name.trim().is_empty() && !alternates.contains(&name) {
            alternates.push(name);
        }
    };
    for alt in &p.alternates {
        add(alt.clone());
    }
    let given: Vec<&str> = forename.split_whitespace().collect();
    if given.len() >= 2 {
        // "Alan Goodrich" → "Alan G. Kirk"; "W. Averell" → "Averell Harriman".
        let initials: Vec<String> = given[1..]
            .iter()
            .map(|g| {
                let first: String = g.chars().take(1).collect();
                if g.ends_with('.') || g.chars().count() == 1 {
                    g.to_string()
                } else {
                    format!("{first}.")
                }
            })
            .collect();
        add(with_suffix(join(&[
            given[0],
            &initials.join(" "),
            &p.surname,
        ])));
        add(join(&[given[0], &p.surname]));
        if given[0].ends_with('.') {
            add(join(&[&given[1..].join(" "), &p.surname]));
        }
    }
    if suffix.is_some() {
        add(join(&[&forename, &p.surname]));
    }
    let dates = span_edtf(p.birth.as_deref(), p.death.as_deref())
        .and_then(|e| DocDate::parse_edtf(&e).ok());
    Agent {
        id: p.id.clone(),
        kind: AgentKind::Person,
        preferred_name: preferred,
        alternate_names: alternates,
        dates,
        positions,
        identifiers: vec![ExternalId {
            scheme: "pocom".into(),
            value: p.id,
        }],
        notes: None,
    }
}

/// "czechoslovakia-1993" → "Czechoslovakia", "kingdom-of-two-sicilies-1861" → "Kingdom of
/// Two Sicilies".
pub fn humanize(id: &str) -> String {
    let mut words: Vec<&str> = id.split('-').filter(|w| !w.is_empty()).collect();
    if words
        .last()
        .is_some_and(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
    {
        words.pop();
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(*w, "of" | "and" | "the") {
                (*w).to_string()
            } else {
                let mut c = w.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The baseline place a POCOM territory was at `date` (YYYY-MM-DD), or its name.
pub fn territory_place(territory: &str, date: Option<&str>) -> String {
    let before = |limit: &str| date.is_some_and(|d| d < limit);
    let id = match territory {
        "russia" if before("1917-11-07") => "russia",
        "russia" if before("1991-12-26") => "soviet-union",
        "russia" => "russia",
        "germany" if before("1949-05-23") => "germany",
        "germany" => "frg",
        "german-democratic-republic" => "gdr",
        "china" if before("1912-01-01") => "china",
        "china" if before("1979-01-01") => "roc",
        "china" => "prc",
        "korea" if before("1948-08-15") => "korea",
        "korea" => "south-korea",
        "joseon-dynasty-1910" => "korea",
        "south-vietnam-1975" | "state-of-vietnam-1955" => "south-vietnam",
        "czechoslovakia-1993" => "czechoslovakia",
        "socialist-federal-republic-of-yugoslavia-1992" | "yugoslavia-1946" => "yugoslavia",
        "yugoslavia" if before("1992-04-27") => "yugoslavia",
        "yugoslavia" => "fr-yugoslavia",
        "albania-1946" => "albania",
        "kingdom-of-two-sicilies-1861" => "two-sicilies",
        "hawaii" => "hawaii-kingdom",
        "texas" => "texas-republic",
        "burma" => "myanmar",
        "swaziland" => "eswatini",
        "timor-leste" => "east-timor",
        "macedonia" => "north-macedonia",
        "bosnia-herzegovina" => "bosnia-and-herzegovina",
        "antigua-barbuda" => "antigua-and-barbuda",
        "saint-vincent-and-grenadines" => "saint-vincent",
        "micronesia-federated-states-of" => "micronesia",
        "holy-see" => "holy-see",
        "zaire" => "congo-kinshasa",
        other => other,
    };
    let place = format!("place:{id}");
    if crate::baseline::entities().iter().any(|e| e.id == place) {
        place
    } else {
        humanize(territory)
    }
}

/// The baseline organization a POCOM mission to an organization is accredited to.
fn organization_of_mission(id: &str, date: Option<&str>) -> String {
    let org = match id {
        "representative-to-un" => "united-nations",
        "representative-to-nato" => "nato",
        "representative-to-oas" => "oas",
        "representative-to-oecd" => "oecd",
        "representative-to-eu" if date.is_some_and(|d| d < "1993-11-01") => "european-communities",
        "representative-to-eu" => "european-union",
        "representative-to-iaea" => "iaea",
        "representative-to-icao" => "icao",
        "representative-to-osce" if date.is_some_and(|d| d < "1995-01-01") => "csce",
        "representative-to-osce" => "osce",
        "representative-to-asean" => "asean",
        "representative-to-au" => "african-union",
        "representative-to-unesco" => "unesco",
        _ => {
            return humanize(
                id.trim_start_matches("representative-to-")
                    .trim_start_matches("representative-"),
            );
        }
    };
    format!("org:{org}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSON: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<person>
    <id>kirk-alan-goodrich</id>
    <persName><surname>Kirk</surname><forename>Alan Goodrich</forename><altname>Alan G. Kirk</altname></persName>
    <birth>1888</birth>
    <death>1963</death>
</person>"#;

    const ROLE: &str = r#"<role><id>ambassador-e-p</id><names><singular>Ambassador Extraordinary and Plenipotentiary</singular></names></role>"#;

    const MISSION: &str = r#"<country-mission><territory-id>russia</territory-id><chiefs><chief>
        <id>ru-1949-kirk-01</id><person-id>kirk-alan-goodrich</person-id>
        <role-title-id>ambassador-e-p</role-title-id>
        <contemporary-territory-id>russia</contemporary-territory-id>
        <appointed><date>1949-05-21</date></appointed><started><date>1949-07-04</date></started>
        <ended><date>1951-10-06</date></ended></chief></chiefs></country-mission>"#;

    #[test]
    fn reads_people_and_their_posts() {
        let agents = read_pocom([
            ("pocom/missions-countries/russia.xml", MISSION),
            ("pocom/people/k/kirk-alan-goodrich.xml", PERSON),
            ("pocom/roles-country-chiefs/ambassador-e-p.xml", ROLE),
            ("pocom/README.md", "not xml"),
        ])
        .unwrap();
        assert_eq!(agents.len(), 1);
        let kirk = &agents[0];
        assert_eq!(kirk.preferred_name, "Alan Goodrich Kirk");
        assert!(kirk.alternate_names.contains(&"Alan G. Kirk".to_string()));
        assert!(kirk.alternate_names.contains(&"Alan Kirk".to_string()));
        assert_eq!(kirk.dates.as_ref().unwrap().edtf(), "1888/1963");
        let post = &kirk.positions[0];
        assert_eq!(post.title, "Ambassador Extraordinary and Plenipotentiary");
        assert_eq!(post.place.as_deref(), Some("place:soviet-union"));
        assert_eq!(post.dates.as_ref().unwrap().edtf(), "1949-07-04/1951-10-06");
    }

    #[test]
    fn refuses_dtds_and_reports_positions() {
        let err = read_pocom([(
            "people/x.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY e \"x\">]><person>&e;</person>",
        )])
        .unwrap_err();
        assert!(err.to_string().contains("people/x.xml: line 2"), "{err}");
        let err = read_pocom([("people/y.xml", "<person>\n<id>x</persName>")]).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn territories_map_to_the_states_of_their_time() {
        assert_eq!(
            territory_place("russia", Some("1949-07-04")),
            "place:soviet-union"
        );
        assert_eq!(
            territory_place("russia", Some("1809-11-05")),
            "place:russia"
        );
        assert_eq!(territory_place("china", Some("1962-07-05")), "place:roc");
        assert_eq!(
            territory_place("kingdom-of-two-sicilies-1861", None),
            "place:two-sicilies"
        );
        assert_eq!(territory_place("atlantis-1900", None), "Atlantis");
        assert_eq!(
            humanize("micronesia-federated-states-of"),
            "Micronesia Federated States of"
        );
    }
}

//! TEI authority lists read into authority records: every `person` of a `listPerson`, every
//! `org` of a `listOrg` and every `place` of a `listPlace` (or nested in another `place`),
//! wherever the lists stand: a file of their own, or the `teiHeader`, `standOff` or `back` of
//! an edition.
//!
//! - **id**: `@xml:id`, as it is for persons and with `org:` or `place:` before it for
//!   organizations and places (unless it is there already). An entry without one gets the
//!   slug of its preferred name with the same prefix (`<org><orgName>Department of
//!   State</orgName></org>` is `org:department-of-state`).
//! - **names**: the entry's `persName`, `orgName` or `placeName` children (for a place
//!   without `placeName`: `settlement`, `country`, `region`, `district`, `bloc` or
//!   `geogName`). The preferred name is the first with `@type="preferred"`, else the first
//!   with `@full="yes"`, else the first; the others are alternate names. Name parts
//!   (`forename`, `surname`, `roleName`, `addName`, `genName`, `nameLink`) are joined in
//!   document order with single spaces. An entry without a name is an error.
//! - **dates** (persons and organizations): `birth` and `death`, each from `@when`, else
//!   `@notBefore` or `@notAfter`, else a `date` inside, else the date or year written in it,
//!   as an EDTF interval (`1888/1963`, `1888/..`).
//! - **positions**: `occupation` (its text is the title; an `orgName` or `placeName` inside
//!   says where) and `affiliation` (`roleName` or `@role` is the title, `orgName` or the
//!   rest of the text the organization), dated by `@when`, `@from`/`@to` or
//!   `@notBefore`/`@notAfter`.
//! - **identifiers**: `idno` with `@type` (the scheme, lowercased: `viaf`, `wikidata`, `gnd`,
//!   …), and VIAF or Wikidata addresses in `idno`, `@ref` or `@sameAs` (`https://viaf.org/viaf/…`
//!   is `viaf`, `https://www.wikidata.org/wiki/Q…` is `wikidata`).
//! - **notes**: the entry's `note` children.
//!
//! XML is read the way the rest of Chancery reads it: no DTDs (so no entity is ever
//! expanded), bounded size and depth, errors with line and column.

use chancery_model::DocDate;
use chancery_model::authority::{self, Agent, AgentKind, ExternalId, Place, Position};
use roxmltree::Node;
use rustc_hash::FxHashMap;

use crate::authorities::Authorities;
use crate::error::EnrichError;
use crate::xml::parse;

/// The elements of a personal, organization or place name that are words of the name.
const NAME_PARTS: &[&str] = &[
    "forename", "surname", "roleName", "addName", "genName", "nameLink", "name",
];

/// Elements inside a name or a position whose text is not part of it.
const NOT_TEXT: &[&str] = &["note", "ptr", "bibl", "idno"];

/// What an authority entry is: the id's prefix depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Person,
    Organization,
    Place,
}

impl Kind {
    /// The prefix of the kind's ids (none for persons).
    fn prefix(self) -> &'static str {
        match self {
            Kind::Person => "",
            Kind::Organization => "org:",
            Kind::Place => "place:",
        }
    }

    /// The kind as written in messages and in the `kind` of a record.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
        }
    }

    /// The kind with its article, for messages.
    fn with_article(self) -> &'static str {
        match self {
            Kind::Person => "a person",
            Kind::Organization => "an organization",
            Kind::Place => "a place",
        }
    }
}

/// The record id for an entry of `kind`: `given` with the kind's prefix, or (when none is
/// given) the slug of `name` with it. An id with spaces, or with the prefix of another kind,
/// is refused: the index reads the kind of an entity from its id.
pub(crate) fn record_id(kind: Kind, given: Option<&str>, name: &str) -> Result<String, String> {
    let Some(given) = given.map(str::trim).filter(|g| !g.is_empty()) else {
        let slug = authority::slug(name);
        if slug.is_empty() {
            return Err(format!(
                "the {} '{name}' has no id, and its name makes none",
                kind.word()
            ));
        }
        return Ok(format!("{}{slug}", kind.prefix()));
    };
    if given.chars().any(char::is_whitespace) {
        return Err(format!("the id '{given}' holds a space"));
    }
    let foreign = [Kind::Organization, Kind::Place]
        .into_iter()
        .find(|k| *k != kind && given.starts_with(k.prefix()));
    if let Some(other) = foreign {
        return Err(format!(
            "the id '{given}' of a {} begins with '{}', which marks an {}",
            kind.word(),
            other.prefix(),
            other.word()
        ));
    }
    if given.starts_with(kind.prefix()) {
        Ok(given.to_string())
    } else {
        Ok(format!("{}{given}", kind.prefix()))
    }
}

/// The VIAF or Wikidata identifier an address points at: the number or the `Q…` item when
/// the address holds one, else the address itself. `None` for any other address.
pub(crate) fn external_from_url(url: &str) -> Option<ExternalId> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut segments = path.split(['/', '?', '#']).filter(|s| !s.is_empty());
    let (scheme, value) = if host == "viaf.org" {
        let number = segments.find(|s| s.chars().all(|c| c.is_ascii_digit()));
        ("viaf", number)
    } else if host == "wikidata.org" || host.ends_with(".wikidata.org") {
        ("wikidata", segments.find(|s| is_wikidata_id(s)))
    } else {
        return None;
    };
    Some(ExternalId {
        scheme: scheme.into(),
        value: value.unwrap_or(url).to_string(),
    })
}

/// `Q42`, `P31`, `L1`: a Wikidata item, property or lexeme.
fn is_wikidata_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| matches!(c, 'Q' | 'P' | 'L'))
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

/// An identifier in the scheme `scheme` (lowercased). A VIAF or Wikidata address is read as
/// such when the scheme is that one, or none, or just says it is an address (`uri`, `url`).
pub(crate) fn external(scheme: &str, value: &str) -> Option<ExternalId> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return None;
    }
    let scheme = scheme.trim().to_lowercase();
    if let Some(found) = external_from_url(&value)
        && (scheme.is_empty() || scheme == "uri" || scheme == "url" || scheme == found.scheme)
    {
        return Some(found);
    }
    let scheme = if scheme.is_empty() {
        if value.starts_with("http://") || value.starts_with("https://") {
            "uri".to_string()
        } else {
            "idno".to_string()
        }
    } else {
        scheme
    };
    Some(ExternalId { scheme, value })
}

/// Reads the persons, organizations and places of a TEI file (see the module
/// documentation). `path` names the file in errors, which give the line and column.
pub fn read_tei(path: &str, text: &str) -> Result<Authorities, EnrichError> {
    let failed = |message: String| EnrichError::Authority {
        path: path.to_string(),
        message,
    };
    let doc = parse(path, text)?;
    let at = |node: Node<'_, '_>| {
        let pos = doc.text_pos_at(node.range().start);
        format!("line {}, column {}", pos.row, pos.col)
    };
    let mut out = Authorities::default();
    // Where each id was first given, to refuse an id given twice.
    let mut seen: FxHashMap<String, String> = FxHashMap::default();
    for node in doc.descendants().filter(Node::is_element) {
        let Some(kind) = entry_kind(node) else {
            continue;
        };
        let entry = read_entry(node, kind).map_err(|e| failed(format!("{}: {e}", at(node))))?;
        if let Some(first) = seen.get(&entry.id) {
            return Err(failed(format!(
                "{}: the id '{}' is given twice (first at {first})",
                at(node),
                entry.id
            )));
        }
        seen.insert(entry.id.clone(), at(node));
        match kind {
            Kind::Place => out.places.push(Place {
                id: entry.id,
                preferred_name: entry.preferred_name,
                alternate_names: entry.alternate_names,
                identifiers: entry.identifiers,
                notes: entry.notes,
            }),
            Kind::Person | Kind::Organization => out.agents.push(Agent {
                id: entry.id,
                kind: if kind == Kind::Person {
                    AgentKind::Person
                } else {
                    AgentKind::Organization
                },
                preferred_name: entry.preferred_name,
                alternate_names: entry.alternate_names,
                dates: entry.dates,
                positions: entry.positions,
                identifiers: entry.identifiers,
                notes: entry.notes,
            }),
        }
    }
    Ok(out)
}

/// What an element is when it is an entry of an authority list.
fn entry_kind(node: Node<'_, '_>) -> Option<Kind> {
    let parent = node.parent_element()?;
    if node.has_tag_name("person") && parent.has_tag_name("listPerson") {
        Some(Kind::Person)
    } else if node.has_tag_name("org") && parent.has_tag_name("listOrg") {
        Some(Kind::Organization)
    } else if node.has_tag_name("place")
        && (parent.has_tag_name("listPlace") || parent.has_tag_name("place"))
    {
        Some(Kind::Place)
    } else {
        None
    }
}

/// One entry, whatever its kind (places ignore dates and positions).
struct Entry {
    id: String,
    preferred_name: String,
    alternate_names: Vec<String>,
    dates: Option<DocDate>,
    positions: Vec<Position>,
    identifiers: Vec<ExternalId>,
    notes: Option<String>,
}

fn read_entry(node: Node<'_, '_>, kind: Kind) -> Result<Entry, String> {
    let name_elements = name_elements(node, kind);
    let preferred = name_elements
        .iter()
        .position(|n| n.attribute("type") == Some("preferred"))
        .or_else(|| {
            name_elements
                .iter()
                .position(|n| n.attribute("full") == Some("yes"))
        });
    let mut names: Vec<String> = Vec::new();
    if let Some(first) = preferred.and_then(|i| name_elements.get(i)) {
        names.push(name_text(*first));
    }
    for (i, n) in name_elements.iter().enumerate() {
        if Some(i) != preferred {
            names.push(name_text(*n));
        }
    }
    names.retain(|n| !n.is_empty());
    let mut names = names.into_iter();
    let Some(preferred_name) = names.next() else {
        let wanted = match kind {
            Kind::Person => "persName",
            Kind::Organization => "orgName",
            Kind::Place => "placeName",
        };
        return Err(format!("{} without a name ({wanted})", kind.with_article()));
    };
    let mut alternate_names: Vec<String> = Vec::new();
    for name in names {
        if name != preferred_name && !alternate_names.contains(&name) {
            alternate_names.push(name);
        }
    }
    let id = record_id(kind, xml_id(node), &preferred_name)?;

    let mut identifiers: Vec<ExternalId> = Vec::new();
    let mut add_identifier = |found: Option<ExternalId>| {
        if let Some(found) = found
            && !identifiers.contains(&found)
        {
            identifiers.push(found);
        }
    };
    for idno in node.children().filter(|c| c.has_tag_name("idno")) {
        add_identifier(external(
            idno.attribute("type").unwrap_or(""),
            &flat_text(idno),
        ));
    }
    for element in std::iter::once(node).chain(name_elements.iter().copied()) {
        for attribute in ["ref", "sameAs"] {
            for url in element
                .attribute(attribute)
                .unwrap_or("")
                .split_whitespace()
            {
                add_identifier(external_from_url(url));
            }
        }
    }

    let notes: Vec<String> = node
        .children()
        .filter(|c| c.has_tag_name("note"))
        .map(flat_text)
        .filter(|n| !n.is_empty())
        .collect();
    let (dates, positions) = if kind == Kind::Place {
        (None, Vec::new())
    } else {
        let birth = child(node, "birth").and_then(point);
        let death = child(node, "death").and_then(point);
        (interval(birth, death), positions(node))
    };
    Ok(Entry {
        id,
        preferred_name,
        alternate_names,
        dates,
        positions,
        identifiers,
        notes: (!notes.is_empty()).then(|| notes.join("\n")),
    })
}

fn xml_id<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((roxmltree::NS_XML_URI, "id"))
}

/// The elements naming an entry, in document order.
fn name_elements<'a, 'i>(node: Node<'a, 'i>, kind: Kind) -> Vec<Node<'a, 'i>> {
    let named = |tag: &str| -> Vec<Node<'a, 'i>> {
        node.children().filter(|c| c.has_tag_name(tag)).collect()
    };
    match kind {
        Kind::Person => named("persName"),
        Kind::Organization => named("orgName"),
        Kind::Place => {
            let names = named("placeName");
            if !names.is_empty() {
                return names;
            }
            node.children()
                .filter(|c| {
                    [
                        "settlement",
                        "country",
                        "region",
                        "district",
                        "bloc",
                        "geogName",
                    ]
                    .iter()
                    .any(|t| c.has_tag_name(*t))
                })
                .collect()
        }
    }
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn is_not_text(node: Node<'_, '_>) -> bool {
    NOT_TEXT.iter().any(|t| node.has_tag_name(*t))
}

/// All the text of an element (but its notes), with whitespace normalized.
fn flat_text(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if d.is_text() && !d.ancestors().take_while(|a| *a != node).any(is_not_text) {
            out.push_str(d.text().unwrap_or(""));
        }
    }
    normalize(&out)
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name as written: its name parts joined with single spaces, in document order.
fn name_text(node: Node<'_, '_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    name_parts(node, &mut parts);
    parts.join(" ")
}

fn name_parts(node: Node<'_, '_>, parts: &mut Vec<String>) {
    for c in node.children() {
        let part = if c.is_text() {
            normalize(c.text().unwrap_or(""))
        } else if !c.is_element() || is_not_text(c) {
            continue;
        } else if NAME_PARTS.iter().any(|t| c.has_tag_name(*t)) {
            flat_text(c)
        } else {
            // Markup around the words (`hi`, `choice`, `ref`): its words count.
            name_parts(c, parts);
            continue;
        };
        if part.is_empty() {
            continue;
        }
        // "Kirk, Alan": punctuation stays with the word before it.
        match parts.last_mut() {
            Some(last) if part.starts_with([',', ';', '.', ')']) => last.push_str(&part),
            _ => parts.push(part),
        }
    }
}

/// A date in an attribute as canonical EDTF: the first of `names` that holds valid EDTF (a
/// time of day after the date is dropped).
fn attribute_edtf(node: Node<'_, '_>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let value = node.attribute(*name)?.trim();
        let value = match value.split_once('T') {
            Some((day, _)) if day.len() >= 10 => day,
            _ => value,
        };
        DocDate::parse_edtf(value)
            .ok()
            .map(|d| d.edtf().to_string())
    })
}

/// The day or year of a birth or death as EDTF: `@when`, else `@notBefore`/`@notAfter`,
/// else a `date` inside, else the date or year written in the element.
fn point(node: Node<'_, '_>) -> Option<String> {
    attribute_edtf(
        node,
        &[
            "when",
            "when-iso",
            "notBefore",
            "notBefore-iso",
            "notAfter",
            "notAfter-iso",
            "from",
            "to",
        ],
    )
    .or_else(|| child(node, "date").and_then(point))
    .or_else(|| written(&flat_text(node)))
}

/// A single date written in text ("30 October 1888"), else the first year in it ("1888,
/// Philadelphia").
fn written(text: &str) -> Option<String> {
    if let Ok(date) = DocDate::from_written(text)
        && !date.edtf().contains('/')
    {
        return Some(date.edtf().to_string());
    }
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    (0..bytes.len())
        .find(|&i| (i == 0 || !digit(i - 1)) && (i..i + 4).all(digit) && !digit(i + 4))
        .and_then(|i| text.get(i..i + 4))
        .map(str::to_string)
}

/// The interval from `start` to `end` (each EDTF), open on a side that is missing.
fn interval(start: Option<String>, end: Option<String>) -> Option<DocDate> {
    let edtf = match (start, end) {
        (Some(s), Some(e)) => {
            let earliest = DocDate::parse_edtf(&s).ok().and_then(|d| d.earliest());
            let latest = DocDate::parse_edtf(&e).ok().and_then(|d| d.latest());
            match (earliest, latest) {
                (Some(a), Some(b)) if a > b => format!("{s}/.."),
                _ => format!("{s}/{e}"),
            }
        }
        (Some(s), None) => format!("{s}/.."),
        (None, Some(e)) => format!("../{e}"),
        (None, None) => return None,
    };
    DocDate::parse_edtf(&edtf).ok()
}

/// When a position was held: `@when`, else `@from`/`@to` or `@notBefore`/`@notAfter`.
fn held(node: Node<'_, '_>) -> Option<DocDate> {
    if let Some(when) = attribute_edtf(node, &["when", "when-iso"]) {
        return DocDate::parse_edtf(&when).ok();
    }
    interval(
        attribute_edtf(node, &["from", "from-iso", "notBefore", "notBefore-iso"]),
        attribute_edtf(node, &["to", "to-iso", "notAfter", "notAfter-iso"]),
    )
}

/// What a name inside a position points at: the id of its `@ref` within the file
/// (`#state` → `org:state`), else its text.
fn linked(node: Node<'_, '_>, kind: Kind) -> Option<String> {
    let local = node
        .attribute("ref")
        .and_then(|r| r.split_whitespace().next())
        .and_then(|r| r.strip_prefix('#'));
    if let Some(id) = local.and_then(|r| record_id(kind, Some(r), "").ok()) {
        return Some(id);
    }
    let text = flat_text(node);
    (!text.is_empty()).then_some(text)
}

fn descendant<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.descendants().skip(1).find(|d| d.has_tag_name(name))
}

/// Positions from `occupation` and `affiliation`.
fn positions(node: Node<'_, '_>) -> Vec<Position> {
    let mut out = Vec::new();
    for c in node.children().filter(Node::is_element) {
        let organization = descendant(c, "orgName").and_then(|o| linked(o, Kind::Organization));
        let place = descendant(c, "placeName").and_then(|p| linked(p, Kind::Place));
        let position = if c.has_tag_name("occupation") {
            Position {
                title: flat_text(c),
                organization,
                place,
                dates: held(c),
            }
        } else if c.has_tag_name("affiliation") {
            let text = flat_text(c);
            let role = descendant(c, "roleName")
                .map(flat_text)
                .or_else(|| c.attribute("role").map(normalize).filter(|r| !r.is_empty()));
            let referenced = c
                .attribute("ref")
                .and_then(|r| r.split_whitespace().next())
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|r| record_id(Kind::Organization, Some(r), "").ok());
            let organization = organization.or(referenced).or_else(|| match &role {
                // "Ambassador, Department of State": the rest after the role.
                Some(role) => {
                    let rest = normalize(
                        text.replacen(role.as_str(), "", 1)
                            .trim_matches([',', ';', ' ']),
                    );
                    (!rest.is_empty()).then_some(rest)
                }
                None => (!text.is_empty()).then(|| text.clone()),
            });
            Position {
                title: role.unwrap_or(text),
                organization,
                place,
                dates: held(c),
            }
        } else {
            continue;
        };
        if !position.title.is_empty() {
            out.push(position);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt></fileDesc></teiHeader>
  <standOff>
    <listPerson>
      <person xml:id="kirk-alan-goodrich" sameAs="http://viaf.org/viaf/61627449">
        <persName type="preferred"><forename>Alan</forename><forename>Goodrich</forename>
          <surname>Kirk</surname></persName>
        <persName><roleName>Admiral</roleName> <surname>Kirk</surname></persName>
        <persName>Alan G. Kirk</persName>
        <persName><forename>Alan</forename> <forename>Goodrich</forename> <surname>Kirk</surname></persName>
        <birth when="1888-10-30"><placeName>Philadelphia</placeName></birth>
        <death><date notBefore="1963-10-15">15 October 1963</date></death>
        <occupation from="1949-07-04" to="1951-10-06">Ambassador to the
          <placeName ref="#soviet-union">Soviet Union</placeName></occupation>
        <affiliation when="1946"><roleName>Ambassador</roleName>,
          <orgName ref="#state">Department of State</orgName></affiliation>
        <idno type="Wikidata">https://www.wikidata.org/wiki/Q1349781</idno>
        <note>Naval officer and diplomat.</note>
      </person>
      <person>
        <persName><surname>Gromyko</surname>, <forename>Andrei</forename></persName>
        <birth>born 1909 in Old Gromyki</birth>
      </person>
    </listPerson>
  </standOff>
  <text><body><p>The <orgName>Department</orgName>.</p></body>
  <back>
    <listOrg>
      <org xml:id="state"><orgName full="yes">Department of State</orgName>
        <orgName>State Department</orgName><orgName>State Department</orgName></org>
      <org xml:id="org:nato"><orgName>NATO</orgName></org>
    </listOrg>
    <listPlace>
      <place xml:id="soviet-union" ref="https://www.wikidata.org/entity/Q15180">
        <placeName>Soviet Union</placeName><placeName xml:lang="ru">СССР</placeName>
        <idno type="geonames">2017370</idno>
        <place><settlement>Moscow</settlement></place>
      </place>
    </listPlace>
  </back></text>
</TEI>"##;

    #[test]
    fn reads_persons_organizations_and_places() {
        let read = read_tei("lists.xml", LISTS).unwrap();
        let ids: Vec<&str> = read.agents.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "kirk-alan-goodrich",
                "gromyko-andrei",
                "org:state",
                "org:nato"
            ]
        );
        let kirk = &read.agents[0];
        assert_eq!(kirk.kind, AgentKind::Person);
        assert_eq!(kirk.preferred_name, "Alan Goodrich Kirk");
        assert_eq!(kirk.alternate_names, ["Admiral Kirk", "Alan G. Kirk"]);
        assert_eq!(kirk.dates.as_ref().unwrap().edtf(), "1888-10-30/1963-10-15");
        assert_eq!(kirk.positions.len(), 2);
        let embassy = &kirk.positions[0];
        assert_eq!(embassy.title, "Ambassador to the Soviet Union");
        assert_eq!(embassy.place.as_deref(), Some("place:soviet-union"));
        assert_eq!(
            embassy.dates.as_ref().unwrap().edtf(),
            "1949-07-04/1951-10-06"
        );
        let office = &kirk.positions[1];
        assert_eq!(office.title, "Ambassador");
        assert_eq!(office.organization.as_deref(), Some("org:state"));
        assert_eq!(office.dates.as_ref().unwrap().edtf(), "1946");
        let schemes: Vec<(&str, &str)> = kirk
            .identifiers
            .iter()
            .map(|i| (i.scheme.as_str(), i.value.as_str()))
            .collect();
        assert_eq!(schemes, [("wikidata", "Q1349781"), ("viaf", "61627449")]);
        assert_eq!(kirk.notes.as_deref(), Some("Naval officer and diplomat."));

        // No xml:id: the slug of the name as written; a year from the text.
        let gromyko = &read.agents[1];
        assert_eq!(gromyko.preferred_name, "Gromyko, Andrei");
        assert_eq!(gromyko.dates.as_ref().unwrap().edtf(), "1909/..");

        let state = &read.agents[2];
        assert_eq!(state.kind, AgentKind::Organization);
        assert_eq!(state.preferred_name, "Department of State");
        assert_eq!(state.alternate_names, ["State Department"]);

        assert_eq!(read.places.len(), 2);
        let soviet = &read.places[0];
        assert_eq!(soviet.id, "place:soviet-union");
        assert_eq!(soviet.alternate_names, ["СССР"]);
        let schemes: Vec<(&str, &str)> = soviet
            .identifiers
            .iter()
            .map(|i| (i.scheme.as_str(), i.value.as_str()))
            .collect();
        assert_eq!(schemes, [("geonames", "2017370"), ("wikidata", "Q15180")]);
        assert_eq!(read.places[1].id, "place:moscow");
        assert_eq!(read.places[1].preferred_name, "Moscow");
    }

    #[test]
    fn a_list_on_its_own_without_a_namespace_reads() {
        let read = read_tei(
            "places.xml",
            "<listPlace><place xml:id='paris'><placeName>Paris</placeName>\
             <idno type='VIAF'>https://viaf.org/viaf/158822968/</idno></place></listPlace>",
        )
        .unwrap();
        assert_eq!(read.places[0].id, "place:paris");
        assert_eq!(read.places[0].identifiers[0].scheme, "viaf");
        assert_eq!(read.places[0].identifiers[0].value, "158822968");
    }

    #[test]
    fn refuses_dtds_and_reports_positions() {
        let err = read_tei(
            "dtd.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY k \"Kirk\">]>\
             <listPerson><person><persName>&k;</persName></person></listPerson>",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("dtd.xml: line 2:"), "{text}");
        assert!(text.contains("document type declaration"), "{text}");

        let err = read_tei("bad.xml", "<listPerson>\n<person></listPerson>").unwrap_err();
        assert!(err.to_string().contains("bad.xml: line 2, column"), "{err}");

        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        let err = read_tei("deep.xml", &deep).unwrap_err();
        assert!(err.to_string().contains("nested more than"), "{err}");
    }

    #[test]
    fn a_nameless_entry_is_an_error_at_its_place() {
        let err = read_tei(
            "nameless.xml",
            "<listOrg>\n  <org xml:id=\"x\"><orgName> </orgName><note>?</note></org>\n</listOrg>",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "nameless.xml: line 2, column 3: an organization without a name (orgName)"
        );
    }

    #[test]
    fn ids_are_checked() {
        let twice = "<listPerson><person xml:id='a'><persName>A</persName></person>\n\
                     <person xml:id='a'><persName>B</persName></person></listPerson>";
        let err = read_tei("twice.xml", twice).unwrap_err();
        assert!(
            err.to_string()
                .contains("line 2, column 1: the id 'a' is given twice"),
            "{err}"
        );
        assert!(record_id(Kind::Person, Some("org:x"), "X").is_err());
        assert!(record_id(Kind::Place, Some("a b"), "X").is_err());
        assert_eq!(
            record_id(Kind::Place, None, "Saint-Étienne").unwrap(),
            "place:saint-etienne"
        );
        assert!(record_id(Kind::Person, None, "???").is_err());
    }

    #[test]
    fn addresses_become_identifiers() {
        let found = |url| external_from_url(url).map(|e| (e.scheme, e.value));
        assert_eq!(
            found("https://www.wikidata.org/wiki/Q8337"),
            Some(("wikidata".into(), "Q8337".into()))
        );
        assert_eq!(
            found("http://viaf.org/viaf/61627449/"),
            Some(("viaf".into(), "61627449".into()))
        );
        assert_eq!(
            found("https://viaf.org/"),
            Some(("viaf".into(), "https://viaf.org/".into()))
        );
        assert_eq!(found("https://d-nb.info/gnd/118"), None);
        assert_eq!(found("#local"), None);
        let gnd = external("GND", " 118 ").unwrap();
        assert_eq!((gnd.scheme.as_str(), gnd.value.as_str()), ("gnd", "118"));
    }
}

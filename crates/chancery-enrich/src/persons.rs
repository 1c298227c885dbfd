//! Persons found by rules, for names the authorities may not know: a title before
//! capitalized words ("Ambassador Kirk", "Lord Shelburne"), a known given name before a
//! surname ("Holden Roberto", "Richard W. Leopold"), initials before a surname ("L.E.
//! Woodward"), a family name written first ("Wang Bingnan"), a regnal name and numeral
//! ("Louis XVI"). Also role phrases without a name ("the Soviet Foreign Minister").

use crate::gazetteer::{Gazetteer, NameHit};
use crate::names::{self, Class};
use crate::offices::Office;
use crate::tokens::{Kind, Tokens};

/// How a person was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    Title,
    Given,
    Initials,
    FamilyFirst,
    Regnal,
}

/// A person found by a rule.
#[derive(Debug, Clone)]
pub(crate) struct PersonRule {
    /// The name's span (with a title when the title belongs to the name).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Where the evidence starts (the title), for settling overlaps.
    pub(crate) ext_start: usize,
    pub(crate) how: How,
    /// The office a title names, with the state it belongs to and the one it is posted to.
    pub(crate) role: Option<RoleWanted>,
    /// The name's words (folded, without initials), first to last.
    pub(crate) words: Vec<String>,
    /// The folded initial or first given name, for comparing with a known person.
    pub(crate) first: Option<String>,
}

/// An office as a text names it, with what it says about whose office and where.
#[derive(Debug, Clone)]
pub(crate) struct RoleWanted {
    pub(crate) office: Option<Office>,
    /// Candidate states the office belongs to (from an adjective or a name before it, or
    /// "of …" after it).
    pub(crate) of: Vec<u32>,
    /// Candidate states or organizations the holder is posted to ("to/in …").
    pub(crate) at: Vec<u32>,
}

/// A role phrase naming a person by office alone: "the Soviet Foreign Minister", "the
/// Secretary of State".
#[derive(Debug, Clone)]
pub(crate) struct RolePhrase {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) role: RoleWanted,
}

/// What the rules found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) persons: Vec<PersonRule>,
    pub(crate) roles: Vec<RolePhrase>,
}

struct NameParse {
    /// The token after the name.
    next: usize,
    start: usize,
    end: usize,
    words: Vec<String>,
    first: Option<String>,
    initials: usize,
}

pub(crate) struct Rules<'a> {
    pub(crate) toks: &'a Tokens<'a>,
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) hits: &'a [NameHit],
}

impl Rules<'_> {
    fn key(&self, i: usize) -> &str {
        self.toks.key(i)
    }

    /// Whether token `i` is written like a name: a capital first, or a particle joined to
    /// a capitalized name ("al-Asad").
    fn namecap(&self, i: usize) -> bool {
        let Some(t) = self.toks.list.get(i) else {
            return false;
        };
        if t.kind != Kind::Word {
            return false;
        }
        if t.cap {
            return true;
        }
        // "al-Asad": a particle joined to a capitalized name (its folded form has a space
        // after "al", "el", "bin" or "ibn"; a byte test first, as most words are not).
        let key = self.key(i);
        if !matches!(key.as_bytes().get(2..4), Some([b' ', _] | [_, b' '])) {
            return false;
        }
        match key.split_once(' ') {
            Some((prefix @ ("al" | "el" | "bin" | "ibn"), _)) if names::is_particle(prefix) => {
                let word = t.text(self.toks.text);
                word.split_once(['-', '\'', '’'])
                    .is_some_and(|(_, rest)| rest.chars().next().is_some_and(char::is_uppercase))
            }
            _ => false,
        }
    }

    /// Whether token `i` may be a word of a personal name.
    fn name_word(&self, i: usize) -> bool {
        if !self.namecap(i) {
            return false;
        }
        let Some(t) = self.toks.list.get(i) else {
            return false;
        };
        let word = t.text(self.toks.text);
        // Abbreviations in capitals (US, NATO) are not names; single letters are initials.
        if t.upper && word.chars().count() > 1 && !names::is_roman(word) {
            return false;
        }
        let class = self.toks.class(i);
        !class.has(Class::STOP | Class::FUNCTION | Class::TITLE | Class::ADJECTIVE)
            && self.gazetteer.states_of_demonym(self.key(i)).is_empty()
    }

    /// Reads a personal name starting at token `i`.
    fn parse_name(&self, i: usize) -> Option<NameParse> {
        let tokens = &self.toks.list;
        let mut k = i;
        let mut words: Vec<String> = Vec::new();
        let mut first = None;
        let mut initials = 0;
        let mut end = 0;
        let mut after_initial = false;
        while let Some(t) = tokens.get(k) {
            if t.kind != Kind::Word {
                // ", Jr." after a name.
                if t.is_punct(',') && !words.is_empty() && self.toks.class(k + 1).has(Class::SUFFIX)
                {
                    end = tokens[k + 1].end;
                    k += 2;
                    if tokens.get(k).is_some_and(|t| t.is_punct('.')) {
                        end = tokens[k].end;
                        k += 1;
                    }
                }
                break;
            }
            if k > i && !t.spaced && !after_initial {
                break;
            }
            after_initial = false;
            if names::is_initial(self.toks, k) {
                initials += 1;
                if first.is_none() {
                    first = Some(self.key(k).to_string());
                }
                end = tokens[k + 1].end;
                k += 2;
                after_initial = true;
                continue;
            }
            let word = t.text(self.toks.text);
            let class = self.toks.class(k);
            if !words.is_empty() && (names::is_roman(word) || class.has(Class::SUFFIX)) {
                end = t.end;
                k += 1;
                if tokens.get(k).is_some_and(|t| t.is_punct('.') && !t.spaced) {
                    end = tokens[k].end;
                    k += 1;
                }
                break;
            }
            if self.name_word(k) {
                let key = self.key(k).to_string();
                if first.is_none() {
                    first = Some(key.clone());
                }
                words.push(key);
                end = t.end;
                k += 1;
                if words.len() >= 5 {
                    break;
                }
                continue;
            }
            // A particle inside a name: "Charles de Gaulle", "Martin van Buren".
            if class.has(Class::PARTICLE)
                && !t.cap
                && tokens.get(k + 1).is_some_and(|n| n.spaced)
                && self.name_word(k + 1)
                && (!words.is_empty() || initials > 0 || k == i)
            {
                k += 1;
                continue;
            }
            break;
        }
        if words.is_empty() {
            return None;
        }
        Some(NameParse {
            next: k,
            start: tokens.get(i)?.start,
            end,
            words,
            first,
            initials,
        })
    }

    /// The gazetteer hit ending exactly at byte `end`, if any.
    fn hit_ending_at(&self, end: usize) -> Option<&NameHit> {
        let i = self.hits.partition_point(|h| h.end < end);
        self.hits.get(i).filter(|h| h.end == end)
    }

    /// The gazetteer hit starting exactly at byte `start`, if any.
    fn hit_starting_at(&self, start: usize) -> Option<&NameHit> {
        let i = self.hits.partition_point(|h| h.start < start);
        self.hits.get(i).filter(|h| h.start == start)
    }

    /// Whether a gazetteer name covers byte `start`.
    fn inside_hit(&self, start: usize) -> bool {
        let i = self.hits.partition_point(|h| h.end <= start);
        self.hits.get(i).is_some_and(|h| h.start <= start)
    }

    /// Whether the initials at token `i` are a ship's prefix: "S.S.", "U.S.S.", "H.M.S.".
    fn ship_prefix(&self, i: usize) -> bool {
        let mut letters = String::new();
        let mut k = i;
        while names::is_initial(self.toks, k) {
            letters.push_str(self.toks.list[k].text(self.toks.text));
            k += 2;
        }
        matches!(letters.as_str(), "SS" | "USS" | "HMS" | "RMS" | "MS")
    }

    /// Whether the word after a name makes the name part of a thing's name ("Ronald Reagan
    /// Presidential Library", "Marco Polo Bridge"); "the Nixon Administration" still names
    /// the man.
    fn named_thing_after(&self, next: usize) -> bool {
        let Some(t) = self.toks.list.get(next) else {
            return false;
        };
        if !t.is_word() || !t.cap || !t.spaced {
            return false;
        }
        let key = self.key(next);
        let thing = self.toks.class(next).has(Class::STOP)
            || (self.toks.class(next).has(Class::ADJECTIVE)
                && self.toks.list.get(next + 1).is_some_and(|n| {
                    n.is_word() && n.cap && self.toks.class(next + 1).has(Class::STOP)
                }));
        thing
            && !matches!(
                key,
                "administration"
                    | "administrations"
                    | "government"
                    | "cabinet"
                    | "presidency"
                    | "era"
            )
    }

    /// Whether a gazetteer name covers byte `start` and reaches past `end` ("U.S." over the
    /// initial "U." or "S.", "George Washington" over "George").
    fn inside_longer_hit(&self, start: usize, end: usize) -> bool {
        let i = self.hits.partition_point(|h| h.end <= start);
        self.hits
            .get(i)
            .is_some_and(|h| h.start <= start && h.end > end)
    }

    fn states_of_hit(&self, hit: &NameHit) -> Vec<u32> {
        hit.targets
            .iter()
            .filter(|t| {
                self.gazetteer.entity_at(t.entity).kind != crate::entity::EntityKind::Person
            })
            .map(|t| t.entity)
            .collect()
    }

    /// What precedes a title: "Soviet Foreign Minister", "US Ambassador", "the British
    /// Prime Minister". Returns the states and where the phrase starts.
    fn role_owner_before(&self, i: usize) -> (Vec<u32>, Option<usize>) {
        let Some(prev) = i.checked_sub(1).and_then(|p| self.toks.list.get(p)) else {
            return (Vec::new(), None);
        };
        if let Some(t) = self.toks.list.get(i)
            && !t.spaced
        {
            return (Vec::new(), None);
        }
        if prev.is_word() {
            let key = self.key(i - 1);
            let states = self.gazetteer.states_of_demonym(key);
            if !states.is_empty() && prev.cap {
                return (states.to_vec(), Some(prev.start));
            }
        }
        if let Some(hit) = self.hit_ending_at(prev.end) {
            let states = self.states_of_hit(hit);
            if !states.is_empty() {
                // The name stays a place mention of its own; the role starts at the title.
                return (states, None);
            }
        }
        (Vec::new(), None)
    }

    /// What follows a title: "of the United States", "in the Soviet Union", "to France".
    fn role_place_after(&self, next: usize) -> (Vec<u32>, Vec<u32>) {
        let key = self.key(next);
        let is_of = key == "of" || key == "for";
        if !(is_of || matches!(key, "to" | "in" | "at")) {
            return (Vec::new(), Vec::new());
        }
        let mut k = next + 1;
        if self.key(k) == "the" {
            k += 1;
        }
        let Some(t) = self.toks.list.get(k) else {
            return (Vec::new(), Vec::new());
        };
        let states = self
            .hit_starting_at(t.start)
            .map(|h| self.states_of_hit(h))
            .unwrap_or_default();
        if is_of {
            (states, Vec::new())
        } else {
            (Vec::new(), states)
        }
    }

    /// Runs every rule over the tokens.
    pub(crate) fn find(&self) -> Found {
        let mut found = Found::default();
        let tokens = &self.toks.list;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if t.kind != Kind::Word || !self.namecap(i) {
                i += 1;
                continue;
            }
            let class = self.toks.class(i);
            if let Some(title) = class
                .has(Class::TITLE)
                .then(|| names::title_at(self.toks, i))
                .flatten()
            {
                let (mut of, owner_start) = self.role_owner_before(i);
                match self.parse_name(title.next) {
                    Some(name)
                        if title.next < tokens.len()
                            && tokens[title.next].spaced
                            && !self.named_thing_after(name.next) =>
                    {
                        let (of_after, at) = self.role_place_after(name.next);
                        if of.is_empty() {
                            of = of_after;
                        }
                        let start = if title.keep { t.start } else { name.start };
                        found.persons.push(PersonRule {
                            start,
                            end: name.end,
                            ext_start: t.start,
                            how: How::Title,
                            role: Some(RoleWanted {
                                office: title.office,
                                of,
                                at,
                            }),
                            words: name.words,
                            first: name.first,
                        });
                        i = name.next.max(i + 1);
                        continue;
                    }
                    _ => {
                        if let Some(office) = title.office {
                            let preceded_by_the = i
                                .checked_sub(1)
                                .map(|p| self.key(p))
                                .is_some_and(|k| k == "the")
                                || owner_start.is_some_and(|s| {
                                    tokens
                                        .iter()
                                        .rposition(|t| t.end <= s)
                                        .map(|p| self.key(p))
                                        .is_some_and(|k| k == "the")
                                });
                            let (of_after, at) = self.role_place_after(title.next);
                            if of.is_empty() {
                                of = of_after;
                            }
                            let end = tokens
                                .get(title.next.saturating_sub(1))
                                .map_or(t.end, |e| if e.is_punct('.') { e.start } else { e.end });
                            if preceded_by_the {
                                found.roles.push(RolePhrase {
                                    start: owner_start.unwrap_or(t.start),
                                    end,
                                    role: RoleWanted {
                                        office: Some(office),
                                        of,
                                        at,
                                    },
                                });
                            }
                        }
                        i = title.next.max(i + 1);
                        continue;
                    }
                }
            }
            // A regnal name and its numeral: "Louis XVI", "George III".
            if class.has(Class::REGNAL)
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.spaced && names::is_roman(n.text(self.toks.text)))
            {
                found.persons.push(PersonRule {
                    start: t.start,
                    end: tokens[i + 1].end,
                    ext_start: t.start,
                    how: How::Regnal,
                    role: None,
                    words: vec![self.key(i).to_string()],
                    first: Some(self.key(i).to_string()),
                });
                i += 2;
                continue;
            }
            if class.has(Class::FAMILY)
                && t.cap
                && let Some(rest) = self.parse_name(i + 1)
                && tokens.get(i + 1).is_some_and(|n| n.spaced)
                && rest.initials == 0
                && rest.words.len() <= 2
                && (!class.has(Class::FAMILY_STRICT) || rest.words.len() == 2)
                && self.hit_starting_at(t.start).is_none()
                && !self.named_thing_after(rest.next)
            {
                let mut words = vec![self.key(i).to_string()];
                words.extend(rest.words);
                found.persons.push(PersonRule {
                    start: t.start,
                    end: rest.end,
                    ext_start: t.start,
                    how: How::FamilyFirst,
                    role: None,
                    words,
                    first: None,
                });
                i = rest.next.max(i + 1);
                continue;
            }
            let initial = names::is_initial(self.toks, i);
            // "Anne-César": a hyphenated given name is known by its first part.
            let given = !initial && t.cap && class.has(Class::GIVEN);
            let covered = if initial {
                // "U.S." is a name of its own; "S.S. Panay" is a ship.
                self.inside_hit(t.start) || self.ship_prefix(i)
            } else {
                self.inside_longer_hit(t.start, tokens.get(i + 1).map_or(t.end, |n| n.end))
            };
            if (initial || given)
                && !covered
                && let Some(name) = self.parse_name(i)
            {
                let enough = if initial {
                    !name.words.is_empty()
                } else {
                    name.words.len() >= 2
                };
                if enough && !self.named_thing_after(name.next) {
                    found.persons.push(PersonRule {
                        start: name.start,
                        end: name.end,
                        ext_start: name.start,
                        how: if initial { How::Initials } else { How::Given },
                        role: None,
                        words: name.words,
                        first: name.first,
                    });
                    i = name.next.max(i + 1);
                    continue;
                }
            }
            i += 1;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<(String, How)>, Vec<String>) {
        let g = Gazetteer::baseline().unwrap();
        let toks = Tokens::new(text);
        let hits = g.find_names(&toks);
        let rules = Rules {
            toks: &toks,
            gazetteer: &g,
            hits: &hits,
        };
        let found = rules.find();
        (
            found
                .persons
                .iter()
                .map(|p| (text[p.start..p.end].to_string(), p.how))
                .collect(),
            found
                .roles
                .iter()
                .map(|r| text[r.start..r.end].to_string())
                .collect(),
        )
    }

    #[test]
    fn titles_given_names_and_initials() {
        let (persons, _) = run(
            "Ambassador Kirk met Melville Osborne, L.E. Woodward and Richard W. Leopold; \
             Lord Shelburne wrote to Harry G. Barnes, Jr. about the Truman Doctrine.",
        );
        let names: Vec<&str> = persons.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Kirk",
                "Melville Osborne",
                "L.E. Woodward",
                "Richard W. Leopold",
                "Lord Shelburne",
                "Harry G. Barnes, Jr."
            ]
        );
    }

    #[test]
    fn things_named_after_people_are_not_people() {
        let (persons, _) = run(
            "The General Assembly and the Washington Post discussed the Marshall Plan in Georgia.",
        );
        assert!(persons.is_empty(), "{persons:?}");
    }

    #[test]
    fn family_names_first_and_regnal_names() {
        let (persons, _) = run("Wang Bingnan met Le Van Vien; Louis XVI and Le Monde.");
        let names: Vec<&str> = persons.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Wang Bingnan", "Le Van Vien", "Louis XVI"]);
    }

    #[test]
    fn role_phrases() {
        let (persons, roles) = run(
            "the Soviet Foreign Minister said that the Secretary of State and Soviet Foreign \
             Minister Andrei Gromyko agreed",
        );
        assert_eq!(roles, ["Soviet Foreign Minister", "Secretary of State"]);
        assert_eq!(persons[0].0, "Andrei Gromyko");
    }
}

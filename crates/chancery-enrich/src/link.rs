//! Linking: choosing which entity a name, a title and surname, or a role phrase refers to,
//! by the date of the text against names in use, lives, existence and positions held, and by
//! the other entities the same document names.

use rustc_hash::FxHashMap;

use crate::entity::{EntityKind, Name};
use crate::gazetteer::{Gazetteer, Target};
use crate::offices::Office;
use crate::persons::RoleWanted;

/// The outcome of linking: the entity (when one can be chosen), the kind of thing named, and
/// how sure the choice is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Choice {
    pub(crate) entity: Option<u32>,
    pub(crate) kind: EntityKind,
    pub(crate) confidence: f32,
}

/// Offices that, named without a country, are the home state's ("the Secretary of State").
const HOME_OFFICES: &[Office] = &[
    Office::President,
    Office::VicePresident,
    Office::SecretaryOfState,
    Office::DeputySecretary,
    Office::UnderSecretary,
    Office::AssistantSecretary,
    Office::NationalSecurityAdviser,
];

const YEAR: i64 = 365;

pub(crate) struct Linker<'a> {
    pub(crate) g: &'a Gazetteer,
    /// The state whose offices are meant when a title names no country.
    pub(crate) home: Option<u32>,
    /// Entities linked so far in the document, with how often.
    pub(crate) linked: FxHashMap<u32, u32>,
}

impl<'a> Linker<'a> {
    pub(crate) fn new(g: &'a Gazetteer, home: Option<u32>) -> Self {
        Self {
            g,
            home,
            linked: FxHashMap::default(),
        }
    }

    /// Records a link, so that later choices prefer entities the document already names.
    pub(crate) fn note(&mut self, entity: u32) {
        *self.linked.entry(entity).or_default() += 1;
    }

    fn co_mentioned(&self, entity: u32) -> f32 {
        let mut s = 0.0;
        if self.linked.contains_key(&entity) {
            s += 2.0;
        }
        for w in self.g.within_of(entity) {
            if self.linked.contains_key(w) {
                s += 1.0;
            }
        }
        s
    }

    /// The score of reading a name as `entity`; `None` when it cannot be meant.
    fn score(
        &self,
        entity: u32,
        name: Option<&Name>,
        day: Option<i64>,
        role: Option<&RoleWanted>,
    ) -> Option<f32> {
        let e = self.g.entity_at(entity);
        let mut s = 0.0f32;
        match day {
            Some(day) => {
                if let Some(n) = name
                    && !n.valid.is_always()
                {
                    if n.valid.contains(day) {
                        s += 3.0;
                    } else if n.short {
                        return None;
                    } else {
                        s -= 3.0;
                    }
                }
                let exists = e.span.contains(day);
                if e.kind == EntityKind::Person {
                    // Nobody is written about before being born; the dead often are.
                    if e.span.from.is_some_and(|b| day < b) {
                        return None;
                    }
                    if exists {
                        s += 1.0;
                    }
                } else if exists {
                    s += 1.0;
                } else {
                    s -= 1.0 + (e.span.distance(day) as f32 / (50.0 * YEAR as f32)).min(1.0);
                }
                if self.g.roles_of(entity).iter().any(|r| r.span.contains(day)) {
                    s += 1.0;
                }
            }
            None => {
                if name.is_some_and(|n| n.short) {
                    s -= 1.0;
                }
            }
        }
        if let Some(role) = role {
            s += self.role_fit(entity, role, day);
        }
        s += self.co_mentioned(entity);
        if name.is_some_and(|n| e.names.first().is_some_and(|p| p.text == n.text)) {
            s += 0.2;
        }
        Some(s)
    }

    /// How well the positions `entity` held fit the role a title names.
    fn role_fit(&self, entity: u32, role: &RoleWanted, day: Option<i64>) -> f32 {
        let Some(wanted) = role.office else {
            return 0.0;
        };
        let mut best = -1.0f32;
        for r in self.g.roles_of(entity) {
            let Some(held) = r.office else {
                continue;
            };
            if !wanted.accepts(held) {
                continue;
            }
            let mut b = 2.0;
            match day {
                Some(d) if r.span.contains(d) => b += 2.0,
                Some(_) => b -= 0.5,
                None => {}
            }
            if !role.of.is_empty() {
                b += if r.of.is_some_and(|o| self.belongs(o, &role.of)) {
                    1.0
                } else {
                    -1.0
                };
            }
            if !role.at.is_empty() {
                b += if r.at.is_some_and(|a| self.belongs(a, &role.at)) {
                    1.0
                } else {
                    -1.0
                };
            }
            best = best.max(b);
        }
        best
    }

    /// Whether `entity` is one of `set`, or part of one of them.
    fn belongs(&self, entity: u32, set: &[u32]) -> bool {
        set.contains(&entity) || self.g.within_of(entity).iter().any(|w| set.contains(w))
    }

    /// Chooses among the entities a name found in the gazetteer may refer to.
    pub(crate) fn choose(
        &self,
        targets: &[Target],
        day: Option<i64>,
        role: Option<&RoleWanted>,
    ) -> Choice {
        let mut scored: Vec<(u32, f32, bool, usize)> = Vec::new();
        let mut fallback_kind = None;
        for t in targets {
            let name = self.g.name_of(t);
            fallback_kind.get_or_insert(t.kind);
            let words = usize::from(t.words);
            let short = name.is_some_and(|n| n.short);
            let Some(s) = self.score(t.entity, name, day, role) else {
                continue;
            };
            match scored.iter_mut().find(|(id, ..)| *id == t.entity) {
                Some(entry) if entry.1 < s => *entry = (t.entity, s, short, words),
                Some(_) => {}
                None => scored.push((t.entity, s, short, words)),
            }
        }
        let kind = fallback_kind.unwrap_or(EntityKind::Place);
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        match scored.as_slice() {
            [] => Choice {
                entity: None,
                kind,
                confidence: 0.5,
            },
            [(e, _, short, words)] => {
                // A surname alone, read without any date to check it against, stays unlinked
                // unless the document names the person in full elsewhere.
                if *short && day.is_none() && !self.linked.contains_key(e) {
                    return Choice {
                        entity: None,
                        kind: self.g.entity_at(*e).kind,
                        confidence: 0.6,
                    };
                }
                Choice {
                    entity: Some(*e),
                    kind: self.g.entity_at(*e).kind,
                    confidence: if *short {
                        0.8
                    } else if *words > 1 {
                        0.95
                    } else {
                        0.9
                    },
                }
            }
            [(e, best, ..), (_, second, ..), ..] => {
                let margin = best - second;
                Choice {
                    entity: Some(*e),
                    kind: self.g.entity_at(*e).kind,
                    confidence: (0.5 + 0.1 * margin).clamp(0.5, 0.9),
                }
            }
        }
    }

    /// Chooses the person a rule found, from the full name or (after a title, or with a
    /// matching first name or initial) the surname.
    pub(crate) fn choose_person(
        &self,
        full_key: &str,
        surname: Option<&str>,
        first: Option<&str>,
        day: Option<i64>,
        role: Option<&RoleWanted>,
    ) -> Option<(u32, f32)> {
        let persons: Vec<Target> = self
            .g
            .targets_of_key(full_key)
            .iter()
            .filter(|t| self.g.entity_at(t.entity).kind == EntityKind::Person)
            .copied()
            .collect();
        if !persons.is_empty() {
            let c = self.choose(&persons, day, role);
            return c.entity.map(|e| (e, c.confidence));
        }
        let surname = surname?;
        let mut best: Option<(u32, f32)> = None;
        let mut second = f32::MIN;
        for &e in self.g.persons_with_surname(surname) {
            if let Some(first) = first
                && !self.first_name_fits(e, first)
            {
                continue;
            }
            let Some(mut s) = self.score(e, None, day, role) else {
                continue;
            };
            if role.is_none() && first.is_none() {
                continue;
            }
            if role.is_some_and(|r| r.office.is_some()) && self.role_fit(e, role?, day) < 0.0 {
                // A title that this person never held: a weaker reading.
                s -= 2.0;
            }
            match best {
                Some((_, b)) if b >= s => second = second.max(s),
                _ => {
                    if let Some((_, b)) = best {
                        second = second.max(b);
                    }
                    best = Some((e, s));
                }
            }
        }
        let (e, s) = best?;
        let margin = s - second;
        if second > f32::MIN && margin < 1.0 {
            return None;
        }
        let role_held = role.is_some_and(|r| r.office.is_some() && self.role_fit(e, r, day) >= 3.0);
        let confidence = if role_held {
            0.9
        } else if s >= 1.0 {
            0.75
        } else {
            0.6
        };
        (s > -1.0).then_some((e, confidence))
    }

    /// Whether `first` (a folded given name or initial) fits a name of person `e`.
    fn first_name_fits(&self, e: u32, first: &str) -> bool {
        self.g
            .first_words_of(e)
            .iter()
            .any(|f| f == first || (first.len() == 1 && f.starts_with(first)))
    }

    /// The person a role phrase names at `day` ("the Soviet Foreign Minister" in 1950).
    pub(crate) fn resolve_role(&self, role: &RoleWanted, day: Option<i64>) -> Option<(u32, f32)> {
        let day = day?;
        let wanted = role.office?;
        let mut of = role.of.clone();
        if of.is_empty()
            && role.at.is_empty()
            && HOME_OFFICES.contains(&wanted)
            && let Some(home) = self.home
        {
            of.push(home);
        }
        let mut found: Vec<u32> = Vec::new();
        for office in ALL_OFFICES.iter().copied().filter(|o| wanted.accepts(*o)) {
            for &(e, ri) in self.g.holders_of(office) {
                let Some(r) = self.g.roles_of(e).get(ri as usize) else {
                    continue;
                };
                if !r.span.contains(day) {
                    continue;
                }
                if !of.is_empty() && !r.of.is_some_and(|o| self.belongs(o, &of)) {
                    continue;
                }
                if !role.at.is_empty() && !r.at.is_some_and(|a| self.belongs(a, &role.at)) {
                    continue;
                }
                if !found.contains(&e) {
                    found.push(e);
                }
            }
        }
        match found.as_slice() {
            [e] => Some((*e, 0.8)),
            [] => None,
            many => {
                let named: Vec<u32> = many
                    .iter()
                    .copied()
                    .filter(|e| self.linked.contains_key(e))
                    .collect();
                (named.len() == 1).then(|| (named[0], 0.7))
            }
        }
    }
}

const ALL_OFFICES: &[Office] = &[
    Office::Monarch,
    Office::President,
    Office::VicePresident,
    Office::PrimeMinister,
    Office::Chancellor,
    Office::ForeignMinister,
    Office::SecretaryOfState,
    Office::DeputySecretary,
    Office::UnderSecretary,
    Office::AssistantSecretary,
    Office::DefenseMinister,
    Office::FinanceMinister,
    Office::Ambassador,
    Office::Envoy,
    Office::ChargeDAffaires,
    Office::Consul,
    Office::Representative,
    Office::SecretaryGeneral,
    Office::PartyLeader,
    Office::NationalSecurityAdviser,
    Office::Pope,
];

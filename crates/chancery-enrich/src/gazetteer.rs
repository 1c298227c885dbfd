//! The gazetteer: every name and alias of the known persons, organizations and places, folded
//! and compiled into one Aho–Corasick automaton (leftmost-longest), with what matching needs
//! next to it: the case each name must be written in, the surnames of persons, the adjectives
//! of states, and positions held resolved to entities.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use chancery_model::authority::{Agent, Place};
use rustc_hash::FxHashMap;

use crate::entity::{DaySpan, Entity, EntityKind, Name};
use crate::error::EnrichError;
use crate::fold;
use crate::offices::Office;
use crate::tokens::{Kind, Tokens};

/// Builds a [`Gazetteer`] from the baseline and from authority records.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entities: Vec<Entity>,
    index: FxHashMap<String, usize>,
}

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the built-in baseline (see [`crate::baseline`]).
    #[must_use]
    pub fn with_baseline(mut self) -> Self {
        for entity in crate::baseline::entities() {
            self.add(entity.clone());
        }
        self
    }

    /// Adds an entity. An entity whose id is already known is merged into it: names,
    /// positions and identifiers are added, dates kept unless missing.
    pub fn add(&mut self, entity: Entity) -> &mut Self {
        match self.index.get(&entity.id) {
            Some(&i) => merge(&mut self.entities[i], entity),
            None => {
                self.index.insert(entity.id.clone(), self.entities.len());
                self.entities.push(entity);
            }
        }
        self
    }

    /// Adds authority agents (persons and organizations).
    pub fn add_agents<'a>(&mut self, agents: impl IntoIterator<Item = &'a Agent>) -> &mut Self {
        for agent in agents {
            self.add(Entity::from_agent(agent));
        }
        self
    }

    /// Adds authority places.
    pub fn add_places<'a>(&mut self, places: impl IntoIterator<Item = &'a Place>) -> &mut Self {
        for place in places {
            self.add(Entity::from_place(place));
        }
        self
    }

    /// Compiles the gazetteer.
    pub fn build(self) -> Result<Gazetteer, EnrichError> {
        Gazetteer::compile(self.entities)
    }
}

fn merge(into: &mut Entity, other: Entity) {
    for name in other.names {
        into.add_name(name);
    }
    for role in other.roles {
        if !into.roles.contains(&role) {
            into.roles.push(role);
        }
    }
    if into.span.from.is_none() {
        into.span.from = other.span.from;
    }
    if into.span.to.is_none() {
        into.span.to = other.span.to;
    }
    for w in other.within {
        if !into.within.contains(&w) {
            into.within.push(w);
        }
    }
    for d in other.demonyms {
        if !into.demonyms.contains(&d) {
            into.demonyms.push(d);
        }
    }
    into.family_name_first |= other.family_name_first;
    for id in other.identifiers {
        if !into.identifiers.contains(&id) {
            into.identifiers.push(id);
        }
    }
}

/// One way a folded name can be read: the entity it names and how it must be written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    /// Index of the entity.
    pub(crate) entity: u32,
    /// Index of the name among the entity's names.
    pub(crate) name: u16,
    /// Which words (bit per word, first 32) must start with a capital.
    caps: u32,
    /// Whether every letter must be a capital (short abbreviations: US, UN, ROK).
    pub(crate) exact_upper: bool,
    /// Whether the name ends with a full stop ("U.S.S.R."). This and what follows are kept
    /// here so that a match need not look up the entity or the name.
    dotted: bool,
    /// The kind of the entity.
    pub(crate) kind: EntityKind,
    /// The name's words, separated by white space (at most 255).
    pub(crate) words: u8,
}

/// A position held, with its state or organization resolved to entities.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ResolvedRole {
    pub(crate) office: Option<Office>,
    pub(crate) of: Option<u32>,
    pub(crate) at: Option<u32>,
    pub(crate) span: DaySpan,
}

/// A name found in a text: byte offsets in the original text and the ways to read it.
#[derive(Debug, Clone)]
pub(crate) struct NameHit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) targets: Vec<Target>,
}

/// The compiled authorities: find their names in texts and look them up.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: FxHashMap<String, u32>,
    keys: Vec<Vec<Target>>,
    key_index: FxHashMap<String, u32>,
    automaton: Option<AhoCorasick>,
    roles: Vec<Vec<ResolvedRole>>,
    surnames: FxHashMap<String, Vec<u32>>,
    demonyms: FxHashMap<String, Vec<u32>>,
    holders: FxHashMap<Office, Vec<(u32, u16)>>,
    /// The shapes of the first words of names that begin in lowercase ("the Bahamas", "de
    /// Gaulle"): for each first letter, a bit for each length (up to 31), so that most
    /// lowercase words need no lookup.
    lowercase_shapes: [u32; 128],
    /// Whether some name begins with a digit ("38th parallel").
    digit_first: bool,
    /// The first words (folded) of all names: a word not among them begins no name.
    first_words: FxHashMap<String, FirstWord>,
    /// The first words that begin some name in lowercase ("the", "de"): the only ones a
    /// lowercase word of the text is looked up among. Few, so the lookup stays in cache.
    lowercase_first_words: FxHashMap<String, FirstWord>,
    /// For each person, the first words (folded) of their names ("alan", "a"), to compare
    /// with a given name or initial.
    person_first_words: Vec<Vec<String>>,
    /// For each entity, the entities it lies within, as indices.
    within: Vec<Vec<u32>>,
}

impl Gazetteer {
    /// A builder.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    /// The built-in baseline alone.
    pub fn baseline() -> Result<Gazetteer, EnrichError> {
        GazetteerBuilder::new().with_baseline().build()
    }

    fn compile(entities: Vec<Entity>) -> Result<Gazetteer, EnrichError> {
        let mut by_id = FxHashMap::default();
        for (i, e) in entities.iter().enumerate() {
            by_id.insert(e.id.clone(), i as u32);
        }
        let mut keys: Vec<Vec<Target>> = Vec::new();
        let mut key_index: FxHashMap<String, u32> = FxHashMap::default();
        let mut surnames: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut demonyms: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut first_words: FxHashMap<String, FirstWord> = FxHashMap::default();
        let mut person_first_words: Vec<Vec<String>> = vec![Vec::new(); entities.len()];
        let mut digit_first = false;
        for (ei, e) in entities.iter().enumerate() {
            let ei = ei as u32;
            for (ni, name) in e.names.iter().enumerate().take(u16::MAX as usize) {
                let key = fold::key(&name.text);
                // One letter is never a name worth finding on its own.
                if key.len() < 2 {
                    continue;
                }
                let (caps, exact_upper) = case_rule(&name.text);
                if let Some(first) = key.split(' ').next() {
                    let entry = first_words.entry(first.to_string()).or_default();
                    let text_words: Vec<&str> = words(&name.text).collect();
                    // Whether a lowercase word may follow this first word in the text: only
                    // when the name's first word is a whole word of it ("the", not the "kai"
                    // of "Kai-shek") and its second word must be written with a capital.
                    let whole_first = text_words.first().is_some_and(|w| fold::key(w) == first);
                    entry.lowercase_next |=
                        !(whole_first && text_words.len() >= 2 && (exact_upper || caps & 2 != 0));
                    if !name
                        .text
                        .trim_start()
                        .starts_with(|c: char| c.is_uppercase() || c.is_numeric())
                    {
                        entry.lowercase = true;
                    }
                    if e.kind == EntityKind::Person {
                        let list = &mut person_first_words[ei as usize];
                        if !list.iter().any(|f| f == first) {
                            list.push(first.to_string());
                        }
                    }
                }
                if name.text.trim_start().starts_with(char::is_numeric) {
                    digit_first = true;
                }
                let target = Target {
                    entity: ei,
                    name: ni as u16,
                    caps,
                    exact_upper,
                    dotted: name.text.ends_with('.'),
                    kind: e.kind,
                    words: u8::try_from(name.text.split_whitespace().count()).unwrap_or(u8::MAX),
                };
                let k = *key_index.entry(key).or_insert_with(|| {
                    keys.push(Vec::new());
                    (keys.len() - 1) as u32
                });
                let list = &mut keys[k as usize];
                if !list.iter().any(|t| t.entity == ei && t.name == ni as u16) {
                    list.push(target);
                }
                if e.kind == EntityKind::Person {
                    for surname in surnames_of(name, e.family_name_first) {
                        let list = surnames.entry(surname).or_default();
                        if !list.contains(&ei) {
                            list.push(ei);
                        }
                    }
                }
            }
            for d in &e.demonyms {
                let key = fold::key(d);
                if !key.is_empty() {
                    let list = demonyms.entry(key).or_default();
                    if !list.contains(&ei) {
                        list.push(ei);
                    }
                }
            }
        }
        // Each pattern starts with the separator before the name, so that matches begin on
        // a word boundary and a match inside a word ("th[e u] s" for "E.U.") cannot hide
        // the name that starts there ("U.S."); the separator after is checked on each match.
        let mut patterns: Vec<String> = vec![String::new(); keys.len()];
        for (key, &k) in &key_index {
            patterns[k as usize] = format!(" {key}");
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .build(&patterns)
                    .map_err(|e| EnrichError::Gazetteer(e.to_string()))?,
            )
        };
        let mut gazetteer = Gazetteer {
            entities,
            by_id,
            keys,
            key_index,
            automaton,
            roles: Vec::new(),
            surnames,
            demonyms,
            holders: FxHashMap::default(),
            lowercase_shapes: {
                let mut table = [0u32; 128];
                for (w, f) in &first_words {
                    if let Some(&b) = w.as_bytes().first()
                        && f.lowercase
                    {
                        table[usize::from(b & 0x7f)] |= shape_bit(w);
                    }
                }
                table
            },
            digit_first,
            lowercase_first_words: first_words
                .iter()
                .filter(|(_, f)| f.lowercase)
                .map(|(w, f)| (w.clone(), *f))
                .collect(),
            first_words,
            person_first_words,
            within: Vec::new(),
        };
        gazetteer.within = gazetteer
            .entities
            .iter()
            .map(|e| {
                e.within
                    .iter()
                    .filter_map(|w| gazetteer.index_of(w))
                    .collect()
            })
            .collect();
        gazetteer.roles = gazetteer
            .entities
            .iter()
            .map(|e| {
                e.roles
                    .iter()
                    .map(|r| ResolvedRole {
                        office: r.office.or_else(|| Office::from_title(&r.title)),
                        of: r.of.as_deref().and_then(|s| gazetteer.resolve_reference(s)),
                        at: r.at.as_deref().and_then(|s| gazetteer.resolve_reference(s)),
                        span: r.span,
                    })
                    .collect()
            })
            .collect();
        let mut holders: FxHashMap<Office, Vec<(u32, u16)>> = FxHashMap::default();
        for (ei, roles) in gazetteer.roles.iter().enumerate() {
            for (ri, role) in roles.iter().enumerate().take(u16::MAX as usize) {
                if let Some(office) = role.office {
                    holders
                        .entry(office)
                        .or_default()
                        .push((ei as u32, ri as u16));
                }
            }
        }
        gazetteer.holders = holders;
        Ok(gazetteer)
    }

    /// An entity id, or else a name of a state, place or organization, as an entity index.
    fn resolve_reference(&self, reference: &str) -> Option<u32> {
        if let Some(&i) = self.by_id.get(reference) {
            return Some(i);
        }
        let key = fold::key(reference);
        let targets = self.keys.get(*self.key_index.get(&key)? as usize)?;
        let kind_rank = |t: &Target| match self.entities[t.entity as usize].kind {
            EntityKind::Place => 0,
            EntityKind::Organization => 1,
            EntityKind::Person => 2,
        };
        targets
            .iter()
            .filter(|t| kind_rank(t) < 2)
            .min_by_key(|t| {
                (
                    kind_rank(t),
                    self.entities[t.entity as usize].names.len() == 1,
                )
            })
            .map(|t| t.entity)
    }

    /// All entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with `id`.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// How many entities it holds.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether it holds no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// How many distinct folded names it matches.
    pub fn name_count(&self) -> usize {
        self.keys.len()
    }

    /// The entities bearing `name` (compared folded), e.g. "Georgia" → the US state and the
    /// country.
    pub fn lookup(&self, name: &str) -> Vec<&Entity> {
        let key = fold::key(name);
        self.key_index
            .get(&key)
            .and_then(|&k| self.keys.get(k as usize))
            .map(|targets| {
                let mut out: Vec<&Entity> = Vec::new();
                for t in targets {
                    let e = &self.entities[t.entity as usize];
                    if !out.iter().any(|o| o.id == e.id) {
                        out.push(e);
                    }
                }
                out
            })
            .unwrap_or_default()
    }

    pub(crate) fn entity_at(&self, i: u32) -> &Entity {
        &self.entities[i as usize]
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn name_of(&self, t: &Target) -> Option<&Name> {
        self.entities
            .get(t.entity as usize)
            .and_then(|e| e.names.get(t.name as usize))
    }

    pub(crate) fn roles_of(&self, i: u32) -> &[ResolvedRole] {
        self.roles.get(i as usize).map_or(&[], Vec::as_slice)
    }

    /// Persons whose surname (folded) is `key`.
    pub(crate) fn persons_with_surname(&self, key: &str) -> &[u32] {
        self.surnames.get(key).map_or(&[], Vec::as_slice)
    }

    /// The entities entity `i` lies within (a city's country, an organ's organization).
    pub(crate) fn within_of(&self, i: u32) -> &[u32] {
        self.within.get(i as usize).map_or(&[], Vec::as_slice)
    }

    /// The first words (folded) of a person's names.
    pub(crate) fn first_words_of(&self, i: u32) -> &[String] {
        self.person_first_words
            .get(i as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Everyone who held `office`, as (entity, index of the role).
    pub(crate) fn holders_of(&self, office: Office) -> &[(u32, u16)] {
        self.holders.get(&office).map_or(&[], Vec::as_slice)
    }

    /// States whose people or government the adjective (folded) names.
    pub(crate) fn states_of_demonym(&self, key: &str) -> &[u32] {
        self.demonyms.get(key).map_or(&[], Vec::as_slice)
    }

    /// The targets of a folded name, when the gazetteer knows it.
    pub(crate) fn targets_of_key(&self, key: &str) -> &[Target] {
        self.key_index
            .get(key)
            .and_then(|&k| self.keys.get(k as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// Every known name in a text (its tokens `toks`, folded as `folded`), longest first at
    /// each word that can begin a name, on word boundaries and written in the case the name
    /// asks for.
    ///
    /// Only words that can begin a name are tried — capitalized words, numbers, and the
    /// lowercase words some names begin with ("the Bahamas") — each with an anchored search:
    /// most words of running prose are never looked at.
    pub(crate) fn find_names(&self, toks: &Tokens<'_>) -> Vec<NameHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = toks.text;
        let haystack = toks.haystack.as_bytes();
        let mut hits: Vec<NameHit> = Vec::new();
        let mut covered_to = 0usize;
        for (i, t) in toks.list.iter().enumerate() {
            if t.start < covered_to {
                continue;
            }
            let Some((fstart, fend)) = toks.folded_range(i) else {
                continue;
            };
            let key = toks.haystack.get(fstart..fend).unwrap_or("");
            let lowercase = t.kind == Kind::Word && !t.cap;
            let may_begin = match t.kind {
                Kind::Word if t.cap => true,
                Kind::Word => key.as_bytes().first().is_some_and(|&b| {
                    let shapes = self.lowercase_shapes[usize::from(b & 0x7f)];
                    shapes != 0 && shapes & shape_bit(first_word(key)) != 0
                }),
                Kind::Number => self.digit_first,
                _ => false,
            };
            if !may_begin || fstart == 0 || haystack.get(fstart - 1) != Some(&b' ') {
                continue;
            }
            // A word that begins no name needs no search; nor does one that begins only
            // names going on with a capital when a lowercase word follows ("The committee").
            let first_words = if lowercase {
                &self.lowercase_first_words
            } else {
                &self.first_words
            };
            let first = first_word(key);
            let Some(begins) = first_words.get(first) else {
                continue;
            };
            if !begins.lowercase_next
                && first.len() == key.len()
                && toks
                    .list
                    .get(i + 1)
                    .is_some_and(|n| n.kind == Kind::Word && !n.cap && n.spaced)
            {
                continue;
            }
            let input = Input::new(haystack)
                .span(fstart - 1..haystack.len())
                .anchored(Anchored::Yes);
            let Ok(Some(m)) = automaton.try_find(input) else {
                continue;
            };
            // The name ends where a word ends.
            let Some(last) = toks.token_ending_at(m.end()) else {
                continue;
            };
            let start = t.start;
            let end = toks.list[last].end;
            let Some(original) = text.get(start..end) else {
                continue;
            };
            // Folding turns brackets and stops into spaces; a name does not run across them
            // ("Edo (Tokyo) Bay" names Edo, Tokyo and a bay, not "Tokyo Bay").
            if original.contains(['(', ')', '[', ']', ';', ':', '"', '“', '”', '!', '?']) {
                continue;
            }
            let Some(targets) = self.keys.get(m.pattern().as_usize()) else {
                continue;
            };
            let fitting: Vec<Target> = targets
                .iter()
                .filter(|t| case_fits(original, t.caps, t.exact_upper))
                .copied()
                .collect();
            if fitting.is_empty() {
                continue;
            }
            // An abbreviation's last full stop belongs to it: "U.S.", "U.S.S.R.".
            let dotted = fitting.iter().any(|t| t.dotted);
            let end = if dotted && text[end..].starts_with('.') {
                end + 1
            } else {
                end
            };
            covered_to = end;
            hits.push(NameHit {
                start,
                end,
                targets: fitting,
            });
        }
        hits
    }
}

/// What is known of the names beginning with a word.
#[derive(Debug, Clone, Copy, Default)]
struct FirstWord {
    /// Some name begins with it in lowercase ("the Bahamas", "de Gaulle").
    lowercase: bool,
    /// Some name may go on with a lowercase word, or ends with it.
    lowercase_next: bool,
}

/// The first word of a folded key.
fn first_word(key: &str) -> &str {
    let end = key.bytes().position(|b| b == b' ').unwrap_or(key.len());
    key.get(..end).unwrap_or(key)
}

/// The bit of [`Gazetteer::lowercase_shapes`] for a word's length.
fn shape_bit(word: &str) -> u32 {
    1 << word.len().min(31)
}

/// The case a name must be written in: which words start with a capital, and whether every
/// letter must be a capital (abbreviations of up to three letters: US, UN, U.S.).
fn case_rule(name: &str) -> (u32, bool) {
    let mut caps = 0u32;
    let mut letters = 0usize;
    let mut lower = false;
    for (i, word) in words(name).enumerate() {
        if word.chars().next().is_some_and(char::is_uppercase) && i < 32 {
            caps |= 1 << i;
        }
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            lower |= c.is_lowercase();
        }
    }
    (caps, !lower && (2..=3).contains(&letters))
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether `original` is written as a name with this case rule asks.
pub(crate) fn case_fits(original: &str, caps: u32, exact_upper: bool) -> bool {
    if exact_upper {
        return !original.chars().any(char::is_lowercase);
    }
    words(original).enumerate().all(|(i, w)| {
        i >= 32
            || caps & (1 << i) == 0
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    })
}

const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "2nd", "3rd"];

/// The surnames a person's name gives, folded: the last word (before Jr., III…), the first
/// word too when family names come first, or the name itself when it is a surname alone.
fn surnames_of(name: &Name, family_name_first: bool) -> Vec<String> {
    let key = fold::key(&name.text);
    if name.short {
        return vec![key];
    }
    let parts: Vec<&str> = key.split(' ').collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(last) = parts
        .iter()
        .rev()
        .find(|p| !NAME_SUFFIXES.contains(p) && p.len() > 1)
    {
        out.push((*last).to_string());
    }
    if family_name_first && let Some(first) = parts.first() {
        out.push((*first).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.find_names(&Tokens::new(text))
            .into_iter()
            .map(|h| {
                (
                    text[h.start..h.end].to_string(),
                    g.entity_at(h.targets[0].entity).id.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_names_case_and_diacritics_folded_on_word_boundaries() {
        let g = Gazetteer::baseline().unwrap();
        let text = "The Union of Soviet Socialist Republics and the U.S. met us in Korea's \
                    capital; Koreans and the north korea desk; NATO’s staff at Dien Bien Phu.";
        let got = found(&g, text);
        let names: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            names,
            [
                "Union of Soviet Socialist Republics",
                "U.S.",
                "Korea",
                "NATO",
                "Dien Bien Phu"
            ]
        );
        assert_eq!(got[0].1, "place:soviet-union");
    }

    #[test]
    fn builder_merges_entities_with_the_same_id() {
        let mut b = Gazetteer::builder().with_baseline();
        let mut extra = Entity::new(
            "acheson-dean-gooderham",
            EntityKind::Person,
            "D. G. Acheson",
        );
        extra.span = DaySpan::ALWAYS;
        b.add(extra);
        let g = b.build().unwrap();
        let acheson = g.entity("acheson-dean-gooderham").unwrap();
        assert!(acheson.names.iter().any(|n| n.text == "D. G. Acheson"));
        assert!(acheson.span.from.is_some());
        assert_eq!(g.lookup("Dean Acheson").len(), 1);
    }

    #[test]
    fn roles_resolve_to_states() {
        let g = Gazetteer::baseline().unwrap();
        let i = g.index_of("gromyko-andrei").unwrap();
        let soviet = g.index_of("place:soviet-union").unwrap();
        assert!(
            g.roles_of(i)
                .iter()
                .any(|r| r.office == Some(Office::ForeignMinister) && r.of == Some(soviet))
        );
        assert!(g.persons_with_surname("gromyko").contains(&i));
        assert!(g.states_of_demonym("soviet").contains(&soviet));
    }

    #[test]
    fn words_beginning_names_are_searched_only_where_a_name_can_follow() {
        let mut b = Gazetteer::builder();
        b.add(Entity::new("hague", EntityKind::Place, "the Hague"));
        b.add(Entity::new(
            "parallel",
            EntityKind::Place,
            "thirty-eighth parallel",
        ));
        b.add(Entity::new("gulf", EntityKind::Place, "Gulf of Tonkin"));
        b.add(Entity::new("new-york", EntityKind::Place, "New York"));
        b.add(Entity::new("us", EntityKind::Place, "U.S."));
        let g = b.build().unwrap();
        let text = "The hague. At the Hague, north of the thirty-eighth parallel and the \
                    Gulf of Tonkin, New York and new york, the U.S. and The Hague.";
        let names: Vec<String> = found(&g, text).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            names,
            [
                "the Hague",
                "thirty-eighth parallel",
                "Gulf of Tonkin",
                "New York",
                "U.S.",
                "The Hague"
            ]
        );
    }

    #[test]
    fn case_rules() {
        assert_eq!(case_rule("US"), (0b1, true));
        assert_eq!(case_rule("U.S."), (0b11, true));
        assert_eq!(case_rule("NATO"), (0b1, false));
        assert!(case_fits("Nato", 0b1, false));
        assert!(!case_fits("us", 0b1, true));
        assert!(!case_fits("china", 0b1, false));
        assert!(case_fits("Republic of Korea", 0b101, false));
    }
}

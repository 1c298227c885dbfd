//! Mentions in one text: gazetteer names, persons and places found by rules, role phrases
//! and dates, settled where they overlap, linked to entities, and followed by the surnames
//! that refer back to a person named in full.

use chancery_model::{Mention, MentionKind, MentionSource, MentionStatus};
use rustc_hash::FxHashMap;

use crate::dates::{self, FoundDate};
use crate::entity::EntityKind;
use crate::gazetteer::{Gazetteer, NameHit};
use crate::link::Linker;
use crate::names;
use crate::persons::{How, PersonRule, RolePhrase, Rules};
use crate::places::{self, PlaceRule};
use crate::tokens::{self, Kind, Token, Tokens};

/// The time a text speaks of: the document's own day, else the years its dates name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Timeline {
    doc_day: Option<i64>,
    /// (offset, day) of each date written with its year, in text order.
    marks: Vec<(usize, i64)>,
}

impl Timeline {
    fn new(doc_day: Option<i64>, found: &[FoundDate]) -> Self {
        let marks = found
            .iter()
            .filter(|d| !d.year_from_context)
            .filter_map(|d| Some((d.start, first_day(d.edtf.as_deref()?)?)))
            .collect();
        Self { doc_day, marks }
    }

    /// The day that matters at byte `at`: the document's, else that of the closest date
    /// written before it, else of the first one after it.
    pub(crate) fn day_at(&self, at: usize) -> Option<i64> {
        if self.doc_day.is_some() {
            return self.doc_day;
        }
        let i = self.marks.partition_point(|(o, _)| *o <= at);
        match i.checked_sub(1) {
            Some(p) => self.marks.get(p).map(|(_, d)| *d),
            None => self.marks.first().map(|(_, d)| *d),
        }
    }
}

/// The first day an EDTF date names: read directly for the common forms (`1950`,
/// `1950-06`, `1950-06-27`, and intervals starting with them), else through the EDTF parser.
fn first_day(edtf: &str) -> Option<i64> {
    let start = edtf.split('/').next().unwrap_or(edtf);
    let bytes = start.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = start.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let simple = match bytes.len() {
        4 => digits(0..4).map(|y| (y, 1, 1)),
        7 if bytes[4] == b'-' => match (digits(0..4), digits(5..7)) {
            (Some(y), Some(m)) if (1..=12).contains(&m) => Some((y, m, 1)),
            _ => None,
        },
        10 if bytes[4] == b'-' && bytes[7] == b'-' => {
            match (digits(0..4), digits(5..7), digits(8..10)) {
                (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
                    Some((y, m, d))
                }
                _ => None,
            }
        }
        _ => None,
    };
    match simple {
        Some((y, m, d)) => Some(chancery_model::date::days::from_civil(y, m as u8, d as u8)),
        None => chancery_model::DocDate::parse_edtf(edtf).ok()?.earliest(),
    }
}

/// What to take into account when scanning a text.
pub(crate) struct Setting<'a> {
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) doc_day: Option<i64>,
    pub(crate) context_year: Option<i64>,
    pub(crate) home: Option<u32>,
}

#[derive(Debug, Clone, Copy)]
enum What {
    Hit(usize),
    Person(usize),
    Role(usize),
    Place(usize),
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    ext_start: usize,
    priority: u8,
    what: What,
}

/// A mention while it is being settled.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: MentionKind,
    entity: Option<u32>,
    confidence: f32,
    source: MentionSource,
    /// Surnames (folded) later mentions may use for this person.
    surnames: Vec<String>,
}

/// Finds the mentions of `text`, leaving out spans `blocked` (mentions given by markup or
/// confirmed by an editor) and anything an editor rejected.
pub(crate) fn scan(toks: &Tokens<'_>, setting: &Setting<'_>, kept: &[Mention]) -> Vec<Mention> {
    let g = setting.gazetteer;
    let text = toks.text;
    let mut hits = g.find_names(toks);
    filter_hits(toks, &mut hits);
    let found_dates = dates::find(toks, setting.context_year);
    let timeline = Timeline::new(setting.doc_day, &found_dates);

    let rules = Rules {
        toks,
        gazetteer: g,
        hits: &hits,
    };
    let found_rules = rules.find();
    let place_rules = places::find(toks);

    let blocked: Vec<(usize, usize)> = kept
        .iter()
        .filter(|m| m.status != MentionStatus::Rejected)
        .map(|m| (m.start as usize, m.end as usize))
        .collect();
    let candidates = candidates(
        &hits,
        &found_rules.persons,
        &found_rules.roles,
        &place_rules,
    );
    let selected = select(candidates, &blocked);

    let mut linker = Linker::new(g, setting.home);
    let mut found = link_all(
        toks,
        &selected,
        &hits,
        &found_rules.persons,
        &found_rules.roles,
        &place_rules,
        &timeline,
        &mut linker,
    );
    follow_surnames(toks, &hits, &mut found, &blocked);

    let mut out: Vec<Mention> = Vec::with_capacity(found.len() + found_dates.len());
    for f in found {
        if let Some(m) = mention(
            text,
            g,
            f.start,
            f.end,
            f.kind,
            f.entity,
            None,
            f.confidence,
            f.source,
        ) {
            out.push(m);
        }
    }
    for d in found_dates {
        if blocked.iter().any(|&(s, e)| s < d.end && d.start < e) {
            continue;
        }
        let confidence = if d.year_from_context { 0.8 } else { 0.95 };
        if let Some(m) = mention(
            text,
            g,
            d.start,
            d.end,
            MentionKind::Date,
            None,
            d.edtf,
            confidence,
            MentionSource::Rule,
        ) {
            out.push(m);
        }
    }
    out.retain(|m| !rejected(m, kept));
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// Whether an editor rejected this mention (the same span and kind, or the same entity).
fn rejected(m: &Mention, kept: &[Mention]) -> bool {
    kept.iter().any(|k| {
        k.status == MentionStatus::Rejected
            && k.start == m.start
            && k.end == m.end
            && (k.kind == m.kind || (k.entity_id.is_some() && k.entity_id == m.entity_id))
    })
}

#[allow(clippy::too_many_arguments)]
fn mention(
    text: &str,
    g: &Gazetteer,
    start: usize,
    end: usize,
    kind: MentionKind,
    entity: Option<u32>,
    normalized: Option<String>,
    confidence: f32,
    source: MentionSource,
) -> Option<Mention> {
    Some(Mention {
        kind,
        text: text.get(start..end)?.to_string(),
        start: u32::try_from(start).ok()?,
        end: u32::try_from(end).ok()?,
        entity_id: entity.map(|e| g.entity_at(e).id.clone()),
        normalized,
        confidence,
        status: MentionStatus::Automatic,
        source,
        field: chancery_model::MentionField::Text,
    })
}

/// Words after a place's name that make it part of another name: "Washington Post",
/// "Georgetown University".
const ORGANIZATION_NOUNS: &[&str] = &[
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "university",
    "college",
    "company",
    "corporation",
    "bank",
    "institute",
    "institution",
    "review",
    "press",
    "club",
    "daily",
    "hotel",
    "inc",
    "ltd",
    "airlines",
    "school",
    "foundation",
    "endowment",
    "star",
    "globe",
    "observer",
    "chronicle",
    "monitor",
    "record",
    "news",
    "telegraph",
    "guardian",
];

/// Drops gazetteer names that the words around them show to be something else.
fn filter_hits(toks: &Tokens<'_>, hits: &mut Vec<NameHit>) {
    let (text, tokens) = (toks.text, &toks.list);
    hits.retain_mut(|hit| {
        let first = tokens::index_at(tokens, hit.start);
        let after = tokens::index_at(tokens, hit.end);
        let single_token = after == first + 1;
        let next = tokens.get(after);
        let next_key = next
            .filter(|t| t.is_word() && t.spaced)
            .map(|_| toks.key(after));
        let prev = first.checked_sub(1).and_then(|p| tokens.get(p));
        // Abbreviations in capitals inside text written all in capitals ("TOLD US").
        hit.targets.retain(|t| {
            !t.exact_upper
                || !(prev.is_some_and(|p| shouting(text, p))
                    || next.is_some_and(|n| shouting(text, n)))
        });
        hit.targets.retain(|t| {
            let name_words = t.words;
            match t.kind {
                EntityKind::Place => !next_key.is_some_and(|k| {
                    ORGANIZATION_NOUNS.contains(&k) && next.is_some_and(|n| n.cap)
                }),
                EntityKind::Person => {
                    // "Truman Doctrine", "Stalin-era", "Franco-Prussian"; but "the Roosevelt
                    // Administration" names the man and his government.
                    let compound = next.is_some_and(|n| n.is_punct('-') && !n.spaced);
                    let named_thing = name_words == 1
                        && next_key
                            .is_some_and(|k| names::is_stop_noun(k) && !is_government_noun(k))
                        && next.is_some_and(|n| n.cap);
                    !(named_thing || single_token && compound)
                }
                EntityKind::Organization => {
                    if name_words > 1 {
                        return true;
                    }
                    // "Congress of Vienna", "Polish Senate": a one-word name of an
                    // organization that is part of a longer name.
                    let of_name =
                        next_key == Some("of") && tokens.get(after + 1).is_some_and(|t| t.cap);
                    let after_name = prev.is_some_and(|p| {
                        p.is_word()
                            && p.cap
                            && p.spaced
                            && !names::is_function_word(toks.key(first - 1))
                    });
                    !(of_name || after_name)
                }
            }
        });
        !hit.targets.is_empty()
    });
}

/// Nouns after a surname that still refer to the person: "the Eisenhower Administration".
fn is_government_noun(key: &str) -> bool {
    matches!(
        key,
        "administration" | "administrations" | "government" | "cabinet" | "presidency" | "era"
    )
}

/// Whether a token is a word of at least two letters in capitals (text written in capitals).
fn shouting(text: &str, t: &Token) -> bool {
    t.kind == Kind::Word && t.upper && t.text(text).chars().count() >= 2
}

fn candidates(
    hits: &[NameHit],
    persons: &[PersonRule],
    roles: &[RolePhrase],
    places: &[PlaceRule],
) -> Vec<Candidate> {
    let mut out = Vec::with_capacity(hits.len() + persons.len() + roles.len() + places.len());
    for (i, h) in hits.iter().enumerate() {
        out.push(Candidate {
            start: h.start,
            end: h.end,
            ext_start: h.start,
            priority: 3,
            what: What::Hit(i),
        });
    }
    for (i, p) in persons.iter().enumerate() {
        out.push(Candidate {
            start: p.start,
            end: p.end,
            ext_start: p.ext_start.min(p.start),
            priority: if p.how == How::Title { 2 } else { 1 },
            what: What::Person(i),
        });
    }
    for (i, r) in roles.iter().enumerate() {
        out.push(Candidate {
            start: r.start,
            end: r.end,
            ext_start: r.start,
            priority: 1,
            what: What::Role(i),
        });
    }
    for (i, p) in places.iter().enumerate() {
        out.push(Candidate {
            start: p.start,
            end: p.end,
            ext_start: p.start,
            priority: 1,
            what: What::Place(i),
        });
    }
    out
}

/// Keeps the longest of overlapping candidates (by the evidence they cover, a title
/// included), gazetteer names before rules among equals, and none overlapping `blocked`.
fn select(mut candidates: Vec<Candidate>, blocked: &[(usize, usize)]) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (b.end - b.ext_start)
            .cmp(&(a.end - a.ext_start))
            .then(b.priority.cmp(&a.priority))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: Vec<(usize, usize)> = blocked.to_vec();
    taken.sort_unstable();
    let mut out = Vec::new();
    for c in candidates {
        let (s, e) = (c.ext_start, c.end);
        if s >= e {
            continue;
        }
        let i = taken.partition_point(|&(ts, _)| ts < e);
        if taken[..i].iter().any(|&(_, te)| s < te) {
            continue;
        }
        taken.insert(i, (s, e));
        out.push(c);
    }
    out.sort_by_key(|c| c.start);
    out
}

#[allow(clippy::too_many_arguments)]
fn link_all(
    toks: &Tokens<'_>,
    selected: &[Candidate],
    hits: &[NameHit],
    persons: &[PersonRule],
    roles: &[RolePhrase],
    places: &[PlaceRule],
    timeline: &Timeline,
    linker: &mut Linker<'_>,
) -> Vec<Found> {
    let g = linker.g;
    let mut out: Vec<Option<Found>> = vec![None; selected.len()];
    // First the names that can mean one entity only, so that the others can prefer what the
    // document already names.
    for pass in 0..2 {
        for (i, c) in selected.iter().enumerate() {
            if out[i].is_some() {
                continue;
            }
            let day = timeline.day_at(c.start);
            let found = match c.what {
                What::Hit(h) => {
                    let hit = &hits[h];
                    let distinct = distinct_entities(hit);
                    if pass == 0 && distinct > 1 {
                        continue;
                    }
                    let choice = linker.choose(&hit.targets, day, None);
                    let surnames = match choice.kind {
                        EntityKind::Person => {
                            surnames_in(toks.folded_span(c.start, c.end), choice.entity, g)
                        }
                        _ => Vec::new(),
                    };
                    Found {
                        start: c.start,
                        end: c.end,
                        kind: choice.kind.mention_kind(),
                        entity: choice.entity,
                        confidence: choice.confidence,
                        source: MentionSource::Gazetteer,
                        surnames,
                    }
                }
                What::Person(p) => {
                    if pass == 0 {
                        continue;
                    }
                    let rule = &persons[p];
                    let full_key = toks.folded_span(rule.start, rule.end);
                    let surname = rule.words.last().map(String::as_str);
                    let first = if rule.words.len() >= 2 || rule.how == How::Initials {
                        rule.first.as_deref()
                    } else {
                        None
                    };
                    let role = rule.role.as_ref();
                    let linked = match rule.how {
                        How::Title | How::Given | How::Initials => {
                            linker.choose_person(full_key, surname, first, day, role)
                        }
                        How::FamilyFirst | How::Regnal => {
                            linker.choose_person(full_key, None, None, day, None)
                        }
                    };
                    let unlinked_confidence = match rule.how {
                        How::Title | How::Regnal => 0.8,
                        How::Given | How::Initials => 0.7,
                        How::FamilyFirst => 0.6,
                    };
                    let mut surnames: Vec<String> =
                        surname.map(str::to_string).into_iter().collect();
                    if rule.how == How::FamilyFirst
                        && let Some(f) = rule.words.first()
                    {
                        surnames.push(f.clone());
                    }
                    Found {
                        start: rule.start,
                        end: rule.end,
                        kind: MentionKind::Person,
                        entity: linked.map(|(e, _)| e),
                        confidence: linked.map_or(unlinked_confidence, |(_, c)| c),
                        source: MentionSource::Rule,
                        surnames,
                    }
                }
                What::Role(r) => {
                    if pass == 0 {
                        continue;
                    }
                    let phrase = &roles[r];
                    let Some((e, confidence)) = linker.resolve_role(&phrase.role, day) else {
                        // A role nobody can be named for is not worth a mention.
                        continue;
                    };
                    Found {
                        start: phrase.start,
                        end: phrase.end,
                        kind: MentionKind::Person,
                        entity: Some(e),
                        confidence,
                        source: MentionSource::Rule,
                        surnames: Vec::new(),
                    }
                }
                What::Place(p) => {
                    let place = &places[p];
                    Found {
                        start: place.start,
                        end: place.end,
                        kind: MentionKind::Place,
                        entity: None,
                        confidence: 0.7,
                        source: MentionSource::Rule,
                        surnames: Vec::new(),
                    }
                }
            };
            if let Some(e) = found.entity {
                linker.note(e);
            }
            out[i] = Some(found);
        }
    }
    out.into_iter().flatten().collect()
}

fn distinct_entities(hit: &NameHit) -> usize {
    let mut seen: Vec<u32> = Vec::new();
    for t in &hit.targets {
        if !seen.contains(&t.entity) {
            seen.push(t.entity);
        }
    }
    seen.len()
}

/// The surnames a person's name as written gives later mentions: its last word (before Jr.
/// or a numeral), and its first when the person writes the family name first.
fn surnames_in(key: &str, entity: Option<u32>, g: &Gazetteer) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    if let Some(last) = words
        .iter()
        .rev()
        .find(|w| !names::is_suffix(w) && !names::is_roman(&w.to_uppercase()) && w.len() > 1)
    {
        out.push((*last).to_string());
    }
    if entity.is_some_and(|e| g.entity_at(e).family_name_first)
        && let Some(first) = words.first()
        && words.len() > 1
    {
        out.push((*first).to_string());
    }
    out
}

/// Words before a place's name that show it is the place, not a person of that name.
const LOCATIVE: &[&str] = &[
    "in", "to", "from", "at", "near", "via", "toward", "towards", "into", "of", "across",
    "outside", "inside", "around", "through", "between", "and",
];

/// Surnames alone that refer back to a person named before in the same text: "Kirk" after
/// "Alan G. Kirk", "Washington" after "George Washington" (unless written as a place: "in
/// Washington").
fn follow_surnames(
    toks: &Tokens<'_>,
    hits: &[NameHit],
    found: &mut Vec<Found>,
    blocked: &[(usize, usize)],
) {
    let (text, tokens) = (toks.text, &toks.list);
    let mut antecedents: FxHashMap<String, Vec<(usize, Option<u32>)>> = FxHashMap::default();
    for f in found.iter().filter(|f| f.kind == MentionKind::Person) {
        for s in &f.surnames {
            antecedents
                .entry(s.clone())
                .or_default()
                .push((f.end, f.entity));
        }
    }
    if antecedents.is_empty() {
        return;
    }
    let mut added: Vec<Found> = Vec::new();
    let mut replace: Vec<(usize, Found)> = Vec::new();
    let mut i = 0;
    for (ti, t) in tokens.iter().enumerate() {
        if t.kind != Kind::Word || !t.cap || t.upper && t.text(text).chars().count() > 1 {
            continue;
        }
        // Skip what is already a mention, except a one-word place that may be a surname.
        while i < found.len() && found[i].end <= t.start {
            i += 1;
        }
        let covering = found
            .get(i)
            .filter(|f| f.start <= t.start && t.end <= f.end)
            .map(|_| i);
        if let Some(ci) = covering {
            let f = &found[ci];
            let one_word_place = f.kind != MentionKind::Person
                && f.start == t.start
                && f.end == t.end
                && f.source == MentionSource::Gazetteer;
            if !one_word_place {
                continue;
            }
        } else if found
            .get(i)
            .is_some_and(|f| f.start < t.end && t.start < f.end)
        {
            continue;
        }
        if blocked.iter().any(|&(s, e)| s < t.end && t.start < e) {
            continue;
        }
        let Some(list) = antecedents.get(toks.key(ti)) else {
            continue;
        };
        let Some(&(_, entity)) = list.iter().rev().find(|(end, _)| *end <= t.start) else {
            continue;
        };
        let next = tokens.get(ti + 1);
        let prev = ti.checked_sub(1).and_then(|p| tokens.get(p));
        let next_key = next
            .filter(|n| n.is_word() && n.spaced)
            .map(|_| toks.key(ti + 1));
        // "Truman Doctrine", or a longer name this word only begins.
        if next.is_some_and(|n| n.is_word() && n.spaced && n.cap)
            && next_key.is_some_and(|k| {
                !is_government_noun(k) && (names::is_stop_noun(k) || !names::is_function_word(k))
            })
        {
            continue;
        }
        if next.is_some_and(|n| n.is_punct('-') && !n.spaced) {
            continue;
        }
        // Part of another person's name: "John Quincy Adams" is not "Adams" after "John
        // Adams" — the rules would have found it; a given name or initial before means so.
        let prev_key = prev.filter(|p| p.is_word()).map(|_| toks.key(ti - 1));
        if prev.is_some_and(|p| p.is_punct('.') && !t.spaced) {
            continue;
        }
        if prev.is_some_and(|p| p.is_word() && p.cap && p.spaced)
            && prev_key.is_some_and(names::is_given_name)
        {
            continue;
        }
        // A place is read as a person only after that person was named and linked, and not
        // where the words around it make it a place ("in Washington").
        if covering.is_some()
            && (entity.is_none() || prev_key.is_some_and(|k| LOCATIVE.contains(&k)))
        {
            continue;
        }
        if covering.is_some()
            && next.is_some_and(|n| n.is_punct(','))
            && hits.iter().any(|h| h.start == t.start && h.end > t.end)
        {
            continue;
        }
        // Include a particle written before the surname: "de Gaulle".
        let start = match prev {
            Some(p) if p.is_word() && !p.cap && prev_key.is_some_and(names::is_particle) => p.start,
            _ => t.start,
        };
        let f = Found {
            start,
            end: t.end,
            kind: MentionKind::Person,
            entity,
            confidence: if entity.is_some() { 0.85 } else { 0.65 },
            source: if entity.is_some() {
                MentionSource::Gazetteer
            } else {
                MentionSource::Rule
            },
            surnames: Vec::new(),
        };
        match covering {
            Some(ci) => replace.push((ci, f)),
            None => added.push(f),
        }
    }
    for (ci, f) in replace {
        if let Some(slot) = found.get_mut(ci) {
            *slot = f;
        }
    }
    found.extend(added);
    found.sort_by_key(|f| (f.start, f.end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str, year: Option<i64>) -> Vec<(String, MentionKind, Option<String>)> {
        let g = Gazetteer::baseline().unwrap();
        let setting = Setting {
            gazetteer: &g,
            doc_day: year.map(|y| chancery_model::date::days::from_civil(y, 6, 27)),
            context_year: year,
            home: g.index_of("place:united-states"),
        };
        scan(&Tokens::new(text), &setting, &[])
            .into_iter()
            .map(|m| (m.text, m.kind, m.entity_id.or(m.normalized)))
            .collect()
    }

    #[test]
    fn names_titles_surnames_and_dates() {
        let got = scan_text(
            "On June 25 Ambassador Kirk saw Foreign Minister Andrei Gromyko in Moscow. \
             Gromyko said the Soviet Union would not intervene; the Secretary of State agreed.",
            Some(1950),
        );
        let want = [
            ("June 25", MentionKind::Date, Some("1950-06-25")),
            ("Kirk", MentionKind::Person, None),
            (
                "Andrei Gromyko",
                MentionKind::Person,
                Some("gromyko-andrei"),
            ),
            ("Moscow", MentionKind::Place, Some("place:moscow")),
            ("Gromyko", MentionKind::Person, Some("gromyko-andrei")),
            (
                "Soviet Union",
                MentionKind::Place,
                Some("place:soviet-union"),
            ),
            (
                "Secretary of State",
                MentionKind::Person,
                Some("acheson-dean-gooderham"),
            ),
        ];
        let got: Vec<(&str, MentionKind, Option<&str>)> = got
            .iter()
            .map(|(t, k, e)| (t.as_str(), *k, e.as_deref()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn washington_is_the_man_after_george_washington_and_the_city_after_in() {
        let got = scan_text(
            "George Washington wrote; Washington then sailed. Congress met in Washington.",
            Some(1790),
        );
        let kinds: Vec<(&str, MentionKind)> =
            got.iter().map(|(t, k, _)| (t.as_str(), *k)).collect();
        assert_eq!(
            kinds,
            [
                ("George Washington", MentionKind::Person),
                ("Washington", MentionKind::Person),
                ("Congress", MentionKind::Organization),
                ("Washington", MentionKind::Place),
            ]
        );
    }

    #[test]
    fn dates_choose_between_entities_of_one_name() {
        let g = scan_text("Wilson spoke of Georgia and China.", Some(1917));
        assert_eq!(g[0].2.as_deref(), Some("wilson-woodrow"));
        assert_eq!(g[1].2.as_deref(), Some("place:us-georgia"));
        assert_eq!(g[2].2.as_deref(), Some("place:roc"));
        let g = scan_text("Wilson spoke of Georgia and China.", Some(1967));
        assert_eq!(g[0].2.as_deref(), Some("wilson-harold"));
        assert_eq!(g[2].2.as_deref(), Some("place:prc"));
    }
}

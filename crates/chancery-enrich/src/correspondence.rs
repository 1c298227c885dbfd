//! Senders and recipients: read from headings ("Richard W. Leopold to George F. Kennan",
//! "123. The Ambassador in the Soviet Union (Kirk) to the Secretary of State", "Memorandum
//! From … to …"), from captions ("… Ambassador Alan G. Kirk presents Soviet Foreign Minister
//! Andrei Gromyko with an aide-memoire"), or from a letter's salutation and signature.

use chancery_model::{AgentRef, BlockKind, Document, Mention, MentionKind};

use crate::entity::EntityKind;
use crate::fold;
use crate::link::Linker;
use crate::names::{self, fold_word};
use crate::offices::Office;
use crate::persons::RoleWanted;
use crate::tokens::{self, Kind, Tokens};

/// Where the correspondents were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrespondenceSource {
    /// The title or the document's heading.
    Heading,
    /// The caption.
    Caption,
    /// The salutation ("Dear Kennan:") and the signature.
    Letter,
}

/// Who wrote a document to whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correspondents {
    /// The senders, linked to authorities where possible.
    pub senders: Vec<AgentRef>,
    /// The recipients.
    pub recipients: Vec<AgentRef>,
    /// Where they were read.
    pub source: CorrespondenceSource,
}

pub(crate) struct Reader<'a, 'g> {
    pub(crate) linker: &'a Linker<'g>,
    pub(crate) day: Option<i64>,
}

/// Words that make a heading's side an office or organization rather than a person.
const ORGANIZATION_WORDS: &[&str] = &[
    "embassy",
    "legation",
    "consulate",
    "department",
    "mission",
    "delegation",
    "office",
    "ministry",
    "government",
    "staff",
    "division",
    "bureau",
    "committee",
    "council",
    "posts",
    "missions",
    "embassies",
    "legations",
    "consulates",
    "offices",
    "agency",
    "secretariat",
    "headquarters",
    "commission",
    "board",
    "foreign office",
    "white house",
];

impl Reader<'_, '_> {
    /// Reads the correspondents of `doc`: its heading first, then its caption, then the
    /// salutation and signature of a letter.
    pub(crate) fn read(
        &self,
        doc: &Document,
        text_mentions: &[Mention],
        caption_mentions: &[Mention],
        caption_tokens: Option<&Tokens<'_>>,
    ) -> Option<Correspondents> {
        let heading = doc
            .body
            .iter()
            .find(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.as_str());
        for h in std::iter::once(doc.title.as_str()).chain(heading) {
            if let Some((senders, recipients)) = self.heading(h) {
                return Some(Correspondents {
                    senders,
                    recipients,
                    source: CorrespondenceSource::Heading,
                });
            }
        }
        if let Some(toks) = caption_tokens
            && let Some((senders, recipients)) = self.caption(toks, caption_mentions)
        {
            return Some(Correspondents {
                senders,
                recipients,
                source: CorrespondenceSource::Caption,
            });
        }
        self.letter(doc, text_mentions)
    }

    /// "X to Y", "Memorandum From X (title) Through Z to Y", "123. The Ambassador in the
    /// Soviet Union (Kirk) to the Secretary of State".
    pub(crate) fn heading(&self, heading: &str) -> Option<(Vec<AgentRef>, Vec<AgentRef>)> {
        let mut h = heading.trim();
        // "123. " before FRUS headings.
        let digits = h.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && h[digits..].starts_with(". ") {
            h = h[digits + 2..].trim_start();
        }
        // A document type and "From": "Memorandum From …", "Telegram From …".
        if let Some(at) = find_top_level(h, " From ").or_else(|| find_top_level(h, " from ")) {
            let kind = &h[..at];
            if chancery_model::DocType::from_title(kind).is_none()
                && kind.split_whitespace().count() > 4
            {
                return None;
            }
            h = &h[at + " From ".len()..];
        } else if h.starts_with("From ") {
            h = &h["From ".len()..];
        }
        let split = split_to(h)?;
        let (left, right) = (&h[..split], &h[split + " to ".len()..]);
        // "X Through Z": the intermediary is not the sender.
        let left = find_top_level(left, " Through ")
            .or_else(|| find_top_level(left, " through "))
            .map_or(left, |at| &left[..at]);
        let senders = self.side(left)?;
        let recipients = self.side(right)?;
        Some((senders, recipients))
    }

    /// The agents one side of a heading names ("X and Y").
    fn side(&self, side: &str) -> Option<Vec<AgentRef>> {
        let side = side.trim().trim_end_matches(['.', ',', ';', ':']).trim();
        if side.is_empty() || side.split_whitespace().count() > 16 {
            return None;
        }
        let mut out = Vec::new();
        for part in split_top_level(side, " and ") {
            out.push(self.agent(part)?);
        }
        (!out.is_empty()).then_some(out)
    }

    /// One agent of a heading: a person (with a title in parentheses, or a role with the
    /// surname in parentheses), an office held at the document's date, or an organization.
    fn agent(&self, raw: &str) -> Option<AgentRef> {
        let raw = raw.trim();
        let unthe = raw
            .strip_prefix("the ")
            .or_else(|| raw.strip_prefix("The "))
            .unwrap_or(raw)
            .trim();
        if unthe.is_empty() || !unthe.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        // A quick look before the work: an agent's words are capitalized, or small words
        // of names and offices ("Ambassador in the Soviet Union", "Charles de Gaulle").
        let small = |w: &str| {
            matches!(
                w,
                "of" | "the"
                    | "in"
                    | "to"
                    | "for"
                    | "at"
                    | "on"
                    | "and"
                    | "de"
                    | "van"
                    | "von"
                    | "d"
                    | "la"
                    | "le"
                    | "du"
                    | "al"
                    | "bin"
                    | "da"
                    | "del"
                    | "y"
                    | "des"
            )
        };
        if unthe
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase) && !small(w))
        {
            return None;
        }
        let (outer, inner) = match unthe
            .strip_suffix(')')
            .and_then(|s| s.rfind('(').map(|i| (i, s)))
        {
            Some((open, s)) => (s[..open].trim(), Some(s[open + 1..].trim())),
            None => (unthe, None),
        };
        // "President Ford": a title before a name.
        if inner.is_none()
            && let Some((title, name)) = split_title(outer)
        {
            let role = self.role_wanted(title, Office::from_title(title));
            let person = self.person(name, Some(&role));
            return Some(AgentRef {
                id: person.id,
                name: outer.to_string(),
            });
        }
        let outer_role = role_phrase(outer);
        match inner {
            // "The Ambassador in the Soviet Union (Kirk)".
            Some(name) if outer_role.is_some() && looks_like_name(name) => {
                let role = self.role_wanted(outer, outer_role);
                Some(self.person(name, Some(&role)))
            }
            // "G. Bernard Noble (Chief of the Historical Division)".
            Some(title) if looks_like_name(outer) => {
                let role = role_phrase(title).map(|o| self.role_wanted(title, Some(o)));
                Some(self.person(outer, role.as_ref()))
            }
            Some(_) => None,
            None if outer_role.is_some() && !is_organization(outer) => {
                let role = self.role_wanted(outer, outer_role);
                let linked = self.linker.resolve_role(&role, self.day);
                Some(AgentRef {
                    id: linked.map(|(e, _)| self.linker.g.entity_at(e).id.clone()),
                    name: outer.to_string(),
                })
            }
            None if is_organization(outer) => {
                let id = self
                    .linker
                    .g
                    .lookup(outer)
                    .into_iter()
                    .find(|e| e.kind != EntityKind::Person)
                    .map(|e| e.id.clone());
                Some(AgentRef {
                    id,
                    name: outer.to_string(),
                })
            }
            None if looks_like_name(outer) => Some(self.person(outer, None)),
            None => None,
        }
    }

    fn person(&self, name: &str, role: Option<&RoleWanted>) -> AgentRef {
        let key = fold::key(name);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let surname = words
            .iter()
            .rev()
            .find(|w| !names::is_suffix(w) && w.len() > 1)
            .copied();
        let first = (words.len() >= 2).then(|| words[0]);
        let linked = self
            .linker
            .choose_person(&key, surname, first, self.day, role)
            .or_else(|| {
                // A surname alone in a heading names someone the reader knows: take the
                // one person of that name alive at the time, if there is just one.
                (words.len() == 1)
                    .then(|| {
                        let wanted = RoleWanted {
                            office: None,
                            of: Vec::new(),
                            at: Vec::new(),
                        };
                        self.linker
                            .choose_person(&key, surname, None, self.day, Some(&wanted))
                    })
                    .flatten()
            });
        AgentRef {
            id: linked.map(|(e, _)| self.linker.g.entity_at(e).id.clone()),
            name: name.to_string(),
        }
    }

    /// The role a phrase names: the office, the state it belongs to ("Soviet", "of the
    /// United States") and where it is held ("in the Soviet Union", "to France").
    fn role_wanted(&self, phrase: &str, office: Option<Office>) -> RoleWanted {
        let g = self.linker.g;
        let mut of = Vec::new();
        let mut at = Vec::new();
        let mut buf = String::new();
        for hit in g.find_names(&Tokens::new(phrase)) {
            let before = phrase[..hit.start].trim_end();
            let places: Vec<u32> = hit
                .targets
                .iter()
                .filter(|t| g.entity_at(t.entity).kind != EntityKind::Person)
                .map(|t| t.entity)
                .collect();
            let last = before.rsplit(' ').next().unwrap_or("");
            let last = if last == "the" {
                before
                    .trim_end_matches("the")
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
            } else {
                last
            };
            match fold_word(last, &mut buf) {
                "in" | "to" | "at" => at.extend(places),
                _ => of.extend(places),
            }
        }
        if let Some(first) = phrase.split_whitespace().next() {
            of.extend_from_slice(g.states_of_demonym(fold_word(first, &mut buf)));
        }
        RoleWanted { office, of, at }
    }

    /// "X presents Y with …", "X hands Y …", "X sends … to Y", "X addresses … to Y".
    fn caption(
        &self,
        toks: &Tokens<'_>,
        mentions: &[Mention],
    ) -> Option<(Vec<AgentRef>, Vec<AgentRef>)> {
        let caption = toks.text;
        let tokens = &toks.list;
        let agents: Vec<&Mention> = mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Person | MentionKind::Organization))
            .collect();
        for (v, t) in tokens.iter().enumerate() {
            if t.kind != Kind::Word {
                continue;
            }
            let Some(object_first) = verb(toks.key(v)) else {
                continue;
            };
            let sender = agents.iter().rev().find(|m| {
                (m.end as usize) <= t.start && !sentence_between(caption, m.end as usize, t.start)
            })?;
            let after: Vec<&&Mention> = agents
                .iter()
                .filter(|m| m.start as usize >= t.end)
                .collect();
            let recipient = after.iter().find(|m| {
                let gap_tokens = tokens::index_at(tokens, m.start as usize).saturating_sub(v + 1);
                let between = &caption[t.end..m.start as usize];
                let to_before = between.trim_end().ends_with(" to") || between.trim() == "to";
                !sentence_between(caption, t.end, m.start as usize)
                    && ((object_first && gap_tokens <= 6) || to_before)
            })?;
            return Some((vec![agent_ref(sender)], vec![agent_ref(recipient)]));
        }
        None
    }

    /// The person greeted ("Dear Kennan:") and the person who signs.
    fn letter(&self, doc: &Document, mentions: &[Mention]) -> Option<Correspondents> {
        let offsets = chancery_model::body::block_offsets(&doc.body);
        let mut recipients = Vec::new();
        let mut senders = Vec::new();
        for (block, offset) in doc.body.iter().zip(offsets) {
            let Some(start) = offset else {
                continue;
            };
            let end = start + block.text.len();
            let inside: Vec<&Mention> = mentions
                .iter()
                .filter(|m| {
                    m.kind == MentionKind::Person
                        && start <= m.start as usize
                        && (m.end as usize) <= end
                })
                .collect();
            match block.kind {
                BlockKind::Salute if recipients.is_empty() => {
                    recipients.extend(inside.first().map(|m| agent_ref(m)));
                }
                BlockKind::Signed if senders.is_empty() => {
                    senders.extend(inside.last().map(|m| agent_ref(m)));
                }
                _ => {}
            }
        }
        (!senders.is_empty() || !recipients.is_empty()).then_some(Correspondents {
            senders,
            recipients,
            source: CorrespondenceSource::Letter,
        })
    }
}

fn agent_ref(m: &Mention) -> AgentRef {
    AgentRef {
        id: m.entity_id.clone(),
        name: m.text.clone(),
    }
}

/// Verbs of handing over: `Some(true)` when the recipient follows directly ("presents
/// Gromyko with"), `Some(false)` when it follows "to" ("sends a note to").
fn verb(key: &str) -> Option<bool> {
    match key {
        "presents" | "presented" | "hands" | "handed" | "gives" | "gave" | "informs"
        | "informed" | "notifies" | "notified" | "tells" | "told" | "assures" | "assured"
        | "warns" | "warned" | "urges" | "urged" | "asks" | "asked" | "thanks" | "thanked" => {
            Some(true)
        }
        "sends" | "sent" | "addresses" | "addressed" | "delivers" | "delivered" | "transmits"
        | "transmitted" | "submits" | "submitted" | "forwards" | "forwarded" | "writes"
        | "wrote" | "replies" | "replied" | "communicates" | "communicated" => Some(false),
        _ => None,
    }
}

fn sentence_between(text: &str, from: usize, to: usize) -> bool {
    text.get(from.min(to)..to.max(from))
        .is_some_and(|s| s.contains(". ") || s.contains(';') || s.contains('\n'))
}

/// The office a phrase names when it starts with the title ("Ambassador in the Soviet
/// Union", "Soviet Foreign Minister", "Secretary of State", "Acting Secretary").
fn role_phrase(phrase: &str) -> Option<Office> {
    let office = Office::from_title(phrase)?;
    let mut buf = String::new();
    let first = phrase
        .split_whitespace()
        .next()
        .map(|w| fold_word(w, &mut buf).to_string())?;
    let starts_with_title = names::is_title_word(&first)
        || matches!(
            first.as_str(),
            "acting" | "deputy" | "assistant" | "under" | "foreign" | "special" | "permanent"
        )
        || phrase.split_whitespace().count() > 1 && first.chars().all(|c| c.is_alphabetic());
    starts_with_title.then_some(office)
}

/// A title and the name after it: "President Ford" → ("President", "Ford").
fn split_title(phrase: &str) -> Option<(&str, &str)> {
    let toks = Tokens::new(phrase);
    let title = names::title_at(&toks, 0)?;
    let rest_start = toks.get(title.next)?.start;
    let (title_text, rest) = (phrase[..rest_start].trim(), phrase[rest_start..].trim());
    (looks_like_name(rest) && !is_organization(rest)).then_some((title_text, rest))
}

fn is_organization(phrase: &str) -> bool {
    let key = format!(" {} ", fold::key(phrase));
    ORGANIZATION_WORDS
        .iter()
        .any(|w| key.contains(&format!(" {w} ")))
}

/// Whether a phrase reads as a personal name: one to five capitalized words or initials,
/// none of them a title, a document type or a function word.
fn looks_like_name(phrase: &str) -> bool {
    let toks = Tokens::new(phrase);
    let mut words = 0;
    for (i, t) in toks.list.iter().enumerate() {
        match t.kind {
            Kind::Word => {
                let key = toks.key(i);
                if names::is_particle(key) && !t.cap {
                    continue;
                }
                if !t.cap
                    || names::is_function_word(key)
                    || names::is_stop_noun(key)
                    || names::is_title_word(key) && i == 0
                    || chancery_model::DocType::from_name(key).is_some()
                {
                    return false;
                }
                words += 1;
            }
            Kind::Punct('.') | Kind::Punct(',') | Kind::Punct('\'') => {}
            _ => return false,
        }
    }
    (1..=5).contains(&words)
}

/// Where `needle` occurs outside parentheses.
fn find_top_level(text: &str, needle: &str) -> Option<usize> {
    top_level_positions(text, needle).into_iter().next()
}

fn top_level_positions(text: &str, needle: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let needle = needle.as_bytes();
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let mut depth = 0i32;
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            _ if depth == 0 && b == first && bytes[i..].starts_with(needle) => out.push(i),
            _ => {}
        }
    }
    out
}

fn split_top_level<'t>(text: &'t str, needle: &str) -> Vec<&'t str> {
    let mut parts = Vec::new();
    let mut from = 0;
    for at in top_level_positions(text, needle) {
        if at >= from {
            parts.push(&text[from..at]);
            from = at + needle.len();
        }
    }
    parts.push(&text[from..]);
    parts
}

/// The " to " that separates sender and recipient: after a closing parenthesis when there
/// is one ("The Ambassador to the Soviet Union (Kirk) to the Secretary"), else the first.
fn split_to(text: &str) -> Option<usize> {
    let positions = top_level_positions(text, " to ");
    positions
        .iter()
        .rev()
        .find(|&&p| text[..p].ends_with(')'))
        .or(positions.first())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use chancery_model::date::days;

    /// Agents as (name, id).
    type Agents = Vec<(String, Option<String>)>;

    fn heading(h: &str, year: i32) -> Option<(Agents, Agents)> {
        let g = Gazetteer::baseline().unwrap();
        let linker = Linker::new(&g, g.index_of("place:united-states"));
        let reader = Reader {
            linker: &linker,
            day: Some(days::from_civil(i64::from(year), 6, 27)),
        };
        let pairs = |v: Vec<AgentRef>| v.into_iter().map(|a| (a.name, a.id)).collect::<Vec<_>>();
        reader.heading(h).map(|(s, r)| (pairs(s), pairs(r)))
    }

    #[test]
    fn headings_name_senders_and_recipients() {
        let (s, r) = heading("Richard W. Leopold to George F. Kennan", 1957).unwrap();
        assert_eq!(s, [("Richard W. Leopold".into(), None)]);
        assert_eq!(
            r,
            [(
                "George F. Kennan".into(),
                Some("kennan-george-frost".into())
            )]
        );

        let (s, r) = heading(
            "The Secretary of State to the Embassy in the Soviet Union",
            1950,
        )
        .unwrap();
        assert_eq!(
            s,
            [(
                "Secretary of State".into(),
                Some("acheson-dean-gooderham".into())
            )]
        );
        assert_eq!(r, [("Embassy in the Soviet Union".into(), None)]);

        let (s, r) = heading(
            "Memorandum From G. Bernard Noble (Chief of the Historical Division) to Melville \
             Osborne (Office of Caribbean and Mexican Affairs)",
            1958,
        )
        .unwrap();
        assert_eq!(s[0].0, "G. Bernard Noble");
        assert_eq!(r[0].0, "Melville Osborne");

        let (s, _) = heading(
            "Memorandum From William Z. Slany (Associate Historian) and Edwin S. Costrell \
             (Associate Historian) to PA/HO Staff",
            1976,
        )
        .unwrap();
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn a_role_and_a_surname_in_parentheses() {
        let (s, r) = heading(
            "123. The Ambassador in the Soviet Union (Bohlen) to the Secretary of State",
            1955,
        )
        .unwrap();
        assert_eq!(s, [("Bohlen".into(), Some("bohlen-charles-eustis".into()))]);
        assert_eq!(r[0].1.as_deref(), Some("dulles-john-foster"));
    }

    #[test]
    fn headings_that_are_not_correspondence() {
        for h in [
            "Report to the President",
            "Transcript of 1958 Meeting of the Advisory Committee on Foreign Relations of the United States",
            "Introduction to the Series",
            "Address to the Nation",
        ] {
            assert!(heading(h, 1958).is_none(), "{h}");
        }
    }
}

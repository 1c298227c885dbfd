//! The persons, organizations and places a document names, as the index holds them: the
//! authority identifiers they are linked to (for filters and facets), and the names as
//! written (so that a name finds unlinked mentions too).
//!
//! They come from the document's mentions that are not rejected (in the text, the title or
//! the caption) and from its senders and recipients. A sender or recipient is an
//! organization when its identifier starts with `org:`, a place when it starts with
//! `place:` ("the Embassy in the Soviet Union"), and a person otherwise.

use chancery_model::{AgentRef, Document, MentionKind, MentionStatus};

/// The prefix of organization identifiers (`org:un-security-council`).
const ORG_PREFIX: &str = "org:";
/// The prefix of place identifiers (`place:soviet-union`).
const PLACE_PREFIX: &str = "place:";

/// A kind of named entity the index keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityKind {
    /// A person (`kirk-alan-goodrich`).
    Person,
    /// An organization (`org:nato`).
    Org,
    /// A place (`place:moscow`).
    Place,
}

impl EntityKind {
    /// The prefix every identifier of this kind starts with, if any.
    fn prefix(self) -> Option<&'static str> {
        match self {
            EntityKind::Person => None,
            EntityKind::Org => Some(ORG_PREFIX),
            EntityKind::Place => Some(PLACE_PREFIX),
        }
    }

    /// The kind a mention of `kind` names (none for dates).
    fn of_mention(kind: MentionKind) -> Option<Self> {
        match kind {
            MentionKind::Person => Some(EntityKind::Person),
            MentionKind::Organization => Some(EntityKind::Org),
            MentionKind::Place => Some(EntityKind::Place),
            MentionKind::Date => None,
        }
    }

    /// The kind a sender's or recipient's authority identifier names.
    pub(crate) fn of_agent_id(id: &str) -> Self {
        if id.starts_with(ORG_PREFIX) {
            EntityKind::Org
        } else if id.starts_with(PLACE_PREFIX) {
            EntityKind::Place
        } else {
            EntityKind::Person
        }
    }
}

/// What a document names, ready for the index.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Named {
    /// Linked person identifiers, each once, in order of appearance.
    pub(crate) persons: Vec<String>,
    /// Linked organization identifiers, each once.
    pub(crate) orgs: Vec<String>,
    /// Linked place identifiers, each once.
    pub(crate) places: Vec<String>,
    /// The names as written (mentions, senders, recipients), each once.
    pub(crate) names: Vec<String>,
}

impl Named {
    /// The persons, organizations and places `doc` names.
    pub(crate) fn of(doc: &Document) -> Self {
        let mut named = Named::default();
        for mention in &doc.mentions {
            if mention.status == MentionStatus::Rejected {
                continue;
            }
            let Some(kind) = EntityKind::of_mention(mention.kind) else {
                continue;
            };
            if let Some(id) = &mention.entity_id {
                named.link(kind, id);
            }
            named.name(&mention.text);
        }
        for agent in doc.senders.iter().chain(&doc.recipients) {
            named.agent(agent);
        }
        named
    }

    fn agent(&mut self, agent: &AgentRef) {
        if let Some(id) = &agent.id {
            self.link(EntityKind::of_agent_id(id), id);
        }
        self.name(&agent.name);
    }

    fn link(&mut self, kind: EntityKind, id: &str) {
        let ids = match kind {
            EntityKind::Person => &mut self.persons,
            EntityKind::Org => &mut self.orgs,
            EntityKind::Place => &mut self.places,
        };
        push_once(ids, id.trim());
    }

    fn name(&mut self, name: &str) {
        push_once(&mut self.names, name.trim());
    }
}

fn push_once(values: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !values.iter().any(|v| v == value) {
        values.push(value.to_string());
    }
}

/// The identifiers a filter value `person:VALUE`, `org:VALUE` or `place:VALUE` stands for:
/// the value itself and, when it has capitals, the value in lowercase (identifiers are
/// lowercase slugs); for organizations and places, also with the kind's prefix put in front
/// when the value lacks it (`place:moscow` means the identifier `place:moscow`).
pub(crate) fn candidate_ids(kind: EntityKind, value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for form in [value.to_string(), value.to_lowercase()] {
        push_once(&mut out, &form);
        if let Some(prefix) = kind.prefix()
            && !form.starts_with(prefix)
        {
            push_once(&mut out, &format!("{prefix}{form}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chancery_model::{DocumentId, Mention, MentionField, MentionSource};

    use super::*;

    fn mention(kind: MentionKind, text: &str, id: Option<&str>, status: MentionStatus) -> Mention {
        Mention {
            kind,
            text: text.into(),
            start: 0,
            end: 0,
            entity_id: id.map(Into::into),
            normalized: None,
            confidence: 0.9,
            status,
            source: MentionSource::Gazetteer,
            field: MentionField::Text,
        }
    }

    fn agent(id: Option<&str>, name: &str) -> AgentRef {
        AgentRef {
            id: id.map(Into::into),
            name: name.into(),
        }
    }

    #[test]
    fn linked_mentions_senders_and_recipients_by_kind() {
        let mut doc = Document::new(DocumentId::from_key("d"), "T", "text");
        doc.mentions = vec![
            mention(
                MentionKind::Person,
                "Gromyko",
                Some("gromyko-andrei"),
                MentionStatus::Automatic,
            ),
            mention(
                MentionKind::Person,
                "Andrei Gromyko",
                Some("gromyko-andrei"),
                MentionStatus::Confirmed,
            ),
            mention(
                MentionKind::Place,
                "Moscow",
                Some("place:moscow"),
                MentionStatus::Automatic,
            ),
            mention(
                MentionKind::Organization,
                "NATO",
                None,
                MentionStatus::Automatic,
            ),
            mention(
                MentionKind::Person,
                "Stalin",
                Some("stalin-joseph"),
                MentionStatus::Rejected,
            ),
            mention(
                MentionKind::Date,
                "June 1950",
                None,
                MentionStatus::Automatic,
            ),
            Mention {
                field: MentionField::Title,
                ..mention(
                    MentionKind::Organization,
                    "Security Council",
                    Some("org:un-security-council"),
                    MentionStatus::Automatic,
                )
            },
        ];
        doc.senders = vec![agent(Some("kirk-alan-goodrich"), "Alan G. Kirk")];
        doc.recipients = vec![
            agent(Some("place:soviet-union"), "Embassy in the Soviet Union"),
            agent(Some("org:state-department"), "Department of State"),
            agent(None, "Acheson"),
            agent(Some("kirk-alan-goodrich"), "Kirk"),
        ];
        let named = Named::of(&doc);
        assert_eq!(named.persons, ["gromyko-andrei", "kirk-alan-goodrich"]);
        assert_eq!(
            named.orgs,
            ["org:un-security-council", "org:state-department"]
        );
        assert_eq!(named.places, ["place:moscow", "place:soviet-union"]);
        assert_eq!(
            named.names,
            [
                "Gromyko",
                "Andrei Gromyko",
                "Moscow",
                "NATO",
                "Security Council",
                "Alan G. Kirk",
                "Embassy in the Soviet Union",
                "Department of State",
                "Acheson",
                "Kirk",
            ]
        );
    }

    #[test]
    fn a_document_without_names_has_none() {
        let doc = Document::new(DocumentId::from_key("d"), "T", "text");
        assert_eq!(Named::of(&doc), Named::default());
    }

    #[test]
    fn filter_values_stand_for_identifiers() {
        assert_eq!(
            candidate_ids(EntityKind::Person, "kirk-alan-goodrich"),
            ["kirk-alan-goodrich"]
        );
        assert_eq!(candidate_ids(EntityKind::Person, "Kirk"), ["Kirk", "kirk"]);
        assert_eq!(
            candidate_ids(EntityKind::Place, "moscow"),
            ["moscow", "place:moscow"]
        );
        assert_eq!(
            candidate_ids(EntityKind::Place, "place:moscow"),
            ["place:moscow"]
        );
        assert_eq!(
            candidate_ids(EntityKind::Org, "NATO"),
            ["NATO", "org:NATO", "nato", "org:nato"]
        );
        assert_eq!(candidate_ids(EntityKind::Org, "org:nato"), ["org:nato"]);
    }
}
